//! The treatment plan: written by a clinician on the care team, agreed by the client.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::plans::{self, TreatmentPlanView};
use rapport_core::plans::TreatmentPlanInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::SavedVersion;
use crate::api::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/clients/{id}/treatment-plan",
            get(treatment_plan).put(save_treatment_plan),
        )
        .route("/api/v1/clients/{id}/treatment-plan/agree", post(agree))
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

impl From<TreatmentPlanView> for TreatmentPlanVersion {
    fn from(v: TreatmentPlanView) -> Self {
        TreatmentPlanVersion {
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
        }
    }
}

/// Every version of the client's treatment plan, newest (the plan in force) first.
#[utoipa::path(get, path = "/api/v1/clients/{id}/treatment-plan", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [TreatmentPlanVersion]), (status = 403, body = ErrorBody)))]
pub async fn treatment_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<TreatmentPlanVersion>>, ApiError> {
    let list = plans::treatment_plans(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
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

impl TreatmentPlanRequest {
    fn input(&self) -> TreatmentPlanInput<'_> {
        TreatmentPlanInput {
            approach: &self.approach,
            ipt_focus: self.ipt_focus.as_deref().unwrap_or(""),
            with_medication: self.with_medication,
            format: &self.format,
            delivery: &self.delivery,
            frequency: &self.frequency,
            expected_sessions: Some(self.expected_sessions),
            target_measures: &self.target_measures,
            notes: &self.notes,
        }
    }
}

/// Saves a new version of the treatment plan (a clinician on the care team); the client is
/// asked to agree to it.
#[utoipa::path(put, path = "/api/v1/clients/{id}/treatment-plan", tag = "plans", request_body = TreatmentPlanRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SavedVersion), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_treatment_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<TreatmentPlanRequest>,
) -> Result<Json<SavedVersion>, ApiError> {
    let review_on = NaiveDate::parse_from_str(&b.review_on, "%Y-%m-%d").ok();
    let version =
        plans::save_treatment_plan(&state.app, &actor, client, b.version, &b.input(), review_on)
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
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<AgreeRequest>,
) -> Result<StatusCode, ApiError> {
    plans::agree_treatment_plan(&state.app, &actor, client, b.version).await?;
    Ok(StatusCode::NO_CONTENT)
}
