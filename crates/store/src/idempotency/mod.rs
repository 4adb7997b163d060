//! Idempotency keys: a retried API submission returns the first answer and stores nothing
//! twice. Keys are per user.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::{Error, Result};

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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The first answer to a request with this key.
pub type Saved = entity::Model;

pub async fn find(c: &impl ConnectionTrait, user_id: Uuid, key: &str) -> Result<Option<Saved>> {
    Ok(entity::Entity::find_by_id((user_id, key.to_string()))
        .one(c)
        .await?)
}

/// Saves the answer; `Conflict` when a parallel request with the same key got there first.
pub async fn save(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    route: &str,
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    entity::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_string()),
        route: Set(route.to_string()),
        status: Set(status as i16),
        body: Set(body.to_string()),
        created_at: Set(now),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "idempotency key"))?;
    Ok(())
}
