//! Running the instance: accounts and key rotation. Administrators see no clinical content.

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::crypto::{RotationReport, reseal_all};
use uuid::Uuid;

use crate::audit_log::{Entry, record};
use crate::policy::Action;
use crate::{Actor, App, Result};

mod access;
pub mod audit;
mod hub;
mod search;
pub use access::{disable_account, enable_account};
pub use hub::{Hub, hub};
pub use search::{AccountPage, AccountQuery, MAX_PER_PAGE, PER_PAGE, search_accounts};

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub totp_enrolled: bool,
    pub created_at: DateTime<Utc>,
    pub disabled: bool,
    /// A clinician an administrator made practice lead.
    pub practice_lead: bool,
}

/// Every account, for the administrator's list.
pub async fn list_accounts(app: &App, actor: &Actor) -> Result<Vec<AccountRow>> {
    crate::access::allow(actor, Action::ManageAccounts)?;
    Ok(users::list(app.db.conn(), app.db.keys())
        .await?
        .into_iter()
        .map(|u| AccountRow {
            id: u.id,
            role: Role::parse(&u.role).unwrap_or(Role::Client),
            totp_enrolled: u.totp_enrolled_at.is_some(),
            disabled: u.disabled_at.is_some(),
            practice_lead: false,
            name: u.name,
            email: u.email,
            created_at: u.created_at,
        })
        .collect())
}

/// Adds a new active key and re-seals every encrypted value under it, while the server
/// runs. Run from the command line by the operator.
pub async fn rotate_key(app: &App) -> Result<(String, RotationReport)> {
    let id = app.db.keys().add_key()?;
    let report = reseal_all(&app.db).await?;
    let tx = app.db.write().await?;
    let mut e = Entry::ok("admin.key_rotated");
    e.detail = Some(format!("key {id}; {} values re-sealed", report.resealed));
    record(app, &tx, None, None, e).await?;
    tx.commit().await?;
    Ok((id, report))
}
