//! Family access, consent-scoped (issue 15, part 1), on both databases: inviting (errors by
//! field, sealed at rest, the token kept only as a hash), joining through the link (the
//! invited address only; expired, withdrawn and reused links refused), every scope granted and
//! revoked while the family member is signed in (API token and browser session), ending
//! access, a family member of one client probing another's every family endpoint, no scope
//! reaching scores, notes, homework or messages, the audit events and `last_seen_at`.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::accounts::{NewClient, api_login};
use rapport_app::family::{
    NewInvitation, end_access, invite, members, pending_invitations, set_scopes,
    sign_up_with_invitation, withdraw_invitation,
};
use rapport_app::plans::{add_warning_sign, save_relapse_plan, save_safety_plan};
use rapport_testkit::asserts::{forbidden, id, invalid_field, not_found};
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use serde_json::{Value, json};
use uuid::Uuid;

const SIGN: &str = "Quillmere: sleeping past noon";
const HELPS: &str = "Quillmere: a walk with my sister";
const TRIGGER: &str = "Quillmere-trigger: the anniversary in March";
const SAFETY: &str = "Quillmere-safety: call Jo";

fn inviting(email: &str, scopes: &[&str]) -> NewInvitation {
    NewInvitation {
        email: email.into(),
        name: "Jo Ruiz".into(),
        relationship: "sister".into(),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
    }
}

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    t.count(
        "audit_events WHERE action = ? AND outcome = ?",
        vec![action.into(), outcome.into()],
    )
    .await
}

/// The token of an invitation link.
fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_string()
}

fn words(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// Ana's plans: a warning sign, a plan for staying well and a safety plan.
async fn ana_plans(app: &rapport_app::App, ana: &rapport_app::Actor) {
    add_warning_sign(app, ana, id(ana), SIGN).await.unwrap();
    save_relapse_plan(
        app,
        ana,
        id(ana),
        0,
        [
            TRIGGER.into(),
            HELPS.into(),
            "Jo, 555 0100".into(),
            String::new(),
        ],
    )
    .await
    .unwrap();
    let mut steps: [String; 6] = Default::default();
    steps[3] = SAFETY.into();
    save_safety_plan(app, ana, id(ana), 0, steps).await.unwrap();
}

both_backends! {
    async fn inviting_checks_every_field_and_seals_the_invitee(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let base = "https://rapport.example";
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &["learning", "scores"]), base).await), "scopes[1]");
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &["learning", "learning"]), base).await), "scopes[1]");
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &[]), base).await), "scopes");
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, inviting("jo", &["learning"]), base).await), "email");
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, inviting("ANA@example.org", &["learning"]), base).await), "email", "her own address");
        let long = NewInvitation { relationship: "x".repeat(61), ..inviting("jo@example.org", &["learning"]) };
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, long, base).await), "relationship");
        let blank = NewInvitation { relationship: " ".into(), ..inviting("jo@example.org", &["learning"]) };
        assert_eq!(invalid_field(invite(&app, &p.ana.actor, ana, blank, base).await), "relationship");
        assert!(forbidden(invite(&app, &p.bo.actor, ana, inviting("jo@example.org", &["learning"]), base).await), "for someone else");
        assert!(forbidden(invite(&app, &p.lena.actor, ana, inviting("jo@example.org", &["learning"]), base).await), "her clinician");
        assert_eq!(t.count("family_invitations", vec![]).await, 0);

        let made = invite(&app, &p.ana.actor, ana, inviting("Jo@Example.org", &["observations", "warning_signs"]), base).await.unwrap();
        assert_eq!(made.link, format!("{base}/join/{}", made.token));
        assert_eq!(audited(t, "family.invited", "ok").await, 1);
        // Sealed at rest; the token only as its hash; the scopes plain, in the library's order.
        let raw = t.texts("SELECT email || '|' || name || '|' || relationship || '|' || token_hash FROM family_invitations", vec![]).await;
        let raw = raw[0].clone().unwrap();
        assert!(!raw.contains("example.org") && !raw.contains("Jo Ruiz") && !raw.contains("sister") && !raw.contains(&made.token), "{raw}");
        assert_eq!(t.texts("SELECT scopes FROM family_invitations", vec![]).await, [Some("warning_signs,observations".to_string())]);
        let pending = pending_invitations(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!((pending.len(), pending[0].email.as_str(), pending[0].relationship.as_str()), (1, "jo@example.org", "sister"));
        assert!(forbidden(pending_invitations(&app, &p.bo.actor, ana).await));
    }

    async fn expired_withdrawn_and_reused_links_are_refused(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let join = |email: &'static str, token: String| {
            let app = app.clone();
            async move {
                sign_up_with_invitation(&app, NewClient { name: "Jo Ruiz", email, password: PASSWORD, timezone: None }, &token, ADDRESS).await
            }
        };
        // Expired: seven days after it was made.
        let old = invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &["learning"]), "http://x").await.unwrap();
        clock.advance(Duration::days(7) + Duration::seconds(1));
        assert!(pending_invitations(&app, &p.ana.actor, ana).await.unwrap().is_empty(), "an expired one is not waiting");
        let e = join("jo@example.org", old.token.clone()).await.unwrap_err();
        assert!(matches!(&e, rapport_app::Error::Invalid { field, message } if field == "invitation" && message.contains("expired")), "{e:?}");
        // Withdrawn.
        let w = invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &["learning"]), "http://x").await.unwrap();
        assert!(not_found(withdraw_invitation(&app, &p.bo.actor, id(&p.bo.actor), w.id).await), "Ana's, not Bo's");
        withdraw_invitation(&app, &p.ana.actor, ana, w.id).await.unwrap();
        assert!(not_found(withdraw_invitation(&app, &p.ana.actor, ana, w.id).await), "withdrawn once");
        assert_eq!(audited(t, "family.invitation_withdrawn", "ok").await, 1);
        assert_eq!(invalid_field(join("jo@example.org", w.token.clone()).await), "invitation");
        // Unknown.
        assert_eq!(invalid_field(join("jo@example.org", "not-a-token".into()).await), "invitation");
        // The wrong address, then the right one (case aside), then a second use.
        let ok = invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &["learning"]), "http://x").await.unwrap();
        assert_eq!(invalid_field(join("someone@example.org", ok.token.clone()).await), "email");
        assert_eq!(t.count("users WHERE role = 'family'", vec![]).await, 0);
        let (jo, _) = join("JO@example.org", ok.token.clone()).await.unwrap();
        assert_eq!(jo.role.as_str(), "family");
        assert_eq!(audited(t, "family.joined", "ok").await, 1);
        let e = join("jo2@example.org", ok.token.clone()).await.unwrap_err();
        assert!(matches!(&e, rapport_app::Error::Invalid { field, .. } if field == "invitation"), "{e:?}");
        assert_eq!(t.count("users WHERE role = 'family'", vec![]).await, 1);
        // The join page says so, plainly.
        // The browser's app has a clock of its own, started afresh: a day more than the
        // invitation's life, so that the first link has expired there too however far the
        // test's clock moved while it ran.
        let mut b = Browser::new(t);
        b.clock.advance(Duration::days(8));
        for bad in [old.token, w.token, ok.token, "nonsense".into()] {
            let r = b.get(&format!("/join/{bad}")).await;
            assert_eq!(r.status, StatusCode::GONE);
            assert!(r.body.contains("Ask the person who invited you to make a new link"), "{}", r.body);
            assert_eq!(r.headers.get("referrer-policy").unwrap(), "no-referrer");
        }
    }

    async fn every_scope_granted_and_revoked_while_signed_in(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        ana_plans(&app, &p.ana.actor).await;
        rapport_app::learning::recommend_to(&app, &p.lena.actor, ana, "give-it-time", rapport_core::family::Audience::Family).await.unwrap();
        let ana_token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;

        // Over the API: invite, sign up through the link.
        let r = b.api("POST", "/api/v1/family/invitations", Some(&ana_token), Some(json!({"email": "jo@example.org", "name": "Jo Ruiz", "relationship": "sister", "scopes": ["warning_signs", "bogus"]}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("scopes[1]")));
        let r = b.api("POST", "/api/v1/family/invitations", Some(&ana_token), Some(json!({"email": "jo@example.org", "name": "Jo Ruiz", "relationship": "sister", "scopes": ["warning_signs", "observations", "learning"]}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let token = r.json()["token"].as_str().unwrap().to_string();
        assert_eq!(r.json()["link"], json!(format!("http://localhost/join/{token}")));
        let r = b.api("GET", "/api/v1/family/invitations", Some(&ana_token), None).await;
        assert_eq!(words(&r.json()[0]["scopes"]), ["learning", "warning_signs", "observations"]);
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "other@example.org", "password": PASSWORD, "name": "Jo Ruiz", "invitation": token}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("email")));
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "jo@example.org", "password": PASSWORD, "name": "Jo Ruiz", "invitation": token}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.json()["user"]["role"], json!("family"));
        let jo_id: Uuid = r.json()["user"]["id"].as_str().unwrap().parse().unwrap();
        let r = b.api("POST", "/api/v1/auth/signup", None, Some(json!({"email": "jo3@example.org", "password": PASSWORD, "name": "Jo Ruiz", "invitation": token}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("invitation")), "single use");
        let jo = api_login(&app, "jo@example.org", PASSWORD, None, ADDRESS).await.unwrap();
        let jo_token = jo.token.clone();
        // Also signed in in a browser.
        let jo_session = rapport_app::accounts::check_password(&app, "jo@example.org", PASSWORD, ADDRESS).await.unwrap().session_secret;
        b.cookies.insert("rapport_session".into(), jo_session);

        // Ana sees Jo, who has not looked yet.
        let r = b.api("GET", "/api/v1/family/members", Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        let m = &r.json()[0];
        assert_eq!((m["id"].clone(), m["name"].clone(), m["relationship"].clone(), m["last_seen_at"].clone()), (json!(jo_id.to_string()), json!("Jo Ruiz"), json!("sister"), Value::Null));
        assert_eq!(words(&m["scopes"]), ["learning", "warning_signs", "observations"]);

        // Jo: her people, and each scope.
        let r = b.api("GET", "/api/v1/family/people", Some(&jo_token), None).await;
        assert_eq!((r.json()[0]["client_id"].clone(), r.json()[0]["first_name"].clone()), (json!(ana.to_string()), json!("Ana")));
        let people = format!("/api/v1/family/people/{ana}");
        let r = b.api("GET", &format!("{people}/warning-signs"), Some(&jo_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["warning_signs"][0]["label"], json!(SIGN));
        assert_eq!(r.json()["what_helps"], json!(HELPS));
        assert!(!r.body.contains(TRIGGER), "never the triggers");
        let r = b.api("GET", &format!("{people}/learning"), Some(&jo_token), None).await;
        assert_eq!((r.status, r.json()["pages"][0]["slug"].clone(), r.json()["pages"][0]["recommended"].clone()), (StatusCode::OK, json!("give-it-time"), json!(true)));
        let r = b.api("GET", &format!("{people}/safety-plan"), Some(&jo_token), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "not granted");
        let page = format!("/family/people/{ana}");
        let r = b.get(&format!("{page}/warning-signs")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains(SIGN) && r.body.contains(&format!("/family/people/{ana}/observations/new")));
        assert_eq!(b.get(&format!("{page}/safety-plan")).await.status, StatusCode::FORBIDDEN);
        let home = b.get("/home").await;
        assert!(home.body.contains(&format!("{page}/warning-signs")) && home.body.contains(&format!("{page}/learning")) && !home.body.contains(&format!("{page}/safety-plan")), "{}", home.body);
        assert!(audited(t, "family.warning_signs.read", "ok").await >= 2);
        assert_eq!(t.texts("SELECT resource FROM audit_events WHERE action = 'family.warning_signs.read' AND outcome = 'ok'", vec![]).await[0].as_deref(), Some("scope:warning_signs"));
        assert!(audited(t, "family.safety_plan.read", "denied").await >= 2);

        // last_seen_at moves with her reads.
        let r = b.api("GET", "/api/v1/family/members", Some(&ana_token), None).await;
        let seen_1 = r.json()[0]["last_seen_at"].as_str().unwrap().to_string();
        b.clock.advance(Duration::minutes(5));
        let r = b.api("GET", &format!("{people}/learning"), Some(&jo_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        let r = b.api("GET", "/api/v1/family/members", Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let seen_2 = r.json()[0]["last_seen_at"].as_str().unwrap().to_string();
        assert!(seen_2 > seen_1, "{seen_1} then {seen_2}");

        // Ana changes the scopes: each takes hold at Jo's next request, token and session alike.
        for (granted, (learning, signs, safety)) in [
            (vec!["safety_plan"], (false, false, true)),
            (vec![], (false, false, false)),
            (vec!["learning", "warning_signs", "safety_plan", "family_sessions", "observations"], (true, true, true)),
            (vec!["warning_signs"], (false, true, false)),
        ] {
            let r = b.api("PUT", &format!("/api/v1/family/members/{jo_id}"), Some(&ana_token), Some(json!({"scopes": granted}))).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            for (path, allowed) in [("learning", learning), ("warning-signs", signs), ("safety-plan", safety)] {
                let r = b.api("GET", &format!("{people}/{path}"), Some(&jo_token), None).await;
                assert_eq!(r.status == StatusCode::OK, allowed, "{path} over the API with {granted:?}: {}", r.status);
                let r = b.get(&format!("{page}/{path}")).await;
                assert_eq!(r.status == StatusCode::OK, allowed, "{path} page with {granted:?}: {}", r.status);
            }
            let r = b.api("GET", "/api/v1/family/people", Some(&jo_token), None).await;
            assert_eq!(words(&r.json()[0]["scopes"]).len(), granted.len());
        }
        assert_eq!(t.count("consents WHERE kind = 'family_access' AND revoked_at IS NULL", vec![]).await, 1);
        assert_eq!(audited(t, "family.scopes_changed", "ok").await, 4);
        let r = b.api("PUT", &format!("/api/v1/family/members/{jo_id}"), Some(&ana_token), Some(json!({"scopes": ["warning_signs", "warning_signs"]}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("scopes[1]")));
        let r = b.api("PUT", &format!("/api/v1/family/members/{}", Uuid::nil()), Some(&ana_token), Some(json!({"scopes": []}))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Ana ends Jo's access: nothing more, at once.
        let bo_token = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let r = b.api("DELETE", &format!("/api/v1/family/members/{jo_id}"), Some(&bo_token), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "Bo has no such family member");
        let r = b.api("DELETE", &format!("/api/v1/family/members/{jo_id}"), Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(audited(t, "family.ended", "ok").await, 1);
        for path in ["learning", "warning-signs", "safety-plan"] {
            assert_eq!(b.api("GET", &format!("{people}/{path}"), Some(&jo_token), None).await.status, StatusCode::FORBIDDEN);
            assert_eq!(b.get(&format!("{page}/{path}")).await.status, StatusCode::FORBIDDEN);
        }
        let r = b.api("GET", "/api/v1/family/people", Some(&jo_token), None).await;
        assert_eq!(r.json(), json!([]));
        assert!(members(&app, &p.ana.actor, ana).await.unwrap().is_empty());
        assert_eq!(t.count("consents WHERE kind = 'family_access' AND revoked_at IS NULL", vec![]).await, 0);
        // She can be invited again.
        let again = invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &["learning"]), "http://x").await.unwrap();
        let r = b.api("POST", "/api/v1/family/invitations/accept", Some(&jo_token), Some(json!({"invitation": again.token}))).await;
        assert_eq!((r.status, r.json()["client_id"].clone()), (StatusCode::OK, json!(ana.to_string())), "{}", r.body);
    }

    async fn a_family_member_of_one_client_reaches_nothing_of_another(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        ana_plans(&app, &p.ana.actor).await;
        ana_plans(&app, &p.bo.actor).await;
        let all = ["learning", "warning_signs", "safety_plan", "family_sessions", "observations"];
        let made = invite(&app, &p.ana.actor, ana, inviting("jo@example.org", &all), "http://x").await.unwrap();
        let (jo, session) = sign_up_with_invitation(&app, NewClient { name: "Jo Ruiz", email: "jo@example.org", password: PASSWORD, timezone: None }, &made.token, ADDRESS).await.unwrap();
        let jo_token = api_login(&app, "jo@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        b.cookies.insert("rapport_session".into(), session);
        // Bo's a family member of nobody: every family endpoint about Bo is refused.
        for path in ["learning", "warning-signs", "safety-plan"] {
            let r = b.api("GET", &format!("/api/v1/family/people/{bo}/{path}"), Some(&jo_token), None).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
            assert!(!r.body.contains("Quillmere"));
            let r = b.get(&format!("/family/people/{bo}/{path}")).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} page");
        }
        // The client's own family endpoints are the client's alone.
        for (method, path, body) in [
            ("GET", "/api/v1/family/members".to_string(), None),
            ("GET", "/api/v1/family/invitations".to_string(), None),
            ("POST", "/api/v1/family/invitations".to_string(), Some(json!({"email": "x@example.org", "name": "X Y", "relationship": "friend", "scopes": ["learning"]}))),
            ("PUT", format!("/api/v1/family/members/{}", id(&jo)), Some(json!({"scopes": all}))),
            ("DELETE", format!("/api/v1/family/members/{}", id(&jo)), None),
        ] {
            let r = b.api(method, &path, Some(&jo_token), body).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path}");
        }
        assert!(forbidden(set_scopes(&app, &jo, bo, id(&jo), &[]).await));
        assert!(forbidden(end_access(&app, &jo, ana, id(&jo)).await));
        // With every scope of Ana's: never scores, notes, homework, messages or her record.
        for who in [ana, bo] {
            for path in ["measures", "homework", "safety-plan", "warning-signs", "relapse-plan", "goals", "sessions", "fhir", "intake", "treatment-plan", "feedback"] {
                let r = b.api("GET", &format!("/api/v1/clients/{who}/{path}"), Some(&jo_token), None).await;
                assert!(matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED), "{path} of {who}: {}", r.status);
                assert!(!r.body.contains("Quillmere"), "{path}");
            }
            for page in ["", "/safety-plan", "/notes", "/homework", "/progress", "/timeline"] {
                let r = b.get(&format!("/clients/{who}{page}")).await;
                assert!(!r.status.is_success(), "/clients/{who}{page}: {}", r.status);
                assert!(!r.body.contains("Quillmere"));
            }
        }
        // The family pages of Ana show only what the scopes open.
        let r = b.get(&format!("/family/people/{ana}/safety-plan")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Quillmere-safety") && !r.body.contains(TRIGGER));
        // Jo accepts Bo's invitation only when sent to her address.
        let to_other = invite(&app, &p.bo.actor, bo, inviting("someone@example.org", &["learning"]), "http://x").await.unwrap();
        let r = b.api("POST", "/api/v1/family/invitations/accept", Some(&jo_token), Some(json!({"invitation": to_other.token}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("invitation")));
        let to_jo = invite(&app, &p.bo.actor, bo, inviting("jo@example.org", &["learning"]), "http://x").await.unwrap();
        let join = b.get(&format!("/join/{}", to_jo.token)).await;
        assert!(join.body.contains("Bo invited you") && join.body.contains(&format!("/join/{}/accept", to_jo.token)), "{}", join.body);
        let r = b.submit(&format!("/join/{}", to_jo.token), &format!("/join/{}/accept", to_jo.token), &[]).await;
        assert_eq!(r.location(), "/home?done=joined");
        let r = b.api("GET", "/api/v1/family/people", Some(&jo_token), None).await;
        assert_eq!(r.json().as_array().unwrap().len(), 2);
        assert_eq!(b.api("GET", &format!("/api/v1/family/people/{bo}/learning"), Some(&jo_token), None).await.status, StatusCode::OK);
        assert_eq!(b.api("GET", &format!("/api/v1/family/people/{bo}/warning-signs"), Some(&jo_token), None).await.status, StatusCode::FORBIDDEN);
        let r = b.api("POST", "/api/v1/family/invitations/accept", Some(&jo_token), Some(json!({"invitation": to_jo.token}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "used");
    }

    async fn the_pages_from_invitation_to_ending(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        ana_plans(&app, &p.ana.actor).await;
        b.cookies.insert("rapport_session".into(), p.ana.session.clone());
        let home = b.get("/home").await;
        assert!(home.body.contains("href=\"/family\""));
        let page = b.get("/family").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Nobody yet") && page.body.contains("See your own early warning signs"));
        // An error keeps what was typed.
        let r = b.submit("/family", "/family/invitations", &[("name", "Jo Ruiz"), ("email", "jo@example"), ("relationship", "sister"), ("scopes", "warning_signs")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("value=\"jo@example\"") && r.body.contains("value=\"sister\"") && r.body.contains("value=\"warning_signs\" checked"), "{}", r.body);
        let r = b.submit("/family", "/family/invitations", &[("name", "Jo Ruiz"), ("email", "jo@example.org"), ("relationship", "sister")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Choose at least one thing they can see"));
        // The link, shown once.
        let r = b.submit("/family", "/family/invitations", &[("name", "Jo Ruiz"), ("email", "jo@example.org"), ("relationship", "sister"), ("scopes", "warning_signs"), ("scopes", "observations")]).await;
        assert_eq!(r.status, StatusCode::OK);
        let at = r.body.find("http://localhost/join/").unwrap();
        let link = r.body[at..].split('"').next().unwrap().to_string();
        assert!(r.body.contains("data-copy=\"invite-link\""));
        let again = b.get("/family").await;
        assert!(!again.body.contains(&link) && again.body.contains("Invitations waiting"));
        let token = token_of(&link);

        // Jo signs up through the link in her own browser.
        let mut jo_b = Browser::new(t);
        let join = jo_b.get(&format!("/join/{token}")).await;
        assert_eq!(join.status, StatusCode::OK);
        assert!(join.body.contains("Ana invited you") && join.body.contains("Warning signs") && !join.body.contains("Safety plan"), "{}", join.body);
        let r = jo_b.submit(&format!("/join/{token}"), &format!("/join/{token}"), &[("name", "Jo Ruiz"), ("email", "wrong@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("different e-mail address") && r.body.contains("value=\"wrong@example.org\""));
        let r = jo_b.submit(&format!("/join/{token}"), &format!("/join/{token}"), &[("name", "Jo Ruiz"), ("email", "jo@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.location(), "/home?done=joined");
        let home = jo_b.get("/home").await;
        assert!(home.body.contains("Welcome, Jo Ruiz") && home.body.contains(&format!("/family/people/{ana}/observations/new")) && home.body.contains(&format!("/family/people/{ana}/warning-signs")), "{}", home.body);
        assert!(!home.body.contains("href=\"/checkin\""), "a family member's nav has no check-in");

        // Ana sees Jo and when she last looked; changes her scopes; ends her access.
        jo_b.get(&format!("/family/people/{ana}/warning-signs")).await;
        let page = b.get("/family").await;
        assert!(page.body.contains("Jo Ruiz") && page.body.contains("last looked"), "{}", page.body);
        let jo_id = members(&app, &p.ana.actor, ana).await.unwrap()[0].id;
        let r = b.submit("/family", &format!("/family/members/{jo_id}"), &[("scopes", "safety_plan")]).await;
        assert_eq!(r.location(), "/family?done=saved");
        assert_eq!(jo_b.get(&format!("/family/people/{ana}/warning-signs")).await.status, StatusCode::FORBIDDEN);
        assert_eq!(jo_b.get(&format!("/family/people/{ana}/safety-plan")).await.status, StatusCode::OK);
        let r = b.submit("/family", &format!("/family/members/{jo_id}/end"), &[]).await;
        assert_eq!(r.location(), "/family?done=ended");
        assert_eq!(jo_b.get(&format!("/family/people/{ana}/safety-plan")).await.status, StatusCode::FORBIDDEN);
        assert!(jo_b.get("/home").await.body.contains("Nobody shares anything with you"));
        // The access log tells Ana in plain words.
        let log = b.get("/account/access-log").await;
        assert!(log.body.contains("Your family member looked at your warning signs"), "{}", log.body);
        // A withdrawn invitation from the page.
        let r = b.submit("/family", "/family/invitations", &[("name", "Max Ruiz"), ("email", "max@example.org"), ("relationship", "brother"), ("scopes", "learning")]).await;
        assert_eq!(r.status, StatusCode::OK);
        let w = pending_invitations(&app, &p.ana.actor, ana).await.unwrap()[0].id;
        let r = b.submit("/family", &format!("/family/invitations/{w}/withdraw"), &[]).await;
        assert_eq!(r.location(), "/family?done=withdrawn");
        assert!(pending_invitations(&app, &p.ana.actor, ana).await.unwrap().is_empty());
    }
}
