//! Measures: the questionnaires (PHQ-9, PHQ-2, GAD-7, WHO-5, FIBSER), the daily check-in and session
//! feedback. Each instrument is defined here once — items, answers, codes, bands — so that
//! pages, the API and the FHIR export all read the same definitions. Scoring follows
//! CLINICAL.md; each rule's test names the row it checks.

mod answers;
mod band;
mod checkin;
mod definition;
mod feedback;
mod fibser;
mod gad7;
mod instrument;
mod messages;
mod phq2;
mod phq9;
mod score;
mod spanish;
mod who5;

pub use band::{Band, BandRange};
pub use checkin::{
    CheckIn, CheckInInput, MAX_NOTE_CHARS, MAX_WARNING_SIGNS, MOOD_MAX, Medication,
    SELF_HARM_QUESTION, SLEEP_HOURS_MAX, SelfHarmAnswer,
};
pub use definition::{AnswerOption, Code, CodeSystem, Definition, Item};
pub use feedback::{FEEDBACK_MAX, FeedbackInput, FeedbackQuestion, SessionFeedback};
pub use fibser::{
    ADDRESS_AT as FIBSER_ADDRESS_AT, BurdenAction, NOTICE as FIBSER_NOTICE,
    REDUCE_OR_SWITCH_AT as FIBSER_REDUCE_OR_SWITCH_AT,
};
pub use instrument::Instrument;
pub use phq2::POSITIVE_SCREEN_AT as PHQ2_POSITIVE_AT;
pub use phq9::{DIFFICULTY as PHQ9_DIFFICULTY, Syndrome, blank_item9, positive_item9};
pub use score::Score;
pub use who5::{
    DEPRESSION_AT_MOST_PERCENT as WHO5_DEPRESSION_AT_MOST_PERCENT,
    MEANINGFUL_CHANGE_PERCENT as WHO5_MEANINGFUL_CHANGE_PERCENT,
    PERCENTAGE_CODES as WHO5_PERCENTAGE_CODES, POOR_BELOW_RAW as WHO5_POOR_BELOW_RAW,
    POOR_ITEM_AT_MOST as WHO5_POOR_ITEM_AT_MOST,
};
