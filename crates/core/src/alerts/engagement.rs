//! Disengagement (CLINICAL.md "Early warning", row "disengagement").
//!
//! Conventions:
//! - Only scheduled items at or before `now` with a known outcome count; cancelled ones are
//!   skipped (they neither count as missed nor break a run).
//! - "Two missed in a row" is looked at three ways, any of which fires: the last two
//!   scheduled items of any kind, the last two measures, the last two sessions. So a client
//!   who keeps coming to sessions but missed the last two measures is flagged too. Assigned
//!   homework whose day passed unsent is a missed scheduled item (issue 13) in the run of any
//!   kind; it has no run of its own, so a client who keeps coming but skips two exercises
//!   between sessions is not flagged for that alone.
//! - "No check-in for 14 days": `today` − the day of the last check-in ≥ 14 (a check-in on
//!   day D and none since: flagged on D + 14). Counted from the episode's start when that is
//!   later than the last check-in, so a new episode starts with a clean slate. Check-ins
//!   dated after `today` are ignored. Only in an *active* episode: a maintenance episode is
//!   watched by its monthly PHQ-9 only (whose misses "two missed in a row" still counts).

use super::input::{Appointment, Attendance, ClientData, Phase, Scheduled};
use super::messages::Rule;
use super::trigger::{Evidence, Trigger};

/// Missed scheduled items in a row.
pub const MISSED_IN_A_ROW: usize = 2;
/// Days without a check-in.
pub const NO_CHECK_IN_DAYS: i64 = 14;

pub(super) fn disengagement(data: &ClientData) -> Vec<Trigger> {
    let mut triggers = Vec::new();
    triggers.extend(missed_in_a_row(data));
    triggers.extend(no_check_in(data));
    triggers
}

fn missed_in_a_row(data: &ClientData) -> Option<Trigger> {
    let mut resolved: Vec<Scheduled> = data
        .scheduled
        .iter()
        .filter(|s| s.at <= data.now)
        .filter(|s| {
            matches!(
                s.attendance,
                Some(Attendance::Attended) | Some(Attendance::Missed)
            )
        })
        .copied()
        .collect();
    resolved.sort_by_key(|s| s.at);

    let last_two_missed = |filter: &dyn Fn(&Scheduled) -> bool| -> Option<Vec<Scheduled>> {
        let last: Vec<Scheduled> = resolved
            .iter()
            .rev()
            .filter(|s| filter(s))
            .take(MISSED_IN_A_ROW)
            .copied()
            .collect();
        (last.len() == MISSED_IN_A_ROW
            && last
                .iter()
                .all(|s| s.attendance == Some(Attendance::Missed)))
        .then_some(last)
    };
    let mut missed: Vec<Scheduled> = [
        last_two_missed(&|_| true),
        last_two_missed(&|s| s.what == Appointment::Measure),
        last_two_missed(&|s| s.what == Appointment::Session),
    ]
    .into_iter()
    .flatten()
    .flatten()
    .collect();
    if missed.is_empty() {
        return None;
    }
    missed.sort_by_key(|s| (s.at, s.what == Appointment::Session));
    missed.dedup();
    Some(Trigger::new(
        Rule::MissedInARow,
        missed
            .into_iter()
            .map(|s| Evidence::Missed {
                at: s.at,
                what: s.what,
            })
            .collect(),
    ))
}

fn no_check_in(data: &ClientData) -> Option<Trigger> {
    let episode = data.episode.filter(|e| e.phase == Phase::Active)?;
    let last = data
        .check_ins
        .iter()
        .map(|c| c.day)
        .filter(|day| *day <= data.today)
        .max();
    let since = last.map_or(episode.started_on, |day| day.max(episode.started_on));
    let days_without = data.today.days_since(since);
    (days_without >= NO_CHECK_IN_DAYS).then(|| {
        Trigger::new(
            Rule::NoCheckIn,
            vec![Evidence::NoCheckIn { last, days_without }],
        )
    })
}
