//! Medication (issue 22): the list kept by the prescriber on the care team (the care-team role
//! `psychiatrist`, or a clinician marked as prescriber), read by the client and the rest of the
//! team, versioned, sealed and audited; seeded from the intake when the client confirms it; the
//! FIBSER due while a medicine for depression is listed, its `side_effects` flag by burden
//! reaching the prescriber; the missed-dose reason on the check-in and adherence week by week.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate};
use rapport_app::Error;
use rapport_app::measures::{NewCheckin, due_today, submit_checkin, submit_measure};
use rapport_app::medication::{
    NewMedicine, adherence_of, confirm_intake_list, medications_of, set_medications, set_prescriber,
};
use rapport_app::notifications::mine;
use rapport_app::sleep::{NewNight, nights_of, record_night};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::alerts::{FlagKind, Level};
use rapport_core::intake::{Intake, Medicine};
use rapport_core::medication::MissedReason;
use rapport_testkit::{TestDb, both_backends, client, staff};

fn sertraline(dose: &str) -> NewMedicine {
    NewMedicine {
        name: "Sertraline".into(),
        dose: dose.into(),
        schedule: "Once a day, in the morning".into(),
        started_on: NaiveDate::from_ymd_opt(2026, 1, 5),
        ..NewMedicine::default()
    }
}

fn missed(reason: Option<&str>) -> NewCheckin {
    NewCheckin {
        mood: Some(5),
        sleep_hours: Some(7.0),
        medication: Some("missed".into()),
        missed_reason: reason.map(str::to_string),
        ..NewCheckin::default()
    }
}

both_backends! {
    async fn only_the_prescriber_changes_the_list_and_everyone_on_the_team_reads_it(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let ther = staff(&app, Role::Clinician, "Dr. Tess", "tess@example.org").await;
        clock.advance(Duration::seconds(30));
        let psy = staff(&app, Role::Clinician, "Dr. Pia", "pia@example.org").await;
        clock.advance(Duration::seconds(30));
        let np = staff(&app, Role::Clinician, "Nurse Nell", "nell@example.org").await;
        clock.advance(Duration::seconds(30));
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        let assign = |who: uuid::Uuid, role| rapport_app::care_teams::assign(&app, &admin.actor, id, who, role);
        assign(ther.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();
        assign(psy.actor.user_id, CareTeamRole::Psychiatrist).await.unwrap();
        assign(np.actor.user_id, CareTeamRole::CoTherapist).await.unwrap();

        // The psychiatrist writes; the therapist, the client, a stranger and the admin do not.
        let v = set_medications(&app, &psy.actor, id, vec![sertraline("50 mg")]).await.unwrap();
        assert_eq!(v, 1);
        for actor in [&ther.actor, &ana.actor, &other.actor, &admin.actor, &np.actor] {
            let e = set_medications(&app, actor, id, vec![sertraline("100 mg")]).await.unwrap_err();
            assert!(matches!(e, Error::Forbidden), "{e:?}");
        }
        // A clinician the practice marks as prescriber writes too (only an admin marks).
        assert!(matches!(set_prescriber(&app, &np.actor, np.actor.user_id, true).await.unwrap_err(), Error::Forbidden));
        set_prescriber(&app, &admin.actor, np.actor.user_id, true).await.unwrap();
        clock.advance(Duration::days(1));
        let v = set_medications(&app, &np.actor, id, vec![sertraline("100 mg")]).await.unwrap();
        assert_eq!(v, 2);
        // ...but only on the care teams they are on.
        let bo = client(&app, "Bo", "bo@example.org").await;
        assert!(matches!(set_medications(&app, &np.actor, bo.actor.user_id, vec![]).await.unwrap_err(), Error::Forbidden));

        // Everyone on the team and the client read the latest version; strangers do not.
        for actor in [&ana.actor, &ther.actor, &psy.actor] {
            let list = medications_of(&app, actor, id).await.unwrap();
            assert_eq!(list.version, Some(2));
            assert_eq!(list.medications[0].dose, "100 mg");
            assert_eq!(list.history.len(), 2);
            assert_eq!(list.may_edit, actor.user_id == psy.actor.user_id);
            assert!(list.fibser_due);
        }
        assert!(matches!(medications_of(&app, &other.actor, id).await.unwrap_err(), Error::Forbidden));

        // Validation names the field.
        let e = set_medications(&app, &psy.actor, id, vec![sertraline(" ")]).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "medications[0].dose"), "{e:?}");

        // Sealed, and audited (refusals too).
        for col in ["name", "dose", "schedule"] {
            let raw = t.texts(&format!("SELECT {col} FROM medication_items"), vec![]).await;
            assert!(raw.iter().all(|v| v.as_deref().unwrap().starts_with("v1:")), "{col} sealed");
        }
        assert_eq!(t.count("audit_events WHERE action = 'medications.changed' AND outcome = 'ok'", vec![]).await, 2);
        assert!(t.count("audit_events WHERE action = 'medications.changed' AND outcome = 'denied'", vec![]).await >= 5);
    }

    async fn the_client_confirms_the_intake_list_once(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let id = ana.actor.user_id;
        let intake = Intake {
            medicines: vec![Medicine { name: "Fluoxetine".into(), dose: "20 mg".into(), prescriber: "Dr. Gee".into() }],
            ..Intake::default()
        };
        rapport_app::intake::save_intake(&app, &ana.actor, id, intake, false).await.unwrap();
        let list = medications_of(&app, &ana.actor, id).await.unwrap();
        assert_eq!((list.version, list.from_intake.len()), (None, 1));
        assert_eq!(confirm_intake_list(&app, &ana.actor).await.unwrap(), 1);
        let list = medications_of(&app, &ana.actor, id).await.unwrap();
        assert_eq!(list.version, Some(1));
        assert_eq!(list.medications[0].name, "Fluoxetine");
        assert_eq!(list.medications[0].prescriber.as_deref(), Some("Dr. Gee"));
        assert!(list.from_intake.is_empty());
        assert!(matches!(confirm_intake_list(&app, &ana.actor).await.unwrap_err(), Error::Conflict(_)));
        // From then on the FIBSER is due on the client's home.
        let due = due_today(&app, &ana.actor).await.unwrap();
        assert!(due.iter().any(|d| d.what == "fibser" && d.due), "{due:?}");
    }

    async fn side_effects_flag_by_burden_reaches_the_prescriber(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let ther = staff(&app, Role::Clinician, "Dr. Tess", "tess@example.org").await;
        clock.advance(Duration::seconds(30));
        let psy = staff(&app, Role::Clinician, "Dr. Pia", "pia@example.org").await;
        clock.advance(Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, ther.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();
        rapport_app::care_teams::assign(&app, &admin.actor, id, psy.actor.user_id, CareTeamRole::Psychiatrist).await.unwrap();
        set_medications(&app, &psy.actor, id, vec![sertraline("50 mg")]).await.unwrap();

        // Burden 2: nothing.
        let r = submit_measure(&app, &ana.actor, "fibser", &[Some(2), Some(2), Some(2)], None, None).await.unwrap();
        assert!(r.flags.is_empty());
        assert_eq!(r.total, 2);
        // Burden 4: a medium side-effects flag, and a notice to the prescriber alone.
        clock.advance(Duration::days(7));
        let r = submit_measure(&app, &ana.actor, "fibser", &[Some(4), Some(3), Some(4)], None, None).await.unwrap();
        assert_eq!(r.flags.iter().map(|f| (f.kind, f.level)).collect::<Vec<_>>(), vec![(FlagKind::SideEffects, Level::Medium)]);
        let notices = |who| {
            let app = app.clone();
            async move {
                mine(&app, who).await.unwrap().notifications.into_iter()
                    .filter(|n| n.kind.as_str() == "side_effects").count()
            }
        };
        assert_eq!(notices(&psy.actor).await, 1);
        assert_eq!(notices(&ther.actor).await, 0);
        let flags = rapport_app::alerts::of_client(&app, &psy.actor, id).await.unwrap();
        let f = flags.iter().find(|f| f.kind == FlagKind::SideEffects).unwrap();
        assert!(f.explanation.contains("FIBSER"));
        assert!(f.evidence[0].detail.contains("\"burden\":4"), "{}", f.evidence[0].detail);
        // The same burden again: evidence on the same flag, nobody told again.
        clock.advance(Duration::days(7));
        submit_measure(&app, &ana.actor, "fibser", &[Some(4), Some(3), Some(4)], None, None).await.unwrap();
        assert_eq!(notices(&psy.actor).await, 1);
        // Burden 6: the flag rises to high and the prescriber is told.
        clock.advance(Duration::days(7));
        let r = submit_measure(&app, &ana.actor, "fibser", &[Some(6), Some(6), Some(6)], None, None).await.unwrap();
        assert_eq!(r.flags[0].level, Level::High);
        assert_eq!(notices(&psy.actor).await, 2);
        let open = rapport_app::alerts::of_client(&app, &ther.actor, id).await.unwrap();
        assert_eq!(open.iter().filter(|f| f.kind == FlagKind::SideEffects).count(), 1);
        // Out-of-range answers are refused, naming the item.
        let e = submit_measure(&app, &ana.actor, "fibser", &[Some(7), Some(0), Some(0)], None, None).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "answers[0]"), "{e:?}");
    }

    async fn missed_doses_keep_their_reason_and_make_the_weekly_rate(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let psy = staff(&app, Role::Clinician, "Dr. Pia", "pia@example.org").await;
        clock.advance(Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, psy.actor.user_id, CareTeamRole::Psychiatrist).await.unwrap();
        // A reason goes with a missed dose only, and must be one of the words.
        let e = submit_checkin(&app, &ana.actor, NewCheckin { medication: Some("taken".into()), ..missed(Some("forgot")) }, None).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "missed_reason"), "{e:?}");
        let e = submit_checkin(&app, &ana.actor, missed(Some("lazy")), None).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "missed_reason"), "{e:?}");
        submit_checkin(&app, &ana.actor, missed(Some("side_effects")), None).await.unwrap();
        clock.advance(Duration::days(1));
        submit_checkin(&app, &ana.actor, missed(None), None).await.unwrap();
        clock.advance(Duration::days(1));
        submit_checkin(&app, &ana.actor, NewCheckin { medication: Some("taken".into()), ..missed(None) }, None).await.unwrap();
        let weeks = adherence_of(&app, &psy.actor, id, 4).await.unwrap();
        assert_eq!(weeks.len(), 4);
        let (taken, missed_days): (u32, u32) = weeks.iter().fold((0, 0), |a, w| (a.0 + w.taken, a.1 + w.missed));
        assert_eq!((taken, missed_days), (1, 2));
        let reasons: Vec<_> = weeks.iter().flat_map(|w| w.reasons.clone()).collect();
        assert_eq!(reasons, vec![(MissedReason::SideEffects, 1)]);
        assert!(weeks.iter().any(|w| w.rate_percent.is_some()));
        let stranger = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        assert!(matches!(adherence_of(&app, &stranger.actor, id, 4).await.unwrap_err(), Error::Forbidden));
    }

    async fn the_sleep_diary_computes_efficiency_and_the_team_reads_it(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let ther = staff(&app, Role::Clinician, "Dr. Tess", "tess@example.org").await;
        clock.advance(Duration::seconds(30));
        let other = staff(&app, Role::Clinician, "Dr. Oz", "oz@example.org").await;
        clock.advance(Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, ther.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();
        let night = |bed: &str, wake: &str| NewNight {
            day: None,
            bedtime: bed.into(),
            minutes_to_fall_asleep: Some(30),
            awake_minutes: Some(30),
            wake_time: wake.into(),
            rise_time: "07:00".into(),
        };
        let n = record_night(&app, &ana.actor, night("23:00", "06:30")).await.unwrap();
        assert_eq!((n.night.in_bed_minutes, n.night.asleep_minutes, n.night.efficiency_percent()), (480, 390, 81));
        let e = record_night(&app, &ana.actor, night("23:00", "08:00")).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "wake_time"), "{e:?}");
        let e = record_night(&app, &ana.actor, night("eleven", "06:30")).await.unwrap_err();
        assert!(matches!(e, Error::Invalid { ref field, .. } if field == "bedtime"), "{e:?}");
        // The therapist writes nothing in it; reads it.
        assert!(matches!(record_night(&app, &ther.actor, night("23:00", "06:30")).await.unwrap_err(), Error::Forbidden));
        let list = nights_of(&app, &ther.actor, id, 28).await.unwrap();
        assert_eq!(list.len(), 1);
        assert!(matches!(nights_of(&app, &other.actor, id, 28).await.unwrap_err(), Error::Forbidden));
        assert_eq!(t.count("sleep_diaries", vec![]).await, 1);
    }
}
