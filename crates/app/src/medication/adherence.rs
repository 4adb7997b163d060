//! Adherence over time: the check-in's medication answers as a weekly rate with the reasons
//! given for missed doses, beside the week's side-effect burden (FIBSER) and PHQ-9, so that
//! "the medicine is not taken because of side effects" shows at a glance.

use chrono::{Duration, NaiveDate};
use rapport_core::measures::{Instrument, Medication};
use rapport_core::medication::{MissedReason, week_start, weekly_adherence};
use rapport_store::accounts::users;
use rapport_store::medication::missed;
use rapport_store::{ConnectionTrait, checkins, measures};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// One week (Monday to Sunday, in the client's days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdherenceWeek {
    pub week_start: NaiveDate,
    pub taken: u32,
    pub missed: u32,
    /// Taken ÷ (taken + missed); `None` without such answers that week.
    pub rate_percent: Option<u8>,
    /// Missed days by the reason given.
    pub reasons: Vec<(MissedReason, u32)>,
    /// The week's last FIBSER burden (0–6), if one was answered.
    pub burden: Option<u8>,
    /// The week's last PHQ-9 total, if one was answered.
    pub phq9: Option<u8>,
}

/// Stores the reason a client gave for a missed dose, in the check-in's transaction. A reason
/// is only taken with "missed".
pub async fn record_missed_reason(
    c: &impl ConnectionTrait,
    checkin_id: Uuid,
    client_id: Uuid,
    medication: &str,
    reason: Option<&str>,
) -> Result<()> {
    let Some(word) = reason.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(());
    };
    let Some(reason) = MissedReason::parse(word) else {
        return Err(Error::invalid(
            "missed_reason",
            "Use side_effects, forgot, ran_out or chose_not_to.",
        ));
    };
    if medication != Medication::Missed.as_str() {
        return Err(Error::invalid(
            "missed_reason",
            "A reason goes with a missed dose only; leave it out, or choose missed.",
        ));
    }
    missed::insert(c, checkin_id, client_id, reason.as_str()).await?;
    Ok(())
}

/// Refuses a reason that is not one of the words before anything is stored.
pub fn check_missed_reason(medication: Option<&str>, reason: Option<&str>) -> Result<()> {
    let Some(word) = reason.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(());
    };
    if MissedReason::parse(word).is_none() {
        return Err(Error::invalid(
            "missed_reason",
            "Use side_effects, forgot, ran_out or chose_not_to.",
        ));
    }
    if medication != Some(Medication::Missed.as_str()) {
        return Err(Error::invalid(
            "missed_reason",
            "A reason goes with a missed dose only; leave it out, or choose missed.",
        ));
    }
    Ok(())
}

/// The last `weeks` weeks of the client's adherence, burden and PHQ-9, oldest first (the
/// client or their care team).
pub async fn adherence_of(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    weeks: u32,
) -> Result<Vec<AdherenceWeek>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "adherence.read",
    )
    .await?;
    let c = scope.conn();
    let tz = users::timezone_of(c, client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut measures = vec![];
    for instrument in [Instrument::Fibser, Instrument::Phq9] {
        measures.extend(measures::series(c, client_id, Some(instrument.as_str()), None).await?);
    }
    let weeks = adherence_from(&scope, weeks, &tz, &measures).await?;
    scope.finish(Entry::ok("adherence.read")).await?;
    Ok(weeks)
}

/// [`adherence_of`] in a scope the caller opened (and records), for a client in timezone `tz`
/// whose measures (at least their FIBSERs and PHQ-9s) were read.
pub(crate) async fn adherence_from(
    scope: &access::ReadScope<'_>,
    weeks: u32,
    tz: &str,
    measures: &[measures::Measure],
) -> Result<Vec<AdherenceWeek>> {
    let (c, app, client_id) = (scope.conn(), scope.app(), scope.client_id());
    let today = local_day(app.now(), tz);
    let from = week_start(today) - Duration::weeks(i64::from(weeks.saturating_sub(1)));
    let rows: Vec<_> = checkins::since(c, None, client_id, from)
        .await?
        .into_iter()
        .filter(|k| k.reported_by == client_id)
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|k| k.id).collect();
    let reasons = missed::of_checkins(c, &ids).await?;
    let answers: Vec<_> = rows
        .iter()
        .filter_map(|k| {
            let med = Medication::parse(&k.medication)?;
            let reason = reasons
                .iter()
                .find(|(id, _)| *id == k.id)
                .and_then(|(_, r)| MissedReason::parse(r));
            Some((k.day, med, reason))
        })
        .collect();
    let last_in_week = |instrument: Instrument, list: &[measures::Measure], start: NaiveDate| {
        list.iter()
            .filter(|m| m.instrument == instrument.as_str())
            .filter(|m| week_start(local_day(m.taken_at, tz)) == start)
            .max_by_key(|m| m.taken_at)
            .map(|m| m.total.clamp(0, 255) as u8)
    };
    Ok(weekly_adherence(&answers, today, weeks)
        .into_iter()
        .map(|w| AdherenceWeek {
            rate_percent: w.rate_percent(),
            burden: last_in_week(Instrument::Fibser, measures, w.week_start),
            phq9: last_in_week(Instrument::Phq9, measures, w.week_start),
            week_start: w.week_start,
            taken: w.taken,
            missed: w.missed,
            reasons: w.reasons,
        })
        .collect())
}
