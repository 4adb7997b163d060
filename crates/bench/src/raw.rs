//! The limits the server is measured against, on the same database with the same settings
//! (`rapport_store::Db`: on SQLite WAL, synchronous=FULL, the same pool), while the server is
//! idle:
//!
//! - durable single-row commits: `BEGIN; INSERT one row; COMMIT` into a scratch table, by as
//!   many writers as the load run has connections; on SQLite queued on one lock as Rapport's
//!   writers are (SQLite has one writer; waiting in SQLite's busy handler instead would
//!   sleep), on PostgreSQL side by side, as PostgreSQL takes them;
//! - the caseload's queries: exactly the store calls `care_teams::caseload` makes for one
//!   clinician, without the ranking, the audit record or the page.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use rapport_store::accounts::users;
use rapport_store::crypto::Keyring;
use rapport_store::{Backend, Db, DbOptions};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

use crate::clock;
use crate::stats::Samples;

const SCRATCH: &str = "bench_commits";

/// Opens the data directory's database as the server does (without migrating): its
/// `rapport.db`, or the PostgreSQL database at `database_url`.
pub async fn open(data: &std::path::Path, database_url: Option<&str>) -> Result<Db> {
    let keys = Keyring::load_or_create(&data.join("rapport.key"))
        .with_context(|| format!("cannot read the key file in {}", data.display()))?;
    let options = match database_url {
        Some(url) => DbOptions {
            url: url.to_string(),
            max_connections: 8,
        },
        None => DbOptions::sqlite_file(&data.join("rapport.db")),
    };
    Ok(Db::connect(&options, keys).await?)
}

fn backend(db: &Db) -> DbBackend {
    match db.backend() {
        Backend::Sqlite => DbBackend::Sqlite,
        Backend::Postgres => DbBackend::Postgres,
    }
}

/// Creates the scratch table for [`commits`].
pub async fn commits_begin(db: &Db) -> Result<()> {
    db.conn()
        .execute_unprepared(&format!(
            "DROP TABLE IF EXISTS {SCRATCH}; \
             CREATE TABLE {SCRATCH} (id TEXT PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL)"
        ))
        .await?;
    Ok(())
}

/// Drops the scratch table.
pub async fn commits_end(db: &Db) -> Result<()> {
    db.conn()
        .execute_unprepared(&format!("DROP TABLE IF EXISTS {SCRATCH}"))
        .await?;
    Ok(())
}

/// `writers` writers commit one row each, over and over, for `duration` (after
/// [`commits_begin`]).
pub async fn commits(db: &Db, writers: usize, duration: Duration) -> Result<(Samples, Duration)> {
    let lock = Arc::new(tokio::sync::Mutex::new(()));
    let one_writer = db.backend() == Backend::Sqlite;
    let insert = match db.backend() {
        Backend::Sqlite => format!("INSERT INTO {SCRATCH} (id, at, payload) VALUES (?, ?, ?)"),
        Backend::Postgres => {
            format!("INSERT INTO {SCRATCH} (id, at, payload) VALUES ($1, $2, $3)")
        }
    };
    let started = clock::now();
    let deadline = started + duration;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..writers.max(1) {
        let (db, lock, insert) = (db.clone(), Arc::clone(&lock), insert.clone());
        tasks.spawn(async move {
            let mut s = Samples::default();
            // About the size of a check-in row with its sealed note.
            let payload = "x".repeat(160);
            while clock::now() < deadline {
                let t0 = clock::now();
                let guard = if one_writer {
                    Some(lock.lock().await)
                } else {
                    None
                };
                let tx = db.conn().begin().await?;
                tx.execute_raw(Statement::from_sql_and_values(
                    backend(&db),
                    insert.as_str(),
                    [
                        Uuid::now_v7().to_string().into(),
                        clock::utc_now().to_rfc3339().into(),
                        payload.clone().into(),
                    ],
                ))
                .await?;
                tx.commit().await?;
                drop(guard);
                s.ok(t0.elapsed());
            }
            anyhow::Ok(s)
        });
    }
    let mut all = Samples::default();
    while let Some(r) = tasks.join_next().await {
        all.merge(r??);
    }
    Ok((all, started.elapsed()))
}

/// The number of rows of `table` (one of ours, named here).
pub async fn count_rows(db: &Db, table: &str) -> Result<u64> {
    scalar(db, &format!("SELECT COUNT(*) FROM {table}")).await
}

/// The database's size in bytes (on SQLite pages × page size, the WAL not counted).
pub async fn database_size(db: &Db) -> Result<u64> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        }
        Backend::Postgres => "SELECT pg_database_size(current_database())",
    };
    scalar(db, sql).await
}

async fn scalar(db: &Db, sql: &str) -> Result<u64> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(backend(db), sql))
        .await?;
    let n = match row {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Records in the audit log so far (its head's sequence number).
pub async fn audit_records(db: &Db) -> Result<u64> {
    scalar(db, "SELECT seq FROM audit_head WHERE id = 1").await
}

const CASELOAD_STEP_COUNT: usize = 2;

/// The caseload's store calls, in the caseload's order.
pub const CASELOAD_STEPS: [&str; CASELOAD_STEP_COUNT] = [
    "summaries::caseload_of (care team, names, summary rows)",
    "summaries::compute (rows stale or past their next session)",
];

/// The caseload's store calls for `clinician`, each timed; the clients found.
pub async fn caseload_queries(
    db: &Db,
    clinician: Uuid,
    now: DateTime<Utc>,
    steps: &mut [Samples; CASELOAD_STEP_COUNT],
) -> Result<usize> {
    use rapport_store::summaries;
    let c = db.conn();
    let mut t = clock::now();
    let mut lap = |i: usize, steps: &mut [Samples; CASELOAD_STEP_COUNT]| {
        steps[i].ok(t.elapsed());
        t = clock::now();
    };
    let rows = summaries::caseload_of(c, db.keys(), clinician).await?;
    lap(0, steps);
    let behind: Vec<Uuid> = rows
        .iter()
        .filter(|r| !r.summary.as_ref().is_some_and(|s| s.holds_at(now)))
        .map(|r| r.client_id)
        .collect();
    let computed = summaries::compute(c, &behind, now).await?;
    lap(1, steps);
    std::hint::black_box(computed.len());
    Ok(rows.len())
}

/// What the caseload's queries measured.
#[derive(Default)]
pub struct CaseloadReads {
    pub total: Samples,
    pub steps: [Samples; CASELOAD_STEP_COUNT],
    pub clients: usize,
}

/// The caseload's queries for `clinician` once, added to `out`.
pub async fn caseload_once(db: &Db, clinician: Uuid, out: &mut CaseloadReads) -> Result<()> {
    let t0 = clock::now();
    out.clients = caseload_queries(db, clinician, clock::utc_now(), &mut out.steps).await?;
    out.total.ok(t0.elapsed());
    Ok(())
}

/// A user's id by e-mail address.
pub async fn user_id(db: &Db, email: &str) -> Result<Uuid> {
    users::find_by_email(db.conn(), db.keys(), email)
        .await?
        .map(|u| u.id)
        .with_context(|| format!("no account {email} in the database"))
}
