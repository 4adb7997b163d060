//! Triage duty (CLINICAL.md "A flag always reaches a person"): clients without an active care
//! team — just signed up, or between clinicians — are watched by the clinicians an
//! administrator puts on triage duty. They see those clients' flags beside their own, may open
//! the record to respond, and may take the client on as their primary therapist.

use rapport_core::accounts::{CareTeamRole, Role};
use rapport_store::accounts::users;
use rapport_store::care_teams::{self, Membership};
use rapport_store::triage;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

/// Who sees a client's flags at once: what the client may be told after a safety flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    /// Their own clinician(s).
    CareTeam,
    /// Nobody on a care team yet, but clinicians on triage duty.
    Triage,
    /// Nobody: no care team and no triage clinician. The client must never be told that
    /// someone has been told.
    Nobody,
}

impl Watch {
    pub fn care_team(self) -> bool {
        self == Watch::CareTeam
    }

    pub fn triage(self) -> bool {
        self == Watch::Triage
    }
}

/// Who watches the signed-in client's flags.
pub async fn who_watches_me(app: &App, actor: &Actor) -> Result<Watch> {
    access::own(actor, Action::ReadCareTeam)?;
    let c = app.db.conn();
    if !triage::is_unassigned(c, actor.user_id).await? {
        Ok(Watch::CareTeam)
    } else if triage::on_duty(c).await?.is_empty() {
        Ok(Watch::Nobody)
    } else {
        Ok(Watch::Triage)
    }
}

/// A clinician on (or off) triage duty, for the administration page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DutyRow {
    pub clinician_id: Uuid,
    pub name: String,
    pub on_duty: bool,
}

/// Every active clinician, with whether they are on triage duty (administrators).
pub async fn duty_roster(app: &App, actor: &Actor) -> Result<Vec<DutyRow>> {
    access::allow(actor, Action::ManageCareTeams)?;
    let c = app.db.conn();
    let on = triage::on_duty(c).await?;
    Ok(users::of_role(c, app.db.keys(), Role::Clinician.as_str())
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Clinician.as_str() && u.disabled_at.is_none())
        .map(|u| DutyRow {
            on_duty: on.contains(&u.id),
            clinician_id: u.id,
            name: u.name,
        })
        .collect())
}

/// The clinicians on triage duty (anyone signed in may ask whether someone is).
pub async fn on_duty(app: &App) -> Result<Vec<Uuid>> {
    Ok(triage::on_duty(app.db.conn()).await?)
}

/// Puts exactly these clinicians on triage duty (administrators); an empty list takes everyone
/// off, which the administration page and the server log then warn about.
pub async fn set_duty(app: &App, actor: &Actor, clinician_ids: &[Uuid]) -> Result<Vec<Uuid>> {
    access::allow(actor, Action::ManageCareTeams)?;
    let tx = app.db.write().await?;
    let c = tx.conn();
    for (i, id) in clinician_ids.iter().enumerate() {
        let user = users::find(c, tx.keys(), *id).await?;
        if user
            .as_ref()
            .is_none_or(|u| u.role != Role::Clinician.as_str() || u.disabled_at.is_some())
        {
            return Err(Error::invalid(
                format!("clinician_ids[{i}]"),
                messages::NOT_A_CLINICIAN,
            ));
        }
    }
    let mut ids = clinician_ids.to_vec();
    ids.dedup();
    triage::replace(c, &ids, actor.user_id, app.now()).await?;
    let mut e = Entry::ok("triage.set");
    e.detail = Some(format!("{} clinician(s) on triage duty", ids.len()));
    record_and_commit(app, tx, actor, e).await?;
    triage::on_duty(app.db.conn()).await.map_err(Into::into)
}

/// A clinician on triage duty takes on a client who has no active care team, as their primary
/// therapist.
pub async fn take_on(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<crate::care_teams::MembershipView> {
    let scope = access::write(
        app,
        actor,
        Action::TakeOnClient,
        client_id,
        "triage.take_on",
    )
    .await?;
    let c = scope.conn();
    let client = users::find(c, scope.keys(), client_id).await?;
    if client
        .as_ref()
        .is_none_or(|u| u.role != Role::Client.as_str())
    {
        return Err(Error::NotFound);
    }
    let m = Membership {
        id: app.new_id(),
        client_id,
        clinician_id: actor.user_id,
        role: CareTeamRole::PrimaryTherapist.as_str().to_string(),
        started_at: app.now(),
        ended_at: None,
        added_by: Some(actor.user_id),
    };
    care_teams::add(c, m.clone()).await?;
    crate::notifications::care_team_joined(app, scope.tx(), client_id, m.id).await?;
    scope
        .commit(Entry::ok("triage.took_on").resource(format!("user:{}", actor.user_id)))
        .await?;
    m.try_into()
}
