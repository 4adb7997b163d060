//! Sign-in throttling, kept in the database so that every server behind a load balancer
//! sees the same counts.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, LockType};
use sea_orm::{ActiveValue::Set, ConnectionTrait, QuerySelect};

use crate::{Backend, WriteTx};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_throttle")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub failures: i32,
        pub window_started_at: DateTimeUtc,
        pub blocked_until: Option<DateTimeUtc>,
        /// Attempts refused during the current block, not yet written to the audit log.
        pub refused: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Entry = entity::Model;

/// The entry for `key`, created empty if missing, locked until the transaction ends (so that
/// parallel sign-ins count one after another, and none is lost).
pub async fn lock(tx: &WriteTx, key: &str, now: DateTime<Utc>) -> Result<Entry> {
    let c = tx.conn();
    // A parallel transaction may delete the row between our insert and our lock (pruning);
    // then insert again.
    for _ in 0..3 {
        entity::Entity::insert(entity::ActiveModel {
            key: Set(key.to_string()),
            failures: Set(0),
            window_started_at: Set(now),
            blocked_until: Set(None),
            refused: Set(0),
        })
        .on_conflict_do_nothing_on([entity::Column::Key])
        .exec_without_returning(c)
        .await?;
        let mut q = entity::Entity::find_by_id(key.to_string());
        if tx.backend() == Backend::Postgres {
            q = q.lock(LockType::Update);
        }
        if let Some(e) = q.one(c).await? {
            return Ok(e);
        }
    }
    Err(sea_orm::DbErr::RecordNotFound(key.to_string()).into())
}

/// Writes back an entry taken with `lock`.
pub async fn update(c: &impl ConnectionTrait, e: Entry) -> Result<()> {
    entity::ActiveModel {
        key: Set(e.key),
        failures: Set(e.failures),
        window_started_at: Set(e.window_started_at),
        blocked_until: Set(e.blocked_until),
        refused: Set(e.refused),
    }
    .update(c)
    .await?;
    Ok(())
}

/// Forgets entries whose window and block both ended before `before`.
pub async fn prune(c: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64> {
    Ok(entity::Entity::delete_many()
        .filter(entity::Column::WindowStartedAt.lt(before))
        .filter(
            entity::Column::BlockedUntil
                .is_null()
                .or(entity::Column::BlockedUntil.lt(before)),
        )
        .exec(c)
        .await?
        .rows_affected)
}

/// Entries whose block has ended with refused attempts not yet tallied in the audit log.
pub async fn untallied(c: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Entry>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Refused.gt(0))
        .filter(
            entity::Column::BlockedUntil
                .is_null()
                .or(entity::Column::BlockedUntil.lte(now)),
        )
        .all(c)
        .await?)
}
