//! The private calendar feed: made and stopped from the account page, read by calendar apps
//! at a secret address without signing in.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rapport_app::Error;
use rapport_core::accounts::Role;

use super::accounts::account_page;
use super::{Page, render, to};
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/calendar", post(create))
        .route("/account/calendar/revoke", post(revoke))
        .route("/calendar/{token}", get(feed))
}

/// `GET /calendar/{token}.ics`: the feed. An unknown or stopped address is a bare 404.
async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
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
async fn create(State(state): State<AppState>, signed: Signed) -> Page {
    if !matches!(
        signed.actor.role,
        Role::Client | Role::Clinician | Role::Family
    ) {
        return Err(Error::Forbidden.into());
    }
    let token = rapport_app::calendar::new_feed(&state.app, &signed.actor).await?;
    let url = format!(
        "{}/calendar/{token}.ics",
        state.web.base_url.trim_end_matches('/')
    );
    render(account_page(&state, &signed, None, Some(url)).await?)
}

/// Stops the address: calendar apps get nothing from it any more.
async fn revoke(State(state): State<AppState>, Signed { actor, .. }: Signed) -> Page {
    rapport_app::calendar::revoke_feed(&state.app, &actor).await?;
    to("/account?done=calendar")
}
