//! The API description is a contract: a change to it must be deliberate. This test fails when
//! the document differs from `docs/openapi.json`; run it with `UPDATE_OPENAPI=1` to accept.

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
