//! Observations and family sessions over the API (issue 15, parts 2 and 3): a consented family
//! member reports what they noticed about a client; the client and the care team read them; a
//! clinician hides one for a safety reason. A family member reads their own family sessions;
//! a clinician scheduling a family session reads who may be named on it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::observations::{self, NewObservation, ObservationView};
use rapport_app::sessions::{self, FamilyChoice, FamilySessionView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::rfc3339;
use super::{ApiActor, ClientId, JsonBody, RequestId, SessionId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/clients/{id}/observations",
            get(list_observations).post(report_observation),
        )
        .route("/api/v1/observations/{id}/hide", post(hide_observation))
        .route("/api/v1/family/sessions", get(family_sessions))
        .route(
            "/api/v1/clients/{id}/session-family",
            get(session_family_choices),
        )
        .route("/api/v1/sessions/{id}/family", get(session_family))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ObservationRequest {
    /// Ids of the client's own current warning signs that were noticed.
    #[serde(default)]
    pub warning_signs: Vec<String>,
    /// A short note (up to 500 characters). A sign or a note is needed.
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationSign {
    pub id: String,
    /// The client's own words for the sign.
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationItem {
    pub id: String,
    pub client_id: String,
    /// The family member who reported it.
    pub reported_by: String,
    pub reporter_name: String,
    /// How they are related to the client ("sister"), when known.
    pub relationship: Option<String>,
    /// The client's own calendar day of the report (`YYYY-MM-DD`).
    pub day: String,
    pub reported_at: String,
    pub warning_signs: Vec<ObservationSign>,
    pub note: Option<String>,
    /// Hidden from the client by a clinician (the client never sees hidden ones).
    pub hidden: bool,
    pub hidden_at: Option<String>,
    /// The recorded safety reason (clinicians only).
    pub hidden_reason: Option<String>,
    pub hidden_by_name: Option<String>,
}

impl From<ObservationView> for ObservationItem {
    fn from(v: ObservationView) -> Self {
        ObservationItem {
            id: v.id.to_string(),
            client_id: v.client_id.to_string(),
            reported_by: v.reported_by.to_string(),
            reporter_name: v.reporter_name,
            relationship: v.relationship,
            day: v.day.to_string(),
            reported_at: rfc3339(v.reported_at),
            warning_signs: v
                .warning_signs
                .into_iter()
                .map(|s| ObservationSign {
                    id: s.id.to_string(),
                    label: s.label,
                })
                .collect(),
            note: v.note,
            hidden: v.hidden,
            hidden_at: v.hidden_at.map(rfc3339),
            hidden_reason: v.hidden_reason,
            hidden_by_name: v.hidden_by_name,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationReported {
    pub observation: ObservationItem,
    /// A clinician (the client's care team, or triage duty) will see it.
    pub clinician_will_see: bool,
}

/// Reports what a family member noticed about the client (a family member the client gave
/// the `observations` scope). Counts toward the warning-sign flag.
#[utoipa::path(post, path = "/api/v1/clients/{id}/observations", tag = "observations", request_body = ObservationRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 201, body = ObservationReported), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report_observation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<ObservationRequest>,
) -> Result<(StatusCode, Json<ObservationReported>), ApiError> {
    let r = observations::report(
        &state.app,
        &actor,
        client,
        NewObservation {
            warning_signs: body.warning_signs,
            note: body.note,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ObservationReported {
            observation: r.observation.into(),
            clinician_will_see: r.clinician_will_see,
        }),
    ))
}

/// The observations about a client, newest first: for the client every one not hidden; for
/// the care team (and triage) all, with the hiding and its reason.
#[utoipa::path(get, path = "/api/v1/clients/{id}/observations", tag = "observations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [ObservationItem]), (status = 403, body = ErrorBody)))]
pub async fn list_observations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<ObservationItem>>, ApiError> {
    let list = observations::observations_of(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HideRequest {
    /// The safety reason for hiding it from the client (required, up to 500 characters).
    pub reason: String,
}

/// Hides an observation from the client, with the safety reason (a clinician on the care
/// team). It stays on the chart and keeps counting toward the flag.
#[utoipa::path(post, path = "/api/v1/observations/{id}/hide", tag = "observations", request_body = HideRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The observation's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn hide_observation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
    JsonBody(body): JsonBody<HideRequest>,
) -> Result<StatusCode, ApiError> {
    observations::hide(&state.app, &actor, id, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilySessionItem {
    pub id: String,
    pub starts_at: String,
    pub minutes: i64,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address, or the meeting link.
    pub place: Option<String>,
    pub clinician_name: String,
    /// The first name of the client the session is with.
    pub client_first_name: String,
    pub cancelled: bool,
}

impl From<FamilySessionView> for FamilySessionItem {
    fn from(v: FamilySessionView) -> Self {
        FamilySessionItem {
            id: v.id.to_string(),
            starts_at: rfc3339(v.starts_at),
            minutes: v.minutes,
            modality: v.modality,
            place: v.place,
            clinician_name: v.clinician_name,
            client_first_name: v.client_first_name,
            cancelled: v.cancelled,
        }
    }
}

/// The signed-in family member's upcoming family sessions (only those of clients who still
/// give them the `family_sessions` scope), oldest first.
#[utoipa::path(get, path = "/api/v1/family/sessions", tag = "family", security(("bearer" = [])),
    responses((status = 200, body = [FamilySessionItem]), (status = 403, body = ErrorBody)))]
pub async fn family_sessions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<FamilySessionItem>>, ApiError> {
    let list = sessions::my_family_sessions(&state.app, &actor).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyMemberChoice {
    /// The family member's user id (for `family` when scheduling).
    pub id: String,
    pub name: String,
}

impl From<FamilyChoice> for FamilyMemberChoice {
    fn from(v: FamilyChoice) -> Self {
        FamilyMemberChoice {
            id: v.id.to_string(),
            name: v.name,
        }
    }
}

/// The family members a clinician may name on a family session with this client: those the
/// client gave the `family_sessions` scope.
#[utoipa::path(get, path = "/api/v1/clients/{id}/session-family", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [FamilyMemberChoice]), (status = 403, body = ErrorBody)))]
pub async fn session_family_choices(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<FamilyMemberChoice>>, ApiError> {
    let list = sessions::family_to_choose(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// The family members named on a session (a clinician who may read one of its clients).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/family", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 200, body = [FamilyMemberChoice]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn session_family(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
) -> Result<Json<Vec<FamilyMemberChoice>>, ApiError> {
    let list = sessions::family_attendees(&state.app, &actor, session).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}
