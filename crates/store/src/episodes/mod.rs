//! Episodes of care: the unit of treatment that measures, flags, sessions and homework
//! belong to. States: consultation → active → maintenance → closed.

use std::ops::RangeInclusive;

use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::{ClientTx, Result, Tx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "episodes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub state: String,
        pub started_at: DateTimeUtc,
        pub discharged_at: Option<DateTimeUtc>,
        pub closed_at: Option<DateTimeUtc>,
        pub opened_by: Option<Uuid>,
        /// The client's daily slot for the hourly sweep ([`super::sweep_slot`]), kept so that
        /// the sweep reads only the hour's slots on an index (m0049). `None` only for an
        /// episode written before the column existed and not yet placed: every sweep takes it.
        pub sweep_slot: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Episode = entity::Model;

/// The daily slot of the client's once-a-day work (`rapport_core::jobs::daily_slot`), as kept
/// on their episodes.
pub fn sweep_slot(client_id: Uuid) -> i32 {
    i32::try_from(rapport_core::jobs::daily_slot(client_id.as_bytes())).unwrap_or(0)
}

pub async fn insert(c: &impl ConnectionTrait, e: Episode) -> Result<()> {
    entity::ActiveModel {
        id: Set(e.id),
        client_id: Set(e.client_id),
        state: Set(e.state),
        started_at: Set(e.started_at),
        discharged_at: Set(e.discharged_at),
        closed_at: Set(e.closed_at),
        opened_by: Set(e.opened_by),
        sweep_slot: Set(e.sweep_slot),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The client's current episode: the latest one not closed.
pub async fn current(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Option<Episode>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::State.ne("closed"))
        .order_by_desc(entity::Column::StartedAt)
        .one(c)
        .await?)
}

/// [`current`] of each of `client_ids` at once: the latest episode not closed, per client.
pub async fn current_of(c: &impl ConnectionTrait, client_ids: &[Uuid]) -> Result<Vec<Episode>> {
    let mut all = entity::Entity::find()
        .filter(entity::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entity::Column::State.ne("closed"))
        .order_by_desc(entity::Column::StartedAt)
        .all(c)
        .await?;
    let mut seen = std::collections::HashSet::new();
    all.retain(|e| seen.insert(e.client_id));
    Ok(all)
}

/// The handle's client's episode at `when`: the latest one started at or before it, unless it
/// was closed before it.
pub async fn at_of<T: Tx>(
    ct: &ClientTx<'_, T>,
    when: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Episode>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .filter(entity::Column::StartedAt.lte(when))
        .order_by_desc(entity::Column::StartedAt)
        .one(ct.conn())
        .await?
        .filter(|e| e.closed_at.is_none_or(|closed| closed >= when)))
}

/// The client's latest closed episode that started before `before` (the start of their
/// current one): a remission it ended in may carry into the next (the relapse rule).
pub async fn previous_closed(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    before: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Episode>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::State.eq("closed"))
        .filter(entity::Column::StartedAt.lt(before))
        .order_by_desc(entity::Column::StartedAt)
        .one(c)
        .await?)
}

/// The latest episode of each of many clients, closed or not (the caseload).
pub async fn latest_of(c: &impl ConnectionTrait, client_ids: &[Uuid]) -> Result<Vec<Episode>> {
    let mut all = entity::Entity::find()
        .filter(entity::Column::ClientId.is_in(client_ids.iter().copied()))
        .order_by_desc(entity::Column::StartedAt)
        .all(c)
        .await?;
    let mut seen = std::collections::HashSet::new();
    all.retain(|e| seen.insert(e.client_id));
    Ok(all)
}

/// Up to `limit` episodes that are active or in maintenance (the sweep walks them a page at a
/// time): those in `slots` by slot and id, after the episode `after`; or, for `None`, those
/// not yet placed in a slot, by id.
pub async fn watched_in_slots(
    c: &impl ConnectionTrait,
    slots: Option<RangeInclusive<u32>>,
    after: Option<&Episode>,
    limit: u64,
) -> Result<Vec<Episode>> {
    use entity::Column::{Id, State, SweepSlot};
    use sea_orm::QuerySelect;
    let mut q = entity::Entity::find().filter(State.is_in(["active", "maintenance"]));
    match slots {
        None => {
            q = q.filter(SweepSlot.is_null()).order_by_asc(Id);
            if let Some(after) = after {
                q = q.filter(Id.gt(after.id));
            }
        }
        Some(slots) => {
            q = q
                .filter(SweepSlot.between(i64::from(*slots.start()), i64::from(*slots.end())))
                .order_by_asc(SweepSlot)
                .order_by_asc(Id);
            if let Some(after) = after {
                // The first part starts the index's range; the rest leaves out the slot's
                // episodes already read.
                let slot = after.sweep_slot.unwrap_or(-1);
                q = q.filter(SweepSlot.gte(slot)).filter(
                    sea_orm::Condition::any()
                        .add(SweepSlot.gt(slot))
                        .add(Id.gt(after.id)),
                );
            }
        }
    }
    Ok(q.limit(limit).all(c).await?)
}

/// Places the episodes written before m0049 in their client's sweep slot, once, at start-up
/// (the slot is a hash that SQL cannot compute on both databases). Returns how many clients'
/// episodes it placed.
pub async fn place_in_sweep_slots(db: &crate::Db) -> Result<u64> {
    use sea_orm::QuerySelect;
    let clients: Vec<Uuid> = entity::Entity::find()
        .select_only()
        .column(entity::Column::ClientId)
        .distinct()
        .filter(entity::Column::SweepSlot.is_null())
        .into_tuple()
        .all(db.conn())
        .await?;
    if clients.is_empty() {
        return Ok(0);
    }
    let mut by_slot: std::collections::BTreeMap<i32, Vec<Uuid>> = Default::default();
    for client in &clients {
        by_slot
            .entry(sweep_slot(*client))
            .or_default()
            .push(*client);
    }
    let tx = db.write().await?;
    for (slot, clients) in by_slot {
        for chunk in clients.chunks(500) {
            entity::Entity::update_many()
                .col_expr(entity::Column::SweepSlot, Expr::value(slot))
                .filter(entity::Column::ClientId.is_in(chunk.iter().copied()))
                .exec(tx.conn())
                .await?;
        }
    }
    tx.commit().await?;
    Ok(clients.len() as u64)
}

pub(crate) mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "episode_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub episode_id: Uuid,
        pub at: DateTimeUtc,
        pub by: Uuid,
        pub from_state: Option<String>,
        pub to_state: String,
        pub reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const EVENTS: &str = "episode_events";

/// One change of an episode's state, with its reason opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeEvent {
    pub id: Uuid,
    pub episode_id: Uuid,
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: Uuid,
    pub from_state: Option<String>,
    pub to_state: String,
    pub reason: Option<String>,
}

pub async fn find(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Episode>> {
    Ok(entity::Entity::find_by_id(id).one(c).await?)
}

/// Moves an episode to `e.to_state` and records the change. `discharged_at`/`closed_at` are
/// set when it enters maintenance/closed, cleared when it is re-opened.
pub async fn change_state(
    c: &impl ConnectionTrait,
    keys: &crate::crypto::Keyring,
    e: &EpisodeEvent,
) -> Result<()> {
    let mut m = entity::ActiveModel {
        id: Set(e.episode_id),
        state: Set(e.to_state.clone()),
        ..Default::default()
    };
    match e.to_state.as_str() {
        "maintenance" => m.discharged_at = Set(Some(e.at)),
        "closed" => m.closed_at = Set(Some(e.at)),
        "active" => {
            m.discharged_at = Set(None);
            m.closed_at = Set(None);
        }
        _ => {}
    }
    m.update(c).await?;
    record_event(c, keys, e).await
}

/// Records an event (also the first one, when an episode starts).
pub async fn record_event(
    c: &impl ConnectionTrait,
    keys: &crate::crypto::Keyring,
    e: &EpisodeEvent,
) -> Result<()> {
    let reason = e
        .reason
        .as_deref()
        .map(|r| keys.seal(EVENTS, "reason", &e.id.to_string(), r))
        .transpose()?;
    event::ActiveModel {
        id: Set(e.id),
        episode_id: Set(e.episode_id),
        at: Set(e.at),
        by: Set(e.by),
        from_state: Set(e.from_state.clone()),
        to_state: Set(e.to_state.clone()),
        reason: Set(reason),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// A client's episodes with their events, newest episode first.
pub async fn history<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<(Episode, Vec<EpisodeEvent>)>> {
    let (c, keys, client_id) = (ct.conn(), ct.keys(), ct.client_id());
    let episodes = entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_desc(entity::Column::StartedAt)
        .all(c)
        .await?;
    let ids: Vec<Uuid> = episodes.iter().map(|e| e.id).collect();
    let events = event::Entity::find()
        .filter(event::Column::EpisodeId.is_in(ids))
        .order_by_asc(event::Column::At)
        .all(c)
        .await?;
    let mut out = Vec::with_capacity(episodes.len());
    for ep in episodes {
        let mut list = Vec::new();
        for ev in events.iter().filter(|ev| ev.episode_id == ep.id) {
            list.push(EpisodeEvent {
                reason: ev
                    .reason
                    .as_deref()
                    .map(|r| keys.open(EVENTS, "reason", &ev.id.to_string(), r))
                    .transpose()?,
                id: ev.id,
                episode_id: ev.episode_id,
                at: ev.at,
                by: ev.by,
                from_state: ev.from_state.clone(),
                to_state: ev.to_state.clone(),
            });
        }
        out.push((ep, list));
    }
    Ok(out)
}
