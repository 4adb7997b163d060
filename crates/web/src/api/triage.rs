//! Triage duty: who watches clients without a care team, and taking such a client on.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::triage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::care_teams::CareTeamView;
use super::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/triage", get(get_duty).put(set_duty))
        .route("/api/v1/clients/{id}/take-on", post(take_on))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct TriageDuty {
    /// The clinicians on triage duty: they see the alerts of clients with no active care team.
    /// An empty list leaves those alerts to nobody (the server warns).
    #[schema(value_type = Vec<String>, format = Uuid)]
    pub clinician_ids: Vec<String>,
}

fn ids(list: &[String]) -> Result<Vec<Uuid>, ApiError> {
    list.iter()
        .enumerate()
        .map(|(i, s)| {
            Uuid::parse_str(s).map_err(|_| {
                ApiError::invalid(
                    &format!("clinician_ids[{i}]"),
                    "Give the id of a clinician account.",
                )
            })
        })
        .collect()
}

fn duty(list: Vec<Uuid>) -> Json<TriageDuty> {
    Json(TriageDuty {
        clinician_ids: list.into_iter().map(|u| u.to_string()).collect(),
    })
}

/// Who is on triage duty (administrators).
#[utoipa::path(get, path = "/api/v1/admin/triage", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = TriageDuty), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get_duty(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<TriageDuty>, ApiError> {
    let roster = triage::duty_roster(&state.app, &actor).await?;
    Ok(duty(
        roster
            .into_iter()
            .filter(|r| r.on_duty)
            .map(|r| r.clinician_id)
            .collect(),
    ))
}

/// Puts exactly these clinicians on triage duty (administrators).
#[utoipa::path(put, path = "/api/v1/admin/triage", tag = "admin", request_body = TriageDuty, security(("bearer" = [])),
    responses((status = 200, body = TriageDuty), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_duty(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<TriageDuty>,
) -> Result<Json<TriageDuty>, ApiError> {
    let list = ids(&body.clinician_ids)?;
    Ok(duty(triage::set_duty(&state.app, &actor, &list).await?))
}

/// A clinician on triage duty becomes the primary therapist of a client with no care team.
#[utoipa::path(post, path = "/api/v1/clients/{id}/take-on", tag = "alerts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The client")),
    responses((status = 201, body = CareTeamView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn take_on(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<(StatusCode, Json<CareTeamView>), ApiError> {
    let m = triage::take_on(&state.app, &actor, client).await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}
