//! A real clock moves between two readings. These tests run the submissions on a clock that
//! moves on by 700 ms at every reading, placed just before a second (or a client's midnight)
//! turns over: a use-case that read the clock again to find the record it had just stored
//! dropped every flag of that record (issue 11, part 1: a safety flag lost about once in 500
//! submissions). `.ci/run` also runs the measurement and alert suites on such a clock.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use rapport_app::clock::ManualClock;
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_app::{App, Config};
use rapport_testkit::{TestDb, both_backends, client};

/// An app whose clock stands at `at` and moves on 700 ms at every reading.
fn moving_app(t: &TestDb, at: chrono::DateTime<Utc>) -> (App, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::moving(at, Duration::milliseconds(700)));
    (
        App::new(t.db.clone(), clock.clone(), Config::default()),
        clock,
    )
}

fn phq9_with_item9(item9: i64) -> Vec<Option<i64>> {
    let mut answers = vec![Some(1); 8];
    answers.push(Some(item9));
    answers
}

fn low_mood() -> NewCheckin {
    NewCheckin {
        mood: Some(2),
        sleep_hours: Some(7.0),
        medication: Some("taken".into()),
        ..NewCheckin::default()
    }
}

both_backends! {
    // Every PHQ-9 with item 9 ≥ 1 carries the safety flag, whatever the clock does between
    // storing the measure and judging it (each submission starts at a different fraction of a
    // second, so some cross a second's boundary on the way).
    async fn every_positive_item9_is_flagged_on_a_moving_clock(t: &TestDb) {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let (app, clock) = moving_app(t, start);
        for i in 0..12 {
            let who = client(&app, &format!("Client {i}"), &format!("c{i}@example.org")).await;
            clock.advance(Duration::milliseconds(130 * i64::from(i)));
            let r = submit_measure(&app, &who.actor, "phq9", &phq9_with_item9(1), None, None)
                .await
                .unwrap();
            assert!(
                r.flags.iter().any(|f| f.kind.as_str() == "safety" && f.level.as_str() == "critical"),
                "submission {i} lost its safety flag: {r:?}"
            );
            let open = t
                .count(
                    "flags WHERE client_id = ? AND kind = 'safety'",
                    vec![who.actor.user_id.into()],
                )
                .await;
            assert_eq!(open, 1, "client {i} has no stored safety flag");
        }
    }

    // The third low-mood check-in in a row, sent a moment before the client's midnight: the
    // check-in's day and the rules' "today" are the same day.
    async fn a_check_in_just_before_midnight_keeps_its_flag(t: &TestDb) {
        let start = Utc.with_ymd_and_hms(2026, 11, 21, 23, 59, 58).unwrap();
        let (app, clock) = moving_app(t, start);
        let who = client(&app, "Ana Ruiz", "ana@example.org").await;
        let mut last = None;
        for day in 0..3 {
            // Each day at 23:59:58.9 UTC (the client's own timezone here).
            let now = app.now();
            let target = start + Duration::days(day) + Duration::milliseconds(900);
            clock.advance(target - now);
            last = Some(submit_checkin(&app, &who.actor, low_mood(), None).await.unwrap());
        }
        let last = last.unwrap();
        assert!(
            last.flags.iter().any(|f| f.kind.as_str() == "warning_signs"),
            "the third low-mood day lost its flag: {last:?}"
        );
    }
}
