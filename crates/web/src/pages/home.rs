//! Each role's home page.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use rapport_app::intake::IntakeProgress;
use rapport_app::{admin, care_teams};
use rapport_core::accounts::{CareTeamRole, Credential, Role};
use rapport_core::caseload::Track;
use rapport_core::outcomes::Change;
use serde::Deserialize;

use super::legacy::render;
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
    /// The caseload's filter: `alerts`, `not_on_track`, `no_checkin` or `not_started`.
    show: Option<String>,
    /// Part of a client's name, to find them in the caseload.
    q: Option<String>,
}

/// The notice to show after a form redirected here.
pub fn notice_text(n: &Notice) -> Option<&'static str> {
    match n.done.as_deref() {
        Some("contact") => Some(messages::CONTACT_SAVED),
        Some("user") => Some(messages::USER_CREATED),
        Some("team") => Some(messages::ASSIGNED),
        Some("triage") => Some(messages::TRIAGE_SAVED),
        Some("disabled") => Some(messages::ACCOUNT_DISABLED),
        Some("enabled") => Some(messages::ACCOUNT_ENABLED),
        Some("ended") => Some(messages::MEMBERSHIP_ENDED),
        Some("password") => Some(messages::PASSWORD_CHANGED),
        Some("totp") => Some(messages::TOTP_ON),
        Some("checkin") => Some(messages::CHECKIN_SAVED),
        Some("feedback") => Some("Thank you for your feedback. Your therapist will see it."),
        Some("therapist") => Some(
            "Thank you for telling us. The practice will be in touch about a different therapist.",
        ),
        Some("answered") => Some("Your answer is sent."),
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
        Role::Clinician => clinician_home(&state, &ctx, &current.actor, &n).await,
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
    let is_client = actor.role == Role::Client;
    // Independent reads side by side: their audit events share one commit.
    let (record, due_today, feedback_due, sessions, intake, plan_to_agree, requests) = tokio::try_join!(
        care_teams::client_record(&state.app, actor, actor.user_id),
        rapport_app::measures::due_today(&state.app, actor),
        async {
            match is_client {
                true => rapport_app::sessions::due_feedback(&state.app, actor).await,
                false => Ok(vec![]),
            }
        },
        async {
            match is_client {
                true => rapport_app::sessions::sessions_of(&state.app, actor, actor.user_id).await,
                false => Ok(vec![]),
            }
        },
        rapport_app::intake::own_progress(&state.app, actor),
        rapport_app::plans::own_plan_to_agree(&state.app, actor),
        async {
            match is_client {
                true => rapport_app::sessions::my_requests(&state.app, actor).await,
                false => Ok(vec![]),
            }
        },
    )?;
    let mut due: Vec<DueView> = due_today
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
    let tz = &record.timezone;
    for f in feedback_due {
        let (day, _) = super::time::local(f.starts_at, tz);
        due.push(DueView {
            label: format!("Feedback on your session of {}", day.format("%-d %b")),
            minutes: rapport_core::measures::SessionFeedback::MINUTES_TO_COMPLETE,
            href: format!("/sessions/{}/feedback", f.session_id),
            due: true,
            last: None,
        });
    }
    let now = state.app.now();
    // An answer is news for a week, or until the session it moved has passed.
    let news = requests
        .into_iter()
        .filter(|r| {
            r.answer.as_ref().is_some_and(|a| {
                now - a.at < chrono::Duration::days(ANSWER_NEWS_DAYS) || r.session_starts_at > now
            })
        })
        .collect();
    let next_session = sessions
        .into_iter()
        .find(|v| v.session.starts_at > now && v.session.cancelled_at.is_none())
        .map(|v| {
            (
                super::time::when(v.session.starts_at, tz),
                v.session.minutes,
                super::sessions::where_of(&v.session),
            )
        });
    Ok(render(ClientHome {
        l: Layout::new(ctx),
        name: actor.name.clone(),
        due,
        notice,
        team: team_rows(record.team),
        emergency_contact: record.emergency_contact.unwrap_or_default(),
        intake_status: match intake {
            IntakeProgress::NotStarted => "not started yet",
            IntakeProgress::Draft => "started; carry on where you left off",
            IntakeProgress::Sent => "sent",
        },
        plan_to_agree,
        next_session,
        sessions: is_client,
        answers: super::sessions::requests::items(news, tz),
    }))
}

/// How many days an answer to a client's request for another time stays on their home.
const ANSWER_NEWS_DAYS: i64 = 7;

/// The caseload's filters: (word, label).
const FILTERS: [(&str, &str); 5] = [
    ("", "Everyone"),
    ("alerts", "With open alerts"),
    ("not_on_track", "Not on track"),
    ("no_checkin", "No check-in for 7 days"),
    ("not_started", "Not started yet"),
];

fn shown(c: &care_teams::CaseloadEntry, show: &str, today: chrono::NaiveDate) -> bool {
    match show {
        "alerts" => !c.open_flags.is_empty(),
        "not_on_track" => c.track == Track::NotOnTrack,
        "no_checkin" => {
            c.episode_state.is_some() && c.last_checkin.is_none_or(|d| (today - d).num_days() >= 7)
        }
        "not_started" => c.episode_state.is_none(),
        _ => true,
    }
}

async fn clinician_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    n: &Notice,
) -> Result<Response, PageError> {
    let clients = care_teams::caseload(&state.app, actor).await?;
    let requests = super::sessions::requests::open_items(state, actor).await?;
    let tz = rapport_app::accounts::own_timezone(&state.app, actor).await?;
    let today = rapport_app::time::local_day(state.app.now(), &tz);
    let show = n.show.clone().unwrap_or_default();
    let q = n.q.clone().unwrap_or_default();
    let needle = q.trim().to_lowercase();
    let total = clients.len();
    Ok(render(ClinicianHome {
        l: Layout::new(ctx),
        total,
        filters: FILTERS
            .iter()
            .map(|(w, l)| (*w, *l, *w == show.as_str()))
            .collect(),
        q,
        clients: clients
            .into_iter()
            .filter(|c| shown(c, &show, today))
            .filter(|c| needle.is_empty() || c.name.to_lowercase().contains(&needle))
            .map(|c| ClientRow {
                id: c.client_id.to_string(),
                role: c.role.label(),
                latest: c.latest_phq9,
                band: c.band.map(|b| b.label()),
                spark: crate::charts::sparkline(&c.phq9_recent, 27),
                change: c.change.map(|(points, change)| {
                    let sign = if points > 0 { "+" } else { "" };
                    let reliable = match change {
                        Change::ReliableImprovement => ", reliable improvement",
                        Change::ReliableDeterioration => ", reliable deterioration",
                        Change::NoReliableChange => "",
                    };
                    format!("{sign}{points}{reliable}")
                }),
                track: if c.episode_state.is_none() {
                    "not started"
                } else {
                    c.track.label()
                },
                not_on_track: c.track == Track::NotOnTrack,
                last_checkin: c.last_checkin.map(|d| match (today - d).num_days() {
                    0 => "today".to_string(),
                    1 => "yesterday".to_string(),
                    n => format!("{n} days ago"),
                }),
                next_session: c
                    .next_session
                    .map(|t| rapport_app::time::local_date_time(t, &tz)),
                flags: c
                    .open_flags
                    .into_iter()
                    .map(|(kind, level, _)| (kind.label().into(), level.as_str().into()))
                    .collect(),
                name: c.name,
            })
            .collect(),
        notice: notice_text(n),
        requests,
        requests_back: "/home".into(),
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
    let triage = rapport_app::triage::duty_roster(&state.app, actor).await?;
    Ok(render(AdminHome {
        l: Layout::new(ctx),
        notice,
        nobody_on_triage: !triage.iter().any(|r| r.on_duty),
        triage,
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
                disabled: a.disabled,
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
