//! Homework on the client's chart: the care team assigns an exercise, reads what was sent in
//! full, and marks it reviewed with a comment the client reads; the completion rate beside it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Form, Router};
use chrono::NaiveDate;
use rapport_app::Actor;
use rapport_app::homework::{self, AssignmentView, NewAssignment, RepeatInput};
use rapport_app::time::Zone;
use rapport_core::homework::Kind;
use uuid::Uuid;

use super::form::{self, Field};
use super::{day, due_text_in};
use crate::extract::{ClientId, HomeworkId, Signed};
use crate::i18n::{self, Lang};
use crate::pages::chart::{Done, record_page};
use crate::pages::templates::{FormError, first_name};
use crate::pages::{Page, field, invalid_or_conflict, render_status, to};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/clients/{id}/homework", post(assign))
        .route("/clients/{id}/homework/{hw}/review", post(review))
}

/// The assign form as typed.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub kind: String,
    pub instructions: String,
    pub due_on: String,
    /// `""`, `day` or `week`.
    pub every: String,
    pub until: String,
    /// The assignment whose review form was sent, and its comment.
    pub review: Option<(String, String)>,
}

/// One entry the client sent (or is writing), as the care team reads it.
pub struct EntryRow {
    /// "for 5 Dec 2026" in the reader's language, or empty.
    pub due: String,
    pub status: &'static str,
    /// Still being written: its words stay the client's until sent.
    pub draft: bool,
    pub sent: Option<String>,
    pub fields: Vec<Field>,
    /// (when, the comment).
    pub reviewed: Option<(String, Option<String>)>,
}

pub struct AssignmentRow {
    pub id: String,
    pub title: &'static str,
    pub instructions: Option<String>,
    /// "Assigned 3 Dec 2026" or "Started by the client on 3 Dec 2026", in the reader's
    /// language.
    pub origin: String,
    /// "due 5 Dec 2026", "every day until 12 Dec 2026", in the reader's language.
    pub due: Option<String>,
    pub status: &'static str,
    pub entries: Vec<EntryRow>,
    /// Entries sent and not reviewed yet.
    pub to_review: usize,
}

impl AssignmentRow {
    /// The name (and id) of its review comment's box.
    pub fn comment_name(&self) -> String {
        format!("comment-{}", self.id)
    }
}

/// The chart's `#homework` section.
pub struct Section {
    /// The client's first name, to address the comment.
    pub first_name: String,
    pub custom_label: &'static str,
    /// (word, label, chosen): once, every day, every week.
    pub repeats: Vec<(&'static str, &'static str, bool)>,
    /// (word, label, chosen)
    pub kinds: Vec<(&'static str, &'static str, bool)>,
    pub completion: Option<u8>,
    pub assignments: Vec<AssignmentRow>,
    /// Entries sent and not reviewed, on all assignments.
    pub to_review: usize,
    pub typed: Typed,
    pub errors: Vec<FormError>,
}

impl Section {
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.as_str())
    }

    /// The comment typed for the review of `id`, when it was sent back.
    pub fn comment_for(&self, id: &str) -> &str {
        match &self.typed.review {
            Some((a, c)) if a == id => c,
            _ => "",
        }
    }
}

pub fn section(
    name: &str,
    assignments: &[AssignmentView],
    zone: Zone,
    lang: Lang,
    (typed, errors): (Typed, Vec<FormError>),
) -> Section {
    let mut rows: Vec<AssignmentRow> = assignments.iter().map(|a| row(a, zone, lang)).collect();
    rows.reverse();
    Section {
        first_name: first_name(name).to_string(),
        custom_label: Kind::Custom.label(),
        repeats: [("", "Once"), ("day", "Every day"), ("week", "Every week")]
            .into_iter()
            .map(|(w, l)| (w, l, typed.every == w))
            .collect(),
        kinds: Kind::ALL
            .iter()
            .map(|k| (k.as_str(), k.label(), typed.kind == k.as_str()))
            .collect(),
        completion: homework::completion(assignments),
        to_review: rows.iter().map(|r| r.to_review).sum(),
        assignments: rows,
        typed,
        errors,
    }
}

/// A date in words in the reader's language, through `key` (its `$date`).
fn dated(lang: Lang, key: &str, date: String) -> String {
    i18n::t_args(lang, key, &[("date", i18n::local_date(lang, &date).into())])
}

fn row(a: &AssignmentView, zone: Zone, lang: Lang) -> AssignmentRow {
    let entries: Vec<EntryRow> = a
        .occurrences
        .iter()
        .rev()
        .filter_map(|o| {
            let e = o.entry.as_ref()?;
            Some(EntryRow {
                due: o
                    .due_on
                    .map(|d| dated(lang, "chart-hw-for", day(d)))
                    .unwrap_or_default(),
                status: o.status.label(),
                draft: e.draft,
                sent: e.submitted_at.map(|at| zone.date_time(at)),
                fields: if e.draft {
                    vec![]
                } else {
                    let mut fields = form::fields(&e.content, false, &[]);
                    form::localise(&mut fields, lang);
                    fields
                },
                reviewed: e
                    .reviewed_at
                    .map(|at| (zone.date_time(at), e.review_comment.clone())),
            })
        })
        .collect();
    AssignmentRow {
        id: a.id.to_string(),
        title: a.kind.label(),
        instructions: a.instructions.clone(),
        origin: if a.self_started() {
            dated(lang, "chart-hw-started", zone.date(a.created_at))
        } else {
            dated(lang, "chart-hw-assigned", zone.date(a.created_at))
        },
        due: due_text_in(lang, a),
        status: a.status().label(),
        to_review: entries
            .iter()
            .filter(|e| !e.draft && e.reviewed.is_none())
            .count(),
        entries,
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The chart again with the form as typed and its error.
async fn refused(
    state: &AppState,
    signed: &Signed,
    client_id: Uuid,
    typed: Typed,
    error: FormError,
) -> Page {
    let page = record_page(
        state,
        &signed.ctx,
        &signed.actor,
        client_id,
        &Done::default(),
        (typed, vec![error]),
    )
    .await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

async fn assign(
    State(state): State<AppState>,
    signed: Signed,
    ClientId(id): ClientId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let typed = Typed {
        kind: field(&fields, "kind"),
        instructions: field(&fields, "instructions"),
        due_on: field(&fields, "due_on"),
        every: field(&fields, "every"),
        until: field(&fields, "until"),
        review: None,
    };
    let bad_date = [("due_on", &typed.due_on), ("until", &typed.until)]
        .into_iter()
        .find(|(_, v)| !v.trim().is_empty() && date(v).is_none())
        .map(|(name, _)| FormError::new(name, "Give the day, like 2026-12-31."));
    if let Some(e) = bad_date {
        return refused(&state, &signed, id, typed, e).await;
    }
    let new = NewAssignment {
        kind: typed.kind.clone(),
        instructions: typed.instructions.clone(),
        due_on: date(&typed.due_on),
        repeat: (!typed.every.is_empty()).then(|| RepeatInput {
            every: typed.every.clone(),
            until: date(&typed.until),
        }),
    };
    match homework::assign(&state.app, &signed.actor, id, new).await {
        Ok(_) => to(&format!("/clients/{id}?done=homework#homework")),
        Err(e) => {
            let mut error = invalid_or_conflict(e, "kind")?;
            // The use-case's names for the recurrence are the form's `every` and `until`.
            error.field = match error.field.as_str() {
                "repeat.every" => "every".into(),
                "repeat.until" => "until".into(),
                other => other.into(),
            };
            refused(&state, &signed, id, typed, error).await
        }
    }
}

async fn review(
    State(state): State<AppState>,
    signed: Signed,
    ClientId(id): ClientId,
    HomeworkId(hw): HomeworkId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let comment = field(&fields, "comment");
    let actor: &Actor = &signed.actor;
    // The assignment must be this client's: the address names both.
    let theirs = homework::assignments_of(&state.app, actor, id)
        .await?
        .iter()
        .any(|a| a.id == hw);
    if !theirs {
        return Err(rapport_app::Error::NotFound.into());
    }
    match homework::review(&state.app, actor, hw, &comment).await {
        Ok(_) => to(&format!("/clients/{id}?done=reviewed#homework")),
        Err(e) => {
            let mut error = invalid_or_conflict(e, "comment")?;
            error.field = format!("comment-{hw}");
            let typed = Typed {
                review: Some((hw.to_string(), comment)),
                ..Typed::default()
            };
            refused(&state, &signed, id, typed, error).await
        }
    }
}
