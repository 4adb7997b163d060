//! A person's own calendar: instants are stored in UTC; "today" and what people read are in
//! the timezone they gave (UTC when it is missing or unknown).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

fn zone(tz: &str) -> Tz {
    tz.parse().unwrap_or(Tz::UTC)
}

/// The calendar day it is at `at` where the person lives.
pub fn local_day(at: DateTime<Utc>, tz: &str) -> NaiveDate {
    at.with_timezone(&zone(tz)).date_naive()
}

/// Date and time as the person reads it, e.g. "3 Nov 2026, 14:05".
pub fn local_date_time(at: DateTime<Utc>, tz: &str) -> String {
    at.with_timezone(&zone(tz))
        .format("%-d %b %Y, %H:%M")
        .to_string()
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
