//! A clinician opens one of a client's questionnaires (issue 23, item 4): the care team, and a
//! clinician on triage duty for an unassigned client, read every answer with its question —
//! the PHQ-9's item 9 apart, to be read first — the score, the band and the change since the
//! one before; the read is recorded as `measure.read`. Anyone else finds nothing, and the
//! refusal is recorded.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::care_teams::assign;
use rapport_app::measures::{measure_detail, submit_measure};
use rapport_app::triage::set_duty;
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::measures::{Band, Instrument};
use rapport_core::outcomes::Change;
use rapport_testkit::asserts::not_found;
use rapport_testkit::{TestDb, both_backends, client, staff};

both_backends! {
    async fn the_care_team_reads_the_answers_item_9_first_and_the_change(t: &TestDb) {
        let (app, clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await.actor;
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await.actor;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await.actor;
        let ben = client(&app, "Ben Ortiz", "ben@example.org").await.actor;
        assign(&app, &admin.actor, ana.user_id, lena.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();

        let answers = |v: [i64; 9]| v.map(Some).to_vec();
        let first = submit_measure(&app, &ana, "phq9", &answers([1, 1, 1, 1, 1, 1, 1, 1, 0]), None, None)
            .await
            .unwrap();
        clock.advance(Duration::days(7));
        let second = submit_measure(
            &app,
            &ana,
            "phq9",
            &answers([2, 3, 2, 2, 2, 1, 2, 1, 2]),
            Some(2),
            None,
        )
        .await
        .unwrap();

        let d = measure_detail(&app, &lena, second.id).await.unwrap();
        assert_eq!((d.instrument, d.total, d.band), (Instrument::Phq9, 17, Some(Band::ModeratelySevere)));
        assert_eq!((d.client_id, d.client_name.as_str()), (ana.user_id, "Ana Ruiz"));
        let item9 = d.item9.clone().expect("item 9 apart");
        assert_eq!((item9.number, item9.value, item9.answer), (9, Some(2), Some("More than half the days")));
        assert!(item9.question.starts_with("Thoughts that you would be better off dead"), "{}", item9.question);
        // Every item with its question, then how difficult (item 10).
        let numbers: Vec<u8> = d.answers.iter().map(|a| a.number).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<u8>>());
        assert_eq!(d.answers[1].question, "Feeling down, depressed, or hopeless");
        assert_eq!((d.answers[1].value, d.answers[1].answer), (Some(3), Some("Nearly every day")));
        assert_eq!(d.answers[9].value, Some(2));
        // Since the one a week before: 8 → 17, a reliable deterioration; and the flags it raised.
        let prev = d.previous.clone().expect("the previous PHQ-9");
        assert_eq!((prev.id, prev.total, prev.band), (first.id, 8, Some(Band::Mild)));
        assert_eq!(d.change, Some(Change::ReliableDeterioration));
        let kinds: Vec<&str> = d.flags.iter().map(|f| f.kind.as_str()).collect();
        assert!(kinds.contains(&"safety"), "{kinds:?}");
        assert!(kinds.contains(&"deterioration"), "{kinds:?}");
        // The first has no previous one.
        let d1 = measure_detail(&app, &lena, first.id).await.unwrap();
        assert_eq!((d1.previous, d1.change), (None, None));
        assert_eq!(d1.item9.and_then(|a| a.value), Some(0));
        let reads = t
            .count(
                "audit_events WHERE action = 'measure.read' AND outcome = 'ok' AND actor_id = ? AND client_id = ?",
                vec![lena.user_id.into(), ana.user_id.into()],
            )
            .await;
        assert_eq!(reads, 2);

        // A clinician off the team, and another client, find nothing; the refusals are recorded.
        assert!(not_found(measure_detail(&app, &kofi, second.id).await));
        assert!(not_found(measure_detail(&app, &ben, second.id).await));
        assert!(not_found(measure_detail(&app, &admin.actor, second.id).await));
        let denied = t
            .count(
                "audit_events WHERE action = 'measure.read' AND outcome = 'denied' AND client_id = ?",
                vec![ana.user_id.into()],
            )
            .await;
        assert_eq!(denied, 3);
        assert!(not_found(measure_detail(&app, &lena, uuid::Uuid::now_v7()).await));
    }

    async fn triage_duty_reads_an_unassigned_clients_measure(t: &TestDb) {
        let (app, _clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let tomas = staff(&app, Role::Clinician, "Tomas Berg", "tomas@clinic.example").await.actor;
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await.actor;
        set_duty(&app, &admin.actor, &[tomas.user_id]).await.unwrap();
        let cyra = client(&app, "Cyra Lund", "cyra@example.org").await.actor;
        let gad = submit_measure(&app, &cyra, "gad7", &[Some(2); 7], None, None).await.unwrap();
        let d = measure_detail(&app, &tomas, gad.id).await.unwrap();
        assert_eq!((d.instrument, d.total, d.band), (Instrument::Gad7, 14, Some(Band::Moderate)));
        assert_eq!(d.item9, None);
        assert_eq!(d.answers.len(), 7);
        assert_eq!(d.answers[0].answer, Some("More than half the days"));
        assert!(not_found(measure_detail(&app, &kofi, gad.id).await));
    }
}
