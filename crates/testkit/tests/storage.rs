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
}
