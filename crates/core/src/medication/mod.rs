//! Medication: the client's list of medicines as the prescriber keeps it, the reasons a dose
//! was missed, the weekly adherence rate from the daily check-in, and when the FIBSER and a
//! medication review are due. Pure: today comes in.

mod adherence;
mod list;
mod review;

pub use adherence::{MissedReason, WeekAdherence, week_start, weekly_adherence};
pub use list::{
    MAX_MEDICINES, MAX_NAME_CHARS, MAX_REASON_CHARS, MAX_SHORT_CHARS, Medicine, check_list,
    fibser_due, is_current,
};
pub use review::{
    DEFAULT_REVIEW_WEEKS, MAX_QUESTION_CHARS, MAX_QUESTIONS, check_questions, current_since,
    phq9_trend, review_due, review_due_on,
};
