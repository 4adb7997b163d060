//! The door to a client's record: the only way a use-case reaches it.
//!
//! [`read`] and [`write`] look up how the actor stands to the client, ask the policy table
//! (`policy::decide`), record a refusal in the audit log, and hand back a scope that holds
//! the transaction. A [`ReadScope`] ends with [`ReadScope::finish`] (the snapshot closes and
//! the read is journaled before anything read is shown); a [`WriteScope`] ends with
//! [`WriteScope::commit`] (the audit entry goes into the same transaction, then it commits).
//! There is no other way to commit a scope's transaction, so a write without its audit entry
//! does not compile; dropped, a write scope rolls back.
//!
//! Store functions for client-owned tables take the scope's [`ClientTx`] (`scope.client()`),
//! which reaches only this client's rows.
//!
//! ```text
//! pub async fn goals_of(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<GoalView>> {
//!     let scope = access::read(app, actor, Action::ReadClientRecord, client_id, "goals.read").await?;
//!     let list = goals::of_client(&scope.client()).await?;
//!     scope.finish(Entry::ok("goals.read")).await?;
//!     list.into_iter().map(GoalView::try_from).collect() // stored words read as core enums
//! }
//! ```

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_store::access::{ClientTx, grant};
use rapport_store::crypto::Keyring;
use rapport_store::{ConnectionTrait, care_teams, consents};
use rapport_store::{DatabaseTransaction, ReadTx, Tx, WriteTx};
use uuid::Uuid;

use crate::audit_log::{Entry, journal, journal_all, record};
use crate::policy::{self, Action, Relation};
use crate::{Actor, App, Error, Result};

/// Asks the policy about an action that concerns no client's record (one's own account,
/// one's caseload, running the instance). Anything about a client goes through [`read`] or
/// [`write`] instead.
pub fn allow(actor: &Actor, action: Action) -> Result<()> {
    policy::authorize(actor, action, Relation::NoClient)
}

/// Asks the policy about an action on one's own record that needs no scope (submitting one's
/// own questionnaire opens its own transaction; reading one's own access log).
pub fn own(actor: &Actor, action: Action) -> Result<()> {
    policy::authorize(actor, action, Relation::Itself)
}

/// Opens a read-only snapshot of `client_id`'s record for `action`, or refuses (the refusal
/// recorded as `audit_action` with outcome `denied`).
pub async fn read<'a>(
    app: &'a App,
    actor: &'a Actor,
    action: Action,
    client_id: Uuid,
    audit_action: &str,
) -> Result<ReadScope<'a>> {
    read_for_all(app, actor, client_id, &[(action, audit_action)]).await
}

/// [`read`] for a page that shows several parts of one client's record, each with its own
/// action: one snapshot for them all, the policy asked about each `(action, audit_action)` in
/// turn, and the first refusal recorded as that part's `audit_action` with outcome `denied`,
/// as [`read`] of that part alone would. The scope's relation is the first part's.
pub async fn read_for_all<'a>(
    app: &'a App,
    actor: &'a Actor,
    client_id: Uuid,
    asks: &[(Action, &str)],
) -> Result<ReadScope<'a>> {
    let tx = app.db.read().await?;
    let mut first = None;
    // Oneself and the care team stand so to the client whatever the action: looked up once.
    let mut known = None;
    for (action, audit_action) in asks {
        let relation = match known {
            Some(relation) => relation,
            None => relation_at(tx.conn(), actor, client_id, *action, Some(app.now())).await?,
        };
        if matches!(relation, Relation::Itself | Relation::CareTeam) {
            known = Some(relation);
        }
        match policy::authorize(actor, *action, relation) {
            Ok(()) => {
                first.get_or_insert(relation);
            }
            Err(e) => {
                drop(tx);
                return Err(refused(app, actor, client_id, audit_action, e, relation).await);
            }
        }
    }
    Ok(ReadScope {
        app,
        actor,
        client_id,
        relation: first.ok_or(Error::Forbidden)?,
        tx,
    })
}

/// Opens a write transaction on `client_id`'s record for `action`, or refuses (the refusal
/// recorded as `audit_action` with outcome `denied`).
pub async fn write<'a>(
    app: &'a App,
    actor: &'a Actor,
    action: Action,
    client_id: Uuid,
    audit_action: &str,
) -> Result<WriteScope<'a>> {
    let tx = app.db.write().await?;
    let relation = match decide(&tx, actor, action, client_id, Some(app.now())).await? {
        (relation, Ok(())) => relation,
        (relation, Err(e)) => {
            drop(tx);
            return Err(refused(app, actor, client_id, audit_action, e, relation).await);
        }
    };
    Ok(WriteScope {
        app,
        actor,
        client_id,
        relation,
        tx,
    })
}

/// Whether `actor` may do `action` to the client, asked inside `tx`, without opening a
/// scope or recording anything: for a list that shows only what its reader may see (the
/// members of a group session), where not seeing a row is not a refusal. An emergency
/// opening does not count here (it has no clock to check the hour against): such lists show
/// an emergency reader less, never more.
pub async fn may<T: Tx>(tx: &T, actor: &Actor, action: Action, client_id: Uuid) -> Result<bool> {
    Ok(decide(tx, actor, action, client_id, None).await?.1.is_ok())
}

/// For a use-case about several clients at once (a group session), in a transaction the
/// caller opened: asks the policy about each client in turn; the first refusal wins, is
/// recorded as `audit_action` (the transaction, which has changed nothing, dropped first)
/// and returned. Sessions use it until they have a scope of their own for several clients.
pub(crate) async fn check_each<T: Tx>(
    app: &App,
    tx: T,
    actor: &Actor,
    action: Action,
    clients: &[Uuid],
    audit_action: &str,
) -> Result<T> {
    for client_id in clients {
        if let (relation, Err(e)) = decide(&tx, actor, action, *client_id, Some(app.now())).await? {
            drop(tx);
            return Err(refused(app, actor, *client_id, audit_action, e, relation).await);
        }
    }
    Ok(tx)
}

/// The relation and the policy's answer, asked inside `tx` (at `now`, for an emergency
/// opening; `None`: openings are not looked at).
async fn decide<T: Tx>(
    tx: &T,
    actor: &Actor,
    action: Action,
    client_id: Uuid,
    now: Option<DateTime<Utc>>,
) -> Result<(Relation, std::result::Result<(), Error>)> {
    let relation = relation_at(tx.conn(), actor, client_id, action, now).await?;
    Ok((relation, policy::authorize(actor, action, relation)))
}

/// Records a refusal (committed on its own; the caller has dropped its transaction, which
/// changed nothing, so that a SQLite writer does not wait on itself) and returns it.
async fn refused(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    audit_action: &str,
    e: Error,
    relation: Relation,
) -> Error {
    let entry = Entry::ok(audit_action).client(client_id).outcome("denied");
    match journal(app, actor, under(entry, relation)).await {
        Ok(()) => e,
        Err(journal_failed) => journal_failed,
    }
}

/// The entry's client is the scope's client unless the caller named one.
fn about<'e>(e: Entry<'e>, client_id: Uuid) -> Entry<'e> {
    if e.client_id.is_some() {
        e
    } else {
        e.client(client_id)
    }
}

/// The `detail` an event carries when it happened under an emergency opening, so that the
/// client's access log and the audit log show every such read as one.
pub const EMERGENCY_DETAIL: &str = "emergency";

/// Marks the entry as done under an emergency opening when the relation is one.
fn under(mut e: Entry<'_>, relation: Relation) -> Entry<'_> {
    if relation == Relation::Emergency {
        e.detail = Some(match e.detail.take() {
            Some(d) => format!("{d};{EMERGENCY_DETAIL}"),
            None => EMERGENCY_DETAIL.to_string(),
        });
    }
    e
}

/// One actor reading one client's record, for one action, in one snapshot.
#[must_use = "a read scope ends with finish(entry), which records the read"]
pub struct ReadScope<'a> {
    app: &'a App,
    actor: &'a Actor,
    client_id: Uuid,
    relation: Relation,
    tx: ReadTx,
}

impl<'a> ReadScope<'a> {
    pub fn app(&self) -> &'a App {
        self.app
    }

    pub fn conn(&self) -> &DatabaseTransaction {
        self.tx.conn()
    }

    pub fn keys(&self) -> &Keyring {
        self.tx.keys()
    }

    pub fn client_id(&self) -> Uuid {
        self.client_id
    }

    pub fn relation(&self) -> Relation {
        self.relation
    }

    pub fn actor(&self) -> &'a Actor {
        self.actor
    }

    /// The snapshot, for store functions that read what is not the client's own.
    pub fn tx(&self) -> &ReadTx {
        &self.tx
    }

    /// The handle on this client's rows that the store's client-owned tables take.
    pub fn client(&self) -> ClientTx<'_, ReadTx> {
        grant(&self.tx, self.client_id)
    }

    /// Closes the snapshot and records the read; returns once the event is committed, so
    /// nothing read is shown unaudited.
    pub async fn finish(self, entry: Entry<'_>) -> Result<()> {
        self.finish_all(vec![entry]).await
    }

    /// [`ReadScope::finish_all`] for the parts the scope was opened for ([`read_for_all`]): one
    /// event per part, under its audit action.
    pub async fn finish_parts(self, parts: &[(Action, &str)]) -> Result<()> {
        let entries = parts
            .iter()
            .map(|(_, audit_action)| Entry::ok(audit_action))
            .collect();
        self.finish_all(entries).await
    }

    /// [`ReadScope::finish`] for a read of several parts, one event each, committed together.
    pub async fn finish_all(self, entries: Vec<Entry<'_>>) -> Result<()> {
        self.tx.close().await?;
        let entries = entries
            .into_iter()
            .map(|e| under(about(e, self.client_id), self.relation))
            .collect();
        journal_all(self.app, self.actor, entries).await
    }
}

/// One actor changing one client's record, for one action, in one write transaction.
#[must_use = "a write scope is rolled back unless it ends with commit(entry)"]
pub struct WriteScope<'a> {
    app: &'a App,
    actor: &'a Actor,
    client_id: Uuid,
    relation: Relation,
    tx: WriteTx,
}

impl<'a> WriteScope<'a> {
    pub fn conn(&self) -> &DatabaseTransaction {
        self.tx.conn()
    }

    pub fn keys(&self) -> &Keyring {
        self.tx.keys()
    }

    pub fn client_id(&self) -> Uuid {
        self.client_id
    }

    pub fn relation(&self) -> Relation {
        self.relation
    }

    pub fn actor(&self) -> &'a Actor {
        self.actor
    }

    /// The transaction, for store functions that write what is not the client's own (and
    /// for audit events about others in the same commit). It cannot be committed from here.
    pub fn tx(&self) -> &WriteTx {
        &self.tx
    }

    /// The handle on this client's rows that the store's client-owned tables take.
    pub fn client(&self) -> ClientTx<'_, WriteTx> {
        grant(&self.tx, self.client_id)
    }

    /// Records the entry in the transaction and commits: the change and its audit event
    /// land together or not at all.
    pub async fn commit(self, entry: Entry<'_>) -> Result<()> {
        record(
            self.app,
            &self.tx,
            Some(self.actor),
            None,
            under(about(entry, self.client_id), self.relation),
        )
        .await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// How `actor` stands to the client `client_id`, as the policy needs it (emergency openings
/// not looked at: see [`may`]).
pub(crate) async fn relation(
    c: &impl ConnectionTrait,
    actor: &Actor,
    client_id: Uuid,
    action: Action,
) -> Result<Relation> {
    relation_at(c, actor, client_id, action, None).await
}

/// [`relation`], and at `now` a clinician with no other tie who opened the record in an
/// emergency within the hour (and the practice still allows it) is `Emergency`. Opening it
/// again is asked as `Unrelated`, so that each opening gives its own reason.
pub(crate) async fn relation_at(
    c: &impl ConnectionTrait,
    actor: &Actor,
    client_id: Uuid,
    action: Action,
    now: Option<DateTime<Utc>>,
) -> Result<Relation> {
    Ok(match actor.role {
        Role::Client if actor.user_id == client_id => Relation::Itself,
        Role::Clinician if care_teams::is_member(c, client_id, actor.user_id).await? => {
            Relation::CareTeam
        }
        Role::Clinician
            if action == Action::AnswerConsultations
                && rapport_store::consultations::is_addressee(c, client_id, actor.user_id)
                    .await? =>
        {
            Relation::Consulted
        }
        Role::Clinician
            if rapport_store::triage::is_on_duty(c, actor.user_id).await?
                && rapport_store::triage::is_unassigned(c, client_id).await? =>
        {
            Relation::Triage
        }
        Role::Clinician
            if !rapport_store::on_call::escalated_to(
                c,
                actor.user_id,
                Some(client_id),
                &["open", "acknowledged"],
            )
            .await?
            .is_empty() =>
        {
            Relation::OnCall
        }
        Role::Clinician
            if action != Action::OpenInEmergency
                && emergency_open(c, actor, client_id, now).await? =>
        {
            Relation::Emergency
        }
        Role::Family => {
            let consented = match action.family_scope() {
                Some(scope) => consents::active_for(c, client_id).await?.iter().any(|k| {
                    k.kind == "family_access"
                        && k.grantee_id == Some(actor.user_id)
                        && k.scope.as_deref() == Some(scope)
                }),
                None => false,
            };
            Relation::Family { consented }
        }
        _ => Relation::Unrelated,
    })
}

/// Whether the clinician holds an emergency opening of the client's record at `now` that the
/// practice still allows.
async fn emergency_open(
    c: &impl ConnectionTrait,
    actor: &Actor,
    client_id: Uuid,
    now: Option<DateTime<Utc>>,
) -> Result<bool> {
    let Some(now) = now else {
        return Ok(false);
    };
    Ok(
        rapport_store::emergency_access::is_open(c, actor.user_id, client_id, now).await?
            && crate::emergency_access::enabled_in(c).await?,
    )
}
