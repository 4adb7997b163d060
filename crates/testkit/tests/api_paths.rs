//! The API's paths: every operation of the OpenAPI document is served by the router, every
//! API route of the router is in the document, and a path parameter that is not an id is the
//! uniform JSON `404 not_found` (what the document declares), never a 500 or a panic.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use rapport_app::accounts;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, client};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::Value;
use tower::ServiceExt;
use uuid::Uuid;

/// Values that are not ids, as a path segment: words, a number, a uuid with a bad digit, text
/// that is not ASCII, bytes that are not UTF-8.
const NOT_IDS: [&str; 5] = [
    "not-a-uuid",
    "42",
    "00000000-0000-0000-0000-00000000000g",
    "%E2%98%83",
    "%FF",
];

/// Every (METHOD, path) of the OpenAPI document.
fn documented() -> BTreeSet<(String, String)> {
    let doc: Value = serde_json::from_str(&rapport_web::openapi_json()).unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

/// Every (METHOD, path) of a `.route("…", get(…).post(…))` call in the web crate's source.
fn routed() -> BTreeSet<(String, String)> {
    fn walk(dir: &Path, out: &mut BTreeSet<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for call in text.split(".route(").skip(1) {
                    let Some(rest) = call.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let (route, handlers) = rest.split_once('"').unwrap();
                    let handlers = handlers.split(';').next().unwrap();
                    for m in ["get", "post", "put", "delete", "patch"] {
                        let called = handlers.match_indices(&format!("{m}(")).any(|(i, _)| {
                            let before = if i == 0 {
                                b' '
                            } else {
                                handlers.as_bytes()[i - 1]
                            };
                            !before.is_ascii_alphanumeric() && before != b'_'
                        });
                        if called {
                            out.insert((m.to_uppercase(), route.to_string()));
                        }
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src"),
        &mut out,
    );
    out
}

#[test]
fn the_document_and_the_router_have_the_same_api_operations() {
    let served: BTreeSet<_> = routed()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/v1/") || p == "/healthz" || p == "/metrics")
        .collect();
    let documented: BTreeSet<_> = documented()
        .into_iter()
        .filter(|(_, p)| p != "/api/openapi.json")
        .collect();
    assert!(served.len() > 50, "found only {} API routes", served.len());
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty() && unserved.is_empty(),
        "routed but not in the OpenAPI document: {undocumented:?}; documented but not routed: \
         {unserved:?}"
    );
}

async fn send(
    router: &axum::Router,
    method: &str,
    path: &str,
    token: &str,
) -> (StatusCode, String) {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let body = to_bytes(res.into_body(), 1 << 20).await.unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

both_backends! {
    async fn a_path_parameter_that_is_not_an_id_is_json_not_found(t: &TestDb) {
        let (app, _clock) = t.app();
        let router = rapport_web::router(AppState::new(
            app.clone(),
            WebConfig {
                base_url: "http://localhost".into(),
                crisis: CrisisResources::default(),
                demo_accounts: None,
            },
        ));
        client(&app, "Ana", "ana@example.org").await;
        let token = accounts::api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap()
            .token;
        let with_params: Vec<_> = documented()
            .into_iter()
            .filter(|(_, p)| p.contains('{'))
            .collect();
        assert!(with_params.len() > 30, "only {} operations with a path parameter", with_params.len());
        let mut problems = vec![];
        for (method, route) in &with_params {
            let params: Vec<&str> = route
                .split('/')
                .filter(|s| s.starts_with('{'))
                .collect();
            // Each parameter in turn is not an id; the others are ids of nothing.
            for bad in &params {
                for not_id in NOT_IDS {
                    let mut path = route.clone();
                    for p in &params {
                        let value = if p == bad { not_id.to_string() } else { Uuid::now_v7().to_string() };
                        path = path.replace(p, &value);
                    }
                    let (status, body) = send(&router, method, &path, &token).await;
                    let code = serde_json::from_str::<Value>(&body)
                        .ok()
                        .and_then(|v| v["error"]["code"].as_str().map(str::to_string));
                    if status != StatusCode::NOT_FOUND || code.as_deref() != Some("not_found") {
                        problems.push(format!("{method} {path}: {status} {body}"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{} answers are not the JSON 404:\n{}", problems.len(), problems.join("\n"));
        // Each was answered by its route (the fallback answers the same JSON for an unknown path).
        let (_, metrics) = send(&router, "GET", "/metrics", &token).await;
        for (method, route) in &with_params {
            let label = format!("method=\"{method}\",route=\"{route}\",status=\"4xx\"");
            assert!(metrics.contains(&label), "{method} {route} was not served by its route");
        }
    }
}
