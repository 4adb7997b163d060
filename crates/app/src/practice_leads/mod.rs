//! Practice leads: clinicians an administrator lets see the outcome reports of the whole
//! practice (not only of their own clients), and who are told at once when a clinician opens
//! a record in an emergency.

use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::practice_leads;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

/// Makes an active clinician a practice lead, or not (administrators). Audited when it changes
/// anything.
pub async fn set(app: &App, actor: &Actor, clinician_id: Uuid, lead: bool) -> Result<()> {
    access::allow(actor, Action::ManageAccounts)?;
    let tx = app.db.write().await?;
    let c = tx.conn();
    let user = users::find(c, tx.keys(), clinician_id).await?;
    if user
        .as_ref()
        .is_none_or(|u| u.role != Role::Clinician.as_str() || u.disabled_at.is_some())
    {
        return Err(Error::invalid("clinician_id", messages::NOT_A_CLINICIAN));
    }
    if !practice_leads::set(c, clinician_id, lead, actor.user_id, app.now()).await? {
        return Ok(());
    }
    let e = Entry::ok(if lead {
        "admin.practice_lead_added"
    } else {
        "admin.practice_lead_removed"
    })
    .resource(format!("user:{clinician_id}"));
    record_and_commit(app, tx, actor, e).await
}

/// Whether the user is a practice lead.
pub async fn is_lead(app: &App, user_id: Uuid) -> Result<bool> {
    Ok(practice_leads::is_lead(app.db.conn(), user_id).await?)
}

/// The practice leads (ids), in the order they were made leads.
pub async fn all(app: &App) -> Result<Vec<Uuid>> {
    Ok(practice_leads::all(app.db.conn()).await?)
}
