//! Background jobs (issue 16): one queue in the database that every server works on. A
//! runner claims a few due jobs (with a lease), runs each handler, and marks it done, failed
//! (retried later, with backoff) or dead (given up after its tries, for an administrator to
//! see). A job whose server stopped in the middle is claimed again when its lease runs out:
//! at-least-once, so every handler is idempotent.
//!
//! The periodic work is jobs too: one row per kind (dedupe key `periodic:<kind>`), put back in
//! the queue for its next time each time it ran. With many servers, each periodic job runs
//! once per period in all, not once per server.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rapport_core::jobs::{self as rules, AfterFailure, JobState};
use rapport_store::WriteTx;
use rapport_store::jobs::{self as store, Job};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod admin;
pub(crate) mod deliver;
pub mod mail;

use crate::{App, Error, Result};

/// The kind of a one-off job that sends one delivery.
pub const DELIVER: &str = "deliver";

/// A periodic job: its kind and how often it runs.
#[derive(Debug, Clone, Copy)]
pub struct Periodic {
    pub kind: &'static str,
    pub every_secs: i64,
}

/// The periodic work. (The key-file reload and the directory warm-up stay per server.)
pub const PERIODIC: &[Periodic] = &[
    // Expired sign-in sessions.
    Periodic {
        kind: "sessions_sweep",
        every_secs: 600,
    },
    // The newest audit event as SEQ:HASH in the log (`rapport audit verify --checkpoint`).
    Periodic {
        kind: "audit_checkpoint",
        every_secs: 3_600,
    },
    // Idempotency-Keys older than a day.
    Periodic {
        kind: "purge_idempotency",
        every_secs: 3_600,
    },
    // The early-warning rules that fire on what did not happen (no check-in for 14 days,
    // scheduled measures missed, maintenance-phase PHQ-9): each hour the clients whose daily
    // slot came, so each client once a day.
    Periodic {
        kind: "alerts_sweep",
        every_secs: 3_600,
    },
    // A flag must always reach a person: warn when nobody is on triage duty.
    Periodic {
        kind: "triage_duty_check",
        every_secs: 3_600,
    },
    // Safety flags nobody acknowledged in time go to the on-call clinician.
    Periodic {
        kind: "escalate_due",
        every_secs: 60,
    },
    // Reminders due now.
    Periodic {
        kind: "reminders",
        every_secs: 60,
    },
    // Finished jobs older than a week.
    Periodic {
        kind: "purge_jobs",
        every_secs: 3_600,
    },
    // Erased clients' kept clinical records whose retention period is over.
    Periodic {
        kind: "erasure_retention",
        every_secs: 3_600,
    },
];

/// A periodic job never dies: it is retried at most a period later, for ever.
const PERIODIC_TRIES: u32 = i32::MAX as u32;

/// What a handler's failure means.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub message: String,
    /// Retrying cannot help: dead at once.
    pub permanent: bool,
}

impl From<rapport_store::Error> for Failure {
    fn from(e: rapport_store::Error) -> Self {
        Error::from(e).into()
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure {
            message: e.to_string(),
            permanent: false,
        }
    }
}

/// The payload of a `deliver` job: ids only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DeliverPayload {
    pub delivery_id: Uuid,
}

fn at(now: DateTime<Utc>, secs: i64) -> DateTime<Utc> {
    now + chrono::Duration::seconds(secs)
}

/// Queues a job inside the caller's transaction (the outbox: it exists exactly when the
/// event does). With a `dedupe_key` already queued, nothing is added.
pub(crate) async fn enqueue(
    app: &App,
    tx: &WriteTx,
    kind: &str,
    payload: String,
    dedupe_key: Option<String>,
    run_at: DateTime<Utc>,
) -> Result<bool> {
    let job = store::new_job(
        app.new_id(),
        kind,
        payload,
        dedupe_key,
        run_at,
        rules::DEFAULT_MAX_ATTEMPTS,
        app.now(),
    );
    Ok(store::enqueue(tx.conn(), job).await?)
}

/// Puts every periodic job in the queue that is not there yet, due now; how many were added.
/// Every server does this at start; the dedupe key keeps one row per kind.
pub async fn schedule_periodic(app: &App) -> Result<usize> {
    let tx = app.db.write().await?;
    let now = app.now();
    let mut added = 0;
    for p in PERIODIC {
        let job = store::new_job(
            app.new_id(),
            p.kind,
            "{}".to_string(),
            Some(format!("periodic:{}", p.kind)),
            now,
            PERIODIC_TRIES,
            now,
        );
        if store::enqueue(tx.conn(), job).await? {
            added += 1;
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// What one pass of the runner did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Jobs claimed and run.
    pub ran: usize,
    /// Of those, how many failed (to be retried, or dead).
    pub failed: usize,
}

/// Claims up to `limit` due jobs for `worker` and runs them one after another.
pub async fn run_due(app: &App, worker: &str, limit: u64) -> Result<Pass> {
    let claimed = claim(app, worker, limit).await?;
    let mut pass = Pass::default();
    for job in claimed {
        pass.ran += 1;
        if !run_one(app, worker, job).await? {
            pass.failed += 1;
        }
    }
    Ok(pass)
}

/// Claims up to `limit` due jobs for `worker`, in a short transaction of its own.
pub async fn claim(app: &App, worker: &str, limit: u64) -> Result<Vec<Job>> {
    let tx = app.db.write().await?;
    let now = app.now();
    let jobs = store::claim(&tx, worker, now, at(now, rules::LEASE_SECS), limit).await?;
    tx.commit().await?;
    Ok(jobs)
}

/// Runs one claimed job and records how it went; true when it succeeded.
pub(crate) async fn run_one(app: &App, worker: &str, job: Job) -> Result<bool> {
    let periodic = PERIODIC.iter().find(|p| p.kind == job.kind);
    let outcome = handle(app, &job).await;
    let now = app.now();
    let tx = app.db.write().await?;
    let ok = outcome.is_ok();
    match (outcome, periodic) {
        (Ok(()), Some(p)) => {
            store::reschedule(tx.conn(), job.id, worker, at(now, p.every_secs), now).await?;
        }
        (Ok(()), None) => {
            store::finish(tx.conn(), job.id, worker, now).await?;
        }
        (Err(f), _) => {
            tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempts, error = %f.message, "a background job failed");
            let attempts = u32::try_from(job.attempts).unwrap_or(0);
            let max = u32::try_from(job.max_attempts).unwrap_or(1);
            let retry_at = match (f.permanent, periodic) {
                (_, Some(p)) => Some(at(
                    now,
                    rules::backoff_secs(job.id.as_bytes(), attempts).min(p.every_secs),
                )),
                (true, None) => None,
                (false, None) => match rules::after_failure(job.id.as_bytes(), attempts, max) {
                    AfterFailure::RetryIn(s) => Some(at(now, s)),
                    AfterFailure::Dead => None,
                },
            };
            store::fail(tx.conn(), job.id, worker, &f.message, retry_at, now).await?;
        }
    }
    tx.commit().await?;
    Ok(ok)
}

/// The handler of each kind. Every one is idempotent.
async fn handle(app: &App, job: &Job) -> std::result::Result<(), Failure> {
    match job.kind.as_str() {
        DELIVER => deliver::run(app, job).await,
        "sessions_sweep" => {
            crate::accounts::sweep_sessions(app).await?;
            Ok(())
        }
        "audit_checkpoint" => {
            if let Some(c) = crate::audit_log::checkpoint(app).await? {
                tracing::info!(checkpoint = %c, "audit checkpoint");
            }
            Ok(())
        }
        "erasure_retention" => {
            crate::erasure::delete_due(app).await?;
            Ok(())
        }
        "purge_idempotency" => {
            crate::measures::purge_expired_keys(app).await?;
            Ok(())
        }
        "alerts_sweep" => {
            crate::alerts::sweep_slots(app, sweep_since(app, job)).await?;
            Ok(())
        }
        "triage_duty_check" => {
            if crate::triage::on_duty(app).await?.is_empty() {
                tracing::warn!(
                    "nobody is on triage duty: alerts of clients without a care team reach no one; \
                     choose triage clinicians on the administration page"
                );
            }
            Ok(())
        }
        "escalate_due" => {
            crate::alerts::escalate_due(app).await?;
            Ok(())
        }
        "reminders" => {
            crate::reminders::run(app).await?;
            Ok(())
        }
        "purge_jobs" => {
            let tx = app.db.write().await?;
            store::purge_done(tx.conn(), at(app.now(), -rules::KEEP_DONE_SECS))
                .await
                .map_err(Error::from)?;
            tx.commit().await?;
            Ok(())
        }
        other => Err(Failure {
            message: format!("no handler for jobs of kind {other:?}"),
            permanent: true,
        }),
    }
}

/// Where the hourly sweep takes up: the slots since its last run ended, less a margin for
/// how long that run took (a slot taken twice costs a little; one skipped would wait a day);
/// the last hour on its first run.
fn sweep_since(app: &App, job: &Job) -> DateTime<Utc> {
    match job.finished_at {
        Some(end) => end - chrono::Duration::minutes(SWEEP_MARGIN_MINUTES),
        None => app.now() - chrono::Duration::hours(1),
    }
}

/// A run of the hourly sweep (a 24th of the clients) takes well under this.
const SWEEP_MARGIN_MINUTES: i64 = 15;

/// A name for this server's runner, unique enough to tell servers apart in the admin view.
pub fn worker_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "server".to_string());
    format!(
        "{host}:{}:{}",
        std::process::id(),
        &Uuid::new_v4().simple().to_string()[..8]
    )
}

/// How many jobs one claim takes.
const BATCH: u64 = 8;

/// Runs this server's share of the queue until the process ends: the periodic rows are put in
/// place at start, then due jobs are claimed every `poll` (at once again while there is more).
pub fn spawn(app: App, poll: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let worker = worker_name();
        tracing::info!(%worker, "background jobs: this server takes its share of the queue");
        let mut scheduled = false;
        loop {
            if !scheduled {
                match schedule_periodic(&app).await {
                    Ok(_) => scheduled = true,
                    Err(e) => tracing::warn!(error = %e, "could not schedule the periodic jobs"),
                }
            }
            let more = match run_due(&app, &worker, BATCH).await {
                Ok(p) => p.ran as u64 == BATCH,
                Err(e) => {
                    tracing::warn!(error = %e, "the background job runner could not reach the queue");
                    false
                }
            };
            if !more {
                tokio::time::sleep(poll).await;
            }
        }
    })
}

/// Jobs in one state (for the admin view's words).
pub fn state_label(state: &str) -> &'static str {
    JobState::parse(state).map_or("Unknown", JobState::label)
}
