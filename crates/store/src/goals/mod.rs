//! Goals and their progress, with the free text sealed.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "goals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub title: String,
        pub success: String,
        pub measured_by: Option<String>,
        pub target_date: Option<Date>,
        pub status: String,
        pub close_reason: Option<String>,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
        pub closed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod progress {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "goal_progress")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub goal_id: Uuid,
        pub at: DateTimeUtc,
        pub by: Uuid,
        pub rating: i16,
        pub note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const GOALS: &str = "goals";
const PROGRESS: &str = "goal_progress";

/// One progress entry, note opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub at: DateTime<Utc>,
    pub by: Uuid,
    pub rating: u8,
    pub note: Option<String>,
}

/// A goal, its text opened, with its progress (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub success: String,
    pub measured_by: Option<String>,
    pub target_date: Option<NaiveDate>,
    pub status: String,
    pub close_reason: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub progress: Vec<Progress>,
}

fn seal(keys: &Keyring, table: &str, col: &str, id: Uuid, v: &str) -> Result<String> {
    keys.seal(table, col, &id.to_string(), v.trim())
}

fn seal_opt(
    keys: &Keyring,
    table: &str,
    col: &str,
    id: Uuid,
    v: Option<&str>,
) -> Result<Option<String>> {
    v.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| keys.seal(table, col, &id.to_string(), t))
        .transpose()
}

/// Adds a goal to the handle's client (whatever `g.client_id` says).
pub async fn insert(ct: &ClientTx<'_, WriteTx>, g: &Goal) -> Result<()> {
    let keys = ct.keys();
    entity::ActiveModel {
        id: Set(g.id),
        client_id: Set(ct.client_id()),
        title: Set(seal(keys, GOALS, "title", g.id, &g.title)?),
        success: Set(seal(keys, GOALS, "success", g.id, &g.success)?),
        measured_by: Set(seal_opt(
            keys,
            GOALS,
            "measured_by",
            g.id,
            g.measured_by.as_deref(),
        )?),
        target_date: Set(g.target_date),
        status: Set(g.status.clone()),
        close_reason: Set(None),
        created_by: Set(g.created_by),
        created_at: Set(g.created_at),
        closed_at: Set(None),
    }
    .insert(ct.conn())
    .await?;
    Ok(())
}

/// Whether the goal is the handle's client's.
async fn is_theirs<T: Tx>(ct: &ClientTx<'_, T>, goal_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find_by_id(goal_id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?
        .is_some())
}

/// Adds progress to one of the client's goals; false (nothing written) when the goal is
/// not theirs.
pub async fn add_progress(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    goal_id: Uuid,
    p: &Progress,
) -> Result<bool> {
    if !is_theirs(ct, goal_id).await? {
        return Ok(false);
    }
    let keys = ct.keys();
    progress::ActiveModel {
        id: Set(id),
        goal_id: Set(goal_id),
        at: Set(p.at),
        by: Set(p.by),
        rating: Set(i16::from(p.rating)),
        note: Set(seal_opt(keys, PROGRESS, "note", id, p.note.as_deref())?),
    }
    .insert(ct.conn())
    .await?;
    Ok(true)
}

/// Closes one of the client's goals; false (nothing changed) when the goal is not theirs.
pub async fn close(
    ct: &ClientTx<'_, WriteTx>,
    id: Uuid,
    status: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let reason = seal(ct.keys(), GOALS, "close_reason", id, reason)?;
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(status.to_string()))
        .col_expr(entity::Column::CloseReason, Expr::value(Some(reason)))
        .col_expr(entity::Column::ClosedAt, Expr::value(Some(now)))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .exec(ct.conn())
        .await?;
    Ok(res.rows_affected > 0)
}

/// The client a goal belongs to, and its status: what the door is asked about before the
/// goal is opened.
pub async fn owner(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<(Uuid, String)>> {
    Ok(entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|g| (g.client_id, g.status)))
}

/// A client's goals, oldest first, with their progress.
pub async fn of_client<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Goal>> {
    let (c, keys, client_id) = (ct.conn(), ct.keys(), ct.client_id());
    let goals = entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_asc(entity::Column::CreatedAt)
        .all(c)
        .await?;
    let ids: Vec<Uuid> = goals.iter().map(|g| g.id).collect();
    let entries = progress::Entity::find()
        .filter(progress::Column::GoalId.is_in(ids))
        .order_by_asc(progress::Column::At)
        .all(c)
        .await?;
    goals
        .into_iter()
        .map(|g| {
            let gid = g.id.to_string();
            let open = |col: &str, v: &str| keys.open(GOALS, col, &gid, v);
            let mut list = Vec::new();
            for p in entries.iter().filter(|p| p.goal_id == g.id) {
                list.push(Progress {
                    at: p.at,
                    by: p.by,
                    rating: p.rating.clamp(0, 10) as u8,
                    note: p
                        .note
                        .as_deref()
                        .map(|n| keys.open(PROGRESS, "note", &p.id.to_string(), n))
                        .transpose()?,
                });
            }
            Ok(Goal {
                title: open("title", &g.title)?,
                success: open("success", &g.success)?,
                measured_by: g
                    .measured_by
                    .as_deref()
                    .map(|v| open("measured_by", v))
                    .transpose()?,
                close_reason: g
                    .close_reason
                    .as_deref()
                    .map(|v| open("close_reason", v))
                    .transpose()?,
                id: g.id,
                client_id: g.client_id,
                target_date: g.target_date,
                status: g.status,
                created_by: g.created_by,
                created_at: g.created_at,
                progress: list,
            })
        })
        .collect()
}
