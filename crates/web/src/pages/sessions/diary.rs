//! The clinician's diary: their sessions by day from today (marked) to four weeks ahead, or
//! from two weeks back when they ask for earlier ones; the clients' open requests for another
//! time first, with a count.

use askama::Template;
use chrono::{Duration, NaiveTime};
use rapport_app::Actor;
use rapport_app::sessions;

use super::requests::{RequestItem, open_items};
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
    pub notice: Option<&'static str>,
    pub timezone: String,
    pub from: String,
    pub to: String,
    /// The two weeks before today are shown too.
    pub earlier: bool,
    pub days: Vec<DayView>,
    pub requests: Vec<RequestItem>,
    pub requests_back: String,
}

/// "Tuesday 3 November"; in Spanish "martes 3 de noviembre".
fn day_heading(day: chrono::NaiveDate, lang: crate::i18n::Lang) -> String {
    use chrono::Datelike;
    match lang {
        crate::i18n::Lang::En => day.format("%A %-d %B").to_string(),
        _ => {
            let weekday = crate::i18n::error_message(lang, &day.format("%A").to_string());
            let long = crate::i18n::long_date(lang, day);
            // "3 de noviembre de 2026" without its year.
            let without_year = long
                .strip_suffix(&format!(" de {}", day.year()))
                .unwrap_or(&long)
                .to_string();
            format!("{weekday} {without_year}")
        }
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    earlier: bool,
    notice: Option<&'static str>,
) -> Result<SchedulePage, PageError> {
    let tz = own_timezone(ctx);
    let now = state.app.now();
    let today = local(now, &tz).0;
    let midnight = rapport_app::time::local_to_utc(today.and_time(NaiveTime::MIN), &tz);
    let from = if earlier {
        midnight - Duration::days(PAST_DAYS)
    } else {
        midnight
    };
    let to = now + Duration::days(AHEAD_DAYS);
    let (list, requests) = tokio::try_join!(
        sessions::my_sessions(&state.app, actor, from, to),
        open_items(state, ctx, actor),
    )?;
    let mut days: Vec<DayView> = vec![];
    let today_id = format!("day-{}", today.format("%Y-%m-%d"));
    let today_view = || DayView {
        id: today_id.clone(),
        heading: day_heading(today, ctx.lang),
        today: true,
        sessions: vec![],
    };
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
            place: where_of(&s, now),
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
        // Today is always there, booked or not.
        if day > today && !days.iter().any(|d| d.today) {
            days.push(today_view());
        }
        match days.last_mut() {
            Some(d) if d.id == id => d.sessions.push(slot),
            _ => days.push(DayView {
                id,
                heading: day_heading(day, ctx.lang),
                today: day == today,
                sessions: vec![slot],
            }),
        }
    }
    if !days.iter().any(|d| d.today) {
        days.push(today_view());
    }
    Ok(SchedulePage {
        l: Layout::new(ctx),
        notice,
        from: local(from, &tz).0.format("%-d %b").to_string(),
        to: local(to, &tz).0.format("%-d %b %Y").to_string(),
        earlier,
        timezone: tz,
        days,
        requests,
        requests_back: "/sessions".into(),
    })
}

pub async fn show(
    state: &AppState,
    Signed { actor, ctx }: &Signed,
    earlier: bool,
    done: Option<&str>,
) -> Page {
    let notice = (done == Some("answered")).then_some("Your answer is sent.");
    render(page(state, ctx, actor, earlier, notice).await?)
}
