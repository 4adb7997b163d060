//! The room of an online session over the API (issue 20): whether it is open, how the caller
//! takes part, the ICE servers (with short-lived TURN credentials) and the WebSocket to signal
//! on. The WebSocket itself (`/sessions/{id}/room/ws`) is described in docs/online-sessions.md:
//! OpenAPI has no words for one.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rapport_app::sessions::room;
use rapport_core::sessions::room::{MAX_PARTICIPANTS, OPENS_MINUTES_BEFORE};
use serde::Serialize;
use utoipa::ToSchema;

use super::sessions::rfc3339;
use super::{ApiActor, SessionId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/sessions/{id}/room", get(session_room))
}

/// A STUN or TURN server, as `RTCPeerConnection`'s `iceServers` takes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IceServerBody {
    /// A `stun:`, `stuns:`, `turn:` or `turns:` URL.
    pub urls: String,
    /// For TURN: fixed, or `<expiry unix seconds>:<id>` (coturn's REST API).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// For TURN: fixed, or base64(HMAC-SHA1(shared secret, username)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionRoomBody {
    pub session_id: String,
    /// `open`, `not_yet`, `ended`, `cancelled` or `no_room` (not an online session).
    pub state: String,
    /// When the room opens (10 minutes before the start).
    pub opens_at: String,
    pub starts_at: String,
    pub minutes: i16,
    /// How the caller takes part: `clinician` (the host, who lets people in and ends the
    /// session), `client` or `family`.
    pub role: String,
    /// The name the others see.
    pub display_name: String,
    /// Empty unless the room is open, and empty when none are configured (`--ice-servers`):
    /// then browsers connect directly, on the same network.
    pub ice_servers: Vec<IceServerBody>,
    /// The signalling WebSocket's path on this server (`ws:` or `wss:` like the page).
    pub websocket: String,
    /// The most people in the room at once (a mesh).
    pub max_participants: usize,
    /// How the media are protected: `dtls-srtp`, between the participants' devices.
    pub encryption: String,
}

/// The room of an online session, for an attendee (the clinician who leads it, its clients,
/// family members named on a family session); 403 for anyone else (recorded).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/room", tag = "sessions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 200, body = SessionRoomBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn session_room(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(id): SessionId,
) -> Result<Json<SessionRoomBody>, ApiError> {
    let e = room::enter(&state.app, &actor, id).await?;
    let opens_at = e.starts_at - chrono::Duration::minutes(OPENS_MINUTES_BEFORE);
    Ok(Json(SessionRoomBody {
        session_id: id.to_string(),
        state: e.state.as_str().into(),
        opens_at: rfc3339(opens_at),
        starts_at: rfc3339(e.starts_at),
        minutes: e.minutes,
        role: e.role.as_str().into(),
        display_name: e.display_name.clone(),
        ice_servers: e
            .ice_servers
            .into_iter()
            .map(|s| IceServerBody {
                urls: s.urls,
                username: s.username,
                credential: s.credential,
            })
            .collect(),
        websocket: format!("/sessions/{id}/room/ws"),
        max_participants: MAX_PARTICIPANTS,
        encryption: "dtls-srtp".into(),
    }))
}
