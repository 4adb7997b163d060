//! The episode's PHQ-9 series folded measure by measure (issue 19): what the episode rules
//! (deterioration, relapse, not on track) need of the measures before the one judged — the
//! baseline, the lowest point after it, how many came before, and where the relapse rule
//! stands — so that a submission does not re-read the client's whole history. The app keeps
//! the fold of the measures already judged and hands it in with the new ones
//! ([`super::ClientData::phq9_progress`]); a property test holds the triggers equal to those
//! of the whole series.

use serde::{Deserialize, Serialize};

use super::input::{CarriedRemission, Gad7Point, Phq9Point};
use super::relapse::{FlagRelapse, SustainedRemission};
use super::trigger::{Evidence, MeasureRole};
use crate::outcomes::{Remission, ScorePoint, Timestamp};

/// A scored PHQ-9 measure and its item 9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Scored {
    pub(super) point: ScorePoint,
    pub(super) item9: Option<u8>,
}

impl Scored {
    pub(super) fn of(p: &Phq9Point) -> Option<Scored> {
        p.total.map(|total| Scored {
            point: ScorePoint { at: p.at, total },
            item9: p.item9,
        })
    }

    pub(super) fn evidence(&self, role: MeasureRole) -> Evidence {
        Evidence::Phq9 {
            role,
            at: self.point.at,
            total: Some(self.point.total),
            item9: self.item9,
        }
    }
}

/// The episode as seen at its `n`-th scored measure (baseline = 0).
pub(super) struct At {
    pub(super) n: usize,
    pub(super) current: Scored,
    pub(super) baseline: Scored,
    /// The lowest measure before `current` when it is not the baseline (the baseline has its
    /// own rule): strictly below everything before it, so on a tie the earlier measure.
    pub(super) lowest_after_baseline: Option<Scored>,
}

/// An episode's scored PHQ-9 measures folded in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phq9Progress {
    count: u64,
    baseline: Option<Scored>,
    lowest_after_baseline: Option<Scored>,
    remission: SustainedRemission,
}

impl Phq9Progress {
    /// Before the episode's first measure, with the remission carried in from an earlier,
    /// closed episode (if any).
    pub fn new(carried: Option<CarriedRemission>) -> Phq9Progress {
        Phq9Progress {
            count: 0,
            baseline: None,
            lowest_after_baseline: None,
            remission: SustainedRemission::new(carried),
        }
    }

    /// Folds the PHQ-9s of `points` (any order; sorted here, stable on equal times, as the
    /// rules sort them) taken at or after `episode_start` (all with `None`); unscored ones
    /// change nothing. They must all come after the measures folded already.
    pub fn extend(&mut self, episode_start: Option<Timestamp>, points: &[Phq9Point]) {
        let mut points: Vec<&Phq9Point> = points
            .iter()
            .filter(|p| episode_start.is_none_or(|s| p.at >= s))
            .collect();
        points.sort_by_key(|p| p.at);
        for p in points {
            if let Some(scored) = Scored::of(p) {
                self.step(scored);
            }
        }
    }

    /// Folds the next scored measure: the episode as seen at it, and the relapse it raises.
    pub(super) fn step(&mut self, current: Scored) -> (At, Option<FlagRelapse>) {
        let relapse = self.remission.push(current.point);
        let baseline = *self.baseline.get_or_insert(current);
        let at = At {
            n: usize::try_from(self.count).unwrap_or(usize::MAX),
            current,
            baseline,
            lowest_after_baseline: self.lowest_after_baseline,
        };
        let lowest_total = self
            .lowest_after_baseline
            .map_or(baseline.point.total, |l| l.point.total);
        if self.count > 0 && current.point.total < lowest_total {
            self.lowest_after_baseline = Some(current);
        }
        self.count = self.count.saturating_add(1);
        (at, relapse)
    }

    /// How many scored measures were folded.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The sustained remission the series is in now.
    pub fn sustained(&self) -> Option<Remission> {
        self.remission.sustained()
    }
}

/// The GAD-7s the deterioration rule needs to judge those at or after `new_since` (the
/// latest among them): the episode's first (taken at or after `episode_start`), its lowest
/// after the first and before `new_since` (the earliest of equal ones), and every one at or
/// after `new_since` — in that order. The rule gives the same triggers on these as on the
/// whole series (a property test holds it to that), and each part is one index look-up.
pub fn gad7_needed(
    episode_start: Option<Timestamp>,
    series: &[Gad7Point],
    new_since: Timestamp,
) -> Vec<Gad7Point> {
    let mut series: Vec<Gad7Point> = series
        .iter()
        .filter(|p| episode_start.is_none_or(|s| p.at >= s))
        .copied()
        .collect();
    series.sort_by_key(|p| p.at);
    let split = series.partition_point(|p| p.at < new_since);
    let (before, new) = series.split_at(split);
    let mut out: Vec<Gad7Point> = before.first().copied().into_iter().collect();
    let lowest = before
        .iter()
        .skip(1)
        .fold(None::<Gad7Point>, |low, p| match low {
            Some(l) if l.total <= p.total => Some(l),
            _ => Some(*p),
        });
    out.extend(lowest);
    out.extend_from_slice(new);
    out
}
