use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use rapport_app::care_teams;
use rapport_core::accounts::CareTeamRole;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Bearer, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct CareTeamRequest {
    pub client_id: String,
    pub clinician_id: String,
    /// `primary_therapist`, `psychiatrist`, `co_therapist` or `supervisor`.
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CareTeamView {
    pub id: String,
    pub client_id: String,
    pub clinician_id: String,
    pub role: String,
    pub started_at: String,
}

/// Puts a clinician on a client's care team (administrators).
#[utoipa::path(post, path = "/api/v1/admin/care-teams", tag = "admin", request_body = CareTeamRequest, security(("bearer" = [])),
    responses((status = 201, body = CareTeamView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign_care_team(
    State(state): State<AppState>,
    bearer: Bearer,
    JsonBody(body): JsonBody<CareTeamRequest>,
) -> Result<(StatusCode, Json<CareTeamView>), ApiError> {
    let actor = bearer.full()?;
    let client = Uuid::parse_str(&body.client_id)
        .map_err(|_| ApiError::invalid("client_id", "Give the id of a client account."))?;
    let clinician = Uuid::parse_str(&body.clinician_id)
        .map_err(|_| ApiError::invalid("clinician_id", "Give the id of a clinician account."))?;
    let role = CareTeamRole::parse(&body.role).ok_or_else(|| {
        ApiError::invalid(
            "role",
            "Use primary_therapist, psychiatrist, co_therapist or supervisor.",
        )
    })?;
    let m = care_teams::assign(&state.app, actor, client, clinician, role).await?;
    Ok((
        StatusCode::CREATED,
        Json(CareTeamView {
            id: m.id.to_string(),
            client_id: m.client_id.to_string(),
            clinician_id: m.clinician_id.to_string(),
            role: m.role,
            started_at: m.started_at.to_rfc3339(),
        }),
    ))
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

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountStatus {
    pub id: String,
    pub disabled: bool,
}

fn account_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError(rapport_app::Error::NotFound))
}

/// Disables an account at once: its sessions and API tokens stop working on the next request,
/// sign-in is refused, its calendar feeds answer nothing (administrators).
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/disable", tag = "admin", request_body = DisableRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses((status = 200, body = AccountStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<DisableRequest>,
) -> Result<Json<AccountStatus>, ApiError> {
    let actor = bearer.full()?;
    let id = account_id(&id)?;
    rapport_app::admin::disable_account(&state.app, actor, id, &body.reason).await?;
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
    bearer: Bearer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<AccountStatus>, ApiError> {
    let actor = bearer.full()?;
    let id = account_id(&id)?;
    let body: EnableRequest = if body.iter().all(u8::is_ascii_whitespace) {
        EnableRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|_| {
            ApiError::invalid("reason", "Send a JSON object with an optional reason.")
        })?
    };
    rapport_app::admin::enable_account(&state.app, actor, id, body.reason.as_deref()).await?;
    Ok(Json(AccountStatus {
        id: id.to_string(),
        disabled: false,
    }))
}

/// Ends a clinician's membership of a client's care team; the clinician loses access to the
/// record at once (administrators).
#[utoipa::path(delete, path = "/api/v1/admin/care-teams/{client_id}/{clinician_id}", tag = "admin", security(("bearer" = [])),
    params(("client_id" = String, Path, description = "The client's id"), ("clinician_id" = String, Path, description = "The clinician's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_care_team(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((client_id, clinician_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    let client = account_id(&client_id)?;
    let clinician = account_id(&clinician_id)?;
    care_teams::end_membership(&state.app, actor, client, clinician).await?;
    Ok(StatusCode::NO_CONTENT)
}
