//! What administrators see of the background work (action `ReadJobs`): the queue by state,
//! the newest failed and dead jobs with their last error, and the e-mail deliveries with the
//! mail server's reply. Never a notice's content: a delivery shows its state, its tries, the
//! reply and who it was for.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rapport_core::jobs::JobState;
use rapport_store::accounts::users;
use rapport_store::{deliveries, jobs as store};
use serde::Serialize;
use uuid::Uuid;

use crate::policy::Action;
use crate::{Actor, App, Result, access};

/// A failed or dead job.
#[derive(Debug, Clone, Serialize)]
pub struct TroubledJob {
    pub id: Uuid,
    pub kind: String,
    pub state: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub run_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The queue at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct JobsOverview {
    /// Whether e-mail is configured (`--smtp-url`); when not, notices stay in the app.
    pub email_configured: bool,
    /// How many jobs are in each state (every state named, zero included).
    pub counts: BTreeMap<String, i64>,
    /// The newest failed (will retry) and dead (gave up) jobs, newest first.
    pub troubled: Vec<TroubledJob>,
}

/// How many failed/dead jobs and deliveries the views list.
const SHOWN: u64 = 50;

pub async fn overview(app: &App, actor: &Actor) -> Result<JobsOverview> {
    access::allow(actor, Action::ReadJobs)?;
    let r = app.db.read().await?;
    let mut counts: BTreeMap<String, i64> = JobState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), 0))
        .collect();
    for (s, n) in store::count_by_state(r.conn()).await? {
        counts.insert(s, n);
    }
    let troubled = store::newest_troubled(r.conn(), SHOWN)
        .await?
        .into_iter()
        .map(|j| TroubledJob {
            id: j.id,
            kind: j.kind,
            state: j.state,
            attempts: j.attempts,
            max_attempts: j.max_attempts,
            last_error: j.last_error,
            run_at: j.run_at,
            updated_at: j.updated_at,
        })
        .collect();
    r.close().await?;
    Ok(JobsOverview {
        email_configured: app.config.mail.is_some(),
        counts,
        troubled,
    })
}

/// One e-mail delivery, without the notice's content.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRow {
    pub id: Uuid,
    pub user_id: Uuid,
    /// The recipient's address (administrators manage accounts and see it anyway).
    pub email: String,
    pub channel: String,
    /// queued | sent | accepted | failed | dead.
    pub state: String,
    pub attempts: i32,
    /// What the mail server answered, as it said it.
    pub reply: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The deliveries at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveriesOverview {
    pub email_configured: bool,
    pub counts: BTreeMap<String, i64>,
    /// The newest deliveries, newest first.
    pub deliveries: Vec<DeliveryRow>,
}

pub async fn deliveries_overview(app: &App, actor: &Actor) -> Result<DeliveriesOverview> {
    access::allow(actor, Action::ReadJobs)?;
    let r = app.db.read().await?;
    let mut counts: BTreeMap<String, i64> = [
        deliveries::QUEUED,
        deliveries::SENT,
        deliveries::ACCEPTED,
        deliveries::FAILED,
        deliveries::DEAD,
    ]
    .iter()
    .map(|s| ((*s).to_string(), 0))
    .collect();
    for (s, n) in deliveries::count_by_state(r.conn()).await? {
        counts.insert(s, n);
    }
    let mut rows = Vec::new();
    for d in deliveries::newest(r.conn(), SHOWN).await? {
        let email = users::find(r.conn(), r.keys(), d.user_id)
            .await?
            .map(|u| u.email)
            .unwrap_or_default();
        rows.push(DeliveryRow {
            id: d.id,
            user_id: d.user_id,
            email,
            channel: d.channel,
            state: d.state,
            attempts: d.attempts,
            reply: d.reply,
            last_error: d.last_error,
            created_at: d.created_at,
            updated_at: d.updated_at,
        });
    }
    r.close().await?;
    Ok(DeliveriesOverview {
        email_configured: app.config.mail.is_some(),
        counts,
        deliveries: rows,
    })
}
