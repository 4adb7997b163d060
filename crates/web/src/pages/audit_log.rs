//! Who opened my record: the signed-in person's own access log (`rapport_app::audit_log`).

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use rapport_app::audit_log;

use super::templates::{AccessLogPage, AccessRow, Layout};
use super::time::zone;
use super::{Page, render};
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/access-log", get(access_log))
}

async fn access_log(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let entries = audit_log::my_access_log(&state.app, &actor).await?;
    render(AccessLogPage {
        l: Layout::new(&ctx),
        entries: entries
            .into_iter()
            .map(|e| AccessRow {
                at: zone(&ctx).date_time(e.at),
                who: e.who,
                what: e.what,
                emergency: e.emergency,
                reason: e.reason,
            })
            .collect(),
    })
}
