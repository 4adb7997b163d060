//! The medication list: read by the client and their care team, written by the prescriber on
//! the team, each change a new version, audited; seeded from the intake's list when the
//! client confirms it.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::accounts::Role;
use rapport_core::intake::Intake;
use rapport_core::medication::{self as rules, Medicine};
use rapport_store::accounts::users;
use rapport_store::medication::{self as store, Item};
use rapport_store::{ConnectionTrait, episodes, intakes};
use uuid::Uuid;

use super::prescribers::is_prescriber_of;
use crate::access;
use crate::audit_log::{Entry, journal};
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// One medicine as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicineView {
    pub name: String,
    pub dose: String,
    pub schedule: String,
    pub prescriber: Option<String>,
    pub started_on: Option<NaiveDate>,
    pub stopped_on: Option<NaiveDate>,
    pub stop_reason: Option<String>,
    pub for_depression: bool,
    /// Taken today (not stopped).
    pub current: bool,
}

/// A medicine from the intake, as the client wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeMedicine {
    pub name: String,
    pub dose: String,
    pub prescriber: String,
}

/// An earlier (or the current) version of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummary {
    pub version: i32,
    pub written_at: DateTime<Utc>,
    pub written_by: String,
    /// `prescriber`, or `intake` (the client confirmed their intake's list).
    pub source: String,
    pub medicines: usize,
}

/// The client's list: the latest version, who wrote it, and whether the reader may change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicationList {
    pub client_id: Uuid,
    /// `None`: no list yet.
    pub version: Option<i32>,
    pub written_at: Option<DateTime<Utc>>,
    pub written_by: Option<String>,
    pub source: Option<String>,
    pub medications: Vec<MedicineView>,
    /// The reader is the prescriber on the care team.
    pub may_edit: bool,
    /// While there is no list: the intake's medicines, for the client to confirm (or the
    /// prescriber to start from).
    pub from_intake: Vec<IntakeMedicine>,
    /// Newest first.
    pub history: Vec<VersionSummary>,
    /// The weekly FIBSER is due while a medicine for depression is current.
    pub fibser_due: bool,
    /// A medication review with the prescriber is due (none for 12 weeks while a medicine
    /// is current).
    pub review_due: bool,
    /// The day the next review falls (or fell) due; `None` while no medicine is current.
    pub review_due_on: Option<NaiveDate>,
    /// The day of the last medication review, if any.
    pub last_review: Option<NaiveDate>,
}

/// A medicine as a prescriber typed or sent it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewMedicine {
    pub name: String,
    pub dose: String,
    pub schedule: String,
    pub prescriber: Option<String>,
    pub started_on: Option<NaiveDate>,
    pub stopped_on: Option<NaiveDate>,
    pub stop_reason: Option<String>,
    /// `None`: yes (Rapport is for depression).
    pub for_depression: Option<bool>,
}

fn rule(m: &Item) -> Medicine {
    Medicine {
        name: m.name.clone(),
        dose: m.dose.clone(),
        schedule: m.schedule.clone(),
        started_on: m.started_on,
        stopped_on: m.stopped_on,
        stop_reason: m.stop_reason.clone(),
        for_depression: m.for_depression,
    }
}

async fn today_of(c: &impl ConnectionTrait, app: &App, client_id: Uuid) -> Result<NaiveDate> {
    let tz = users::timezone_of(c, client_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(local_day(app.now(), &tz))
}

/// The intake's medicines of the client's current episode (none when not written).
async fn intake_medicines<T: rapport_store::Tx>(
    ct: &rapport_store::ClientTx<'_, T>,
) -> Result<Vec<IntakeMedicine>> {
    let Some(episode) = episodes::current(ct.conn(), ct.client_id()).await? else {
        return Ok(vec![]);
    };
    let Some(row) = intakes::of_episode_for(ct, episode.id).await? else {
        return Ok(vec![]);
    };
    let intake: Intake =
        serde_json::from_str(&row.body).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(intake
        .medicines
        .into_iter()
        .filter(|m| !m.name.trim().is_empty())
        .map(|m| IntakeMedicine {
            name: m.name,
            dose: m.dose,
            prescriber: m.prescriber,
        })
        .collect())
}

/// The client's medication list (the client or their care team).
pub async fn medications_of(app: &App, actor: &Actor, client_id: Uuid) -> Result<MedicationList> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "medications.read",
    )
    .await?;
    let tz = users::timezone_of(scope.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let list = medications_in(&scope, &tz).await?;
    scope.finish(Entry::ok("medications.read")).await?;
    Ok(list)
}

/// [`medications_of`] in a scope the caller opened (and records), for a client in timezone
/// `tz`.
pub(crate) async fn medications_in(
    scope: &access::ReadScope<'_>,
    tz: &str,
) -> Result<MedicationList> {
    let (app, actor, client_id) = (scope.app(), scope.actor(), scope.client_id());
    let versions = store::versions_of(&scope.client()).await?;
    let today = local_day(app.now(), tz);
    let writers: Vec<Uuid> = versions.iter().map(|v| v.written_by).collect();
    let names = users::names_of(scope.conn(), scope.keys(), &writers).await?;
    let name_of = |id: Uuid| users::name_in(&names, id);
    let may_edit = actor.role == Role::Clinician
        && is_prescriber_of(scope.conn(), client_id, actor.user_id).await?;
    let from_intake = if versions.is_empty() {
        intake_medicines(&scope.client()).await?
    } else {
        vec![]
    };
    let review = super::reviews::status_of_client(scope.conn(), client_id, tz, app.now()).await?;
    let latest = versions.first();
    let rules_list: Vec<Medicine> = latest
        .map(|v| v.items.iter().map(rule).collect())
        .unwrap_or_default();
    Ok(MedicationList {
        client_id,
        version: latest.map(|v| v.version),
        written_at: latest.map(|v| v.written_at),
        written_by: latest.map(|v| name_of(v.written_by)),
        source: latest.map(|v| v.source.clone()),
        medications: latest
            .map(|v| {
                v.items
                    .iter()
                    .map(|m| MedicineView {
                        current: rules::is_current(&rule(m), today),
                        name: m.name.clone(),
                        dose: m.dose.clone(),
                        schedule: m.schedule.clone(),
                        prescriber: m.prescriber.clone(),
                        started_on: m.started_on,
                        stopped_on: m.stopped_on,
                        stop_reason: m.stop_reason.clone(),
                        for_depression: m.for_depression,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        may_edit,
        from_intake,
        history: versions
            .iter()
            .map(|v| VersionSummary {
                version: v.version,
                written_at: v.written_at,
                written_by: name_of(v.written_by),
                source: v.source.clone(),
                medicines: v.items.len(),
            })
            .collect(),
        fibser_due: rules::fibser_due(&rules_list, today),
        review_due: review.due,
        review_due_on: review.due_on,
        last_review: review.last_review,
    })
}

/// The prescriber on the care team writes a new version of the client's list (the whole
/// list). Anyone else on the team is refused, and the refusal recorded. Returns the version.
pub async fn set_medications(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    list: Vec<NewMedicine>,
) -> Result<i32> {
    let scope = access::write(
        app,
        actor,
        Action::WriteMedications,
        client_id,
        "medications.changed",
    )
    .await?;
    if !is_prescriber_of(scope.conn(), client_id, actor.user_id).await? {
        drop(scope);
        journal(
            app,
            actor,
            Entry::ok("medications.changed")
                .client(client_id)
                .outcome("denied"),
        )
        .await?;
        return Err(Error::Forbidden);
    }
    let items: Vec<Item> = list
        .into_iter()
        .map(|m| Item {
            name: m.name.trim().to_string(),
            dose: m.dose.trim().to_string(),
            schedule: m.schedule.trim().to_string(),
            prescriber: m.prescriber.filter(|p| !p.trim().is_empty()),
            started_on: m.started_on,
            stopped_on: m.stopped_on,
            stop_reason: m.stop_reason.filter(|r| !r.trim().is_empty()),
            for_depression: m.for_depression.unwrap_or(true),
        })
        .collect();
    rules::check_list(&items.iter().map(rule).collect::<Vec<_>>())?;
    let number = store::latest_number(&scope.client()).await? + 1;
    let id = app.new_id();
    let ids: Vec<Uuid> = items.iter().map(|_| app.new_id()).collect();
    store::insert_version(
        &scope.client(),
        id,
        number,
        "prescriber",
        actor.user_id,
        app.now(),
        &items,
        &ids,
    )
    .await?;
    scope
        .commit(Entry::ok("medications.changed").resource(format!("medications:{number}")))
        .await?;
    Ok(number)
}

/// The client confirms that their intake's list of medicines is right: it becomes the first
/// version of their list, for the prescriber to keep from then on. Only while there is no
/// list yet.
pub async fn confirm_intake_list(app: &App, actor: &Actor) -> Result<i32> {
    let client_id = actor.user_id;
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "medications.confirmed",
    )
    .await?;
    if store::latest_number(&scope.client()).await? > 0 {
        return Err(Error::Conflict(
            "Your list of medicines is kept by your prescriber now; tell them about any change."
                .into(),
        ));
    }
    let from_intake = intake_medicines(&scope.client()).await?;
    if from_intake.is_empty() {
        return Err(Error::invalid(
            "medications",
            "Your intake lists no medicines to confirm.",
        ));
    }
    let today = today_of(scope.conn(), app, client_id).await?;
    let items: Vec<Item> = from_intake
        .into_iter()
        .map(|m| Item {
            name: m.name,
            dose: m.dose,
            // The intake does not ask when it is taken; the prescriber fills it in.
            schedule: "As prescribed".into(),
            prescriber: Some(m.prescriber).filter(|p| !p.trim().is_empty()),
            // Taken "now" at intake: listed from the day it was confirmed.
            started_on: Some(today),
            stopped_on: None,
            stop_reason: None,
            for_depression: true,
        })
        .collect();
    let id = app.new_id();
    let ids: Vec<Uuid> = items.iter().map(|_| app.new_id()).collect();
    store::insert_version(
        &scope.client(),
        id,
        1,
        "intake",
        actor.user_id,
        app.now(),
        &items,
        &ids,
    )
    .await?;
    scope
        .commit(Entry::ok("medications.confirmed").resource("medications:1"))
        .await?;
    Ok(1)
}

/// Whether the client's weekly FIBSER is due by their list on `today` (nothing opened).
pub async fn fibser_due_for(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    today: NaiveDate,
) -> Result<bool> {
    let list: Vec<Medicine> = store::latest_dates(c, client_id)
        .await?
        .into_iter()
        .map(|d| Medicine {
            started_on: d.started_on,
            stopped_on: d.stopped_on,
            for_depression: d.for_depression,
            ..Medicine::default()
        })
        .collect();
    Ok(rules::fibser_due(&list, today))
}
