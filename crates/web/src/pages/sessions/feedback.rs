//! The client's feedback on a session (four 0–10 questions, optional as a whole).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::{Actor, Error, sessions};
use rapport_core::accounts::Role;
use rapport_core::measures::{FEEDBACK_MAX, FeedbackInput, FeedbackQuestion};
use serde::Deserialize;
use uuid::Uuid;

use crate::error::PageError;
use crate::extract::{Ctx, SessionId, Signed};
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::{own_timezone, when};
use crate::pages::{Page, invalid_or_conflict, render, render_status, to};
use crate::state::AppState;

pub struct QuestionView {
    pub name: &'static str,
    /// The question's message.
    pub key: String,
    /// 0 to 10, and whether it is the answer chosen so far.
    pub scale: Vec<(u8, bool)>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "feedback.html")]
pub struct FeedbackPage {
    pub l: Layout,
    pub session_id: String,
    /// When the session was; `None` when there is nothing to answer for it.
    pub when: Option<String>,
    pub errors: Vec<FormError>,
    pub questions: Vec<QuestionView>,
    pub comment: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedbackForm {
    #[serde(default)]
    heard: String,
    #[serde(default)]
    worked_on_what_i_wanted: String,
    #[serde(default)]
    approach_fits: String,
    #[serde(default)]
    overall: String,
    #[serde(default)]
    comment: String,
}

impl FeedbackForm {
    fn answer(&self, q: FeedbackQuestion) -> &str {
        match q {
            FeedbackQuestion::Heard => &self.heard,
            FeedbackQuestion::WhatIWanted => &self.worked_on_what_i_wanted,
            FeedbackQuestion::ApproachFits => &self.approach_fits,
            FeedbackQuestion::Overall => &self.overall,
        }
    }
}

fn number(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

/// Feedback, and asking for another therapist, are the client's.
pub fn client_only(actor: &Actor) -> Result<(), Error> {
    if actor.role == Role::Client {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    session_id: Uuid,
    typed: &FeedbackForm,
    errors: Vec<FormError>,
) -> Result<FeedbackPage, PageError> {
    client_only(actor)?;
    let tz = own_timezone(ctx);
    let due = sessions::due_feedback(&state.app, actor)
        .await?
        .into_iter()
        .find(|d| d.session_id == session_id);
    Ok(FeedbackPage {
        l: Layout::new(ctx),
        session_id: session_id.to_string(),
        when: due.map(|d| when(d.starts_at, &tz)),
        questions: FeedbackQuestion::ALL
            .iter()
            .map(|q| QuestionView {
                name: q.as_str(),
                key: format!("fb-q-{}", q.as_str()),
                scale: (0..=FEEDBACK_MAX)
                    .map(|v| (v, number(typed.answer(*q)) == Some(i64::from(v))))
                    .collect(),
                error: errors
                    .iter()
                    .find(|e| e.field == q.as_str())
                    .map(|e| e.message.clone()),
            })
            .collect(),
        comment: typed.comment.clone(),
        errors,
    })
}

pub async fn form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(id): SessionId,
) -> Page {
    render(page(&state, &ctx, &actor, id, &FeedbackForm::default(), vec![]).await?)
}

pub async fn submit(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(id): SessionId,
    Form(form): Form<FeedbackForm>,
) -> Page {
    let input = FeedbackInput {
        heard: number(&form.heard),
        worked_on_what_i_wanted: number(&form.worked_on_what_i_wanted),
        approach_fits: number(&form.approach_fits),
        overall: number(&form.overall),
        comment: Some(form.comment.as_str()),
    };
    let error = match sessions::submit_feedback(&state.app, &actor, id, input).await {
        Ok(()) => return to("/home?done=feedback"),
        Err(e) => invalid_or_conflict(e, FeedbackQuestion::Heard.as_str())?,
    };
    let p = page(&state, &ctx, &actor, id, &form, vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
