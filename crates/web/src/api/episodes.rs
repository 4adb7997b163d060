//! The client's episode of care over the API.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/clients/{id}/episode", post(change_episode))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EpisodeRequest {
    /// `active` (start or re-open), `maintenance` (discharge) or `closed`.
    pub state: String,
    /// Why; required to discharge, close or re-open.
    #[serde(default)]
    pub reason: String,
}

/// Moves the client's episode of care (a clinician on the care team).
#[utoipa::path(post, path = "/api/v1/clients/{id}/episode", tag = "plans", request_body = EpisodeRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_episode(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<EpisodeRequest>,
) -> Result<StatusCode, ApiError> {
    rapport_app::episodes::change(&state.app, &actor, client, &body.state, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
