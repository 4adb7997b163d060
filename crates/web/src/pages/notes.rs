//! A client's progress note on a session (DAP: drafted, then signed and locked; corrections
//! are dated amendments), and below it the clinician's own psychotherapy note, kept apart.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use rapport_app::{Actor, Error, care_teams, notes, sessions};
use rapport_core::notes::Dap;
use serde::Deserialize;
use uuid::Uuid;

use super::templates::{FormError, Layout};
use super::time::{own_timezone, when};
use super::{Page, invalid_or_conflict, render, render_status, to};
use crate::error::PageError;
use crate::extract::{Ctx, MemberId, SessionId, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/notes/{client_id}", get(show).post(save))
        .route("/sessions/{id}/notes/{client_id}/amendments", post(amend))
        .route(
            "/sessions/{id}/psychotherapy-notes/{client_id}",
            post(save_private),
        )
}

pub struct AmendmentView {
    pub at: String,
    pub who: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "session_note.html")]
pub struct NotePage {
    pub l: Layout,
    pub session_id: String,
    pub client_id: String,
    pub client_name: String,
    pub when: String,
    pub notice: Option<&'static str>,
    /// The prefix of the drafts kept in the tab that a save has made stale.
    pub drafts_saved: Option<String>,
    pub errors: Vec<FormError>,
    /// "3 Nov 2026, 17:55 by Maya Okafor" once signed.
    pub signed: Option<String>,
    /// When the draft was last saved, if it was.
    pub draft_saved: Option<String>,
    pub data: String,
    pub assessment: String,
    pub plan: String,
    pub amendments: Vec<AmendmentView>,
    pub amendment: String,
    pub private_note: String,
    pub private_saved: Option<String>,
}

impl NotePage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// What was typed, kept when a form comes back with an error.
#[derive(Debug, Default)]
struct Typed {
    dap: Option<Dap>,
    amendment: String,
    private_note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    (session_id, client_id): (Uuid, Uuid),
    done: Option<&str>,
    typed: Typed,
    errors: Vec<FormError>,
) -> Result<NotePage, PageError> {
    let tz = own_timezone(ctx);
    let session = sessions::sessions_of(&state.app, actor, client_id)
        .await?
        .into_iter()
        .find(|v| v.session.id == session_id)
        .ok_or(Error::NotFound)?
        .session;
    let record = care_teams::client_record(&state.app, actor, client_id).await?;
    let note = notes::progress_note(&state.app, actor, session_id, client_id).await?;
    let private = notes::my_psychotherapy_note(&state.app, actor, session_id, client_id).await?;
    let name_of = |id: Uuid| {
        if id == actor.user_id {
            actor.name.clone()
        } else {
            record
                .team
                .iter()
                .find(|m| m.clinician_id == id)
                .map(|m| m.name.clone())
                .unwrap_or_else(|| "someone on the care team".into())
        }
    };
    let dap = typed.dap.unwrap_or(Dap {
        data: note.data.clone(),
        assessment: note.assessment.clone(),
        plan: note.plan.clone(),
    });
    let both = format!("note-{session_id}-{client_id} pnote-{session_id}-{client_id}");
    let (notice, drafts_saved) = match done {
        Some("saved") => (
            Some("Draft saved. Sign it when it is complete."),
            Some(format!("note-{session_id}-{client_id}")),
        ),
        Some("saved_private") => (
            Some(
                "Draft saved. Your psychotherapy note is saved with it. Sign the note when it is complete.",
            ),
            Some(both),
        ),
        Some("signed") => (
            Some("Signed. The note is part of the record now and cannot be changed."),
            Some(format!("note-{session_id}-{client_id}")),
        ),
        Some("signed_private") => (
            Some(
                "Signed. The note is part of the record now and cannot be changed. Your psychotherapy note is saved with it.",
            ),
            Some(both),
        ),
        Some("amended") => (
            Some("Amendment added."),
            Some(format!("amend-{session_id}-{client_id}")),
        ),
        Some("private") => (
            Some("Your psychotherapy note is saved."),
            Some(format!("pnote-{session_id}-{client_id}")),
        ),
        Some("private_draft") => (
            Some("Your psychotherapy note is saved, and the draft of the progress note with it."),
            Some(both),
        ),
        _ => (None, None),
    };
    Ok(NotePage {
        l: Layout::new(ctx),
        session_id: session_id.to_string(),
        client_id: client_id.to_string(),
        client_name: record.name.clone(),
        when: when(session.starts_at, &tz),
        notice,
        drafts_saved,
        signed: note
            .signed_at
            .map(|at| format!("{} by {}", when(at, &tz), name_of(note.author_id))),
        draft_saved: (!note.id.is_nil() && note.signed_at.is_none())
            .then(|| when(note.updated_at, &tz)),
        data: dap.data,
        assessment: dap.assessment,
        plan: dap.plan,
        amendments: note
            .amendments
            .iter()
            .map(|a| AmendmentView {
                at: when(a.at, &tz),
                who: name_of(a.by),
                body: a.body.clone(),
            })
            .collect(),
        amendment: typed.amendment,
        private_note: typed
            .private_note
            .unwrap_or_else(|| private.as_ref().map(|n| n.body.clone()).unwrap_or_default()),
        private_saved: private.map(|n| when(n.updated_at, &tz)),
        errors,
    })
}

async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(s): SessionId,
    MemberId(c): MemberId,
    Query(q): Query<Done>,
) -> Page {
    let done = q.done.as_deref();
    render(page(&state, &ctx, &actor, (s, c), done, Typed::default(), vec![]).await?)
}

/// Back to the note with a notice, or the page again with the error and what was typed.
async fn after(
    state: &AppState,
    Signed { actor, ctx }: &Signed,
    ids: (Uuid, Uuid),
    result: rapport_app::Result<&'static str>,
    typed: Typed,
) -> Page {
    let error = match result {
        Ok(done) => {
            let (s, c) = ids;
            return to(&format!("/sessions/{s}/notes/{c}?done={done}"));
        }
        Err(e) => invalid_or_conflict(e, "data")?,
    };
    let p = page(state, ctx, actor, ids, None, typed, vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

#[derive(Debug, Default, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    data: String,
    #[serde(default)]
    assessment: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    action: String,
    /// The psychotherapy note's box, in the same form while the note is a draft.
    body: Option<String>,
}

/// Saves the psychotherapy note typed beside the progress note, when there is one and it has
/// changed; whether it did.
async fn save_private_too(
    state: &AppState,
    actor: &Actor,
    (s, c): (Uuid, Uuid),
    body: Option<&str>,
) -> rapport_app::Result<bool> {
    let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
        return Ok(false);
    };
    let stored = notes::my_psychotherapy_note(&state.app, actor, s, c).await?;
    if stored.is_some_and(|n| n.body == body) {
        return Ok(false);
    }
    notes::save_psychotherapy_note(&state.app, actor, s, c, body).await?;
    Ok(true)
}

/// Saves the draft, or signs it; the psychotherapy note typed beside it is saved first, so
/// that signing never drops it.
async fn save(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(s): SessionId,
    MemberId(c): MemberId,
    Form(form): Form<NoteForm>,
) -> Page {
    let dap = Dap {
        data: form.data,
        assessment: form.assessment,
        plan: form.plan,
    };
    let sign = form.action == "sign";
    let typed = Typed {
        dap: Some(dap.clone()),
        private_note: form.body.clone(),
        ..Typed::default()
    };
    let actor = &signed.actor;
    let result = match save_private_too(&state, actor, (s, c), form.body.as_deref()).await {
        Ok(private) => notes::save_progress_note(&state.app, actor, s, c, dap, sign)
            .await
            .map(|_| match (sign, private) {
                (true, true) => "signed_private",
                (true, false) => "signed",
                (false, true) => "saved_private",
                (false, false) => "saved",
            }),
        Err(e) => Err(e),
    };
    after(&state, &signed, (s, c), result, typed).await
}

#[derive(Debug, Default, Deserialize)]
pub struct AmendForm {
    #[serde(default)]
    amendment: String,
}

/// Adds a dated amendment to a signed note.
async fn amend(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(s): SessionId,
    MemberId(c): MemberId,
    Form(form): Form<AmendForm>,
) -> Page {
    let result = notes::amend_progress_note(&state.app, &signed.actor, s, c, &form.amendment)
        .await
        .map(|()| "amended");
    let typed = Typed {
        amendment: form.amendment,
        ..Typed::default()
    };
    after(&state, &signed, (s, c), result, typed).await
}

#[derive(Debug, Default, Deserialize)]
pub struct PrivateForm {
    #[serde(default)]
    body: String,
    /// The progress note's boxes, sent along while it is a draft (one form holds both).
    data: Option<String>,
    assessment: Option<String>,
    plan: Option<String>,
}

/// Saves the clinician's own psychotherapy note, and the draft of the progress note typed
/// beside it when that has changed (no button on the page drops what another box holds).
async fn save_private(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(s): SessionId,
    MemberId(c): MemberId,
    Form(form): Form<PrivateForm>,
) -> Page {
    let dap = match (form.data, form.assessment, form.plan) {
        (Some(data), Some(assessment), Some(plan)) => Some(Dap {
            data,
            assessment,
            plan,
        }),
        _ => None,
    };
    let typed = Typed {
        dap: dap.clone(),
        private_note: Some(form.body.clone()),
        ..Typed::default()
    };
    let actor = &signed.actor;
    let result = async {
        notes::save_psychotherapy_note(&state.app, actor, s, c, &form.body).await?;
        let Some(dap) = dap else {
            return Ok("private");
        };
        let stored = notes::progress_note(&state.app, actor, s, c).await?;
        let same = stored.data == dap.data
            && stored.assessment == dap.assessment
            && stored.plan == dap.plan;
        if same || stored.signed_at.is_some() {
            return Ok("private");
        }
        notes::save_progress_note(&state.app, actor, s, c, dap, false).await?;
        Ok("private_draft")
    }
    .await;
    after(&state, &signed, (s, c), result, typed).await
}
