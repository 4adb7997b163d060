//! The administration hub's one line per area: a handful of small counts, each answered
//! from an index (never a walk over 100,000 accounts).

use std::collections::BTreeMap;

use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::audit::filter;
use rapport_store::{jobs, triage};

use crate::policy::Action;
use crate::{Actor, App, Result, access};

#[derive(Debug, Clone, Default)]
pub struct Hub {
    /// Accounts by role (`client`, `clinician`, `family`, `admin`).
    pub accounts: BTreeMap<String, i64>,
    pub on_triage_duty: usize,
    /// Jobs by state (`queued`, `running`, `done`, `failed`, `dead`).
    pub jobs: BTreeMap<String, i64>,
    pub email_configured: bool,
    /// How many events the audit log holds.
    pub audit_events: i64,
    pub settings: crate::settings::Settings,
}

pub async fn hub(app: &App, actor: &Actor) -> Result<Hub> {
    access::allow(actor, Action::ManageAccounts)?;
    let r = app.db.read().await?;
    let c = r.conn();
    let mut accounts: BTreeMap<String, i64> =
        [Role::Client, Role::Clinician, Role::Family, Role::Admin]
            .iter()
            .map(|r| (r.as_str().to_string(), 0))
            .collect();
    accounts.extend(users::count_by_role(c).await?);
    let hub = Hub {
        accounts,
        on_triage_duty: triage::on_duty(c).await?.len(),
        jobs: jobs::count_by_state(c).await?.into_iter().collect(),
        email_configured: app.config.mail.is_some(),
        audit_events: filter::head_seq(c).await?,
        settings: crate::settings::current_in(c).await?,
    };
    r.close().await?;
    Ok(hub)
}
