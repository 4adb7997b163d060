//! Progress notes (DAP, drafts then signed, with amendments) and psychotherapy notes, kept in
//! their own table. Every part is sealed.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "progress_notes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub author_id: Uuid,
        pub data: Option<String>,
        pub assessment: Option<String>,
        pub plan: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub signed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod amendment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "note_amendments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub note_id: Uuid,
        pub at: DateTimeUtc,
        pub by: Uuid,
        pub body: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod psychotherapy {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "psychotherapy_notes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub author_id: Uuid,
        pub body: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const NOTES: &str = "progress_notes";
const AMENDMENTS: &str = "note_amendments";
const PSYCHOTHERAPY: &str = "psychotherapy_notes";

/// A dated correction of a signed note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    pub at: DateTime<Utc>,
    pub by: Uuid,
    pub body: String,
}

/// A progress note, opened, with its amendments (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressNote {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub data: String,
    pub assessment: String,
    pub plan: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub amendments: Vec<Amendment>,
}

fn seal(keys: &Keyring, table: &str, col: &str, id: Uuid, v: &str) -> Result<Option<String>> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    keys.seal(table, col, &id.to_string(), v).map(Some)
}

fn open(keys: &Keyring, table: &str, col: &str, id: Uuid, v: Option<String>) -> Result<String> {
    v.map(|t| keys.open(table, col, &id.to_string(), &t))
        .transpose()
        .map(Option::unwrap_or_default)
}

/// Inserts the note (about the handle's client), or replaces its parts (a draft), or signs it
/// when `signed_at` is set. False (nothing written) when a note of that id is another client's.
pub async fn save(ct: &ClientTx<'_, WriteTx>, n: &ProgressNote) -> Result<bool> {
    let (c, keys) = (ct.conn(), ct.keys());
    let existing = entity::Entity::find_by_id(n.id).one(c).await?;
    if existing
        .as_ref()
        .is_some_and(|e| e.client_id != ct.client_id())
    {
        return Ok(false);
    }
    let model = entity::ActiveModel {
        id: Set(n.id),
        session_id: Set(n.session_id),
        client_id: Set(ct.client_id()),
        author_id: Set(n.author_id),
        data: Set(seal(keys, NOTES, "data", n.id, &n.data)?),
        assessment: Set(seal(keys, NOTES, "assessment", n.id, &n.assessment)?),
        plan: Set(seal(keys, NOTES, "plan", n.id, &n.plan)?),
        created_at: Set(n.created_at),
        updated_at: Set(n.updated_at),
        signed_at: Set(n.signed_at),
    };
    if existing.is_some() {
        model.update(c).await?;
    } else {
        model.insert(c).await?;
    }
    Ok(true)
}

fn open_note(keys: &Keyring, m: entity::Model, amendments: Vec<Amendment>) -> Result<ProgressNote> {
    Ok(ProgressNote {
        data: open(keys, NOTES, "data", m.id, m.data)?,
        assessment: open(keys, NOTES, "assessment", m.id, m.assessment)?,
        plan: open(keys, NOTES, "plan", m.id, m.plan)?,
        id: m.id,
        session_id: m.session_id,
        client_id: m.client_id,
        author_id: m.author_id,
        created_at: m.created_at,
        updated_at: m.updated_at,
        signed_at: m.signed_at,
        amendments,
    })
}

async fn amendments_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    note_ids: &[Uuid],
) -> Result<Vec<(Uuid, Amendment)>> {
    amendment::Entity::find()
        .filter(amendment::Column::NoteId.is_in(note_ids.iter().copied()))
        .order_by_asc(amendment::Column::At)
        .all(c)
        .await?
        .into_iter()
        .map(|a| {
            Ok((
                a.note_id,
                Amendment {
                    body: keys.open(AMENDMENTS, "body", &a.id.to_string(), &a.body)?,
                    at: a.at,
                    by: a.by,
                },
            ))
        })
        .collect()
}

/// The handle's client's note in one session.
pub async fn of_session<T: Tx>(
    ct: &ClientTx<'_, T>,
    session_id: Uuid,
) -> Result<Option<ProgressNote>> {
    let (c, keys) = (ct.conn(), ct.keys());
    let Some(m) = entity::Entity::find()
        .filter(entity::Column::SessionId.eq(session_id))
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let amendments = amendments_of(c, keys, &[m.id]).await?;
    open_note(keys, m, amendments.into_iter().map(|(_, a)| a).collect()).map(Some)
}

/// Where each of the handle's client's progress notes stands, without opening any: (session,
/// when it was signed, if it was).
pub async fn signed_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<(Uuid, Option<DateTime<Utc>>)>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .all(ct.conn())
        .await?
        .into_iter()
        .map(|m| (m.session_id, m.signed_at))
        .collect())
}

/// The handle's client's progress notes, oldest first.
pub async fn of_client<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<ProgressNote>> {
    all_of(ct.conn(), ct.keys(), ct.client_id()).await
}

/// A client's progress notes, oldest first, by connection: the demo's checks.
pub async fn all_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<ProgressNote>> {
    let notes = entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_asc(entity::Column::CreatedAt)
        .all(c)
        .await?;
    let ids: Vec<Uuid> = notes.iter().map(|n| n.id).collect();
    let mut amendments = amendments_of(c, keys, &ids).await?;
    notes
        .into_iter()
        .map(|m| {
            let mine = amendments
                .extract_if(.., |(id, _)| *id == m.id)
                .map(|(_, a)| a)
                .collect();
            open_note(keys, m, mine)
        })
        .collect()
}

/// Adds an amendment to one of the handle's client's notes. False (nothing written) when the
/// note is another client's.
pub async fn amend(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    note_id: Uuid,
    a: &Amendment,
) -> Result<bool> {
    let (c, keys) = (ct.conn(), ct.keys());
    let mine = entity::Entity::find_by_id(note_id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(c)
        .await?;
    if mine.is_none() {
        return Ok(false);
    }
    amendment::ActiveModel {
        id: Set(id),
        note_id: Set(note_id),
        at: Set(a.at),
        by: Set(a.by),
        body: Set(keys.seal(AMENDMENTS, "body", &id.to_string(), a.body.trim())?),
    }
    .insert(c)
    .await?;
    Ok(true)
}

/// A psychotherapy note, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsychotherapyNote {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The author's psychotherapy note on the handle's client in one session. The author is part
/// of the query: nobody else's note can be read through it.
pub async fn psychotherapy_note<T: Tx>(
    ct: &ClientTx<'_, T>,
    author_id: Uuid,
    session_id: Uuid,
) -> Result<Option<PsychotherapyNote>> {
    psychotherapy_note_by(ct.conn(), ct.keys(), author_id, session_id, ct.client_id()).await
}

/// [`psychotherapy_note`] by connection: the demo's checks.
pub async fn psychotherapy_note_by(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    author_id: Uuid,
    session_id: Uuid,
    client_id: Uuid,
) -> Result<Option<PsychotherapyNote>> {
    psychotherapy::Entity::find()
        .filter(psychotherapy::Column::AuthorId.eq(author_id))
        .filter(psychotherapy::Column::SessionId.eq(session_id))
        .filter(psychotherapy::Column::ClientId.eq(client_id))
        .one(c)
        .await?
        .map(|m| {
            Ok(PsychotherapyNote {
                body: keys.open(PSYCHOTHERAPY, "body", &m.id.to_string(), &m.body)?,
                id: m.id,
                session_id: m.session_id,
                client_id: m.client_id,
                author_id: m.author_id,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .transpose()
}

/// Writes the author's psychotherapy note on the handle's client (inserted the first time,
/// replaced after). False (nothing written) when a note of that id is another client's.
pub async fn save_psychotherapy_note(
    ct: &ClientTx<'_, WriteTx>,
    n: &PsychotherapyNote,
) -> Result<bool> {
    let (c, keys) = (ct.conn(), ct.keys());
    let existing = psychotherapy::Entity::find_by_id(n.id).one(c).await?;
    if existing
        .as_ref()
        .is_some_and(|e| e.client_id != ct.client_id())
    {
        return Ok(false);
    }
    let model = psychotherapy::ActiveModel {
        id: Set(n.id),
        session_id: Set(n.session_id),
        client_id: Set(ct.client_id()),
        author_id: Set(n.author_id),
        body: Set(keys.seal(PSYCHOTHERAPY, "body", &n.id.to_string(), n.body.trim())?),
        created_at: Set(n.created_at),
        updated_at: Set(n.updated_at),
    };
    if existing.is_some() {
        model.update(c).await?;
    } else {
        model.insert(c).await?;
    }
    Ok(true)
}
