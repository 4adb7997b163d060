//! Idempotency keys: a retried API submission returns the first answer and stores nothing
//! twice. Keys are per user, remember a SHA-256 of the request they came with (the same key
//! with a different request is refused), and expire after [`LIFETIME_HOURS`].

use chrono::{DateTime, Duration, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::{Error, Result};

/// How long a key is remembered.
pub const LIFETIME_HOURS: i64 = 24;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_keys")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub route: String,
        pub status: i16,
        pub body: String,
        pub created_at: DateTimeUtc,
        /// SHA-256 (hex) of the request first sent with the key; `None` for keys saved before
        /// hashes were kept.
        pub body_hash: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The first answer to a request with this key.
pub type Saved = entity::Model;

/// Keys created before this instant have expired.
pub fn expired_before(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::hours(LIFETIME_HOURS)
}

/// The saved answer to this key, unless it has expired.
pub async fn find(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<Saved>> {
    Ok(entity::Entity::find_by_id((user_id, key.to_string()))
        .one(c)
        .await?
        .filter(|s| s.created_at >= expired_before(now)))
}

/// Saves the answer; `Conflict` when a parallel request with the same key got there first.
/// The user's expired keys are removed first, so an expired key can be used again.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    route: &str,
    body_hash: &str,
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    entity::Entity::delete_many()
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::CreatedAt.lt(expired_before(now)))
        .exec(c)
        .await?;
    entity::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_string()),
        route: Set(route.to_string()),
        status: Set(status as i16),
        body: Set(body.to_string()),
        created_at: Set(now),
        body_hash: Set(Some(body_hash.to_string())),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "idempotency key"))?;
    Ok(())
}

/// Removes every expired key; returns how many.
pub async fn purge(c: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    Ok(entity::Entity::delete_many()
        .filter(entity::Column::CreatedAt.lt(expired_before(now)))
        .exec(c)
        .await?
        .rows_affected)
}
