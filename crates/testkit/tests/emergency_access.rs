//! Emergency access, "break glass" (issue 17, HIPAA 164.312(a)(2)(ii)): a clinician off a
//! client's care team opens the record by giving a reason; for one hour they read the record,
//! the care team and progress notes, never write and never read psychotherapy notes; every
//! read is audited as emergency access; the care team and the practice lead are told at once;
//! the client sees the opening, with the reason, in "who opened my record"; the hour ends it;
//! a practice can turn it off.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::{Duration, NaiveDateTime};
use rapport_app::accounts::{api_login, totp};
use rapport_app::audit_log::my_access_log;
use rapport_app::care_teams::{client_record, set_emergency_contact};
use rapport_app::emergency_access::{
    admin_overview, find_client, mine, my_opening, open, set_enabled, to_review,
};
use rapport_app::notes::{
    my_psychotherapy_note, progress_notes_of, save_progress_note, save_psychotherapy_note,
};
use rapport_app::notifications::mine as notices;
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_app::{Actor, App};
use rapport_core::accounts::Role;
use rapport_core::notes::Dap;
use rapport_testkit::asserts::{conflict, forbidden, invalid_field};
use rapport_testkit::browser::{Browser, api_call as api};
use rapport_testkit::family::family_member;
use rapport_testkit::{ADDRESS, PASSWORD, Practice, Staff, TestDb, both_backends, practice, staff};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::json;
use uuid::Uuid;

/// A reason no other table holds, to look for in raw storage and in the client's log.
const REASON: &str = "Found at Quorndale station, confused; ED needs her medication list";
const PROGRESS: &str = "Talked about the Wendlebury allotment; sleeping better.";
const PRIVATE: &str = "Kestrelford: my own hunch about her father, not for the record.";

/// Rosa, a clinician the administrator made practice lead.
async fn lead(app: &App, p: &Practice) -> Staff {
    let rosa = staff(app, Role::Clinician, "Rosa Lead", "rosa@clinic.example").await;
    rapport_app::practice_leads::set(app, &p.admin.actor, rosa.actor.user_id, true)
        .await
        .unwrap();
    rosa
}

/// A session of Lena's with Ana that took place, a signed progress note and Lena's
/// psychotherapy note on it.
async fn notes(app: &App, clock: &rapport_app::clock::ManualClock, p: &Practice) -> Uuid {
    let (lena, ana) = (&p.lena.actor, p.ana.actor.user_id);
    let session = schedule(
        app,
        lena,
        NewSessions {
            clients: vec![ana],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Room 2".into(),
            first: Some(
                NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").unwrap(),
            ),
            minutes: Some(50),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        },
    )
    .await
    .unwrap()[0];
    clock.advance(Duration::days(1) + Duration::hours(2));
    record_attendance(app, lena, session, ana, "attended")
        .await
        .unwrap();
    let dap = Dap {
        data: PROGRESS.into(),
        assessment: "Engaged.".into(),
        plan: "Review next week.".into(),
    };
    save_progress_note(app, lena, session, ana, dap, true)
        .await
        .unwrap();
    save_psychotherapy_note(app, lena, session, ana, PRIVATE)
        .await
        .unwrap();
    session
}

/// How many notices of kind `emergency_access` the person has.
async fn emergency_notices(app: &App, who: &Actor) -> usize {
    notices(app, who)
        .await
        .unwrap()
        .notifications
        .iter()
        .filter(|n| n.kind.as_str() == "emergency_access")
        .count()
}

both_backends! {
    async fn an_unrelated_clinician_opens_a_record_for_one_hour_read_only(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let rosa = lead(&app, &p).await;
        let session = notes(&app, &clock, &p).await;
        let (kofi, ana) = (&p.kofi.actor, p.ana.actor.user_id);

        // Before: Kofi has no tie to Ana.
        assert!(forbidden(client_record(&app, kofi, ana).await));
        assert!(my_opening(&app, kofi, ana).await.unwrap().is_none());

        // A reason is required: 10 to 500 characters.
        assert_eq!(invalid_field(open(&app, kofi, ana, "").await), "reason");
        assert_eq!(invalid_field(open(&app, kofi, ana, "  urgent  ").await), "reason");
        assert_eq!(invalid_field(open(&app, kofi, ana, &"x".repeat(501)).await), "reason");
        assert_eq!(t.count("emergency_openings", vec![]).await, 0);

        let o = open(&app, kofi, ana, REASON).await.unwrap();
        assert_eq!((o.client_id, o.clinician_id), (ana, kofi.user_id));
        assert_eq!(o.expires_at - o.opened_at, Duration::minutes(60));
        rapport_testkit::assert_recent(o.opened_at, &app);
        assert_eq!(my_opening(&app, kofi, ana).await.unwrap().map(|m| m.id), Some(o.id));
        assert_eq!(mine(&app, kofi).await.unwrap().len(), 1);

        // The reason is sealed at rest.
        let stored = t.texts("SELECT reason FROM emergency_openings", vec![]).await;
        assert_eq!(stored.len(), 1);
        let cell = stored[0].clone().unwrap();
        assert!(cell.starts_with("v1:") && !cell.contains("Quorndale"), "{cell}");

        // Read: the record, the care team, progress notes.
        let record = client_record(&app, kofi, ana).await.unwrap();
        assert_eq!(record.name, "Ana Ruiz");
        assert_eq!(record.team.len(), 1);
        let read = progress_notes_of(&app, kofi, ana).await.unwrap();
        assert!(read.iter().any(|n| n.data == PROGRESS));
        // Never write, never psychotherapy notes.
        assert!(forbidden(set_emergency_contact(&app, kofi, ana, "Marisol 555-0199").await));
        let dap = Dap { data: "x".into(), assessment: "y".into(), plan: "z".into() };
        assert!(forbidden(save_progress_note(&app, kofi, session, ana, dap, false).await));
        assert!(forbidden(my_psychotherapy_note(&app, kofi, session, ana).await));
        assert!(forbidden(save_psychotherapy_note(&app, kofi, session, ana, "mine").await));
        assert!(forbidden(rapport_app::alerts::of_client(&app, kofi, ana).await));

        // Audited as such: the opening, and every read under it carries `emergency`.
        let kofi_id = kofi.user_id;
        let opened = t.count(
            "audit_events WHERE action = 'record.emergency_access' AND outcome = 'ok' AND actor_id = ? AND client_id = ?",
            vec![kofi_id.into(), ana.into()],
        ).await;
        assert_eq!(opened, 1);
        let reads = t.count(
            "audit_events WHERE action IN ('client.record.read', 'notes.read') AND outcome = 'ok' AND actor_id = ? AND detail = 'emergency'",
            vec![kofi_id.into()],
        ).await;
        assert_eq!(reads, 2);
        let refused = t.count(
            "audit_events WHERE outcome = 'denied' AND actor_id = ? AND detail = 'emergency'",
            vec![kofi_id.into()],
        ).await;
        assert!(refused >= 4, "{refused} refusals under the opening");
        // The audit log holds no reason.
        let details = t.texts("SELECT detail FROM audit_events", vec![]).await;
        assert!(details.iter().flatten().all(|d| !d.contains("Quorndale")));

        // Told at once: the care team and the practice lead; not the opener, not the admin.
        assert_eq!(emergency_notices(&app, &p.lena.actor).await, 1);
        assert_eq!(emergency_notices(&app, &rosa.actor).await, 1);
        assert_eq!(emergency_notices(&app, kofi).await, 0);
        assert_eq!(emergency_notices(&app, &p.admin.actor).await, 0);
        // The lead and the care team review it with the reason; Kofi's own is not his to review.
        let review = to_review(&app, &rosa.actor).await.unwrap();
        assert_eq!(review.len(), 1);
        assert_eq!(review[0].reason.as_deref(), Some(REASON));
        assert_eq!(to_review(&app, &p.lena.actor).await.unwrap().len(), 1);
        assert!(to_review(&app, kofi).await.unwrap().is_empty());

        // The client sees it, with Kofi's name and the reason.
        let log = my_access_log(&app, &p.ana.actor).await.unwrap();
        let opening = log
            .iter()
            .find(|e| e.what == "Opened your record in an emergency")
            .expect("the opening in the client's log");
        assert_eq!(opening.who, "Kofi Mensah");
        assert!(opening.emergency);
        assert_eq!(opening.reason.as_deref(), Some(REASON));
        assert!(log.iter().any(|e| e.what == "Opened your record" && e.who == "Kofi Mensah" && e.emergency));
        assert!(log.iter().any(|e| e.what == "Reviewed an emergency opening of your record" && e.who == "Rosa Lead"));
        // Lena's own reads are not emergency reads.
        client_record(&app, &p.lena.actor, ana).await.unwrap();
        let log = my_access_log(&app, &p.ana.actor).await.unwrap();
        assert!(log.iter().any(|e| e.who == "Dr Lena Okafor" && !e.emergency));

        // After the hour: gone.
        clock.advance(Duration::minutes(61));
        assert!(forbidden(client_record(&app, kofi, ana).await));
        assert!(forbidden(progress_notes_of(&app, kofi, ana).await));
        assert!(my_opening(&app, kofi, ana).await.unwrap().is_none());
        assert!(mine(&app, kofi).await.unwrap().is_empty());
        // Opening again gives a new hour, a new reason, and tells the team again.
        open(&app, kofi, ana, "Called again by the ED, still confused").await.unwrap();
        client_record(&app, kofi, ana).await.unwrap();
        assert_eq!(emergency_notices(&app, &p.lena.actor).await, 2);
    }

    async fn a_practice_can_turn_it_off(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (kofi, ana) = (&p.kofi.actor, p.ana.actor.user_id);
        // Only administrators change it.
        assert!(forbidden(set_enabled(&app, kofi, false).await));
        assert!(forbidden(admin_overview(&app, kofi).await));
        assert!(admin_overview(&app, &p.admin.actor).await.unwrap().0, "on by default");

        open(&app, kofi, ana, REASON).await.unwrap();
        client_record(&app, kofi, ana).await.unwrap();
        let (on, rows) = admin_overview(&app, &p.admin.actor).await.unwrap();
        assert!(on);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].clinician_name.as_str(), rows[0].client_name.as_str()), ("Kofi Mensah", "Ana Ruiz"));
        assert!(rows[0].active);
        assert!(rows[0].reason.is_none(), "administrators do not read the reason");

        // Off: no new opening, and the running one ends.
        assert!(!set_enabled(&app, &p.admin.actor, false).await.unwrap());
        assert_eq!(t.count("audit_events WHERE action = 'admin.emergency_access_off'", vec![]).await, 1);
        assert!(forbidden(client_record(&app, kofi, ana).await));
        assert!(conflict(open(&app, kofi, ana, REASON).await));
        assert!(!admin_overview(&app, &p.admin.actor).await.unwrap().0);
        // On again: the hour not yet over counts again.
        set_enabled(&app, &p.admin.actor, true).await.unwrap();
        client_record(&app, kofi, ana).await.unwrap();
    }

    async fn only_a_clinician_off_the_care_team_may_open(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.actor.user_id;
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        for who in [&p.ana.actor, &p.bo.actor, &p.admin.actor, &marta, &p.lena.actor] {
            assert!(forbidden(open(&app, who, ana, REASON).await), "{:?}", who.role);
        }
        for who in [&p.ana.actor, &p.admin.actor, &marta] {
            assert!(forbidden(find_client(&app, who, "ana@example.org").await), "{:?}", who.role);
            assert!(forbidden(mine(&app, who).await));
        }
        assert_eq!(t.count("emergency_openings", vec![]).await, 0);
        // A refusal is in the client's log.
        let refused = t.count(
            "audit_events WHERE action = 'record.emergency_access' AND outcome = 'denied' AND client_id = ?",
            vec![ana.into()],
        ).await;
        assert_eq!(refused, 5);
        // An account that is not a client's: not found.
        let lena_id = p.lena.actor.user_id;
        assert!(rapport_testkit::asserts::not_found(open(&app, &p.kofi.actor, lena_id, REASON).await));
    }

    async fn the_search_needs_an_exact_address_or_full_name(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let kofi = &p.kofi.actor;
        let ana = p.ana.actor.user_id;
        let ids = |v: Vec<rapport_app::emergency_access::FoundClient>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(find_client(&app, kofi, "ana@example.org").await.unwrap()), vec![ana]);
        assert_eq!(ids(find_client(&app, kofi, " ANA@example.org ").await.unwrap()), vec![ana]);
        assert_eq!(ids(find_client(&app, kofi, "Ana Ruiz").await.unwrap()), vec![ana]);
        assert_eq!(ids(find_client(&app, kofi, "ana   ruiz").await.unwrap()), vec![ana]);
        // Never a list: a part finds nobody, and staff are not clients.
        for q in ["Ana", "Ruiz", "example.org", "@", "a", "Kofi Mensah", "lena@clinic.example"] {
            assert!(find_client(&app, kofi, q).await.unwrap().is_empty(), "{q}");
        }
        assert_eq!(invalid_field(find_client(&app, kofi, "   ").await), "query");
        // Every search is audited, without what was typed.
        let searches = t.count("audit_events WHERE action = 'emergency_access.search' AND actor_id = ?", vec![kofi.user_id.into()]).await;
        assert_eq!(searches, 11);
        let typed = t.count("audit_events WHERE detail LIKE '%ana%' OR resource LIKE '%ana@%'", vec![]).await;
        assert_eq!(typed, 0);
    }

    async fn the_api_opens_and_the_administrator_turns_it_off(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        let router = rapport_web::router(AppState::new(app.clone(), web));
        let login = |s: &Staff| {
            let app = app.clone();
            let (email, secret) = (s.email.clone(), s.totp_secret.clone());
            async move {
                let code = totp::code_at(&secret, app.now()).unwrap();
                api_login(&app, &email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token
            }
        };
        clock.advance(Duration::seconds(30));
        let kofi = login(&p.kofi).await;
        clock.advance(Duration::seconds(30));
        let admin = login(&p.admin).await;
        clock.advance(Duration::seconds(30));
        let lena = login(&p.lena).await;
        let ana_token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let ana = p.ana.actor.user_id;
        let path = format!("/api/v1/clients/{ana}/emergency-access");

        let (status, _) = api(&router, "GET", &format!("/api/v1/clients/{ana}/intake"), Some(&kofi), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = api(&router, "POST", &path, Some(&kofi), Some(json!({}))).await;
        assert_eq!((status, body["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("reason")), "{body}");
        let (status, body) = api(&router, "POST", &path, Some(&kofi), Some(json!({"reason": "now"}))).await;
        assert_eq!((status, body["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("reason")), "{body}");
        for token in [&ana_token, &admin, &lena] {
            let (status, _) = api(&router, "POST", &path, Some(token), Some(json!({"reason": REASON}))).await;
            assert_eq!(status, StatusCode::FORBIDDEN);
        }
        let (status, body) = api(&router, "POST", &path, Some(&kofi), Some(json!({"reason": REASON}))).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["client_id"], json!(ana.to_string()));
        assert_eq!(body["clinician_id"], json!(p.kofi.actor.user_id.to_string()));
        let opened = chrono::DateTime::parse_from_rfc3339(body["opened_at"].as_str().unwrap()).unwrap();
        let expires = chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap();
        assert_eq!(expires - opened, Duration::minutes(60));
        let (status, _) = api(&router, "GET", &format!("/api/v1/clients/{ana}/intake"), Some(&kofi), None).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = api(&router, "GET", "/api/v1/emergency-access", Some(&kofi), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["active"][0]["client_name"], json!("Ana Ruiz"));
        let (status, body) = api(&router, "POST", "/api/v1/emergency-access/search", Some(&kofi), Some(json!({"query": "Ana Ruiz"}))).await;
        assert_eq!((status, body["clients"][0]["id"].clone()), (StatusCode::OK, json!(ana.to_string())));

        // The administrator's setting.
        let admin_path = "/api/v1/admin/emergency-access";
        let (status, _) = api(&router, "GET", admin_path, Some(&kofi), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = api(&router, "PUT", admin_path, Some(&kofi), Some(json!({"enabled": false}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = api(&router, "GET", admin_path, Some(&admin), None).await;
        assert_eq!((status, body["enabled"].clone()), (StatusCode::OK, json!(true)));
        assert_eq!(body["openings"][0]["clinician_name"], json!("Kofi Mensah"));
        assert!(body["openings"][0].get("reason").is_none(), "{body}");
        let (status, body) = api(&router, "PUT", admin_path, Some(&admin), Some(json!({}))).await;
        assert_eq!((status, body["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("enabled")));
        let (status, _) = api(&router, "PUT", admin_path, Some(&admin), Some(json!({"enabled": "no"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, body) = api(&router, "PUT", admin_path, Some(&admin), Some(json!({"enabled": false}))).await;
        assert_eq!((status, body), (StatusCode::OK, json!({"enabled": false})));
        let (status, body) = api(&router, "POST", &path, Some(&kofi), Some(json!({"reason": REASON}))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(body["error"]["message"].as_str().unwrap().contains("turned off"), "{body}");
        let (status, _) = api(&router, "GET", &format!("/api/v1/clients/{ana}/intake"), Some(&kofi), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    async fn a_clinician_finds_opens_and_reads_with_the_banner_and_the_client_sees_it(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = p.ana.actor.user_id;
        b.clock.advance(Duration::seconds(30));
        b.submit("/login", "/login", &[("email", &p.kofi.email), ("password", PASSWORD)]).await;
        let code = totp::code_at(&p.kofi.totp_secret, app.now()).unwrap();
        b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        assert!(b.get("/home").await.body.contains("href=\"/emergency-access\""));
        assert_eq!(b.get(&format!("/clients/{ana}")).await.status, StatusCode::FORBIDDEN);
        let page = b.get("/emergency-access").await;
        assert_eq!(page.status, StatusCode::OK);
        let r = b.submit("/emergency-access", "/emergency-access/search", &[("query", "Ana")]).await;
        assert!(r.body.contains("Nobody found"), "{}", r.body);
        let r = b.submit("/emergency-access", "/emergency-access/search", &[("query", "ana@example.org")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Ana Ruiz") && r.body.contains("told at once to the client"), "{}", r.body);
        let id = ana.to_string();
        let fields = [("client_id", id.as_str()), ("client_name", "Ana Ruiz"), ("client_email", "ana@example.org"), ("query", "ana@example.org")];
        let mut short = fields.to_vec();
        short.push(("reason", "urgent"));
        let r = b.submit("/emergency-access", "/emergency-access/open", &short).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("at least 10 characters") && r.body.contains(">urgent</textarea>"), "{}", r.body);
        let mut good = fields.to_vec();
        good.push(("reason", REASON));
        let r = b.submit("/emergency-access", "/emergency-access/open", &good).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/clients/{ana}").as_str()));
        let chart = b.get(&format!("/clients/{ana}")).await;
        assert_eq!(chart.status, StatusCode::OK, "{}", chart.body);
        assert!(chart.body.contains("Emergency access until"), "{}", chart.body);
        assert!(chart.body.contains("Dr Lena Okafor"), "the care team");
        assert!(!chart.body.contains("Record a risk assessment"), "no write actions");
        assert!(b.get("/emergency-access").await.body.contains("Records you have open now"));
        b.cookies.clear();

        b.submit("/login", "/login", &[("email", &p.ana.email), ("password", PASSWORD)]).await;
        let log = b.get("/account/access-log").await;
        assert_eq!(log.status, StatusCode::OK);
        assert!(log.body.contains("Opened your record in an emergency") && log.body.contains("Kofi Mensah"));
        assert!(log.body.contains("(emergency access)") && log.body.contains("Quorndale station"), "{}", log.body);
        b.cookies.clear();

        // The administrator's page: the setting and the opening, without its reason.
        b.clock.advance(Duration::seconds(30));
        b.submit("/login", "/login", &[("email", &p.admin.email), ("password", PASSWORD)]).await;
        let code = totp::code_at(&p.admin.totp_secret, app.now()).unwrap();
        b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        let page = b.get("/admin/emergency-access").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Kofi Mensah") && page.body.contains("Ana Ruiz"));
        assert!(!page.body.contains("Quorndale"));
        let r = b.submit("/admin/emergency-access", "/admin/emergency-access", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let page = b.get("/admin/emergency-access?done=saved").await;
        assert!(page.body.contains("Emergency access is <strong>off</strong>"), "{}", page.body);
    }
}
