//! Sessions, their notes and feedback, calendar feeds and requests for another therapist, over
//! the API. Wall-clock times sent in are read in the caller's own timezone; instants sent out
//! are RFC 3339 in UTC.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rapport_app::Error;
use rapport_app::sessions::{self, NewSessions};
use rapport_core::measures::FeedbackInput;
use rapport_core::notes::Dap;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{Bearer, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

fn id(s: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(s).map_err(|_| ApiError(Error::NotFound))
}

/// `YYYY-MM-DDTHH:MM` (seconds optional), as a `datetime-local` field sends it.
fn local(field: &str, s: &str) -> Result<Option<NaiveDateTime>, ApiError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .map(Some)
        .map_err(|_| {
            ApiError(Error::invalid(
                field,
                "Use a local date and time like 2026-12-01T17:00.",
            ))
        })
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionClient {
    pub client_id: String,
    pub name: String,
    /// `attended`, `late_cancelled` or `no_show`; absent until recorded.
    pub attendance: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleItem {
    pub id: String,
    pub starts_at: String,
    pub minutes: i16,
    /// `individual`, `family` or `group`.
    pub kind: String,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address, or the meeting link.
    pub place: Option<String>,
    pub cancelled: bool,
    pub clients: Vec<SessionClient>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Window {
    /// RFC 3339; default 14 days ago.
    pub from: Option<DateTime<Utc>>,
    /// RFC 3339; default 28 days ahead.
    pub to: Option<DateTime<Utc>>,
}

/// The signed-in clinician's sessions in a window, oldest first.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", security(("bearer" = [])), params(Window),
    responses((status = 200, body = [ScheduleItem]), (status = 403, body = ErrorBody)))]
pub async fn my_sessions(
    State(state): State<AppState>,
    bearer: Bearer,
    super::ApiQuery(w): super::ApiQuery<Window>,
) -> Result<Json<Vec<ScheduleItem>>, ApiError> {
    let actor = bearer.full()?;
    let now = state.app.now();
    let from = w.from.unwrap_or(now - Duration::days(14));
    let to = w.to.unwrap_or(now + Duration::days(28));
    let list = sessions::my_sessions(&state.app, actor, from, to).await?;
    Ok(Json(
        list.into_iter()
            .map(|(s, who)| ScheduleItem {
                id: s.id.to_string(),
                starts_at: rfc3339(s.starts_at),
                minutes: s.minutes,
                kind: s.kind,
                modality: s.modality,
                place: s.place,
                cancelled: s.cancelled_at.is_some(),
                clients: who
                    .into_iter()
                    .map(|(client_id, name, a)| SessionClient {
                        client_id: client_id.to_string(),
                        name,
                        attendance: a.map(|a| a.as_str().into()),
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleRequest {
    pub client_ids: Vec<String>,
    /// `individual`, `family` or `group`.
    pub kind: String,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address (in person) or an https meeting link (online).
    #[serde(default)]
    pub place: String,
    /// The first session, `YYYY-MM-DDTHH:MM` on the caller's own clock.
    pub starts_at_local: String,
    pub minutes: i64,
    /// 1 for a one-off; up to 52 weekly sessions.
    #[serde(default = "one")]
    pub weeks: i64,
}

fn one() -> i64 {
    1
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Scheduled {
    pub ids: Vec<String>,
}

/// Schedules a session or a weekly series (a clinician on every client's care team).
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = ScheduleRequest, security(("bearer" = [])),
    responses((status = 201, body = Scheduled), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn schedule(
    State(state): State<AppState>,
    bearer: Bearer,
    JsonBody(b): JsonBody<ScheduleRequest>,
) -> Result<(StatusCode, Json<Scheduled>), ApiError> {
    let actor = bearer.full()?;
    let clients = b
        .client_ids
        .iter()
        .map(|c| Uuid::parse_str(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ApiError(Error::invalid("client_ids", "Unknown client.")))?;
    let ids = sessions::schedule(
        &state.app,
        actor,
        NewSessions {
            clients,
            kind: b.kind,
            modality: b.modality,
            place: b.place,
            first: local("starts_at_local", &b.starts_at_local)?,
            minutes: Some(b.minutes),
            weeks: Some(b.weeks),
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Scheduled {
            ids: ids.iter().map(Uuid::to_string).collect(),
        }),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionChange {
    pub at: String,
    /// `rescheduled`, `cancelled` or `reschedule_requested`.
    pub kind: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientSession {
    pub id: String,
    pub starts_at: String,
    pub minutes: i16,
    pub kind: String,
    pub modality: String,
    pub place: Option<String>,
    pub cancelled: bool,
    /// This client's attendance, once recorded.
    pub attendance: Option<String>,
    pub changes: Vec<SessionChange>,
}

/// A client's sessions, oldest first (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/sessions", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [ClientSession]), (status = 403, body = ErrorBody)))]
pub async fn client_sessions(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(client): Path<String>,
) -> Result<Json<Vec<ClientSession>>, ApiError> {
    let actor = bearer.full()?;
    let list = sessions::sessions_of(&state.app, actor, id(&client)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|v| ClientSession {
                id: v.session.id.to_string(),
                starts_at: rfc3339(v.session.starts_at),
                minutes: v.session.minutes,
                kind: v.session.kind,
                modality: v.session.modality,
                place: v.session.place,
                cancelled: v.session.cancelled_at.is_some(),
                attendance: v.attendance.map(|a| a.as_str().into()),
                changes: v
                    .changes
                    .into_iter()
                    .map(|c| SessionChange {
                        at: rfc3339(c.at),
                        kind: c.kind,
                        from: c.from_starts_at.map(rfc3339),
                        to: c.to_starts_at.map(rfc3339),
                        reason: c.reason,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionHistoryItem {
    pub at: String,
    /// `rescheduled`, `cancelled` or `reschedule_requested`.
    pub kind: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: String,
    /// Who made it: a clinician, a client shown above, or `you`.
    pub by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDetailBody {
    pub id: String,
    pub starts_at: String,
    pub minutes: i16,
    /// `individual`, `family` or `group`.
    pub kind: String,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address, or the meeting link.
    pub place: Option<String>,
    pub cancelled: bool,
    /// The clinician who leads it.
    pub clinician_name: String,
    /// The caller is a client in it: `clients` holds the caller alone.
    pub you_take_part: bool,
    /// The clients the caller may see: themself (a client), or those whose records a
    /// clinician may read.
    pub clients: Vec<SessionClient>,
    /// How many other clients take part, unnamed.
    pub others: usize,
    /// The staff's moves and cancellations, and the requests of the clients shown.
    pub history: Vec<SessionHistoryItem>,
}

/// One session as the caller may see it: a client in it sees the session and their own part,
/// never another client's; a clinician sees the clients on their caseload, the others only
/// counted.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 200, body = SessionDetailBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn session(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(session): Path<String>,
) -> Result<Json<SessionDetailBody>, ApiError> {
    let actor = bearer.full()?;
    let d = sessions::session(&state.app, actor, id(&session)?).await?;
    let s = d.session;
    Ok(Json(SessionDetailBody {
        id: s.id.to_string(),
        starts_at: rfc3339(s.starts_at),
        minutes: s.minutes,
        kind: s.kind,
        modality: s.modality,
        place: s.place,
        cancelled: s.cancelled_at.is_some(),
        clinician_name: s.clinician_name,
        you_take_part: d.as_member,
        clients: d
            .clients
            .into_iter()
            .map(|m| SessionClient {
                client_id: m.client_id.to_string(),
                name: m.name,
                attendance: m.attendance.map(|a| a.as_str().into()),
            })
            .collect(),
        others: d.others,
        history: d
            .changes
            .into_iter()
            .map(|(c, by)| SessionHistoryItem {
                at: rfc3339(c.at),
                kind: c.kind,
                from: c.from_starts_at.map(rfc3339),
                to: c.to_starts_at.map(rfc3339),
                reason: c.reason,
                by,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RescheduleRequest {
    /// `YYYY-MM-DDTHH:MM` on the caller's own clock.
    pub starts_at_local: String,
    pub reason: String,
}

/// Moves a session, with a reason (a clinician on the care team).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/reschedule", tag = "sessions", request_body = RescheduleRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reschedule(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(session): Path<String>,
    JsonBody(b): JsonBody<RescheduleRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    let to = local("starts_at_local", &b.starts_at_local)?;
    sessions::reschedule(&state.app, actor, id(&session)?, to, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonRequest {
    pub reason: String,
}

/// Cancels a session, with a reason (a clinician on the care team).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancel", tag = "sessions", request_body = ReasonRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(session): Path<String>,
    JsonBody(b): JsonBody<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    sessions::cancel(&state.app, actor, id(&session)?, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The client asks for another time, with a reason.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/reschedule-request", tag = "sessions", request_body = ReasonRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn request_reschedule(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(session): Path<String>,
    JsonBody(b): JsonBody<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    sessions::request_reschedule(&state.app, actor, id(&session)?, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceRequest {
    pub client_id: String,
    /// `attended`, `late_cancelled` or `no_show`.
    pub attendance: String,
}

/// Records what became of one client in a session (a clinician on the care team). A missed
/// session feeds the disengagement rule at once.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/attendance", tag = "sessions", request_body = AttendanceRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attendance(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(session): Path<String>,
    JsonBody(b): JsonBody<AttendanceRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    sessions::record_attendance(
        &state.app,
        actor,
        id(&session)?,
        id(&b.client_id)?,
        &b.attendance,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FeedbackRequest {
    /// 0–10: I felt heard and respected.
    pub heard: Option<i64>,
    /// 0–10: we worked on what I wanted.
    pub worked_on_what_i_wanted: Option<i64>,
    /// 0–10: the approach fits me.
    pub approach_fits: Option<i64>,
    /// 0–10: overall, this session was right for me.
    pub overall: Option<i64>,
    pub comment: Option<String>,
}

/// The client's feedback on a session they attended. Low answers raise the alliance flag.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/feedback", tag = "sessions", request_body = FeedbackRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn feedback(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(session): Path<String>,
    JsonBody(b): JsonBody<FeedbackRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    sessions::submit_feedback(
        &state.app,
        actor,
        id(&session)?,
        FeedbackInput {
            heard: b.heard,
            worked_on_what_i_wanted: b.worked_on_what_i_wanted,
            approach_fits: b.approach_fits,
            overall: b.overall,
            comment: b.comment.as_deref(),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackItem {
    pub session_id: String,
    pub at: String,
    pub heard: i16,
    pub worked_on_what_i_wanted: i16,
    pub approach_fits: i16,
    pub overall: i16,
    pub comment: Option<String>,
}

/// A client's session feedback, oldest first (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/feedback", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [FeedbackItem]), (status = 403, body = ErrorBody)))]
pub async fn feedback_series(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(client): Path<String>,
) -> Result<Json<Vec<FeedbackItem>>, ApiError> {
    let actor = bearer.full()?;
    let list = sessions::feedback_series(&state.app, actor, id(&client)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|f| FeedbackItem {
                session_id: f.session_id.to_string(),
                at: rfc3339(f.at),
                heard: f.heard,
                worked_on_what_i_wanted: f.worked_on,
                approach_fits: f.approach,
                overall: f.overall,
                comment: f.comment,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AmendmentItem {
    pub at: String,
    pub by: String,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteView {
    pub data: String,
    pub assessment: String,
    pub plan: String,
    /// RFC 3339 once signed; a signed note is locked.
    pub signed_at: Option<String>,
    pub amendments: Vec<AmendmentItem>,
}

/// The progress note of a client in a session (the care team); a fresh draft, its data part
/// pre-filled with the latest measures, when none is written yet.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/notes/{client_id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = NoteView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn note(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((session, client)): Path<(String, String)>,
) -> Result<Json<NoteView>, ApiError> {
    let actor = bearer.full()?;
    let n =
        rapport_app::notes::progress_note(&state.app, actor, id(&session)?, id(&client)?).await?;
    Ok(Json(NoteView {
        data: n.data,
        assessment: n.assessment,
        plan: n.plan,
        signed_at: n.signed_at.map(rfc3339),
        amendments: n
            .amendments
            .into_iter()
            .map(|a| AmendmentItem {
                at: rfc3339(a.at),
                by: a.by.to_string(),
                text: a.body,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteRequest {
    #[serde(default)]
    pub data: String,
    #[serde(default)]
    pub assessment: String,
    #[serde(default)]
    pub plan: String,
    /// `true` signs it (all three parts required) and locks it.
    #[serde(default)]
    pub sign: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteSaved {
    pub signed_at: Option<String>,
}

/// Saves the draft, or signs it (a clinician on the care team). A signed note is a 422.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/notes/{client_id}", tag = "sessions", request_body = NoteRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = NoteSaved), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_note(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((session, client)): Path<(String, String)>,
    JsonBody(b): JsonBody<NoteRequest>,
) -> Result<Json<NoteSaved>, ApiError> {
    let actor = bearer.full()?;
    let signed_at = rapport_app::notes::save_progress_note(
        &state.app,
        actor,
        id(&session)?,
        id(&client)?,
        Dap {
            data: b.data,
            assessment: b.assessment,
            plan: b.plan,
        },
        b.sign,
    )
    .await?;
    Ok(Json(NoteSaved {
        signed_at: signed_at.map(rfc3339),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AmendmentRequest {
    pub text: String,
}

/// Adds a dated amendment to a signed note.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/notes/{client_id}/amendments", tag = "sessions", request_body = AmendmentRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn amend(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((session, client)): Path<(String, String)>,
    JsonBody(b): JsonBody<AmendmentRequest>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    rapport_app::notes::amend_progress_note(
        &state.app,
        actor,
        id(&session)?,
        id(&client)?,
        &b.text,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PsychotherapyNoteBody {
    pub body: String,
}

/// The caller's own psychotherapy note on a client in a session; 404 when they wrote none.
/// Nobody else's is ever returned.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/psychotherapy-notes/{client_id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = PsychotherapyNoteBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn psychotherapy_note(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((session, client)): Path<(String, String)>,
) -> Result<Json<PsychotherapyNoteBody>, ApiError> {
    let actor = bearer.full()?;
    let n =
        rapport_app::notes::my_psychotherapy_note(&state.app, actor, id(&session)?, id(&client)?)
            .await?
            .ok_or(ApiError(Error::NotFound))?;
    Ok(Json(PsychotherapyNoteBody { body: n.body }))
}

/// Writes the caller's own psychotherapy note.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/psychotherapy-notes/{client_id}", tag = "sessions", request_body = PsychotherapyNoteBody, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id"), ("client_id" = String, Path, description = "The client's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_psychotherapy_note(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((session, client)): Path<(String, String)>,
    JsonBody(b): JsonBody<PsychotherapyNoteBody>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    rapport_app::notes::save_psychotherapy_note(
        &state.app,
        actor,
        id(&session)?,
        id(&client)?,
        &b.body,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarFeed {
    /// The secret part of the address; shown once.
    pub token: String,
    /// The feed's path on this server: `/calendar/{token}.ics`.
    pub path: String,
}

/// Makes a new private calendar address for the caller (revoking the earlier one).
#[utoipa::path(post, path = "/api/v1/calendar-feed", tag = "sessions", security(("bearer" = [])),
    responses((status = 201, body = CalendarFeed)))]
pub async fn new_calendar_feed(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<(StatusCode, Json<CalendarFeed>), ApiError> {
    let actor = bearer.full()?;
    let token = rapport_app::calendar::new_feed(&state.app, actor).await?;
    Ok((
        StatusCode::CREATED,
        Json(CalendarFeed {
            path: format!("/calendar/{token}.ics"),
            token,
        }),
    ))
}

/// Stops the caller's calendar address.
#[utoipa::path(delete, path = "/api/v1/calendar-feed", tag = "sessions", security(("bearer" = [])),
    responses((status = 204)))]
pub async fn revoke_calendar_feed(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    rapport_app::calendar::revoke_feed(&state.app, actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TherapistRequestBody {
    /// Optional: why, in the client's words (kept sealed, for matching).
    #[serde(default)]
    pub reason: String,
}

/// The client asks for a different therapist.
#[utoipa::path(post, path = "/api/v1/therapist-requests", tag = "sessions", request_body = TherapistRequestBody, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn request_therapist(
    State(state): State<AppState>,
    bearer: Bearer,
    JsonBody(b): JsonBody<TherapistRequestBody>,
) -> Result<StatusCode, ApiError> {
    let actor = bearer.full()?;
    sessions::request_other_therapist(&state.app, actor, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
