//! Sessions as each reader may see them. The views are built for their reader, never handed
//! out as stored rows:
//!
//! - What is about the session itself — when, how long, what kind, where (the place or the
//!   link), who leads it, how many take part, and the staff's moves and cancellations with
//!   their reasons — is shown to everyone who may see the session ([`SessionFacts`]).
//! - What is about one member — their name, attendance, requests for another time and the
//!   reasons for them — is shown to that member, and to clinicians who may read that member's
//!   record (on their care team, or on triage duty for an unassigned client). Nobody else,
//!   whatever record the session was reached through. (Feedback is read per client, by
//!   `feedback_series`, under the same rule.)

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_core::sessions::Attendance;
use rapport_store::ConnectionTrait;
use rapport_store::accounts::users;
use rapport_store::sessions::{self as store, Attendee, Change, Session};
use uuid::Uuid;

use crate::access::{check_each, relation};
use crate::audit_log::{Entry, journal_all, record_read};
use crate::policy::{self, Action};
use crate::{Actor, App, Error, Result};

/// What everyone who may see a session sees of it: nothing in it is about any one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub id: Uuid,
    pub series_id: Option<Uuid>,
    /// The clinician who leads it.
    pub clinician_id: Uuid,
    pub clinician_name: String,
    pub created_by: Uuid,
    /// `individual`, `family` or `group`.
    pub kind: String,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address or the meeting link.
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub minutes: i16,
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl SessionFacts {
    fn of(s: Session, clinician_name: String) -> SessionFacts {
        SessionFacts {
            id: s.id,
            series_id: s.series_id,
            clinician_id: s.clinician_id,
            clinician_name,
            created_by: s.created_by,
            kind: s.kind,
            modality: s.modality,
            place: s.place,
            starts_at: s.starts_at,
            minutes: s.minutes,
            cancelled_at: s.cancelled_at,
        }
    }
}

/// A move, a cancellation, or a member's request for another time, with its reason — only
/// ever shown to a reader who may see it (see the module's rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeView {
    pub at: DateTime<Utc>,
    /// Who made it: a clinician, or the member who asked.
    pub by: Uuid,
    /// `rescheduled`, `cancelled` or `reschedule_requested`.
    pub kind: String,
    pub from_starts_at: Option<DateTime<Utc>>,
    pub to_starts_at: Option<DateTime<Utc>>,
    pub reason: String,
}

impl From<Change> for ChangeView {
    fn from(c: Change) -> ChangeView {
        ChangeView {
            at: c.at,
            by: c.by,
            kind: c.kind,
            from_starts_at: c.from_starts_at,
            to_starts_at: c.to_starts_at,
            reason: c.reason,
        }
    }
}

/// Whether a change may be shown beside `visible` members: the staff's changes are about the
/// session; a member's request only beside that member.
fn change_shown(c: &Change, members: &[Uuid], visible: &[Uuid]) -> bool {
    !members.contains(&c.by) || visible.contains(&c.by)
}

/// A session as one client's record shows it: the session, that client's attendance, the
/// staff's changes and that client's own requests. Nothing of any other member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub session: SessionFacts,
    /// This client's attendance.
    pub attendance: Option<Attendance>,
    pub changes: Vec<ChangeView>,
    /// How many clients take part (more than one in a group); no one is named.
    pub clients: usize,
}

/// The names of these people (one query), for the ones not yet known.
async fn names(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    known: &mut HashMap<Uuid, String>,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<()> {
    let wanted: Vec<Uuid> = ids
        .into_iter()
        .filter(|id| !known.contains_key(id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if !wanted.is_empty() {
        known.extend(users::names_of(c, keys, &wanted).await?);
    }
    Ok(())
}

/// Whether the reader may see this client's part of a session (read their record).
async fn may_read(c: &impl ConnectionTrait, actor: &Actor, client_id: Uuid) -> Result<bool> {
    let rel = relation(c, actor, client_id, Action::ReadClientRecord).await?;
    Ok(policy::decide(actor.role, Action::ReadClientRecord, rel))
}

/// A client's sessions, oldest first (the client or their care team): what is theirs and
/// what is about each session, nothing of other members.
pub async fn sessions_of(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<SessionView>> {
    let tx = check_each(
        app,
        app.db.read().await?,
        actor,
        Action::ReadClientRecord,
        &[client_id],
        "sessions.read",
    )
    .await?;
    let (c, keys) = (tx.conn(), tx.keys());
    let list = store::of_client(c, keys, client_id).await?;
    let ids: Vec<Uuid> = list.iter().map(|(s, _)| s.id).collect();
    let changes = store::changes_of(c, keys, &ids).await?;
    let out = sessions_from(c, keys, client_id, list, changes).await?;
    record_read(app, tx, actor, Entry::ok("sessions.read").client(client_id)).await?;
    Ok(out)
}

/// [`sessions_of`] from the client's sessions and their changes as stored, the other members
/// and the clinicians' names read through `c` (the caller asked the policy for
/// `sessions.read` and records it).
pub(crate) async fn sessions_from(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    client_id: Uuid,
    list: Vec<(store::Session, store::Attendee)>,
    mut changes: Vec<store::Change>,
) -> Result<Vec<SessionView>> {
    let ids: Vec<Uuid> = list.iter().map(|(s, _)| s.id).collect();
    let mut members: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for a in store::attendees_of(c, &ids).await? {
        members.entry(a.session_id).or_default().push(a.client_id);
    }
    let mut known = HashMap::new();
    names(
        c,
        keys,
        &mut known,
        list.iter().map(|(s, _)| s.clinician_id),
    )
    .await?;
    let mut out = Vec::with_capacity(list.len());
    for (session, attendee) in list {
        let all = members.remove(&session.id).unwrap_or_default();
        let name = known
            .get(&session.clinician_id)
            .cloned()
            .unwrap_or_default();
        out.push(SessionView {
            changes: changes
                .extract_if(.., |c| c.session_id == session.id)
                .filter(|c| change_shown(c, &all, &[client_id]))
                .map(ChangeView::from)
                .collect(),
            attendance: attendee.attendance.as_deref().and_then(Attendance::parse),
            clients: all.len(),
            session: SessionFacts::of(session, name),
        });
    }
    Ok(out)
}

/// A client's next session as their home page shows it: when and where, no one named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextSession {
    pub id: Uuid,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address or the meeting link.
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub minutes: i16,
}

/// The first of the client's sessions after `now` that is not cancelled, read through `c`
/// (the caller asked the policy for `sessions.read`).
pub(crate) async fn next_session_in(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<NextSession>> {
    Ok(store::next_of_client(c, keys, client_id, now)
        .await?
        .map(|s| NextSession {
            id: s.id,
            modality: s.modality,
            place: s.place,
            starts_at: s.starts_at,
            minutes: s.minutes,
        }))
}

/// The signed-in clinician's sessions in `[from, to)`, oldest first, with the clients in each
/// whose records they may read (a client who has left their care since is no longer named).
pub async fn my_sessions(
    app: &App,
    actor: &Actor,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(SessionFacts, Vec<(Uuid, String, Option<Attendance>)>)>> {
    crate::access::allow(actor, Action::ReadCaseload)?;
    let c = app.db.conn();
    let keys = app.db.keys();
    let list = store::of_clinician(c, keys, actor.user_id, from, to).await?;
    let ids: Vec<Uuid> = list.iter().map(|s| s.id).collect();
    let attendees = store::attendees_of(c, &ids).await?;
    let mut readable: HashMap<Uuid, bool> = HashMap::new();
    for a in &attendees {
        if let std::collections::hash_map::Entry::Vacant(e) = readable.entry(a.client_id) {
            e.insert(may_read(c, actor, a.client_id).await?);
        }
    }
    let mut known = HashMap::new();
    names(
        c,
        keys,
        &mut known,
        readable
            .iter()
            .filter(|(_, ok)| **ok)
            .map(|(id, _)| *id)
            .chain([actor.user_id]),
    )
    .await?;
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let who = attendees
            .iter()
            .filter(|a| a.session_id == s.id && readable.get(&a.client_id) == Some(&true))
            .map(|a| {
                (
                    a.client_id,
                    known.get(&a.client_id).cloned().unwrap_or_default(),
                    a.attendance.as_deref().and_then(Attendance::parse),
                )
            })
            .collect();
        let name = known.get(&actor.user_id).cloned().unwrap_or_default();
        out.push((SessionFacts::of(s, name), who));
    }
    Ok(out)
}

/// One member of a session as the reader may see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    pub client_id: Uuid,
    pub name: String,
    pub attendance: Option<Attendance>,
    /// The reader may record this member's attendance (a clinician on their care team).
    pub can_record: bool,
}

/// One session as its page shows it to its reader. A member sees themself alone; a clinician
/// sees the members whose records they may read, and only how many others there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDetail {
    pub session: SessionFacts,
    /// The reader takes part in it (a client's own view).
    pub as_member: bool,
    pub clients: Vec<MemberView>,
    /// How many other members take part, unnamed.
    pub others: usize,
    /// Oldest first, each with the name of who made it ("you" for the reader): the staff's
    /// moves and cancellations, and the requests of the members shown.
    pub changes: Vec<(ChangeView, String)>,
    /// The reader may move and cancel it (a clinician on every member's care team).
    pub can_manage: bool,
}

/// A session, for a client in it or a clinician who may read at least one member's record.
pub async fn session(app: &App, actor: &Actor, session_id: Uuid) -> Result<SessionDetail> {
    let tx = app.db.read().await?;
    let s = store::find(tx.conn(), tx.keys(), session_id)
        .await?
        .ok_or(Error::NotFound)?;
    let attendees: Vec<Attendee> = store::attendees(tx.conn(), session_id).await?;
    let all: Vec<Uuid> = attendees.iter().map(|a| a.client_id).collect();
    let as_member = all.contains(&actor.user_id);
    let mut visible = vec![];
    let mut can_manage = actor.role == Role::Clinician && !as_member;
    let mut can_record = HashSet::new();
    if as_member {
        visible.push(actor.user_id);
        can_manage = false;
    } else {
        for c in &all {
            let rel = relation(tx.conn(), actor, *c, Action::ManageSessions).await?;
            if policy::decide(actor.role, Action::ReadClientRecord, rel) {
                visible.push(*c);
            }
            if policy::decide(actor.role, Action::ManageSessions, rel) {
                can_record.insert(*c);
            } else {
                can_manage = false;
            }
        }
    }
    let tx = if visible.is_empty() {
        // No member the reader may see: refused, and the refusal recorded, as before.
        check_each(
            app,
            tx,
            actor,
            Action::ReadClientRecord,
            &all,
            "session.read",
        )
        .await?;
        return Err(Error::Forbidden);
    } else if as_member {
        check_each(
            app,
            tx,
            actor,
            Action::ReadClientRecord,
            &[actor.user_id],
            "session.read",
        )
        .await?
    } else {
        tx
    };
    let changes: Vec<Change> = store::changes_of(tx.conn(), tx.keys(), &[session_id])
        .await?
        .into_iter()
        .filter(|c| change_shown(c, &all, &visible))
        .collect();
    let mut known = HashMap::new();
    names(
        tx.conn(),
        tx.keys(),
        &mut known,
        visible
            .iter()
            .copied()
            .chain(changes.iter().map(|c| c.by))
            .chain([s.clinician_id]),
    )
    .await?;
    let name_of = |id: Uuid| known.get(&id).cloned().unwrap_or_default();
    let clients = attendees
        .iter()
        .filter(|a| visible.contains(&a.client_id))
        .map(|a| MemberView {
            client_id: a.client_id,
            name: name_of(a.client_id),
            attendance: a.attendance.as_deref().and_then(Attendance::parse),
            can_record: can_record.contains(&a.client_id),
        })
        .collect();
    let changes = changes
        .into_iter()
        .map(|c| {
            let by = if c.by == actor.user_id {
                "you".to_string()
            } else {
                name_of(c.by)
            };
            (ChangeView::from(c), by)
        })
        .collect();
    let clinician_name = name_of(s.clinician_id);
    tx.close().await?;
    let resource = format!("session:{session_id}");
    journal_all(
        app,
        actor,
        visible
            .iter()
            .map(|c| {
                Entry::ok("session.read")
                    .client(*c)
                    .resource(resource.clone())
            })
            .collect(),
    )
    .await?;
    Ok(SessionDetail {
        session: SessionFacts::of(s, clinician_name),
        as_member,
        others: all.len() - visible.len(),
        clients,
        changes,
        can_manage,
    })
}
