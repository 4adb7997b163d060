//! One session (`/sessions/{id}`): when and where, who takes part and their attendance, its
//! history of moves, cancellations and requests; the clinician records attendance, moves and
//! cancels it and answers requests for another time there; a client reads the answers to
//! theirs.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDateTime;
use rapport_app::sessions;
use rapport_app::{Actor, Error};
use rapport_core::sessions::Attendance;
use serde::Deserialize;
use uuid::Uuid;

use super::requests::{RequestItem, items};
use super::scheduling::first_at;
use super::{WhereView, choices, error_of, kind_label, where_of};
use crate::error::PageError;
use crate::extract::{Ctx, SessionId, Signed};
use crate::pages::intake::Choice;
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::{local_input, own_timezone, when};
use crate::pages::{Page, render, render_status, to};
use crate::state::AppState;

pub struct AttendeeView {
    pub id: String,
    pub name: String,
    pub status: Option<&'static str>,
    /// The reader may record this client's attendance.
    pub can_record: bool,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    /// When they first came into the session's online room (a clinician's view).
    pub joined: Option<String>,
    /// Chat lines of the online room saved to this client's record.
    pub lines: Vec<String>,
}

pub struct ChangeView {
    pub at: String,
    pub who: String,
    pub what: String,
    pub reason: String,
    pub request: bool,
}

#[derive(Template)]
#[template(path = "session.html")]
pub struct SessionPage {
    pub l: Layout,
    pub id: String,
    /// The client the page was reached through (kept on every form).
    pub client: String,
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub when: String,
    pub timezone: String,
    pub minutes: i16,
    pub kind: &'static str,
    pub place: WhereView,
    pub series: bool,
    pub cancelled: bool,
    pub started: bool,
    pub clients: Vec<AttendeeView>,
    /// The reader is a client in the session: their own view, without the clinician's forms.
    pub as_member: bool,
    /// The clinician who leads it.
    pub with: String,
    /// How many other members take part (not named to this reader).
    pub others: usize,
    /// Family members named on a family session (shown to clinicians).
    pub family: Vec<String>,
    /// The reader may move and cancel it.
    pub can_manage: bool,
    pub changes: Vec<ChangeView>,
    /// Requests from clients for another time not answered yet.
    pub open_requests: usize,
    /// The open requests, with the answer form (a clinician).
    pub requests: Vec<RequestItem>,
    pub requests_back: String,
    /// The reader's own requests and their answers (a member).
    pub my_requests: Vec<RequestItem>,
    /// The move form's date and 24-hour time.
    pub move_date: String,
    pub move_time: String,
    pub reschedule_reason: String,
    pub cancel_reason: String,
    /// A medication review (issue 22).
    pub is_review: bool,
    /// The questions each client listed before the review: (name, questions), the care
    /// team's view.
    pub review_questions: Vec<(String, Vec<String>)>,
}

impl SessionPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_of(&self.errors, field)
    }
}

/// What was typed into the session page's forms, the notice and the errors.
#[derive(Debug, Default)]
pub struct SessionTyped {
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub starts_at: Option<String>,
    pub reschedule_reason: String,
    pub cancel_reason: String,
    /// (client, attendance word)
    pub attendance: Option<(Uuid, String)>,
}

async fn session_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    client: Option<Uuid>,
    typed: SessionTyped,
) -> Result<SessionPage, PageError> {
    let errors = typed.errors;
    let tz = own_timezone(ctx);
    let sessions::SessionDetail {
        session: s,
        as_member,
        clients,
        others,
        changes,
        can_manage,
    } = sessions::session(&state.app, actor, id).await?;
    let now = state.app.now();
    let family = if !as_member && s.kind == "family" {
        sessions::family_attendees(&state.app, actor, id)
            .await?
            .into_iter()
            .map(|f| f.name)
            .collect()
    } else {
        vec![]
    };
    let asked = items(
        sessions::session_requests(&state.app, actor, id).await?,
        &tz,
    );
    let (my_requests, requests) = if as_member {
        (asked, vec![])
    } else if s.cancelled_at.is_none() && s.starts_at > now {
        (
            vec![],
            asked.into_iter().filter(|r| r.answer.is_none()).collect(),
        )
    } else {
        (vec![], vec![])
    };
    // The online room: who came in (attendance is offered as attended; the clinician confirms)
    // and the chat lines saved to each client's record.
    let mut rooms = std::collections::HashMap::new();
    if !as_member && s.modality == "online" {
        for m in clients.iter().filter(|m| m.can_record) {
            rooms.insert(
                m.client_id,
                sessions::room::room_record(&state.app, actor, id, m.client_id).await?,
            );
        }
    }
    let is_review = s.kind == rapport_core::sessions::SessionKind::MedicationReview.as_str();
    let review_questions = if is_review && !as_member {
        rapport_app::medication::review_questions(&state.app, actor, id)
            .await?
            .into_iter()
            .map(|q| {
                let name = clients
                    .iter()
                    .find(|m| m.client_id == q.client_id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                (name, q.questions)
            })
            .collect()
    } else {
        vec![]
    };
    let moving = typed
        .starts_at
        .clone()
        .unwrap_or_else(|| local_input(s.starts_at, &tz));
    let (move_date, move_time) = moving.split_once('T').unwrap_or((moving.as_str(), ""));
    let (move_date, move_time) = (move_date.to_string(), move_time.to_string());
    Ok(SessionPage {
        l: Layout::new(ctx),
        id: id.to_string(),
        // Only a client shown here is kept on the forms.
        client: client
            .filter(|c| clients.iter().any(|m| m.client_id == *c))
            .or_else(|| clients.first().map(|c| c.client_id))
            .filter(|_| !as_member)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        notice: typed.notice,
        when: when(s.starts_at, &tz),
        minutes: s.minutes,
        kind: kind_label(&s),
        place: where_of(&s, now),
        series: s.series_id.is_some(),
        cancelled: s.cancelled_at.is_some(),
        started: s.starts_at <= now,
        clients: clients
            .iter()
            .map(|m| {
                let cid = &m.client_id;
                let attendance = m.attendance;
                let typed_word = typed
                    .attendance
                    .as_ref()
                    .filter(|(c, _)| c == cid)
                    .map(|(_, w)| w.as_str());
                let record = rooms.get(cid);
                let joined = record.and_then(|r| {
                    r.joined
                        .iter()
                        .find(|(u, _, _)| u == cid)
                        .map(|(_, _, at)| when(*at, &tz))
                });
                let came = joined.is_some().then_some(Attendance::Attended.as_str());
                let chosen = typed_word.or(attendance.map(Attendance::as_str)).or(came);
                AttendeeView {
                    id: cid.to_string(),
                    name: m.name.clone(),
                    status: attendance.map(Attendance::label),
                    can_record: m.can_record,
                    choices: choices(
                        Attendance::ALL,
                        Attendance::as_str,
                        Attendance::label,
                        chosen.unwrap_or_default(),
                    ),
                    error: error_of(&errors, &format!("attendance-{cid}")).map(str::to_string),
                    joined,
                    lines: record
                        .map(|r| r.lines.iter().map(|l| l.body.clone()).collect())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        changes: changes
            .iter()
            .map(|(c, by)| ChangeView {
                at: crate::i18n::local_date(ctx.lang, &when(c.at, &tz)),
                who: match (by == "you", as_member) {
                    (true, true) => crate::i18n::t(ctx.lang, "cl-session-you-member"),
                    (true, false) => crate::i18n::t(ctx.lang, "cl-session-you"),
                    (false, _) => by.clone(),
                },
                // A client or family member reads "you" in the informal register (Spanish
                // "tú pediste", not "usted pidió"; docs/languages.md "Tú and usted").
                what: match c.kind.as_str() {
                    "reschedule_requested" if by == "you" && as_member => {
                        crate::i18n::t(ctx.lang, "cl-session-you-asked-another")
                    }
                    "rescheduled" => crate::i18n::t_args(
                        ctx.lang,
                        "cl-session-moved-it",
                        &[
                            (
                                "from",
                                crate::i18n::Arg::Owned(crate::i18n::local_date(
                                    ctx.lang,
                                    &c.from_starts_at.map(|t| when(t, &tz)).unwrap_or_default(),
                                )),
                            ),
                            (
                                "to",
                                crate::i18n::Arg::Owned(crate::i18n::local_date(
                                    ctx.lang,
                                    &c.to_starts_at.map(|t| when(t, &tz)).unwrap_or_default(),
                                )),
                            ),
                        ],
                    ),
                    "cancelled" => crate::i18n::t(ctx.lang, "cl-session-cancelled-it"),
                    "reschedule_requested" => crate::i18n::t(ctx.lang, "cl-session-asked-another"),
                    other => other.replace('_', " "),
                },
                reason: c.reason.clone(),
                request: c.kind == "reschedule_requested",
            })
            .collect(),
        open_requests: requests.len(),
        requests,
        requests_back: format!("/sessions/{id}"),
        my_requests,
        move_date,
        move_time,
        as_member,
        with: s.clinician_name.clone(),
        others,
        family,
        can_manage,
        reschedule_reason: typed.reschedule_reason,
        cancel_reason: typed.cancel_reason,
        is_review,
        review_questions,
        timezone: tz,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SessionQuery {
    client: Option<String>,
    done: Option<String>,
}

fn done_text(done: Option<&str>) -> Option<String> {
    let d = done?;
    if let Some(n) = d.strip_prefix("scheduled-") {
        return Some(match n.parse::<u32>().unwrap_or(1) {
            1 => "The session is scheduled.".into(),
            n => format!("{n} weekly sessions are scheduled; this is the first."),
        });
    }
    Some(
        match d {
            "attendance" => "Attendance recorded.",
            "moved" => "The session is moved. It shows at the new time in everyone's calendar.",
            "cancelled" => "The session is cancelled.",
            "answered" => "Your answer is sent.",
            _ => return None,
        }
        .into(),
    )
}

fn client_param(s: Option<&str>) -> Option<Uuid> {
    s.and_then(|s| Uuid::parse_str(s).ok())
}

pub async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(id): SessionId,
    Query(q): Query<SessionQuery>,
) -> Page {
    let typed = SessionTyped {
        notice: done_text(q.done.as_deref()),
        ..SessionTyped::default()
    };
    let client = client_param(q.client.as_deref());
    render(session_page(&state, &ctx, &actor, id, client, typed).await?)
}

/// After a form on the session page: back to it with a notice, or the page again with the
/// error and what was typed.
async fn after(
    state: &AppState,
    Signed { actor, ctx }: &Signed,
    (id, client): (Uuid, Option<Uuid>),
    done: &str,
    result: Result<(), FormError>,
    typed: SessionTyped,
) -> Page {
    let error = match result {
        Ok(()) => {
            let client = client.map(|c| format!("client={c}&")).unwrap_or_default();
            return to(&format!("/sessions/{id}?{client}done={done}"));
        }
        Err(error) => error,
    };
    let typed = SessionTyped {
        errors: vec![error],
        ..typed
    };
    let p = session_page(state, ctx, actor, id, client, typed).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

/// A use-case's answer as a form error on `field`, or the error page.
fn form_result(
    r: rapport_app::Result<()>,
    field: &str,
) -> Result<Result<(), FormError>, PageError> {
    match r {
        Ok(()) => Ok(Ok(())),
        Err(Error::Invalid { field: f, message }) => Ok(Err(FormError::new(
            match f.as_str() {
                "starts_at" => "starts_at".to_string(),
                _ => field.to_string(),
            },
            message,
        ))),
        Err(Error::Conflict(message)) => Ok(Err(FormError::new(field, message))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AttendanceForm {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    client: String,
}

pub async fn attendance(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(id): SessionId,
    Form(form): Form<AttendanceForm>,
) -> Page {
    let client_id = Uuid::parse_str(&form.client_id).map_err(|_| Error::NotFound)?;
    let r = sessions::record_attendance(&state.app, &signed.actor, id, client_id, &form.attendance)
        .await;
    let result = form_result(r, &format!("attendance-{client_id}"))?;
    let typed = SessionTyped {
        attendance: Some((client_id, form.attendance)),
        ..SessionTyped::default()
    };
    let client = client_param(Some(&form.client)).or(Some(client_id));
    after(&state, &signed, (id, client), "attendance", result, typed).await
}

#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    /// `2026-11-03T17:00`, or `date` and a 24-hour `time` apart.
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    client: String,
}

/// A `datetime-local` value: `2026-11-03T17:00` (seconds allowed).
fn parse_local(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

pub async fn reschedule(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(id): SessionId,
    Form(form): Form<MoveForm>,
) -> Page {
    let starts_at = parse_local(&form.starts_at).or_else(|| first_at(&form.date, &form.time));
    let r = sessions::reschedule(&state.app, &signed.actor, id, starts_at, &form.reason).await;
    let result = form_result(r, "reschedule_reason")?;
    let typed = SessionTyped {
        starts_at: Some(if form.starts_at.is_empty() {
            format!("{}T{}", form.date.trim(), form.time.trim())
        } else {
            form.starts_at
        }),
        reschedule_reason: form.reason,
        ..SessionTyped::default()
    };
    let client = client_param(Some(&form.client));
    after(&state, &signed, (id, client), "moved", result, typed).await
}

#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    client: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    signed: Signed,
    SessionId(id): SessionId,
    Form(form): Form<CancelForm>,
) -> Page {
    let r = sessions::cancel(&state.app, &signed.actor, id, &form.reason).await;
    let result = form_result(r, "cancel_reason")?;
    let typed = SessionTyped {
        cancel_reason: form.reason,
        ..SessionTyped::default()
    };
    let client = client_param(Some(&form.client));
    after(&state, &signed, (id, client), "cancelled", result, typed).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_times() {
        assert_eq!(
            parse_local("2026-11-03T17:05").map(|t| t.to_string()),
            Some("2026-11-03 17:05:00".into())
        );
        assert_eq!(parse_local("tomorrow"), None);
    }

    #[test]
    fn notices() {
        assert_eq!(
            done_text(Some("scheduled-1")).as_deref(),
            Some("The session is scheduled.")
        );
        assert!(done_text(Some("scheduled-4")).is_some_and(|t| t.starts_with("4 weekly")));
        assert_eq!(done_text(Some("nonsense")), None);
    }
}
