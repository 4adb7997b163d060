//! The summary at the top of a client's chart (issue 23, item 7): the latest of each
//! questionnaire with its date, the next session, the plans, and the notes still to write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDateTime};
use rapport_app::sessions::{NewSessions, cancel, record_attendance, schedule};
use rapport_app::timeline::chart_summary;
use rapport_core::accounts::CareTeamRole;
use rapport_core::measures::{Band, Instrument};
use rapport_core::notes::Dap;
use rapport_testkit::asserts::forbidden;
use rapport_testkit::{TestDb, both_backends, practice};

both_backends! {
    async fn the_summary_gives_latest_measures_next_session_plans_and_notes_to_write(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (lena, ana) = (&p.lena.actor, &p.ana.actor);
        let id = ana.user_id;

        let empty = chart_summary(&app, lena, id).await.unwrap();
        assert!(empty.latest.is_empty() && empty.next_session.is_none());
        assert_eq!((empty.safety_plan, empty.staying_well, empty.goals_open), (None, None, 0));
        assert_eq!(empty.notes_to_write, Some(vec![]));

        // Four weekly sessions from tomorrow; two PHQ-9s and a GAD-7.
        let first: NaiveDateTime = (app.now() + Duration::days(1)).naive_utc();
        let ids = schedule(&app, lena, NewSessions { clients: vec![id], kind: "individual".into(), modality: "phone".into(), first: Some(first), minutes: Some(50), weeks: Some(4), ..Default::default() }).await.unwrap();
        cancel(&app, lena, ids[2], "Away that week").await.unwrap();
        let phq9 = |n: i64| vec![Some(n), Some(n), Some(n), Some(1), Some(1), Some(1), Some(1), Some(1), Some(0)];
        rapport_app::measures::submit_measure(&app, ana, "phq9", &phq9(2), None, None).await.unwrap();
        clock.advance(Duration::hours(1));
        rapport_app::measures::submit_measure(&app, ana, "gad7", &[Some(1); 7], None, None).await.unwrap();
        clock.advance(Duration::days(15));
        let latest_phq9 = rapport_app::measures::submit_measure(&app, ana, "phq9", &phq9(1), None, None).await.unwrap();

        // The first session attended, its note signed; the second a no-show; the third
        // cancelled; the fourth begun a week later, its attendance not recorded yet.
        record_attendance(&app, lena, ids[0], id, "attended").await.unwrap();
        let dap = Dap { data: "D".into(), assessment: "A".into(), plan: "P".into() };
        rapport_app::notes::save_progress_note(&app, lena, ids[0], id, dap.clone(), true).await.unwrap();
        record_attendance(&app, lena, ids[1], id, "no_show").await.unwrap();
        clock.advance(Duration::days(7));
        let s = chart_summary(&app, lena, id).await.unwrap();
        let instruments: Vec<Instrument> = s.latest.iter().map(|m| m.instrument).collect();
        assert_eq!(instruments, [Instrument::Phq9, Instrument::Gad7]);
        assert_eq!(s.latest[0].id, latest_phq9.id, "the latest PHQ-9, not the first");
        assert_eq!(s.latest[0].band, Some(Band::Mild));
        assert!(s.next_session.is_none(), "every session has begun or is cancelled");
        let to_write: Vec<_> = s.notes_to_write.clone().unwrap().iter().map(|n| (n.session_id, n.draft)).collect();
        assert_eq!(to_write, [(ids[3], false)], "signed, no-show and cancelled sessions need no note");

        rapport_app::notes::save_progress_note(&app, lena, ids[3], id, dap, false).await.unwrap();
        let steps = ["a", "b", "c", "d", "e", "f"].map(String::from);
        rapport_app::plans::save_safety_plan(&app, ana, id, 0, steps).await.unwrap();
        rapport_app::goals::set_goal(&app, ana, id, rapport_app::goals::NewGoal { title: "Walk".into(), success: "Twice a week".into(), ..Default::default() }).await.unwrap();
        let later = (app.now() + Duration::days(2)).naive_utc();
        let next = schedule(&app, lena, NewSessions { clients: vec![id], kind: "individual".into(), modality: "phone".into(), first: Some(later), minutes: Some(50), weeks: Some(1), ..Default::default() }).await.unwrap()[0];
        let s = chart_summary(&app, lena, id).await.unwrap();
        assert_eq!(s.notes_to_write.unwrap().iter().map(|n| (n.session_id, n.draft)).collect::<Vec<_>>(), [(ids[3], true)], "a draft is still to sign");
        assert_eq!(s.next_session.map(|(sid, _)| sid), Some(next));
        assert_eq!(s.safety_plan.map(|v| v.version), Some(1));
        assert_eq!((s.goals_open, s.goals_closed), (1, 0));

        // The client reads their own record, without notes; a clinician off the team nothing.
        assert_eq!(chart_summary(&app, ana, id).await.unwrap().notes_to_write, None);
        assert!(forbidden(chart_summary(&app, &p.kofi.actor, id).await));

        // A session Kofi leads as co-therapist is his note to write, not Lena's.
        rapport_app::care_teams::assign(&app, &p.admin.actor, id, p.kofi.actor.user_id, CareTeamRole::CoTherapist).await.unwrap();
        let soon = (app.now() + Duration::hours(1)).naive_utc();
        let kofis = schedule(&app, &p.kofi.actor, NewSessions { clients: vec![id], kind: "individual".into(), modality: "phone".into(), first: Some(soon), minutes: Some(50), weeks: Some(1), ..Default::default() }).await.unwrap()[0];
        clock.advance(Duration::hours(2));
        record_attendance(&app, &p.kofi.actor, kofis, id, "attended").await.unwrap();
        let of = |s: rapport_app::timeline::ChartSummary| s.notes_to_write.unwrap().iter().map(|n| (n.session_id, n.unrecorded)).collect::<Vec<_>>();
        assert_eq!(of(chart_summary(&app, &p.kofi.actor, id).await.unwrap()), [(kofis, false)]);
        assert_eq!(of(chart_summary(&app, lena, id).await.unwrap()), [(ids[3], true)], "Lena's own sessions only");
    }
}
