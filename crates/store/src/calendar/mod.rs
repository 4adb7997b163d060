//! Private calendar feeds: a secret token a person's calendar app subscribes to. Only a hash of
//! the token is kept; a revoked feed answers nothing.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::entity::prelude::*;

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_feeds")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Feed = entity::Model;

pub async fn insert(c: &impl ConnectionTrait, f: Feed) -> Result<()> {
    entity::ActiveModel::from(f).insert(c).await?;
    Ok(())
}

/// The live feed with this token hash.
pub async fn by_hash(c: &impl ConnectionTrait, token_hash: &str) -> Result<Option<Feed>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::TokenHash.eq(token_hash))
        .filter(entity::Column::RevokedAt.is_null())
        .one(c)
        .await?)
}

/// The person's live feed, if any.
pub async fn live_of(c: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<Feed>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::RevokedAt.is_null())
        .one(c)
        .await?)
}

/// Revokes every live feed of the person; returns how many.
pub async fn revoke_all(c: &impl ConnectionTrait, user_id: Uuid, at: DateTime<Utc>) -> Result<u64> {
    let r = entity::Entity::update_many()
        .col_expr(entity::Column::RevokedAt, Expr::value(at))
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::RevokedAt.is_null())
        .exec(c)
        .await?;
    Ok(r.rows_affected)
}
