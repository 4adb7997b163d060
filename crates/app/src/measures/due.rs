use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::measures::Instrument;
use rapport_store::{ConnectionTrait, accounts::users, checkins, measures};
use serde::Serialize;
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// What the client is asked for, and how often (in days), unless their clinician changed it:
/// PHQ-9 weekly, GAD-7 every two weeks, WHO-5 monthly, the check-in daily.
pub const DEFAULT_SCHEDULE: [(&str, i32); 4] =
    [("checkin", 1), ("phq9", 7), ("gad7", 14), ("who5", 30)];

/// One thing on the client's list for today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    /// `checkin`, `phq9`, `gad7` or `who5`.
    pub what: String,
    pub label: &'static str,
    pub minutes: u8,
    pub every_days: i32,
    pub last: Option<NaiveDate>,
    pub due: bool,
}

fn label_and_minutes(what: &str) -> (&'static str, u8) {
    match Instrument::parse(what) {
        Some(i) => (i.label(), i.minutes_to_complete()),
        None => ("Daily check-in", 1),
    }
}

/// What is due today for the client (their own list), in their own calendar.
pub async fn due_today(app: &App, actor: &Actor) -> Result<Vec<Due>> {
    access::own(actor, Action::SubmitMeasures)?;
    let c = app.db.conn();
    let client_id = actor.user_id;
    let timezone = users::timezone_of(c, client_id)
        .await?
        .ok_or(Error::NotFound)?;
    due_in(c, client_id, local_day(app.now(), &timezone), &timezone).await
}

/// [`due_today`] of a client whose day `today` is, read through `c` (the caller asked the
/// policy).
async fn due_in(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    today: NaiveDate,
    timezone: &str,
) -> Result<Vec<Due>> {
    let facts = DueFacts {
        custom: measures::schedules_of(c, client_id).await?,
        defaults: crate::settings::current_in(c).await?,
        last_checkin: checkins::last_days(c, &[client_id])
            .await?
            .first()
            .map(|(_, d)| *d),
        last_taken: measures::last_taken(c, client_id, &LAST_TAKEN).await?,
        fibser_asked: crate::medication::fibser_due_for(c, client_id, today).await?,
    };
    Ok(due_from(&facts, today, timezone))
}

/// The questionnaires whose latest [`DueFacts::last_taken`] holds, in this order.
pub(crate) const LAST_TAKEN: [&str; 4] = ["phq9", "gad7", "who5", "fibser"];

/// What today's list is made from.
pub(crate) struct DueFacts {
    /// The client's own schedules, where their clinician changed one.
    pub custom: Vec<measures::Schedule>,
    /// The instance's settings (its default schedule).
    pub defaults: crate::settings::Settings,
    /// The day of their latest check-in.
    pub last_checkin: Option<NaiveDate>,
    /// When they last took each of [`LAST_TAKEN`].
    pub last_taken: Vec<Option<DateTime<Utc>>>,
    /// The FIBSER is asked (a medicine for depression is listed).
    pub fibser_asked: bool,
}

/// Today's list in the client's `timezone`, where `today` is their day.
pub(crate) fn due_from(facts: &DueFacts, today: NaiveDate, timezone: &str) -> Vec<Due> {
    let last_of = |what: &str| {
        LAST_TAKEN
            .iter()
            .position(|i| *i == what)
            .and_then(|i| facts.last_taken.get(i).copied().flatten())
            .map(|at| local_day(at, timezone))
    };
    let mut out = Vec::new();
    for (what, _) in DEFAULT_SCHEDULE {
        let default_days = facts.defaults.schedule_days(what);
        let every_days = facts
            .custom
            .iter()
            .find(|s| s.instrument == what)
            .map(|s| s.every_days)
            .unwrap_or(default_days);
        if every_days <= 0 {
            continue;
        }
        let last = if what == "checkin" {
            facts.last_checkin
        } else {
            last_of(what)
        };
        let due = is_due(last, every_days, today);
        let (label, minutes) = label_and_minutes(what);
        out.push(Due {
            what: what.to_string(),
            label,
            minutes,
            every_days,
            last,
            due,
        });
    }
    // The FIBSER: weekly while a medicine for depression is listed (CLINICAL.md FIBSER).
    if facts.fibser_asked {
        let fibser = Instrument::Fibser.as_str();
        let last = last_of(fibser);
        let (label, minutes) = label_and_minutes(fibser);
        out.push(Due {
            what: fibser.to_string(),
            label,
            minutes,
            every_days: FIBSER_EVERY_DAYS,
            last,
            due: is_due(last, FIBSER_EVERY_DAYS, today),
        });
    }
    out
}

/// The FIBSER is asked weekly (CLINICAL.md), while a medicine for depression is listed.
pub const FIBSER_EVERY_DAYS: i32 = 7;

/// Whether something last done on `last` (never: `None`) and asked every `every_days` days
/// is due `today` (the client's home and the reminders read it alike).
pub(crate) fn is_due(last: Option<NaiveDate>, every_days: i32, today: NaiveDate) -> bool {
    every_days > 0 && last.is_none_or(|d| d + Duration::days(i64::from(every_days)) <= today)
}

/// A clinician changes how often the client is asked for a measure (0 = not asked).
pub async fn set_schedule(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    what: &str,
    every_days: i32,
) -> Result<()> {
    if !DEFAULT_SCHEDULE.iter().any(|(w, _)| *w == what) {
        return Err(Error::invalid(
            "instrument",
            "Use checkin, phq9, gad7 or who5.",
        ));
    }
    if !(0..=365).contains(&every_days) {
        return Err(Error::invalid(
            "every_days",
            "Use a number of days from 0 (never) to 365.",
        ));
    }
    let scope = access::write(app, actor, Action::SetSchedules, client_id, "schedule.set").await?;
    measures::set_schedule(
        scope.conn(),
        client_id,
        what,
        every_days,
        what == "phq9",
        actor.user_id,
        app.now(),
    )
    .await?;
    scope
        .commit(Entry::ok("schedule.set").resource(format!("schedule:{what}")))
        .await?;
    Ok(())
}

/// How often the client is asked for each measure (days; 0 = not asked), for their clinician.
pub async fn schedule_of(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<(String, &'static str, i32)>> {
    let scope = access::read(app, actor, Action::SetSchedules, client_id, "schedule.read").await?;
    let schedule = schedule_in(&scope).await?;
    scope.finish(Entry::ok("schedule.read")).await?;
    Ok(schedule)
}

/// [`schedule_of`] in a scope the caller opened (and records).
pub(crate) async fn schedule_in(
    scope: &access::ReadScope<'_>,
) -> Result<Vec<(String, &'static str, i32)>> {
    let custom = measures::schedules_of(scope.conn(), scope.client_id()).await?;
    let defaults = crate::settings::current_in(scope.conn()).await?;
    Ok(DEFAULT_SCHEDULE
        .iter()
        .map(|(what, _)| {
            let days = custom
                .iter()
                .find(|s| s.instrument == *what)
                .map(|s| s.every_days)
                .unwrap_or_else(|| defaults.schedule_days(what));
            (what.to_string(), label_and_minutes(what).0, days)
        })
        .collect())
}
