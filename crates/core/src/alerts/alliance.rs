//! Alliance, from session feedback (CLINICAL.md "Early warning", row "alliance").
//!
//! Conventions:
//! - Evaluated at the latest feedback, and at every feedback at or after `new_since`.
//! - "The client's own average" is the mean overall answer of all the client's *earlier*
//!   feedback (the one judged is left out); one earlier feedback is enough. Without earlier
//!   feedback there is no average and only the "any answer ≤ 5" part applies.
//! - "3 or more below": overall ≤ average − 3, computed exactly in integers.

use super::input::{ClientData, SessionFeedback};
use super::messages::Rule;
use super::scores::is_evaluated;
use super::trigger::{Evidence, Trigger};

/// Any answer at or below this flags.
pub const LOW_ANSWER_AT_MOST: u8 = 5;
/// The overall answer this many points or more below the client's own average flags.
pub const BELOW_OWN_AVERAGE: u64 = 3;

pub(super) fn alliance(data: &ClientData) -> Vec<Trigger> {
    let mut feedback: Vec<SessionFeedback> = data.feedback.clone();
    feedback.sort_by_key(|f| f.at);
    let mut triggers = Vec::new();
    // The earlier feedback's count and sum of overall answers.
    let (mut count, mut sum) = (0u64, 0u64);
    for (i, f) in feedback.iter().enumerate() {
        if is_evaluated(i, feedback.len(), f.at, data.new_since) {
            if f.lowest_answer() <= LOW_ANSWER_AT_MOST {
                triggers.push(Trigger::new(
                    Rule::FeedbackLowAnswer,
                    vec![Evidence::feedback(f)],
                ));
            }
            // overall ≤ sum / count − 3  ⇔  (overall + 3) · count ≤ sum
            if count > 0 && (u64::from(f.overall) + BELOW_OWN_AVERAGE) * count <= sum {
                triggers.push(Trigger::new(
                    Rule::FeedbackBelowOwnAverage,
                    vec![
                        Evidence::feedback(f),
                        Evidence::OwnAverage {
                            overall: sum as f64 / count as f64,
                            earlier: i,
                        },
                    ],
                ));
            }
        }
        count += 1;
        sum += u64::from(f.overall);
    }
    triggers
}
