//! What behavioural activation shows over a stretch of time (the caller picks the stretch, a
//! week on the chart): mean pleasure and mastery of what was done, and pleasure predicted
//! against pleasure found for planned activities that were done — people with depression
//! usually enjoy more than they predict, and seeing it is part of the treatment.

use super::{DiaryEntry, PlannedActivity};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Activation {
    /// Diary entries with both ratings.
    pub rated: usize,
    pub mean_pleasure: Option<f32>,
    pub mean_mastery: Option<f32>,
    /// Planned activities done with both a prediction and an actual rating.
    pub compared: usize,
    pub mean_predicted: Option<f32>,
    pub mean_actual: Option<f32>,
}

impl Activation {
    /// Actual minus predicted pleasure, when there is something to compare.
    pub fn surprise(&self) -> Option<f32> {
        Some(self.mean_actual? - self.mean_predicted?)
    }
}

fn mean(values: impl Iterator<Item = u8>) -> (usize, Option<f32>) {
    let (n, sum) = values.fold((0usize, 0u32), |(n, s), v| (n + 1, s + u32::from(v)));
    // Counts stay far below f32's exact range (60 rows per entry).
    #[allow(clippy::cast_precision_loss)]
    let m = (n > 0).then(|| sum as f32 / n as f32);
    (n, m)
}

pub fn activation(entries: &[DiaryEntry], planned: &[PlannedActivity]) -> Activation {
    let rated: Vec<(u8, u8)> = entries
        .iter()
        .filter_map(|e| Some((e.pleasure?, e.mastery?)))
        .collect();
    let compared: Vec<(u8, u8)> = planned
        .iter()
        .filter(|a| a.done == Some(true))
        .filter_map(|a| Some((a.predicted_pleasure?, a.actual_pleasure?)))
        .collect();
    Activation {
        rated: rated.len(),
        mean_pleasure: mean(rated.iter().map(|r| r.0)).1,
        mean_mastery: mean(rated.iter().map(|r| r.1)).1,
        compared: compared.len(),
        mean_predicted: mean(compared.iter().map(|c| c.0)).1,
        mean_actual: mean(compared.iter().map(|c| c.1)).1,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn entry(pleasure: Option<u8>, mastery: Option<u8>) -> DiaryEntry {
        DiaryEntry {
            pleasure,
            mastery,
            ..DiaryEntry::default()
        }
    }

    fn planned(predicted: u8, done: Option<bool>, actual: Option<u8>) -> PlannedActivity {
        PlannedActivity {
            predicted_pleasure: Some(predicted),
            done,
            actual_pleasure: actual,
            ..PlannedActivity::default()
        }
    }

    #[test]
    fn means_of_what_was_rated_and_done() {
        let a = activation(
            &[
                entry(Some(6), Some(4)),
                entry(Some(2), Some(8)),
                entry(None, Some(1)),
            ],
            &[
                planned(2, Some(true), Some(6)),
                planned(3, Some(false), None),
                planned(4, None, None),
            ],
        );
        assert_eq!(a.rated, 2);
        assert_eq!(a.mean_pleasure, Some(4.0));
        assert_eq!(a.mean_mastery, Some(6.0));
        assert_eq!(a.compared, 1);
        assert_eq!(a.surprise(), Some(4.0));
        assert_eq!(activation(&[], &[]), Activation::default());
        assert_eq!(Activation::default().surprise(), None);
    }

    proptest! {
        #[test]
        fn means_stay_within_the_scale(p in proptest::collection::vec((0u8..=10, 0u8..=10), 0..40)) {
            let entries: Vec<_> = p.iter().map(|(a, b)| entry(Some(*a), Some(*b))).collect();
            let a = activation(&entries, &[]);
            prop_assert_eq!(a.rated, p.len());
            for m in [a.mean_pleasure, a.mean_mastery].into_iter().flatten() {
                prop_assert!((0.0..=10.0).contains(&m));
            }
        }
    }
}
