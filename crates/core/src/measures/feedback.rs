//! Session feedback (CLINICAL.md, "Session feedback"): the product's own four questions, not a
//! licensed scale.

use super::checkin::note;
use super::messages;
use crate::{Error, Result};

/// Every answer is 0 to this.
pub const FEEDBACK_MAX: u8 = 10;

string_enum! {
    /// The four questions, in the order they are asked. The words name the API fields.
    FeedbackQuestion {
        Heard => "heard", "I felt heard and respected";
        WhatIWanted => "worked_on_what_i_wanted", "We worked on what I wanted";
        ApproachFits => "approach_fits", "The approach fits me";
        Overall => "overall", "Overall, this session was right for me";
    }
}

/// Feedback as the API or a form receives it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FeedbackInput<'a> {
    pub heard: Option<i64>,
    pub worked_on_what_i_wanted: Option<i64>,
    pub approach_fits: Option<i64>,
    pub overall: Option<i64>,
    pub comment: Option<&'a str>,
}

/// Valid feedback on one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFeedback {
    pub heard: u8,
    pub worked_on_what_i_wanted: u8,
    pub approach_fits: u8,
    pub overall: u8,
    /// Trimmed; `None` when empty.
    pub comment: Option<String>,
}

impl SessionFeedback {
    pub const MINUTES_TO_COMPLETE: u8 = 1;

    /// Validates feedback; all four answers are required, the error names the first to fix.
    pub fn parse(input: FeedbackInput<'_>) -> Result<SessionFeedback> {
        Ok(SessionFeedback {
            heard: answer(FeedbackQuestion::Heard, input.heard)?,
            worked_on_what_i_wanted: answer(
                FeedbackQuestion::WhatIWanted,
                input.worked_on_what_i_wanted,
            )?,
            approach_fits: answer(FeedbackQuestion::ApproachFits, input.approach_fits)?,
            overall: answer(FeedbackQuestion::Overall, input.overall)?,
            comment: note("comment", input.comment)?,
        })
    }

    /// The answers in the order asked.
    pub fn answers(&self) -> [(FeedbackQuestion, u8); 4] {
        [
            (FeedbackQuestion::Heard, self.heard),
            (FeedbackQuestion::WhatIWanted, self.worked_on_what_i_wanted),
            (FeedbackQuestion::ApproachFits, self.approach_fits),
            (FeedbackQuestion::Overall, self.overall),
        ]
    }

    pub fn lowest(&self) -> u8 {
        self.answers().iter().map(|(_, v)| *v).min().unwrap_or(0)
    }
}

fn answer(question: FeedbackQuestion, value: Option<i64>) -> Result<u8> {
    value
        .and_then(|v| u8::try_from(v).ok())
        .filter(|v| *v <= FEEDBACK_MAX)
        .ok_or_else(|| {
            Error::invalid(
                question.as_str(),
                messages::feedback(question.label(), FEEDBACK_MAX),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::MAX_NOTE_CHARS;

    fn input<'a>() -> FeedbackInput<'a> {
        FeedbackInput {
            heard: Some(9),
            worked_on_what_i_wanted: Some(8),
            approach_fits: Some(10),
            overall: Some(4),
            comment: Some("  Good, but rushed at the end. "),
        }
    }

    // CLINICAL.md "Session feedback": four 0–10 answers and an optional comment.
    #[test]
    fn valid_feedback() {
        let f = SessionFeedback::parse(input()).unwrap();
        assert_eq!(f.comment.as_deref(), Some("Good, but rushed at the end."));
        assert_eq!(f.lowest(), 4);
        assert_eq!(f.answers()[3], (FeedbackQuestion::Overall, 4));
        let f = SessionFeedback::parse(FeedbackInput {
            comment: None,
            ..input()
        })
        .unwrap();
        assert_eq!(f.comment, None);
        let zeros = FeedbackInput {
            heard: Some(0),
            worked_on_what_i_wanted: Some(0),
            approach_fits: Some(0),
            overall: Some(0),
            comment: Some(""),
        };
        assert_eq!(SessionFeedback::parse(zeros).unwrap().comment, None);
    }

    #[test]
    fn all_four_required_and_errors_name_the_field() {
        let field = |i: FeedbackInput<'_>| SessionFeedback::parse(i).unwrap_err().field;
        assert_eq!(
            field(FeedbackInput {
                heard: None,
                ..input()
            }),
            "heard"
        );
        assert_eq!(
            field(FeedbackInput {
                worked_on_what_i_wanted: Some(11),
                ..input()
            }),
            "worked_on_what_i_wanted"
        );
        assert_eq!(
            field(FeedbackInput {
                approach_fits: Some(-1),
                ..input()
            }),
            "approach_fits"
        );
        assert_eq!(
            field(FeedbackInput {
                overall: Some(i64::MIN),
                ..input()
            }),
            "overall"
        );
        assert_eq!(field(FeedbackInput::default()), "heard");
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            field(FeedbackInput {
                comment: Some(&long),
                ..input()
            }),
            "comment"
        );
        let e = SessionFeedback::parse(FeedbackInput {
            overall: None,
            ..input()
        })
        .unwrap_err();
        assert!(e.message.contains("Overall, this session was right for me"));
    }

    #[test]
    fn question_words_round_trip() {
        for q in FeedbackQuestion::ALL {
            assert_eq!(FeedbackQuestion::parse(q.as_str()), Some(*q));
        }
    }
}
