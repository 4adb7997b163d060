//! Medication (issue 22): the client's medication list kept by the prescriber on the care
//! team and read by the client and the rest of the team; side effects (FIBSER) reaching the
//! prescriber; adherence week by week with the reasons for missed doses.

mod adherence;
mod list;
mod prescribers;
mod reviews;
mod side_effects;
mod summary;

pub(crate) use adherence::adherence_from;
pub use adherence::{AdherenceWeek, adherence_of, check_missed_reason, record_missed_reason};
pub(crate) use list::medications_in;
pub use list::{
    IntakeMedicine, MedicationList, MedicineView, NewMedicine, VersionSummary, confirm_intake_list,
    fibser_due_for, medications_of, set_medications,
};
pub use prescribers::{is_prescriber_of, set_prescriber};
pub use reviews::{ReviewQuestions, ReviewStatus, review_questions, set_review_questions};
pub(crate) use reviews::{ReviewReminder, reminders_due, statuses_of as review_statuses};
pub(crate) use side_effects::after_fibser;
pub use summary::{
    GP_SUMMARY_CONSENT, GpSummary, SUMMARY_WEEKS, gp_summary, gp_summary_consent,
    set_gp_summary_consent,
};
