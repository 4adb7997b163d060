//! Sessions, as `rapport_app::sessions` keeps them: the clinician's diary and the client's own
//! list (`/sessions`), scheduling with a client, one session (attendance, moving, cancelling,
//! its history), the client's feedback on a session, and the request for another therapist.
//! Times are stored in UTC and shown, and typed, on each person's own clock.

mod diary;
mod feedback;
mod mine;
pub(crate) mod requests;
mod room;
mod scheduling;
mod session;
mod therapist_request;

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use rapport_app::Error;
use rapport_app::sessions::{self, SessionFacts};
use rapport_app::time::Zone;
use rapport_core::accounts::Role;
use rapport_core::sessions::room::OPENS_MINUTES_BEFORE;
use rapport_core::sessions::{Modality, SessionKind};
use serde::Deserialize;
use uuid::Uuid;

use super::Page;
use super::intake::Choice;
use super::templates::FormError;
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sessions", get(list))
        .route(
            "/clients/{id}/sessions/new",
            get(scheduling::form).post(scheduling::create),
        )
        .route("/sessions/{id}", get(session::show))
        .route("/sessions/{id}/room", get(room::show))
        .route("/sessions/{id}/room/ws", get(crate::signalling::connect))
        .route("/sessions/{id}/room/end", post(room::end))
        .route("/sessions/{id}/attendance", post(session::attendance))
        .route("/sessions/{id}/reschedule", post(session::reschedule))
        .route("/sessions/{id}/cancel", post(session::cancel))
        .route(
            "/sessions/{id}/reschedule-request",
            post(mine::request_reschedule),
        )
        .route("/session-requests/{id}/answer", post(requests::answer))
        .route(
            "/sessions/{id}/feedback",
            get(feedback::form).post(feedback::submit),
        )
        .route(
            "/therapist-request",
            get(therapist_request::form).post(therapist_request::send),
        )
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    done: Option<String>,
    /// The clinician's diary from two weeks back instead of from today.
    earlier: Option<String>,
}

/// `/sessions`: the clinician's diary, or the client's own sessions.
async fn list(State(state): State<AppState>, signed: Signed, Query(q): Query<ListQuery>) -> Page {
    match signed.actor.role {
        Role::Clinician => {
            diary::show(&state, &signed, q.earlier.is_some(), q.done.as_deref()).await
        }
        Role::Client => mine::show(&state, &signed, q.done.as_deref()).await,
        _ => Err(Error::Forbidden.into()),
    }
}

/// Where a session happens, as shown.
pub struct WhereView {
    pub label: &'static str,
    pub place: Option<String>,
    /// The place is a meeting link.
    pub link: bool,
    /// Online without an outside link: the session's own room on Rapport.
    pub own_room: bool,
    /// The room's address while its Join button shows.
    pub join: Option<String>,
}

/// Where a session happens, seen at `now`.
pub fn where_of(s: &SessionFacts, now: DateTime<Utc>) -> WhereView {
    where_view(
        s.id,
        &s.modality,
        s.place.clone(),
        s.starts_at,
        i64::from(s.minutes),
        s.cancelled_at.is_some(),
        now,
    )
}

/// Where a session happens, from its parts, seen at `now`.
pub fn where_view(
    id: Uuid,
    modality: &str,
    place: Option<String>,
    starts_at: DateTime<Utc>,
    minutes: i64,
    cancelled: bool,
    now: DateTime<Utc>,
) -> WhereView {
    let m = Modality::parse(modality).unwrap_or(Modality::InPerson);
    let place = match m {
        Modality::Phone => None,
        _ => place.filter(|p| !p.trim().is_empty()),
    };
    WhereView {
        label: m.label(),
        own_room: m == Modality::Online && place.is_none(),
        place,
        link: m == Modality::Online,
        join: join_link(id, modality, starts_at, minutes, cancelled, now),
    }
}

/// The room's address while the Join button shows: an online session, not cancelled, from 10
/// minutes before its start until an hour past its booked end (the room itself says when the
/// clinician ended it earlier, and stays open for whoever has it open until then).
pub fn join_link(
    id: Uuid,
    modality: &str,
    starts_at: DateTime<Utc>,
    minutes: i64,
    cancelled: bool,
    now: DateTime<Utc>,
) -> Option<String> {
    let opens = starts_at - Duration::minutes(OPENS_MINUTES_BEFORE);
    let shown_until = starts_at + Duration::minutes(minutes + 60);
    (Modality::parse(modality) == Some(Modality::Online)
        && !cancelled
        && now >= opens
        && now < shown_until)
        .then(|| format!("/sessions/{id}/room"))
}

fn kind_label(s: &SessionFacts) -> &'static str {
    SessionKind::parse(&s.kind).map_or("Session", SessionKind::label)
}

fn error_of<'a>(errors: &'a [FormError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

fn choices<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: word(*v),
            label: label(*v),
            checked: word(*v) == chosen,
        })
        .collect()
}

/// A session on the client chart's "Sessions" card.
pub struct ChartSession {
    pub href: String,
    pub when: String,
    pub what: String,
    pub status: String,
}

/// A client's sessions for their chart, newest first, on the clinician's clock.
pub fn chart_sessions(
    list: &[sessions::SessionView],
    client_id: Uuid,
    zone: Zone,
    now: DateTime<Utc>,
    lang: crate::i18n::Lang,
) -> Vec<ChartSession> {
    list.iter()
        .rev()
        .map(|v| {
            let s = &v.session;
            ChartSession {
                href: format!("/sessions/{}?client={client_id}", s.id),
                when: zone.day_time(s.starts_at),
                what: crate::i18n::t_args(
                    lang,
                    "cl-session-what",
                    &[
                        (
                            "kind",
                            crate::i18n::Arg::Owned(crate::i18n::error_message(
                                lang,
                                kind_label(s),
                            )),
                        ),
                        (
                            "where",
                            crate::i18n::Arg::Owned(
                                crate::i18n::error_message(lang, where_of(s, now).label)
                                    .to_lowercase(),
                            ),
                        ),
                        ("minutes", crate::i18n::Arg::Num(i64::from(s.minutes))),
                    ],
                ),
                status: match (s.cancelled_at, v.attendance) {
                    (Some(_), _) => "cancelled".into(),
                    (None, Some(a)) => a.label().to_lowercase(),
                    (None, None) if s.starts_at <= now => "attendance not recorded".into(),
                    (None, None) => "upcoming".into(),
                },
            }
        })
        .collect()
}
