//! "Download my data" on the account page: the same ZIP as `GET /api/v1/clients/{id}/export`,
//! for the signed-in client (`rapport_app::export`).

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;

use crate::api::export::zip_response;
use crate::error::PageError;
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/export", get(download))
}

/// A GET, so that a plain link or button downloads it; it changes nothing (the export is
/// audited as a read).
async fn download(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
) -> Result<Response, PageError> {
    let file =
        rapport_app::export::export_record(&state.app, &actor, actor.user_id, &state.web.base_url)
            .await?;
    Ok(zip_response(file))
}
