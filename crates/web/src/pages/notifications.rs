//! The notification centre (every role): one's own notices, newest first, the unread ones
//! marked; opening one marks it read and goes where it leads; "mark all read".

use askama::Template;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::{Error, notifications};
use serde::Deserialize;
use uuid::Uuid;

use super::templates::Layout;
use super::time::zone;
use super::{Page, render, to};
use crate::error::PageError;
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(centre))
        .route("/notifications/read-all", post(read_all))
        .route("/notifications/{id}/open", post(open))
}

pub struct NoticeRow {
    pub id: String,
    /// The message of its kind ("notice-kind-message").
    pub key: String,
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub l: Layout,
    pub unread: u64,
    pub notices: Vec<NoticeRow>,
}

async fn centre(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let inbox = notifications::mine(&state.app, &actor).await?;
    let z = zone(&ctx);
    render(NotificationsPage {
        l: Layout::new(&ctx),
        unread: inbox.unread,
        notices: inbox
            .notifications
            .into_iter()
            .map(|n| NoticeRow {
                id: n.id.to_string(),
                key: format!("notice-kind-{}", n.kind.as_str()),
                at: z.date_time(n.created_at),
                unread: n.read_at.is_none(),
            })
            .collect(),
    })
}

/// Only the form's CSRF token (checked by the middleware).
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// A path inside Rapport, never another site.
fn inside(link: &str) -> &str {
    if link.starts_with('/') && !link.starts_with("//") && !link.contains('\\') {
        link
    } else {
        "/notifications"
    }
}

async fn open(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Path(id): Path<String>,
    Form(_): Form<Empty>,
) -> Page {
    let id = Uuid::parse_str(&id).map_err(|_| PageError(Error::NotFound))?;
    let link = notifications::open(&state.app, &actor, id).await?;
    to(inside(&link))
}

async fn read_all(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Form(_): Form<Empty>,
) -> Page {
    notifications::mark_all_read(&state.app, &actor).await?;
    to("/notifications")
}

#[cfg(test)]
mod tests {
    use super::inside;

    #[test]
    fn a_notice_leads_only_inside_rapport() {
        assert_eq!(inside("/alerts/1"), "/alerts/1");
        assert_eq!(inside("//evil.example"), "/notifications");
        assert_eq!(inside("https://evil.example"), "/notifications");
        assert_eq!(inside("/\\evil.example"), "/notifications");
    }
}
