//! The room of an online session (`/sessions/{id}/room`, issue 20): a device check, the
//! waiting room, then the call — video and sound between the browsers (a mesh of up to six),
//! mute, camera off, screen share, a text chat, a connection-quality indicator, reconnecting
//! after a drop, the crisis button always in view, and the encryption said plainly. The page
//! is served by Rapport with its own script (`/static/room.js`); an attendee outside the
//! room's hours, and anyone else, gets 403.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use rapport_app::measures::due_today;
use rapport_app::sessions::room::{self, RoomEntry, RoomRole};
use rapport_app::{Actor, Error};
use rapport_core::sessions::room::{MAX_PARTICIPANTS, RoomState};
use serde_json::json;

use crate::extract::{Ctx, SessionId, Signed};
use crate::pages::templates::Layout;
use crate::pages::time::{own_timezone, when};
use crate::pages::{Page, render, render_status, to};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "room.html")]
pub struct RoomPage {
    pub l: Layout,
    pub id: String,
    pub when: String,
    pub minutes: i16,
    pub with: String,
    pub you: String,
    pub host: bool,
    pub group: bool,
    /// The ICE servers, as JSON for the script.
    pub ice: String,
    pub max: usize,
    /// A PHQ-9 is due: the client may answer it first.
    pub phq9_due: bool,
    /// Where "Leave" and "Back" go: the session's page, or a family member's sessions.
    pub back: String,
}

#[derive(Template)]
#[template(path = "room_closed.html")]
pub struct RoomClosedPage {
    pub l: Layout,
    pub message: &'static str,
    pub opens: Option<String>,
    pub back: String,
}

/// The page a person goes back to from the room: a family member has no session page.
fn back(entry: &RoomEntry) -> String {
    match entry.role {
        RoomRole::Family => "/family/sessions".into(),
        _ => format!("/sessions/{}", entry.session_id),
    }
}

fn ice_json(entry: &RoomEntry) -> String {
    serde_json::Value::Array(
        entry
            .ice_servers
            .iter()
            .map(|s| {
                let mut v = json!({"urls": s.urls});
                if let (Some(u), Some(c)) = (&s.username, &s.credential) {
                    v["username"] = json!(u);
                    v["credential"] = json!(c);
                }
                v
            })
            .collect(),
    )
    .to_string()
}

async fn phq9_due(state: &AppState, actor: &Actor, entry: &RoomEntry) -> Result<bool, Error> {
    if entry.role != RoomRole::Client {
        return Ok(false);
    }
    Ok(due_today(&state.app, actor)
        .await?
        .iter()
        .any(|d| d.what == "phq9" && d.due))
}

fn closed(ctx: &Ctx, entry: &RoomEntry) -> Page {
    let tz = own_timezone(ctx);
    render_status(
        StatusCode::FORBIDDEN,
        RoomClosedPage {
            l: Layout::new(ctx),
            message: entry.state.message(),
            opens: match entry.state {
                RoomState::NotYet(at) => Some(when(at, &tz)),
                _ => None,
            },
            back: back(entry),
        },
    )
}

/// `GET /sessions/{id}/room`.
pub async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    SessionId(id): SessionId,
) -> Page {
    let entry = room::enter(&state.app, &actor, id).await?;
    if !entry.state.is_open() {
        return closed(&ctx, &entry);
    }
    let tz = own_timezone(&ctx);
    let page = RoomPage {
        l: Layout::new(&ctx),
        id: id.to_string(),
        when: when(entry.starts_at, &tz),
        minutes: entry.minutes,
        with: entry.clinician_name.clone(),
        you: entry.display_name.clone(),
        host: entry.host(),
        group: entry.kind == "group",
        ice: ice_json(&entry),
        max: MAX_PARTICIPANTS,
        phq9_due: phq9_due(&state, &actor, &entry).await?,
        back: back(&entry),
    };
    let mut resp = render(page)?;
    // The room alone may use the camera, the microphone and screen sharing.
    resp.extensions_mut()
        .insert(crate::middleware::security_headers::MediaAllowed);
    Ok(resp.into_response())
}

/// `POST /sessions/{id}/room/end`: the clinician ends the session; everyone's call ends and
/// the progress note opens.
pub async fn end(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    SessionId(id): SessionId,
) -> Page {
    let clients = room::end(&state.app, &actor, id).await?;
    state.rooms.end(id);
    match clients.first() {
        Some(c) => to(&format!("/sessions/{id}/notes/{c}")),
        None => to(&format!("/sessions/{id}")),
    }
}
