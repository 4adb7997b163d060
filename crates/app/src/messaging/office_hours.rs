//! A clinician's office hours for messages and their away message: set by the clinician
//! (`Action::SetOfficeHours`), on their own clock (an IANA timezone, their account's unless
//! they choose another), and shown on each thread of a client whose care team they are on —
//! with the away message while they are outside them.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use rapport_core::messaging::{
    LocalMoment, Slot, Weekday, check_away_message, check_hours, format_minute, next_opening,
    parse_time_field, within,
};
use rapport_store::Tx;
use rapport_store::accounts::users;
use rapport_store::messaging::{self as store, OfficeSettings};
use serde::Serialize;
use uuid::Uuid;

use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::words::stored;
use crate::{Actor, App, Error, Result, access};

/// One period of office hours, for people and the API: `monday`, `09:00`, `17:00`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodView {
    pub day: Weekday,
    pub start: String,
    pub end: String,
}

impl From<Slot> for PeriodView {
    fn from(s: Slot) -> Self {
        PeriodView {
            day: s.day,
            start: format_minute(s.start),
            end: format_minute(s.end),
        }
    }
}

/// When a clinician's office hours next open, on their clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opening {
    /// 0: later today; 1: tomorrow; up to 7.
    pub days_ahead: usize,
    pub day: Weekday,
    /// "09:00".
    pub time: String,
}

/// A care-team clinician's office hours as a thread shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClinicianHours {
    pub clinician_id: Uuid,
    pub name: String,
    /// The IANA timezone the hours are on.
    pub timezone: String,
    pub hours: Vec<PeriodView>,
    /// Inside office hours now; `None` when the clinician set none.
    pub open_now: Option<bool>,
    /// When they next open (none when set none, or open now).
    pub next_opening: Option<Opening>,
    /// Their away message, shown only while they are away: outside their office hours (or,
    /// with none set, whenever they wrote one).
    pub away_message: Option<String>,
}

impl ClinicianHours {
    /// Outside their office hours now, or away by their own message.
    pub fn away(&self) -> bool {
        self.open_now == Some(false) || self.away_message.is_some()
    }
}

/// A clinician's own settings, as the settings page and the API show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeHoursView {
    pub timezone: String,
    pub hours: Vec<PeriodView>,
    pub away_message: Option<String>,
    /// When they last saved them (none: never).
    pub updated_at: Option<DateTime<Utc>>,
}

/// A period as typed: a weekday word and two times ("09:00").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPeriod {
    pub day: String,
    pub start: String,
    pub end: String,
}

/// Office hours as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOfficeHours {
    /// An IANA name (`America/Chicago`); blank keeps the one set before (at first, the account's).
    pub timezone: String,
    pub hours: Vec<NewPeriod>,
    pub away_message: Option<String>,
}

fn zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// The moment `at` on a clock of timezone `tz`: its weekday and minute of the day (daylight
/// saving as the timezone database has it).
pub fn local_moment(at: DateTime<Utc>, tz: Tz) -> LocalMoment {
    let local = at.with_timezone(&tz);
    let minute = local.hour() * 60 + local.minute();
    LocalMoment {
        day: Weekday::Monday.plus(local.weekday().num_days_from_monday() as usize),
        minute: u16::try_from(minute).unwrap_or(0),
    }
}

fn slots_of(rows: &[store::HoursRow]) -> Result<Vec<Slot>> {
    let mut out = rows
        .iter()
        .map(|r| {
            Ok(Slot {
                day: stored(&r.day, Weekday::parse)?,
                start: u16::try_from(r.start_minute).unwrap_or(0),
                end: u16::try_from(r.end_minute).unwrap_or(0),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|s| (s.day.index(), s.start));
    Ok(out)
}

/// The office hours of each clinician in `team`, as of `now`.
pub(crate) async fn of_clinicians(
    tx: &impl Tx,
    team: &[Uuid],
    names: &HashMap<Uuid, String>,
    now: DateTime<Utc>,
) -> Result<Vec<ClinicianHours>> {
    let c = tx.conn();
    let rows = store::hours_of(c, team).await?;
    let settings = store::settings_of(c, team).await?;
    let mut out = Vec::with_capacity(team.len());
    for id in team {
        let mine: Vec<store::HoursRow> = rows
            .iter()
            .filter(|r| r.clinician_id == *id)
            .cloned()
            .collect();
        let slots = slots_of(&mine)?;
        let set = settings.iter().find(|s| s.clinician_id == *id);
        let timezone = match set {
            Some(s) => s.timezone.clone(),
            None => users::timezone_of(c, *id)
                .await?
                .unwrap_or_else(|| "UTC".into()),
        };
        let at = local_moment(now, zone(&timezone).unwrap_or(Tz::UTC));
        let open_now = (!slots.is_empty()).then(|| within(&slots, at));
        let next = match open_now {
            Some(false) => next_opening(&slots, at).map(|(days_ahead, m)| Opening {
                days_ahead,
                day: m.day,
                time: format_minute(m.minute),
            }),
            _ => None,
        };
        let away_message = set
            .and_then(|s| s.away_message.clone())
            .filter(|_| open_now != Some(true));
        out.push(ClinicianHours {
            clinician_id: *id,
            name: names.get(id).cloned().unwrap_or_default(),
            timezone,
            hours: slots.into_iter().map(PeriodView::from).collect(),
            open_now,
            next_opening: next,
            away_message,
        });
    }
    Ok(out)
}

/// The signed-in clinician's own office hours, timezone and away message.
pub async fn my_office_hours(app: &App, actor: &Actor) -> Result<OfficeHoursView> {
    access::allow(actor, Action::SetOfficeHours)?;
    let r = app.db.read().await?;
    let rows = store::hours_of(r.conn(), &[actor.user_id]).await?;
    let settings = store::settings_of(r.conn(), &[actor.user_id])
        .await?
        .into_iter()
        .next();
    let account_tz = users::timezone_of(r.conn(), actor.user_id).await?;
    r.close().await?;
    Ok(OfficeHoursView {
        timezone: settings
            .as_ref()
            .map(|s| s.timezone.clone())
            .or(account_tz)
            .unwrap_or_else(|| "UTC".into()),
        hours: slots_of(&rows)?.into_iter().map(PeriodView::from).collect(),
        away_message: settings.as_ref().and_then(|s| s.away_message.clone()),
        updated_at: settings.map(|s| s.updated_at),
    })
}

/// Sets the signed-in clinician's office hours (replacing them all), timezone and away
/// message. Errors name the field (`timezone`, `hours[1].start`, `away_message`).
pub async fn set_office_hours(
    app: &App,
    actor: &Actor,
    new: NewOfficeHours,
) -> Result<OfficeHoursView> {
    access::allow(actor, Action::SetOfficeHours)?;
    // Blank keeps the timezone set before, or the account's.
    let timezone = match new.timezone.trim() {
        "" => my_office_hours(app, actor).await?.timezone,
        tz => tz.to_string(),
    };
    let Some(tz) = zone(&timezone) else {
        return Err(Error::invalid("timezone", crate::messages::BAD_TIMEZONE));
    };
    let mut slots = Vec::with_capacity(new.hours.len());
    for (i, p) in new.hours.iter().enumerate() {
        let day = Weekday::parse(p.day.trim().to_lowercase().as_str()).ok_or_else(|| {
            Error::invalid(format!("hours[{i}].day"), crate::messages::BAD_WEEKDAY)
        })?;
        slots.push(Slot {
            day,
            start: parse_time_field(&format!("hours[{i}].start"), &p.start)?,
            end: parse_time_field(&format!("hours[{i}].end"), &p.end)?,
        });
    }
    let slots = check_hours(&slots)?;
    let away_message = check_away_message(new.away_message.as_deref())?;
    let now = app.now();
    let tx = app.db.write().await?;
    let periods: Vec<(String, i32, i32)> = slots
        .iter()
        .map(|s| {
            (
                s.day.as_str().to_string(),
                i32::from(s.start),
                i32::from(s.end),
            )
        })
        .collect();
    store::set_office(
        &tx,
        OfficeSettings {
            clinician_id: actor.user_id,
            timezone: tz.name().to_string(),
            away_message: away_message.clone(),
            updated_at: now,
        },
        &periods,
    )
    .await?;
    record_and_commit(app, tx, actor, Entry::ok("office_hours.set")).await?;
    Ok(OfficeHoursView {
        timezone: tz.name().to_string(),
        hours: slots.into_iter().map(PeriodView::from).collect(),
        away_message,
        updated_at: Some(now),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn the_local_moment_follows_daylight_saving() {
        let ny: Tz = "America/New_York".parse().unwrap_or(Tz::UTC);
        // Friday 6 March 2026, 14:30 UTC: 09:30 EST (UTC-5).
        let before = local_moment(utc(2026, 3, 6, 14, 30), ny);
        assert_eq!((before.day, before.minute), (Weekday::Friday, 9 * 60 + 30));
        // Monday 9 March 2026, 14:30 UTC: 10:30 EDT (UTC-4), the clocks went forward on the 8th.
        let after = local_moment(utc(2026, 3, 9, 14, 30), ny);
        assert_eq!((after.day, after.minute), (Weekday::Monday, 10 * 60 + 30));
        // Late on Sunday in UTC is still Sunday evening… and early Monday UTC is Sunday in New York.
        let late = local_moment(utc(2026, 3, 9, 2, 0), ny);
        assert_eq!((late.day, late.minute), (Weekday::Sunday, 22 * 60));
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap_or(Tz::UTC);
        let jp = local_moment(utc(2026, 3, 8, 23, 0), tokyo);
        assert_eq!((jp.day, jp.minute), (Weekday::Monday, 8 * 60));
    }
}
