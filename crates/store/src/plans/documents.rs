//! Plans kept as one sealed JSON document per version: the treatment plan (`treatment`,
//! agreed by the client, reviewed by a date) and the relapse-prevention plan (`relapse`).
//! Every save is a new version; the latest is the plan in force.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{ClientTx, Error, Result, Tx, WriteTx};

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

/// The handle's client's plan of `kind` in force: the latest version.
pub async fn current_of<T: Tx>(ct: &ClientTx<'_, T>, kind: &str) -> Result<Option<PlanVersion>> {
    current(ct.conn(), ct.keys(), ct.client_id(), kind).await
}

/// Every version of the handle's client's plan of `kind`, newest first.
pub async fn versions_of<T: Tx>(ct: &ClientTx<'_, T>, kind: &str) -> Result<Vec<PlanVersion>> {
    versions(ct.conn(), ct.keys(), ct.client_id(), kind).await
}

/// The plan of `kind` in force, by connection: the early-warning rules' read (inside the
/// triggering write), the client's own home page link, and the demo's checks.
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

/// Whether the plan of `kind` in force waits for the client's agreement (false when there is
/// none). Nothing opened.
pub async fn awaits_agreement(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    kind: &str,
) -> Result<bool> {
    let agreed: Option<Option<DateTime<Utc>>> = of_kind(client_id, kind)
        .select_only()
        .column(entity::Column::AgreedAt)
        .limit(1)
        .into_tuple()
        .one(c)
        .await?;
    Ok(agreed.is_some_and(|at| at.is_none()))
}

/// Every version of the plan of `kind`, newest first, by connection: the demo's checks.
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

/// Saves a new version of the handle's client's plan. A parallel save of the same version
/// number is refused with `Conflict`, so nobody overwrites a plan they have not seen.
pub async fn insert(ct: &ClientTx<'_, WriteTx>, v: &PlanVersion) -> Result<()> {
    let keys = ct.keys();
    entity::ActiveModel {
        id: Set(v.id),
        client_id: Set(ct.client_id()),
        kind: Set(v.kind.clone()),
        version: Set(v.version),
        created_at: Set(v.created_at),
        written_by: Set(v.written_by),
        body: Set(keys.seal(TABLE, "body", &v.id.to_string(), &v.body)?),
        review_on: Set(v.review_on),
        agreed_at: Set(v.agreed_at),
        agreed_by: Set(v.agreed_by),
    }
    .insert(ct.conn())
    .await
    .map_err(|e| Error::unique(e, "plan version"))?;
    Ok(())
}

/// Records that the client agreed to this version of one of the handle's client's plans.
/// False (nothing changed) when the version is another client's.
pub async fn agree(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<bool> {
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::AgreedAt, Expr::value(Some(at)))
        .col_expr(entity::Column::AgreedBy, Expr::value(Some(by)))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .exec(ct.conn())
        .await?;
    Ok(res.rows_affected == 1)
}
