//! The daily check-in's question about self-harm (CLINICAL.md, the paragraphs after the
//! "Early warning" table): "Have you had thoughts that you would be better off dead, or of
//! hurting yourself, today?" (yes / no / skip), asked while the client's last PHQ-9 item 9
//! was ≥ 1 or a safety flag was raised in the last 90 days; "yes" is the same as item 9 ≥ 1.

use super::input::ClientData;
use super::messages::Rule;
use super::trigger::{Evidence, Trigger};
use crate::outcomes::{SECONDS_PER_DAY, Timestamp};

/// A safety flag raised this many days ago or less keeps the question asked.
pub const ASK_SELF_HARM_DAYS: i64 = 90;

/// Whether the check-in asks the question about self-harm, as of `now`:
/// `last_phq9_item9` is item 9 of the client's latest stored PHQ-9 (`None`: none, or left
/// unanswered), `last_safety_flag_at` the latest time a safety flag was raised or given new
/// evidence (whatever its level or status). Exactly 90 days ago still counts.
pub fn ask_about_self_harm(
    now: Timestamp,
    last_phq9_item9: Option<u8>,
    last_safety_flag_at: Option<Timestamp>,
) -> bool {
    last_phq9_item9.is_some_and(|answer| answer >= 1)
        || last_safety_flag_at.is_some_and(|at| {
            now.0.saturating_sub(at.0) <= ASK_SELF_HARM_DAYS.saturating_mul(SECONDS_PER_DAY)
        })
}

/// Safety from the check-in's question about self-harm: a "yes" today is the same as PHQ-9
/// item 9 ≥ 1 (CLINICAL.md, the paragraphs after the "Early warning" table). Only today's
/// check-ins are looked at: the rule describes the state now, and an earlier "yes" raised its
/// flag on its own day.
pub(super) fn self_harm(data: &ClientData) -> Option<Trigger> {
    data.check_ins
        .iter()
        .any(|c| c.day == data.today && c.self_harm_thoughts == Some(true))
        .then(|| {
            Trigger::new(
                Rule::SafetySelfHarmCheckIn,
                vec![Evidence::SelfHarmThoughts { day: data.today }],
            )
        })
}
