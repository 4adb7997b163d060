//! Triage duty (`rapport_app::triage`): a clinician on duty takes on a client who has no care
//! team.

use axum::extract::State;
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;

use super::{Page, to};
use crate::extract::{ClientId, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/clients/{id}/take-on", post(take_on))
}

#[derive(Debug, Default, Deserialize)]
pub struct TakeOnForm {
    #[serde(default)]
    back: String,
}

async fn take_on(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    ClientId(client_id): ClientId,
    Form(form): Form<TakeOnForm>,
) -> Page {
    rapport_app::triage::take_on(&state.app, &actor, client_id).await?;
    if form.back == "/alerts" {
        return to("/alerts");
    }
    to(&format!("/clients/{client_id}"))
}
