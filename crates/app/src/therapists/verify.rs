//! The practice's check of a clinician's licence, recorded by an administrator: the licence
//! number, the state or country that issued it and the day it was checked. Until the first
//! check a clinician is not listed.

use chrono::{Duration, NaiveDate};
use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::therapists::{self, Verification};
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

pub const MAX_LICENCE_CHARS: usize = 60;
pub const MAX_ISSUER_CHARS: usize = 80;

/// A check as the administrator typed it.
#[derive(Debug, Clone, Default)]
pub struct LicenceCheck {
    pub licence_number: String,
    /// The issuing state or country (`US-CA`, `California`, `Ireland`).
    pub issuer: String,
    pub checked_on: Option<NaiveDate>,
}

fn text(field: &str, value: &str, max: usize, what: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, format!("Write {what}.")));
    }
    if v.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("Use {max} characters or fewer."),
        ));
    }
    Ok(v.to_string())
}

/// Records a check of `clinician_id`'s licence (an administrator). A date later than today
/// anywhere on Earth (UTC+14) is refused; so is an id that is not a clinician's (NotFound).
pub async fn verify(
    app: &App,
    actor: &Actor,
    clinician_id: Uuid,
    input: LicenceCheck,
) -> Result<Verification> {
    access::allow(actor, Action::VerifyClinicians)?;
    let licence_number = text(
        "licence_number",
        &input.licence_number,
        MAX_LICENCE_CHARS,
        "the licence number",
    )?;
    let issuer = text(
        "issuer",
        &input.issuer,
        MAX_ISSUER_CHARS,
        "the state or country that issued the licence",
    )?;
    let Some(checked_on) = input.checked_on else {
        return Err(Error::invalid(
            "checked_on",
            "Write the date you checked the licence.",
        ));
    };
    let latest_today = (app.now() + Duration::hours(14)).date_naive();
    if checked_on > latest_today {
        return Err(Error::invalid(
            "checked_on",
            "The date checked cannot be in the future.",
        ));
    }
    let tx = app.db.write().await?;
    let is_clinician = users::find(tx.conn(), tx.keys(), clinician_id)
        .await?
        .is_some_and(|u| u.role == Role::Clinician.as_str());
    if !is_clinician {
        return Err(Error::NotFound);
    }
    let v = Verification {
        id: app.new_id(),
        clinician_id,
        licence_number,
        issuer,
        checked_on,
        checked_by: actor.user_id,
        recorded_at: app.now(),
    };
    therapists::record_verification(tx.conn(), &v).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("therapists.verified").resource(format!("user:{clinician_id}")),
    )
    .await?;
    Ok(v)
}

/// A clinician as the administrator's verification page lists them.
#[derive(Debug, Clone)]
pub struct ClinicianCheckRow {
    pub clinician_id: Uuid,
    pub name: String,
    pub email: String,
    pub disabled: bool,
    pub has_profile: bool,
    pub accepting_new_clients: bool,
    /// The latest check, licence number included (the administrator's own record).
    pub check: Option<Verification>,
}

impl ClinicianCheckRow {
    pub fn listed(&self) -> bool {
        !self.disabled && self.has_profile && self.accepting_new_clients && self.check.is_some()
    }
}

/// Every clinician account with its latest check (an administrator).
pub async fn clinicians_to_verify(app: &App, actor: &Actor) -> Result<Vec<ClinicianCheckRow>> {
    access::allow(actor, Action::VerifyClinicians)?;
    let r = app.db.read().await?;
    let mut checks = therapists::latest_verifications(r.conn()).await?;
    let profiles = therapists::accepting_by_clinician(r.conn()).await?;
    let mut out = vec![];
    for u in users::of_role(r.conn(), r.keys(), Role::Clinician.as_str()).await? {
        if u.role != Role::Clinician.as_str() {
            continue;
        }
        let accepting = profiles.get(&u.id).copied();
        out.push(ClinicianCheckRow {
            clinician_id: u.id,
            check: checks.remove(&u.id),
            has_profile: accepting.is_some(),
            accepting_new_clients: accepting.unwrap_or(false),
            disabled: u.disabled_at.is_some(),
            name: u.name,
            email: u.email,
        });
    }
    r.close().await?;
    out.sort_by_key(|r| r.name.to_lowercase());
    Ok(out)
}
