//! Each role's home page.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use rapport_app::intake::IntakeProgress;
use rapport_app::{admin, care_teams};
use rapport_core::accounts::{CareTeamRole, Credential, Role};
use serde::Deserialize;

use super::render;
use super::templates::{
    AccountRowView, AdminHome, ClientHome, ClientRow, ClinicianHome, DueView, FieldView, FormError,
    Layout, TeamRow, date,
};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::messages;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    done: Option<String>,
}

/// The notice to show after a form redirected here.
pub fn notice_text(n: &Notice) -> Option<&'static str> {
    match n.done.as_deref() {
        Some("contact") => Some(messages::CONTACT_SAVED),
        Some("user") => Some(messages::USER_CREATED),
        Some("team") => Some(messages::ASSIGNED),
        Some("password") => Some(messages::PASSWORD_CHANGED),
        Some("totp") => Some(messages::TOTP_ON),
        Some("checkin") => Some(messages::CHECKIN_SAVED),
        Some("feedback") => Some("Thank you for your feedback. Your therapist will see it."),
        Some("therapist") => Some(
            "Thank you for telling us. The practice will be in touch about a different therapist.",
        ),
        Some("calendar") => Some(
            "The calendar address is stopped. Calendar apps subscribed to it get nothing more.",
        ),
        _ => None,
    }
}

pub async fn home(State(state): State<AppState>, ctx: Ctx, Query(n): Query<Notice>) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(redirect) => return redirect.into_response(),
    };
    let result = match current.actor.role {
        Role::Client | Role::Family => {
            client_home(&state, &ctx, &current.actor, notice_text(&n)).await
        }
        Role::Clinician => clinician_home(&state, &ctx, &current.actor).await,
        Role::Admin => {
            admin_home(
                &state,
                &ctx,
                &current.actor,
                notice_text(&n),
                AdminForm::default(),
                vec![],
            )
            .await
        }
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

pub fn team_rows(team: Vec<care_teams::TeamMember>) -> Vec<TeamRow> {
    team.into_iter()
        .map(|m| TeamRow {
            name: m.name,
            credential: m.credential.map(Credential::label),
            role: m.role.label(),
            since: date(m.since),
        })
        .collect()
}

async fn client_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let record = care_teams::client_record(&state.app, actor, actor.user_id).await?;
    let mut due: Vec<DueView> = rapport_app::measures::due_today(&state.app, actor)
        .await?
        .into_iter()
        .map(|d| DueView {
            href: if d.what == "checkin" {
                "/checkin".into()
            } else {
                format!("/measures/{}", d.what)
            },
            label: d.label.to_string(),
            minutes: d.minutes,
            due: d.due,
            last: d.last.map(|day| day.format("%-d %b").to_string()),
        })
        .collect();
    let mut next_session = None;
    if actor.role == Role::Client {
        let tz = &record.timezone;
        for f in rapport_app::sessions::due_feedback(&state.app, actor).await? {
            let (day, _) = super::sessions::local(f.starts_at, tz);
            due.push(DueView {
                label: format!("Feedback on your session of {}", day.format("%-d %b")),
                minutes: rapport_core::measures::SessionFeedback::MINUTES_TO_COMPLETE,
                href: format!("/sessions/{}/feedback", f.session_id),
                due: true,
                last: None,
            });
        }
        let now = state.app.now();
        next_session = rapport_app::sessions::sessions_of(&state.app, actor, actor.user_id)
            .await?
            .into_iter()
            .find(|v| v.session.starts_at > now && v.session.cancelled_at.is_none())
            .map(|v| {
                (
                    super::sessions::when(v.session.starts_at, tz),
                    v.session.minutes,
                    super::sessions::where_of(&v.session),
                )
            });
    }
    Ok(render(ClientHome {
        l: Layout::new(ctx),
        name: actor.name.clone(),
        due,
        notice,
        team: team_rows(record.team),
        emergency_contact: record.emergency_contact.unwrap_or_default(),
        intake_status: match rapport_app::intake::own_progress(&state.app, actor).await? {
            IntakeProgress::NotStarted => "not started yet",
            IntakeProgress::Draft => "started; carry on where you left off",
            IntakeProgress::Sent => "sent",
        },
        plan_to_agree: rapport_app::plans::own_plan_to_agree(&state.app, actor).await?,
        next_session,
        sessions: actor.role == Role::Client,
    }))
}

async fn clinician_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
) -> Result<Response, PageError> {
    let clients = care_teams::caseload(&state.app, actor).await?;
    Ok(render(ClinicianHome {
        l: Layout::new(ctx),
        clients: clients
            .into_iter()
            .map(|c| ClientRow {
                id: c.client_id.to_string(),
                name: c.name,
                role: c.role.label(),
                since: date(c.since),
                latest: c.latest_phq9,
                band: c
                    .band
                    .as_deref()
                    .and_then(rapport_core::measures::Band::parse)
                    .map(|b| b.label()),
                spark: crate::charts::sparkline(&c.phq9_recent, 27),
                flags: c
                    .open_flags
                    .into_iter()
                    .map(|(kind, level, _)| (kind.replace('_', " "), level))
                    .collect(),
            })
            .collect(),
    }))
}

/// What an administrator typed into the create-account form, kept when it is sent back.
#[derive(Debug, Default, Deserialize)]
pub struct AdminForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub credential: String,
}

pub async fn admin_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    notice: Option<&'static str>,
    form: AdminForm,
    errors: Vec<FormError>,
) -> Result<Response, PageError> {
    let accounts = admin::list_accounts(&state.app, actor).await?;
    let requests = care_teams::open_therapist_requests(&state.app, actor).await?;
    Ok(render(AdminHome {
        l: Layout::new(ctx),
        notice,
        therapist_requests: requests
            .into_iter()
            .map(|(_, name, at)| (name, date(at)))
            .collect(),
        accounts: accounts
            .into_iter()
            .map(|a| AccountRowView {
                id: a.id.to_string(),
                name: a.name,
                email: a.email,
                role: a.role.as_str(),
                totp: a.totp_enrolled,
            })
            .collect(),
        new_role: if form.role.is_empty() {
            "clinician".into()
        } else {
            form.role
        },
        new_name: FieldView::new("name", "Name", "text")
            .value(form.name)
            .error_from(&errors),
        new_email: FieldView::new("email", "E-mail address", "email")
            .value(form.email)
            .error_from(&errors),
        new_password: FieldView::new("password", "First password", "password")
            .hint("At least 10 characters. Give it to them in person or by phone, never by e-mail.")
            .autocomplete("new-password")
            .error_from(&errors),
        new_credential: form.credential,
        credentials: Credential::ALL
            .iter()
            .map(|c| (c.as_str(), c.label()))
            .collect(),
        team_roles: CareTeamRole::ALL
            .iter()
            .map(|r| (r.as_str(), r.label()))
            .collect(),
        errors,
    }))
}
