//! The practice's own expected-recovery curves (CLINICAL.md "Expected recovery"), kept in
//! memory: built from every finished episode's PHQ-9 totals up to the end of treatment, and
//! built again when the stamp of finished episodes (how many, the latest discharge and close)
//! has moved. The stamp is asked at most once a minute, so an episode finished on another
//! server reaches this one's curves within a minute; one finished here is seen at the next
//! check as well. A band is used only once it holds 50 finished episodes (core).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use rapport_core::outcomes::{FinishedEpisode, PracticeCurves};
use rapport_store::ConnectionTrait;
use rapport_store::reports as rows;
use uuid::Uuid;

use crate::{App, Result};

type Stamp = (i64, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// How long (seconds) the curves are used before the stamp is asked again.
const CHECK_EVERY_SECS: i64 = 60;

#[derive(Default)]
pub(crate) struct CurvesCache {
    held: Mutex<Option<Held>>,
}

struct Held {
    checked_at: DateTime<Utc>,
    stamp: Stamp,
    curves: Arc<PracticeCurves>,
}

impl std::fmt::Debug for CurvesCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CurvesCache")
    }
}

impl CurvesCache {
    fn fresh(&self, now: DateTime<Utc>) -> Option<Arc<PracticeCurves>> {
        let held = self.held.lock().ok()?;
        held.as_ref()
            .filter(|h| {
                now >= h.checked_at && (now - h.checked_at).num_seconds() < CHECK_EVERY_SECS
            })
            .map(|h| h.curves.clone())
    }

    fn same_stamp(&self, stamp: Stamp, now: DateTime<Utc>) -> Option<Arc<PracticeCurves>> {
        let mut held = self.held.lock().ok()?;
        let h = held.as_mut().filter(|h| h.stamp == stamp)?;
        h.checked_at = now;
        Some(h.curves.clone())
    }

    fn keep(&self, stamp: Stamp, now: DateTime<Utc>, curves: Arc<PracticeCurves>) {
        if let Ok(mut held) = self.held.lock() {
            *held = Some(Held {
                checked_at: now,
                stamp,
                curves,
            });
        }
    }
}

/// The practice's curves (no person's data: changes of score by band), for the not-on-track
/// flag and the progress chart.
pub async fn practice_curves(app: &App) -> Result<Arc<PracticeCurves>> {
    curves_in(app, app.db.conn()).await
}

/// [`practice_curves`] read through `c` (a use-case's own transaction: the rules run inside
/// one, and a second connection could wait for a pool that its peers hold).
pub(crate) async fn curves_in(app: &App, c: &impl ConnectionTrait) -> Result<Arc<PracticeCurves>> {
    let now = app.now();
    if let Some(c) = app.curves.fresh(now) {
        return Ok(c);
    }
    let stamp = rows::finished_stamp(c).await?;
    if let Some(curves) = app.curves.same_stamp(stamp, now) {
        return Ok(curves);
    }
    let (episodes, scores) = rows::finished_episodes(c).await?;
    let ends: HashMap<Uuid, DateTime<Utc>> = episodes
        .iter()
        .filter_map(|e| Some((e.id, e.discharged_at.or(e.closed_at)?)))
        .collect();
    let mut phq9: HashMap<Uuid, Vec<u8>> = HashMap::new();
    for s in scores.iter().filter(|s| s.instrument == "phq9") {
        if ends
            .get(&s.episode_id)
            .is_some_and(|end| s.taken_at <= *end)
        {
            phq9.entry(s.episode_id)
                .or_default()
                .push(u8::try_from(s.total.max(0)).unwrap_or(u8::MAX));
        }
    }
    let finished: Vec<FinishedEpisode> = phq9
        .into_values()
        .map(|phq9| FinishedEpisode { phq9 })
        .collect();
    let curves = Arc::new(PracticeCurves::from_finished(&finished));
    app.curves.keep(stamp, now, curves.clone());
    Ok(curves)
}
