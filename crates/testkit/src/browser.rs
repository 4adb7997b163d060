//! A browser and an API client in one, through the real router (every middleware) without a
//! socket: it keeps cookies, posts forms with the page's CSRF token, and sends JSON with a
//! bearer token.
//!
//! ```text
//! let mut b = Browser::new(t);
//! let r = b.submit("/signup", "/signup", &[("name", "Wren"), …]).await;
//! assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/home"));
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use rapport_app::App;
use rapport_app::clock::ManualClock;
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::Value;
use tower::ServiceExt;

use crate::TestDb;
use crate::asserts::encode;

/// The largest body a test reads (the longest page, a chart with a year of timeline, is well
/// under it).
const MAX_BODY: usize = 1 << 22;

pub struct Browser {
    router: axum::Router,
    /// By name: a test may sign in by setting `rapport_session` itself.
    pub cookies: HashMap<String, String>,
    /// The clock of the app behind the router.
    pub clock: Arc<ManualClock>,
}

/// An answer: its status, headers and body as text.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// Where a redirect leads ("" when it is not one).
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The CSRF token of the first form on the page.
    pub fn csrf(&self) -> String {
        let at =
            self.body.find("name=\"csrf\" value=\"").unwrap_or_else(|| {
                panic!("no form with a CSRF token: {} {}", self.status, self.body)
            }) + 19;
        self.body[at..].split('"').next().unwrap().to_string()
    }
}

impl Browser {
    /// A browser on a fresh app over `t`'s database, signed in as nobody.
    pub fn new(t: &TestDb) -> Browser {
        let (app, clock) = t.app();
        Browser::over(app, clock)
    }

    /// A browser on `app`, whose clock is `clock`, signed in as nobody.
    pub fn over(app: App, clock: Arc<ManualClock>) -> Browser {
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        Browser {
            router: rapport_web::router(AppState::new(app, web)),
            cookies: HashMap::new(),
            clock,
        }
    }

    /// The router, to serve on a real socket.
    pub fn into_router(self) -> axum::Router {
        self.router
    }

    /// An app on the same database and clock as the router's, to set people up through the
    /// use-cases.
    pub fn app(&self, t: &TestDb) -> App {
        App::new(
            t.db.clone(),
            self.clock.clone(),
            rapport_app::Config::default(),
        )
    }

    pub async fn send(&mut self, req: Request<Body>) -> Reply {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        for v in resp.headers().get_all(header::SET_COOKIE) {
            let text = v.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") || value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = to_bytes(resp.into_body(), MAX_BODY).await.unwrap();
        Reply {
            status,
            headers,
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }

    /// The `Cookie` header the browser sends.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        let req = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// Posts `fields` form-encoded, as they are (no token is added).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let req = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// GETs the page with the form, then posts `fields` to `action` with the page's token.
    pub async fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.get(page).await.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all).await
    }

    /// Posts the sign-in form with `email` and the test kit's password (staff are then sent
    /// on to `/login/totp`).
    pub async fn log_in(&mut self, email: &str) -> Reply {
        let fields = [("email", email), ("password", crate::PASSWORD)];
        self.submit("/login", "/login", &fields).await
    }

    /// A JSON API request, with a bearer token when given.
    pub async fn api(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }
}

/// One JSON request through `router` (with a bearer token when given): the status and the body
/// (`Null` when it is not JSON).
pub async fn api_call(
    router: &axum::Router,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .expect("a request");
    let resp = router
        .clone()
        .oneshot(req)
        .await
        .expect("the router answers");
    let status = resp.status();
    let bytes = to_bytes(resp.into_body(), 1 << 22).await.expect("the body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}
