//! The pages anyone may read: the front page, crisis help, and "not found".

use axum::Router;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rapport_app::Error;

use super::templates::{CrisisPage, Layout, PublicHome};
use super::{Page, render, to};
use crate::error::{ApiError, PageError};
use crate::extract::Ctx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/crisis", get(crisis))
}

async fn home(ctx: Ctx) -> Page {
    if ctx.full().is_ok() {
        return to("/home");
    }
    render(PublicHome {
        l: Layout::new(&ctx),
    })
}

async fn crisis(State(state): State<AppState>, ctx: Ctx) -> Page {
    render(CrisisPage {
        l: Layout::new(&ctx),
        lines: state.crisis_lines().await,
    })
}

pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError(Error::NotFound).into_response()
    } else {
        PageError(Error::NotFound).into_response()
    }
}
