//! Background jobs (issue 16): claiming, finishing, retrying with backoff, dead-lettering after
//! the last try, a lease that runs out (its server stopped) giving the job to another server,
//! two runners on one database never taking one job twice (PostgreSQL: `SKIP LOCKED`, shown
//! by holding a row lock; SQLite: the one writer), the periodic work as one row per kind, and
//! the outbox written in the event's transaction and rolled back with it.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration as Wait;

use chrono::Duration;
use rapport_app::clock::ManualClock;
use rapport_app::{App, Config, MailConfig};
use rapport_core::accounts::CareTeamRole;
use rapport_core::jobs::{AfterFailure, LEASE_SECS, after_failure};
use rapport_store::jobs::{self as store, Job};
use rapport_store::{Backend, ConnectionTrait};
use rapport_testkit::{TestDb, both_backends, practice, start_time};
use uuid::Uuid;

/// An app whose e-mail goes to `smtp_url` (a closed port: every delivery fails).
fn app_with_mail(t: &TestDb, smtp_url: Option<String>) -> (App, Arc<ManualClock>) {
    let step = std::env::var(rapport_testkit::CLOCK_STEP_VAR)
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let clock = Arc::new(ManualClock::moving(
        start_time(),
        Duration::milliseconds(step),
    ));
    let config = Config {
        base_url: "https://rapport.example".into(),
        mail: smtp_url.map(|smtp_url| MailConfig {
            smtp_url,
            from: "Rapport <notices@rapport.example>".into(),
        }),
        ..Config::default()
    };
    (App::new(t.db.clone(), clock.clone(), config), clock)
}

/// A port nobody listens on.
fn closed_port() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("smtp://127.0.0.1:{port}")
}

/// Queues `n` one-off jobs of a kind with no handler work (`test_noop` is unknown: it would
/// be dead-lettered if run; these tests only claim them).
async fn queue(t: &TestDb, app: &App, n: usize) -> Vec<Uuid> {
    let tx = t.db.write().await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..n {
        let id = app.new_id();
        let job = store::new_job(id, "test_noop", "{}".into(), None, app.now(), 3, app.now());
        assert!(store::enqueue(tx.conn(), job).await.unwrap());
        ids.push(id);
    }
    tx.commit().await.unwrap();
    ids
}

async fn job(t: &TestDb, id: Uuid) -> Job {
    store::get(t.db.conn(), id).await.unwrap().unwrap()
}

async fn claim(t: &TestDb, app: &App, worker: &str, limit: u64) -> Vec<Job> {
    let tx = t.db.write().await.unwrap();
    let now = app.now();
    let got = store::claim(&tx, worker, now, now + Duration::seconds(LEASE_SECS), limit)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    got
}

both_backends! {
    async fn a_claimed_job_runs_once_and_is_done(t: &TestDb) {
        let (app, _clock) = app_with_mail(t, None);
        let ids = queue(t, &app, 3).await;
        let got = claim(t, &app, "a", 10).await;
        assert_eq!(got.len(), 3);
        for j in &got {
            assert_eq!(j.state, "running");
            assert_eq!(j.attempts, 1);
            assert_eq!(j.locked_by.as_deref(), Some("a"));
        }
        // Claimed jobs are not claimed again while their lease holds.
        assert!(claim(t, &app, "b", 10).await.is_empty());
        // Only the holder finishes a job.
        assert!(!store::finish(t.db.conn(), ids[0], "b", app.now()).await.unwrap());
        assert!(store::finish(t.db.conn(), ids[0], "a", app.now()).await.unwrap());
        let done = job(t, ids[0]).await;
        assert_eq!(done.state, "done");
        assert!(done.finished_at.is_some());
        assert!(done.locked_by.is_none());
    }

    async fn a_failed_job_waits_its_backoff_then_is_dead_after_its_last_try(t: &TestDb) {
        let (app, clock) = app_with_mail(t, None);
        let id = queue(t, &app, 1).await[0];
        for attempt in 1..=3u32 {
            let got = claim(t, &app, "a", 10).await;
            assert_eq!(got.len(), 1, "try {attempt}");
            assert_eq!(got[0].attempts, attempt as i32);
            let now = app.now();
            let retry_at = match after_failure(id.as_bytes(), attempt, 3) {
                AfterFailure::RetryIn(s) => {
                    assert!((30 * (1 << (attempt - 1))..=38 * (1 << (attempt - 1))).contains(&s), "{s}");
                    Some(now + Duration::seconds(s))
                }
                AfterFailure::Dead => None,
            };
            assert_eq!(retry_at.is_none(), attempt == 3);
            assert!(store::fail(t.db.conn(), id, "a", "the server said no", retry_at, now).await.unwrap());
            let j = job(t, id).await;
            assert_eq!(j.last_error.as_deref(), Some("the server said no"));
            if attempt < 3 {
                assert_eq!(j.state, "failed");
                // Not before its time…
                clock.advance(Duration::seconds(20));
                assert!(claim(t, &app, "a", 10).await.is_empty());
                // …and at its time.
                clock.advance(Duration::seconds(3 * 60));
            } else {
                assert_eq!(j.state, "dead");
                clock.advance(Duration::days(1));
                assert!(claim(t, &app, "a", 10).await.is_empty(), "a dead job stays dead");
            }
        }
    }

    async fn a_job_whose_lease_ran_out_is_claimed_again_and_the_old_holder_cannot_finish_it(t: &TestDb) {
        let (app, clock) = app_with_mail(t, None);
        let id = queue(t, &app, 1).await[0];
        assert_eq!(claim(t, &app, "crashed", 10).await.len(), 1);
        clock.advance(Duration::seconds(LEASE_SECS - 60));
        assert!(claim(t, &app, "b", 10).await.is_empty(), "the lease still holds");
        clock.advance(Duration::seconds(120));
        let again = claim(t, &app, "b", 10).await;
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].id, id);
        assert_eq!(again[0].attempts, 2, "the interrupted run counts as a try");
        assert!(!store::finish(t.db.conn(), id, "crashed", app.now()).await.unwrap());
        assert!(store::finish(t.db.conn(), id, "b", app.now()).await.unwrap());
    }

    async fn a_job_interrupted_on_its_last_try_is_dead_not_run_for_ever(t: &TestDb) {
        let (app, clock) = app_with_mail(t, None);
        let id = queue(t, &app, 1).await[0];
        for _ in 0..3 {
            assert_eq!(claim(t, &app, "crashing", 10).await.len(), 1);
            clock.advance(Duration::seconds(LEASE_SECS + 1));
        }
        assert!(claim(t, &app, "b", 10).await.is_empty());
        let j = job(t, id).await;
        assert_eq!(j.state, "dead");
        assert!(j.last_error.unwrap().contains("lease"));
    }

    async fn two_runners_on_one_database_never_take_one_job_twice(t: &TestDb) {
        let (app, _clock) = app_with_mail(t, None);
        let ids: HashSet<Uuid> = queue(t, &app, 40).await.into_iter().collect();
        // Two servers: two connections pools to one database, claiming at once.
        let other = t.reopen().await;
        let run = |db: rapport_store::Db, app: App, worker: &'static str| async move {
            let mut mine = Vec::new();
            loop {
                let tx = db.write().await.unwrap();
                let now = app.now();
                let got = store::claim(&tx, worker, now, now + Duration::seconds(LEASE_SECS), 3)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                if got.is_empty() {
                    return mine;
                }
                mine.extend(got.into_iter().map(|j| j.id));
                tokio::task::yield_now().await;
            }
        };
        let a = tokio::spawn(run(t.db.clone(), app.clone(), "a"));
        let b = tokio::spawn(run(other, app.clone(), "b"));
        let (a, b) = (a.await.unwrap(), b.await.unwrap());
        let mut all: Vec<Uuid> = a.iter().chain(b.iter()).copied().collect();
        assert_eq!(all.len(), 40, "a took {}, b took {}", a.len(), b.len());
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 40, "no job taken twice");
        assert_eq!(all.into_iter().collect::<HashSet<_>>(), ids);
    }

    async fn a_claim_passes_over_a_job_another_server_holds(t: &TestDb) {
        let (app, _clock) = app_with_mail(t, None);
        let ids = queue(t, &app, 3).await;
        let other = t.reopen().await;
        // Another server is in the middle of claiming the first job.
        let held = t.db.write().await.unwrap();
        if t.backend() == Backend::Postgres {
            held.conn()
                .execute_raw(t.stmt("SELECT id FROM jobs WHERE id = ? FOR UPDATE", vec![ids[0].into()]))
                .await
                .unwrap();
        }
        let app2 = app.clone();
        let h = tokio::spawn(async move {
            let tx = other.write().await.unwrap();
            let now = app2.now();
            let got = store::claim(&tx, "b", now, now + Duration::seconds(LEASE_SECS), 10)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            got
        });
        tokio::time::sleep(Wait::from_millis(300)).await;
        match t.backend() {
            Backend::Postgres => {
                // SKIP LOCKED: no waiting, the held row is passed over, the rest are taken.
                assert!(h.is_finished(), "a claim must not wait for a held row");
                let got = h.await.unwrap();
                let got: HashSet<Uuid> = got.into_iter().map(|j| j.id).collect();
                assert_eq!(got, ids[1..].iter().copied().collect::<HashSet<_>>());
                held.commit().await.unwrap();
                let rest = claim(t, &app, "a", 10).await;
                assert_eq!(rest.iter().map(|j| j.id).collect::<Vec<_>>(), vec![ids[0]]);
            }
            Backend::Sqlite => {
                // One writer: the other claim waits for the first transaction, then takes all.
                assert!(!h.is_finished(), "SQLite's claim waits for the writer");
                held.commit().await.unwrap();
                assert_eq!(h.await.unwrap().len(), 3);
            }
        }
    }

    async fn the_periodic_work_is_one_row_per_kind_whatever_the_number_of_servers(t: &TestDb) {
        let (app, clock) = app_with_mail(t, None);
        let first = rapport_app::jobs::schedule_periodic(&app).await.unwrap();
        assert_eq!(first, rapport_app::jobs::PERIODIC.len());
        assert_eq!(rapport_app::jobs::schedule_periodic(&app).await.unwrap(), 0, "a second server adds none");
        // One pass runs every periodic job (escalations and reminders included) once.
        let pass = rapport_app::jobs::run_due(&app, "a", 50).await.unwrap();
        assert_eq!(pass.ran, rapport_app::jobs::PERIODIC.len());
        assert_eq!(pass.failed, 0);
        // Then each waits for its period: nothing is due a moment later…
        assert_eq!(rapport_app::jobs::run_due(&app, "b", 50).await.unwrap().ran, 0);
        // …the every-minute ones (escalations, reminders) are due a minute later.
        clock.advance(Duration::seconds(61));
        let pass = rapport_app::jobs::run_due(&app, "b", 50).await.unwrap();
        assert_eq!(pass.ran, 2);
        for kind in ["escalate_due", "reminders"] {
            let rows = store::of_kind(t.db.conn(), kind).await.unwrap();
            assert_eq!(rows.len(), 1);
            assert_eq!(rows[0].state, "queued");
            assert_eq!(rows[0].dedupe_key.as_deref(), Some(format!("periodic:{kind}").as_str()));
        }
        // An hour on, the hourly ones come round again too.
        clock.advance(Duration::hours(1));
        let pass = rapport_app::jobs::run_due(&app, "b", 50).await.unwrap();
        assert_eq!(pass.ran, rapport_app::jobs::PERIODIC.len());
    }

    async fn finished_jobs_are_removed_after_a_week(t: &TestDb) {
        let (app, clock) = app_with_mail(t, None);
        let ids = queue(t, &app, 2).await;
        claim(t, &app, "a", 10).await;
        store::finish(t.db.conn(), ids[0], "a", app.now()).await.unwrap();
        clock.advance(Duration::days(8));
        let removed = store::purge_done(t.db.conn(), app.now() - Duration::days(7)).await.unwrap();
        assert_eq!(removed, 1);
        assert!(store::get(t.db.conn(), ids[0]).await.unwrap().is_none());
        assert!(store::get(t.db.conn(), ids[1]).await.unwrap().is_some(), "only done jobs go");
    }

    async fn the_outbox_is_written_in_the_events_transaction_and_rolled_back_with_it(t: &TestDb) {
        let (app, _clock) = app_with_mail(t, Some(closed_port()));
        let p = practice(&app).await;
        // Lena joined Ana's team in `practice`: one notice, one delivery, one job.
        let count = |table: &'static str| async move {
            t.count(table, vec![]).await
        };
        assert_eq!(count("notifications").await, 1);
        assert_eq!(count("deliveries").await, 1);
        assert_eq!(t.count("jobs WHERE kind = 'deliver'", vec![]).await, 1);
        // The audit event is the care-team change's last write: make it fail.
        match t.backend() {
            Backend::Sqlite => {
                t.execute(
                    "CREATE TRIGGER no_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit refused'); END",
                    vec![],
                )
                .await;
            }
            Backend::Postgres => {
                t.execute(
                    "CREATE FUNCTION no_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql",
                    vec![],
                )
                .await;
                t.execute(
                    "CREATE TRIGGER no_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION no_audit()",
                    vec![],
                )
                .await;
            }
        }
        let r = rapport_app::care_teams::assign(
            &app,
            &p.admin.actor,
            p.ana.actor.user_id,
            p.kofi.actor.user_id,
            CareTeamRole::Psychiatrist,
        )
        .await;
        assert!(r.is_err(), "the change failed");
        assert_eq!(count("notifications").await, 1, "no notice without the event");
        assert_eq!(count("deliveries").await, 1, "no delivery without the event");
        assert_eq!(t.count("jobs WHERE kind = 'deliver'", vec![]).await, 1);
    }

    async fn without_smtp_no_email_delivery_is_written_and_the_admin_view_says_so(t: &TestDb) {
        let (app, _clock) = app_with_mail(t, None);
        let p = practice(&app).await;
        assert_eq!(t.count("notifications", vec![]).await, 1);
        assert_eq!(t.count("deliveries", vec![]).await, 0);
        assert_eq!(t.count("jobs WHERE kind = 'deliver'", vec![]).await, 0);
        let o = rapport_app::jobs::admin::overview(&app, &p.admin.actor).await.unwrap();
        assert!(!o.email_configured);
        // Not for anyone but administrators.
        assert!(rapport_app::jobs::admin::overview(&app, &p.lena.actor).await.is_err());
        assert!(rapport_app::jobs::admin::deliveries_overview(&app, &p.ana.actor).await.is_err());
    }

    async fn a_client_is_told_whenever_a_clinician_joins_their_care_team(t: &TestDb) {
        use rapport_app::notifications;
        use rapport_core::notifications::NoticeKind;
        let (app, _clock) = app_with_mail(t, None);
        let p = practice(&app).await;
        // The administrator put Lena on Ana's team.
        let ana = notifications::mine(&app, &p.ana.actor).await.unwrap();
        assert_eq!(ana.unread, 1);
        assert_eq!(ana.notifications[0].kind, NoticeKind::CareTeamJoined);
        assert_eq!(ana.notifications[0].client_id, Some(p.ana.actor.user_id));
        // Kofi, on triage duty, takes Bo on.
        rapport_app::triage::set_duty(&app, &p.admin.actor, &[p.kofi.actor.user_id])
            .await
            .unwrap();
        assert_eq!(notifications::unread(&app, &p.bo.actor).await.unwrap(), 0);
        rapport_app::triage::take_on(&app, &p.kofi.actor, p.bo.actor.user_id)
            .await
            .unwrap();
        let bo = notifications::mine(&app, &p.bo.actor).await.unwrap();
        assert_eq!(bo.unread, 1);
        let notice = &bo.notifications[0];
        assert_eq!(notice.kind, NoticeKind::CareTeamJoined);
        assert_eq!(notice.title, "Someone joined your care team");
        // Nobody else is told, and a notice is its recipient's alone.
        assert_eq!(notifications::unread(&app, &p.kofi.actor).await.unwrap(), 0);
        assert!(notifications::open(&app, &p.ana.actor, notice.id).await.is_err());
        assert!(notifications::mark_read(&app, &p.kofi.actor, notice.id).await.is_err());
        // Opening it marks it read and says where it leads.
        let link = notifications::open(&app, &p.bo.actor, notice.id).await.unwrap();
        assert!(link.starts_with("/home"));
        assert_eq!(notifications::unread(&app, &p.bo.actor).await.unwrap(), 0);
        assert_eq!(notifications::unread(&app, &p.ana.actor).await.unwrap(), 1);
        assert_eq!(notifications::mark_all_read(&app, &p.ana.actor).await.unwrap(), 1);
        assert_eq!(notifications::unread(&app, &p.ana.actor).await.unwrap(), 0);
    }
}
