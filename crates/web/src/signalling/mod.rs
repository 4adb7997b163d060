//! Signalling for online sessions (issue 20): a WebSocket per person in a room
//! (`/sessions/{id}/room/ws`), opened only for an attendee while the room is open (the same
//! use-case as the room page: `rapport_app::sessions::room`). Rapport passes the browsers'
//! offers, answers and ICE candidates between the admitted people of one room, with the chat
//! and who is present; the media go between the browsers, encrypted (DTLS-SRTP), never
//! through Rapport. Nothing of the chat is kept unless the clinician saves a line.
//!
//! Messages are JSON objects with a `type`; see docs/online-sessions.md for the protocol.

pub mod hub;

use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::SecondsFormat;
use rapport_app::Actor;
use rapport_app::accounts::{TokenScope, resolve_bearer, resolve_session};
use rapport_app::sessions::room::{self, RoomEntry, RoomRole};
use rapport_core::language::Language;
use serde_json::{Value, json};
use tokio::sync::mpsc::unbounded_channel;
use uuid::Uuid;

pub use hub::Hub;
use hub::{Joining, Outgoing};

use crate::api::Bearer;
use crate::error::{ApiError, PageError};
use crate::extract::{SessionId, Signed, client_address};
use crate::i18n::error_message;
use crate::state::AppState;

/// The largest message a browser may send: an offer with many candidates fits.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// How often the connection checks that the sign-in and the room are still good (and keeps
/// the sign-in from timing out while the session runs).
const RECHECK: Duration = Duration::from_secs(60);

/// Whether the upgrade comes from one of our own pages: a browser always sends `Origin` on a
/// WebSocket; another site's page must not reach the room with the person's cookie.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (
        headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()),
        host,
    ) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host),
        (Some(_), None) => false,
    }
}

/// How the person opening the connection proved who they are: a browser's sign-in cookie, or
/// an app's bearer token (`Authorization: Bearer …`).
enum Credential {
    Cookie(String),
    Token(String),
}

/// Who opens the connection.
pub struct Caller {
    actor: Actor,
    credential: Credential,
    address: String,
    /// An app's refusals are JSON, a browser's pages.
    api: bool,
    /// The language the room's messages are in: the page's for a browser, English for an app
    /// (the protocol's words, docs/online-sessions.md).
    lang: Language,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let address = client_address(parts);
        if parts.headers.contains_key(header::AUTHORIZATION) {
            let bearer = Bearer::from_request_parts(parts, state)
                .await
                .map_err(IntoResponse::into_response)?;
            let actor = bearer.full().map_err(IntoResponse::into_response)?.clone();
            return Ok(Caller {
                actor,
                credential: Credential::Token(bearer.token),
                address,
                api: true,
                lang: Language::En,
            });
        }
        let Signed { actor, ctx } = Signed::from_request_parts(parts, state).await?;
        Ok(Caller {
            actor,
            credential: Credential::Cookie(ctx.session_secret.unwrap_or_default()),
            address,
            api: false,
            lang: ctx.lang,
        })
    }
}

impl Caller {
    fn refuse(&self, e: rapport_app::Error) -> Response {
        if self.api {
            ApiError(e).into_response()
        } else {
            PageError(e).into_response()
        }
    }

    /// Whether the sign-in or token is still good (and, for a sign-in, kept from timing out).
    async fn still_signed_in(&self, state: &AppState) -> bool {
        let me = self.actor.user_id;
        match &self.credential {
            Credential::Cookie(secret) => matches!(
                resolve_session(&state.app, secret, Some(&self.address)).await,
                Ok(Some(c)) if c.actor.user_id == me
            ),
            Credential::Token(token) => matches!(
                resolve_bearer(&state.app, token, Some(&self.address)).await,
                Ok(Some((a, TokenScope::Full))) if a.user_id == me
            ),
        }
    }
}

/// `GET /sessions/{id}/room/ws`: the signalling connection, for a signed-in browser or an app
/// with a bearer token. 403 for anyone who may not be in the room now (refusals recorded),
/// before anything is upgraded.
pub async fn connect(
    State(state): State<AppState>,
    caller: Caller,
    SessionId(id): SessionId,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    if !same_origin(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let entry = match room::enter_open(&state.app, &caller.actor, id).await {
        Ok(e) => e,
        Err(e) => return caller.refuse(e),
    };
    let ws = match ws {
        Ok(ws) => ws,
        Err(rejection) => return rejection.into_response(),
    };
    let admitted = match room::join(&state.app, &caller.actor, &entry).await {
        Ok(a) => a,
        Err(e) => return caller.refuse(e),
    };
    ws.max_message_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            run(&state, &caller, &entry, admitted, socket).await;
            if let Err(e) = room::leave(&state.app, &caller.actor, &entry).await {
                tracing::warn!(error = %e, "could not record a room leave");
            }
        })
}

/// One connection, until it closes, the room ends, or the sign-in or the room is no longer
/// good.
async fn run(
    state: &AppState,
    caller: &Caller,
    entry: &RoomEntry,
    admitted: bool,
    mut socket: WebSocket,
) {
    let actor = &caller.actor;
    let hub = &state.rooms;
    let session = entry.session_id;
    let peer = Uuid::new_v4().simple().to_string();
    let (tx, mut rx) = unbounded_channel();
    let room_for_them = hub.connect(
        session,
        Joining {
            peer: peer.clone(),
            user_id: actor.user_id,
            name: entry.display_name.clone(),
            role: entry.role.as_str(),
            admitted,
            tx: tx.clone(),
        },
    );
    if !room_for_them {
        let full = format!(
            "The room is full ({} people); you are in the waiting room until someone leaves.",
            rapport_core::sessions::room::MAX_PARTICIPANTS
        );
        let _ = tx.send(Outgoing::Text(error(caller.lang, &full).to_string()));
    }
    drop(tx);
    let mut recheck = tokio::time::interval(RECHECK);
    recheck.tick().await;
    loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    if let Some(reply) = handle(state, caller, entry, &peer, text.as_str()).await
                        && socket.send(Message::Text(reply.to_string().into())).await.is_err()
                    {
                        break;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            out = rx.recv() => match out {
                Some(Outgoing::Text(t)) => {
                    if socket.send(Message::Text(t.into())).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close) | None => {
                    let _ = socket.send(Message::Close(None)).await;
                    break;
                }
            },
            _ = recheck.tick() => {
                let signed_in = caller.still_signed_in(state).await;
                let open = room::enter_open(&state.app, actor, session).await.is_ok();
                if !signed_in || !open {
                    let _ = socket.send(Message::Text(json!({"type": "ended"}).to_string().into())).await;
                    let _ = socket.send(Message::Close(None)).await;
                    break;
                }
            }
        }
    }
    hub.disconnect(session, &peer);
}

/// An error for the person's script, in their language.
fn error(lang: Language, message: &str) -> Value {
    json!({"type": "error", "message": error_message(lang, message)})
}

/// A use-case's refusal in plain words (the field is the page's business, not the person's).
fn refusal(lang: Language, e: &rapport_app::Error) -> Value {
    match e {
        rapport_app::Error::Invalid { message, .. } | rapport_app::Error::Conflict(message) => {
            error(lang, message)
        }
        rapport_app::Error::Forbidden => {
            error(lang, "Only the clinician leading the session can do that.")
        }
        _ => error(lang, "That did not work; try again in a moment."),
    }
}

/// One message from the browser; what to answer it directly, if anything.
async fn handle(
    state: &AppState,
    caller: &Caller,
    entry: &RoomEntry,
    peer: &str,
    text: &str,
) -> Option<Value> {
    let (actor, lang) = (&caller.actor, caller.lang);
    let hub = &state.rooms;
    let session = entry.session_id;
    let Ok(msg) = serde_json::from_str::<Value>(text) else {
        return Some(error(lang, "Not understood."));
    };
    let host = entry.role == RoomRole::Clinician;
    match msg["type"].as_str().unwrap_or_default() {
        "signal" => {
            let to = msg["to"].as_str().unwrap_or_default();
            (!hub.relay(session, peer, to, msg["data"].clone()))
                .then(|| json!({"type": "gone", "peer": to}))
        }
        "chat" => {
            let line = msg["text"].as_str().unwrap_or_default();
            if let Err(e) = rapport_core::sessions::room::check_chat_line(line) {
                return Some(error(lang, &e.message));
            }
            let at = state.app.now().to_rfc3339_opts(SecondsFormat::Secs, true);
            (!hub.chat(session, peer, line.trim(), &at))
                .then(|| error(lang, "You can write once you are let in."))
        }
        "admit" if host => {
            let who = msg["peer"].as_str().unwrap_or_default();
            let user = match hub.waiting_user(session, who) {
                Ok(u) => u,
                Err(m) => return Some(error(lang, m)),
            };
            match room::admit(&state.app, actor, session, user).await {
                Ok(_) => {
                    hub.admit(session, user);
                    None
                }
                Err(e) => Some(refusal(lang, &e)),
            }
        }
        "save" if host => {
            let from = msg["from"].as_str().unwrap_or_default();
            let line = msg["text"].as_str().unwrap_or_default();
            let Some((name, role, user)) = hub.writer(session, from) else {
                return Some(error(
                    lang,
                    "That line is not from this session; copy it into the note.",
                ));
            };
            let client = if role == "client" {
                Some(user)
            } else if entry.clients.len() == 1 {
                entry.clients.first().copied()
            } else {
                None
            };
            let Some(client) = client else {
                return Some(error(
                    lang,
                    "In a group, only a member's own line can be saved, to their record.",
                ));
            };
            let id = msg["id"].clone();
            match room::save_line(&state.app, actor, session, client, &name, line).await {
                Ok(()) => Some(json!({"type": "saved", "id": id})),
                Err(e) => Some(refusal(lang, &e)),
            }
        }
        "ping" => Some(json!({"type": "pong"})),
        _ => Some(error(lang, "Not understood.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_our_own_pages_open_the_connection() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&h));
    }
}
