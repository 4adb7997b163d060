//! The door to a client's record (`rapport_app::access`): a refusal is recorded, a write
//! scope that is not committed leaves nothing, and a scope for one client reaches only that
//! client's rows.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use rapport_app::access;
use rapport_app::audit_log::Entry;
use rapport_app::goals::{NewGoal, goals_of, set_goal};
use rapport_app::policy::{Action, Relation};
use rapport_store::audit;
use rapport_store::goals::{self, Goal, Progress};
use rapport_testkit::asserts::{forbidden, id};
use rapport_testkit::{TestDb, both_backends, practice};

fn goal(title: &str) -> NewGoal {
    NewGoal {
        title: title.into(),
        success: "Most mornings".into(),
        measured_by: String::new(),
        target_date: None,
    }
}

both_backends! {
    async fn triage_reads_the_record_by_its_own_relation_without_the_notes(t: &TestDb) {
        use rapport_app::timeline::{Topic, timeline};
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        // Lena sees Ana and signs a progress note.
        let first = (app.now() + chrono::Duration::days(1)).naive_utc();
        let new = rapport_app::sessions::NewSessions {
            clients: vec![ana],
            kind: "individual".into(),
            modality: "phone".into(),
            first: Some(first),
            minutes: Some(50),
            weeks: Some(1),
            ..Default::default()
        };
        let session = rapport_app::sessions::schedule(&app, &p.lena.actor, new).await.unwrap()[0];
        clock.advance(chrono::Duration::days(1) + chrono::Duration::minutes(10));
        rapport_app::sessions::record_attendance(&app, &p.lena.actor, session, ana, "attended")
            .await
            .unwrap();
        let dap = rapport_core::notes::Dap {
            data: "PHQ-9 12.".into(),
            assessment: "Engaged.".into(),
            plan: "Walks.".into(),
        };
        rapport_app::notes::save_progress_note(&app, &p.lena.actor, session, ana, dap, true)
            .await
            .unwrap();
        // Lena leaves Ana's team; Kofi is on triage duty, so he may read Ana's record.
        rapport_app::care_teams::end_membership(&app, &p.admin.actor, ana, id(&p.lena.actor))
            .await
            .unwrap();
        rapport_app::triage::set_duty(&app, &p.admin.actor, &[id(&p.kofi.actor)]).await.unwrap();
        let scope = access::read(&app, &p.kofi.actor, Action::ReadClientRecord, ana, "timeline.read")
            .await
            .unwrap();
        assert_eq!(scope.relation(), Relation::Triage);
        scope.finish(Entry::ok("timeline.read")).await.unwrap();
        // The policy gives triage no notes: the timeline has none for him (it once asked
        // the policy as if every reader were on the care team).
        let lines = timeline(&app, &p.kofi.actor, ana).await.unwrap();
        assert!(lines.iter().any(|l| l.topic == Topic::Session));
        assert!(lines.iter().all(|l| l.topic != Topic::Note), "{lines:?}");
    }

    async fn a_clients_flags_are_a_recorded_read(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        // The chart's flags open the clinicians' sealed notes: the read is in Ana's log.
        rapport_app::alerts::of_client(&app, &p.lena.actor, ana).await.unwrap();
        let events = audit::for_client(t.db.conn(), ana, 5).await.unwrap();
        assert_eq!(events[0].action, "alerts.read");
        assert_eq!(events[0].actor_id, Some(id(&p.lena.actor)));
        // Kofi is refused, and that is recorded too.
        assert!(forbidden(rapport_app::alerts::of_client(&app, &p.kofi.actor, ana).await));
        let events = audit::for_client(t.db.conn(), ana, 5).await.unwrap();
        assert_eq!(
            (events[0].action.as_str(), events[0].outcome.as_str()),
            ("alerts.read", "denied")
        );
    }

    async fn a_refusal_is_recorded_and_opens_nothing(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);

        // Kofi is on nobody's team: refused, and Ana can see that he tried.
        let r = access::read(&app, &p.kofi.actor, Action::ReadClientRecord, ana, "goals.read").await;
        assert!(matches!(r, Err(rapport_app::Error::Forbidden)));
        let r = access::write(&app, &p.kofi.actor, Action::WriteClientRecord, ana, "goals.changed")
            .await;
        assert!(matches!(r, Err(rapport_app::Error::Forbidden)));
        // Bo is another client.
        let r = access::read(&app, &p.bo.actor, Action::ReadClientRecord, ana, "goals.read").await;
        assert!(matches!(r, Err(rapport_app::Error::Forbidden)));
        // An administrator never reads clinical content.
        let r = access::read(&app, &p.admin.actor, Action::ReadClientRecord, ana, "goals.read")
            .await;
        assert!(matches!(r, Err(rapport_app::Error::Forbidden)));

        let events = audit::for_client(t.db.conn(), ana, 50).await.unwrap();
        let denied: Vec<_> = events
            .iter()
            .filter(|e| e.outcome == "denied")
            .map(|e| (e.actor_id, e.action.as_str()))
            .collect();
        assert_eq!(denied.len(), 4, "{denied:?}");
        assert!(denied.contains(&(Some(id(&p.kofi.actor)), "goals.read")));
        assert!(denied.contains(&(Some(id(&p.kofi.actor)), "goals.changed")));
        assert!(denied.contains(&(Some(id(&p.bo.actor)), "goals.read")));
        assert!(denied.contains(&(Some(id(&p.admin.actor)), "goals.read")));

        // Through a use-case, the same.
        assert!(forbidden(goals_of(&app, &p.kofi.actor, ana).await));
        assert!(audit::verify(&t.db).await.unwrap().first_broken.is_none());
    }

    async fn a_scope_says_who_and_how(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let scope = access::read(&app, &p.lena.actor, Action::ReadClientRecord, ana, "goals.read")
            .await
            .unwrap();
        assert_eq!(scope.client_id(), ana);
        assert_eq!(scope.relation(), Relation::CareTeam);
        assert_eq!(scope.actor().user_id, id(&p.lena.actor));
        assert_eq!(scope.client().client_id(), ana);
        scope.finish(Entry::ok("goals.read")).await.unwrap();
        let events = audit::for_client(t.db.conn(), ana, 5).await.unwrap();
        assert_eq!(events[0].action, "goals.read");
        assert_eq!(events[0].outcome, "ok");
        assert_eq!(events[0].actor_id, Some(id(&p.lena.actor)));
    }

    async fn a_write_scope_dropped_without_commit_leaves_nothing(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let before = t.count("audit_events", vec![]).await;
        {
            let scope =
                access::write(&app, &p.ana.actor, Action::WriteClientRecord, ana, "goals.changed")
                    .await
                    .unwrap();
            let g = Goal {
                id: app.new_id(),
                client_id: ana,
                title: "Walk to the river".into(),
                success: "Three times a week".into(),
                measured_by: None,
                target_date: None,
                status: "active".into(),
                close_reason: None,
                created_by: ana,
                created_at: app.now(),
                progress: vec![],
            };
            goals::insert(&scope.client(), &g).await.unwrap();
            // Seen inside the transaction...
            assert_eq!(goals::of_client(&scope.client()).await.unwrap().len(), 1);
            drop(scope);
        }
        // ...and gone with it: no goal, no audit event.
        assert_eq!(t.count("goals", vec![]).await, 0);
        assert_eq!(t.count("audit_events", vec![]).await, before);
        // The database is free again (a SQLite writer was not left holding the lock).
        set_goal(&app, &p.ana.actor, ana, goal("Sleep before midnight")).await.unwrap();
        assert_eq!(t.count("goals", vec![]).await, 1);
    }

    async fn a_scope_for_one_client_reaches_only_their_rows(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        set_goal(&app, &p.ana.actor, ana, goal("Walk to the river")).await.unwrap();
        let bos = set_goal(&app, &p.bo.actor, bo, goal("Call my sister")).await.unwrap();

        let scope = access::write(&app, &p.ana.actor, Action::WriteClientRecord, ana, "goals.changed")
            .await
            .unwrap();
        // Reading: Ana's goal only, though Bo's is in the same table.
        let seen = goals::of_client(&scope.client()).await.unwrap();
        assert_eq!(seen.len(), 1);
        assert!(seen.iter().all(|g| g.client_id == ana));
        // Writing to Bo's goal through Ana's handle changes nothing.
        let progress = Progress {
            at: app.now(),
            by: ana,
            rating: 3,
            note: None,
        };
        assert!(!goals::add_progress(&scope.client(), app.new_id(), bos, &progress).await.unwrap());
        assert!(!goals::close(&scope.client(), bos, "dropped", "not mine", app.now()).await.unwrap());
        // A goal inserted through Ana's handle is Ana's, whatever it claims.
        let claimed = Goal {
            id: app.new_id(),
            client_id: bo,
            title: "Not Bo's".into(),
            success: "x".into(),
            measured_by: None,
            target_date: None,
            status: "active".into(),
            close_reason: None,
            created_by: ana,
            created_at: app.now(),
            progress: vec![],
        };
        goals::insert(&scope.client(), &claimed).await.unwrap();
        scope.commit(Entry::ok("goals.changed")).await.unwrap();

        let bo_goals = goals_of(&app, &p.bo.actor, bo).await.unwrap();
        assert_eq!(bo_goals.len(), 1);
        assert_eq!(bo_goals[0].status.as_str(), "active");
        assert!(bo_goals[0].progress.is_empty());
        assert_eq!(goals_of(&app, &p.ana.actor, ana).await.unwrap().len(), 2);

        // The use-case refuses Bo's goal to Ana as not found.
        let r = rapport_app::goals::record_progress(&app, &p.ana.actor, bos, Some(3), "").await;
        assert!(r.is_err());
    }
}

/// Every Rust file of the workspace's crates.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `rapport_store::access::grant` hands out a handle on a client's rows; only the door may
/// call it, after the policy allowed the action.
#[test]
fn only_the_door_grants_a_client_handle() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![];
    rust_files(&crates, &mut files);
    assert!(files.len() > 50, "the workspace's sources were not found");
    let door = crates.join("app/src/access/mod.rs");
    let definition = crates.join("store/src/access.rs");
    let this = crates.join("testkit/tests/access.rs");
    let mut callers = vec![];
    for f in &files {
        if *f == door || *f == definition || *f == this {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        if text.contains("grant(") && (text.contains("access::") || text.contains("ClientTx")) {
            callers.push(f.display().to_string());
        }
        if text.contains("access::grant") || text.contains("access::{grant") {
            callers.push(f.display().to_string());
        }
    }
    assert!(
        callers.is_empty(),
        "grant is called outside app/src/access: {callers:?}"
    );
    let door_text = std::fs::read_to_string(&door).unwrap();
    assert!(door_text.contains("grant("), "the door no longer grants");
}
