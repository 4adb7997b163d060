//! The caller's private calendar address (an iCalendar feed of their sessions).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use rapport_app::calendar;
use serde::Serialize;
use utoipa::ToSchema;

use super::ApiActor;
use crate::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/v1/calendar-feed",
        post(new_calendar_feed).delete(revoke_calendar_feed),
    )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarFeed {
    /// The secret part of the address; shown once.
    pub token: String,
    /// The feed's path on this server: `/calendar/{token}.ics`.
    pub path: String,
}

/// Makes a new private calendar address for the caller (revoking the earlier one).
#[utoipa::path(post, path = "/api/v1/calendar-feed", tag = "sessions", security(("bearer" = [])),
    responses((status = 201, body = CalendarFeed)))]
pub async fn new_calendar_feed(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<(StatusCode, Json<CalendarFeed>), ApiError> {
    let token = calendar::new_feed(&state.app, &actor).await?;
    let path = format!("/calendar/{token}.ics");
    Ok((StatusCode::CREATED, Json(CalendarFeed { token, path })))
}

/// Stops the caller's calendar address.
#[utoipa::path(delete, path = "/api/v1/calendar-feed", tag = "sessions", security(("bearer" = [])),
    responses((status = 204)))]
pub async fn revoke_calendar_feed(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<StatusCode, ApiError> {
    calendar::revoke_feed(&state.app, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}
