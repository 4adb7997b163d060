//! Care teams over the API: who is on a client's care team (administrators).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, post};
use axum::{Json, Router};
use rapport_app::care_teams::{self, MembershipView};
use rapport_core::accounts::CareTeamRole;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ApiActor, ClientId, ClinicianId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/care-teams", post(assign_care_team))
        .route(
            "/api/v1/admin/care-teams/{client_id}/{clinician_id}",
            delete(end_care_team),
        )
}

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

impl From<MembershipView> for CareTeamView {
    fn from(m: MembershipView) -> Self {
        CareTeamView {
            id: m.id.to_string(),
            client_id: m.client_id.to_string(),
            clinician_id: m.clinician_id.to_string(),
            role: m.role.as_str().into(),
            started_at: m.started_at.to_rfc3339(),
        }
    }
}

impl CareTeamRequest {
    fn parse(&self) -> Result<(Uuid, Uuid, CareTeamRole), ApiError> {
        let client = Uuid::parse_str(&self.client_id)
            .map_err(|_| ApiError::invalid("client_id", "Give the id of a client account."))?;
        let clinician = Uuid::parse_str(&self.clinician_id).map_err(|_| {
            ApiError::invalid("clinician_id", "Give the id of a clinician account.")
        })?;
        let role = CareTeamRole::parse(&self.role).ok_or_else(|| {
            ApiError::invalid(
                "role",
                "Use primary_therapist, psychiatrist, co_therapist or supervisor.",
            )
        })?;
        Ok((client, clinician, role))
    }
}

/// Puts a clinician on a client's care team (administrators).
#[utoipa::path(post, path = "/api/v1/admin/care-teams", tag = "admin", request_body = CareTeamRequest, security(("bearer" = [])),
    responses((status = 201, body = CareTeamView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign_care_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<CareTeamRequest>,
) -> Result<(StatusCode, Json<CareTeamView>), ApiError> {
    let (client, clinician, role) = body.parse()?;
    let m = care_teams::assign(&state.app, &actor, client, clinician, role).await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}

/// Ends a clinician's membership of a client's care team; the clinician loses access to the
/// record at once (administrators).
#[utoipa::path(delete, path = "/api/v1/admin/care-teams/{client_id}/{clinician_id}", tag = "admin", security(("bearer" = [])),
    params(("client_id" = String, Path, description = "The client's id"), ("clinician_id" = String, Path, description = "The clinician's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_care_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    ClinicianId(clinician): ClinicianId,
) -> Result<StatusCode, ApiError> {
    care_teams::end_membership(&state.app, &actor, client, clinician).await?;
    Ok(StatusCode::NO_CONTENT)
}
