//! The treatment plan and the relapse-prevention plan over the API.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use rapport_app::Error;
use rapport_core::plans::TreatmentPlanInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::plans::SavedVersion;
use super::{Bearer, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

fn client_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError(Error::NotFound))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TreatmentPlanVersion {
    pub version: i32,
    /// `cbt`, `behavioural_activation`, `cognitive_therapy`, `interpersonal`, `psychodynamic`,
    /// `family` or `group`.
    pub approach: String,
    /// With `interpersonal`: `grief`, `role_disputes`, `role_transitions` or
    /// `interpersonal_deficits`.
    pub ipt_focus: Option<String>,
    pub with_medication: bool,
    /// `individual`, `family` or `group`.
    pub format: String,
    /// `in_person`, `online`, `phone` or `mixed`.
    pub delivery: String,
    /// `weekly`, `twice_weekly`, `fortnightly` or `monthly`.
    pub frequency: String,
    pub expected_sessions: u8,
    /// Instrument words; `phq9` always first.
    pub target_measures: Vec<String>,
    pub notes: String,
    /// YYYY-MM-DD.
    pub review_on: Option<String>,
    pub written_at: String,
    /// RFC 3339, when the client agreed to this version.
    pub agreed_at: Option<String>,
    /// The plan as the client reads it, a sentence a line.
    pub plain_words: Vec<String>,
}

/// Every version of the client's treatment plan, newest (the plan in force) first.
#[utoipa::path(get, path = "/api/v1/clients/{id}/treatment-plan", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [TreatmentPlanVersion]), (status = 403, body = ErrorBody)))]
pub async fn treatment_plan(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Json<Vec<TreatmentPlanVersion>>, ApiError> {
    let actor = bearer.full()?;
    let list = rapport_app::plans::treatment_plans(&state.app, actor, client_id(&id)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|v| TreatmentPlanVersion {
                version: v.version,
                approach: v.plan.approach.as_str().into(),
                ipt_focus: v.plan.ipt_focus.map(|f| f.as_str().into()),
                with_medication: v.plan.with_medication,
                format: v.plan.format.as_str().into(),
                delivery: v.plan.delivery.as_str().into(),
                frequency: v.plan.frequency.as_str().into(),
                expected_sessions: v.plan.expected_sessions,
                target_measures: v
                    .plan
                    .target_measures
                    .iter()
                    .map(|i| i.as_str().into())
                    .collect(),
                plain_words: v.plan.plain_words(),
                notes: v.plan.notes,
                review_on: v.review_on.map(|d| d.to_string()),
                written_at: v.written_at.to_rfc3339(),
                agreed_at: v.agreed_at.map(|t| t.to_rfc3339()),
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TreatmentPlanRequest {
    /// The version this edit starts from (0 for a first plan); a newer version saved
    /// meanwhile makes this a 409 Conflict.
    pub version: i32,
    pub approach: String,
    #[serde(default)]
    pub ipt_focus: Option<String>,
    #[serde(default)]
    pub with_medication: bool,
    pub format: String,
    pub delivery: String,
    pub frequency: String,
    pub expected_sessions: i64,
    #[serde(default)]
    pub target_measures: Vec<String>,
    #[serde(default)]
    pub notes: String,
    /// YYYY-MM-DD, today or later.
    pub review_on: String,
}

/// Saves a new version of the treatment plan (a clinician on the care team); the client is
/// asked to agree to it.
#[utoipa::path(put, path = "/api/v1/clients/{id}/treatment-plan", tag = "plans", request_body = TreatmentPlanRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SavedVersion), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_treatment_plan(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<TreatmentPlanRequest>,
) -> Result<Json<SavedVersion>, ApiError> {
    let actor = bearer.full()?;
    let input = TreatmentPlanInput {
        approach: &b.approach,
        ipt_focus: b.ipt_focus.as_deref().unwrap_or(""),
        with_medication: b.with_medication,
        format: &b.format,
        delivery: &b.delivery,
        frequency: &b.frequency,
        expected_sessions: Some(b.expected_sessions),
        target_measures: &b.target_measures,
        notes: &b.notes,
    };
    let review_on = NaiveDate::parse_from_str(&b.review_on, "%Y-%m-%d").ok();
    let version = rapport_app::plans::save_treatment_plan(
        &state.app,
        actor,
        client_id(&id)?,
        b.version,
        &input,
        review_on,
    )
    .await?;
    Ok(Json(SavedVersion { version }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AgreeRequest {
    /// The version the client read; it must be the plan in force.
    pub version: i32,
}

/// The client agrees to the plan in force.
#[utoipa::path(post, path = "/api/v1/clients/{id}/treatment-plan/agree", tag = "plans", request_body = AgreeRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn agree(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<AgreeRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    rapport_app::plans::agree_treatment_plan(&state.app, actor, client_id(&id)?, b.version).await?;
    Ok(StatusCode::NO_CONTENT)
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

/// The client's relapse-prevention plan in force; 404 before the first. Their warning signs
/// are at `/api/v1/clients/{id}/warning-signs`.
#[utoipa::path(get, path = "/api/v1/clients/{id}/relapse-plan", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = RelapsePlanView), (status = 404, body = ErrorBody)))]
pub async fn relapse_plan(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Json<RelapsePlanView>, ApiError> {
    let actor = bearer.full()?;
    let plan = rapport_app::plans::relapse_plan(&state.app, actor, client_id(&id)?)
        .await?
        .ok_or(ApiError(Error::NotFound))?;
    let text = |i: usize| plan.steps.get(i).map(|s| s.1.clone()).unwrap_or_default();
    Ok(Json(RelapsePlanView {
        version: plan.version,
        updated_at: plan.updated_at.to_rfc3339(),
        sections: RelapsePlanSections {
            triggers: text(0),
            what_helps: text(1),
            contacts: text(2),
            booster: text(3),
        },
    }))
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
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RelapsePlanRequest>,
) -> Result<Json<SavedVersion>, ApiError> {
    let actor = bearer.full()?;
    let s = b.sections;
    let version = rapport_app::plans::save_relapse_plan(
        &state.app,
        actor,
        client_id(&id)?,
        b.version,
        [s.triggers, s.what_helps, s.contacts, s.booster],
    )
    .await?;
    Ok(Json(SavedVersion { version }))
}
