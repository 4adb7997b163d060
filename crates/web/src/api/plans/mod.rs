//! The client's plans over the API: the safety plan, the relapse-prevention plan with the
//! client's own warning signs, and the treatment plan. All versioned.

pub mod relapse;
pub mod safety;
pub mod treatment;

use axum::Router;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(safety::routes())
        .merge(relapse::routes())
        .merge(treatment::routes())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SavedVersion {
    pub version: i32,
}

/// The text of section `i` of a plan, empty when the plan has no such section.
fn section(plan: &rapport_app::plans::SectionedPlan, i: usize) -> String {
    plan.steps.get(i).map(|s| s.1.clone()).unwrap_or_default()
}
