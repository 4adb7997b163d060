//! The client's own early warning signs (CLINICAL.md "Daily check-in": optional ticks of the
//! client's own warning signs; "warning signs" row of Early warning): kept by the client or
//! their care team, sealed, and the only ones a check-in may tick.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::Error;
use rapport_app::measures::{NewCheckin, submit_checkin};
use rapport_app::plans::{add_warning_sign, retire_warning_sign, warning_signs};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::{TestDb, both_backends, client, staff};

fn tick(sign: &str) -> NewCheckin {
    NewCheckin {
        mood: Some(6),
        sleep_hours: Some(7.0),
        medication: Some("taken".into()),
        warning_signs: vec![sign.to_string()],
        ..NewCheckin::default()
    }
}

both_backends! {
    async fn a_client_keeps_their_own_signs_and_ticks_only_those(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let empty = add_warning_sign(&app, &ana.actor, ana.actor.user_id, "   ").await.unwrap_err();
        assert!(matches!(empty, Error::Invalid { ref field, .. } if field == "label"), "{empty:?}");
        let sign = add_warning_sign(&app, &ana.actor, ana.actor.user_id, "Sleeping past noon").await.unwrap();
        let list = warning_signs(&app, &ana.actor, ana.actor.user_id).await.unwrap();
        assert_eq!(list, vec![(sign, "Sleeping past noon".to_string())]);
        let raw = t.texts("SELECT label FROM warning_signs", vec![]).await;
        assert!(raw[0].as_deref().unwrap().starts_with("v1:"), "the label is sealed");

        submit_checkin(&app, &ana.actor, tick(&sign.to_string()), None).await.unwrap();
        retire_warning_sign(&app, &ana.actor, ana.actor.user_id, sign).await.unwrap();
        assert!(warning_signs(&app, &ana.actor, ana.actor.user_id).await.unwrap().is_empty());
        clock.advance(chrono::Duration::days(1));
        let refused = submit_checkin(&app, &ana.actor, tick(&sign.to_string()), None).await.unwrap_err();
        assert!(matches!(refused, Error::Invalid { ref field, .. } if field == "warning_signs[0]"), "{refused:?}");
        assert_eq!(t.count("checkin_signs", vec![]).await, 1, "the earlier tick stays");
        let again = retire_warning_sign(&app, &ana.actor, ana.actor.user_id, sign).await.unwrap_err();
        assert!(matches!(again, Error::NotFound));
    }

    async fn the_care_team_may_add_signs_and_nobody_else(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let bo = client(&app, "Bo", "bo@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        rapport_app::care_teams::assign(&app, &admin.actor, ana.actor.user_id, doc.actor.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        add_warning_sign(&app, &doc.actor, ana.actor.user_id, "Not answering messages").await.unwrap();
        for actor in [&other.actor, &admin.actor, &bo.actor] {
            let e = add_warning_sign(&app, actor, ana.actor.user_id, "x").await.unwrap_err();
            assert!(matches!(e, Error::Forbidden), "{e:?}");
        }
        assert_eq!(warning_signs(&app, &ana.actor, ana.actor.user_id).await.unwrap().len(), 1);
        let denied = t.count("audit_events WHERE action = 'warning_signs.changed' AND outcome = 'denied'", vec![]).await;
        assert_eq!(denied, 3, "refusals are recorded");
    }
}
