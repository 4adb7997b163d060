//! A plan made of titled sections of free text (the safety plan, the relapse-prevention plan).

use crate::text::at_most;
use crate::{Error, Result};

/// One section: its stable word, its title, and a prompt in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSection {
    pub key: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
}

/// Of each section, after trimming.
pub const MAX_STEP_CHARS: usize = 4_000;

/// A plan must say something, and each section stay readable.
pub fn check_sections(sections: &[PlanSection], texts: &[String]) -> Result<()> {
    for (section, text) in sections.iter().zip(texts) {
        at_most(section.key, text, MAX_STEP_CHARS)?;
    }
    if texts.iter().all(|s| s.trim().is_empty()) {
        return Err(Error::invalid(
            sections.first().map(|s| s.key).unwrap_or_default(),
            "Write at least one part. You can add the others later.",
        ));
    }
    Ok(())
}
