//! The on-call rota and the escalation time (issue 16): who is told when a safety flag stays
//! unacknowledged, and after how long (administrators).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use rapport_app::alerts::on_call::{self, OnCall, ShiftInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ApiActor, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/admin/on-call", get(get_on_call).put(set_on_call))
}

/// A shift on the rota: the clinician is on call from `starts_at` until `ends_at`.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct ShiftBody {
    #[schema(format = Uuid)]
    pub clinician_id: String,
    /// An instant with its offset (RFC 3339), e.g. `2026-12-07T08:00:00Z`.
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// After `starts_at`, and not over yet.
    #[schema(format = DateTime)]
    pub ends_at: String,
}

/// The escalation time and the rota's shifts not over yet: what replaces them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OnCallUpdate {
    /// Minutes a safety flag may stay unacknowledged before the on-call clinician is told
    /// (5–240; 30 when never set).
    pub escalation_minutes: i64,
    /// Every shift not over yet (the list replaces them; shifts already over are kept).
    pub rota: Vec<ShiftBody>,
}

/// A shift with the clinician's name.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftItem {
    #[schema(format = Uuid)]
    pub clinician_id: String,
    pub name: String,
    #[schema(format = DateTime)]
    pub starts_at: String,
    #[schema(format = DateTime)]
    pub ends_at: String,
}

/// A clinician, by id and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicianItem {
    #[schema(format = Uuid)]
    pub clinician_id: String,
    pub name: String,
}

/// The on-call settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct OnCallSettings {
    pub escalation_minutes: i64,
    /// The shifts not over yet, earliest first.
    pub rota: Vec<ShiftItem>,
    /// Who an escalation reaches at this moment.
    pub on_call_now: Vec<ClinicianItem>,
    /// Nobody on call now: the clinicians on triage duty are told instead. Both empty: an
    /// escalation reaches nobody (and is tried again once someone is on call).
    pub fallback_now: Vec<ClinicianItem>,
}

fn settings(o: OnCall) -> Json<OnCallSettings> {
    let people = |v: Vec<on_call::Clinician>| {
        v.into_iter()
            .map(|c| ClinicianItem {
                clinician_id: c.id.to_string(),
                name: c.name,
            })
            .collect()
    };
    Json(OnCallSettings {
        escalation_minutes: o.escalation_minutes,
        rota: o
            .rota
            .into_iter()
            .map(|s| ShiftItem {
                clinician_id: s.clinician_id.to_string(),
                name: s.name,
                starts_at: s.starts_at.to_rfc3339(),
                ends_at: s.ends_at.to_rfc3339(),
            })
            .collect(),
        on_call_now: people(o.on_call_now),
        fallback_now: people(o.fallback_now),
    })
}

fn instant(field: String, s: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ApiError::invalid(
                &field,
                "Use a date and time with its offset, like 2026-12-07T08:00:00Z.",
            )
        })
}

fn shifts(rota: &[ShiftBody]) -> Result<Vec<ShiftInput>, ApiError> {
    rota.iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(ShiftInput {
                clinician_id: Uuid::parse_str(s.clinician_id.trim()).map_err(|_| {
                    ApiError::invalid(
                        &format!("rota[{i}].clinician_id"),
                        "Give the id of a clinician account.",
                    )
                })?,
                starts_at: instant(format!("rota[{i}].starts_at"), &s.starts_at)?,
                ends_at: instant(format!("rota[{i}].ends_at"), &s.ends_at)?,
            })
        })
        .collect()
}

/// The escalation time, the rota, and who is on call now (administrators).
#[utoipa::path(get, path = "/api/v1/admin/on-call", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = OnCallSettings), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get_on_call(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<OnCallSettings>, ApiError> {
    Ok(settings(on_call::on_call(&state.app, &actor).await?))
}

/// Sets the escalation time and replaces the shifts not over yet (administrators).
#[utoipa::path(put, path = "/api/v1/admin/on-call", tag = "admin", request_body = OnCallUpdate, security(("bearer" = [])),
    responses((status = 200, body = OnCallSettings), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_on_call(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<OnCallUpdate>,
) -> Result<Json<OnCallSettings>, ApiError> {
    let rota = shifts(&body.rota)?;
    Ok(settings(
        on_call::set_on_call(&state.app, &actor, body.escalation_minutes, &rota).await?,
    ))
}
