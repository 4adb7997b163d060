//! Who writes a client's medication list: the prescriber on the care team — the care-team role
//! `psychiatrist`, or a clinician the practice marks as a prescriber — and nobody else.

use rapport_core::accounts::{CareTeamRole, Role};
use rapport_store::ConnectionTrait;
use rapport_store::accounts::users;
use rapport_store::care_teams;
use rapport_store::medication::prescribers;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

/// Whether `clinician_id` is a prescriber on the client's active care team.
pub async fn is_prescriber_of(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    clinician_id: Uuid,
) -> Result<bool> {
    let team = care_teams::team_of(c, client_id).await?;
    let Some(m) = team.iter().find(|m| m.clinician_id == clinician_id) else {
        return Ok(false);
    };
    if m.role == CareTeamRole::Psychiatrist.as_str() {
        return Ok(true);
    }
    Ok(prescribers::is_marked(c, clinician_id).await?)
}

/// The prescribers on the client's active care team.
pub(crate) async fn prescribers_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Uuid>> {
    let team = care_teams::team_of(c, client_id).await?;
    let ids: Vec<Uuid> = team.iter().map(|m| m.clinician_id).collect();
    let marked = prescribers::marked_among(c, &ids).await?;
    Ok(team
        .into_iter()
        .filter(|m| {
            m.role == CareTeamRole::Psychiatrist.as_str() || marked.contains(&m.clinician_id)
        })
        .map(|m| m.clinician_id)
        .collect())
}

/// Marks a clinician as a prescriber, or takes the mark away (an administrator).
pub async fn set_prescriber(
    app: &App,
    actor: &Actor,
    clinician_id: Uuid,
    prescriber: bool,
) -> Result<()> {
    access::allow(actor, Action::ManageCareTeams)?;
    let tx = app.db.write().await?;
    let clinician = users::find(tx.conn(), tx.keys(), clinician_id).await?;
    if clinician
        .as_ref()
        .is_none_or(|u| u.role != Role::Clinician.as_str())
    {
        return Err(Error::invalid("clinician_id", messages::NOT_A_CLINICIAN));
    }
    prescribers::set(
        tx.conn(),
        clinician_id,
        prescriber,
        actor.user_id,
        app.now(),
    )
    .await?;
    let action = if prescriber {
        "prescriber.marked"
    } else {
        "prescriber.unmarked"
    };
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok(action).resource(format!("user:{clinician_id}")),
    )
    .await
}
