//! The caseload's summary rows (`client_summaries`, issue 19) always say what the history
//! says: random histories of writes through the use-cases (PHQ-9s, check-ins, sessions
//! scheduled, moved and cancelled, flags acknowledged and resolved, episodes closed, the
//! hourly sweep) with a moving clock; after each step every stored row that holds at that
//! moment equals the row computed from the history, and at the end the caseload read from
//! the rows equals the caseload computed from the history alone.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use rapport_app::App;
use rapport_app::alerts::{StatusFilter, acknowledge, inbox, resolve};
use rapport_app::care_teams::{assign, caseload};
use rapport_app::clock::ManualClock;
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_store::summaries::{self, Summary};
use rapport_testkit::asserts::id;
use rapport_testkit::{Client, Staff, TestDb, both_backends, client, staff};
use uuid::Uuid;

/// Clients in each history.
const CLIENTS: usize = 3;

#[derive(Debug, Clone)]
enum Step {
    Phq9 {
        who: usize,
        total: u8,
        item9: u8,
    },
    Checkin {
        who: usize,
        mood: i64,
    },
    Advance {
        hours: i64,
    },
    Schedule {
        who: usize,
        in_hours: i64,
        weeks: u32,
    },
    Reschedule {
        which: usize,
        in_hours: i64,
    },
    Cancel {
        which: usize,
    },
    Acknowledge {
        which: usize,
    },
    Resolve {
        which: usize,
    },
    Close {
        who: usize,
    },
    Sweep,
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..CLIENTS;
    prop_oneof![
        4 => (who.clone(), 0u8..=27, 0u8..=3).prop_map(|(who, total, item9)| Step::Phq9 {
            who,
            total: total.max(item9),
            item9,
        }),
        3 => (who.clone(), 0i64..=10).prop_map(|(who, mood)| Step::Checkin { who, mood }),
        4 => (1i64..=24 * 20).prop_map(|hours| Step::Advance { hours }),
        2 => (who.clone(), 1i64..=24 * 30, 1u32..=3)
            .prop_map(|(who, in_hours, weeks)| Step::Schedule { who, in_hours, weeks }),
        1 => (0usize..8, 1i64..=24 * 30).prop_map(|(which, in_hours)| Step::Reschedule { which, in_hours }),
        1 => (0usize..8).prop_map(|which| Step::Cancel { which }),
        1 => (0usize..4).prop_map(|which| Step::Acknowledge { which }),
        1 => (0usize..4).prop_map(|which| Step::Resolve { which }),
        1 => who.prop_map(|who| Step::Close { who }),
        1 => Just(Step::Sweep),
    ]
}

/// PHQ-9 answers with item 9 = `item9` and the total `total` (items 1–8 filled in order).
fn phq9(total: u8, item9: u8) -> Vec<Option<i64>> {
    let mut rest = i64::from(total) - i64::from(item9);
    let mut answers = Vec::with_capacity(9);
    for _ in 0..8 {
        let v = rest.clamp(0, 3);
        answers.push(Some(v));
        rest -= v;
    }
    answers.push(Some(i64::from(item9)));
    answers
}

struct World {
    admin: Staff,
    lena: Staff,
}

struct History {
    clients: Vec<Client>,
    sessions: Vec<Uuid>,
}

/// What a row says at `now` (the sparkline as it reads then).
fn view(s: &Summary, now: chrono::DateTime<chrono::Utc>) -> String {
    let mut v = s.clone();
    v.as_of = now;
    v.recent = vec![];
    format!("{v:?} sparkline {:?}", s.recent_at(now))
}

/// Every stored row that holds now equals the one computed from the history; how many held.
async fn rows_agree(t: &TestDb, app: &App, ids: &[Uuid], steps: &[Step]) -> usize {
    let now = app.now();
    let c = t.db.conn();
    let computed = summaries::compute(c, ids, now).await.unwrap();
    let mut held = 0;
    for s in summaries::stored(c, ids).await.unwrap() {
        if !s.holds_at(now) {
            continue;
        }
        held += 1;
        let fresh = computed
            .iter()
            .find(|f| f.client_id == s.client_id)
            .unwrap();
        assert_eq!(view(&s, now), view(fresh, now), "after {steps:?}");
    }
    held
}

async fn apply(app: &App, clock: &ManualClock, w: &World, h: &mut History, step: &Step) {
    let lena = &w.lena.actor;
    // A real clock moves between two writes; the manual one would give two PHQ-9s (or two
    // episodes) the same instant, which no query orders (the caseload's neither).
    clock.advance(Duration::minutes(1));
    // Refusals (a session in the past, a flag already resolved) are part of a history too.
    match *step {
        Step::Phq9 { who, total, item9 } => {
            let _ = submit_measure(
                app,
                &h.clients[who].actor,
                "phq9",
                &phq9(total, item9),
                None,
                None,
            )
            .await;
        }
        Step::Checkin { who, mood } => {
            let new = NewCheckin {
                mood: Some(mood),
                sleep_hours: Some(7.0),
                medication: Some("taken".into()),
                ..NewCheckin::default()
            };
            let _ = submit_checkin(app, &h.clients[who].actor, new, None).await;
        }
        Step::Advance { hours } => clock.advance(Duration::hours(hours)),
        Step::Schedule {
            who,
            in_hours,
            weeks,
        } => {
            let first = (app.now() + Duration::hours(in_hours)).naive_utc();
            if let Ok(ids) = rapport_app::sessions::schedule(
                app,
                lena,
                rapport_app::sessions::NewSessions {
                    clients: vec![id(&h.clients[who].actor)],
                    kind: "individual".into(),
                    modality: "phone".into(),
                    first: Some(first),
                    minutes: Some(50),
                    weeks: Some(i64::from(weeks)),
                    ..Default::default()
                },
            )
            .await
            {
                h.sessions.extend(ids);
            }
        }
        Step::Reschedule { which, in_hours } => {
            if let Some(&s) = h.sessions.get(which % h.sessions.len().max(1)) {
                let to = (app.now() + Duration::hours(in_hours)).naive_utc();
                let _ = rapport_app::sessions::reschedule(app, lena, s, Some(to), "Clinic closed.")
                    .await;
            }
        }
        Step::Cancel { which } => {
            if let Some(&s) = h.sessions.get(which % h.sessions.len().max(1)) {
                let _ = rapport_app::sessions::cancel(app, lena, s, "Unwell.").await;
            }
        }
        Step::Acknowledge { which } | Step::Resolve { which } => {
            let open = inbox(app, lena, StatusFilter::Unresolved).await.unwrap();
            let mine: Vec<_> = open
                .iter()
                .filter(|a| h.clients.iter().any(|c| id(&c.actor) == a.client_id))
                .collect();
            if let Some(a) = mine.get(which % mine.len().max(1)) {
                if matches!(step, Step::Acknowledge { .. }) {
                    let _ = acknowledge(app, lena, a.id, "Called them.").await;
                } else {
                    let _ = resolve(app, lena, a.id, "Safe now.").await;
                }
            }
        }
        Step::Close { who } => {
            let _ = rapport_app::episodes::change(
                app,
                lena,
                id(&h.clients[who].actor),
                "closed",
                "Moved away.",
            )
            .await;
        }
        Step::Sweep => {
            rapport_app::alerts::sweep(app).await.unwrap();
        }
    }
}

/// Cases per backend (`PROPTEST_CASES` overrides).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

both_backends! {
    async fn the_summary_rows_always_say_what_the_history_says(t: &TestDb) {
        let (app, clock) = t.app();
        let w = World {
            admin: staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await,
            lena: staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await,
        };
        let mut runner = TestRunner::new(Config {
            failure_persistence: None,
            ..Config::default()
        });
        let histories = proptest::collection::vec(step(), 1..24);
        let mut held = 0;
        for case in 0..cases() {
            let steps = histories.new_tree(&mut runner).unwrap().current();
            let mut h = History { clients: vec![], sessions: vec![] };
            for i in 0..CLIENTS {
                let who = client(&app, &format!("Client {case} {i}"), &format!("c{case}-{i}@example.org")).await;
                assign(&app, &w.admin.actor, id(&who.actor), id(&w.lena.actor), CareTeamRole::PrimaryTherapist)
                    .await
                    .unwrap();
                h.clients.push(who);
            }
            let ids: Vec<Uuid> = h.clients.iter().map(|c| id(&c.actor)).collect();
            for (i, s) in steps.iter().enumerate() {
                apply(&app, &clock, &w, &mut h, s).await;
                held += rows_agree(t, &app, &ids, &steps[..=i]).await;
            }
            // The caseload from the rows, then from the history alone (no row at all).
            let from_rows = format!("{:?}", caseload(&app, &w.lena.actor).await.unwrap());
            t.execute("DELETE FROM client_summaries", vec![]).await;
            let from_history = format!("{:?}", caseload(&app, &w.lena.actor).await.unwrap());
            assert_eq!(from_rows, from_history, "after {steps:?}");
            // The start-up fill writes them all again.
            summaries::backfill(&t.db, app.now()).await.unwrap();
            rows_agree(t, &app, &ids, &steps).await;
        }
        // The writes kept their rows: most checks found a row to compare.
        assert!(held > 0, "no stored row ever held");
    }

    // A client's row is up to date after their own write, and a trigger marks it stale when a
    // write did not refresh it (here a flag written straight into the store).
    async fn a_write_refreshes_the_row_and_any_other_write_marks_it_stale(t: &TestDb) {
        let (app, _clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        assign(&app, &admin.actor, id(&ana.actor), id(&lena.actor), CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        submit_measure(&app, &ana.actor, "phq9", &phq9(14, 0), None, None).await.unwrap();
        let c = t.db.conn();
        let rows = summaries::stored(c, &[id(&ana.actor)]).await.unwrap();
        assert_eq!(rows.len(), 1, "refreshed in the submission's transaction");
        assert_eq!(rows[0].latest_total, Some(14));
        assert_eq!(rows[0].phq9_count, 1);
        assert!(rows[0].holds_at(app.now()));

        t.execute("UPDATE episodes SET state = 'maintenance'", vec![]).await;
        assert!(summaries::stored(c, &[id(&ana.actor)]).await.unwrap().is_empty(), "stale");
        let list = caseload(&app, &lena.actor).await.unwrap();
        assert_eq!(list[0].episode_state.map(|s| s.as_str()), Some("maintenance"));
    }
}
