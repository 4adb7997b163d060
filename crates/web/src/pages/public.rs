use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::Error;

use super::legacy::render;
use super::templates::{CrisisPage, Layout, PublicHome};
use crate::error::{ApiError, PageError};
use crate::extract::Ctx;
use crate::state::AppState;

pub async fn home(ctx: Ctx) -> Response {
    if ctx.full().is_ok() {
        return Redirect::to("/home").into_response();
    }
    render(PublicHome {
        l: Layout::new(&ctx),
    })
}

pub async fn crisis(State(state): State<AppState>, ctx: Ctx) -> Response {
    render(CrisisPage {
        l: Layout::new(&ctx),
        lines: state.web.crisis.lines.clone(),
    })
}

pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError(Error::NotFound).into_response()
    } else {
        PageError(Error::NotFound).into_response()
    }
}
