//! Side effects, from the FIBSER (CLINICAL.md "Early warning", row "side effects"; "FIBSER":
//! "Burden decides"): burden 3–4 a medium flag, 5–6 a high one. The flag reaches the
//! prescriber on the care team (the app sees to that).
//!
//! Evaluated at the latest FIBSER, and at every FIBSER at or after `new_since`, like the
//! other measures.

use super::input::{ClientData, FibserPoint};
use super::messages::Rule;
use super::scores::is_evaluated;
use super::trigger::{Evidence, Trigger};
use crate::measures::BurdenAction;

/// The rule a burden fires, if any.
pub fn side_effects_rule(burden: u8) -> Option<Rule> {
    match BurdenAction::of(burden) {
        BurdenAction::NoChange => None,
        BurdenAction::Address => Some(Rule::SideEffectsBurden),
        BurdenAction::ReduceOrSwitch => Some(Rule::SideEffectsBurdenHigh),
    }
}

pub(super) fn side_effects(data: &ClientData) -> Vec<Trigger> {
    let mut points: Vec<FibserPoint> = data.fibser.clone();
    points.sort_by_key(|p| p.at);
    points
        .iter()
        .enumerate()
        .filter(|(i, p)| is_evaluated(*i, points.len(), p.at, data.new_since))
        .filter_map(|(_, p)| {
            side_effects_rule(p.burden).map(|rule| {
                Trigger::new(
                    rule,
                    vec![Evidence::Fibser {
                        at: p.at,
                        frequency: p.frequency,
                        intensity: p.intensity,
                        burden: p.burden,
                    }],
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{FlagKind, Level};
    use super::*;
    use crate::outcomes::Timestamp;
    use proptest::prelude::*;

    fn with(burdens: &[u8]) -> ClientData {
        ClientData {
            now: Timestamp(1_000_000),
            fibser: burdens
                .iter()
                .enumerate()
                .map(|(i, &burden)| FibserPoint {
                    at: Timestamp(i as i64 * 604_800),
                    frequency: 3,
                    intensity: 3,
                    burden,
                })
                .collect(),
            ..ClientData::default()
        }
    }

    // CLINICAL.md "Early warning", side effects: "FIBSER burden 3–4 (medium) or 5–6 (high)".
    #[test]
    fn burden_three_is_medium_five_is_high_two_is_nothing() {
        assert!(side_effects(&with(&[2])).is_empty());
        let t = side_effects(&with(&[3]));
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].kind, t[0].level),
            (FlagKind::SideEffects, Level::Medium)
        );
        assert_eq!(side_effects(&with(&[4]))[0].level, Level::Medium);
        assert_eq!(side_effects(&with(&[5]))[0].level, Level::High);
        let t = side_effects(&with(&[6]));
        assert_eq!(
            (t[0].rule_id, t[0].level),
            ("side_effects_burden_high", Level::High)
        );
        assert!(matches!(
            t[0].evidence[0],
            Evidence::Fibser { burden: 6, .. }
        ));
    }

    // "Evaluated at the latest": an earlier high burden followed by a low one is quiet.
    #[test]
    fn only_the_latest_counts_without_new_since() {
        assert!(side_effects(&with(&[6, 1])).is_empty());
        assert_eq!(side_effects(&with(&[1, 4])).len(), 1);
    }

    proptest! {
        // The level never falls as the burden rises, and nothing fires below 3.
        #[test]
        fn level_is_monotone_in_burden(a in 0u8..=6, b in 0u8..=6) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let level = |x: u8| side_effects(&with(&[x])).first().map(|t| t.level);
            prop_assert!(level(lo) <= level(hi));
            prop_assert_eq!(level(lo).is_none(), lo < 3);
        }
    }
}
