//! The client's plans over the API. Today: the safety plan.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Bearer, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SafetyPlanSteps {
    pub warning_signs: String,
    pub coping: String,
    pub distractions: String,
    pub people: String,
    pub professionals: String,
    pub environment: String,
}

impl SafetyPlanSteps {
    fn into_array(self) -> [String; 6] {
        [
            self.warning_signs,
            self.coping,
            self.distractions,
            self.people,
            self.professionals,
            self.environment,
        ]
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SafetyPlanView {
    pub version: i32,
    pub updated_at: String,
    pub steps: SafetyPlanSteps,
}

/// The client's safety plan in force (Stanley–Brown, six steps); 404 before the first.
#[utoipa::path(get, path = "/api/v1/clients/{id}/safety-plan", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SafetyPlanView), (status = 404, body = ErrorBody)))]
pub async fn safety_plan(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Json<SafetyPlanView>, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    let plan = rapport_app::plans::safety_plan(&state.app, actor, id)
        .await?
        .ok_or(ApiError(rapport_app::Error::NotFound))?;
    let text = |i: usize| plan.steps.get(i).map(|s| s.1.clone()).unwrap_or_default();
    Ok(Json(SafetyPlanView {
        version: plan.version,
        updated_at: plan.updated_at.to_rfc3339(),
        steps: SafetyPlanSteps {
            warning_signs: text(0),
            coping: text(1),
            distractions: text(2),
            people: text(3),
            professionals: text(4),
            environment: text(5),
        },
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SafetyPlanRequest {
    /// The version this edit starts from (0 for a first plan); a newer version saved
    /// meanwhile makes this a 409 Conflict instead of overwriting it.
    pub version: i32,
    pub steps: SafetyPlanSteps,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SavedVersion {
    pub version: i32,
}

/// Saves a new version of the client's safety plan (the client or their care team).
#[utoipa::path(put, path = "/api/v1/clients/{id}/safety-plan", tag = "plans", request_body = SafetyPlanRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SavedVersion), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_safety_plan(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SafetyPlanRequest>,
) -> Result<Json<SavedVersion>, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    let version = rapport_app::plans::save_safety_plan(
        &state.app,
        actor,
        id,
        body.version,
        body.steps.into_array(),
    )
    .await?;
    Ok(Json(SavedVersion { version }))
}
