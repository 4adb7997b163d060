//! Meeting a few before choosing (issue 14, items 4–6): a client asks up to three clinicians
//! for a short consultation, each answers (accepts with a time, or declines with a reason),
//! and after meeting the client chooses one. Also the 8th-session rule for offering a change
//! of therapist ([`no_reliable_improvement_by_8th`]).

use crate::outcomes::{Change, Scale, Series};
use crate::{Error, Result};

/// Most clinicians in one request.
pub const MAX_CLINICIANS: usize = 3;
/// Most consultations a client may have open (requested or accepted) at once.
pub const MAX_OPEN: usize = 3;
/// Fewest and most times that suit the client, offered with a request.
pub const MIN_TIMES: usize = 1;
pub const MAX_TIMES: usize = 5;
/// Most characters of one offered time (free text such as "Tuesday evenings").
pub const MAX_TIME_CHARS: usize = 200;
/// Most characters of the client's message.
pub const MAX_MESSAGE_CHARS: usize = 1_000;
/// Most characters of a clinician's reason for declining.
pub const MAX_REASON_CHARS: usize = 500;
/// The session by which the rule expects reliable improvement (CLINICAL.md "Expected
/// recovery": about half of clients improve reliably by session 8).
pub const REVIEW_AT_SESSION: u32 = 8;

string_enum!(
    /// Where one consultation stands.
    State {
        Requested => "requested", "Waiting for an answer";
        Accepted => "accepted", "Accepted";
        Declined => "declined", "Declined";
        Chosen => "chosen", "Chosen";
        NotChosen => "not_chosen", "Not chosen";
        Withdrawn => "withdrawn", "Withdrawn";
    }
);

string_enum!(
    /// What may happen to a consultation.
    Step {
        Accept => "accept", "Accept";
        Decline => "decline", "Decline";
        Choose => "choose", "Choose";
        PassOver => "pass_over", "Another was chosen";
        Withdraw => "withdraw", "Withdraw";
    }
);

impl State {
    /// Still waiting on someone (the clinician's answer or the client's choice).
    pub fn is_open(self) -> bool {
        matches!(self, State::Requested | State::Accepted)
    }

    /// The state after `step`, or an error naming `state` when the step is not allowed.
    pub fn after(self, step: Step) -> Result<State> {
        use State::*;
        let to = match (self, step) {
            (Requested, Step::Accept) => Accepted,
            (Requested, Step::Decline) => Declined,
            (Accepted, Step::Choose) => Chosen,
            (Accepted, Step::PassOver) => NotChosen,
            (Requested, Step::Withdraw) => Withdrawn,
            (Accepted, Step::Withdraw) => Withdrawn,
            _ => {
                return Err(Error::invalid(
                    "state",
                    match step {
                        Step::Accept | Step::Decline => "This request has already been answered.",
                        Step::Choose => "Only a consultation the clinician accepted can be chosen.",
                        Step::PassOver | Step::Withdraw => "This consultation is already closed.",
                    },
                ));
            }
        };
        Ok(to)
    }
}

/// What a client sends to ask for consultations, checked before anything is looked up.
pub fn check_request(
    clinician_count: usize,
    times: &[String],
    message: Option<&str>,
) -> Result<()> {
    if clinician_count == 0 {
        return Err(Error::invalid(
            "clinician_ids",
            "Choose at least one clinician to meet.",
        ));
    }
    if clinician_count > MAX_CLINICIANS {
        return Err(Error::invalid(
            "clinician_ids",
            "You can ask up to three clinicians at a time.",
        ));
    }
    let given = times.iter().filter(|t| !t.trim().is_empty()).count();
    if given < MIN_TIMES {
        return Err(Error::invalid(
            "times",
            "Say at least one time that suits you.",
        ));
    }
    if times.len() > MAX_TIMES {
        return Err(Error::invalid("times", "Give up to five times."));
    }
    if times.iter().any(|t| t.chars().count() > MAX_TIME_CHARS) {
        return Err(Error::invalid(
            "times",
            "Keep each time under 200 characters.",
        ));
    }
    if message.is_some_and(|m| m.chars().count() > MAX_MESSAGE_CHARS) {
        return Err(Error::invalid(
            "message",
            "Keep the message under 1,000 characters.",
        ));
    }
    Ok(())
}

/// A clinician's reason for declining: required, at most 500 characters.
pub fn check_reason(reason: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say briefly why, so the person can look elsewhere.",
        ));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::invalid(
            "reason",
            "Keep the reason under 500 characters.",
        ));
    }
    Ok(())
}

/// The 8th-session rule for offering to talk about a change of therapist: the client has
/// attended at least [`REVIEW_AT_SESSION`] sessions in the current episode, has a PHQ-9
/// baseline and a later PHQ-9, and the change from the first to the latest is not a reliable
/// improvement by CLINICAL.md's fixed threshold (PHQ-9 down by 6 or more, IAPT) —
/// [`Scale::change`], the same definition recovery uses. Jacobson & Truax needs a practice's
/// own SD and reliability, which the instance does not hold, so the fixed threshold is the row
/// this follows (docs/CLINICAL-CHOICES.md, "Offering a change at the 8th session").
pub fn no_reliable_improvement_by_8th(attended_sessions: u32, phq9: &Series) -> bool {
    if attended_sessions < REVIEW_AT_SESSION || phq9.len() < 2 {
        return false;
    }
    match (phq9.first(), phq9.last()) {
        (Some(first), Some(last)) => {
            Scale::Phq9.change(first.total, last.total) != Change::ReliableImprovement
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::{ScorePoint, Timestamp};

    fn series(totals: &[u8]) -> Series {
        Series::new(
            totals
                .iter()
                .enumerate()
                .map(|(i, t)| ScorePoint {
                    at: Timestamp(i64::try_from(i).unwrap() * 604_800),
                    total: *t,
                })
                .collect(),
        )
    }

    #[test]
    fn words_are_the_issues() {
        let words: Vec<_> = State::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "requested",
                "accepted",
                "declined",
                "chosen",
                "not_chosen",
                "withdrawn"
            ]
        );
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn every_transition_is_listed() {
        use State::*;
        let allowed = [
            (Requested, Step::Accept, Accepted),
            (Requested, Step::Decline, Declined),
            (Accepted, Step::Choose, Chosen),
            (Accepted, Step::PassOver, NotChosen),
            (Requested, Step::Withdraw, Withdrawn),
            (Accepted, Step::Withdraw, Withdrawn),
        ];
        for from in State::ALL {
            for step in Step::ALL {
                let expected = allowed
                    .iter()
                    .find(|(f, s, _)| f == from && s == step)
                    .map(|(_, _, to)| *to);
                match expected {
                    Some(to) => assert_eq!(from.after(*step), Ok(to)),
                    None => assert_eq!(from.after(*step).unwrap_err().field, "state"),
                }
            }
        }
        for s in State::ALL {
            assert_eq!(s.is_open(), matches!(s, Requested | Accepted));
        }
    }

    #[test]
    fn request_limits_name_the_field() {
        let t = |n: usize| vec!["Mondays after 5pm".to_string(); n];
        assert!(check_request(1, &t(1), None).is_ok());
        assert!(check_request(3, &t(5), Some(&"a".repeat(1_000))).is_ok());
        assert_eq!(
            check_request(0, &t(1), None).unwrap_err().field,
            "clinician_ids"
        );
        assert_eq!(
            check_request(4, &t(1), None).unwrap_err().field,
            "clinician_ids"
        );
        assert_eq!(check_request(1, &t(0), None).unwrap_err().field, "times");
        assert_eq!(
            check_request(1, &["  ".to_string()], None)
                .unwrap_err()
                .field,
            "times"
        );
        assert_eq!(check_request(1, &t(6), None).unwrap_err().field, "times");
        assert_eq!(
            check_request(1, &["x".repeat(201)], None)
                .unwrap_err()
                .field,
            "times"
        );
        assert_eq!(
            check_request(1, &t(1), Some(&"a".repeat(1_001)))
                .unwrap_err()
                .field,
            "message"
        );
    }

    #[test]
    fn a_decline_needs_a_short_reason() {
        assert!(check_reason("My caseload is full.").is_ok());
        assert_eq!(check_reason(" ").unwrap_err().field, "reason");
        assert_eq!(check_reason(&"a".repeat(501)).unwrap_err().field, "reason");
        assert!(check_reason(&"a".repeat(500)).is_ok());
    }

    #[test]
    fn eighth_session_rule_follows_the_reliable_improvement_row() {
        // CLINICAL.md "Reliable improvement: PHQ-9 change ≥ 6 points" and "About half of
        // clients improve reliably by session 8".
        // Not yet the 8th session: never offered.
        assert!(!no_reliable_improvement_by_8th(7, &series(&[20, 19, 20])));
        // 8 sessions, a fall of 5: not reliable → offered.
        assert!(no_reliable_improvement_by_8th(8, &series(&[20, 18, 15])));
        // A fall of exactly 6 is reliable → not offered.
        assert!(!no_reliable_improvement_by_8th(8, &series(&[20, 18, 14])));
        // Worse: offered.
        assert!(no_reliable_improvement_by_8th(9, &series(&[12, 14, 19])));
        // Fewer than two measures: nothing to judge.
        assert!(!no_reliable_improvement_by_8th(10, &series(&[20])));
        assert!(!no_reliable_improvement_by_8th(10, &series(&[])));
    }
}
