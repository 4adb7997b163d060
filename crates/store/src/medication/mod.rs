//! The medication list (issue 22): versions of a client's list, each whole, with the free text
//! sealed; the clinicians marked as prescribers; the reasons given for missed doses.

pub mod missed;
pub mod prescribers;
pub mod reviews;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "medication_versions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub version: i32,
        pub source: String,
        pub written_by: Uuid,
        pub written_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "medication_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub version_id: Uuid,
        pub client_id: Uuid,
        pub position: i16,
        pub name: String,
        pub dose: String,
        pub schedule: String,
        pub prescriber: Option<String>,
        pub started_on: Option<Date>,
        pub stopped_on: Option<Date>,
        pub stop_reason: Option<String>,
        pub for_depression: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const ITEMS: &str = "medication_items";

/// One medicine of a version, its text opened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Item {
    pub name: String,
    pub dose: String,
    pub schedule: String,
    pub prescriber: Option<String>,
    pub started_on: Option<NaiveDate>,
    pub stopped_on: Option<NaiveDate>,
    pub stop_reason: Option<String>,
    pub for_depression: bool,
}

/// A version of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub id: Uuid,
    pub version: i32,
    pub source: String,
    pub written_by: Uuid,
    pub written_at: DateTime<Utc>,
    pub items: Vec<Item>,
}

/// What deciding "is the FIBSER due" needs of a medicine, nothing sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    pub started_on: Option<NaiveDate>,
    pub stopped_on: Option<NaiveDate>,
    pub for_depression: bool,
}

fn seal(keys: &Keyring, col: &str, id: Uuid, v: &str) -> Result<String> {
    keys.seal(ITEMS, col, &id.to_string(), v.trim())
}

fn seal_opt(keys: &Keyring, col: &str, id: Uuid, v: Option<&str>) -> Result<Option<String>> {
    v.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| keys.seal(ITEMS, col, &id.to_string(), t))
        .transpose()
}

fn open_opt(keys: &Keyring, col: &str, id: Uuid, v: Option<&String>) -> Result<Option<String>> {
    v.map(|s| keys.open(ITEMS, col, &id.to_string(), s))
        .transpose()
}

/// The handle's client's latest version number (0: no list yet).
pub async fn latest_number<T: Tx>(ct: &ClientTx<'_, T>) -> Result<i32> {
    Ok(version::Entity::find()
        .filter(version::Column::ClientId.eq(ct.client_id()))
        .order_by_desc(version::Column::Version)
        .one(ct.conn())
        .await?
        .map_or(0, |v| v.version))
}

/// Writes a new version of the handle's client's list; `ids` gives one new id per item.
#[allow(clippy::too_many_arguments)]
pub async fn insert_version(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    number: i32,
    source: &str,
    written_by: Uuid,
    at: DateTime<Utc>,
    items: &[Item],
    ids: &[Uuid],
) -> Result<()> {
    let (c, keys, client_id) = (ct.conn(), ct.keys(), ct.client_id());
    version::ActiveModel {
        id: Set(id),
        client_id: Set(client_id),
        version: Set(number),
        source: Set(source.to_string()),
        written_by: Set(written_by),
        written_at: Set(at),
    }
    .insert(c)
    .await?;
    for (position, (m, item_id)) in items.iter().zip(ids).enumerate() {
        let item_id = *item_id;
        item::ActiveModel {
            id: Set(item_id),
            version_id: Set(id),
            client_id: Set(client_id),
            position: Set(i16::try_from(position).unwrap_or(i16::MAX)),
            name: Set(seal(keys, "name", item_id, &m.name)?),
            dose: Set(seal(keys, "dose", item_id, &m.dose)?),
            schedule: Set(seal(keys, "schedule", item_id, &m.schedule)?),
            prescriber: Set(seal_opt(
                keys,
                "prescriber",
                item_id,
                m.prescriber.as_deref(),
            )?),
            started_on: Set(m.started_on),
            stopped_on: Set(m.stopped_on),
            stop_reason: Set(seal_opt(
                keys,
                "stop_reason",
                item_id,
                m.stop_reason.as_deref(),
            )?),
            for_depression: Set(m.for_depression),
        }
        .insert(c)
        .await?;
    }
    Ok(())
}

/// Every version of the handle's client's list, newest first, items opened.
pub async fn versions_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Version>> {
    let (c, keys, client_id) = (ct.conn(), ct.keys(), ct.client_id());
    let versions = version::Entity::find()
        .filter(version::Column::ClientId.eq(client_id))
        .order_by_desc(version::Column::Version)
        .all(c)
        .await?;
    let items = item::Entity::find()
        .filter(item::Column::ClientId.eq(client_id))
        .order_by_asc(item::Column::Position)
        .all(c)
        .await?;
    versions
        .into_iter()
        .map(|v| {
            let items = items
                .iter()
                .filter(|i| i.version_id == v.id)
                .map(|i| {
                    Ok(Item {
                        name: keys.open(ITEMS, "name", &i.id.to_string(), &i.name)?,
                        dose: keys.open(ITEMS, "dose", &i.id.to_string(), &i.dose)?,
                        schedule: keys.open(ITEMS, "schedule", &i.id.to_string(), &i.schedule)?,
                        prescriber: open_opt(keys, "prescriber", i.id, i.prescriber.as_ref())?,
                        started_on: i.started_on,
                        stopped_on: i.stopped_on,
                        stop_reason: open_opt(keys, "stop_reason", i.id, i.stop_reason.as_ref())?,
                        for_depression: i.for_depression,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Version {
                id: v.id,
                version: v.version,
                source: v.source,
                written_by: v.written_by,
                written_at: v.written_at,
                items,
            })
        })
        .collect()
}

/// The dates of the medicines on a client's latest list, nothing opened (whether the FIBSER
/// or a review is due).
pub async fn latest_dates(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Dates>> {
    let Some(latest) = version::Entity::find()
        .filter(version::Column::ClientId.eq(client_id))
        .order_by_desc(version::Column::Version)
        .one(c)
        .await?
    else {
        return Ok(vec![]);
    };
    Ok(item::Entity::find()
        .filter(item::Column::VersionId.eq(latest.id))
        .all(c)
        .await?
        .into_iter()
        .map(|i| Dates {
            started_on: i.started_on,
            stopped_on: i.stopped_on,
            for_depression: i.for_depression,
        })
        .collect())
}
