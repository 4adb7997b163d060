//! Episodes of care (issue 4, "Episode of care"): started, discharged to maintenance (monthly
//! PHQ-9, still watched), closed and re-opened by the care team, each change recorded with
//! who and why (sealed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::Error;
use rapport_app::episodes::{change, history};
use rapport_app::measures::{schedule_of, submit_measure};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::episodes::EpisodeState;
use rapport_testkit::{TestDb, both_backends, client, staff};

async fn phq9_days(app: &rapport_app::App, actor: &rapport_app::Actor, client: uuid::Uuid) -> i32 {
    schedule_of(app, actor, client)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.0 == "phq9")
        .unwrap()
        .2
}

both_backends! {
    async fn the_care_team_moves_an_episode_through_its_states(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, doc.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();

        // The first measure starts an episode (in treatment).
        submit_measure(&app, &ana.actor, "phq9", &[Some(2); 9], None, None).await.unwrap();
        let h = history(&app, &doc.actor, id).await.unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].0, EpisodeState::Active);

        // Discharge needs a reason; with one, monthly PHQ-9s.
        let e = change(&app, &doc.actor, id, "maintenance", "  ").await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "reason"), "{e:?}");
        change(&app, &doc.actor, id, "maintenance", "Goals met; PHQ-9 below 5 for six weeks.").await.unwrap();
        assert_eq!(phq9_days(&app, &doc.actor, id).await, 30);
        let raw = t.texts("SELECT reason FROM episode_events WHERE reason IS NOT NULL", vec![]).await;
        assert!(raw.iter().all(|r| r.as_deref().unwrap().starts_with("v1:")), "reasons are sealed");

        // Re-open, then close; a closed episode cannot be discharged.
        change(&app, &doc.actor, id, "active", "Early warning signs again; booster sessions.").await.unwrap();
        assert_eq!(phq9_days(&app, &doc.actor, id).await, 7);
        change(&app, &doc.actor, id, "closed", "Moved away; referred on.").await.unwrap();
        let e = change(&app, &doc.actor, id, "maintenance", "x").await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "state"), "{e:?}");
        let h = history(&app, &doc.actor, id).await.unwrap();
        assert_eq!(h[0].0, EpisodeState::Closed);
        let lines = &h[0].2;
        assert_eq!(lines.len(), 4, "start, discharge, re-open, close");
        assert_eq!(lines[1].reason.as_deref(), Some("Goals met; PHQ-9 below 5 for six weeks."));
        assert_eq!(lines[1].by, "Dr. Dee");

        // A closed episode is not watched; the client's next measure starts a new one.
        clock.advance(chrono::Duration::days(30));
        assert_eq!(rapport_app::alerts::sweep(&app).await.unwrap(), 0);
        submit_measure(&app, &ana.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
        assert_eq!(history(&app, &doc.actor, id).await.unwrap().len(), 2);
    }

    async fn only_the_care_team_changes_episodes(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        for actor in [&ana.actor, &other.actor, &admin.actor] {
            let e = change(&app, actor, ana.actor.user_id, "active", "").await.unwrap_err();
            assert!(matches!(e, Error::Forbidden), "{e:?}");
        }
        assert_eq!(t.count("episodes", vec![]).await, 0);
    }
}
