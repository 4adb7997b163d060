//! Warning signs from daily check-ins and reports (CLINICAL.md "Early warning", row
//! "warning signs"). Each sub-rule fires its own trigger with its own explanation.
//!
//! Conventions:
//! - "The last 7 days" is `today` and the 6 days before it. Entries dated after `today` are
//!   ignored.
//! - A day counts once however many check-ins or reports it has; a day is *low-mood* when
//!   any check-in that day has mood ≤ 3, and *missed medication* when any says missed.
//! - Low mood: 3 consecutive check-ins (check-in days, in order) each with mood ≤ 3, the
//!   first and the last within 5 days (at most 4 days apart); a day without a check-in does
//!   not break the run, a check-in with mood above 3 does. The run lies within the last 7
//!   days.
//! - Warning signs: days on which any of the client's own signs was reported (not
//!   necessarily the same sign each day), by the client (a check-in's ticks, or a report) or
//!   a consented family member: their reports count the same, and a day counts once whoever
//!   reported it and however often. Ids not on the client's own list are ignored.
//! - Sleep keeps its own run: 3 consecutive nights (calendar days).
//! - Sleep: a night is off when a reported sleep is 2 h or more above or below the median of
//!   the sleep reported on the 14 days before the run (both directions count, and may mix).
//!   That median needs reports on at least [`SLEEP_MEDIAN_MIN_NIGHTS`] of those 14 days;
//!   with fewer there is no usual to compare with and the sub-rule stays silent.

use std::collections::{BTreeMap, BTreeSet};

use super::input::{ClientData, Medication, Reporter, WarningSignId};
use super::messages::Rule;
use super::trigger::{Evidence, Trigger};
use crate::outcomes::Day;

/// The window of the warning-sign rules, in days, today included.
pub const WINDOW_DAYS: i64 = 7;
/// Own warning signs reported on at least this many days of the window.
pub const WARNING_SIGN_DAYS: usize = 2;
/// Mood at or below this…
pub const LOW_MOOD_AT_MOST: u8 = 3;
/// …on this many check-ins in a row…
pub const LOW_MOOD_RUN: usize = 3;
/// …the first and the last within this many days (today and 4 days before).
pub const LOW_MOOD_WITHIN_DAYS: i64 = 5;
/// Medication missed on at least this many days of the window.
pub const MEDICATION_MISSED_DAYS: usize = 3;
/// Sleep at least this many hours away from the median…
pub const SLEEP_OFF_HOURS: f64 = 2.0;
/// …on this many nights running.
pub const SLEEP_RUN: i64 = 3;
/// The median is taken over this many days before the run…
pub const SLEEP_MEDIAN_DAYS: i64 = 14;
/// …and needs reports on at least this many of them.
pub const SLEEP_MEDIAN_MIN_NIGHTS: usize = 7;

fn in_window(day: Day, today: Day) -> bool {
    day <= today && day >= today.minus(WINDOW_DAYS - 1)
}

pub(super) fn warning_signs(data: &ClientData) -> Vec<Trigger> {
    let mut triggers = Vec::new();
    triggers.extend(own_signs(data));
    triggers.extend(low_mood(data));
    triggers.extend(medication(data));
    triggers.extend(sleep(data));
    triggers
}

/// One of the client's own warning signs reported on 2 or more of the last 7 days.
fn own_signs(data: &ClientData) -> Option<Trigger> {
    let own: BTreeSet<&WarningSignId> = data.own_warning_signs.iter().collect();
    let from_check_ins = data.check_ins.iter().flat_map(|c| {
        c.warning_signs
            .iter()
            .map(move |sign| (c.day, sign, Reporter::Client))
    });
    let reported = data
        .sign_reports
        .iter()
        .map(|r| (r.day, &r.sign, r.reporter));
    let reports: BTreeSet<(Day, &WarningSignId, Reporter)> = from_check_ins
        .chain(reported)
        .filter(|(day, sign, _)| in_window(*day, data.today) && own.contains(sign))
        .collect();
    let days: BTreeSet<Day> = reports.iter().map(|(day, _, _)| *day).collect();
    (days.len() >= WARNING_SIGN_DAYS).then(|| {
        Trigger::new(
            Rule::WarningSignDays,
            reports
                .into_iter()
                .map(|(day, sign, reporter)| Evidence::WarningSign {
                    day,
                    sign: sign.clone(),
                    reporter,
                })
                .collect(),
        )
    })
}

/// Mood ≤ 3 on 3 consecutive check-ins within 5 days (a day without a check-in does not
/// break the run). The evidence is every check-in day of any such run in the window.
fn low_mood(data: &ClientData) -> Option<Trigger> {
    let mut lowest: BTreeMap<Day, u8> = BTreeMap::new();
    for c in data
        .check_ins
        .iter()
        .filter(|c| in_window(c.day, data.today))
    {
        let mood = lowest.entry(c.day).or_insert(c.mood);
        *mood = (*mood).min(c.mood);
    }
    let days: Vec<(Day, u8)> = lowest.into_iter().collect();
    let mut run_days: BTreeSet<Day> = BTreeSet::new();
    for run in days.windows(LOW_MOOD_RUN) {
        let (Some((first, _)), Some((last, _))) = (run.first(), run.last()) else {
            continue;
        };
        if run.iter().all(|(_, mood)| *mood <= LOW_MOOD_AT_MOST)
            && last.days_since(*first) < LOW_MOOD_WITHIN_DAYS
        {
            run_days.extend(run.iter().map(|(day, _)| *day));
        }
    }
    if run_days.is_empty() {
        return None;
    }
    Some(Trigger::new(
        Rule::LowMoodRun,
        days.iter()
            .filter(|(day, _)| run_days.contains(day))
            .map(|&(day, mood)| Evidence::Mood { day, mood })
            .collect(),
    ))
}

/// Medication missed on 3 or more of the last 7 days.
fn medication(data: &ClientData) -> Option<Trigger> {
    let days: BTreeSet<Day> = data
        .check_ins
        .iter()
        .filter(|c| c.medication == Medication::Missed && in_window(c.day, data.today))
        .map(|c| c.day)
        .collect();
    (days.len() >= MEDICATION_MISSED_DAYS).then(|| {
        Trigger::new(
            Rule::MedicationMissed,
            days.into_iter()
                .map(|day| Evidence::MedicationMissed { day })
                .collect(),
        )
    })
}

/// The median of values (any order); `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values.get(mid).copied()
    } else {
        Some((values.get(mid.checked_sub(1)?)? + values.get(mid)?) / 2.0)
    }
}

/// Sleep 2 h or more from the client's 14-day median on 3 nights running.
fn sleep(data: &ClientData) -> Option<Trigger> {
    let mut by_day: BTreeMap<Day, Vec<f64>> = BTreeMap::new();
    for c in data.check_ins.iter().filter(|c| c.day <= data.today) {
        if c.sleep_hours.is_finite() {
            by_day.entry(c.day).or_default().push(c.sleep_hours);
        }
    }
    // A night written in the sleep diary is read from it, not from the check-in's hours.
    for n in data.sleep_diary.iter().filter(|n| n.day <= data.today) {
        if n.hours.is_finite() {
            by_day.insert(n.day, vec![n.hours]);
        }
    }
    // The latest run start first: today − 2 (nights today − 2, −1, today) back to today − 6.
    for back in (SLEEP_RUN - 1)..WINDOW_DAYS {
        let start = data.today.minus(back);
        let usual: Vec<(&Day, &Vec<f64>)> = by_day
            .range(start.minus(SLEEP_MEDIAN_DAYS)..start)
            .collect();
        if usual.len() < SLEEP_MEDIAN_MIN_NIGHTS {
            continue;
        }
        let mut values: Vec<f64> = usual.iter().flat_map(|(_, v)| v.iter().copied()).collect();
        let Some(median) = median(&mut values) else {
            continue;
        };
        let nights: Option<Vec<Evidence>> = (0..SLEEP_RUN)
            .map(|i| {
                let day = start.plus(i);
                let hours = by_day
                    .get(&day)?
                    .iter()
                    .copied()
                    .filter(|h| (h - median).abs() >= SLEEP_OFF_HOURS)
                    .max_by(|a, b| (a - median).abs().total_cmp(&(b - median).abs()))?;
                Some(Evidence::Sleep { day, hours, median })
            })
            .collect();
        if let Some(nights) = nights {
            return Some(Trigger::new(Rule::SleepChange, nights));
        }
    }
    None
}
