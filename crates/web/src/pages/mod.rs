//! The HTML pages. Handlers are thin: read the form, call one use-case, render.

pub mod accounts;
pub mod admin;
pub mod administration;
pub mod alerts;
pub mod audit_log;
pub mod calendar;
pub mod chart;
pub mod consultations;
pub mod emergency_access;
pub mod episodes;
pub mod erasure;
pub mod export;
pub mod family;
pub mod find;
pub mod goals;
pub mod groups;
pub mod home;
pub mod homework;
pub mod intake;
pub mod jobs;
pub mod learning;
pub mod measures;
pub mod medication;
pub mod messaging;
pub mod notes;
pub mod notifications;
pub mod observations;
pub mod on_call;
pub mod plans;
pub mod public;
pub mod reminders;
pub mod reports;
pub mod sessions;
pub mod sleep;
pub mod templates;
pub mod therapists;
pub mod time;
pub mod timeline;
pub mod triage;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use rapport_app::{Actor, Error, care_teams};

use crate::error::PageError;
use crate::extract::Record;
use crate::state::AppState;
use templates::FormError;

/// Every page's route: each concept declares its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(goals::routes())
        .merge(medication::routes())
        .merge(sleep::routes())
        .merge(plans::routes())
        .merge(sessions::routes())
        .merge(notes::routes())
        .merge(accounts::routes())
        .merge(audit_log::routes())
        .merge(export::routes())
        .merge(calendar::routes())
        .merge(intake::routes())
        .merge(find::routes())
        .merge(learning::routes())
        .merge(public::routes())
        .merge(admin::routes())
        .merge(administration::routes())
        .merge(alerts::routes())
        .merge(triage::routes())
        .merge(chart::routes())
        .merge(episodes::routes())
        .merge(measures::routes())
        .merge(homework::routes())
        .merge(consultations::routes())
        .merge(groups::routes())
        .merge(family::routes())
        .merge(therapists::routes())
        .merge(observations::routes())
        .merge(reminders::routes())
        .merge(on_call::routes())
        .merge(messaging::routes())
        .route("/home", get(home::home))
        .merge(notifications::routes())
        .merge(jobs::routes())
        .merge(erasure::routes())
        .merge(emergency_access::routes())
        .merge(reports::routes())
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

/// The value of field `k` of a form read as pairs ("" when it was not sent).
pub fn field(fields: &[(String, String)], k: &str) -> String {
    fields
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
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
