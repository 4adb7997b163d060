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

#[derive(Debug, Deserialize, ToSchema)]
pub struct EpisodeRequest {
    /// `active` (start or re-open), `maintenance` (discharge) or `closed`.
    pub state: String,
    /// Why; required to discharge, close or re-open.
    #[serde(default)]
    pub reason: String,
}

/// Moves the client's episode of care (a clinician on the care team).
#[utoipa::path(post, path = "/api/v1/clients/{id}/episode", tag = "plans", request_body = EpisodeRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_episode(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<EpisodeRequest>,
) -> Result<axum::http::StatusCode, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    rapport_app::episodes::change(&state.app, actor, id, &body.state, &body.reason).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
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
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Json<Vec<WarningSign>>, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    let signs = rapport_app::plans::warning_signs(&state.app, actor, id).await?;
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
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NewWarningSign>,
) -> Result<(axum::http::StatusCode, Json<WarningSign>), ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    let sign = rapport_app::plans::add_warning_sign(&state.app, actor, id, &body.label).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(WarningSign {
            id: sign.to_string(),
            label: body.label.trim().to_string(),
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RecommendRequest {
    /// A page of the library, e.g. `give-it-time`.
    pub page: String,
}

/// A clinician on the care team recommends a page of the learning library.
#[utoipa::path(post, path = "/api/v1/clients/{id}/recommendations", tag = "plans", request_body = RecommendRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn recommend(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RecommendRequest>,
) -> Result<axum::http::StatusCode, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    rapport_app::learning::recommend(&state.app, actor, id, &body.page).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalProgressView {
    pub at: String,
    pub rating: u8,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalView {
    pub id: String,
    pub title: String,
    pub success: String,
    pub measured_by: Option<String>,
    pub target_date: Option<String>,
    /// `active`, `achieved` or `dropped`.
    pub status: String,
    pub progress: Vec<GoalProgressView>,
}

/// The client's goals with their progress (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/goals", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [GoalView]), (status = 403, body = ErrorBody)))]
pub async fn goals(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Json<Vec<GoalView>>, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    let list = rapport_app::goals::goals_of(&state.app, actor, id).await?;
    Ok(Json(
        list.into_iter()
            .map(|g| GoalView {
                id: g.id.to_string(),
                title: g.title,
                success: g.success,
                measured_by: g.measured_by,
                target_date: g.target_date.map(|d| d.to_string()),
                status: g.status,
                progress: g
                    .progress
                    .into_iter()
                    .map(|p| GoalProgressView {
                        at: p.at.to_rfc3339(),
                        rating: p.rating,
                        note: p.note,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewGoalRequest {
    pub title: String,
    pub success: String,
    #[serde(default)]
    pub measured_by: String,
    /// `YYYY-MM-DD`.
    pub target_date: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// Sets a goal (the client or their care team).
#[utoipa::path(post, path = "/api/v1/clients/{id}/goals", tag = "plans", request_body = NewGoalRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_goal(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NewGoalRequest>,
) -> Result<(axum::http::StatusCode, Json<Created>), ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    let target_date = match body
        .target_date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::invalid("target_date", "Use a date like 2027-03-31."))?,
        ),
    };
    let new = rapport_app::goals::NewGoal {
        title: body.title,
        success: body.success,
        measured_by: body.measured_by,
        target_date,
    };
    let goal = rapport_app::goals::set_goal(&state.app, actor, id, new).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(Created {
            id: goal.to_string(),
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProgressRequest {
    /// 0 (not started) to 10 (reached).
    pub rating: Option<i64>,
    #[serde(default)]
    pub note: String,
}

/// Records progress on a goal (the client or their care team).
#[utoipa::path(post, path = "/api/v1/goals/{id}/progress", tag = "plans", request_body = ProgressRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The goal's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn goal_progress(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ProgressRequest>,
) -> Result<axum::http::StatusCode, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    rapport_app::goals::record_progress(&state.app, actor, id, body.rating, &body.note).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CloseGoalRequest {
    /// `achieved` or `dropped`.
    pub outcome: String,
    pub reason: String,
}

/// Closes a goal as achieved or dropped, with a reason.
#[utoipa::path(post, path = "/api/v1/goals/{id}/close", tag = "plans", request_body = CloseGoalRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The goal's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close_goal(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CloseGoalRequest>,
) -> Result<axum::http::StatusCode, ApiError> {
    let actor = bearer.full()?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError(rapport_app::Error::NotFound))?;
    rapport_app::goals::close_goal(&state.app, actor, id, &body.outcome, &body.reason).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
