//! The client's plans, as `rapport_app::plans` keeps them: the safety plan, the plan for staying
//! well with the early warning signs, and the treatment plan. Each page is the client's own
//! (`/safety-plan`) and, for the care team, the client's (`/clients/{id}/safety-plan`).

mod relapse;
mod safety;
mod treatment;

use axum::Router;
use axum::routing::{get, post};
use rapport_core::plans::PlanSection;
use serde::Deserialize;

use super::templates::FormError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/safety-plan", get(safety::show).post(safety::save))
        .route(
            "/clients/{id}/safety-plan",
            get(safety::show).post(safety::save),
        )
        .route("/staying-well", get(relapse::show).post(relapse::save))
        .route(
            "/clients/{id}/staying-well",
            get(relapse::show).post(relapse::save),
        )
        .route(
            "/warning-signs",
            get(|| async { axum::response::Redirect::to("/staying-well#signs") })
                .post(relapse::add_sign),
        )
        .route("/warning-signs/{sign}/retire", post(relapse::retire_sign))
        .route("/clients/{id}/warning-signs", post(relapse::add_sign))
        .route(
            "/clients/{id}/warning-signs/{sign}/retire",
            post(relapse::retire_sign),
        )
        .route(
            "/treatment-plan",
            get(treatment::show).post(treatment::agree),
        )
        .route(
            "/clients/{id}/treatment-plan",
            get(treatment::show).post(treatment::save),
        )
}

/// A version of a plan of sections, as shown.
pub struct PlanView {
    pub version: i32,
    pub updated: String,
    pub written_by: String,
    pub steps: Vec<(&'static str, String)>,
}

pub struct StepField {
    pub key: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
    pub value: String,
    pub error: Option<String>,
}

/// The form fields of a plan of sections, holding `values` (what was typed, or the plan in
/// force) and the error of each.
pub fn step_fields(
    sections: &[PlanSection],
    values: &[String],
    errors: &[FormError],
) -> Vec<StepField> {
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| StepField {
            key: s.key,
            title: s.title,
            prompt: s.prompt,
            value: values.get(i).cloned().unwrap_or_default(),
            error: errors
                .iter()
                .find(|e| e.field == s.key)
                .map(|e| e.message.clone()),
        })
        .collect()
}

/// `?saved=1` after a save.
#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    pub saved: Option<String>,
}
