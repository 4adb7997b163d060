//! A new client's first minutes (issue 23, item 12): a sign-up sent back keeps everything
//! typed but the password, and says why; the home page then shows one next step at a time —
//! the intake until it is sent, then one questionnaire ("1 of 4").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use rapport_testkit::asserts::encode;
use rapport_testkit::{PASSWORD, TestDb, both_backends};
use rapport_web::{AppState, CrisisResources, WebConfig};
use tower::ServiceExt;

/// A browser: keeps cookies, sends requests through the router.
struct Browser {
    router: axum::Router,
    cookies: HashMap<String, String>,
}

impl Browser {
    fn new(t: &TestDb) -> Browser {
        let (app, _) = t.app();
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        Browser {
            router: rapport_web::router(AppState::new(app, web)),
            cookies: HashMap::new(),
        }
    }

    async fn send(&mut self, req: Request<Body>) -> (StatusCode, String) {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        for v in resp.headers().get_all(header::SET_COOKIE) {
            let text = v.to_str().unwrap();
            let pair = text.split(';').next().unwrap_or(text);
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.insert(name.to_string(), value.to_string());
        }
        let status = resp.status();
        let body = to_bytes(resp.into_body(), 1 << 22).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn get(&mut self, path: &str) -> (StatusCode, String) {
        let req = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// Posts the form of the page `page` (with its CSRF token) to `action`.
    async fn submit(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let (_, body) = self.get(page).await;
        let at = body.find("name=\"csrf\" value=\"").expect("a form") + 19;
        let csrf = body[at..].split('"').next().unwrap().to_string();
        let body = std::iter::once(("csrf", csrf.as_str()))
            .chain(fields.iter().copied())
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let req = Request::post(action)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// The `value` of the input named `name` on the page.
fn value_of<'a>(body: &'a str, name: &str) -> &'a str {
    let at = body
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no input {name}"));
    let tag = &body[at..at + body[at..].find('>').unwrap()];
    tag.split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap_or("")
}

/// The part of the home page that asks for the next step.
fn next_step(home: &str) -> &str {
    let at = home
        .find("id=\"next-step\"")
        .expect("a next step on the home page");
    let end = at
        + home[at..]
            .find("</section>")
            .expect("the end of the next step");
    &home[at..end]
}

/// The addresses linked from a piece of a page.
fn links(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|l| l.split('"').next())
        .collect()
}

both_backends! {
    async fn a_sign_up_sent_back_keeps_all_but_the_password_and_says_so(t: &TestDb) {
        let mut b = Browser::new(t);
        let typed = [("name", "Wren Albers"), ("email", "wren@example.org"), ("password", PASSWORD), ("timezone", "Asia/Kolkata")];
        // The agreement left unticked.
        let (status, page) = b.submit("/signup", "/signup", &typed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(value_of(&page, "name"), "Wren Albers");
        assert_eq!(value_of(&page, "email"), "wren@example.org");
        assert_eq!(value_of(&page, "timezone"), "Asia/Kolkata");
        assert_eq!(value_of(&page, "password"), "", "the password is never sent back");
        assert!(!page.contains(PASSWORD));
        assert!(page.contains("for your safety, type your password again"), "nothing says why the password is empty");
        // A password too short: the same.
        let (status, page) = b.submit("/signup", "/signup", &[("name", "Wren Albers"), ("email", "wren@example.org"), ("password", "short"), ("consent", "yes")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(value_of(&page, "email"), "wren@example.org");
        assert!(page.contains("for your safety, type your password again"));
        // A first visit says nothing of the kind.
        let (_, fresh) = b.get("/signup").await;
        assert!(!fresh.contains("type your password again"));
    }

    async fn a_new_client_is_asked_for_one_thing_at_a_time(t: &TestDb) {
        let mut b = Browser::new(t);
        let (status, _) = b.submit("/signup", "/signup", &[("name", "Wren Albers"), ("email", "wren@example.org"), ("password", PASSWORD), ("consent", "yes")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        // The intake first, and no questionnaire yet.
        let (_, home) = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/intake"]);
        assert!(!home.contains("href=\"/measures/"), "questionnaires before the intake");
        assert!(home.contains("About you (intake)</a> <span class=\"muted\">· not started yet"), "the intake stays under the plans");

        // A draft: still the intake, to carry on.
        let (status, _) = b.submit("/intake", "/intake", &[("reason", "Low since the move"), ("action", "save")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, home) = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/intake"]);
        assert!(next_step(&home).contains("Carry on"));

        // Sent: one questionnaire at a time, the first of today's four.
        let (status, _) = b.submit("/intake", "/intake", &[("reason", "Low since the move"), ("had_therapy", "no"), ("wants", "To see friends again"), ("action", "send")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, home) = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/measures/phq9"]);
        assert!(next_step(&home).contains("1 of 4"), "{}", next_step(&home));
        assert_eq!(home.matches("href=\"/measures/").count(), 1, "one questionnaire at a time");

        // Answered: the next one, and the first ticked.
        let answers: Vec<(String, String)> = (0..9).map(|i| (format!("answers[{i}]"), "1".to_string())).chain([("difficulty".to_string(), "1".to_string())]).collect();
        let fields: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _) = b.submit("/measures/phq9", "/measures/phq9", &fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, home) = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/measures/gad7"]);
        assert!(next_step(&home).contains("2 of 4") && next_step(&home).contains("✓ PHQ-9"), "{}", next_step(&home));
    }
}
