use chrono::{DateTime, Utc};
use rapport_core::measures::{Band, Instrument, Medication};
use rapport_store::measures;
use serde::Serialize;
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::words::{stored, stored_opt};
use crate::{Actor, App, Result};

/// One measure in a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasurePoint {
    pub id: Uuid,
    pub instrument: Instrument,
    pub total: u8,
    pub band: Option<Band>,
    pub prorated: bool,
    pub item9: Option<u8>,
    pub taken_at: DateTime<Utc>,
    pub episode_id: Uuid,
}

/// A client's measures, oldest first: the client themself or their care team.
pub async fn client_series(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    instrument: Option<&str>,
) -> Result<Vec<MeasurePoint>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "measures.read",
    )
    .await?;
    let stored = measures::series_of(&scope.client(), instrument, None).await?;
    scope.finish(Entry::ok("measures.read")).await?;
    points_of(stored)
}

/// Stored measures as [`MeasurePoint`]s.
pub(crate) fn points_of(rows: Vec<measures::Measure>) -> Result<Vec<MeasurePoint>> {
    rows.into_iter()
        .map(|m| {
            Ok(MeasurePoint {
                id: m.id,
                total: m.total.clamp(0, 255) as u8,
                band: stored_opt(m.band.as_deref(), Band::parse)?,
                prorated: m.prorated,
                item9: m.item9.map(|v| v.clamp(0, 255) as u8),
                taken_at: m.taken_at,
                episode_id: m.episode_id,
                instrument: stored(&m.instrument, Instrument::parse)?,
            })
        })
        .collect()
}

/// One day's check-in for charts and the chart page (the note opened for those allowed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinPoint {
    pub day: chrono::NaiveDate,
    pub mood: u8,
    pub sleep_hours: f64,
    pub medication: Medication,
    pub note: Option<String>,
}

/// A client's check-ins of the last `days` days, oldest first: the client or their care team.
pub async fn client_checkins(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    days: i64,
) -> Result<Vec<CheckinPoint>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "checkins.read",
    )
    .await?;
    let points = client_checkins_in(&scope, days).await?;
    scope.finish(Entry::ok("checkins.read")).await?;
    Ok(points)
}

/// [`client_checkins`] in a scope the caller opened (and records).
pub(crate) async fn client_checkins_in(
    scope: &access::ReadScope<'_>,
    days: i64,
) -> Result<Vec<CheckinPoint>> {
    let since = scope.app().now().date_naive() - chrono::Duration::days(days);
    rapport_store::checkins::since_of(&scope.client(), since)
        .await?
        .into_iter()
        .map(|k| {
            Ok(CheckinPoint {
                day: k.day,
                mood: k.mood.clamp(0, 10) as u8,
                sleep_hours: f64::from(k.sleep_quarters) / 4.0,
                medication: stored(&k.medication, Medication::parse)?,
                note: k.note,
            })
        })
        .collect()
}
