use axum::Json;
use axum::extract::State;
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
