//! Observations (issue 15, part 2): a family member the client consented to (scope
//! `observations`) reports what they noticed — ticks of the client's own current warning
//! signs and a short note. It counts toward the warning-sign flag like the client's own ticks
//! (CLINICAL.md "warning signs": each day once, whoever reported it), reaches the clinician on
//! the chart, and is shown to the client — every one, unless a clinician on the care team hid
//! it for a recorded safety reason.

use rapport_core::accounts::Role;
use rapport_core::observations::{check, check_hide_reason};
use rapport_store::observations::{self as store, Observation};
use rapport_store::{Tx, accounts::users, checkins};
use serde::Serialize;
use uuid::Uuid;

use crate::access;
use crate::alerts::evaluate;
use crate::audit_log::Entry;
use crate::measures::episode_at;
use crate::policy::{Action, Relation};
use crate::triage::Watch;
use crate::{Actor, App, Error, Result};

/// An observation as sent: ids of the client's warning signs and an optional note.
#[derive(Debug, Clone, Default)]
pub struct NewObservation {
    pub warning_signs: Vec<String>,
    pub note: Option<String>,
}

/// A warning sign an observation ticked, with the client's own words for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignView {
    pub id: Uuid,
    pub label: String,
}

/// One observation as its reader may see it. For the client, hidden ones are never listed
/// and the hiding fields are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObservationView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub reported_by: Uuid,
    pub reporter_name: String,
    /// How the reporter is related to the client ("sister"), when known.
    pub relationship: Option<String>,
    /// The client's own calendar day of the report.
    pub day: chrono::NaiveDate,
    pub reported_at: chrono::DateTime<chrono::Utc>,
    pub warning_signs: Vec<SignView>,
    pub note: Option<String>,
    pub hidden: bool,
    pub hidden_at: Option<chrono::DateTime<chrono::Utc>>,
    pub hidden_reason: Option<String>,
    pub hidden_by_name: Option<String>,
}

/// What the reporter is told after sending: the observation and whether a clinician will see
/// it (the client's care team, or triage duty); never "the clinician will see this" when
/// nobody will.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reported {
    pub observation: ObservationView,
    pub clinician_will_see: bool,
}

/// The family member reports an observation about the client. In one transaction: the
/// observation (note sealed), the warning-sign rule run with it (a flag raised or given
/// evidence when the client's signs were reported on 2 of the last 7 days), the audit event.
pub async fn report(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    new: NewObservation,
) -> Result<Reported> {
    let mut sign_ids = Vec::with_capacity(new.warning_signs.len());
    for (i, s) in new.warning_signs.iter().enumerate() {
        sign_ids.push(Uuid::parse_str(s.trim()).map_err(|_| {
            Error::invalid(
                format!("warning_signs[{i}]"),
                "This is not one of their warning signs.",
            )
        })?);
    }
    let scope = access::write(
        app,
        actor,
        Action::ReportObservations,
        client_id,
        "observation.reported",
    )
    .await?;
    let checked = check(&sign_ids, new.note.as_deref())?;
    let tx = scope.tx();
    users::lock(tx, client_id).await?;
    let own = checkins::sign_ids_of(tx.conn(), client_id).await?;
    if let Some(i) = sign_ids.iter().position(|s| !own.contains(s)) {
        return Err(Error::invalid(
            format!("warning_signs[{i}]"),
            "This is not one of their warning signs.",
        ));
    }
    let timezone = users::timezone_of(tx.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    // The one reading of the clock: the report's day and the rules' "today" agree.
    let now = app.now();
    let day = crate::time::local_day(now, &timezone);
    let o = Observation {
        id: app.new_id(),
        client_id,
        reported_by: actor.user_id,
        day,
        reported_at: now,
        note: checked.note,
        signs: checked.signs,
        hidden_at: None,
        hidden_by: None,
        hidden_reason: None,
    };
    store::insert(&scope.client(), &o).await?;
    if !o.signs.is_empty() {
        let episode = episode_at(app, tx, client_id, actor.user_id, now).await?;
        evaluate::after_observation(app, tx, client_id, &episode, now).await?;
    }
    let watch = watch_of(tx, client_id).await?;
    let labels = checkins::signs_of(tx.conn(), tx.keys(), client_id).await?;
    let relationships = relationships(tx, client_id).await?;
    let view = view_of(
        o.clone(),
        &labels,
        &[(actor.user_id, actor.name.clone())],
        &relationships,
        true,
    );
    scope
        .commit(Entry::ok("observation.reported").resource(format!("observation:{}", o.id)))
        .await?;
    Ok(Reported {
        observation: view,
        clinician_will_see: watch != Watch::Nobody,
    })
}

/// Who will see the client's flags and observations.
async fn watch_of(tx: &impl Tx, client_id: Uuid) -> Result<Watch> {
    let c = tx.conn();
    Ok(
        if !rapport_store::triage::is_unassigned(c, client_id).await? {
            Watch::CareTeam
        } else if rapport_store::triage::on_duty(c).await?.is_empty() {
            Watch::Nobody
        } else {
            Watch::Triage
        },
    )
}

/// How each family member is related to the client (user id, words), from their live family
/// links; someone whose access has ended is shown by name only.
async fn relationships(tx: &impl Tx, client_id: Uuid) -> Result<Vec<(Uuid, String)>> {
    Ok(
        rapport_store::family::links_of_client(tx.conn(), tx.keys(), client_id)
            .await?
            .into_iter()
            .map(|l| (l.family_id, l.relationship))
            .collect(),
    )
}

fn view_of(
    o: Observation,
    labels: &[checkins::WarningSign],
    names: &[(Uuid, String)],
    relationships: &[(Uuid, String)],
    full: bool,
) -> ObservationView {
    let name_of = |id: Uuid| names.iter().find(|(u, _)| *u == id).map(|(_, n)| n.clone());
    ObservationView {
        id: o.id,
        client_id: o.client_id,
        reported_by: o.reported_by,
        reporter_name: name_of(o.reported_by).unwrap_or_default(),
        relationship: relationships
            .iter()
            .find(|(u, _)| *u == o.reported_by)
            .map(|(_, r)| r.clone()),
        day: o.day,
        reported_at: o.reported_at,
        warning_signs: o
            .signs
            .iter()
            .map(|s| SignView {
                id: *s,
                label: labels
                    .iter()
                    .find(|l| l.id == *s)
                    .map(|l| l.label.clone())
                    .unwrap_or_else(|| crate::messages::RETIRED_SIGN.to_string()),
            })
            .collect(),
        note: o.note,
        hidden: o.hidden_at.is_some(),
        hidden_at: o.hidden_at.filter(|_| full),
        hidden_reason: o.hidden_reason.filter(|_| full),
        hidden_by_name: o.hidden_by.and_then(name_of).filter(|_| full),
    }
}

/// The observations about a client: for the client, every one except those a clinician hid;
/// for the care team (and triage), all, with the hiding and its reason. Newest first.
pub async fn observations_of(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<ObservationView>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "observation.read",
    )
    .await?;
    let list = observations_in(&scope).await?;
    scope.finish(Entry::ok("observation.read")).await?;
    Ok(list)
}

/// [`observations_of`] in a scope the caller opened (and records).
pub(crate) async fn observations_in(scope: &access::ReadScope<'_>) -> Result<Vec<ObservationView>> {
    let client_id = scope.client_id();
    let full = scope.relation() != Relation::Itself;
    let list: Vec<Observation> = store::of_client(&scope.client())
        .await?
        .into_iter()
        .filter(|o| full || o.hidden_at.is_none())
        .collect();
    let labels = store::sign_labels(scope.conn(), scope.keys(), client_id).await?;
    let mut ids: Vec<Uuid> = list
        .iter()
        .flat_map(|o| [Some(o.reported_by), o.hidden_by])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = users::names_of(scope.conn(), scope.keys(), &ids).await?;
    let relationships = relationships(scope.tx(), client_id).await?;
    Ok(list
        .into_iter()
        .map(|o| view_of(o, &labels, &names, &relationships, full))
        .collect())
}

/// A clinician on the care team hides an observation from the client, with the safety reason
/// (required, sealed, audited). It still counts toward the flag and stays on the chart.
pub async fn hide(app: &App, actor: &Actor, observation_id: Uuid, reason: &str) -> Result<()> {
    if actor.role != Role::Clinician {
        access::allow(actor, Action::HideObservations)?;
    }
    let client_id = store::client_of(app.db.conn(), observation_id)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = access::write(
        app,
        actor,
        Action::HideObservations,
        client_id,
        "observation.hidden",
    )
    .await?;
    let reason = check_hide_reason(reason)?;
    if !store::hide(
        &scope.client(),
        observation_id,
        actor.user_id,
        &reason,
        app.now(),
    )
    .await?
    {
        return Err(Error::Conflict(
            crate::messages::OBSERVATION_HIDDEN_ALREADY.into(),
        ));
    }
    scope
        .commit(Entry::ok("observation.hidden").resource(format!("observation:{observation_id}")))
        .await
}

/// What a family member's report form shows: the client's first name and their current
/// warning signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportForm {
    pub client_first_name: String,
    pub signs: Vec<SignView>,
}

/// The client's current warning signs for a family member's report form, with the client's
/// first name: only for a family member holding the `observations` scope. The labels are the
/// client's own words; reading them is audited.
pub async fn report_form(app: &App, actor: &Actor, client_id: Uuid) -> Result<ReportForm> {
    let scope = access::read(
        app,
        actor,
        Action::ReportObservations,
        client_id,
        "observation.form",
    )
    .await?;
    let signs = checkins::signs_of(scope.conn(), scope.keys(), client_id).await?;
    let name = users::names_of(scope.conn(), scope.keys(), &[client_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default();
    scope.finish(Entry::ok("observation.form")).await?;
    Ok(ReportForm {
        client_first_name: name
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
        signs: signs
            .into_iter()
            .map(|s| SignView {
                id: s.id,
                label: s.label,
            })
            .collect(),
    })
}
