//! Consultations over the API (issue 14, "meet a few"): a client asks up to three clinicians,
//! each accepts with a time or declines with a reason, the client chooses one.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::consultations::{self, Ask, ConsultationView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::sessions::local;
use super::{ApiActor, JsonBody, RequestId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/consultations",
            get(list_consultations).post(ask_consultations),
        )
        .route(
            "/api/v1/consultations/{id}/accept",
            post(accept_consultation),
        )
        .route(
            "/api/v1/consultations/{id}/decline",
            post(decline_consultation),
        )
        .route(
            "/api/v1/consultations/{id}/choose",
            post(choose_consultation),
        )
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsultationsRequest {
    /// One to three clinicians' ids.
    pub clinician_ids: Vec<String>,
    /// One to five times that suit the client, in their own words ("Tuesday evenings").
    pub times: Vec<String>,
    /// An optional message to the clinicians (up to 1,000 characters).
    pub message: Option<String>,
    /// Asking an earlier therapist (from this client's care team before) to take them back.
    #[serde(default)]
    pub returning: bool,
    /// Consent, given now, for the clinician to see the earlier record once chosen.
    #[serde(default)]
    pub share_earlier_record: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationCreated {
    pub id: String,
    pub clinician_id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationsCreated {
    pub consultations: Vec<ConsultationCreated>,
}

/// Asks one to three clinicians for a short consultation (the client).
#[utoipa::path(post, path = "/api/v1/consultations", tag = "consultations", request_body = ConsultationsRequest, security(("bearer" = [])),
    responses((status = 201, body = ConsultationsCreated), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn ask_consultations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<ConsultationsRequest>,
) -> Result<(StatusCode, Json<ConsultationsCreated>), ApiError> {
    let clinician_ids = body
        .clinician_ids
        .iter()
        .map(|s| {
            Uuid::parse_str(s.trim())
                .map_err(|_| ApiError::invalid("clinician_ids", "Use the clinicians' ids."))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let made = consultations::ask(
        &state.app,
        &actor,
        actor.user_id,
        Ask {
            clinician_ids,
            times: body.times,
            message: body.message,
            returning: body.returning,
            share_earlier_record: body.share_earlier_record,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ConsultationsCreated {
            consultations: made
                .into_iter()
                .map(|(id, clinician_id)| ConsultationCreated {
                    id: id.to_string(),
                    clinician_id: clinician_id.to_string(),
                })
                .collect(),
        }),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationItem {
    pub id: String,
    /// The ask it was part of (the clinicians asked together share it).
    pub request_id: String,
    pub client_id: String,
    pub client_name: String,
    pub clinician_id: String,
    pub clinician_name: String,
    /// `requested`, `accepted`, `declined`, `chosen`, `not_chosen` or `withdrawn`.
    pub state: String,
    pub times: Vec<String>,
    pub message: Option<String>,
    /// When the meeting is, in the clinician's time zone (`YYYY-MM-DDTHH:MM`).
    pub starts_at_local: Option<String>,
    pub starts_at: Option<String>,
    pub decline_reason: Option<String>,
    pub returning: bool,
    pub share_earlier_record: bool,
    pub created_at: String,
    /// An accepted meeting whose time has passed.
    pub met: bool,
}

impl From<ConsultationView> for ConsultationItem {
    fn from(v: ConsultationView) -> Self {
        ConsultationItem {
            id: v.id.to_string(),
            request_id: v.request_id.to_string(),
            client_id: v.client_id.to_string(),
            client_name: v.client_name,
            clinician_id: v.clinician_id.to_string(),
            clinician_name: v.clinician_name,
            state: v.state.as_str().into(),
            times: v.times,
            message: v.message,
            starts_at_local: v.starts_at_local,
            starts_at: v.starts_at.map(|t| t.to_rfc3339()),
            decline_reason: v.decline_reason,
            returning: v.returning,
            share_earlier_record: v.share_earlier_record,
            created_at: v.created_at.to_rfc3339(),
            met: v.met,
        }
    }
}

/// The caller's consultations, newest first: a client's own, or those addressed to a
/// clinician.
#[utoipa::path(get, path = "/api/v1/consultations", tag = "consultations", security(("bearer" = [])),
    responses((status = 200, body = [ConsultationItem]), (status = 403, body = ErrorBody)))]
pub async fn list_consultations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<ConsultationItem>>, ApiError> {
    let list = consultations::list(&state.app, &actor).await?;
    Ok(Json(list.into_iter().map(ConsultationItem::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptRequest {
    /// `YYYY-MM-DDTHH:MM` in the clinician's time zone; in the future.
    pub starts_at_local: String,
}

/// Accepts a consultation addressed to the caller, at a time in their own time zone.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/accept", tag = "consultations", request_body = AcceptRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The consultation's id")),
    responses((status = 200, body = ConsultationItem), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn accept_consultation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
    JsonBody(body): JsonBody<AcceptRequest>,
) -> Result<Json<ConsultationItem>, ApiError> {
    let at = local("starts_at_local", &body.starts_at_local)?.ok_or_else(|| {
        ApiError::invalid("starts_at_local", "Choose a date and time for the meeting.")
    })?;
    consultations::accept(&state.app, &actor, id, at).await?;
    one(&state, &actor, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DeclineRequest {
    /// Why, briefly (up to 500 characters); the client reads it.
    pub reason: String,
}

/// Declines a consultation addressed to the caller, saying why.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/decline", tag = "consultations", request_body = DeclineRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The consultation's id")),
    responses((status = 200, body = ConsultationItem), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decline_consultation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
    JsonBody(body): JsonBody<DeclineRequest>,
) -> Result<Json<ConsultationItem>, ApiError> {
    consultations::decline(&state.app, &actor, id, &body.reason).await?;
    one(&state, &actor, id).await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ChooseRequest {
    /// Consent for the chosen clinician to see the earlier record; needed when there is one.
    pub share_record: Option<bool>,
}

/// Chooses an accepted consultation (the client): opens an episode of care in the
/// `consultation` state with that clinician as primary therapist; the others are told.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/choose", tag = "consultations", request_body(content = Option<ChooseRequest>, description = "Optional"), security(("bearer" = [])),
    params(("id" = String, Path, description = "The consultation's id")),
    responses((status = 200, body = ConsultationItem), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn choose_consultation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
    body: Bytes,
) -> Result<Json<ConsultationItem>, ApiError> {
    let body: ChooseRequest = if body.iter().all(u8::is_ascii_whitespace) {
        ChooseRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::invalid(
                if e.to_string().contains("share_record") {
                    "share_record"
                } else {
                    "body"
                },
                "Send {\"share_record\": true} or no body.",
            )
        })?
    };
    consultations::choose(&state.app, &actor, id, body.share_record).await?;
    one(&state, &actor, id).await
}

async fn one(
    state: &AppState,
    actor: &rapport_app::Actor,
    id: Uuid,
) -> Result<Json<ConsultationItem>, ApiError> {
    consultations::list(&state.app, actor)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| Json(ConsultationItem::from(c)))
        .ok_or_else(|| ApiError::from(rapport_app::Error::NotFound))
}
