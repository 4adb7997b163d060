//! GAD-7 (CLINICAL.md, "GAD-7 (anxiety)"). The item texts are the published wording (and
//! LOINC's displays); CLINICAL.md names them by their key words.

use super::answers;
use super::band::{Band, BandRange};
use super::definition::{Code, Definition, FREQUENCY, Item};
use super::instrument::Instrument;
use super::score::Score;
use crate::Result;

pub(super) const DEFINITION: Definition = Definition {
    instrument: Instrument::Gad7,
    title: "Generalized Anxiety Disorder scale (GAD-7)",
    stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    items: &[
        item(1, "Feeling nervous, anxious or on edge", "69725-0"),
        item(2, "Not being able to stop or control worrying", "68509-9"),
        item(3, "Worrying too much about different things", "69733-4"),
        item(4, "Trouble relaxing", "69734-2"),
        item(
            5,
            "Being so restless that it is hard to sit still",
            "69735-9",
        ),
        item(6, "Becoming easily annoyed or irritable", "69689-8"),
        item(
            7,
            "Feeling afraid as if something awful might happen",
            "69736-7",
        ),
    ],
    unscored_items: &[],
    panel_codes: &[Code::loinc("69737-5")],
    total_codes: &[Code::loinc("70274-6")],
    max_total: 21,
    bands: &[
        BandRange {
            band: Band::Minimal,
            min: 0,
            max: 4,
        },
        BandRange {
            band: Band::Mild,
            min: 5,
            max: 9,
        },
        BandRange {
            band: Band::Moderate,
            min: 10,
            max: 14,
        },
        BandRange {
            band: Band::Severe,
            min: 15,
            max: 21,
        },
    ],
    caseness_at: Some(8),
    minutes_to_complete: 2,
};

pub(super) fn score(answers: &[Option<i64>], difficulty: Option<i64>) -> Result<Score> {
    let read = answers::read(&DEFINITION, answers)?;
    answers::refuse_difficulty(&DEFINITION, difficulty)?;
    let values = answers::require_all(&DEFINITION, &read)?;
    Ok(Score::new(
        Instrument::Gad7,
        read,
        answers::total(answers::sum(values)),
    ))
}

const fn item(number: u8, text: &'static str, loinc: &'static str) -> Item {
    Item {
        number,
        text,
        code: Code::loinc(loinc),
        options: FREQUENCY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn gad7(answers: &[Option<i64>]) -> Result<Score> {
        Instrument::Gad7.score(answers, None)
    }

    fn with_total(total: i64) -> Vec<Option<i64>> {
        let mut left = total;
        (0..7)
            .map(|_| {
                let v = left.min(3);
                left -= v;
                Some(v)
            })
            .collect()
    }

    // CLINICAL.md GAD-7: codes, key words of each item, "Same 0–3 answers" ("Not at all").
    #[test]
    fn definition_matches_clinical_md() {
        let clinical = [
            ("nervous, anxious or on edge", "69725-0"),
            ("not being able to stop or control worrying", "68509-9"),
            ("worrying too much about different things", "69733-4"),
            ("trouble relaxing", "69734-2"),
            ("so restless that it is hard to sit still", "69735-9"),
            ("easily annoyed or irritable", "69689-8"),
            ("afraid as if something awful might happen", "69736-7"),
        ];
        assert_eq!(DEFINITION.items.len(), 7);
        for (item, (words, code)) in DEFINITION.items.iter().zip(clinical) {
            assert!(item.text.to_lowercase().contains(words), "{}", item.text);
            assert_eq!(item.code, Code::loinc(code));
        }
        assert_eq!(DEFINITION.panel_codes, &[Code::loinc("69737-5")]);
        assert_eq!(DEFINITION.total_codes, &[Code::loinc("70274-6")]);
        assert_eq!(DEFINITION.items[0].options[0].label, "Not at all");
    }

    // CLINICAL.md GAD-7 "bands 0–4 minimal · 5–9 mild · 10–14 moderate · 15–21 severe".
    #[test]
    fn band_edges() {
        let cases = [
            (0, Band::Minimal),
            (4, Band::Minimal),
            (5, Band::Mild),
            (9, Band::Mild),
            (10, Band::Moderate),
            (14, Band::Moderate),
            (15, Band::Severe),
            (21, Band::Severe),
        ];
        for (total, band) in cases {
            let s = gad7(&with_total(total)).unwrap();
            assert_eq!(i64::from(s.total), total);
            assert_eq!(s.band, Some(band), "total {total}");
        }
    }

    // CLINICAL.md "Caseness: … GAD-7 ≥ 8".
    #[test]
    fn caseness_from_eight() {
        assert_eq!(gad7(&with_total(7)).unwrap().caseness, Some(false));
        assert_eq!(gad7(&with_total(8)).unwrap().caseness, Some(true));
    }

    // CLINICAL.md "Instruments": no proration for the GAD-7; every item required.
    #[test]
    fn validation_errors_name_the_field() {
        let mut a = with_total(7);
        a[6] = None;
        let e = gad7(&a).unwrap_err();
        assert_eq!(e.field, "answers[6]");
        assert_eq!(e.message, "Choose an answer for question 7.");
        a[6] = Some(3);
        a[2] = Some(5);
        assert_eq!(gad7(&a).unwrap_err().field, "answers[2]");
        assert_eq!(gad7(&[Some(0); 9]).unwrap_err().field, "answers");
        assert_eq!(
            Instrument::Gad7
                .score(&with_total(3), Some(0))
                .unwrap_err()
                .field,
            "difficulty"
        );
    }

    proptest! {
        // CLINICAL.md GAD-7 "Total 0–21".
        #[test]
        fn total_is_the_sum(values in proptest::collection::vec(0i64..=3, 7)) {
            let a: Vec<Option<i64>> = values.iter().copied().map(Some).collect();
            let s = gad7(&a).unwrap();
            prop_assert_eq!(i64::from(s.total), values.iter().sum::<i64>());
            prop_assert!(!s.prorated);
        }
    }
}
