//! A person's own calendar: instants are stored in UTC; "today" and what people read are in
//! the timezone they gave (UTC when it is missing or unknown).
//!
//! [`Zone`] is the one way an instant is shown to a person: a page takes the reader's zone
//! (their account's timezone) and formats every `DateTime<Utc>` of the views it shows with it,
//! so the same instant reads the same on every page.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

fn zone(tz: &str) -> Tz {
    tz.parse().unwrap_or(Tz::UTC)
}

/// A reader's clock: the timezone of the person a page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(Tz);

impl Default for Zone {
    fn default() -> Zone {
        Zone(Tz::UTC)
    }
}

impl Zone {
    /// The zone of that name (an IANA name such as `America/Chicago`); UTC when unknown.
    pub fn new(name: &str) -> Zone {
        Zone(zone(name))
    }

    /// Its IANA name, e.g. `Asia/Kolkata`.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The wall-clock date and time of `at` on this clock.
    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }

    /// The calendar day of `at` on this clock.
    pub fn day(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date()
    }

    /// "3 Nov 2026".
    pub fn date(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%-d %b %Y").to_string()
    }

    /// "3 Nov 2026, 14:05".
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%-d %b %Y, %H:%M").to_string()
    }

    /// "Tue 3 Nov 2026, 14:05": a session's time, with its weekday.
    pub fn day_time(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%a %-d %b %Y, %H:%M").to_string()
    }

    /// "14:05".
    pub fn time(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%H:%M").to_string()
    }

    /// "3 Nov": a chart's axis and table.
    pub fn short_date(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%-d %b").to_string()
    }
}

/// The calendar day it is at `at` where the person lives.
pub fn local_day(at: DateTime<Utc>, tz: &str) -> NaiveDate {
    Zone::new(tz).day(at)
}

/// Date and time as the person reads it, e.g. "3 Nov 2026, 14:05".
pub fn local_date_time(at: DateTime<Utc>, tz: &str) -> String {
    Zone::new(tz).date_time(at)
}

/// The instant a wall-clock time names where the person lives. In the hour a clock skips
/// (spring forward) the time is moved on by that hour; in the hour it repeats (fall back) the
/// first of the two is meant.
pub fn local_to_utc(local: NaiveDateTime, tz: &str) -> DateTime<Utc> {
    let zone = zone(tz);
    let mut probe = local;
    for _ in 0..3 {
        if let Some(t) = zone.from_local_datetime(&probe).earliest() {
            return t.with_timezone(&Utc);
        }
        probe += Duration::hours(1);
    }
    Utc.from_utc_datetime(&local)
}

/// A weekly series: the same wall-clock time each week where the person lives, so a session
/// at 17:00 stays at 17:00 across a daylight-saving change (its UTC instant moves).
pub fn weekly(first: NaiveDateTime, weeks: u8, tz: &str) -> Vec<DateTime<Utc>> {
    (0..i64::from(weeks))
        .map(|w| local_to_utc(first + Duration::weeks(w), tz))
        .collect()
}

/// Whether a timezone name is one we know.
pub fn is_known(tz: &str) -> bool {
    tz.parse::<Tz>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_follows_the_persons_zone() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
        assert_eq!(
            local_day(at, "America/Chicago"),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        );
        assert_eq!(
            local_day(at, "Europe/Madrid"),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
        assert_eq!(
            local_day(at, "Not/AZone"),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
        assert!(is_known("America/Chicago") && !is_known("Mars/Base"));
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_weekly_session_keeps_its_local_time_across_daylight_saving() {
        // Europe/London leaves summer time on 25 Oct 2026: 17:00 is 16:00 UTC before, 17:00 after.
        let series = weekly(local("2026-10-20 17:00"), 3, "Europe/London");
        let utc: Vec<String> = series
            .iter()
            .map(|t| t.format("%d %H:%M").to_string())
            .collect();
        assert_eq!(utc, ["20 16:00", "27 17:00", "03 17:00"]);
        for t in &series {
            assert_eq!(
                local_date_time(*t, "Europe/London").split(", ").nth(1),
                Some("17:00")
            );
        }
    }

    #[test]
    fn one_instant_reads_on_each_persons_clock() {
        // 03:10 UTC on 24 Nov is the evening before in Chicago and the morning in Kolkata.
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 3, 10, 0).unwrap();
        let chicago = Zone::new("America/Chicago");
        let kolkata = Zone::new("Asia/Kolkata");
        assert_eq!(chicago.date_time(at), "23 Nov 2026, 21:10");
        assert_eq!(chicago.day_time(at), "Mon 23 Nov 2026, 21:10");
        assert_eq!(chicago.date(at), "23 Nov 2026");
        assert_eq!(chicago.short_date(at), "23 Nov");
        assert_eq!(kolkata.date_time(at), "24 Nov 2026, 08:40");
        assert_eq!(kolkata.time(at), "08:40");
        assert_eq!(kolkata.name(), "Asia/Kolkata");
        assert_eq!(Zone::new("Not/AZone"), Zone::default());
        assert_eq!(Zone::default().date_time(at), "24 Nov 2026, 03:10");
    }

    #[test]
    fn skipped_and_repeated_hours_have_one_meaning() {
        // New York springs forward on 8 Mar 2026 at 02:00: 02:30 does not exist that day.
        assert_eq!(
            local_to_utc(local("2026-03-08 02:30"), "America/New_York").to_rfc3339(),
            "2026-03-08T07:30:00+00:00"
        );
        // It falls back on 1 Nov 2026: 01:30 happens twice; the first (EDT) is meant.
        assert_eq!(
            local_to_utc(local("2026-11-01 01:30"), "America/New_York").to_rfc3339(),
            "2026-11-01T05:30:00+00:00"
        );
        assert_eq!(
            local_to_utc(local("2026-11-01 01:30"), "Nowhere").to_rfc3339(),
            "2026-11-01T01:30:00+00:00"
        );
    }
}
