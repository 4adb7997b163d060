//! Notices given to people inside Rapport: one row each, read by their recipient alone.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub kind: String,
        pub client_id: Option<Uuid>,
        pub subject_id: Option<Uuid>,
        pub link: String,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A notice as stored.
pub type Notification = entity::Model;

pub async fn insert(c: &impl ConnectionTrait, n: Notification) -> Result<()> {
    entity::ActiveModel::from(n).insert(c).await?;
    Ok(())
}

pub async fn get(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Notification>> {
    Ok(entity::Entity::find_by_id(id).one(c).await?)
}

/// The person's newest notices first, at most `limit`.
pub async fn of_user(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    limit: u64,
) -> Result<Vec<Notification>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::UserId.eq(user_id))
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_desc(entity::Column::Id)
        .limit(limit)
        .all(c)
        .await?)
}

/// How many of the person's notices are unread.
pub async fn unread_count(c: &impl ConnectionTrait, user_id: Uuid) -> Result<u64> {
    Ok(entity::Entity::find()
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::ReadAt.is_null())
        .count(c)
        .await?)
}

/// Marks one of the person's notices read. False when it is not theirs or was read already.
pub async fn mark_read(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = entity::Entity::update_many()
        .col_expr(entity::Column::ReadAt, Expr::value(now))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::ReadAt.is_null())
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Marks every unread notice of the person read; how many there were.
pub async fn mark_all_read(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64> {
    let r = entity::Entity::update_many()
        .col_expr(entity::Column::ReadAt, Expr::value(now))
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::ReadAt.is_null())
        .exec(c)
        .await?;
    Ok(r.rows_affected)
}
