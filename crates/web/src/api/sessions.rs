//! Sessions over the API: scheduling, moving, cancelling, attendance, and a client's request for
//! another time. Wall-clock times sent in are read in the caller's own timezone; instants sent
//! out are RFC 3339 in UTC.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rapport_app::Error;
use rapport_app::sessions::{
    self, Booking, ChangeView, Clash, NewSessions, SessionDetail, SessionFacts, SessionView,
};
use rapport_core::sessions::Attendance;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{ApiActor, ApiQuery, ClientId, JsonBody, SessionId};
use crate::error::{ApiError, ErrorBody, ErrorDetail};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sessions", get(my_sessions).post(schedule))
        .route("/api/v1/clients/{id}/sessions", get(client_sessions))
        .route("/api/v1/sessions/{id}", get(session))
        .route("/api/v1/sessions/{id}/reschedule", post(reschedule))
        .route("/api/v1/sessions/{id}/cancel", post(cancel))
        .route(
            "/api/v1/sessions/{id}/reschedule-request",
            post(request_reschedule),
        )
        .route("/api/v1/sessions/{id}/attendance", post(attendance))
}

/// `YYYY-MM-DDTHH:MM` (seconds optional), as a `datetime-local` field sends it.
pub(super) fn local(field: &str, s: &str) -> Result<Option<NaiveDateTime>, ApiError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .map(Some)
        .map_err(|_| ApiError::invalid(field, "Use a local date and time like 2026-12-01T17:00."))
}

pub(super) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

fn word(a: Option<Attendance>) -> Option<String> {
    a.map(|a| a.as_str().into())
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
    /// `individual`, `family`, `group` or `medication_review` (with the prescriber).
    pub kind: String,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address, or the meeting link.
    pub place: Option<String>,
    pub cancelled: bool,
    pub clients: Vec<SessionClient>,
}

impl ScheduleItem {
    fn of((s, who): (SessionFacts, Vec<(Uuid, String, Option<Attendance>)>)) -> ScheduleItem {
        ScheduleItem {
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
                    attendance: word(a),
                })
                .collect(),
        }
    }
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
    ApiActor(actor): ApiActor,
    ApiQuery(w): ApiQuery<Window>,
) -> Result<Json<Vec<ScheduleItem>>, ApiError> {
    let now = state.app.now();
    let from = w.from.unwrap_or(now - Duration::days(14));
    let to = w.to.unwrap_or(now + Duration::days(28));
    let list = sessions::my_sessions(&state.app, &actor, from, to).await?;
    Ok(Json(list.into_iter().map(ScheduleItem::of).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduleRequest {
    pub client_ids: Vec<String>,
    /// `individual`, `family`, `group` or `medication_review` (with the prescriber).
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
    /// Book even if a session overlaps another of the clinician's own or, in person, another
    /// in the same room (without it such a request answers 409 with the clashes).
    #[serde(default)]
    pub allow_overlap: bool,
    /// Family members attending a `family` session (their user ids), each holding the
    /// `family_sessions` scope from the client (see `GET /api/v1/clients/{id}/session-family`).
    #[serde(default)]
    pub family: Vec<String>,
}

fn one() -> i64 {
    1
}

impl ScheduleRequest {
    fn into_new(self) -> Result<NewSessions, ApiError> {
        let clients = self
            .client_ids
            .iter()
            .map(|c| Uuid::parse_str(c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| ApiError::invalid("client_ids", "Unknown client."))?;
        Ok(NewSessions {
            clients,
            first: local("starts_at_local", &self.starts_at_local)?,
            kind: self.kind,
            modality: self.modality,
            place: self.place,
            minutes: Some(self.minutes),
            weeks: Some(self.weeks),
            family: self
                .family
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    Uuid::parse_str(f.trim()).map_err(|_| {
                        ApiError::invalid(&format!("family[{i}]"), "Unknown family member.")
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            group: None,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Scheduled {
    pub ids: Vec<String>,
}

/// A session the one asked for would overlap. Nothing in it is about any client.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClashItem {
    pub session_id: String,
    pub starts_at: String,
    pub minutes: i16,
    /// The clinician who leads it.
    pub clinician: String,
    /// It is the caller's own session.
    pub own: bool,
    /// It is in the same room (in person, the place written alike).
    pub same_place: bool,
}

impl From<Clash> for ClashItem {
    fn from(c: Clash) -> Self {
        ClashItem {
            session_id: c.session_id.to_string(),
            starts_at: rfc3339(c.starts_at),
            minutes: c.minutes,
            clinician: c.clinician_name,
            own: c.own,
            same_place: c.same_place,
        }
    }
}

/// `{error: {code: "conflict", message, field: "starts_at_local"}, clashes: [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverlapBody {
    pub error: ErrorDetail,
    pub clashes: Vec<ClashItem>,
}

/// Schedules a session or a weekly series (a clinician on every client's care team). A session
/// that would overlap another of the clinician's own, or in person another in the same room, is
/// not booked unless `allow_overlap` is true: 409 with the clashing sessions.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = ScheduleRequest, security(("bearer" = [])),
    responses((status = 201, body = Scheduled), (status = 403, body = ErrorBody), (status = 409, body = OverlapBody, description = "Not booked: it overlaps these sessions (send again with allow_overlap to book anyway)"), (status = 422, body = ErrorBody)))]
pub async fn schedule(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(b): JsonBody<ScheduleRequest>,
) -> Result<Response, ApiError> {
    let allow_overlap = b.allow_overlap;
    let booking = sessions::book(&state.app, &actor, b.into_new()?, allow_overlap).await?;
    Ok(booked(booking))
}

/// 201 with the new sessions' ids, or 409 with the clashes (nothing booked).
pub(super) fn booked(booking: Booking) -> Response {
    match booking {
        Booking::Scheduled(ids) => {
            let ids = ids.iter().map(Uuid::to_string).collect();
            (StatusCode::CREATED, Json(Scheduled { ids })).into_response()
        }
        Booking::Clashes(clashes) => (
            StatusCode::CONFLICT,
            Json(OverlapBody {
                error: ErrorDetail {
                    code: "conflict",
                    message: "This overlaps another session; nothing was booked.".into(),
                    field: Some("starts_at_local".into()),
                },
                clashes: clashes.into_iter().map(ClashItem::from).collect(),
            }),
        )
            .into_response(),
    }
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

impl From<ChangeView> for SessionChange {
    fn from(c: ChangeView) -> Self {
        SessionChange {
            at: rfc3339(c.at),
            kind: c.kind,
            from: c.from_starts_at.map(rfc3339),
            to: c.to_starts_at.map(rfc3339),
            reason: c.reason,
        }
    }
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

impl From<SessionView> for ClientSession {
    fn from(v: SessionView) -> Self {
        ClientSession {
            id: v.session.id.to_string(),
            starts_at: rfc3339(v.session.starts_at),
            minutes: v.session.minutes,
            kind: v.session.kind,
            modality: v.session.modality,
            place: v.session.place,
            cancelled: v.session.cancelled_at.is_some(),
            attendance: word(v.attendance),
            changes: v.changes.into_iter().map(SessionChange::from).collect(),
        }
    }
}

/// A client's sessions, oldest first (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/sessions", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = [ClientSession]), (status = 403, body = ErrorBody)))]
pub async fn client_sessions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<Vec<ClientSession>>, ApiError> {
    let list = sessions::sessions_of(&state.app, &actor, client).await?;
    Ok(Json(list.into_iter().map(ClientSession::from).collect()))
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
    /// `individual`, `family`, `group` or `medication_review` (with the prescriber).
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

impl From<SessionDetail> for SessionDetailBody {
    fn from(d: SessionDetail) -> Self {
        let s = d.session;
        SessionDetailBody {
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
                    attendance: word(m.attendance),
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
        }
    }
}

/// One session as the caller may see it: a client in it sees the session and their own part,
/// never another client's; a clinician sees the clients on their caseload, the others only
/// counted.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 200, body = SessionDetailBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
) -> Result<Json<SessionDetailBody>, ApiError> {
    let d = sessions::session(&state.app, &actor, session).await?;
    Ok(Json(d.into()))
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
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    JsonBody(b): JsonBody<RescheduleRequest>,
) -> Result<StatusCode, ApiError> {
    let to = local("starts_at_local", &b.starts_at_local)?;
    sessions::reschedule(&state.app, &actor, session, to, &b.reason).await?;
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
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    JsonBody(b): JsonBody<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    sessions::cancel(&state.app, &actor, session, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AnotherTimeRequest {
    pub reason: String,
    /// Up to 3 times that would suit, each `YYYY-MM-DDTHH:MM` on the caller's own clock.
    #[serde(default)]
    pub proposed_local: Vec<String>,
}

/// The client asks for another time, with a reason and up to three times that would suit;
/// their clinician answers (`/api/v1/session-requests`). One open request per session.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/reschedule-request", tag = "sessions", request_body = AnotherTimeRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn request_reschedule(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    JsonBody(b): JsonBody<AnotherTimeRequest>,
) -> Result<StatusCode, ApiError> {
    let mut proposed = Vec::with_capacity(b.proposed_local.len());
    for (i, p) in b.proposed_local.iter().enumerate() {
        if let Some(at) = local(&format!("proposed_local[{i}]"), p)? {
            proposed.push(at);
        }
    }
    sessions::ask_for_another_time(&state.app, &actor, session, &b.reason, &proposed)
        .await
        .map_err(|e| match e {
            rapport_app::Error::Invalid { field, message } => ApiError(Error::Invalid {
                field: field.replace("proposed[", "proposed_local["),
                message,
            }),
            e => ApiError(e),
        })?;
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
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    JsonBody(b): JsonBody<AttendanceRequest>,
) -> Result<StatusCode, ApiError> {
    let client = Uuid::parse_str(&b.client_id).map_err(|_| ApiError(Error::NotFound))?;
    sessions::record_attendance(&state.app, &actor, session, client, &b.attendance).await?;
    Ok(StatusCode::NO_CONTENT)
}
