use chrono::{DateTime, Utc};
use rapport_store::measures;
use serde::Serialize;
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Result};

/// One measure in a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasurePoint {
    pub id: Uuid,
    pub instrument: String,
    pub total: u8,
    pub band: Option<String>,
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
    let points = measures::series_of(&scope.client(), instrument, None)
        .await?
        .into_iter()
        .map(|m| MeasurePoint {
            id: m.id,
            total: m.total.clamp(0, 255) as u8,
            band: m.band,
            prorated: m.prorated,
            item9: m.item9.map(|v| v.clamp(0, 255) as u8),
            taken_at: m.taken_at,
            episode_id: m.episode_id,
            instrument: m.instrument,
        })
        .collect();
    scope.finish(Entry::ok("measures.read")).await?;
    Ok(points)
}

/// One day's check-in for charts and the chart page (the note opened for those allowed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinPoint {
    pub day: chrono::NaiveDate,
    pub mood: u8,
    pub sleep_hours: f64,
    pub medication: String,
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
    let since = app.now().date_naive() - chrono::Duration::days(days);
    let points = rapport_store::checkins::since_of(&scope.client(), since)
        .await?
        .into_iter()
        .map(|k| CheckinPoint {
            day: k.day,
            mood: k.mood.clamp(0, 10) as u8,
            sleep_hours: f64::from(k.sleep_quarters) / 4.0,
            medication: k.medication,
            note: k.note,
        })
        .collect();
    scope.finish(Entry::ok("checkins.read")).await?;
    Ok(points)
}
