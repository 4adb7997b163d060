//! A clinician's view of one client.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use rapport_app::{Error, care_teams};
use uuid::Uuid;

use super::home::team_rows;
use super::render;
use super::templates::{ClientRecordPage, Layout, date};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

pub async fn client(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    match care_teams::client_record(&state.app, &current.actor, id).await {
        Ok(r) => render(ClientRecordPage {
            l: Layout::new(&ctx),
            name: r.name,
            email: r.email,
            timezone: r.timezone,
            since: date(r.member_since),
            emergency_contact: r.emergency_contact,
            team: team_rows(r.team),
        }),
        Err(e) => PageError(e).into_response(),
    }
}
