//! Clients' requests for another time over the API: the open ones on the clinician's sessions
//! (or a client's own), and the clinician's answer. A member's request is seen by that member
//! and by clinicians who may read their record, nobody else.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::sessions::{self, AnswerInput, RequestView};
use rapport_core::accounts::Role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::sessions::{local, rfc3339};
use super::{ApiActor, ApiQuery, JsonBody, RequestId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/session-requests", get(list_requests))
        .route("/api/v1/session-requests/{id}/answer", post(answer_request))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RequestAnswerItem {
    /// `accepted` (a proposed time), `moved` (another time) or `declined`.
    pub answer: String,
    pub at: String,
    pub by: String,
    /// The clinician's words to the client.
    pub message: Option<String>,
    /// Where the session was moved.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionRequestItem {
    pub id: String,
    pub session_id: String,
    /// When the session starts now.
    pub session_starts_at: String,
    pub client_id: String,
    pub client_name: String,
    pub asked_at: String,
    pub reason: String,
    /// The times the client proposed (up to 3), in their order.
    pub proposed: Vec<String>,
    /// `open` until answered, then `answered`.
    pub status: String,
    pub answer: Option<RequestAnswerItem>,
}

impl From<RequestView> for SessionRequestItem {
    fn from(r: RequestView) -> Self {
        SessionRequestItem {
            id: r.id.to_string(),
            session_id: r.session_id.to_string(),
            session_starts_at: rfc3339(r.session_starts_at),
            client_id: r.client_id.to_string(),
            client_name: r.client_name,
            asked_at: rfc3339(r.asked_at),
            reason: r.reason,
            proposed: r.proposed.into_iter().map(rfc3339).collect(),
            status: if r.answer.is_some() {
                "answered"
            } else {
                "open"
            }
            .into(),
            answer: r.answer.map(|a| RequestAnswerItem {
                answer: a.answer.as_str().into(),
                at: rfc3339(a.at),
                by: a.by_name,
                message: a.message,
                to: a.to_starts_at.map(rfc3339),
            }),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestsQuery {
    /// `open` (the default): not answered yet; `all`: a client's own of the last two weeks
    /// too, with their answers.
    pub status: Option<String>,
}

/// A clinician: the open requests on the sessions they lead, oldest first, of the clients
/// whose records they may read. A client: their own requests (open ones; with `status=all`
/// also those of the last two weeks, with their answers).
#[utoipa::path(get, path = "/api/v1/session-requests", tag = "sessions", security(("bearer" = [])), params(RequestsQuery),
    responses((status = 200, body = [SessionRequestItem]), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_requests(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<RequestsQuery>,
) -> Result<Json<Vec<SessionRequestItem>>, ApiError> {
    let all = match q.status.as_deref() {
        None | Some("open") => false,
        Some("all") => true,
        Some(_) => return Err(ApiError::invalid("status", "Use open or all.")),
    };
    let list = if actor.role == Role::Client {
        sessions::my_requests(&state.app, &actor).await?
    } else {
        sessions::open_requests(&state.app, &actor).await?
    };
    Ok(Json(
        list.into_iter()
            .filter(|r| all || r.answer.is_none())
            .map(SessionRequestItem::from)
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerRequest {
    /// `accepted` (moves the session to the proposed time `proposal`), `moved` (to
    /// `starts_at_local`) or `declined` (the time stays; `message` says why).
    pub answer: String,
    /// For `accepted`: which proposed time, from 1.
    pub proposal: Option<usize>,
    /// For `moved`: `YYYY-MM-DDTHH:MM` on the caller's own clock.
    pub starts_at_local: Option<String>,
    /// To the client; required when declining.
    #[serde(default)]
    pub message: String,
}

/// Answers a request for another time (a clinician on the requester's care team; on every
/// member's when the session moves). The session moves with `accepted` and `moved`, and other
/// open requests on it close.
#[utoipa::path(post, path = "/api/v1/session-requests/{id}/answer", tag = "sessions", request_body = AnswerRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody, description = "Answered already, or the session was cancelled or has started"), (status = 422, body = ErrorBody)))]
pub async fn answer_request(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
    JsonBody(b): JsonBody<AnswerRequest>,
) -> Result<StatusCode, ApiError> {
    let starts_at = match b.starts_at_local.as_deref() {
        Some(s) => local("starts_at_local", s)?,
        None => None,
    };
    sessions::answer_request(
        &state.app,
        &actor,
        id,
        AnswerInput {
            answer: b.answer,
            proposal: b.proposal,
            starts_at,
            message: b.message,
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
