//! The audit log: append-only and hash-chained. Each event stores the hash of the one
//! before, so a changed, removed or inserted event breaks the chain where it happened.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, LockType, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect, StatementBuilder};
use sha2::{Digest, Sha256};

pub mod filter;
mod head_cache;
mod journal;

use head_cache::Head;
pub(crate) use head_cache::HeadCache;
pub(crate) use journal::Journal;

use crate::db::{Backend, WriteTx};
use crate::{Db, Result};

/// The hash the first event points back to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub seq: i64,
        #[sea_orm(unique)]
        pub id: Uuid,
        pub at: DateTimeUtc,
        pub actor_id: Option<Uuid>,
        pub actor_role: Option<String>,
        pub action: String,
        pub client_id: Option<Uuid>,
        pub resource: Option<String>,
        pub outcome: String,
        pub address: Option<String>,
        pub detail: Option<String>,
        pub prev_hash: String,
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod head {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_head")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub seq: i64,
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Event = entity::Model;

/// What happened, by whom, to whose record. Never free text about a client: `detail` holds
/// codes and reasons the actor typed for break-glass access at most.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub action: String,
    pub client_id: Option<Uuid>,
    pub resource: Option<String>,
    pub outcome: String,
    pub address: Option<String>,
    pub detail: Option<String>,
}

fn field(h: &mut Sha256, value: Option<&str>) {
    match value {
        // Length-prefixed so that no two different events serialise alike.
        Some(v) => h.update(format!("{}:{};", v.len(), v)),
        None => h.update("-;"),
    }
}

fn event_hash(e: &Event) -> String {
    let mut h = Sha256::new();
    field(&mut h, Some(&e.seq.to_string()));
    field(&mut h, Some(&e.id.to_string()));
    field(
        &mut h,
        Some(&e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
    );
    field(&mut h, e.actor_id.map(|i| i.to_string()).as_deref());
    field(&mut h, e.actor_role.as_deref());
    field(&mut h, Some(&e.action));
    field(&mut h, e.client_id.map(|i| i.to_string()).as_deref());
    field(&mut h, e.resource.as_deref());
    field(&mut h, Some(&e.outcome));
    field(&mut h, e.address.as_deref());
    field(&mut h, e.detail.as_deref());
    field(&mut h, Some(&e.prev_hash));
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an event inside the caller's transaction: it commits or rolls back with the
/// change it records.
pub async fn append(tx: &WriteTx, e: NewEvent) -> Result<Event> {
    append_many(tx, vec![e])
        .await?
        .pop()
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound("audit event".into()).into())
}

/// Appends events in order inside the caller's transaction, linking each to the one before:
/// one conditional update of the head (from the head this process last wrote; a read of the
/// head first when that guess is stale), one insert per hundred events.
pub(crate) async fn append_many(tx: &WriteTx, events: Vec<NewEvent>) -> Result<Vec<Event>> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let c = tx.conn();
    let mut linked = None;
    if let Some(guess) = tx.audit_head().get() {
        let (out, new) = link(&guess, &events);
        let moved = head::Entity::update_many()
            .col_expr(head::Column::Seq, Expr::value(new.seq))
            .col_expr(head::Column::Hash, Expr::value(new.hash.clone()))
            .filter(head::Column::Id.eq(1))
            .filter(head::Column::Seq.eq(guess.seq))
            .filter(head::Column::Hash.eq(guess.hash))
            .exec(c)
            .await?;
        if moved.rows_affected == 1 {
            linked = Some((out, new));
        }
    }
    let (out, new) = match linked {
        Some(l) => l,
        None => {
            let mut q = head::Entity::find_by_id(1);
            if tx.backend() == Backend::Postgres {
                q = q.lock(LockType::Update);
            }
            let stored = q
                .one(c)
                .await?
                .ok_or_else(|| sea_orm::DbErr::RecordNotFound("audit_head".into()))?;
            let (out, new) = link(
                &Head {
                    seq: stored.seq,
                    hash: stored.hash,
                },
                &events,
            );
            head::ActiveModel {
                id: Set(1),
                seq: Set(new.seq),
                hash: Set(new.hash.clone()),
            }
            .update(c)
            .await?;
            (out, new)
        }
    };
    for chunk in out.chunks(100) {
        entity::Entity::insert_many(chunk.iter().cloned().map(entity::ActiveModel::from))
            .exec(c)
            .await?;
    }
    tx.audit_head().set(Some(new));
    Ok(out)
}

/// The events linked in order after `head`, and the new head.
fn link(head: &Head, events: &[NewEvent]) -> (Vec<Event>, Head) {
    let (mut seq, mut prev_hash) = (head.seq, head.hash.clone());
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        seq += 1;
        let mut event = Event {
            seq,
            id: e.id,
            // Stored at microsecond precision on every backend, so hash what is stored.
            at: e.at.trunc_subsecs(6),
            actor_id: e.actor_id,
            actor_role: e.actor_role.clone(),
            action: e.action.clone(),
            client_id: e.client_id,
            resource: e.resource.clone(),
            outcome: e.outcome.clone(),
            address: e.address.clone(),
            detail: e.detail.clone(),
            prev_hash,
            hash: String::new(),
        };
        event.hash = event_hash(&event);
        prev_hash = event.hash.clone();
        out.push(event);
    }
    (
        out,
        Head {
            seq,
            hash: prev_hash,
        },
    )
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub events: u64,
    /// The first event whose link does not hold, and why.
    pub first_broken: Option<(i64, String)>,
}

/// Walks the chain from the first event to the head.
pub async fn verify(db: &Db) -> Result<Verification> {
    const PAGE: u64 = 1000;
    let c = db.conn();
    let mut prev_hash = GENESIS.to_string();
    let mut expected_seq = 1i64;
    let mut count = 0u64;
    loop {
        let page = entity::Entity::find()
            .filter(entity::Column::Seq.gte(expected_seq))
            .order_by_asc(entity::Column::Seq)
            .limit(PAGE)
            .all(c)
            .await?;
        let done = (page.len() as u64) < PAGE;
        for e in page {
            let broken = |why: &str| {
                Ok(Verification {
                    events: count,
                    first_broken: Some((e.seq, why.to_string())),
                })
            };
            if e.seq != expected_seq {
                return broken(&format!("event {expected_seq} is missing"));
            }
            if e.prev_hash != prev_hash {
                return broken("does not point to the event before it");
            }
            if event_hash(&e) != e.hash {
                return broken("its content does not match its hash (it was changed)");
            }
            prev_hash = e.hash;
            expected_seq += 1;
            count += 1;
        }
        if done {
            break;
        }
    }
    let head = head::Entity::find_by_id(1).one(c).await?;
    match head {
        Some(h) if h.seq == expected_seq - 1 && h.hash == prev_hash => Ok(Verification {
            events: count,
            first_broken: None,
        }),
        _ => Ok(Verification {
            events: count,
            first_broken: Some((
                expected_seq,
                "the chain ends before its recorded head (events were removed)".into(),
            )),
        }),
    }
}

/// The sequence number and hash of one event, written down somewhere else (`SEQ:HASH`), so
/// that removing the newest events and moving the head back is caught: the chain that is
/// left still links, but no longer holds the event written down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
}

impl Checkpoint {
    /// Reads `SEQ:HASH` (a positive number, a colon, 64 hexadecimal digits).
    pub fn parse(text: &str) -> Option<Checkpoint> {
        let (seq, hash) = text.trim().split_once(':')?;
        let seq: i64 = seq.parse().ok().filter(|s| *s > 0)?;
        let hash = hash.to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(Checkpoint { seq, hash })
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

/// The newest event as a checkpoint; `None` while the log is empty.
pub async fn checkpoint(db: &Db) -> Result<Option<Checkpoint>> {
    Ok(entity::Entity::find()
        .order_by_desc(entity::Column::Seq)
        .one(db.conn())
        .await?
        .map(|e| Checkpoint {
            seq: e.seq,
            hash: e.hash,
        }))
}

/// Walks the chain like [`verify`], then checks that the event of the checkpoint is still
/// there, unchanged.
pub async fn verify_against(db: &Db, checkpoint: &Checkpoint) -> Result<Verification> {
    let v = verify(db).await?;
    if v.first_broken.is_some() {
        return Ok(v);
    }
    let event = entity::Entity::find_by_id(checkpoint.seq)
        .one(db.conn())
        .await?;
    let why = match event {
        None => format!(
            "event {} of the checkpoint is missing (the newest events were removed and the head moved back)",
            checkpoint.seq
        ),
        Some(e) if e.hash != checkpoint.hash || event_hash(&e) != checkpoint.hash => format!(
            "event {} differs from the checkpoint (it was changed or replaced)",
            checkpoint.seq
        ),
        Some(_) => return Ok(v),
    };
    Ok(Verification {
        events: v.events,
        first_broken: Some((checkpoint.seq, why)),
    })
}

/// Events about a client's record, newest first (for "who opened my record").
pub async fn for_client(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    limit: u64,
) -> Result<Vec<Event>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_desc(entity::Column::Seq)
        .limit(limit)
        .all(c)
        .await?)
}

/// The most recent events of all kinds (administrator's view: no clinical content).
pub async fn recent(c: &impl ConnectionTrait, limit: u64) -> Result<Vec<Event>> {
    Ok(entity::Entity::find()
        .order_by_desc(entity::Column::Seq)
        .limit(limit)
        .all(c)
        .await?)
}

/// Raw statement used only by tests that prove tampering is caught.
#[doc(hidden)]
pub fn tamper_statement(backend: Backend, seq: i64, new_action: &str) -> sea_orm::Statement {
    let q = Query::update()
        .table("audit_events")
        .value("action", new_action)
        .and_where(sea_orm::sea_query::Expr::col("seq").eq(seq))
        .take();
    let b = match backend {
        Backend::Sqlite => sea_orm::DbBackend::Sqlite,
        Backend::Postgres => sea_orm::DbBackend::Postgres,
    };
    StatementBuilder::build(&q, &b)
}
