//! The notification centre over the API: one's own notices, newest first, with the unread
//! count; marking one or all read. Every role, own notices only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::notifications::{self, Inbox, NoticeView};
use serde::Serialize;
use utoipa::ToSchema;

use super::ApiActor;
use super::extract::NoticeId;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/notifications", get(list_notifications))
        .route(
            "/api/v1/notifications/read-all",
            post(read_all_notifications),
        )
        .route("/api/v1/notifications/{id}/read", post(read_notification))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationItem {
    #[schema(format = Uuid)]
    pub id: String,
    /// What it is about (a stable word).
    pub kind: String,
    /// Its words for the reader.
    pub title: String,
    /// Where in Rapport it leads (a path).
    pub link: String,
    #[schema(format = Uuid)]
    pub client_id: Option<String>,
    #[schema(format = Uuid)]
    pub subject_id: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When it was read; `null` while unread.
    #[schema(format = DateTime)]
    pub read_at: Option<String>,
}

impl From<NoticeView> for NotificationItem {
    fn from(n: NoticeView) -> Self {
        NotificationItem {
            id: n.id.to_string(),
            kind: n.kind.as_str().to_string(),
            title: n.title,
            link: n.link,
            client_id: n.client_id.map(|u| u.to_string()),
            subject_id: n.subject_id.map(|u| u.to_string()),
            created_at: n.created_at.to_rfc3339(),
            read_at: n.read_at.map(|t| t.to_rfc3339()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsBody {
    /// How many of one's notices are unread (all of them, not only those listed).
    pub unread: u64,
    /// The newest notices first (at most 100).
    pub notifications: Vec<NotificationItem>,
}

impl From<Inbox> for NotificationsBody {
    fn from(i: Inbox) -> Self {
        NotificationsBody {
            unread: i.unread,
            notifications: i.notifications.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadAllBody {
    /// How many notices were unread and are read now.
    pub marked: u64,
}

/// One's own notices, newest first, and how many are unread.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = NotificationsBody), (status = 401, body = ErrorBody)))]
pub async fn list_notifications(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<NotificationsBody>, ApiError> {
    Ok(Json(notifications::mine(&state.app, &actor).await?.into()))
}

/// Marks one of one's notices read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The notice's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn read_notification(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    NoticeId(id): NoticeId,
) -> Result<StatusCode, ApiError> {
    notifications::mark_read(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks all of one's notices read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = ReadAllBody), (status = 401, body = ErrorBody)))]
pub async fn read_all_notifications(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<ReadAllBody>, ApiError> {
    let marked = notifications::mark_all_read(&state.app, &actor).await?;
    Ok(Json(ReadAllBody { marked }))
}
