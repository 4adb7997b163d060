//! The API description is a contract: a change to it must be deliberate. This test fails when
//! the document differs from `docs/openapi.json`; run it with `UPDATE_OPENAPI=1` to accept.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn committed() -> PathBuf {
    // The package's folder as cargo gives it when the test runs, not when it was built: with a
    // build cache shared between checkouts, the binary may come from another (gone) clone.
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("../../docs/openapi.json")
}

#[test]
fn openapi_document_matches_the_committed_one() {
    let now = rapport_web::openapi_json();
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(committed(), &now).unwrap();
    }
    let before = std::fs::read_to_string(committed()).unwrap_or_default();
    assert!(
        before == now,
        "the OpenAPI document changed; review it and run `UPDATE_OPENAPI=1 cargo test -p rapport-web --test openapi`"
    );
}

// The validator below refuses a document whose operation ids repeat; this says so without it,
// naming the operations (a handler's id is its function's name unless it gives one).
#[test]
fn operation_ids_are_unique() {
    let doc: serde_json::Value = serde_json::from_str(&rapport_web::openapi_json()).unwrap();
    let mut seen = std::collections::HashMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(id) = op["operationId"].as_str() else {
                continue;
            };
            if let Some(other) = seen.insert(id.to_string(), format!("{method} {path}")) {
                panic!("operationId {id} is both {other} and {method} {path}");
            }
        }
    }
}

#[test]
fn the_contract_paths_of_design_md_are_described() {
    let doc: serde_json::Value = serde_json::from_str(&rapport_web::openapi_json()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/auth/signup",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/totp/enroll",
        "/api/v1/auth/totp/confirm",
        "/api/v1/me",
        "/api/v1/admin/care-teams",
        "/healthz",
        "/metrics",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    let login = &doc["components"]["schemas"]["LoginResponse"]["properties"];
    for f in ["token", "user", "totp_enrolment_required"] {
        assert!(login.get(f).is_some(), "LoginResponse.{f}");
    }
    let user = &doc["components"]["schemas"]["UserView"]["properties"];
    for f in ["id", "email", "name", "role"] {
        assert!(user.get(f).is_some(), "UserView.{f}");
    }
}

fn document() -> serde_json::Value {
    serde_json::from_str(&rapport_web::openapi_json()).unwrap()
}

fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((path.clone(), method.clone(), op.clone()));
        }
    }
    out
}

// Issue 11: four query parameters were declared `in: path`, which made the document invalid.
// Every path parameter is in the path template, every template variable is declared.
#[test]
fn path_parameters_are_in_the_path_and_query_parameters_in_the_query() {
    let doc = document();
    for (path, method, op) in operations(&doc) {
        let declared: Vec<&str> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for name in &declared {
            assert!(
                path.contains(&format!("{{{name}}}")),
                "{method} {path}: path parameter {name} is not in the path"
            );
        }
        for var in path
            .split('{')
            .skip(1)
            .map(|s| s.split('}').next().unwrap())
        {
            assert!(
                declared.contains(&var),
                "{method} {path}: {{{var}}} is not declared"
            );
        }
    }
    let query = |path: &str, name: &str| {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["in"]
            .clone()
    };
    assert_eq!(query("/api/v1/alerts", "status"), "query");
    assert_eq!(
        query("/api/v1/clients/{id}/measures", "instrument"),
        "query"
    );
    assert_eq!(query("/api/v1/sessions", "from"), "query");
    assert_eq!(query("/api/v1/sessions", "to"), "query");
}

// Issue 11: the words of the API as `enum`, ids as `format: uuid`, required text in requests
// with `minLength`, and the error statuses each operation can answer.
#[test]
fn words_ids_text_and_statuses_are_declared() {
    let doc = document();
    let schema = |name: &str| doc["components"]["schemas"][name]["properties"].clone();
    let words = |v: &serde_json::Value| -> Vec<String> {
        v["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("no enum in {v}"))
            .iter()
            .filter_map(|w| w.as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(
        words(&schema("MeasureResponse")["band"]),
        ["minimal", "mild", "moderate", "moderately_severe", "severe"]
    );
    let kinds = words(&schema("FlagView")["kind"]);
    for k in [
        "safety",
        "deterioration",
        "relapse",
        "not_on_track",
        "warning_signs",
        "disengagement",
        "alliance",
        "side_effects",
    ] {
        assert!(kinds.iter().any(|w| w == k), "{k}");
    }
    assert_eq!(words(&schema("FlagView")["level"]).len(), 4);
    assert_eq!(
        words(&schema("UserView")["role"]),
        ["client", "clinician", "family", "admin"]
    );
    assert_eq!(
        words(&schema("MeasureRequest")["instrument"]),
        ["phq9", "phq2", "gad7", "who5", "fibser"]
    );
    assert!(words(&schema("AlertItem")["status"]).contains(&"acknowledged".to_string()));
    assert_eq!(schema("AlertItem")["id"]["format"], "uuid");
    assert_eq!(schema("AlertItem")["client_id"]["format"], "uuid");
    assert_eq!(schema("UserView")["id"]["format"], "uuid");
    assert_eq!(schema("SignupRequest")["name"]["minLength"], 1);
    assert_eq!(schema("SignupRequest")["email"]["format"], "email");
    let status = &doc["paths"]["/api/v1/alerts"]["get"]["parameters"][0]["schema"];
    assert!(words(status).contains(&"unresolved".to_string()));

    for (path, method, op) in operations(&doc) {
        let responses = op["responses"].as_object().unwrap();
        if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
            for code in ["401", "403"] {
                assert!(responses.contains_key(code), "{method} {path} lacks {code}");
            }
        }
        if op.get("requestBody").is_some() {
            assert!(responses.contains_key("422"), "{method} {path} lacks 422");
        }
        for p in op["parameters"].as_array().into_iter().flatten() {
            if p["in"] == "path" {
                assert!(responses.contains_key("404"), "{method} {path} lacks 404");
                // An id, or one of a closed set of words (`/api/v1/instruments/{instrument}`).
                let word = p["schema"]["enum"]
                    .as_array()
                    .is_some_and(|e| !e.is_empty());
                assert!(
                    word || p["schema"]["format"] == "uuid",
                    "{method} {path}: {}",
                    p["schema"]
                );
            }
        }
    }
}

// The document is valid OpenAPI by a real validator: `openapi-spec-validator` (PyPI), which
// .ci/run installs in a virtual environment and names in RAPPORT_OPENAPI_VALIDATOR. Without
// it the test says so and passes; CI sets it, so CI always validates.
#[test]
fn a_real_validator_accepts_the_document() {
    let validator = std::env::var_os("RAPPORT_OPENAPI_VALIDATOR").map(PathBuf::from);
    let Some(validator) = validator else {
        eprintln!("skipped: set RAPPORT_OPENAPI_VALIDATOR to openapi-spec-validator to run this");
        return;
    };
    let file = std::env::temp_dir().join(format!("rapport-openapi-{}.json", std::process::id()));
    std::fs::write(&file, rapport_web::openapi_json()).unwrap();
    let out = std::process::Command::new(&validator)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", validator.display()));
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
