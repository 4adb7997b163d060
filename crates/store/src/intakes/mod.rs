//! Intakes: one per episode of care, saved as the client goes. The body is the intake as a
//! JSON document (its shape is `rapport_core::intake::Intake`), sealed.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "intakes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub episode_id: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub updated_by: Uuid,
        pub submitted_at: Option<DateTimeUtc>,
        pub body: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "intakes";

/// An intake, its body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeRow {
    pub id: Uuid,
    pub client_id: Uuid,
    pub episode_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Uuid,
    pub submitted_at: Option<DateTime<Utc>>,
    pub body: String,
}

fn open(keys: &Keyring, m: entity::Model) -> Result<IntakeRow> {
    Ok(IntakeRow {
        body: keys.open(TABLE, "body", &m.id.to_string(), &m.body)?,
        id: m.id,
        client_id: m.client_id,
        episode_id: m.episode_id,
        created_at: m.created_at,
        updated_at: m.updated_at,
        updated_by: m.updated_by,
        submitted_at: m.submitted_at,
    })
}

/// The intake of an episode, if started.
pub async fn of_episode(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    episode_id: Uuid,
) -> Result<Option<IntakeRow>> {
    entity::Entity::find()
        .filter(entity::Column::EpisodeId.eq(episode_id))
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}

/// When the intake of an episode was sent: `None` when it is not started, `Some(None)` while
/// it is a draft. Nothing opened.
pub async fn sent_at_of_episode(
    c: &impl ConnectionTrait,
    episode_id: Uuid,
) -> Result<Option<Option<DateTime<Utc>>>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::SubmittedAt)
        .filter(entity::Column::EpisodeId.eq(episode_id))
        .into_tuple()
        .one(c)
        .await?)
}

/// The intake of one of the handle's client's episodes, if started (`None` for another
/// client's episode).
pub async fn of_episode_for<T: Tx>(
    ct: &ClientTx<'_, T>,
    episode_id: Uuid,
) -> Result<Option<IntakeRow>> {
    entity::Entity::find()
        .filter(entity::Column::EpisodeId.eq(episode_id))
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?
        .map(|m| open(ct.keys(), m))
        .transpose()
}

/// The handle's client's latest intake (of whichever episode).
pub async fn latest<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Option<IntakeRow>> {
    let (c, keys) = (ct.conn(), ct.keys());
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .order_by_desc(entity::Column::CreatedAt)
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}

/// Writes the handle's client's intake: inserted the first time, replaced after (a row of
/// another client's is never replaced: its id is taken, so the insert fails).
pub async fn save(ct: &ClientTx<'_, WriteTx>, row: &IntakeRow) -> Result<()> {
    let (c, keys) = (ct.conn(), ct.keys());
    let body = keys.seal(TABLE, "body", &row.id.to_string(), &row.body)?;
    let exists = entity::Entity::find_by_id(row.id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(c)
        .await?
        .is_some();
    let model = entity::ActiveModel {
        id: Set(row.id),
        client_id: Set(ct.client_id()),
        episode_id: Set(row.episode_id),
        created_at: Set(row.created_at),
        updated_at: Set(row.updated_at),
        updated_by: Set(row.updated_by),
        submitted_at: Set(row.submitted_at),
        body: Set(body),
    };
    if exists {
        model.update(c).await?;
    } else {
        model.insert(c).await?;
    }
    Ok(())
}
