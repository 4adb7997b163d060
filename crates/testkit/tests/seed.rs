//! `rapport seed`'s generator in its quick mode (20 clients, 30 days): the right rows in
//! every table, scores that add up, sealed names, indexes rebuilt, and the real use-cases
//! working on what it wrote.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use rapport_app::accounts::{self, Stage, totp};
use rapport_app::measures::{NewCheckin, due_today, submit_checkin};
use rapport_app::{App, Error, audit_log, care_teams};
use rapport_core::episodes::EpisodeState;
use rapport_core::measures::{Band, Instrument};
use rapport_demo::seed::{self, SEED_PASSWORD, SeedOptions, SeedReport};
use rapport_store::accounts::users;
use rapport_store::{Backend, ConnectionTrait};
use rapport_testkit::{ADDRESS, TestDb, both_backends};
use uuid::Uuid;

const CLIENTS: u32 = 20;
const CLINICIANS: u32 = 2;
const DAYS: u32 = 30;

fn options() -> SeedOptions {
    SeedOptions {
        clients: CLIENTS,
        clinicians: CLINICIANS,
        days: DAYS,
        ..SeedOptions::new(CLIENTS)
    }
}

async fn seeded(t: &TestDb, options: SeedOptions) -> (App, SeedReport) {
    let (app, _clock) = t.app();
    let mut seen = Vec::new();
    let report = seed::seed(&app, options, |p| seen.push(p.phase))
        .await
        .expect("seed");
    assert_eq!(seen.first(), Some(&seed::Phase::Accounts));
    assert_eq!(seen.last(), Some(&seed::Phase::Indexes));
    assert!(seen.contains(&seed::Phase::History(100)), "{seen:?}");
    (app, report)
}

async fn count(t: &TestDb, table: &str) -> i64 {
    t.count(table, vec![]).await
}

/// The names of the ordinary indexes on `table`.
async fn indexes(t: &TestDb, table: &str) -> Vec<String> {
    let sql = match t.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? \
             AND sql IS NOT NULL ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT indexname::text FROM pg_indexes WHERE tablename = ? \
             AND indexname NOT LIKE '%_pkey' ORDER BY indexname"
        }
    };
    t.texts(sql, vec![table.into()])
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// The history tables' foreign keys are in place and refuse a row that points nowhere.
async fn assert_foreign_keys_hold(t: &TestDb) {
    if t.backend() == Backend::Postgres {
        let keys = t
            .count(
                "pg_constraint WHERE contype = 'f' AND conrelid IN \
                 ('checkins'::regclass, 'measures'::regclass, 'measure_answers'::regclass)",
                vec![],
            )
            .await;
        assert_eq!(keys, 5);
    }
    let orphan =
        t.db.conn()
            .execute_raw(t.stmt(
                "INSERT INTO measure_answers (measure_id, item, value) VALUES (?, 1, 0)",
                vec![Uuid::now_v7().into()],
            ))
            .await;
    assert!(orphan.is_err(), "an answer to no measure is refused");
}

both_backends! {
    async fn seeds_a_practice_with_every_row_in_its_place(t: &TestDb) {
        let (app, report) = seeded(t, options()).await;
        let n = i64::from(CLIENTS);

        // Accounts and what hangs off them: one of each per client.
        assert_eq!(count(t, "users").await, n + i64::from(CLINICIANS) + 1);
        for table in ["client_profiles", "consents", "care_teams", "episodes", "episode_events"] {
            assert_eq!(count(t, table).await, n, "{table}");
        }
        assert_eq!(count(t, "measure_schedules").await, 2 * n);
        assert_eq!(count(t, "clinician_profiles").await, i64::from(CLINICIANS));
        assert_eq!(count(t, "clinician_approaches").await, 2 * i64::from(CLINICIANS));
        assert_eq!(count(t, "flags").await, 0);
        // Every account has its search terms (the bulk load's end indexes them).
        assert_eq!(count(t, "users WHERE id NOT IN (SELECT user_id FROM account_search_terms)").await, 0);

        // The history: weekly PHQ-9s (a few skipped), nine answers each, most days checked in.
        let measures = count(t, "measures").await;
        let checkins = count(t, "checkins").await;
        assert!((3 * n..=5 * n).contains(&measures), "{measures} PHQ-9s");
        assert_eq!(count(t, "measure_answers").await, 9 * measures);
        let possible = n * i64::from(DAYS);
        assert!(
            (possible * 70 / 100..=possible).contains(&checkins),
            "{checkins} check-ins of {possible} days"
        );

        // The report counts what is there.
        for (table, rows) in &report.tables {
            assert_eq!(count(t, table).await, *rows as i64, "{table}");
        }
        let total: u64 = report.tables.iter().map(|(_, r)| r).sum();
        assert_eq!(report.rows, total);
        assert_eq!(report.staff.len(), CLINICIANS as usize + 1);

        // The deferred indexes and keys are back, and the keys hold.
        assert_eq!(indexes(t, "checkins").await, ["checkins_client_day"]);
        assert_eq!(
            indexes(t, "measures").await,
            ["measures_client_totals", "measures_episode"]
        );
        assert_foreign_keys_hold(t).await;

        // Each client is on exactly one clinician's care team, round robin.
        let teams = t
            .query("SELECT client_id, clinician_id, role FROM care_teams", vec![])
            .await;
        let mut per_client: HashMap<Uuid, u32> = HashMap::new();
        let mut per_clinician: HashMap<Uuid, u32> = HashMap::new();
        for r in &teams {
            let client: Uuid = r.try_get_by_index(0).unwrap();
            let clinician: Uuid = r.try_get_by_index(1).unwrap();
            let role: String = r.try_get_by_index(2).unwrap();
            assert_eq!(role, "primary_therapist");
            *per_client.entry(client).or_default() += 1;
            *per_clinician.entry(clinician).or_default() += 1;
        }
        assert_eq!(per_client.len(), CLIENTS as usize);
        assert!(per_client.values().all(|c| *c == 1));
        assert_eq!(per_clinician.len(), CLINICIANS as usize);
        assert!(per_clinician.values().all(|c| *c == CLIENTS / CLINICIANS));

        // Every PHQ-9 is what the scoring makes of its answers.
        let rows = t
            .query(
                "SELECT id, total, band, item9, difficulty, instrument, prorated FROM measures",
                vec![],
            )
            .await;
        let answers = t
            .query("SELECT measure_id, item, value FROM measure_answers", vec![])
            .await;
        let mut by_measure: HashMap<Uuid, Vec<(i16, i16)>> = HashMap::new();
        for a in &answers {
            let id: Uuid = a.try_get_by_index(0).unwrap();
            let item: i16 = a.try_get_by_index(1).unwrap();
            let value: i16 = a.try_get_by_index(2).unwrap();
            by_measure.entry(id).or_default().push((item, value));
        }
        let mut bands = std::collections::HashSet::new();
        for r in &rows {
            let id: Uuid = r.try_get_by_index(0).unwrap();
            let total: i16 = r.try_get_by_index(1).unwrap();
            let band: Option<String> = r.try_get_by_index(2).unwrap();
            let item9: Option<i16> = r.try_get_by_index(3).unwrap();
            let difficulty: Option<i16> = r.try_get_by_index(4).unwrap();
            let instrument: String = r.try_get_by_index(5).unwrap();
            let prorated: bool = r.try_get_by_index(6).unwrap();
            assert_eq!(instrument, "phq9");
            assert!(!prorated);
            let mut items = by_measure.remove(&id).expect("answers of the measure");
            items.sort();
            assert_eq!(
                items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
                (1..=9).collect::<Vec<i16>>()
            );
            let sum: i16 = items.iter().map(|(_, v)| v).sum();
            assert_eq!(total, sum, "total of {id}");
            let answers: Vec<Option<i64>> = items.iter().map(|(_, v)| Some(i64::from(*v))).collect();
            let score = Instrument::Phq9
                .score(&answers, difficulty.map(i64::from))
                .expect("a valid PHQ-9");
            assert_eq!(i16::from(score.total), total);
            assert_eq!(band.as_deref(), score.band.map(Band::as_str));
            assert_eq!(item9, score.item9.map(i16::from));
            bands.insert(band);
        }
        assert!(by_measure.is_empty(), "answers without a measure");
        assert!(bands.len() >= 3, "a spread of bands: {bands:?}");

        // Check-ins are in range, on days of the episodes, and none is in the future.
        let rows = t
            .query("SELECT mood, sleep_quarters, medication, note FROM checkins", vec![])
            .await;
        for r in &rows {
            let mood: i16 = r.try_get_by_index(0).unwrap();
            let sleep: i16 = r.try_get_by_index(1).unwrap();
            let medication: String = r.try_get_by_index(2).unwrap();
            let note: Option<String> = r.try_get_by_index(3).unwrap();
            assert!((0..=10).contains(&mood));
            assert!((0..=96).contains(&sleep));
            assert!(["taken", "missed", "not_prescribed"].contains(&medication.as_str()));
            assert_eq!(note, None);
        }

        // Names (and the staff's TOTP secrets) are sealed and open with the key.
        let rows = t
            .query("SELECT id, email, name, totp_secret, role FROM users", vec![])
            .await;
        for r in &rows {
            let id: Uuid = r.try_get_by_index(0).unwrap();
            let email: String = r.try_get_by_index(1).unwrap();
            let name: String = r.try_get_by_index(2).unwrap();
            let secret: Option<String> = r.try_get_by_index(3).unwrap();
            let role: String = r.try_get_by_index(4).unwrap();
            assert_eq!(id.get_version_num(), 7);
            assert!(name.starts_with("v1:"), "{name}");
            let opened = t.db.keys().open("users", "name", &id.to_string(), &name).unwrap();
            assert!(opened.contains(' '), "{opened}");
            assert!(email.ends_with("@seed.rapport.test"));
            match role.as_str() {
                "client" => assert_eq!(secret, None),
                _ => {
                    let secret = secret.expect("staff have two-step sign-in");
                    assert!(secret.starts_with("v1:"));
                    let opened = t
                        .db
                        .keys()
                        .open("users", "totp_secret", &id.to_string(), &secret)
                        .unwrap();
                    assert_eq!(opened, seed::totp_secret_for(&email));
                }
            }
        }

        // The history ends before now and starts with the episodes.
        let client = users::find_by_email(t.db.conn(), t.db.keys(), &seed::client_email(1))
            .await
            .unwrap()
            .expect("client 1");
        let episode = rapport_store::episodes::current(t.db.conn(), client.id)
            .await
            .unwrap()
            .expect("an open episode");
        assert_eq!(episode.state, "active");
        assert!(app.now() - episode.started_at >= chrono::Duration::days(i64::from(DAYS)));
        let series = rapport_store::measures::series(t.db.conn(), client.id, Some("phq9"), None)
            .await
            .unwrap();
        assert!(!series.is_empty());
        assert!(series.iter().all(|m| m.taken_at > episode.started_at && m.taken_at < app.now()));
        assert!(series.iter().all(|m| m.id.get_version_num() == 7));

        // The audit chain has the seeding and is intact.
        let v = audit_log::verify(&app, None).await.unwrap();
        assert_eq!(v.first_broken, None);
        assert_eq!(
            t.texts("SELECT action FROM audit_events", vec![]).await,
            [Some("seed.completed".to_string())]
        );

        // A second run is refused.
        let again = seed::seed(&app, options(), |_| {}).await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
    }

    async fn the_use_cases_work_on_seeded_data(t: &TestDb) {
        let (app, _report) = seeded(t, options()).await;

        // A client signs in with the seed password, sees today's list, and checks in.
        let step = accounts::check_password(&app, &seed::client_email(3), SEED_PASSWORD, ADDRESS)
            .await
            .expect("a seeded client signs in");
        assert_eq!(step.stage, Stage::Full);
        let client = step.actor;
        let due = due_today(&app, &client).await.unwrap();
        let checkin = due.iter().find(|d| d.what == "checkin").expect("the check-in");
        assert!(checkin.last.is_some(), "seeded check-ins count");
        let before = t
            .count("checkins WHERE client_id = ?", vec![client.user_id.into()])
            .await;
        let done = submit_checkin(
            &app,
            &client,
            NewCheckin {
                mood: Some(6),
                sleep_hours: Some(7.5),
                medication: Some("taken".into()),
                note: Some("Seeded, then real.".into()),
                warning_signs: vec![],
                self_harm: None,
                missed_reason: None,
            },
            None,
        )
        .await
        .expect("a check-in on seeded data");
        let after = t
            .count("checkins WHERE client_id = ?", vec![client.user_id.into()])
            .await;
        assert_eq!(after, before + 1);
        let episode = rapport_store::episodes::current(t.db.conn(), client.user_id)
            .await
            .unwrap()
            .unwrap();
        let stored = rapport_store::checkins::since(t.db.conn(), None, client.user_id, done.day)
            .await
            .unwrap();
        assert_eq!(stored.last().unwrap().episode_id, Some(episode.id), "the seeded episode");
        assert_eq!(
            t.count("episodes WHERE client_id = ?", vec![client.user_id.into()]).await,
            1,
            "no second episode"
        );

        // A clinician signs in with the password and the code from the derived secret, and
        // the caseload lists their clients with their latest PHQ-9s.
        let email = seed::clinician_email(1);
        let step = accounts::check_password(&app, &email, SEED_PASSWORD, ADDRESS)
            .await
            .expect("the password step");
        assert_eq!(step.stage, Stage::SecondFactor);
        let current = accounts::resolve_session(&app, &step.session_secret, Some(ADDRESS))
            .await
            .unwrap()
            .expect("a session");
        let code = totp::code_at(&seed::totp_secret_for(&email), app.now()).unwrap();
        let session = accounts::second_factor(&app, &step.session_secret, &current, &code)
            .await
            .expect("the code from the derived secret");
        let clinician = accounts::resolve_session(&app, &session, Some(ADDRESS))
            .await
            .unwrap()
            .expect("signed in");
        assert_eq!(clinician.stage, Stage::Full);
        let caseload = care_teams::caseload(&app, &clinician.actor).await.unwrap();
        assert_eq!(caseload.len(), (CLIENTS / CLINICIANS) as usize);
        for entry in &caseload {
            assert_eq!(entry.episode_state, Some(EpisodeState::Active));
            assert!(entry.latest_phq9.is_some(), "{entry:?}");
            assert!(entry.band.is_some());
            assert!(entry.phq9_recent.len() >= 2, "{entry:?}");
            assert!(entry.last_checkin.is_some());
        }
        assert!(caseload.iter().any(|e| e.client_id == client.user_id));

        // The administrator signs in the same way.
        let step = accounts::check_password(&app, seed::ADMIN_EMAIL, SEED_PASSWORD, ADDRESS)
            .await
            .expect("the administrator's password step");
        assert_eq!(step.stage, Stage::SecondFactor);
    }

    async fn seeds_the_same_rows_with_indexes_and_keys_kept_and_inserts(t: &TestDb) {
        // The other way to load: indexes and keys kept up to date throughout, and on
        // PostgreSQL multi-row INSERTs instead of COPY. The same rows come out.
        let mut kept = options();
        kept.defer_indexes_and_keys = false;
        kept.loader.postgres_copy = false;
        let (_app, report) = seeded(t, kept).await;
        let fast = match t.backend() {
            Backend::Sqlite => TestDb::sqlite().await,
            Backend::Postgres => TestDb::postgres().await,
        };
        let (_app, deferred) = seeded(&fast, options()).await;
        assert_eq!(report.tables, deferred.tables);
        assert_eq!(count(t, "measure_answers").await, 9 * count(t, "measures").await);
        assert_eq!(report.rows_of("checkins") as i64, count(t, "checkins").await);
        assert_eq!(indexes(t, "checkins").await, ["checkins_client_day"]);
        assert_foreign_keys_hold(t).await;
    }
}
