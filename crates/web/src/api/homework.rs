//! Homework over the API: assign or start an exercise, list a client's homework, save an entry
//! (a draft or the finished one), review it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::Error;
use rapport_app::homework::{self, NewAssignment, RepeatInput};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{ApiActor, ClientId, HomeworkId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/clients/{id}/homework",
            get(self::homework).post(new_homework),
        )
        .route("/api/v1/homework/{id}/entry", put(save_entry))
        .route("/api/v1/homework/{id}/review", post(review))
}

fn day(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::invalid(field, "Use a date like 2026-12-31.")),
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct RepeatDoc {
    /// `day` or `week`.
    pub every: String,
    /// The last day, `YYYY-MM-DD` (at most a year after the first).
    pub until: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewHomeworkRequest {
    /// The exercise: `thought_record`, `activity_diary`, `activity_plan`, `problem_solving`,
    /// `journal`, `interpersonal_inventory` or `custom`.
    pub kind: String,
    /// The clinician's instructions (needed for `custom`; not for a self-started exercise).
    #[serde(default)]
    pub instructions: String,
    /// `YYYY-MM-DD`: the day it is due (the first day when it repeats).
    pub due_on: Option<String>,
    /// Every day or week until a date; the first day is `due_on`, or today.
    pub repeat: Option<RepeatDoc>,
    /// The client starting an exercise on their own (only the client themself).
    #[serde(default)]
    pub self_started: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// Assigns an exercise (a clinician on the care team), or starts one of the client's own
/// (the client, with `self_started: true`).
#[utoipa::path(post, path = "/api/v1/clients/{id}/homework", tag = "homework", request_body = NewHomeworkRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn new_homework(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<NewHomeworkRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let repeat = match body.repeat {
        Some(r) => Some(RepeatInput {
            every: r.every,
            until: day("repeat.until", r.until.as_deref())?,
        }),
        None => None,
    };
    let new = NewAssignment {
        kind: body.kind,
        instructions: body.instructions,
        due_on: day("due_on", body.due_on.as_deref())?,
        repeat,
    };
    let id = if body.self_started {
        homework::start_own(&state.app, &actor, client, new).await?
    } else {
        homework::assign(&state.app, &actor, client, new).await?
    };
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// An entry: the client's work on one occurrence.
#[derive(Debug, Serialize, ToSchema)]
pub struct HomeworkEntry {
    pub id: String,
    pub assignment_id: String,
    /// The occurrence it answers, `YYYY-MM-DD` (none for an exercise without a date).
    pub due_on: Option<String>,
    /// `due`, `draft`, `done`, `reviewed` or `missed`.
    pub status: String,
    pub draft: bool,
    /// The exercise's fields, as its kind has them.
    #[schema(value_type = Object)]
    pub content: Value,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub reviewed_at: Option<String>,
    pub review_comment: Option<String>,
}

impl HomeworkEntry {
    fn from_view(e: homework::EntryView) -> HomeworkEntry {
        HomeworkEntry {
            id: e.id.to_string(),
            assignment_id: e.assignment_id.to_string(),
            due_on: e.due_on.map(|d| d.to_string()),
            status: e.status.as_str().into(),
            draft: e.draft,
            content: e.content.to_json(),
            updated_at: e.updated_at.to_rfc3339(),
            submitted_at: e.submitted_at.map(|t| t.to_rfc3339()),
            reviewed_at: e.reviewed_at.map(|t| t.to_rfc3339()),
            review_comment: e.review_comment,
        }
    }
}

/// One day an assignment is due (or its only occurrence) and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct HomeworkOccurrence {
    pub due_on: Option<String>,
    /// `due`, `draft`, `done`, `reviewed` or `missed`.
    pub status: String,
    /// The entry written for it, if any.
    pub entry_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeworkView {
    pub id: String,
    pub kind: String,
    pub instructions: Option<String>,
    /// The clinician who assigned it; none when the client started it.
    pub assigned_by: Option<String>,
    pub self_started: bool,
    pub due_on: Option<String>,
    pub repeat: Option<RepeatDoc>,
    pub created_at: String,
    /// Where the current (latest) occurrence stands: `due`, `draft`, `done`, `reviewed` or
    /// `missed`.
    pub status: String,
    /// Every occurrence up to today, oldest first.
    pub occurrences: Vec<HomeworkOccurrence>,
    /// The entries written, oldest occurrence first.
    pub entries: Vec<HomeworkEntry>,
}

impl From<homework::AssignmentView> for HomeworkView {
    fn from(a: homework::AssignmentView) -> Self {
        let status = a.status().as_str().to_string();
        let self_started = a.self_started();
        let occurrences = a
            .occurrences
            .iter()
            .map(|o| HomeworkOccurrence {
                due_on: o.due_on.map(|d| d.to_string()),
                status: o.status.as_str().into(),
                entry_id: o.entry.as_ref().map(|e| e.id.to_string()),
            })
            .collect();
        let entries = a
            .occurrences
            .into_iter()
            .filter_map(|o| o.entry.map(HomeworkEntry::from_view))
            .collect();
        HomeworkView {
            id: a.id.to_string(),
            kind: a.kind.as_str().into(),
            instructions: a.instructions,
            assigned_by: a.assigned_by.map(|u| u.to_string()),
            self_started,
            due_on: a.due_on.map(|d| d.to_string()),
            repeat: a.repeat.map(|r| RepeatDoc {
                every: r.every.as_str().into(),
                until: Some(r.until.to_string()),
            }),
            created_at: a.created_at.to_rfc3339(),
            status,
            occurrences,
            entries,
        }
    }
}

/// The client's homework, oldest first, with every occurrence up to today and the entries
/// (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/homework", tag = "homework", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [HomeworkView]), (status = 403, body = ErrorBody)))]
pub async fn homework(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<HomeworkView>>, ApiError> {
    let list = homework::assignments_of(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(HomeworkView::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EntryRequest {
    /// True while it is being written (only the limits are checked); false sends the
    /// finished entry, which must be complete.
    pub draft: bool,
    /// The exercise's fields, as its kind has them (`thought_record`: `situation`, `moods`
    /// [{`name`, `before`}], `automatic_thoughts` [{`text`, `hot`}], `evidence_for`,
    /// `evidence_against`, `balanced_thought`, `belief`, `moods_after` [{`name`, `after`}],
    /// `distortions`; `journal`: `text`, `mood`; and so on).
    #[schema(value_type = Object)]
    pub content: Value,
    /// The occurrence, `YYYY-MM-DD`, of an exercise that repeats (left out: the latest up to
    /// today).
    pub due_on: Option<String>,
}

/// Saves the client's entry: a draft as often as they like, then the finished one (the
/// client only). A refused entry changes nothing and names the field.
#[utoipa::path(put, path = "/api/v1/homework/{id}/entry", tag = "homework", request_body = EntryRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment's id")),
    responses((status = 200, body = HomeworkEntry), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_entry(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    HomeworkId(assignment): HomeworkId,
    JsonBody(body): JsonBody<EntryRequest>,
) -> Result<Json<HomeworkEntry>, ApiError> {
    let due_on = day("due_on", body.due_on.as_deref())?;
    let e = homework::save_entry(
        &state.app,
        &actor,
        assignment,
        due_on,
        body.draft,
        &body.content,
    )
    .await
    .map_err(in_content)?;
    Ok(Json(HomeworkEntry::from_view(e)))
}

/// A field of the exercise is named by its path in the request body (`content.moods[0].before`).
fn in_content(e: Error) -> Error {
    match e {
        Error::Invalid { field, message } if field != "due_on" && field != "content" => {
            Error::Invalid {
                field: format!("content.{field}"),
                message,
            }
        }
        e => e,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewRequest {
    /// A comment the client reads.
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Reviewed {
    /// How many entries were marked reviewed.
    pub reviewed: usize,
}

/// Marks sent work reviewed, with an optional comment the client reads (the care team). The
/// id is an assignment's (every sent entry not yet reviewed) or one entry's.
#[utoipa::path(post, path = "/api/v1/homework/{id}/review", tag = "homework", request_body = ReviewRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment's id, or one entry's")),
    responses((status = 200, body = Reviewed), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    HomeworkId(id): HomeworkId,
    JsonBody(body): JsonBody<ReviewRequest>,
) -> Result<Json<Reviewed>, ApiError> {
    let reviewed = homework::review(&state.app, &actor, id, &body.comment).await?;
    Ok(Json(Reviewed { reviewed }))
}
