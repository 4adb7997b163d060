//! What administrators see of the background work: the job queue by state with the newest
//! failures, and the e-mail deliveries with the mail server's replies (never a notice's
//! content).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rapport_app::jobs::admin::{self, DeliveriesOverview, JobsOverview};
use serde::Serialize;
use utoipa::ToSchema;

use super::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/jobs", get(admin_jobs))
        .route("/api/v1/admin/deliveries", get(admin_deliveries))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TroubledJobItem {
    #[schema(format = Uuid)]
    pub id: String,
    pub kind: String,
    /// `failed` (will retry at `run_at`) or `dead` (gave up).
    pub state: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    #[schema(format = DateTime)]
    pub run_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobsBody {
    /// Whether e-mail is configured; when not, notices reach people only inside Rapport.
    pub email_configured: bool,
    /// How many jobs are queued, running, done, failed (will retry) and dead (gave up).
    pub counts: BTreeMap<String, i64>,
    /// The newest failed and dead jobs, newest first.
    pub troubled: Vec<TroubledJobItem>,
}

impl From<JobsOverview> for JobsBody {
    fn from(o: JobsOverview) -> Self {
        JobsBody {
            email_configured: o.email_configured,
            counts: o.counts,
            troubled: o
                .troubled
                .into_iter()
                .map(|j| TroubledJobItem {
                    id: j.id.to_string(),
                    kind: j.kind,
                    state: j.state,
                    attempts: j.attempts,
                    max_attempts: j.max_attempts,
                    last_error: j.last_error,
                    run_at: j.run_at.to_rfc3339(),
                    updated_at: j.updated_at.to_rfc3339(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryItem {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub user_id: String,
    pub email: String,
    /// `email`.
    pub channel: String,
    /// `queued`, `sent` (handed to the server), `accepted` (the server said yes), `failed`
    /// (will retry) or `dead` (gave up).
    pub state: String,
    pub attempts: i32,
    /// The mail server's reply, as it gave it.
    pub reply: Option<String>,
    pub last_error: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveriesBody {
    pub email_configured: bool,
    /// How many deliveries are in each state.
    pub counts: BTreeMap<String, i64>,
    /// The newest deliveries, newest first.
    pub deliveries: Vec<DeliveryItem>,
}

impl From<DeliveriesOverview> for DeliveriesBody {
    fn from(o: DeliveriesOverview) -> Self {
        DeliveriesBody {
            email_configured: o.email_configured,
            counts: o.counts,
            deliveries: o
                .deliveries
                .into_iter()
                .map(|d| DeliveryItem {
                    id: d.id.to_string(),
                    user_id: d.user_id.to_string(),
                    email: d.email,
                    channel: d.channel,
                    state: d.state,
                    attempts: d.attempts,
                    reply: d.reply,
                    last_error: d.last_error,
                    created_at: d.created_at.to_rfc3339(),
                    updated_at: d.updated_at.to_rfc3339(),
                })
                .collect(),
        }
    }
}

/// The background job queue: counts by state and the newest failures (administrators).
#[utoipa::path(get, path = "/api/v1/admin/jobs", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = JobsBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn admin_jobs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<JobsBody>, ApiError> {
    Ok(Json(admin::overview(&state.app, &actor).await?.into()))
}

/// E-mail deliveries: state, tries, the server's reply, the last error (administrators).
#[utoipa::path(get, path = "/api/v1/admin/deliveries", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = DeliveriesBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn admin_deliveries(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<DeliveriesBody>, ApiError> {
    Ok(Json(
        admin::deliveries_overview(&state.app, &actor).await?.into(),
    ))
}
