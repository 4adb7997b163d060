//! Tests of the early-warning rules, each naming the CLINICAL.md "Early warning" row it checks.

pub(super) use super::*;
pub(super) use crate::outcomes::{Day, SECONDS_PER_DAY, Timestamp};

mod daily_rules;
mod engagement_rules;
mod measures_rules;
mod progress_equivalence;
mod properties;
mod routing;
mod self_harm_rules;

pub(super) const TODAY: i64 = 1_000;

pub(super) fn week(i: i64) -> Timestamp {
    Timestamp(i * 7 * SECONDS_PER_DAY)
}

/// A client in an active episode that started at week 0, evaluated on day 1000 (a check-in
/// that day keeps "no check-in for 14 days" quiet).
pub(super) fn client() -> ClientData {
    ClientData {
        now: Timestamp(TODAY * SECONDS_PER_DAY + 3_600),
        today: Day(TODAY),
        episode: Some(Episode {
            started_at: Timestamp(0),
            started_on: Day(0),
            phase: Phase::Active,
        }),
        check_ins: vec![ok_check_in(TODAY)],
        ..ClientData::default()
    }
}

/// Weekly PHQ-9 totals from week 0; item 9 is 0.
pub(super) fn with_phq9(totals: &[u8]) -> ClientData {
    ClientData {
        phq9: totals
            .iter()
            .enumerate()
            .map(|(i, &t)| Phq9Point {
                at: week(i as i64),
                total: Some(t),
                item9: Some(0),
            })
            .collect(),
        ..client()
    }
}

pub(super) fn ok_check_in(day: i64) -> CheckIn {
    CheckIn {
        day: Day(day),
        mood: 6,
        sleep_hours: 7.5,
        medication: Medication::Taken,
        warning_signs: vec![],
        self_harm_thoughts: None,
    }
}

pub(super) fn rules(data: &ClientData) -> Vec<&'static str> {
    evaluate(data, None).iter().map(|t| t.rule_id).collect()
}

pub(super) fn fires(data: &ClientData, rule: Rule) -> bool {
    evaluate(data, None).iter().any(|t| t.rule_id == rule.id())
}

pub(super) fn only(data: &ClientData, rule: Rule) -> Trigger {
    let found: Vec<Trigger> = evaluate(data, None)
        .into_iter()
        .filter(|t| t.rule_id == rule.id())
        .collect();
    assert_eq!(found.len(), 1, "{rule:?}: {found:#?}");
    found.into_iter().next().unwrap()
}
