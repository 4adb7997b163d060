//! The online room of a session (issue 20). Who may come in: the clinician who leads the
//! session, its clients (one, or a group's members) and the family members named on a family
//! session who still hold `family_sessions` — each asked of the policy
//! (`Action::JoinOnlineSessions`). When: from 10 minutes before the start until the clinician
//! ends it (`rapport_core::sessions::room`). Everyone else gets `Forbidden`, recorded.
//!
//! Each join and leave is audited; the clinician lets people in from the waiting room, ends
//! the room (which opens the progress note) and may save a chat line to a client's record
//! (sealed). Nothing else of the chat, and nothing of the media, is stored.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use rapport_core::accounts::Role;
use rapport_core::sessions::room::{
    IceAuth, RoomState, check_chat_line, room_state, turn_username,
};
use rapport_store::accounts::users;
use rapport_store::observations as family_attendees;
use rapport_store::sessions::room::{self as store, SavedLine};
use rapport_store::sessions::{self as sessions_store, Session};
use rapport_store::{ConnectionTrait, Tx};
use sha1::Sha1;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, journal_all, record};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// How a person takes part in a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomRole {
    /// The clinician who leads the session: the host.
    Clinician,
    Client,
    Family,
}

impl RoomRole {
    pub fn as_str(self) -> &'static str {
        match self {
            RoomRole::Clinician => "clinician",
            RoomRole::Client => "client",
            RoomRole::Family => "family",
        }
    }
}

/// An ICE server as a browser's `RTCPeerConnection` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceServer {
    pub urls: String,
    pub username: Option<String>,
    pub credential: Option<String>,
}

/// What an attendee learns on the way into a room.
#[derive(Debug, Clone)]
pub struct RoomEntry {
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub minutes: i16,
    /// `individual`, `family` or `group`.
    pub kind: String,
    pub clinician_name: String,
    /// The reader's own name, as others in the room see it (a client's first name in a
    /// group, when they chose to show it; else "Group member").
    pub display_name: String,
    pub role: RoomRole,
    pub state: RoomState,
    /// Filled only while the room is open.
    pub ice_servers: Vec<IceServer>,
    /// The session's clients (for the progress note the end opens).
    pub clients: Vec<Uuid>,
}

impl RoomEntry {
    pub fn host(&self) -> bool {
        self.role == RoomRole::Clinician
    }
}

/// The session, its clients and how the actor takes part, or `None` (not an attendee).
async fn role_in(
    tx: &impl Tx,
    actor: &Actor,
    s: &Session,
    clients: &[Uuid],
) -> Result<Option<RoomRole>> {
    Ok(match actor.role {
        Role::Clinician if s.clinician_id == actor.user_id => may_for_any(tx, actor, clients)
            .await?
            .then_some(RoomRole::Clinician),
        Role::Client if clients.contains(&actor.user_id) => {
            access::may(tx, actor, Action::JoinOnlineSessions, actor.user_id)
                .await?
                .then_some(RoomRole::Client)
        }
        Role::Family
            if family_attendees::attendees_of(tx.conn(), s.id)
                .await?
                .contains(&actor.user_id) =>
        {
            may_for_any(tx, actor, clients)
                .await?
                .then_some(RoomRole::Family)
        }
        _ => None,
    })
}

/// Whether the policy lets the actor join for at least one of the clients (the clinician
/// leading a group need not be on every member's care team; a family member holds
/// `family_sessions` from the session's client).
async fn may_for_any(tx: &impl Tx, actor: &Actor, clients: &[Uuid]) -> Result<bool> {
    for c in clients {
        if access::may(tx, actor, Action::JoinOnlineSessions, *c).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Records a refused attempt at a room, once for each client of the session.
async fn refuse(app: &App, actor: &Actor, session_id: Uuid, clients: &[Uuid]) -> Error {
    let resource = format!("session:{session_id}");
    let entries = clients
        .iter()
        .map(|c| {
            Entry::ok("room.join")
                .client(*c)
                .resource(resource.clone())
                .outcome("denied")
        })
        .collect();
    match journal_all(app, actor, entries).await {
        Ok(()) => Error::Forbidden,
        Err(e) => e,
    }
}

/// HMAC-SHA1 of the username under the shared secret, base64: coturn's REST API credential.
fn turn_credential(secret: &str, username: &str) -> Result<String> {
    use base64::Engine;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes())
        .map_err(|e| Error::Internal(e.to_string()))?;
    mac.update(username.as_bytes());
    Ok(base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

/// The configured ICE servers for `user_id`, with short-lived TURN credentials made now.
fn ice_servers(app: &App, user_id: Uuid) -> Result<Vec<IceServer>> {
    app.config
        .ice_servers
        .iter()
        .map(|s| {
            Ok(match &s.auth {
                IceAuth::None => IceServer {
                    urls: s.url.clone(),
                    username: None,
                    credential: None,
                },
                IceAuth::Static {
                    username,
                    credential,
                } => IceServer {
                    urls: s.url.clone(),
                    username: Some(username.clone()),
                    credential: Some(credential.clone()),
                },
                IceAuth::Shared {
                    secret,
                    ttl_seconds,
                } => {
                    let ttl = i64::try_from(*ttl_seconds).unwrap_or(3600);
                    let expires = (app.now() + Duration::seconds(ttl)).timestamp();
                    let username = turn_username(expires, &user_id.simple().to_string());
                    IceServer {
                        urls: s.url.clone(),
                        credential: Some(turn_credential(secret, &username)?),
                        username: Some(username),
                    }
                }
            })
        })
        .collect()
}

/// The name others in the room see. In a group a member is known by their first name only,
/// and not even that when they chose, on joining the group's programme, to keep it hidden.
async fn display_name(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    actor: &Actor,
    s: &Session,
    role: RoomRole,
) -> Result<String> {
    let name = users::names_of(c, keys, &[actor.user_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default();
    if s.kind != "group" || role != RoomRole::Client {
        return Ok(name);
    }
    if let Some(group_id) = rapport_store::groups::group_of_session(c, s.id).await? {
        let shown = rapport_store::groups::places_of(c, actor.user_id)
            .await?
            .iter()
            .any(|m| m.group_id == group_id && m.show_first_name);
        if !shown {
            return Ok(GROUP_MEMBER.to_string());
        }
    }
    Ok(name
        .split_whitespace()
        .next()
        .unwrap_or(GROUP_MEMBER)
        .to_string())
}

/// How a group member who keeps their name hidden is shown.
const GROUP_MEMBER: &str = "Group member";

/// The way into a session's room for an attendee, with the room's state (not necessarily
/// open: the caller shows when it opens). Anyone else is refused, and that is recorded.
pub async fn enter(app: &App, actor: &Actor, session_id: Uuid) -> Result<RoomEntry> {
    let tx = app.db.read().await?;
    let s = sessions_store::find(tx.conn(), tx.keys(), session_id)
        .await?
        .ok_or(Error::NotFound)?;
    let clients: Vec<Uuid> = sessions_store::attendees(tx.conn(), session_id)
        .await?
        .into_iter()
        .map(|a| a.client_id)
        .collect();
    let Some(role) = role_in(&tx, actor, &s, &clients).await? else {
        tx.close().await?;
        return Err(refuse(app, actor, session_id, &clients).await);
    };
    let ended = store::ended_at(tx.conn(), session_id).await?.is_some();
    let state = room_state(
        &s.modality,
        s.starts_at,
        s.cancelled_at.is_some(),
        ended,
        app.now(),
    );
    let clinician_name = users::names_of(tx.conn(), tx.keys(), &[s.clinician_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default();
    let display_name = display_name(tx.conn(), tx.keys(), actor, &s, role).await?;
    tx.close().await?;
    Ok(RoomEntry {
        session_id,
        starts_at: s.starts_at,
        minutes: s.minutes,
        kind: s.kind,
        clinician_name,
        display_name,
        role,
        ice_servers: if state.is_open() {
            ice_servers(app, actor.user_id)?
        } else {
            vec![]
        },
        state,
        clients,
    })
}

/// The room, open, for an attendee: refused (403) outside the window as well.
pub async fn enter_open(app: &App, actor: &Actor, session_id: Uuid) -> Result<RoomEntry> {
    let entry = enter(app, actor, session_id).await?;
    if !entry.state.is_open() {
        return Err(Error::Forbidden);
    }
    Ok(entry)
}

/// An attendee came into the room (their signalling connection opened): recorded and audited
/// for each client of the session. Returns whether they are let in already (the clinician
/// always; anyone the clinician let in before, coming back).
pub async fn join(app: &App, actor: &Actor, entry: &RoomEntry) -> Result<bool> {
    let tx = app.db.write().await?;
    let row = store::joined(
        tx.conn(),
        app.new_id(),
        entry.session_id,
        actor.user_id,
        entry.role.as_str(),
        app.now(),
        entry.host(),
    )
    .await?;
    audit_each(app, &tx, actor, entry, "room.joined").await?;
    tx.commit().await?;
    Ok(row.admitted_at.is_some())
}

async fn audit_each(
    app: &App,
    tx: &rapport_store::WriteTx,
    actor: &Actor,
    entry: &RoomEntry,
    action: &str,
) -> Result<()> {
    let resource = format!("session:{}", entry.session_id);
    for c in &entry.clients {
        let mut e = Entry::ok(action).client(*c).resource(resource.clone());
        e.detail = Some(format!("role={}", entry.role.as_str()));
        record(app, tx, Some(actor), None, e).await?;
    }
    Ok(())
}

/// An attendee left the room (their connection closed): recorded and audited.
pub async fn leave(app: &App, actor: &Actor, entry: &RoomEntry) -> Result<()> {
    let tx = app.db.write().await?;
    store::left(tx.conn(), entry.session_id, actor.user_id, app.now()).await?;
    audit_each(app, &tx, actor, entry, "room.left").await?;
    tx.commit().await?;
    Ok(())
}

/// The host, checked afresh: the session's clinician, while the room is open.
async fn host(app: &App, actor: &Actor, session_id: Uuid) -> Result<RoomEntry> {
    let entry = enter_open(app, actor, session_id).await?;
    if !entry.host() {
        return Err(Error::Forbidden);
    }
    Ok(entry)
}

/// The clinician lets `user_id` in from the waiting room. False when they were not waiting.
pub async fn admit(app: &App, actor: &Actor, session_id: Uuid, user_id: Uuid) -> Result<bool> {
    let entry = host(app, actor, session_id).await?;
    let tx = app.db.write().await?;
    let admitted = store::admit(tx.conn(), session_id, user_id, app.now()).await?;
    if admitted {
        audit_each(app, &tx, actor, &entry, "room.admitted").await?;
    }
    tx.commit().await?;
    Ok(admitted)
}

/// The clinician ends the session's room: nobody can come in any more. Returns the session's
/// clients (the progress note to open is the first one's).
pub async fn end(app: &App, actor: &Actor, session_id: Uuid) -> Result<Vec<Uuid>> {
    let entry = host(app, actor, session_id).await?;
    let tx = app.db.write().await?;
    if store::end(tx.conn(), session_id, actor.user_id, app.now()).await? {
        audit_each(app, &tx, actor, &entry, "room.ended").await?;
    }
    tx.commit().await?;
    Ok(entry.clients)
}

/// The clinician saves a line of the chat to a client's record (sealed), as "who: text".
/// `client_id` must be one of the session's clients on the clinician's care team.
pub async fn save_line(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
    who: &str,
    text: &str,
) -> Result<()> {
    let entry = host(app, actor, session_id).await?;
    if !entry.clients.contains(&client_id) {
        return Err(Error::invalid("client", "Choose a client of this session."));
    }
    check_chat_line(text)?;
    let scope = access::write(app, actor, Action::WriteNotes, client_id, "room.line_saved").await?;
    store::save_line(
        scope.conn(),
        scope.keys(),
        &SavedLine {
            id: app.new_id(),
            session_id,
            client_id,
            saved_by: actor.user_id,
            saved_at: app.now(),
            body: format!("{}: {}", who.trim(), text.trim()),
        },
    )
    .await?;
    scope
        .commit(Entry::ok("room.line_saved").resource(format!("session:{session_id}")))
        .await
}

/// What the room left on the record, for the clinician on the session page: who came in and
/// when, when it was ended, and the chat lines saved to this client's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomRecord {
    pub ended_at: Option<DateTime<Utc>>,
    /// (user id, role word, first came in) of everyone who came into the room.
    pub joined: Vec<(Uuid, String, DateTime<Utc>)>,
    /// The lines saved to the records of the clients the reader may read, oldest first.
    pub lines: Vec<SavedLine>,
}

/// The room's record for a clinician who may read the client's notes (audited as a read of
/// the client's record).
pub async fn room_record(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
) -> Result<RoomRecord> {
    let scope = access::read(app, actor, Action::ReadNotes, client_id, "room.read").await?;
    let clients: Vec<Uuid> = sessions_store::attendees(scope.conn(), session_id)
        .await?
        .into_iter()
        .map(|a| a.client_id)
        .collect();
    if !clients.contains(&client_id) {
        scope.finish(Entry::ok("room.read")).await?;
        return Err(Error::NotFound);
    }
    let ended_at = store::ended_at(scope.conn(), session_id).await?;
    let joined = store::participants(scope.conn(), session_id)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p.role, p.first_joined_at))
        .collect();
    let lines = store::saved_lines(scope.conn(), scope.keys(), session_id, client_id).await?;
    scope
        .finish(Entry::ok("room.read").resource(format!("session:{session_id}")))
        .await?;
    Ok(RoomRecord {
        ended_at,
        joined,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turn_credentials_are_coturns_rest_api_hmac() {
        // python3: base64.b64encode(hmac.new(b"north-turn-secret", b"1700000000:alice",
        // hashlib.sha1).digest())
        assert_eq!(
            turn_credential("north-turn-secret", "1700000000:alice").ok(),
            Some("ms/KwPgqxwhpdflis6Yuv1XjyTA=".to_string())
        );
    }
}
