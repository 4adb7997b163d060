//! Times on each person's own clock: stored in UTC, shown and typed where the person lives.
//! A page formats every instant it shows with the reader's clock, [`zone`]
//! (`rapport_app::time::Zone`), so that one instant reads the same on every page: the
//! timeline, the alert, the feedback table and the plan's versions alike.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_app::time::Zone;

use crate::extract::Ctx;

/// The clock of the person reading the page (their account's timezone); UTC for someone not
/// signed in.
pub fn zone(ctx: &Ctx) -> Zone {
    ctx.user.as_ref().map(|c| c.zone).unwrap_or_default()
}

/// The reader's timezone by name (UTC when unknown), as read with their session: a page
/// needs no statement of its own for it.
pub fn own_timezone(ctx: &Ctx) -> String {
    zone(ctx).name().to_string()
}

/// The day and the wall-clock time ("17:00") of an instant where the person lives.
pub fn local(at: DateTime<Utc>, tz: &str) -> (NaiveDate, String) {
    let zone = Zone::new(tz);
    (zone.day(at), zone.time(at))
}

/// "Tue 3 Nov 2026, 17:00" where the person lives.
pub fn when(at: DateTime<Utc>, tz: &str) -> String {
    Zone::new(tz).day_time(at)
}

/// The value of a `datetime-local` input for an instant, on the person's clock.
pub fn local_input(at: DateTime<Utc>, tz: &str) -> String {
    Zone::new(tz).local(at).format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_follow_the_zone() {
        use chrono::TimeZone;
        let at = Utc.with_ymd_and_hms(2026, 11, 3, 16, 0, 0).unwrap();
        assert_eq!(when(at, "America/Chicago"), "Tue 3 Nov 2026, 10:00");
        assert_eq!(local_input(at, "Europe/Madrid"), "2026-11-03T17:00");
    }
}
