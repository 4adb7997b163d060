//! The safety plan (CLINICAL.md "Safety plan (Stanley–Brown, six steps)") through the
//! use-cases and the API: six steps in order, versioned without lost updates, written by the
//! client or their care team only, sealed at rest, and every read and save audited.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use rapport_app::audit_log::my_access_log;
use rapport_app::clock::ManualClock;
use rapport_app::plans::{has_safety_plan, safety_plan, save_safety_plan};
use rapport_app::{App, Error};
use rapport_core::plans::{MAX_STEP_CHARS, SAFETY_STEPS};
use rapport_store::plans::{self, NewVersion};
use rapport_testkit::asserts::{conflict, forbidden, id, invalid_field};
use rapport_testkit::{PASSWORD, TestDb, both_backends, client, practice};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

/// The step columns of `safety_plans`, in Stanley–Brown's order.
const COLUMNS: [&str; 6] = [
    "warning_signs",
    "coping",
    "distractions",
    "people",
    "professionals",
    "environment",
];

/// A plan whose every step is distinctive, so that it can be looked for in raw storage.
const PLAN: [&str; 6] = [
    "Pacing at 3am, Wexcombe thoughts return",
    "Play the Ondrejka cello suite loudly",
    "Walk to the Brackenfold allotments",
    "My cousin Ysolde Tarrant, 555-0173",
    "Dr Okafor; crisis line 988; Harlowmere A&E",
    "Give the Strevens pills to my neighbour",
];

/// The parts of [`PLAN`] no other table holds.
const NEEDLES: [&str; 8] = [
    "Wexcombe",
    "Ondrejka",
    "Brackenfold",
    "Ysolde",
    "555-0173",
    "Harlowmere",
    "Strevens",
    "Pacing at 3am",
];

fn steps(texts: [&str; 6]) -> [String; 6] {
    texts.map(str::to_string)
}

/// A plan with only the first step written.
fn first_step(text: &str) -> [String; 6] {
    let mut s: [String; 6] = Default::default();
    s[0] = text.to_string();
    s
}

async fn plan_rows(t: &TestDb, client_id: Uuid) -> i64 {
    t.count("safety_plans WHERE client_id = ?", vec![client_id.into()])
        .await
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The router, as an API client meets it (the minimal part of `http.rs`'s `Browser`).
struct Api {
    router: axum::Router,
    clock: Arc<ManualClock>,
}

struct Reply {
    status: StatusCode,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

impl Api {
    fn new(t: &TestDb) -> Api {
        let (app, clock) = t.app();
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        Api {
            router: rapport_web::router(AppState::new(app, web)),
            clock,
        }
    }

    /// The app behind the router, to set people up through the use-cases.
    fn app(&self, t: &TestDb) -> App {
        App::new(
            t.db.clone(),
            self.clock.clone(),
            rapport_app::Config::default(),
        )
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header("content-type", "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        };
        let resp = self.router.clone().oneshot(req.unwrap()).await.unwrap();
        let status = resp.status();
        let body =
            String::from_utf8(to_bytes(resp.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap();
        Reply { status, body }
    }

    /// `PUT` a plan written after `version`.
    async fn put(&self, path: &str, token: &str, version: i32, texts: [&str; 6]) -> Reply {
        let body = json!({"version": version, "steps": steps_json(texts)});
        self.call("PUT", path, Some(token), Some(body)).await
    }

    /// A client's bearer token (clients sign in without a second factor).
    async fn token(&self, email: &str) -> String {
        let r = self
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({"email": email, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()["token"].as_str().unwrap().to_string()
    }
}

fn steps_json(texts: [&str; 6]) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in COLUMNS.iter().zip(texts) {
        m.insert((*k).to_string(), json!(v));
    }
    Value::Object(m)
}

mod sqlite_files {
    use super::*;

    /// Safety plan (Stanley–Brown, six steps): the raw database file and its write-ahead log
    /// hold none of the plan's text, before the log is folded into the file and after.
    #[tokio::test]
    async fn the_plan_is_not_in_the_database_files() {
        let t = TestDb::sqlite().await;
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        save_safety_plan(&app, &ana.actor, id(&ana.actor), 0, steps(PLAN))
            .await
            .unwrap();
        let db_file = t.db_file().unwrap();
        let wal_file = t.wal_file().unwrap();

        // The audit event of the save is plain text written in the same transaction: if the
        // scan sees it, it would see the plan.
        let wal = read(&wal_file);
        assert!(
            contains(&wal, "safety_plan:v1"),
            "the scan must see plain columns of the save in the log, or it proves nothing"
        );
        for needle in NEEDLES {
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
            contains(&main, "safety_plan:v1"),
            "the checkpoint reached the file"
        );
        let wal = if wal_file.exists() {
            read(&wal_file)
        } else {
            vec![]
        };
        for needle in NEEDLES {
            assert!(!contains(&main, needle), "{needle:?} in the database file");
            assert!(!contains(&wal, needle), "{needle:?} in the WAL");
        }

        // Through the use-case it comes back.
        let plan = safety_plan(&app, &ana.actor, id(&ana.actor))
            .await
            .unwrap()
            .unwrap();
        let texts: Vec<_> = plan.steps.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, PLAN);
    }
}

both_backends! {
    /// Safety plan (Stanley–Brown, six steps): a first plan, read back in the six steps' order.
    async fn a_client_writes_a_first_plan_in_stanley_browns_order(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assert!(!has_safety_plan(&app, &p.ana.actor).await.unwrap());
        assert_eq!(safety_plan(&app, &p.ana.actor, ana).await.unwrap(), None);

        clock.advance(chrono::Duration::minutes(5));
        let saved_at = app.now();
        let version = save_safety_plan(&app, &p.ana.actor, ana, 0, steps(PLAN))
            .await
            .unwrap();
        assert_eq!(version, 1);
        assert!(has_safety_plan(&app, &p.ana.actor).await.unwrap());
        assert!(!has_safety_plan(&app, &p.bo.actor).await.unwrap(), "Bo has none");
        // Only one's own plan: the clinician asking has none of their own.
        assert!(!has_safety_plan(&app, &p.lena.actor).await.unwrap());

        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.version, 1);
        assert_eq!(plan.written_by, "you");
        assert_eq!(plan.updated_at, saved_at);
        let keys: Vec<_> = plan.steps.iter().map(|(s, _)| s.key).collect();
        assert_eq!(
            keys,
            ["warning_signs", "coping", "distractions", "people", "professionals", "environment"]
        );
        let titles: Vec<_> = plan.steps.iter().map(|(s, _)| s.title).collect();
        assert_eq!(
            titles,
            [
                "1. My warning signs",
                "2. Things I can do on my own",
                "3. People and places that distract me",
                "4. People I can ask for help",
                "5. Professionals and crisis lines",
                "6. Making my surroundings safer",
            ]
        );
        assert_eq!(plan.steps.iter().map(|(s, _)| *s).collect::<Vec<_>>(), SAFETY_STEPS);
        let texts: Vec<_> = plan.steps.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, PLAN);
        assert_eq!(plan_rows(t, ana).await, 1);
    }

    /// Safety plan (Stanley–Brown, six steps): some steps may wait; they read back empty.
    async fn a_plan_may_leave_steps_for_later(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let mut s: [String; 6] = Default::default();
        s[3] = "  My cousin Ysolde, 555-0173  ".into();
        s[5] = "   ".into();
        assert_eq!(save_safety_plan(&app, &p.ana.actor, ana, 0, s).await.unwrap(), 1);
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        let texts: Vec<_> = plan.steps.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, ["", "", "", "My cousin Ysolde, 555-0173", "", ""]);
    }

    /// Safety plan (Stanley–Brown, six steps): every save is a new version; the newest is in
    /// force, the old ones are kept, and a save from a stale version overwrites nothing.
    async fn every_save_is_a_new_version_and_a_stale_one_is_refused(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assert_eq!(
            save_safety_plan(&app, &p.ana.actor, ana, 0, first_step("First draft"))
                .await
                .unwrap(),
            1
        );
        clock.advance(chrono::Duration::days(2));
        assert_eq!(
            save_safety_plan(&app, &p.ana.actor, ana, 1, first_step("Second draft"))
                .await
                .unwrap(),
            2
        );
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.version, 2);
        assert_eq!(plan.updated_at, app.now());
        assert_eq!(plan.steps[0].1, "Second draft");
        assert_eq!(plan_rows(t, ana).await, 2, "the first version is kept");
        let versions = t
            .query(
                "SELECT version FROM safety_plans WHERE client_id = ? ORDER BY version",
                vec![ana.into()],
            )
            .await
            .iter()
            .map(|r| r.try_get_by_index::<i32>(0).unwrap())
            .collect::<Vec<_>>();
        assert_eq!(versions, [1, 2]);

        // Written while version 1 was on screen: refused, nothing stored.
        assert!(conflict(
            save_safety_plan(&app, &p.ana.actor, ana, 1, first_step("Stale edit")).await
        ));
        assert_eq!(plan_rows(t, ana).await, 2);
        // So is a version from the future, and a first plan when one exists.
        assert!(conflict(
            save_safety_plan(&app, &p.ana.actor, ana, 5, first_step("Future edit")).await
        ));
        assert!(conflict(
            save_safety_plan(&app, &p.ana.actor, ana, 0, first_step("Another first")).await
        ));
        assert_eq!(plan_rows(t, ana).await, 2);
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!((plan.version, plan.steps[0].1.as_str()), (2, "Second draft"));
        // Reloaded, the edit goes in.
        assert_eq!(
            save_safety_plan(&app, &p.ana.actor, ana, 2, first_step("Third draft"))
                .await
                .unwrap(),
            3
        );
        assert_eq!(plan_rows(t, ana).await, 3);
    }

    /// Safety plan (Stanley–Brown, six steps): written by the client or with their care team;
    /// nobody else reads or writes it.
    async fn the_care_team_may_read_and_write_and_nobody_else(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        save_safety_plan(&app, &p.ana.actor, ana, 0, steps(PLAN)).await.unwrap();

        // The clinician on the team reads it, written by Ana…
        let plan = safety_plan(&app, &p.lena.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.written_by, "Ana Ruiz");
        assert_eq!(plan.steps[3].1, PLAN[3]);
        // …and writes the next version with her in session.
        let mut revised = steps(PLAN);
        revised[1] = "Breathing 4-7-8, then the cello suite".into();
        assert_eq!(
            save_safety_plan(&app, &p.lena.actor, ana, 1, revised).await.unwrap(),
            2
        );
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.written_by, "Dr Lena Okafor");
        assert_eq!(plan.steps[1].1, "Breathing 4-7-8, then the cello suite");
        let plan = safety_plan(&app, &p.lena.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.written_by, "you");

        // A clinician off the team, an administrator, another client: refused both ways.
        for (who, actor) in [
            ("clinician off the team", &p.kofi.actor),
            ("administrator", &p.admin.actor),
            ("another client", &p.bo.actor),
        ] {
            assert!(forbidden(safety_plan(&app, actor, ana).await), "{who} reads");
            assert!(
                forbidden(save_safety_plan(&app, actor, ana, 2, first_step("Overwritten")).await),
                "{who} writes"
            );
        }
        assert_eq!(plan_rows(t, ana).await, 2, "no refused save stored anything");
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!((plan.version, plan.written_by.as_str()), (2, "Dr Lena Okafor"));
        // Bo's own plan is his, and Ana's clinician is not on his team.
        save_safety_plan(&app, &p.bo.actor, id(&p.bo.actor), 0, first_step("Bo's plan"))
            .await
            .unwrap();
        assert!(forbidden(safety_plan(&app, &p.lena.actor, id(&p.bo.actor)).await));
        assert!(forbidden(safety_plan(&app, &p.ana.actor, id(&p.bo.actor)).await));
    }

    /// Safety plan (Stanley–Brown, six steps): a plan must say something, and each step stays
    /// readable.
    async fn an_empty_plan_or_an_overlong_step_is_refused(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);

        let empty: [String; 6] = Default::default();
        let err = save_safety_plan(&app, &p.ana.actor, ana, 0, empty).await.unwrap_err();
        assert_eq!(invalid_field(&err), "warning_signs");
        let blank = steps([" ", "\n", "\t", "  ", "", " \r\n "]);
        let err = save_safety_plan(&app, &p.ana.actor, ana, 0, blank).await.unwrap_err();
        assert_eq!(invalid_field(&err), "warning_signs", "whitespace is empty");

        let long = "x".repeat(MAX_STEP_CHARS + 1);
        for (i, key) in COLUMNS.iter().enumerate() {
            let mut s = steps(PLAN);
            s[i] = long.clone();
            let err = save_safety_plan(&app, &p.ana.actor, ana, 0, s).await.unwrap_err();
            assert_eq!(invalid_field(&err), *key, "step {}", i + 1);
        }
        // Characters, not bytes: 4,001 two-byte letters are too many too.
        let mut s = steps(PLAN);
        s[2] = "é".repeat(MAX_STEP_CHARS + 1);
        let err = save_safety_plan(&app, &p.ana.actor, ana, 0, s).await.unwrap_err();
        assert_eq!(invalid_field(&err), "distractions");
        assert_eq!(plan_rows(t, ana).await, 0, "nothing refused was stored");
        assert!(!has_safety_plan(&app, &p.ana.actor).await.unwrap());

        // Exactly 4,000 characters (of a multi-byte letter) fit, and come back whole.
        let mut s = steps(PLAN);
        s[4] = "é".repeat(MAX_STEP_CHARS);
        assert_eq!(save_safety_plan(&app, &p.ana.actor, ana, 0, s).await.unwrap(), 1);
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.steps[4].1, "é".repeat(MAX_STEP_CHARS));
    }

    /// Safety plan (Stanley–Brown, six steps): every written step is sealed at rest, bound to
    /// its row and column; an empty step stores nothing.
    async fn the_steps_are_sealed_at_rest(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let mut s = steps(PLAN);
        s[2] = String::new();
        save_safety_plan(&app, &p.ana.actor, ana, 0, s).await.unwrap();

        let row_id = t
            .query("SELECT id FROM safety_plans WHERE client_id = ?", vec![ana.into()])
            .await[0]
            .try_get::<Uuid>("", "id")
            .unwrap();
        for (i, col) in COLUMNS.iter().enumerate() {
            let cell = t
                .texts(
                    &format!("SELECT {col} FROM safety_plans WHERE id = ?"),
                    vec![row_id.into()],
                )
                .await
                .remove(0);
            if i == 2 {
                assert_eq!(cell, None, "an empty step is NULL");
                continue;
            }
            let cell = cell.unwrap_or_else(|| panic!("{col} is NULL"));
            assert!(cell.starts_with("v1:"), "{col}: {cell}");
            for needle in NEEDLES {
                assert!(!cell.contains(needle), "{needle:?} in {col}");
            }
            // It opens to the step's text under its own table, column and row…
            let opened = t.db.keys().open("safety_plans", col, &row_id.to_string(), &cell).unwrap();
            assert_eq!(opened, PLAN[i], "{col}");
            // …and under no other column or row.
            let other = COLUMNS[(i + 1) % 6];
            assert!(t.db.keys().open("safety_plans", other, &row_id.to_string(), &cell).is_err());
            let elsewhere = Uuid::now_v7().to_string();
            assert!(t.db.keys().open("safety_plans", col, &elsewhere, &cell).is_err());
        }
        // Nor does the text leak anywhere into the audit trail.
        for row in t.query("SELECT action, resource, detail FROM audit_events", vec![]).await {
            let text = format!("{row:?}");
            for needle in NEEDLES {
                assert!(!text.contains(needle), "{needle:?} in an audit event");
            }
        }
    }

    /// Safety plan (Stanley–Brown, six steps): every read and save is in the audit log, and the
    /// client sees who changed their plan.
    async fn reads_and_saves_are_audited_and_the_client_sees_them(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let lena = id(&p.lena.actor);
        save_safety_plan(&app, &p.ana.actor, ana, 0, steps(PLAN)).await.unwrap();
        safety_plan(&app, &p.lena.actor, ana).await.unwrap().unwrap();
        save_safety_plan(&app, &p.lena.actor, ana, 1, first_step("Revised with Dr Okafor"))
            .await
            .unwrap();
        safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();

        let rows = t
            .query(
                "SELECT action, actor_id, resource, outcome FROM audit_events \
                 WHERE client_id = ? AND action LIKE 'safety_plan.%' ORDER BY seq",
                vec![ana.into()],
            )
            .await;
        let events: Vec<(String, Uuid, Option<String>, String)> = rows
            .iter()
            .map(|r| {
                (
                    r.try_get("", "action").unwrap(),
                    r.try_get("", "actor_id").unwrap(),
                    r.try_get("", "resource").unwrap(),
                    r.try_get("", "outcome").unwrap(),
                )
            })
            .collect();
        let ok = || "ok".to_string();
        assert_eq!(
            events,
            [
                ("safety_plan.saved".to_string(), ana, Some("safety_plan:v1".to_string()), ok()),
                ("safety_plan.read".to_string(), lena, None, ok()),
                ("safety_plan.saved".to_string(), lena, Some("safety_plan:v2".to_string()), ok()),
                ("safety_plan.read".to_string(), ana, None, ok()),
            ]
        );

        // Deciding whether to show the link records nothing.
        let before = t.count("audit_events", vec![]).await;
        assert!(has_safety_plan(&app, &p.ana.actor).await.unwrap());
        assert_eq!(t.count("audit_events", vec![]).await, before);

        let log = my_access_log(&app, &p.ana.actor).await.unwrap();
        let lines: Vec<_> = log.iter().map(|e| (e.who.as_str(), e.what)).collect();
        assert!(
            lines.contains(&("Dr Lena Okafor", "Changed your safety plan")),
            "{lines:?}"
        );
        assert!(lines.contains(&("Dr Lena Okafor", "Looked at your safety plan")), "{lines:?}");
        assert!(lines.contains(&("You", "Changed your safety plan")), "{lines:?}");
        let chain = rapport_app::audit_log::verify(&app, None).await.unwrap();
        assert_eq!(chain.first_broken, None);
    }

    /// Safety plan (Stanley–Brown, six steps): two saves from the same version at once store
    /// one version; the other is told, not overwritten.
    async fn parallel_saves_from_one_version_store_one(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let editors = [(p.ana.actor.clone(), "Ana's edit"), (p.lena.actor.clone(), "Lena's edit")];
        let tasks: Vec<_> = editors
            .into_iter()
            .map(|(actor, text)| {
                let app = app.clone();
                tokio::spawn(async move {
                    save_safety_plan(&app, &actor, ana, 0, first_step(text))
                        .await
                        .map(|v| (v, text))
                })
            })
            .collect();
        let mut saved = Vec::new();
        let mut conflicts = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(s) => saved.push(s),
                Err(Error::Conflict(_)) => conflicts += 1,
                Err(other) => panic!("expected Conflict, got {other:?}"),
            }
        }
        assert_eq!((saved.len(), conflicts), (1, 1), "{saved:?}");
        assert_eq!(saved[0].0, 1);
        assert_eq!(plan_rows(t, ana).await, 1);
        let plan = safety_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!((plan.version, plan.steps[0].1.as_str()), (1, saved[0].1));
        assert_eq!(
            t.count("audit_events WHERE action = 'safety_plan.saved'", vec![]).await,
            1,
            "the refused save left no event"
        );
        let chain = rapport_app::audit_log::verify(&app, None).await.unwrap();
        assert_eq!(chain.first_broken, None);
    }

    /// Safety plan (Stanley–Brown, six steps): below the use-case's check, the database
    /// itself refuses a second copy of a version, which is what settles a race.
    async fn the_database_refuses_a_second_copy_of_a_version(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let now = app.now();
        let (app, actor) = (&app, &p.ana.actor);
        let save = |text: &'static str| async move {
            let s = first_step(text);
            let scope = rapport_app::access::write(
                app,
                actor,
                rapport_app::policy::Action::WriteClientRecord,
                ana,
                "safety_plan.saved",
            )
            .await
            .unwrap();
            let r = plans::save(
                &scope.client(),
                NewVersion {
                    id: Uuid::now_v7(),
                    previous: 0,
                    written_by: ana,
                    steps: &s,
                    now,
                },
            )
            .await;
            if r.is_ok() {
                let entry = rapport_app::audit_log::Entry::ok("safety_plan.saved");
                scope.commit(entry).await.unwrap();
            }
            r
        };
        assert_eq!(save("First").await.unwrap(), 1);
        assert!(matches!(
            save("Also first").await,
            Err(rapport_store::Error::Conflict(_))
        ));
        assert_eq!(plan_rows(t, ana).await, 1);
        let plan = safety_plan(app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.steps[0].1, "First");
    }

    /// Safety plan (Stanley–Brown, six steps): the API reads and writes it with the same
    /// versioning and the same rules about who may.
    async fn the_api_reads_and_writes_the_plan(t: &TestDb) {
        let api = Api::new(t);
        let app = api.app(t);
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let _bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let ana_token = api.token("ana@example.org").await;
        let bo_token = api.token("bo@example.org").await;
        let path = format!("/api/v1/clients/{}/safety-plan", ana.actor.user_id);

        let r = api.call("GET", &path, Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "no plan yet: {}", r.body);
        assert_eq!(r.json()["error"]["code"], "not_found");

        let r = api.put(&path, &ana_token, 0, PLAN).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["version"], 1);
        let r = api.call("GET", &path, Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        assert_eq!(v["version"], 1);
        assert_eq!(v["steps"], steps_json(PLAN));
        assert!(v["updated_at"].as_str().unwrap().starts_with("2026-11-23T09:00:00"));

        let mut second = PLAN;
        second[0] = "Not sleeping, pulling away from friends";
        let r = api.put(&path, &ana_token, 1, second).await;
        assert_eq!((r.status, r.json()["version"].clone()), (StatusCode::OK, json!(2)));
        // From version 1 again: 409, and version 2 stays.
        let r = api.put(&path, &ana_token, 1, PLAN).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["error"]["code"], "conflict");
        let v = api.call("GET", &path, Some(&ana_token), None).await.json();
        assert_eq!((v["version"].clone(), v["steps"].clone()), (json!(2), steps_json(second)));
        assert_eq!(plan_rows(t, ana.actor.user_id).await, 2);

        // An empty plan: 422 naming the first step.
        let r = api.put(&path, &ana_token, 2, ["", "", "", "", "", ""]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["error"]["field"], "warning_signs");

        // Another client's token: 403 both ways, and nothing changes.
        let r = api.call("GET", &path, Some(&bo_token), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(r.json()["error"]["code"], "forbidden");
        let r = api.put(&path, &bo_token, 2, PLAN).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(plan_rows(t, ana.actor.user_id).await, 2);
        // No token at all: 401.
        assert_eq!(api.call("GET", &path, None, None).await.status, StatusCode::UNAUTHORIZED);
    }
}
