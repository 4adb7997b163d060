//! Emergency access, "break glass" (`rapport_app::emergency_access`): the clinician's page to
//! find a client and open their record in an emergency (`/emergency-access`), the read-only
//! record shown at `/clients/{id}` while an opening runs, and the administrator's setting
//! with the practice's recent openings (`/admin/emergency-access`).

use askama::Template;
use askama::filters::Safe;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::emergency_access::{self, FoundClient, OpeningRow, OpeningView};
use rapport_app::time::Zone;
use rapport_app::{Actor, Error};
use serde::Deserialize;
use uuid::Uuid;

use super::chart::team_rows;
use super::templates::{FormError, Layout, TeamRow};
use super::time::zone;
use super::{Page, field, invalid_or_conflict, render, render_status, to};
use crate::extract::{Ctx, Signed};
use crate::i18n;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/emergency-access", get(page))
        .route("/emergency-access/search", post(search))
        .route("/emergency-access/open", post(open))
        .route("/admin/emergency-access", get(admin_page).post(admin_save))
}

/// An opening in words, on the reader's clock.
pub struct OpeningLine {
    pub client_id: String,
    pub client_name: String,
    pub clinician_name: String,
    pub opened: String,
    pub until: String,
    pub active: bool,
    pub reason: Option<String>,
}

fn lines(rows: Vec<OpeningRow>, z: Zone) -> Vec<OpeningLine> {
    rows.into_iter()
        .map(|r| OpeningLine {
            client_id: r.opening.client_id.to_string(),
            client_name: r.client_name,
            clinician_name: r.clinician_name,
            opened: z.date_time(r.opening.opened_at),
            until: z.time(r.opening.expires_at),
            active: r.active,
            reason: r.reason,
        })
        .collect()
}

/// A client found, with the reason typed for them (sent back after an error).
pub struct Found {
    pub id: String,
    pub name: String,
    pub email: String,
    pub reason: String,
    /// The reason was refused.
    pub invalid: bool,
}

#[derive(Template)]
#[template(path = "emergency_access.html")]
pub struct EmergencyPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub query: String,
    /// `None`: no search yet.
    pub found: Option<Vec<Found>>,
    pub active: Vec<OpeningLine>,
    pub to_review: Vec<OpeningLine>,
}

impl EmergencyPage {
    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }
}

async fn build(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    query: String,
    found: Option<Vec<Found>>,
    errors: Vec<FormError>,
) -> Result<EmergencyPage, Error> {
    let (active, to_review) = tokio::try_join!(
        emergency_access::mine(&state.app, actor),
        emergency_access::to_review(&state.app, actor),
    )?;
    let z = zone(ctx);
    Ok(EmergencyPage {
        l: Layout::new(ctx),
        errors,
        query,
        found,
        active: lines(active, z),
        to_review: lines(to_review, z),
    })
}

async fn page(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    render(build(&state, &ctx, &actor, String::new(), None, vec![]).await?)
}

fn found_of(list: Vec<FoundClient>) -> Vec<Found> {
    list.into_iter()
        .map(|c| Found {
            id: c.id.to_string(),
            name: c.name,
            email: c.email,
            reason: String::new(),
            invalid: false,
        })
        .collect()
}

async fn search(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let query = field(&fields, "query").trim().to_string();
    match emergency_access::find_client(&state.app, &actor, &query).await {
        Ok(list) => render(build(&state, &ctx, &actor, query, Some(found_of(list)), vec![]).await?),
        Err(e) => {
            let error = invalid_or_conflict(e, "query")?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                build(&state, &ctx, &actor, query, None, vec![error]).await?,
            )
        }
    }
}

async fn open(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let client_id = field(&fields, "client_id");
    let reason = field(&fields, "reason");
    let Ok(id) = Uuid::parse_str(client_id.trim()) else {
        return Err(Error::NotFound.into());
    };
    match emergency_access::open(&state.app, &actor, id, &reason).await {
        Ok(_) => to(&format!("/clients/{id}")),
        Err(e) => {
            let error = invalid_or_conflict(e, "reason")?;
            // The one client chosen, as the form showed them, with what was typed.
            let found = vec![Found {
                id: id.to_string(),
                name: field(&fields, "client_name"),
                email: field(&fields, "client_email"),
                reason,
                invalid: true,
            }];
            let error = FormError::new(format!("reason-{id}"), error.message);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                build(
                    &state,
                    &ctx,
                    &actor,
                    field(&fields, "query"),
                    Some(found),
                    vec![error],
                )
                .await?,
            )
        }
    }
}

/// The safety plan on the record: (its version line as HTML, [(section title, text)]).
pub type SafetyPlanView = (Safe<String>, Vec<(&'static str, String)>);

/// The record as an emergency opening shows it: read-only, with the hour's end on top.
#[derive(Template)]
#[template(path = "emergency_record.html")]
pub struct EmergencyRecordPage {
    pub l: Layout,
    pub until: String,
    pub name: String,
    pub email: String,
    pub timezone: String,
    pub emergency_contact: Option<String>,
    pub team: Vec<TeamRow>,
    /// ("PHQ-9 12", band, date).
    pub latest: Vec<(String, Option<&'static str>, String)>,
    pub next_session: Option<String>,
    pub safety_plan: Option<SafetyPlanView>,
    pub plan_line: Option<String>,
    pub intake: Vec<(String, String)>,
    /// Signed progress notes, newest first: (signed, data, assessment, plan).
    pub notes: Vec<(String, String, String, String)>,
    /// (when, topic's message, the line as HTML).
    pub timeline: Vec<(String, String, Safe<String>)>,
}

/// `/clients/{id}` for a clinician whose emergency opening gives them the record.
pub async fn record(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    opening: OpeningView,
) -> Page {
    let app = &state.app;
    let (r, summary, safety, plans, intake, notes, lines) = tokio::try_join!(
        rapport_app::care_teams::client_record(app, actor, id),
        rapport_app::timeline::chart_summary(app, actor, id),
        rapport_app::plans::safety_plan(app, actor, id),
        rapport_app::plans::treatment_plans(app, actor, id),
        rapport_app::intake::intake(app, actor, id),
        rapport_app::notes::progress_notes_of(app, actor, id),
        rapport_app::timeline::timeline(app, actor, id),
    )?;
    let z = zone(ctx);
    let lang = ctx.lang;
    render(EmergencyRecordPage {
        l: Layout::new(ctx),
        until: z.time(opening.expires_at),
        name: r.name,
        email: r.email,
        timezone: r.timezone,
        emergency_contact: r.emergency_contact,
        team: team_rows(r.team, z),
        latest: summary
            .latest
            .iter()
            .map(|m| {
                (
                    format!("{} {}", m.instrument.label(), m.total),
                    m.band.map(|b| b.label()),
                    z.date(m.taken_at),
                )
            })
            .collect(),
        next_session: summary.next_session.map(|(_, at)| z.day_time(at)),
        safety_plan: safety.map(|p| {
            (
                i18n::t_html(
                    lang,
                    "chart-rec-safety-version",
                    &[
                        ("version", p.version.into()),
                        ("date", i18n::local_date(lang, &z.date(p.updated_at)).into()),
                        ("name", p.written_by.into()),
                    ],
                ),
                p.steps.into_iter().map(|(s, t)| (s.title, t)).collect(),
            )
        }),
        plan_line: plans.first().map(|v| {
            i18n::t_args(
                lang,
                "chart-rec-plan-line",
                &[
                    (
                        "approach",
                        i18n::error_message(lang, v.plan.approach.label()).into(),
                    ),
                    (
                        "frequency",
                        i18n::error_message(lang, v.plan.frequency.label())
                            .to_lowercase()
                            .into(),
                    ),
                    ("n", v.plan.expected_sessions.into()),
                    ("version", v.version.into()),
                ],
            )
        }),
        intake: super::intake::summary(&intake, z, lang),
        notes: notes
            .into_iter()
            .rev()
            .filter_map(|n| {
                n.signed_at
                    .map(|at| (z.date_time(at), n.data, n.assessment, n.plan))
            })
            .collect(),
        timeline: lines
            .into_iter()
            .take(60)
            .map(|l| {
                (
                    z.date_time(l.at),
                    format!("cl-topic-{}", l.topic.as_str()),
                    super::timeline::line(lang, &l.event),
                )
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "admin_emergency_access.html")]
pub struct AdminEmergencyPage {
    pub l: Layout,
    pub enabled: bool,
    pub saved: bool,
    pub openings: Vec<OpeningLine>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

async fn admin_page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<Done>,
) -> Page {
    let (enabled, rows) = emergency_access::admin_overview(&state.app, &actor).await?;
    render(AdminEmergencyPage {
        l: Layout::new(&ctx),
        enabled,
        saved: q.done.is_some(),
        openings: lines(rows, zone(&ctx)),
    })
}

async fn admin_save(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let on = field(&fields, "enabled") == "on";
    emergency_access::set_enabled(&state.app, &actor, on).await?;
    to("/admin/emergency-access?done=saved")
}
