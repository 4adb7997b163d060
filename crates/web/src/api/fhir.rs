//! A client's questionnaires for other systems, as FHIR R4.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};

use super::{ApiActor, ClientId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/clients/{id}/fhir", get(fhir))
}

/// The client's questionnaires as a FHIR R4 Bundle (Questionnaire, QuestionnaireResponse and
/// Observation resources with LOINC codes), and each sent homework entry as a
/// QuestionnaireResponse (drafts are not exported).
#[utoipa::path(get, path = "/api/v1/clients/{id}/fhir", tag = "measures", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, description = "A FHIR R4 Bundle (application/fhir+json)"), (status = 403, body = ErrorBody)))]
pub async fn fhir(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<impl IntoResponse, ApiError> {
    let base_url = &state.web.base_url;
    let bundle = rapport_app::fhir::export(&state.app, &actor, client, base_url).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/fhir+json")],
        Json(bundle),
    ))
}
