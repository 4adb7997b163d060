//! Homework assignments and their entries (one per occurrence), with the instructions, the
//! entries' content and the review comments sealed.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{Backend, ClientTx, Result, Tx, WriteTx};

pub(crate) mod assignment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "homework_assignments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub assigned_by: Option<Uuid>,
        pub kind: String,
        pub instructions: Option<String>,
        pub due_on: Option<Date>,
        pub repeat_every: Option<String>,
        pub repeat_until: Option<Date>,
        pub created_at: DateTimeUtc,
        pub cancelled_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "homework_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub assignment_id: Uuid,
        pub client_id: Uuid,
        pub due_on: Option<Date>,
        pub content: String,
        pub draft: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub submitted_at: Option<DateTimeUtc>,
        pub reviewed_at: Option<DateTimeUtc>,
        pub reviewed_by: Option<Uuid>,
        pub review_comment: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const ASSIGNMENTS: &str = "homework_assignments";
const ENTRIES: &str = "homework_entries";

/// An assignment, its instructions opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub id: Uuid,
    pub client_id: Uuid,
    /// None: the client started it on their own.
    pub assigned_by: Option<Uuid>,
    pub kind: String,
    pub instructions: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// `day` or `week`.
    pub repeat_every: Option<String>,
    pub repeat_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// One entry (the work on one occurrence of an assignment), its content (JSON text) and
/// review comment opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub client_id: Uuid,
    /// The occurrence it answers (none for an assignment without a date).
    pub due_on: Option<NaiveDate>,
    pub content: String,
    pub draft: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<Uuid>,
    pub review_comment: Option<String>,
}

fn seal(keys: &Keyring, table: &str, col: &str, id: Uuid, v: &str) -> Result<String> {
    keys.seal(table, col, &id.to_string(), v)
}

fn open_opt(
    keys: &Keyring,
    table: &str,
    col: &str,
    id: Uuid,
    v: Option<&str>,
) -> Result<Option<String>> {
    v.map(|v| keys.open(table, col, &id.to_string(), v))
        .transpose()
}

fn assignment_from(keys: &Keyring, a: assignment::Model) -> Result<Assignment> {
    Ok(Assignment {
        instructions: open_opt(
            keys,
            ASSIGNMENTS,
            "instructions",
            a.id,
            a.instructions.as_deref(),
        )?,
        id: a.id,
        client_id: a.client_id,
        assigned_by: a.assigned_by,
        kind: a.kind,
        due_on: a.due_on,
        repeat_every: a.repeat_every,
        repeat_until: a.repeat_until,
        created_at: a.created_at,
        cancelled_at: a.cancelled_at,
    })
}

fn entry_from(keys: &Keyring, e: entry::Model) -> Result<Entry> {
    Ok(Entry {
        content: keys.open(ENTRIES, "content", &e.id.to_string(), &e.content)?,
        review_comment: open_opt(
            keys,
            ENTRIES,
            "review_comment",
            e.id,
            e.review_comment.as_deref(),
        )?,
        id: e.id,
        assignment_id: e.assignment_id,
        client_id: e.client_id,
        due_on: e.due_on,
        draft: e.draft,
        created_at: e.created_at,
        updated_at: e.updated_at,
        submitted_at: e.submitted_at,
        reviewed_at: e.reviewed_at,
        reviewed_by: e.reviewed_by,
    })
}

/// Adds an assignment to the handle's client (whatever `a.client_id` says).
pub async fn insert_assignment(ct: &ClientTx<'_, WriteTx>, a: &Assignment) -> Result<()> {
    let instructions = a
        .instructions
        .as_deref()
        .map(|t| seal(ct.keys(), ASSIGNMENTS, "instructions", a.id, t))
        .transpose()?;
    assignment::ActiveModel {
        id: Set(a.id),
        client_id: Set(ct.client_id()),
        assigned_by: Set(a.assigned_by),
        kind: Set(a.kind.clone()),
        instructions: Set(instructions),
        due_on: Set(a.due_on),
        repeat_every: Set(a.repeat_every.clone()),
        repeat_until: Set(a.repeat_until),
        created_at: Set(a.created_at),
        cancelled_at: Set(None),
    }
    .insert(ct.conn())
    .await?;
    Ok(())
}

/// The client an assignment belongs to: what the door is asked about before it is opened.
pub async fn owner(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Uuid>> {
    Ok(assignment::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|a| a.client_id))
}

/// The client and the assignment of an entry: what the door is asked about before it is
/// opened.
pub async fn entry_owner(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<(Uuid, Uuid)>> {
    Ok(entry::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|e| (e.client_id, e.assignment_id)))
}

/// One of the client's assignments, its row locked until the write ends (PostgreSQL; SQLite
/// writers take turns anyway), so that two saves of one occurrence take turns.
pub async fn assignment_for_update(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
) -> Result<Option<Assignment>> {
    let mut q =
        assignment::Entity::find_by_id(id).filter(assignment::Column::ClientId.eq(ct.client_id()));
    if ct.tx().backend() == Backend::Postgres {
        q = q.lock(sea_orm::sea_query::LockType::Update);
    }
    q.one(ct.conn())
        .await?
        .map(|a| assignment_from(ct.keys(), a))
        .transpose()
}

/// The client's assignments, oldest first, cancelled ones left out.
pub async fn assignments_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Assignment>> {
    assignment::Entity::find()
        .filter(assignment::Column::ClientId.eq(ct.client_id()))
        .filter(assignment::Column::CancelledAt.is_null())
        .order_by_asc(assignment::Column::CreatedAt)
        .order_by_asc(assignment::Column::Id)
        .all(ct.conn())
        .await?
        .into_iter()
        .map(|a| assignment_from(ct.keys(), a))
        .collect()
}

/// The client's entries, by occurrence (undated first) and then as written.
pub async fn entries_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Entry>> {
    entry::Entity::find()
        .filter(entry::Column::ClientId.eq(ct.client_id()))
        .order_by_asc(entry::Column::DueOn)
        .order_by_asc(entry::Column::CreatedAt)
        .all(ct.conn())
        .await?
        .into_iter()
        .map(|e| entry_from(ct.keys(), e))
        .collect()
}

/// The client's entry for one occurrence of an assignment, if there is one.
pub async fn entry_for<T: Tx>(
    ct: &ClientTx<'_, T>,
    assignment_id: Uuid,
    due_on: Option<NaiveDate>,
) -> Result<Option<Entry>> {
    let q = entry::Entity::find()
        .filter(entry::Column::ClientId.eq(ct.client_id()))
        .filter(entry::Column::AssignmentId.eq(assignment_id));
    let q = match due_on {
        Some(d) => q.filter(entry::Column::DueOn.eq(d)),
        None => q.filter(entry::Column::DueOn.is_null()),
    };
    q.one(ct.conn())
        .await?
        .map(|e| entry_from(ct.keys(), e))
        .transpose()
}

/// Writes an entry of the handle's client: a new one, or the same id saved again (content,
/// draft and the times change; the occurrence and the review stay).
pub async fn save_entry(ct: &ClientTx<'_, WriteTx>, e: &Entry, new: bool) -> Result<()> {
    let content = seal(ct.keys(), ENTRIES, "content", e.id, &e.content)?;
    if new {
        entry::ActiveModel {
            id: Set(e.id),
            assignment_id: Set(e.assignment_id),
            client_id: Set(ct.client_id()),
            due_on: Set(e.due_on),
            content: Set(content),
            draft: Set(e.draft),
            created_at: Set(e.created_at),
            updated_at: Set(e.updated_at),
            submitted_at: Set(e.submitted_at),
            reviewed_at: Set(None),
            reviewed_by: Set(None),
            review_comment: Set(None),
        }
        .insert(ct.conn())
        .await?;
        return Ok(());
    }
    entry::Entity::update_many()
        .col_expr(entry::Column::Content, Expr::value(content))
        .col_expr(entry::Column::Draft, Expr::value(e.draft))
        .col_expr(entry::Column::UpdatedAt, Expr::value(e.updated_at))
        .col_expr(entry::Column::SubmittedAt, Expr::value(e.submitted_at))
        .filter(entry::Column::Id.eq(e.id))
        .filter(entry::Column::ClientId.eq(ct.client_id()))
        .exec(ct.conn())
        .await?;
    Ok(())
}

/// Marks one of the client's entries reviewed, with a comment (replacing an earlier review);
/// false (nothing changed) when it is not theirs.
pub async fn review(
    ct: &ClientTx<'_, WriteTx>,
    entry_id: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
    comment: Option<&str>,
) -> Result<bool> {
    let comment = comment
        .map(|c| seal(ct.keys(), ENTRIES, "review_comment", entry_id, c))
        .transpose()?;
    let res = entry::Entity::update_many()
        .col_expr(entry::Column::ReviewedAt, Expr::value(Some(at)))
        .col_expr(entry::Column::ReviewedBy, Expr::value(Some(by)))
        .col_expr(entry::Column::ReviewComment, Expr::value(comment))
        .filter(entry::Column::Id.eq(entry_id))
        .filter(entry::Column::ClientId.eq(ct.client_id()))
        .exec(ct.conn())
        .await?;
    Ok(res.rows_affected > 0)
}

/// How many submitted entries await review, by client, for the clients named (the caseload's
/// "2 new": counts only, nothing opened).
pub async fn unreviewed_counts(
    c: &impl ConnectionTrait,
    clients: &[Uuid],
) -> Result<HashMap<Uuid, usize>> {
    let rows: Vec<(Uuid, i64)> = entry::Entity::find()
        .select_only()
        .column(entry::Column::ClientId)
        .column_as(entry::Column::Id.count(), "n")
        .filter(entry::Column::ClientId.is_in(clients.iter().copied()))
        .filter(entry::Column::Draft.eq(false))
        .filter(entry::Column::ReviewedAt.is_null())
        .group_by(entry::Column::ClientId)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, usize::try_from(n).unwrap_or(0)))
        .collect())
}

/// An assignment's calendar, for the disengagement rule (nothing sealed is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dates {
    pub id: Uuid,
    /// False when the client started it on their own.
    pub assigned: bool,
    pub due_on: Option<NaiveDate>,
    pub repeat_every: Option<String>,
    pub repeat_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// The calendars of a client's assignments, cancelled ones left out: what the rules read,
/// inside the scope of the write or the sweep that runs them.
pub async fn dates_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Dates>> {
    Ok(dates_of_clients(c, &[client_id])
        .await?
        .into_iter()
        .map(|(_, d)| d)
        .collect())
}

/// [`dates_of`] for many clients at once, as (client, calendar).
pub async fn dates_of_clients(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
) -> Result<Vec<(Uuid, Dates)>> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(assignment::Column::CancelledAt.is_null())
        .all(c)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.client_id,
                Dates {
                    id: a.id,
                    assigned: a.assigned_by.is_some(),
                    due_on: a.due_on,
                    repeat_every: a.repeat_every,
                    repeat_until: a.repeat_until,
                    created_at: a.created_at,
                },
            )
        })
        .collect())
}

/// The occurrences a client sent, as (assignment, occurrence), for the rules.
pub async fn sent_of(
    c: &impl ConnectionTrait,
    client_id: Uuid,
) -> Result<Vec<(Uuid, Option<NaiveDate>)>> {
    Ok(entry::Entity::find()
        .select_only()
        .column(entry::Column::AssignmentId)
        .column(entry::Column::DueOn)
        .filter(entry::Column::ClientId.eq(client_id))
        .filter(entry::Column::Draft.eq(false))
        .into_tuple()
        .all(c)
        .await?)
}

/// [`sent_of`] for many clients at once, as (client, assignment, occurrence).
pub async fn sent_of_clients(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, Option<NaiveDate>)>> {
    Ok(entry::Entity::find()
        .select_only()
        .column(entry::Column::ClientId)
        .column(entry::Column::AssignmentId)
        .column(entry::Column::DueOn)
        .filter(entry::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entry::Column::Draft.eq(false))
        .into_tuple()
        .all(c)
        .await?)
}
