//! Issue 11, parts 4 and 5, on both databases: disabling and enabling accounts, ending
//! care-team memberships (through the use-cases and over HTTP), and, over HTTP, the client's
//! address read from `X-Forwarded-For` only when a trusted proxy sends it.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;

use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use rapport_app::Error;
use rapport_app::accounts::totp;
use rapport_app::care_teams::{assign, care_team, caseload, client_record, end_membership};
use rapport_app::clock::{Clock, ManualClock};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_store::audit;
use rapport_testkit::{PASSWORD, Practice, TestDb, both_backends, client, practice, staff};
use rapport_web::{AppState, CrisisResources, TrustedProxies, WebConfig};
use serde_json::{Value, json};
use tower::ServiceExt;

struct Server {
    router: axum::Router,
}

struct Reply {
    status: StatusCode,
    body: Value,
}

impl Server {
    fn new(app: rapport_app::App, proxies: &[&str]) -> Server {
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        let state =
            AppState::new(app, web).with_trusted_proxies(TrustedProxies::parse(proxies).unwrap());
        Server {
            router: rapport_web::router(state),
        }
    }

    /// A JSON request from the peer `peer`, perhaps with `X-Forwarded-For`.
    async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        peer: &str,
        forwarded_for: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(f) = forwarded_for {
            req = req.header("x-forwarded-for", f);
        }
        let body = match body {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        let mut req = req.body(body).unwrap();
        let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(peer));
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let bytes = to_bytes(resp.into_body(), 1 << 20).await.unwrap();
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    }

    async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        self.send(method, path, token, body, "203.0.113.7", None)
            .await
    }

    async fn login(&self, email: &str, password: &str, code: Option<String>) -> Reply {
        let mut body = json!({"email": email, "password": password});
        if let Some(c) = code {
            body["totp"] = json!(c);
        }
        self.api("POST", "/api/v1/auth/login", None, Some(body))
            .await
    }

    async fn token(&self, email: &str, code: Option<String>) -> String {
        let r = self.login(email, PASSWORD, code).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        r.body["token"].as_str().unwrap().to_string()
    }
}

/// The practice's administrator and Lena signed in over the API: their tokens.
async fn tokens(s: &Server, p: &Practice, clock: &ManualClock) -> (String, String) {
    clock.advance(Duration::seconds(30));
    let code = |secret: &str| Some(totp::code_at(secret, clock.now()).unwrap());
    let admin = s.token(&p.admin.email, code(&p.admin.totp_secret)).await;
    let lena = s.token(&p.lena.email, code(&p.lena.totp_secret)).await;
    (admin, lena)
}

/// A CSRF token as the middleware hands them out (at least 40 characters).
const CSRF: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// A page form sent with a session cookie and a matching CSRF token; the status, the
/// `Location` header and the page.
async fn form(
    s: &Server,
    path: &str,
    session: Option<&str>,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    form_from(s, path, session, fields, "203.0.113.7").await
}

/// `form` from the peer `peer`.
async fn form_from(
    s: &Server,
    path: &str,
    session: Option<&str>,
    fields: &[(&str, &str)],
    peer: &str,
) -> (StatusCode, String, String) {
    let mut body: Vec<String> = vec![format!("csrf={CSRF}")];
    for (k, v) in fields {
        body.push(format!("{k}={}", v.replace(' ', "+")));
    }
    let mut cookie = format!("rapport_csrf={CSRF}");
    if let Some(sess) = session {
        cookie.push_str(&format!("; rapport_session={sess}"));
    }
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.join("&")))
        .unwrap();
    let mut req = req;
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(peer));
    page(s, req).await
}

async fn get_page(s: &Server, path: &str, session: &str) -> (StatusCode, String, String) {
    let req = Request::get(path)
        .header(header::COOKIE, format!("rapport_session={session}"))
        .body(Body::empty())
        .unwrap();
    page(s, req).await
}

async fn page(s: &Server, req: Request<Body>) -> (StatusCode, String, String) {
    let resp = s.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = to_bytes(resp.into_body(), 1 << 20).await.unwrap();
    (status, location, String::from_utf8(bytes.to_vec()).unwrap())
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, Error>) -> bool {
    matches!(r, Err(Error::Forbidden))
}

both_backends! {
    async fn ending_a_membership_takes_access_away_at_once(t: &TestDb) {
        let (app, _clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Dr Lena Okafor", "lena@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let (ana_id, lena_id) = (ana.actor.user_id, lena.actor.user_id);
        assign(&app, &admin.actor, ana_id, lena_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        client_record(&app, &lena.actor, ana_id).await.unwrap();
        assert_eq!(caseload(&app, &lena.actor).await.unwrap().len(), 1);

        // Only an administrator ends a membership.
        assert!(forbidden(end_membership(&app, &lena.actor, ana_id, lena_id).await));
        assert!(forbidden(end_membership(&app, &ana.actor, ana_id, lena_id).await));
        client_record(&app, &lena.actor, ana_id).await.unwrap();

        end_membership(&app, &admin.actor, ana_id, lena_id).await.unwrap();
        assert!(forbidden(client_record(&app, &lena.actor, ana_id).await));
        assert!(forbidden(care_team(&app, &lena.actor, ana_id).await));
        assert!(caseload(&app, &lena.actor).await.unwrap().is_empty());
        assert!(care_team(&app, &ana.actor, ana_id).await.unwrap().is_empty());
        let ended: Vec<_> = audit::recent(t.db.conn(), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "care_team.ended")
            .collect();
        assert_eq!(ended.len(), 1, "{ended:?}");
        assert_eq!(ended[0].actor_id, Some(admin.actor.user_id));
        assert_eq!(ended[0].client_id, Some(ana_id));
        assert_eq!(ended[0].resource, Some(format!("user:{lena_id}")));
        // Ending it again finds nothing; the history stays, and she may be assigned anew.
        assert!(matches!(
            end_membership(&app, &admin.actor, ana_id, lena_id).await,
            Err(Error::NotFound)
        ));
        assert_eq!(t.count("care_teams WHERE ended_at IS NOT NULL", vec![]).await, 1);
        assign(&app, &admin.actor, ana_id, lena_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        client_record(&app, &lena.actor, ana_id).await.unwrap();
    }

    async fn a_disabled_account_is_refused_on_its_next_request(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let s = Server::new(app.clone(), &[]);
        let (admin, lena) = tokens(&s, &p, &clock).await;
        let ana = s.token(&p.ana.email, None).await;
        let feed = rapport_app::calendar::new_feed(&app, &p.lena.actor).await.unwrap();
        let feed_path = format!("/calendar/{feed}.ics");
        assert_eq!(s.api("GET", &feed_path, None, None).await.status, StatusCode::OK);
        assert_eq!(s.api("GET", "/api/v1/me", Some(&lena), None).await.status, StatusCode::OK);

        let lena_id = p.lena.actor.user_id;
        let path = format!("/api/v1/admin/users/{lena_id}/disable");
        // Only an administrator, and with a reason.
        let r = s.api("POST", &path, Some(&ana), Some(json!({"reason": "no"}))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = s.api("POST", &path, Some(&admin), Some(json!({"reason": ""}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", r.body);
        let r = s
            .api("POST", &path, Some(&admin), Some(json!({"reason": "Left the practice"})))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        assert_eq!(r.body, json!({"id": lena_id.to_string(), "disabled": true}));

        // At once: her token, her calendar feed, her sign-in.
        let me = s.api("GET", "/api/v1/me", Some(&lena), None).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED);
        assert_eq!(s.api("GET", &feed_path, None, None).await.status, StatusCode::NOT_FOUND);
        clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, clock.now()).unwrap();
        let refused = s.login(&p.lena.email, PASSWORD, Some(code)).await;
        let wrong = s.login(&p.ana.email, "not her password", None).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(refused.body, wrong.body, "the one message of wrong credentials");
        let nobody = "/api/v1/admin/users/00000000-0000-0000-0000-000000000000/disable";
        let r = s.api("POST", nobody, Some(&admin), Some(json!({"reason": "x"}))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Enabled again (the body may be left out), she signs in afresh.
        let enable = format!("/api/v1/admin/users/{lena_id}/enable");
        let r = s.api("POST", &enable, Some(&admin), None).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        assert_eq!(r.body["disabled"], json!(false));
        let me = s.api("GET", "/api/v1/me", Some(&lena), None).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "the old token stays revoked");
        clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, clock.now()).unwrap();
        s.token(&p.lena.email, Some(code)).await;
        let audited = t
            .count(
                "audit_events WHERE action IN ('account.disabled', 'account.enabled')",
                vec![],
            )
            .await;
        assert_eq!(audited, 2);
    }

    async fn ending_a_care_team_membership_refuses_the_next_read(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let s = Server::new(app.clone(), &[]);
        let (admin, lena) = tokens(&s, &p, &clock).await;
        let (ana_id, lena_id) = (p.ana.actor.user_id, p.lena.actor.user_id);
        let record = format!("/api/v1/clients/{ana_id}/measures");
        assert_eq!(s.api("GET", &record, Some(&lena), None).await.status, StatusCode::OK);

        let path = format!("/api/v1/admin/care-teams/{ana_id}/{lena_id}");
        let r = s.api("DELETE", &path, Some(&lena), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = s.api("DELETE", &path, Some(&admin), None).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let r = s.api("GET", &record, Some(&lena), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = s.api("DELETE", &path, Some(&admin), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let ended = t.count("audit_events WHERE action = 'care_team.ended'", vec![]).await;
        assert_eq!(ended, 1);
    }

    async fn behind_a_trusted_proxy_each_client_has_its_own_address(t: &TestDb) {
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        // Every guess at another unknown account, so that only addresses are held back.
        let mut n = 0;
        let mut guess = move || {
            n += 1;
            json!({"email": format!("who{n}@example.org"), "password": "guess guess guess"})
        };
        let ana = json!({"email": "ana@example.org", "password": PASSWORD});
        let login = "/api/v1/auth/login";

        // Without --trusted-proxy everyone behind the proxy is one address: five failures by
        // anyone hold back everyone, and a forged header changes nothing.
        let plain = Server::new(app.clone(), &[]);
        for _ in 0..5 {
            let r = plain
                .send("POST", login, None, Some(guess()), "10.0.0.1", Some("198.51.100.1"))
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = plain
            .send("POST", login, None, Some(ana.clone()), "10.0.0.1", Some("198.51.100.2"))
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);

        // Trusting the proxy, the address it forwards is the client's (the right-most
        // untrusted one: what a client writes itself, further left, is ignored).
        let proxied = Server::new(app.clone(), &["10.0.0.0/8"]);
        for _ in 0..5 {
            let forwarded = Some("198.51.100.2, 198.51.100.3");
            let r = proxied
                .send("POST", login, None, Some(guess()), "10.0.0.1", forwarded)
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = proxied
            .send("POST", login, None, Some(guess()), "10.0.0.1", Some("198.51.100.3"))
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "198.51.100.3 is held back");
        let r = proxied
            .send("POST", login, None, Some(ana.clone()), "10.0.0.1", Some("198.51.100.2"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "another client behind the proxy: {:?}", r.body);
        // A peer that is not the proxy cannot choose its address.
        for _ in 0..5 {
            proxied
                .send("POST", login, None, Some(guess()), "192.0.2.9", Some("198.51.100.4"))
                .await;
        }
        let r = proxied
            .send("POST", login, None, Some(ana.clone()), "192.0.2.9", Some("198.51.100.5"))
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        let failed = t
            .texts(
                "SELECT address FROM audit_events \
                 WHERE action = 'auth.sign_in' AND outcome = 'failed'",
                vec![],
            )
            .await;
        assert!(failed.contains(&Some("198.51.100.3".to_string())), "{failed:?}");
        assert!(failed.contains(&Some("192.0.2.9".to_string())), "{failed:?}");
        assert!(!failed.contains(&Some("198.51.100.4".to_string())), "{failed:?}");
    }

    async fn the_administration_page_disables_enables_and_ends_memberships(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let s = Server::new(app.clone(), &[]);
        let admin = Some(p.admin.session.as_str());
        let lena_id = p.lena.actor.user_id.to_string();
        let ana_id = p.ana.actor.user_id.to_string();
        let (status, _, body) = get_page(&s, "/admin/users?role=clinician", &p.admin.session).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Disable account"), "{body}");
        let (status, _, body) = get_page(&s, "/admin/care-teams?client_q=ana", &p.admin.session).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("End care-team membership"), "{body}");

        // No reason: the page says what to do.
        let fields = [("user_id", lena_id.as_str()), ("reason", ""), ("action", "disable")];
        let (status, _, body) = form(&s, "/admin/users/access", admin, &fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("Say why (in a few words)"), "{body}");
        assert!(get_page(&s, "/home", &p.lena.session).await.0.is_success());

        let fields = [("user_id", lena_id.as_str()), ("reason", "Left"), ("action", "disable")];
        let (status, location, _) = form(&s, "/admin/users/access", admin, &fields).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/users?done=disabled"));
        let (_, _, body) = get_page(&s, "/admin/users?done=disabled", &p.admin.session).await;
        assert!(body.contains("Account disabled."), "{body}");
        assert!(body.contains("<strong>disabled</strong>"), "{body}");
        // Lena's browser session is over at once.
        let (status, location, _) = get_page(&s, "/home", &p.lena.session).await;
        assert!(status.is_redirection() && location.starts_with("/login"), "{status} {location}");

        let fields = [("user_id", lena_id.as_str()), ("reason", ""), ("action", "enable")];
        let (status, location, _) = form(&s, "/admin/users/access", admin, &fields).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/users?done=enabled"));
        assert_eq!(t.count("users WHERE disabled_at IS NOT NULL", vec![]).await, 0);

        // Ending Lena's membership of Ana's team; a second time says she is not on it.
        let fields = [("client_id", ana_id.as_str()), ("clinician_id", lena_id.as_str())];
        let (status, location, _) = form(&s, "/admin/care-teams/end", admin, &fields).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/care-teams?done=ended"));
        let (status, _, body) = form(&s, "/admin/care-teams/end", admin, &fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("This clinician is not on the client"), "{body}");
        assert!(forbidden(client_record(&app, &p.lena.actor, p.ana.actor.user_id).await));
        // Not for clinicians.
        let (status, _, _) = form(&s, "/admin/care-teams/end", Some(&p.kofi.session), &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    async fn held_back_staff_sign_in_on_the_page_with_password_and_code(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let s = Server::new(app.clone(), &[]);
        clock.advance(Duration::seconds(30));
        // From five addresses, so that only the account is held back.
        for i in 1..=5 {
            let fields = [("email", p.lena.email.as_str()), ("password", "a wrong guess")];
            let peer = format!("198.51.100.{i}");
            let (status, _, _) = form_from(&s, "/login", None, &fields, &peer).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let fields = [("email", p.lena.email.as_str()), ("password", PASSWORD)];
        let (status, _, body) = form(&s, "/login", None, &fields).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(body.contains("name=\"code\""), "the page offers the code field: {body}");
        let code = totp::code_at(&p.lena.totp_secret, clock.now()).unwrap();
        let fields = [
            ("email", p.lena.email.as_str()),
            ("password", PASSWORD),
            ("code", code.as_str()),
        ];
        let (status, location, _) = form(&s, "/login", None, &fields).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(location, "/home");
    }
}
