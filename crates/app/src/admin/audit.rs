//! The audit log as administrators read it (action `ReadAuditLog`): filtered, newest first,
//! a page at a time. Events carry codes, ids and the reasons people typed for taking access
//! away or opening a record in an emergency; never clinical content.

use chrono::{DateTime, Utc};
use rapport_store::accounts::users;
use rapport_store::audit::filter;
pub use rapport_store::audit::filter::Filter;
use uuid::Uuid;

use crate::policy::Action;
use crate::{Actor, App, Error, Result, access};

pub const PER_PAGE: u64 = 50;

/// One event, with the name of who did it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub client_id: Option<Uuid>,
    pub resource: Option<String>,
    pub outcome: String,
    pub address: Option<String>,
    pub detail: Option<String>,
}

/// A page of events; `next_before` asks for the page after it.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub events: Vec<AuditRow>,
    pub next_before: Option<i64>,
}

/// The outcomes events are recorded with.
pub const OUTCOMES: [&str; 3] = ["ok", "denied", "failed"];

/// Events that match, newest first, `PER_PAGE` at a time (administrators).
pub async fn events(app: &App, actor: &Actor, f: Filter) -> Result<AuditPage> {
    access::allow(actor, Action::ReadAuditLog)?;
    if let (Some(from), Some(to)) = (f.from, f.to)
        && to <= from
    {
        return Err(Error::invalid("to", "Give an end after the start."));
    }
    if f.action.as_deref().is_some_and(|a| a.len() > 100) {
        return Err(Error::invalid("action", "Use at most 100 characters."));
    }
    let r = app.db.read().await?;
    let mut rows = filter::events(r.conn(), &f, PER_PAGE + 1).await?;
    let more = rows.len() as u64 > PER_PAGE;
    rows.truncate(PER_PAGE as usize);
    let mut ids: Vec<Uuid> = rows.iter().filter_map(|e| e.actor_id).collect();
    ids.sort();
    ids.dedup();
    let names = users::names_of(r.conn(), r.keys(), &ids).await?;
    r.close().await?;
    let next_before = more.then(|| rows.last().map(|e| e.seq)).flatten();
    Ok(AuditPage {
        events: rows
            .into_iter()
            .map(|e| AuditRow {
                actor_name: e
                    .actor_id
                    .and_then(|id| names.iter().find(|(n, _)| *n == id).map(|(_, s)| s.clone())),
                seq: e.seq,
                at: e.at,
                actor_id: e.actor_id,
                actor_role: e.actor_role,
                action: e.action,
                client_id: e.client_id,
                resource: e.resource,
                outcome: e.outcome,
                address: e.address,
                detail: e.detail,
            })
            .collect(),
        next_before,
    })
}
