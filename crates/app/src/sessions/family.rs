//! Family sessions (issue 15, part 3): a `family` session names family members as attendees,
//! each holding the `family_sessions` scope from one of the session's clients. A family member
//! sees their own upcoming family sessions — when, how long, how, where, the clinician's name
//! and the client's first name — only while they hold that scope, and their calendar feed
//! carries them under the same rule.

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_core::sessions::SessionKind;
use rapport_store::accounts::users;
use rapport_store::observations as attendees;
use rapport_store::sessions::{self as store, Session};
use rapport_store::{ConnectionTrait, Tx, WriteTx, consents};
use serde::Serialize;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, journal_all};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

/// The scope word a family member needs to attend family sessions.
const SCOPE: &str = "family_sessions";

/// A family member a clinician may name on a family session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyChoice {
    pub id: Uuid,
    pub name: String,
}

/// The family members who hold `family_sessions` from the client, in `c`.
async fn holders(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = consents::active_for(c, client_id)
        .await?
        .into_iter()
        .filter(|k| k.kind == "family_access" && k.scope.as_deref() == Some(SCOPE))
        .filter_map(|k| k.grantee_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The family members a clinician may name on a family session with this client: those the
/// client gave the `family_sessions` scope (a clinician who may schedule the client's
/// sessions; audited).
pub async fn family_to_choose(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<FamilyChoice>> {
    let scope = access::read(
        app,
        actor,
        Action::ManageSessions,
        client_id,
        "session.family_choices",
    )
    .await?;
    let ids = holders(scope.conn(), client_id).await?;
    let mut out: Vec<FamilyChoice> = users::names_of(scope.conn(), scope.keys(), &ids)
        .await?
        .into_iter()
        .map(|(id, name)| FamilyChoice { id, name })
        .collect();
    scope.finish(Entry::ok("session.family_choices")).await?;
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Checks the family members named for new sessions, inside the booking's transaction: only
/// on a family session, each holding `family_sessions` from one of its clients (422 naming
/// `family[i]` otherwise). Returns them without duplicates.
pub(crate) async fn check_named(
    tx: &WriteTx,
    kind: SessionKind,
    clients: &[Uuid],
    family: &[Uuid],
) -> Result<Vec<Uuid>> {
    if family.is_empty() {
        return Ok(vec![]);
    }
    if kind != SessionKind::Family {
        return Err(Error::invalid("family", messages::NOT_FAMILY_SESSION));
    }
    let mut allowed = Vec::new();
    for c in clients {
        allowed.extend(holders(tx.conn(), *c).await?);
    }
    let mut out = Vec::with_capacity(family.len());
    for (i, f) in family.iter().enumerate() {
        if !allowed.contains(f) {
            return Err(Error::invalid(
                format!("family[{i}]"),
                messages::NO_FAMILY_SESSIONS_SCOPE,
            ));
        }
        if !out.contains(f) {
            out.push(*f);
        }
    }
    Ok(out)
}

/// Names the checked family members on each new session.
pub(crate) async fn name_on(tx: &WriteTx, sessions: &[Uuid], family: &[Uuid]) -> Result<()> {
    for s in sessions {
        attendees::add_attendees(tx, *s, family).await?;
    }
    Ok(())
}

/// The family members named on a session, for a clinician who may read one of its clients'
/// records: (user id, name).
pub async fn family_attendees(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
) -> Result<Vec<FamilyChoice>> {
    if actor.role != Role::Clinician {
        return Err(Error::Forbidden);
    }
    let tx = app.db.read().await?;
    let clients: Vec<Uuid> = store::attendees(tx.conn(), session_id)
        .await?
        .into_iter()
        .map(|a| a.client_id)
        .collect();
    let mut may = false;
    for c in &clients {
        may |= access::may(&tx, actor, Action::ReadClientRecord, *c).await?;
    }
    if !may {
        tx.close().await?;
        return Err(Error::NotFound);
    }
    let ids = attendees::attendees_of(tx.conn(), session_id).await?;
    let out = users::names_of(tx.conn(), tx.keys(), &ids)
        .await?
        .into_iter()
        .map(|(id, name)| FamilyChoice { id, name })
        .collect();
    tx.close().await?;
    Ok(out)
}

/// One of a family member's own family sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilySessionView {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address or the meeting link.
    pub place: Option<String>,
    pub clinician_name: String,
    /// The first name of the client it is with.
    pub client_first_name: String,
    pub cancelled: bool,
}

/// The family sessions a family member is named on whose client still gives them the
/// `family_sessions` scope, with that client: oldest first.
pub(crate) async fn visible_sessions(tx: &impl Tx, actor: &Actor) -> Result<Vec<(Session, Uuid)>> {
    let mut out = Vec::new();
    for id in attendees::sessions_of_family(tx.conn(), actor.user_id).await? {
        let Some(s) = store::find(tx.conn(), tx.keys(), id).await? else {
            continue;
        };
        for a in store::attendees(tx.conn(), id).await? {
            if access::may(tx, actor, Action::AttendFamilySessions, a.client_id).await? {
                out.push((s, a.client_id));
                break;
            }
        }
    }
    out.sort_by_key(|(s, _)| (s.starts_at, s.id));
    Ok(out)
}

/// The signed-in family member's upcoming family sessions (not yet ended; cancelled ones
/// shown as such), only those of clients who still give them `family_sessions`. Each client
/// whose sessions are shown gets an audit event.
pub async fn my_family_sessions(app: &App, actor: &Actor) -> Result<Vec<FamilySessionView>> {
    if actor.role != Role::Family {
        return Err(Error::Forbidden);
    }
    let tx = app.db.read().await?;
    let now = app.now();
    let list: Vec<(Session, Uuid)> = visible_sessions(&tx, actor)
        .await?
        .into_iter()
        .filter(|(s, _)| s.starts_at + chrono::Duration::minutes(i64::from(s.minutes)) > now)
        .collect();
    let mut ids: Vec<Uuid> = list
        .iter()
        .flat_map(|(s, c)| [s.clinician_id, *c])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = users::names_of(tx.conn(), tx.keys(), &ids).await?;
    tx.close().await?;
    let name_of = |id: Uuid| {
        names
            .iter()
            .find(|(u, _)| *u == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let mut clients: Vec<Uuid> = list.iter().map(|(_, c)| *c).collect();
    clients.sort_unstable();
    clients.dedup();
    journal_all(
        app,
        actor,
        clients
            .iter()
            .map(|c| Entry {
                detail: Some(format!("scope={SCOPE}")),
                ..Entry::ok("family.sessions_read").client(*c)
            })
            .collect(),
    )
    .await?;
    Ok(list
        .into_iter()
        .map(|(s, c)| FamilySessionView {
            id: s.id,
            starts_at: s.starts_at,
            minutes: i64::from(s.minutes),
            modality: s.modality,
            place: s.place,
            clinician_name: name_of(s.clinician_id),
            client_first_name: first_name(&name_of(c)),
            cancelled: s.cancelled_at.is_some(),
        })
        .collect())
}

/// The first word of a name.
fn first_name(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}
