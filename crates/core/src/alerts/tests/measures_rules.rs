//! CLINICAL.md "Early warning" rows safety, deterioration, relapse, not on track.

use super::*;
use crate::outcomes::{
    BandSource, FinishedEpisode, PracticeCurves, Remission, ScorePoint, expected_band,
};

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
        phase: Phase::Active,
    });
    assert!(fires(&data, Rule::SafetyItem9));
    data.phq9[0].item9 = None;
    assert!(!fires(&data, Rule::SafetyItem9));
}

#[test]
fn safety_item9_unanswered_is_a_medium_flag() {
    // CLINICAL.md "Item 9 left unanswered: the PHQ-9 is refused …, the event is recorded,
    // and a medium safety flag says the question about self-harm was left unanswered".
    let t = refused_phq9(week(2), None).unwrap();
    assert_eq!(t.rule_id, Rule::SafetyItem9Unanswered.id());
    assert_eq!((t.kind, t.level), (FlagKind::Safety, Level::Medium));
    assert!(t.rule.contains("left unanswered"));
    assert_eq!(
        t.evidence,
        vec![Evidence::Phq9 {
            role: MeasureRole::Flagged,
            at: week(2),
            total: None,
            item9: None,
        }]
    );
    // A refused PHQ-9 with item 9 at 1–3 is the critical rule; at 0, nothing.
    let t = refused_phq9(week(2), Some(1)).unwrap();
    assert_eq!(
        (t.rule_id, t.level),
        (Rule::SafetyItem9.id(), Level::Critical)
    );
    assert_eq!(refused_phq9(week(2), Some(0)), None);
    // The same rule in a series: the two route to one safety flag at the higher level.
    let mut data = client();
    data.phq9 = vec![Phq9Point {
        at: week(0),
        total: None,
        item9: None,
    }];
    assert_eq!(
        only(&data, Rule::SafetyItem9Unanswered).level,
        Level::Medium
    );
    data.new_since = Some(week(0));
    data.phq9.push(Phq9Point {
        at: week(1),
        total: Some(3),
        item9: Some(2),
    });
    let routing = route_triggers::<u8>(&[], evaluate(&data, None));
    assert_eq!(routing.open.len(), 1);
    assert_eq!(
        (routing.open[0].kind, routing.open[0].level),
        (FlagKind::Safety, Level::Critical)
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
        phase: Phase::Active,
    });
    // Baseline 3 → 15 is +12; from week −1's 2 it would be the same kind but wrong evidence.
    let t = only(&data, Rule::DeteriorationFromBaseline);
    assert!(matches!(
        t.evidence.get(1),
        Some(Evidence::Phq9 { total: Some(3), .. })
    ));
}

// ---- relapse -----------------------------------------------------------------------------

/// PHQ-9 totals on the given days (item 9 is 0), in an active episode from day 0.
fn on_days(points: &[(i64, u8)]) -> ClientData {
    ClientData {
        phq9: points
            .iter()
            .map(|&(d, total)| Phq9Point {
                at: Timestamp(d * SECONDS_PER_DAY),
                total: Some(total),
                item9: Some(0),
            })
            .collect(),
        ..client()
    }
}

#[test]
fn relapse_after_sustained_remission_9_vs_10() {
    // CLINICAL.md "Relapse: after sustained remission, PHQ-9 ≥ 10. The flag rises on the
    // first such measure"; "relapse | high".
    assert!(!fires(&with_phq9(&[15, 4, 3, 2, 9]), Rule::Relapse));
    let t = only(&with_phq9(&[15, 4, 3, 2, 10]), Rule::Relapse);
    assert_eq!((t.kind, t.level), (FlagKind::Relapse, Level::High));
    assert!(t.evidence.contains(&Evidence::Remission {
        since: week(1),
        low: 2
    }));
    assert!(t.evidence.contains(&Evidence::Phq9 {
        role: MeasureRole::Sustained,
        at: week(3),
        total: Some(2),
        item9: None,
    }));
    // Scores of 5–9 after the remission is sustained do not end it.
    assert!(fires(&with_phq9(&[15, 4, 3, 2, 7, 9, 11]), Rule::Relapse));
    // Without remission first there is no relapse; nor from a baseline below 10.
    assert!(!fires(&with_phq9(&[15, 5, 5, 5, 10]), Rule::Relapse));
    assert!(!fires(&with_phq9(&[9, 4, 3, 2, 12]), Rule::Relapse));
}

#[test]
fn relapse_needs_remission_sustained_13_vs_14_days() {
    // CLINICAL.md "Remission, for relapse: sustained — PHQ-9 < 5 on measures spanning at least
    // 3 weeks (at least two measures ≥ 14 days apart)".
    assert!(!fires(
        &on_days(&[(0, 16), (7, 4), (20, 3), (27, 12)]),
        Rule::Relapse
    ));
    assert!(fires(
        &on_days(&[(0, 16), (7, 4), (21, 3), (28, 12)]),
        Rule::Relapse
    ));
    // One measure below 5 is not sustained: a later 10 is not a relapse (it may be
    // deterioration from the lowest point, which has its own rule).
    assert!(!fires(&with_phq9(&[15, 4, 10]), Rule::Relapse));
    assert!(!fires(&with_phq9(&[15, 4, 4, 10]), Rule::Relapse));
    // A 5 in between starts the count again.
    assert!(!fires(
        &on_days(&[(0, 16), (7, 4), (14, 5), (21, 3), (28, 12)]),
        Rule::Relapse
    ));
    assert!(fires(
        &on_days(&[(0, 16), (7, 4), (14, 5), (21, 3), (35, 3), (42, 12)]),
        Rule::Relapse
    ));
}

#[test]
fn relapse_flag_rises_on_the_first_measure_of_10_or_more() {
    // CLINICAL.md "The flag rises on the first such measure (early warning is the point)":
    // the measure after it is no new relapse (it is back to "eligible" for a new remission).
    let data = with_phq9(&[15, 4, 3, 2, 10]);
    assert!(only(&data, Rule::Relapse).evidence.iter().any(|e| matches!(
        e,
        Evidence::Phq9 {
            role: MeasureRole::Flagged,
            total: Some(10),
            ..
        }
    )));
    assert!(!fires(&with_phq9(&[15, 4, 3, 2, 10, 12]), Rule::Relapse));
}

#[test]
fn relapse_recurrence_after_6_months_in_remission() {
    // CLINICAL.md "Recurrence: the same, 6 months or more after the start of the remission".
    let mut totals = vec![15, 4];
    totals.extend(std::iter::repeat_n(3, 26));
    totals.push(12); // week 28: 27 weeks = 189 days after the remission began
    let t = only(&with_phq9(&totals), Rule::Recurrence);
    assert_eq!((t.kind, t.level), (FlagKind::Relapse, Level::High));
    // 182 days: a relapse; 183: a recurrence.
    assert!(fires(
        &on_days(&[(0, 16), (10, 4), (30, 3), (192, 11)]),
        Rule::Relapse
    ));
    assert!(fires(
        &on_days(&[(0, 16), (10, 4), (30, 3), (193, 11)]),
        Rule::Recurrence
    ));
}

fn carried(ended_day: i64) -> Option<CarriedRemission> {
    Some(CarriedRemission {
        remission: Remission {
            since: Timestamp((ended_day - 60) * SECONDS_PER_DAY),
            low: 3,
        },
        ended_at: Timestamp(ended_day * SECONDS_PER_DAY),
    })
}

#[test]
fn relapse_across_a_closed_episode_within_12_months() {
    // CLINICAL.md "A remission carries across a closed episode: a client discharged in
    // remission whose PHQ-9 returns to ≥ 10 within 12 months raises the relapse flag in the
    // new episode." The new episode's first PHQ-9 is checked for relapse, not taken as a
    // baseline. The previous episode ended on day 0; 365 days is within, 366 is not.
    for (day, flags) in [(30, true), (365, true), (366, false)] {
        let mut data = on_days(&[(day, 12)]);
        data.carried_in_remission = carried(0);
        let triggers = evaluate(&data, None);
        let found = triggers.iter().find(|t| t.kind == FlagKind::Relapse);
        assert_eq!(found.is_some(), flags, "day {day}: {triggers:#?}");
        if let Some(t) = found {
            assert!(t.evidence.contains(&Evidence::CarriedRemission {
                ended_at: Timestamp(0)
            }));
        }
    }
    // Still in remission at the new episode's first measures: a later return within the 12
    // months flags; after them the remission has lapsed and the late measure is a baseline.
    let mut data = on_days(&[(30, 4), (60, 6), (200, 14)]);
    data.carried_in_remission = carried(0);
    assert!(fires(&data, Rule::Relapse) || fires(&data, Rule::Recurrence));
    let mut data = on_days(&[(30, 4), (400, 14)]);
    data.carried_in_remission = carried(0);
    assert!(!fires(&data, Rule::Relapse) && !fires(&data, Rule::Recurrence));
    // Without a carried remission, a first measure of 12 is just the baseline.
    assert!(evaluate(&on_days(&[(30, 12)]), None).is_empty());
}

#[test]
fn remission_at_the_end_of_a_closed_episode() {
    // What the app carries over: a sustained remission at the episode's last measure.
    let points = |totals: &[(i64, u8)]| -> Vec<ScorePoint> {
        totals
            .iter()
            .map(|&(d, total)| ScorePoint {
                at: Timestamp(d * SECONDS_PER_DAY),
                total,
            })
            .collect()
    };
    assert_eq!(
        remission_at_end(&points(&[(0, 18), (30, 4), (44, 2), (70, 7)])),
        Some(Remission {
            since: Timestamp(30 * SECONDS_PER_DAY),
            low: 2
        })
    );
    assert_eq!(
        remission_at_end(&points(&[(0, 18), (30, 4), (43, 2)])),
        None
    );
    assert_eq!(
        remission_at_end(&points(&[(0, 18), (30, 4), (44, 2), (60, 11)])),
        None
    );
    assert_eq!(remission_at_end(&points(&[(0, 8), (30, 4), (60, 2)])), None);
    // Any order.
    assert!(remission_at_end(&points(&[(44, 2), (0, 18), (30, 4)])).is_some());
}

// ---- GAD-7 deterioration -----------------------------------------------------------------

fn with_gad7(totals: &[u8], target: bool) -> ClientData {
    ClientData {
        gad7: totals
            .iter()
            .enumerate()
            .map(|(i, &total)| Gad7Point {
                at: week(i as i64),
                total,
            })
            .collect(),
        gad7_is_target: target,
        ..client()
    }
}

#[test]
fn gad7_deterioration_3_vs_4_only_as_a_target_measure() {
    // CLINICAL.md "deterioration | … GAD-7 up ≥ 4 likewise when GAD-7 is a target measure of
    // the treatment plan | high".
    assert!(!fires(
        &with_gad7(&[8, 11], true),
        Rule::Gad7DeteriorationFromBaseline
    ));
    let t = only(
        &with_gad7(&[8, 12], true),
        Rule::Gad7DeteriorationFromBaseline,
    );
    assert_eq!((t.kind, t.level), (FlagKind::Deterioration, Level::High));
    assert_eq!(
        t.evidence,
        vec![
            Evidence::Gad7 {
                role: MeasureRole::Flagged,
                at: week(1),
                total: 12
            },
            Evidence::Gad7 {
                role: MeasureRole::Baseline,
                at: week(0),
                total: 8
            },
        ]
    );
    assert!(evaluate(&with_gad7(&[8, 12], false), None).is_empty());
    // From the lowest point: 10 → 5 → 8 is +3, → 9 is +4.
    assert!(!fires(
        &with_gad7(&[10, 5, 8], true),
        Rule::Gad7DeteriorationFromLowest
    ));
    let t = only(
        &with_gad7(&[10, 5, 9], true),
        Rule::Gad7DeteriorationFromLowest,
    );
    assert!(t.evidence.contains(&Evidence::Gad7 {
        role: MeasureRole::Lowest,
        at: week(1),
        total: 5
    }));
    assert!(!fires(
        &with_gad7(&[10, 5, 9], true),
        Rule::Gad7DeteriorationFromBaseline
    ));
    // Only the episode's GAD-7s: a low one before it is not the baseline.
    let mut data = with_gad7(&[2, 8, 11], true);
    data.episode = data.episode.map(|e| Episode {
        started_at: week(1),
        ..e
    });
    assert!(evaluate(&data, None).is_empty());
    // The PHQ-9 rule is untouched by GAD-7s.
    assert!(!fires(
        &with_gad7(&[8, 12], true),
        Rule::DeteriorationFromBaseline
    ));
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
