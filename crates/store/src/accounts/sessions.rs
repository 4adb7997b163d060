use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::Result;
use crate::accounts::users::{self, User};
use crate::crypto::Keyring;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub user_id: Uuid,
        pub stage: String,
        pub created_at: DateTimeUtc,
        pub last_seen_at: DateTimeUtc,
        pub idle_timeout_secs: i32,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "crate::accounts::users::entity::Entity",
            from = "Column::UserId",
            to = "crate::accounts::users::entity::Column::Id"
        )]
        User,
    }

    impl Related<crate::accounts::users::entity::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::User.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A browser session. `id` is the hash of the cookie's secret.
pub type Session = entity::Model;

pub async fn insert(c: &impl ConnectionTrait, s: Session) -> Result<()> {
    entity::ActiveModel {
        id: Set(s.id),
        user_id: Set(s.user_id),
        stage: Set(s.stage),
        created_at: Set(s.created_at),
        last_seen_at: Set(s.last_seen_at),
        idle_timeout_secs: Set(s.idle_timeout_secs),
        expires_at: Set(s.expires_at),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// A session and its account (opened) in one query: every page asks this.
pub async fn find_with_user(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    id_hash: &str,
) -> Result<Option<(Session, Option<User>)>> {
    let Some((session, user)) = entity::Entity::find_by_id(id_hash.to_string())
        .find_also_related(users::entity::Entity)
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let user = user.map(|m| User::from_model(m, keys)).transpose()?;
    Ok(Some((session, user)))
}

pub async fn touch(c: &impl ConnectionTrait, id_hash: &str, now: DateTime<Utc>) -> Result<()> {
    entity::Entity::update_many()
        .col_expr(entity::Column::LastSeenAt, Expr::value(now))
        .filter(entity::Column::Id.eq(id_hash))
        .exec(c)
        .await?;
    Ok(())
}

pub async fn delete(c: &impl ConnectionTrait, id_hash: &str) -> Result<()> {
    entity::Entity::delete_by_id(id_hash.to_string())
        .exec(c)
        .await?;
    Ok(())
}

/// Ends every session of a user except `keep` (after a password change, say).
pub async fn delete_for_user(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<&str>,
) -> Result<()> {
    let mut q = entity::Entity::delete_many().filter(entity::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        q = q.filter(entity::Column::Id.ne(keep));
    }
    q.exec(c).await?;
    Ok(())
}

/// Removes sessions past their absolute lifetime.
pub async fn delete_expired(c: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    Ok(entity::Entity::delete_many()
        .filter(entity::Column::ExpiresAt.lt(now))
        .exec(c)
        .await?
        .rows_affected)
}
