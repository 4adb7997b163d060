//! Private calendar feeds: each person may have one secret address that their calendar app
//! subscribes to. The feed carries when and where, never who or why: no names, no clinical
//! detail. Creating a new address revokes the old one. Reading the feed is not audited (apps
//! poll it every few minutes and it holds nothing about anyone's health); creating and
//! revoking are.

use chrono::{DateTime, Duration, Utc};
use rapport_core::accounts::Role;
use rapport_store::calendar::{self as store, Feed};
use rapport_store::sessions;
use uuid::Uuid;

use crate::accounts::{hash_secret, new_secret};
use crate::audit_log::{Entry, record_and_commit};
use crate::{Actor, App, Error, Result};

/// How far back and ahead a feed reaches.
const PAST_DAYS: i64 = 30;
const AHEAD_DAYS: i64 = 400;

/// One event of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address or the meeting link.
    pub place: Option<String>,
    pub cancelled: bool,
}

/// Makes a new secret feed address for the signed-in person (revoking any earlier one) and
/// returns its token, shown once.
pub async fn new_feed(app: &App, actor: &Actor) -> Result<String> {
    let tx = app.db.write().await?;
    store::revoke_all(tx.conn(), actor.user_id, app.now()).await?;
    let (token, hash) = new_secret();
    store::insert(
        tx.conn(),
        Feed {
            id: app.new_id(),
            user_id: actor.user_id,
            token_hash: hash,
            created_at: app.now(),
            revoked_at: None,
        },
    )
    .await?;
    record_and_commit(app, tx, actor, Entry::ok("calendar.created")).await?;
    Ok(token)
}

/// Revokes the signed-in person's feed: calendar apps get nothing from it any more.
pub async fn revoke_feed(app: &App, actor: &Actor) -> Result<()> {
    let tx = app.db.write().await?;
    store::revoke_all(tx.conn(), actor.user_id, app.now()).await?;
    record_and_commit(app, tx, actor, Entry::ok("calendar.revoked")).await
}

/// Whether the signed-in person has a live feed.
pub async fn has_feed(app: &App, actor: &Actor) -> Result<bool> {
    Ok(store::live_of(app.db.conn(), actor.user_id)
        .await?
        .is_some())
}

/// The events of the feed with this token; NotFound for an unknown or revoked token.
pub async fn feed_events(app: &App, token: &str) -> Result<Vec<CalendarEvent>> {
    let c = app.db.conn();
    let keys = app.db.keys();
    let feed = store::by_hash(c, &hash_secret(token))
        .await?
        .ok_or(Error::NotFound)?;
    let user = rapport_store::accounts::users::find(c, keys, feed.user_id)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or(Error::NotFound)?;
    let from = app.now() - Duration::days(PAST_DAYS);
    let to = app.now() + Duration::days(AHEAD_DAYS);
    let list = if user.role == Role::Clinician.as_str() {
        sessions::of_clinician(c, keys, feed.user_id, from, to).await?
    } else if user.role == Role::Family.as_str() {
        // A family member's feed: their family sessions, while the client still gives them
        // the `family_sessions` scope.
        let member = Actor {
            user_id: user.id,
            role: Role::Family,
            name: String::new(),
            address: None,
        };
        let tx = app.db.read().await?;
        let list = crate::sessions::visible_family_sessions(&tx, &member).await?;
        tx.close().await?;
        list.into_iter()
            .map(|(s, _)| s)
            .filter(|s| s.starts_at >= from && s.starts_at < to)
            .collect()
    } else {
        sessions::of_client(c, keys, feed.user_id)
            .await?
            .into_iter()
            .map(|(s, _)| s)
            .filter(|s| s.starts_at >= from && s.starts_at < to)
            .collect()
    };
    Ok(list
        .into_iter()
        .map(|s| CalendarEvent {
            id: s.id,
            starts_at: s.starts_at,
            minutes: i64::from(s.minutes),
            modality: s.modality,
            place: s.place,
            cancelled: s.cancelled_at.is_some(),
        })
        .collect())
}
