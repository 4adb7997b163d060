//! Everything CLINICAL.md defines about change and outcome, for one episode at once.

use serde::{Deserialize, Serialize};

use super::recovery::{Recovery, recovery};
use super::relapse::{RelapseEvent, RelapseKind, Remission, RemissionTracker};
use super::response::{phq9_remission, phq9_response};
use super::scale::{Change, Scale, ScorePoint, Series};

/// One scale's course over the episode: baseline (the first measure), last, lowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleSummary {
    pub scale: Scale,
    pub measures: usize,
    pub baseline: ScorePoint,
    pub last: ScorePoint,
    /// The lowest (best) total; of equal totals, the earliest.
    pub lowest: ScorePoint,
    /// last − baseline: negative is better.
    pub change_since_baseline: i32,
    pub case_at_baseline: bool,
    pub case_at_last: bool,
    /// Reliable change from baseline to last by the IAPT thresholds.
    pub change: Change,
}

impl ScaleSummary {
    /// `None` for an empty series.
    pub fn of(scale: Scale, series: &Series) -> Option<ScaleSummary> {
        let baseline = series.first()?;
        let last = series.last()?;
        let lowest = series.lowest()?;
        Some(ScaleSummary {
            scale,
            measures: series.len(),
            baseline,
            last,
            lowest,
            change_since_baseline: i32::from(last.total) - i32::from(baseline.total),
            case_at_baseline: scale.is_case(baseline.total),
            case_at_last: scale.is_case(last.total),
            change: scale.change(baseline.total, last.total),
        })
    }
}

/// One episode's outcome. Response and remission are judged at the last PHQ-9 against the
/// baseline (the first); relapses are every relapse and recurrence within the series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSummary {
    pub phq9: Option<ScaleSummary>,
    pub gad7: Option<ScaleSummary>,
    /// PHQ-9 down ≥ 50 % from a baseline ≥ 10, at the last measure.
    pub response: bool,
    /// PHQ-9 < 5 from a baseline ≥ 10, at the last measure.
    pub remission: bool,
    /// The first measure that reached remission, if any did.
    pub first_remission: Option<ScorePoint>,
    /// The remission the client is in at the end of the series, if any.
    pub in_remission: Option<Remission>,
    pub recovery: Recovery,
    /// Relapses and recurrences in time order; count them with the methods below.
    pub relapses: Vec<RelapseEvent>,
}

impl OutcomeSummary {
    /// `treatment_sessions`: sessions attended in the episode (recovery needs ≥ 2).
    pub fn of(phq9: &Series, gad7: &Series, treatment_sessions: u32) -> OutcomeSummary {
        let phq9_summary = ScaleSummary::of(Scale::Phq9, phq9);
        let (response, remission) = match phq9_summary {
            Some(s) => (
                phq9_response(s.baseline.total, s.last.total),
                phq9_remission(s.baseline.total, s.last.total),
            ),
            None => (false, false),
        };
        let mut tracker = RemissionTracker::new(None);
        let relapses = phq9
            .points()
            .iter()
            .filter_map(|p| tracker.push(*p))
            .collect();
        OutcomeSummary {
            phq9: phq9_summary,
            gad7: ScaleSummary::of(Scale::Gad7, gad7),
            response,
            remission,
            first_remission: tracker.first_remission(),
            in_remission: tracker.in_remission(),
            recovery: recovery(phq9, gad7, treatment_sessions),
            relapses,
        }
    }

    pub fn relapse_count(&self) -> usize {
        self.count(RelapseKind::Relapse)
    }

    pub fn recurrence_count(&self) -> usize {
        self.count(RelapseKind::Recurrence)
    }

    fn count(&self, kind: RelapseKind) -> usize {
        self.relapses.iter().filter(|e| e.kind == kind).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::time::{SECONDS_PER_DAY, Timestamp};

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
    fn summary_of_a_good_course() {
        let s = OutcomeSummary::of(&weekly(&[18, 14, 9, 4, 3]), &weekly(&[12, 9, 6, 4, 5]), 5);
        let p = s.phq9.unwrap();
        assert_eq!(p.change_since_baseline, -15);
        assert_eq!(p.lowest.total, 3);
        assert!(p.case_at_baseline && !p.case_at_last);
        assert_eq!(p.change, Change::ReliableImprovement);
        assert!(s.response && s.remission);
        assert_eq!(s.first_remission.map(|p| p.total), Some(4));
        assert_eq!(s.in_remission.map(|r| r.low), Some(3));
        assert!(s.recovery.is_reliably_recovered());
        assert_eq!(s.relapse_count(), 0);
    }

    #[test]
    fn summary_counts_relapse_and_recurrence_apart() {
        // Remission at week 1, relapse week 2; remission week 4, back at week 35 (217 days).
        let mut totals = vec![16, 4, 11, 9, 3];
        totals.extend(std::iter::repeat_n(4, 30));
        totals.push(12);
        let s = OutcomeSummary::of(&weekly(&totals), &Series::default(), 0);
        assert_eq!(s.relapse_count(), 1);
        assert_eq!(s.recurrence_count(), 1);
        assert!(!s.recovery.is_counted());
        assert!(s.gad7.is_none());
        assert!(!s.remission);
    }

    #[test]
    fn summary_of_nothing() {
        let s = OutcomeSummary::of(&Series::default(), &Series::default(), 10);
        assert!(s.phq9.is_none() && !s.response && !s.remission && s.relapses.is_empty());
    }
}
