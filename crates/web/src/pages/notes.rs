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
    let tz = own_timezone(state, actor).await?;
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
    let (notice, drafts_saved) = match done {
        Some("saved") => (
            Some("Draft saved. Sign it when it is complete."),
            Some(format!("note-{session_id}-{client_id}")),
        ),
        Some("signed") => (
            Some("Signed. The note is part of the record now and cannot be changed."),
            Some(format!("note-{session_id}-{client_id}")),
        ),
        Some("amended") => (
            Some("Amendment added."),
            Some(format!("amend-{session_id}-{client_id}")),
        ),
        Some("private") => (
            Some("Your psychotherapy note is saved."),
            Some(format!("pnote-{session_id}-{client_id}")),
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
}

/// Saves the draft, or signs it.
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
    let result = notes::save_progress_note(&state.app, &signed.actor, s, c, dap.clone(), sign)
        .await
        .map(|_| if sign { "signed" } else { "saved" });
    let typed = Typed {
        dap: Some(dap),
        ..Typed::default()
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
}

/// Saves the clinician's own psychotherapy note.
async fn save_private(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(s): SessionId,
    MemberId(c): MemberId,
    Form(form): Form<PrivateForm>,
) -> Page {
    let result = notes::save_psychotherapy_note(&state.app, &signed.actor, s, c, &form.body)
        .await
        .map(|()| "private");
    let typed = Typed {
        private_note: Some(form.body),
        ..Typed::default()
    };
    after(&state, &signed, (s, c), result, typed).await
}
