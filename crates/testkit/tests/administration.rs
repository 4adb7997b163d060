//! Administration at the size of a real service (issue 17, items 5 and 7): accounts found by
//! a keyed blind index of their sealed names and by e-mail, filtered by role and paged; the
//! practice-lead switch; the instance's settings (validated, and in force: the crisis page,
//! the schedules, the idle time-out); the audit log's filters and chain check; administrators
//! only.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::accounts::{api_login, totp};
use rapport_app::admin::{AccountQuery, search_accounts};
use rapport_core::accounts::Role;
use rapport_store::ConnectionTrait;
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, client, practice, staff};
use serde_json::{Value, json};

/// A signed-in API token for a practice's administrator, clinician (Kofi) and client (Ana).
async fn tokens(
    b: &mut Browser,
    t: &TestDb,
) -> (rapport_testkit::Practice, String, String, String) {
    let app = b.app(t);
    let p = practice(&app).await;
    b.clock.advance(Duration::seconds(30));
    let code = |secret: &str| totp::code_at(secret, app.now()).unwrap();
    let admin = api_login(
        &app,
        &p.admin.email,
        PASSWORD,
        Some(&code(&p.admin.totp_secret)),
        ADDRESS,
    )
    .await
    .unwrap()
    .token;
    let kofi = api_login(
        &app,
        &p.kofi.email,
        PASSWORD,
        Some(&code(&p.kofi.totp_secret)),
        ADDRESS,
    )
    .await
    .unwrap()
    .token;
    let ana = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS)
        .await
        .unwrap()
        .token;
    (p, admin, kofi, ana)
}

fn emails(body: &Value) -> Vec<String> {
    body["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_string())
        .collect()
}

both_backends! {
    async fn accounts_are_found_by_name_words_and_e_mail_and_paged(t: &TestDb) {
        let mut b = Browser::new(t);
        let (_p, admin, kofi, ana) = tokens(&mut b, t).await;
        let app = b.app(t);
        client(&app, "Avery Johnson", "avery.j@example.org").await;
        client(&app, "Avery Okonkwo-Smith", "aos@example.org").await;
        client(&app, "Jonas Avery", "jonas@example.org").await;

        // Words of a name, each the beginning of a word, in any order, any case.
        let r = b.api("GET", "/api/v1/admin/users?q=avery", Some(&admin), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let body = r.json();
        assert_eq!(body["total"], 3);
        assert_eq!(emails(&body), ["aos@example.org", "avery.j@example.org", "jonas@example.org"]);
        let r = b.api("GET", "/api/v1/admin/users?q=JOH%20av", Some(&admin), None).await;
        assert_eq!(emails(&r.json()), ["avery.j@example.org"]);
        let r = b.api("GET", "/api/v1/admin/users?q=smi", Some(&admin), None).await;
        assert_eq!(emails(&r.json()), ["aos@example.org"]);
        let u = &r.json()["users"][0];
        assert_eq!((u["name"].as_str(), u["role"].as_str(), u["disabled"].as_bool()), (Some("Avery Okonkwo-Smith"), Some("client"), Some(false)));
        // The middle of a word is not a beginning.
        let r = b.api("GET", "/api/v1/admin/users?q=very", Some(&admin), None).await;
        assert_eq!(r.json()["total"], 0);
        // By e-mail: its beginning, or the whole address.
        let r = b.api("GET", "/api/v1/admin/users?q=avery.j%40example.org", Some(&admin), None).await;
        assert_eq!(emails(&r.json()), ["avery.j@example.org"]);
        let r = b.api("GET", "/api/v1/admin/users?q=jonas%40", Some(&admin), None).await;
        assert_eq!(emails(&r.json()), ["jonas@example.org"]);

        // Role filter, and the names are nowhere in the index in the clear.
        let r = b.api("GET", "/api/v1/admin/users?role=clinician", Some(&admin), None).await;
        let body = r.json();
        assert_eq!(body["total"], 2);
        assert!(body["users"].as_array().unwrap().iter().all(|u| u["role"] == "clinician"));
        let terms = t.texts("SELECT term FROM account_search_terms", vec![]).await;
        assert!(!terms.is_empty());
        assert!(terms.iter().flatten().all(|t| !t.contains("avery") && !t.contains("av")), "{terms:?}");

        // Paging: 8 accounts (3 staff, 5 clients), 3 a page.
        let r = b.api("GET", "/api/v1/admin/users?per_page=3&page=3", Some(&admin), None).await;
        let body = r.json();
        assert_eq!((body["total"].as_u64(), body["page"].as_u64(), body["per_page"].as_u64()), (Some(8), Some(3), Some(3)));
        assert_eq!(body["users"].as_array().unwrap().len(), 2);
        let r = b.api("GET", "/api/v1/admin/users?per_page=3&page=9", Some(&admin), None).await;
        assert_eq!(r.json()["users"].as_array().unwrap().len(), 0);

        // Bad input names its field; others than administrators are refused.
        for (q, field) in [("role=doctor", "role"), ("page=0", "page"), ("per_page=500", "per_page"), ("page=x", "page"), ("q=a", "q")] {
            let r = b.api("GET", &format!("/api/v1/admin/users?{q}"), Some(&admin), None).await;
            assert_eq!((r.status, r.json()["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{q}: {}", r.body);
        }
        for token in [&kofi, &ana] {
            let r = b.api("GET", "/api/v1/admin/users", Some(token), None).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
    }

    async fn accounts_made_before_the_index_are_found_after_a_restart(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        // As in a database from before the index: no terms, and the pass not run.
        t.execute("DELETE FROM account_search_terms", vec![]).await;
        t.execute("DELETE FROM upkeep_passes", vec![]).await;
        let q = AccountQuery { q: Some("lindq".into()), ..Default::default() };
        assert_eq!(search_accounts(&app, &p.admin.actor, &q).await.unwrap().total, 0);
        let db = t.reopen().await;
        drop(db);
        let page = search_accounts(&app, &p.admin.actor, &q).await.unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.accounts[0].name, "Bo Lindqvist");
    }

    async fn the_administrator_makes_a_clinician_practice_lead(t: &TestDb) {
        let mut b = Browser::new(t);
        let (p, admin, kofi, _ana) = tokens(&mut b, t).await;
        let kofi_id = p.kofi.actor.user_id;
        let path = format!("/api/v1/admin/clinicians/{kofi_id}/practice-lead");
        let r = b.api("PUT", &path, Some(&admin), Some(json!({"practice_lead": true}))).await;
        assert_eq!((r.status, r.json()["practice_lead"].as_bool()), (StatusCode::OK, Some(true)), "{}", r.body);
        let r = b.api("GET", "/api/v1/admin/users?q=kofi", Some(&admin), None).await;
        assert_eq!(r.json()["users"][0]["practice_lead"], true);
        assert_eq!(t.count("audit_events WHERE action = 'admin.practice_lead_added'", vec![]).await, 1);
        // Again: nothing changes, nothing more is recorded.
        b.api("PUT", &path, Some(&admin), Some(json!({"practice_lead": true}))).await;
        assert_eq!(t.count("audit_events WHERE action = 'admin.practice_lead_added'", vec![]).await, 1);
        // A clinician may not; a client is no clinician; a bad body names its field.
        let r = b.api("PUT", &path, Some(&kofi), Some(json!({"practice_lead": false}))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let ana_path = format!("/api/v1/admin/clinicians/{}/practice-lead", p.ana.actor.user_id);
        let r = b.api("PUT", &ana_path, Some(&admin), Some(json!({"practice_lead": true}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("clinician_id")));
        let r = b.api("PUT", &path, Some(&admin), Some(json!({"practice_lead": "yes"}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = b.api("PUT", &path, Some(&admin), Some(json!({"practice_lead": false}))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(t.count("audit_events WHERE action = 'admin.practice_lead_removed'", vec![]).await, 1);
        assert_eq!(t.count("practice_leads", vec![]).await, 0);

        // The page: the button makes him lead and comes back to the same search.
        b.cookies.insert("rapport_session".into(), p.admin.session.clone());
        let page = b.get("/admin/users?q=kofi").await;
        assert!(page.body.contains("Make practice lead"), "{}", page.body);
        let fields = [("user_id", kofi_id.to_string()), ("practice_lead", "on".into()), ("back", "/admin/users?q=kofi&page=1".into())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = b.submit("/admin/users?q=kofi", "/admin/users/practice-lead", &fields).await;
        assert_eq!(r.location(), "/admin/users?q=kofi&page=1&done=lead_on");
        assert_eq!(t.count("practice_leads", vec![]).await, 1);
    }

    async fn settings_are_checked_and_in_force(t: &TestDb) {
        let mut b = Browser::new(t);
        let (p, admin, kofi, _ana) = tokens(&mut b, t).await;
        // The default: the United States' lines.
        let crisis = b.get("/crisis").await;
        assert!(crisis.body.contains("tel:988"));
        let r = b.api("GET", "/api/v1/admin/settings", Some(&admin), None).await;
        assert_eq!(r.json(), json!({"country": null, "crisis_lines": [], "default_schedule": {}, "client_idle_minutes": null}));

        for (body, field) in [
            (json!({"country": "Britain"}), "country"),
            (json!({"crisis_lines": [{"country": "GB", "label": "Samaritans", "href": "javascript:alert(1)", "action": "Call"}]}), "crisis_lines[0].href"),
            (json!({"crisis_lines": [{"country": "GB", "label": " ", "href": "tel:116123", "action": "Call"}]}), "crisis_lines[0].label"),
            (json!({"default_schedule": {"phq9": 400}}), "default_schedule.phq9"),
            (json!({"default_schedule": {"bdi": 7}}), "default_schedule.bdi"),
            (json!({"client_idle_minutes": 2}), "client_idle_minutes"),
        ] {
            let r = b.api("PUT", "/api/v1/admin/settings", Some(&admin), Some(body.clone())).await;
            assert_eq!((r.status, r.json()["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{body}: {}", r.body);
        }
        let r = b.api("PUT", "/api/v1/admin/settings", Some(&kofi), Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let set = json!({
            "country": "gb",
            "crisis_lines": [
                {"country": "GB", "label": "Samaritans (call, any time)", "href": "tel:116123", "action": "Call 116 123"},
                {"country": "IE", "label": "Pieta", "href": "tel:1800247247", "action": "Call Pieta"}
            ],
            "default_schedule": {"phq9": 14},
            "client_idle_minutes": 20
        });
        let r = b.api("PUT", "/api/v1/admin/settings", Some(&admin), Some(set)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["country"], "GB");
        assert_eq!(t.count("audit_events WHERE action = 'admin.settings_changed'", vec![]).await, 1);

        // The crisis page shows the instance's country's lines, not the others', not 988.
        let crisis = b.get("/crisis").await;
        assert!(crisis.body.contains("tel:116123") && crisis.body.contains("Samaritans"), "{}", crisis.body);
        assert!(!crisis.body.contains("tel:988") && !crisis.body.contains("Pieta"));

        // The schedule: Ana's clinician changed nothing, so the PHQ-9 is every 14 days.
        let app = b.app(t);
        let due = rapport_app::measures::due_today(&app, &p.ana.actor).await.unwrap();
        assert_eq!(due.iter().find(|d| d.what == "phq9").unwrap().every_days, 14);
        assert_eq!(due.iter().find(|d| d.what == "gad7").unwrap().every_days, 14);
        assert_eq!(due.iter().find(|d| d.what == "who5").unwrap().every_days, 30);

        // The idle time-out: a client's token goes idle after 20 minutes, not the flag's 60.
        b.clock.advance(Duration::seconds(30));
        let bo = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        assert_eq!(b.api("GET", "/api/v1/me", Some(&bo), None).await.status, StatusCode::OK);
        b.clock.advance(Duration::minutes(21));
        assert_eq!(b.api("GET", "/api/v1/me", Some(&bo), None).await.status, StatusCode::UNAUTHORIZED);

        // The page shows them, and a bad value comes back with what was typed.
        b.cookies.insert("rapport_session".into(), p.admin.session.clone());
        b.clock.advance(Duration::seconds(30));
        let page = b.get("/admin/settings").await;
        assert!(page.body.contains("GB | Samaritans (call, any time) | tel:116123 | Call 116 123"), "{}", page.body);
        let r = b
            .submit("/admin/settings", "/admin/settings", &[("country", "GB"), ("crisis_lines", "GB | Samaritans | ftp://x | Call"), ("phq9", "7"), ("client_idle_minutes", "45")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("GB | Samaritans | ftp://x | Call") && r.body.contains("value=\"45\""), "{}", r.body);
        assert!(r.body.contains("Line 1:"), "{}", r.body);
    }

    async fn the_audit_log_is_filtered_paged_and_its_chain_checked(t: &TestDb) {
        let mut b = Browser::new(t);
        let (p, admin, kofi, _ana) = tokens(&mut b, t).await;
        let app = b.app(t);
        for i in 0..3 {
            client(&app, &format!("Client {i}"), &format!("c{i}@example.org")).await;
        }
        let r = b.api("GET", "/api/v1/admin/audit", Some(&admin), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let events = r.json()["events"].as_array().unwrap().clone();
        assert!(!events.is_empty());
        let seqs: Vec<i64> = events.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[0] > w[1]), "newest first: {seqs:?}");

        // By action and by actor.
        let r = b.api("GET", "/api/v1/admin/audit?action=care_team.assigned", Some(&admin), None).await;
        let body = r.json();
        let list = body["events"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{body}");
        assert_eq!(list[0]["client_id"], p.ana.actor.user_id.to_string());
        assert_eq!(list[0]["actor_name"], "Sam Admin");
        let r = b.api("GET", &format!("/api/v1/admin/audit?actor_id={}&outcome=ok", p.kofi.actor.user_id), Some(&admin), None).await;
        let body = r.json();
        assert!(body["events"].as_array().unwrap().iter().all(|e| e["actor_id"] == p.kofi.actor.user_id.to_string() && e["outcome"] == "ok"), "{body}");
        let r = b.api("GET", &format!("/api/v1/admin/audit?client_id={}", p.ana.actor.user_id), Some(&admin), None).await;
        assert!(r.json()["events"].as_array().unwrap().iter().all(|e| e["client_id"] == p.ana.actor.user_id.to_string()));
        // A day range that holds nothing, and one that holds everything.
        let r = b.api("GET", "/api/v1/admin/audit?to=2000-01-01", Some(&admin), None).await;
        assert_eq!(r.json()["events"].as_array().unwrap().len(), 0);
        let r = b.api("GET", "/api/v1/admin/audit?from=2000-01-01", Some(&admin), None).await;
        assert_eq!(r.json()["events"].as_array().unwrap().len(), events.len());
        // Keyset paging: `before` the second-newest gives the rest.
        let r = b.api("GET", &format!("/api/v1/admin/audit?before={}", seqs[0]), Some(&admin), None).await;
        assert_eq!(r.json()["events"][0]["seq"].as_i64(), Some(seqs[1]));

        for (q, field) in [("outcome=maybe", "outcome"), ("actor_id=kofi", "actor_id"), ("from=yesterday", "from"), ("page=0", "page"), ("from=2026-12-02&to=2026-12-01", "to")] {
            let r = b.api("GET", &format!("/api/v1/admin/audit?{q}"), Some(&admin), None).await;
            assert_eq!((r.status, r.json()["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{q}: {}", r.body);
        }
        assert_eq!(b.api("GET", "/api/v1/admin/audit", Some(&kofi), None).await.status, StatusCode::FORBIDDEN);

        // The chain check, intact, then broken by a changed event.
        let r = b.api("POST", "/api/v1/admin/audit/verify", Some(&admin), None).await;
        assert_eq!((r.status, r.json()["intact"].as_bool()), (StatusCode::OK, Some(true)), "{}", r.body);
        assert_eq!(b.api("POST", "/api/v1/admin/audit/verify", Some(&kofi), None).await.status, StatusCode::FORBIDDEN);
        t.db.conn().execute_raw(rapport_store::audit::tamper_statement(t.backend(), 2, "nothing.happened")).await.unwrap();
        let r = b.api("POST", "/api/v1/admin/audit/verify", Some(&admin), None).await;
        let body = r.json();
        assert_eq!((body["intact"].as_bool(), body["first_broken_seq"].as_i64()), (Some(false), Some(2)), "{body}");

        // The page: filters kept, the check's result shown.
        b.cookies.insert("rapport_session".into(), p.admin.session.clone());
        let page = b.get("/admin/audit?action=care_team.assigned").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("value=\"care_team.assigned\"") && page.body.contains("Sam Admin"), "{}", page.body);
        let r = b.submit("/admin/audit", "/admin/audit/verify", &[]).await;
        assert!(r.body.contains("The chain is broken"), "{}", r.body);
        b.cookies.insert("rapport_session".into(), p.kofi.session.clone());
        assert_eq!(b.get("/admin/audit").await.status, StatusCode::FORBIDDEN);
    }

    async fn the_pages_find_accounts_and_clients_for_care_teams(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        for i in 0..30 {
            client(&app, &format!("Pat Number{i:02}"), &format!("pat{i:02}@example.org")).await;
        }
        let eve = staff(&app, Role::Clinician, "Eve Sharma", "eve@clinic.example").await;
        b.cookies.insert("rapport_session".into(), p.admin.session.clone());

        // The hub: a card per area, with its health.
        let hub = b.get("/admin").await;
        assert_eq!(hub.status, StatusCode::OK);
        assert!(hub.body.contains("32 clients") && hub.body.contains("3 clinicians"), "{}", hub.body);
        assert!(hub.body.contains("Nobody is on triage duty"));
        for href in ["/admin/users", "/admin/clinicians", "/admin/care-teams", "/admin/triage", "/admin/on-call", "/admin/settings", "/admin/audit", "/admin/jobs", "/admin/erasure-requests", "/admin/emergency-access"] {
            assert!(hub.body.contains(&format!("href=\"{href}\"")), "{href}");
        }
        assert!(b.get("/home").await.body.contains("Instance settings"));

        // Accounts: 36 in all, page 2 of 2; the search keeps its words in the page links.
        let page = b.get("/admin/users?page=2").await;
        assert!(page.body.contains("36 accounts") && page.body.contains("Page 2 of 2"), "{}", page.body);
        let page = b.get("/admin/users?q=pat&role=client").await;
        assert!(page.body.contains("30 accounts") && page.body.contains("Page 1 of 2"));
        assert!(page.body.contains("href=\"/admin/users?q=pat&#38;role=client&#38;page=2\""), "{}", page.body);
        let page = b.get("/admin/users?role=nurse").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Care teams: the client is found by search, then chosen by a radio button.
        let page = b.get("/admin/care-teams?client_q=number07&clinician_q=eve").await;
        assert!(page.body.contains("Pat Number07") && !page.body.contains("Pat Number08"), "{}", page.body);
        assert!(page.body.contains("type=\"radio\" name=\"client_id\""));
        let pat = rapport_store::accounts::users::find_by_email(t.db.conn(), t.db.keys(), "pat07@example.org").await.unwrap().unwrap();
        let fields = [("client_q", "number07".to_string()), ("clinician_q", "eve".into()), ("client_id", pat.id.to_string()), ("clinician_id", eve.actor.user_id.to_string()), ("role", "primary_therapist".into())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = b.submit("/admin/care-teams", "/admin/care-teams", &fields).await;
        assert_eq!(r.location(), "/admin/care-teams?done=team", "{}", r.body);
        let team = rapport_store::care_teams::team_of(t.db.conn(), pat.id).await.unwrap();
        assert_eq!(team.len(), 1);
        // Nothing chosen: the search field says so, the words are kept.
        let r = b.submit("/admin/care-teams", "/admin/care-teams", &[("client_q", "number0"), ("clinician_id", &eve.actor.user_id.to_string())]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Find the client and choose them") && r.body.contains("value=\"number0\""), "{}", r.body);

        // Not for clinicians.
        b.cookies.insert("rapport_session".into(), p.kofi.session.clone());
        for path in ["/admin", "/admin/users", "/admin/care-teams", "/admin/settings", "/admin/triage"] {
            assert_eq!(b.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
        }
    }
}
