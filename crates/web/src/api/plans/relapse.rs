//! The relapse-prevention plan and the client's own early warning signs.

use axum::extract::State;
use axum::http::StatusCode;
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
    Router::new()
        .route(
            "/api/v1/clients/{id}/relapse-plan",
            get(relapse_plan).put(save_relapse_plan),
        )
        .route(
            "/api/v1/clients/{id}/warning-signs",
            get(warning_signs).post(add_warning_sign),
        )
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RelapsePlanSections {
    pub triggers: String,
    pub what_helps: String,
    pub contacts: String,
    pub booster: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RelapsePlanView {
    pub version: i32,
    pub updated_at: String,
    pub sections: RelapsePlanSections,
}

impl From<SectionedPlan> for RelapsePlanView {
    fn from(plan: SectionedPlan) -> Self {
        RelapsePlanView {
            version: plan.version,
            updated_at: plan.updated_at.to_rfc3339(),
            sections: RelapsePlanSections {
                triggers: section(&plan, 0),
                what_helps: section(&plan, 1),
                contacts: section(&plan, 2),
                booster: section(&plan, 3),
            },
        }
    }
}

/// The client's relapse-prevention plan in force; 404 before the first. Their warning signs
/// are at `/api/v1/clients/{id}/warning-signs`.
#[utoipa::path(get, path = "/api/v1/clients/{id}/relapse-plan", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = RelapsePlanView), (status = 404, body = ErrorBody)))]
pub async fn relapse_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<RelapsePlanView>, ApiError> {
    let plan = plans::relapse_plan(&state.app, &actor, client).await?;
    Ok(Json(plan.ok_or(ApiError(Error::NotFound))?.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RelapsePlanRequest {
    /// The version this edit starts from (0 for a first plan).
    pub version: i32,
    pub sections: RelapsePlanSections,
}

/// Saves a new version of the relapse-prevention plan (the client or their care team).
#[utoipa::path(put, path = "/api/v1/clients/{id}/relapse-plan", tag = "plans", request_body = RelapsePlanRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SavedVersion), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_relapse_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<RelapsePlanRequest>,
) -> Result<Json<SavedVersion>, ApiError> {
    let s = b.sections;
    let sections = [s.triggers, s.what_helps, s.contacts, s.booster];
    let version = plans::save_relapse_plan(&state.app, &actor, client, b.version, sections).await?;
    Ok(Json(SavedVersion { version }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WarningSign {
    pub id: String,
    pub label: String,
}

/// The client's own early warning signs (ids to tick on `POST /api/v1/checkins`).
#[utoipa::path(get, path = "/api/v1/clients/{id}/warning-signs", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [WarningSign]), (status = 403, body = ErrorBody)))]
pub async fn warning_signs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<WarningSign>>, ApiError> {
    let signs = plans::warning_signs(&state.app, &actor, client).await?;
    Ok(Json(
        signs
            .into_iter()
            .map(|(id, label)| WarningSign {
                id: id.to_string(),
                label,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWarningSign {
    pub label: String,
}

/// Adds one of the client's own warning signs (the client or their care team).
#[utoipa::path(post, path = "/api/v1/clients/{id}/warning-signs", tag = "plans", request_body = NewWarningSign, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 201, body = WarningSign), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_warning_sign(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<NewWarningSign>,
) -> Result<(StatusCode, Json<WarningSign>), ApiError> {
    let id = plans::add_warning_sign(&state.app, &actor, client, &body.label).await?;
    let label = body.label.trim().to_string();
    let id = id.to_string();
    Ok((StatusCode::CREATED, Json(WarningSign { id, label })))
}
