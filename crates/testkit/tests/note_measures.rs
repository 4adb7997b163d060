//! A new progress note is filled in with the measures as they stood at the session's start
//! (issue 23, item 2): of each instrument the latest taken at or before it, within the episode
//! of that time, each with its own date. A measure taken after the session, or in an episode
//! closed before it, is not the session's. The clock moves on at every reading, as a real one
//! does.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::Duration;
use rapport_app::care_teams::assign;
use rapport_app::clock::ManualClock;
use rapport_app::episodes::change;
use rapport_app::measures::submit_measure;
use rapport_app::notes::{progress_note, save_progress_note};
use rapport_app::sessions::{NewSessions, schedule};
use rapport_app::{Actor, App, Config};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::notes::Dap;
use rapport_testkit::asserts::local;
use rapport_testkit::{TestDb, both_backends, client, staff, start_time};
use uuid::Uuid;

/// An app whose clock starts at Monday 23 Nov 2026, 09:00 UTC and moves on 700 ms at every
/// reading.
fn moving_app(t: &TestDb) -> (App, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::moving(
        start_time(),
        Duration::milliseconds(700),
    ));
    (
        App::new(t.db.clone(), clock.clone(), Config::default()),
        clock,
    )
}

async fn session_at(app: &App, lena: &Actor, ana: &Actor, at: &str) -> Uuid {
    schedule(
        app,
        lena,
        NewSessions {
            clients: vec![ana.user_id],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Room 2, 14 Elm Street".into(),
            first: Some(local(at)),
            minutes: Some(50),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        },
    )
    .await
    .unwrap()[0]
}

/// Submits a measure whose every item is answered `each`.
async fn answer(app: &App, ana: &Actor, instrument: &str, items: usize, each: i16) {
    submit_measure(
        app,
        ana,
        instrument,
        &vec![Some(each.into()); items],
        None,
        None,
    )
    .await
    .unwrap();
}

both_backends! {
    async fn a_new_note_holds_the_measures_of_its_session_date(t: &TestDb) {
        let (app, clock) = moving_app(t);
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example")
            .await
            .actor;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await.actor;
        assign(&app, &admin.actor, ana.user_id, lena.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();

        // A first episode with a PHQ-9 of 18, closed the next day.
        answer(&app, &ana, "phq9", 9, 2).await;
        clock.advance(Duration::days(1));
        change(&app, &lena, ana.user_id, "closed", "Moved away; referred on.").await.unwrap();

        // 25 Nov: a GAD-7 of 7 opens a second episode. Sessions on 26 Nov and 30 Nov.
        clock.advance(Duration::days(1));
        answer(&app, &ana, "gad7", 7, 1).await;
        let early = session_at(&app, &lena, &ana, "2026-11-26 10:00").await;
        let late = session_at(&app, &lena, &ana, "2026-11-30 10:00").await;

        // 27 Nov: a PHQ-9 of 9. 30 Nov, 08:00: a GAD-7 of 14, before the session.
        clock.advance(Duration::days(2));
        answer(&app, &ana, "phq9", 9, 1).await;
        clock.advance(Duration::days(3) - Duration::hours(1));
        answer(&app, &ana, "gad7", 7, 2).await;
        // 1 Dec and 27 Dec: later measures, after both sessions.
        clock.advance(Duration::days(1));
        answer(&app, &ana, "phq9", 9, 3).await;
        answer(&app, &ana, "gad7", 7, 3).await;
        clock.advance(Duration::days(26));
        answer(&app, &ana, "phq9", 9, 0).await;

        // The 30 Nov session: the PHQ-9 of 27 Nov and the GAD-7 of that morning.
        let draft = progress_note(&app, &lena, late, ana.user_id).await.unwrap();
        assert_eq!(
            draft.data,
            "Latest measures: PHQ-9 9 (mild) on 27 Nov 2026; GAD-7 14 (moderate) on 30 Nov 2026."
        );
        // The 26 Nov session: only the GAD-7 of 25 Nov; the PHQ-9 of 23 Nov was in the closed
        // episode, and the later ones came after it.
        let draft = progress_note(&app, &lena, early, ana.user_id).await.unwrap();
        assert_eq!(draft.data, "Latest measures: GAD-7 7 (mild) on 25 Nov 2026.");

        // Signed, the note keeps what stood at its session.
        let dap = Dap {
            data: draft.data.clone(),
            assessment: "Engaged.".into(),
            plan: "Review in a week.".into(),
        };
        save_progress_note(&app, &lena, early, ana.user_id, dap, true).await.unwrap();
        answer(&app, &ana, "gad7", 7, 0).await;
        let signed = progress_note(&app, &lena, early, ana.user_id).await.unwrap();
        assert_eq!(signed.data, "Latest measures: GAD-7 7 (mild) on 25 Nov 2026.");
        assert!(signed.signed_at.is_some());
    }

    async fn a_session_before_any_measure_of_its_episode_gets_none(t: &TestDb) {
        let (app, clock) = moving_app(t);
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example")
            .await
            .actor;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await.actor;
        assign(&app, &admin.actor, ana.user_id, lena.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        let session = session_at(&app, &lena, &ana, "2026-11-24 10:00").await;
        // Just after the session began.
        clock.advance(Duration::hours(25) + Duration::seconds(1));
        answer(&app, &ana, "phq9", 9, 2).await;
        let draft = progress_note(&app, &lena, session, ana.user_id).await.unwrap();
        assert_eq!(draft.data, "");
    }
}
