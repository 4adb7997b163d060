//! Change and outcome over a client's measures within one episode (CLINICAL.md "Change and
//! outcome definitions" and "Expected recovery").
//!
//! Time is plain numbers ([`Timestamp`], [`Day`]); series are sorted by time on the way in.
//! The inputs are bare scored points, independent of the instrument definitions, so a scored
//! PHQ-9 or GAD-7 response turns into a [`ScorePoint`] at the edge.

mod expected;
mod jacobson_truax;
mod rates;
mod recovery;
mod relapse;
mod response;
mod scale;
mod summary;
mod time;

pub use expected::{
    Band, BandSource, BaselineBand, DEFAULT_FLOOR, DEFAULT_MARGIN, DEFAULT_TAU, EDGE_PERCENTILE,
    EXPECTED_PERCENTILE, FinishedEpisode, PRACTICE_MIN_EPISODES, PracticeCurves, default_band,
    expected_band, nearest_rank,
};
pub use jacobson_truax::{RELIABLE_RC, ReliableChange, ReliableChangeCriterion};
pub use rates::{Cell, MIN_CELL, Rate, WILSON_Z, cell, wilson};
pub use recovery::{
    MIN_TREATMENT_SESSIONS, NotCounted, Recovery, paired_reliable_improvement, recovery,
};
pub use relapse::{
    Confirmation, RECURRENCE_AFTER_DAYS, RELAPSE_AT, RelapseEvent, RelapseKind, Remission,
    RemissionTracker, relapses,
};
pub use response::{REMISSION_BELOW, RESPONSE_MIN_BASELINE, phq9_remission, phq9_response};
pub use scale::{Change, Scale, ScorePoint, Series};
pub use summary::{OutcomeSummary, ScaleSummary};
pub use time::{Day, SECONDS_PER_DAY, Timestamp};

#[cfg(test)]
mod proptests;
