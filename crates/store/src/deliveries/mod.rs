//! E-mail deliveries of notices: one row per notice and channel, with what the mail server
//! answered. A delivery is `accepted` only on the server's positive reply, kept in `reply`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{QueryOrder, QuerySelect};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "deliveries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub notification_id: Uuid,
        pub user_id: Uuid,
        pub channel: String,
        pub state: String,
        pub attempts: i32,
        pub reply: Option<String>,
        pub last_error: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A delivery as stored.
pub type Delivery = entity::Model;
use entity::Column as C;

/// The states, as stored.
pub const QUEUED: &str = "queued";
pub const SENT: &str = "sent";
pub const ACCEPTED: &str = "accepted";
pub const FAILED: &str = "failed";
pub const DEAD: &str = "dead";
/// The one channel so far.
pub const EMAIL: &str = "email";

pub async fn insert(c: &impl ConnectionTrait, d: Delivery) -> Result<()> {
    entity::ActiveModel::from(d).insert(c).await?;
    Ok(())
}

pub async fn get(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Delivery>> {
    Ok(entity::Entity::find_by_id(id).one(c).await?)
}

/// Handing the message to the server: `sent`, one more try. Not from a final state.
pub async fn mark_sent(c: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let r = entity::Entity::update_many()
        .col_expr(C::State, Expr::value(SENT))
        .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::State.is_not_in([ACCEPTED, DEAD]))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The server accepted the message: its reply is kept.
pub async fn mark_accepted(
    c: &impl ConnectionTrait,
    id: Uuid,
    reply: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    entity::Entity::update_many()
        .col_expr(C::State, Expr::value(ACCEPTED))
        .col_expr(C::Reply, Expr::value(Some(reply.to_string())))
        .col_expr(C::LastError, Expr::value(Option::<String>::None))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

/// The try failed: `failed` (another will follow) or `dead` (the last one).
pub async fn mark_failed(
    c: &impl ConnectionTrait,
    id: Uuid,
    error: &str,
    reply: Option<&str>,
    dead: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut u = entity::Entity::update_many()
        .col_expr(C::State, Expr::value(if dead { DEAD } else { FAILED }))
        .col_expr(C::LastError, Expr::value(Some(error.to_string())))
        .col_expr(C::UpdatedAt, Expr::value(now));
    if let Some(r) = reply {
        u = u.col_expr(C::Reply, Expr::value(Some(r.to_string())));
    }
    u.filter(C::Id.eq(id))
        .filter(C::State.ne(ACCEPTED))
        .exec(c)
        .await?;
    Ok(())
}

/// The newest deliveries first, at most `limit`.
pub async fn newest(c: &impl ConnectionTrait, limit: u64) -> Result<Vec<Delivery>> {
    Ok(entity::Entity::find()
        .order_by_desc(C::UpdatedAt)
        .order_by_desc(C::Id)
        .limit(limit)
        .all(c)
        .await?)
}

/// How many deliveries are in each state.
pub async fn count_by_state(c: &impl ConnectionTrait) -> Result<Vec<(String, i64)>> {
    Ok(entity::Entity::find()
        .select_only()
        .column(C::State)
        .column_as(C::Id.count(), "n")
        .group_by(C::State)
        .into_tuple()
        .all(c)
        .await?)
}

/// The deliveries of one notice.
pub async fn of_notification(
    c: &impl ConnectionTrait,
    notification_id: Uuid,
) -> Result<Vec<Delivery>> {
    Ok(entity::Entity::find()
        .filter(C::NotificationId.eq(notification_id))
        .order_by_asc(C::CreatedAt)
        .all(c)
        .await?)
}
