//! Online session rooms (issue 20): who came in and when they were let in, when the clinician
//! ended the room, and the chat lines saved to a client's record (sealed).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;
use crate::crypto::Keyring;

pub(crate) mod participant {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "room_participants")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub user_id: Uuid,
        pub role: String,
        pub first_joined_at: DateTimeUtc,
        pub last_joined_at: DateTimeUtc,
        pub left_at: Option<DateTimeUtc>,
        pub admitted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod end {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "room_ends")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: Uuid,
        pub ended_at: DateTimeUtc,
        pub ended_by: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod line {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "room_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub saved_by: Uuid,
        pub saved_at: DateTimeUtc,
        pub body: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const LINES: &str = "room_lines";

/// One person who came into a session's room.
pub type Participant = participant::Model;

/// A chat line saved to a client's record, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedLine {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub saved_by: Uuid,
    pub saved_at: DateTime<Utc>,
    pub body: String,
}

/// Records that `user_id` came (back) into the room: the first time a row, later the time.
/// Returns the row as it now is.
pub async fn joined(
    c: &impl ConnectionTrait,
    id: Uuid,
    session_id: Uuid,
    user_id: Uuid,
    role: &str,
    now: DateTime<Utc>,
    admitted: bool,
) -> Result<Participant> {
    let found = participant::Entity::find()
        .filter(participant::Column::SessionId.eq(session_id))
        .filter(participant::Column::UserId.eq(user_id))
        .one(c)
        .await?;
    let row = match found {
        Some(m) => {
            let mut a: participant::ActiveModel = m.clone().into();
            a.last_joined_at = Set(now);
            a.left_at = Set(None);
            if admitted && m.admitted_at.is_none() {
                a.admitted_at = Set(Some(now));
            }
            a.update(c).await?
        }
        None => {
            participant::ActiveModel {
                id: Set(id),
                session_id: Set(session_id),
                user_id: Set(user_id),
                role: Set(role.to_string()),
                first_joined_at: Set(now),
                last_joined_at: Set(now),
                left_at: Set(None),
                admitted_at: Set(admitted.then_some(now)),
            }
            .insert(c)
            .await?
        }
    };
    Ok(row)
}

/// Records that `user_id` left the room.
pub async fn left(
    c: &impl ConnectionTrait,
    session_id: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    participant::Entity::update_many()
        .col_expr(participant::Column::LeftAt, Expr::value(now))
        .filter(participant::Column::SessionId.eq(session_id))
        .filter(participant::Column::UserId.eq(user_id))
        .exec(c)
        .await?;
    Ok(())
}

/// Lets `user_id` in from the waiting room. False when they were not waiting there.
pub async fn admit(
    c: &impl ConnectionTrait,
    session_id: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = participant::Entity::update_many()
        .col_expr(participant::Column::AdmittedAt, Expr::value(now))
        .filter(participant::Column::SessionId.eq(session_id))
        .filter(participant::Column::UserId.eq(user_id))
        .filter(participant::Column::AdmittedAt.is_null())
        .exec(c)
        .await?;
    Ok(r.rows_affected > 0)
}

/// Everyone who came into the room, first come first.
pub async fn participants(c: &impl ConnectionTrait, session_id: Uuid) -> Result<Vec<Participant>> {
    Ok(participant::Entity::find()
        .filter(participant::Column::SessionId.eq(session_id))
        .order_by_asc(participant::Column::FirstJoinedAt)
        .order_by_asc(participant::Column::Id)
        .all(c)
        .await?)
}

/// When the room was ended, if it was.
pub async fn ended_at(c: &impl ConnectionTrait, session_id: Uuid) -> Result<Option<DateTime<Utc>>> {
    Ok(end::Entity::find_by_id(session_id)
        .one(c)
        .await?
        .map(|e| e.ended_at))
}

/// Ends the room. False when it was ended already.
pub async fn end(
    c: &impl ConnectionTrait,
    session_id: Uuid,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    if end::Entity::find_by_id(session_id).one(c).await?.is_some() {
        return Ok(false);
    }
    end::ActiveModel {
        session_id: Set(session_id),
        ended_at: Set(now),
        ended_by: Set(by),
    }
    .insert(c)
    .await?;
    participant::Entity::update_many()
        .col_expr(participant::Column::LeftAt, Expr::value(now))
        .filter(participant::Column::SessionId.eq(session_id))
        .filter(participant::Column::LeftAt.is_null())
        .exec(c)
        .await?;
    Ok(true)
}

/// Saves a chat line to a client's record (sealed).
pub async fn save_line(c: &impl ConnectionTrait, keys: &Keyring, l: &SavedLine) -> Result<()> {
    line::ActiveModel {
        id: Set(l.id),
        session_id: Set(l.session_id),
        client_id: Set(l.client_id),
        saved_by: Set(l.saved_by),
        saved_at: Set(l.saved_at),
        body: Set(keys.seal(LINES, "body", &l.id.to_string(), l.body.trim())?),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The lines saved from a session's chat to this client's record, oldest first.
pub async fn saved_lines(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    session_id: Uuid,
    client_id: Uuid,
) -> Result<Vec<SavedLine>> {
    line::Entity::find()
        .filter(line::Column::SessionId.eq(session_id))
        .filter(line::Column::ClientId.eq(client_id))
        .order_by_asc(line::Column::SavedAt)
        .order_by_asc(line::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            Ok(SavedLine {
                body: keys.open(LINES, "body", &m.id.to_string(), &m.body)?,
                id: m.id,
                session_id: m.session_id,
                client_id: m.client_id,
                saved_by: m.saved_by,
                saved_at: m.saved_at,
            })
        })
        .collect()
}
