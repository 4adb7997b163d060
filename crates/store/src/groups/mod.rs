//! Therapy groups: the group (led by one clinician), its members' places, which sessions are
//! the group's, and the leader's note about each group session (sealed). A group reaches
//! across clients, so these functions take a connection; the use-cases ask the door about
//! each client before anything about them is read or written.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;
use crate::crypto::Keyring;
use crate::sessions::attendee;

pub(crate) mod group {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "therapy_groups")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub clinician_id: Uuid,
        pub name: String,
        pub approach: String,
        pub capacity: i16,
        pub weeks: i16,
        pub schedule: String,
        pub entry_criteria: String,
        pub created_at: DateTimeUtc,
        pub closed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "group_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub group_id: Uuid,
        pub client_id: Uuid,
        pub added_by: Uuid,
        pub added_at: DateTimeUtc,
        pub consented_at: Option<DateTimeUtc>,
        pub declined_at: Option<DateTimeUtc>,
        pub show_first_name: bool,
        pub left_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod link {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "group_sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: Uuid,
        pub group_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod note {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "group_notes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub author_id: Uuid,
        pub text: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const NOTES: &str = "group_notes";

/// A group as stored.
pub type Group = group::Model;
/// One member's place in a group.
pub type Member = member::Model;

/// A group note, its text opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: Uuid,
    pub session_id: Uuid,
    pub author_id: Uuid,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn insert(c: &impl ConnectionTrait, g: &Group) -> Result<()> {
    group::ActiveModel::from(g.clone()).insert(c).await?;
    Ok(())
}

/// The group, its row locked until the transaction ends on PostgreSQL (SQLite's writer holds
/// the whole database already): changes that count its places take turns.
pub async fn find_for_change(tx: &crate::WriteTx, id: Uuid) -> Result<Option<Group>> {
    let mut q = group::Entity::find_by_id(id);
    if tx.backend() == crate::Backend::Postgres {
        use sea_orm::QuerySelect;
        q = q.lock(sea_orm::sea_query::LockType::Update);
    }
    Ok(q.one(tx.conn()).await?)
}

pub async fn find(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Group>> {
    Ok(group::Entity::find_by_id(id).one(c).await?)
}

/// The groups a clinician leads, newest first.
pub async fn led_by(c: &impl ConnectionTrait, clinician_id: Uuid) -> Result<Vec<Group>> {
    Ok(group::Entity::find()
        .filter(group::Column::ClinicianId.eq(clinician_id))
        .order_by_desc(group::Column::CreatedAt)
        .order_by_asc(group::Column::Id)
        .all(c)
        .await?)
}

/// A client's places in any group (every state), newest first.
pub async fn places_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Member>> {
    Ok(member::Entity::find()
        .filter(member::Column::ClientId.eq(client_id))
        .order_by_desc(member::Column::AddedAt)
        .order_by_asc(member::Column::Id)
        .all(c)
        .await?)
}

/// Groups by id (for a client's list).
pub async fn find_many(c: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Group>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(group::Entity::find()
        .filter(group::Column::Id.is_in(ids.iter().copied()))
        .all(c)
        .await?)
}

/// Every place in a group (every state), in the order they were offered.
pub async fn members_of(c: &impl ConnectionTrait, group_id: Uuid) -> Result<Vec<Member>> {
    Ok(member::Entity::find()
        .filter(member::Column::GroupId.eq(group_id))
        .order_by_asc(member::Column::AddedAt)
        .order_by_asc(member::Column::Id)
        .all(c)
        .await?)
}

pub async fn insert_member(c: &impl ConnectionTrait, m: &Member) -> Result<()> {
    member::ActiveModel::from(m.clone()).insert(c).await?;
    Ok(())
}

/// Writes back a place's consent, refusal, leaving and first-name choice.
pub async fn update_member(c: &impl ConnectionTrait, m: &Member) -> Result<()> {
    member::ActiveModel {
        id: Set(m.id),
        consented_at: Set(m.consented_at),
        declined_at: Set(m.declined_at),
        show_first_name: Set(m.show_first_name),
        left_at: Set(m.left_at),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Marks a session as the group's.
pub async fn link_session(
    c: &impl ConnectionTrait,
    group_id: Uuid,
    session_id: Uuid,
) -> Result<()> {
    link::ActiveModel {
        session_id: Set(session_id),
        group_id: Set(group_id),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The ids of a group's sessions.
pub async fn session_ids_of(c: &impl ConnectionTrait, group_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(link::Entity::find()
        .filter(link::Column::GroupId.eq(group_id))
        .all(c)
        .await?
        .into_iter()
        .map(|l| l.session_id)
        .collect())
}

/// The group a session belongs to, if any.
pub async fn group_of_session(c: &impl ConnectionTrait, session_id: Uuid) -> Result<Option<Uuid>> {
    Ok(link::Entity::find_by_id(session_id)
        .one(c)
        .await?
        .map(|l| l.group_id))
}

/// Adds a client to sessions (a member who joined after they were scheduled); `ids` gives
/// each new attendee row's id.
pub async fn add_to_sessions(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    rows: &[(Uuid, Uuid)],
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    attendee::Entity::insert_many(rows.iter().map(|(id, session_id)| attendee::ActiveModel {
        id: Set(*id),
        session_id: Set(*session_id),
        client_id: Set(client_id),
        attendance: Set(None),
        marked_at: Set(None),
        marked_by: Set(None),
    }))
    .exec(c)
    .await?;
    Ok(())
}

/// Takes a client off sessions where nothing was recorded of them yet (a member who left).
pub async fn remove_from_sessions(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    session_ids: &[Uuid],
) -> Result<()> {
    if session_ids.is_empty() {
        return Ok(());
    }
    attendee::Entity::delete_many()
        .filter(attendee::Column::ClientId.eq(client_id))
        .filter(attendee::Column::SessionId.is_in(session_ids.iter().copied()))
        .filter(attendee::Column::Attendance.is_null())
        .exec(c)
        .await?;
    Ok(())
}

/// Writes a session's group note: a new one, or the text of one that exists.
pub async fn save_note(c: &impl ConnectionTrait, keys: &Keyring, n: &Note) -> Result<()> {
    let text = keys.seal(NOTES, "text", &n.id.to_string(), n.text.trim())?;
    if note::Entity::find_by_id(n.id).one(c).await?.is_some() {
        note::ActiveModel {
            id: Set(n.id),
            text: Set(text),
            updated_at: Set(n.updated_at),
            ..Default::default()
        }
        .update(c)
        .await?;
    } else {
        note::ActiveModel {
            id: Set(n.id),
            session_id: Set(n.session_id),
            author_id: Set(n.author_id),
            text: Set(text),
            created_at: Set(n.created_at),
            updated_at: Set(n.updated_at),
        }
        .insert(c)
        .await?;
    }
    Ok(())
}

/// The group notes of these sessions, oldest first.
pub async fn notes_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    session_ids: &[Uuid],
) -> Result<Vec<Note>> {
    if session_ids.is_empty() {
        return Ok(vec![]);
    }
    note::Entity::find()
        .filter(note::Column::SessionId.is_in(session_ids.iter().copied()))
        .order_by_asc(note::Column::CreatedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Note {
                text: keys.open(NOTES, "text", &m.id.to_string(), &m.text)?,
                id: m.id,
                session_id: m.session_id,
                author_id: m.author_id,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}
