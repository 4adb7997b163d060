//! Measurement-based care from the client's side: answering a questionnaire, the daily
//! check-in, and what is due today. Every submission is scored in `core`, stored, checked by
//! the early-warning rules in the same transaction, and audited.

mod checkins;
mod detail;
pub(crate) mod due;
mod idempotent;
mod result;
mod series;
mod submit;

pub use checkins::{
    CheckinResult, NewCheckin, asks_about_self_harm, my_warning_signs, submit_checkin,
};
pub use detail::{AnswerView, MeasureDetail, PreviousView, measure_detail};
pub use due::{DEFAULT_SCHEDULE, Due, due_today, schedule_of, set_schedule};
pub(crate) use due::{DueFacts, LAST_TAKEN, due_from, schedule_in};
pub use idempotent::purge_expired_keys;
pub use result::{StoredResult, result_of};
pub use series::{CheckinPoint, MeasurePoint, client_checkins, client_series};
pub(crate) use series::{client_checkins_in, points_of};
pub use submit::{FlagRaised, MeasureResult, submit_measure, submit_measure_in};

use chrono::{DateTime, Utc};
use rapport_store::WriteTx;
use rapport_store::episodes::{self, Episode};
use uuid::Uuid;

use crate::{App, Result};

/// Whether these answers call for crisis resources at once: a PHQ-9 whose item 9 was answered
/// above 0 (core's rule), stored or refused.
pub fn asks_for_crisis_help(instrument: &str, answers: &[Option<i64>]) -> bool {
    rapport_core::measures::Instrument::parse(instrument)
        == Some(rapport_core::measures::Instrument::Phq9)
        && rapport_core::measures::positive_item9(answers).is_some()
}

/// Whether a check-in's answer to the question about self-harm calls for crisis resources at
/// once: "yes", which core counts the same as item 9 ≥ 1 (however the check-in fares).
pub fn checkin_asks_for_crisis_help(self_harm: Option<&str>) -> bool {
    rapport_core::measures::SelfHarmAnswer::read(self_harm)
        .ok()
        .flatten()
        .and_then(rapport_core::measures::SelfHarmAnswer::thoughts)
        == Some(true)
}

/// The client's current episode of care, started (as active) when they have none: a measure
/// always belongs to an episode. Starting, discharging and re-opening episodes by hand is the
/// clinician's (the plan issue).
pub(crate) async fn current_episode(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    by: Uuid,
) -> Result<Episode> {
    episode_at(app, tx, client_id, by, app.now()).await
}

/// [`current_episode`], started at `now` when there is none (the caller's one reading of the
/// clock, so that what it stores at `now` falls inside the episode).
pub(crate) async fn episode_at(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<Episode> {
    if let Some(e) = episodes::current(tx.conn(), client_id).await? {
        return Ok(e);
    }
    crate::episodes::start(app, tx, client_id, by, None, now).await
}
