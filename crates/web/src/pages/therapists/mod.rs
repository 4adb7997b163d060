//! Therapist profiles and the directory as pages: the clinician's own profile form, the
//! administrator's licence checks, and the public directory with its profile pages.

mod directory;
mod profile;
mod verify;
pub(super) mod words;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me/profile", get(profile::form).post(profile::save))
        .route("/admin/clinicians", get(verify::list))
        .route("/admin/clinicians/{id}/verify", post(verify::save))
        .route("/therapists", get(directory::search))
        .route("/therapists/{id}", get(directory::one))
}

/// A tick box, radio button or option.
pub struct Choice {
    pub value: &'static str,
    /// The words shown, in the page's language.
    pub label: String,
    pub checked: bool,
}

pub(crate) fn choices<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    chosen: &[&str],
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: word(*v),
            label: label(*v),
            checked: chosen.contains(&word(*v)),
        })
        .collect()
}
