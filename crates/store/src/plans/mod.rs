//! The client's plans: the safety plan (Stanley–Brown, a column a step), the documents (treatment
//! and relapse-prevention plans), and the learning pages recommended to them; all versioned.

pub mod documents;

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{ClientTx, Error, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "safety_plans")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub written_by: Uuid,
        pub warning_signs: Option<String>,
        pub coping: Option<String>,
        pub distractions: Option<String>,
        pub people: Option<String>,
        pub professionals: Option<String>,
        pub environment: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "safety_plans";

/// The six steps, in order (CLINICAL.md "Safety plan").
pub const STEPS: [&str; 6] = [
    "warning_signs",
    "coping",
    "distractions",
    "people",
    "professionals",
    "environment",
];

/// One version of a safety plan, opened. `steps[i]` is step `i + 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyPlan {
    pub id: Uuid,
    pub client_id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub written_by: Uuid,
    pub steps: [String; 6],
}

fn open(keys: &Keyring, m: entity::Model) -> Result<SafetyPlan> {
    let id = m.id.to_string();
    let o = |col: &str, v: Option<String>| -> Result<String> {
        v.map(|t| keys.open(TABLE, col, &id, &t))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    Ok(SafetyPlan {
        steps: [
            o(STEPS[0], m.warning_signs)?,
            o(STEPS[1], m.coping)?,
            o(STEPS[2], m.distractions)?,
            o(STEPS[3], m.people)?,
            o(STEPS[4], m.professionals)?,
            o(STEPS[5], m.environment)?,
        ],
        id: m.id,
        client_id: m.client_id,
        version: m.version,
        created_at: m.created_at,
        written_by: m.written_by,
    })
}

/// The handle's client's plan in force: the latest version.
pub async fn current_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Option<SafetyPlan>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .order_by_desc(entity::Column::Version)
        .limit(1)
        .one(ct.conn())
        .await?
        .map(|m| open(ct.keys(), m))
        .transpose()
}

/// Whether the handle's client has a safety plan, without opening it.
pub async fn exists_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<bool> {
    exists(ct.conn(), ct.client_id()).await
}

/// Whether a client has a safety plan, without opening it (for a link on their own pages).
pub async fn exists(c: &impl ConnectionTrait, client_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .count(c)
        .await?
        > 0)
}

/// Every version of the handle's client's plan, newest first.
pub async fn versions_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<SafetyPlan>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .order_by_desc(entity::Column::Version)
        .all(ct.conn())
        .await?
        .into_iter()
        .map(|m| open(ct.keys(), m))
        .collect()
}

/// A new version of a client's safety plan, written after version `previous` (0 for the first).
pub struct NewVersion<'a> {
    pub id: Uuid,
    pub previous: i32,
    pub written_by: Uuid,
    pub steps: &'a [String; 6],
    pub now: DateTime<Utc>,
}

/// Saves a new version of the handle's client's plan. A parallel save after the same version
/// is refused with `Conflict`, so nobody overwrites a plan they have not seen.
pub async fn save(ct: &ClientTx<'_, WriteTx>, v: NewVersion<'_>) -> Result<i32> {
    let keys = ct.keys();
    let sid = v.id.to_string();
    let seal = |i: usize| -> Result<Option<String>> {
        let t = v.steps[i].trim();
        if t.is_empty() {
            Ok(None)
        } else {
            keys.seal(TABLE, STEPS[i], &sid, t).map(Some)
        }
    };
    let version = v.previous + 1;
    entity::ActiveModel {
        id: Set(v.id),
        client_id: Set(ct.client_id()),
        version: Set(version),
        created_at: Set(v.now),
        written_by: Set(v.written_by),
        warning_signs: Set(seal(0)?),
        coping: Set(seal(1)?),
        distractions: Set(seal(2)?),
        people: Set(seal(3)?),
        professionals: Set(seal(4)?),
        environment: Set(seal(5)?),
    }
    .insert(ct.conn())
    .await
    .map_err(|e| Error::unique(e, "safety plan version"))?;
    Ok(version)
}

pub(crate) mod recommendation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "recommendations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub page: String,
        pub recommended_by: Uuid,
        pub created_at: DateTimeUtc,
        /// Who the page is for: `client` or `family` (the client's family members with the
        /// `learning` scope).
        pub audience: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A page of the learning library a clinician recommended to a client.
pub type Recommendation = recommendation::Model;

pub async fn recommend(c: &impl ConnectionTrait, r: Recommendation) -> Result<()> {
    recommendation::ActiveModel::from(r).insert(c).await?;
    Ok(())
}

/// A client's recommended pages for the client themself, newest first.
pub async fn recommendations_for(
    c: &impl ConnectionTrait,
    client_id: Uuid,
) -> Result<Vec<Recommendation>> {
    recommendations_to(c, client_id, "client").await
}

/// A client's recommended pages for `audience` (`client` or `family`), newest first.
pub async fn recommendations_to(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    audience: &str,
) -> Result<Vec<Recommendation>> {
    Ok(recommendation::Entity::find()
        .filter(recommendation::Column::ClientId.eq(client_id))
        .filter(recommendation::Column::Audience.eq(audience))
        .order_by_desc(recommendation::Column::CreatedAt)
        .all(c)
        .await?)
}
