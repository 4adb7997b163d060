//! How many SQL statements a submission runs in a client's steady state (issue 19: every
//! statement in the write transaction is a hand-off to the database's thread, paid while the
//! single SQLite writer waits). A regression here is a slower write path for everyone; the
//! bounds are today's counts, to be lowered when a change lowers them.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::care_teams::assign;
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_store::{Backend, summaries};
use rapport_testkit::asserts::id;
use rapport_testkit::{TestDb, both_backends, client, staff};

/// A PHQ-9 with these answers (item 9 last).
fn phq9(answers: [i64; 9]) -> Vec<Option<i64>> {
    answers.iter().map(|a| Some(*a)).collect()
}

fn checkin(mood: i64) -> NewCheckin {
    NewCheckin {
        mood: Some(mood),
        sleep_hours: Some(7.0),
        medication: Some("taken".into()),
        ..NewCheckin::default()
    }
}

both_backends! {
    async fn a_submission_runs_a_bounded_number_of_statements(t: &TestDb) {
        let (app, clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        assign(&app, &admin.actor, id(&ana.actor), id(&lena.actor), CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        // The steady state: an episode, a few weeks of history, no flag open.
        for _ in 0..4 {
            submit_measure(&app, &ana.actor, "phq9", &phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), None, None)
                .await
                .unwrap();
            for _ in 0..7 {
                submit_checkin(&app, &ana.actor, checkin(6), None).await.unwrap();
                clock.advance(Duration::days(1));
            }
        }
        let count = || t.db.statements_run();

        let before = count();
        let r = submit_checkin(&app, &ana.actor, checkin(6), None).await.unwrap();
        let checkin_statements = count() - before;
        assert!(r.flags.is_empty(), "{r:?}");

        clock.advance(Duration::days(1));
        let before = count();
        let r = submit_measure(&app, &ana.actor, "phq9", &phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), None, None)
            .await
            .unwrap();
        let phq9_statements = count() - before;
        assert!(r.flags.is_empty(), "{r:?}");
        eprintln!("statements: check-in {checkin_statements}, PHQ-9 {phq9_statements}");

        // The summary row moved on in the inserts themselves and holds what the history says.
        let c = t.db.conn();
        let stored = summaries::stored(c, &[id(&ana.actor)]).await.unwrap();
        let computed = summaries::compute(c, &[id(&ana.actor)], stored[0].as_of).await.unwrap();
        assert_eq!(stored, computed);

        // PostgreSQL runs one more: the client's row lock (SQLite has one writer). A check-in
        // reads its window of check-ins with their ticked signs in one statement, and the
        // client's own signs only when something in the window was ticked or reported.
        let (checkin_max, phq9_max) = match t.db.backend() {
            Backend::Sqlite => (10, 14),
            Backend::Postgres => (11, 15),
        };
        assert!(checkin_statements <= checkin_max, "a check-in ran {checkin_statements}");
        assert!(phq9_statements <= phq9_max, "a PHQ-9 ran {phq9_statements}");
    }
}
