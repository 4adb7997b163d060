use rapport_core::alerts::{FlagKind, Level};
use rapport_core::measures::{Band, Instrument};
use rapport_store::{alerts, measures};
use uuid::Uuid;

use super::submit::{FlagRaised, MeasureResult};
use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::words::{stored, stored_opt};
use crate::{Actor, App, Error, Result};

/// A stored measure's result, as the result page shows it after the submission redirected
/// there: the client's own, or for their care team.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResult {
    pub result: MeasureResult,
    pub item9: Option<u8>,
    /// Whether the answers call for crisis resources at once (core's rule: a PHQ-9 whose
    /// item 9 was answered above 0).
    pub crisis: bool,
    /// Whether the client has a safety plan (its link goes beside the crisis lines).
    pub has_safety_plan: bool,
    pub taken_at: chrono::DateTime<chrono::Utc>,
    /// How many measures of this instrument the episode has, this one included.
    pub count_in_episode: usize,
}

pub async fn result_of(app: &App, actor: &Actor, id: Uuid) -> Result<StoredResult> {
    let client_id = measures::owner(app.db.conn(), id)
        .await?
        .ok_or(Error::NotFound)?;
    // Someone else's measure does not exist for the reader (the refusal is recorded).
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "measure.read",
    )
    .await
    .map_err(|e| match e {
        Error::Forbidden => Error::NotFound,
        e => e,
    })?;
    let ct = scope.client();
    let c = scope.conn();
    let m = measures::find_of(&ct, id).await?.ok_or(Error::NotFound)?;
    let series = measures::series_of(&ct, Some(&m.instrument), Some(m.episode_id)).await?;
    let baseline = series.first().map(|f| f.total).unwrap_or(m.total);
    let count_in_episode = series.iter().take_while(|s| s.id != m.id).count() + 1;
    let flags = alerts::of_client(&ct).await?;
    let ids: Vec<Uuid> = flags.iter().map(|f| f.id).collect();
    let evidence = alerts::evidence_of(c, &ids).await?;
    let raised = flags
        .iter()
        .filter(|f| {
            evidence
                .iter()
                .any(|e| e.flag_id == f.id && e.measure_id == Some(m.id))
        })
        .map(|f| {
            Ok(FlagRaised {
                kind: stored(&f.kind, FlagKind::parse)?,
                level: stored(&f.level, Level::parse)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Scored again from the stored answers, so the result page says what the submission said
    // (the WHO-5 percentage, a follow-up PHQ-9) from the one set of rules in core.
    let answers: Vec<Option<i64>> = measures::answers_of(c, &[m.id])
        .await?
        .into_iter()
        .map(|a| a.2.map(i64::from))
        .collect();
    let instrument = stored(&m.instrument, Instrument::parse)?;
    let has_safety_plan = rapport_store::plans::exists_of(&ct).await?;
    let score = instrument.score(&answers, m.difficulty.map(i64::from)).ok();
    scope
        .finish(Entry::ok("measure.read").resource(format!("measure:{id}")))
        .await?;
    Ok(StoredResult {
        item9: m.item9.map(|v| v.clamp(0, 3) as u8),
        crisis: super::asks_for_crisis_help(instrument.as_str(), &answers),
        has_safety_plan,
        taken_at: m.taken_at,
        count_in_episode,
        result: MeasureResult {
            id: m.id,
            instrument,
            total: m.total.clamp(0, 255) as u8,
            band: stored_opt(m.band.as_deref(), Band::parse)?,
            prorated: m.prorated,
            flags: raised,
            baseline: baseline.clamp(0, 255) as u8,
            follow_up: score.as_ref().and_then(|s| s.follow_up),
            percentage: score.as_ref().and_then(|s| s.percentage),
        },
    })
}
