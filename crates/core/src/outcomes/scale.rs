//! The two scales outcomes are counted on, a scored point, and a time-ordered series.
//!
//! These are deliberately plain numbers, independent of the instrument definitions in
//! `measures`: a scored PHQ-9 or GAD-7 response becomes a [`ScorePoint`] at the edge.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;

/// A scale whose change and caseness thresholds CLINICAL.md defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Phq9,
    Gad7,
}

impl Scale {
    /// CLINICAL.md "Caseness": PHQ-9 ≥ 10; GAD-7 ≥ 8.
    pub const fn caseness(self) -> u8 {
        match self {
            Scale::Phq9 => 10,
            Scale::Gad7 => 8,
        }
    }

    /// CLINICAL.md "Reliable improvement / deterioration": PHQ-9 change ≥ 6; GAD-7 ≥ 4 (IAPT).
    pub const fn reliable_change(self) -> u8 {
        match self {
            Scale::Phq9 => 6,
            Scale::Gad7 => 4,
        }
    }

    /// A total at or above the caseness cut-off.
    pub fn is_case(self, total: u8) -> bool {
        total >= self.caseness()
    }

    /// Reliable change from `from` to `to` by the fixed IAPT thresholds. Higher is worse on
    /// both scales, so a fall of the threshold or more is an improvement.
    pub fn change(self, from: u8, to: u8) -> Change {
        let delta = i32::from(to) - i32::from(from);
        let threshold = i32::from(self.reliable_change());
        if delta <= -threshold {
            Change::ReliableImprovement
        } else if delta >= threshold {
            Change::ReliableDeterioration
        } else {
            Change::NoReliableChange
        }
    }
}

/// Reliable change between two totals of one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    ReliableImprovement,
    NoReliableChange,
    ReliableDeterioration,
}

/// One scored measure: when it was taken and its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScorePoint {
    pub at: Timestamp,
    pub total: u8,
}

/// A client's scored measures of one scale within one episode, ordered by time.
///
/// Built with [`Series::new`], which sorts by time (stable: points taken at the same instant
/// keep the order they were given in). Nothing is rejected: refusing a point could hide a
/// change that matters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Series {
    points: Vec<ScorePoint>,
}

impl Series {
    pub fn new(mut points: Vec<ScorePoint>) -> Series {
        points.sort_by_key(|p| p.at);
        Series { points }
    }

    pub fn points(&self) -> &[ScorePoint] {
        &self.points
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The baseline: the first measure of the episode.
    pub fn first(&self) -> Option<ScorePoint> {
        self.points.first().copied()
    }

    /// The latest measure.
    pub fn last(&self) -> Option<ScorePoint> {
        self.points.last().copied()
    }

    /// The lowest (best) total; of equal totals, the earliest.
    pub fn lowest(&self) -> Option<ScorePoint> {
        self.points
            .iter()
            .copied()
            .reduce(|best, p| if p.total < best.total { p } else { best })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: i64, total: u8) -> ScorePoint {
        ScorePoint {
            at: Timestamp(t),
            total,
        }
    }

    #[test]
    fn caseness_phq9_10_gad7_8() {
        // CLINICAL.md "Caseness: PHQ-9 ≥ 10; GAD-7 ≥ 8."
        assert!(!Scale::Phq9.is_case(9));
        assert!(Scale::Phq9.is_case(10));
        assert!(!Scale::Gad7.is_case(7));
        assert!(Scale::Gad7.is_case(8));
    }

    #[test]
    fn reliable_change_phq9_6_gad7_4_both_directions() {
        // CLINICAL.md "Reliable improvement / deterioration: PHQ-9 change ≥ 6; GAD-7 ≥ 4".
        assert_eq!(Scale::Phq9.change(20, 15), Change::NoReliableChange);
        assert_eq!(Scale::Phq9.change(20, 14), Change::ReliableImprovement);
        assert_eq!(Scale::Phq9.change(10, 15), Change::NoReliableChange);
        assert_eq!(Scale::Phq9.change(10, 16), Change::ReliableDeterioration);
        assert_eq!(Scale::Gad7.change(12, 9), Change::NoReliableChange);
        assert_eq!(Scale::Gad7.change(12, 8), Change::ReliableImprovement);
        assert_eq!(Scale::Gad7.change(5, 8), Change::NoReliableChange);
        assert_eq!(Scale::Gad7.change(5, 9), Change::ReliableDeterioration);
    }

    #[test]
    fn series_sorts_stably_and_finds_the_lowest() {
        let s = Series::new(vec![at(3, 9), at(1, 15), at(2, 7), at(2, 8), at(4, 7)]);
        let totals: Vec<u8> = s.points().iter().map(|p| p.total).collect();
        assert_eq!(totals, vec![15, 7, 8, 9, 7]);
        assert_eq!(s.first(), Some(at(1, 15)));
        assert_eq!(s.last(), Some(at(4, 7)));
        assert_eq!(s.lowest(), Some(at(2, 7)));
        assert_eq!(Series::new(vec![]).lowest(), None);
    }
}
