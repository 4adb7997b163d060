//! The flags the rules raise, for the clinicians who watch the client: the inbox,
//! acknowledging and resolving.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::alerts::{self, AlertView, StatusFilter};
use rapport_app::care_teams;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::measures::FlagView;
use super::{AlertId, ApiActor, ApiQuery, Bearer, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/alerts", get(list))
        .route("/api/v1/alerts/{id}/acknowledge", post(acknowledge))
        .route("/api/v1/alerts/{id}/resolve", post(resolve))
        .route("/api/v1/caseload", get(caseload))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertQuery {
    /// `open` (default: not yet acknowledged), `acknowledged`, `resolved` or `unresolved`.
    pub status: Option<String>,
}

impl AlertQuery {
    fn filter(&self) -> Result<StatusFilter, ApiError> {
        match self.status.as_deref() {
            None => Ok(StatusFilter::Open),
            Some(s) => StatusFilter::parse(s).ok_or_else(|| {
                ApiError::invalid("status", "Use open, acknowledged, resolved or unresolved.")
            }),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceItem {
    pub at: String,
    pub rule: String,
    pub detail: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlertItem {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    pub kind: String,
    pub level: String,
    pub status: String,
    pub created_at: String,
    pub explanation: String,
    /// What the clinician might do about it.
    pub suggestion: String,
    pub evidence: Vec<EvidenceItem>,
    /// The client has no active care team; the alert reached you through triage duty
    /// (`POST /api/v1/clients/{id}/take-on` to become their therapist).
    pub triage: bool,
    /// The flag was escalated to you on call and you are not on the client's care team: you may
    /// read their record and acknowledge or resolve the flag until it is resolved.
    pub on_call: bool,
    /// When the flag was escalated because nobody acknowledged it within the practice's time
    /// (a safety flag still open); absent when it was not.
    pub escalated_at: Option<String>,
    /// How the escalation went: `on_call` (the on-call clinicians), `triage` (nobody was on
    /// call: the clinicians on triage duty) or `nobody` (no one could be told).
    pub escalated_via: Option<String>,
    /// The ids of the clinicians the escalation reached.
    #[schema(value_type = Vec<String>, format = Uuid)]
    pub escalated_to: Vec<String>,
}

impl From<AlertView> for AlertItem {
    fn from(a: AlertView) -> Self {
        AlertItem {
            id: a.id.to_string(),
            client_id: a.client_id.to_string(),
            client_name: a.client_name,
            suggestion: a.kind.suggestion().into(),
            kind: a.kind.as_str().into(),
            level: a.level.as_str().into(),
            status: a.status.as_str().into(),
            created_at: a.created_at.to_rfc3339(),
            explanation: a.explanation,
            triage: a.triage,
            on_call: a.on_call,
            escalated_at: a.escalation.as_ref().map(|e| e.at.to_rfc3339()),
            escalated_via: a.escalation.as_ref().map(|e| e.via.clone()),
            escalated_to: a
                .escalation
                .iter()
                .flat_map(|e| e.to.iter().map(|(id, _)| id.to_string()))
                .collect(),
            evidence: a
                .evidence
                .into_iter()
                .map(|e| EvidenceItem {
                    at: e.at.to_rfc3339(),
                    rule: e.rule,
                    detail: e.detail,
                })
                .collect(),
        }
    }
}

/// The flags of the clinician's clients, critical first.
#[utoipa::path(get, path = "/api/v1/alerts", tag = "alerts", security(("bearer" = [])), params(AlertQuery),
    responses((status = 200, body = [AlertItem]), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<AlertQuery>,
) -> Result<Json<Vec<AlertItem>>, ApiError> {
    let views = alerts::inbox(&state.app, &actor, q.filter()?).await?;
    Ok(Json(views.into_iter().map(AlertItem::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteRequest {
    /// What the clinician did or will do.
    pub note: String,
}

/// The clinician has seen the flag; the note says what they did.
#[utoipa::path(post, path = "/api/v1/alerts/{id}/acknowledge", tag = "alerts", request_body = NoteRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The flag's id")),
    responses((status = 200, body = AlertItem), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn acknowledge(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AlertId(alert): AlertId,
    JsonBody(body): JsonBody<NoteRequest>,
) -> Result<Json<AlertItem>, ApiError> {
    let view = alerts::acknowledge(&state.app, &actor, alert, &body.note).await?;
    Ok(Json(view.into()))
}

/// The matter is dealt with.
#[utoipa::path(post, path = "/api/v1/alerts/{id}/resolve", tag = "alerts", request_body = NoteRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The flag's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AlertId(alert): AlertId,
    JsonBody(body): JsonBody<NoteRequest>,
) -> Result<StatusCode, ApiError> {
    alerts::resolve(&state.app, &actor, alert, &body.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseloadRow {
    pub client_id: String,
    pub name: String,
    pub latest_phq9: Option<u8>,
    pub band: Option<String>,
    pub latest_phq9_at: Option<String>,
    pub open_flags: Vec<FlagView>,
    /// `consultation`, `active`, `maintenance` or `not_started`.
    pub episode_state: String,
    /// PHQ-9 points since the episode's baseline (negative is better).
    pub change_since_baseline: Option<i16>,
    /// `reliable_improvement`, `no_reliable_change` or `reliable_deterioration`.
    pub reliable_change: Option<String>,
    /// `too_early`, `on_track` or `not_on_track`.
    pub track: String,
    /// YYYY-MM-DD in the client's calendar.
    pub last_checkin: Option<String>,
    pub next_session: Option<String>,
    /// The order of risk: lower is more urgent.
    pub risk: u8,
    /// Homework entries the client handed in that nobody has reviewed yet.
    pub new_homework_entries: usize,
    /// A medication review is due.
    pub medication_review_due: bool,
}

/// The clinician's clients, the most urgent first.
#[utoipa::path(get, path = "/api/v1/caseload", tag = "alerts", security(("bearer" = [])),
    responses((status = 200, body = [CaseloadRow]), (status = 403, body = ErrorBody)))]
pub async fn caseload(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<Json<Vec<CaseloadRow>>, ApiError> {
    let actor = bearer.full()?;
    let rows = care_teams::caseload(&state.app, actor).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| CaseloadRow {
                client_id: r.client_id.to_string(),
                name: r.name,
                latest_phq9: r.latest_phq9,
                band: r.band.map(|b| b.as_str().into()),
                latest_phq9_at: r.latest_phq9_at.map(|t| t.to_rfc3339()),
                episode_state: r.episode_state.map_or("not_started", |s| s.as_str()).into(),
                change_since_baseline: r.change.map(|c| c.0),
                reliable_change: r.change.map(|c| {
                    serde_json::to_value(c.1)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                }),
                track: r.track.as_str().into(),
                last_checkin: r.last_checkin.map(|d| d.to_string()),
                next_session: r.next_session.map(|t| t.to_rfc3339()),
                risk: r.risk,
                new_homework_entries: r.homework_new,
                medication_review_due: r.review_due,
                open_flags: r
                    .open_flags
                    .into_iter()
                    .map(|f| FlagView {
                        kind: f.kind.as_str().into(),
                        level: f.level.as_str().into(),
                    })
                    .collect(),
            })
            .collect(),
    ))
}
