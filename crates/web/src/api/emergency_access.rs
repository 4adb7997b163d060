//! Emergency access, "break glass" (issue 17): a clinician not on a client's care team opens
//! the record for an hour, read-only, giving a reason; the practice can turn it off.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::emergency_access::{self, FoundClient, OpeningRow, OpeningView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/clients/{id}/emergency-access", post(open))
        .route("/api/v1/emergency-access", get(overview))
        .route("/api/v1/emergency-access/search", post(search))
        .route(
            "/api/v1/admin/emergency-access",
            get(admin_setting).put(set_admin_setting),
        )
}

/// Why the record must be opened now (10–500 characters). The care team, the practice lead
/// and the client read it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmergencyRequest {
    pub reason: String,
}

/// An emergency opening: the clinician may read the record until `expires_at` (an hour).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmergencyOpening {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub client_id: String,
    #[schema(format = Uuid)]
    pub clinician_id: String,
    #[schema(format = DateTime)]
    pub opened_at: String,
    #[schema(format = DateTime)]
    pub expires_at: String,
}

impl From<OpeningView> for EmergencyOpening {
    fn from(o: OpeningView) -> Self {
        EmergencyOpening {
            id: o.id.to_string(),
            client_id: o.client_id.to_string(),
            clinician_id: o.clinician_id.to_string(),
            opened_at: o.opened_at.to_rfc3339(),
            expires_at: o.expires_at.to_rfc3339(),
        }
    }
}

/// An opening with both names; the reason only for clinicians who review it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmergencyOpeningItem {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub client_id: String,
    pub client_name: String,
    #[schema(format = Uuid)]
    pub clinician_id: String,
    pub clinician_name: String,
    #[schema(format = DateTime)]
    pub opened_at: String,
    #[schema(format = DateTime)]
    pub expires_at: String,
    /// Whether the hour is still running.
    pub active: bool,
    /// Absent for administrators: a reason may be clinical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl From<OpeningRow> for EmergencyOpeningItem {
    fn from(r: OpeningRow) -> Self {
        EmergencyOpeningItem {
            id: r.opening.id.to_string(),
            client_id: r.opening.client_id.to_string(),
            client_name: r.client_name,
            clinician_id: r.opening.clinician_id.to_string(),
            clinician_name: r.clinician_name,
            opened_at: r.opening.opened_at.to_rfc3339(),
            expires_at: r.opening.expires_at.to_rfc3339(),
            active: r.active,
            reason: r.reason,
        }
    }
}

/// The clinician's own openings still running, and those they review (every opening of the
/// practice for a practice lead; of their own clients otherwise).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmergencyOverview {
    pub active: Vec<EmergencyOpeningItem>,
    pub to_review: Vec<EmergencyOpeningItem>,
}

/// An exact e-mail address or an exact full name.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmergencySearch {
    pub query: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FoundClientItem {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EmergencySearchResult {
    pub clients: Vec<FoundClientItem>,
}

impl From<FoundClient> for FoundClientItem {
    fn from(c: FoundClient) -> Self {
        FoundClientItem {
            id: c.id.to_string(),
            name: c.name,
            email: c.email,
        }
    }
}

/// Whether the practice allows emergency openings (default on).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct EmergencySetting {
    pub enabled: bool,
}

/// The setting and the practice's recent openings, without reasons (administrators).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmergencyAdminView {
    pub enabled: bool,
    pub openings: Vec<EmergencyOpeningItem>,
}

/// Opens a client's record in an emergency for an hour, read-only (a clinician not on the
/// care team). Told at once to the care team and the practice leads; the client sees it with
/// the reason. 409 when the practice turned emergency access off.
#[utoipa::path(post, path = "/api/v1/clients/{id}/emergency-access", tag = "emergency", request_body = EmergencyRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 201, body = EmergencyOpening), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<EmergencyRequest>,
) -> Result<(StatusCode, Json<EmergencyOpening>), ApiError> {
    let o = emergency_access::open(&state.app, &actor, client, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(o.into())))
}

/// The clinician's own running openings and the openings they review.
#[utoipa::path(get, path = "/api/v1/emergency-access", tag = "emergency", security(("bearer" = [])),
    responses((status = 200, body = EmergencyOverview), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<EmergencyOverview>, ApiError> {
    let (active, to_review) = tokio::try_join!(
        emergency_access::mine(&state.app, &actor),
        emergency_access::to_review(&state.app, &actor),
    )?;
    Ok(Json(EmergencyOverview {
        active: active.into_iter().map(Into::into).collect(),
        to_review: to_review.into_iter().map(Into::into).collect(),
    }))
}

/// Finds a client to open in an emergency by their exact e-mail address or exact full name
/// (never a part of one). Audited.
#[utoipa::path(post, path = "/api/v1/emergency-access/search", tag = "emergency", request_body = EmergencySearch, security(("bearer" = [])),
    responses((status = 200, body = EmergencySearchResult), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<EmergencySearch>,
) -> Result<Json<EmergencySearchResult>, ApiError> {
    let found = emergency_access::find_client(&state.app, &actor, &body.query).await?;
    Ok(Json(EmergencySearchResult {
        clients: found.into_iter().map(Into::into).collect(),
    }))
}

/// Whether the practice allows emergency access, and its recent openings (administrators;
/// no reasons).
#[utoipa::path(get, path = "/api/v1/admin/emergency-access", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = EmergencyAdminView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn admin_setting(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<EmergencyAdminView>, ApiError> {
    let (enabled, openings) = emergency_access::admin_overview(&state.app, &actor).await?;
    Ok(Json(EmergencyAdminView {
        enabled,
        openings: openings.into_iter().map(Into::into).collect(),
    }))
}

/// Turns emergency access on or off (administrators). Off also ends the openings running.
#[utoipa::path(put, path = "/api/v1/admin/emergency-access", tag = "admin", request_body = EmergencySetting, security(("bearer" = [])),
    responses((status = 200, body = EmergencySetting), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_admin_setting(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<EmergencySetting>,
) -> Result<Json<EmergencySetting>, ApiError> {
    let enabled = emergency_access::set_enabled(&state.app, &actor, body.enabled).await?;
    Ok(Json(EmergencySetting { enabled }))
}
