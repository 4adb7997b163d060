//! The administrator's view of the audit log: filtered, newest first, a page at a time by
//! keyset (events before a sequence number), so a page deep into millions of events costs
//! what the first one does.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use super::{Event, entity};
use crate::Result;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub actor_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub outcome: Option<String>,
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Events with a smaller sequence number than this (the page after one ending there).
    pub before: Option<i64>,
    /// Events to skip (a page number's; bounded by the caller).
    pub offset: u64,
}

/// Up to `limit` events that match, newest first.
pub async fn events(c: &impl ConnectionTrait, f: &Filter, limit: u64) -> Result<Vec<Event>> {
    use entity::Column;
    let mut q = entity::Entity::find();
    if let Some(a) = &f.action {
        q = q.filter(Column::Action.eq(a.as_str()));
    }
    if let Some(id) = f.actor_id {
        q = q.filter(Column::ActorId.eq(id));
    }
    if let Some(id) = f.client_id {
        q = q.filter(Column::ClientId.eq(id));
    }
    if let Some(o) = &f.outcome {
        q = q.filter(Column::Outcome.eq(o.as_str()));
    }
    if let Some(t) = f.from {
        q = q.filter(Column::At.gte(t));
    }
    if let Some(t) = f.to {
        q = q.filter(Column::At.lt(t));
    }
    if let Some(s) = f.before {
        q = q.filter(Column::Seq.lt(s));
    }
    Ok(q.order_by_desc(Column::Seq)
        .offset(f.offset)
        .limit(limit)
        .all(c)
        .await?)
}

/// How many events the log holds (the hub's one line), from the chain's head: no count.
pub async fn head_seq(c: &impl ConnectionTrait) -> Result<i64> {
    Ok(super::head::Entity::find_by_id(1)
        .one(c)
        .await?
        .map(|h| h.seq)
        .unwrap_or(0))
}
