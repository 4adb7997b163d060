//! A person's own calendar: instants are stored in UTC; "today" and what people read are in
//! the timezone they gave (UTC when it is missing or unknown).

use chrono::{DateTime, NaiveDate, Utc};
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

/// Whether a timezone name is one we know.
pub fn is_known(tz: &str) -> bool {
    tz.parse::<Tz>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
}
