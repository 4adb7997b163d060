//! Consents a client gives: to treatment and data processing, and to family members for
//! named scopes. A consent is never edited; it is revoked and, if need be, given anew.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "consents")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub kind: String,
        pub grantee_id: Option<Uuid>,
        pub scope: Option<String>,
        pub text_version: String,
        pub granted_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Consent = entity::Model;

pub async fn grant(c: &impl ConnectionTrait, consent: Consent) -> Result<()> {
    entity::ActiveModel {
        id: Set(consent.id),
        client_id: Set(consent.client_id),
        kind: Set(consent.kind),
        grantee_id: Set(consent.grantee_id),
        scope: Set(consent.scope),
        text_version: Set(consent.text_version),
        granted_at: Set(consent.granted_at),
        revoked_at: Set(consent.revoked_at),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The client's consents still in force, oldest first.
pub async fn active_for(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Consent>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::RevokedAt.is_null())
        .order_by_asc(entity::Column::GrantedAt)
        .all(c)
        .await?)
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
