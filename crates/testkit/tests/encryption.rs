//! Encryption at rest: free text about a person never reaches the database in clear, comes
//! back through the use-cases, and survives a key rotation.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use chrono::Duration;
use rapport_app::Error;
use rapport_app::accounts::{check_password, resolve_session, second_factor, totp};
use rapport_app::admin::{list_accounts, rotate_key};
use rapport_app::care_teams::{client_record, set_emergency_contact};
use rapport_app::clock::Clock;
use rapport_app::{App, Config};
use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::crypto::{ENCRYPTED_COLUMNS, EncryptedColumn, Keyring, reseal_all};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, client, staff};
use uuid::Uuid;

const NAME: &str = "Zebedee Quarrington";
const CONTACT: &str = "Call my sister Marisol on 555-0199";

/// The secrets and any distinctive piece of them.
const NEEDLES: [&str; 6] = [
    NAME,
    "Zebedee",
    "Quarrington",
    CONTACT,
    "Marisol",
    "555-0199",
];

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every sealed cell in the database: its column, row id and stored value.
async fn sealed_cells(t: &TestDb) -> Vec<(EncryptedColumn, Uuid, String)> {
    let mut out = Vec::new();
    for col in ENCRYPTED_COLUMNS {
        let sql = format!(
            "SELECT {id}, {c} FROM {table} WHERE {c} IS NOT NULL",
            id = col.id_column,
            c = col.column,
            table = col.table
        );
        for row in t.query(&sql, vec![]).await {
            out.push((
                *col,
                row.try_get::<Uuid>("", col.id_column).unwrap(),
                row.try_get::<String>("", col.column).unwrap(),
            ));
        }
    }
    out
}

mod sqlite_files {
    use super::*;

    /// The raw bytes of the database file and its write-ahead log hold neither the name nor
    /// the emergency contact, before the log is folded into the file and after.
    #[tokio::test]
    async fn free_text_is_not_in_the_database_files() {
        let t = TestDb::sqlite().await;
        let (app, _clock) = t.app();
        let zeb = client(&app, NAME, "zq@example.org").await;
        set_emergency_contact(&app, &zeb.actor, zeb.actor.user_id, CONTACT)
            .await
            .unwrap();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let db_file = t.db_file().unwrap();
        let wal_file = t.wal_file().unwrap();

        // Before a checkpoint the recent pages are in the log.
        let wal = read(&wal_file);
        assert!(
            contains(&wal, "zq@example.org"),
            "the scan must see plain columns in the log, or it proves nothing"
        );
        for needle in NEEDLES.iter().chain([&lena.totp_secret.as_str()]) {
            assert!(!contains(&wal, needle), "{needle:?} in the WAL");
        }

        let row = t.query("PRAGMA wal_checkpoint(TRUNCATE)", vec![]).await;
        assert_eq!(
            row[0].try_get_by_index::<i32>(0).unwrap(),
            0,
            "checkpoint blocked"
        );
        let main = read(&db_file);
        assert!(
            contains(&main, "zq@example.org"),
            "the checkpoint reached the file"
        );
        let wal = if wal_file.exists() {
            read(&wal_file)
        } else {
            vec![]
        };
        for needle in NEEDLES.iter().chain([&lena.totp_secret.as_str()]) {
            assert!(!contains(&main, needle), "{needle:?} in the database file");
            assert!(!contains(&wal, needle), "{needle:?} in the WAL");
        }

        // Through the use-cases they come back.
        let record = client_record(&app, &zeb.actor, zeb.actor.user_id)
            .await
            .unwrap();
        assert_eq!(record.name, NAME);
        assert_eq!(record.emergency_contact.as_deref(), Some(CONTACT));
    }
}

both_backends! {
    async fn sealed_columns_hold_only_sealed_values(t: &TestDb) {
        let (app, _clock) = t.app();
        let zeb = client(&app, NAME, "zq@example.org").await;
        set_emergency_contact(&app, &zeb.actor, zeb.actor.user_id, CONTACT)
            .await
            .unwrap();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;

        let name = t
            .texts(
                "SELECT name FROM users WHERE email = ?",
                vec!["zq@example.org".into()],
            )
            .await;
        let contact = t
            .texts(
                "SELECT emergency_contact FROM client_profiles WHERE user_id = ?",
                vec![zeb.actor.user_id.into()],
            )
            .await;
        let secret = t
            .texts(
                "SELECT totp_secret FROM users WHERE id = ?",
                vec![lena.actor.user_id.into()],
            )
            .await;
        let active = t.db.keys().active_key_id();
        for (what, value) in [
            ("name", &name[0]),
            ("emergency_contact", &contact[0]),
            ("totp_secret", &secret[0]),
        ] {
            let value = value.as_deref().unwrap_or_else(|| panic!("{what} is null"));
            assert!(value.starts_with("v1:"), "{what}: {value}");
            assert_eq!(Keyring::key_id_of(value), Some(active.as_str()), "{what}");
            for needle in NEEDLES.iter().chain([&lena.totp_secret.as_str()]) {
                assert!(!value.contains(needle), "{what}");
            }
        }
        // Every value in every sealed column, whatever the column.
        let cells = sealed_cells(t).await;
        assert_eq!(cells.len(), 4);
        for (col, id, value) in &cells {
            assert!(
                value.starts_with("v1:"),
                "{}.{} of {id}",
                col.table,
                col.column
            );
        }

        let record = client_record(&app, &zeb.actor, zeb.actor.user_id)
            .await
            .unwrap();
        assert_eq!(record.name, NAME);
        assert_eq!(record.emergency_contact.as_deref(), Some(CONTACT));
        // Clearing the contact stores nothing rather than a sealed empty text.
        set_emergency_contact(&app, &zeb.actor, zeb.actor.user_id, "  ")
            .await
            .unwrap();
        let contact = t
            .texts(
                "SELECT emergency_contact FROM client_profiles WHERE user_id = ?",
                vec![zeb.actor.user_id.into()],
            )
            .await;
        assert_eq!(contact, [None]);
    }

    async fn a_sealed_value_moved_to_another_row_does_not_open(t: &TestDb) {
        let (app, _clock) = t.app();
        let zeb = client(&app, NAME, "zq@example.org").await;
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let moved = t
            .execute(
                "UPDATE users SET name = (SELECT name FROM users WHERE id = ?) WHERE id = ?",
                vec![zeb.actor.user_id.into(), bo.actor.user_id.into()],
            )
            .await;
        assert_eq!(moved, 1);
        let err = check_password(&app, "bo@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Store(rapport_store::Error::Decrypt(_))),
            "{err:?}"
        );
        // Zebedee's own row is untouched.
        check_password(&app, "zq@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
    }

    async fn rotating_the_key_reseals_every_value(t: &TestDb) {
        let (app, clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let zeb = client(&app, NAME, "zq@example.org").await;
        set_emergency_contact(&app, &zeb.actor, zeb.actor.user_id, CONTACT)
            .await
            .unwrap();
        client(&app, "Bo Lindqvist", "bo@example.org").await;
        // A server that read the key file before the rotation.
        let before_rotation = Keyring::load_or_create(&t.key_file()).unwrap();

        let cells = sealed_cells(t).await;
        // Names of four people, two TOTP secrets, one emergency contact.
        assert_eq!(cells.len(), 7);
        let old_key = t.db.keys().active_key_id();
        let plain: Vec<String> = cells
            .iter()
            .map(|(c, id, v)| {
                t.db.keys()
                    .open(c.table, c.column, &id.to_string(), v)
                    .unwrap()
            })
            .collect();

        let (new_key, report) = rotate_key(&app).await.unwrap();
        assert_ne!(new_key, old_key);
        assert_eq!(t.db.keys().active_key_id(), new_key);
        assert_eq!(report.resealed, cells.len() as u64);
        assert_eq!(report.already_current, 0);

        let after = sealed_cells(t).await;
        assert_eq!(after.len(), cells.len());
        let reloaded = Keyring::load_or_create(&t.key_file()).unwrap();
        assert_eq!(reloaded.active_key_id(), new_key);
        for (col, id, value) in &after {
            let cell = format!("{}.{} of {id}", col.table, col.column);
            assert_eq!(Keyring::key_id_of(value), Some(new_key.as_str()), "{cell}");
            let i = cells
                .iter()
                .position(|(c, i, _)| c.table == col.table && c.column == col.column && i == id)
                .unwrap();
            assert_ne!(value, &cells[i].2, "{cell} was sealed anew");
            let id = id.to_string();
            assert_eq!(
                t.db.keys().open(col.table, col.column, &id, value).unwrap(),
                plain[i],
                "{cell}"
            );
            assert_eq!(
                reloaded.open(col.table, col.column, &id, value).unwrap(),
                plain[i],
                "{cell}"
            );
            assert_eq!(
                before_rotation
                    .open(col.table, col.column, &id, value)
                    .unwrap(),
                plain[i],
                "{cell}"
            );
        }

        // Through the use-cases, on this connection and on a new one.
        let record = client_record(&app, &zeb.actor, zeb.actor.user_id)
            .await
            .unwrap();
        assert_eq!(record.name, NAME);
        assert_eq!(record.emergency_contact.as_deref(), Some(CONTACT));
        let other = App::new(t.reopen().await, clock.clone(), Config::default());
        let mut names: Vec<_> = list_accounts(&other, &admin.actor)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["Bo Lindqvist", "Dr Lena Okafor", "Sam Admin", NAME]);
        // The re-sealed TOTP secret still makes the same codes.
        clock.advance(Duration::seconds(30));
        let step = check_password(&other, "lena@clinic.example", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let current = resolve_session(&other, &step.session_secret, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        second_factor(&other, &step.session_secret, &current, &code)
            .await
            .unwrap();

        // Nothing is left to re-seal.
        let again = reseal_all(&t.db).await.unwrap();
        assert_eq!(
            (again.resealed, again.already_current),
            (0, cells.len() as u64)
        );
        // The old key stays in the file for values sealed elsewhere meanwhile.
        let lines = std::fs::read_to_string(t.key_file()).unwrap();
        assert_eq!(lines.lines().filter(|l| !l.trim().is_empty()).count(), 2);
    }

    async fn rotation_pages_through_more_values_than_a_page(t: &TestDb) {
        let (app, _clock) = t.app();
        // Straight into the store (no password hashing): 1,201 names, three pages of 500.
        let tx = t.db.write().await.unwrap();
        for i in 0..1_201 {
            let email = format!("person{i}@example.org");
            let name = format!("Person Number {i}");
            users::insert(
                tx.conn(),
                tx.keys(),
                users::NewUser {
                    id: app.new_id(),
                    email: &email,
                    name: &name,
                    role: "client",
                    password_hash: "unused",
                    timezone: "UTC",
                    now: app.now(),
                },
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();

        let (new_key, report) = rotate_key(&app).await.unwrap();
        assert_eq!((report.resealed, report.already_current), (1_201, 0));
        let cells = sealed_cells(t).await;
        assert_eq!(cells.len(), 1_201);
        assert!(
            cells
                .iter()
                .all(|(_, _, v)| Keyring::key_id_of(v) == Some(new_key.as_str()))
        );
        let mut names: Vec<_> = users::list(t.db.conn(), t.db.keys())
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.name)
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 1_201);
        assert!(names.contains(&"Person Number 1200".to_string()));
    }
}

/// Every cell the store seals is in `ENCRYPTED_COLUMNS`, so a key rotation re-seals it: read
/// from the store's source (each `.seal(TABLE, "column", …)`, the table a string or a
/// `const NAME: &str = "table"` of the same file), so a new sealed field cannot be forgotten.
#[test]
fn every_sealed_cell_is_listed_for_key_rotation() {
    fn walk(dir: &Path, out: &mut Vec<(String, String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // The key ring's own tests seal made-up cells.
                if !path.ends_with("crypto") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (table, column) in sealed_in(&text) {
                    out.push((path.display().to_string(), table, column));
                }
            }
        }
    }
    let mut found = vec![];
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/src"),
        &mut found,
    );
    assert!(found.len() > 30, "the scan found only {found:?}");
    let missing: Vec<_> = found
        .into_iter()
        .filter(|(_, table, column)| {
            !ENCRYPTED_COLUMNS
                .iter()
                .any(|c| c.table == table && c.column == column)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "sealed but not in ENCRYPTED_COLUMNS: {missing:?}"
    );
}

/// The (table, column) of every `.seal(` and `seal_opt(` call in one source file whose column is
/// a literal; calls with a variable column (the helpers themselves) are skipped.
fn sealed_in(text: &str) -> Vec<(String, String)> {
    let consts: std::collections::HashMap<&str, &str> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("pub ").unwrap_or(l.trim());
            let rest = l
                .strip_prefix("pub(crate) ")
                .unwrap_or(l)
                .strip_prefix("const ")?;
            let (name, value) = rest.split_once(": &str = \"")?;
            Some((name, value.strip_suffix("\";")?))
        })
        .collect();
    let default_table = consts.get("TABLE").copied();
    let mut out = vec![];
    for call in [".seal(", "seal_opt("] {
        let mut rest = text;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let args: Vec<&str> = rest.split([',', ')']).take(4).map(str::trim).collect();
            // The column is the first literal after the first argument; the table the argument
            // before it, or the file's `TABLE` when that is the key ring (`seal_opt(keys, "c", …)`).
            let Some(i) = (1..args.len()).find(|&i| args[i].starts_with('"')) else {
                continue;
            };
            let column = args[i].trim_matches('"');
            let named = args[i - 1];
            let table = match named.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(t) => t,
                None if named.ends_with("users::TABLE") => "users",
                None => match consts.get(named).copied().or(default_table) {
                    Some(t) => t,
                    None => continue,
                },
            };
            out.push((table.to_string(), column.to_string()));
        }
    }
    out
}
