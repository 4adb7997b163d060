//! Goals (issue 4, "Goals"): set together, each with what success looks like, how it is
//! measured and a target date; both sides record progress (0–10 and a note); achieved or
//! dropped with a reason. Free text sealed; only the client and their care team.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::Error;
use rapport_app::goals::{NewGoal, close_goal, goals_of, record_progress, set_goal};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::{TestDb, both_backends, client, staff};

fn walk() -> NewGoal {
    NewGoal {
        title: "Walk to the park twice a week".into(),
        success: "Two walks a week for four weeks running".into(),
        measured_by: "Ticks in the activity diary".into(),
        target_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 31),
    }
}

both_backends! {
    async fn a_goal_is_set_tracked_by_both_sides_and_closed_with_a_reason(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, doc.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();

        let e = set_goal(&app, &ana.actor, id, NewGoal { success: " ".into(), ..walk() }).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "success"), "{e:?}");
        let goal = set_goal(&app, &doc.actor, id, walk()).await.unwrap();
        record_progress(&app, &ana.actor, goal, Some(3), "Went once, in the rain").await.unwrap();
        clock.advance(chrono::Duration::days(7));
        record_progress(&app, &doc.actor, goal, Some(6), "").await.unwrap();
        let e = record_progress(&app, &ana.actor, goal, Some(11), "").await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "rating"), "{e:?}");

        let list = goals_of(&app, &ana.actor, id).await.unwrap();
        assert_eq!(list.len(), 1);
        let g = &list[0];
        assert_eq!((g.title.as_str(), g.status.as_str()), ("Walk to the park twice a week", "active"));
        let ratings: Vec<u8> = g.progress.iter().map(|p| p.rating).collect();
        assert_eq!(ratings, vec![3, 6]);
        assert_eq!(g.progress[0].note.as_deref(), Some("Went once, in the rain"));
        assert_eq!((g.progress[0].by, g.progress[1].by), (id, doc.actor.user_id));

        let e = close_goal(&app, &ana.actor, goal, "achieved", "").await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "reason"), "{e:?}");
        close_goal(&app, &ana.actor, goal, "achieved", "Four weeks in a row").await.unwrap();
        let e = record_progress(&app, &ana.actor, goal, Some(7), "").await.unwrap_err();
        assert!(matches!(e, Error::Conflict(_)), "a closed goal takes no progress: {e:?}");
        let g = &goals_of(&app, &doc.actor, id).await.unwrap()[0];
        assert_eq!((g.status.as_str(), g.close_reason.as_deref()), ("achieved", Some("Four weeks in a row")));

        for col in ["title", "success", "measured_by", "close_reason"] {
            let raw = t.texts(&format!("SELECT {col} FROM goals"), vec![]).await;
            assert!(raw[0].as_deref().unwrap().starts_with("v1:"), "goals.{col} is sealed");
        }
        let notes = t.texts("SELECT note FROM goal_progress WHERE note IS NOT NULL", vec![]).await;
        assert!(notes.iter().all(|n| n.as_deref().unwrap().starts_with("v1:")));
    }

    async fn only_the_client_and_their_care_team(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let bo = client(&app, "Bo", "bo@example.org").await;
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let goal = set_goal(&app, &ana.actor, ana.actor.user_id, walk()).await.unwrap();
        for actor in [&bo.actor, &other.actor, &admin.actor] {
            assert!(matches!(set_goal(&app, actor, ana.actor.user_id, walk()).await.unwrap_err(), Error::Forbidden));
            assert!(matches!(goals_of(&app, actor, ana.actor.user_id).await.unwrap_err(), Error::Forbidden));
            assert!(matches!(record_progress(&app, actor, goal, Some(1), "").await.unwrap_err(), Error::Forbidden));
        }
        assert_eq!(t.count("goals", vec![]).await, 1);
    }
}
