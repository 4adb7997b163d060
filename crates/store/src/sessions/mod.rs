//! Sessions, the clients in each and whether they came, and the history of reschedules and
//! cancellations. Places (an address or a meeting link) and reasons are sealed.

mod booking;
mod feedback;
pub mod requests;
pub mod room;

pub use booking::{latest_of_client, next_of_client, starting_between};
pub use feedback::{
    Feedback, answers_of as feedback_answers_of, awaiting_feedback, feedback_of, insert_feedback,
};

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;
use crate::crypto::Keyring;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "therapy_sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub series_id: Option<Uuid>,
        pub clinician_id: Uuid,
        pub kind: String,
        pub modality: String,
        pub place: Option<String>,
        pub starts_at: DateTimeUtc,
        pub minutes: i16,
        pub cancelled_at: Option<DateTimeUtc>,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod attendee {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_attendees")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub attendance: Option<String>,
        pub marked_at: Option<DateTimeUtc>,
        pub marked_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod change {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_changes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub at: DateTimeUtc,
        pub by: Uuid,
        pub kind: String,
        pub from_starts_at: Option<DateTimeUtc>,
        pub to_starts_at: Option<DateTimeUtc>,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const SESSIONS: &str = "therapy_sessions";
const CHANGES: &str = "session_changes";

/// A session, its place opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: Uuid,
    pub series_id: Option<Uuid>,
    pub clinician_id: Uuid,
    pub kind: String,
    pub modality: String,
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub minutes: i16,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// One client in a session.
pub type Attendee = attendee::Model;

/// A reschedule, a cancellation or a client's request to reschedule, its reason opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: Uuid,
    pub session_id: Uuid,
    pub at: DateTime<Utc>,
    pub by: Uuid,
    pub kind: String,
    pub from_starts_at: Option<DateTime<Utc>>,
    pub to_starts_at: Option<DateTime<Utc>>,
    pub reason: String,
}

fn open(keys: &Keyring, m: entity::Model) -> Result<Session> {
    let place = m
        .place
        .map(|p| keys.open(SESSIONS, "place", &m.id.to_string(), &p))
        .transpose()?;
    Ok(Session {
        id: m.id,
        series_id: m.series_id,
        clinician_id: m.clinician_id,
        kind: m.kind,
        modality: m.modality,
        place,
        starts_at: m.starts_at,
        minutes: m.minutes,
        cancelled_at: m.cancelled_at,
        created_by: m.created_by,
        created_at: m.created_at,
    })
}

/// Stores a session with its clients (attendance not yet known).
pub async fn insert(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    s: &Session,
    attendees: &[(Uuid, Uuid)],
) -> Result<()> {
    let place = s
        .place
        .as_deref()
        .map(|p| keys.seal(SESSIONS, "place", &s.id.to_string(), p))
        .transpose()?;
    entity::ActiveModel {
        id: Set(s.id),
        series_id: Set(s.series_id),
        clinician_id: Set(s.clinician_id),
        kind: Set(s.kind.clone()),
        modality: Set(s.modality.clone()),
        place: Set(place),
        starts_at: Set(s.starts_at),
        minutes: Set(s.minutes),
        cancelled_at: Set(s.cancelled_at),
        created_by: Set(s.created_by),
        created_at: Set(s.created_at),
    }
    .insert(c)
    .await?;
    if !attendees.is_empty() {
        attendee::Entity::insert_many(attendees.iter().map(|(id, client_id)| {
            attendee::ActiveModel {
                id: Set(*id),
                session_id: Set(s.id),
                client_id: Set(*client_id),
                attendance: Set(None),
                marked_at: Set(None),
                marked_by: Set(None),
            }
        }))
        .exec(c)
        .await?;
    }
    Ok(())
}

pub async fn find(c: &impl ConnectionTrait, keys: &Keyring, id: Uuid) -> Result<Option<Session>> {
    entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}

/// A session read for a change, inside the write transaction: on PostgreSQL its row stays
/// locked until the transaction ends (SQLite writers take turns anyway), so two changes to one
/// session (a move and a cancellation, two cancellations, attendance and a cancellation) take
/// turns and each sees what the other did.
pub async fn find_for_change(tx: &crate::WriteTx, id: Uuid) -> Result<Option<Session>> {
    let mut q = entity::Entity::find_by_id(id);
    if tx.backend() == crate::Backend::Postgres {
        use sea_orm::QuerySelect;
        q = q.lock(sea_orm::sea_query::LockType::Update);
    }
    q.one(tx.conn())
        .await?
        .map(|m| open(tx.keys(), m))
        .transpose()
}

/// The clients of a session.
pub async fn attendees(c: &impl ConnectionTrait, session_id: Uuid) -> Result<Vec<Attendee>> {
    Ok(attendee::Entity::find()
        .filter(attendee::Column::SessionId.eq(session_id))
        .order_by_asc(attendee::Column::Id)
        .all(c)
        .await?)
}

/// The clients of many sessions at once (one query), in no particular order across sessions.
pub async fn attendees_of(c: &impl ConnectionTrait, session_ids: &[Uuid]) -> Result<Vec<Attendee>> {
    if session_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(attendee::Entity::find()
        .filter(attendee::Column::SessionId.is_in(session_ids.iter().copied()))
        .order_by_asc(attendee::Column::Id)
        .all(c)
        .await?)
}

/// A client's sessions (every one they take part in), oldest first, with their own attendance.
pub async fn of_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<(Session, Attendee)>> {
    let mine = attendee::Entity::find()
        .filter(attendee::Column::ClientId.eq(client_id))
        .all(c)
        .await?;
    let sessions = entity::Entity::find()
        .filter(entity::Column::Id.is_in(mine.iter().map(|a| a.session_id)))
        .order_by_asc(entity::Column::StartsAt)
        .all(c)
        .await?;
    let mut out = Vec::with_capacity(sessions.len());
    for s in sessions {
        if let Some(a) = mine.iter().find(|a| a.session_id == s.id) {
            out.push((open(keys, s)?, a.clone()));
        }
    }
    Ok(out)
}

/// A clinician's sessions starting in `[from, to)`, oldest first.
pub async fn of_clinician(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    clinician_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Session>> {
    entity::Entity::find()
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::StartsAt.gte(from))
        .filter(entity::Column::StartsAt.lt(to))
        .order_by_asc(entity::Column::StartsAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open(keys, m))
        .collect()
}

/// Moves a session that is not cancelled; false when it was cancelled (or is gone), so a move
/// cannot undo a cancellation that came first.
pub async fn move_to(c: &impl ConnectionTrait, id: Uuid, starts_at: DateTime<Utc>) -> Result<bool> {
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::StartsAt, Expr::value(starts_at))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::CancelledAt.is_null())
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Cancels a session that is not cancelled yet; false when it was (or is gone), so of two
/// cancellations exactly one counts.
pub async fn cancel(c: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> Result<bool> {
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::CancelledAt, Expr::value(Some(at)))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::CancelledAt.is_null())
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Records what became of one client in a session.
pub async fn mark(
    c: &impl ConnectionTrait,
    attendee_id: Uuid,
    attendance: &str,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<()> {
    attendee::ActiveModel {
        id: Set(attendee_id),
        attendance: Set(Some(attendance.to_string())),
        marked_at: Set(Some(at)),
        marked_by: Set(Some(by)),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

pub async fn add_change(c: &impl ConnectionTrait, keys: &Keyring, ch: &Change) -> Result<()> {
    change::ActiveModel {
        id: Set(ch.id),
        session_id: Set(ch.session_id),
        at: Set(ch.at),
        by: Set(ch.by),
        kind: Set(ch.kind.clone()),
        from_starts_at: Set(ch.from_starts_at),
        to_starts_at: Set(ch.to_starts_at),
        reason: Set(keys.seal(CHANGES, "reason", &ch.id.to_string(), ch.reason.trim())?),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The changes of these sessions, oldest first.
pub async fn changes_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    session_ids: &[Uuid],
) -> Result<Vec<Change>> {
    change::Entity::find()
        .filter(change::Column::SessionId.is_in(session_ids.iter().copied()))
        .order_by_asc(change::Column::At)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Change {
                reason: keys.open(CHANGES, "reason", &m.id.to_string(), &m.reason)?,
                id: m.id,
                session_id: m.session_id,
                at: m.at,
                by: m.by,
                kind: m.kind,
                from_starts_at: m.from_starts_at,
                to_starts_at: m.to_starts_at,
            })
        })
        .collect()
}

/// The next session (not cancelled, starting at or after `from`) of each of many clients: one
/// grouped query (the caseload).
pub async fn next_of(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    from: DateTime<Utc>,
) -> Result<Vec<(Uuid, DateTime<Utc>)>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
    use sea_orm::{FromQueryResult, StatementBuilder};
    #[derive(FromQueryResult)]
    struct Row {
        client_id: Uuid,
        starts_at: DateTime<Utc>,
    }
    let a = Alias::new("session_attendees");
    let s = Alias::new(SESSIONS);
    let stmt = Query::select()
        .column((a.clone(), Alias::new("client_id")))
        .expr_as(
            Func::min(Expr::col((s.clone(), Alias::new("starts_at")))),
            Alias::new("starts_at"),
        )
        .from(a.clone())
        .inner_join(
            s.clone(),
            Expr::col((s.clone(), Alias::new("id"))).equals((a.clone(), Alias::new("session_id"))),
        )
        .and_where(
            Expr::col((a.clone(), Alias::new("client_id"))).is_in(client_ids.iter().copied()),
        )
        .and_where(Expr::col((s.clone(), Alias::new("starts_at"))).gte(from))
        .and_where(Expr::col((s.clone(), Alias::new("cancelled_at"))).is_null())
        .group_by_col((a, Alias::new("client_id")))
        .to_owned();
    let rows = Row::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.client_id, r.starts_at))
        .collect())
}

/// How many sessions each client attended (not cancelled) from their own `from` up to `to`:
/// one query for a caseload's candidates, counted here.
pub async fn attended_counts(
    c: &impl ConnectionTrait,
    since: &[(Uuid, DateTime<Utc>)],
    to: DateTime<Utc>,
) -> Result<std::collections::HashMap<Uuid, u32>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    use sea_orm::{FromQueryResult, StatementBuilder};
    #[derive(FromQueryResult)]
    struct Row {
        client_id: Uuid,
        starts_at: DateTime<Utc>,
    }
    let mut counts = std::collections::HashMap::new();
    let Some(earliest) = since.iter().map(|(_, from)| *from).min() else {
        return Ok(counts);
    };
    let a = Alias::new("session_attendees");
    let s = Alias::new(SESSIONS);
    let stmt = Query::select()
        .column((a.clone(), Alias::new("client_id")))
        .column((s.clone(), Alias::new("starts_at")))
        .from(a.clone())
        .inner_join(
            s.clone(),
            Expr::col((s.clone(), Alias::new("id"))).equals((a.clone(), Alias::new("session_id"))),
        )
        .and_where(
            Expr::col((a.clone(), Alias::new("client_id"))).is_in(since.iter().map(|(id, _)| *id)),
        )
        .and_where(
            Expr::col((a.clone(), Alias::new("attendance")))
                .eq(rapport_core::sessions::Attendance::Attended.as_str()),
        )
        .and_where(Expr::col((s.clone(), Alias::new("cancelled_at"))).is_null())
        .and_where(Expr::col((s.clone(), Alias::new("starts_at"))).gte(earliest))
        .and_where(Expr::col((s, Alias::new("starts_at"))).lte(to))
        .to_owned();
    let rows = Row::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
        .all(c)
        .await?;
    let from: std::collections::HashMap<Uuid, DateTime<Utc>> = since.iter().copied().collect();
    for r in rows {
        if from.get(&r.client_id).is_some_and(|f| r.starts_at >= *f) {
            *counts.entry(r.client_id).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// What the early-warning rules need of a client's sessions in `[from, to]`: when each was, and
/// whether it was cancelled and what their attendance was — without opening any place.
pub async fn outcomes_of(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, bool, Option<String>)>> {
    Ok(outcomes_of_clients(c, &[client_id], from, to)
        .await?
        .into_iter()
        .map(|(_, at, cancelled, attendance)| (at, cancelled, attendance))
        .collect())
}

/// [`outcomes_of`] for many clients at once, as (client, starts at, cancelled, attendance).
pub async fn outcomes_of_clients(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Uuid, DateTime<Utc>, bool, Option<String>)>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    use sea_orm::{FromQueryResult, StatementBuilder};
    #[derive(FromQueryResult)]
    struct Row {
        client_id: Uuid,
        starts_at: DateTime<Utc>,
        cancelled_at: Option<DateTime<Utc>>,
        attendance: Option<String>,
    }
    let a = Alias::new("session_attendees");
    let s = Alias::new(SESSIONS);
    let stmt = Query::select()
        .column((a.clone(), Alias::new("client_id")))
        .column((s.clone(), Alias::new("starts_at")))
        .column((s.clone(), Alias::new("cancelled_at")))
        .column((a.clone(), Alias::new("attendance")))
        .from(a.clone())
        .inner_join(
            s.clone(),
            Expr::col((s.clone(), Alias::new("id"))).equals((a.clone(), Alias::new("session_id"))),
        )
        .and_where(Expr::col((a, Alias::new("client_id"))).is_in(client_ids.iter().copied()))
        .and_where(Expr::col((s.clone(), Alias::new("starts_at"))).gte(from))
        .and_where(Expr::col((s.clone(), Alias::new("starts_at"))).lte(to))
        .order_by((s, Alias::new("starts_at")), sea_orm::Order::Asc)
        .to_owned();
    let rows = Row::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.client_id,
                r.starts_at,
                r.cancelled_at.is_some(),
                r.attendance,
            )
        })
        .collect())
}
