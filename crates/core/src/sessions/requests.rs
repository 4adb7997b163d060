//! A client's request for another time, and its answer; and when two sessions clash. Times
//! are the caller's (seconds since the epoch here): this module only judges what was asked.

use super::MAX_REASON_CHARS;
use crate::text::{at_most, required};
use crate::{Error, Result};

/// How many times a client may propose when asking to move a session.
pub const MAX_PROPOSALS: usize = 3;

string_enum!(
    /// How a clinician answers a request for another time.
    RequestAnswer {
        Accepted => "accepted", "Moved to a time you proposed";
        Moved => "moved", "Moved to another time";
        Declined => "declined", "Kept at its time";
    }
);

impl RequestAnswer {
    /// Whether the session moves with this answer.
    pub fn moves(self) -> bool {
        self != RequestAnswer::Declined
    }
}

/// Checks how many times were proposed (none is fine).
pub fn check_proposals(count: usize) -> Result<()> {
    if count > MAX_PROPOSALS {
        return Err(Error::invalid(
            "proposed",
            format!("Propose up to {MAX_PROPOSALS} times."),
        ));
    }
    Ok(())
}

/// Checks the message of an answer: a declined request says why the time stays.
pub fn check_answer_message(answer: RequestAnswer, message: &str) -> Result<()> {
    if answer == RequestAnswer::Declined {
        required(
            "message",
            message,
            "Say why the time stays, in a sentence; the client reads it.",
        )?;
    }
    at_most("message", message, MAX_REASON_CHARS)
}

/// Whether two sessions overlap in time: `[start, start + minutes)` each, starts in seconds.
/// One ending as the other starts does not.
pub fn overlaps(a_start: i64, a_minutes: u16, b_start: i64, b_minutes: u16) -> bool {
    a_start < b_start + i64::from(b_minutes) * 60 && b_start < a_start + i64::from(a_minutes) * 60
}

/// Whether two places, as typed, name the same room: case, spaces and a final full stop aside.
pub fn same_place(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_end_matches('.')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_to_three_proposals() {
        assert!(check_proposals(0).is_ok());
        assert!(check_proposals(3).is_ok());
        assert_eq!(check_proposals(4).unwrap_err().field, "proposed");
    }

    #[test]
    fn a_decline_says_why_the_others_may() {
        assert_eq!(
            check_answer_message(RequestAnswer::Declined, " ")
                .unwrap_err()
                .field,
            "message"
        );
        assert!(check_answer_message(RequestAnswer::Declined, "I am away that week.").is_ok());
        assert!(check_answer_message(RequestAnswer::Accepted, "").is_ok());
        assert!(
            check_answer_message(RequestAnswer::Moved, &"x".repeat(MAX_REASON_CHARS + 1)).is_err()
        );
        assert!(RequestAnswer::Accepted.moves() && RequestAnswer::Moved.moves());
        assert!(!RequestAnswer::Declined.moves());
    }

    #[test]
    fn sessions_that_touch_do_not_clash() {
        let h = 3600;
        assert!(overlaps(0, 50, 30 * 60, 50));
        assert!(overlaps(30 * 60, 50, 0, 50));
        assert!(overlaps(0, 180, h, 15));
        assert!(!overlaps(0, 60, h, 50));
        assert!(!overlaps(h, 50, 0, 60));
    }

    #[test]
    fn the_same_room_typed_twice() {
        assert!(same_place(
            "Room 2, 14 Elm Street",
            " room 2,  14 elm street. "
        ));
        assert!(!same_place(
            "Room 2, 14 Elm Street",
            "Room 3, 14 Elm Street"
        ));
        assert!(!same_place("", " "));
    }
}
