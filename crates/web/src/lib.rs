//! Rapport's HTTP face: server-rendered pages, the JSON API under `/api/v1`, the OpenAPI
//! document, and the middleware every response passes through.

mod api;
mod assets;
mod calendar;
mod charts;
mod crisis;
mod error;
mod extract;
mod messages;
mod metrics;
mod middleware;
mod pages;
pub mod proxies;
mod serve;
mod state;

use std::sync::Arc;

use axum::Router;
use axum::routing::{delete, get, post};

pub use crisis::{CrisisLine, CrisisResources};
pub use metrics::Metrics;
pub use proxies::TrustedProxies;
pub use serve::{Limits, serve_with_limits};
pub use state::{AppState, DemoAccount, WebConfig};

/// Every route of the server, wrapped in its middleware.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/auth/signup", post(api::auth::signup))
        .route("/api/v1/auth/login", post(api::auth::login))
        .route("/api/v1/auth/logout", post(api::auth::logout))
        .route("/api/v1/auth/totp/enroll", post(api::auth::totp_enroll))
        .route("/api/v1/auth/totp/confirm", post(api::auth::totp_confirm))
        .route("/api/v1/me", get(api::me::me))
        .route(
            "/api/v1/admin/care-teams",
            post(api::admin::assign_care_team),
        )
        .route(
            "/api/v1/admin/care-teams/{client_id}/{clinician_id}",
            delete(api::admin::end_care_team),
        )
        .route(
            "/api/v1/admin/users/{id}/disable",
            post(api::admin::disable_user),
        )
        .route(
            "/api/v1/admin/users/{id}/enable",
            post(api::admin::enable_user),
        )
        .route(
            "/api/v1/admin/triage",
            get(api::triage::get_duty).put(api::triage::set_duty),
        )
        .route("/api/v1/clients/{id}/take-on", post(api::triage::take_on))
        .route("/api/v1/measures", post(api::measures::submit))
        .route("/api/v1/checkins", post(api::measures::checkin))
        .route("/api/v1/clients/{id}/measures", get(api::measures::series))
        .route("/api/v1/clients/{id}/fhir", get(api::measures::fhir))
        .route(
            "/api/v1/clients/{id}/safety-plan",
            get(api::plans::safety_plan).put(api::plans::save_safety_plan),
        )
        .route("/api/v1/caseload", get(api::alerts::caseload))
        .route("/api/v1/alerts", get(api::alerts::list))
        .route(
            "/api/v1/alerts/{id}/acknowledge",
            post(api::alerts::acknowledge),
        )
        .route("/api/v1/alerts/{id}/resolve", post(api::alerts::resolve))
        .route(
            "/api/v1/clients/{id}/episode",
            post(api::plans::change_episode),
        )
        .route(
            "/api/v1/clients/{id}/warning-signs",
            get(api::plans::warning_signs).post(api::plans::add_warning_sign),
        )
        .route(
            "/api/v1/clients/{id}/recommendations",
            post(api::plans::recommend),
        )
        .route(
            "/api/v1/clients/{id}/goals",
            get(api::plans::goals).post(api::plans::set_goal),
        )
        .route(
            "/api/v1/goals/{id}/progress",
            post(api::plans::goal_progress),
        )
        .route("/api/v1/goals/{id}/close", post(api::plans::close_goal))
        .route(
            "/api/v1/clients/{id}/intake",
            get(api::intake::intake).put(api::intake::save_intake),
        )
        .route(
            "/api/v1/clients/{id}/treatment-plan",
            get(api::treatment::treatment_plan).put(api::treatment::save_treatment_plan),
        )
        .route(
            "/api/v1/clients/{id}/treatment-plan/agree",
            post(api::treatment::agree),
        )
        .route(
            "/api/v1/clients/{id}/relapse-plan",
            get(api::treatment::relapse_plan).put(api::treatment::save_relapse_plan),
        )
        .route(
            "/api/v1/sessions",
            get(api::sessions::my_sessions).post(api::sessions::schedule),
        )
        .route(
            "/api/v1/clients/{id}/sessions",
            get(api::sessions::client_sessions),
        )
        .route(
            "/api/v1/sessions/{id}/reschedule",
            post(api::sessions::reschedule),
        )
        .route("/api/v1/sessions/{id}", get(api::sessions::session))
        .route("/api/v1/sessions/{id}/cancel", post(api::sessions::cancel))
        .route(
            "/api/v1/sessions/{id}/reschedule-request",
            post(api::sessions::request_reschedule),
        )
        .route(
            "/api/v1/sessions/{id}/attendance",
            post(api::sessions::attendance),
        )
        .route(
            "/api/v1/sessions/{id}/feedback",
            post(api::sessions::feedback),
        )
        .route(
            "/api/v1/clients/{id}/feedback",
            get(api::sessions::feedback_series),
        )
        .route(
            "/api/v1/sessions/{id}/notes/{client_id}",
            get(api::sessions::note).put(api::sessions::save_note),
        )
        .route(
            "/api/v1/sessions/{id}/notes/{client_id}/amendments",
            post(api::sessions::amend),
        )
        .route(
            "/api/v1/sessions/{id}/psychotherapy-notes/{client_id}",
            get(api::sessions::psychotherapy_note).put(api::sessions::save_psychotherapy_note),
        )
        .route(
            "/api/v1/calendar-feed",
            post(api::sessions::new_calendar_feed).delete(api::sessions::revoke_calendar_feed),
        )
        .route(
            "/api/v1/therapist-requests",
            post(api::sessions::request_therapist),
        )
        .route("/api/openapi.json", get(api::openapi::document));

    let metrics = state.metrics.clone();
    Router::new()
        .merge(pages::routes())
        .merge(api)
        .route("/static/{file}", get(assets::serve))
        .route("/healthz", get(api::health::healthz))
        .route("/metrics", get(api::health::metrics))
        .fallback(pages::public::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::csrf::protect,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&metrics),
            metrics::record,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers::apply,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            extract::resolve_address,
        ))
        .with_state(state)
}

/// Serves the router on `listener` until `shutdown` completes, then lets requests in flight
/// finish for at most 5 seconds. Headers must arrive within 10 seconds and a request be
/// answered within 30 ([`Limits`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with_limits(listener, router(state), shutdown, Limits::default()).await
}

/// The OpenAPI document served at `/api/openapi.json`, pretty-printed.
pub fn openapi_json() -> String {
    api::openapi::pretty()
}
