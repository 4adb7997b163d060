//! The clinician's alert inbox (critical first), acknowledging and resolving with a note
//! (`rapport_app::alerts`), and the structured risk assessment.

mod evidence;
mod risk;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use rapport_app::Actor;
use rapport_app::alerts::{self, AlertView, StatusFilter};
use rapport_app::time::Zone;
use rapport_core::alerts::Rule;
use serde::Deserialize;

use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, invalid, render, render_status, to};
use crate::error::PageError;
use crate::extract::{AlertId, Ctx, Signed};
use crate::i18n::{self, Arg, Lang};
use crate::state::AppState;
use evidence::evidence_words;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/alerts", get(inbox))
        .route("/alerts/{id}/acknowledge", post(acknowledge))
        .route("/alerts/{id}/resolve", post(resolve))
        .route(
            "/clients/{id}/risk-assessment",
            get(risk::form).post(risk::record),
        )
}

/// An alert as the inbox shows it.
pub struct AlertCard {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    pub kind: String,
    pub level: String,
    pub status: String,
    pub opened: String,
    pub explanation: String,
    pub suggestion: String,
    pub evidence: Vec<String>,
    pub note: Option<String>,
    /// The client has no care team: the alert reached this clinician on triage duty.
    pub triage: bool,
    /// Escalated to this clinician on call; they are not on the care team.
    pub on_call: bool,
    /// Escalated because nobody acknowledged it in time: when, and to whom, in words.
    pub escalated: Option<String>,
}

/// The cards of these alerts, dated on the reader's clock.
pub fn cards(views: Vec<AlertView>, zone: Zone, lang: Lang) -> Vec<AlertCard> {
    views
        .into_iter()
        .map(|a| AlertCard {
            id: a.id.to_string(),
            client_id: a.client_id.to_string(),
            client_name: a.client_name,
            opened: i18n::local_date(lang, &zone.date_time(a.created_at)),
            evidence: a
                .evidence
                .iter()
                .map(|e| evidence_words(e, zone, lang))
                .collect(),
            suggestion: match lang {
                Lang::En => a.kind.suggestion().to_string(),
                _ => i18n::t(lang, &format!("cl-suggest-{}", a.kind.as_str())),
            },
            kind: a.kind.label().into(),
            level: a.level.as_str().into(),
            status: a.status.as_str().into(),
            explanation: explanation_in(lang, a.explanation),
            note: a.acknowledge_note,
            triage: a.triage,
            on_call: a.on_call,
            escalated: a
                .escalation
                .as_ref()
                .map(|e| escalated_words(e, zone, lang)),
        })
        .collect()
}

/// A rule's explanation (stored in English) in `lang`: its `cl-rule-<id>` message.
pub(super) fn explanation_in(lang: Lang, english: String) -> String {
    if lang == Lang::En {
        return english;
    }
    match Rule::ALL.iter().find(|r| r.explanation() == english) {
        Some(r) => i18n::t(lang, &format!("cl-rule-{}", r.id())),
        None => english,
    }
}

/// An escalation in words: when, and who was told.
fn escalated_words(e: &rapport_app::alerts::EscalationView, zone: Zone, lang: Lang) -> String {
    let names: Vec<&str> = e.to.iter().map(|(_, n)| n.as_str()).collect();
    let when = i18n::local_date(lang, &zone.date_time(e.at));
    let key = match e.via.as_str() {
        "on_call" => "cl-escalated-on-call",
        "triage" => "cl-escalated-triage",
        _ => "cl-escalated-nobody",
    };
    i18n::t_args(
        lang,
        key,
        &[
            ("when", Arg::Owned(when)),
            ("names", Arg::Owned(names.join(", "))),
        ],
    )
}

#[derive(Template)]
#[template(path = "alerts.html")]
pub struct InboxPage {
    pub l: Layout,
    pub alerts: Vec<AlertCard>,
    pub acknowledged: Vec<AlertCard>,
    pub errors: Vec<FormError>,
}

async fn inbox_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    errors: Vec<FormError>,
) -> Result<InboxPage, PageError> {
    let open = alerts::inbox(&state.app, actor, StatusFilter::Open).await?;
    let acknowledged = alerts::inbox(&state.app, actor, StatusFilter::Acknowledged).await?;
    Ok(InboxPage {
        l: Layout::new(ctx),
        alerts: cards(open, zone(ctx), ctx.lang),
        acknowledged: cards(acknowledged, zone(ctx), ctx.lang),
        errors,
    })
}

async fn inbox(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    render(inbox_page(&state, &ctx, &actor, vec![]).await?)
}

#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    back: String,
}

/// Where to go after a form: back to the client's chart, or the inbox.
fn back_to(back: &str) -> String {
    if back.starts_with("/clients/") && !back.contains("//") {
        back.to_string()
    } else {
        "/alerts".to_string()
    }
}

/// Back where the form was, or the inbox again with what to fix.
async fn after(
    state: &AppState,
    Signed { actor, ctx }: &Signed,
    id: uuid::Uuid,
    back: &str,
    done: rapport_app::Result<()>,
) -> Page {
    let error = match done {
        Ok(()) => return to(&back_to(back)),
        Err(e) => invalid(e)?,
    };
    let error = FormError::new(format!("note-{id}"), error.message);
    let p = inbox_page(state, ctx, actor, vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

async fn acknowledge(
    State(state): State<AppState>,
    signed: Signed,
    AlertId(id): AlertId,
    Form(form): Form<NoteForm>,
) -> Page {
    let done = alerts::acknowledge(&state.app, &signed.actor, id, &form.note)
        .await
        .map(|_| ());
    after(&state, &signed, id, &form.back, done).await
}

async fn resolve(
    State(state): State<AppState>,
    signed: Signed,
    AlertId(id): AlertId,
    Form(form): Form<NoteForm>,
) -> Page {
    let done = alerts::resolve(&state.app, &signed.actor, id, &form.note).await;
    after(&state, &signed, id, &form.back, done).await
}
