//! The on-call rota (issue 16): Dr. Priya Natarajan is on call this week, with the practice's
//! escalation time left at 30 minutes. Morgan Ellis's safety flag from last week's PHQ-9 was
//! never acknowledged, so it is escalated to her, and the flag shows it.

use chrono::{DateTime, Duration, Utc};
use rapport_app::alerts::escalate_due;
use rapport_app::alerts::on_call::{DEFAULT_ESCALATION_MINUTES, ShiftInput, set_on_call};
use rapport_app::{App, Result};

use super::practice::Practice;

/// Puts one clinician on call from three days ago until four days from now, then runs the
/// escalation check once.
pub(super) async fn rota(app: &App, practice: &Practice, now: DateTime<Utc>) -> Result<()> {
    let (Some(admin), Some(on_call)) = (&practice.admin, practice.clinicians.get(2)) else {
        return Ok(());
    };
    let shift = ShiftInput {
        clinician_id: on_call.id,
        starts_at: now - Duration::days(3),
        ends_at: now + Duration::days(4),
    };
    set_on_call(app, admin, DEFAULT_ESCALATION_MINUTES, &[shift]).await?;
    escalate_due(app).await?;
    Ok(())
}
