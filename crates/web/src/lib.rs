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
    let pages = Router::new()
        .route("/", get(pages::public::home))
        .route("/crisis", get(pages::public::crisis))
        .route(
            "/signup",
            get(pages::auth::signup_form).post(pages::auth::signup),
        )
        .route(
            "/login",
            get(pages::auth::login_form).post(pages::auth::login),
        )
        .route(
            "/login/totp",
            get(pages::auth::totp_form).post(pages::auth::totp),
        )
        .route(
            "/totp/enroll",
            get(pages::auth::enrol_form).post(pages::auth::enrol),
        )
        .route("/logout", post(pages::auth::logout))
        .route("/home", get(pages::home::home))
        .route("/account", get(pages::account::account))
        .route(
            "/account/password",
            get(pages::account::password_form).post(pages::account::change_password),
        )
        .route("/account/access-log", get(pages::account::access_log))
        .route(
            "/account/emergency-contact",
            post(pages::account::emergency_contact),
        )
        .route("/clients/{id}", get(pages::clinician::client))
        .route(
            "/measures/{instrument}",
            get(pages::measures::form).post(pages::measures::submit),
        )
        .route("/results/{id}", get(pages::measures::result))
        .route(
            "/checkin",
            get(pages::measures::checkin_form).post(pages::measures::checkin),
        )
        .route("/clients/{id}/schedule", post(pages::clinician::schedule))
        .route(
            "/safety-plan",
            get(pages::plans::own).post(pages::plans::own_save),
        )
        .route(
            "/clients/{id}/safety-plan",
            get(pages::plans::client).post(pages::plans::client_save),
        )
        .route(
            "/staying-well",
            get(pages::staying_well::own).post(pages::staying_well::own_save),
        )
        .route(
            "/clients/{id}/staying-well",
            get(pages::staying_well::client).post(pages::staying_well::client_save),
        )
        .route(
            "/warning-signs",
            get(|| async { axum::response::Redirect::to("/staying-well#signs") })
                .post(pages::staying_well::own_signs_add),
        )
        .route(
            "/warning-signs/{sign}/retire",
            post(pages::staying_well::own_signs_retire),
        )
        .route(
            "/clients/{id}/warning-signs",
            post(pages::staying_well::client_signs_add),
        )
        .route(
            "/clients/{id}/warning-signs/{sign}/retire",
            post(pages::staying_well::client_signs_retire),
        )
        .route(
            "/intake",
            get(pages::intake::form).post(pages::intake::save),
        )
        .route("/intake/autosave", post(pages::intake::autosave))
        .route(
            "/treatment-plan",
            get(pages::treatment::own).post(pages::treatment::agree),
        )
        .route(
            "/clients/{id}/treatment-plan",
            get(pages::treatment::client).post(pages::treatment::save),
        )
        .route("/learn", get(pages::learn::index))
        .route("/learn/{slug}", get(pages::learn::page))
        .route("/clients/{id}/recommend", post(pages::learn::recommend))
        .route("/clients/{id}/episode", post(pages::clinician::episode))
        .route("/goals", get(pages::goals::own).post(pages::goals::own_set))
        .route("/goals/{goal}/progress", post(pages::goals::own_progress))
        .route("/goals/{goal}/close", post(pages::goals::own_close))
        .route(
            "/clients/{id}/goals",
            get(pages::goals::client).post(pages::goals::client_set),
        )
        .route(
            "/clients/{id}/goals/{goal}/progress",
            post(pages::goals::client_progress),
        )
        .route(
            "/clients/{id}/goals/{goal}/close",
            post(pages::goals::client_close),
        )
        .route("/progress", get(pages::progress::progress))
        .route("/alerts", get(pages::alerts::inbox))
        .route("/alerts/{id}/acknowledge", post(pages::alerts::acknowledge))
        .route("/alerts/{id}/resolve", post(pages::alerts::resolve))
        .route(
            "/clients/{id}/risk-assessment",
            get(pages::alerts::risk_form).post(pages::alerts::risk),
        )
        .route("/admin/users", post(pages::admin::create_user))
        .route("/admin/care-teams", post(pages::admin::assign))
        .route("/admin/care-teams/end", post(pages::admin::end_care_team))
        .route("/admin/users/access", post(pages::admin::account_access))
        .route("/admin/triage", post(pages::admin::triage))
        .route("/clients/{id}/take-on", post(pages::alerts::take_on))
        .route("/sessions", get(pages::sessions::list))
        .route(
            "/clients/{id}/sessions/new",
            get(pages::sessions::new_form).post(pages::sessions::create),
        )
        .route("/sessions/{id}", get(pages::sessions::show))
        .route(
            "/sessions/{id}/attendance",
            post(pages::sessions::attendance),
        )
        .route(
            "/sessions/{id}/reschedule",
            post(pages::sessions::reschedule),
        )
        .route("/sessions/{id}/cancel", post(pages::sessions::cancel))
        .route(
            "/sessions/{id}/reschedule-request",
            post(pages::sessions::request_reschedule),
        )
        .route(
            "/sessions/{id}/notes/{client_id}",
            get(pages::notes::show).post(pages::notes::save),
        )
        .route(
            "/sessions/{id}/notes/{client_id}/amendments",
            post(pages::notes::amend),
        )
        .route(
            "/sessions/{id}/psychotherapy-notes/{client_id}",
            post(pages::notes::save_private),
        )
        .route(
            "/sessions/{id}/feedback",
            get(pages::feedback::form).post(pages::feedback::submit),
        )
        .route(
            "/therapist-request",
            get(pages::feedback::therapist_form).post(pages::feedback::therapist_request),
        )
        .route("/account/calendar", post(pages::calendar::create))
        .route("/account/calendar/revoke", post(pages::calendar::revoke))
        .route("/calendar/{token}", get(pages::calendar::feed));

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
        .merge(pages)
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
