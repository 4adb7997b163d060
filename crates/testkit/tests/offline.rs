//! The installable web app (issue 21) as the server sees it: the manifest and the service
//! worker with their headers, the offline page, the check-in form honouring an
//! `Idempotency-Key` (a check-in kept on the phone while offline is sent again until it
//! arrives, and is stored once, with the safety rules run on it as on any check-in), and
//! sign-out clearing what the browser kept.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use rapport_testkit::asserts::{encode, id};
use rapport_testkit::browser::{Browser, Reply};
use rapport_testkit::{PASSWORD, TestDb, both_backends, client};
use serde_json::Value;
use tower::ServiceExt;

/// The check-in form posted as `static/offline.js` sends a kept one: the page's token and the
/// entry's key.
async fn post_checkin(b: &mut Browser, fields: &[(&str, &str)], key: &str) -> Reply {
    let csrf = b.get("/checkin").await.csrf();
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let body = all
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let req = Request::post("/checkin")
        .header(header::COOKIE, b.cookie_header())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("idempotency-key", key)
        .body(Body::from(body))
        .unwrap();
    b.send(req).await
}

both_backends! {
    async fn the_manifest_and_the_worker_are_served_with_their_headers(t: &TestDb) {
        let mut b = Browser::new(t);
        let m = b.get("/manifest.webmanifest").await;
        assert_eq!(m.status, StatusCode::OK);
        assert_eq!(m.headers.get(header::CONTENT_TYPE).unwrap(), "application/manifest+json");
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert_eq!(v["name"], "Rapport");
        assert_eq!(v["start_url"], "/");
        assert_eq!(v["display"], "standalone");
        assert!(v["theme_color"].is_string() && v["background_color"].is_string());
        let icons = v["icons"].as_array().unwrap();
        assert!(icons.iter().any(|i| i["sizes"] == "192x192") && icons.iter().any(|i| i["sizes"] == "512x512"));
        // The icons are Rapport's own (PNG bodies are not text: read through the router).
        let router = Browser::new(t).into_router();
        for icon in icons {
            let src = icon["src"].as_str().unwrap();
            let r = router.clone().oneshot(Request::get(src).body(Body::empty()).unwrap()).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{src}");
            assert_eq!(r.headers().get(header::CONTENT_TYPE).unwrap(), icon["type"].as_str().unwrap(), "{src}");
            let body = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
            if src.ends_with(".png") {
                assert!(body.starts_with(b"\x89PNG"), "{src}");
            }
        }

        let w = b.get("/sw.js").await;
        assert_eq!(w.status, StatusCode::OK);
        assert_eq!(w.headers.get(header::CONTENT_TYPE).unwrap(), "text/javascript; charset=utf-8");
        assert_eq!(w.headers.get(header::CACHE_CONTROL).unwrap(), "no-cache");
        assert!(w.body.contains("addEventListener(\"fetch\""));
        // It keeps the three pages and nothing of the API.
        for p in ["\"/crisis\"", "\"/checkin\"", "\"/safety-plan\""] {
            assert!(w.body.contains(p), "{p}");
        }
        let csp = w.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
        assert!(csp.contains("worker-src 'self'") && csp.contains("manifest-src 'self'"), "{csp}");

        // Every page links the manifest and loads the script that registers the worker.
        let home = b.get("/").await;
        // With the session, so that a saved language reaches the manifest.
        assert!(home.body.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" crossorigin=\"use-credentials\">"));
        assert!(home.body.contains("src=\"/static/offline.js\""));
        let js = b.get("/static/offline.js").await;
        assert_eq!(js.status, StatusCode::OK);
        assert!(js.body.contains("serviceWorker.register(\"/sw.js\""));
        // Pages stay out of the browser's HTTP cache as before.
        assert_eq!(home.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");

        let offline = b.get("/offline").await;
        assert_eq!(offline.status, StatusCode::OK);
        assert!(offline.body.contains("No connection") && offline.body.contains("href=\"/crisis\""));
    }

    async fn a_check_in_sent_again_with_its_key_is_stored_once(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        let count = || t.count("checkins WHERE client_id = ?", vec![id(&ana.actor).into()]);

        let fields = [("mood", "4"), ("sleep_hours", "6"), ("medication", "taken"), ("note", "kept on the phone")];
        let first = post_checkin(&mut b, &fields, "entry-1").await;
        assert_eq!((first.status, first.location()), (StatusCode::SEE_OTHER, "/home?done=checkin"), "{}", first.body);
        // The answer was lost on the way; the phone sends it again, and again.
        for _ in 0..2 {
            let again = post_checkin(&mut b, &fields, "entry-1").await;
            assert_eq!((again.status, again.location()), (StatusCode::SEE_OTHER, "/home?done=checkin"));
        }
        assert_eq!(count().await, 1, "stored once");
        // The same key with another check-in is refused on the form, and stores nothing.
        let other = post_checkin(&mut b, &[("mood", "9"), ("sleep_hours", "8"), ("medication", "taken")], "entry-1").await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(other.body.contains("use a new key for a new request"), "{}", other.body);
        assert_eq!(count().await, 1);
        // A new entry has a new key; without a key the form works as it always did.
        post_checkin(&mut b, &[("mood", "5"), ("sleep_hours", "7"), ("medication", "taken")], "entry-2").await;
        let plain = b.submit("/checkin", "/checkin", &[("mood", "6"), ("sleep_hours", "7"), ("medication", "taken")]).await;
        assert_eq!(plain.location(), "/home?done=checkin");
        assert_eq!(count().await, 3);
    }

    async fn a_kept_check_in_saying_yes_raises_the_safety_flag_once(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        let fields = [("mood", "2"), ("sleep_hours", "4"), ("medication", "taken"), ("self_harm", "yes")];
        let r = post_checkin(&mut b, &fields, "yes-1").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("tel:988") && r.body.contains("Your check-in is saved"));
        let again = post_checkin(&mut b, &fields, "yes-1").await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(again.body.contains("tel:988"), "the crisis help is shown again with the replay");
        let who = id(&ana.actor);
        assert_eq!(t.count("checkins WHERE client_id = ?", vec![who.into()]).await, 1);
        let flags = t.texts("SELECT level FROM flags WHERE client_id = ? AND kind = 'safety'", vec![who.into()]).await;
        assert_eq!(flags, [Some("critical".to_string())], "one critical safety flag");
    }

    async fn sign_out_clears_what_the_browser_kept(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let _ = client(&app, "Ana Ruiz", "ana@example.org").await;
        b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        let page = b.get("/safety-plan").await;
        assert_eq!(page.status, StatusCode::OK);
        let who = page.body.split("data-who=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert!(!who.is_empty(), "the page says whose it is");
        let csrf = page.csrf();
        let r = b.post_form("/logout", &[("csrf", &csrf)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.headers.get("clear-site-data").unwrap(), "\"cache\", \"storage\"");
        let login = b.get("/login").await;
        assert!(login.body.contains("data-who=\"\""), "nobody's");
    }
}
