//! The sleep diary over the API (issue 22).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::sleep::{self, NewNight, NightView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiActor, ApiQuery, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sleep", post(record))
        .route("/api/v1/clients/{id}/sleep", get(nights))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SleepRequest {
    /// The morning the night ended, `YYYY-MM-DD` (default: today, the client's day).
    pub day: Option<String>,
    /// `HH:MM`, the client's clock.
    #[serde(default)]
    pub bedtime: String,
    pub minutes_to_fall_asleep: Option<i64>,
    /// Minutes awake in the night, after first falling asleep.
    pub awake_minutes: Option<i64>,
    /// The final waking, `HH:MM`.
    #[serde(default)]
    pub wake_time: String,
    /// Out of bed, `HH:MM`.
    #[serde(default)]
    pub rise_time: String,
}

/// One night and what it comes to.
#[derive(Debug, Serialize, ToSchema)]
pub struct SleepNightBody {
    pub id: String,
    pub day: String,
    pub bedtime: String,
    pub minutes_to_fall_asleep: u16,
    pub awake_minutes: u16,
    pub wake_time: String,
    pub rise_time: String,
    pub in_bed_minutes: u32,
    pub asleep_minutes: u32,
    /// Time asleep ÷ time in bed, as a whole percentage.
    pub efficiency_percent: u8,
}

impl From<NightView> for SleepNightBody {
    fn from(n: NightView) -> Self {
        SleepNightBody {
            id: n.id.to_string(),
            day: n.day.to_string(),
            bedtime: n.diary.bedtime.format("%H:%M").to_string(),
            minutes_to_fall_asleep: n.diary.minutes_to_fall_asleep,
            awake_minutes: n.diary.awake_minutes,
            wake_time: n.diary.wake_time.format("%H:%M").to_string(),
            rise_time: n.diary.rise_time.format("%H:%M").to_string(),
            in_bed_minutes: n.night.in_bed_minutes,
            asleep_minutes: n.night.asleep_minutes,
            efficiency_percent: n.night.efficiency_percent(),
        }
    }
}

/// The client writes down a night in their sleep diary (for themself).
#[utoipa::path(post, path = "/api/v1/sleep", tag = "sleep", request_body = SleepRequest, security(("bearer" = [])),
    responses((status = 201, body = SleepNightBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<SleepRequest>,
) -> Result<(StatusCode, Json<SleepNightBody>), ApiError> {
    let day = match body.day.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::invalid("day", "Use a date like 2026-11-30."))?,
        ),
    };
    let night = sleep::record_night(
        &state.app,
        &actor,
        NewNight {
            day,
            bedtime: body.bedtime,
            minutes_to_fall_asleep: body.minutes_to_fall_asleep,
            awake_minutes: body.awake_minutes,
            wake_time: body.wake_time,
            rise_time: body.rise_time,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(night.into())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NightsQuery {
    /// How many days back (1–366; default 28).
    pub days: Option<i64>,
}

/// The client's sleep diary, newest night first (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/sleep", tag = "sleep", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id"), NightsQuery),
    responses((status = 200, body = [SleepNightBody]), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn nights(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    ApiQuery(q): ApiQuery<NightsQuery>,
) -> Result<Json<Vec<SleepNightBody>>, ApiError> {
    let days = q.days.unwrap_or(28);
    if !(1..=366).contains(&days) {
        return Err(ApiError::invalid(
            "days",
            "Use a number of days from 1 to 366.",
        ));
    }
    let list = sleep::nights_of(&state.app, &actor, client, days).await?;
    Ok(Json(list.into_iter().map(SleepNightBody::from).collect()))
}
