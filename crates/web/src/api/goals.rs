//! The client's goals over the API: set, rate progress, close.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::goals::{self, NewGoal};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiActor, ClientId, GoalId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/clients/{id}/goals",
            get(self::goals).post(set_goal),
        )
        .route("/api/v1/goals/{id}/progress", post(goal_progress))
        .route("/api/v1/goals/{id}/close", post(close_goal))
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

impl From<goals::GoalView> for GoalView {
    fn from(g: goals::GoalView) -> Self {
        GoalView {
            id: g.id.to_string(),
            title: g.title,
            success: g.success,
            measured_by: g.measured_by,
            target_date: g.target_date.map(|d| d.to_string()),
            status: g.status.as_str().into(),
            progress: g
                .progress
                .into_iter()
                .map(|p| GoalProgressView {
                    at: p.at.to_rfc3339(),
                    rating: p.rating,
                    note: p.note,
                })
                .collect(),
        }
    }
}

/// The client's goals with their progress (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/goals", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [GoalView]), (status = 403, body = ErrorBody)))]
pub async fn goals(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<GoalView>>, ApiError> {
    let list = goals::goals_of(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(GoalView::from).collect()))
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

impl NewGoalRequest {
    fn into_new(self) -> Result<NewGoal, ApiError> {
        let target_date = match self.target_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| ApiError::invalid("target_date", "Use a date like 2027-03-31."))?,
            ),
        };
        Ok(NewGoal {
            title: self.title,
            success: self.success,
            measured_by: self.measured_by,
            target_date,
        })
    }
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
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<NewGoalRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let goal = goals::set_goal(&state.app, &actor, client, body.into_new()?).await?;
    let id = goal.to_string();
    Ok((StatusCode::CREATED, Json(Created { id })))
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
    ApiActor(actor): ApiActor,
    GoalId(goal): GoalId,
    JsonBody(body): JsonBody<ProgressRequest>,
) -> Result<StatusCode, ApiError> {
    goals::record_progress(&state.app, &actor, goal, body.rating, &body.note).await?;
    Ok(StatusCode::NO_CONTENT)
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
    ApiActor(actor): ApiActor,
    GoalId(goal): GoalId,
    JsonBody(body): JsonBody<CloseGoalRequest>,
) -> Result<StatusCode, ApiError> {
    goals::close_goal(&state.app, &actor, goal, &body.outcome, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
