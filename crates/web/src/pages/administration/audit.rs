//! The audit log for administrators: filters, newest first, a page at a time, and the chain
//! check (`Action::VerifyAudit`). Entries are shown as they are: codes and ids, no clinical
//! content.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use rapport_app::admin::audit::{self, AuditRow, OUTCOMES};

use super::page_href;
use crate::api::administration::AuditQuery;
use crate::extract::Signed;
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::zone;
use crate::pages::{Page, invalid, render_status};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/audit", get(page))
        .route("/admin/audit/verify", post(verify))
}

/// An event as the table shows it.
pub struct EventView {
    pub seq: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub client_id: String,
    pub resource: String,
    pub outcome: String,
    pub detail: String,
}

/// The result of the chain check: (intact, events checked, what broke).
pub type Check = (bool, u64, Option<String>);

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub action: String,
    pub actor_id: String,
    pub client_id: String,
    pub outcome: String,
    pub from: String,
    pub to: String,
    pub outcomes: [&'static str; 3],
    pub events: Vec<EventView>,
    pub older: Option<String>,
    pub newest: Option<String>,
    pub check: Option<Check>,
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn view(e: AuditRow, z: &rapport_app::time::Zone) -> EventView {
    EventView {
        seq: e.seq,
        at: z.date_time(e.at),
        who: match (e.actor_name, e.actor_role, e.actor_id) {
            (Some(n), Some(r), _) => format!("{n} ({r})"),
            (Some(n), None, _) => n,
            (None, _, Some(id)) => id.to_string(),
            (None, _, None) => "Rapport".into(),
        },
        action: e.action,
        client_id: e.client_id.map(|i| i.to_string()).unwrap_or_default(),
        resource: e.resource.unwrap_or_default(),
        outcome: e.outcome,
        detail: e.detail.unwrap_or_default(),
    }
}

async fn render_page(
    state: &AppState,
    ctx: &crate::extract::Ctx,
    actor: &rapport_app::Actor,
    q: AuditQuery,
    check: Option<Check>,
) -> Page {
    let mut errors = vec![];
    let filter = match q.filter() {
        Ok(f) => Some(f),
        Err(e) => {
            errors.push(invalid(e.0)?);
            None
        }
    };
    let page = match filter {
        Some(f) => match audit::events(&state.app, actor, f).await {
            Ok(p) => Some(p),
            Err(e) => {
                errors.push(invalid(e)?);
                None
            }
        },
        None => None,
    };
    let z = zone(ctx);
    let keep = [
        ("action", q.action.as_deref().unwrap_or("")),
        ("actor_id", q.actor_id.as_deref().unwrap_or("")),
        ("client_id", q.client_id.as_deref().unwrap_or("")),
        ("outcome", q.outcome.as_deref().unwrap_or("")),
        ("from", q.from.as_deref().unwrap_or("")),
        ("to", q.to.as_deref().unwrap_or("")),
    ];
    let older = page.as_ref().and_then(|p| p.next_before).map(|b| {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in keep.iter().filter(|(_, v)| !v.is_empty()) {
            s.append_pair(k, v);
        }
        s.append_pair("before", &b.to_string());
        format!("/admin/audit?{}", s.finish())
    });
    let newest = q
        .before
        .as_ref()
        .filter(|b| !b.is_empty())
        .map(|_| page_href("/admin/audit", &keep, 1));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_status(
        status,
        AuditPage {
            l: crate::pages::templates::Layout::new(ctx),
            errors,
            action: text(&q.action),
            actor_id: text(&q.actor_id),
            client_id: text(&q.client_id),
            outcome: text(&q.outcome),
            from: text(&q.from),
            to: text(&q.to),
            outcomes: OUTCOMES,
            events: page
                .map(|p| p.events.into_iter().map(|e| view(e, &z)).collect())
                .unwrap_or_default(),
            older,
            newest,
            check,
        },
    )
}

async fn page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<AuditQuery>,
) -> Page {
    render_page(&state, &ctx, &actor, q, None).await
}

/// Walks the chain and shows the result above the newest events.
async fn verify(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let v = rapport_app::audit_log::verify(&state.app, Some(&actor)).await?;
    let check = (
        v.first_broken.is_none(),
        v.events,
        v.first_broken
            .map(|(seq, why)| format!("Event {seq}: {why}")),
    );
    render_page(&state, &ctx, &actor, AuditQuery::default(), Some(check)).await
}
