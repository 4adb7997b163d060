//! The client's feedback on a session (four 0–10 questions, optional as a whole), and the
//! request for a different therapist.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::{Actor, Error, sessions};
use rapport_core::accounts::Role;
use rapport_core::measures::{FEEDBACK_MAX, FeedbackInput, FeedbackQuestion};
use serde::Deserialize;
use uuid::Uuid;

use super::legacy::{render, render_status};
use super::sessions::{own_timezone, when};
use super::templates::{FormError, Layout};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

pub struct QuestionView {
    pub name: &'static str,
    pub label: &'static str,
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

fn client_only(actor: &Actor) -> Result<(), Error> {
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
) -> Result<FeedbackPage, Error> {
    client_only(actor)?;
    let tz = own_timezone(state, actor).await?;
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
                label: q.label(),
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

pub async fn form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let result = async {
        let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
        page(&state, &ctx, &actor, id, &FeedbackForm::default(), vec![]).await
    };
    match result.await {
        Ok(p) => render(p),
        Err(e) => PageError(e).into_response(),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<FeedbackForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    let input = FeedbackInput {
        heard: number(&form.heard),
        worked_on_what_i_wanted: number(&form.worked_on_what_i_wanted),
        approach_fits: number(&form.approach_fits),
        overall: number(&form.overall),
        comment: Some(form.comment.as_str()),
    };
    let error = match sessions::submit_feedback(&state.app, &actor, id, input).await {
        Ok(()) => return Redirect::to("/home?done=feedback").into_response(),
        Err(Error::Invalid { field, message }) => FormError::new(field, message),
        Err(Error::Conflict(message)) => FormError::new(FeedbackQuestion::Heard.as_str(), message),
        Err(e) => return PageError(e).into_response(),
    };
    match page(&state, &ctx, &actor, id, &form, vec![error]).await {
        Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "therapist_request.html")]
pub struct TherapistRequestPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub reason: String,
}

impl TherapistRequestPage {
    fn error(&self) -> Option<&str> {
        self.errors.first().map(|e| e.message.as_str())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TherapistForm {
    #[serde(default)]
    reason: String,
}

pub async fn therapist_form(ctx: Ctx) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    if let Err(e) = client_only(&actor) {
        return PageError(e).into_response();
    }
    render(TherapistRequestPage {
        l: Layout::new(&ctx),
        errors: vec![],
        reason: String::new(),
    })
}

pub async fn therapist_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<TherapistForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match sessions::request_other_therapist(&state.app, &actor, &form.reason).await {
        Ok(()) => Redirect::to("/home?done=therapist").into_response(),
        Err(Error::Invalid { message, .. }) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            TherapistRequestPage {
                l: Layout::new(&ctx),
                errors: vec![FormError::new("reason", message)],
                reason: form.reason,
            },
        ),
        Err(e) => PageError(e).into_response(),
    }
}
