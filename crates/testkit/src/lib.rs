//! Rapport's database test kit: a fresh database per test, on SQLite always and on
//! PostgreSQL when `RAPPORT_TEST_POSTGRES_URL` is set, an [`App`] on a [`ManualClock`], a
//! few people to act as, and raw SQL for the tests that must look under the repositories.
//!
//! ```text
//! use rapport_testkit::{TestDb, both_backends};
//!
//! both_backends! {
//!     async fn opens_and_answers(t: &TestDb) {
//!         t.db.ping().await.unwrap();
//!     }
//! }
//! ```
//!
//! generates `sqlite::opens_and_answers` and `postgres::opens_and_answers`; the second is
//! reported as ignored, with the reason, when the PostgreSQL URL is not set, and
//! `cargo test -p rapport-testkit postgres::` selects exactly the PostgreSQL suite.

// Test-only code: a failed set-up should stop the test at once, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod asserts;
pub mod browser;
pub mod family;
pub mod smtp;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use rapport_app::accounts::{self, NewClient, NewStaff, Stage, totp};
use rapport_app::clock::ManualClock;
use rapport_app::{Actor, App, Config};
use rapport_core::accounts::Role;
use rapport_store::crypto::Keyring;
use rapport_store::{Backend, ConnectionTrait, Db, DbOptions};
use sea_orm::{DbBackend, QueryResult, Statement, Value};
use tempfile::TempDir;

/// The variable naming the PostgreSQL server the suite may use (it creates and drops its
/// own databases there), e.g. `postgres://postgres@127.0.0.1:5432/postgres`.
pub const POSTGRES_URL_VAR: &str = "RAPPORT_TEST_POSTGRES_URL";

/// Milliseconds the test clock moves on at every reading (unset: it stands still).
pub const CLOCK_STEP_VAR: &str = "RAPPORT_TEST_CLOCK_STEP_MS";

/// When set (to anything but empty), every test's database is read through a pool of one
/// connection (on SQLite the writer keeps its own): a use-case that holds a connection and
/// asks for a second one waits for the pool's time-out and fails, wherever the suite reaches
/// it (see [`TestDb::reopen_with_one_connection`]).
pub const ONE_CONNECTION_VAR: &str = "RAPPORT_TEST_ONE_CONNECTION";

/// The address sign-ins come from unless a test says otherwise.
pub const ADDRESS: &str = "203.0.113.7";

/// A password every helper account uses.
pub const PASSWORD: &str = "green kettle morning";

/// When every test's clock starts: Monday 23 November 2026, 09:00 UTC.
pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// The pool a test opens: as asked, or one connection under [`ONE_CONNECTION_VAR`].
fn pool_for_tests(options: DbOptions) -> DbOptions {
    match std::env::var(ONE_CONNECTION_VAR) {
        Ok(v) if !v.is_empty() => one_connection(options),
        _ => options,
    }
}

fn one_connection(options: DbOptions) -> DbOptions {
    DbOptions {
        max_connections: 1,
        ..options
    }
}

/// A database of its own for one test, migrated, with its key file in a private directory.
/// SQLite lives in the temporary directory; a PostgreSQL database is dropped with the value.
pub struct TestDb {
    pub db: Db,
    /// How to reach the same database again (see [`TestDb::reopen`]).
    pub options: DbOptions,
    dir: TempDir,
    postgres: Option<PgDatabase>,
}

/// The PostgreSQL database a test created, so that it can be dropped.
struct PgDatabase {
    server_url: String,
    name: String,
}

impl TestDb {
    /// A fresh SQLite database file in a new temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let options = pool_for_tests(DbOptions::sqlite_file(&dir.path().join("rapport.db")));
        let keys = Keyring::load_or_create(&dir.path().join("rapport.key")).expect("key file");
        let db = Db::open(&options, keys).await.expect("open SQLite");
        TestDb {
            db,
            options,
            dir,
            postgres: None,
        }
    }

    /// A fresh database `rapport_test_<uuid>` on the server named by `RAPPORT_TEST_POSTGRES_URL`.
    pub async fn postgres() -> TestDb {
        let server_url = std::env::var(POSTGRES_URL_VAR)
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| panic!("{POSTGRES_URL_VAR} is not set"));
        let name = format!("rapport_test_{}", uuid::Uuid::new_v4().simple());
        let admin = sea_orm::Database::connect(server_url.as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {server_url}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("CREATE DATABASE");
        let _ = admin.close().await;
        // From here on the database is dropped again, even if opening it fails.
        let guard = DropGuard(Some(PgDatabase {
            server_url: server_url.clone(),
            name: name.clone(),
        }));
        let dir = tempfile::tempdir().expect("a temporary directory");
        let options = pool_for_tests(DbOptions {
            url: with_database(&server_url, &name),
            max_connections: 8,
        });
        let keys = Keyring::load_or_create(&dir.path().join("rapport.key")).expect("key file");
        let db = Db::open(&options, keys).await.expect("open PostgreSQL");
        TestDb {
            db,
            options,
            dir,
            postgres: guard.take(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// The sea-orm backend, for building raw statements.
    pub fn db_backend(&self) -> DbBackend {
        match self.backend() {
            Backend::Sqlite => DbBackend::Sqlite,
            Backend::Postgres => DbBackend::Postgres,
        }
    }

    /// The private directory of this test (key file; for SQLite, the database too).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join("rapport.key")
    }

    /// The SQLite database file (`None` on PostgreSQL).
    pub fn db_file(&self) -> Option<PathBuf> {
        (self.backend() == Backend::Sqlite).then(|| self.dir.path().join("rapport.db"))
    }

    /// The SQLite write-ahead log beside the database file (`None` on PostgreSQL).
    pub fn wal_file(&self) -> Option<PathBuf> {
        (self.backend() == Backend::Sqlite).then(|| self.dir.path().join("rapport.db-wal"))
    }

    /// An app on this database with a manual clock at [`start_time`] and the default settings.
    /// With [`CLOCK_STEP_VAR`] set to a number of milliseconds, the clock also moves on by that
    /// much every time it is read, as a real one does between two readings (`.ci/run` runs
    /// the measurement and alert suites so): a use-case that reads it twice and compares the
    /// readings fails there.
    pub fn app(&self) -> (App, Arc<ManualClock>) {
        let step = std::env::var(CLOCK_STEP_VAR)
            .ok()
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0);
        let clock = Arc::new(ManualClock::moving(
            start_time(),
            chrono::Duration::milliseconds(step),
        ));
        let app = App::new(self.db.clone(), clock.clone(), Config::default());
        (app, clock)
    }

    /// Another connection to the same database, as a second process would open it: a new
    /// keyring read from the key file, and the migrations run again.
    pub async fn reopen(&self) -> Db {
        self.reopen_with(&self.options).await
    }

    /// [`TestDb::reopen`] with a pool of one connection (on SQLite the writer keeps its own):
    /// a use-case that holds a connection and waits for a second one waits there until the
    /// pool's acquire time-out, and fails.
    pub async fn reopen_with_one_connection(&self) -> Db {
        self.reopen_with(&one_connection(self.options.clone()))
            .await
    }

    async fn reopen_with(&self, options: &DbOptions) -> Db {
        let keys = Keyring::load_or_create(&self.key_file()).expect("key file");
        Db::open(options, keys).await.expect("reopen")
    }

    /// A raw statement; write `?` for each value, it becomes `$n` on PostgreSQL.
    pub fn stmt(&self, sql: &str, values: Vec<Value>) -> Statement {
        let sql = match self.backend() {
            Backend::Sqlite => sql.to_string(),
            Backend::Postgres => {
                let mut out = String::with_capacity(sql.len() + 8);
                let mut n = 0;
                for ch in sql.chars() {
                    if ch == '?' {
                        n += 1;
                        out.push_str(&format!("${n}"));
                    } else {
                        out.push(ch);
                    }
                }
                out
            }
        };
        Statement::from_sql_and_values(self.db_backend(), sql, values)
    }

    /// Runs raw SQL and returns the number of rows it changed.
    pub async fn execute(&self, sql: &str, values: Vec<Value>) -> u64 {
        self.db
            .conn()
            .execute_raw(self.stmt(sql, values))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .rows_affected()
    }

    /// Runs a raw query.
    pub async fn query(&self, sql: &str, values: Vec<Value>) -> Vec<QueryResult> {
        self.db
            .conn()
            .query_all_raw(self.stmt(sql, values))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The first column of every row, as text (`None` for NULL).
    pub async fn texts(&self, sql: &str, values: Vec<Value>) -> Vec<Option<String>> {
        self.query(sql, values)
            .await
            .iter()
            .map(|r| {
                r.try_get_by_index::<Option<String>>(0)
                    .expect("a text column")
            })
            .collect()
    }

    /// `SELECT COUNT(*) FROM <rest>`.
    pub async fn count(&self, rest: &str, values: Vec<Value>) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {rest}");
        let rows = self.query(&sql, values).await;
        rows[0].try_get_by_index::<i64>(0).expect("a count")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(pg) = self.postgres.take() {
            pg.drop_database();
        }
    }
}

/// Drops the database if opening it fails half-way.
struct DropGuard(Option<PgDatabase>);

impl DropGuard {
    fn take(mut self) -> Option<PgDatabase> {
        self.0.take()
    }
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Some(pg) = self.0.take() {
            pg.drop_database();
        }
    }
}

impl PgDatabase {
    /// Best effort, from a thread with its own runtime (`Drop` cannot await, and the test's
    /// runtime may be a single thread that is blocked here).
    fn drop_database(self) {
        let handle = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                let Ok(admin) = sea_orm::Database::connect(self.server_url.as_str()).await else {
                    eprintln!("testkit: could not connect to drop {}", self.name);
                    return;
                };
                let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
                if let Err(e) = admin.execute_unprepared(&sql).await {
                    eprintln!("testkit: {sql}: {e}");
                }
                let _ = admin.close().await;
            });
        });
        let _ = handle.join();
    }
}

/// `url` with its database name replaced by `name` (query string kept).
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let server = match base[authority_start..].find('/') {
        Some(i) => &base[..authority_start + i],
        None => base,
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// Generates, for each `async fn name(t: &TestDb) { … }`, the tests `sqlite::name` and
/// `postgres::name`, each on a fresh [`TestDb`]. Use it once per file.
///
/// Attributes written above a function (`#[ignore = "…"]`, `#[should_panic]`) go on both
/// generated tests; after them, `sqlite: #[…]` and `postgres: #[…]` put attributes on one
/// backend's test only (a bug that shows on one backend, say):
///
/// ```text
/// both_backends! {
///     postgres: #[ignore = "BUG: …"]
///     async fn parallel_writes_are_counted(t: &TestDb) { … }
/// }
/// ```
#[macro_export]
macro_rules! both_backends {
    ($(
        $(#[$attr:meta])*
        $(sqlite: $(#[$sqlite_attr:meta])+)?
        $(postgres: $(#[$postgres_attr:meta])+)?
        async fn $name:ident($t:ident : $ty:ty) $body:block
    )*) => {
        $(
            async fn $name($t: $ty) $body
        )*

        mod sqlite {
            $(
                $(#[$attr])*
                $($(#[$sqlite_attr])+)?
                #[::tokio::test]
                async fn $name() {
                    let t = $crate::TestDb::sqlite().await;
                    super::$name(&t).await;
                }
            )*
        }

        mod postgres {
            $(
                $(#[$attr])*
                $($(#[$postgres_attr])+)?
                #[::tokio::test]
                #[cfg_attr(
                    not(rapport_pg),
                    ignore = "PostgreSQL suite: set RAPPORT_TEST_POSTGRES_URL to run it"
                )]
                async fn $name() {
                    let t = $crate::TestDb::postgres().await;
                    super::$name(&t).await;
                }
            )*
        }
    };
}

/// `at` is now, give or take the moments a test clock moves on between readings (see
/// [`CLOCK_STEP_VAR`]): for times a use-case stamped a moment ago.
pub fn assert_recent(at: DateTime<Utc>, app: &App) {
    let ago = app.now() - at;
    assert!(
        ago >= chrono::Duration::zero() && ago < chrono::Duration::minutes(2),
        "{at} is not now ({})",
        app.now()
    );
}

/// A client who signed up, with the secret of the session sign-up started.
#[derive(Debug, Clone)]
pub struct Client {
    pub actor: Actor,
    pub email: String,
    pub session: String,
}

/// Signs a client up through the use-case, with [`PASSWORD`], from [`ADDRESS`].
pub async fn client(app: &App, name: &str, email: &str) -> Client {
    let (actor, session) = accounts::sign_up(
        app,
        NewClient {
            name,
            email,
            password: PASSWORD,
            timezone: None,
        },
        ADDRESS,
    )
    .await
    .unwrap_or_else(|e| panic!("sign-up of {email}: {e:?}"));
    Client {
        actor,
        email: email.to_string(),
        session,
    }
}

/// A clinician or administrator who enrolled an authenticator and holds a full session.
#[derive(Debug, Clone)]
pub struct Staff {
    pub actor: Actor,
    pub email: String,
    /// A fully signed-in session.
    pub session: String,
    /// The base32 TOTP secret (what the authenticator app holds).
    pub totp_secret: String,
}

/// Creates a staff account from the command line (`actor` none) without a second factor.
pub async fn new_staff(app: &App, role: Role, name: &str, email: &str) {
    accounts::create_staff(
        app,
        None,
        NewStaff {
            role,
            email,
            name,
            password: PASSWORD,
            credential: None,
            approaches: vec![],
            timezone: None,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("create_staff {email}: {e:?}"));
}

/// Creates a staff account, signs in, and enrols TOTP with the code of the clock's present
/// 30-second step, which is then used up: advance the clock by 30 s before the next code.
pub async fn staff(app: &App, role: Role, name: &str, email: &str) -> Staff {
    new_staff(app, role, name, email).await;
    let step = accounts::check_password(app, email, PASSWORD, ADDRESS)
        .await
        .unwrap_or_else(|e| panic!("password step of {email}: {e:?}"));
    assert_eq!(step.stage, Stage::Enrolment);
    let enrolment = accounts::start_totp_enrolment(app, &step.actor)
        .await
        .expect("start TOTP enrolment");
    let code = totp::code_at(&enrolment.secret, app.now()).unwrap();
    let session =
        accounts::confirm_totp_enrolment(app, &step.actor, &code, Some(&step.session_secret))
            .await
            .expect("confirm TOTP enrolment")
            .expect("a new session");
    let current = accounts::resolve_session(app, &session, Some(ADDRESS))
        .await
        .unwrap()
        .expect("the enrolled session resolves");
    assert_eq!(current.stage, Stage::Full);
    Staff {
        actor: current.actor,
        email: email.to_string(),
        session,
        totp_secret: enrolment.secret,
    }
}

/// Lists a clinician in the directory, as a first consultation needs: a short profile that
/// takes new clients (online, US-CA, English), its licence checked by `admin`.
pub async fn list_in_directory(app: &App, admin: &Actor, clinician: &Actor) {
    use rapport_core::therapists::{
        Credential, Format, Jurisdiction, Language, Mode, Profile, TherapyApproach,
    };
    let profile = Profile {
        pronouns: None,
        gender: None,
        credentials: vec![Credential::Lcsw],
        years_in_practice: Some(6),
        approaches: vec![TherapyApproach::Cbt],
        formats: vec![Format::Individual],
        modes: vec![Mode::Online],
        location: None,
        jurisdictions: Jurisdiction::parse("US-CA").into_iter().collect(),
        languages: Language::parse("en").into_iter().collect(),
        specialties: vec![],
        fee: Some(120),
        sliding_scale: None,
        insurance: Default::default(),
        accepting_new_clients: true,
        availability: None,
        statement: None,
    };
    rapport_app::therapists::save_my_profile(app, clinician, profile)
        .await
        .expect("save the clinician's profile");
    let check = rapport_app::therapists::LicenceCheck {
        licence_number: "LCSW 1234".into(),
        issuer: "US-CA".into(),
        checked_on: Some(app.now().date_naive()),
    };
    rapport_app::therapists::verify(app, admin, clinician.user_id, check)
        .await
        .expect("record the licence check");
}

/// A six-digit code that is wrong for `secret` at `now` and the steps either side.
pub fn wrong_code(secret: &str, now: DateTime<Utc>) -> String {
    let right: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|s| totp::code_at(secret, now + chrono::Duration::seconds(*s)).unwrap())
        .collect();
    ["000000", "111111", "222222", "333333"]
        .into_iter()
        .find(|c| !right.iter().any(|r| r == c))
        .unwrap()
        .to_string()
}

/// A small practice: an administrator, Dr Lena Okafor on Ana Ruiz's care team, Kofi Mensah (a
/// clinician off it) and another client, Bo Lindqvist.
pub struct Practice {
    pub admin: Staff,
    pub lena: Staff,
    pub kofi: Staff,
    pub ana: Client,
    pub bo: Client,
}

pub async fn practice(app: &App) -> Practice {
    let p = Practice {
        admin: staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await,
        lena: staff(
            app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await,
        kofi: staff(app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await,
        ana: client(app, "Ana Ruiz", "ana@example.org").await,
        bo: client(app, "Bo Lindqvist", "bo@example.org").await,
    };
    rapport_app::care_teams::assign(
        app,
        &p.admin.actor,
        p.ana.actor.user_id,
        p.lena.actor.user_id,
        rapport_core::accounts::CareTeamRole::PrimaryTherapist,
    )
    .await
    .expect("assign Lena to Ana's care team");
    p
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgresql://h:5432", "x"),
            "postgresql://h:5432/x"
        );
    }
}
