//! Notes on sessions. A progress note follows DAP (data, assessment, plan): it is drafted,
//! then signed, and a signed note is never changed again; corrections are dated amendments.
//! Psychotherapy notes are the therapist's own process notes, kept apart (CLINICAL.md,
//! HIPAA 164.501); they have no structure.

use crate::text::{at_most, required};
use crate::{Error, Result};

pub const MAX_PART_CHARS: usize = 8_000;
pub const MAX_AMENDMENT_CHARS: usize = 4_000;
pub const MAX_PSYCHOTHERAPY_NOTE_CHARS: usize = 20_000;

/// The three parts of a progress note, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dap {
    /// What happened and what the client said; the latest measures for reference.
    pub data: String,
    /// The clinician's reading of it.
    pub assessment: String,
    /// What comes next: homework, the next session, changes to the plan.
    pub plan: String,
}

impl Dap {
    /// (field, name, text) of each part.
    fn parts(&self) -> [(&'static str, &'static str, &str); 3] {
        [
            ("data", "Data", &self.data),
            ("assessment", "Assessment", &self.assessment),
            ("plan", "Plan", &self.plan),
        ]
    }
}

/// A draft may be incomplete, but not too long.
pub fn check_draft(d: &Dap) -> Result<()> {
    for (field, _, text) in d.parts() {
        at_most(field, text, MAX_PART_CHARS)?;
    }
    Ok(())
}

/// A note is signed only with all three parts written.
pub fn check_signable(d: &Dap) -> Result<()> {
    check_draft(d)?;
    for (field, name, text) in d.parts() {
        required(
            field,
            text,
            &format!("Write the {name} part before signing; a signed note cannot be changed."),
        )?;
    }
    Ok(())
}

/// Whether a note may still be edited: only while it is a draft.
pub fn check_editable(signed: bool) -> Result<()> {
    if signed {
        return Err(Error::invalid(
            "data",
            "This note is signed and cannot be changed. Add a dated amendment instead.",
        ));
    }
    Ok(())
}

/// An amendment to a signed note.
pub fn check_amendment(signed: bool, text: &str) -> Result<()> {
    if !signed {
        return Err(Error::invalid(
            "amendment",
            "Amendments are for signed notes; change the draft itself.",
        ));
    }
    required("amendment", text, "Write the correction.")?;
    at_most("amendment", text, MAX_AMENDMENT_CHARS)
}

pub fn check_psychotherapy_note(text: &str) -> Result<()> {
    required(
        "body",
        text,
        "Write the note, or leave the page without saving.",
    )?;
    at_most("body", text, MAX_PSYCHOTHERAPY_NOTE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Dap {
        Dap {
            data: "Attended; PHQ-9 12 (from 15).".into(),
            assessment: "Engaged; activation helping.".into(),
            plan: "Two walks this week; review in a week.".into(),
        }
    }

    #[test]
    fn drafts_may_be_partial_signing_needs_every_part() {
        let partial = Dap {
            plan: String::new(),
            ..full()
        };
        assert!(check_draft(&partial).is_ok());
        assert_eq!(check_signable(&partial).unwrap_err().field, "plan");
        assert!(check_signable(&full()).is_ok());
        let long = Dap {
            assessment: "x".repeat(MAX_PART_CHARS + 1),
            ..full()
        };
        assert_eq!(check_draft(&long).unwrap_err().field, "assessment");
    }

    #[test]
    fn a_signed_note_is_locked_and_only_amended() {
        assert!(check_editable(false).is_ok());
        assert!(check_editable(true).is_err());
        assert!(check_amendment(false, "x").is_err());
        assert!(check_amendment(true, " ").is_err());
        assert!(check_amendment(true, "Date of the session was the 3rd.").is_ok());
        assert!(check_psychotherapy_note("").is_err());
        assert!(check_psychotherapy_note("Countertransference: …").is_ok());
    }
}
