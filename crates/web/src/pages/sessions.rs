//! Sessions: the clinician's schedule, scheduling with a client, one session (attendance,
//! moving, cancelling, its history), and the client's own list with "ask for another time".
//! Times are stored in UTC and shown, and typed, on each person's own clock.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rapport_app::sessions::{self, NewSessions, SessionFacts};
use rapport_app::{Actor, Error, care_teams};
use rapport_core::accounts::Role;
use rapport_core::sessions::{Attendance, Modality, SessionKind};
use serde::Deserialize;
use uuid::Uuid;

use super::intake::Choice;
use super::legacy::{render, render_status};
use super::templates::{FormError, Layout};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

/// How far back and ahead the clinician's schedule reaches.
const PAST_DAYS: i64 = 14;
const AHEAD_DAYS: i64 = 28;

// ---------------------------------------------------------------------------------------------
// Shared pieces.

/// The signed-in person's timezone (UTC when unknown).
pub async fn own_timezone(state: &AppState, actor: &Actor) -> Result<String, Error> {
    rapport_app::accounts::own_timezone(&state.app, actor).await
}

/// The day and the wall-clock time ("17:00") of an instant where the person lives.
pub fn local(at: DateTime<Utc>, tz: &str) -> (NaiveDate, String) {
    let day = rapport_app::time::local_day(at, tz);
    let text = rapport_app::time::local_date_time(at, tz);
    let time = text.rsplit(", ").next().unwrap_or_default().to_string();
    (day, time)
}

/// "Tue 3 Nov 2026, 17:00" where the person lives.
pub fn when(at: DateTime<Utc>, tz: &str) -> String {
    let (day, time) = local(at, tz);
    format!("{}, {time}", day.format("%a %-d %b %Y"))
}

/// The value of a `datetime-local` input for an instant, on the person's clock.
fn local_input(at: DateTime<Utc>, tz: &str) -> String {
    let (day, time) = local(at, tz);
    format!("{}T{time}", day.format("%Y-%m-%d"))
}

/// Where a session happens, as shown.
pub struct WhereView {
    pub label: &'static str,
    pub place: Option<String>,
    /// The place is a meeting link.
    pub link: bool,
}

pub fn where_of(s: &SessionFacts) -> WhereView {
    let modality = Modality::parse(&s.modality).unwrap_or(Modality::InPerson);
    WhereView {
        label: modality.label(),
        place: match modality {
            Modality::Phone => None,
            _ => s.place.clone().filter(|p| !p.trim().is_empty()),
        },
        link: modality == Modality::Online,
    }
}

fn kind_label(s: &SessionFacts) -> &'static str {
    SessionKind::parse(&s.kind).map_or("Session", SessionKind::label)
}

fn parse_id(s: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(s).map_err(|_| Error::NotFound)
}

fn one(fields: &[(String, String)], k: &str) -> String {
    fields
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn error_of<'a>(errors: &'a [FormError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

// ---------------------------------------------------------------------------------------------
// `/sessions`: the clinician's schedule, or the client's sessions.

pub struct ClientStatus {
    pub id: String,
    pub name: String,
    pub status: Option<&'static str>,
}

pub struct SlotView {
    pub href: String,
    pub time: String,
    pub minutes: i16,
    pub kind: &'static str,
    pub place: WhereView,
    pub clients: Vec<ClientStatus>,
    pub cancelled: bool,
}

pub struct DayView {
    pub id: String,
    pub heading: String,
    pub today: bool,
    pub sessions: Vec<SlotView>,
}

#[derive(Template)]
#[template(path = "sessions_clinician.html")]
pub struct SchedulePage {
    pub l: Layout,
    pub timezone: String,
    pub from: String,
    pub to: String,
    pub days: Vec<DayView>,
}

async fn schedule_page(state: &AppState, ctx: &Ctx, actor: &Actor) -> Result<SchedulePage, Error> {
    let tz = own_timezone(state, actor).await?;
    let now = state.app.now();
    let from = now - Duration::days(PAST_DAYS);
    let to = now + Duration::days(AHEAD_DAYS);
    let list = sessions::my_sessions(&state.app, actor, from, to).await?;
    let today = local(now, &tz).0;
    let mut days: Vec<DayView> = vec![];
    for (s, who) in list {
        let (day, time) = local(s.starts_at, &tz);
        let started = s.starts_at <= now;
        let cancelled = s.cancelled_at.is_some();
        let slot = SlotView {
            href: match who.first() {
                Some((c, _, _)) => format!("/sessions/{}?client={c}", s.id),
                None => format!("/sessions/{}", s.id),
            },
            time,
            minutes: s.minutes,
            kind: kind_label(&s),
            place: where_of(&s),
            clients: who
                .into_iter()
                .map(|(id, name, attendance)| ClientStatus {
                    id: id.to_string(),
                    name,
                    status: match attendance {
                        _ if cancelled => None,
                        Some(a) => Some(a.label()),
                        None if started => Some("attendance not recorded"),
                        None => None,
                    },
                })
                .collect(),
            cancelled,
        };
        let id = format!("day-{}", day.format("%Y-%m-%d"));
        match days.last_mut() {
            Some(d) if d.id == id => d.sessions.push(slot),
            _ => days.push(DayView {
                id,
                heading: day.format("%A %-d %B").to_string(),
                today: day == today,
                sessions: vec![slot],
            }),
        }
    }
    Ok(SchedulePage {
        l: Layout::new(ctx),
        from: local(from, &tz).0.format("%-d %b").to_string(),
        to: local(to, &tz).0.format("%-d %b %Y").to_string(),
        timezone: tz,
        days,
    })
}

/// One of the client's own sessions.
pub struct MySession {
    pub id: String,
    pub when: String,
    pub minutes: i16,
    pub kind: &'static str,
    pub with: String,
    pub place: WhereView,
    pub cancelled: bool,
    pub attendance: Option<&'static str>,
    /// When the client asked for another time, and why.
    pub asked: Vec<(String, String)>,
    pub reason: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "sessions_client.html")]
pub struct MySessionsPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub timezone: String,
    pub upcoming: Vec<MySession>,
    pub past: Vec<MySession>,
}

/// What the client typed into one session's "ask for another time" form.
struct Typed {
    session: Uuid,
    reason: String,
}

async fn my_sessions_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    notice: Option<&'static str>,
    typed: Option<Typed>,
    errors: Vec<FormError>,
) -> Result<MySessionsPage, Error> {
    let tz = own_timezone(state, actor).await?;
    let now = state.app.now();
    let list = sessions::sessions_of(&state.app, actor, actor.user_id).await?;
    let mut upcoming = vec![];
    let mut past = vec![];
    for v in list {
        let s = &v.session;
        let id = s.id.to_string();
        let typed_here = typed.as_ref().filter(|t| t.session == s.id);
        let view = MySession {
            when: when(s.starts_at, &tz),
            minutes: s.minutes,
            kind: kind_label(s),
            with: s.clinician_name.clone(),
            place: where_of(s),
            cancelled: s.cancelled_at.is_some(),
            attendance: v.attendance.map(Attendance::label),
            asked: v
                .changes
                .iter()
                .filter(|c| c.kind == "reschedule_requested" && c.by == actor.user_id)
                .map(|c| (when(c.at, &tz), c.reason.clone()))
                .collect(),
            reason: typed_here.map(|t| t.reason.clone()).unwrap_or_default(),
            error: error_of(&errors, &format!("reason-{id}")).map(str::to_string),
            id,
        };
        if s.starts_at > now {
            upcoming.push(view);
        } else {
            past.push(view);
        }
    }
    past.reverse();
    Ok(MySessionsPage {
        l: Layout::new(ctx),
        notice,
        errors,
        timezone: tz,
        upcoming,
        past,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    done: Option<String>,
}

/// `/sessions`: the clinician's schedule, or the client's own sessions.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let page = match actor.role {
        Role::Clinician => schedule_page(&state, &ctx, &actor).await.map(render),
        Role::Client => {
            let notice = match q.done.as_deref() {
                Some("asked") => Some(
                    "Your request is sent. Your therapist will be in touch about another time.",
                ),
                _ => None,
            };
            my_sessions_page(&state, &ctx, &actor, notice, None, vec![])
                .await
                .map(render)
        }
        _ => Err(Error::Forbidden),
    };
    page.unwrap_or_else(|e| PageError(e).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    reason: String,
}

/// The client asks for another time for one of their sessions.
pub async fn request_reschedule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AskForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return PageError(e).into_response(),
    };
    let error = match sessions::request_reschedule(&state.app, &actor, id, &form.reason).await {
        Ok(()) => return Redirect::to("/sessions?done=asked").into_response(),
        Err(Error::Invalid { message, .. } | Error::Conflict(message)) => {
            FormError::new(format!("reason-{id}"), message)
        }
        Err(e) => return PageError(e).into_response(),
    };
    let typed = Typed {
        session: id,
        reason: form.reason,
    };
    match my_sessions_page(&state, &ctx, &actor, None, Some(typed), vec![error]).await {
        Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
        Err(e) => PageError(e).into_response(),
    }
}

// ---------------------------------------------------------------------------------------------
// `/clients/{id}/sessions/new`: schedule with a client.

/// Another client of the clinician, for a group.
pub struct OtherClient {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "session_new.html")]
pub struct NewSessionPage {
    pub l: Layout,
    pub client_id: String,
    pub client_name: String,
    pub timezone: String,
    pub errors: Vec<FormError>,
    pub kinds: Vec<Choice>,
    pub modalities: Vec<Choice>,
    pub others: Vec<OtherClient>,
    pub f: NewForm,
}

impl NewSessionPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_of(&self.errors, field)
    }
}

/// The form as typed.
#[derive(Debug, Clone)]
pub struct NewForm {
    pub kind: String,
    pub modality: String,
    pub place: String,
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub weeks: String,
    pub others: Vec<String>,
}

impl Default for NewForm {
    fn default() -> Self {
        NewForm {
            kind: SessionKind::Individual.as_str().into(),
            modality: Modality::InPerson.as_str().into(),
            place: String::new(),
            date: String::new(),
            time: String::new(),
            minutes: "50".into(),
            weeks: "1".into(),
            others: vec![],
        }
    }
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

async fn new_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    client_id: Uuid,
    f: NewForm,
    errors: Vec<FormError>,
) -> Result<NewSessionPage, Error> {
    let record = care_teams::client_record(&state.app, actor, client_id).await?;
    let caseload = care_teams::caseload(&state.app, actor).await?;
    let tz = own_timezone(state, actor).await?;
    Ok(NewSessionPage {
        l: Layout::new(ctx),
        client_id: client_id.to_string(),
        client_name: record.name,
        timezone: tz,
        errors,
        kinds: choices(
            SessionKind::ALL,
            SessionKind::as_str,
            SessionKind::label,
            &f.kind,
        ),
        modalities: choices(
            Modality::ALL,
            Modality::as_str,
            Modality::label,
            &f.modality,
        ),
        others: caseload
            .into_iter()
            .filter(|c| c.client_id != client_id)
            .map(|c| {
                let id = c.client_id.to_string();
                OtherClient {
                    checked: f.others.contains(&id),
                    id,
                    name: c.name,
                }
            })
            .collect(),
        f,
    })
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let page = async {
        let client_id = parse_id(&id)?;
        new_page(&state, &ctx, &actor, client_id, NewForm::default(), vec![]).await
    };
    match page.await {
        Ok(p) => render(p),
        Err(e) => PageError(e).into_response(),
    }
}

/// The first session's wall-clock date and time, if both were given in the browser's format.
fn first_at(date: &str, time: &str) -> Option<NaiveDateTime> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
        .ok()?;
    Some(date.and_time(time))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let client_id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return PageError(e).into_response(),
    };
    let f = NewForm {
        kind: one(&fields, "kind"),
        modality: one(&fields, "modality"),
        place: one(&fields, "place"),
        date: one(&fields, "date"),
        time: one(&fields, "time"),
        minutes: one(&fields, "minutes"),
        weeks: one(&fields, "weeks"),
        others: fields
            .iter()
            .filter(|(n, _)| n == "clients")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let mut clients = vec![client_id];
    clients.extend(
        f.others
            .iter()
            .filter_map(|s| Uuid::parse_str(s).ok())
            .filter(|c| *c != client_id),
    );
    let new = NewSessions {
        clients,
        kind: f.kind.clone(),
        modality: f.modality.clone(),
        place: f.place.clone(),
        first: first_at(&f.date, &f.time),
        minutes: f.minutes.trim().parse().ok(),
        weeks: f.weeks.trim().parse().ok(),
    };
    let error = match sessions::schedule(&state.app, &actor, new).await {
        Ok(ids) => {
            let Some(first) = ids.first() else {
                return PageError(Error::Internal("no session scheduled".into())).into_response();
            };
            return Redirect::to(&format!(
                "/sessions/{first}?client={client_id}&done=scheduled-{}",
                ids.len()
            ))
            .into_response();
        }
        Err(Error::Invalid { field, message }) => FormError::new(field, message),
        Err(e) => return PageError(e).into_response(),
    };
    match new_page(&state, &ctx, &actor, client_id, f, vec![error]).await {
        Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
        Err(e) => PageError(e).into_response(),
    }
}

// ---------------------------------------------------------------------------------------------
// `/sessions/{id}`: one session, for the clinician.

pub struct AttendeeView {
    pub id: String,
    pub name: String,
    pub status: Option<&'static str>,
    /// The reader may record this client's attendance.
    pub can_record: bool,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
}

pub struct ChangeView {
    pub at: String,
    pub who: String,
    pub what: String,
    pub reason: String,
    pub request: bool,
}

#[derive(Template)]
#[template(path = "session.html")]
pub struct SessionPage {
    pub l: Layout,
    pub id: String,
    /// The client the page was reached through (kept on every form).
    pub client: String,
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub when: String,
    pub timezone: String,
    pub minutes: i16,
    pub kind: &'static str,
    pub place: WhereView,
    pub series: bool,
    pub cancelled: bool,
    pub started: bool,
    pub clients: Vec<AttendeeView>,
    /// The reader is a client in the session: their own view, without the clinician's forms.
    pub as_member: bool,
    /// The clinician who leads it.
    pub with: String,
    /// How many other members take part (not named to this reader).
    pub others: usize,
    /// The reader may move and cancel it.
    pub can_manage: bool,
    pub changes: Vec<ChangeView>,
    /// Requests from clients for another time since the session last moved.
    pub open_requests: usize,
    pub starts_at: String,
    pub reschedule_reason: String,
    pub cancel_reason: String,
}

impl SessionPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_of(&self.errors, field)
    }
}

/// What was typed into the session page's forms, the notice and the errors.
#[derive(Debug, Default)]
pub struct SessionTyped {
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub starts_at: Option<String>,
    pub reschedule_reason: String,
    pub cancel_reason: String,
    /// (client, attendance word)
    pub attendance: Option<(Uuid, String)>,
}

async fn session_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    client: Option<Uuid>,
    typed: SessionTyped,
) -> Result<SessionPage, Error> {
    let errors = typed.errors;
    let tz = own_timezone(state, actor).await?;
    let sessions::SessionDetail {
        session: s,
        as_member,
        clients,
        others,
        changes,
        can_manage,
    } = sessions::session(&state.app, actor, id).await?;
    let now = state.app.now();
    let last_move = changes
        .iter()
        .map(|(c, _)| c)
        .filter(|c| c.kind == "rescheduled")
        .map(|c| c.at)
        .max();
    let open_requests = if !as_member && s.cancelled_at.is_none() && s.starts_at > now {
        changes
            .iter()
            .filter(|(c, _)| c.kind == "reschedule_requested" && last_move.is_none_or(|m| c.at > m))
            .count()
    } else {
        0
    };
    Ok(SessionPage {
        l: Layout::new(ctx),
        id: id.to_string(),
        // Only a client shown here is kept on the forms.
        client: client
            .filter(|c| clients.iter().any(|m| m.client_id == *c))
            .or_else(|| clients.first().map(|c| c.client_id))
            .filter(|_| !as_member)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        notice: typed.notice,
        when: when(s.starts_at, &tz),
        minutes: s.minutes,
        kind: kind_label(&s),
        place: where_of(&s),
        series: s.series_id.is_some(),
        cancelled: s.cancelled_at.is_some(),
        started: s.starts_at <= now,
        clients: clients
            .iter()
            .map(|m| {
                let cid = &m.client_id;
                let attendance = m.attendance;
                let typed_word = typed
                    .attendance
                    .as_ref()
                    .filter(|(c, _)| c == cid)
                    .map(|(_, w)| w.as_str());
                let chosen = typed_word.or(attendance.map(Attendance::as_str));
                AttendeeView {
                    id: cid.to_string(),
                    name: m.name.clone(),
                    status: attendance.map(Attendance::label),
                    can_record: m.can_record,
                    choices: choices(
                        Attendance::ALL,
                        Attendance::as_str,
                        Attendance::label,
                        chosen.unwrap_or_default(),
                    ),
                    error: error_of(&errors, &format!("attendance-{cid}")).map(str::to_string),
                }
            })
            .collect(),
        changes: changes
            .iter()
            .map(|(c, by)| ChangeView {
                at: when(c.at, &tz),
                who: if by == "you" {
                    "You".into()
                } else {
                    by.clone()
                },
                what: match c.kind.as_str() {
                    "rescheduled" => format!(
                        "moved it from {} to {}",
                        c.from_starts_at.map(|t| when(t, &tz)).unwrap_or_default(),
                        c.to_starts_at.map(|t| when(t, &tz)).unwrap_or_default()
                    ),
                    "cancelled" => "cancelled it".into(),
                    "reschedule_requested" => "asked for another time".into(),
                    other => other.replace('_', " "),
                },
                reason: c.reason.clone(),
                request: c.kind == "reschedule_requested",
            })
            .collect(),
        open_requests,
        as_member,
        with: s.clinician_name.clone(),
        others,
        can_manage,
        starts_at: typed
            .starts_at
            .unwrap_or_else(|| local_input(s.starts_at, &tz)),
        reschedule_reason: typed.reschedule_reason,
        cancel_reason: typed.cancel_reason,
        timezone: tz,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SessionQuery {
    client: Option<String>,
    done: Option<String>,
}

fn done_text(done: Option<&str>) -> Option<String> {
    let d = done?;
    if let Some(n) = d.strip_prefix("scheduled-") {
        return Some(match n.parse::<u32>().unwrap_or(1) {
            1 => "The session is scheduled.".into(),
            n => format!("{n} weekly sessions are scheduled; this is the first."),
        });
    }
    Some(
        match d {
            "attendance" => "Attendance recorded.",
            "moved" => "The session is moved. It shows at the new time in everyone's calendar.",
            "cancelled" => "The session is cancelled.",
            _ => return None,
        }
        .into(),
    )
}

fn client_param(s: Option<&str>) -> Option<Uuid> {
    s.and_then(|s| Uuid::parse_str(s).ok())
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<SessionQuery>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let page = async {
        let id = parse_id(&id)?;
        session_page(
            &state,
            &ctx,
            &actor,
            id,
            client_param(q.client.as_deref()),
            SessionTyped {
                notice: done_text(q.done.as_deref()),
                ..SessionTyped::default()
            },
        )
        .await
    };
    match page.await {
        Ok(p) => render(p),
        Err(e) => PageError(e).into_response(),
    }
}

/// After a form on the session page: back to it with a notice, or the page again with the
/// error and what was typed.
async fn after(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    (id, client): (Uuid, Option<Uuid>),
    done: &str,
    result: Result<(), FormError>,
    typed: SessionTyped,
) -> Response {
    match result {
        Ok(()) => {
            let client = client.map(|c| format!("client={c}&")).unwrap_or_default();
            Redirect::to(&format!("/sessions/{id}?{client}done={done}")).into_response()
        }
        Err(error) => {
            let typed = SessionTyped {
                errors: vec![error],
                ..typed
            };
            match session_page(state, ctx, actor, id, client, typed).await {
                Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
                Err(e) => PageError(e).into_response(),
            }
        }
    }
}

/// A use-case's answer as a form error on `field`, or the error page.
fn form_result(r: rapport_app::Result<()>, field: &str) -> Result<Result<(), FormError>, Error> {
    match r {
        Ok(()) => Ok(Ok(())),
        Err(Error::Invalid { field: f, message }) => Ok(Err(FormError::new(
            match f.as_str() {
                "starts_at" => "starts_at".to_string(),
                _ => field.to_string(),
            },
            message,
        ))),
        Err(Error::Conflict(message)) => Ok(Err(FormError::new(field, message))),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AttendanceForm {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    client: String,
}

pub async fn attendance(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AttendanceForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let (Ok(id), Ok(client_id)) = (parse_id(&id), parse_id(&form.client_id)) else {
        return PageError(Error::NotFound).into_response();
    };
    let r = sessions::record_attendance(&state.app, &actor, id, client_id, &form.attendance).await;
    let result = match form_result(r, &format!("attendance-{client_id}")) {
        Ok(r) => r,
        Err(e) => return PageError(e).into_response(),
    };
    let typed = SessionTyped {
        attendance: Some((client_id, form.attendance)),
        ..SessionTyped::default()
    };
    let client = client_param(Some(&form.client)).or(Some(client_id));
    after(
        &state,
        &ctx,
        &actor,
        (id, client),
        "attendance",
        result,
        typed,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    client: String,
}

/// A `datetime-local` value: `2026-11-03T17:00` (seconds allowed).
fn parse_local(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

pub async fn reschedule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MoveForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return PageError(e).into_response(),
    };
    let r = sessions::reschedule(
        &state.app,
        &actor,
        id,
        parse_local(&form.starts_at),
        &form.reason,
    )
    .await;
    let result = match form_result(r, "reschedule_reason") {
        Ok(r) => r,
        Err(e) => return PageError(e).into_response(),
    };
    let typed = SessionTyped {
        starts_at: Some(form.starts_at),
        reschedule_reason: form.reason,
        ..SessionTyped::default()
    };
    let client = client_param(Some(&form.client));
    after(&state, &ctx, &actor, (id, client), "moved", result, typed).await
}

#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    client: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<CancelForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return PageError(e).into_response(),
    };
    let r = sessions::cancel(&state.app, &actor, id, &form.reason).await;
    let result = match form_result(r, "cancel_reason") {
        Ok(r) => r,
        Err(e) => return PageError(e).into_response(),
    };
    let typed = SessionTyped {
        cancel_reason: form.reason,
        ..SessionTyped::default()
    };
    let client = client_param(Some(&form.client));
    after(
        &state,
        &ctx,
        &actor,
        (id, client),
        "cancelled",
        result,
        typed,
    )
    .await
}

// ---------------------------------------------------------------------------------------------
// The client chart's "Sessions" card.

pub struct ChartSession {
    pub href: String,
    pub when: String,
    pub what: String,
    pub status: String,
}

/// A client's sessions for their chart, newest first, on the clinician's clock.
pub async fn chart_sessions(
    state: &AppState,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<ChartSession>, Error> {
    let tz = own_timezone(state, actor).await?;
    let now = state.app.now();
    let mut out: Vec<ChartSession> = sessions::sessions_of(&state.app, actor, client_id)
        .await?
        .into_iter()
        .map(|v| {
            let s = &v.session;
            ChartSession {
                href: format!("/sessions/{}?client={client_id}", s.id),
                when: when(s.starts_at, &tz),
                what: format!(
                    "{}, {}, {} min",
                    kind_label(s),
                    where_of(s).label.to_lowercase(),
                    s.minutes
                ),
                status: match (s.cancelled_at, v.attendance) {
                    (Some(_), _) => "cancelled".into(),
                    (None, Some(a)) => a.label().to_lowercase(),
                    (None, None) if s.starts_at <= now => "attendance not recorded".into(),
                    (None, None) => "upcoming".into(),
                },
            }
        })
        .collect();
    out.reverse();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates_and_times() {
        assert_eq!(
            first_at("2026-11-03", "17:05").map(|t| t.to_string()),
            Some("2026-11-03 17:05:00".into())
        );
        assert_eq!(first_at("", "17:05"), None);
        assert_eq!(first_at("2026-11-03", "5pm"), None);
        assert_eq!(
            parse_local("2026-11-03T17:05").map(|t| t.to_string()),
            Some("2026-11-03 17:05:00".into())
        );
        assert_eq!(parse_local("tomorrow"), None);
    }

    #[test]
    fn local_times_follow_the_zone() {
        use chrono::TimeZone;
        let at = Utc.with_ymd_and_hms(2026, 11, 3, 16, 0, 0).unwrap();
        assert_eq!(when(at, "America/Chicago"), "Tue 3 Nov 2026, 10:00");
        assert_eq!(local_input(at, "Europe/Madrid"), "2026-11-03T17:00");
    }

    #[test]
    fn notices() {
        assert_eq!(
            done_text(Some("scheduled-1")).as_deref(),
            Some("The session is scheduled.")
        );
        assert!(done_text(Some("scheduled-4")).is_some_and(|t| t.starts_with("4 weekly")));
        assert_eq!(done_text(Some("nonsense")), None);
    }
}
