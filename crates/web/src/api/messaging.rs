//! Secure messages over the API (issue 16, part 5): a client's thread with their care team
//! (`GET|POST /api/v1/clients/{id}/messages`), and a clinician's office hours and away message
//! (`GET|PUT /api/v1/me/office-hours`). Every thread carries the notice that messages are not
//! watched around the clock, with the instance's crisis lines.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rapport_app::messaging::{
    self, ClinicianHours, MessageView, NewOfficeHours, NewPeriod, OfficeHoursView, Opening,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::rfc3339;
use super::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, CrisisLink, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/clients/{id}/messages",
            get(thread).post(send_message),
        )
        .route(
            "/api/v1/me/office-hours",
            get(my_office_hours).put(set_office_hours),
        )
}

/// The instance's crisis lines, as the API gives them.
async fn crisis_links(state: &AppState) -> Vec<CrisisLink> {
    state
        .crisis_lines()
        .await
        .iter()
        .map(|l| CrisisLink {
            label: l.label.clone(),
            href: l.href.clone(),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadByItem {
    pub user_id: String,
    pub name: String,
    pub read_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageItem {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    /// `client` or `clinician`.
    pub author_role: String,
    pub body: String,
    pub sent_at: String,
    /// Who (other than the author) has read it, and when; earliest first.
    pub read_by: Vec<ReadByItem>,
}

impl From<MessageView> for MessageItem {
    fn from(m: MessageView) -> Self {
        MessageItem {
            id: m.id.to_string(),
            author_id: m.author_id.to_string(),
            author_name: m.author_name,
            author_role: m.author_role.as_str().to_string(),
            body: m.body,
            sent_at: rfc3339(m.sent_at),
            read_by: m
                .read_by
                .into_iter()
                .map(|r| ReadByItem {
                    user_id: r.user_id.to_string(),
                    name: r.name,
                    read_at: rfc3339(r.read_at),
                })
                .collect(),
        }
    }
}

/// The notice on every thread: messages are not watched around the clock, and whom to call
/// in a crisis instead.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadNotice {
    pub text: String,
    pub crisis: Vec<CrisisLink>,
}

/// A period of office hours: `monday`, `09:00`, `17:00` (on the clinician's clock).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeriodItem {
    /// `monday` … `sunday`.
    pub day: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM` (up to `24:00`), after the start.
    pub end: String,
}

impl From<messaging::PeriodView> for PeriodItem {
    fn from(p: messaging::PeriodView) -> Self {
        PeriodItem {
            day: p.day.as_str().to_string(),
            start: p.start,
            end: p.end,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpeningItem {
    /// 0: later today, 1: tomorrow, … up to 7.
    pub days_ahead: usize,
    /// `monday` … `sunday`.
    pub day: String,
    /// `HH:MM` on the clinician's clock.
    pub time: String,
}

impl From<Opening> for OpeningItem {
    fn from(o: Opening) -> Self {
        OpeningItem {
            days_ahead: o.days_ahead,
            day: o.day.as_str().to_string(),
            time: o.time,
        }
    }
}

/// A care-team clinician's office hours, and their away message while they are away.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicianHoursItem {
    pub clinician_id: String,
    pub name: String,
    /// The IANA timezone the hours are on.
    pub timezone: String,
    pub hours: Vec<PeriodItem>,
    /// Inside office hours now; null when the clinician set none.
    pub open_now: Option<bool>,
    pub next_opening: Option<OpeningItem>,
    /// Shown only while they are away (outside their office hours).
    pub away_message: Option<String>,
}

impl From<ClinicianHours> for ClinicianHoursItem {
    fn from(h: ClinicianHours) -> Self {
        ClinicianHoursItem {
            clinician_id: h.clinician_id.to_string(),
            name: h.name,
            timezone: h.timezone,
            hours: h.hours.into_iter().map(PeriodItem::from).collect(),
            open_now: h.open_now,
            next_opening: h.next_opening.map(Into::into),
            away_message: h.away_message,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadBody {
    /// Oldest first.
    pub messages: Vec<MessageItem>,
    pub notice: ThreadNotice,
    /// The clinicians on the care team now.
    pub office_hours: Vec<ClinicianHoursItem>,
    /// Whether a message sent now would reach anyone (the client has a care team).
    pub can_send: bool,
}

/// The client's thread with their care team (the client, or a clinician on the active care
/// team; family members and administrators never). Reading it marks the others' messages read
/// for the reader.
#[utoipa::path(get, path = "/api/v1/clients/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = ThreadBody), (status = 403, body = ErrorBody)))]
pub async fn thread(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<ThreadBody>, ApiError> {
    let t = messaging::thread(&state.app, &actor, client).await?;
    Ok(Json(ThreadBody {
        messages: t.messages.into_iter().map(Into::into).collect(),
        notice: ThreadNotice {
            text: rapport_app::messages::MESSAGES_NOT_WATCHED.to_string(),
            crisis: crisis_links(&state).await,
        },
        office_hours: t.office_hours.into_iter().map(Into::into).collect(),
        can_send: t.can_send,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MessageRequest {
    /// 1–4,000 characters once trimmed.
    pub body: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageSent {
    pub message: MessageItem,
    /// The client's words spoke of self-harm: show `crisis` and `crisis_notice` at once. No
    /// flag is raised and nobody is told sooner.
    pub crisis_resources_shown: bool,
    /// The instance's crisis lines when `crisis_resources_shown`; empty otherwise.
    pub crisis: Vec<CrisisLink>,
    /// What to tell the writer with the crisis lines, when `crisis_resources_shown`.
    pub crisis_notice: Option<String>,
    /// For a client's message: the care-team clinicians away now, with their away message.
    pub away: Vec<ClinicianHoursItem>,
}

/// Sends a message in the client's thread (the client, or a clinician on the active care
/// team). The other side is notified. 409 when the client has no care team to read it.
#[utoipa::path(post, path = "/api/v1/clients/{id}/messages", tag = "messages", request_body = MessageRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 201, body = MessageSent), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody, description = "The client has no care team: nobody would read it"), (status = 422, body = ErrorBody)))]
pub async fn send_message(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<MessageRequest>,
) -> Result<(StatusCode, Json<MessageSent>), ApiError> {
    let s = messaging::send(&state.app, &actor, client, &body.body).await?;
    let shown = s.crisis_resources_shown;
    Ok((
        StatusCode::CREATED,
        Json(MessageSent {
            message: s.message.into(),
            crisis_resources_shown: shown,
            crisis: if shown {
                crisis_links(&state).await
            } else {
                Vec::new()
            },
            crisis_notice: shown.then(|| rapport_app::messages::MESSAGE_SELF_HARM.to_string()),
            away: s.away.into_iter().map(Into::into).collect(),
        }),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeHoursBody {
    /// The IANA timezone the hours are on.
    pub timezone: String,
    pub hours: Vec<PeriodItem>,
    pub away_message: Option<String>,
    /// When they were last saved (null: never).
    pub updated_at: Option<String>,
}

impl From<OfficeHoursView> for OfficeHoursBody {
    fn from(v: OfficeHoursView) -> Self {
        OfficeHoursBody {
            timezone: v.timezone,
            hours: v.hours.into_iter().map(PeriodItem::from).collect(),
            away_message: v.away_message,
            updated_at: v.updated_at.map(rfc3339),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OfficeHoursRequest {
    /// An IANA timezone (`America/Chicago`); absent or blank keeps the one set before (at first, the account's).
    pub timezone: Option<String>,
    /// Every period of the week (the list replaces the one before; empty clears it).
    pub hours: Vec<PeriodItem>,
    /// Shown to clients outside office hours (up to 500 characters); absent or blank: none.
    pub away_message: Option<String>,
}

/// The signed-in clinician's office hours for messages, and their away message.
#[utoipa::path(get, path = "/api/v1/me/office-hours", tag = "messages", security(("bearer" = [])),
    responses((status = 200, body = OfficeHoursBody), (status = 403, body = ErrorBody)))]
pub async fn my_office_hours(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<OfficeHoursBody>, ApiError> {
    Ok(Json(
        messaging::my_office_hours(&state.app, &actor).await?.into(),
    ))
}

/// Sets the signed-in clinician's office hours (all of them), timezone and away message.
#[utoipa::path(put, path = "/api/v1/me/office-hours", tag = "messages", request_body = OfficeHoursRequest, security(("bearer" = [])),
    responses((status = 200, body = OfficeHoursBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_office_hours(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<OfficeHoursRequest>,
) -> Result<Json<OfficeHoursBody>, ApiError> {
    let new = NewOfficeHours {
        timezone: body.timezone.unwrap_or_default(),
        hours: body
            .hours
            .into_iter()
            .map(|p| NewPeriod {
                day: p.day,
                start: p.start,
                end: p.end,
            })
            .collect(),
        away_message: body.away_message,
    };
    Ok(Json(
        messaging::set_office_hours(&state.app, &actor, new)
            .await?
            .into(),
    ))
}
