//! FIBSER, the Frequency, Intensity and Burden of Side Effects Rating (CLINICAL.md, "FIBSER
//! (medication side effects)"): three self-rated items on the past week, each 0–6. There is
//! no total: the burden item decides what to do, so the burden is what Rapport stores as the
//! measure's `total` (0–6), and the three answers are kept as its items. No LOINC code is
//! known; the codes are local.

use super::answers;
use super::definition::{AnswerOption, Code, Definition, Item};
use super::instrument::Instrument;
use super::score::Score;
use crate::Result;

/// CLINICAL.md: "keep that notice with the items".
pub const NOTICE: &str = "FIBSER: Wisniewski SR et al., J Psychiatr Pract 2006;12:71–79 \
(STAR*D). Revised wording: Lam RW, University of British Columbia, 2018; free for use by \
clinicians and for non-profit research.";

/// Burden at or above this needs addressing (dose, timing, an antidote): a medium flag.
pub const ADDRESS_AT: u8 = 3;
/// Burden at or above this calls for a lower dose or another medicine: a high flag.
pub const REDUCE_OR_SWITCH_AT: u8 = 5;

const fn option(value: u8, label: &'static str) -> AnswerOption {
    AnswerOption {
        value,
        label,
        code: None,
    }
}

const FREQUENCY: &[AnswerOption] = &[
    option(0, "0 · No side effects"),
    option(1, "1"),
    option(2, "2 · Present 10–25% of the time"),
    option(3, "3"),
    option(4, "4 · Present 50–75% of the time"),
    option(5, "5"),
    option(6, "6 · Present 90–100% of the time"),
];

const INTENSITY: &[AnswerOption] = &[
    option(0, "0 · No side effects"),
    option(1, "1"),
    option(2, "2 · Trivial"),
    option(3, "3"),
    option(4, "4 · Moderate"),
    option(5, "5"),
    option(6, "6 · Intolerable"),
];

const BURDEN: &[AnswerOption] = &[
    option(0, "0 · No impairment"),
    option(1, "1"),
    option(2, "2 · Minimal impairment"),
    option(3, "3"),
    option(4, "4 · Moderate impairment"),
    option(5, "5"),
    option(6, "6 · Unable to function"),
];

pub(super) const DEFINITION: Definition = Definition {
    instrument: Instrument::Fibser,
    title: "Side effects of your medicine (FIBSER)",
    stem: "Think of the side effects of your medicine for depression over the past week.",
    items: &[
        Item {
            number: 1,
            text: "Frequency: how often have you had side effects?",
            code: Code::local("rapport-fibser-frequency"),
            options: FREQUENCY,
        },
        Item {
            number: 2,
            text: "Intensity: how strong were the side effects at their worst?",
            code: Code::local("rapport-fibser-intensity"),
            options: INTENSITY,
        },
        Item {
            number: 3,
            text: "Burden: how much have the side effects got in the way of your day-to-day activities?",
            code: Code::local("rapport-fibser-burden"),
            options: BURDEN,
        },
    ],
    unscored_items: &[],
    panel_codes: &[Code::local("rapport-fibser")],
    total_codes: &[Code::local("rapport-fibser-burden-score")],
    // The burden item's maximum: the "total" is the burden.
    max_total: 6,
    bands: &[],
    caseness_at: None,
    minutes_to_complete: 1,
};

/// What the burden calls for (CLINICAL.md FIBSER: "Burden decides").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BurdenAction {
    /// 0–2: no change needed.
    NoChange,
    /// 3–4: the side effects need addressing (dose, timing, an antidote).
    Address,
    /// 5–6: reduce the dose or switch.
    ReduceOrSwitch,
}

impl BurdenAction {
    pub fn of(burden: u8) -> BurdenAction {
        if burden >= REDUCE_OR_SWITCH_AT {
            BurdenAction::ReduceOrSwitch
        } else if burden >= ADDRESS_AT {
            BurdenAction::Address
        } else {
            BurdenAction::NoChange
        }
    }

    /// In plain words, for the client and the prescriber.
    pub fn label(self) -> &'static str {
        match self {
            BurdenAction::NoChange => "no change needed",
            BurdenAction::Address => "the side effects need addressing (dose, timing, or a remedy)",
            BurdenAction::ReduceOrSwitch => "a lower dose or another medicine may be needed",
        }
    }
}

pub(super) fn score(answers: &[Option<i64>], difficulty: Option<i64>) -> Result<Score> {
    let read = answers::read(&DEFINITION, answers)?;
    answers::refuse_difficulty(&DEFINITION, difficulty)?;
    let values = answers::require_all(&DEFINITION, &read)?;
    let burden = values.get(2).copied().unwrap_or(0);
    Ok(Score::new(Instrument::Fibser, read, burden))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fibser(values: [i64; 3]) -> Result<Score> {
        let a: Vec<Option<i64>> = values.iter().copied().map(Some).collect();
        Instrument::Fibser.score(&a, None)
    }

    // CLINICAL.md FIBSER: "three self-rated items … each 0–6: how often …, how intense at
    // their worst, how much they got in the way of daily activities".
    #[test]
    fn three_items_each_zero_to_six() {
        assert_eq!(DEFINITION.items.len(), 3);
        for (item, word) in DEFINITION
            .items
            .iter()
            .zip(["often", "worst", "in the way"])
        {
            assert!(item.text.contains(word), "{}", item.text);
            assert_eq!((item.min_value(), item.max_value()), (0, 6));
            assert_eq!(item.options.len(), 7);
        }
        assert!(NOTICE.contains("Lam") && NOTICE.contains("non-profit research"));
    }

    // CLINICAL.md FIBSER: "Burden decides": the stored total is the burden.
    #[test]
    fn the_total_is_the_burden() {
        let s = fibser([6, 6, 1]).unwrap();
        assert_eq!(s.total, 1);
        assert_eq!(s.answers, vec![Some(6), Some(6), Some(1)]);
        assert_eq!(
            (s.band, s.caseness, s.item9, s.follow_up),
            (None, None, None, None)
        );
    }

    // CLINICAL.md FIBSER: "0–2 no change needed; 3–4 … need addressing; 5–6 reduce or switch".
    #[test]
    fn burden_bands_at_their_edges() {
        assert_eq!(BurdenAction::of(0), BurdenAction::NoChange);
        assert_eq!(BurdenAction::of(2), BurdenAction::NoChange);
        assert_eq!(BurdenAction::of(3), BurdenAction::Address);
        assert_eq!(BurdenAction::of(4), BurdenAction::Address);
        assert_eq!(BurdenAction::of(5), BurdenAction::ReduceOrSwitch);
        assert_eq!(BurdenAction::of(6), BurdenAction::ReduceOrSwitch);
    }

    // CLINICAL.md "Instruments": out of range, missing or the wrong count is refused, naming
    // the item.
    #[test]
    fn validation_errors_name_the_item() {
        let e = fibser([1, 7, 1]).unwrap_err();
        assert_eq!(e.field, "answers[1]");
        assert!(e.message.contains("from 0 to 6"), "{}", e.message);
        let e = Instrument::Fibser
            .score(&[Some(1), Some(1), None], None)
            .unwrap_err();
        assert_eq!(e.field, "answers[2]");
        assert_eq!(
            Instrument::Fibser
                .score(&[Some(1); 2], None)
                .unwrap_err()
                .field,
            "answers"
        );
        let e = Instrument::Fibser
            .score(&[Some(1); 3], Some(1))
            .unwrap_err();
        assert_eq!(e.field, "difficulty");
    }

    proptest! {
        // CLINICAL.md FIBSER: any three answers 0–6 are scored, the burden is the total, and
        // the action never falls as the burden rises.
        #[test]
        fn any_valid_answers_score_to_their_burden(
            f in 0i64..=6, i in 0i64..=6, b in 0i64..=6, c in 0u8..=6,
        ) {
            let s = fibser([f, i, b]).unwrap();
            prop_assert_eq!(i64::from(s.total), b);
            let lower = c.min(s.total);
            prop_assert!(BurdenAction::of(lower) <= BurdenAction::of(s.total));
        }
    }
}
