//! The client's feedback on their sessions, and their request for another therapist (both
//! `rapport_app::sessions::feedback`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::sessions::{self, FeedbackView};
use rapport_core::measures::FeedbackInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::rfc3339;
use super::{ApiActor, ClientId, JsonBody, SessionId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sessions/{id}/feedback", post(feedback))
        .route("/api/v1/clients/{id}/feedback", get(feedback_series))
        .route("/api/v1/therapist-requests", post(request_therapist))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FeedbackRequest {
    /// 0–10: I felt heard and respected.
    pub heard: Option<i64>,
    /// 0–10: we worked on what I wanted.
    pub worked_on_what_i_wanted: Option<i64>,
    /// 0–10: the approach fits me.
    pub approach_fits: Option<i64>,
    /// 0–10: overall, this session was right for me.
    pub overall: Option<i64>,
    pub comment: Option<String>,
}

impl FeedbackRequest {
    fn input(&self) -> FeedbackInput<'_> {
        FeedbackInput {
            heard: self.heard,
            worked_on_what_i_wanted: self.worked_on_what_i_wanted,
            approach_fits: self.approach_fits,
            overall: self.overall,
            comment: self.comment.as_deref(),
        }
    }
}

/// The client's feedback on a session they attended. Low answers raise the alliance flag.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/feedback", tag = "sessions", request_body = FeedbackRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn feedback(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    JsonBody(b): JsonBody<FeedbackRequest>,
) -> Result<StatusCode, ApiError> {
    sessions::submit_feedback(&state.app, &actor, session, b.input()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackItem {
    pub session_id: String,
    pub at: String,
    pub heard: i16,
    pub worked_on_what_i_wanted: i16,
    pub approach_fits: i16,
    pub overall: i16,
    pub comment: Option<String>,
}

impl From<FeedbackView> for FeedbackItem {
    fn from(f: FeedbackView) -> Self {
        FeedbackItem {
            session_id: f.session_id.to_string(),
            at: rfc3339(f.at),
            heard: f.heard,
            worked_on_what_i_wanted: f.worked_on,
            approach_fits: f.approach,
            overall: f.overall,
            comment: f.comment,
        }
    }
}

/// A client's session feedback, oldest first (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/feedback", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [FeedbackItem]), (status = 403, body = ErrorBody)))]
pub async fn feedback_series(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<FeedbackItem>>, ApiError> {
    let list = sessions::feedback_series(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(FeedbackItem::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TherapistRequestBody {
    /// Optional: why, in the client's words (kept sealed, for matching).
    #[serde(default)]
    pub reason: String,
}

/// The client asks for a different therapist.
#[utoipa::path(post, path = "/api/v1/therapist-requests", tag = "sessions", request_body = TherapistRequestBody, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn request_therapist(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(b): JsonBody<TherapistRequestBody>,
) -> Result<StatusCode, ApiError> {
    sessions::request_other_therapist(&state.app, &actor, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
