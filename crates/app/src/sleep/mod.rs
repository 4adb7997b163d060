//! The sleep diary (issue 22): the client writes down a night — bedtime, time to fall asleep,
//! minutes awake, wake time, rise time — beside the check-in's hours; core computes the sleep
//! efficiency (time asleep ÷ time in bed). The client and their care team read it.

use chrono::{Duration, NaiveDate, NaiveTime};
use rapport_core::sleep::{SleepDiary, SleepNight, sleep_night};
use rapport_store::accounts::users;
use rapport_store::sleep::{self as store, Night};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// A night as typed: clock times as `HH:MM`.
#[derive(Debug, Clone, Default)]
pub struct NewNight {
    /// The morning the night ended; `None`: today (the client's day).
    pub day: Option<NaiveDate>,
    pub bedtime: String,
    pub minutes_to_fall_asleep: Option<i64>,
    pub awake_minutes: Option<i64>,
    pub wake_time: String,
    pub rise_time: String,
}

/// A night with what it comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct NightView {
    pub id: Uuid,
    pub day: NaiveDate,
    pub diary: SleepDiary,
    pub night: SleepNight,
}

fn time(field: &str, v: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(v.trim(), "%H:%M")
        .map_err(|_| Error::invalid(field, "Enter a time like 23:30."))
}

fn minutes(field: &str, v: Option<i64>, what: &str) -> Result<u16> {
    v.and_then(|m| u16::try_from(m).ok())
        .ok_or_else(|| Error::invalid(field, format!("Enter the minutes {what}, from 0 to 720.")))
}

fn diary_of(n: &NewNight) -> Result<SleepDiary> {
    Ok(SleepDiary {
        bedtime: time("bedtime", &n.bedtime)?,
        minutes_to_fall_asleep: minutes(
            "minutes_to_fall_asleep",
            n.minutes_to_fall_asleep,
            "it took to fall asleep",
        )?,
        awake_minutes: minutes("awake_minutes", n.awake_minutes, "awake in the night")?,
        wake_time: time("wake_time", &n.wake_time)?,
        rise_time: time("rise_time", &n.rise_time)?,
    })
}

fn view(n: &Night) -> Option<NightView> {
    let diary = SleepDiary {
        bedtime: NaiveTime::parse_from_str(&n.bedtime, "%H:%M").ok()?,
        minutes_to_fall_asleep: u16::try_from(n.minutes_to_fall_asleep).ok()?,
        awake_minutes: u16::try_from(n.awake_minutes).ok()?,
        wake_time: NaiveTime::parse_from_str(&n.wake_time, "%H:%M").ok()?,
        rise_time: NaiveTime::parse_from_str(&n.rise_time, "%H:%M").ok()?,
    };
    Some(NightView {
        id: n.id,
        day: n.day,
        night: sleep_night(&diary).ok()?,
        diary,
    })
}

/// A stored night's morning and hours asleep (`None` when it does not compute).
pub(crate) fn asleep_hours(n: &Night) -> Option<(NaiveDate, f64)> {
    let v = view(n)?;
    Some((v.day, f64::from(v.night.asleep_minutes) / 60.0))
}

/// The client writes down a night (for themself). Refuses what core cannot compute, naming
/// the field; a day in the future is refused.
pub async fn record_night(app: &App, actor: &Actor, new: NewNight) -> Result<NightView> {
    let diary = diary_of(&new)?;
    let night = sleep_night(&diary)?;
    let client_id = actor.user_id;
    let scope = access::write(
        app,
        actor,
        Action::SubmitMeasures,
        client_id,
        "sleep.recorded",
    )
    .await?;
    let tz = users::timezone_of(scope.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let today = local_day(app.now(), &tz);
    let day = new.day.unwrap_or(today);
    if day > today || day < today - Duration::days(30) {
        return Err(Error::invalid(
            "day",
            "Choose a morning from the last 30 days, today at the latest.",
        ));
    }
    let row = Night {
        id: app.new_id(),
        client_id,
        day,
        bedtime: diary.bedtime.format("%H:%M").to_string(),
        minutes_to_fall_asleep: i16::try_from(diary.minutes_to_fall_asleep).unwrap_or(i16::MAX),
        awake_minutes: i16::try_from(diary.awake_minutes).unwrap_or(i16::MAX),
        wake_time: diary.wake_time.format("%H:%M").to_string(),
        rise_time: diary.rise_time.format("%H:%M").to_string(),
        recorded_at: app.now(),
    };
    store::insert(&scope.client(), &row).await?;
    scope
        .commit(Entry::ok("sleep.recorded").resource(format!("sleep:{}", row.id)))
        .await?;
    Ok(NightView {
        id: row.id,
        day,
        diary,
        night,
    })
}

/// The client's nights over the last `days` days, newest first (the client or their care
/// team).
pub async fn nights_of(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    days: i64,
) -> Result<Vec<NightView>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "sleep.read",
    )
    .await?;
    let tz = users::timezone_of(scope.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let today = local_day(app.now(), &tz);
    let rows = store::since(&scope.client(), today - Duration::days(days)).await?;
    scope.finish(Entry::ok("sleep.read")).await?;
    Ok(rows.iter().rev().filter_map(view).collect())
}
