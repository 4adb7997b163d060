//! The rules on PHQ-9 (and GAD-7) measures and risk assessments: safety, deterioration,
//! relapse and not on track (CLINICAL.md "Early warning", first four rows).
//!
//! Each rule is evaluated *at* a measure, looking at the series up to it: at the latest
//! measure always, and at every measure at or after `new_since`.

use super::input::{ClientData, Gad7Point, Phq9Point};
use super::messages::Rule;
use super::progress::{At, Phq9Progress, Scored};
use super::relapse::FlagRelapse;
use super::trigger::{Evidence, MeasureRole, Trigger};
use crate::outcomes::{
    BandSource, Change, PracticeCurves, RelapseKind, Scale, Timestamp, expected_band,
};

/// Not on track is judged from this measure number on (baseline = 0, so the 3rd measure).
pub const NOT_ON_TRACK_FROM_N: usize = 2;

/// The client's PHQ-9 responses in time order (stable).
pub(super) fn sorted_phq9(data: &ClientData) -> Vec<Phq9Point> {
    let mut points = data.phq9.clone();
    points.sort_by_key(|p| p.at);
    points
}

/// Whether the entry at `index` of `len` entries, taken at `at`, is evaluated.
pub(super) fn is_evaluated(
    index: usize,
    len: usize,
    at: Timestamp,
    new_since: Option<Timestamp>,
) -> bool {
    index + 1 == len || new_since.is_some_and(|since| at >= since)
}

fn measure(role: MeasureRole, p: &Phq9Point) -> Evidence {
    Evidence::Phq9 {
        role,
        at: p.at,
        total: p.total,
        item9: p.item9,
    }
}

/// The safety rule on one PHQ-9: item 9 ≥ 1 is critical; item 9 left unanswered is medium
/// (CLINICAL.md, the paragraph after the "Early warning" table).
fn item9_rule(p: &Phq9Point) -> Option<Trigger> {
    let rule = match p.item9 {
        Some(answer) if answer >= 1 => Rule::SafetyItem9,
        Some(_) => return None,
        None => Rule::SafetyItem9Unanswered,
    };
    Some(Trigger::new(rule, vec![measure(MeasureRole::Flagged, p)]))
}

/// The safety trigger of a PHQ-9 that was refused and not stored (too incomplete to score, an
/// answer out of range, or item 9 left blank), taken at `at`, whose item 9 was sent as
/// `item9` (`None`: left blank; the app passes only answers 0–3): the same rule as for a
/// stored one.
pub fn refused_phq9(at: Timestamp, item9: Option<u8>) -> Option<Trigger> {
    item9_rule(&Phq9Point {
        at,
        total: None,
        item9,
    })
}

/// Safety: PHQ-9 item 9 ≥ 1, whatever the total (even unscored, even outside the episode), or
/// left unanswered (medium); or the latest structured risk assessment judged risk high.
pub(super) fn safety(data: &ClientData, phq9: &[Phq9Point]) -> Vec<Trigger> {
    let mut triggers: Vec<Trigger> = phq9
        .iter()
        .enumerate()
        .filter(|(i, p)| is_evaluated(*i, phq9.len(), p.at, data.new_since))
        .filter_map(|(_, p)| item9_rule(p))
        .collect();
    if let Some(assessment) = data.risk_assessment.filter(|a| a.judged_high) {
        triggers.push(Trigger::new(
            Rule::SafetyRiskAssessment,
            vec![Evidence::RiskAssessment { at: assessment.at }],
        ));
    }
    triggers
}

/// Deterioration, relapse and not on track, over the episode's scored PHQ-9 measures: the
/// whole series, or the new measures after the fold of the earlier ones when the app hands
/// it in (`phq9_progress`).
pub(super) fn episode_rules(
    data: &ClientData,
    phq9: &[Phq9Point],
    practice: Option<&PracticeCurves>,
) -> Vec<Trigger> {
    let start = data.episode.map(|e| e.started_at);
    let series: Vec<Scored> = phq9
        .iter()
        .filter(|p| start.is_none_or(|s| p.at >= s))
        .filter_map(Scored::of)
        .collect();
    let mut progress = data
        .phq9_progress
        .clone()
        .unwrap_or_else(|| Phq9Progress::new(data.carried_in_remission));
    let mut triggers = Vec::new();
    for (i, &current) in series.iter().enumerate() {
        let (at, relapse) = progress.step(current);
        if is_evaluated(i, series.len(), current.point.at, data.new_since) {
            triggers.extend(deterioration(&at));
            triggers.extend(relapse.map(|event| relapse_trigger(&at, &event)));
            triggers.extend(not_on_track(&at, practice));
        }
    }
    triggers
}

/// Deterioration: PHQ-9 up ≥ 6 from the baseline, or from the lowest point before.
fn deterioration(at: &At) -> Vec<Trigger> {
    let worse_than = |earlier: &Scored| {
        Scale::Phq9.change(earlier.point.total, at.current.point.total)
            == Change::ReliableDeterioration
    };
    let mut triggers = Vec::new();
    if at.n == 0 {
        return triggers;
    }
    if worse_than(&at.baseline) {
        triggers.push(Trigger::new(
            Rule::DeteriorationFromBaseline,
            vec![
                at.current.evidence(MeasureRole::Flagged),
                at.baseline.evidence(MeasureRole::Baseline),
            ],
        ));
    }
    if let Some(low) = at.lowest_after_baseline.filter(|low| worse_than(low)) {
        triggers.push(Trigger::new(
            Rule::DeteriorationFromLowest,
            vec![
                at.current.evidence(MeasureRole::Flagged),
                low.evidence(MeasureRole::Lowest),
            ],
        ));
    }
    triggers
}

/// Relapse or recurrence: after a sustained remission, back at 10 or more (the first such
/// measure).
fn relapse_trigger(at: &At, event: &FlagRelapse) -> Trigger {
    let rule = match event.kind {
        RelapseKind::Relapse => Rule::Relapse,
        RelapseKind::Recurrence => Rule::Recurrence,
    };
    let mut evidence = vec![
        at.current.evidence(MeasureRole::Flagged),
        Evidence::Remission {
            since: event.remission.since,
            low: event.remission.low,
        },
    ];
    if let Some(p) = event.sustained_by {
        evidence.push(Evidence::Phq9 {
            role: MeasureRole::Sustained,
            at: p.at,
            total: Some(p.total),
            item9: None,
        });
    }
    if let Some(ended_at) = event.carried_from {
        evidence.push(Evidence::CarriedRemission { ended_at });
    }
    Trigger::new(rule, evidence)
}

/// Not on track: from the 3rd measure on, above the edge of the expected-recovery band.
fn not_on_track(at: &At, practice: Option<&PracticeCurves>) -> Option<Trigger> {
    if at.n < NOT_ON_TRACK_FROM_N {
        return None;
    }
    let n = u32::try_from(at.n).unwrap_or(u32::MAX);
    let band = expected_band(at.baseline.point.total, n, practice);
    if !band.is_worse(at.current.point.total) {
        return None;
    }
    let rule = match band.source {
        BandSource::Default => Rule::NotOnTrackDefault,
        BandSource::Practice => Rule::NotOnTrackPractice,
    };
    Some(Trigger::new(
        rule,
        vec![
            at.current.evidence(MeasureRole::Flagged),
            at.baseline.evidence(MeasureRole::Baseline),
            Evidence::ExpectedBand {
                n,
                expected: band.expected,
                edge: band.edge,
                source: band.source,
            },
        ],
    ))
}

/// GAD-7 deterioration (CLINICAL.md "deterioration | … GAD-7 up ≥ 4 likewise when GAD-7 is a
/// target measure of the treatment plan"): up 4 or more from the episode's first GAD-7, or
/// from the lowest before the one judged, at the latest GAD-7 and at every one since
/// `new_since`. Silent unless the GAD-7 is a target measure.
pub(super) fn gad7_deterioration(data: &ClientData) -> Vec<Trigger> {
    if !data.gad7_is_target {
        return Vec::new();
    }
    let start = data.episode.map(|e| e.started_at);
    let mut series: Vec<Gad7Point> = data
        .gad7
        .iter()
        .filter(|p| start.is_none_or(|s| p.at >= s))
        .copied()
        .collect();
    series.sort_by_key(|p| p.at);
    let Some(&baseline) = series.first() else {
        return Vec::new();
    };
    let evidence = |role: MeasureRole, p: &Gad7Point| Evidence::Gad7 {
        role,
        at: p.at,
        total: p.total,
    };
    let worse = |earlier: &Gad7Point, now: &Gad7Point| {
        Scale::Gad7.change(earlier.total, now.total) == Change::ReliableDeterioration
    };
    let mut triggers = Vec::new();
    let mut lowest_after_baseline: Option<Gad7Point> = None;
    for (n, current) in series.iter().enumerate() {
        if n > 0 && is_evaluated(n, series.len(), current.at, data.new_since) {
            if worse(&baseline, current) {
                triggers.push(Trigger::new(
                    Rule::Gad7DeteriorationFromBaseline,
                    vec![
                        evidence(MeasureRole::Flagged, current),
                        evidence(MeasureRole::Baseline, &baseline),
                    ],
                ));
            }
            if let Some(low) = lowest_after_baseline.filter(|low| worse(low, current)) {
                triggers.push(Trigger::new(
                    Rule::Gad7DeteriorationFromLowest,
                    vec![
                        evidence(MeasureRole::Flagged, current),
                        evidence(MeasureRole::Lowest, &low),
                    ],
                ));
            }
        }
        let lowest_total = lowest_after_baseline.map_or(baseline.total, |l| l.total);
        if n > 0 && current.total < lowest_total {
            lowest_after_baseline = Some(*current);
        }
    }
    triggers
}
