//! What a rule returns: a trigger with its evidence.

use serde::{Deserialize, Serialize};

use super::input::{Appointment, Reporter, SessionFeedback, WarningSignId};
use super::kinds::{FlagKind, Level};
use super::messages::Rule;
use crate::outcomes::{BandSource, Day, Timestamp};

/// A rule that fired, with the data that made it fire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trigger {
    pub kind: FlagKind,
    pub level: Level,
    /// A stable machine word for the rule (see [`Rule::id`]).
    pub rule_id: &'static str,
    /// The rule in plain words (see [`Rule::explanation`]).
    pub rule: &'static str,
    pub evidence: Vec<Evidence>,
}

impl Trigger {
    pub fn new(rule: Rule, evidence: Vec<Evidence>) -> Trigger {
        Trigger {
            kind: rule.kind(),
            level: rule.level(),
            rule_id: rule.id(),
            rule: rule.explanation(),
            evidence,
        }
    }
}

/// The part a PHQ-9 measure plays in a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureRole {
    /// The measure that fired the rule.
    Flagged,
    /// The episode's first scored measure.
    Baseline,
    /// The episode's lowest scored measure before the flagged one.
    Lowest,
    /// The first of two consecutive measures of 10 or more.
    Previous,
    /// The measure that made a remission sustained (below 5, 14 days or more after its
    /// first).
    Sustained,
}

/// One piece of evidence, shown to the clinician beside the rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Evidence {
    Phq9 {
        role: MeasureRole,
        at: Timestamp,
        total: Option<u8>,
        item9: Option<u8>,
    },
    /// A GAD-7 measure and the part it plays (flagged, baseline or lowest).
    Gad7 {
        role: MeasureRole,
        at: Timestamp,
        total: u8,
    },
    /// The expected-recovery band at measure `n` (baseline = 0).
    ExpectedBand {
        n: u32,
        expected: f64,
        edge: f64,
        source: BandSource,
    },
    Remission {
        since: Timestamp,
        low: u8,
    },
    /// The remission was carried over from an earlier episode that ended at `ended_at`.
    CarriedRemission {
        ended_at: Timestamp,
    },
    /// The daily check-in of `day` answered yes to the question about self-harm.
    SelfHarmThoughts {
        day: Day,
    },
    RiskAssessment {
        at: Timestamp,
    },
    WarningSign {
        day: Day,
        sign: WarningSignId,
        reporter: Reporter,
    },
    Mood {
        day: Day,
        mood: u8,
    },
    MedicationMissed {
        day: Day,
    },
    Sleep {
        day: Day,
        hours: f64,
        /// The client's median over the 14 days before the run.
        median: f64,
    },
    Missed {
        at: Timestamp,
        what: Appointment,
    },
    /// The last check-in in the episode (`None`: none yet) and the days since it (or since
    /// the episode started).
    NoCheckIn {
        last: Option<Day>,
        days_without: i64,
    },
    Feedback {
        at: Timestamp,
        heard: u8,
        worked_on: u8,
        approach: u8,
        overall: u8,
    },
    /// A FIBSER response: its three answers (0–6 each).
    Fibser {
        at: Timestamp,
        frequency: u8,
        intensity: u8,
        burden: u8,
    },
    /// The client's own average overall answer over `earlier` earlier feedbacks.
    OwnAverage {
        overall: f64,
        earlier: usize,
    },
}

impl Evidence {
    pub(crate) fn feedback(f: &SessionFeedback) -> Evidence {
        Evidence::Feedback {
            at: f.at,
            heard: f.heard,
            worked_on: f.worked_on,
            approach: f.approach,
            overall: f.overall,
        }
    }
}
