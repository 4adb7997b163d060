//! The client's own copy of their record, as a ZIP (GDPR Art. 15 and 20).

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rapport_app::export::ExportFile;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};

use super::{ApiActor, ClientId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// A ZIP file's bytes: a binary string in the OpenAPI document, not an array of numbers.
pub struct ZipFile;

impl utoipa::PartialSchema for ZipFile {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for ZipFile {}

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/clients/{id}/export", get(export))
}

/// The client's whole record as a ZIP: `fhir-bundle.json` (a FHIR R4 Bundle of type
/// collection), `summary.html` (printable), `measures.csv`, `checkins.csv`, `homework.csv` and
/// `README.txt`. Psychotherapy notes are not included. The client, for themself; anyone else
/// is refused.
#[utoipa::path(get, path = "/api/v1/clients/{id}/export", tag = "clients", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses(
        (status = 200, description = "The ZIP (Content-Disposition: attachment; filename=rapport-export-YYYY-MM-DD.zip)", content_type = "application/zip", body = ZipFile),
        (status = 403, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Response, ApiError> {
    let file =
        rapport_app::export::export_record(&state.app, &actor, client, &state.web.base_url).await?;
    Ok(zip_response(file))
}

/// The ZIP as a download; never cached, since it is someone's health record.
pub fn zip_response(file: ExportFile) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.file_name),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        file.bytes,
    )
        .into_response()
}
