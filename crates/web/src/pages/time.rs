//! Times on each person's own clock: stored in UTC, shown and typed where the person lives.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_app::{Actor, Error};

use crate::state::AppState;

/// The signed-in person's timezone (UTC when unknown).
pub async fn own_timezone(state: &AppState, actor: &Actor) -> Result<String, Error> {
    rapport_app::accounts::own_timezone(&state.app, actor).await
}

/// The day and the wall-clock time ("17:00") of an instant where the person lives.
pub fn local(at: DateTime<Utc>, tz: &str) -> (NaiveDate, String) {
    let day = rapport_app::time::local_day(at, tz);
    let text = rapport_app::time::local_date_time(at, tz);
    let time = text.rsplit(", ").next().unwrap_or_default().to_string();
    (day, time)
}

/// "Tue 3 Nov 2026, 17:00" where the person lives.
pub fn when(at: DateTime<Utc>, tz: &str) -> String {
    let (day, time) = local(at, tz);
    format!("{}, {time}", day.format("%a %-d %b %Y"))
}

/// The value of a `datetime-local` input for an instant, on the person's clock.
pub fn local_input(at: DateTime<Utc>, tz: &str) -> String {
    let (day, time) = local(at, tz);
    format!("{}T{time}", day.format("%Y-%m-%d"))
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
