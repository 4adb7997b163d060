//! Erasure and retention (issue 17, item 4): a client's request to have their account deleted,
//! the administrators' list and decisions, the retention period, and the receipt a client
//! reads with the code they were given (no sign-in).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::erasure::{self, AdminRow, Receipt, RequestView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiActor, ApiQuery, JsonBody, RequestId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/me/erasure-request",
            get(my_erasure_request)
                .post(request_erasure)
                .delete(withdraw_erasure_request),
        )
        .route("/api/v1/erasure-receipt", post(erasure_receipt))
        .route("/api/v1/admin/erasure-requests", get(erasure_requests))
        .route(
            "/api/v1/admin/erasure-requests/{id}/carry-out",
            post(carry_out_erasure),
        )
        .route(
            "/api/v1/admin/erasure-requests/{id}/decline",
            post(decline_erasure),
        )
        .route("/api/v1/admin/retention", get(retention).put(set_retention))
}

/// The retention rule that applies to one client's kept clinical record.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionRule {
    /// Years the clinical record is kept after the last contact.
    pub clinical_record_years: u32,
    /// The last contact (fixed when the request is carried out; until then, as of now).
    #[schema(format = DateTime)]
    pub last_contact_at: String,
    /// When the kept clinical record is deleted.
    #[schema(format = DateTime)]
    pub clinical_records_kept_until: String,
}

/// An erasure request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureRequestItem {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub client_id: String,
    /// `requested`, `withdrawn`, `declined`, `carried_out` or `records_deleted`.
    pub status: String,
    #[schema(format = DateTime)]
    pub requested_at: String,
    #[schema(format = DateTime)]
    pub withdrawn_at: Option<String>,
    /// When an administrator carried it out or declined it.
    #[schema(format = DateTime)]
    pub handled_at: Option<String>,
    /// The client's own reason (shown to the client alone; removed once carried out).
    pub reason: Option<String>,
    /// Why it was declined (a legal hold, say).
    pub decline_reason: Option<String>,
    #[schema(format = DateTime)]
    pub records_deleted_at: Option<String>,
    pub retention: RetentionRule,
}

impl From<RequestView> for ErasureRequestItem {
    fn from(r: RequestView) -> Self {
        ErasureRequestItem {
            id: r.id.to_string(),
            client_id: r.client_id.to_string(),
            status: r.status,
            requested_at: r.requested_at.to_rfc3339(),
            withdrawn_at: r.withdrawn_at.map(|t| t.to_rfc3339()),
            handled_at: r.handled_at.map(|t| t.to_rfc3339()),
            reason: r.reason,
            decline_reason: r.decline_reason,
            records_deleted_at: r.records_deleted_at.map(|t| t.to_rfc3339()),
            retention: RetentionRule {
                clinical_record_years: r.retention.clinical_record_years,
                last_contact_at: r.retention.last_contact_at.to_rfc3339(),
                clinical_records_kept_until: r.retention.kept_until.to_rfc3339(),
            },
        }
    }
}

/// A new request, with the receipt code shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureRequestCreated {
    #[serde(flatten)]
    pub request: ErasureRequestItem,
    /// Keep it: after the account is deleted it is the only way to see the receipt
    /// (`POST /api/v1/erasure-receipt`). Only given when the request is made.
    pub receipt_code: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ErasureRequestBody {
    /// Why, if the client wants to say (up to 1,000 characters; kept encrypted, removed once
    /// the request is carried out).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Asks for one's account to be deleted (clients). 201 with the new request and its receipt
/// code; 200 with the open request when one is open already (no second request is made).
#[utoipa::path(post, path = "/api/v1/me/erasure-request", tag = "erasure", request_body(content = Option<ErasureRequestBody>, description = "Optional"), security(("bearer" = [])),
    responses((status = 201, body = ErasureRequestCreated), (status = 200, body = ErasureRequestCreated), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn request_erasure(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<(StatusCode, Json<ErasureRequestCreated>), ApiError> {
    let refused = || ApiError::invalid("reason", "Send {\"reason\": \"…\"} or no body.");
    // No body, `null` or an object: serde would read the struct from an array too.
    let body: ErasureRequestBody = if body.iter().all(u8::is_ascii_whitespace) {
        ErasureRequestBody::default()
    } else {
        match serde_json::from_slice(&body).map_err(|_| refused())? {
            serde_json::Value::Null => ErasureRequestBody::default(),
            v @ serde_json::Value::Object(_) => serde_json::from_value(v).map_err(|_| refused())?,
            _ => return Err(refused()),
        }
    };
    let (request, code) = erasure::request(&state.app, &actor, body.reason.as_deref()).await?;
    let status = if code.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(ErasureRequestCreated {
            request: request.into(),
            receipt_code: code,
        }),
    ))
}

/// One's open erasure request, or the last one (clients); 404 when one never asked.
#[utoipa::path(get, path = "/api/v1/me/erasure-request", tag = "erasure", security(("bearer" = [])),
    responses((status = 200, body = ErasureRequestItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn my_erasure_request(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<ErasureRequestItem>, ApiError> {
    let r = erasure::mine(&state.app, &actor)
        .await?
        .ok_or(ApiError(rapport_app::Error::NotFound))?;
    Ok(Json(r.into()))
}

/// Withdraws one's open erasure request (clients); 404 when none is open.
#[utoipa::path(delete, path = "/api/v1/me/erasure-request", tag = "erasure", security(("bearer" = [])),
    responses((status = 200, body = ErasureRequestItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn withdraw_erasure_request(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<ErasureRequestItem>, ApiError> {
    Ok(Json(erasure::withdraw(&state.app, &actor).await?.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReceiptBody {
    /// The receipt code given when the request was made.
    pub code: String,
}

/// What an erasure receipt shows: categories and dates, nothing about health.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureReceipt {
    /// `requested`, `withdrawn`, `declined`, `carried_out` or `records_deleted`.
    pub status: String,
    #[schema(format = DateTime)]
    pub requested_at: String,
    #[schema(format = DateTime)]
    pub handled_at: Option<String>,
    pub decline_reason: Option<String>,
    /// What carrying out the request removes at once.
    pub removed: Vec<String>,
    /// What is kept, why, and until when (see `retention`).
    pub kept: Vec<String>,
    pub retention: RetentionRule,
    #[schema(format = DateTime)]
    pub records_deleted_at: Option<String>,
}

impl From<Receipt> for ErasureReceipt {
    fn from(r: Receipt) -> Self {
        let item = ErasureRequestItem::from(r.request);
        ErasureReceipt {
            status: item.status,
            requested_at: item.requested_at,
            handled_at: item.handled_at,
            decline_reason: item.decline_reason,
            removed: r.removed.iter().map(|s| s.to_string()).collect(),
            kept: r.kept.iter().map(|s| s.to_string()).collect(),
            retention: item.retention,
            records_deleted_at: item.records_deleted_at,
        }
    }
}

/// An erasure receipt, by its code (no sign-in: the account may be gone). The code travels in
/// the body, never in an address. An unknown code is 404.
#[utoipa::path(post, path = "/api/v1/erasure-receipt", tag = "erasure", request_body = ReceiptBody,
    responses((status = 200, body = ErasureReceipt), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn erasure_receipt(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<ReceiptBody>,
) -> Result<Json<ErasureReceipt>, ApiError> {
    Ok(Json(erasure::receipt(&state.app, &body.code).await?.into()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ErasureQuery {
    /// `requested`, `withdrawn`, `declined`, `carried_out` or `records_deleted`; all when left out.
    pub status: Option<String>,
    /// From 1 (25 a page).
    pub page: Option<u64>,
}

/// A request in the administrators' list: the account's name and e-mail as they are now
/// (anonymised once carried out, absent once deleted), dates and the rule. Never the
/// client's reason, never anything clinical.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminErasureItem {
    #[serde(flatten)]
    pub request: ErasureRequestItem,
    pub name: Option<String>,
    pub email: Option<String>,
}

impl From<AdminRow> for AdminErasureItem {
    fn from(r: AdminRow) -> Self {
        AdminErasureItem {
            request: r.request.into(),
            name: r.name,
            email: r.email,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminErasurePage {
    pub requests: Vec<AdminErasureItem>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// The erasure requests, newest first (administrators).
#[utoipa::path(get, path = "/api/v1/admin/erasure-requests", tag = "erasure", security(("bearer" = [])), params(ErasureQuery),
    responses((status = 200, body = AdminErasurePage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn erasure_requests(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ErasureQuery>,
) -> Result<Json<AdminErasurePage>, ApiError> {
    let p = erasure::requests(
        &state.app,
        &actor,
        q.status.as_deref().filter(|s| !s.is_empty()),
        q.page.unwrap_or(1),
    )
    .await?;
    Ok(Json(AdminErasurePage {
        requests: p.rows.into_iter().map(AdminErasureItem::from).collect(),
        page: p.page,
        per_page: p.per_page,
        total: p.total,
    }))
}

/// Carries out an open request (administrators): what is not the clinical record is removed
/// or anonymised at once, the clinical record is kept for the retention period. 409 when the
/// request is not open.
#[utoipa::path(post, path = "/api/v1/admin/erasure-requests/{id}/carry-out", tag = "erasure", security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = ErasureRequestItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn carry_out_erasure(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
) -> Result<Json<ErasureRequestItem>, ApiError> {
    Ok(Json(
        erasure::carry_out(&state.app, &actor, id).await?.into(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DeclineBody {
    /// Why (a legal hold, say): the client is shown it. Up to 1,000 characters.
    pub reason: String,
}

/// Declines an open request with a reason (administrators). 409 when it is not open.
#[utoipa::path(post, path = "/api/v1/admin/erasure-requests/{id}/decline", tag = "erasure", request_body = DeclineBody, security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = ErasureRequestItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decline_erasure(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    RequestId(id): RequestId,
    JsonBody(body): JsonBody<DeclineBody>,
) -> Result<Json<ErasureRequestItem>, ApiError> {
    Ok(Json(
        erasure::decline(&state.app, &actor, id, &body.reason)
            .await?
            .into(),
    ))
}

/// The retention period of clinical records.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct RetentionBody {
    /// Whole years an erased client's clinical record is kept after the last contact (0–30;
    /// 7 when never set).
    pub clinical_record_years: i64,
}

/// The retention period (administrators).
#[utoipa::path(get, path = "/api/v1/admin/retention", tag = "erasure", security(("bearer" = [])),
    responses((status = 200, body = RetentionBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn retention(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<RetentionBody>, ApiError> {
    let years = erasure::retention(&state.app, &actor).await?;
    Ok(Json(RetentionBody {
        clinical_record_years: i64::from(years),
    }))
}

/// Sets the retention period (administrators); 422 naming `clinical_record_years` outside 0–30.
#[utoipa::path(put, path = "/api/v1/admin/retention", tag = "erasure", request_body = RetentionBody, security(("bearer" = [])),
    responses((status = 200, body = RetentionBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_retention(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<RetentionBody>,
) -> Result<Json<RetentionBody>, ApiError> {
    let years = erasure::set_retention(&state.app, &actor, body.clinical_record_years).await?;
    Ok(Json(RetentionBody {
        clinical_record_years: i64::from(years),
    }))
}
