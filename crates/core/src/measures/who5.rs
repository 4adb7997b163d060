//! WHO-5 Well-Being Index (CLINICAL.md, "WHO-5 (well-being)"). The item texts are the
//! published wording; CLINICAL.md names them by their key words. No LOINC code is known, so
//! the codes are local, with SNOMED CT's for the index value.

use super::answers;
use super::definition::{AnswerOption, Code, Definition, Item};
use super::instrument::Instrument;
use super::score::Score;
use crate::Result;

pub(super) const OPTIONS: &[AnswerOption] = &[
    option(5, "All of the time"),
    option(4, "Most of the time"),
    option(3, "More than half of the time"),
    option(2, "Less than half of the time"),
    option(1, "Some of the time"),
    option(0, "At no time"),
];

pub(super) const DEFINITION: Definition = Definition {
    instrument: Instrument::Who5,
    title: "WHO-5 Well-Being Index",
    stem: "Over the last two weeks:",
    items: &[
        item(
            1,
            "I have felt cheerful and in good spirits",
            "rapport-who5-1",
        ),
        item(2, "I have felt calm and relaxed", "rapport-who5-2"),
        item(3, "I have felt active and vigorous", "rapport-who5-3"),
        item(4, "I woke up feeling fresh and rested", "rapport-who5-4"),
        item(
            5,
            "My daily life has been filled with things that interest me",
            "rapport-who5-5",
        ),
    ],
    unscored_items: &[],
    panel_codes: &[Code::local("rapport-who5")],
    total_codes: &[Code::local("rapport-who5-raw")],
    max_total: 25,
    bands: &[],
    caseness_at: None,
    minutes_to_complete: 2,
};

/// The percentage (0–100). SNOMED CT 1144665009 is "5-item World Health Organization
/// Well-being Index value", used in Denmark.
pub const PERCENTAGE_CODES: &[Code] = &[
    Code::local("rapport-who5-percentage"),
    Code::snomed("1144665009"),
];

/// A raw score below this is poor well-being.
pub const POOR_BELOW_RAW: u8 = 13;
/// Any item at or below this is poor well-being.
pub const POOR_ITEM_AT_MOST: u8 = 1;
/// A percentage at or below this suggests depression.
pub const DEPRESSION_AT_MOST_PERCENT: u8 = 28;
/// A change of this many percentage points is meaningful.
pub const MEANINGFUL_CHANGE_PERCENT: u8 = 10;

pub(super) fn score(answers: &[Option<i64>], difficulty: Option<i64>) -> Result<Score> {
    let read = answers::read(&DEFINITION, answers)?;
    answers::refuse_difficulty(&DEFINITION, difficulty)?;
    let values = answers::require_all(&DEFINITION, &read)?;
    let low_item = values.iter().any(|&v| v <= POOR_ITEM_AT_MOST);
    let mut score = Score::new(Instrument::Who5, read, answers::total(answers::sum(values)));
    let percentage = score.total.saturating_mul(4);
    let poor = score.total < POOR_BELOW_RAW || low_item;
    score.percentage = Some(percentage);
    score.poor_wellbeing = Some(poor);
    score.suggests_depression = Some(percentage <= DEPRESSION_AT_MOST_PERCENT);
    score.follow_up = poor.then_some(Instrument::Phq9);
    Ok(score)
}

const fn option(value: u8, label: &'static str) -> AnswerOption {
    AnswerOption {
        value,
        label,
        code: None,
    }
}

const fn item(number: u8, text: &'static str, code: &'static str) -> Item {
    Item {
        number,
        text,
        code: Code::local(code),
        options: OPTIONS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn who5(values: [i64; 5]) -> Result<Score> {
        let a: Vec<Option<i64>> = values.iter().copied().map(Some).collect();
        Instrument::Who5.score(&a, None)
    }

    // CLINICAL.md WHO-5: the five items' key words, in order; the answers 5 … 0 and labels.
    #[test]
    fn definition_matches_clinical_md() {
        let clinical = [
            "cheerful and in good spirits",
            "calm and relaxed",
            "active and vigorous",
            "woke up fresh and rested",
            "daily life filled with things that interest me",
        ];
        for (item, words) in DEFINITION.items.iter().zip(clinical) {
            let text = item.text.to_lowercase();
            let mut rest = text.as_str();
            for w in words.split(' ') {
                let at = rest.find(w);
                assert!(at.is_some(), "{w:?} in {:?}", item.text);
                rest = &rest[at.unwrap_or(0) + w.len()..];
            }
        }
        let options: Vec<(u8, &str)> = OPTIONS.iter().map(|o| (o.value, o.label)).collect();
        assert_eq!(
            options,
            [
                (5, "All of the time"),
                (4, "Most of the time"),
                (3, "More than half of the time"),
                (2, "Less than half of the time"),
                (1, "Some of the time"),
                (0, "At no time"),
            ]
        );
        assert!(PERCENTAGE_CODES.contains(&Code::snomed("1144665009")));
        assert!(
            DEFINITION
                .panel_codes
                .iter()
                .all(|c| c.system != super::super::CodeSystem::Loinc)
        );
    }

    // CLINICAL.md WHO-5 "Raw < 13 … poor well-being, ask for a PHQ-9": 12 vs 13.
    #[test]
    fn raw_twelve_is_poor_thirteen_is_not() {
        let s = who5([3, 3, 2, 2, 2]).unwrap();
        assert_eq!((s.total, s.percentage), (12, Some(48)));
        assert_eq!(s.poor_wellbeing, Some(true));
        assert_eq!(s.follow_up, Some(Instrument::Phq9));
        let s = who5([3, 3, 3, 2, 2]).unwrap();
        assert_eq!((s.total, s.percentage), (13, Some(52)));
        assert_eq!(s.poor_wellbeing, Some(false));
        assert_eq!(s.follow_up, None);
        assert_eq!((s.band, s.caseness, s.item9), (None, None, None));
    }

    // CLINICAL.md WHO-5 "or any item 0–1: poor well-being", even with a high raw score.
    #[test]
    fn an_item_at_one_is_poor() {
        let s = who5([5, 5, 5, 5, 1]).unwrap();
        assert_eq!((s.total, s.poor_wellbeing), (21, Some(true)));
        assert_eq!(s.follow_up, Some(Instrument::Phq9));
        assert_eq!(who5([5, 5, 5, 5, 0]).unwrap().poor_wellbeing, Some(true));
        assert_eq!(who5([5, 5, 5, 5, 2]).unwrap().poor_wellbeing, Some(false));
    }

    // CLINICAL.md WHO-5 "≤ 28 (of 100) suggests depression": raw 7 (28) vs 8 (32).
    #[test]
    fn twenty_eight_percent_suggests_depression() {
        assert_eq!(
            who5([2, 2, 1, 1, 1]).unwrap().suggests_depression,
            Some(true)
        );
        assert_eq!(
            who5([2, 2, 2, 1, 1]).unwrap().suggests_depression,
            Some(false)
        );
        assert_eq!(who5([5; 5]).unwrap().percentage, Some(100));
        assert_eq!(who5([0; 5]).unwrap().percentage, Some(0));
    }

    // CLINICAL.md "Instruments": every WHO-5 item required, 0–5.
    #[test]
    fn validation_errors_name_the_field() {
        let e = who5([3, 3, 6, 3, 3]).unwrap_err();
        assert_eq!(e.field, "answers[2]");
        assert!(e.message.contains("from 0 to 5"), "{}", e.message);
        let e = Instrument::Who5
            .score(&[Some(1), Some(1), Some(1), Some(1), None], None)
            .unwrap_err();
        assert_eq!(e.field, "answers[4]");
        assert_eq!(e.message, "Choose an answer for question 5.");
        assert_eq!(
            Instrument::Who5
                .score(&[Some(1); 4], None)
                .unwrap_err()
                .field,
            "answers"
        );
    }

    proptest! {
        // CLINICAL.md WHO-5 "Raw 0–25, ×4 = 0–100".
        #[test]
        fn percentage_is_raw_times_four(values in proptest::collection::vec(0i64..=5, 5)) {
            let a: Vec<Option<i64>> = values.iter().copied().map(Some).collect();
            let s = Instrument::Who5.score(&a, None).unwrap();
            prop_assert_eq!(i64::from(s.total), values.iter().sum::<i64>());
            prop_assert_eq!(s.percentage.map(u32::from), Some(u32::from(s.total) * 4));
        }
    }
}
