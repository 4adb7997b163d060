//! The calendar side of an assignment (core has no calendar): what is checked about its dates,
//! which days a recurrence makes occurrences of, and where each occurrence stands.

use chrono::{Duration, NaiveDate};
use rapport_core::homework::{Every, Status};

use crate::words::stored_opt;
use crate::{Error, Result};

/// The longest a recurrence may run.
pub const MAX_REPEAT_DAYS: i64 = 366;

/// A recurrence: every day or week, from the first day up to and including `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub every: Every,
    pub until: NaiveDate,
}

/// A recurrence as typed (checked by [`check_dates`]).
#[derive(Debug, Clone, Default)]
pub struct RepeatInput {
    /// `day` or `week`.
    pub every: String,
    pub until: Option<NaiveDate>,
}

/// Checks a due date and a recurrence against the client's today; the first occurrence is the
/// due date, or today when there is none.
pub(crate) fn check_dates(
    due_on: Option<NaiveDate>,
    repeat: Option<&RepeatInput>,
    today: NaiveDate,
) -> Result<Option<Repeat>> {
    if due_on.is_some_and(|d| d < today) {
        return Err(Error::invalid("due_on", "Choose today or a later day."));
    }
    let Some(r) = repeat else {
        return Ok(None);
    };
    let every = Every::parse(r.every.trim())
        .ok_or_else(|| Error::invalid("repeat.every", "Choose every day or every week."))?;
    let until = r
        .until
        .ok_or_else(|| Error::invalid("repeat.until", "Give the last day, like 2026-12-31."))?;
    let first = due_on.unwrap_or(today);
    if until < first {
        return Err(Error::invalid(
            "repeat.until",
            "The last day comes on or after the first.",
        ));
    }
    if until > first + Duration::days(MAX_REPEAT_DAYS) {
        return Err(Error::invalid(
            "repeat.until",
            "Repeat for a year at most, then assign it again.",
        ));
    }
    Ok(Some(Repeat { every, until }))
}

/// A stored recurrence (`day` or `week`, and the last day) read back.
pub(crate) fn repeat_of(every: Option<&str>, until: Option<NaiveDate>) -> Result<Option<Repeat>> {
    let every = stored_opt(every, Every::parse)?;
    Ok(every
        .zip(until)
        .map(|(every, until)| Repeat { every, until }))
}

/// The occurrences of an assignment as of `today`: its one due date (or none) when it does
/// not repeat; else every day or week from the first day (the due date, or the day it was made)
/// up to today and no later than `until` — the first one even when it is still ahead.
pub(crate) fn occurrences(
    due_on: Option<NaiveDate>,
    repeat: Option<Repeat>,
    created_on: NaiveDate,
    today: NaiveDate,
) -> Vec<Option<NaiveDate>> {
    let Some(r) = repeat else {
        return vec![due_on];
    };
    let step = match r.every {
        Every::Day => Duration::days(1),
        Every::Week => Duration::weeks(1),
    };
    let first = due_on.unwrap_or(created_on);
    let mut out = vec![Some(first)];
    let mut day = first + step;
    while day <= r.until && day <= today {
        out.push(Some(day));
        day += step;
    }
    out
}

/// Where one occurrence stands: sent (reviewed or not), or else missed once its day has
/// passed, else started (a draft) or still to do.
pub(crate) fn status(
    due_on: Option<NaiveDate>,
    draft: Option<bool>,
    reviewed: bool,
    today: NaiveDate,
) -> Status {
    match draft {
        Some(false) if reviewed => Status::Reviewed,
        Some(false) => Status::Done,
        _ if due_on.is_some_and(|d| d < today) => Status::Missed,
        Some(true) => Status::Draft,
        None => Status::Due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn every(w: &str, until: &str) -> RepeatInput {
        RepeatInput {
            every: w.into(),
            until: Some(d(until)),
        }
    }

    fn field(r: Result<Option<Repeat>>) -> String {
        match r {
            Err(Error::Invalid { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn dates_are_checked_against_the_clients_today() {
        let today = d("2026-12-04");
        assert_eq!(
            field(check_dates(Some(d("2026-12-03")), None, today)),
            "due_on"
        );
        assert!(check_dates(Some(today), None, today).is_ok());
        let daily = every("day", "2026-12-10");
        assert_eq!(
            check_dates(None, Some(&daily), today).ok().flatten(),
            Some(Repeat {
                every: Every::Day,
                until: d("2026-12-10")
            })
        );
        assert_eq!(
            field(check_dates(
                None,
                Some(&every("month", "2026-12-10")),
                today
            )),
            "repeat.every"
        );
        let no_end = RepeatInput {
            every: "week".into(),
            until: None,
        };
        assert_eq!(
            field(check_dates(None, Some(&no_end), today)),
            "repeat.until"
        );
        assert_eq!(
            field(check_dates(
                Some(d("2026-12-08")),
                Some(&every("day", "2026-12-07")),
                today
            )),
            "repeat.until"
        );
        assert_eq!(
            field(check_dates(None, Some(&every("week", "2028-01-01")), today)),
            "repeat.until"
        );
    }

    #[test]
    fn a_daily_recurrence_has_one_occurrence_a_day_up_to_today() {
        let r = Some(Repeat {
            every: Every::Day,
            until: d("2026-12-31"),
        });
        let days = occurrences(None, r, d("2026-12-01"), d("2026-12-04"));
        assert_eq!(
            days,
            ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"].map(|s| Some(d(s)))
        );
        // Ahead of its first day: the first only. Past `until`: no more.
        assert_eq!(
            occurrences(Some(d("2026-12-09")), r, d("2026-12-01"), d("2026-12-04")),
            vec![Some(d("2026-12-09"))]
        );
        assert_eq!(
            occurrences(None, r, d("2026-12-30"), d("2027-02-01")).len(),
            2
        );
        let weekly = Some(Repeat {
            every: Every::Week,
            until: d("2026-12-31"),
        });
        assert_eq!(
            occurrences(None, weekly, d("2026-12-01"), d("2026-12-15")).len(),
            3
        );
        assert_eq!(
            occurrences(None, None, d("2026-12-01"), d("2026-12-15")),
            vec![None]
        );
    }

    #[test]
    fn an_occurrence_is_missed_only_when_its_day_passed_unsent() {
        let today = d("2026-12-04");
        let past = Some(d("2026-12-03"));
        assert_eq!(status(past, None, false, today), Status::Missed);
        assert_eq!(status(past, Some(true), false, today), Status::Missed);
        assert_eq!(status(past, Some(false), false, today), Status::Done);
        assert_eq!(status(past, Some(false), true, today), Status::Reviewed);
        assert_eq!(status(Some(today), Some(true), false, today), Status::Draft);
        assert_eq!(status(None, None, false, today), Status::Due);
    }
}
