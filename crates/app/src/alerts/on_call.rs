//! The on-call rota and the escalation time (issue 16), kept by an administrator: who is told
//! when a safety flag stays unacknowledged, and after how long.

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_store::on_call::{self as store, ESCALATION_MINUTES, Shift};
use rapport_store::{ConnectionTrait, accounts::users, triage};
use serde::Serialize;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::messages;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// The escalation time when no administrator chose one (minutes).
pub const DEFAULT_ESCALATION_MINUTES: i64 = 30;
/// The escalation times an administrator may choose (minutes).
pub const ESCALATION_RANGE: std::ops::RangeInclusive<i64> = 5..=240;
/// How many shifts a rota may hold ahead.
const MAX_SHIFTS: usize = 500;

/// The practice's escalation time in minutes (the default when none was set).
pub async fn escalation_minutes(c: &impl ConnectionTrait) -> Result<i64> {
    Ok(store::setting(c, ESCALATION_MINUTES)
        .await?
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|m| ESCALATION_RANGE.contains(m))
        .unwrap_or(DEFAULT_ESCALATION_MINUTES))
}

/// A shift as the administrator gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftInput {
    pub clinician_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A shift on the rota, with the clinician's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShiftView {
    pub clinician_id: Uuid,
    pub name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A clinician who can be put on call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clinician {
    pub id: Uuid,
    pub name: String,
}

/// The rota (shifts not over yet), the escalation time, and who is told now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnCall {
    pub escalation_minutes: i64,
    pub rota: Vec<ShiftView>,
    /// The clinicians on call at this moment.
    pub on_call_now: Vec<Clinician>,
    /// Nobody on call now: the clinicians on triage duty are told instead (empty: nobody).
    pub fallback_now: Vec<Clinician>,
    /// Every active clinician (the choices for a shift).
    pub clinicians: Vec<Clinician>,
}

/// The on-call settings (administrators).
pub async fn on_call(app: &App, actor: &Actor) -> Result<OnCall> {
    access::allow(actor, Action::ManageOnCall)?;
    let r = app.db.read().await?;
    let out = view(r.conn(), app, app.now()).await?;
    r.close().await?;
    Ok(out)
}

async fn view(c: &impl ConnectionTrait, app: &App, now: DateTime<Utc>) -> Result<OnCall> {
    let clinicians: Vec<Clinician> = users::of_role(c, app.db.keys(), Role::Clinician.as_str())
        .await?
        .into_iter()
        .filter(|u| u.role == "clinician" && u.disabled_at.is_none())
        .map(|u| Clinician {
            id: u.id,
            name: u.name,
        })
        .collect();
    let name = |id: Uuid| {
        clinicians
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| messages::ACCOUNT_DISABLED_NAME.to_string())
    };
    let people = |ids: Vec<Uuid>| {
        ids.into_iter()
            .map(|id| Clinician { id, name: name(id) })
            .collect::<Vec<_>>()
    };
    let on_call_now = people(store::on_call_at(c, now).await?);
    let fallback_now = if on_call_now.is_empty() {
        people(store::active_clinicians(c, &triage::on_duty(c).await?).await?)
    } else {
        vec![]
    };
    let rota = store::upcoming(c, now)
        .await?
        .into_iter()
        .map(|s| ShiftView {
            name: name(s.clinician_id),
            clinician_id: s.clinician_id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect();
    Ok(OnCall {
        escalation_minutes: escalation_minutes(c).await?,
        rota,
        on_call_now,
        fallback_now,
        clinicians,
    })
}

/// Sets the escalation time and replaces the rota's shifts not over yet (administrators).
/// Shifts already over stay as the record of who was on call.
pub async fn set_on_call(
    app: &App,
    actor: &Actor,
    escalation_minutes: i64,
    rota: &[ShiftInput],
) -> Result<OnCall> {
    access::allow(actor, Action::ManageOnCall)?;
    if !ESCALATION_RANGE.contains(&escalation_minutes) {
        return Err(Error::invalid(
            "escalation_minutes",
            messages::ESCALATION_MINUTES_RANGE,
        ));
    }
    if rota.len() > MAX_SHIFTS {
        return Err(Error::invalid("rota", messages::ROTA_TOO_LONG));
    }
    let tx = app.db.write().await?;
    let c = tx.conn();
    let now = app.now();
    let ids: Vec<Uuid> = rota.iter().map(|s| s.clinician_id).collect();
    let active = store::active_clinicians(c, &ids).await?;
    let mut shifts = Vec::with_capacity(rota.len());
    for (i, s) in rota.iter().enumerate() {
        if !active.contains(&s.clinician_id) {
            return Err(Error::invalid(
                format!("rota[{i}].clinician_id"),
                messages::NOT_A_CLINICIAN,
            ));
        }
        if s.ends_at <= s.starts_at {
            return Err(Error::invalid(
                format!("rota[{i}].ends_at"),
                messages::SHIFT_ENDS_BEFORE_START,
            ));
        }
        if s.ends_at <= now {
            return Err(Error::invalid(
                format!("rota[{i}].ends_at"),
                messages::SHIFT_OVER,
            ));
        }
        shifts.push(Shift {
            id: app.new_id(),
            clinician_id: s.clinician_id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            added_by: actor.user_id,
            added_at: now,
        });
    }
    store::set_setting(
        c,
        ESCALATION_MINUTES,
        &escalation_minutes.to_string(),
        actor.user_id,
        now,
    )
    .await?;
    let n = shifts.len();
    store::replace_upcoming(c, now, shifts).await?;
    let mut e = Entry::ok("on_call.set");
    e.detail = Some(format!(
        "escalation after {escalation_minutes} minutes; {n} shift(s) ahead"
    ));
    record_and_commit(app, tx, actor, e).await?;
    let r = app.db.read().await?;
    let out = view(r.conn(), app, app.now()).await?;
    r.close().await?;
    Ok(out)
}
