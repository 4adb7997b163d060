//! Notes over the API: the progress note of a client in a session (draft, sign, amend) and the
//! clinician's own psychotherapy note.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::Error;
use rapport_app::notes::{self, ProgressNoteView};
use rapport_core::notes::Dap;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::rfc3339;
use super::{ApiActor, ClientId, JsonBody, SessionId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/sessions/{id}/notes/{client_id}",
            get(note).put(save_note),
        )
        .route(
            "/api/v1/sessions/{id}/notes/{client_id}/amendments",
            post(amend),
        )
        .route(
            "/api/v1/sessions/{id}/psychotherapy-notes/{client_id}",
            get(psychotherapy_note).put(save_psychotherapy_note),
        )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AmendmentItem {
    pub at: String,
    pub by: String,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteView {
    pub data: String,
    pub assessment: String,
    pub plan: String,
    /// RFC 3339 once signed; a signed note is locked.
    pub signed_at: Option<String>,
    pub amendments: Vec<AmendmentItem>,
}

impl From<ProgressNoteView> for NoteView {
    fn from(n: ProgressNoteView) -> Self {
        NoteView {
            data: n.data,
            assessment: n.assessment,
            plan: n.plan,
            signed_at: n.signed_at.map(rfc3339),
            amendments: n
                .amendments
                .into_iter()
                .map(|a| AmendmentItem {
                    at: rfc3339(a.at),
                    by: a.by.to_string(),
                    text: a.body,
                })
                .collect(),
        }
    }
}

/// The progress note of a client in a session (the care team); a fresh draft, its data part
/// pre-filled with the latest measures, when none is written yet.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/notes/{client_id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = NoteView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    ClientId(client): ClientId,
) -> Result<Json<NoteView>, ApiError> {
    let n = notes::progress_note(&state.app, &actor, session, client).await?;
    Ok(Json(n.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteRequest {
    #[serde(default)]
    pub data: String,
    #[serde(default)]
    pub assessment: String,
    #[serde(default)]
    pub plan: String,
    /// `true` signs it (all three parts required) and locks it.
    #[serde(default)]
    pub sign: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteSaved {
    pub signed_at: Option<String>,
}

/// Saves the draft, or signs it (a clinician on the care team). A signed note is a 422.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/notes/{client_id}", tag = "sessions", request_body = NoteRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = NoteSaved), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<NoteRequest>,
) -> Result<Json<NoteSaved>, ApiError> {
    let dap = Dap {
        data: b.data,
        assessment: b.assessment,
        plan: b.plan,
    };
    let signed_at =
        notes::save_progress_note(&state.app, &actor, session, client, dap, b.sign).await?;
    Ok(Json(NoteSaved {
        signed_at: signed_at.map(rfc3339),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AmendmentRequest {
    pub text: String,
}

/// Adds a dated amendment to a signed note.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/notes/{client_id}/amendments", tag = "sessions", request_body = AmendmentRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn amend(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<AmendmentRequest>,
) -> Result<StatusCode, ApiError> {
    notes::amend_progress_note(&state.app, &actor, session, client, &b.text).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PsychotherapyNoteBody {
    pub body: String,
}

/// The caller's own psychotherapy note on a client in a session; 404 when they wrote none.
/// Nobody else's is ever returned.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/psychotherapy-notes/{client_id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = PsychotherapyNoteBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn psychotherapy_note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    ClientId(client): ClientId,
) -> Result<Json<PsychotherapyNoteBody>, ApiError> {
    let n = notes::my_psychotherapy_note(&state.app, &actor, session, client).await?;
    let body = n.ok_or(ApiError(Error::NotFound))?.body;
    Ok(Json(PsychotherapyNoteBody { body }))
}

/// Writes the caller's own psychotherapy note.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/psychotherapy-notes/{client_id}", tag = "sessions", request_body = PsychotherapyNoteBody, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_psychotherapy_note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    ClientId(client): ClientId,
    JsonBody(b): JsonBody<PsychotherapyNoteBody>,
) -> Result<StatusCode, ApiError> {
    notes::save_psychotherapy_note(&state.app, &actor, session, client, &b.body).await?;
    Ok(StatusCode::NO_CONTENT)
}
