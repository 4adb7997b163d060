//! The learning library's recommendations (issue 4, "Learning"): a clinician on the care team
//! recommends a page; the client sees it, with who recommended it; nobody else can.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::Error;
use rapport_app::learning::{recommend, recommended_for};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::{TestDb, both_backends, client, staff};

both_backends! {
    async fn a_clinician_recommends_a_page_and_the_client_sees_it(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        rapport_app::care_teams::assign(&app, &admin.actor, ana.actor.user_id, doc.actor.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();

        assert!(recommended_for(&app, &ana.actor, ana.actor.user_id).await.unwrap().is_empty());
        recommend(&app, &doc.actor, ana.actor.user_id, "give-it-time").await.unwrap();
        clock.advance(chrono::Duration::minutes(1));
        recommend(&app, &doc.actor, ana.actor.user_id, "give-it-time").await.unwrap();
        let seen = recommended_for(&app, &ana.actor, ana.actor.user_id).await.unwrap();
        assert_eq!(seen.len(), 1, "a page recommended twice is listed once");
        assert_eq!((seen[0].slug, seen[0].by.as_str()), ("give-it-time", "Dr. Dee"));

        let bad = recommend(&app, &doc.actor, ana.actor.user_id, "no-such-page").await.unwrap_err();
        assert!(matches!(bad, Error::Invalid { ref field, .. } if field == "page"), "{bad:?}");
        for actor in [&other.actor, &admin.actor, &ana.actor] {
            let e = recommend(&app, actor, ana.actor.user_id, "homework").await.unwrap_err();
            assert!(matches!(e, Error::Forbidden), "{e:?}");
        }
        let e = recommended_for(&app, &other.actor, ana.actor.user_id).await.unwrap_err();
        assert!(matches!(e, Error::Forbidden));
    }
}
