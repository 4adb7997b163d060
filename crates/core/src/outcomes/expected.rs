//! Expected recovery: the band a client's PHQ-9 is expected to stay under
//! (CLINICAL.md "Expected recovery (not on track)"). The chart draws it and the
//! not-on-track flag tests against it, both through [`expected_band`].
//!
//! Conventions:
//! - **n** is the measure number counted from the baseline: the baseline is n = 0, the next
//!   PHQ-9 n = 1, and "the 3rd measure" is n = 2. Only scored measures count.
//! - **change** = score(n) − baseline. Higher is worse, so improvement is negative.
//! - **Default curve**: expected(n) = baseline − (baseline − 5) · (1 − e^(−n/8)); edge =
//!   expected + 5. A baseline below 5 has no expected improvement, so its curve is flat at the
//!   baseline (the formula as written would *rise* towards 5).
//! - **Practice curve**: the practice's finished episodes are grouped by the PHQ-9 severity
//!   band of their baseline. Once a band holds at least [`PRACTICE_MIN_EPISODES`] episodes
//!   *and* at least that many of them reached measure n, the band at n is: expected =
//!   baseline + the median change at n, edge = baseline + the 75th percentile of change at n
//!   (three in four of those episodes were at or below the edge). Otherwise the default curve
//!   is used at that n, so a late n with few long episodes never rests on a handful.
//! - **Percentiles** are nearest-rank: the P-th percentile of N sorted values is the value
//!   at rank ⌈P/100 · N⌉ (1-based). It is always an observed change.
//! - A score is *worse than the band* when it is strictly above the edge.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The default curve levels off at this PHQ-9 total (the remission cut-off).
pub const DEFAULT_FLOOR: f64 = 5.0;
/// The default curve's time constant, in measures.
pub const DEFAULT_TAU: f64 = 8.0;
/// The default edge lies this many points above the expected score.
pub const DEFAULT_MARGIN: f64 = 5.0;
/// A baseline band needs this many finished episodes before its own curve is used.
pub const PRACTICE_MIN_EPISODES: usize = 50;
/// The practice edge is this percentile of change.
pub const EDGE_PERCENTILE: u32 = 75;
/// The practice's expected score is this percentile of change (the median).
pub const EXPECTED_PERCENTILE: u32 = 50;

/// PHQ-9 severity band of a baseline (CLINICAL.md PHQ-9 bands), for grouping episodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineBand {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl BaselineBand {
    /// 0–4 minimal · 5–9 mild · 10–14 moderate · 15–19 moderately severe · 20–27 severe
    /// (and anything above 27, which a valid PHQ-9 never has).
    pub fn of(baseline: u8) -> BaselineBand {
        match baseline {
            0..=4 => BaselineBand::Minimal,
            5..=9 => BaselineBand::Mild,
            10..=14 => BaselineBand::Moderate,
            15..=19 => BaselineBand::ModeratelySevere,
            _ => BaselineBand::Severe,
        }
    }
}

/// Where a band came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandSource {
    Default,
    Practice,
}

/// The expected PHQ-9 total at one measure and the edge beyond which a client is not on track.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub expected: f64,
    pub edge: f64,
    pub source: BandSource,
}

impl Band {
    /// A score strictly above the edge is worse than expected.
    pub fn is_worse(&self, score: u8) -> bool {
        f64::from(score) > self.edge
    }
}

/// The default curve at measure `n` from `baseline`.
pub fn default_band(baseline: u8, n: u32) -> Band {
    let baseline = f64::from(baseline);
    let room = (baseline - DEFAULT_FLOOR).max(0.0);
    let expected = baseline - room * (1.0 - (-f64::from(n) / DEFAULT_TAU).exp());
    Band {
        expected,
        edge: expected + DEFAULT_MARGIN,
        source: BandSource::Default,
    }
}

/// One finished episode of the practice: its PHQ-9 totals in time order, baseline first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinishedEpisode {
    pub phq9: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ChangeAt {
    samples: usize,
    median: i32,
    p75: i32,
}

/// The practice's own expected-recovery curves, built from its finished episodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PracticeCurves {
    episodes: BTreeMap<BaselineBand, usize>,
    changes: BTreeMap<(BaselineBand, u32), ChangeAt>,
}

impl PracticeCurves {
    /// Episodes without any PHQ-9 are skipped.
    pub fn from_finished(episodes: &[FinishedEpisode]) -> PracticeCurves {
        let mut counts: BTreeMap<BaselineBand, usize> = BTreeMap::new();
        let mut samples: BTreeMap<(BaselineBand, u32), Vec<i32>> = BTreeMap::new();
        for episode in episodes {
            let Some(&baseline) = episode.phq9.first() else {
                continue;
            };
            let band = BaselineBand::of(baseline);
            *counts.entry(band).or_default() += 1;
            for (n, &score) in episode.phq9.iter().enumerate() {
                let Ok(n) = u32::try_from(n) else { break };
                samples
                    .entry((band, n))
                    .or_default()
                    .push(i32::from(score) - i32::from(baseline));
            }
        }
        let changes = samples
            .into_iter()
            .filter_map(|(key, mut values)| {
                values.sort_unstable();
                let at = ChangeAt {
                    samples: values.len(),
                    median: nearest_rank(&values, EXPECTED_PERCENTILE)?,
                    p75: nearest_rank(&values, EDGE_PERCENTILE)?,
                };
                Some((key, at))
            })
            .collect();
        PracticeCurves {
            episodes: counts,
            changes,
        }
    }

    /// Finished episodes whose baseline lies in `band`.
    pub fn episodes_in(&self, band: BaselineBand) -> usize {
        self.episodes.get(&band).copied().unwrap_or(0)
    }

    /// The practice band at `n`, when there is enough data for it.
    fn band(&self, baseline: u8, n: u32) -> Option<Band> {
        let band = BaselineBand::of(baseline);
        if self.episodes_in(band) < PRACTICE_MIN_EPISODES {
            return None;
        }
        let at = self.changes.get(&(band, n))?;
        if at.samples < PRACTICE_MIN_EPISODES {
            return None;
        }
        let baseline = f64::from(baseline);
        Some(Band {
            expected: baseline + f64::from(at.median),
            edge: baseline + f64::from(at.p75),
            source: BandSource::Practice,
        })
    }
}

/// Nearest-rank percentile of values sorted ascending: the value at rank ⌈P/100 · N⌉.
/// `None` for no values.
pub fn nearest_rank(sorted: &[i32], percent: u32) -> Option<i32> {
    let n = sorted.len();
    let percent = usize::try_from(percent.min(100)).ok()?;
    let rank = (percent.saturating_mul(n)).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The expected-recovery band at measure `n` (baseline = 0) for a client whose episode
/// started at `baseline`: the practice's own when it has enough finished episodes for the
/// baseline's band at that n, the default curve otherwise.
pub fn expected_band(baseline: u8, n: u32, practice: Option<&PracticeCurves>) -> Band {
    practice
        .and_then(|p| p.band(baseline, n))
        .unwrap_or_else(|| default_band(baseline, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_recovery_default_curve() {
        // CLINICAL.md "expected score(n) = baseline − (baseline − 5) · (1 − exp(−n / 8)) and
        // the edge is expected + 5".
        let b = expected_band(20, 0, None);
        assert_eq!(
            (b.expected, b.edge, b.source),
            (20.0, 25.0, BandSource::Default)
        );
        let b = expected_band(20, 8, None);
        let e = 20.0 - 15.0 * (1.0 - (-1.0f64).exp()); // 10.518…
        assert!((b.expected - e).abs() < 1e-12);
        assert!((b.edge - (e + 5.0)).abs() < 1e-12);
        assert!((expected_band(20, 1000, None).expected - 5.0).abs() < 1e-9);
    }

    #[test]
    fn expected_recovery_flat_below_5() {
        let b = expected_band(3, 10, None);
        assert_eq!((b.expected, b.edge), (3.0, 8.0));
    }

    #[test]
    fn expected_recovery_edge_is_strictly_above() {
        let b = expected_band(20, 0, None);
        assert!(!b.is_worse(25));
        assert!(b.is_worse(26));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<i32> = (1..=100).collect();
        assert_eq!(nearest_rank(&v, 75), Some(75));
        assert_eq!(nearest_rank(&v, 50), Some(50));
        assert_eq!(nearest_rank(&[-8, -5, -2, 0], 75), Some(-2)); // rank ⌈3⌉ = 3
        assert_eq!(nearest_rank(&[-8, -5, -2, 0, 3], 75), Some(0)); // rank ⌈3.75⌉ = 4
        assert_eq!(nearest_rank(&[7], 75), Some(7));
        assert_eq!(nearest_rank(&[4, 9], 0), Some(4));
        assert_eq!(nearest_rank(&[], 75), None);
    }

    /// `count` moderate episodes (baseline 12) whose changes at n = 1 are −i % 8.
    fn practice(count: usize) -> PracticeCurves {
        let episodes: Vec<FinishedEpisode> = (0..count)
            .map(|i| FinishedEpisode {
                phq9: vec![12, 12 - (i % 8) as u8, 6],
            })
            .collect();
        PracticeCurves::from_finished(&episodes)
    }

    #[test]
    fn expected_recovery_practice_band_from_50_episodes() {
        // CLINICAL.md "taken from the practice's own finished episodes once a band has ≥ 50
        // of them (the 75th percentile of change at n is the edge of the band)".
        assert_eq!(
            expected_band(12, 1, Some(&practice(49))).source,
            BandSource::Default
        );
        let curves = practice(56); // changes 0, −1 … −7, seven of each
        assert_eq!(curves.episodes_in(BaselineBand::Moderate), 56);
        let b = expected_band(13, 1, Some(&curves));
        assert_eq!(b.source, BandSource::Practice);
        // Sorted: −7 ×7, −6 ×7, … 0 ×7. Rank ⌈0.75 · 56⌉ = 42 → −2; rank 28 → −4.
        assert_eq!((b.expected, b.edge), (9.0, 11.0));
        // Another band still uses the default curve.
        assert_eq!(
            expected_band(20, 1, Some(&curves)).source,
            BandSource::Default
        );
        // n beyond the practice's data falls back too.
        assert_eq!(
            expected_band(12, 3, Some(&curves)).source,
            BandSource::Default
        );
    }

    #[test]
    fn expected_recovery_practice_needs_50_samples_at_n() {
        let mut episodes: Vec<FinishedEpisode> = (0..60)
            .map(|_| FinishedEpisode { phq9: vec![12] })
            .collect();
        episodes.extend((0..10).map(|_| FinishedEpisode { phq9: vec![12, 8] }));
        let curves = PracticeCurves::from_finished(&episodes);
        assert_eq!(
            expected_band(12, 0, Some(&curves)).source,
            BandSource::Practice
        );
        assert_eq!(
            expected_band(12, 1, Some(&curves)).source,
            BandSource::Default
        );
    }

    #[test]
    fn baseline_bands() {
        assert_eq!(BaselineBand::of(4), BaselineBand::Minimal);
        assert_eq!(BaselineBand::of(5), BaselineBand::Mild);
        assert_eq!(BaselineBand::of(10), BaselineBand::Moderate);
        assert_eq!(BaselineBand::of(15), BaselineBand::ModeratelySevere);
        assert_eq!(BaselineBand::of(20), BaselineBand::Severe);
        assert_eq!(BaselineBand::of(255), BaselineBand::Severe);
    }
}
