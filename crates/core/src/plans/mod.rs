//! The client's plans: the safety plan, the relapse-prevention plan, the treatment plan, and
//! the words for approaches and formats they share with the intake.

pub mod approach;
mod relapse;
mod safety;
mod sections;
mod treatment;

pub use relapse::{RELAPSE_SECTIONS, check_relapse_plan};
pub use safety::{SAFETY_STEPS, check_safety_plan};
pub use sections::{MAX_STEP_CHARS, PlanSection};
pub use treatment::{
    MAX_NOTES_CHARS, MAX_SESSIONS, TreatmentPlan, TreatmentPlanInput, check_treatment_plan,
};
