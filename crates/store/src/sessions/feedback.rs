//! The client's feedback on a session: four 0–10 answers and a sealed comment.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{Error, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_feedback")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub at: DateTimeUtc,
        pub heard: i16,
        pub worked_on: i16,
        pub approach: i16,
        pub overall: i16,
        pub comment: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "session_feedback";

/// Feedback on one session, its comment opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub at: DateTime<Utc>,
    pub heard: i16,
    pub worked_on: i16,
    pub approach: i16,
    pub overall: i16,
    pub comment: Option<String>,
}

/// Stores feedback; a second answer about the same session is a `Conflict`.
pub async fn insert_feedback(c: &impl ConnectionTrait, keys: &Keyring, f: &Feedback) -> Result<()> {
    let comment = f
        .comment
        .as_deref()
        .map(|t| keys.seal(TABLE, "comment", &f.id.to_string(), t))
        .transpose()?;
    entity::ActiveModel {
        id: Set(f.id),
        session_id: Set(f.session_id),
        client_id: Set(f.client_id),
        at: Set(f.at),
        heard: Set(f.heard),
        worked_on: Set(f.worked_on),
        approach: Set(f.approach),
        overall: Set(f.overall),
        comment: Set(comment),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "session feedback"))?;
    Ok(())
}

/// A client's feedback, oldest first.
pub async fn feedback_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<Feedback>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_asc(entity::Column::At)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            let comment = m
                .comment
                .map(|t| keys.open(TABLE, "comment", &m.id.to_string(), &t))
                .transpose()?;
            Ok(Feedback {
                id: m.id,
                session_id: m.session_id,
                client_id: m.client_id,
                at: m.at,
                heard: m.heard,
                worked_on: m.worked_on,
                approach: m.approach,
                overall: m.overall,
                comment,
            })
        })
        .collect()
}

/// The four answers of each of a client's feedbacks, oldest first, without the comments:
/// what the alliance rule reads.
pub async fn answers_of(
    c: &impl ConnectionTrait,
    client_id: Uuid,
) -> Result<Vec<(DateTime<Utc>, [i16; 4])>> {
    let rows: Vec<(DateTime<Utc>, i16, i16, i16, i16)> = entity::Entity::find()
        .select_only()
        .column(entity::Column::At)
        .column(entity::Column::Heard)
        .column(entity::Column::WorkedOn)
        .column(entity::Column::Approach)
        .column(entity::Column::Overall)
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_asc(entity::Column::At)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(at, h, w, a, o)| (at, [h, w, a, o]))
        .collect())
}

/// The sessions since `since` that the client attended and has given no feedback on, newest
/// first: (session, when it started). One query; nothing opened.
pub async fn awaiting_feedback(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    since: DateTime<Utc>,
) -> Result<Vec<(Uuid, DateTime<Utc>)>> {
    use super::{attendee, entity as sessions};
    use sea_orm::QueryTrait;
    let attended = attendee::Entity::find()
        .select_only()
        .column(attendee::Column::SessionId)
        .filter(attendee::Column::ClientId.eq(client_id))
        .filter(
            attendee::Column::Attendance.eq(rapport_core::sessions::Attendance::Attended.as_str()),
        )
        .into_query();
    let given = entity::Entity::find()
        .select_only()
        .column(entity::Column::SessionId)
        .filter(entity::Column::ClientId.eq(client_id))
        .into_query();
    Ok(sessions::Entity::find()
        .select_only()
        .column(sessions::Column::Id)
        .column(sessions::Column::StartsAt)
        .filter(sessions::Column::Id.in_subquery(attended))
        .filter(sessions::Column::Id.not_in_subquery(given))
        .filter(sessions::Column::StartsAt.gte(since))
        .order_by_desc(sessions::Column::StartsAt)
        .into_tuple()
        .all(c)
        .await?)
}
