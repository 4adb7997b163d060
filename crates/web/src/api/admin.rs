//! Running the instance over the API: disabling and enabling accounts (administrators).

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use rapport_app::admin;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{AccountId, ApiActor, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/users/{id}/disable", post(disable_user))
        .route("/api/v1/admin/users/{id}/enable", post(enable_user))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DisableRequest {
    /// Why the account is disabled; kept in the audit log.
    pub reason: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EnableRequest {
    /// Why the account is enabled again (optional); kept in the audit log.
    #[serde(default)]
    pub reason: Option<String>,
}

impl EnableRequest {
    /// The body, which may be left out.
    fn read(body: &[u8]) -> Result<EnableRequest, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(EnableRequest::default());
        }
        serde_json::from_slice(body)
            .map_err(|_| ApiError::invalid("reason", "Send a JSON object with an optional reason."))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountStatus {
    pub id: String,
    pub disabled: bool,
}

/// Disables an account at once: its sessions and API tokens stop working on the next request,
/// sign-in is refused, its calendar feeds answer nothing (administrators).
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/disable", tag = "admin", request_body = DisableRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses((status = 200, body = AccountStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(id): AccountId,
    JsonBody(body): JsonBody<DisableRequest>,
) -> Result<Json<AccountStatus>, ApiError> {
    admin::disable_account(&state.app, &actor, id, &body.reason).await?;
    Ok(Json(AccountStatus {
        id: id.to_string(),
        disabled: true,
    }))
}

/// Enables a disabled account again; its person signs in afresh (administrators). The body
/// may be left out.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/enable", tag = "admin", request_body(content = EnableRequest, description = "Optional"), security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses((status = 200, body = AccountStatus), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn enable_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(id): AccountId,
    body: Bytes,
) -> Result<Json<AccountStatus>, ApiError> {
    let body = EnableRequest::read(&body)?;
    admin::enable_account(&state.app, &actor, id, body.reason.as_deref()).await?;
    Ok(Json(AccountStatus {
        id: id.to_string(),
        disabled: false,
    }))
}
