//! The audit log: what is recorded, what a client sees of it, and that the hash chain catches
//! a changed or removed event.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::accounts::check_password;
use rapport_app::audit_log::{self, my_access_log};
use rapport_app::care_teams::{assign, client_record};
use rapport_app::{App, Error};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_store::audit::{self, tamper_statement};
use rapport_store::{ConnectionTrait, Db};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, client, staff};

async fn events(db: &Db) -> Vec<audit::Event> {
    let mut all = audit::recent(db.conn(), 10_000).await.unwrap();
    all.reverse();
    all
}

/// Sign-ups, sign-ins and a record opened: a few events of different kinds.
async fn some_history(app: &App) {
    let admin = staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
    let lena = staff(
        app,
        Role::Clinician,
        "Dr Lena Okafor",
        "lena@clinic.example",
    )
    .await;
    let ana = client(app, "Ana Ruiz", "ana@example.org").await;
    assign(
        app,
        &admin.actor,
        ana.actor.user_id,
        lena.actor.user_id,
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
    client_record(app, &lena.actor, ana.actor.user_id)
        .await
        .unwrap();
}

both_backends! {
    async fn sign_ins_are_recorded_whether_they_succeed_or_fail(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        assert_eq!(events(&t.db).await.len(), 1);

        check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let all = events(&t.db).await;
        assert_eq!(all.len(), 2);
        let e = &all[1];
        assert_eq!(
            (e.action.as_str(), e.outcome.as_str()),
            ("auth.sign_in", "ok")
        );
        assert_eq!(e.actor_id, Some(ana.actor.user_id));
        assert_eq!(e.address.as_deref(), Some(ADDRESS));

        check_password(&app, "ana@example.org", "not her password", "198.51.100.4")
            .await
            .unwrap_err();
        let all = events(&t.db).await;
        assert_eq!(all.len(), 3);
        let e = &all[2];
        assert_eq!(
            (e.action.as_str(), e.outcome.as_str()),
            ("auth.sign_in", "failed")
        );
        assert_eq!(e.actor_id, Some(ana.actor.user_id));
        assert_eq!(e.address.as_deref(), Some("198.51.100.4"));

        check_password(&app, "nobody@example.org", PASSWORD, "198.51.100.5")
            .await
            .unwrap_err();
        let all = events(&t.db).await;
        assert_eq!(all.len(), 4);
        let e = &all[3];
        assert_eq!(
            (e.action.as_str(), e.outcome.as_str()),
            ("auth.sign_in", "failed")
        );
        assert_eq!(e.actor_id, None);
        assert_eq!(e.address.as_deref(), Some("198.51.100.5"));
        // No e-mail address or password in clear in any event.
        for e in &all {
            let text = format!("{e:?}");
            assert!(
                !text.contains("nobody@example.org") && !text.contains(PASSWORD),
                "{text}"
            );
        }
    }

    async fn a_client_sees_who_opened_their_record(t: &TestDb) {
        let (app, clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        assign(
            &app,
            &admin.actor,
            ana.actor.user_id,
            lena.actor.user_id,
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
        clock.advance(Duration::minutes(5));
        client_record(&app, &lena.actor, ana.actor.user_id)
            .await
            .unwrap();
        let opened_at = app.now();
        clock.advance(Duration::minutes(5));

        let log = my_access_log(&app, &ana.actor).await.unwrap();
        let whats: Vec<_> = log.iter().map(|e| (e.who.as_str(), e.what)).collect();
        assert_eq!(
            whats,
            [
                ("You", "Looked at this list"),
                ("Dr Lena Okafor", "Opened your record"),
                ("Sam Admin", "Added a clinician to your care team"),
                ("You", "Your account was created"),
            ]
        );
        assert_eq!(log[1].role.map(|r| r.as_str()), Some("clinician"));
        assert_eq!(log[1].at, opened_at);
        // Bo's list is his own.
        let bo_log = my_access_log(&app, &bo.actor).await.unwrap();
        assert!(bo_log.iter().all(|e| e.who == "You"), "{bo_log:?}");
        // Staff have no such list.
        assert!(matches!(
            my_access_log(&app, &lena.actor).await,
            Err(Error::Forbidden)
        ));
    }
    async fn a_refused_attempt_is_not_shown_as_an_opening(t: &TestDb) {
        let (app, _clock) = t.app();
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        assert!(matches!(
            client_record(&app, &kofi.actor, ana.actor.user_id).await,
            Err(Error::Forbidden)
        ));
        let log = my_access_log(&app, &ana.actor).await.unwrap();
        assert!(
            !log.iter()
                .any(|e| e.who == "Kofi Mensah" && e.what == "Opened your record"),
            "Kofi was refused, yet Ana is told he opened her record: {log:?}"
        );
    }

    async fn an_untouched_chain_verifies(t: &TestDb) {
        let (app, clock) = t.app();
        // Times finer than a microsecond are stored at microseconds; the chain must agree.
        clock.advance(Duration::nanoseconds(123_456_789));
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await; // 3 events
        clock.advance(Duration::nanoseconds(987_654_321));
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await; // 3
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await; // 1
        clock.advance(Duration::nanoseconds(1_001));
        assign(
            &app,
            &admin.actor,
            ana.actor.user_id,
            lena.actor.user_id,
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap(); // 1
        client_record(&app, &lena.actor, ana.actor.user_id)
            .await
            .unwrap(); // 1
        my_access_log(&app, &ana.actor).await.unwrap(); // 1
        check_password(&app, "ana@example.org", "wrong password", ADDRESS)
            .await
            .unwrap_err(); // 1

        let v = audit_log::verify(&app, None).await.unwrap();
        assert_eq!(v.events, 11);
        assert_eq!(v.first_broken, None);
        assert_eq!(
            audit_log::verify(&app, Some(&admin.actor)).await.unwrap(),
            v
        );
        assert!(matches!(
            audit_log::verify(&app, Some(&lena.actor)).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            audit_log::verify(&app, Some(&ana.actor)).await,
            Err(Error::Forbidden)
        ));
        // And from a second connection, as `rapport audit verify` would run.
        assert_eq!(audit::verify(&t.reopen().await).await.unwrap(), v);
        // The chain is a line: 1, 2, 3…, each pointing to the one before.
        let all = events(&t.db).await;
        assert_eq!(all.first().unwrap().prev_hash, audit::GENESIS);
        for (i, pair) in all.windows(2).enumerate() {
            assert_eq!(pair[0].seq, i as i64 + 1);
            assert_eq!(pair[1].prev_hash, pair[0].hash);
        }
    }

    async fn a_changed_event_breaks_the_chain_where_it_was_changed(t: &TestDb) {
        let (app, _clock) = t.app();
        some_history(&app).await;
        let before = audit::verify(&t.db).await.unwrap();
        assert_eq!(before.first_broken, None);
        assert_eq!(before.events, 9);
        let original = events(&t.db).await[4].action.clone();

        let changed =
            t.db.conn()
                .execute_raw(tamper_statement(t.backend(), 5, "x"))
                .await
                .unwrap();
        assert_eq!(changed.rows_affected(), 1);
        let v = audit::verify(&t.db).await.unwrap();
        let (seq, why) = v.first_broken.clone().expect("the change is caught");
        assert_eq!(seq, 5, "{why}");
        assert_eq!(v.events, 4);
        assert!(why.contains("changed"), "{why}");

        // Put back as it was, the chain holds again: the check is on content, not on touch.
        t.db.conn()
            .execute_raw(tamper_statement(t.backend(), 5, &original))
            .await
            .unwrap();
        assert_eq!(audit::verify(&t.db).await.unwrap(), before);

        // The last event is watched as closely as the first.
        let last = before.events as i64;
        t.db.conn()
            .execute_raw(tamper_statement(t.backend(), last, "x"))
            .await
            .unwrap();
        assert_eq!(
            audit::verify(&t.db)
                .await
                .unwrap()
                .first_broken
                .map(|b| b.0),
            Some(last)
        );
        t.db.conn()
            .execute_raw(tamper_statement(t.backend(), 1, "x"))
            .await
            .unwrap();
        assert_eq!(
            audit::verify(&t.db)
                .await
                .unwrap()
                .first_broken
                .map(|b| b.0),
            Some(1)
        );
    }

    async fn a_removed_last_event_is_caught(t: &TestDb) {
        let (app, _clock) = t.app();
        some_history(&app).await;
        let before = audit::verify(&t.db).await.unwrap();
        assert_eq!(before.first_broken, None);
        let last = before.events as i64;

        let removed = t
            .execute("DELETE FROM audit_events WHERE seq = ?", vec![last.into()])
            .await;
        assert_eq!(removed, 1);
        let v = audit::verify(&t.db).await.unwrap();
        let (seq, why) = v.first_broken.expect("the removal is caught");
        assert_eq!(seq, last, "{why}");
        assert_eq!(v.events, before.events - 1);
    }

    async fn a_checkpoint_catches_the_newest_events_removed_and_the_head_moved_back(t: &TestDb) {
        let (app, _clock) = t.app();
        some_history(&app).await;
        let kept = audit::verify(&t.db).await.unwrap();
        let earlier = audit_log::checkpoint(&app).await.unwrap().unwrap();
        assert_eq!(earlier.seq, kept.events as i64);
        check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let mark = audit_log::checkpoint(&app).await.unwrap().unwrap();
        assert_eq!(mark.seq, earlier.seq + 1);
        // SEQ:HASH reads back as itself; anything else is refused.
        assert_eq!(audit::Checkpoint::parse(&mark.to_string()), Some(mark.clone()));
        assert_eq!(audit::Checkpoint::parse("12"), None);
        assert_eq!(audit::Checkpoint::parse("0:abc"), None);
        assert_eq!(
            audit_log::verify_against(&app, &mark).await.unwrap().first_broken,
            None
        );
        assert_eq!(
            audit_log::verify_against(&app, &earlier).await.unwrap().first_broken,
            None
        );

        // Remove the newest event and move the head back to the one before: the chain that is
        // left still links, so plain verification passes…
        t.execute("DELETE FROM audit_events WHERE seq = ?", vec![mark.seq.into()])
            .await;
        t.execute(
            "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
            vec![earlier.seq.into(), earlier.hash.clone().into()],
        )
        .await;
        let plain = audit::verify(&t.reopen().await).await.unwrap();
        assert_eq!(plain.first_broken, None);
        // …but not against the checkpoint kept elsewhere.
        let v = audit_log::verify_against(&app, &mark).await.unwrap();
        let (seq, why) = v.first_broken.expect("the removal is caught");
        assert_eq!(seq, mark.seq);
        assert!(why.contains("missing"), "{why}");
        assert_eq!(
            audit_log::verify_against(&app, &earlier).await.unwrap().first_broken,
            None
        );

        // A different event written at that number links fine, and still differs.
        check_password(&app, "nobody@example.org", PASSWORD, "198.51.100.9")
            .await
            .unwrap_err();
        assert_eq!(audit::verify(&t.db).await.unwrap().first_broken, None);
        assert_eq!(audit_log::checkpoint(&app).await.unwrap().unwrap().seq, mark.seq);
        let v = audit_log::verify_against(&app, &mark).await.unwrap();
        let (seq, why) = v.first_broken.expect("the replacement is caught");
        assert_eq!(seq, mark.seq);
        assert!(why.contains("differs"), "{why}");
        // A checkpoint with the right number and a wrong hash fails too.
        let wrong = audit::Checkpoint {
            seq: earlier.seq,
            hash: audit::GENESIS.to_string(),
        };
        assert!(
            audit_log::verify_against(&app, &wrong)
                .await
                .unwrap()
                .first_broken
                .is_some()
        );
    }

    async fn a_removed_event_in_the_middle_is_caught(t: &TestDb) {
        let (app, _clock) = t.app();
        some_history(&app).await;
        t.execute("DELETE FROM audit_events WHERE seq = ?", vec![3i64.into()])
            .await;
        let v = audit::verify(&t.db).await.unwrap();
        let (seq, why) = v.first_broken.expect("the removal is caught");
        assert_eq!(seq, 4);
        assert!(why.contains("event 3 is missing"), "{why}");
        assert_eq!(v.events, 2);
    }

    async fn new_events_after_a_break_do_not_mend_it(t: &TestDb) {
        let (app, _clock) = t.app();
        some_history(&app).await;
        t.db.conn()
            .execute_raw(tamper_statement(t.backend(), 2, "x"))
            .await
            .unwrap();
        check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let v = audit::verify(&t.db).await.unwrap();
        assert_eq!(v.first_broken.map(|b| b.0), Some(2));
    }

    async fn parallel_writers_keep_the_chain_a_line(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let tasks: Vec<_> = (1..=8)
            .map(|i| {
                let (app, actor) = (app.clone(), ana.actor.clone());
                tokio::spawn(async move {
                    if i % 2 == 0 {
                        check_password(
                            &app,
                            "ana@example.org",
                            PASSWORD,
                            &format!("198.51.100.{i}"),
                        )
                        .await
                        .map(|_| ())
                    } else {
                        my_access_log(&app, &actor).await.map(|_| ())
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let v = audit::verify(&t.db).await.unwrap();
        assert_eq!(v.first_broken, None);
        assert_eq!(v.events, 9);
    }

    async fn reads_in_parallel_with_writes_leave_every_event_in_one_line(t: &TestDb) {
        let (app, _clock) = t.app();
        some_history(&app).await;
        let lena = check_password(&app, "lena@clinic.example", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let ana = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let before = audit::verify(&t.db).await.unwrap().events;
        // Reads share commits in the journal while writes take their own transactions.
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let app = app.clone();
                let (lena, ana) = (lena.actor.clone(), ana.actor.clone());
                tokio::spawn(async move {
                    if i % 4 == 0 {
                        rapport_app::care_teams::set_emergency_contact(
                            &app,
                            &ana,
                            ana.user_id,
                            &format!("Sister, 555-01{i:02}"),
                        )
                        .await
                    } else {
                        client_record(&app, &lena, ana.user_id).await.map(|_| ())
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let v = audit::verify(&t.db).await.unwrap();
        assert_eq!(v.first_broken, None);
        assert_eq!(v.events, before + 40);
        let all = events(&t.db).await;
        let reads = all
            .iter()
            .filter(|e| e.action == "client.record.read" && e.actor_id == Some(lena.actor.user_id))
            .count();
        // One read in `some_history`, thirty here.
        assert_eq!(reads, 31);
    }

    async fn a_chain_longer_than_a_page_verifies_and_breaks_where_changed(t: &TestDb) {
        let (app, _clock) = t.app();
        // Straight into the store's journal, one batch: 2,050 events is three pages of
        // `verify` and 21 inserts.
        let events = (0..2_050)
            .map(|i| audit::NewEvent {
                id: app.new_id(),
                at: app.now() + Duration::microseconds(i),
                actor_id: None,
                actor_role: None,
                action: "test.event".into(),
                client_id: None,
                resource: Some(format!("n:{i}")),
                outcome: "ok".into(),
                address: None,
                detail: None,
            })
            .collect();
        t.db.journal(events).await.unwrap();
        let v = audit::verify(&t.db).await.unwrap();
        assert_eq!((v.events, v.first_broken), (2_050, None));

        t.db.conn()
            .execute_raw(tamper_statement(t.backend(), 1_500, "x"))
            .await
            .unwrap();
        let v = audit::verify(&t.db).await.unwrap();
        assert_eq!(v.first_broken.map(|b| b.0), Some(1_500));
        assert_eq!(v.events, 1_499);
    }

    async fn the_chain_holds_when_another_process_appends_or_a_write_rolls_back(t: &TestDb) {
        // Each Db keeps the head it last wrote as a guess; the guess goes stale when another
        // process appends or when the transaction that wrote it rolls back.
        let other = t.reopen().await;
        let one = |n: &str| audit::NewEvent {
            id: uuid::Uuid::now_v7(),
            at: rapport_testkit::start_time(),
            actor_id: None,
            actor_role: None,
            action: "test.event".into(),
            client_id: None,
            resource: Some(n.to_string()),
            outcome: "ok".into(),
            address: None,
            detail: None,
        };
        for round in 0..3 {
            let tx = t.db.write().await.unwrap();
            audit::append(&tx, one(&format!("a{round}"))).await.unwrap();
            tx.commit().await.unwrap();
            let tx = other.write().await.unwrap();
            audit::append(&tx, one(&format!("b{round}"))).await.unwrap();
            tx.commit().await.unwrap();
            // Appended, then rolled back: nothing of it stays.
            let tx = t.db.write().await.unwrap();
            audit::append(&tx, one("gone")).await.unwrap();
            drop(tx);
            other.journal(vec![one(&format!("c{round}"))]).await.unwrap();
            t.db.journal(vec![one(&format!("d{round}"))]).await.unwrap();
            t.db.journal(vec![one(&format!("e{round}"))]).await.unwrap();
        }
        let v = audit::verify(&t.db).await.unwrap();
        assert_eq!((v.events, v.first_broken), (15, None));
        let all = events(&other).await;
        assert!(all.iter().all(|e| e.resource.as_deref() != Some("gone")));
        assert_eq!(all.last().unwrap().resource.as_deref(), Some("e2"));
    }
}
