//! Property tests of every parser of outside input that sits behind the router: the JSON body
//! of every API operation (arbitrary bytes, arbitrary JSON, and objects with the operation's
//! own field names holding arbitrary values), query strings, ids in paths (any string), and
//! the form bodies of every page that takes a POST. Whatever arrives, the server answers, and
//! never with a 5xx; what is not a JSON object is refused with a 4xx and the API's JSON error.
//!
//! The operations are read from the OpenAPI document and the page routes from the web crate's
//! source, so a new one is fuzzed without anyone adding it here. SQLite only: the parsers are
//! the same on both databases. Short runs by default (proptest's 256 cases a test); long runs
//! by hand with `PROPTEST_CASES=100000` (RELIABILITY.md).

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rapport_app::accounts::{self, totp};
use rapport_app::care_teams::assign;
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::asserts::encode;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, client, staff};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

const CSRF: &str = "fuzz-parsers-csrf-token-fuzz-parsers-csrf-token";

/// One person to send requests as: an API token and a page session.
struct Person {
    token: String,
    cookie: String,
}

struct World {
    _t: TestDb,
    router: axum::Router,
    people: Vec<Person>,
    /// Ids that name real things (the client, the clinician), so that some requests get past
    /// the lookup to the body.
    ids: Vec<Uuid>,
}

async fn world() -> World {
    let t = TestDb::sqlite().await;
    let (app, clock) = t.app();
    let router = rapport_web::router(AppState::new(
        rapport_app::App::new(t.db.clone(), clock.clone(), rapport_app::Config::default()),
        WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        },
    ));
    let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
    let lena = staff(&app, Role::Clinician, "Lena Park", "lena@clinic.example").await;
    let ana = client(&app, "Ana Lind", "ana@example.org").await;
    assign(
        &app,
        &admin.actor,
        ana.actor.user_id,
        lena.actor.user_id,
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
    let mut people = Vec::new();
    for (email, secret, cookie) in [
        (&ana.email, None, &ana.session),
        (&lena.email, Some(&lena.totp_secret), &lena.session),
        (&admin.email, Some(&admin.totp_secret), &admin.session),
    ] {
        clock.advance(chrono::Duration::seconds(30));
        let code = secret.map(|s| totp::code_at(s, app.now()).unwrap());
        let login = accounts::api_login(&app, email, PASSWORD, code.as_deref(), ADDRESS)
            .await
            .unwrap();
        people.push(Person {
            token: login.token,
            cookie: cookie.clone(),
        });
    }
    World {
        _t: t,
        router,
        people,
        ids: vec![ana.actor.user_id, lena.actor.user_id, Uuid::nil()],
    }
}

/// An API operation of the OpenAPI document.
#[derive(Debug, Clone)]
struct Operation {
    method: String,
    path: String,
    /// The request body's field names (empty when it takes no body).
    fields: Vec<String>,
    has_body: bool,
    query: Vec<String>,
}

fn operations() -> Vec<Operation> {
    let doc: Value = serde_json::from_str(&rapport_web::openapi_json()).unwrap();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let schema = op.pointer("/requestBody/content/application~1json/schema");
            let schema = match schema.and_then(|s| s["$ref"].as_str()) {
                Some(r) => doc.pointer(r.trim_start_matches('#')).cloned(),
                None => schema.cloned(),
            };
            let fields = schema
                .as_ref()
                .and_then(|s| s["properties"].as_object())
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            let query = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_string))
                .collect();
            out.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                fields,
                has_body: op.get("requestBody").is_some(),
                query,
            });
        }
    }
    // Signing out would end the person's token for every later case.
    out.retain(|o| o.path != "/api/v1/auth/logout");
    assert!(
        out.len() > 100,
        "the document lists {} operations",
        out.len()
    );
    out
}

/// Every `.route("…", post(…))` of the pages, read from the web crate's source.
fn page_posts() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let mut rest = text.as_str();
                while let Some(at) = rest.find(".route(") {
                    rest = &rest[at + ".route(".len()..];
                    let Some(open) = rest.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let Some(close) = open.find('"') else {
                        continue;
                    };
                    let after = &open[close + 1..];
                    let end = [after.find(".route("), after.find(';')]
                        .into_iter()
                        .flatten()
                        .min()
                        .unwrap_or(after.len());
                    if after[..end].contains("post(") && !open[..close].starts_with("/api/") {
                        out.push(open[..close].to_string());
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src/pages"),
        &mut out,
    );
    // Signing out would end the person's session for every later case.
    out.retain(|p| p != "/logout");
    out.sort();
    out.dedup();
    assert!(out.len() > 30, "found only {} page forms", out.len());
    out
}

/// `path` with each `{param}` replaced by `fill(i)`.
fn filled(path: &str, mut fill: impl FnMut(usize) -> String) -> String {
    let mut out = String::new();
    let mut n = 0;
    for (i, piece) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if piece.starts_with('{') && piece.ends_with('}') {
            out.push_str(&fill(n));
            n += 1;
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// Any JSON value, nested a little, with the strings and numbers that trip parsers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        Just(json!(1e300)),
        Just(json!(-0.0)),
        Just(json!(2.5)),
        ".*".prop_map(Value::from),
        "[0-9a-f-]{36}".prop_map(Value::from),
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?)?".prop_map(Value::from),
        "[a-z_]{1,20}".prop_map(Value::from),
        Just(Value::from(Uuid::nil().to_string())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body: raw bytes, any JSON value, or an object with the operation's own field names.
#[derive(Debug, Clone)]
enum Sent {
    Bytes(Vec<u8>),
    Json(Value),
    Fields(Vec<(usize, Value)>),
}

fn any_body() -> impl Strategy<Value = Sent> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..256).prop_map(Sent::Bytes),
        1 => "[{}\\[\\]\":,0-9a-z \\\\]{0,64}".prop_map(|s| Sent::Bytes(s.into_bytes())),
        2 => any_json().prop_map(Sent::Json),
        6 => prop::collection::vec((0usize..64, any_json()), 0..10).prop_map(Sent::Fields),
    ]
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

fn send(rt: &tokio::runtime::Runtime, router: &axum::Router, req: Request<Body>) -> Answer {
    rt.block_on(async {
        let resp = router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let content_type = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = to_bytes(resp.into_body(), 1 << 23).await.unwrap();
        Answer {
            status,
            content_type,
            body: body.to_vec(),
        }
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// proptest's configuration (`PROPTEST_CASES` and the rest from the environment), without
/// files of failed cases: a failure prints its case, and the fix keeps it as a test.
fn runner() -> TestRunner {
    TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn api_bodies_are_answered_never_with_a_server_error() {
    let rt = runtime();
    let w = rt.block_on(world());
    let ops: Vec<Operation> = operations().into_iter().filter(|o| o.has_body).collect();
    let strategy = (0..ops.len(), 0..w.people.len(), 0..w.ids.len(), any_body());
    runner()
        .run(&strategy, |(op, who, id, sent)| {
            let op = &ops[op];
            let path = filled(&op.path, |_| w.ids[id].to_string());
            let (bytes, is_object) = match &sent {
                Sent::Bytes(b) => (
                    b.clone(),
                    serde_json::from_slice::<Value>(b).is_ok_and(|v| v.is_object()),
                ),
                Sent::Json(v) => (v.to_string().into_bytes(), v.is_object()),
                Sent::Fields(fields) => {
                    let mut map = serde_json::Map::new();
                    for (i, v) in fields {
                        let name = op
                            .fields
                            .get(i % op.fields.len().max(1))
                            .cloned()
                            .unwrap_or_else(|| format!("f{i}"));
                        map.insert(name, v.clone());
                    }
                    (Value::Object(map).to_string().into_bytes(), true)
                }
            };
            let req = Request::builder()
                .method(op.method.as_str())
                .uri(&path)
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", w.people[who].token),
                )
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(bytes))
                .unwrap();
            let a = send(&rt, &w.router, req);
            prop_assert!(
                !a.status.is_server_error(),
                "{} {path}: {}",
                op.method,
                a.status
            );
            if !is_object {
                prop_assert!(
                    a.status.is_client_error(),
                    "{} {path}: a body that is not a JSON object got {}",
                    op.method,
                    a.status
                );
            }
            if a.status.is_client_error() && a.status != StatusCode::NOT_FOUND {
                let v: Value = serde_json::from_slice(&a.body).unwrap_or(Value::Null);
                prop_assert!(
                    v["error"]["code"].is_string(),
                    "{} {path}: {} without the API's JSON error",
                    op.method,
                    a.status
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn api_queries_and_path_ids_are_answered_never_with_a_server_error() {
    let rt = runtime();
    let w = rt.block_on(world());
    let ops = operations();
    let strategy = (
        0..ops.len(),
        0..w.people.len(),
        prop::collection::vec(".{0,40}", 1..4),
        prop::collection::vec((0usize..8, ".{0,30}"), 0..4),
    );
    runner()
        .run(&strategy, |(op, who, ids, query)| {
            let op = &ops[op];
            let path = filled(&op.path, |n| encode(&ids[n % ids.len()]));
            let query: Vec<String> = query
                .iter()
                .map(|(i, v)| {
                    let name = op
                        .query
                        .get(i % op.query.len().max(1))
                        .map_or("q", String::as_str);
                    format!("{}={}", encode(name), encode(v))
                })
                .collect();
            let uri = if query.is_empty() {
                path.clone()
            } else {
                format!("{path}?{}", query.join("&"))
            };
            let req = Request::builder()
                .method(op.method.as_str())
                .uri(&uri)
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", w.people[who].token),
                )
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(if op.has_body { "{}" } else { "" }))
                .unwrap();
            let a = send(&rt, &w.router, req);
            prop_assert!(
                !a.status.is_server_error(),
                "{} {uri}: {}",
                op.method,
                a.status
            );
            // An id that is not one (any string but a UUID) names nothing.
            let not_ids = op.path.contains('{') && ids.iter().all(|s| Uuid::parse_str(s).is_err());
            if not_ids {
                prop_assert!(
                    a.status.is_client_error(),
                    "{} {uri}: {} for an id that is not one",
                    op.method,
                    a.status
                );
                if ids.iter().all(|s| !s.is_empty()) {
                    prop_assert!(a.content_type.starts_with("application/json"), "{uri}");
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn page_forms_are_answered_never_with_a_server_error() {
    let rt = runtime();
    let w = rt.block_on(world());
    let forms = page_posts();
    let names = prop_oneof![
        "[a-z_]{1,16}",
        Just("csrf".to_string()),
        Just("name".to_string()),
        Just("email".to_string()),
        Just("password".to_string()),
        Just("client_id".to_string()),
        Just("starts_at_local".to_string()),
        Just("text".to_string()),
        Just("version".to_string()),
    ];
    let strategy = (
        0..forms.len(),
        0..w.people.len(),
        0..w.ids.len(),
        prop::collection::vec((names, ".{0,40}"), 0..8),
        prop::option::weighted(0.1, prop::collection::vec(any::<u8>(), 0..200)),
    );
    runner()
        .run(&strategy, |(form, who, id, fields, raw)| {
            let path = filled(&forms[form], |_| w.ids[id].to_string());
            let body = match raw {
                Some(bytes) => {
                    let mut b = format!("csrf={CSRF}&").into_bytes();
                    b.extend(bytes);
                    b
                }
                None => std::iter::once(format!("csrf={CSRF}"))
                    .chain(
                        fields
                            .iter()
                            .map(|(k, v)| format!("{}={}", encode(k), encode(v))),
                    )
                    .collect::<Vec<_>>()
                    .join("&")
                    .into_bytes(),
            };
            let cookie = format!(
                "rapport_csrf={CSRF}; rapport_session={}",
                w.people[who].cookie
            );
            let req = Request::post(&path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap();
            let a = send(&rt, &w.router, req);
            prop_assert!(!a.status.is_server_error(), "POST {path}: {}", a.status);
            Ok(())
        })
        .unwrap();
}

// A second factor typed at sign-in: any text is refused unless, without its spaces, it is the
// code of the present 30-second step or one next to it.
#[test]
fn totp_codes_are_accepted_only_when_right() {
    let secret = totp::new_secret();
    let strategy = (
        prop_oneof![".{0,12}", "[0-9 ]{0,10}", "[0-9]{6}"],
        100i64..4_000_000_000,
    );
    runner()
        .run(&strategy, |(code, at)| {
            let now = chrono::DateTime::from_timestamp(at, 0).unwrap();
            let step = totp::check(&secret, &code, now, 0).unwrap();
            let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            let right = [-30, 0, 30].iter().any(|d| {
                let then = now + chrono::Duration::seconds(*d);
                totp::code_at(&secret, then).unwrap() == typed
            });
            prop_assert_eq!(step.is_some(), right, "{:?}", code);
            Ok(())
        })
        .unwrap();
}
