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
pub mod staying_well;
pub mod templates;
pub mod treatment;

use axum::response::{IntoResponse, Response};

/// Renders a template, or the error page if rendering fails.
pub fn render<T: askama::Template>(t: T) -> Response {
    match t.render() {
        Ok(html) => axum::response::Html(html).into_response(),
        Err(e) => crate::error::PageError(rapport_app::Error::Internal(format!("template: {e}")))
            .into_response(),
    }
}

/// Renders with a status (422 for a form sent back with errors).
pub fn render_status<T: askama::Template>(status: axum::http::StatusCode, t: T) -> Response {
    let mut r = render(t);
    if r.status().is_success() {
        *r.status_mut() = status;
    }
    r
}

/// The client a page is about and its address: the signed-in client's own page (`/{page}`), or
/// a client's page for their care team (`/clients/{id}/{page}`).
pub fn own_or_client(
    actor: &rapport_app::Actor,
    id: Option<String>,
    page: &str,
) -> Result<(uuid::Uuid, String), crate::error::PageError> {
    match id.map(|s| uuid::Uuid::parse_str(&s)) {
        None => Ok((actor.user_id, format!("/{page}"))),
        Some(Ok(id)) => Ok((id, format!("/clients/{id}/{page}"))),
        Some(Err(_)) => Err(crate::error::PageError(rapport_app::Error::NotFound)),
    }
}
