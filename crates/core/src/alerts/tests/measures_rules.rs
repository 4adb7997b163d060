//! CLINICAL.md "Early warning" rows safety, deterioration, relapse, not on track.

use super::*;
use crate::outcomes::{BandSource, FinishedEpisode, PracticeCurves, Remission, expected_band};

// ---- safety ------------------------------------------------------------------------------

#[test]
fn safety_item9_0_vs_1_whatever_the_total() {
    // CLINICAL.md "safety | PHQ-9 item 9 ≥ 1, whatever the total | critical".
    let mut data = client();
    data.phq9 = vec![Phq9Point {
        at: week(0),
        total: Some(0),
        item9: Some(0),
    }];
    assert!(rules(&data).is_empty(), "{:?}", rules(&data));
    data.phq9[0].item9 = Some(1);
    let t = only(&data, Rule::SafetyItem9);
    assert_eq!((t.kind, t.level), (FlagKind::Safety, Level::Critical));
    assert_eq!(
        t.evidence,
        vec![Evidence::Phq9 {
            role: MeasureRole::Flagged,
            at: week(0),
            total: Some(0),
            item9: Some(1),
        }]
    );
}

#[test]
fn safety_item9_even_when_unscored_or_outside_the_episode() {
    // CLINICAL.md "safety … whatever the total": a response with too many missing items to
    // score still flags on item 9, and so does one taken before the episode began.
    let mut data = client();
    data.phq9 = vec![Phq9Point {
        at: week(0),
        total: None,
        item9: Some(2),
    }];
    assert!(fires(&data, Rule::SafetyItem9));
    data.episode = Some(Episode {
        started_at: week(5),
        started_on: Day(35),
        active: true,
    });
    assert!(fires(&data, Rule::SafetyItem9));
    data.phq9[0].item9 = None;
    assert!(
        !fires(&data, Rule::SafetyItem9),
        "unanswered item 9 is asked again, not flagged"
    );
}

#[test]
fn safety_item9_earlier_measures_only_when_new() {
    // CLINICAL.md "safety": a measure with item 9 ≥ 1 that arrived with a later one is not
    // lost when `new_since` covers it.
    let mut data = with_phq9(&[14, 12]);
    data.phq9[0].item9 = Some(1);
    assert!(!fires(&data, Rule::SafetyItem9), "already evaluated before");
    data.new_since = Some(week(0));
    assert!(fires(&data, Rule::SafetyItem9));
}

#[test]
fn safety_risk_assessment_judged_high() {
    // CLINICAL.md "safety | … or a clinician's structured risk assessment judging risk high".
    let mut data = client();
    data.risk_assessment = Some(RiskAssessment {
        at: week(1),
        judged_high: false,
    });
    assert!(rules(&data).is_empty());
    data.risk_assessment = Some(RiskAssessment {
        at: week(1),
        judged_high: true,
    });
    let t = only(&data, Rule::SafetyRiskAssessment);
    assert_eq!(t.level, Level::Critical);
    assert_eq!(t.evidence, vec![Evidence::RiskAssessment { at: week(1) }]);
}

// ---- deterioration -----------------------------------------------------------------------

#[test]
fn deterioration_from_baseline_5_vs_6() {
    // CLINICAL.md "deterioration | PHQ-9 up ≥ 6 from the episode's baseline … | high".
    assert!(!fires(
        &with_phq9(&[8, 13]),
        Rule::DeteriorationFromBaseline
    ));
    let t = only(&with_phq9(&[8, 14]), Rule::DeteriorationFromBaseline);
    assert_eq!((t.kind, t.level), (FlagKind::Deterioration, Level::High));
    assert!(matches!(
        t.evidence.get(1),
        Some(Evidence::Phq9 {
            role: MeasureRole::Baseline,
            total: Some(8),
            ..
        })
    ));
}

#[test]
fn deterioration_from_lowest_5_vs_6() {
    // CLINICAL.md "deterioration | PHQ-9 up ≥ 6 … from its lowest point | high".
    assert!(!fires(
        &with_phq9(&[20, 8, 13]),
        Rule::DeteriorationFromLowest
    ));
    let t = only(&with_phq9(&[20, 8, 11, 14]), Rule::DeteriorationFromLowest);
    assert!(matches!(
        t.evidence.get(1),
        Some(Evidence::Phq9 {
            role: MeasureRole::Lowest,
            total: Some(8),
            ..
        })
    ));
    assert!(!fires(
        &with_phq9(&[20, 8, 14]),
        Rule::DeteriorationFromBaseline
    ));
}

#[test]
fn deterioration_lowest_is_the_baseline_reported_once() {
    // Baseline 6 is also the lowest point: one trigger, from the baseline.
    let data = with_phq9(&[6, 7, 12]);
    assert!(fires(&data, Rule::DeteriorationFromBaseline));
    assert!(!fires(&data, Rule::DeteriorationFromLowest));
}

#[test]
fn deterioration_baseline_is_the_episodes_first_scored_measure() {
    // Measures before the episode and unscored ones are not the baseline.
    let mut data = with_phq9(&[3, 9, 15]);
    data.phq9.insert(
        0,
        Phq9Point {
            at: week(-1),
            total: Some(2),
            item9: Some(0),
        },
    );
    data.phq9.insert(
        1,
        Phq9Point {
            at: week(0),
            total: None,
            item9: Some(0),
        },
    );
    data.episode = Some(Episode {
        started_at: week(0),
        started_on: Day(0),
        active: true,
    });
    // Baseline 3 → 15 is +12; from week −1's 2 it would be the same kind but wrong evidence.
    let t = only(&data, Rule::DeteriorationFromBaseline);
    assert!(matches!(
        t.evidence.get(1),
        Some(Evidence::Phq9 { total: Some(3), .. })
    ));
}

// ---- relapse -----------------------------------------------------------------------------

#[test]
fn relapse_after_remission_9_vs_10() {
    // CLINICAL.md "relapse | after remission, PHQ-9 ≥ 10 (see Relapse) | high".
    assert!(!fires(&with_phq9(&[15, 4, 9]), Rule::Relapse));
    let t = only(&with_phq9(&[15, 4, 10]), Rule::Relapse);
    assert_eq!((t.kind, t.level), (FlagKind::Relapse, Level::High));
    assert!(t.evidence.contains(&Evidence::Remission {
        since: week(1),
        low: 4
    }));
    // Without remission first there is no relapse.
    assert!(!fires(&with_phq9(&[15, 5, 10]), Rule::Relapse));
}

#[test]
fn relapse_recurrence_after_6_months_in_remission() {
    // CLINICAL.md "Recurrence: the same after 6 months in remission".
    let mut totals = vec![15, 4];
    totals.extend(std::iter::repeat_n(3, 26));
    totals.push(12); // week 28: 27 weeks = 189 days after the remission began
    let t = only(&with_phq9(&totals), Rule::Recurrence);
    assert_eq!((t.kind, t.level), (FlagKind::Relapse, Level::High));
}

#[test]
fn relapse_from_a_carried_in_remission() {
    let mut data = with_phq9(&[11]);
    data.carried_in_remission = Some(Remission {
        since: week(-4),
        low: 3,
    });
    assert!(fires(&data, Rule::Relapse));
}

// ---- not on track ------------------------------------------------------------------------

#[test]
fn not_on_track_from_the_3rd_measure() {
    // CLINICAL.md "not on track | from the 3rd measure on, change from baseline worse than
    // the expected-recovery band | medium". Baseline 20: the edge at n = 1 is 23.2…, at
    // n = 2 it is 21.68…
    let edge_1 = expected_band(20, 1, None).edge;
    let edge_2 = expected_band(20, 2, None).edge;
    assert!(edge_1 > 23.0 && edge_1 < 24.0 && edge_2 > 21.0 && edge_2 < 22.0);
    assert!(
        !fires(&with_phq9(&[20, 24]), Rule::NotOnTrackDefault),
        "2nd measure"
    );
    assert!(!fires(&with_phq9(&[20, 20, 21]), Rule::NotOnTrackDefault));
    let t = only(&with_phq9(&[20, 20, 22]), Rule::NotOnTrackDefault);
    assert_eq!((t.kind, t.level), (FlagKind::NotOnTrack, Level::Medium));
    assert!(t.evidence.iter().any(|e| matches!(
        e,
        Evidence::ExpectedBand {
            n: 2,
            source: BandSource::Default,
            ..
        }
    )));
}

#[test]
fn not_on_track_default_edge_is_expected_plus_5() {
    // Baseline 10 at n = 8: expected 10 − 5·(1 − e^−1) = 6.83…, edge 11.83…
    assert!(!fires(
        &with_phq9(&[10, 9, 9, 9, 9, 9, 9, 9, 11]),
        Rule::NotOnTrackDefault
    ));
    assert!(fires(
        &with_phq9(&[10, 9, 9, 9, 9, 9, 9, 9, 12]),
        Rule::NotOnTrackDefault
    ));
}

#[test]
fn not_on_track_with_the_practice_band() {
    // CLINICAL.md "the 75th percentile of change at n is the edge of the band": 60 moderate
    // episodes whose change at n = 2 is −4 (45 of them) or +1 (15): P75 = −4, edge 12 − 4 = 8.
    let episodes: Vec<FinishedEpisode> = (0..60)
        .map(|i| FinishedEpisode {
            phq9: vec![12, 11, if i < 45 { 8 } else { 13 }],
        })
        .collect();
    let curves = PracticeCurves::from_finished(&episodes);
    let data = with_phq9(&[12, 11, 9]);
    assert!(!fires(&data, Rule::NotOnTrackDefault));
    let triggers = evaluate(&data, Some(&curves));
    assert!(
        triggers
            .iter()
            .any(|t| t.rule_id == Rule::NotOnTrackPractice.id())
    );
    let on_edge = with_phq9(&[12, 11, 8]);
    assert!(evaluate(&on_edge, Some(&curves)).is_empty());
}
