//! The safety plan (Stanley–Brown, six steps).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rapport_app::Error;
use rapport_app::plans::{self, SectionedPlan};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{SavedVersion, section};
use crate::api::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/v1/clients/{id}/safety-plan",
        get(safety_plan).put(save_safety_plan),
    )
}

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

impl From<SectionedPlan> for SafetyPlanView {
    fn from(plan: SectionedPlan) -> Self {
        SafetyPlanView {
            version: plan.version,
            updated_at: plan.updated_at.to_rfc3339(),
            steps: SafetyPlanSteps {
                warning_signs: section(&plan, 0),
                coping: section(&plan, 1),
                distractions: section(&plan, 2),
                people: section(&plan, 3),
                professionals: section(&plan, 4),
                environment: section(&plan, 5),
            },
        }
    }
}

/// The client's safety plan in force (Stanley–Brown, six steps); 404 before the first.
#[utoipa::path(get, path = "/api/v1/clients/{id}/safety-plan", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SafetyPlanView), (status = 404, body = ErrorBody)))]
pub async fn safety_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<SafetyPlanView>, ApiError> {
    let plan = plans::safety_plan(&state.app, &actor, client).await?;
    Ok(Json(plan.ok_or(ApiError(Error::NotFound))?.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SafetyPlanRequest {
    /// The version this edit starts from (0 for a first plan); a newer version saved
    /// meanwhile makes this a 409 Conflict instead of overwriting it.
    pub version: i32,
    pub steps: SafetyPlanSteps,
}

/// Saves a new version of the client's safety plan (the client or their care team).
#[utoipa::path(put, path = "/api/v1/clients/{id}/safety-plan", tag = "plans", request_body = SafetyPlanRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SavedVersion), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_safety_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<SafetyPlanRequest>,
) -> Result<Json<SavedVersion>, ApiError> {
    let steps = b.steps.into_array();
    let version = plans::save_safety_plan(&state.app, &actor, client, b.version, steps).await?;
    Ok(Json(SavedVersion { version }))
}
