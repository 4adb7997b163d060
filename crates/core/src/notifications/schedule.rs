//! When reminders fall, on each person's own clock (issue 16): the daily check-in at a chosen
//! local time, quiet hours (a local window that may cross midnight), the person's local day
//! (for the daily limit), and the reminders before a session. Pure: every instant comes in.
//!
//! Daylight saving, chosen once for all of Rapport (the same as `rapport_app::time`):
//! - a local time the clock skips (spring forward, e.g. 02:30 in New York on 8 March 2026) is
//!   read with the offset in force just before the jump, so it lands that many minutes after
//!   the jump (02:30 → 03:30 EDT): the reminder comes late by the gap, never not at all;
//! - a local time the clock shows twice (fall back, e.g. 01:30 in New York on 1 November 2026)
//!   means the first of the two: the reminder comes once, at the earlier one.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of an IANA name such as `America/New_York`; UTC when unknown.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The wall-clock date and time of `at` in `tz`.
pub fn local(at: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    at.with_timezone(&tz).naive_local()
}

/// The calendar day of `at` in `tz`.
pub fn local_day(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    local(at, tz).date()
}

/// The instant a wall-clock date and time names in `tz` (see the module's note on skipped and
/// repeated times).
pub fn instant(day: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let wall = day.and_time(time);
    if let Some(t) = tz.from_local_datetime(&wall).earliest() {
        return t.with_timezone(&Utc);
    }
    // Skipped: read it with the offset of the last wall time before the gap that exists.
    let mut probe = wall;
    for _ in 0..48 {
        probe -= Duration::minutes(30);
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            let offset = t.offset().fix();
            return Utc
                .from_utc_datetime(&(wall - Duration::seconds(offset.local_minus_utc().into())));
        }
    }
    Utc.from_utc_datetime(&wall)
}

/// The first instant at or after `after` when the local clock in `tz` reads `time`: the next
/// daily check-in reminder.
pub fn next_daily(after: DateTime<Utc>, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let today = local_day(after, tz);
    let mut day = today - Duration::days(1);
    // Yesterday's occurrence can fall today when a skipped time lands after midnight; three
    // days always hold the answer.
    for _ in 0..3 {
        let at = instant(day, time, tz);
        if at >= after {
            return at;
        }
        day += Duration::days(1);
    }
    instant(day, time, tz)
}

/// Today's daily reminder where the person lives: the local day and its instant, once that
/// instant has come (`None` before it). A reminder missed while no server ran is still given
/// later the same local day, not the day after.
pub fn daily_due(
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: Tz,
) -> Option<(NaiveDate, DateTime<Utc>)> {
    let today = local_day(now, tz);
    let at = instant(today, time, tz);
    (at <= now).then_some((today, at))
}

/// When a person's reminders must next be looked at, after a look at `now`: the next time
/// their daily reminder time comes (`daily`) or a reminder before one of their `sessions`
/// falls due, whichever is first; always after `now`. Nothing else makes a reminder fall due
/// by the clock alone: a change to what they are reminded of is looked at when it is made.
pub fn next_look(
    now: DateTime<Utc>,
    daily: NaiveTime,
    tz: Tz,
    sessions: &[DateTime<Utc>],
) -> DateTime<Utc> {
    let mut next = next_daily(now + Duration::nanoseconds(1), daily, tz);
    for starts_at in sessions {
        for lead in Lead::ALL {
            let at = lead.due_at(*starts_at);
            if at > now && at < next {
                next = at;
            }
        }
    }
    next
}

/// The first and the last instant (exclusive) of a local day.
pub fn day_bounds(day: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = NaiveTime::MIN;
    (
        instant(day, midnight, tz),
        instant(day + Duration::days(1), midnight, tz),
    )
}

/// Quiet hours: a local window from `start` to `end`, crossing midnight when `end` comes
/// before `start` (21:00–08:00). `start == end` is no window at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// Whether a wall-clock time is quiet (the start is, the end is not).
    pub fn contains(self, t: NaiveTime) -> bool {
        if self.start == self.end {
            false
        } else if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// Whether `at` falls in quiet hours in `tz`.
    pub fn is_quiet(self, at: DateTime<Utc>, tz: Tz) -> bool {
        self.contains(local(at, tz).time())
    }

    /// When the quiet hours `at` falls in end; `None` when `at` is not quiet.
    pub fn end_after(self, at: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        let wall = local(at, tz);
        if !self.contains(wall.time()) {
            return None;
        }
        let mut day = if wall.time() < self.end {
            wall.date()
        } else {
            wall.date() + Duration::days(1)
        };
        // A repeated hour can put the end's first reading before `at`: then it is the next day's.
        for _ in 0..2 {
            let end = instant(day, self.end, tz);
            if end > at {
                return Some(end);
            }
            day += Duration::days(1);
        }
        Some(instant(day, self.end, tz))
    }

    /// `at`, or the end of the quiet hours it falls in.
    pub fn release(self, at: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        self.end_after(at, tz).unwrap_or(at)
    }
}

/// A reminder before a session: a day (24 hours) or an hour before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lead {
    Day,
    Hour,
}

impl Lead {
    pub const ALL: [Lead; 2] = [Lead::Day, Lead::Hour];

    /// The word in a reminder's key.
    pub fn as_str(self) -> &'static str {
        match self {
            Lead::Day => "24h",
            Lead::Hour => "1h",
        }
    }

    /// How long before the start. Elapsed time, not wall-clock time: "24 hours before" a
    /// session on the morning after a daylight-saving change is 24 real hours before.
    pub fn before(self) -> Duration {
        match self {
            Lead::Day => Duration::hours(24),
            Lead::Hour => Duration::hours(1),
        }
    }

    /// The instant the reminder is due for a session starting at `starts_at`.
    pub fn due_at(self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at - self.before()
    }
}

/// Which reminder is due now for a session starting at `starts_at`: the hour's from an hour
/// before until the start, the day's from 24 hours before until the hour's takes over; none
/// once it started. A reminder whose time passed while the next one is due is not given late
/// (one reminder, the nearer one).
pub fn session_lead_due(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<Lead> {
    if now >= starts_at {
        None
    } else if now >= Lead::Hour.due_at(starts_at) {
        Some(Lead::Hour)
    } else if now >= Lead::Day.due_at(starts_at) {
        Some(Lead::Day)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn d(y: i32, mo: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, day).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    const NY: Tz = chrono_tz::America::New_York;
    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    #[test]
    fn a_daily_time_keeps_its_wall_clock_across_new_york_changes() {
        // New York springs forward on 8 Mar 2026 and falls back on 1 Nov 2026.
        assert_eq!(
            instant(d(2026, 3, 7), t(9, 0), NY),
            utc("2026-03-07T14:00:00Z")
        );
        assert_eq!(
            instant(d(2026, 3, 8), t(9, 0), NY),
            utc("2026-03-08T13:00:00Z")
        );
        assert_eq!(
            instant(d(2026, 10, 31), t(9, 0), NY),
            utc("2026-10-31T13:00:00Z")
        );
        assert_eq!(
            instant(d(2026, 11, 1), t(9, 0), NY),
            utc("2026-11-01T14:00:00Z")
        );
    }

    #[test]
    fn a_skipped_time_comes_late_by_the_gap_and_a_repeated_one_once() {
        // 02:30 does not exist in New York on 8 Mar 2026: it is 03:30 EDT.
        assert_eq!(
            instant(d(2026, 3, 8), t(2, 30), NY),
            utc("2026-03-08T07:30:00Z")
        );
        // 01:30 happens twice on 1 Nov 2026: the first (EDT).
        assert_eq!(
            instant(d(2026, 11, 1), t(1, 30), NY),
            utc("2026-11-01T05:30:00Z")
        );
        // Berlin springs forward on 29 Mar 2026 (02:00 → 03:00), falls back on 25 Oct 2026.
        assert_eq!(
            instant(d(2026, 3, 29), t(2, 15), BERLIN),
            utc("2026-03-29T01:15:00Z")
        );
        assert_eq!(
            instant(d(2026, 10, 25), t(2, 15), BERLIN),
            utc("2026-10-25T00:15:00Z")
        );
    }

    #[test]
    fn the_next_check_in_reminder_crosses_the_change() {
        // Berlin, 08:00 each day: 07:00 UTC before 29 March, 06:00 UTC after.
        let before = utc("2026-03-28T07:00:01Z");
        let next = next_daily(before, t(8, 0), BERLIN);
        assert_eq!(next, utc("2026-03-29T06:00:00Z"));
        assert_eq!(local(next, BERLIN).time(), t(8, 0));
        // At the exact instant, that one.
        assert_eq!(next_daily(next, t(8, 0), BERLIN), next);
        // New York, 01:30 on the night it falls back: the first 01:30.
        let n = next_daily(utc("2026-11-01T04:00:00Z"), t(1, 30), NY);
        assert_eq!(n, utc("2026-11-01T05:30:00Z"));
        let after = next_daily(n + Duration::seconds(1), t(1, 30), NY);
        assert_eq!(after, utc("2026-11-02T06:30:00Z"), "not the second 01:30");
    }

    #[test]
    fn daily_due_once_the_time_has_come_that_local_day() {
        let now = utc("2026-03-08T12:59:00Z"); // 08:59 EDT
        assert_eq!(daily_due(now, t(9, 0), NY), None);
        let now = utc("2026-03-08T13:00:00Z");
        assert_eq!(
            daily_due(now, t(9, 0), NY),
            Some((d(2026, 3, 8), utc("2026-03-08T13:00:00Z")))
        );
        // Late the same evening: still that day's.
        let late = utc("2026-03-09T03:00:00Z"); // 23:00 EDT on the 8th
        assert_eq!(
            daily_due(late, t(9, 0), NY).map(|x| x.0),
            Some(d(2026, 3, 8))
        );
    }

    #[test]
    fn quiet_hours_cross_midnight_and_end_on_the_local_clock() {
        let q = QuietHours {
            start: t(21, 0),
            end: t(8, 0),
        };
        assert!(q.contains(t(21, 0)) && q.contains(t(23, 59)) && q.contains(t(0, 0)));
        assert!(q.contains(t(7, 59)) && !q.contains(t(8, 0)) && !q.contains(t(20, 59)));
        // 22:00 EST on 7 March in New York: quiet until 08:00 EDT on the 8th (12:00 UTC).
        let at = utc("2026-03-08T03:00:00Z");
        assert_eq!(q.end_after(at, NY), Some(utc("2026-03-08T12:00:00Z")));
        // 06:00 on the morning of the change: until 08:00 that day.
        let at = utc("2026-03-08T10:00:00Z");
        assert_eq!(q.end_after(at, NY), Some(utc("2026-03-08T12:00:00Z")));
        // Berlin's autumn night is an hour longer.
        let at = utc("2026-10-24T20:00:00Z"); // 22:00 CEST
        assert_eq!(q.end_after(at, BERLIN), Some(utc("2026-10-25T07:00:00Z")));
        assert_eq!(q.end_after(utc("2026-10-25T12:00:00Z"), BERLIN), None);
        // A daytime window.
        let day = QuietHours {
            start: t(12, 0),
            end: t(13, 0),
        };
        assert!(day.contains(t(12, 30)) && !day.contains(t(13, 0)) && !day.contains(t(11, 0)));
        let none = QuietHours {
            start: t(8, 0),
            end: t(8, 0),
        };
        assert!(!none.contains(t(8, 0)));
    }

    #[test]
    fn a_local_day_is_23_or_25_hours_on_a_change() {
        let (a, b) = day_bounds(d(2026, 3, 8), NY);
        assert_eq!(b - a, Duration::hours(23));
        let (a, b) = day_bounds(d(2026, 10, 25), BERLIN);
        assert_eq!(b - a, Duration::hours(25));
        assert_eq!(a, utc("2026-10-24T22:00:00Z"));
    }

    #[test]
    fn session_reminders_a_day_and_an_hour_before() {
        // A session at 09:00 EDT on Sunday 8 March, hours after New York springs forward:
        // 24 real hours before is 08:00 EST on the 7th on the clock.
        let starts = utc("2026-03-08T13:00:00Z");
        assert_eq!(Lead::Day.due_at(starts), utc("2026-03-07T13:00:00Z"));
        assert_eq!(local(Lead::Day.due_at(starts), NY).time(), t(8, 0));
        assert_eq!(session_lead_due(starts, utc("2026-03-07T12:59:59Z")), None);
        assert_eq!(
            session_lead_due(starts, utc("2026-03-07T13:00:00Z")),
            Some(Lead::Day)
        );
        assert_eq!(
            session_lead_due(starts, utc("2026-03-08T11:59:59Z")),
            Some(Lead::Day)
        );
        assert_eq!(
            session_lead_due(starts, utc("2026-03-08T12:00:00Z")),
            Some(Lead::Hour)
        );
        assert_eq!(session_lead_due(starts, starts), None);
    }

    #[test]
    fn unknown_zones_are_utc() {
        assert_eq!(zone("Mars/Base"), Tz::UTC);
        assert_eq!(zone("Europe/Berlin"), BERLIN);
    }

    fn zones() -> impl Strategy<Value = Tz> {
        prop::sample::select(vec![
            NY,
            BERLIN,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Asia::Kolkata,
            chrono_tz::America::Santiago,
            Tz::UTC,
        ])
    }

    fn instants() -> impl Strategy<Value = DateTime<Utc>> {
        // 2026 and 2027, to the minute.
        (1_767_225_600i64..1_830_297_600i64)
            .prop_map(|s| DateTime::from_timestamp(s - s % 60, 0).unwrap())
    }

    fn times() -> impl Strategy<Value = NaiveTime> {
        (0u32..24, 0u32..60).prop_map(|(h, m)| t(h, m))
    }

    proptest! {
        #[test]
        fn next_daily_is_at_or_after_and_within_two_days(
            now in instants(), time in times(), tz in zones()
        ) {
            let next = next_daily(now, time, tz);
            prop_assert!(next >= now);
            prop_assert!(next - now <= Duration::hours(26));
            // It reads the chosen time unless that time was skipped that day.
            let wall = local(next, tz);
            if tz.from_local_datetime(&wall.date().and_time(time)).earliest().is_some() {
                prop_assert_eq!(wall.time(), time);
            }
        }

        #[test]
        fn quiet_hours_end_after_and_are_not_quiet(
            now in instants(), s in times(), e in times(), tz in zones()
        ) {
            let q = QuietHours { start: s, end: e };
            match q.end_after(now, tz) {
                None => prop_assert!(!q.is_quiet(now, tz)),
                Some(end) => {
                    prop_assert!(q.is_quiet(now, tz));
                    prop_assert!(end > now);
                    prop_assert!(end - now <= Duration::hours(26));
                }
            }
            prop_assert!(q.release(now, tz) >= now);
        }

        #[test]
        fn a_daily_reminder_is_due_once_per_local_day(
            now in instants(), time in times(), tz in zones()
        ) {
            if let Some((day, at)) = daily_due(now, time, tz) {
                prop_assert!(at <= now);
                prop_assert_eq!(day, local_day(now, tz));
            }
            let (a, b) = day_bounds(local_day(now, tz), tz);
            prop_assert!(a <= now && now < b);
        }

        #[test]
        fn the_next_look_misses_no_daily_time_and_no_session_lead(
            now in instants(), secs in 0i64..60, time in times(), tz in zones(),
            ahead in proptest::collection::vec(-3_000i64..4_000, 0..4)
        ) {
            let now = now + Duration::seconds(secs);
            let sessions: Vec<DateTime<Utc>> =
                ahead.iter().map(|m| now + Duration::minutes(*m)).collect();
            let next = next_look(now, time, tz, &sessions);
            prop_assert!(next > now);
            let daily = next_daily(now + Duration::nanoseconds(1), time, tz);
            prop_assert!(next <= daily);
            let mut candidates = vec![daily];
            for s in &sessions {
                for lead in Lead::ALL {
                    let at = lead.due_at(*s);
                    if at > now {
                        prop_assert!(next <= at, "a lead at {} comes before {}", at, next);
                        candidates.push(at);
                    }
                }
            }
            prop_assert!(candidates.contains(&next));
            // Until then no new daily reminder falls due, and no session's lead changes.
            let before = next - Duration::nanoseconds(1);
            let today = daily_due(before, time, tz);
            prop_assert!(today.is_none() || today == daily_due(now, time, tz));
            for s in &sessions {
                let lead = session_lead_due(*s, before);
                prop_assert!(lead.is_none() || lead == session_lead_due(*s, now));
            }
        }

        #[test]
        fn at_most_one_session_reminder_at_a_time(
            starts in instants(), mins in -120i64..3000
        ) {
            let now = starts - Duration::minutes(mins);
            let lead = session_lead_due(starts, now);
            match lead {
                Some(Lead::Hour) => prop_assert!(mins > 0 && mins <= 60),
                Some(Lead::Day) => prop_assert!(mins > 60 && mins <= 1440),
                None => prop_assert!(mins <= 0 || mins > 1440),
            }
        }
    }
}
