//! Notices (issue 16): every notice is a row first, written by [`notify`] inside the
//! transaction of the event that causes it (a safety flag, a message, a care-team change, a
//! reminder), so that it exists exactly when the event does. The person reads their own
//! notices ([`mine`]) and marks them read. Delivery beyond the app (e-mail) starts from the
//! row.

use chrono::{DateTime, Utc};
use rapport_core::notifications::NoticeKind;
use rapport_store::WriteTx;
use rapport_store::deliveries::{self, Delivery};
use rapport_store::notifications::{self as store, Notification};
use serde::Serialize;
use uuid::Uuid;

pub(crate) mod preferences;

use crate::audit_log::{Entry, record_and_commit};
use crate::jobs::{self, DeliverPayload};
use crate::policy::Action;
use crate::words::stored;
use crate::{Actor, App, Error, Result, access};

/// A notice to give: to whom, about what, and where in Rapport it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub user_id: Uuid,
    pub kind: NoticeKind,
    /// The client it is about, if any.
    pub client_id: Option<Uuid>,
    /// The flag, message, session… it is about.
    pub subject_id: Option<Uuid>,
    /// A path inside Rapport (`/alerts/…`), never a full address.
    pub link: String,
}

/// Writes the notice inside the caller's transaction; its id. The caller's commit makes it
/// real, and a rollback takes it back with the event. When e-mail is configured and the
/// person is to be e-mailed for this kind (`preferences::email_at`), an e-mail delivery and
/// the job that sends it are written in the same transaction (the outbox), due at that time.
pub(crate) async fn notify(app: &App, tx: &WriteTx, notice: Notice) -> Result<Uuid> {
    let id = app.new_id();
    let now = app.now();
    let (user_id, kind) = (notice.user_id, notice.kind);
    store::insert(
        tx.conn(),
        Notification {
            id,
            user_id: notice.user_id,
            kind: notice.kind.as_str().to_string(),
            client_id: notice.client_id,
            subject_id: notice.subject_id,
            link: notice.link,
            created_at: now,
            read_at: None,
        },
    )
    .await?;
    if app.config.mail.is_some()
        && let Some(at) = preferences::email_at(app, tx, user_id, kind, now).await?
    {
        let delivery_id = app.new_id();
        deliveries::insert(
            tx.conn(),
            Delivery {
                id: delivery_id,
                notification_id: id,
                user_id,
                channel: deliveries::EMAIL.to_string(),
                state: deliveries::QUEUED.to_string(),
                attempts: 0,
                reply: None,
                last_error: None,
                created_at: now,
                updated_at: now,
            },
        )
        .await?;
        let payload = serde_json::to_string(&DeliverPayload { delivery_id })
            .map_err(|e| Error::Internal(e.to_string()))?;
        jobs::enqueue(
            app,
            tx,
            jobs::DELIVER,
            payload,
            Some(format!("deliver:{delivery_id}")),
            at,
        )
        .await?;
    }
    Ok(id)
}

/// A notice as its recipient sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeView {
    pub id: Uuid,
    pub kind: NoticeKind,
    pub title: String,
    pub link: String,
    pub client_id: Option<Uuid>,
    pub subject_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// The signed-in person's notices, newest first, and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inbox {
    pub unread: u64,
    pub notifications: Vec<NoticeView>,
}

/// How many notices the centre lists.
const SHOWN: u64 = 100;

/// The signed-in person's own notices.
pub async fn mine(app: &App, actor: &Actor) -> Result<Inbox> {
    access::allow(actor, Action::ReadNotifications)?;
    let r = app.db.read().await?;
    let rows = store::of_user(r.conn(), actor.user_id, SHOWN).await?;
    let unread = store::unread_count(r.conn(), actor.user_id).await?;
    r.close().await?;
    let notifications = rows
        .into_iter()
        .map(|n| {
            let kind = stored(&n.kind, NoticeKind::parse)?;
            Ok(NoticeView {
                id: n.id,
                kind,
                title: kind.label().to_string(),
                link: n.link,
                client_id: n.client_id,
                subject_id: n.subject_id,
                created_at: n.created_at,
                read_at: n.read_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Inbox {
        unread,
        notifications,
    })
}

/// How many of the signed-in person's notices are unread (the badge in the navigation).
pub async fn unread(app: &App, actor: &Actor) -> Result<u64> {
    access::allow(actor, Action::ReadNotifications)?;
    Ok(store::unread_count(app.db.conn(), actor.user_id).await?)
}

/// Marks one of the person's own notices read. Not found when it is not theirs.
pub async fn mark_read(app: &App, actor: &Actor, id: Uuid) -> Result<()> {
    access::allow(actor, Action::ReadNotifications)?;
    let tx = app.db.write().await?;
    match store::get(tx.conn(), id).await? {
        Some(n) if n.user_id == actor.user_id => {}
        _ => return Err(Error::NotFound),
    }
    store::mark_read(tx.conn(), actor.user_id, id, app.now()).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("notification.read").resource(format!("notification:{id}")),
    )
    .await
}

/// Marks all of the person's notices read; how many were unread.
pub async fn mark_all_read(app: &App, actor: &Actor) -> Result<u64> {
    access::allow(actor, Action::ReadNotifications)?;
    let tx = app.db.write().await?;
    let n = store::mark_all_read(tx.conn(), actor.user_id, app.now()).await?;
    record_and_commit(app, tx, actor, Entry::ok("notification.read_all")).await?;
    Ok(n)
}

/// Tells a client that a clinician joined their care team (the membership `membership_id`),
/// inside the transaction that adds them.
pub(crate) async fn care_team_joined(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    membership_id: Uuid,
) -> Result<Uuid> {
    notify(
        app,
        tx,
        Notice {
            user_id: client_id,
            kind: NoticeKind::CareTeamJoined,
            client_id: Some(client_id),
            subject_id: Some(membership_id),
            link: "/home#team-heading".to_string(),
        },
    )
    .await
}

/// Opens one of the person's own notices: marks it read; where it leads. Not found when it is
/// not theirs.
pub async fn open(app: &App, actor: &Actor, id: Uuid) -> Result<String> {
    access::allow(actor, Action::ReadNotifications)?;
    let tx = app.db.write().await?;
    let link = match store::get(tx.conn(), id).await? {
        Some(n) if n.user_id == actor.user_id => n.link,
        _ => return Err(Error::NotFound),
    };
    store::mark_read(tx.conn(), actor.user_id, id, app.now()).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("notification.read").resource(format!("notification:{id}")),
    )
    .await?;
    Ok(link)
}
