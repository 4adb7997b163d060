//! Clients' requests for another time, as pages show them: open ones with the clinician's
//! answer form (on the clinician's home, the sessions list and the session's page), and the
//! client's own with their answers. Answering is `POST /session-requests/{id}/answer`.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use rapport_app::sessions::{self, AnswerInput, RequestView};
use rapport_app::{Actor, Error};
use rapport_core::sessions::RequestAnswer;
use serde::Deserialize;
use uuid::Uuid;

use super::scheduling::first_at;
use crate::error::PageError;
use crate::extract::{Ctx, Signed};
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::{own_timezone, when};
use crate::pages::{Page, render_status, to};
use crate::state::AppState;

/// One proposed time, as a choice of the answer form.
pub struct ProposalView {
    /// From 1.
    pub n: usize,
    pub when: String,
    pub checked: bool,
}

/// A request for another time, as shown to the clinician who answers it or the client who
/// asked.
pub struct RequestItem {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    pub session_href: String,
    /// When the session is now.
    pub session_when: String,
    pub asked_when: String,
    pub reason: String,
    pub proposed: Vec<ProposalView>,
    /// The answer in words ("Moved to a time you proposed"), when answered.
    pub answer: Option<&'static str>,
    pub answered_when: String,
    pub answered_by: String,
    pub message: String,
    /// Where the answer moved the session.
    pub moved_to: String,
    /// The answer form as typed (after an error): the choice, date, time and message.
    pub typed: Typed,
    pub error: Option<String>,
}

/// What was typed into an answer form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Typed {
    #[serde(default)]
    pub choice: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub message: String,
}

/// The requests as page items, on the reader's clock.
pub fn items(list: Vec<RequestView>, tz: &str) -> Vec<RequestItem> {
    list.into_iter()
        .map(|r| RequestItem {
            id: r.id.to_string(),
            client_id: r.client_id.to_string(),
            client_name: r.client_name,
            session_href: format!("/sessions/{}?client={}", r.session_id, r.client_id),
            session_when: when(r.session_starts_at, tz),
            asked_when: when(r.asked_at, tz),
            reason: r.reason,
            proposed: r
                .proposed
                .iter()
                .enumerate()
                .map(|(i, p)| ProposalView {
                    n: i + 1,
                    when: when(*p, tz),
                    checked: false,
                })
                .collect(),
            answer: r.answer.as_ref().map(|a| a.answer.label()),
            answered_when: r
                .answer
                .as_ref()
                .map(|a| when(a.at, tz))
                .unwrap_or_default(),
            answered_by: r
                .answer
                .as_ref()
                .map(|a| a.by_name.clone())
                .unwrap_or_default(),
            message: r
                .answer
                .as_ref()
                .and_then(|a| a.message.clone())
                .unwrap_or_default(),
            moved_to: r
                .answer
                .as_ref()
                .and_then(|a| a.to_starts_at)
                .map(|t| when(t, tz))
                .unwrap_or_default(),
            typed: Typed::default(),
            error: None,
        })
        .collect()
}

/// The open requests on the signed-in clinician's sessions, as page items.
pub async fn open_items(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
) -> Result<Vec<RequestItem>, Error> {
    Ok(items(
        sessions::open_requests(&state.app, actor).await?,
        &own_timezone(ctx),
    ))
}

/// A request's answer form sent back with its error.
#[derive(Template)]
#[template(path = "session_request.html")]
pub struct AnswerPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub timezone: String,
    pub requests: Vec<RequestItem>,
    pub requests_back: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct AnswerForm {
    #[serde(flatten)]
    typed: Typed,
    #[serde(default)]
    back: String,
}

/// Where to go back to after answering: the clinician's home, the sessions list or a session.
fn back_to(back: &str) -> String {
    if back == "/home" || back == "/sessions" || back.starts_with("/sessions/") {
        back.to_string()
    } else {
        "/home".into()
    }
}

fn with_done(back: &str) -> String {
    let sep = if back.contains('?') { '&' } else { '?' };
    format!("{back}{sep}done=answered")
}

/// `choice`: `1`…`3` (a proposed time), `moved` (another time) or `declined`.
fn input(t: &Typed) -> AnswerInput {
    let (answer, proposal) = match t.choice.parse::<usize>() {
        Ok(n) => (RequestAnswer::Accepted.as_str().to_string(), Some(n)),
        Err(_) => (t.choice.clone(), None),
    };
    AnswerInput {
        answer,
        proposal,
        starts_at: first_at(&t.date, &t.time),
        message: t.message.clone(),
    }
}

pub async fn answer(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Page {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    let back = back_to(&form.back);
    let message = match sessions::answer_request(&state.app, &actor, id, input(&form.typed)).await {
        Ok(()) => return to(&with_done(&back)),
        Err(Error::Invalid { message, .. } | Error::Conflict(message)) => message,
        Err(e) => return Err(e.into()),
    };
    error_page(&state, &ctx, &actor, id, back, form.typed, message).await
}

/// The request again, alone, with what was typed and what to fix.
async fn error_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    back: String,
    typed: Typed,
    message: String,
) -> Page {
    let tz = own_timezone(ctx);
    let mut requests: Vec<RequestItem> =
        items(sessions::open_requests(&state.app, actor).await?, &tz)
            .into_iter()
            .filter(|r| r.id == id.to_string())
            .collect();
    let errors = vec![FormError::new(format!("answer-{id}"), message.clone())];
    let Some(r) = requests.first_mut() else {
        // Answered meanwhile (or never theirs): back where they came from, which shows it.
        return Err(PageError(Error::Conflict(message)));
    };
    for p in &mut r.proposed {
        p.checked = typed.choice == p.n.to_string();
    }
    r.typed = typed;
    r.error = Some(message);
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        AnswerPage {
            l: Layout::new(ctx),
            errors,
            timezone: tz,
            requests,
            requests_back: back,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_from_the_form() {
        let t = |choice: &str| Typed {
            choice: choice.into(),
            date: "2026-12-03".into(),
            time: "16:00".into(),
            message: String::new(),
        };
        let a = input(&t("2"));
        assert_eq!((a.answer.as_str(), a.proposal), ("accepted", Some(2)));
        let a = input(&t("moved"));
        assert_eq!(a.answer, "moved");
        assert_eq!(
            a.starts_at.map(|s| s.to_string()),
            Some("2026-12-03 16:00:00".into())
        );
        assert_eq!(input(&t("declined")).answer, "declined");
        assert_eq!(back_to("https://elsewhere.example"), "/home");
        assert_eq!(
            with_done("/sessions/x?client=y"),
            "/sessions/x?client=y&done=answered"
        );
    }
}
