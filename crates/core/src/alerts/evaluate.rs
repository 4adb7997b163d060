//! One entry point: every rule of CLINICAL.md "Early warning" over one client's data.

use super::alliance::alliance;
use super::daily::warning_signs;
use super::engagement::disengagement;
use super::input::ClientData;
use super::scores::{episode_rules, gad7_deterioration, safety, sorted_phq9};
use super::self_harm::self_harm;
use super::side_effects::side_effects;
use super::trigger::Trigger;
use crate::outcomes::PracticeCurves;

/// Evaluates every early-warning rule as of `data.now` / `data.today` and returns the
/// triggers, ordered by kind as in the CLINICAL.md table (safety first). A rule may fire
/// more than once (several sub-rules, or several new measures); [`super::route_triggers`]
/// folds them into one flag per kind.
///
/// `practice`: the practice's own expected-recovery curves, when it has any; the default
/// curve is used otherwise (see [`crate::outcomes::expected_band`]).
///
/// Never panics and never refuses data: lists may come in any order and are sorted here.
pub fn evaluate(data: &ClientData, practice: Option<&PracticeCurves>) -> Vec<Trigger> {
    let phq9 = sorted_phq9(data);
    let mut triggers = safety(data, &phq9);
    triggers.extend(self_harm(data));
    triggers.extend(episode_rules(data, &phq9, practice));
    triggers.extend(gad7_deterioration(data));
    triggers.extend(warning_signs(data));
    triggers.extend(disengagement(data));
    triggers.extend(alliance(data));
    triggers.extend(side_effects(data));
    triggers.sort_by_key(|t| t.kind);
    triggers
}
