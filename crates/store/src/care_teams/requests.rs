//! A client's request for another therapist, kept in a queue for the practice (the reason is
//! sealed: it is the client's own words about their care).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;
use crate::crypto::Keyring;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "therapist_requests")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub at: DateTimeUtc,
        pub reason: Option<String>,
        pub status: String,
        pub handled_by: Option<Uuid>,
        pub handled_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "therapist_requests";

/// A request, its reason opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TherapistRequest {
    pub id: Uuid,
    pub client_id: Uuid,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
    pub status: String,
}

pub async fn insert(c: &impl ConnectionTrait, keys: &Keyring, r: &TherapistRequest) -> Result<()> {
    let reason = r
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| keys.seal(TABLE, "reason", &r.id.to_string(), t))
        .transpose()?;
    entity::ActiveModel {
        id: Set(r.id),
        client_id: Set(r.client_id),
        at: Set(r.at),
        reason: Set(reason),
        status: Set(r.status.clone()),
        handled_by: Set(None),
        handled_at: Set(None),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// Open requests, oldest first. Reasons stay sealed here: the queue shows who and when.
pub async fn open_requests(c: &impl ConnectionTrait) -> Result<Vec<(Uuid, Uuid, DateTime<Utc>)>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Status.eq("open"))
        .order_by_asc(entity::Column::At)
        .all(c)
        .await?
        .into_iter()
        .map(|m| (m.id, m.client_id, m.at))
        .collect())
}

/// The client's requests, newest first, reasons opened.
pub async fn of_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<TherapistRequest>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_desc(entity::Column::At)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            Ok(TherapistRequest {
                reason: m
                    .reason
                    .map(|t| keys.open(TABLE, "reason", &m.id.to_string(), &t))
                    .transpose()?,
                id: m.id,
                client_id: m.client_id,
                at: m.at,
                status: m.status,
            })
        })
        .collect()
}
