//! Secure messages (issue 16, part 5): one thread per client between the client and their care
//! team. The client writes to their team; a clinician on the active care team writes to the
//! client (and the team reads it too). Family members and administrators never reach a thread
//! (`Action::ExchangeMessages`). Bodies are sealed; reading the thread marks the others'
//! messages read for the reader (a receipt per message and reader); a new message notifies the
//! other side in the same transaction. A client's message whose words speak of self-harm
//! makes the answer carry `crisis_resources_shown` (the caller shows the crisis lines at once):
//! no flag is raised and nobody is told sooner — the page says so.

pub mod office_hours;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_core::messaging::{check_body, speaks_of_self_harm};
use rapport_core::notifications::NoticeKind;
use rapport_store::accounts::users;
use rapport_store::care_teams;
use rapport_store::messaging::{self as store, Message};
use serde::Serialize;
use uuid::Uuid;

pub use office_hours::{
    ClinicianHours, NewOfficeHours, NewPeriod, OfficeHoursView, Opening, PeriodView,
    my_office_hours, set_office_hours,
};

use crate::access;
use crate::audit_log::Entry;
use crate::notifications::{Notice, notify};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// Someone who read a message, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadBy {
    pub user_id: Uuid,
    pub name: String,
    pub read_at: DateTime<Utc>,
}

/// One message as its thread shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageView {
    pub id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    /// `client` or `clinician` (a clinician who has since left the team stays a clinician).
    pub author_role: Role,
    pub body: String,
    pub sent_at: DateTime<Utc>,
    /// Everyone but the author who has read it, earliest first.
    pub read_by: Vec<ReadBy>,
}

/// A client's thread as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub client_id: Uuid,
    pub client_name: String,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// How many of them the reader had not read before this reading.
    pub newly_read: u64,
    /// The clinicians on the care team now, with their office hours.
    pub office_hours: Vec<ClinicianHours>,
    /// Whether anyone would read a message sent now (the client has a care team).
    pub can_send: bool,
}

/// What the writer is told after sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub message: MessageView,
    /// The client's words spoke of self-harm: show the crisis lines now. Never for a
    /// clinician's message.
    pub crisis_resources_shown: bool,
    /// For a client's message: the clinicians of the care team who are outside their office
    /// hours now, with their away message.
    pub away: Vec<ClinicianHours>,
    /// How many people were notified.
    pub notified: usize,
}

/// Where a notice about a message leads its recipient: the client's own page, or the
/// clinician's page of that client's thread.
pub fn thread_link(recipient_is_client: bool, client_id: Uuid) -> String {
    if recipient_is_client {
        "/messages".to_string()
    } else {
        format!("/clients/{client_id}/messages")
    }
}

fn author_role(client_id: Uuid, author: Uuid) -> Role {
    if author == client_id {
        Role::Client
    } else {
        Role::Clinician
    }
}

fn view_of(m: Message, receipts: &[store::Receipt], names: &HashMap<Uuid, String>) -> MessageView {
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
    MessageView {
        read_by: receipts
            .iter()
            .filter(|r| r.message_id == m.id && r.reader_id != m.author_id)
            .map(|r| ReadBy {
                user_id: r.reader_id,
                name: name(r.reader_id),
                read_at: r.read_at,
            })
            .collect(),
        author_role: author_role(m.client_id, m.author_id),
        author_name: name(m.author_id),
        id: m.id,
        author_id: m.author_id,
        body: m.body,
        sent_at: m.sent_at,
    }
}

async fn names(
    c: &impl rapport_store::ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    mut ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, String>> {
    ids.sort_unstable();
    ids.dedup();
    Ok(users::names_of(c, keys, &ids).await?.into_iter().collect())
}

/// Reads the client's thread (the client, or a clinician on the care team) and marks the
/// others' messages read for the reader, in one transaction with its audit event.
pub async fn thread(app: &App, actor: &Actor, client_id: Uuid) -> Result<Thread> {
    let scope = access::write(
        app,
        actor,
        Action::ExchangeMessages,
        client_id,
        "message.read",
    )
    .await?;
    // The one reading of the clock: receipts and office hours agree.
    let now = app.now();
    let newly_read = store::mark_read(&scope.client(), actor.user_id, now).await?;
    let messages = store::of_client(&scope.client()).await?;
    let receipts = store::receipts_of(&scope.client()).await?;
    let team: Vec<Uuid> = care_teams::team_of(scope.conn(), client_id)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect();
    let mut ids: Vec<Uuid> = messages.iter().map(|m| m.author_id).collect();
    ids.extend(receipts.iter().map(|r| r.reader_id));
    ids.extend(team.iter().copied());
    ids.push(client_id);
    let names = names(scope.conn(), scope.keys(), ids).await?;
    let office_hours = office_hours::of_clinicians(scope.tx(), &team, &names, now).await?;
    scope.commit(Entry::ok("message.read")).await?;
    Ok(Thread {
        client_id,
        client_name: names.get(&client_id).cloned().unwrap_or_default(),
        messages: messages
            .into_iter()
            .map(|m| view_of(m, &receipts, &names))
            .collect(),
        newly_read,
        can_send: !team.is_empty(),
        office_hours,
    })
}

/// Sends a message in the client's thread (the client, or a clinician on the care team). In
/// one transaction: the message (sealed), a notice to each person on the other side (a
/// client's message: every clinician on the care team; a clinician's: the client and the
/// other clinicians), the audit event. A client without a care team is refused: nobody would
/// read it.
pub async fn send(app: &App, actor: &Actor, client_id: Uuid, body: &str) -> Result<Sent> {
    let scope = access::write(
        app,
        actor,
        Action::ExchangeMessages,
        client_id,
        "message.sent",
    )
    .await?;
    let body = check_body(body)?;
    let now = app.now();
    let team: Vec<Uuid> = care_teams::team_of(scope.conn(), client_id)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect();
    let by_client = actor.user_id == client_id;
    if by_client && team.is_empty() {
        return Err(Error::Conflict(
            crate::messages::MESSAGE_NO_CARE_TEAM.to_string(),
        ));
    }
    let m = Message {
        id: app.new_id(),
        client_id,
        author_id: actor.user_id,
        body,
        sent_at: now,
    };
    store::insert(&scope.client(), &m).await?;
    let mut recipients: Vec<Uuid> = team
        .iter()
        .copied()
        .filter(|c| *c != actor.user_id)
        .collect();
    if !by_client {
        recipients.insert(0, client_id);
    }
    for user_id in &recipients {
        notify(
            app,
            scope.tx(),
            Notice {
                user_id: *user_id,
                kind: NoticeKind::Message,
                client_id: Some(client_id),
                subject_id: Some(m.id),
                link: thread_link(*user_id == client_id, client_id),
            },
        )
        .await?;
    }
    let names = names(scope.conn(), scope.keys(), team.clone()).await?;
    let away = if by_client {
        office_hours::of_clinicians(scope.tx(), &team, &names, now)
            .await?
            .into_iter()
            .filter(ClinicianHours::away)
            .collect()
    } else {
        Vec::new()
    };
    let crisis_resources_shown = by_client && speaks_of_self_harm(&m.body);
    let id = m.id;
    let message = MessageView {
        id,
        author_id: actor.user_id,
        author_name: actor.name.clone(),
        author_role: author_role(client_id, actor.user_id),
        body: m.body,
        sent_at: now,
        read_by: Vec::new(),
    };
    scope
        .commit(Entry::ok("message.sent").resource(format!("message:{id}")))
        .await?;
    Ok(Sent {
        message,
        crisis_resources_shown,
        away,
        notified: recipients.len(),
    })
}

/// One client's thread in a clinician's list of threads: no message is shown, only how many
/// wait unread and when the latest came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadSummary {
    pub client_id: Uuid,
    pub client_name: String,
    pub unread: i64,
    pub latest_at: Option<DateTime<Utc>>,
}

/// The clinician's threads: one per client on whose active care team they are, those with
/// unread messages first, then by the latest message, then by name. Names and counts only
/// (like the caseload); opening a thread is the audited read.
pub async fn inbox(app: &App, actor: &Actor) -> Result<Vec<ThreadSummary>> {
    access::allow(actor, Action::ReadCaseload)?;
    let r = app.db.read().await?;
    let clients: Vec<Uuid> = care_teams::clients_of(r.conn(), actor.user_id)
        .await?
        .into_iter()
        .map(|m| m.client_id)
        .collect();
    let unread: HashMap<Uuid, i64> = store::unread_counts(r.conn(), actor.user_id, &clients)
        .await?
        .into_iter()
        .collect();
    let latest: HashMap<Uuid, DateTime<Utc>> = store::latest_of(r.conn(), &clients)
        .await?
        .into_iter()
        .collect();
    let names = names(r.conn(), r.keys(), clients.clone()).await?;
    r.close().await?;
    let mut out: Vec<ThreadSummary> = clients
        .into_iter()
        .map(|c| ThreadSummary {
            client_id: c,
            client_name: names.get(&c).cloned().unwrap_or_default(),
            unread: unread.get(&c).copied().unwrap_or(0),
            latest_at: latest.get(&c).copied(),
        })
        .collect();
    out.sort_by(|a, b| {
        (b.unread > 0)
            .cmp(&(a.unread > 0))
            .then(b.latest_at.cmp(&a.latest_at))
            .then(a.client_name.cmp(&b.client_name))
    });
    Ok(out)
}
