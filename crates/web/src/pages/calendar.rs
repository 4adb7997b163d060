//! The private calendar feed: made and stopped from the account page, read by calendar apps
//! at a secret address without signing in.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::Error;

use super::account::account_page;
use super::legacy::render;
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

/// `GET /calendar/{token}.ics`: the feed. An unknown or stopped address is a bare 404.
pub async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    match rapport_app::calendar::feed_events(&state.app, token).await {
        Ok(events) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            crate::calendar::ics(&events, state.app.now()),
        )
            .into_response(),
        Err(Error::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Makes a new private address (stopping any earlier one) and shows it once.
pub async fn create(State(state): State<AppState>, ctx: Ctx) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    if !matches!(
        actor.role,
        rapport_core::accounts::Role::Client | rapport_core::accounts::Role::Clinician
    ) {
        return PageError(Error::Forbidden).into_response();
    }
    let token = match rapport_app::calendar::new_feed(&state.app, &actor).await {
        Ok(t) => t,
        Err(e) => return PageError(e).into_response(),
    };
    let url = format!(
        "{}/calendar/{token}.ics",
        state.web.base_url.trim_end_matches('/')
    );
    match account_page(&state, &ctx, None, Some(url)).await {
        Ok(p) => render(p),
        Err(r) => r,
    }
}

/// Stops the address: calendar apps get nothing from it any more.
pub async fn revoke(State(state): State<AppState>, ctx: Ctx) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match rapport_app::calendar::revoke_feed(&state.app, &actor).await {
        Ok(()) => Redirect::to("/account?done=calendar").into_response(),
        Err(e) => PageError(e).into_response(),
    }
}
