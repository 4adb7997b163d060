//! The client's own sessions, and asking for another time for one of them.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::sessions;
use rapport_app::{Actor, Error};
use rapport_core::sessions::Attendance;
use serde::Deserialize;
use uuid::Uuid;

use super::{WhereView, error_of, kind_label, where_of};
use crate::error::PageError;
use crate::extract::{Ctx, SessionId, Signed};
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::{own_timezone, when};
use crate::pages::{Page, render, render_status, to};
use crate::state::AppState;

/// One of the client's own sessions.
pub struct MySession {
    pub id: String,
    pub when: String,
    pub minutes: i16,
    pub kind: &'static str,
    pub with: String,
    pub place: WhereView,
    pub cancelled: bool,
    pub attendance: Option<&'static str>,
    /// When the client asked for another time, and why.
    pub asked: Vec<(String, String)>,
    pub reason: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "sessions_client.html")]
pub struct MySessionsPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub timezone: String,
    pub upcoming: Vec<MySession>,
    pub past: Vec<MySession>,
}

/// What the client typed into one session's "ask for another time" form.
struct Typed {
    session: Uuid,
    reason: String,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    notice: Option<&'static str>,
    typed: Option<Typed>,
    errors: Vec<FormError>,
) -> Result<MySessionsPage, PageError> {
    let tz = own_timezone(state, actor).await?;
    let now = state.app.now();
    let list = sessions::sessions_of(&state.app, actor, actor.user_id).await?;
    let mut upcoming = vec![];
    let mut past = vec![];
    for v in list {
        let s = &v.session;
        let id = s.id.to_string();
        let typed_here = typed.as_ref().filter(|t| t.session == s.id);
        let view = MySession {
            when: when(s.starts_at, &tz),
            minutes: s.minutes,
            kind: kind_label(s),
            with: s.clinician_name.clone(),
            place: where_of(s),
            cancelled: s.cancelled_at.is_some(),
            attendance: v.attendance.map(Attendance::label),
            asked: v
                .changes
                .iter()
                .filter(|c| c.kind == "reschedule_requested" && c.by == actor.user_id)
                .map(|c| (when(c.at, &tz), c.reason.clone()))
                .collect(),
            reason: typed_here.map(|t| t.reason.clone()).unwrap_or_default(),
            error: error_of(&errors, &format!("reason-{id}")).map(str::to_string),
            id,
        };
        if s.starts_at > now {
            upcoming.push(view);
        } else {
            past.push(view);
        }
    }
    past.reverse();
    Ok(MySessionsPage {
        l: Layout::new(ctx),
        notice,
        errors,
        timezone: tz,
        upcoming,
        past,
    })
}

/// `/sessions` for a client.
pub async fn show(state: &AppState, Signed { actor, ctx }: &Signed, done: Option<&str>) -> Page {
    let notice = match done {
        Some("asked") => {
            Some("Your request is sent. Your therapist will be in touch about another time.")
        }
        _ => None,
    };
    render(page(state, ctx, actor, notice, None, vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    reason: String,
}

/// The client asks for another time for one of their sessions.
pub async fn request_reschedule(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(id): SessionId,
    Form(form): Form<AskForm>,
) -> Page {
    let error = match sessions::request_reschedule(&state.app, &actor, id, &form.reason).await {
        Ok(()) => return to("/sessions?done=asked"),
        Err(Error::Invalid { message, .. } | Error::Conflict(message)) => {
            FormError::new(format!("reason-{id}"), message)
        }
        Err(e) => return Err(e.into()),
    };
    let typed = Typed {
        session: id,
        reason: form.reason,
    };
    let p = page(&state, &ctx, &actor, None, Some(typed), vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
