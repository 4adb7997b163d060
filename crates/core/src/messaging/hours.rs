//! A clinician's weekly office hours for messages: periods of a weekday on their own clock
//! (`09:00`–`17:00` on Monday), whether a moment is inside one, and when the next one opens.
//! The moment is given on the clinician's clock ([`LocalMoment`]); turning an instant into it
//! across daylight-saving changes is the caller's (`rapport_app`, with the timezone database).

use super::messages;
use crate::{Error, Result};

string_enum! {
    /// A day of the week, Monday first.
    Weekday {
        Monday => "monday", "Monday";
        Tuesday => "tuesday", "Tuesday";
        Wednesday => "wednesday", "Wednesday";
        Thursday => "thursday", "Thursday";
        Friday => "friday", "Friday";
        Saturday => "saturday", "Saturday";
        Sunday => "sunday", "Sunday";
    }
}

impl Weekday {
    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> usize {
        Weekday::ALL.iter().position(|d| *d == self).unwrap_or(0)
    }

    /// The day `n` days after this one.
    pub fn plus(self, n: usize) -> Weekday {
        Weekday::ALL
            .get((self.index() + n) % 7)
            .copied()
            .unwrap_or(Weekday::Monday)
    }

    /// "Mon".
    pub fn short(self) -> &'static str {
        self.label().get(..3).unwrap_or_else(|| self.label())
    }
}

/// Minutes in a day: the latest a period may end (`24:00`).
pub const MINUTES_PER_DAY: u16 = 24 * 60;
/// The most periods a week holds (three a day).
pub const MAX_SLOTS: usize = 21;
/// The longest away message, in characters.
pub const MAX_AWAY_CHARS: usize = 500;

/// One period of office hours: a weekday, from `start` to `end` (minutes after midnight on
/// the clinician's clock; `end` after `start`, at most [`MINUTES_PER_DAY`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    pub day: Weekday,
    pub start: u16,
    pub end: u16,
}

/// A moment on the clinician's own clock: the weekday and the minute of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalMoment {
    pub day: Weekday,
    pub minute: u16,
}

/// "09:00" or "9:30" (and "24:00", for an end) as minutes after midnight.
pub fn parse_minute(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Minutes after midnight as "09:00".
pub fn format_minute(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The time an office-hours field was written as, or the error naming the field.
pub fn parse_time_field(field: &str, text: &str) -> Result<u16> {
    parse_minute(text).ok_or_else(|| Error::invalid(field, messages::SLOT_TIME))
}

/// Checks a week of office hours: each period ends after it starts; periods of one day do
/// not overlap; at most [`MAX_SLOTS`]. Returns them by day, then start. Errors name the
/// period as sent (`hours[2]`).
pub fn check_hours(slots: &[Slot]) -> Result<Vec<Slot>> {
    if slots.len() > MAX_SLOTS {
        return Err(Error::invalid("hours", messages::TOO_MANY_SLOTS));
    }
    for (i, s) in slots.iter().enumerate() {
        if s.start >= s.end || s.end > MINUTES_PER_DAY {
            return Err(Error::invalid(format!("hours[{i}]"), messages::SLOT_ORDER));
        }
    }
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&i| slots.get(i).map(|s| (s.day.index(), s.start, s.end)));
    let sorted: Vec<(usize, Slot)> = order
        .into_iter()
        .filter_map(|i| slots.get(i).map(|s| (i, *s)))
        .collect();
    for pair in sorted.windows(2) {
        if let [(_, a), (j, b)] = pair
            && a.day == b.day
            && b.start < a.end
        {
            return Err(Error::invalid(
                format!("hours[{j}]"),
                messages::SLOT_OVERLAP,
            ));
        }
    }
    Ok(sorted.into_iter().map(|(_, s)| s).collect())
}

/// Checks an away message: blank is none; at most [`MAX_AWAY_CHARS`] once trimmed.
pub fn check_away_message(text: Option<&str>) -> Result<Option<String>> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().count() > MAX_AWAY_CHARS {
        return Err(Error::invalid("away_message", messages::AWAY_TOO_LONG));
    }
    Ok(Some(t.to_string()))
}

/// Whether the moment is inside one of the periods (from its start, up to but not
/// including its end).
pub fn within(slots: &[Slot], at: LocalMoment) -> bool {
    slots
        .iter()
        .any(|s| s.day == at.day && s.start <= at.minute && at.minute < s.end)
}

/// When office hours are next open, at or after `at`: how many days ahead (0 for the same
/// day) and the moment they open (`at` itself when it is inside a period). None without any
/// period.
pub fn next_opening(slots: &[Slot], at: LocalMoment) -> Option<(usize, LocalMoment)> {
    if within(slots, at) {
        return Some((0, at));
    }
    (0..=7).find_map(|ahead| {
        let day = at.day.plus(ahead);
        slots
            .iter()
            .filter(|s| s.day == day && (ahead > 0 || s.start > at.minute))
            .map(|s| s.start)
            .min()
            .map(|minute| (ahead, LocalMoment { day, minute }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;
    use proptest::prelude::*;

    fn slot(day: Weekday, start: &str, end: &str) -> Slot {
        Slot {
            day,
            start: parse_minute(start).unwrap(),
            end: parse_minute(end).unwrap(),
        }
    }

    fn at(day: Weekday, time: &str) -> LocalMoment {
        LocalMoment {
            day,
            minute: parse_minute(time).unwrap(),
        }
    }

    fn weekdays() -> Vec<Slot> {
        [Monday, Tuesday, Wednesday, Thursday, Friday]
            .into_iter()
            .map(|d| slot(d, "09:00", "17:00"))
            .collect()
    }

    #[test]
    fn times_read_and_write() {
        assert_eq!(parse_minute("09:00"), Some(540));
        assert_eq!(parse_minute(" 9:30 "), Some(570));
        assert_eq!(parse_minute("24:00"), Some(1440));
        for bad in [
            "", "9", "09:0", "25:00", "24:01", "12:60", "ab:cd", "-1:00", "123:00",
        ] {
            assert_eq!(parse_minute(bad), None, "{bad}");
        }
        assert_eq!(format_minute(540), "09:00");
        assert_eq!(format_minute(1440), "24:00");
        assert_eq!(
            parse_time_field("hours[0].start", "x").unwrap_err().field,
            "hours[0].start"
        );
    }

    #[test]
    fn periods_are_checked_and_sorted() {
        let sorted = check_hours(&[
            slot(Tuesday, "13:00", "17:00"),
            slot(Monday, "09:00", "12:00"),
            slot(Tuesday, "09:00", "12:00"),
        ])
        .unwrap();
        assert_eq!(
            sorted,
            [
                slot(Monday, "09:00", "12:00"),
                slot(Tuesday, "09:00", "12:00"),
                slot(Tuesday, "13:00", "17:00")
            ]
        );
        // Back to back is fine; overlapping names the later period as sent.
        assert!(
            check_hours(&[
                slot(Monday, "09:00", "12:00"),
                slot(Monday, "12:00", "13:00")
            ])
            .is_ok()
        );
        let e = check_hours(&[
            slot(Monday, "11:00", "13:00"),
            slot(Friday, "09:00", "10:00"),
            slot(Monday, "09:00", "12:00"),
        ])
        .unwrap_err();
        assert_eq!(e.field, "hours[0]");
        assert_eq!(
            check_hours(&[slot(Monday, "12:00", "09:00")])
                .unwrap_err()
                .field,
            "hours[0]"
        );
        assert_eq!(
            check_hours(&[
                slot(Monday, "09:00", "10:00"),
                slot(Monday, "10:00", "10:00")
            ])
            .unwrap_err()
            .field,
            "hours[1]"
        );
        let many = vec![slot(Monday, "09:00", "10:00"); MAX_SLOTS + 1];
        assert_eq!(check_hours(&many).unwrap_err().field, "hours");
        assert_eq!(check_hours(&[]).unwrap(), []);
    }

    #[test]
    fn inside_and_outside() {
        let week = weekdays();
        assert!(within(&week, at(Monday, "09:00")));
        assert!(within(&week, at(Friday, "16:59")));
        assert!(!within(&week, at(Friday, "17:00")), "the end is outside");
        assert!(!within(&week, at(Monday, "08:59")));
        assert!(!within(&week, at(Saturday, "12:00")));
        assert!(!within(&[], at(Monday, "12:00")));
        assert!(within(
            &[slot(Sunday, "22:00", "24:00")],
            at(Sunday, "23:59")
        ));
    }

    #[test]
    fn the_next_opening() {
        let week = weekdays();
        assert_eq!(
            next_opening(&week, at(Monday, "10:00")),
            Some((0, at(Monday, "10:00")))
        );
        assert_eq!(
            next_opening(&week, at(Monday, "07:30")),
            Some((0, at(Monday, "09:00")))
        );
        assert_eq!(
            next_opening(&week, at(Monday, "18:00")),
            Some((1, at(Tuesday, "09:00")))
        );
        assert_eq!(
            next_opening(&week, at(Friday, "17:00")),
            Some((3, at(Monday, "09:00")))
        );
        assert_eq!(
            next_opening(&week, at(Saturday, "08:00")),
            Some((2, at(Monday, "09:00")))
        );
        // One period a week, just passed: a week ahead.
        let once = [slot(Wednesday, "09:00", "10:00")];
        assert_eq!(
            next_opening(&once, at(Wednesday, "11:00")),
            Some((7, at(Wednesday, "09:00")))
        );
        assert_eq!(next_opening(&[], at(Monday, "10:00")), None);
    }

    #[test]
    fn away_messages() {
        assert_eq!(check_away_message(None).unwrap(), None);
        assert_eq!(check_away_message(Some("  ")).unwrap(), None);
        assert_eq!(
            check_away_message(Some(" Back Monday "))
                .unwrap()
                .as_deref(),
            Some("Back Monday")
        );
        let long = "a".repeat(MAX_AWAY_CHARS + 1);
        assert_eq!(
            check_away_message(Some(&long)).unwrap_err().field,
            "away_message"
        );
    }

    #[test]
    fn weekdays_wrap() {
        assert_eq!(Sunday.plus(1), Monday);
        assert_eq!(Monday.plus(7), Monday);
        assert_eq!(Wednesday.short(), "Wed");
        for d in Weekday::ALL {
            assert_eq!(Weekday::parse(d.as_str()), Some(*d));
        }
    }

    fn any_day() -> impl Strategy<Value = Weekday> {
        (0usize..7).prop_map(|i| Monday.plus(i))
    }

    fn any_slot() -> impl Strategy<Value = Slot> {
        (any_day(), 0u16..MINUTES_PER_DAY, 1u16..=MINUTES_PER_DAY).prop_map(|(day, a, b)| Slot {
            day,
            start: a.min(b.saturating_sub(1)),
            end: b.max(a + 1).min(MINUTES_PER_DAY),
        })
    }

    proptest! {
        /// The next opening is inside the hours, and nothing between now and then is.
        #[test]
        fn the_next_opening_is_the_first_moment_inside(slots in proptest::collection::vec(any_slot(), 0..6), day in any_day(), minute in 0u16..MINUTES_PER_DAY) {
            let now = LocalMoment { day, minute };
            match next_opening(&slots, now) {
                None => prop_assert!(slots.is_empty()),
                Some((ahead, open)) => {
                    prop_assert!(ahead <= 7);
                    prop_assert!(within(&slots, open));
                    prop_assert_eq!(open.day, day.plus(ahead));
                    // Every minute from now until the opening is outside (sampled each 7 min).
                    let start = usize::from(minute);
                    let end = ahead * usize::from(MINUTES_PER_DAY) + usize::from(open.minute);
                    for t in (start..end).step_by(7) {
                        let m = LocalMoment { day: day.plus(t / 1440), minute: (t % 1440) as u16 };
                        prop_assert!(!within(&slots, m), "{:?} is inside before {:?}", m, open);
                    }
                }
            }
        }

        #[test]
        fn checked_hours_never_overlap(slots in proptest::collection::vec(any_slot(), 0..8)) {
            if let Ok(sorted) = check_hours(&slots) {
                for w in sorted.windows(2) {
                    if w[0].day == w[1].day {
                        prop_assert!(w[0].end <= w[1].start);
                    }
                }
            }
        }
    }
}
