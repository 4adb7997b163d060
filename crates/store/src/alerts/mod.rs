//! Early-warning flags, the evidence behind each, and the clinician's structured risk
//! assessments.

mod risk;

pub use risk::{RiskAssessment, insert_assessment, latest_judgement};

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{ClientTx, Error, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "flags")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub episode_id: Option<Uuid>,
        pub kind: String,
        pub level: String,
        pub status: String,
        pub explanation: String,
        pub opened_at: DateTimeUtc,
        pub last_evidence_at: DateTimeUtc,
        pub acknowledged_at: Option<DateTimeUtc>,
        pub acknowledged_by: Option<Uuid>,
        pub acknowledge_note: Option<String>,
        pub resolved_at: Option<DateTimeUtc>,
        pub resolved_by: Option<Uuid>,
        pub resolve_note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod evidence {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "flag_evidence")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub flag_id: Uuid,
        pub at: DateTimeUtc,
        pub rule: String,
        pub detail: String,
        pub measure_id: Option<Uuid>,
        pub checkin_id: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "flags";

/// A flag as stored; notes stay sealed (open them with [`open_notes`]).
pub type Flag = entity::Model;
pub type Evidence = evidence::Model;

/// Opens a flag and records its first evidence. `Conflict` when an unresolved flag of the
/// kind exists already (a parallel trigger won): add evidence to that one instead.
pub async fn open(c: &impl ConnectionTrait, flag: Flag, first: Vec<Evidence>) -> Result<()> {
    entity::ActiveModel::from(flag)
        .insert(c)
        .await
        .map_err(|e| Error::unique(e, "unresolved flag of this kind"))?;
    for e in first {
        evidence::ActiveModel::from(e).insert(c).await?;
    }
    Ok(())
}

/// Adds evidence to an unresolved flag at `level`; with `reopen`, a flag already acknowledged
/// becomes open again so that the new evidence is seen. Nothing to add changes nothing.
pub async fn add_evidence(
    c: &impl ConnectionTrait,
    flag: &Flag,
    level: &str,
    reopen: bool,
    new: Vec<Evidence>,
) -> Result<()> {
    let Some(at) = new.iter().map(|e| e.at).max() else {
        return Ok(());
    };
    for e in new {
        evidence::ActiveModel::from(e).insert(c).await?;
    }
    entity::ActiveModel {
        id: Set(flag.id),
        status: Set(if reopen {
            "open".into()
        } else {
            flag.status.clone()
        }),
        level: Set(level.to_string()),
        last_evidence_at: Set(at),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

pub async fn find(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Flag>> {
    Ok(entity::Entity::find_by_id(id).one(c).await?)
}

/// The client a flag is about: what the door is asked about before the flag is opened.
pub async fn owner(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Uuid>> {
    Ok(find(c, id).await?.map(|f| f.client_id))
}

/// One of the handle's client's flags (`None` when the flag is someone else's).
pub async fn find_of<T: Tx>(ct: &ClientTx<'_, T>, id: Uuid) -> Result<Option<Flag>> {
    Ok(entity::Entity::find_by_id(id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?)
}

/// The handle's client's flags, newest first.
pub async fn of_client<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Flag>> {
    all_of(ct.conn(), ct.client_id()).await
}

/// A client's flags not yet resolved.
pub async fn unresolved_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Flag>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Status.ne("resolved"))
        .order_by_asc(entity::Column::OpenedAt)
        .all(c)
        .await?)
}

/// Which of these clients have an unresolved flag of this kind (the hourly sweep leaves them
/// alone: nothing new happened).
pub async fn unresolved_of_kind(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    kind: &str,
) -> Result<Vec<Uuid>> {
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::ClientId)
        .filter(entity::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entity::Column::Kind.eq(kind))
        .filter(entity::Column::Status.ne("resolved"))
        .into_tuple()
        .all(c)
        .await?)
}

/// Flags of many clients with one of the given statuses, newest first.
pub async fn of_clients(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    statuses: &[&str],
) -> Result<Vec<Flag>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entity::Column::Status.is_in(statuses.iter().copied()))
        .order_by_desc(entity::Column::LastEvidenceAt)
        .all(c)
        .await?)
}

/// The flags in `statuses` of the clients on `clinician_id`'s active care teams, most recent
/// evidence first: [`of_clients`] of `care_teams::clients_of`, in one statement.
pub async fn of_clinicians_clients(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    statuses: &[&str],
) -> Result<Vec<Flag>> {
    use crate::care_teams::entity as teams;
    let clients = sea_orm::sea_query::Query::select()
        .column(teams::Column::ClientId)
        .from(teams::Entity)
        .and_where(teams::Column::ClinicianId.eq(clinician_id))
        .and_where(teams::Column::EndedAt.is_null())
        .to_owned();
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.in_subquery(clients))
        .filter(entity::Column::Status.is_in(statuses.iter().copied()))
        .order_by_desc(entity::Column::LastEvidenceAt)
        .all(c)
        .await?)
}

/// Every flag of a client, newest first (the chart's timeline).
pub async fn all_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Flag>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_desc(entity::Column::OpenedAt)
        .all(c)
        .await?)
}

pub async fn evidence_of(c: &impl ConnectionTrait, flag_ids: &[Uuid]) -> Result<Vec<Evidence>> {
    Ok(evidence::Entity::find()
        .filter(evidence::Column::FlagId.is_in(flag_ids.iter().copied()))
        .order_by_asc(evidence::Column::At)
        .all(c)
        .await?)
}

/// A clinician's step in handling a flag, with its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    Acknowledge,
    Resolve,
}

impl Handling {
    pub fn status(self) -> &'static str {
        match self {
            Handling::Acknowledge => "acknowledged",
            Handling::Resolve => "resolved",
        }
    }
}

/// Records a step on one of the handle's client's flags: the new status, who, when, and the
/// note (sealed). False (nothing changed) when the flag is someone else's.
pub async fn handle(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    step: Handling,
    by: Uuid,
    note: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    if find_of(ct, id).await?.is_none() {
        return Ok(false);
    }
    let keys = ct.keys();
    let mut m = entity::ActiveModel {
        id: Set(id),
        status: Set(step.status().into()),
        ..Default::default()
    };
    match step {
        Handling::Acknowledge => {
            m.acknowledged_at = Set(Some(now));
            m.acknowledged_by = Set(Some(by));
            m.acknowledge_note = Set(Some(keys.seal(
                TABLE,
                "acknowledge_note",
                &id.to_string(),
                note,
            )?));
        }
        Handling::Resolve => {
            m.resolved_at = Set(Some(now));
            m.resolved_by = Set(Some(by));
            m.resolve_note = Set(Some(keys.seal(
                TABLE,
                "resolve_note",
                &id.to_string(),
                note,
            )?));
        }
    }
    m.update(ct.conn()).await?;
    Ok(true)
}

/// The acknowledgement and resolution notes of a flag, opened.
pub fn open_notes(keys: &Keyring, f: &Flag) -> Result<(Option<String>, Option<String>)> {
    let id = f.id.to_string();
    let ack = f
        .acknowledge_note
        .as_deref()
        .map(|n| keys.open(TABLE, "acknowledge_note", &id, n))
        .transpose()?;
    let res = f
        .resolve_note
        .as_deref()
        .map(|n| keys.open(TABLE, "resolve_note", &id, n))
        .transpose()?;
    Ok((ack, res))
}
