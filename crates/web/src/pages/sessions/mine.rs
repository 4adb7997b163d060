//! The client's own sessions, and asking for another time for one of them, proposing up to
//! three times; the answers to their requests.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::sessions;
use rapport_app::{Actor, Error};
use rapport_core::sessions::{Attendance, MAX_PROPOSALS};
use serde::Deserialize;
use uuid::Uuid;

use super::requests::{RequestItem, items};
use super::scheduling::first_at;
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
    /// The client's requests for another time for it, with their answers.
    pub asked: Vec<RequestItem>,
    pub reason: String,
    /// The times typed into the form: (n, date, time), n from 1.
    pub proposals: Vec<(usize, String, String)>,
    pub error: Option<String>,
    /// A proposed time to fix: (its field, what to fix).
    pub times_error: Option<(String, String)>,
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
    /// (date, time) as typed, three of them.
    proposals: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    notice: Option<&'static str>,
    typed: Option<Typed>,
    errors: Vec<FormError>,
) -> Result<MySessionsPage, PageError> {
    let tz = own_timezone(ctx);
    let now = state.app.now();
    // Side by side: each read's audit event is committed before it returns, and the two
    // commits wait together rather than one after the other.
    let (list, requests) = tokio::try_join!(
        sessions::sessions_of(&state.app, actor, actor.user_id),
        sessions::my_requests(&state.app, actor),
    )?;
    let mut mine = items(requests, &tz);
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
            place: where_of(s, now),
            cancelled: s.cancelled_at.is_some(),
            attendance: v.attendance.map(Attendance::label),
            asked: mine
                .extract_if(.., |r| {
                    r.session_href.starts_with(&format!("/sessions/{id}?"))
                })
                .collect(),
            reason: typed_here.map(|t| t.reason.clone()).unwrap_or_default(),
            proposals: (0..MAX_PROPOSALS)
                .map(|i| {
                    let (d, t) = typed_here
                        .and_then(|t| t.proposals.get(i).cloned())
                        .unwrap_or_default();
                    (i + 1, d, t)
                })
                .collect(),
            error: error_of(&errors, &format!("reason-{id}")).map(str::to_string),
            times_error: errors
                .iter()
                .find(|e| e.field.starts_with("date_") && e.field.ends_with(&format!("-{id}")))
                .map(|e| (e.field.clone(), e.message.clone())),
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
        Some("asked") => Some(
            "Your request is sent. Your therapist answers here and on your home page; until then the session stays as it is.",
        ),
        _ => None,
    };
    render(page(state, ctx, actor, notice, None, vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    date_1: String,
    #[serde(default)]
    time_1: String,
    #[serde(default)]
    date_2: String,
    #[serde(default)]
    time_2: String,
    #[serde(default)]
    date_3: String,
    #[serde(default)]
    time_3: String,
}

/// The client asks for another time for one of their sessions.
pub async fn request_reschedule(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(id): SessionId,
    Form(form): Form<AskForm>,
) -> Page {
    let typed_times = vec![
        (form.date_1, form.time_1),
        (form.date_2, form.time_2),
        (form.date_3, form.time_3),
    ];
    // A time half given, or not a time, is named before anything is sent.
    let mut proposed = vec![];
    let mut error = None;
    for (i, (d, t)) in typed_times.iter().enumerate() {
        if d.trim().is_empty() && t.trim().is_empty() {
            continue;
        }
        match first_at(d, t) {
            Some(at) => proposed.push(at),
            None => {
                error = Some(FormError::new(
                    format!("date_{}-{id}", i + 1),
                    format!("Time {}: give the date and the time, like 14:30.", i + 1),
                ));
                break;
            }
        }
    }
    let error = match error {
        Some(e) => e,
        None => {
            match sessions::ask_for_another_time(&state.app, &actor, id, &form.reason, &proposed)
                .await
            {
                Ok(_) => return to("/sessions?done=asked"),
                Err(Error::Invalid { field, message }) => {
                    let field = match field.strip_prefix("proposed[") {
                        Some(rest) => {
                            let n = rest.trim_end_matches(']').parse::<usize>().unwrap_or(0) + 1;
                            format!("date_{n}-{id}")
                        }
                        None => format!("reason-{id}"),
                    };
                    FormError::new(field, message)
                }
                Err(Error::Conflict(message)) => FormError::new(format!("reason-{id}"), message),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let typed = Typed {
        session: id,
        reason: form.reason,
        proposals: typed_times,
    };
    let p = page(&state, &ctx, &actor, None, Some(typed), vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
