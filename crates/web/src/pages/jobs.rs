//! The administrator's view of the background work (`/admin/jobs`): the queue by state, the
//! newest failed and dead jobs with their last error, the e-mail deliveries with the mail
//! server's replies, and whether e-mail is configured at all.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use rapport_app::jobs::admin;
use rapport_core::jobs::JobState;

use super::templates::Layout;
use super::time::zone;
use super::{Page, render};
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/jobs", get(jobs_page))
}

pub struct CountRow {
    pub state: String,
    pub label: String,
    pub n: i64,
}

pub struct JobRow {
    pub kind: String,
    pub state: String,
    pub attempts: String,
    pub next: String,
    pub error: String,
}

pub struct DeliveryRow {
    pub email: String,
    pub state: String,
    pub attempts: i32,
    pub reply: String,
    pub error: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "admin_jobs.html")]
pub struct JobsPage {
    pub l: Layout,
    pub email_configured: bool,
    pub counts: Vec<CountRow>,
    pub troubled: Vec<JobRow>,
    pub delivery_counts: Vec<(String, i64)>,
    pub deliveries: Vec<DeliveryRow>,
}

async fn jobs_page(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let jobs = admin::overview(&state.app, &actor).await?;
    let sent = admin::deliveries_overview(&state.app, &actor).await?;
    let z = zone(&ctx);
    // In the order a job goes through them.
    let mut counts: Vec<(String, i64)> = jobs.counts.into_iter().collect();
    let order = |s: &str| JobState::ALL.iter().position(|x| x.as_str() == s);
    counts.sort_by_key(|(s, _)| order(s));
    let mut delivery_counts: Vec<(String, i64)> = sent.counts.into_iter().collect();
    let order = |s: &str| {
        ["queued", "sent", "accepted", "failed", "dead"]
            .iter()
            .position(|x| *x == s)
    };
    delivery_counts.sort_by_key(|(s, _)| order(s));
    render(JobsPage {
        l: Layout::new(&ctx),
        email_configured: jobs.email_configured,
        counts: counts
            .into_iter()
            .map(|(s, n)| CountRow {
                label: crate::i18n::t(
                    ctx.lang,
                    &match JobState::parse(&s) {
                        Some(known) => format!("jobs-state-{}", known.as_str()),
                        None => "jobs-state-unknown".to_string(),
                    },
                ),
                state: s,
                n,
            })
            .collect(),
        troubled: jobs
            .troubled
            .into_iter()
            .map(|j| JobRow {
                next: if j.state == "failed" {
                    crate::i18n::local_date(ctx.lang, &z.date_time(j.run_at))
                } else {
                    "—".to_string()
                },
                attempts: if j.max_attempts == i32::MAX {
                    j.attempts.to_string()
                } else {
                    crate::i18n::t_args(
                        ctx.lang,
                        "jobs-attempts-of",
                        &[("n", j.attempts.into()), ("max", j.max_attempts.into())],
                    )
                },
                kind: j.kind,
                state: j.state,
                error: j.last_error.unwrap_or_default(),
            })
            .collect(),
        delivery_counts,
        deliveries: sent
            .deliveries
            .into_iter()
            .map(|d| DeliveryRow {
                email: d.email,
                state: d.state,
                attempts: d.attempts,
                reply: d.reply.unwrap_or_default(),
                error: d.last_error.unwrap_or_default(),
                at: crate::i18n::local_date(ctx.lang, &z.date_time(d.updated_at)),
            })
            .collect(),
    })
}
