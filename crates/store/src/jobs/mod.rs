//! The job queue: rows claimed with a lease. On PostgreSQL a claim skips rows another server
//! holds (`FOR UPDATE SKIP LOCKED`), so any number of servers share the queue; on SQLite the
//! claim runs in the one writer's transaction, which makes it atomic.

use chrono::{DateTime, Utc};
use rapport_core::jobs::JobState;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{ActiveValue::Set, Condition, QueryOrder, QuerySelect};

use crate::{Backend, Result, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "jobs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub kind: String,
        pub payload: String,
        pub dedupe_key: Option<String>,
        pub state: String,
        pub run_at: DateTimeUtc,
        pub attempts: i32,
        pub max_attempts: i32,
        pub last_error: Option<String>,
        pub locked_by: Option<String>,
        pub locked_until: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A job as stored.
pub type Job = entity::Model;
use entity::Column as C;

/// A new job, queued to run at `run_at`.
pub fn new_job(
    id: Uuid,
    kind: &str,
    payload: String,
    dedupe_key: Option<String>,
    run_at: DateTime<Utc>,
    max_attempts: u32,
    now: DateTime<Utc>,
) -> Job {
    Job {
        id,
        kind: kind.to_string(),
        payload,
        dedupe_key,
        state: JobState::Queued.as_str().to_string(),
        run_at,
        attempts: 0,
        max_attempts: i32::try_from(max_attempts).unwrap_or(i32::MAX),
        last_error: None,
        locked_by: None,
        locked_until: None,
        created_at: now,
        updated_at: now,
        finished_at: None,
    }
}

/// Queues a job. With a `dedupe_key` already taken, nothing is added: false.
pub async fn enqueue(c: &impl ConnectionTrait, job: Job) -> Result<bool> {
    let r = entity::Entity::insert(entity::ActiveModel::from(job))
        .on_conflict_do_nothing_on([C::DedupeKey])
        .exec_without_returning(c)
        .await?;
    Ok(matches!(r, sea_orm::TryInsertResult::Inserted(n) if n == 1))
}

pub async fn get(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Job>> {
    Ok(entity::Entity::find_by_id(id).one(c).await?)
}

pub async fn by_key(c: &impl ConnectionTrait, key: &str) -> Result<Option<Job>> {
    Ok(entity::Entity::find()
        .filter(C::DedupeKey.eq(key))
        .one(c)
        .await?)
}

fn state(s: JobState) -> &'static str {
    s.as_str()
}

/// Claims up to `limit` jobs that are due at `now` for `worker`, until `lease_until`: waiting
/// ones whose time has come, and running ones whose lease ran out (their server stopped). Each
/// claim counts as a try. Running jobs whose lease ran out on their last try are dead-lettered
/// instead. Run it in its own short transaction and commit at once.
pub async fn claim(
    tx: &WriteTx,
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Job>> {
    let c = tx.conn();
    let due = Condition::any()
        .add(
            Condition::all()
                .add(C::State.is_in([state(JobState::Queued), state(JobState::Failed)]))
                .add(C::RunAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(C::State.eq(state(JobState::Running)))
                .add(C::LockedUntil.lte(now)),
        );
    let mut q = entity::Entity::find()
        .filter(due)
        .order_by_asc(C::RunAt)
        .order_by_asc(C::Id)
        .limit(limit);
    if tx.backend() == Backend::Postgres {
        q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = q.all(c).await?;
    let mut claimed = Vec::with_capacity(rows.len());
    for mut job in rows {
        if job.state == state(JobState::Running) && job.attempts >= job.max_attempts {
            entity::ActiveModel {
                id: Set(job.id),
                state: Set(state(JobState::Dead).to_string()),
                last_error: Set(Some(
                    "its server stopped during the last try (the lease ran out)".to_string(),
                )),
                locked_by: Set(None),
                locked_until: Set(None),
                updated_at: Set(now),
                finished_at: Set(Some(now)),
                ..Default::default()
            }
            .update(c)
            .await?;
            continue;
        }
        job.state = state(JobState::Running).to_string();
        job.attempts = job.attempts.saturating_add(1);
        job.locked_by = Some(worker.to_string());
        job.locked_until = Some(lease_until);
        job.updated_at = now;
        entity::ActiveModel {
            id: Set(job.id),
            state: Set(job.state.clone()),
            attempts: Set(job.attempts),
            locked_by: Set(job.locked_by.clone()),
            locked_until: Set(job.locked_until),
            updated_at: Set(now),
            ..Default::default()
        }
        .update(c)
        .await?;
        claimed.push(job);
    }
    Ok(claimed)
}

/// The filter "still ours": running and held by `worker`. A job whose lease ran out and that
/// another server claimed since is no longer ours to finish.
fn ours(id: Uuid, worker: &str) -> Condition {
    Condition::all()
        .add(C::Id.eq(id))
        .add(C::State.eq(state(JobState::Running)))
        .add(C::LockedBy.eq(worker))
}

/// The job ran: done. False when it was no longer ours.
pub async fn finish(
    c: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = entity::Entity::update_many()
        .col_expr(C::State, Expr::value(state(JobState::Done)))
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::LastError, Expr::value(Option::<String>::None))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .col_expr(C::FinishedAt, Expr::value(Some(now)))
        .filter(ours(id, worker))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// A periodic job ran: back to the queue for `next`, its tries counted afresh.
pub async fn reschedule(
    c: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    next: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = entity::Entity::update_many()
        .col_expr(C::State, Expr::value(state(JobState::Queued)))
        .col_expr(C::RunAt, Expr::value(next))
        .col_expr(C::Attempts, Expr::value(0))
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::LastError, Expr::value(Option::<String>::None))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .col_expr(C::FinishedAt, Expr::value(Some(now)))
        .filter(ours(id, worker))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The try failed: `failed` to retry at `retry_at`, or `dead` when it is `None`.
pub async fn fail(
    c: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut u = entity::Entity::update_many()
        .col_expr(C::LastError, Expr::value(Some(error.to_string())))
        .col_expr(C::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::UpdatedAt, Expr::value(now));
    u = match retry_at {
        Some(at) => u
            .col_expr(C::State, Expr::value(state(JobState::Failed)))
            .col_expr(C::RunAt, Expr::value(at)),
        None => u
            .col_expr(C::State, Expr::value(state(JobState::Dead)))
            .col_expr(C::FinishedAt, Expr::value(Some(now))),
    };
    let r = u.filter(ours(id, worker)).exec(c).await?;
    Ok(r.rows_affected == 1)
}

/// Removes `done` jobs finished before `before`; how many.
pub async fn purge_done(c: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64> {
    let r = entity::Entity::delete_many()
        .filter(C::State.eq(state(JobState::Done)))
        .filter(C::FinishedAt.lt(before))
        .exec(c)
        .await?;
    Ok(r.rows_affected)
}

/// How many jobs are in each state.
pub async fn count_by_state(c: &impl ConnectionTrait) -> Result<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = entity::Entity::find()
        .select_only()
        .column(C::State)
        .column_as(C::Id.count(), "n")
        .group_by(C::State)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows)
}

/// The newest failed and dead jobs, at most `limit`.
pub async fn newest_troubled(c: &impl ConnectionTrait, limit: u64) -> Result<Vec<Job>> {
    Ok(entity::Entity::find()
        .filter(C::State.is_in([state(JobState::Failed), state(JobState::Dead)]))
        .order_by_desc(C::UpdatedAt)
        .order_by_desc(C::Id)
        .limit(limit)
        .all(c)
        .await?)
}

/// Every job of a kind, oldest first (tests and the admin view).
pub async fn of_kind(c: &impl ConnectionTrait, kind: &str) -> Result<Vec<Job>> {
    Ok(entity::Entity::find()
        .filter(C::Kind.eq(kind))
        .order_by_asc(C::CreatedAt)
        .order_by_asc(C::Id)
        .all(c)
        .await?)
}
