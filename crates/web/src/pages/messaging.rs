//! Secure messages as pages (issue 16, part 5): the client's thread with their care team
//! (`/messages`), a clinician's list of their clients' threads (`/messages`) and one client's
//! thread (`/clients/{id}/messages`, linked from the chart), and a clinician's office hours and
//! away message (`/settings/office-hours`, linked from the account page). Every thread shows
//! the notice that messages are not watched around the clock, with the crisis lines; a
//! client's message whose words speak of self-harm shows the crisis lines at once, saying
//! plainly that nobody is told sooner.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use rapport_app::messaging::{self, ClinicianHours, NewOfficeHours, NewPeriod, Sent, Thread};
use rapport_app::time::Zone;
use rapport_app::{Actor, Error};
use rapport_core::accounts::Role;
use rapport_core::messaging::{MAX_AWAY_CHARS, MAX_BODY_CHARS, Weekday};

use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, field, invalid_or_conflict, render, render_status};
use crate::crisis::CrisisLine;
use crate::extract::{Ctx, Record, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/messages", get(messages_page).post(send))
        .route("/clients/{id}/messages", get(messages_page).post(send))
        .route(
            "/settings/office-hours",
            get(office_hours_page).post(save_office_hours),
        )
}

/// One message on the page.
pub struct MessageRow {
    pub id: String,
    pub who: String,
    pub mine: bool,
    pub when: String,
    pub datetime: String,
    pub body: String,
    /// "Read by Dr Lena Okafor on 3 Dec 2026, 14:05".
    pub read_by: Vec<String>,
}

/// A clinician's office hours on the page.
pub struct HoursRow {
    pub name: String,
    /// "Monday 09:00–12:00, 13:00–17:00", one line a day.
    pub days: Vec<String>,
    pub timezone: String,
    /// "In office hours now", "Away now: back tomorrow at 09:00", or none (no hours set).
    pub status: Option<String>,
    pub away: bool,
    pub away_message: Option<String>,
}

/// One line a day with periods: "Monday 09:00–12:00, 13:00–17:00".
fn day_lines(h: &ClinicianHours) -> Vec<String> {
    Weekday::ALL
        .iter()
        .filter_map(|d| {
            let periods: Vec<String> = h
                .hours
                .iter()
                .filter(|p| p.day == *d)
                .map(|p| format!("{}–{}", p.start, p.end))
                .collect();
            (!periods.is_empty()).then(|| format!("{} {}", d.label(), periods.join(", ")))
        })
        .collect()
}

fn hours_rows(list: &[ClinicianHours]) -> Vec<HoursRow> {
    list.iter()
        .map(|h| HoursRow {
            name: h.name.clone(),
            days: day_lines(h),
            timezone: h.timezone.clone(),
            status: match (h.open_now, &h.next_opening) {
                (Some(true), _) => Some("In office hours now".to_string()),
                (Some(false), Some(o)) => Some(format!(
                    "Away now: back {} at {}",
                    match o.days_ahead {
                        0 => "later today".to_string(),
                        1 => "tomorrow".to_string(),
                        _ => format!("on {}", o.day.label()),
                    },
                    o.time
                )),
                (Some(false), None) => Some("Away now".to_string()),
                (None, _) => None,
            },
            away: h.away(),
            away_message: h.away_message.clone(),
        })
        .collect()
}

fn message_rows(t: &Thread, reader: &Actor, z: Zone) -> Vec<MessageRow> {
    t.messages
        .iter()
        .map(|m| {
            let mine = m.author_id == reader.user_id;
            MessageRow {
                id: m.id.to_string(),
                who: if mine {
                    "You".to_string()
                } else {
                    m.author_name.clone()
                },
                mine,
                when: z.date_time(m.sent_at),
                datetime: m.sent_at.to_rfc3339(),
                body: m.body.clone(),
                read_by: m
                    .read_by
                    .iter()
                    .map(|r| {
                        let name = if r.user_id == reader.user_id {
                            "you"
                        } else {
                            r.name.as_str()
                        };
                        format!("Read by {name} on {}", z.date_time(r.read_at))
                    })
                    .collect(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "messages.html")]
pub struct ThreadPage {
    pub l: Layout,
    pub heading: String,
    /// The reader is the client.
    pub own: bool,
    pub action: String,
    pub client_id: String,
    pub client_name: String,
    pub notice: &'static str,
    pub crisis: Vec<CrisisLine>,
    pub hours: Vec<HoursRow>,
    pub messages: Vec<MessageRow>,
    pub can_send: bool,
    pub no_team: &'static str,
    pub body: String,
    pub max_body: usize,
    pub errors: Vec<FormError>,
    /// After sending: the confirmation.
    pub sent: bool,
    /// After a client's message that spoke of self-harm: the words to say with the lines.
    pub self_harm: Option<&'static str>,
    /// After a client's message: the clinicians away now, with their away message.
    pub away: Vec<HoursRow>,
    /// The chart's address (clinicians), to go back.
    pub back: Option<String>,
}

impl ThreadPage {
    pub fn body_error(&self) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == "body")
            .map(|e| e.message.as_str())
    }
}

async fn thread_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    record: &Record,
    t: &Thread,
) -> ThreadPage {
    let own = record.own;
    ThreadPage {
        l: Layout::new(ctx),
        heading: if own {
            "Messages with your care team".to_string()
        } else {
            format!("Messages with {}", t.client_name)
        },
        own,
        action: record.page("messages"),
        client_id: t.client_id.to_string(),
        client_name: t.client_name.clone(),
        notice: rapport_app::messages::MESSAGES_NOT_WATCHED,
        crisis: state.crisis_lines().await,
        hours: hours_rows(&t.office_hours),
        messages: message_rows(t, actor, zone(ctx)),
        can_send: t.can_send,
        no_team: rapport_app::messages::MESSAGE_NO_CARE_TEAM,
        body: String::new(),
        max_body: MAX_BODY_CHARS,
        errors: vec![],
        sent: false,
        self_harm: None,
        away: vec![],
        back: (!own).then(|| format!("/clients/{}", t.client_id)),
    }
}

#[derive(Template)]
#[template(path = "messages_inbox.html")]
pub struct InboxPage {
    pub l: Layout,
    pub threads: Vec<InboxRow>,
}

pub struct InboxRow {
    pub href: String,
    pub name: String,
    pub unread: i64,
    pub latest: Option<String>,
}

/// The client's thread; for a clinician at `/messages`, the list of their clients' threads.
async fn messages_page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
) -> Page {
    if record.own && actor.role == Role::Clinician {
        let z = zone(&ctx);
        let list = messaging::inbox(&state.app, &actor).await?;
        return render(InboxPage {
            l: Layout::new(&ctx),
            threads: list
                .into_iter()
                .map(|s| InboxRow {
                    href: format!("/clients/{}/messages", s.client_id),
                    name: s.client_name,
                    unread: s.unread,
                    latest: s.latest_at.map(|at| z.date_time(at)),
                })
                .collect(),
        });
    }
    let t = messaging::thread(&state.app, &actor, record.client_id).await?;
    render(thread_page(&state, &ctx, &actor, &record, &t).await)
}

/// Sends a message: the thread again with the confirmation (and, for a client's message that
/// spoke of self-harm, the crisis lines at once), or with what was typed and the error.
async fn send(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let body = field(&fields, "body");
    let sent = messaging::send(&state.app, &actor, record.client_id, &body).await;
    let (sent, error): (Option<Sent>, Option<FormError>) = match sent {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(invalid_or_conflict(e, "body")?)),
    };
    let t = messaging::thread(&state.app, &actor, record.client_id).await?;
    let mut page = thread_page(&state, &ctx, &actor, &record, &t).await;
    match (sent, error) {
        (Some(s), _) => {
            page.sent = true;
            page.self_harm = s
                .crisis_resources_shown
                .then_some(rapport_app::messages::MESSAGE_SELF_HARM);
            page.away = hours_rows(&s.away);
            render(page)
        }
        (None, error) => {
            page.body = body;
            page.errors = error.into_iter().collect();
            render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
    }
}

/// A period row on the settings form: (day word, day label, start, end).
pub struct PeriodField {
    pub index: usize,
    pub day: &'static str,
    pub start: String,
    pub end: String,
}

#[derive(Template)]
#[template(path = "office_hours.html")]
pub struct OfficeHoursPage {
    pub l: Layout,
    pub timezone: String,
    pub periods: Vec<PeriodField>,
    pub days: Vec<(&'static str, &'static str)>,
    pub away_message: String,
    pub max_away: usize,
    pub errors: Vec<FormError>,
    pub saved: bool,
}

impl OfficeHoursPage {
    pub fn error_of(&self, f: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == f || e.field.starts_with(&format!("{f}.")))
            .map(|e| e.message.as_str())
    }

    pub fn period_error(&self, i: &usize) -> Option<&str> {
        let f = format!("hours[{i}]");
        self.errors
            .iter()
            .find(|e| e.field == f || e.field.starts_with(&format!("{f}.")))
            .map(|e| e.message.as_str())
    }

    pub fn hours_error(&self) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == "hours")
            .map(|e| e.message.as_str())
    }
}

/// Rows to fill: the periods set, then empty rows up to seven more (at most 21).
fn period_fields(mut set: Vec<(String, String, String)>) -> Vec<PeriodField> {
    let blanks = 7usize.min(rapport_core::messaging::MAX_SLOTS.saturating_sub(set.len()));
    set.extend(std::iter::repeat_n(
        (String::new(), String::new(), String::new()),
        blanks,
    ));
    set.into_iter()
        .enumerate()
        .map(|(index, (day, start, end))| PeriodField {
            index,
            day: Weekday::parse(&day).map_or("", Weekday::as_str),
            start,
            end,
        })
        .collect()
}

fn office_page(ctx: &Ctx) -> OfficeHoursPage {
    OfficeHoursPage {
        l: Layout::new(ctx),
        timezone: String::new(),
        periods: vec![],
        days: Weekday::ALL
            .iter()
            .map(|d| (d.as_str(), d.label()))
            .collect(),
        away_message: String::new(),
        max_away: MAX_AWAY_CHARS,
        errors: vec![],
        saved: false,
    }
}

async fn office_hours_page(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let v = messaging::my_office_hours(&state.app, &actor).await?;
    let mut page = office_page(&ctx);
    page.timezone = v.timezone;
    page.periods = period_fields(
        v.hours
            .into_iter()
            .map(|p| (p.day.as_str().to_string(), p.start, p.end))
            .collect(),
    );
    page.away_message = v.away_message.unwrap_or_default();
    render(page)
}

/// Saves the office hours: rows with a day and times count, blank rows are skipped; a row
/// half filled is named in the error.
async fn save_office_hours(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    // Rows as typed, in order, and the index each has among those sent.
    let mut typed: Vec<(String, String, String)> = Vec::new();
    for i in 0..rapport_core::messaging::MAX_SLOTS + 7 {
        let day = field(&fields, &format!("day_{i}"));
        let start = field(&fields, &format!("start_{i}"));
        let end = field(&fields, &format!("end_{i}"));
        if day.trim().is_empty() && start.trim().is_empty() && end.trim().is_empty() {
            continue;
        }
        typed.push((day, start, end));
    }
    let new = NewOfficeHours {
        timezone: field(&fields, "timezone"),
        hours: typed
            .iter()
            .map(|(day, start, end)| NewPeriod {
                day: day.clone(),
                start: start.clone(),
                end: end.clone(),
            })
            .collect(),
        away_message: Some(field(&fields, "away_message")),
    };
    match messaging::set_office_hours(&state.app, &actor, new).await {
        Ok(v) => {
            let mut page = office_page(&ctx);
            page.timezone = v.timezone;
            page.periods = period_fields(
                v.hours
                    .into_iter()
                    .map(|p| (p.day.as_str().to_string(), p.start, p.end))
                    .collect(),
            );
            page.away_message = v.away_message.unwrap_or_default();
            page.saved = true;
            render(page)
        }
        Err(e @ Error::Invalid { .. }) => {
            let error = invalid_or_conflict(e, "hours")?;
            let mut page = office_page(&ctx);
            page.timezone = field(&fields, "timezone");
            page.periods = period_fields(typed);
            page.away_message = field(&fields, "away_message");
            page.errors = vec![error];
            render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}
