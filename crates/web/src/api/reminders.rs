//! The signed-in person's notification settings over the API (every role): e-mail per kind
//! of notice, quiet hours, the daily limit of reminder e-mails, the check-in reminder time.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use rapport_app::reminders::{self, PreferencesInput, PreferencesView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiActor, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/v1/me/notification-preferences",
        get(my_notification_preferences).put(save_notification_preferences),
    )
}

/// One kind of notice the person can be told about.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeEmailView {
    /// The kind's word (`checkin_due`, `message`, `safety_flag`, …).
    pub kind: String,
    pub label: String,
    /// Whether it also comes by e-mail (the in-app notice comes always).
    pub email: bool,
    /// Critical notices go at once, whatever quiet hours and the daily limit say.
    pub critical: bool,
}

/// The person's settings (their role's defaults until they save).
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPreferencesView {
    pub email: Vec<NoticeEmailView>,
    /// `HH:MM` on the person's clock; both null: no quiet hours.
    pub quiet_start: Option<String>,
    pub quiet_end: Option<String>,
    /// Reminder e-mails a day at most (0: none).
    pub daily_limit: u8,
    /// The daily check-in reminder's local time, `HH:MM` (null: off).
    pub checkin_at: Option<String>,
    /// The IANA timezone the times are read in (the account's).
    pub timezone: String,
    /// The next check-in reminder, if one is set.
    pub next_checkin_reminder: Option<DateTime<Utc>>,
}

impl From<PreferencesView> for NotificationPreferencesView {
    fn from(v: PreferencesView) -> Self {
        NotificationPreferencesView {
            email: v
                .email
                .into_iter()
                .map(|c| NoticeEmailView {
                    kind: c.kind.as_str().to_string(),
                    label: c.label.to_string(),
                    email: c.email,
                    critical: c.critical,
                })
                .collect(),
            quiet_start: v.quiet_start,
            quiet_end: v.quiet_end,
            daily_limit: v.daily_limit,
            checkin_at: v.checkin_at,
            timezone: v.timezone,
            next_checkin_reminder: v.next_checkin_reminder,
        }
    }
}

/// A change of settings: every field may be left out (it stays as it was). `email` names the
/// kinds to change (`{"checkin_due": false}`); quiet hours take both times or two empty
/// strings (none); `checkin_at` an empty string turns the check-in reminder off.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationPreferencesRequest {
    #[serde(default)]
    pub email: BTreeMap<String, bool>,
    /// `HH:MM`, 24-hour.
    pub quiet_start: Option<String>,
    /// `HH:MM`, 24-hour; before the start for a window across midnight (21:00–08:00).
    pub quiet_end: Option<String>,
    /// 0 to 10.
    pub daily_limit: Option<i64>,
    /// `HH:MM`, or `""` for no check-in reminder.
    pub checkin_at: Option<String>,
}

/// The signed-in person's notification settings.
#[utoipa::path(get, path = "/api/v1/me/notification-preferences", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = NotificationPreferencesView), (status = 401, body = ErrorBody)))]
pub async fn my_notification_preferences(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<NotificationPreferencesView>, ApiError> {
    Ok(Json(
        reminders::my_preferences(&state.app, &actor).await?.into(),
    ))
}

/// Changes the signed-in person's notification settings; answers them as they are now.
#[utoipa::path(put, path = "/api/v1/me/notification-preferences", tag = "notifications",
    request_body = NotificationPreferencesRequest, security(("bearer" = [])),
    responses((status = 200, body = NotificationPreferencesView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_notification_preferences(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<NotificationPreferencesRequest>,
) -> Result<Json<NotificationPreferencesView>, ApiError> {
    let input = PreferencesInput {
        email: body.email.into_iter().collect(),
        quiet_start: body.quiet_start,
        quiet_end: body.quiet_end,
        daily_limit: body.daily_limit,
        checkin_at: body.checkin_at,
    };
    Ok(Json(
        reminders::save_preferences(&state.app, &actor, input)
            .await?
            .into(),
    ))
}
