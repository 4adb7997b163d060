//! Homework between sessions (issue 13), as pages: the client's list (`/homework`), an
//! exercise of their own started there, the exercise's form (`/homework/{hw}`) saved as a
//! draft, quietly while typed (`/homework/{hw}/autosave`), and sent when done; the care team
//! assigns and reviews from the chart (`/clients/{id}/homework`, its `#homework` section).

pub mod chart;
pub mod form;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use rapport_app::Error;
use rapport_app::homework::{self, AssignmentView, NewAssignment, Occurrence};
use rapport_core::homework::{Kind, Status};
use serde::Deserialize;
use serde_json::Value;

use self::form::Field;
use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, field, invalid, invalid_or_conflict, render, render_status, to};
use crate::extract::{Ctx, HomeworkId, Signed};
use crate::i18n::{self, Lang};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/homework", get(list).post(start))
        .route("/homework/{hw}", get(exercise).post(save))
        .route("/homework/{hw}/autosave", post(autosave))
        .merge(chart::routes())
}

/// "5 Dec 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// When an assignment is due, in a few words and the reader's language: "due 5 Dec 2026",
/// "every day until 12 Dec 2026".
pub fn due_text_in(lang: Lang, a: &AssignmentView) -> Option<String> {
    if lang == Lang::En {
        return match (a.repeat, a.due_on) {
            (Some(r), _) => Some(format!(
                "{} until {}",
                r.every.label().to_lowercase(),
                day(r.until)
            )),
            (None, Some(d)) => Some(format!("due {}", day(d))),
            (None, None) => None,
        };
    }
    match (a.repeat, a.due_on) {
        (Some(r), _) => Some(i18n::t_args(
            lang,
            "hw-until",
            &[
                (
                    "every",
                    i18n::t(lang, &format!("hw-every-{}", r.every.as_str())).into(),
                ),
                ("date", i18n::local_date(lang, &day(r.until)).into()),
            ],
        )),
        (None, Some(d)) => Some(day_key(lang, "hw-due", d)),
        (None, None) => None,
    }
}

/// A message with a day (`$date`): "due 5 Dec 2026", "para el 5 dic 2026".
fn day_key(lang: Lang, key: &str, d: NaiveDate) -> String {
    i18n::t_args(
        lang,
        key,
        &[("date", i18n::local_date(lang, &day(d)).into())],
    )
}

/// A kind of exercise as the client reads it.
pub fn kind_label(lang: Lang, kind: Kind) -> String {
    i18n::t(lang, &format!("hw-kind-{}", kind.as_str()))
}

/// What a kind of exercise is for.
fn kind_purpose(lang: Lang, kind: Kind) -> String {
    i18n::t(lang, &format!("hw-purpose-{}", kind.as_str()))
}

/// A status as the client reads it.
fn status_label(lang: Lang, status: Status) -> String {
    i18n::t(lang, &format!("hw-status-{}", status.as_str()))
}

/// One line of the client's list.
pub struct ListItem {
    pub href: String,
    pub title: String,
    pub instructions: Option<String>,
    pub due: Option<String>,
    pub status: String,
    /// Sent, with when; reviewed, with the clinician's comment.
    pub sent: Option<String>,
    pub reviewed: bool,
    pub comment: Option<String>,
}

#[derive(Template)]
#[template(path = "homework_list.html")]
pub struct ListPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub to_do: Vec<ListItem>,
    pub done: Vec<ListItem>,
    /// (word, label, what it is for): the kinds a client may start on their own.
    pub kinds: Vec<(&'static str, String, String)>,
}

/// What is still to do for the client (the current occurrence not sent), for the list and
/// the client's home; with `late`, also what was not sent by its day, which can still be.
pub fn to_do(lang: Lang, assignments: &[AssignmentView], late: bool) -> Vec<ListItem> {
    assignments
        .iter()
        .filter(|a| match a.status() {
            Status::Due | Status::Draft => true,
            Status::Missed => late,
            Status::Done | Status::Reviewed => false,
        })
        .map(|a| ListItem {
            href: format!("/homework/{}", a.id),
            title: kind_label(lang, a.kind),
            instructions: a.instructions.clone(),
            due: due_text_in(lang, a),
            status: match a.status() {
                Status::Missed => i18n::t(lang, "hw-status-late"),
                s => status_label(lang, s),
            },
            sent: None,
            reviewed: false,
            comment: None,
        })
        .collect()
}

async fn own(state: &AppState, actor: &rapport_app::Actor) -> Result<Vec<AssignmentView>, Error> {
    homework::assignments_of(&state.app, actor, actor.user_id).await
}

async fn list(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let assignments = own(&state, &actor).await?;
    render(list_page(&ctx, &assignments, vec![]))
}

fn list_page(ctx: &Ctx, assignments: &[AssignmentView], errors: Vec<FormError>) -> ListPage {
    let zone = zone(ctx);
    let lang = ctx.lang;
    let mut done: Vec<ListItem> = assignments
        .iter()
        .flat_map(|a| a.occurrences.iter().map(move |o| (a, o)))
        .filter_map(|(a, o)| {
            let e = o.entry.as_ref().filter(|e| !e.draft)?;
            Some(ListItem {
                href: format!("/homework/{}", a.id),
                title: kind_label(lang, a.kind),
                instructions: a.instructions.clone(),
                due: o.due_on.map(|d| day_key(lang, "hw-for", d)),
                status: status_label(lang, o.status),
                sent: e
                    .submitted_at
                    .map(|at| i18n::local_date(lang, &zone.date_time(at))),
                reviewed: e.reviewed_at.is_some(),
                comment: e.review_comment.clone(),
            })
        })
        .collect();
    done.reverse();
    ListPage {
        l: Layout::new(ctx),
        errors,
        to_do: to_do(lang, assignments, true),
        done,
        kinds: Kind::ALL
            .iter()
            .filter(|k| !k.needs_instructions())
            .map(|k| (k.as_str(), kind_label(lang, *k), kind_purpose(lang, *k)))
            .collect(),
    }
}

/// The client starts an exercise on their own.
async fn start(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let new = NewAssignment {
        kind: field(&fields, "kind"),
        ..Default::default()
    };
    match homework::start_own(&state.app, &actor, actor.user_id, new).await {
        Ok(id) => to(&format!("/homework/{id}")),
        Err(e) => {
            let error = invalid(e)?;
            let assignments = own(&state, &actor).await?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                list_page(&ctx, &assignments, vec![error]),
            )
        }
    }
}

#[derive(Template)]
#[template(path = "homework_entry.html")]
pub struct EntryPage {
    pub l: Layout,
    pub id: String,
    pub title: String,
    pub purpose: String,
    pub instructions: Option<String>,
    pub due: Option<String>,
    /// The occurrence the form saves to (`YYYY-MM-DD`, or empty).
    pub due_on: String,
    /// The browser's copy of what is typed is kept under this name.
    pub key: String,
    /// The reader's timezone, for the time of a copy put back.
    pub zone: &'static str,
    /// When the server last saved the entry (ms since 1970; 0: never): a copy on the device
    /// older than that is offered, not put back.
    pub saved_ms: i64,
    pub notice: Option<String>,
    /// The server has what was typed: the browser's copy may go.
    pub kept: bool,
    /// The page shows what was just typed (a refused form): the browser's copy is refreshed
    /// from it, not put back.
    pub typed_back: bool,
    pub errors: Vec<FormError>,
    pub fields: Vec<Field>,
    /// Sent, not reviewed: it may be corrected (sent again), not saved as a draft.
    pub sent: Option<String>,
    pub saved: Option<String>,
    /// Reviewed: (when, the comment); the entry is shown, not a form.
    pub reviewed: Option<(String, Option<String>)>,
}

/// The client's assignment `hw` (another's is not found).
async fn assignment(
    state: &AppState,
    actor: &rapport_app::Actor,
    hw: uuid::Uuid,
) -> Result<AssignmentView, Error> {
    own(state, actor)
        .await?
        .into_iter()
        .find(|a| a.id == hw)
        .ok_or(Error::NotFound)
}

/// The occurrence a form works on: the one named, else the current one.
fn occurrence(a: &AssignmentView, due_on: Option<NaiveDate>) -> Option<&Occurrence> {
    match due_on {
        Some(d) => a.occurrences.iter().find(|o| o.due_on == Some(d)),
        None => a.occurrences.last(),
    }
}

fn entry_page(
    ctx: &Ctx,
    a: &AssignmentView,
    o: Option<&Occurrence>,
    typed: Option<Value>,
    errors: Vec<FormError>,
    notice: Option<String>,
) -> EntryPage {
    let zone = zone(ctx);
    let lang = ctx.lang;
    let when = |at| i18n::local_date(lang, &zone.date_time(at));
    let entry = o.and_then(|o| o.entry.as_ref());
    let due_on = o.and_then(|o| o.due_on);
    let typed_back = typed.is_some();
    let content = match (typed, entry) {
        (Some(v), _) => form::typed(a.kind, &v),
        (None, Some(e)) => e.content.clone(),
        (None, None) => form::empty(a.kind),
    };
    let reviewed = entry.and_then(|e| e.reviewed_at.map(|at| (when(at), e.review_comment.clone())));
    let mut fields = form::fields(&content, reviewed.is_none(), &errors);
    form::localise(&mut fields, lang);
    // The summary names the field as the form calls it.
    let errors = errors
        .into_iter()
        .map(|e| match form::label_of(&fields, &e.field) {
            Some(label) => FormError::new(
                e.field,
                format!("{label}: {}", i18n::error_message(lang, &e.message)),
            ),
            None => e,
        })
        .collect();
    let kept = notice.is_some();
    EntryPage {
        l: Layout::new(ctx),
        id: a.id.to_string(),
        title: kind_label(lang, a.kind),
        purpose: kind_purpose(lang, a.kind),
        instructions: a.instructions.clone(),
        due: match due_on {
            Some(d) if a.repeat.is_some() => Some(day_key(lang, "hw-for", d)),
            _ => due_text_in(lang, a),
        },
        due_on: due_on.map(|d| d.to_string()).unwrap_or_default(),
        key: format!(
            "homework-{}-{}",
            a.id,
            due_on.map_or("once".to_string(), |d| d.to_string())
        ),
        zone: zone.name(),
        saved_ms: entry.map_or(0, |e| e.updated_at.timestamp_millis()),
        notice,
        kept,
        typed_back,
        errors,
        fields,
        sent: entry
            .filter(|e| !e.draft)
            .and_then(|e| e.submitted_at.map(when)),
        saved: entry.map(|e| when(e.updated_at)),
        reviewed,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Which {
    /// An earlier day of a recurring exercise; the current one when absent.
    due: Option<NaiveDate>,
    saved: Option<String>,
    sent: Option<String>,
}

async fn exercise(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    HomeworkId(hw): HomeworkId,
    Query(q): Query<Which>,
) -> Page {
    let a = assignment(&state, &actor, hw).await?;
    let notice = if q.sent.is_some() {
        Some(i18n::t(ctx.lang, "hw-notice-sent"))
    } else if q.saved.is_some() {
        Some(i18n::t(ctx.lang, "hw-notice-saved"))
    } else {
        None
    };
    let o = occurrence(&a, q.due);
    render(entry_page(&ctx, &a, o, None, vec![], notice))
}

fn due_on(fields: &[(String, String)]) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(field(fields, "due_on").trim(), "%Y-%m-%d").ok()
}

/// "Save draft" or "Done" without script: saved, or the form again with what was typed and
/// the error. A refused "Done" is kept as a draft where it can be.
async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    HomeworkId(hw): HomeworkId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let done = field(&fields, "action") == "done";
    let due = due_on(&fields);
    let (content, unreadable) = form::read(&fields);
    let back = |word: &str| match due {
        Some(d) => format!("/homework/{hw}?{word}=1&due={d}"),
        None => format!("/homework/{hw}?{word}=1"),
    };
    let error = match unreadable {
        Some(e) => e,
        None => match homework::save_entry(&state.app, &actor, hw, due, !done, &content).await {
            Ok(_) if done => return to(&back("sent")),
            Ok(_) => return to(&back("saved")),
            Err(e) => invalid_or_conflict(e, "content")?,
        },
    };
    if done {
        // Kept as a draft unless it was sent already (then the sent one stands) or is over
        // the limits (then nothing can be kept but the page and the browser's copy).
        match homework::save_entry(&state.app, &actor, hw, due, true, &content).await {
            Ok(_) | Err(Error::Invalid { .. } | Error::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let a = assignment(&state, &actor, hw).await?;
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        entry_page(
            &ctx,
            &a,
            occurrence(&a, due),
            Some(content),
            vec![error],
            None,
        ),
    )
}

/// The quiet save while the client types: 204 when saved; 422 or 409 with the message when
/// it cannot be (a part too long, an entry already read).
async fn autosave(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    HomeworkId(hw): HomeworkId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let (content, _) = form::read(&fields);
    match homework::save_entry(&state.app, &actor, hw, due_on(&fields), true, &content).await {
        Ok(_) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(Error::Invalid { message, .. }) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, message).into_response())
        }
        Err(Error::Conflict(message)) => Ok((StatusCode::CONFLICT, message).into_response()),
        Err(e) => Err(e.into()),
    }
}
