//! The client chart's timeline (issue 5, "Client chart"): everything newest first, notes only
//! for those who may read them, nothing for people off the care team.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::Error;
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_app::timeline::{Topic, timeline};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::notes::Dap;
use rapport_testkit::{TestDb, both_backends, client, staff};

both_backends! {
    async fn the_timeline_holds_everything_newest_first(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, doc.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();

        // A PHQ-9 with item 9 (a safety flag), a goal, a session attended with a signed note.
        rapport_app::measures::submit_measure(&app, &ana.actor, "phq9", &[Some(2), Some(2), Some(2), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1)], None, None).await.unwrap();
        clock.advance(Duration::hours(1));
        rapport_app::goals::set_goal(&app, &ana.actor, id, rapport_app::goals::NewGoal { title: "Walk twice a week".into(), success: "Two walks a week".into(), ..Default::default() }).await.unwrap();
        let first = (app.now() + Duration::days(1)).naive_utc();
        let session = schedule(&app, &doc.actor, NewSessions { clients: vec![id], kind: "individual".into(), modality: "phone".into(), first: Some(first), minutes: Some(50), weeks: Some(1), ..Default::default() }).await.unwrap()[0];
        clock.advance(Duration::days(1) + Duration::minutes(10));
        record_attendance(&app, &doc.actor, session, id, "attended").await.unwrap();
        clock.advance(Duration::hours(1));
        let dap = Dap { data: "PHQ-9 12.".into(), assessment: "Engaged.".into(), plan: "Walks.".into() };
        rapport_app::notes::save_progress_note(&app, &doc.actor, session, id, dap, true).await.unwrap();

        let lines = timeline(&app, &doc.actor, id).await.unwrap();
        assert!(lines.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
        let topics: Vec<Topic> = lines.iter().map(|l| l.topic).collect();
        for topic in [Topic::Measure, Topic::Flag, Topic::Session, Topic::Note, Topic::Goal, Topic::Episode] {
            assert!(topics.contains(&topic), "{topic:?} missing from {topics:?}");
        }
        assert_eq!(lines[0].topic, Topic::Note, "the signed note is the newest");
        assert!(lines[0].text.contains("Dr. Dee"));
        assert!(lines.iter().any(|l| l.text.starts_with("PHQ-9 12") && l.link.as_deref().is_some_and(|k| k.starts_with("/results/"))));
        assert!(lines.iter().any(|l| l.text.contains("Session (individual, 50 min): attended")));
        assert!(lines.iter().all(|l| !l.text.contains("Engaged.")), "note text stays out");

        // The client sees their own timeline without the notes; others see nothing.
        let own = timeline(&app, &ana.actor, id).await.unwrap();
        assert!(own.iter().all(|l| l.topic != Topic::Note));
        for actor in [&other.actor, &admin.actor] {
            assert!(matches!(timeline(&app, actor, id).await.unwrap_err(), Error::Forbidden));
        }
    }
}
