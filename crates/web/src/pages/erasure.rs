//! Erasure and retention (`rapport_app::erasure`): the client's "Delete my account" page with
//! its confirm step, the receipt anyone with the code can read, and the administrators' list
//! of requests with the retention period.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::erasure::{self, AdminRow, RequestView};
use rapport_app::messages::{ERASURE_KEPT, ERASURE_REMOVED};
use rapport_app::time::Zone;
use serde::Deserialize;
use uuid::Uuid;

use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, invalid, invalid_or_conflict, render, render_status, to};
use crate::error::PageError;
use crate::extract::{Ctx, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/delete", get(client_page).post(ask))
        .route("/account/delete/withdraw", post(withdraw))
        .route("/erasure-receipt", get(receipt_form).post(receipt))
        .route("/admin/erasure-requests", get(admin_page))
        .route("/admin/erasure-requests/{id}", get(handle_page))
        .route("/admin/erasure-requests/{id}/carry-out", post(carry_out))
        .route("/admin/erasure-requests/{id}/decline", post(decline))
        .route("/admin/retention", post(save_retention))
}

/// A request in words, on the reader's clock.
pub struct RequestText {
    pub id: String,
    pub status: String,
    pub status_words: &'static str,
    /// The status's message for the client's pages.
    pub status_key: String,
    pub requested: String,
    pub handled: Option<String>,
    pub withdrawn: Option<String>,
    pub decline_reason: Option<String>,
    pub years: u32,
    pub last_contact: String,
    pub kept_until: String,
    pub records_deleted: Option<String>,
    pub open: bool,
}

fn status_words(s: &str) -> &'static str {
    match s {
        erasure::REQUESTED => "Asked, waiting for the practice",
        erasure::WITHDRAWN => "Withdrawn",
        erasure::DECLINED => "Declined",
        erasure::CARRIED_OUT => "Carried out; clinical record kept",
        erasure::RECORDS_DELETED => "Carried out; clinical record deleted",
        _ => "Unknown",
    }
}

fn text(z: &Zone, r: &RequestView) -> RequestText {
    RequestText {
        id: r.id.to_string(),
        status: r.status.clone(),
        status_words: status_words(&r.status),
        status_key: format!("er-status-{}", r.status),
        requested: z.date_time(r.requested_at),
        handled: r.handled_at.map(|t| z.date_time(t)),
        withdrawn: r.withdrawn_at.map(|t| z.date_time(t)),
        decline_reason: r.decline_reason.clone(),
        years: r.retention.clinical_record_years,
        last_contact: z.date(r.retention.last_contact_at),
        kept_until: z.date(r.retention.kept_until),
        records_deleted: r.records_deleted_at.map(|t| z.date(t)),
        open: r.status == erasure::REQUESTED,
    }
}

// --- The client ------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "erasure_request.html")]
pub struct ClientPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    /// The confirm step.
    pub confirm: bool,
    pub reason: String,
    pub years: u32,
    pub removed: &'static [&'static str],
    pub kept: &'static [&'static str],
    pub request: Option<RequestText>,
    /// The receipt code, shown once, right after asking.
    pub code: Option<String>,
    pub withdrawn: bool,
    /// A request is open: no form to ask again.
    pub open: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ClientQuery {
    #[serde(default)]
    step: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

async fn client(
    state: &AppState,
    signed: &Signed,
    confirm: bool,
    reason: String,
    errors: Vec<FormError>,
    code: Option<String>,
    withdrawn: bool,
) -> Result<ClientPage, PageError> {
    let z = zone(&signed.ctx);
    let mine = erasure::mine(&state.app, &signed.actor).await?;
    Ok(ClientPage {
        l: Layout::new(&signed.ctx),
        errors,
        confirm,
        reason,
        years: erasure::retention_years(&state.app).await?,
        removed: ERASURE_REMOVED,
        kept: ERASURE_KEPT,
        open: mine
            .as_ref()
            .is_some_and(|r| r.status == erasure::REQUESTED),
        request: mine.as_ref().map(|r| text(&z, r)),
        code,
        withdrawn,
    })
}

async fn client_page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ClientQuery>,
) -> Page {
    let confirm = q.step.as_deref() == Some("confirm");
    let withdrawn = q.done.as_deref() == Some("withdrawn");
    render(
        client(
            &state,
            &signed,
            confirm,
            String::new(),
            vec![],
            None,
            withdrawn,
        )
        .await?,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    reason: String,
}

async fn ask(State(state): State<AppState>, signed: Signed, Form(f): Form<AskForm>) -> Page {
    let reason = Some(f.reason.as_str()).filter(|r| !r.trim().is_empty());
    match erasure::request(&state.app, &signed.actor, reason).await {
        // The code is shown on this page, once: it never goes in an address.
        Ok((_, code)) => {
            render(client(&state, &signed, false, String::new(), vec![], code, false).await?)
        }
        Err(e) => {
            let error = invalid(e)?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                client(&state, &signed, true, f.reason, vec![error], None, false).await?,
            )
        }
    }
}

async fn withdraw(State(state): State<AppState>, Signed { actor, .. }: Signed) -> Page {
    erasure::withdraw(&state.app, &actor).await?;
    to("/account/delete?done=withdrawn")
}

// --- The receipt -----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "erasure_receipt.html")]
pub struct ReceiptPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub request: Option<RequestText>,
    pub removed: &'static [&'static str],
    pub kept: &'static [&'static str],
}

async fn receipt_form(ctx: Ctx) -> Page {
    render(ReceiptPage {
        l: Layout::new(&ctx),
        errors: vec![],
        request: None,
        removed: ERASURE_REMOVED,
        kept: ERASURE_KEPT,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct ReceiptForm {
    #[serde(default)]
    code: String,
}

/// By POST, so that the code never sits in an address, a log or the browser's history.
async fn receipt(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ReceiptForm>) -> Page {
    let z = zone(&ctx);
    let (request, errors, status) = match erasure::receipt(&state.app, &f.code).await {
        Ok(r) => (Some(text(&z, &r.request)), vec![], StatusCode::OK),
        Err(rapport_app::Error::NotFound) => (
            None,
            vec![FormError::new(
                "code",
                "No request has this code. Check you copied all of it.",
            )],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(PageError(e)),
    };
    render_status(
        status,
        ReceiptPage {
            l: Layout::new(&ctx),
            errors,
            request,
            removed: ERASURE_REMOVED,
            kept: ERASURE_KEPT,
        },
    )
}

// --- The administrator -----------------------------------------------------------------

pub struct AdminRowText {
    pub request: RequestText,
    pub name: String,
    pub email: String,
}

fn row_text(z: &Zone, r: &AdminRow) -> AdminRowText {
    AdminRowText {
        request: text(z, &r.request),
        name: r
            .name
            .clone()
            .unwrap_or_else(|| "(account deleted)".to_string()),
        email: r.email.clone().unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "admin_erasure.html")]
pub struct AdminPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub notice: Option<&'static str>,
    pub years: String,
    pub rows: Vec<AdminRowText>,
    pub status: String,
    pub statuses: Vec<(&'static str, &'static str)>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub zone_name: &'static str,
}

impl AdminPage {
    fn prev(&self) -> Option<String> {
        (self.page > 1).then(|| self.link(self.page - 1))
    }

    fn next(&self) -> Option<String> {
        (self.page < self.pages).then(|| self.link(self.page + 1))
    }

    fn link(&self, page: u64) -> String {
        if self.status.is_empty() {
            format!("/admin/erasure-requests?page={page}")
        } else {
            format!("/admin/erasure-requests?status={}&page={page}", self.status)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AdminQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

async fn admin(
    state: &AppState,
    signed: &Signed,
    q: &AdminQuery,
    typed_years: Option<String>,
    errors: Vec<FormError>,
) -> Result<AdminPage, PageError> {
    let z = zone(&signed.ctx);
    // Requested first by default: what is waiting for the administrator.
    let status = q
        .status
        .clone()
        .unwrap_or_else(|| erasure::REQUESTED.to_string());
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(1);
    let filter = Some(status.as_str()).filter(|s| !s.is_empty() && *s != "all");
    let p = erasure::requests(&state.app, &signed.actor, filter, page).await?;
    let years = erasure::retention(&state.app, &signed.actor).await?;
    let notice = match q.done.as_deref() {
        Some("retention") => Some("The retention period is saved."),
        Some("carried_out") => {
            Some("The request is carried out: the account is anonymised and can no longer sign in.")
        }
        Some("declined") => Some("The request is declined; the client is shown your reason."),
        _ => None,
    };
    Ok(AdminPage {
        l: Layout::new(&signed.ctx),
        errors,
        notice,
        years: typed_years.unwrap_or_else(|| years.to_string()),
        rows: p.rows.iter().map(|r| row_text(&z, r)).collect(),
        status: filter.unwrap_or("all").to_string(),
        statuses: vec![
            ("requested", "Waiting"),
            ("carried_out", "Carried out, record kept"),
            ("records_deleted", "Record deleted"),
            ("declined", "Declined"),
            ("withdrawn", "Withdrawn"),
            ("all", "All"),
        ],
        page: p.page,
        pages: p.total.div_ceil(p.per_page).max(1),
        total: p.total,
        zone_name: z.name(),
    })
}

async fn admin_page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<AdminQuery>,
) -> Page {
    render(admin(&state, &signed, &q, None, vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    clinical_record_years: String,
}

async fn save_retention(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<RetentionForm>,
) -> Page {
    let typed = f.clinical_record_years.trim().to_string();
    let result = match typed.parse::<i64>() {
        Ok(y) => erasure::set_retention(&state.app, &signed.actor, y).await,
        Err(_) => Err(rapport_app::Error::invalid(
            "clinical_record_years",
            rapport_app::messages::ERASURE_RETENTION_BOUNDS,
        )),
    };
    match result {
        Ok(_) => to("/admin/erasure-requests?done=retention"),
        Err(e) => {
            let error = invalid(e)?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                admin(
                    &state,
                    &signed,
                    &AdminQuery::default(),
                    Some(typed),
                    vec![error],
                )
                .await?,
            )
        }
    }
}

#[derive(Template)]
#[template(path = "admin_erasure_request.html")]
pub struct HandlePage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub row: AdminRowText,
    pub reason: String,
    pub removed: &'static [&'static str],
}

async fn handle(
    state: &AppState,
    signed: &Signed,
    id: Uuid,
    reason: String,
    errors: Vec<FormError>,
) -> Result<HandlePage, PageError> {
    let z = zone(&signed.ctx);
    let row = erasure::admin_request(&state.app, &signed.actor, id).await?;
    Ok(HandlePage {
        l: Layout::new(&signed.ctx),
        errors,
        row: row_text(&z, &row),
        reason,
        removed: ERASURE_REMOVED,
    })
}

fn request_id(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| PageError(rapport_app::Error::NotFound))
}

async fn handle_page(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
) -> Page {
    let id = request_id(&id)?;
    render(handle(&state, &signed, id, String::new(), vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct CarryOutForm {
    #[serde(default)]
    confirm: String,
}

async fn carry_out(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(f): Form<CarryOutForm>,
) -> Page {
    let id = request_id(&id)?;
    if f.confirm != "yes" {
        let error = FormError::new(
            "confirm",
            "Tick the box to confirm there is no legal hold on this record.",
        );
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            handle(&state, &signed, id, String::new(), vec![error]).await?,
        );
    }
    match erasure::carry_out(&state.app, &signed.actor, id).await {
        Ok(_) => to("/admin/erasure-requests?done=carried_out"),
        Err(e) => {
            let error = invalid_or_conflict(e, "confirm")?;
            render_status(
                StatusCode::CONFLICT,
                handle(&state, &signed, id, String::new(), vec![error]).await?,
            )
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DeclineForm {
    #[serde(default)]
    reason: String,
}

async fn decline(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(f): Form<DeclineForm>,
) -> Page {
    let id = request_id(&id)?;
    match erasure::decline(&state.app, &signed.actor, id, &f.reason).await {
        Ok(_) => to("/admin/erasure-requests?done=declined"),
        Err(e) => {
            let conflict = matches!(e, rapport_app::Error::Conflict(_));
            let error = invalid_or_conflict(e, "reason")?;
            let status = if conflict {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render_status(
                status,
                handle(&state, &signed, id, f.reason, vec![error]).await?,
            )
        }
    }
}
