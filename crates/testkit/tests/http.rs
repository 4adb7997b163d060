//! The server as a browser and an API client meet it: cookies, CSRF, headers, redirects,
//! JSON errors. Requests go through the real router (all middleware) on both databases.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use rapport_app::accounts::totp;
use rapport_app::clock::Clock;
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::browser::{Browser, Reply};
use rapport_testkit::{PASSWORD, TestDb, both_backends, client, staff};
use serde_json::{Value, json};

/// `POST /api/v1/measures` with an `Idempotency-Key`.
async fn post_with_key(b: &mut Browser, token: &str, body: &Value, key: &str) -> Reply {
    let req = Request::post("/api/v1/measures")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap();
    b.send(req).await
}

both_backends! {
    async fn every_response_carries_the_security_headers(t: &TestDb) {
        let mut b = Browser::new(t);
        for path in ["/", "/crisis", "/no-such-page", "/api/v1/me", "/healthz"] {
            let r = b.get(path).await;
            let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
            assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{path}");
            assert!(!csp.contains("unsafe-inline"), "{path}");
            assert_eq!(r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff", "{path}");
            assert_eq!(r.headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer", "{path}");
        }
        let missing = b.get("/no-such-page").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("We could not find that page."));
        let crisis = b.get("/crisis").await;
        for s in ["tel:988", "sms:988", "988lifeline.org", "tel:911"] {
            assert!(crisis.body.contains(s), "crisis page lacks {s}");
        }
    }

    async fn a_form_without_its_token_is_refused(t: &TestDb) {
        let mut b = Browser::new(t);
        let _ = client(&b.app(t), "Ana", "ana@example.org").await;
        // No token cookie at all.
        let r = b.post_form("/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("This form has expired"));
        // A cookie, but the wrong token in the form.
        b.get("/login").await;
        let r = b.post_form("/login", &[("csrf", "forged-token-forged-token-forged-token-xx"), ("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A cross-site request, even with the token.
        let csrf = b.get("/login").await.csrf();
        let req = Request::post("/login")
            .header(header::COOKIE, b.cookie_header())
            .header("sec-fetch-site", "cross-site")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("csrf={csrf}&email=ana%40example.org&password=green+kettle+morning")))
            .unwrap();
        assert_eq!(b.send(req).await.status, StatusCode::FORBIDDEN);
        // With it, sign-in works.
        let r = b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/home");
    }

    async fn a_client_signs_up_signs_out_and_in_and_the_session_idles_out(t: &TestDb) {
        let mut b = Browser::new(t);
        let r = b.submit("/signup", "/signup", &[("name", "Bea"), ("email", "bea@example.org"), ("password", "short"), ("consent", "yes")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("value=\"bea@example.org\""), "the typed e-mail is kept");
        assert!(r.body.contains("aria-invalid=\"true\""));
        let r = b.submit("/signup", "/signup", &[("name", "Bea"), ("email", "bea@example.org"), ("password", PASSWORD)]).await;
        assert!(r.body.contains("Tick the box"), "consent is required");
        let r = b.submit("/signup", "/signup", &[("name", "Bea"), ("email", "bea@example.org"), ("password", PASSWORD), ("consent", "yes")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/home"));
        let home = b.get("/home").await;
        assert!(home.body.contains("Welcome, Bea") && home.body.contains("Your care team"));

        let csrf = home.csrf();
        let r = b.post_form("/logout", &[("csrf", &csrf)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(b.get("/home").await.location(), "/login");

        let r = b.submit("/login", "/login", &[("email", "bea@example.org"), ("password", "wrong password!")]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.body.contains("E-mail address or password is not right."));
        let r = b.submit("/login", "/login", &[("email", "bea@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.location(), "/home");
        b.clock.advance(chrono::Duration::minutes(59));
        assert_eq!(b.get("/home").await.status, StatusCode::OK);
        b.clock.advance(chrono::Duration::minutes(61));
        assert_eq!(b.get("/home").await.location(), "/login", "idle for 61 minutes");
    }

    async fn staff_enrol_totp_in_the_browser_before_anything_else(t: &TestDb) {
        let mut b = Browser::new(t);
        rapport_testkit::new_staff(&b.app(t), Role::Clinician, "Dr. Cole", "cole@example.org").await;
        let r = b.submit("/login", "/login", &[("email", "cole@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.location(), "/totp/enroll");
        assert_eq!(b.get("/home").await.location(), "/totp/enroll", "nothing else before enrolment");
        let page = b.get("/totp/enroll").await;
        assert!(page.body.contains("<svg role=\"img\""), "a server-rendered QR code");
        let at = page.body.find("id=\"totp-secret\">").unwrap() + 17;
        let secret: String = page.body[at..].split('<').next().unwrap().chars().filter(|c| !c.is_whitespace()).collect();
        let code = totp::code_at(&secret, b.clock.now()).unwrap();
        let r = b.post_form("/totp/enroll", &[("csrf", &page.csrf()), ("code", &code)]).await;
        assert_eq!(r.location(), "/home");
        assert!(b.get("/home").await.body.contains("Your clients"));

        let csrf = b.get("/home").await.csrf();
        b.post_form("/logout", &[("csrf", &csrf)]).await;
        let r = b.submit("/login", "/login", &[("email", "cole@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.location(), "/login/totp");
        let r = b.submit("/login/totp", "/login/totp", &[("code", "000000")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        b.clock.advance(chrono::Duration::seconds(30));
        let code = totp::code_at(&secret, b.clock.now()).unwrap();
        let r = b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        assert_eq!(r.location(), "/home");
    }

    async fn the_api_signs_up_signs_in_and_out(t: &TestDb) {
        let mut b = Browser::new(t);
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "Cy@Example.org", "password": PASSWORD, "name": "Cy"}))).await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json()["user"]["email"], "cy@example.org");
        assert_eq!(r.json()["user"]["role"], "client");
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "x@example.org", "password": "short", "name": "X"}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["field"], "password");
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "x@example.org", "name": "X"}))).await;
        assert_eq!(r.json()["error"]["field"], "password", "a missing field is named");

        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "cy@example.org", "password": "nope nope nope"}))).await;
        let wrong = r.json();
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "nobody@example.org", "password": "nope nope nope"}))).await;
        assert_eq!(r.json(), wrong, "one answer for every cause");

        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "cy@example.org", "password": PASSWORD}))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["totp_enrolment_required"], false);
        let token = r.json()["token"].as_str().unwrap().to_string();
        let me = b.api("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.json()["email"], "cy@example.org");
        assert_eq!(b.api("POST", "/api/v1/auth/logout", Some(&token), None).await.status, StatusCode::NO_CONTENT);
        let me = b.api("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED);
        assert_eq!(me.json()["error"]["code"], "unauthenticated");
    }

    async fn staff_get_an_enrolment_only_token_until_totp_is_on(t: &TestDb) {
        let mut b = Browser::new(t);
        rapport_testkit::new_staff(&b.app(t), Role::Admin, "Ada Admin", "ada@example.org").await;
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ada@example.org", "password": PASSWORD}))).await;
        assert_eq!(r.json()["totp_enrolment_required"], true);
        let limited = r.json()["token"].as_str().unwrap().to_string();
        let me = b.api("GET", "/api/v1/me", Some(&limited), None).await;
        assert_eq!((me.status, me.json()["error"]["code"].clone()), (StatusCode::FORBIDDEN, json!("totp_required")));
        let e = b.api("POST", "/api/v1/auth/totp/enroll", Some(&limited), None).await.json();
        let secret = e["secret"].as_str().unwrap().to_string();
        assert!(e["otpauth_uri"].as_str().unwrap().starts_with("otpauth://totp/"));
        let code = totp::code_at(&secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/totp/confirm", Some(&limited), Some(json!({"code": code}))).await;
        assert_eq!(r.status, StatusCode::OK);
        let full = r.json()["token"].as_str().unwrap().to_string();
        assert_eq!(b.api("GET", "/api/v1/me", Some(&full), None).await.json()["role"], "admin");
        assert_eq!(b.api("GET", "/api/v1/me", Some(&limited), None).await.status, StatusCode::UNAUTHORIZED, "the enrolment token is revoked");

        // From now on sign-in needs the code.
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ada@example.org", "password": PASSWORD}))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        b.clock.advance(chrono::Duration::seconds(30));
        let code = totp::code_at(&secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ada@example.org", "password": PASSWORD, "totp": code}))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["totp_enrolment_required"], false);
    }

    async fn repeated_failures_are_slowed_over_http(t: &TestDb) {
        let mut b = Browser::new(t);
        for _ in 0..5 {
            let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "who@example.org", "password": "guess guess guess"}))).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "who@example.org", "password": "guess guess guess"}))).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.headers.get(header::RETRY_AFTER).is_some());
    }

    async fn only_administrators_assign_care_teams_and_the_client_sees_who_looked(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        b.clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada Admin", "ada@example.org").await;
        b.clock.advance(chrono::Duration::seconds(30));
        let body = json!({"client_id": ana.actor.user_id.to_string(), "clinician_id": doc.actor.user_id.to_string(), "role": CareTeamRole::PrimaryTherapist.as_str()});

        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let client_token = r.json()["token"].as_str().unwrap().to_string();
        let r = b.api("POST", "/api/v1/admin/care-teams", Some(&client_token), Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let code = totp::code_at(&admin.totp_secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ada@example.org", "password": PASSWORD, "totp": code}))).await;
        let admin_token = r.json()["token"].as_str().unwrap().to_string();
        let r = b.api("POST", "/api/v1/admin/care-teams", Some(&admin_token), Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = b.api("POST", "/api/v1/admin/care-teams", Some(&admin_token), Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "no second membership");

        // The clinician opens the record in the browser; the client then sees it.
        b.cookies.insert("rapport_session".into(), doc.session.clone());
        let r = b.get(&format!("/clients/{}", ana.actor.user_id)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Ana"));
        b.cookies.insert("rapport_session".into(), admin.session.clone());
        assert_eq!(b.get(&format!("/clients/{}", ana.actor.user_id)).await.status, StatusCode::FORBIDDEN, "administrators read no record");
        b.cookies.insert("rapport_session".into(), ana.session.clone());
        let log = b.get("/account/access-log").await;
        assert!(log.body.contains("Dr. Dee") && log.body.contains("Opened your record"));
    }

    async fn an_administrator_creates_a_clinician_and_assigns_a_client_on_the_page(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        let admin = staff(&app, Role::Admin, "Ada Admin", "ada@example.org").await;
        b.cookies.insert("rapport_session".into(), admin.session.clone());
        let home = b.get("/home").await;
        assert!(home.body.contains("Administration"));
        let r = b.submit("/admin/users", "/admin/users", &[("role", "clinician"), ("name", "Dr. Eve"), ("email", "not-an-address"), ("password", PASSWORD), ("credential", "psyd")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("value=\"Dr. Eve\""), "the typed name is kept");
        assert!(r.body.contains("id=\"email-error\""));
        let r = b.submit("/admin/users", "/admin/users", &[("role", "clinician"), ("name", "Dr. Eve"), ("email", "eve@example.org"), ("password", PASSWORD), ("credential", "psyd")]).await;
        assert_eq!(r.location(), "/admin/users?q=eve%40example.org&page=1&done=user");
        let eve = rapport_store::accounts::users::find_by_email(t.db.conn(), t.db.keys(), "eve@example.org").await.unwrap().unwrap();
        let r = b
            .submit("/admin/care-teams", "/admin/care-teams", &[("client_id", &ana.actor.user_id.to_string()), ("clinician_id", &eve.id.to_string()), ("role", "primary_therapist")])
            .await;
        assert_eq!(r.location(), "/admin/care-teams?done=team");
        let team = rapport_store::care_teams::team_of(t.db.conn(), ana.actor.user_id).await.unwrap();
        assert_eq!(team.len(), 1);
        assert_eq!(team[0].clinician_id, eve.id);
        // A client cannot use the administrator's forms.
        b.cookies.insert("rapport_session".into(), ana.session.clone());
        let r = b.submit("/home", "/admin/users", &[("role", "admin"), ("name", "Mallory"), ("email", "m@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }

    async fn the_measurement_api_end_to_end(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        b.clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada Admin", "ada@example.org").await;
        rapport_app::care_teams::assign(&app, &admin.actor, ana.actor.user_id, doc.actor.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        b.clock.advance(chrono::Duration::seconds(30));
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();

        // A PHQ-9 with item 9 = 1, sent twice with one Idempotency-Key: stored once.
        let body = json!({"instrument": "phq9", "answers": [2, 2, 1, 1, 1, 1, 1, 1, 1], "difficulty": 1});
        let first = post_with_key(&mut b, &token, &body, "phq9-2026-11-23").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        let v = first.json();
        assert_eq!((v["total"].as_u64(), v["band"].as_str(), v["prorated"].as_bool()), (Some(11), Some("moderate"), Some(false)));
        assert_eq!(v["flags"], json!([{"kind": "safety", "level": "critical"}]));
        let again = post_with_key(&mut b, &token, &body, "phq9-2026-11-23").await;
        assert_eq!(again.json()["id"], v["id"], "a retry returns the first answer");
        assert_eq!(t.count("measures", vec![]).await, 1, "and stores nothing twice");

        let bad = b.api("POST", "/api/v1/measures", Some(&token), Some(json!({"instrument": "phq9", "answers": [1, 1, 1, 1, 1, 1, 1, 1, null]}))).await;
        assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("answers[8]")));

        let k = b.api("POST", "/api/v1/checkins", Some(&token), Some(json!({"mood": 4, "sleep_hours": 6.5, "medication": "taken", "note": "tired"}))).await;
        assert_eq!(k.status, StatusCode::CREATED, "{}", k.body);
        let id = ana.actor.user_id;
        let series = b.api("GET", &format!("/api/v1/clients/{id}/measures?instrument=phq9"), Some(&token), None).await;
        assert_eq!(series.json()[0]["total"], 11);
        assert_eq!(series.json()[0]["band"], "moderate");

        // The clinician: caseload, alerts, acknowledge, FHIR.
        let code = totp::code_at(&doc.totp_secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "dee@example.org", "password": PASSWORD, "totp": code}))).await;
        let dee = r.json()["token"].as_str().unwrap().to_string();
        let caseload = b.api("GET", "/api/v1/caseload", Some(&dee), None).await.json();
        assert_eq!(caseload[0]["latest_phq9"], 11);
        assert_eq!(caseload[0]["open_flags"], json!([{"kind": "safety", "level": "critical"}]));
        let alerts = b.api("GET", "/api/v1/alerts?status=open", Some(&dee), None).await.json();
        assert_eq!(alerts[0]["kind"], "safety");
        assert!(alerts[0]["explanation"].as_str().unwrap().contains("item 9"));
        assert!(!alerts[0]["evidence"].as_array().unwrap().is_empty());
        let flag = alerts[0]["id"].as_str().unwrap().to_string();
        let ack = b.api("POST", &format!("/api/v1/alerts/{flag}/acknowledge"), Some(&dee), Some(json!({"note": "Called; safe; plan reviewed."}))).await;
        assert_eq!((ack.status, ack.json()["status"].clone()), (StatusCode::OK, json!("acknowledged")));
        assert_eq!(b.api("GET", "/api/v1/alerts?status=open", Some(&dee), None).await.json(), json!([]));
        let fhir = b.api("GET", &format!("/api/v1/clients/{id}/fhir"), Some(&dee), None).await;
        assert_eq!(fhir.headers.get(header::CONTENT_TYPE).unwrap(), "application/fhir+json");
        let bundle = fhir.json();
        assert_eq!((bundle["resourceType"].as_str(), bundle["type"].as_str()), (Some("Bundle"), Some("collection")));
        let text = bundle.to_string();
        assert!(text.contains("44249-1") && text.contains("44261-6") && text.contains("LA6569-3"));
        // The client can read their own; someone else's token cannot.
        assert_eq!(b.api("GET", &format!("/api/v1/clients/{id}/fhir"), Some(&token), None).await.status, StatusCode::OK);
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "eve@example.org", "password": PASSWORD, "name": "Eve"}))).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "eve@example.org", "password": PASSWORD}))).await;
        let eve = r.json()["token"].as_str().unwrap().to_string();
        assert_eq!(b.api("GET", &format!("/api/v1/clients/{id}/fhir"), Some(&eve), None).await.status, StatusCode::FORBIDDEN);
    }

    async fn the_plan_api_episodes_signs_and_reading(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        b.clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada Admin", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, doc.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();
        b.clock.advance(chrono::Duration::seconds(30));
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let code = totp::code_at(&doc.totp_secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "dee@example.org", "password": PASSWORD, "totp": code}))).await;
        let dee = r.json()["token"].as_str().unwrap().to_string();

        let sign = b.api("POST", &format!("/api/v1/clients/{id}/warning-signs"), Some(&token), Some(json!({"label": "Sleeping past noon"}))).await;
        assert_eq!(sign.status, StatusCode::CREATED, "{}", sign.body);
        let sign_id = sign.json()["id"].as_str().unwrap().to_string();
        let list = b.api("GET", &format!("/api/v1/clients/{id}/warning-signs"), Some(&dee), None).await.json();
        assert_eq!(list, json!([{"id": sign_id, "label": "Sleeping past noon"}]));
        let k = b.api("POST", "/api/v1/checkins", Some(&token), Some(json!({"mood": 5, "sleep_hours": 8, "medication": "taken", "warning_signs": [sign_id]}))).await;
        assert_eq!(k.status, StatusCode::CREATED, "{}", k.body);

        let start = b.api("POST", &format!("/api/v1/clients/{id}/episode"), Some(&dee), Some(json!({"state": "maintenance"}))).await;
        assert_eq!(start.status, StatusCode::UNPROCESSABLE_ENTITY, "discharge needs a reason");
        let ok = b.api("POST", &format!("/api/v1/clients/{id}/episode"), Some(&dee), Some(json!({"state": "maintenance", "reason": "Goals met."}))).await;
        assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
        let own = b.api("POST", &format!("/api/v1/clients/{id}/episode"), Some(&token), Some(json!({"state": "closed", "reason": "x"}))).await;
        assert_eq!(own.status, StatusCode::FORBIDDEN, "clients do not discharge themselves");

        let rec = b.api("POST", &format!("/api/v1/clients/{id}/recommendations"), Some(&dee), Some(json!({"page": "give-it-time"}))).await;
        assert_eq!(rec.status, StatusCode::NO_CONTENT, "{}", rec.body);
        let bad = b.api("POST", &format!("/api/v1/clients/{id}/recommendations"), Some(&dee), Some(json!({"page": "nope"}))).await;
        assert_eq!(bad.json()["error"]["field"], "page");
    }

    // Sending an intake that is not complete yet keeps what was typed as a draft; when the
    // database cannot keep it, the page says so (it used to drop the error and show the form as
    // if the draft were kept).
    async fn an_intake_draft_that_cannot_be_saved_is_not_passed_over(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        client(&app, "Ana", "ana@example.org").await;
        let r = b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let csrf = b.get("/intake").await.csrf();
        // From here on the database refuses every intake, as a full disk would.
        match t.backend() {
            rapport_store::Backend::Sqlite => {
                t.execute("CREATE TRIGGER refuse_intakes BEFORE INSERT ON intakes BEGIN SELECT RAISE(ABORT, 'disk full'); END", vec![]).await;
            }
            rapport_store::Backend::Postgres => {
                t.execute("CREATE FUNCTION refuse_intakes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$", vec![]).await;
                t.execute("CREATE TRIGGER refuse_intakes BEFORE INSERT OR UPDATE ON intakes FOR EACH ROW EXECUTE FUNCTION refuse_intakes()", vec![]).await;
            }
        }
        let r = b.post_form("/intake", &[("csrf", csrf.as_str()), ("reason", "Low since the layoff"), ("action", "send")]).await;
        assert!(r.status.is_server_error(), "the lost draft is reported, not a form that looks kept: {} {}", r.status, r.body);
        assert!(!r.body.contains("disk full"), "and the database's words stay in the log");
        assert_eq!(t.count("intakes", vec![]).await, 0);
    }

    async fn the_intake_form_and_the_plan_api(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        b.clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada Admin", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, doc.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();

        // The intake form: repeated names for ticks and medicine rows; a quiet autosave; sending.
        let r = b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(b.get("/home").await.body.contains("not started yet"));
        let csrf = b.get("/intake").await.csrf();
        let typed = [
            ("csrf", csrf.as_str()), ("reason", "Low since the layoff"), ("life_events", "job_loss"), ("life_events", "separation"),
            ("medicine_name", "Sertraline"), ("medicine_dose", "50 mg"), ("medicine_prescriber", ""),
            ("medicine_name", ""), ("medicine_dose", ""), ("medicine_prescriber", ""),
        ];
        let saved = b.post_form("/intake/autosave", &typed).await;
        assert_eq!(saved.status, StatusCode::NO_CONTENT, "{}", saved.body);
        assert!(b.get("/home").await.body.contains("carry on where you left off"));
        let mut send = typed.to_vec();
        send.push(("action", "send"));
        let refused = b.post_form("/intake", &send).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("therapy before"), "names the missing answer");
        assert!(refused.body.contains("Low since the layoff") && refused.body.contains("value=\"50 mg\""), "keeps what was typed");
        send.extend([("had_therapy", "no"), ("wants", "To sleep again"), ("adherence", "mostly")]);
        let sent = b.post_form("/intake", &send).await;
        assert_eq!((sent.status, sent.location()), (StatusCode::SEE_OTHER, "/intake?sent=1"), "{}", sent.body);

        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let code = totp::code_at(&doc.totp_secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "dee@example.org", "password": PASSWORD, "totp": code}))).await;
        let dee = r.json()["token"].as_str().unwrap().to_string();
        let intake = b.api("GET", &format!("/api/v1/clients/{id}/intake"), Some(&dee), None).await.json();
        assert_eq!(intake["intake"]["life_events"], json!(["job_loss", "separation"]));
        assert_eq!(intake["intake"]["medicines"], json!([{"name": "Sertraline", "dose": "50 mg", "prescriber": ""}]), "the empty row is dropped");
        assert_eq!(intake["intake"]["adherence"], "mostly");
        assert!(intake["submitted_at"].is_string());
        let bad = b.api("PUT", &format!("/api/v1/clients/{id}/intake"), Some(&token), Some(json!({"intake": {"life_events": ["moving"]}}))).await;
        assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("life_events[0]")));
        let fix = b.api("PUT", &format!("/api/v1/clients/{id}/intake"), Some(&token), Some(json!({"intake": {"reason": "Low since the layoff in May", "had_therapy": false, "wants": "To sleep again"}}))).await;
        assert_eq!(fix.status, StatusCode::OK, "{}", fix.body);
        assert_eq!(fix.json()["submitted_at"], intake["submitted_at"], "a correction keeps when it was sent");

        // The treatment plan: the care team writes, the client agrees.
        let review = (b.clock.now() + chrono::Duration::weeks(8)).date_naive().to_string();
        let plan = json!({"version": 0, "approach": "interpersonal", "format": "individual", "delivery": "online", "frequency": "weekly", "expected_sessions": 16, "target_measures": ["gad7"], "review_on": review});
        let no_focus = b.api("PUT", &format!("/api/v1/clients/{id}/treatment-plan"), Some(&dee), Some(plan.clone())).await;
        assert_eq!(no_focus.json()["error"]["field"], "ipt_focus");
        let mut with_focus = plan.clone();
        with_focus["ipt_focus"] = json!("role_transitions");
        assert_eq!(b.api("PUT", &format!("/api/v1/clients/{id}/treatment-plan"), Some(&token), Some(with_focus.clone())).await.status, StatusCode::FORBIDDEN, "clients do not write it");
        let v1 = b.api("PUT", &format!("/api/v1/clients/{id}/treatment-plan"), Some(&dee), Some(with_focus.clone())).await;
        assert_eq!(v1.json(), json!({"version": 1}), "{}", v1.body);
        let stale = b.api("PUT", &format!("/api/v1/clients/{id}/treatment-plan"), Some(&dee), Some(with_focus)).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(b.api("POST", &format!("/api/v1/clients/{id}/treatment-plan/agree"), Some(&dee), Some(json!({"version": 1}))).await.status, StatusCode::FORBIDDEN);
        let agreed = b.api("POST", &format!("/api/v1/clients/{id}/treatment-plan/agree"), Some(&token), Some(json!({"version": 1}))).await;
        assert_eq!(agreed.status, StatusCode::NO_CONTENT, "{}", agreed.body);
        let list = b.api("GET", &format!("/api/v1/clients/{id}/treatment-plan"), Some(&token), None).await.json();
        assert_eq!((list[0]["version"].clone(), list[0]["ipt_focus"].clone()), (json!(1), json!("role_transitions")));
        assert_eq!(list[0]["target_measures"], json!(["phq9", "gad7"]));
        assert!(list[0]["agreed_at"].is_string());
        assert!(list[0]["plain_words"].to_string().contains("role transitions"));

        // The relapse-prevention plan.
        assert_eq!(b.api("GET", &format!("/api/v1/clients/{id}/relapse-plan"), Some(&token), None).await.status, StatusCode::NOT_FOUND);
        let sections = json!({"triggers": "Anniversaries of the layoff", "what_helps": "Morning walks", "contacts": "My sister 555-0142", "booster": ""});
        let saved = b.api("PUT", &format!("/api/v1/clients/{id}/relapse-plan"), Some(&token), Some(json!({"version": 0, "sections": sections}))).await;
        assert_eq!(saved.json(), json!({"version": 1}), "{}", saved.body);
        let read = b.api("GET", &format!("/api/v1/clients/{id}/relapse-plan"), Some(&dee), None).await.json();
        assert_eq!(read["sections"], sections);
        let empty = b.api("PUT", &format!("/api/v1/clients/{id}/relapse-plan"), Some(&dee), Some(json!({"version": 1, "sections": {"triggers": "", "what_helps": "", "contacts": "", "booster": ""}}))).await;
        assert_eq!(empty.json()["error"]["field"], "triggers");
    }

    async fn the_session_api_from_scheduling_to_feedback_and_notes(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        let doc = staff(&app, Role::Clinician, "Dr. Dee", "dee@example.org").await;
        b.clock.advance(chrono::Duration::seconds(30));
        let admin = staff(&app, Role::Admin, "Ada Admin", "ada@example.org").await;
        let id = ana.actor.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, doc.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let code = totp::code_at(&doc.totp_secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "dee@example.org", "password": PASSWORD, "totp": code}))).await;
        let dee = r.json()["token"].as_str().unwrap().to_string();

        let tomorrow = (b.clock.now() + chrono::Duration::days(1)).format("%Y-%m-%dT17:00").to_string();
        let plan = json!({"client_ids": [id.to_string()], "kind": "individual", "modality": "online", "place": "meet.example.org/x", "starts_at_local": tomorrow, "minutes": 50, "weeks": 2});
        let bad = b.api("POST", "/api/v1/sessions", Some(&dee), Some(plan.clone())).await;
        assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("place")));
        let mut good = plan.clone();
        good["place"] = json!("https://meet.example.org/x");
        assert_eq!(b.api("POST", "/api/v1/sessions", Some(&token), Some(good.clone())).await.status, StatusCode::FORBIDDEN, "clients do not schedule");
        let made = b.api("POST", "/api/v1/sessions", Some(&dee), Some(good)).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let first = made.json()["ids"][0].as_str().unwrap().to_string();
        assert_eq!(made.json()["ids"].as_array().unwrap().len(), 2);
        let mine = b.api("GET", &format!("/api/v1/clients/{id}/sessions"), Some(&token), None).await.json();
        assert_eq!(mine.as_array().unwrap().len(), 2);
        assert_eq!(mine[0]["place"], "https://meet.example.org/x");
        let asked = b.api("POST", &format!("/api/v1/sessions/{first}/reschedule-request"), Some(&token), Some(json!({"reason": "Work trip"}))).await;
        assert_eq!(asked.status, StatusCode::NO_CONTENT, "{}", asked.body);
        let early = b.api("POST", &format!("/api/v1/sessions/{first}/attendance"), Some(&dee), Some(json!({"client_id": id.to_string(), "attendance": "attended"}))).await;
        assert_eq!(early.json()["error"]["field"], "attendance", "not before it starts");

        b.clock.advance(chrono::Duration::days(2));
        // Two days unused, the tokens went idle (issue 11): sign in again.
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let code = totp::code_at(&doc.totp_secret, b.clock.now()).unwrap();
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "dee@example.org", "password": PASSWORD, "totp": code}))).await;
        let dee = r.json()["token"].as_str().unwrap().to_string();
        let kept = b.api("POST", &format!("/api/v1/sessions/{first}/attendance"), Some(&dee), Some(json!({"client_id": id.to_string(), "attendance": "attended"}))).await;
        assert_eq!(kept.status, StatusCode::NO_CONTENT, "{}", kept.body);
        let fb = b.api("POST", &format!("/api/v1/sessions/{first}/feedback"), Some(&token), Some(json!({"heard": 8, "worked_on_what_i_wanted": 4, "approach_fits": 7, "overall": 6}))).await;
        assert_eq!(fb.status, StatusCode::NO_CONTENT, "{}", fb.body);
        let again = b.api("POST", &format!("/api/v1/sessions/{first}/feedback"), Some(&token), Some(json!({"heard": 8, "worked_on_what_i_wanted": 8, "approach_fits": 8, "overall": 8}))).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let alerts = b.api("GET", "/api/v1/alerts?status=open", Some(&dee), None).await.json();
        let alliance = alerts.as_array().unwrap().iter().find(|a| a["kind"] == "alliance").expect("an alliance flag");
        assert_eq!(alliance["level"], "medium");
        assert!(alliance["suggestion"].as_str().unwrap().contains("another therapist"));
        let series = b.api("GET", &format!("/api/v1/clients/{id}/feedback"), Some(&dee), None).await.json();
        assert_eq!(series[0]["worked_on_what_i_wanted"], 4);

        let path = format!("/api/v1/sessions/{first}/notes/{id}");
        let draft = b.api("PUT", &path, Some(&dee), Some(json!({"data": "Attended online.", "sign": true}))).await;
        assert_eq!(draft.json()["error"]["field"], "assessment", "signing needs every part");
        let signed = b.api("PUT", &path, Some(&dee), Some(json!({"data": "Attended online.", "assessment": "Engaged.", "plan": "Walks.", "sign": true}))).await;
        assert!(signed.json()["signed_at"].is_string(), "{}", signed.body);
        let locked = b.api("PUT", &path, Some(&dee), Some(json!({"data": "Changed", "assessment": "x", "plan": "y"}))).await;
        assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY);
        let amend = b.api("POST", &format!("{path}/amendments"), Some(&dee), Some(json!({"text": "It was by phone in the end."}))).await;
        assert_eq!(amend.status, StatusCode::NO_CONTENT, "{}", amend.body);
        let note = b.api("GET", &path, Some(&dee), None).await.json();
        assert_eq!((note["data"].clone(), note["amendments"][0]["text"].clone()), (json!("Attended online."), json!("It was by phone in the end.")));
        assert_eq!(b.api("GET", &path, Some(&token), None).await.status, StatusCode::FORBIDDEN, "clients do not read progress notes here");

        let pn = format!("/api/v1/sessions/{first}/psychotherapy-notes/{id}");
        assert_eq!(b.api("GET", &pn, Some(&dee), None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(b.api("PUT", &pn, Some(&dee), Some(json!({"body": "My own process notes."}))).await.status, StatusCode::NO_CONTENT);
        assert_eq!(b.api("GET", &pn, Some(&dee), None).await.json()["body"], "My own process notes.");
        assert_eq!(b.api("GET", &pn, Some(&token), None).await.status, StatusCode::FORBIDDEN);

        let feed = b.api("POST", "/api/v1/calendar-feed", Some(&token), None).await;
        assert_eq!(feed.status, StatusCode::CREATED);
        assert!(feed.json()["path"].as_str().unwrap().ends_with(".ics"));
        assert_eq!(b.api("DELETE", "/api/v1/calendar-feed", Some(&token), None).await.status, StatusCode::NO_CONTENT);
        let req = b.api("POST", "/api/v1/therapist-requests", Some(&token), Some(json!({"reason": "I would like someone older."}))).await;
        assert_eq!(req.status, StatusCode::NO_CONTENT);
        assert_eq!(t.count("therapist_requests", vec![]).await, 1);
    }

    async fn health_and_metrics_answer_without_personal_data(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana", "ana@example.org").await;
        assert_eq!(b.get("/healthz").await.status, StatusCode::OK);
        b.get(&format!("/clients/{}", ana.actor.user_id)).await;
        let m = b.get("/metrics").await;
        assert!(m.body.contains("route=\"/clients/{id}\""));
        assert!(!m.body.contains(&ana.actor.user_id.to_string()));
        let doc = b.get("/api/openapi.json").await.json();
        assert!(doc["paths"]["/api/v1/auth/login"].is_object());
    }

    // Issue 11: the same Idempotency-Key with a different body is refused with 422 naming
    // the key (it used to answer 201 with the first answer and drop the new one).
    async fn an_idempotency_key_reused_with_another_body_is_refused(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        client(&app, "Ana", "ana@example.org").await;
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let first_body = json!({"instrument": "phq9", "answers": [1, 1, 1, 1, 1, 1, 1, 1, 0]});
        let first = post_with_key(&mut b, &token, &first_body, "k-42").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        // The same request formatted otherwise is the same request.
        let same = json!({"answers": [1, 1, 1, 1, 1, 1, 1, 1, 0], "instrument": "phq9"});
        let again = post_with_key(&mut b, &token, &same, "k-42").await;
        assert_eq!((again.status, again.json()["id"].clone()), (StatusCode::CREATED, first.json()["id"].clone()));
        let other = json!({"instrument": "phq9", "answers": [3, 3, 3, 3, 3, 3, 3, 3, 0]});
        let refused = post_with_key(&mut b, &token, &other, "k-42").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        let e = &refused.json()["error"];
        assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("invalid"), Some("Idempotency-Key")));
        assert!(e["message"].as_str().unwrap().contains("k-42"), "{e}");
        assert_eq!(t.count("measures", vec![]).await, 1);
        // A day and an hour later the key is free again.
        b.clock.advance(chrono::Duration::hours(25));
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let later = post_with_key(&mut b, &token, &other, "k-42").await;
        assert_eq!(later.status, StatusCode::CREATED, "{}", later.body);
        assert_eq!(t.count("measures", vec![]).await, 2);
    }

    // Issue 11 (schemathesis): a bad query parameter is the API's JSON 422 naming it, not
    // axum's plain-text 400; a body that is not a JSON object is refused; 2.0 is the integer 2.
    async fn the_api_reads_queries_and_bodies_as_its_contract_says(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        client(&app, "Ana", "ana@example.org").await;
        let r = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = r.json()["token"].as_str().unwrap().to_string();
        let bad = b.api("GET", "/api/v1/sessions?from=garbage", Some(&token), None).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert_eq!(bad.json()["error"]["field"], "from", "{}", bad.body);
        let array = b.api("POST", "/api/v1/measures", Some(&token), Some(json!([]))).await;
        assert_eq!(array.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", array.body);
        assert_eq!(array.json()["error"]["field"], "body");
        let req = Request::post("/api/v1/measures")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"instrument": "phq2", "answers": [1.0, 2]}"#))
            .unwrap();
        let whole = b.send(req).await;
        assert_eq!(whole.status, StatusCode::CREATED, "{}", whole.body);
        assert_eq!(whole.json()["total"], 3);
    }

    // Issue 11: a client making up HTTP methods does not grow /metrics by a series each.
    async fn made_up_methods_are_one_series_in_metrics(t: &TestDb) {
        let mut b = Browser::new(t);
        for i in 0..20 {
            let req = Request::builder().method(format!("BREW{i}").as_str()).uri("/").body(Body::empty()).unwrap();
            b.send(req).await;
        }
        let m = b.get("/metrics").await.body;
        assert!(!m.contains("BREW"), "{m}");
        assert!(m.contains("method=\"OTHER\""), "{m}");
    }
}

/// A real server on a loopback port with the given limits; returns its address, a trigger
/// for shutdown and the server's task.
async fn real_server(
    t: &TestDb,
    limits: rapport_web::Limits,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let b = Browser::new(t);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(rapport_web::serve_with_limits(
        listener,
        b.into_router(),
        async move {
            let _ = stopped.await;
        },
        limits,
    ));
    (addr, stop, task)
}

/// Reads until the server closes the connection (or 10 seconds pass); what it sent.
async fn read_to_close(s: &mut tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), s.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

// Issue 11: a client sending its headers a byte at a time too slowly is cut off within the
// header limit; a silent connection too; a body that never ends gets 408 within the request
// limit; a normal request is answered.
#[tokio::test]
async fn slow_clients_are_cut_off() {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    let t = TestDb::sqlite().await;
    let limits = rapport_web::Limits {
        headers: Duration::from_millis(800),
        request: Duration::from_millis(1500),
        shutdown: Duration::from_secs(1),
    };
    let (addr, _stop, _task) = real_server(&t, limits).await;

    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    assert!(read_to_close(&mut s).await.starts_with("HTTP/1.1 200"));

    // Headers a byte every 200 ms: the connection is closed before they are done.
    let started = rapport_app::clock::monotonic();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = b"GET /healthz HTTP/1.1\r\nHost: example\r\nX-Slow: aaaaaaaaaaaaaaaa\r\n\r\n";
    let mut cut_off = false;
    for byte in request {
        if s.write_all(&[*byte]).await.is_err() {
            cut_off = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        if started.elapsed() > Duration::from_secs(3) {
            break;
        }
    }
    let answer = read_to_close(&mut s).await;
    assert!(cut_off || !answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );

    // A connection that says nothing is closed too.
    let started = rapport_app::clock::monotonic();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let answer = read_to_close(&mut s).await;
    assert!(!answer.starts_with("HTTP/1.1 200"));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // A body announced and never sent: 408 within the request limit.
    let started = rapport_app::clock::monotonic();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\"").await.unwrap();
    let answer = read_to_close(&mut s).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

// Issue 11: at shutdown the server waits for requests in flight at most its limit.
#[tokio::test]
async fn shutdown_waits_for_requests_in_flight_only_so_long() {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    let t = TestDb::sqlite().await;
    let limits = rapport_web::Limits {
        headers: Duration::from_secs(30),
        request: Duration::from_secs(60),
        shutdown: Duration::from_secs(1),
    };
    let (addr, stop, task) = real_server(&t, limits).await;
    // A request in flight that will not finish by itself (its body never comes).
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = rapport_app::clock::monotonic();
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "{:?}",
        started.elapsed()
    );
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no longer listening"
    );
}
