//! Consultations a client asked for (one row per clinician asked), with the times that suit
//! the client, their message and a clinician's reason for declining sealed. The client's own reads and writes take a
//! [`ClientTx`]; a clinician's list of what is addressed to them reads across clients.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::care_teams::{self, Membership};
use crate::crypto::Keyring;
use crate::{ClientTx, Error, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "consultations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub request_id: Uuid,
        pub client_id: Uuid,
        pub clinician_id: Uuid,
        pub state: String,
        pub times: String,
        pub message: Option<String>,
        pub starts_at_local: Option<String>,
        pub starts_at: Option<DateTimeUtc>,
        pub decline_reason: Option<String>,
        pub returning: bool,
        pub share_earlier_record: bool,
        pub created_at: DateTimeUtc,
        pub answered_at: Option<DateTimeUtc>,
        pub chosen_at: Option<DateTimeUtc>,
        pub closed_at: Option<DateTimeUtc>,
        pub feedback: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "consultations";

/// One consultation, its message and reason opened and its times one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub id: Uuid,
    pub request_id: Uuid,
    pub client_id: Uuid,
    pub clinician_id: Uuid,
    pub state: String,
    pub times: Vec<String>,
    pub message: Option<String>,
    pub starts_at_local: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub decline_reason: Option<String>,
    pub returning: bool,
    pub share_earlier_record: bool,
    pub created_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub chosen_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The client's feedback after meeting, as the use-case wrote it (opened).
    pub feedback: Option<String>,
}

fn seal_opt(keys: &Keyring, col: &str, id: Uuid, v: Option<&str>) -> Result<Option<String>> {
    v.map(|v| keys.seal(TABLE, col, &id.to_string(), v))
        .transpose()
}

fn open_opt(keys: &Keyring, col: &str, id: Uuid, v: Option<&str>) -> Result<Option<String>> {
    v.map(|v| keys.open(TABLE, col, &id.to_string(), v))
        .transpose()
}

/// The times, one per line. Rows written before the times were sealed (m0032 and earlier)
/// hold them in plain text until [`seal_plain_times`] has run at start-up.
fn open_times(keys: &Keyring, id: Uuid, stored: &str) -> Result<Vec<String>> {
    let text = if Keyring::key_id_of(stored).is_some() {
        keys.open(TABLE, "times", &id.to_string(), stored)?
    } else {
        stored.to_string()
    };
    Ok(text.lines().map(str::to_string).collect())
}

fn from_row(keys: &Keyring, m: entity::Model) -> Result<Consultation> {
    let times = open_times(keys, m.id, &m.times)?;
    Ok(Consultation {
        message: open_opt(keys, "message", m.id, m.message.as_deref())?,
        decline_reason: open_opt(keys, "decline_reason", m.id, m.decline_reason.as_deref())?,
        feedback: open_opt(keys, "feedback", m.id, m.feedback.as_deref())?,
        times,
        id: m.id,
        request_id: m.request_id,
        client_id: m.client_id,
        clinician_id: m.clinician_id,
        state: m.state,
        starts_at_local: m.starts_at_local,
        starts_at: m.starts_at,
        returning: m.returning,
        share_earlier_record: m.share_earlier_record,
        created_at: m.created_at,
        answered_at: m.answered_at,
        chosen_at: m.chosen_at,
        closed_at: m.closed_at,
    })
}

/// Adds a consultation for the handle's client (whatever `c.client_id` says).
pub async fn insert(ct: &ClientTx<'_, WriteTx>, c: &Consultation) -> Result<()> {
    let times = c
        .times
        .iter()
        .map(|t| t.replace(['\r', '\n'], " "))
        .collect::<Vec<_>>()
        .join("\n");
    entity::ActiveModel {
        id: Set(c.id),
        request_id: Set(c.request_id),
        client_id: Set(ct.client_id()),
        clinician_id: Set(c.clinician_id),
        state: Set(c.state.clone()),
        times: Set(ct.keys().seal(TABLE, "times", &c.id.to_string(), &times)?),
        message: Set(seal_opt(ct.keys(), "message", c.id, c.message.as_deref())?),
        starts_at_local: Set(None),
        starts_at: Set(None),
        decline_reason: Set(None),
        returning: Set(c.returning),
        share_earlier_record: Set(c.share_earlier_record),
        created_at: Set(c.created_at),
        answered_at: Set(None),
        chosen_at: Set(None),
        closed_at: Set(None),
        feedback: Set(None),
    }
    .insert(ct.conn())
    .await?;
    Ok(())
}

/// Writes back what changes after asking: state, answer, choice (the handle's client only).
pub async fn update(ct: &ClientTx<'_, WriteTx>, c: &Consultation) -> Result<()> {
    let row = entity::Entity::find_by_id(c.id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?
        .ok_or_else(|| Error::Db(DbErr::RecordNotFound("consultation".into())))?;
    let mut a: entity::ActiveModel = row.into();
    a.state = Set(c.state.clone());
    a.starts_at_local = Set(c.starts_at_local.clone());
    a.starts_at = Set(c.starts_at);
    a.decline_reason = Set(seal_opt(
        ct.keys(),
        "decline_reason",
        c.id,
        c.decline_reason.as_deref(),
    )?);
    a.share_earlier_record = Set(c.share_earlier_record);
    a.answered_at = Set(c.answered_at);
    a.chosen_at = Set(c.chosen_at);
    a.closed_at = Set(c.closed_at);
    a.feedback = Set(seal_opt(
        ct.keys(),
        "feedback",
        c.id,
        c.feedback.as_deref(),
    )?);
    a.update(ct.conn()).await?;
    Ok(())
}

/// The client and the clinician of a consultation: what the door is asked about first.
pub async fn parties(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<(Uuid, Uuid)>> {
    Ok(entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|m| (m.client_id, m.clinician_id)))
}

/// Whether the clinician has an open consultation (requested or accepted) from the client:
/// how the door knows a clinician is the addressee of a client's request.
pub async fn is_addressee(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    clinician_id: Uuid,
) -> Result<bool> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::State.is_in(["requested", "accepted"]))
        .one(c)
        .await?
        .is_some())
}

/// One of the handle's client's consultations.
pub async fn get<T: Tx>(ct: &ClientTx<'_, T>, id: Uuid) -> Result<Option<Consultation>> {
    entity::Entity::find_by_id(id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?
        .map(|m| from_row(ct.keys(), m))
        .transpose()
}

/// The handle's client's consultations, newest first.
pub async fn of_client<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Consultation>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_asc(entity::Column::Id)
        .all(ct.conn())
        .await?
        .into_iter()
        .map(|m| from_row(ct.keys(), m))
        .collect()
}

/// The consultations addressed to a clinician, newest first.
pub async fn for_clinician(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    clinician_id: Uuid,
) -> Result<Vec<Consultation>> {
    entity::Entity::find()
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_asc(entity::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|m| from_row(keys, m))
        .collect()
}

/// How many of the consultations addressed to a clinician are in `state` (nothing to open).
pub async fn count_for_clinician(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    state: &str,
) -> Result<u64> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::State.eq(state))
        .count(c)
        .await?)
}

/// The client's ended care-team memberships, latest ended first (going back).
pub async fn earlier_memberships<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Membership>> {
    use care_teams::entity as ct_entity;
    Ok(ct_entity::Entity::find()
        .filter(ct_entity::Column::ClientId.eq(ct.client_id()))
        .filter(ct_entity::Column::EndedAt.is_not_null())
        .order_by_desc(ct_entity::Column::EndedAt)
        .all(ct.conn())
        .await?)
}

/// Seals the times of consultations written before they were sealed. Runs at start-up;
/// returns how many rows it sealed (none once done).
pub async fn seal_plain_times(db: &crate::Db) -> Result<u64> {
    let rows = entity::Entity::find().all(db.conn()).await?;
    let plain: Vec<_> = rows
        .into_iter()
        .filter(|m| Keyring::key_id_of(&m.times).is_none())
        .collect();
    if plain.is_empty() {
        return Ok(0);
    }
    let tx = db.write().await?;
    for m in &plain {
        let sealed = db
            .keys()
            .seal(TABLE, "times", &m.id.to_string(), &m.times)?;
        entity::Entity::update_many()
            .col_expr(entity::Column::Times, Expr::value(sealed))
            .filter(entity::Column::Id.eq(m.id))
            .exec(tx.conn())
            .await?;
    }
    tx.commit().await?;
    Ok(plain.len() as u64)
}
