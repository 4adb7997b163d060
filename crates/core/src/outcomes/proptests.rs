//! Property tests for outcomes.

use proptest::prelude::*;

use super::*;

proptest! {
    /// CLINICAL.md "Expected recovery": the default curve never rises with n.
    #[test]
    fn default_curve_is_monotone_non_increasing(baseline in 0u8..=255, n in 0u32..10_000) {
        let now = default_band(baseline, n);
        let next = default_band(baseline, n + 1);
        prop_assert!(next.expected <= now.expected);
        prop_assert!(now.expected <= f64::from(baseline));
        prop_assert!(now.expected >= DEFAULT_FLOOR.min(f64::from(baseline)));
    }

    /// CLINICAL.md "Expected recovery": the default edge is expected + 5, always.
    #[test]
    fn default_edge_is_expected_plus_5(baseline in 0u8..=255, n in any::<u32>()) {
        let band = expected_band(baseline, n, None);
        prop_assert_eq!(band.edge, band.expected + 5.0);
        prop_assert_eq!(band.source, BandSource::Default);
    }

    /// CLINICAL.md "Jacobson & Truax reliable change": RC(a → b) = −RC(b → a), and
    /// reliability does not depend on the direction.
    #[test]
    fn jacobson_truax_is_symmetric(
        sd in 0.01f64..100.0,
        r in 0.0f64..0.999,
        a in -1000.0f64..1000.0,
        b in -1000.0f64..1000.0,
    ) {
        let c = ReliableChangeCriterion::new(sd, r).unwrap();
        let forth = c.assess(a, b);
        let back = c.assess(b, a);
        prop_assert_eq!(forth.rc, -back.rc);
        prop_assert_eq!(forth.reliable, back.reliable);
    }

    /// CLINICAL.md "Reliable improvement / deterioration … the same thresholds the other way".
    #[test]
    fn threshold_change_is_symmetric(a in any::<u8>(), b in any::<u8>()) {
        for scale in [Scale::Phq9, Scale::Gad7] {
            let mirrored = match scale.change(a, b) {
                Change::ReliableImprovement => Change::ReliableDeterioration,
                Change::ReliableDeterioration => Change::ReliableImprovement,
                Change::NoReliableChange => Change::NoReliableChange,
            };
            prop_assert_eq!(scale.change(b, a), mirrored);
        }
    }

    /// The practice band's edge is never below its expected score, whatever the data.
    #[test]
    fn practice_edge_not_below_expected(
        episodes in proptest::collection::vec(proptest::collection::vec(0u8..=27, 0..6), 0..160),
        baseline in 0u8..=27,
        n in 0u32..6,
    ) {
        let episodes: Vec<FinishedEpisode> =
            episodes.into_iter().map(|phq9| FinishedEpisode { phq9 }).collect();
        let curves = PracticeCurves::from_finished(&episodes);
        let band = expected_band(baseline, n, Some(&curves));
        prop_assert!(band.edge >= band.expected);
    }

    /// Summaries never panic, whatever the series.
    #[test]
    fn summary_never_panics(
        phq9 in proptest::collection::vec((any::<i64>(), any::<u8>()), 0..30),
        gad7 in proptest::collection::vec((any::<i64>(), any::<u8>()), 0..30),
        sessions in any::<u32>(),
    ) {
        let series = |v: Vec<(i64, u8)>| Series::new(
            v.into_iter().map(|(t, total)| ScorePoint { at: Timestamp(t), total }).collect(),
        );
        let s = OutcomeSummary::of(&series(phq9), &series(gad7), sessions);
        prop_assert!(s.relapse_count() + s.recurrence_count() == s.relapses.len());
    }
}
