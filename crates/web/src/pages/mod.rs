//! The HTML pages. Handlers are thin: read the form, call one use-case, render.

pub mod account;
pub mod admin;
pub mod alerts;
pub mod auth;
pub mod calendar;
pub mod clinician;
pub mod feedback;
pub mod goals;
pub mod home;
pub mod intake;
pub mod learn;
pub mod measures;
pub mod notes;
pub mod plans;
pub mod progress;
pub mod public;
pub mod sessions;
pub mod templates;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use rapport_app::{Actor, Error, care_teams};

use crate::error::PageError;
use crate::extract::Record;
use crate::state::AppState;
use templates::FormError;

/// Every page's route: each concept declares its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(goals::routes())
        .merge(plans::routes())
        .route("/", get(public::home))
        .route("/crisis", get(public::crisis))
        .route("/signup", get(auth::signup_form).post(auth::signup))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/login/totp", get(auth::totp_form).post(auth::totp))
        .route("/totp/enroll", get(auth::enrol_form).post(auth::enrol))
        .route("/logout", post(auth::logout))
        .route("/home", get(home::home))
        .route("/account", get(account::account))
        .route(
            "/account/password",
            get(account::password_form).post(account::change_password),
        )
        .route("/account/access-log", get(account::access_log))
        .route(
            "/account/emergency-contact",
            post(account::emergency_contact),
        )
        .route("/clients/{id}", get(clinician::client))
        .route(
            "/measures/{instrument}",
            get(measures::form).post(measures::submit),
        )
        .route("/results/{id}", get(measures::result))
        .route(
            "/checkin",
            get(measures::checkin_form).post(measures::checkin),
        )
        .route("/clients/{id}/schedule", post(clinician::schedule))
        .route("/intake", get(intake::form).post(intake::save))
        .route("/intake/autosave", post(intake::autosave))
        .route("/learn", get(learn::index))
        .route("/learn/{slug}", get(learn::page))
        .route("/clients/{id}/recommend", post(learn::recommend))
        .route("/clients/{id}/episode", post(clinician::episode))
        .route("/progress", get(progress::progress))
        .route("/alerts", get(alerts::inbox))
        .route("/alerts/{id}/acknowledge", post(alerts::acknowledge))
        .route("/alerts/{id}/resolve", post(alerts::resolve))
        .route(
            "/clients/{id}/risk-assessment",
            get(alerts::risk_form).post(alerts::risk),
        )
        .route("/admin/users", post(admin::create_user))
        .route("/admin/care-teams", post(admin::assign))
        .route("/admin/care-teams/end", post(admin::end_care_team))
        .route("/admin/users/access", post(admin::account_access))
        .route("/admin/triage", post(admin::triage))
        .route("/clients/{id}/take-on", post(alerts::take_on))
        .route("/sessions", get(sessions::list))
        .route(
            "/clients/{id}/sessions/new",
            get(sessions::new_form).post(sessions::create),
        )
        .route("/sessions/{id}", get(sessions::show))
        .route("/sessions/{id}/attendance", post(sessions::attendance))
        .route("/sessions/{id}/reschedule", post(sessions::reschedule))
        .route("/sessions/{id}/cancel", post(sessions::cancel))
        .route(
            "/sessions/{id}/reschedule-request",
            post(sessions::request_reschedule),
        )
        .route(
            "/sessions/{id}/notes/{client_id}",
            get(notes::show).post(notes::save),
        )
        .route(
            "/sessions/{id}/notes/{client_id}/amendments",
            post(notes::amend),
        )
        .route(
            "/sessions/{id}/psychotherapy-notes/{client_id}",
            post(notes::save_private),
        )
        .route(
            "/sessions/{id}/feedback",
            get(feedback::form).post(feedback::submit),
        )
        .route(
            "/therapist-request",
            get(feedback::therapist_form).post(feedback::therapist_request),
        )
        .route("/account/calendar", post(calendar::create))
        .route("/account/calendar/revoke", post(calendar::revoke))
        .route("/calendar/{token}", get(calendar::feed))
}

/// What a page handler answers: the page (or a redirect), or an error page.
pub type Page = Result<Response, PageError>;

/// Renders a template.
pub fn render<T: askama::Template>(t: T) -> Page {
    t.render()
        .map(|html| axum::response::Html(html).into_response())
        .map_err(|e| PageError(Error::Internal(format!("template: {e}"))))
}

/// Renders with a status (422 for a form sent back with errors).
pub fn render_status<T: askama::Template>(status: StatusCode, t: T) -> Page {
    let mut r = render(t)?;
    *r.status_mut() = status;
    Ok(r)
}

/// A redirect after a form.
pub fn to(address: &str) -> Page {
    Ok(Redirect::to(address).into_response())
}

/// A use-case's refusal of what was typed, to show on the form; any other error is the error
/// page.
pub fn invalid(e: Error) -> Result<FormError, PageError> {
    match e {
        Error::Invalid { field, message } => Ok(FormError::new(field, message)),
        e => Err(PageError(e)),
    }
}

/// Like [`invalid`], and a conflict (a stale or parallel change) is shown on `field`.
pub fn invalid_or_conflict(e: Error, field: &str) -> Result<FormError, PageError> {
    match e {
        Error::Conflict(message) => Ok(FormError::new(field, message)),
        e => invalid(e),
    }
}

/// The name of the client whose record it is (the reader's own, or from the care team's view).
pub async fn client_name(
    state: &AppState,
    actor: &Actor,
    record: &Record,
) -> Result<String, Error> {
    if record.own {
        return Ok(actor.name.clone());
    }
    Ok(
        care_teams::client_record(&state.app, actor, record.client_id)
            .await?
            .name,
    )
}

/// The helpers of the handlers not yet written with [`Page`].
pub mod legacy {
    use axum::response::{IntoResponse, Response};

    /// Renders a template, or the error page if rendering fails.
    pub fn render<T: askama::Template>(t: T) -> Response {
        super::render(t).unwrap_or_else(IntoResponse::into_response)
    }

    /// Renders with a status (422 for a form sent back with errors).
    pub fn render_status<T: askama::Template>(status: axum::http::StatusCode, t: T) -> Response {
        super::render_status(status, t).unwrap_or_else(IntoResponse::into_response)
    }
}
