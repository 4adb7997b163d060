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
    // Scored again from the stored answers, so the result page says what the submission said
    // (the WHO-5 percentage, a follow-up PHQ-9) from the one set of rules in core.
    let answers: Vec<Option<i64>> = measures::answers_of(c, &[m.id])
        .await?
        .into_iter()
        .map(|a| a.2.map(i64::from))
        .collect();
    let score = rapport_core::measures::Instrument::parse(&m.instrument)
        .and_then(|i| i.score(&answers, m.difficulty.map(i64::from)).ok());
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
            follow_up: score
                .as_ref()
                .and_then(|s| s.follow_up)
                .map(|i| i.as_str().to_string()),
            percentage: score.as_ref().and_then(|s| s.percentage),
        },
    })
}
