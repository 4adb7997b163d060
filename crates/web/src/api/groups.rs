//! Therapy groups over the API (issue 15, items 4–5): a clinician creates and leads a group,
//! offers places to clients on their care team, schedules its sessions, records attendance and
//! writes group notes, and reads its outcomes; a client answers their place (join with the
//! first-name choice, decline, leave) and sees what a member may see.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use rapport_app::groups::{
    self, Answer, GroupDetail, GroupFacts, GroupOutcomes, NewGroup, NewGroupSessions,
};
use rapport_core::outcomes::Cell;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

// `{id}` of `/groups/{id}/…`: the same path parameter every `{id}` route reads.
use super::RequestId as GroupId;
use super::sessions::{OverlapBody, Scheduled, local, rfc3339};
use super::{ApiActor, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/groups", get(list_groups).post(create_group))
        .route("/api/v1/groups/{id}", get(group))
        .route("/api/v1/groups/{id}/members", post(add_member))
        .route("/api/v1/groups/{id}/consent", post(consent))
        .route("/api/v1/groups/{id}/decline", post(decline))
        .route("/api/v1/groups/{id}/leave", post(leave))
        .route(
            "/api/v1/groups/{id}/sessions",
            post(schedule_group_sessions),
        )
        .route("/api/v1/groups/{id}/attendance", post(group_attendance))
        .route("/api/v1/groups/{id}/notes", put(group_note))
        .route("/api/v1/groups/{id}/outcomes", get(group_outcomes))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewGroupRequest {
    /// 1 to 80 characters ("CBT for depression").
    pub name: String,
    /// The approach the group follows (a plan approach word).
    pub approach: String,
    /// 2 to 16 places.
    pub capacity: i64,
    /// 1 to 52 weeks.
    pub weeks: i64,
    /// When it meets, in words ("Wednesdays 18:00–19:30"), up to 80 characters.
    pub schedule: String,
    /// Who the group is for, up to 1,000 characters.
    #[serde(default)]
    pub entry_criteria: String,
}

/// What everyone who may see a group sees of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupItem {
    pub id: String,
    pub name: String,
    pub approach: String,
    pub capacity: i16,
    pub weeks: i16,
    pub schedule: String,
    pub entry_criteria: String,
    pub clinician_id: String,
    pub clinician_name: String,
    pub created_at: String,
    pub closed_at: Option<String>,
}

impl From<GroupFacts> for GroupItem {
    fn from(g: GroupFacts) -> Self {
        GroupItem {
            id: g.id.to_string(),
            name: g.name,
            approach: g.approach,
            capacity: g.capacity,
            weeks: g.weeks,
            schedule: g.schedule,
            entry_criteria: g.entry_criteria,
            clinician_id: g.clinician_id.to_string(),
            clinician_name: g.clinician_name,
            created_at: rfc3339(g.created_at),
            closed_at: g.closed_at.map(rfc3339),
        }
    }
}

/// Creates a group the caller leads (a clinician).
#[utoipa::path(post, path = "/api/v1/groups", tag = "groups", request_body = NewGroupRequest, security(("bearer" = [])),
    responses((status = 201, body = GroupItem), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_group(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(b): JsonBody<NewGroupRequest>,
) -> Result<(StatusCode, Json<GroupItem>), ApiError> {
    let g = groups::create(
        &state.app,
        &actor,
        NewGroup {
            name: b.name,
            approach: b.approach,
            capacity: Some(b.capacity),
            weeks: Some(b.weeks),
            schedule: b.schedule,
            entry_criteria: b.entry_criteria,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(GroupItem::from(g))))
}

/// One group in a list: for its leader with how many joined and how many places wait for an
/// answer; for a client with their own place.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupListItem {
    pub group: GroupItem,
    /// The leader's list: members who joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined: Option<usize>,
    /// The leader's list: places offered, waiting for an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offered: Option<usize>,
    /// A client's list: `offered` or `joined`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_state: Option<String>,
}

/// The groups a clinician leads, or the groups a client has a place in (offered or joined).
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups", security(("bearer" = [])),
    responses((status = 200, body = [GroupListItem]), (status = 403, body = ErrorBody)))]
pub async fn list_groups(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<GroupListItem>>, ApiError> {
    if actor.role == rapport_core::accounts::Role::Client {
        let mine = groups::my_groups(&state.app, &actor).await?;
        return Ok(Json(
            mine.into_iter()
                .map(|p| GroupListItem {
                    group: p.group.into(),
                    joined: None,
                    offered: None,
                    my_state: Some(p.state.as_str().into()),
                })
                .collect(),
        ));
    }
    let led = groups::led_groups(&state.app, &actor).await?;
    Ok(Json(
        led.into_iter()
            .map(|(g, joined, offered)| GroupListItem {
                group: g.into(),
                joined: Some(joined),
                offered: Some(offered),
                my_state: None,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupMemberItem {
    /// The place's id.
    pub id: String,
    /// Absent when the member's record is not shared with the leader.
    pub client_id: Option<String>,
    pub name: Option<String>,
    /// Whether the leader may read this member's record (on their care team).
    pub shared: bool,
    /// `offered`, `joined`, `declined` or `left`.
    pub state: String,
    pub show_first_name: bool,
    pub added_at: String,
    pub consented_at: Option<String>,
    pub declined_at: Option<String>,
    pub left_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupAttendanceItem {
    pub client_id: String,
    /// Absent until recorded.
    pub attendance: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupSessionItem {
    pub id: String,
    pub starts_at: String,
    pub minutes: i16,
    pub modality: String,
    pub place: Option<String>,
    pub cancelled_at: Option<String>,
    /// The leader's view only: each shared member's attendance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Vec<GroupAttendanceItem>>,
    /// The leader's view only: the note about the group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A group as the caller may see it. `view` says which: `leader` (everything, each member as
/// far as shared with the leader) or `member` (the group's facts and sessions, one's own
/// place and the first names others chose to show).
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetailBody {
    pub view: String,
    pub group: GroupItem,
    pub sessions: Vec<GroupSessionItem>,
    /// The leader's view only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<GroupMemberItem>>,
    /// The member's view only: `offered` or `joined`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_state: Option<String>,
    /// The member's view only: whether they show their first name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_first_name: Option<bool>,
    /// The member's view only: the first names of the other members who chose to show them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_names: Option<Vec<String>>,
}

impl From<GroupDetail> for GroupDetailBody {
    fn from(d: GroupDetail) -> Self {
        match d {
            GroupDetail::Leader(v) => GroupDetailBody {
                view: "leader".into(),
                group: v.group.into(),
                sessions: v
                    .sessions
                    .into_iter()
                    .map(|s| GroupSessionItem {
                        id: s.slot.id.to_string(),
                        starts_at: rfc3339(s.slot.starts_at),
                        minutes: s.slot.minutes,
                        modality: s.slot.modality,
                        place: s.slot.place,
                        cancelled_at: s.slot.cancelled_at.map(rfc3339),
                        attendance: Some(
                            s.attendance
                                .into_iter()
                                .map(|(c, a)| GroupAttendanceItem {
                                    client_id: c.to_string(),
                                    attendance: a,
                                })
                                .collect(),
                        ),
                        note: s.note.map(|n| n.text),
                    })
                    .collect(),
                members: Some(
                    v.members
                        .into_iter()
                        .map(|m| GroupMemberItem {
                            id: m.id.to_string(),
                            client_id: m.client_id.map(|c| c.to_string()),
                            name: m.name,
                            shared: m.shared,
                            state: m.state.as_str().into(),
                            show_first_name: m.show_first_name,
                            added_at: rfc3339(m.added_at),
                            consented_at: m.consented_at.map(rfc3339),
                            declined_at: m.declined_at.map(rfc3339),
                            left_at: m.left_at.map(rfc3339),
                        })
                        .collect(),
                ),
                my_state: None,
                show_first_name: None,
                first_names: None,
            },
            GroupDetail::Member(v) => GroupDetailBody {
                view: "member".into(),
                group: v.group.into(),
                sessions: v
                    .sessions
                    .into_iter()
                    .map(|s| GroupSessionItem {
                        id: s.id.to_string(),
                        starts_at: rfc3339(s.starts_at),
                        minutes: s.minutes,
                        modality: s.modality,
                        place: s.place,
                        cancelled_at: s.cancelled_at.map(rfc3339),
                        attendance: None,
                        note: None,
                    })
                    .collect(),
                members: None,
                my_state: Some(v.state.as_str().into()),
                show_first_name: Some(v.show_first_name),
                first_names: Some(v.first_names),
            },
        }
    }
}

/// A group as the caller may see it: its leader everything, a member (offered or joined)
/// what a member may see; to anyone else it does not exist (404).
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 200, body = GroupDetailBody), (status = 404, body = ErrorBody)))]
pub async fn group(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
) -> Result<Json<GroupDetailBody>, ApiError> {
    let d = groups::detail(&state.app, &actor, id).await?;
    Ok(Json(d.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AddMemberRequest {
    pub client_id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberAdded {
    /// The place's id.
    pub id: String,
}

/// Offers a client on the caller's care team a place in a group the caller leads; the place
/// waits for the client's consent. 409 when the group is full or the client has a place.
#[utoipa::path(post, path = "/api/v1/groups/{id}/members", tag = "groups", request_body = AddMemberRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 201, body = MemberAdded), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
    JsonBody(b): JsonBody<AddMemberRequest>,
) -> Result<(StatusCode, Json<MemberAdded>), ApiError> {
    let client_id = Uuid::parse_str(b.client_id.trim())
        .map_err(|_| ApiError::invalid("client_id", "Choose a client."))?;
    let place = groups::add_member(&state.app, &actor, id, client_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(MemberAdded {
            id: place.to_string(),
        }),
    ))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ConsentRequest {
    /// Whether the other members see one's first name (false unless sent).
    #[serde(default)]
    pub show_first_name: bool,
}

/// The client joins a group they were offered a place in (or, once joined, changes whether
/// the others see their first name); they are added to its future sessions.
#[utoipa::path(post, path = "/api/v1/groups/{id}/consent", tag = "groups", request_body = ConsentRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 200, body = GroupDetailBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
    JsonBody(b): JsonBody<ConsentRequest>,
) -> Result<Json<GroupDetailBody>, ApiError> {
    groups::answer(
        &state.app,
        &actor,
        id,
        Answer::Join {
            show_first_name: b.show_first_name,
        },
    )
    .await?;
    Ok(Json(groups::detail(&state.app, &actor, id).await?.into()))
}

/// The client says no to a place offered.
#[utoipa::path(post, path = "/api/v1/groups/{id}/decline", tag = "groups", security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn decline(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
) -> Result<StatusCode, ApiError> {
    groups::answer(&state.app, &actor, id, Answer::Decline).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The client leaves a group (taken off its future sessions).
#[utoipa::path(post, path = "/api/v1/groups/{id}/leave", tag = "groups", security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn leave(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
) -> Result<StatusCode, ApiError> {
    groups::answer(&state.app, &actor, id, Answer::Leave).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GroupSessionsRequest {
    /// The first session, `YYYY-MM-DDTHH:MM` on the caller's own clock.
    pub starts_at_local: String,
    pub minutes: i64,
    /// 1 for a one-off; up to 52 weekly sessions.
    #[serde(default = "one")]
    pub weeks: i64,
    /// `in_person`, `online` or `phone`.
    pub modality: String,
    /// The address (in person) or an https meeting link (online).
    #[serde(default)]
    pub place: String,
    /// Book even if a session overlaps another (without it such a request answers 409).
    #[serde(default)]
    pub allow_overlap: bool,
}

fn one() -> i64 {
    1
}

/// Schedules the group's sessions (one, or weekly) with the members who have joined; members
/// who join later are added to its future sessions.
#[utoipa::path(post, path = "/api/v1/groups/{id}/sessions", tag = "groups", request_body = GroupSessionsRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 201, body = Scheduled), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = OverlapBody), (status = 422, body = ErrorBody)))]
pub async fn schedule_group_sessions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
    JsonBody(b): JsonBody<GroupSessionsRequest>,
) -> Result<Response, ApiError> {
    let new = NewGroupSessions {
        first: local("starts_at_local", &b.starts_at_local)?,
        minutes: Some(b.minutes),
        weeks: Some(b.weeks),
        modality: b.modality,
        place: b.place,
        allow_overlap: b.allow_overlap,
    };
    let booking = groups::schedule_sessions(&state.app, &actor, id, new).await?;
    Ok(super::sessions::booked(booking))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GroupAttendanceRequest {
    pub session_id: String,
    pub client_id: String,
    /// `attended`, `late_cancelled` or `no_show`.
    pub attendance: String,
}

/// Records what became of one member in one of the group's sessions (its leader).
#[utoipa::path(post, path = "/api/v1/groups/{id}/attendance", tag = "groups", request_body = GroupAttendanceRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn group_attendance(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
    JsonBody(b): JsonBody<GroupAttendanceRequest>,
) -> Result<StatusCode, ApiError> {
    let session_id = Uuid::parse_str(b.session_id.trim())
        .map_err(|_| ApiError::invalid("session_id", "Choose one of the group's sessions."))?;
    let client_id = Uuid::parse_str(b.client_id.trim())
        .map_err(|_| ApiError::invalid("client_id", "Choose a member."))?;
    groups::record_attendance(&state.app, &actor, id, session_id, client_id, &b.attendance).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GroupNoteRequest {
    pub session_id: String,
    /// About the group, never one member's private detail (that belongs in the member's own
    /// progress note). Up to 10,000 characters.
    pub text: String,
}

/// Writes (or rewrites) the leader's note about the group in one of its sessions.
#[utoipa::path(put, path = "/api/v1/groups/{id}/notes", tag = "groups", request_body = GroupNoteRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn group_note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
    JsonBody(b): JsonBody<GroupNoteRequest>,
) -> Result<StatusCode, ApiError> {
    let session_id = Uuid::parse_str(b.session_id.trim())
        .map_err(|_| ApiError::invalid("session_id", "Choose one of the group's sessions."))?;
    groups::write_note(&state.app, &actor, id, session_id, &b.text).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Phq9Point {
    pub taken_at: String,
    pub total: i16,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOutcomeItem {
    pub client_id: String,
    pub name: String,
    pub phq9: Vec<Phq9Point>,
    /// The group's sessions held so far (not cancelled) they were booked into.
    pub sessions: usize,
    pub attended: usize,
    pub missed: usize,
    /// The last PHQ-9 at or before the group's first session.
    pub baseline: Option<i16>,
    /// The latest PHQ-9 after it.
    pub latest: Option<i16>,
    pub improved: Option<bool>,
}

/// The share reliably improved: `shown` is `rate` (with count, of, share and its 95% Wilson
/// interval), `too_few` (fewer than 5 members with paired scores: not shown) or `empty`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShareItem {
    pub shown: String,
    pub count: Option<u32>,
    pub of: Option<u32>,
    pub share: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl From<Cell> for ShareItem {
    fn from(c: Cell) -> Self {
        let (shown, r) = match c {
            Cell::Empty => ("empty", None),
            Cell::TooFew => ("too_few", None),
            Cell::Rate(r) => ("rate", Some(r)),
        };
        ShareItem {
            shown: shown.into(),
            count: r.map(|r| r.count),
            of: r.map(|r| r.of),
            share: r.map(|r| r.share),
            low: r.map(|r| r.low),
            high: r.map(|r| r.high),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOutcomesBody {
    pub group: GroupItem,
    /// The first session's start: where the window begins.
    pub start: Option<String>,
    /// Members who joined and whose record the caller may read.
    pub members: Vec<MemberOutcomeItem>,
    /// Members who joined but whose record is not shared with the caller (never shown).
    pub not_shared: usize,
    pub paired: u32,
    pub improved: u32,
    pub reliably_improved: ShareItem,
}

impl From<GroupOutcomes> for GroupOutcomesBody {
    fn from(o: GroupOutcomes) -> Self {
        GroupOutcomesBody {
            group: o.group.into(),
            start: o.start.map(rfc3339),
            members: o
                .members
                .into_iter()
                .map(|m| MemberOutcomeItem {
                    client_id: m.client_id.to_string(),
                    name: m.name,
                    phq9: m
                        .phq9
                        .into_iter()
                        .map(|(t, v)| Phq9Point {
                            taken_at: rfc3339(t),
                            total: v,
                        })
                        .collect(),
                    sessions: m.sessions,
                    attended: m.attended,
                    missed: m.missed,
                    baseline: m.baseline,
                    latest: m.latest,
                    improved: m.improved,
                })
                .collect(),
            not_shared: o.not_shared,
            paired: o.paired,
            improved: o.improved,
            reliably_improved: o.share.into(),
        }
    }
}

/// The group's outcomes, for its leader: each shared member's PHQ-9 series and attendance,
/// and the share reliably improved (PHQ-9 down 6 or more over the window) with its 95% Wilson
/// interval, not shown under 5 members with paired scores.
#[utoipa::path(get, path = "/api/v1/groups/{id}/outcomes", tag = "groups", security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses((status = 200, body = GroupOutcomesBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn group_outcomes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    GroupId(id): GroupId,
) -> Result<Json<GroupOutcomesBody>, ApiError> {
    let o = groups::outcomes(&state.app, &actor, id).await?;
    Ok(Json(o.into()))
}
