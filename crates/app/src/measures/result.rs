use rapport_store::{alerts, measures};
use uuid::Uuid;

use super::submit::{FlagRaised, MeasureResult};
use crate::care_teams::relation;
use crate::policy::{self, Action};
use crate::{Actor, App, Error, Result};

/// A stored measure's result, as the result page shows it after the submission redirected
/// there: the client's own, or for their care team. `item9` decides the crisis guidance.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResult {
    pub result: MeasureResult,
    pub item9: Option<u8>,
    pub taken_at: chrono::DateTime<chrono::Utc>,
    /// How many measures of this instrument the episode has, this one included.
    pub count_in_episode: usize,
}

pub async fn result_of(app: &App, actor: &Actor, id: Uuid) -> Result<StoredResult> {
    let c = app.db.conn();
    let m = measures::find(c, id).await?.ok_or(Error::NotFound)?;
    let rel = relation(c, actor, m.client_id, Action::ReadClientRecord).await?;
    policy::authorize(actor, Action::ReadClientRecord, rel).map_err(|_| Error::NotFound)?;
    let series = measures::series(c, m.client_id, Some(&m.instrument), Some(m.episode_id)).await?;
    let baseline = series.first().map(|f| f.total).unwrap_or(m.total);
    let count_in_episode = series.iter().take_while(|s| s.id != m.id).count() + 1;
    let flags = alerts::all_of(c, m.client_id).await?;
    let ids: Vec<Uuid> = flags.iter().map(|f| f.id).collect();
    let evidence = alerts::evidence_of(c, &ids).await?;
    let raised = flags
        .iter()
        .filter(|f| {
            evidence
                .iter()
                .any(|e| e.flag_id == f.id && e.measure_id == Some(m.id))
        })
        .map(|f| FlagRaised {
            kind: f.kind.clone(),
            level: f.level.clone(),
        })
        .collect();
    // WHO-5 is read as a percentage of its maximum (CLINICAL.md: raw × 4).
    let percentage = match rapport_core::measures::Instrument::parse(&m.instrument) {
        Some(i @ rapport_core::measures::Instrument::Who5) => {
            let max = u16::from(i.definition().max_total).max(1);
            Some((m.total.clamp(0, 255) as u16 * 100 / max) as u8)
        }
        _ => None,
    };
    Ok(StoredResult {
        item9: m.item9.map(|v| v.clamp(0, 3) as u8),
        taken_at: m.taken_at,
        count_in_episode,
        result: MeasureResult {
            id: m.id,
            instrument: m.instrument,
            total: m.total.clamp(0, 255) as u8,
            band: m.band,
            prorated: m.prorated,
            flags: raised,
            baseline: baseline.clamp(0, 255) as u8,
            follow_up: None,
            percentage,
        },
    })
}
