//! Therapy groups as programmes (issue 15, items 4–5): the checks on a new group, where a
//! member's place stands, and the pair of PHQ-9 scores a group's outcome is counted on.

use crate::outcomes::{Change, Scale};
use crate::plans::approach::Approach;
use crate::text::{at_most, required};
use crate::{Error, Result};

/// Most characters of a group's name.
pub const MAX_NAME_CHARS: usize = 80;
/// Fewest and most places in a group.
pub const MIN_CAPACITY: u8 = 2;
pub const MAX_CAPACITY: u8 = 16;
/// Fewest and most weeks a group runs.
pub const MIN_WEEKS: u8 = 1;
pub const MAX_WEEKS: u8 = 52;
/// Most characters of the schedule in words ("Wednesdays 18:00–19:30").
pub const MAX_SCHEDULE_CHARS: usize = 80;
/// Most characters of the entry criteria.
pub const MAX_CRITERIA_CHARS: usize = 1_000;
/// Most characters of one group note.
pub const MAX_NOTE_CHARS: usize = 10_000;

string_enum!(
    /// Where one member's place stands.
    MemberState {
        Offered => "offered", "Offered, waiting for an answer";
        Joined => "joined", "Joined";
        Declined => "declined", "Declined";
        Left => "left", "Left";
    }
);

impl MemberState {
    /// The place is live: it counts against the capacity (offered or joined).
    pub fn is_live(self) -> bool {
        matches!(self, MemberState::Offered | MemberState::Joined)
    }

    /// Where a place stands from its dates (declined and left win over consent).
    pub fn of(consented: bool, declined: bool, left: bool) -> MemberState {
        if left {
            MemberState::Left
        } else if declined {
            MemberState::Declined
        } else if consented {
            MemberState::Joined
        } else {
            MemberState::Offered
        }
    }
}

/// A new group as typed.
#[derive(Debug, Clone, Default)]
pub struct GroupInput<'a> {
    pub name: &'a str,
    pub approach: &'a str,
    pub capacity: Option<i64>,
    pub weeks: Option<i64>,
    pub schedule: &'a str,
    pub entry_criteria: &'a str,
}

/// A new group, checked: texts trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPlan {
    pub name: String,
    pub approach: Approach,
    pub capacity: u8,
    pub weeks: u8,
    pub schedule: String,
    pub entry_criteria: String,
}

/// Checks a new group, naming the first field to fix.
pub fn check_group(g: &GroupInput<'_>) -> Result<GroupPlan> {
    required("name", g.name, "Give the group a name.")?;
    at_most("name", g.name, MAX_NAME_CHARS)?;
    let approach = Approach::parse(g.approach.trim())
        .ok_or_else(|| Error::invalid("approach", "Choose the approach the group follows."))?;
    let capacity = g
        .capacity
        .and_then(|c| u8::try_from(c).ok())
        .filter(|c| (MIN_CAPACITY..=MAX_CAPACITY).contains(c))
        .ok_or_else(|| {
            Error::invalid(
                "capacity",
                format!("A group has {MIN_CAPACITY} to {MAX_CAPACITY} places."),
            )
        })?;
    let weeks = g
        .weeks
        .and_then(|w| u8::try_from(w).ok())
        .filter(|w| (MIN_WEEKS..=MAX_WEEKS).contains(w))
        .ok_or_else(|| {
            Error::invalid(
                "weeks",
                format!("A group runs {MIN_WEEKS} to {MAX_WEEKS} weeks."),
            )
        })?;
    required(
        "schedule",
        g.schedule,
        "Say when the group meets, e.g. Wednesdays 18:00–19:30.",
    )?;
    at_most("schedule", g.schedule, MAX_SCHEDULE_CHARS)?;
    at_most("entry_criteria", g.entry_criteria, MAX_CRITERIA_CHARS)?;
    Ok(GroupPlan {
        name: g.name.trim().to_string(),
        approach,
        capacity,
        weeks,
        schedule: g.schedule.trim().to_string(),
        entry_criteria: g.entry_criteria.trim().to_string(),
    })
}

/// A group note: required, and not too long.
pub fn check_note(text: &str) -> Result<()> {
    required("text", text, "Write the note about the group.")?;
    at_most("text", text, MAX_NOTE_CHARS)
}

/// The pair of PHQ-9 totals a member's group outcome is counted on (docs/groups.md "The
/// outcome window"): the baseline is the last PHQ-9 taken at or before the group's first
/// session (`start`); the end is the latest PHQ-9 taken after it. `points` are (time,
/// total) in any order. None when either is missing.
pub fn paired_scores(points: &[(i64, u8)], start: i64) -> Option<(u8, u8)> {
    let baseline = points
        .iter()
        .filter(|(t, _)| *t <= start)
        .max_by_key(|(t, _)| *t)?;
    let end = points
        .iter()
        .filter(|(t, _)| *t > start)
        .max_by_key(|(t, _)| *t)?;
    Some((baseline.1, end.1))
}

/// Whether a PHQ-9 pair is a reliable improvement (CLINICAL.md: down 6 or more).
pub fn reliably_improved(baseline: u8, end: u8) -> bool {
    Scale::Phq9.change(baseline, end) == Change::ReliableImprovement
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> GroupInput<'static> {
        GroupInput {
            name: "CBT for depression",
            approach: "cbt",
            capacity: Some(8),
            weeks: Some(12),
            schedule: "Wednesdays 18:00–19:30",
            entry_criteria: "",
        }
    }

    #[test]
    fn a_good_group_passes_trimmed() {
        let g = check_group(&GroupInput {
            name: "  CBT for depression ",
            ..input()
        })
        .unwrap();
        assert_eq!(g.name, "CBT for depression");
        assert_eq!(g.approach, Approach::Cbt);
        assert_eq!((g.capacity, g.weeks), (8, 12));
    }

    #[test]
    fn each_field_is_named() {
        let field = |g: GroupInput<'_>| check_group(&g).unwrap_err().field;
        assert_eq!(
            field(GroupInput {
                name: " ",
                ..input()
            }),
            "name"
        );
        let long = "x".repeat(81);
        assert_eq!(
            field(GroupInput {
                name: &long,
                ..input()
            }),
            "name"
        );
        assert_eq!(
            field(GroupInput {
                approach: "yoga",
                ..input()
            }),
            "approach"
        );
        for c in [None, Some(1), Some(17), Some(-3)] {
            assert_eq!(
                field(GroupInput {
                    capacity: c,
                    ..input()
                }),
                "capacity"
            );
        }
        for w in [None, Some(0), Some(53), Some(300)] {
            assert_eq!(
                field(GroupInput {
                    weeks: w,
                    ..input()
                }),
                "weeks"
            );
        }
        assert_eq!(
            field(GroupInput {
                schedule: "",
                ..input()
            }),
            "schedule"
        );
        let long = "x".repeat(1_001);
        assert_eq!(
            field(GroupInput {
                entry_criteria: &long,
                ..input()
            }),
            "entry_criteria"
        );
        for (c, w) in [(2, 1), (16, 52)] {
            assert!(
                check_group(&GroupInput {
                    capacity: Some(c),
                    weeks: Some(w),
                    ..input()
                })
                .is_ok()
            );
        }
    }

    #[test]
    fn states_from_dates() {
        assert_eq!(MemberState::of(false, false, false), MemberState::Offered);
        assert_eq!(MemberState::of(true, false, false), MemberState::Joined);
        assert_eq!(MemberState::of(false, true, false), MemberState::Declined);
        assert_eq!(MemberState::of(true, false, true), MemberState::Left);
        assert!(MemberState::Offered.is_live() && MemberState::Joined.is_live());
        assert!(!MemberState::Declined.is_live() && !MemberState::Left.is_live());
    }

    #[test]
    fn the_window_runs_from_the_last_score_before_the_start_to_the_latest() {
        let pts = [(10, 20), (5, 22), (30, 12), (20, 15)];
        assert_eq!(paired_scores(&pts, 10), Some((20, 12)));
        assert_eq!(paired_scores(&pts, 4), None);
        assert_eq!(paired_scores(&pts, 30), None);
        assert!(reliably_improved(20, 14));
        assert!(!reliably_improved(20, 15));
    }
}
