//! Goals set together: what success looks like, how it is measured, a target date; progress
//! recorded by both sides (0–10 and a note); achieved or dropped with a reason.

use crate::text::at_most as text;
use crate::{Error, Result};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 1_000;
pub const PROGRESS_MAX: u8 = 10;

string_enum! {
    /// Where a goal stands. The labels are as the goal's badge reads.
    GoalStatus {
        Active => "active", "in progress";
        Achieved => "achieved", "achieved";
        Dropped => "dropped", "set aside";
    }
}

/// The parts of a new goal, as typed.
#[derive(Debug, Clone, Default)]
pub struct GoalInput<'a> {
    pub title: &'a str,
    pub success: &'a str,
    pub measured_by: &'a str,
}

pub fn check_goal(g: &GoalInput<'_>) -> Result<()> {
    if g.title.trim().is_empty() {
        return Err(Error::invalid(
            "title",
            "Name the goal in a few words, for example \"Walk to the park twice a week\".",
        ));
    }
    text("title", g.title, MAX_TITLE_CHARS)?;
    if g.success.trim().is_empty() {
        return Err(Error::invalid(
            "success",
            "Say what it will look like when the goal is reached.",
        ));
    }
    text("success", g.success, MAX_TEXT_CHARS)?;
    text("measured_by", g.measured_by, MAX_TEXT_CHARS)
}

/// A progress rating from 0 (not started) to 10 (reached).
pub fn check_progress(rating: Option<i64>, note: &str) -> Result<u8> {
    let r = rating
        .and_then(|r| u8::try_from(r).ok())
        .filter(|r| *r <= PROGRESS_MAX)
        .ok_or_else(|| {
            Error::invalid(
                "rating",
                "Choose how far along it is, from 0 (not started) to 10 (reached).",
            )
        })?;
    text("note", note, MAX_TEXT_CHARS)?;
    Ok(r)
}

/// How a goal ends: reached, or set aside; either way with a reason.
pub fn check_closing(outcome: &str, reason: &str) -> Result<GoalStatus> {
    let outcome = match GoalStatus::parse(outcome) {
        Some(s @ (GoalStatus::Achieved | GoalStatus::Dropped)) => s,
        _ => return Err(Error::invalid("outcome", "Choose achieved or dropped.")),
    };
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "Say why, in a sentence."));
    }
    text("reason", reason, MAX_TEXT_CHARS)?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_needs_a_name_and_what_success_looks_like() {
        let ok = GoalInput {
            title: "Walk twice a week",
            success: "Two walks a week for a month",
            measured_by: "",
        };
        assert!(check_goal(&ok).is_ok());
        assert_eq!(
            check_goal(&GoalInput {
                title: " ",
                ..ok.clone()
            })
            .unwrap_err()
            .field,
            "title"
        );
        assert_eq!(
            check_goal(&GoalInput {
                success: "",
                ..ok.clone()
            })
            .unwrap_err()
            .field,
            "success"
        );
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            check_goal(&GoalInput { title: &long, ..ok })
                .unwrap_err()
                .field,
            "title"
        );
    }

    #[test]
    fn progress_is_0_to_10_and_closing_needs_a_reason() {
        assert_eq!(check_progress(Some(0), "").unwrap(), 0);
        assert_eq!(check_progress(Some(10), "").unwrap(), 10);
        for bad in [None, Some(-1), Some(11)] {
            assert_eq!(check_progress(bad, "").unwrap_err().field, "rating");
        }
        assert_eq!(
            check_closing("achieved", "Done").unwrap(),
            GoalStatus::Achieved
        );
        assert_eq!(
            check_closing("dropped", "Moved").unwrap(),
            GoalStatus::Dropped
        );
        assert_eq!(check_closing("dropped", "").unwrap_err().field, "reason");
        for bad in ["paused", "active"] {
            assert_eq!(check_closing(bad, "x").unwrap_err().field, "outcome");
        }
    }
}
