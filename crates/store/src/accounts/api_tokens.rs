use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::Result;
use crate::accounts::users::{self, User};
use crate::crypto::Keyring;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub scope: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub last_used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
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

/// A bearer token for the JSON API. Only its SHA-256 is stored.
pub type ApiToken = entity::Model;

pub async fn insert(c: &impl ConnectionTrait, t: ApiToken) -> Result<()> {
    entity::ActiveModel {
        id: Set(t.id),
        user_id: Set(t.user_id),
        token_hash: Set(t.token_hash),
        scope: Set(t.scope),
        created_at: Set(t.created_at),
        expires_at: Set(t.expires_at),
        last_used_at: Set(t.last_used_at),
        revoked_at: Set(t.revoked_at),
    }
    .insert(c)
    .await?;
    Ok(())
}

pub async fn find_by_hash(c: &impl ConnectionTrait, token_hash: &str) -> Result<Option<ApiToken>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::TokenHash.eq(token_hash))
        .one(c)
        .await?)
}

/// A token and its account (opened) in one query: every API request asks this.
pub async fn find_with_user(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    token_hash: &str,
) -> Result<Option<(ApiToken, Option<User>)>> {
    let Some((token, user)) = entity::Entity::find()
        .filter(entity::Column::TokenHash.eq(token_hash))
        .find_also_related(users::entity::Entity)
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let user = user.map(|m| User::from_model(m, keys)).transpose()?;
    Ok(Some((token, user)))
}

pub async fn revoke(c: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        revoked_at: Set(Some(now)),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Revokes every live token of a user (after a password change).
pub async fn revoke_for_user(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    entity::Entity::update_many()
        .col_expr(entity::Column::RevokedAt, Expr::value(now))
        .filter(entity::Column::UserId.eq(user_id))
        .filter(entity::Column::RevokedAt.is_null())
        .exec(c)
        .await?;
    Ok(())
}

pub async fn mark_used(c: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        last_used_at: Set(Some(now)),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}
