//! The database itself: migrations run again harmlessly, and a SQLite backup is a working copy.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::care_teams::set_emergency_contact;
use rapport_core::accounts::Role;
use rapport_store::accounts::{profiles, users};
use rapport_store::backup::sqlite_copy;
use rapport_store::crypto::Keyring;
use rapport_store::{Backend, Db, DbOptions, audit};
use rapport_testkit::{TestDb, both_backends, client, staff};

fn some(values: &[i64]) -> Vec<Option<i64>> {
    values.iter().copied().map(Some).collect()
}

fn refused_field<T: std::fmt::Debug>(r: Result<T, rapport_app::Error>) -> (String, String) {
    match r {
        Err(rapport_app::Error::Invalid { field, message }) => (field, message),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// The permission bits of a file.
#[cfg(unix)]
fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// (id, e-mail, name, role) of every account, sorted by id.
async fn accounts_of(db: &Db) -> Vec<(uuid::Uuid, String, String, String)> {
    let mut v: Vec<_> = users::list(db.conn(), db.keys())
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.id, u.email, u.name, u.role))
        .collect();
    v.sort();
    v
}

both_backends! {
    async fn every_migration_down_undoes_its_up(t: &TestDb) {
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        t.db.undo_all_migrations().await.unwrap();
        let tables = match t.backend() {
            Backend::Sqlite => "sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'",
            Backend::Postgres => "information_schema.tables WHERE table_schema = 'public' AND table_name <> 'seaql_migrations'",
        };
        assert_eq!(t.count(tables, vec![]).await, 0, "down left tables behind");
        assert_eq!(t.count("seaql_migrations", vec![]).await, 0);
        // And up again from nothing gives a working, empty database.
        t.db.migrate().await.unwrap();
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        assert_eq!(t.count("users", vec![]).await, 1);
        assert!(audit::verify(&t.db).await.unwrap().first_broken.is_none());
    }

    // A start-up pass that has once run to the end is not run again (each reads a whole
    // table); a bulk load forgets that, so the next start runs every pass once more.
    async fn a_start_up_pass_runs_once_until_a_bulk_load(t: &TestDb) {
        use rapport_store::bulk::{Loader, LoaderOptions};
        use rapport_store::upkeep::{Pass, done, once};
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        for pass in [Pass::SearchTerms, Pass::SealedConsultationTimes, Pass::SweepSlots] {
            assert!(done(&t.db, pass).await.unwrap(), "{pass:?}");
        }
        assert!(!done(&t.db, Pass::Summaries).await.unwrap(), "run by `serve`, not by migrate");
        let fill = async || rapport_store::summaries::backfill(&t.db, app.now()).await;
        assert_eq!(once(&t.db, Pass::Summaries, fill).await.unwrap(), Some(1));
        assert_eq!(once(&t.db, Pass::Summaries, fill).await.unwrap(), None);

        t.execute("DELETE FROM account_search_terms", vec![]).await;
        t.db.migrate().await.unwrap();
        assert_eq!(t.count("account_search_terms", vec![]).await, 0, "not run again");

        Loader::open(&t.db, &LoaderOptions::default()).await.unwrap().finish().await.unwrap();
        assert_eq!(t.count("upkeep_passes", vec![]).await, 0);
        t.db.migrate().await.unwrap();
        assert!(t.count("account_search_terms", vec![]).await > 0, "run again after the load");
        assert_eq!(once(&t.db, Pass::Summaries, fill).await.unwrap(), Some(0));
        assert_eq!(t.count("upkeep_passes", vec![]).await, 4);
    }

    async fn opening_a_database_again_runs_no_migration_twice(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let before = audit::verify(&t.db).await.unwrap();

        let again = t.reopen().await;
        again.migrate().await.unwrap();
        let third = t.reopen().await;

        assert_eq!(t.count("seaql_migrations", vec![]).await, rapport_store::migrations::count() as i64);
        // The chain's head row is made by the first migration only.
        assert_eq!(t.count("audit_head", vec![]).await, 1);
        for db in [&again, &third] {
            assert_eq!(accounts_of(db).await, accounts_of(&t.db).await);
            assert_eq!(audit::verify(db).await.unwrap(), before);
        }
        assert_eq!(accounts_of(&third).await[0].2, "Ana Ruiz");
        assert_eq!(accounts_of(&third).await[0].0, ana.actor.user_id);
        again.close().await.unwrap();
        third.close().await.unwrap();
    }

    async fn a_backup_is_a_database_with_the_same_people(t: &TestDb) {
        let (app, _clock) = t.app();
        let to = t.dir().join("backup.db");
        if t.backend() == Backend::Postgres {
            assert!(
                matches!(
                    sqlite_copy(&t.db, &to).await,
                    Err(rapport_store::Error::Config(_))
                ),
                "PostgreSQL is backed up with pg_dump"
            );
            assert!(!to.exists());
            return;
        }
        staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        set_emergency_contact(&app, &ana.actor, ana.actor.user_id, "Tomás, 555-0142")
            .await
            .unwrap();
        client(&app, "Bo Lindqvist", "bo@example.org").await;

        sqlite_copy(&t.db, &to).await.unwrap();
        assert!(
            matches!(
                sqlite_copy(&t.db, &to).await,
                Err(rapport_store::Error::Config(_))
            ),
            "an existing file is never overwritten"
        );

        let copy = Db::open(
            &DbOptions::sqlite_file(&to),
            Keyring::load_or_create(&t.key_file()).unwrap(),
        )
        .await
        .unwrap();
        let people = accounts_of(&copy).await;
        assert_eq!(people.len(), 3);
        assert_eq!(people, accounts_of(&t.db).await);
        let profile = profiles::find_client(copy.conn(), copy.keys(), ana.actor.user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            profile.emergency_contact.as_deref(),
            Some("Tomás, 555-0142")
        );
        let v = audit::verify(&copy).await.unwrap();
        assert_eq!(v, audit::verify(&t.db).await.unwrap());
        assert_eq!(v.first_broken, None);
        copy.close().await.unwrap();

        // Without the key file the copy's free text stays shut.
        let strange = Db::open(&DbOptions::sqlite_file(&to), Keyring::ephemeral())
            .await
            .unwrap();
        assert!(users::list(strange.conn(), strange.keys()).await.is_err());
    }

    // Issue 11: an Idempotency-Key reused with a different request is refused naming the
    // key (it used to return the first answer and drop the new one); the same request gets
    // the first answer; after 24 hours a key is forgotten and purged.
    async fn an_idempotency_key_is_bound_to_its_request_and_expires(t: &TestDb) {
        use rapport_app::measures::{NewCheckin, purge_expired_keys, submit_checkin, submit_measure};
        let (app, clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let a = some(&[1, 1, 1, 1, 1, 1, 1, 1, 0]);
        let b = some(&[3, 3, 3, 3, 3, 3, 3, 3, 0]);
        let key = Some("retry-7");
        let measures = "measures WHERE client_id = ?";
        let id = || vec![ana.actor.user_id.into()];

        let first = submit_measure(&app, &ana.actor, "phq9", &a, None, key).await.unwrap();
        let again = submit_measure(&app, &ana.actor, "phq9", &a, None, key).await.unwrap();
        assert_eq!(again, first);
        let (field, message) =
            refused_field(submit_measure(&app, &ana.actor, "phq9", &b, None, key).await);
        assert_eq!(field, "Idempotency-Key");
        assert!(message.contains("retry-7"), "{message}");
        // The difficulty is part of the request too.
        refused_field(submit_measure(&app, &ana.actor, "phq9", &a, Some(1), key).await);
        assert_eq!(t.count(measures, id()).await, 1, "the different request stored nothing");

        // Check-ins: the same key with another mood is refused too.
        let mood = |m| NewCheckin {
            mood: Some(m),
            sleep_hours: Some(7.0),
            medication: Some("taken".into()),
            ..NewCheckin::default()
        };
        let k = submit_checkin(&app, &ana.actor, mood(5), Some("c-1")).await.unwrap();
        assert_eq!(submit_checkin(&app, &ana.actor, mood(5), Some("c-1")).await.unwrap(), k);
        refused_field(submit_checkin(&app, &ana.actor, mood(2), Some("c-1")).await);
        // Every field counts: the same check-in with a "yes" to the self-harm question added
        // is another request, never answered with the first answer.
        let with_yes = NewCheckin {
            self_harm: Some("yes".into()),
            ..mood(5)
        };
        refused_field(submit_checkin(&app, &ana.actor, with_yes, Some("c-1")).await);
        assert_eq!(t.count("checkins", vec![]).await, 1);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        submit_checkin(&app, &bo.actor, mood(6), Some("c-1")).await.unwrap();

        // A day later the key is remembered still; past 24 hours it is forgotten.
        clock.advance(chrono::Duration::hours(23));
        refused_field(submit_measure(&app, &ana.actor, "phq9", &b, None, key).await);
        clock.advance(chrono::Duration::hours(2));
        let later = submit_measure(&app, &ana.actor, "phq9", &b, None, key).await.unwrap();
        assert_ne!(later.id, first.id);
        assert_eq!(t.count(measures, id()).await, 2);
        assert_eq!(
            submit_measure(&app, &ana.actor, "phq9", &b, None, key).await.unwrap(),
            later
        );
        // Saving a key removed Ana's expired ones; the hourly purge removes everyone's.
        assert_eq!(t.count("idempotency_keys", vec![]).await, 2, "Ana's new key and Bo's old one");
        assert_eq!(purge_expired_keys(&app).await.unwrap(), 1);
        assert_eq!(t.count("idempotency_keys", vec![]).await, 1);
        clock.advance(chrono::Duration::hours(25));
        assert_eq!(purge_expired_keys(&app).await.unwrap(), 1);
        assert_eq!(t.count("idempotency_keys", vec![]).await, 0);
    }
}

// Issue 11: the SQLite database, its -wal and -shm files are readable by their owner alone,
// whatever the umask; a database made before keeps its data and is made private on opening.
#[cfg(unix)]
#[tokio::test]
async fn sqlite_files_are_created_mode_0600() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDb::sqlite().await;
    let (app, _clock) = t.app();
    client(&app, "Ana Ruiz", "ana@example.org").await;
    let file = t.db_file().unwrap();
    let wal = t.dir().join("rapport.db-wal");
    let shm = t.dir().join("rapport.db-shm");
    for f in [&file, &wal, &shm] {
        assert_eq!(mode_of(f), 0o600, "{}", f.display());
    }

    // Opened again after someone widened them: private again.
    for f in [&file, &wal, &shm] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let again = t.reopen().await;
    for f in [&file, &wal, &shm] {
        assert_eq!(mode_of(f), 0o600, "{}", f.display());
    }
    assert_eq!(accounts_of(&again).await.len(), 1);
    again.close().await.unwrap();
}
