//! The client's episode of care (`rapport_app::episodes`): start, discharge to maintenance,
//! close or re-open it, from the chart.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Form, Router};
use rapport_app::Error;
use serde::Deserialize;

use super::templates::Layout;
use super::{Page, render_status, to};
use crate::extract::{ClientId, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/clients/{id}/episode", post(change))
}

#[derive(Debug, Deserialize)]
pub struct EpisodeForm {
    state: String,
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "episode_error.html")]
pub struct EpisodeError {
    pub l: Layout,
    pub message: String,
    pub back: String,
    pub reason: String,
}

async fn change(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    ClientId(id): ClientId,
    Form(form): Form<EpisodeForm>,
) -> Page {
    let changed =
        rapport_app::episodes::change(&state.app, &actor, id, &form.state, &form.reason).await;
    let message = match changed {
        Ok(()) => return to(&format!("/clients/{id}?done=episode")),
        Err(Error::Invalid { message, .. }) => message,
        Err(e) => return Err(e.into()),
    };
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        EpisodeError {
            l: Layout::new(&ctx),
            message,
            back: format!("/clients/{id}"),
            reason: form.reason,
        },
    )
}
