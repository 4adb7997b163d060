//! The client's plans. Today: the safety plan.

mod safety;

pub use safety::{MAX_STEP_CHARS, SAFETY_STEPS, SafetyStep, check_safety_plan};
