//! Plans kept as one sealed JSON document per version: the treatment plan (`treatment`,
//! agreed by the client, reviewed by a date) and the relapse-prevention plan (`relapse`).
//! Every save is a new version; the latest is the plan in force.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{Error, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "plan_versions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub kind: String,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub written_by: Uuid,
        pub body: String,
        pub review_on: Option<Date>,
        pub agreed_at: Option<DateTimeUtc>,
        pub agreed_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "plan_versions";

/// One version of a plan, its body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanVersion {
    pub id: Uuid,
    pub client_id: Uuid,
    pub kind: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub written_by: Uuid,
    pub body: String,
    pub review_on: Option<NaiveDate>,
    pub agreed_at: Option<DateTime<Utc>>,
    pub agreed_by: Option<Uuid>,
}

fn open(keys: &Keyring, m: entity::Model) -> Result<PlanVersion> {
    Ok(PlanVersion {
        body: keys.open(TABLE, "body", &m.id.to_string(), &m.body)?,
        id: m.id,
        client_id: m.client_id,
        kind: m.kind,
        version: m.version,
        created_at: m.created_at,
        written_by: m.written_by,
        review_on: m.review_on,
        agreed_at: m.agreed_at,
        agreed_by: m.agreed_by,
    })
}

fn of_kind(client_id: Uuid, kind: &str) -> Select<entity::Entity> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Kind.eq(kind))
        .order_by_desc(entity::Column::Version)
}

/// The plan of `kind` in force: the latest version.
pub async fn current(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    kind: &str,
) -> Result<Option<PlanVersion>> {
    of_kind(client_id, kind)
        .limit(1)
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}

/// Every version of the plan of `kind`, newest first.
pub async fn versions(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    kind: &str,
) -> Result<Vec<PlanVersion>> {
    of_kind(client_id, kind)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open(keys, m))
        .collect()
}

/// Saves a new version. A parallel save of the same version number is refused with
/// `Conflict`, so nobody overwrites a plan they have not seen.
pub async fn insert(c: &impl ConnectionTrait, keys: &Keyring, v: &PlanVersion) -> Result<()> {
    entity::ActiveModel {
        id: Set(v.id),
        client_id: Set(v.client_id),
        kind: Set(v.kind.clone()),
        version: Set(v.version),
        created_at: Set(v.created_at),
        written_by: Set(v.written_by),
        body: Set(keys.seal(TABLE, "body", &v.id.to_string(), &v.body)?),
        review_on: Set(v.review_on),
        agreed_at: Set(v.agreed_at),
        agreed_by: Set(v.agreed_by),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "plan version"))?;
    Ok(())
}

/// Records that the client agreed to this version.
pub async fn agree(c: &impl ConnectionTrait, id: Uuid, by: Uuid, at: DateTime<Utc>) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        agreed_at: Set(Some(at)),
        agreed_by: Set(Some(by)),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}
