//! Issue 19: the PHQ-9 rules given the fold of the earlier measures ([`Phq9Progress`]) and
//! only the new ones give exactly the triggers of the whole series — for every PHQ-9 rule
//! (safety, deterioration from baseline and from lowest, relapse, recurrence, not on track
//! with the default and with the practice's band, a remission carried across a closed
//! episode). A missed safety flag is the worst bug, so the histories are many and varied:
//! totals 0–27 in runs (remissions, relapses), item 9, unscored responses, gaps from none
//! (the same second) to weeks, earlier episodes, carried remissions in and past their year.

use std::cell::RefCell;
use std::collections::BTreeSet;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::super::*;
use crate::outcomes::{
    Day, FinishedEpisode, PracticeCurves, Remission, SECONDS_PER_DAY, Timestamp,
};

/// The PHQ-9 rules whose triggers are compared.
const PHQ9_RULES: [Rule; 9] = [
    Rule::SafetyItem9,
    Rule::SafetyItem9Unanswered,
    Rule::SafetyRiskAssessment,
    Rule::DeteriorationFromBaseline,
    Rule::DeteriorationFromLowest,
    Rule::Relapse,
    Rule::Recurrence,
    Rule::NotOnTrackDefault,
    Rule::NotOnTrackPractice,
];

/// Seconds between two measures: mostly days to weeks, sometimes the same second or a few
/// hours (ties and same-day resubmissions).
fn gap() -> impl Strategy<Value = i64> {
    prop_oneof![
        6 => (1i64..=21).prop_map(|d| d * SECONDS_PER_DAY),
        1 => (60i64..=400).prop_map(|d| d * SECONDS_PER_DAY),
        1 => Just(0i64),
        1 => 1i64..=7_200,
    ]
}

/// Runs of totals in one band (below 5, 5–9, 10 and above), so remissions are sustained and
/// broken, and relapses come.
fn runs() -> impl Strategy<Value = Vec<(i64, Option<u8>, Option<u8>)>> {
    let step = |band: std::ops::RangeInclusive<u8>| {
        (
            gap(),
            prop_oneof![12 => band.prop_map(Some), 1 => Just(None)],
            prop_oneof![10 => Just(Some(0u8)), 2 => (1u8..=3).prop_map(Some), 1 => Just(None)],
        )
    };
    let run = prop_oneof![
        vec(step(0..=4), 1..8),
        vec(step(5..=9), 1..4),
        vec(step(10..=27), 1..4),
        vec(step(0..=27), 1..4),
    ];
    vec(run, 1..30).prop_map(|runs| runs.into_iter().flatten().collect())
}

/// The practice's curves: bands with 50 episodes or more each.
fn practice() -> impl Strategy<Value = Option<PracticeCurves>> {
    option::of(vec((0u8..=27, vec(0u8..=27, 0..14)), 1..4)).prop_map(|templates| {
        templates.map(|templates| {
            let episodes: Vec<FinishedEpisode> = templates
                .iter()
                .flat_map(|(baseline, later)| {
                    (0u8..55).map(move |j| FinishedEpisode {
                        phq9: std::iter::once(*baseline)
                            .chain(later.iter().map(move |t| t.saturating_add(j % 7).min(27)))
                            .collect(),
                    })
                })
                .collect();
            PracticeCurves::from_finished(&episodes)
        })
    })
}

#[derive(Debug, Clone)]
struct Case {
    full: ClientData,
    practice: Option<PracticeCurves>,
}

prop_compose! {
    fn case()(
        first_day in -1_000i64..1_000,
        steps in runs(),
        start_at in any::<prop::sample::Index>(),
        start_offset in prop_oneof![Just(0i64), Just(1), Just(-1), Just(3_600)],
        has_episode in prop::bool::weighted(0.9),
        carried in option::of((0u8..5, -30i64..=400, 1i64..=200)),
        cut_at in any::<prop::sample::Index>(),
        risk in option::of(any::<bool>()),
        practice in practice(),
    ) -> Case {
        let mut at = first_day * SECONDS_PER_DAY;
        let mut phq9: Vec<Phq9Point> = steps
            .iter()
            .map(|&(gap, total, item9)| {
                at += gap;
                Phq9Point { at: Timestamp(at), total, item9 }
            })
            .collect();
        // The app stores scored PHQ-9s only, and judges the one it stored: the latest is
        // scored (the fold's precondition; unscored ones earlier are kept).
        if let Some(last) = phq9.last_mut() {
            last.total = Some(last.total.unwrap_or(12));
        }
        let start = Timestamp(phq9[start_at.index(phq9.len())].at.0 + start_offset);
        // The latest measure is always among the new ones (the app judges the one it stored).
        let new_since = phq9[cut_at.index(phq9.len())].at;
        let last = phq9[phq9.len() - 1].at;
        let full = ClientData {
            now: last,
            today: Day(last.0.div_euclid(SECONDS_PER_DAY)),
            new_since: Some(new_since),
            episode: has_episode.then_some(Episode {
                started_at: start,
                started_on: Day(start.0.div_euclid(SECONDS_PER_DAY)),
                phase: Phase::Active,
            }),
            carried_in_remission: carried.map(|(low, ended_days_before, lasted)| {
                let ended_at = Timestamp(start.0 - ended_days_before * SECONDS_PER_DAY);
                CarriedRemission {
                    remission: Remission {
                        since: Timestamp(ended_at.0 - lasted * SECONDS_PER_DAY),
                        low,
                    },
                    ended_at,
                }
            }),
            phq9,
            risk_assessment: risk.map(|judged_high| RiskAssessment { at: last, judged_high }),
            ..ClientData::default()
        };
        Case { full, practice }
    }
}

/// What the app hands in: the fold of the episode's PHQ-9s before `new_since`, and every
/// PHQ-9 at or after it. The carried remission is inside the fold and not read again.
fn bounded(full: &ClientData) -> (ClientData, Phq9Progress) {
    let cut = full.new_since.unwrap_or(Timestamp(i64::MIN));
    let start = full.episode.map(|e| e.started_at);
    let before: Vec<Phq9Point> = full.phq9.iter().filter(|p| p.at < cut).copied().collect();
    let mut progress = Phq9Progress::new(full.carried_in_remission);
    progress.extend(start, &before);
    let data = ClientData {
        phq9: full.phq9.iter().filter(|p| p.at >= cut).copied().collect(),
        phq9_progress: Some(progress.clone()),
        carried_in_remission: None,
        ..full.clone()
    };
    (data, progress)
}

fn phq9_triggers(data: &ClientData, practice: Option<&PracticeCurves>) -> Vec<Trigger> {
    evaluate(data, practice)
        .into_iter()
        .filter(|t| PHQ9_RULES.iter().any(|r| r.id() == t.rule_id))
        .collect()
}

/// Each case: the triggers are equal, and the fold carried on over the new measures equals
/// the fold of the whole series (what the app stores for the next submission). Over the
/// 2,000 cases every PHQ-9 rule fires at least once, so none is compared only when silent.
#[test]
fn the_rules_from_the_fold_equal_the_rules_from_the_whole_series() {
    let fired: RefCell<BTreeSet<&'static str>> = RefCell::new(BTreeSet::new());
    let mut runner = TestRunner::new(Config {
        cases: 2_000,
        ..Config::default()
    });
    runner
        .run(&case(), |case| {
            let practice = case.practice.as_ref();
            let (data, mut progress) = bounded(&case.full);
            let whole = phq9_triggers(&case.full, practice);
            prop_assert_eq!(phq9_triggers(&data, practice), whole.clone());
            // Also as the app filters them: the triggers whose flagged measure is the latest.
            let all = evaluate(&case.full, practice);
            prop_assert_eq!(evaluate(&data, practice), all);

            let start = case.full.episode.map(|e| e.started_at);
            progress.extend(start, &data.phq9);
            let mut folded = Phq9Progress::new(case.full.carried_in_remission);
            folded.extend(start, &case.full.phq9);
            prop_assert_eq!(progress, folded);

            fired.borrow_mut().extend(whole.iter().map(|t| t.rule_id));
            Ok(())
        })
        .unwrap();
    let fired = fired.into_inner();
    for rule in PHQ9_RULES {
        assert!(fired.contains(rule.id()), "{rule:?} never fired: {fired:?}");
    }
}

/// The carried remission's part: a relapse within its year and the baseline after it lapsed,
/// through the fold, exactly as through the series.
#[test]
fn a_carried_remission_through_the_fold() {
    let day = |d: i64| Timestamp(d * SECONDS_PER_DAY);
    let carried = CarriedRemission {
        remission: Remission {
            since: day(-60),
            low: 2,
        },
        ended_at: day(-1),
    };
    for (totals, rule) in [(vec![4, 6, 12], Some(Rule::Relapse)), (vec![3, 3, 3], None)] {
        let full = ClientData {
            now: day(100),
            new_since: Some(day(14 * (totals.len() as i64 - 1))),
            episode: Some(Episode {
                started_at: day(0),
                started_on: Day(0),
                phase: Phase::Active,
            }),
            carried_in_remission: Some(carried),
            phq9: totals
                .iter()
                .enumerate()
                .map(|(i, &t)| Phq9Point {
                    at: day(14 * i as i64),
                    total: Some(t),
                    item9: Some(0),
                })
                .collect(),
            ..ClientData::default()
        };
        let (data, _) = bounded(&full);
        assert_eq!(evaluate(&data, None), evaluate(&full, None));
        let relapse: Vec<&str> = evaluate(&data, None)
            .iter()
            .filter(|t| t.kind == FlagKind::Relapse)
            .map(|t| t.rule_id)
            .collect();
        assert_eq!(
            relapse,
            rule.map(|r| r.id()).into_iter().collect::<Vec<_>>()
        );
    }
}

prop_compose! {
    fn gad7_case()(
        first_day in -1_000i64..1_000,
        steps in vec((gap(), prop_oneof![0u8..=4, 5u8..=12, 0u8..=21]), 1..60),
        start_at in any::<prop::sample::Index>(),
        start_offset in prop_oneof![Just(0i64), Just(1), Just(-1)],
        has_episode in prop::bool::weighted(0.9),
        cut_at in any::<prop::sample::Index>(),
    ) -> ClientData {
        let mut at = first_day * SECONDS_PER_DAY;
        let gad7: Vec<Gad7Point> = steps
            .iter()
            .map(|&(gap, total)| {
                at += gap;
                Gad7Point { at: Timestamp(at), total }
            })
            .collect();
        let start = Timestamp(gad7[start_at.index(gad7.len())].at.0 + start_offset);
        let last = gad7[gad7.len() - 1].at;
        ClientData {
            now: last,
            new_since: Some(gad7[cut_at.index(gad7.len())].at),
            episode: has_episode.then_some(Episode {
                started_at: start,
                started_on: Day(start.0.div_euclid(SECONDS_PER_DAY)),
                phase: Phase::Active,
            }),
            gad7,
            gad7_is_target: true,
            ..ClientData::default()
        }
    }
}

/// The GAD-7's deterioration rule on the episode's first, its lowest before the new ones and
/// the new ones gives exactly the triggers of the whole series.
#[test]
fn the_gad7_rule_on_the_needed_points_equals_the_whole_series() {
    let fired: RefCell<BTreeSet<&'static str>> = RefCell::new(BTreeSet::new());
    let mut runner = TestRunner::new(Config {
        cases: 2_000,
        ..Config::default()
    });
    runner
        .run(&gad7_case(), |full| {
            let cut = full.new_since.unwrap_or(Timestamp(i64::MIN));
            let needed = gad7_needed(full.episode.map(|e| e.started_at), &full.gad7, cut);
            let bounded = ClientData {
                gad7: needed,
                ..full.clone()
            };
            let whole = evaluate(&full, None);
            prop_assert_eq!(evaluate(&bounded, None), whole.clone());
            fired.borrow_mut().extend(whole.iter().map(|t| t.rule_id));
            Ok(())
        })
        .unwrap();
    let fired = fired.into_inner();
    for rule in [
        Rule::Gad7DeteriorationFromBaseline,
        Rule::Gad7DeteriorationFromLowest,
    ] {
        assert!(fired.contains(rule.id()), "{rule:?} never fired: {fired:?}");
    }
}
