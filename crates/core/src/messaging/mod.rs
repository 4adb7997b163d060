//! Secure messages between a client and their care team (issue 16, part 5): what a message
//! may hold, whether its words speak of self-harm (so that the writer sees the crisis lines at
//! once — no flag is raised), and a clinician's weekly office hours (whether a moment is inside
//! them, and when they open next). Pure: the caller gives the moment on the clinician's own
//! clock (weekday and minute of the day), worked out from their timezone.

mod hours;
mod messages;
mod self_harm;

pub use hours::{
    LocalMoment, MAX_AWAY_CHARS, MAX_SLOTS, MINUTES_PER_DAY, Slot, Weekday, check_away_message,
    check_hours, format_minute, next_opening, parse_minute, parse_time_field, within,
};
pub use self_harm::speaks_of_self_harm;

use crate::{Error, Result};

/// The longest message, in characters (after trimming).
pub const MAX_BODY_CHARS: usize = 4000;

/// Checks a message's body: not blank, at most [`MAX_BODY_CHARS`] characters once trimmed.
/// Returns it trimmed. Errors name the field `body`.
pub fn check_body(body: &str) -> Result<String> {
    let b = body.trim();
    if b.is_empty() {
        return Err(Error::invalid("body", messages::EMPTY));
    }
    let n = b.chars().count();
    if n > MAX_BODY_CHARS {
        return Err(Error::invalid("body", messages::too_long(n)));
    }
    Ok(b.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_body_is_needed_and_bounded() {
        assert_eq!(check_body("").unwrap_err().field, "body");
        assert_eq!(check_body(" \n\t ").unwrap_err().field, "body");
        assert_eq!(check_body("  Hello  ").unwrap(), "Hello");
        assert!(check_body(&"é".repeat(MAX_BODY_CHARS)).is_ok());
        let e = check_body(&"a".repeat(MAX_BODY_CHARS + 1)).unwrap_err();
        assert_eq!(e.field, "body");
        assert!(
            e.message.contains("4,000") && e.message.contains("4,001"),
            "{}",
            e.message
        );
        // Whitespace around a long body does not count.
        let padded = format!("   {}   ", "a".repeat(MAX_BODY_CHARS));
        assert!(check_body(&padded).is_ok());
    }

    proptest! {
        #[test]
        fn a_checked_body_is_trimmed_non_empty_and_within_the_limit(s in "\\PC{0,50}") {
            match check_body(&s) {
                Ok(b) => {
                    prop_assert!(!b.is_empty());
                    prop_assert_eq!(b.trim(), b.as_str());
                    prop_assert!(b.chars().count() <= MAX_BODY_CHARS);
                }
                Err(e) => {
                    prop_assert_eq!(e.field, "body");
                    prop_assert!(s.trim().is_empty());
                }
            }
        }
    }
}
