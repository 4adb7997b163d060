//! The learning library over the API: a clinician recommends a page.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use rapport_core::family::Audience;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/clients/{id}/recommendations", post(recommend))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RecommendRequest {
    /// A page of the library, e.g. `give-it-time`.
    pub page: String,
    /// Who it is for: `client` (the default) or `family` (the client's family members who
    /// may read pages).
    pub audience: Option<String>,
}

/// A clinician on the care team recommends a page of the learning library.
#[utoipa::path(post, path = "/api/v1/clients/{id}/recommendations", tag = "plans", request_body = RecommendRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn recommend(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<RecommendRequest>,
) -> Result<StatusCode, ApiError> {
    let audience = match body.audience.as_deref() {
        None => Audience::Client,
        Some(word) => Audience::parse(word)
            .ok_or_else(|| ApiError::invalid("audience", "Choose client or family."))?,
    };
    rapport_app::learning::recommend_to(&state.app, &actor, client, &body.page, audience).await?;
    Ok(StatusCode::NO_CONTENT)
}
