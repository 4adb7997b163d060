//! Sign-in throttling, kept in the database so that every server behind a load balancer
//! sees the same counts.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Entry = entity::Model;

pub async fn get(c: &impl ConnectionTrait, key: &str) -> Result<Option<Entry>> {
    Ok(entity::Entity::find_by_id(key.to_string()).one(c).await?)
}

pub async fn put(c: &impl ConnectionTrait, e: Entry) -> Result<()> {
    let exists = get(c, &e.key).await?.is_some();
    let model = entity::ActiveModel {
        key: Set(e.key),
        failures: Set(e.failures),
        window_started_at: Set(e.window_started_at),
        blocked_until: Set(e.blocked_until),
    };
    if exists {
        model.update(c).await?;
    } else {
        model.insert(c).await?;
    }
    Ok(())
}

pub async fn clear(c: &impl ConnectionTrait, key: &str) -> Result<()> {
    entity::Entity::delete_by_id(key.to_string())
        .exec(c)
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
