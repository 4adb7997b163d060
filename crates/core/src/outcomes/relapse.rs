//! Remission, relapse and recurrence on the PHQ-9 (CLINICAL.md "Relapse").
//!
//! A [`RemissionTracker`] is fed one PHQ-9 point at a time, in time order, and says at which
//! point a relapse or recurrence happened. The rules, in order:
//! - The first point fed is the episode's baseline. Remission can be reached only from a
//!   baseline of 10 or more (or again after a relapse, whose score is 10 or more).
//! - Remission starts at the first later total below 5. Its *low* is the lowest total while
//!   in remission.
//! - In remission, a total of 10 or more is a relapse when it is a reliable deterioration
//!   from the remission low (6 points or more), or when the measure just before it was also
//!   10 or more (two consecutive measures). A total of 5–9 does not end the remission.
//!   (With a low below 5, any total of 10 or more is already 6 above it, so in practice the
//!   first such total is the relapse; the two-consecutive rule matters only for a carried-in
//!   remission whose low is 5 or more.)
//! - It is a *recurrence* instead when it comes [`RECURRENCE_AFTER_DAYS`] days or more after
//!   the remission began ("after 6 months in remission").
//! - After a relapse or recurrence the client may remit again (a total below 5), and so on.

use serde::{Deserialize, Serialize};

use super::response::{REMISSION_BELOW, RESPONSE_MIN_BASELINE};
use super::scale::{Change, Scale, ScorePoint, Series};
use super::time::Timestamp;

/// "6 months" in remission, in days: 183 is at least six calendar months from nearly any
/// start date, so a return before it is never called a recurrence too early.
pub const RECURRENCE_AFTER_DAYS: i64 = 183;

/// A return to this PHQ-9 total or above, after remission, is a relapse (or recurrence).
pub const RELAPSE_AT: u8 = 10;

/// A remission: when it began and the lowest PHQ-9 total since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Remission {
    pub since: Timestamp,
    pub low: u8,
}

/// Relapse (within 6 months of the remission's start) or recurrence (after), counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelapseKind {
    Relapse,
    Recurrence,
}

/// What confirmed the return to 10 or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    /// One measure 6 or more above the remission low.
    ReliableDeterioration,
    /// Two consecutive measures of 10 or more.
    TwoConsecutive,
}

/// A relapse or recurrence found at `point`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RelapseEvent {
    pub kind: RelapseKind,
    pub confirmation: Confirmation,
    /// The measure at which it is confirmed.
    pub point: ScorePoint,
    /// With [`Confirmation::TwoConsecutive`], the first of the two measures.
    pub previous: Option<ScorePoint>,
    /// The remission that ended.
    pub remission: Remission,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing fed yet: the next point is the baseline.
    Start,
    /// The baseline was below 10: remission is not defined for this series.
    NotEligible,
    /// The baseline (or the last relapse) was 10 or more: a total below 5 is a remission.
    Eligible,
    InRemission {
        remission: Remission,
        /// The measure just before, when it was 10 or more but not yet a relapse.
        pending: Option<ScorePoint>,
    },
}

/// Follows one PHQ-9 series point by point; see the module documentation for the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemissionTracker {
    state: State,
    first_remission: Option<ScorePoint>,
}

impl RemissionTracker {
    /// `carried_in`: a remission reached before the first point to be fed (for example in an
    /// earlier episode, now in relapse prevention). Then the first point fed is checked for
    /// relapse rather than taken as a baseline.
    pub fn new(carried_in: Option<Remission>) -> RemissionTracker {
        let state = match carried_in {
            Some(remission) => State::InRemission {
                remission,
                pending: None,
            },
            None => State::Start,
        };
        RemissionTracker {
            state,
            first_remission: None,
        }
    }

    /// Feeds the next point (in time order); returns the relapse or recurrence it confirms.
    pub fn push(&mut self, point: ScorePoint) -> Option<RelapseEvent> {
        match self.state {
            State::Start => {
                self.state = if point.total >= RESPONSE_MIN_BASELINE {
                    State::Eligible
                } else {
                    State::NotEligible
                };
                None
            }
            State::NotEligible => None,
            State::Eligible => {
                if point.total < REMISSION_BELOW {
                    self.first_remission.get_or_insert(point);
                    self.state = State::InRemission {
                        remission: Remission {
                            since: point.at,
                            low: point.total,
                        },
                        pending: None,
                    };
                }
                None
            }
            State::InRemission { remission, pending } => {
                if point.total < RELAPSE_AT {
                    self.state = State::InRemission {
                        remission: Remission {
                            since: remission.since,
                            low: remission.low.min(point.total),
                        },
                        pending: None,
                    };
                    return None;
                }
                let reliable =
                    Scale::Phq9.change(remission.low, point.total) == Change::ReliableDeterioration;
                let (confirmation, previous) = if reliable {
                    (Confirmation::ReliableDeterioration, None)
                } else if let Some(first) = pending {
                    (Confirmation::TwoConsecutive, Some(first))
                } else {
                    self.state = State::InRemission {
                        remission,
                        pending: Some(point),
                    };
                    return None;
                };
                let kind = if point.at.days_since(remission.since) >= RECURRENCE_AFTER_DAYS {
                    RelapseKind::Recurrence
                } else {
                    RelapseKind::Relapse
                };
                self.state = State::Eligible;
                Some(RelapseEvent {
                    kind,
                    confirmation,
                    point,
                    previous,
                    remission,
                })
            }
        }
    }

    /// The remission the client is in now, if any.
    pub fn in_remission(&self) -> Option<Remission> {
        match self.state {
            State::InRemission { remission, .. } => Some(remission),
            _ => None,
        }
    }

    /// The first measure fed that started a remission.
    pub fn first_remission(&self) -> Option<ScorePoint> {
        self.first_remission
    }
}

/// Every relapse and recurrence in a PHQ-9 series, in time order.
pub fn relapses(series: &Series, carried_in: Option<Remission>) -> Vec<RelapseEvent> {
    let mut tracker = RemissionTracker::new(carried_in);
    series
        .points()
        .iter()
        .filter_map(|p| tracker.push(*p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::time::SECONDS_PER_DAY;

    fn weekly(totals: &[u8]) -> Series {
        Series::new(
            totals
                .iter()
                .enumerate()
                .map(|(i, t)| ScorePoint {
                    at: Timestamp(i as i64 * 7 * SECONDS_PER_DAY),
                    total: *t,
                })
                .collect(),
        )
    }

    #[test]
    fn relapse_after_remission_at_10() {
        // CLINICAL.md "Relapse: after remission, a return to PHQ-9 ≥ 10".
        assert!(relapses(&weekly(&[18, 9, 4, 9]), None).is_empty());
        let events = relapses(&weekly(&[18, 9, 4, 10]), None);
        assert_eq!(events.len(), 1);
        let e = events[0];
        assert_eq!(e.kind, RelapseKind::Relapse);
        assert_eq!(e.confirmation, Confirmation::ReliableDeterioration);
        assert_eq!(e.point.total, 10);
        assert_eq!(e.remission.low, 4);
    }

    #[test]
    fn relapse_needs_remission_from_baseline_10_or_more() {
        // CLINICAL.md "Remission: PHQ-9 < 5 from a baseline ≥ 10": no remission, no relapse.
        assert!(relapses(&weekly(&[9, 3, 14, 15]), None).is_empty());
        assert!(relapses(&weekly(&[18, 5, 14, 15]), None).is_empty());
    }

    #[test]
    fn relapse_scores_5_to_9_do_not_end_remission() {
        let events = relapses(&weekly(&[20, 3, 7, 8, 9, 12]), None);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].remission.low, 3);
        assert_eq!(events[0].point.total, 12);
    }

    #[test]
    fn relapse_two_consecutive_with_carried_in_low_of_5() {
        // CLINICAL.md "confirmed by two consecutive measures, or one with reliable
        // deterioration from the remission low". A carried-in low of 5: 10 is only +5.
        let carried = Remission {
            since: Timestamp(-10 * SECONDS_PER_DAY),
            low: 5,
        };
        let mut t = RemissionTracker::new(Some(carried));
        let p = |day: i64, total: u8| ScorePoint {
            at: Timestamp(day * SECONDS_PER_DAY),
            total,
        };
        assert_eq!(t.push(p(0, 10)), None);
        let e = t.push(p(7, 10)).unwrap();
        assert_eq!(e.confirmation, Confirmation::TwoConsecutive);
        assert_eq!(e.previous, Some(p(0, 10)));
        // A lone 10 between lower scores is not confirmed.
        let mut t = RemissionTracker::new(Some(carried));
        assert_eq!(t.push(p(0, 10)), None);
        assert_eq!(t.push(p(7, 9)), None);
        assert_eq!(t.push(p(14, 10)), None);
        // But 11 from a low of 5 is reliable on its own.
        assert_eq!(t.push(p(21, 4)), None);
        assert!(t.push(p(28, 10)).is_some());
    }

    #[test]
    fn recurrence_after_183_days_in_remission() {
        // CLINICAL.md "Recurrence: the same after 6 months in remission (counted separately)."
        let p = |day: i64, total: u8| ScorePoint {
            at: Timestamp(day * SECONDS_PER_DAY),
            total,
        };
        let early = relapses(&Series::new(vec![p(0, 16), p(10, 4), p(192, 11)]), None);
        assert_eq!(early[0].kind, RelapseKind::Relapse, "182 days in remission");
        let late = relapses(&Series::new(vec![p(0, 16), p(10, 4), p(193, 11)]), None);
        assert_eq!(
            late[0].kind,
            RelapseKind::Recurrence,
            "183 days in remission"
        );
    }

    #[test]
    fn relapse_remit_again_and_relapse_again() {
        let mut t = RemissionTracker::new(None);
        let s = weekly(&[15, 4, 12, 13, 3, 11]);
        let events: Vec<_> = s.points().iter().filter_map(|p| t.push(*p)).collect();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].remission.low, 3);
        assert_eq!(t.in_remission(), None);
        assert_eq!(t.first_remission().map(|p| p.total), Some(4));
    }
}
