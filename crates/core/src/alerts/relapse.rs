//! The relapse flag (CLINICAL.md "Change and outcome definitions", "Remission, for relapse"
//! and "Relapse"; "Early warning", row "relapse").
//!
//! The flag is an early warning, so it rises on the *first* PHQ-9 of 10 or more after a
//! *sustained* remission; confirming it as an outcome (two such measures 14 days apart, or a
//! clinician) is for the outcome reports, not for the flag. The rules, fed one scored PHQ-9
//! at a time in time order:
//! - The first point is the baseline; remission can be reached only from a baseline of 10 or
//!   more (or again after a return to 10 or more).
//! - A total below 5 starts a remission. It becomes *sustained* at a later measure still below
//!   5 taken [`SUSTAINED_REMISSION_DAYS`] days or more after the first (two measures at least
//!   14 days apart: with the two weeks each PHQ-9 looks back on, at least 3 weeks). A total of 5
//!   or more before that ends the attempt: the remission was not sustained.
//! - In sustained remission a total of 5–9 does not end it; the first total of 10 or more is
//!   the relapse, or the recurrence when it comes [`RECURRENCE_AFTER_DAYS`] days or more after
//!   the remission began. After it the client may remit again, and so on.
//! - A sustained remission the client was discharged in at the end of a closed episode is
//!   carried into the next episode for [`CARRIED_REMISSION_DAYS`] days after that episode
//!   ended: a total of 10 or more within them is a relapse (or recurrence). A measure after
//!   them finds the remission lapsed and is taken as the baseline instead.

use serde::{Deserialize, Serialize};

use super::input::CarriedRemission;
use crate::outcomes::{
    RECURRENCE_AFTER_DAYS, RELAPSE_AT, RelapseKind, Remission, SECONDS_PER_DAY, ScorePoint,
    Timestamp,
};

/// A remission is sustained once a measure still below 5 comes this many days after its first.
pub const SUSTAINED_REMISSION_DAYS: i64 = 14;
/// "Within 12 months" of discharge, in days: how long a remission is carried across a closed
/// episode.
pub const CARRIED_REMISSION_DAYS: i64 = 365;

/// Remission is reached only from a baseline this high or higher.
const ELIGIBLE_FROM: u8 = 10;
/// A total below this is remission.
const REMISSION_BELOW: u8 = 5;

/// The relapse (or recurrence) flag raised at a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagRelapse {
    pub kind: RelapseKind,
    /// The sustained remission that ended.
    pub remission: Remission,
    /// The measure that made it sustained; `None` for a remission carried in.
    pub sustained_by: Option<ScorePoint>,
    /// When the episode the remission was carried from ended, for a carried remission.
    pub carried_from: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum State {
    Start,
    NotEligible,
    Eligible,
    /// Below 5 since `first`, not yet for 14 days.
    Remitting {
        first: ScorePoint,
        low: u8,
    },
    Sustained {
        remission: Remission,
        sustained_by: Option<ScorePoint>,
        /// For a carried remission: when its episode ended.
        carried_from: Option<Timestamp>,
    },
}

/// Follows one PHQ-9 series for the relapse flag; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SustainedRemission {
    state: State,
}

impl SustainedRemission {
    pub fn new(carried: Option<CarriedRemission>) -> SustainedRemission {
        SustainedRemission {
            state: match carried {
                Some(c) => State::Sustained {
                    remission: c.remission,
                    sustained_by: None,
                    carried_from: Some(c.ended_at),
                },
                None => State::Start,
            },
        }
    }

    /// Feeds the next scored measure (in time order); returns the flag it raises.
    pub fn push(&mut self, point: ScorePoint) -> Option<FlagRelapse> {
        if let State::Sustained {
            carried_from: Some(ended),
            ..
        } = self.state
        {
            let last = ended
                .0
                .saturating_add(CARRIED_REMISSION_DAYS.saturating_mul(SECONDS_PER_DAY));
            if point.at.0 > last {
                self.state = State::Start;
            }
        }
        match self.state {
            State::Start => {
                self.state = if point.total >= ELIGIBLE_FROM {
                    State::Eligible
                } else {
                    State::NotEligible
                };
                None
            }
            State::NotEligible => None,
            State::Eligible => {
                if point.total < REMISSION_BELOW {
                    self.state = State::Remitting {
                        first: point,
                        low: point.total,
                    };
                }
                None
            }
            State::Remitting { first, low } => {
                self.state = if point.total >= REMISSION_BELOW {
                    State::Eligible
                } else if point.at.0.saturating_sub(first.at.0)
                    >= SUSTAINED_REMISSION_DAYS * SECONDS_PER_DAY
                {
                    State::Sustained {
                        remission: Remission {
                            since: first.at,
                            low: low.min(point.total),
                        },
                        sustained_by: Some(point),
                        carried_from: None,
                    }
                } else {
                    State::Remitting {
                        first,
                        low: low.min(point.total),
                    }
                };
                None
            }
            State::Sustained {
                remission,
                sustained_by,
                carried_from,
            } => {
                if point.total < RELAPSE_AT {
                    self.state = State::Sustained {
                        remission: Remission {
                            since: remission.since,
                            low: remission.low.min(point.total),
                        },
                        sustained_by,
                        carried_from,
                    };
                    return None;
                }
                self.state = State::Eligible;
                let kind = if point.at.days_since(remission.since) >= RECURRENCE_AFTER_DAYS {
                    RelapseKind::Recurrence
                } else {
                    RelapseKind::Relapse
                };
                Some(FlagRelapse {
                    kind,
                    remission,
                    sustained_by,
                    carried_from,
                })
            }
        }
    }

    /// The sustained remission the series is in now (what a discharge would carry).
    pub fn sustained(&self) -> Option<Remission> {
        match self.state {
            State::Sustained { remission, .. } => Some(remission),
            _ => None,
        }
    }
}

/// The sustained remission a closed episode ended in, from its scored PHQ-9 totals (any
/// order): what [`super::ClientData::carried_in_remission`] carries into the next episode.
pub fn remission_at_end(points: &[ScorePoint]) -> Option<Remission> {
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.at);
    let mut tracker = SustainedRemission::new(None);
    for p in points {
        tracker.push(p);
    }
    tracker.sustained()
}
