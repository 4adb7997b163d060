//! Observations a consented family member made about a client (the client's warning signs
//! they noticed and a short note, sealed), a clinician's hiding of one (its reason sealed),
//! and the family members named as attendees of a family session. The client's rows take a
//! [`ClientTx`]; a family member's own sessions read across clients by their user id.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "observations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub reported_by: Uuid,
        pub day: Date,
        pub reported_at: DateTimeUtc,
        pub note: Option<String>,
        pub hidden_at: Option<DateTimeUtc>,
        pub hidden_by: Option<Uuid>,
        pub hidden_reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod sign {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "observation_signs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub observation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub sign_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod attendee {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_family")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub family_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "observations";

/// One observation, its note and hiding reason opened, with the signs it ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub id: Uuid,
    pub client_id: Uuid,
    pub reported_by: Uuid,
    /// The client's own calendar day when it was reported.
    pub day: NaiveDate,
    pub reported_at: DateTime<Utc>,
    pub note: Option<String>,
    pub signs: Vec<Uuid>,
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_by: Option<Uuid>,
    pub hidden_reason: Option<String>,
}

fn open_opt(
    keys: &crate::crypto::Keyring,
    col: &str,
    id: Uuid,
    v: Option<&str>,
) -> Result<Option<String>> {
    v.map(|v| keys.open(TABLE, col, &id.to_string(), v))
        .transpose()
}

/// Adds an observation about the handle's client (whatever `o.client_id` says).
pub async fn insert(ct: &ClientTx<'_, WriteTx>, o: &Observation) -> Result<()> {
    let note = o
        .note
        .as_deref()
        .map(|n| ct.keys().seal(TABLE, "note", &o.id.to_string(), n))
        .transpose()?;
    entity::ActiveModel {
        id: Set(o.id),
        client_id: Set(ct.client_id()),
        reported_by: Set(o.reported_by),
        day: Set(o.day),
        reported_at: Set(o.reported_at),
        note: Set(note),
        hidden_at: Set(None),
        hidden_by: Set(None),
        hidden_reason: Set(None),
    }
    .insert(ct.conn())
    .await?;
    if !o.signs.is_empty() {
        sign::Entity::insert_many(o.signs.iter().map(|s| sign::ActiveModel {
            observation_id: Set(o.id),
            sign_id: Set(*s),
        }))
        .exec(ct.conn())
        .await?;
    }
    Ok(())
}

/// The client an observation is about: what the door is asked about first.
pub async fn client_of(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Uuid>> {
    Ok(entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|m| m.client_id))
}

/// Hides one of the handle's client's observations, with the reason (sealed). False when it
/// is not theirs or hidden already.
pub async fn hide(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    by: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(row) = entity::Entity::find_by_id(id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?
    else {
        return Ok(false);
    };
    if row.hidden_at.is_some() {
        return Ok(false);
    }
    let mut a: entity::ActiveModel = row.into();
    a.hidden_at = Set(Some(now));
    a.hidden_by = Set(Some(by));
    a.hidden_reason = Set(Some(ct.keys().seal(
        TABLE,
        "hidden_reason",
        &id.to_string(),
        reason,
    )?));
    a.update(ct.conn()).await?;
    Ok(true)
}

/// The handle's client's observations, newest first, notes opened, hidden ones included.
pub async fn of_client<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Observation>> {
    let rows = entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .order_by_desc(entity::Column::ReportedAt)
        .order_by_desc(entity::Column::Id)
        .all(ct.conn())
        .await?;
    let signs = signs_of(ct.conn(), rows.iter().map(|r| r.id).collect()).await?;
    rows.into_iter()
        .map(|m| {
            Ok(Observation {
                note: open_opt(ct.keys(), "note", m.id, m.note.as_deref())?,
                hidden_reason: open_opt(
                    ct.keys(),
                    "hidden_reason",
                    m.id,
                    m.hidden_reason.as_deref(),
                )?,
                signs: signs
                    .iter()
                    .filter(|(o, _)| *o == m.id)
                    .map(|(_, s)| *s)
                    .collect(),
                id: m.id,
                client_id: m.client_id,
                reported_by: m.reported_by,
                day: m.day,
                reported_at: m.reported_at,
                hidden_at: m.hidden_at,
                hidden_by: m.hidden_by,
            })
        })
        .collect()
}

async fn signs_of(c: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<Vec<(Uuid, Uuid)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            sign::Entity::find()
                .filter(sign::Column::ObservationId.is_in(chunk.iter().copied()))
                .all(c)
                .await?
                .into_iter()
                .map(|s| (s.observation_id, s.sign_id)),
        );
    }
    Ok(out)
}

/// The warning signs family members reported about a client from `since` on: (day, sign,
/// reporter), for the warning-sign rule. Hidden observations still count: hiding keeps a
/// report from the client's eyes, not from the clinician's rule. No note is opened.
pub async fn sign_reports_since(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    since: NaiveDate,
) -> Result<Vec<(NaiveDate, Uuid, Uuid)>> {
    let rows = entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Day.gte(since))
        .all(c)
        .await?;
    let signs = signs_of(c, rows.iter().map(|r| r.id).collect()).await?;
    Ok(signs
        .into_iter()
        .filter_map(|(o, s)| {
            rows.iter()
                .find(|r| r.id == o)
                .map(|r| (r.day, s, r.reported_by))
        })
        .collect())
}

/// Names family members as attendees of a session (the caller checked each one).
pub async fn add_attendees(tx: &WriteTx, session_id: Uuid, family: &[Uuid]) -> Result<()> {
    if family.is_empty() {
        return Ok(());
    }
    attendee::Entity::insert_many(family.iter().map(|f| attendee::ActiveModel {
        session_id: Set(session_id),
        family_id: Set(*f),
    }))
    .exec(tx.conn())
    .await?;
    Ok(())
}

/// The family members named as attendees of a session.
pub async fn attendees_of(c: &impl ConnectionTrait, session_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(attendee::Entity::find()
        .filter(attendee::Column::SessionId.eq(session_id))
        .order_by_asc(attendee::Column::FamilyId)
        .all(c)
        .await?
        .into_iter()
        .map(|a| a.family_id)
        .collect())
}

/// The sessions a family member is named on.
pub async fn sessions_of_family(c: &impl ConnectionTrait, family_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(attendee::Entity::find()
        .filter(attendee::Column::FamilyId.eq(family_id))
        .all(c)
        .await?
        .into_iter()
        .map(|a| a.session_id)
        .collect())
}

/// Every warning sign the client has had, retired ones too (an observation keeps the words
/// of a sign the client later took off their list).
pub async fn sign_labels(
    c: &impl ConnectionTrait,
    keys: &crate::crypto::Keyring,
    client_id: Uuid,
) -> Result<Vec<crate::checkins::WarningSign>> {
    use crate::checkins::sign;
    sign::Entity::find()
        .filter(sign::Column::ClientId.eq(client_id))
        .order_by_asc(sign::Column::CreatedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|s| {
            Ok(crate::checkins::WarningSign {
                label: keys.open("warning_signs", "label", &s.id.to_string(), &s.label)?,
                id: s.id,
                client_id: s.client_id,
            })
        })
        .collect()
}
