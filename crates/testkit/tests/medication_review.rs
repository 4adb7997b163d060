//! Medication reviews and the doctor (issue 22): the `medication_review` session kind, the
//! reminder when a review is due (client and prescriber, once per due period), the caseload's
//! "review due", the questions the client lists before a review (the client writes, the care
//! team reads, sealed), the one-page summary for the client's own doctor (only with the
//! client's consent, audited), and the sleep rule reading the sleep diary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_app::medication::{
    NewMedicine, gp_summary, gp_summary_consent, medications_of, review_questions,
    set_gp_summary_consent, set_medications, set_review_questions,
};
use rapport_app::notifications::mine;
use rapport_app::sessions::{NewSessions, schedule};
use rapport_app::sleep::{NewNight, record_night};
use rapport_app::{Actor, App, Error, reminders};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::alerts::FlagKind;
use rapport_testkit::family::{family_member, grant};
use rapport_testkit::{TestDb, both_backends, client, staff};
use uuid::Uuid;

/// The clients on the actor's caseload whose medication review is due.
async fn reviews_due(app: &App, actor: &Actor) -> rapport_app::Result<Vec<Uuid>> {
    Ok(rapport_app::care_teams::caseload(app, actor)
        .await?
        .into_iter()
        .filter(|e| e.review_due)
        .map(|e| e.client_id)
        .collect())
}

/// The test clock starts on Monday 23 November 2026; this medicine started 12 weeks before.
fn started_twelve_weeks_ago() -> NewMedicine {
    NewMedicine {
        name: "Sertraline".into(),
        dose: "50 mg".into(),
        schedule: "Once a day".into(),
        started_on: NaiveDate::from_ymd_opt(2026, 8, 31),
        ..NewMedicine::default()
    }
}

const PHQ9_16: [Option<i64>; 9] = [
    Some(2),
    Some(2),
    Some(2),
    Some(2),
    Some(2),
    Some(2),
    Some(2),
    Some(2),
    Some(0),
];
const PHQ9_8: [Option<i64>; 9] = [
    Some(1),
    Some(1),
    Some(1),
    Some(1),
    Some(1),
    Some(1),
    Some(1),
    Some(1),
    Some(0),
];

struct Team {
    ana: Actor,
    ther: Actor,
    psy: Actor,
    other: Actor,
}

async fn team(app: &App, clock: &rapport_app::clock::ManualClock) -> Team {
    let ana = client(app, "Ana", "ana@example.org").await.actor;
    let ther = staff(app, Role::Clinician, "Dr. Tess", "tess@example.org")
        .await
        .actor;
    clock.advance(Duration::seconds(30));
    let psy = staff(app, Role::Clinician, "Dr. Pia", "pia@example.org")
        .await
        .actor;
    clock.advance(Duration::seconds(30));
    let other = staff(app, Role::Clinician, "Dr. Oz", "oz@example.org")
        .await
        .actor;
    clock.advance(Duration::seconds(30));
    let admin = staff(app, Role::Admin, "Ada", "ada@example.org")
        .await
        .actor;
    let id = ana.user_id;
    rapport_app::care_teams::assign(
        app,
        &admin,
        id,
        ther.user_id,
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
    rapport_app::care_teams::assign(app, &admin, id, psy.user_id, CareTeamRole::Psychiatrist)
        .await
        .unwrap();
    Team {
        ana,
        ther,
        psy,
        other,
    }
}

async fn review_with(app: &App, psy: &Actor, client: Uuid, first: NaiveDateTime) -> Uuid {
    schedule(
        app,
        psy,
        NewSessions {
            clients: vec![client],
            kind: "medication_review".into(),
            modality: "phone".into(),
            first: Some(first),
            minutes: Some(30),
            weeks: Some(1),
            ..NewSessions::default()
        },
    )
    .await
    .unwrap()[0]
}

async fn review_notices(app: &App, who: &Actor) -> usize {
    mine(app, who)
        .await
        .unwrap()
        .notifications
        .into_iter()
        .filter(|n| n.kind.as_str() == "medication_review_due")
        .count()
}

both_backends! {
    async fn a_review_due_is_reminded_once_per_period_and_marked_on_the_caseload(t: &TestDb) {
        let (app, clock) = t.app();
        let Team { ana, ther, psy, other } = team(&app, &clock).await;
        let id = ana.user_id;
        // A PHQ-9 opens the episode (reminders are for clients in care).
        submit_measure(&app, &ana, "phq9", &PHQ9_8, None, None).await.unwrap();
        set_medications(&app, &psy, id, vec![started_twelve_weeks_ago()]).await.unwrap();
        let list = medications_of(&app, &ana, id).await.unwrap();
        assert!(list.review_due);
        assert_eq!(list.review_due_on, NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(list.last_review, None);
        assert!(reviews_due(&app, &ther).await.unwrap().contains(&id));
        assert!(reviews_due(&app, &psy).await.unwrap().contains(&id));
        assert!(reviews_due(&app, &other).await.unwrap().is_empty());
        assert!(matches!(reviews_due(&app, &ana).await.unwrap_err(), Error::Forbidden));

        // The run tells the client and the prescriber (not the therapist), once.
        reminders::run(&app).await.unwrap();
        assert_eq!(review_notices(&app, &ana).await, 1);
        assert_eq!(review_notices(&app, &psy).await, 1);
        assert_eq!(review_notices(&app, &ther).await, 0);
        reminders::run(&app).await.unwrap();
        clock.advance(Duration::days(1));
        reminders::run(&app).await.unwrap();
        assert_eq!((review_notices(&app, &ana).await, review_notices(&app, &psy).await), (1, 1), "once per due period");

        // A review takes place: no longer due, next due 12 weeks after it.
        let first = (app.now() + Duration::hours(2)).naive_utc();
        review_with(&app, &psy, id, first).await;
        clock.advance(Duration::hours(3));
        let list = medications_of(&app, &psy, id).await.unwrap();
        assert!(!list.review_due);
        assert_eq!(list.last_review, Some(first.date()));
        assert_eq!(list.review_due_on, Some(first.date() + Duration::weeks(12)));
        assert!(!reviews_due(&app, &ther).await.unwrap().contains(&id));

        // A cancelled one does not count: 12 weeks later it is due again, and reminded again.
        clock.advance(Duration::weeks(12));
        assert!(medications_of(&app, &ana, id).await.unwrap().review_due);
        reminders::run(&app).await.unwrap();
        assert_eq!((review_notices(&app, &ana).await, review_notices(&app, &psy).await), (2, 2));
        reminders::run(&app).await.unwrap();
        assert_eq!(review_notices(&app, &ana).await, 2);
    }

    async fn only_the_client_writes_questions_before_a_review_and_the_team_reads_them(t: &TestDb) {
        let (app, clock) = t.app();
        let Team { ana, ther, psy, other } = team(&app, &clock).await;
        let id = ana.user_id;
        let bo = client(&app, "Bo", "bo@example.org").await.actor;
        let fay = family_member(t, &app, "Fay", "fay@example.org").await;
        grant(t, &app, id, &fay, "learning").await;
        let tomorrow = (app.now() + Duration::days(1)).naive_utc();
        let review = review_with(&app, &psy, id, tomorrow).await;

        let asked = vec!["  I feel sick after the morning dose. ".to_string(), "".to_string(), "Can I take it at night?".to_string()];
        let kept = set_review_questions(&app, &ana, review, asked.clone()).await.unwrap();
        assert_eq!(kept, vec!["I feel sick after the morning dose.", "Can I take it at night?"]);
        // Sealed at rest.
        let raw = t.texts("SELECT questions FROM review_questions", vec![]).await;
        assert!(raw.iter().all(|v| v.as_deref().unwrap().starts_with("v1:")), "sealed");
        // The prescriber and the therapist read them; the client reads their own.
        for who in [&psy, &ther, &ana] {
            let q = review_questions(&app, who, review).await.unwrap();
            assert_eq!(q.len(), 1);
            assert_eq!(q[0].client_id, id);
            assert_eq!(q[0].questions, kept);
        }
        // Nobody else writes; nobody else reads.
        for who in [&psy, &ther, &fay] {
            assert!(matches!(set_review_questions(&app, who, review, asked.clone()).await.unwrap_err(), Error::Forbidden));
        }
        assert!(matches!(set_review_questions(&app, &bo, review, asked.clone()).await.unwrap_err(), Error::NotFound));
        assert!(matches!(review_questions(&app, &other, review).await.unwrap_err(), Error::Forbidden));
        assert!(matches!(review_questions(&app, &bo, review).await.unwrap_err(), Error::NotFound));
        assert!(matches!(review_questions(&app, &fay, review).await.unwrap_err(), Error::NotFound));
        // Too many questions name the field; an individual session takes none.
        let e = set_review_questions(&app, &ana, review, vec!["q".into(); 21]).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "questions"), "{e:?}");
        let plain = schedule(&app, &ther, NewSessions {
            clients: vec![id], kind: "individual".into(), modality: "phone".into(),
            first: Some(tomorrow + Duration::hours(3)), minutes: Some(50), weeks: Some(1), ..NewSessions::default()
        }).await.unwrap()[0];
        let e = set_review_questions(&app, &ana, plain, asked.clone()).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "session"), "{e:?}");
        // After the review, no more changes.
        clock.advance(Duration::days(2));
        assert!(matches!(set_review_questions(&app, &ana, review, asked).await.unwrap_err(), Error::Conflict(_)));
        assert!(t.count("audit_events WHERE action = 'review_questions.read' AND outcome = 'ok'", vec![]).await >= 3);
    }

    async fn the_summary_for_the_doctor_needs_the_clients_consent_and_is_audited(t: &TestDb) {
        let (app, clock) = t.app();
        let Team { ana, ther, psy, other } = team(&app, &clock).await;
        let id = ana.user_id;
        let fay = family_member(t, &app, "Fay", "fay@example.org").await;
        grant(t, &app, id, &fay, "learning").await;
        submit_measure(&app, &ana, "phq9", &PHQ9_16, None, None).await.unwrap();
        set_medications(&app, &psy, id, vec![started_twelve_weeks_ago()]).await.unwrap();
        submit_measure(&app, &ana, "fibser", &[Some(3), Some(2), Some(4)], None, None).await.unwrap();
        submit_checkin(&app, &ana, NewCheckin { mood: Some(5), sleep_hours: Some(7.0), medication: Some("taken".into()), ..NewCheckin::default() }, None).await.unwrap();
        clock.advance(Duration::days(7));
        submit_measure(&app, &ana, "phq9", &PHQ9_8, None, None).await.unwrap();

        // The client reads their own at any time.
        let s = gp_summary(&app, &ana, id).await.unwrap();
        assert_eq!(s.medicines.len(), 1);
        assert_eq!(s.last_burden.map(|b| b.0), Some(4));
        assert_eq!(s.phq9_trend, Some((16, 8, 8)));
        assert_eq!((s.taken, s.missed, s.adherence_percent), (1, 0, Some(100)));
        // The care team: not without consent (refused, audited).
        assert!(!gp_summary_consent(&app, &psy, id).await.unwrap());
        assert!(matches!(gp_summary(&app, &psy, id).await.unwrap_err(), Error::Conflict(_)));
        assert_eq!(t.count("audit_events WHERE action = 'gp_summary.read' AND outcome = 'denied'", vec![]).await, 1);
        // Only the client consents.
        assert!(matches!(set_gp_summary_consent(&app, &psy, true).await.unwrap_err(), Error::Forbidden));
        set_gp_summary_consent(&app, &ana, true).await.unwrap();
        set_gp_summary_consent(&app, &ana, true).await.unwrap();
        assert_eq!(t.count("consents WHERE kind = 'gp_summary' AND revoked_at IS NULL", vec![]).await, 1);
        let before = t.count("audit_events WHERE action = 'gp_summary.read' AND outcome = 'ok'", vec![]).await;
        for who in [&psy, &ther] {
            let s = gp_summary(&app, who, id).await.unwrap();
            assert_eq!(s.client_name, "Ana");
        }
        assert_eq!(t.count("audit_events WHERE action = 'gp_summary.read' AND outcome = 'ok'", vec![]).await, before + 2);
        // Off the team, a family member: refused even with consent.
        assert!(matches!(gp_summary(&app, &other, id).await.unwrap_err(), Error::Forbidden));
        assert!(matches!(gp_summary(&app, &fay, id).await.unwrap_err(), Error::Forbidden));
        // Withdrawn: refused again.
        set_gp_summary_consent(&app, &ana, false).await.unwrap();
        assert!(matches!(gp_summary(&app, &psy, id).await.unwrap_err(), Error::Conflict(_)));
    }

    async fn the_sleep_rule_reads_the_diary_where_a_night_has_one(t: &TestDb) {
        let (app, clock) = t.app();
        let Team { ana, psy, .. } = team(&app, &clock).await;
        let id = ana.user_id;
        submit_measure(&app, &ana, "phq9", &PHQ9_8, None, None).await.unwrap();
        let checkin = || NewCheckin { mood: Some(6), sleep_hours: Some(7.5), medication: Some("not_prescribed".into()), ..NewCheckin::default() };
        // Fourteen usual nights of 7.5 hours by the check-in.
        for _ in 0..14 {
            submit_checkin(&app, &ana, checkin(), None).await.unwrap();
            clock.advance(Duration::days(1));
        }
        // Three nights the check-in says 7.5 hours, but the diary says 4 hours asleep.
        for i in 0..3 {
            record_night(&app, &ana, NewNight {
                day: None,
                bedtime: "23:00".into(),
                minutes_to_fall_asleep: Some(60),
                awake_minutes: Some(120),
                wake_time: "06:00".into(),
                rise_time: "07:00".into(),
            }).await.unwrap();
            submit_checkin(&app, &ana, checkin(), None).await.unwrap();
            if i < 2 {
                clock.advance(Duration::days(1));
            }
        }
        let flags = rapport_app::alerts::of_client(&app, &psy, id).await.unwrap();
        // By the check-ins alone (7.5 hours every night) nothing would be flagged.
        assert!(flags.iter().any(|f| f.kind == FlagKind::WarningSigns), "{flags:?}");
    }
}
