//! The clinician's diary: their sessions from two weeks back to four weeks ahead, by day.

use askama::Template;
use chrono::Duration;
use rapport_app::Actor;
use rapport_app::sessions;

use super::{WhereView, kind_label, where_of};
use crate::error::PageError;
use crate::extract::{Ctx, Signed};
use crate::pages::templates::Layout;
use crate::pages::time::{local, own_timezone};
use crate::pages::{Page, render};
use crate::state::AppState;

/// How far back and ahead the diary reaches.
const PAST_DAYS: i64 = 14;
const AHEAD_DAYS: i64 = 28;

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

async fn page(state: &AppState, ctx: &Ctx, actor: &Actor) -> Result<SchedulePage, PageError> {
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

pub async fn show(state: &AppState, Signed { actor, ctx }: &Signed) -> Page {
    render(page(state, ctx, actor).await?)
}
