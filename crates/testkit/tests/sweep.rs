//! The periodic early-warning checks (CLINICAL.md "Early warning", disengagement row): what
//! did not happen — no check-in for 14 days in an active episode, two scheduled measures
//! missed in a row — found by `alerts::sweep`, on both databases; and the hourly job's
//! `alerts::sweep_slots`, which judges each client once a day, in their daily slot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, Timelike, Utc};
use rapport_app::alerts::{page_reads_differ, sweep, sweep_slots};
use rapport_app::homework::{NewAssignment, RepeatInput, assign, save_entry, start_own};
use rapport_app::measures::{NewCheckin, set_schedule, submit_checkin, submit_measure};
use rapport_app::sessions::{NewSessions, cancel, record_attendance, schedule};
use rapport_core::accounts::CareTeamRole;
use rapport_core::jobs::daily_slot;
use rapport_store::episodes::sweep_slot;
use rapport_testkit::{TestDb, both_backends, client, practice};
use uuid::Uuid;

async fn disengagement_flags(t: &TestDb) -> i64 {
    t.count(
        "flags WHERE kind = 'disengagement' AND status <> 'resolved'",
        vec![],
    )
    .await
}

fn checkin() -> NewCheckin {
    NewCheckin {
        mood: Some(5),
        sleep_hours: Some(7.0),
        medication: Some("not_prescribed".into()),
        ..NewCheckin::default()
    }
}

/// Each client checks in and answers a PHQ-9 (so that the sweep has a start to count from).
async fn begin(app: &rapport_app::App, clients: &[&rapport_testkit::Client]) {
    for who in clients {
        submit_checkin(app, &who.actor, checkin(), None)
            .await
            .unwrap();
        submit_measure(app, &who.actor, "phq9", &[Some(1); 9], None, None)
            .await
            .unwrap();
    }
}

/// A check-in of the client's day, stored as reported by `by`.
async fn reported_for(db: &rapport_store::Db, app: &rapport_app::App, client: Uuid, by: Uuid) {
    let tx = db.write().await.unwrap();
    let episode = rapport_store::episodes::current(tx.conn(), client)
        .await
        .unwrap()
        .unwrap();
    let k = rapport_store::checkins::Checkin {
        id: Uuid::new_v4(),
        client_id: client,
        episode_id: Some(episode.id),
        day: app.now().date_naive(),
        taken_at: app.now(),
        mood: 5,
        sleep_quarters: 28,
        medication: "taken".into(),
        note: None,
        reported_by: by,
        signs: vec![],
        self_harm: None,
    };
    rapport_store::checkins::insert(tx.conn(), tx.keys(), &k)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

both_backends! {
    // Row "disengagement": no check-in for 14 days in an active episode → low.
    async fn fourteen_days_without_a_check_in_raise_one_low_flag(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        submit_checkin(&app, &ana.actor, checkin(), None).await.unwrap();
        // Keep the PHQ-9s coming so only the check-in rule can fire.
        for _ in 0..2 {
            clock.advance(Duration::days(6));
            submit_measure(&app, &ana.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
        }
        clock.advance(Duration::days(1));
        // 13 days after the check-in: nothing yet.
        assert_eq!(sweep(&app).await.unwrap(), 0);
        assert_eq!(disengagement_flags(t).await, 0);
        clock.advance(Duration::days(1));
        assert_eq!(sweep(&app).await.unwrap(), 1, "14 days without a check-in");
        let level = t.texts("SELECT level FROM flags WHERE kind = 'disengagement'", vec![]).await;
        assert_eq!(level, vec![Some("low".to_string())]);
        // Running again adds nothing while the flag is unresolved.
        assert_eq!(sweep(&app).await.unwrap(), 0);
        assert_eq!(disengagement_flags(t).await, 1);
    }

    // Row "disengagement": two scheduled measures missed in a row → low.
    async fn two_missed_weekly_phq9s_raise_a_flag(t: &TestDb) {
        let (app, clock) = t.app();
        let bo = client(&app, "Bo", "bo@example.org").await;
        submit_measure(&app, &bo.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
        for _ in 0..13 {
            clock.advance(Duration::days(1));
            submit_checkin(&app, &bo.actor, checkin(), None).await.unwrap();
        }
        assert_eq!(sweep(&app).await.unwrap(), 0, "one missed week is not two in a row");
        for _ in 0..8 {
            clock.advance(Duration::days(1));
            submit_checkin(&app, &bo.actor, checkin(), None).await.unwrap();
        }
        assert_eq!(sweep(&app).await.unwrap(), 1, "two weekly PHQ-9s missed in a row");
    }

    async fn clients_without_an_episode_are_not_swept(t: &TestDb) {
        let (app, clock) = t.app();
        client(&app, "Cy", "cy@example.org").await;
        clock.advance(Duration::days(60));
        assert_eq!(sweep(&app).await.unwrap(), 0);
    }

    async fn the_hourly_sweep_judges_each_client_in_their_daily_slot(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let bo = client(&app, "Bo", "bo@example.org").await;
        begin(&app, &[&ana, &bo]).await;
        // Fifteen days on, at the next UTC midnight: both are due a flag (no check-in).
        clock.advance(Duration::days(15));
        let now = app.now();
        clock.advance(Duration::seconds(86_400 - i64::from(now.num_seconds_from_midnight())));
        let midnight = app.now();
        let slot_of = |id: uuid::Uuid| Duration::minutes(i64::from(daily_slot(id.as_bytes())));
        let (a, b) = (slot_of(ana.actor.user_id), slot_of(bo.actor.user_id));
        let (first, second) = if a <= b { (a, b) } else { (b, a) };
        // Move to the first slot of the two: only that client is judged.
        let at = |d: Duration| midnight + d + Duration::seconds(30);
        clock.advance(at(first) - app.now());
        let since: DateTime<Utc> = midnight - Duration::seconds(1);
        let flagged = sweep_slots(&app, since).await.unwrap();
        if first == second {
            assert_eq!(flagged, 2, "the same slot");
            return;
        }
        assert_eq!(flagged, 1, "only the client whose slot came");
        assert_eq!(disengagement_flags(t).await, 1);
        // The next window (from the last run) takes the other client, and no one twice.
        let since = app.now();
        clock.advance(at(second) - app.now());
        assert_eq!(sweep_slots(&app, since).await.unwrap(), 1);
        assert_eq!(disengagement_flags(t).await, 2);
        // A window of a day or more takes everyone (after a server was down that long).
        assert_eq!(sweep_slots(&app, app.now() - Duration::days(1)).await.unwrap(), 0, "flags open");
    }

    // Episodes written before the slot column (m0049) have none until the start-up places
    // them: until then, every hourly sweep judges them, whatever its window, so none is missed.
    async fn an_episode_not_yet_in_a_slot_is_judged_until_it_is_placed(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let bo = client(&app, "Bo", "bo@example.org").await;
        begin(&app, &[&ana, &bo]).await;
        let slotted = |client: uuid::Uuid| {
            t.count(
                "episodes WHERE client_id = ? AND sweep_slot = ?",
                vec![client.into(), sweep_slot(client).into()],
            )
        };
        assert_eq!(slotted(ana.actor.user_id).await, 1, "a new episode has its slot");
        assert_eq!(t.execute("UPDATE episodes SET sweep_slot = NULL", vec![]).await, 2);
        clock.advance(Duration::days(15));
        // A window in which no slot comes.
        assert_eq!(sweep_slots(&app, app.now()).await.unwrap(), 2, "both, though unplaced");
        // Placing a slot marks neither the summaries nor the reminders to be worked out again.
        for who in [&ana, &bo] {
            rapport_store::summaries::refresh(t.db.conn(), who.actor.user_id, app.now()).await.unwrap();
        }
        assert_eq!(t.count("client_summaries WHERE stale", vec![]).await, 0);
        let marks = || t.texts("SELECT CAST(SUM(marks) AS TEXT) FROM reminder_watch", vec![]);
        let (marks_before, stale_before) =
            (marks().await, t.count("client_summaries WHERE stale", vec![]).await);
        // A database from before m0049 has not run the pass.
        t.execute("DELETE FROM upkeep_passes", vec![]).await;
        t.db.migrate().await.unwrap();
        assert_eq!(t.count("episodes WHERE sweep_slot IS NULL", vec![]).await, 0);
        for who in [&ana, &bo] {
            assert_eq!(slotted(who.actor.user_id).await, 1, "placed in the client's slot");
        }
        assert_eq!(marks().await, marks_before);
        assert_eq!(t.count("client_summaries WHERE stale", vec![]).await, stale_before);
    }

    // The sweep judges a page of clients on one snapshot: in the same page, the engaged
    // client is left alone, the one already flagged is not flagged again, and the one newly
    // disengaged is flagged.
    async fn a_page_of_clients_is_judged_each_on_their_own(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana", "ana@example.org").await;
        let bo = client(&app, "Bo", "bo@example.org").await;
        let cy = client(&app, "Cy", "cy@example.org").await;
        begin(&app, &[&ana, &bo, &cy]).await;
        // Cy stops; Ana and Bo keep checking in, with a PHQ-9 every six days.
        for day in 1..=28 {
            clock.advance(Duration::days(1));
            let going: &[&rapport_testkit::Client] = if day <= 14 { &[&ana, &bo] } else { &[&bo] };
            for who in going {
                submit_checkin(&app, &who.actor, checkin(), None).await.unwrap();
                if day % 6 == 0 {
                    submit_measure(&app, &who.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
                }
            }
            if day == 14 {
                assert_eq!(sweep(&app).await.unwrap(), 1, "Cy: 14 days without a check-in");
            }
        }
        // Ana's last check-in was 14 days ago; Cy's flag is still open; Bo checked in today.
        assert_eq!(sweep(&app).await.unwrap(), 1, "Ana only");
        for (who, flags) in [(&ana, 1), (&bo, 0), (&cy, 1)] {
            let id = who.actor.user_id;
            assert_eq!(
                t.count("flags WHERE kind = 'disengagement' AND client_id = ?", vec![id.into()]).await,
                flags,
            );
        }
    }

    // The sweep reads a page of clients at once, one statement for each kind of row, and
    // hands each client what was read of theirs: on every day of a month of differing lives,
    // timezones, schedules, sessions, homework and a new episode, that is exactly what each
    // client's own reads give (the re-check under the write lock only guards against a false alarm, not
    // against a client the page read missed).
    async fn a_page_gives_each_client_what_their_own_reads_give(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let cy = client(&app, "Cy", "cy@example.org").await;
        let di = client(&app, "Di", "di@example.org").await;
        let (ana, bo, lena) = (p.ana.actor.user_id, p.bo.actor.user_id, &p.lena.actor);
        for (who, zone) in [(bo, "Pacific/Auckland"), (cy.actor.user_id, "America/Los_Angeles")] {
            t.execute("UPDATE users SET timezone = ? WHERE id = ?", vec![zone.into(), who.into()]).await;
        }
        begin(&app, &[&p.ana, &p.bo, &cy, &di]).await;
        rapport_app::care_teams::assign(&app, &p.admin.actor, bo, p.lena.actor.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        set_schedule(&app, lena, bo, "phq9", 14).await.unwrap();
        let weekly = |who: Uuid, hours: i64| NewSessions {
            clients: vec![who],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Room 2, 14 Elm Street".into(),
            first: Some((app.now() + Duration::days(2) + Duration::hours(hours)).naive_utc()),
            minutes: Some(50),
            weeks: Some(4),
            ..Default::default()
        };
        let ana_sessions = schedule(&app, lena, weekly(ana, 0)).await.unwrap();
        let bo_sessions = schedule(&app, lena, weekly(bo, 2)).await.unwrap();
        cancel(&app, lena, ana_sessions[2], "The room is closed").await.unwrap();
        let daily = |until: i64| NewAssignment {
            kind: "journal".into(),
            instructions: String::new(),
            due_on: None,
            repeat: Some(RepeatInput {
                every: "day".into(),
                until: Some((app.now() + Duration::days(until)).date_naive()),
            }),
        };
        let journal = assign(&app, lena, ana, daily(12)).await.unwrap();
        start_own(&app, &p.bo.actor, bo, daily(5)).await.unwrap();
        for day in 1..=30_i64 {
            // 23 hours a day: the clock comes round every hour of the day in a month.
            clock.advance(Duration::hours(23));
            let going: Vec<&rapport_testkit::Client> = [
                (&p.ana, day <= 18),
                (&p.bo, day % 3 == 0),
                (&cy, day <= 10),
            ]
            .into_iter()
            .filter_map(|(who, today)| today.then_some(who))
            .collect();
            for who in going {
                submit_checkin(&app, &who.actor, checkin(), None).await.unwrap();
            }
            // Di's days as someone else reported them (an import stores such rows): they are
            // not Di checking in.
            if (3..=9).contains(&day) {
                reported_for(&t.db, &app, di.actor.user_id, lena.user_id).await;
            }
            if day % 7 == 0 {
                submit_measure(&app, &p.ana.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
            }
            if day % 2 == 0 && day <= 12 {
                let entry = serde_json::json!({"text": "Walked to the bakery", "mood": 5});
                save_entry(&app, &p.ana.actor, journal, Some(app.now().date_naive()), false, &entry)
                    .await
                    .unwrap();
            }
            // The week's sessions are past by its fourth day; Ana's third was cancelled.
            let week = (day / 7) as usize;
            if day % 7 == 4 && week < ana_sessions.len() {
                if week != 2 {
                    record_attendance(&app, lena, ana_sessions[week], ana, "attended").await.unwrap();
                }
                if week < 2 {
                    record_attendance(&app, lena, bo_sessions[week], bo, "no_show").await.unwrap();
                }
            }
            // Bo's episode closes and a new one starts: his sessions and PHQ-9s before it
            // no longer count, though the page reads from the earliest start among its clients.
            match day {
                15 => rapport_app::episodes::change(&app, lena, bo, "closed", "Moved away.").await.unwrap(),
                16 => rapport_app::episodes::change(&app, lena, bo, "active", "Back.").await.unwrap(),
                _ => {}
            }
            let (compared, differ) = page_reads_differ(&app).await.unwrap();
            assert_eq!(compared, if day == 15 { 3 } else { 4 }, "day {day}");
            assert!(differ.is_empty(), "day {day}: the page read otherwise for {differ:?}");
        }
        assert!(t.count("session_attendees WHERE attendance = 'no_show'", vec![]).await > 0);
        assert_eq!(t.count("episodes WHERE client_id = ?", vec![bo.into()]).await, 2);
        assert!(t.count("homework_entries WHERE draft = ?", vec![false.into()]).await > 0);
    }
}
