//! Measurement-based care through the use-cases and the database: a client answers
//! questionnaires and checks in (scored, validated, stored once), reads what is due today,
//! and the care team reads the series and changes the schedule.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate};
use rapport_app::App;
use rapport_app::Error;
use rapport_app::accounts::{self, NewClient};
use rapport_app::care_teams::assign;
use rapport_app::measures::{
    Due, MeasureResult, NewCheckin, client_series, due_today, result_of, set_schedule,
    submit_checkin, submit_measure,
};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::asserts::{forbidden, id, invalid_field};
use rapport_testkit::{ADDRESS, Client, PASSWORD, Staff, TestDb, both_backends, client, staff};
use uuid::Uuid;

/// An administrator, a clinician and her client Ana (on her team).
struct Clinic {
    admin: Staff,
    lena: Staff,
    ana: Client,
}

async fn clinic(app: &App) -> Clinic {
    let c = Clinic {
        admin: staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await,
        lena: staff(app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await,
        ana: client(app, "Ana Ruiz", "ana@example.org").await,
    };
    assign(
        app,
        &c.admin.actor,
        id(&c.ana.actor),
        id(&c.lena.actor),
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
    c
}

fn answers(values: &[i64]) -> Vec<Option<i64>> {
    values.iter().copied().map(Some).collect()
}

async fn submit(app: &App, who: &Client, instrument: &str, values: &[i64]) -> MeasureResult {
    submit_measure(app, &who.actor, instrument, &answers(values), None, None)
        .await
        .unwrap_or_else(|e| panic!("{instrument} {values:?}: {e:?}"))
}

fn checkin(mood: i64) -> NewCheckin {
    NewCheckin {
        mood: Some(mood),
        sleep_hours: Some(7.25),
        medication: Some("not_prescribed".into()),
        ..NewCheckin::default()
    }
}

/// `what` on the list: (due, every_days, last).
fn entry<'a>(list: &'a [Due], what: &str) -> &'a Due {
    list.iter()
        .find(|d| d.what == what)
        .unwrap_or_else(|| panic!("{what} is not on {list:?}"))
}

fn due_now(list: &[Due]) -> Vec<&str> {
    list.iter()
        .filter(|d| d.due)
        .map(|d| d.what.as_str())
        .collect()
}

async fn measure_count(t: &TestDb, client_id: Uuid) -> i64 {
    t.count("measures WHERE client_id = ?", vec![client_id.into()])
        .await
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

both_backends! {
    // CLINICAL.md "PHQ-9": bands; "Missing items" (one or two prorated, rounded halves up,
    // marked prorated); the baseline is the episode's first measure.
    async fn a_phq9_is_scored_stored_and_read_back(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        let first = submit(&app, &c.ana, "phq9", &[2, 2, 2, 2, 2, 1, 1, 1, 0]).await;
        assert_eq!(first.instrument.as_str(), "phq9");
        assert_eq!(first.total, 13);
        assert_eq!(first.band.map(|b| b.as_str()), Some("moderate"));
        assert!(!first.prorated);
        assert_eq!(first.baseline, 13);
        assert!(first.flags.is_empty(), "{:?}", first.flags);

        // Item 8 left out: 7 over 8 answered items → 7 · 9 / 8 = 7.875 → 8.
        clock.advance(Duration::days(7));
        let mut a = answers(&[1, 1, 1, 1, 1, 1, 1, 0, 0]);
        a[7] = None;
        let second = submit_measure(&app, &c.ana.actor, "phq9", &a, Some(1), None)
            .await
            .unwrap();
        assert_eq!(second.total, 8);
        assert!(second.prorated);
        assert_eq!(second.band.map(|b| b.as_str()), Some("mild"));
        assert_eq!(second.baseline, 13);
        let stored = t
            .query(
                "SELECT item, value FROM measure_answers WHERE measure_id = ? ORDER BY item",
                vec![second.id.into()],
            )
            .await;
        assert_eq!(stored.len(), 9);
        let item8: Option<i16> = stored[7].try_get("", "value").unwrap();
        assert_eq!(item8, None);

        let read = result_of(&app, &c.ana.actor, second.id).await.unwrap();
        assert_eq!(read.result.total, 8);
        assert_eq!(read.result.baseline, 13);
        assert!(read.result.prorated);
        assert_eq!(read.item9, Some(0));
        assert_eq!(read.count_in_episode, 2);
        rapport_testkit::assert_recent(read.taken_at, &app);
        assert_eq!(result_of(&app, &c.lena.actor, first.id).await.unwrap().count_in_episode, 1);

        // CLINICAL.md "GAD-7" and "WHO-5" (raw × 4).
        clock.advance(Duration::minutes(3));
        let gad7 = submit(&app, &c.ana, "gad7", &[2, 2, 1, 1, 1, 1, 1]).await;
        assert_eq!((gad7.total, gad7.band.map(|b| b.as_str())), (9, Some("mild")));
        clock.advance(Duration::minutes(2));
        let who5 = submit(&app, &c.ana, "who5", &[3, 3, 2, 2, 2]).await;
        assert_eq!((who5.total, who5.percentage), (12, Some(48)));

        let all = client_series(&app, &c.lena.actor, ana, None).await.unwrap();
        let totals: Vec<(&str, u8)> =
            all.iter().map(|p| (p.instrument.as_str(), p.total)).collect();
        assert_eq!(totals, [("phq9", 13), ("phq9", 8), ("gad7", 9), ("who5", 12)]);
        assert!(all.iter().all(|p| p.episode_id == all[0].episode_id));
        let phq9 = client_series(&app, &c.ana.actor, ana, Some("phq9")).await.unwrap();
        assert_eq!(phq9.len(), 2);
        assert_eq!(phq9[0].id, first.id);
        assert_eq!(phq9[1].item9, Some(0));
        assert_eq!(t.count("episodes WHERE client_id = ?", vec![ana.into()]).await, 1);
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'measures.read'",
                vec![ana.into()],
            )
            .await,
            2
        );
    }

    // Idempotency-Key: a retry returns the first answer and stores nothing twice; a key is
    // for one kind of request.
    async fn the_same_idempotency_key_stores_once(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let a = answers(&[1, 1, 1, 1, 1, 1, 1, 1, 0]);
        let key = Some("3f1c9a0e-retry");

        let first = submit_measure(&app, &c.ana.actor, "phq9", &a, None, key).await.unwrap();
        clock.advance(Duration::seconds(5));
        let again = submit_measure(&app, &c.ana.actor, "phq9", &a, None, key).await.unwrap();
        assert_eq!(again, first);
        assert_eq!(measure_count(t, ana).await, 1);
        assert_eq!(
            t.count("measure_answers WHERE measure_id = ?", vec![first.id.into()]).await,
            9
        );
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'measure.submitted'",
                vec![ana.into()],
            )
            .await,
            1
        );

        // The same key for a check-in: refused, nothing stored.
        let err = submit_checkin(&app, &c.ana.actor, checkin(6), key).await;
        assert_eq!(invalid_field(err), "Idempotency-Key");
        assert_eq!(t.count("checkins", vec![]).await, 0);

        // Keys are per person: Bo may use the same one.
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let his = submit_measure(&app, &bo.actor, "phq9", &a, None, key).await.unwrap();
        assert_ne!(his.id, first.id);
        assert_eq!(measure_count(t, id(&bo.actor)).await, 1);

        // Check-ins too; an empty key is refused.
        let k1 = submit_checkin(&app, &c.ana.actor, checkin(6), Some("k-2")).await.unwrap();
        let k2 = submit_checkin(&app, &c.ana.actor, checkin(6), Some("k-2")).await.unwrap();
        assert_eq!(k1, k2);
        assert_eq!(t.count("checkins", vec![]).await, 1);
        let err = submit_measure(&app, &c.ana.actor, "phq9", &a, None, Some("")).await;
        assert_eq!(invalid_field(err), "Idempotency-Key");
        assert_eq!(measure_count(t, ana).await, 1);
    }

    // CLINICAL.md "Instruments": a wrong number of answers, a missing required answer (item
    // 9 is never prorated) or an answer out of range is refused, naming the item; nothing
    // is stored.
    async fn invalid_answers_are_refused_and_nothing_stored(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let attempt = |instrument: &'static str, a: Vec<Option<i64>>| {
            let (app, actor) = (app.clone(), c.ana.actor.clone());
            async move { submit_measure(&app, &actor, instrument, &a, None, None).await }
        };

        let mut no_item9 = answers(&[3, 3, 3, 3, 3, 3, 3, 3, 0]);
        no_item9[8] = None;
        assert_eq!(invalid_field(attempt("phq9", no_item9).await), "answers[8]");
        // Item 9 left blank is itself a reason to ask (CLINICAL.md "Item 9 left unanswered"):
        // a medium safety flag.
        let safety = t.texts("SELECT level FROM flags WHERE kind = 'safety'", vec![]).await;
        assert_eq!(safety, vec![Some("medium".to_string())]);
        assert_eq!(invalid_field(attempt("phq9", answers(&[1; 8])).await), "answers");
        assert_eq!(invalid_field(attempt("phq9", answers(&[1; 10])).await), "answers");
        // Item 9 at 0 here: a refused PHQ-9 with item 9 above 0 still raises safety (below).
        let mut high = answers(&[1, 1, 1, 1, 1, 1, 1, 1, 0]);
        high[4] = Some(4);
        assert_eq!(invalid_field(attempt("phq9", high).await), "answers[4]");
        let mut three_missing = answers(&[1, 1, 1, 1, 1, 1, 1, 1, 0]);
        for i in [0, 3, 5] {
            three_missing[i] = None;
        }
        assert_eq!(invalid_field(attempt("phq9", three_missing).await), "answers[0]");
        assert_eq!(invalid_field(attempt("gad7", answers(&[-1; 7])).await), "answers[0]");
        assert_eq!(invalid_field(attempt("who5", answers(&[6; 5])).await), "answers[0]");
        assert_eq!(invalid_field(attempt("bdi2", answers(&[1; 21])).await), "instrument");
        let ones = answers(&[1, 1, 1, 1, 1, 1, 1, 1, 0]);
        let difficulty = submit_measure(&app, &c.ana.actor, "phq9", &ones, Some(4), None).await;
        assert_eq!(invalid_field(difficulty), "difficulty");

        assert_eq!(measure_count(t, ana).await, 0);
        assert_eq!(t.count("measure_answers", vec![]).await, 0);
        // The ten answers with item 9 at 1 raised that one flag to critical; nothing else did.
        assert_eq!(t.count("flags", vec![]).await, 1);

        // CLINICAL.md "safety: PHQ-9 item 9 ≥ 1, whatever the total": a PHQ-9 refused as too
        // incomplete to score, with item 9 = 2, stores no measure but raises the flag to
        // critical.
        let mut unscorable = answers(&[1, 1, 1, 1, 1, 1, 1, 1, 2]);
        for i in [0, 3, 5] {
            unscorable[i] = None;
        }
        assert_eq!(invalid_field(attempt("phq9", unscorable).await), "answers[0]");
        assert_eq!(measure_count(t, ana).await, 0);
        let safety = t.texts("SELECT level FROM flags WHERE kind = 'safety'", vec![]).await;
        assert_eq!(safety, vec![Some("critical".to_string())]);

        // The daily check-in (CLINICAL.md "Daily check-in"): mood 0–10, sleep in quarter
        // hours, medication yes/no/not prescribed.
        let k = |new: NewCheckin| {
            let (app, actor) = (app.clone(), c.ana.actor.clone());
            async move { submit_checkin(&app, &actor, new, None).await }
        };
        assert_eq!(invalid_field(k(checkin(11)).await), "mood");
        assert_eq!(invalid_field(k(NewCheckin { mood: None, ..checkin(5) }).await), "mood");
        let odd_sleep = NewCheckin { sleep_hours: Some(7.1), ..checkin(5) };
        assert_eq!(invalid_field(k(odd_sleep).await), "sleep_hours");
        let long_sleep = NewCheckin { sleep_hours: Some(24.25), ..checkin(5) };
        assert_eq!(invalid_field(k(long_sleep).await), "sleep_hours");
        let pills = NewCheckin { medication: Some("sometimes".into()), ..checkin(5) };
        assert_eq!(invalid_field(k(pills).await), "medication");
        assert_eq!(t.count("checkins", vec![]).await, 0);
    }

    // Policy: measures are the client's own to submit; the series is the client's and their
    // care team's.
    async fn who_may_submit_and_read_measures(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let a = answers(&[1; 9]);

        assert!(forbidden(submit_measure(&app, &c.lena.actor, "phq9", &a, None, None).await));
        assert!(forbidden(submit_measure(&app, &c.admin.actor, "phq9", &a, None, None).await));
        assert!(forbidden(submit_checkin(&app, &c.lena.actor, checkin(5), None).await));
        assert!(forbidden(due_today(&app, &c.lena.actor).await));
        assert_eq!(t.count("measures", vec![]).await, 0);

        let r = submit(&app, &c.ana, "phq9", &[1; 9]).await;
        assert!(forbidden(client_series(&app, &kofi.actor, ana, None).await));
        assert!(forbidden(client_series(&app, &c.admin.actor, ana, None).await));
        assert!(forbidden(client_series(&app, &bo.actor, ana, None).await));
        assert!(matches!(result_of(&app, &kofi.actor, r.id).await, Err(Error::NotFound)));
        assert!(matches!(result_of(&app, &bo.actor, r.id).await, Err(Error::NotFound)));
        assert!(matches!(result_of(&app, &c.admin.actor, r.id).await, Err(Error::NotFound)));
        assert_eq!(client_series(&app, &c.lena.actor, ana, None).await.unwrap().len(), 1);
        assert_eq!(client_series(&app, &c.ana.actor, ana, None).await.unwrap().len(), 1);
        assert!(client_series(&app, &bo.actor, id(&bo.actor), None).await.unwrap().is_empty());
    }

    // What is due today: PHQ-9 weekly, GAD-7 every two weeks, WHO-5 monthly, the check-in
    // daily, until the clinician changes it.
    async fn what_is_due_today_follows_the_schedule(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        let list = due_today(&app, &c.ana.actor).await.unwrap();
        let whats: Vec<&str> = list.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(whats, ["checkin", "phq9", "gad7", "who5"]);
        assert!(list.iter().all(|d| d.due && d.last.is_none()), "{list:?}");
        assert_eq!(entry(&list, "phq9").every_days, 7);
        assert_eq!(entry(&list, "gad7").every_days, 14);

        submit_checkin(&app, &c.ana.actor, checkin(6), None).await.unwrap();
        submit(&app, &c.ana, "phq9", &[1; 9]).await;
        submit(&app, &c.ana, "gad7", &[1; 7]).await;
        let list = due_today(&app, &c.ana.actor).await.unwrap();
        assert_eq!(due_now(&list), ["who5"]);
        assert_eq!(entry(&list, "phq9").last, Some(day(2026, 11, 23)));
        assert_eq!(entry(&list, "checkin").last, Some(day(2026, 11, 23)));

        // Six days on: the check-in is due, the PHQ-9 not yet; on the seventh, it is.
        clock.advance(Duration::days(6));
        let list = due_today(&app, &c.ana.actor).await.unwrap();
        assert_eq!(due_now(&list), ["checkin", "who5"]);
        clock.advance(Duration::days(1));
        let list = due_today(&app, &c.ana.actor).await.unwrap();
        assert_eq!(due_now(&list), ["checkin", "phq9", "who5"]);

        // The clinician asks for the GAD-7 weekly and the WHO-5 never.
        set_schedule(&app, &c.lena.actor, ana, "gad7", 7).await.unwrap();
        set_schedule(&app, &c.lena.actor, ana, "who5", 0).await.unwrap();
        let list = due_today(&app, &c.ana.actor).await.unwrap();
        assert_eq!(due_now(&list), ["checkin", "phq9", "gad7"]);
        assert_eq!(entry(&list, "gad7").every_days, 7);
        assert!(list.iter().all(|d| d.what != "who5"), "{list:?}");
        // Changed again: the latest setting wins.
        set_schedule(&app, &c.lena.actor, ana, "gad7", 14).await.unwrap();
        let list = due_today(&app, &c.ana.actor).await.unwrap();
        assert!(!entry(&list, "gad7").due);
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'schedule.set'",
                vec![ana.into()],
            )
            .await,
            3
        );

        // Nobody else sets schedules.
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
        assert!(forbidden(set_schedule(&app, &c.ana.actor, ana, "phq9", 30).await));
        assert!(forbidden(set_schedule(&app, &kofi.actor, ana, "phq9", 30).await));
        assert!(forbidden(set_schedule(&app, &c.admin.actor, ana, "phq9", 30).await));
        let odd = set_schedule(&app, &c.lena.actor, ana, "phq9", 366).await;
        assert_eq!(invalid_field(odd), "every_days");
        let odd = set_schedule(&app, &c.lena.actor, ana, "bdi2", 7).await;
        assert_eq!(invalid_field(odd), "instrument");
        assert_eq!(entry(&due_today(&app, &c.ana.actor).await.unwrap(), "phq9").every_days, 7);
    }

    // CLINICAL.md "Daily check-in": per calendar day in the client's own timezone.
    async fn a_check_in_belongs_to_the_clients_own_day(t: &TestDb) {
        let (app, clock) = t.app();
        let (chicago, _) = accounts::sign_up(
            &app,
            NewClient {
                name: "Rosa Diaz",
                email: "rosa@example.org",
                password: PASSWORD,
                timezone: Some("America/Chicago"),
            },
            ADDRESS,
        )
        .await
        .unwrap();
        let utc = client(&app, "Bo Lindqvist", "bo@example.org").await;

        // 09:00 UTC on 23 November is 03:00 in Chicago, the same date.
        let k = submit_checkin(&app, &chicago, checkin(6), None).await.unwrap();
        assert_eq!(k.day, day(2026, 11, 23));
        submit_checkin(&app, &utc.actor, checkin(6), None).await.unwrap();

        // 20 hours on it is 05:00 on the 24th in UTC, 23:00 on the 23rd in Chicago.
        clock.advance(Duration::hours(20));
        assert!(entry(&due_today(&app, &utc.actor).await.unwrap(), "checkin").due);
        assert!(!entry(&due_today(&app, &chicago).await.unwrap(), "checkin").due);
        let k = submit_checkin(&app, &chicago, checkin(5), None).await.unwrap();
        assert_eq!(k.day, day(2026, 11, 23));
        let k = submit_checkin(&app, &utc.actor, checkin(5), None).await.unwrap();
        assert_eq!(k.day, day(2026, 11, 24));
        let days = t
            .texts(
                "SELECT CAST(day AS TEXT) FROM checkins WHERE client_id = ? ORDER BY taken_at",
                vec![chicago.user_id.into()],
            )
            .await;
        assert_eq!(days, [Some("2026-11-23".into()), Some("2026-11-23".into())]);
    }

    // CLINICAL.md "Daily check-in": the optional note is encrypted; it never reaches the
    // database in clear.
    async fn a_check_in_note_is_sealed(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let note = "Argued with Marisol again; stayed under the duvet till two.";
        let k = submit_checkin(
            &app,
            &c.ana.actor,
            NewCheckin {
                note: Some(note.into()),
                ..checkin(4)
            },
            None,
        )
        .await
        .unwrap();
        let raw = t
            .texts("SELECT note FROM checkins WHERE id = ?", vec![k.id.into()])
            .await;
        let raw = raw[0].clone().expect("a stored note");
        assert!(raw.starts_with("v1:"), "{raw}");
        assert!(!raw.contains("Marisol") && !raw.contains("duvet"), "{raw}");

        let opened = rapport_store::checkins::since(
            t.db.conn(),
            Some(t.db.keys()),
            id(&c.ana.actor),
            day(2026, 11, 1),
        )
        .await
        .unwrap();
        assert_eq!(opened.len(), 1);
        assert_eq!(opened[0].note.as_deref(), Some(note));
        assert_eq!(opened[0].mood, 4);
        assert_eq!(opened[0].sleep_quarters, 29);
        assert_eq!(opened[0].medication, "not_prescribed");
        // A blank note is no note.
        let blank = submit_checkin(
            &app,
            &c.ana.actor,
            NewCheckin {
                note: Some("   ".into()),
                ..checkin(4)
            },
            None,
        )
        .await
        .unwrap();
        let raw = t
            .texts("SELECT note FROM checkins WHERE id = ?", vec![blank.id.into()])
            .await;
        assert_eq!(raw, [None]);
    }
}
