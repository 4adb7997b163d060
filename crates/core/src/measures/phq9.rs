//! PHQ-9 (CLINICAL.md, "PHQ-9 (depression)").

use super::answers::{self, field};
use super::band::{Band, BandRange};
use super::definition::{AnswerOption, Code, Definition, FREQUENCY, Item};
use super::instrument::Instrument;
use super::messages;
use super::score::Score;
use crate::{Error, Result};

pub(super) const ITEMS: &[Item] = &[
    item(1, "Little interest or pleasure in doing things", "44250-9"),
    item(2, "Feeling down, depressed, or hopeless", "44255-8"),
    item(
        3,
        "Trouble falling or staying asleep, or sleeping too much",
        "44259-0",
    ),
    item(4, "Feeling tired or having little energy", "44254-1"),
    item(5, "Poor appetite or overeating", "44251-7"),
    item(
        6,
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "44258-2",
    ),
    item(
        7,
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "44252-5",
    ),
    item(
        8,
        "Moving or speaking so slowly that other people could have noticed. Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
        "44253-3",
    ),
    item(
        9,
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
        "44260-8",
    ),
];

/// Item 10: asked, stored, never scored.
pub const DIFFICULTY: Item = Item {
    number: 10,
    text: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
    code: Code::loinc("69722-7"),
    options: &[
        AnswerOption {
            value: 0,
            label: "Not difficult at all",
            code: Some(Code::loinc("LA6572-7")),
        },
        AnswerOption {
            value: 1,
            label: "Somewhat difficult",
            code: Some(Code::loinc("LA6573-5")),
        },
        AnswerOption {
            value: 2,
            label: "Very difficult",
            code: Some(Code::loinc("LA6575-0")),
        },
        AnswerOption {
            value: 3,
            label: "Extremely difficult",
            code: Some(Code::loinc("LA6574-3")),
        },
    ],
};

pub(super) const DEFINITION: Definition = Definition {
    instrument: Instrument::Phq9,
    title: "Patient Health Questionnaire (PHQ-9)",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items: ITEMS,
    unscored_items: &[DIFFICULTY],
    panel_codes: &[Code::loinc("44249-1")],
    total_codes: &[Code::loinc("44261-6"), Code::snomed("720433000")],
    max_total: 27,
    bands: &[
        band(Band::Minimal, 0, 4),
        band(Band::Mild, 5, 9),
        band(Band::Moderate, 10, 14),
        band(Band::ModeratelySevere, 15, 19),
        band(Band::Severe, 20, 27),
    ],
    caseness_at: Some(10),
    minutes_to_complete: 3,
};

/// At most this many of items 1–8 may be left out and prorated.
const MAX_PRORATED: usize = 2;

/// Zero-based index of item 9, which is never prorated.
const ITEM9: usize = 8;

string_enum! {
    /// The PHQ-9 diagnostic algorithm's result (CLINICAL.md, "Major depressive syndrome").
    /// A screening result for the clinician, not a diagnosis.
    Syndrome {
        Major => "major", "Major depressive syndrome";
        Other => "other", "Other depressive syndrome";
        NotIndicated => "none", "No depressive syndrome";
    }
}

/// Item 9 (thoughts of being better off dead or of self-harm) as sent, when answered above 0
/// (1–3) — whatever else is wrong with the answers: a form refused for another reason still
/// shows the crisis resources and raises the safety flag (CLINICAL.md, "Early warning").
pub fn positive_item9(answers: &[Option<i64>]) -> Option<u8> {
    answers
        .get(ITEM9)
        .copied()
        .flatten()
        .and_then(|v| u8::try_from(v).ok())
        .filter(|v| (1..=3).contains(v))
}

/// Item 9 left blank: all nine answers were sent and the ninth is empty (CLINICAL.md "Item 9
/// left unanswered": a medium safety flag). A response cut short is refused for its length
/// and is not read as a blank item 9.
pub fn blank_item9(answers: &[Option<i64>]) -> bool {
    answers.len() == DEFINITION.items.len() && answers.get(ITEM9) == Some(&None)
}

pub(super) fn score(answers: &[Option<i64>], difficulty: Option<i64>) -> Result<Score> {
    let answers = answers::read(&DEFINITION, answers)?;
    let difficulty = answers::read_one(&DIFFICULTY, difficulty, "difficulty")?;
    let item9 = answers
        .get(ITEM9)
        .copied()
        .flatten()
        .ok_or_else(|| Error::invalid(field(ITEM9), messages::item9_required()))?;
    let missing: Vec<usize> = (0..answers.len())
        .filter(|&i| answers[i].is_none())
        .collect();
    if missing.len() > MAX_PRORATED {
        let numbers: Vec<u8> = missing.iter().map(|&i| ITEMS[i].number).collect();
        return Err(Error::invalid(
            field(missing[0]),
            messages::too_many_missing(&numbers),
        ));
    }
    let answered: Vec<u8> = answers.iter().flatten().copied().collect();
    let sum = answers::sum(answered.iter().copied());
    let total = if missing.is_empty() {
        sum
    } else {
        prorate(sum, answered.len())
    };
    let mut score = Score::new(Instrument::Phq9, answers, answers::total(total));
    score.syndrome = Some(syndrome(&score.answers));
    score.prorated = !missing.is_empty();
    score.item9 = Some(item9);
    score.difficulty = difficulty;
    Ok(score)
}

/// The answered items' mean × 9, rounded to the nearest integer with halves up (NHS Data
/// Dictionary). In integers: ⌊(9·sum / n) + ½⌋ = ⌊(18·sum + n) / 2n⌋.
fn prorate(sum: u32, answered: usize) -> u32 {
    let n = u32::try_from(answered).unwrap_or(u32::MAX);
    (18 * sum + n).checked_div(2 * n).unwrap_or(0)
}

/// The algorithm counts a symptom present at "more than half the days" (item 9: at
/// "several days"). An unanswered item counts as not present: the result is never raised by
/// a guess, so with items left out it may understate, never overstate.
fn syndrome(answers: &[Option<u8>]) -> Syndrome {
    let at_least = |i: usize, min: u8| answers.get(i).copied().flatten().is_some_and(|v| v >= min);
    let cardinal = at_least(0, 2) || at_least(1, 2);
    let symptoms = (0..ITEM9).filter(|&i| at_least(i, 2)).count() + usize::from(at_least(ITEM9, 1));
    match (cardinal, symptoms) {
        (true, 5..) => Syndrome::Major,
        (true, 2..=4) => Syndrome::Other,
        _ => Syndrome::NotIndicated,
    }
}

const fn item(number: u8, text: &'static str, loinc: &'static str) -> Item {
    Item {
        number,
        text,
        code: Code::loinc(loinc),
        options: FREQUENCY,
    }
}

const fn band(band: Band, min: u8, max: u8) -> BandRange {
    BandRange { band, min, max }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(values: [i64; 9]) -> Vec<Option<i64>> {
        values.iter().copied().map(Some).collect()
    }

    fn phq9(answers: &[Option<i64>]) -> Result<Score> {
        Instrument::Phq9.score(answers, None)
    }

    /// A complete response whose items sum to `total` (item 9 kept at 0).
    fn with_total(total: i64) -> Vec<Option<i64>> {
        let mut left = total;
        (0..9)
            .map(|i| {
                let v = if i == ITEM9 { 0 } else { left.min(3) };
                left -= v;
                Some(v)
            })
            .collect()
    }

    // CLINICAL.md PHQ-9 table: texts, LOINC codes, answers and their LA codes.
    #[test]
    fn definition_matches_clinical_md() {
        let d = &DEFINITION;
        assert_eq!(d.items.len(), 9);
        let codes: Vec<&str> = d.items.iter().map(|i| i.code.code).collect();
        assert_eq!(
            codes,
            [
                "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5",
                "44253-3", "44260-8"
            ]
        );
        assert_eq!(d.items[1].text, "Feeling down, depressed, or hopeless");
        assert!(d.items[5].text.contains("yourself — or that"));
        assert_eq!(d.panel_codes[0], Code::loinc("44249-1"));
        assert_eq!(d.total_codes[0], Code::loinc("44261-6"));
        assert!(d.total_codes.contains(&Code::snomed("720433000")));
        let answers: Vec<(u8, &str, &str)> = d.items[0]
            .options
            .iter()
            .map(|o| (o.value, o.label, o.code.map_or("", |c| c.code)))
            .collect();
        assert_eq!(
            answers,
            [
                (0, "Not at all", "LA6568-5"),
                (1, "Several days", "LA6569-3"),
                (2, "More than half the days", "LA6570-1"),
                (3, "Nearly every day", "LA6571-9"),
            ]
        );
        assert_eq!(d.unscored_items, &[DIFFICULTY]);
        assert_eq!(DIFFICULTY.code, Code::loinc("69722-7"));
        let difficulty: Vec<(u8, &str)> = DIFFICULTY
            .options
            .iter()
            .map(|o| (o.value, o.code.map_or("", |c| c.code)))
            .collect();
        assert_eq!(
            difficulty,
            [
                (0, "LA6572-7"),
                (1, "LA6573-5"),
                (2, "LA6575-0"),
                (3, "LA6574-3")
            ]
        );
        // CLINICAL.md abbreviates the middle two; the labels are LOINC's displays.
        for (o, start) in DIFFICULTY.options.iter().zip([
            "Not difficult at all",
            "Somewhat",
            "Very",
            "Extremely difficult",
        ]) {
            assert!(o.label.starts_with(start));
        }
    }

    // CLINICAL.md PHQ-9 "Bands: 0–4 minimal · 5–9 mild · 10–14 moderate · 15–19 moderately
    // severe · 20–27 severe", at every edge.
    #[test]
    fn band_edges() {
        let cases = [
            (0, Band::Minimal),
            (4, Band::Minimal),
            (5, Band::Mild),
            (9, Band::Mild),
            (10, Band::Moderate),
            (14, Band::Moderate),
            (15, Band::ModeratelySevere),
            (19, Band::ModeratelySevere),
            (20, Band::Severe),
            (24, Band::Severe),
        ];
        for (total, band) in cases {
            let s = phq9(&with_total(total)).unwrap();
            assert_eq!(i64::from(s.total), total);
            assert_eq!(s.band, Some(band), "total {total}");
            assert!(!s.prorated);
        }
        let s = phq9(&all([3; 9])).unwrap();
        assert_eq!((s.total, s.band), (27, Some(Band::Severe)));
    }

    // CLINICAL.md "Caseness: PHQ-9 ≥ 10".
    #[test]
    fn caseness_from_ten() {
        assert_eq!(phq9(&with_total(9)).unwrap().caseness, Some(false));
        assert_eq!(phq9(&with_total(10)).unwrap().caseness, Some(true));
    }

    // CLINICAL.md PHQ-9 "Missing items": one missing, replaced by the mean of the answered.
    #[test]
    fn one_missing_is_prorated() {
        // Eight answers summing to 16: mean 2, total 18.
        let mut a = all([2; 9]);
        a[3] = None;
        let s = phq9(&a).unwrap();
        assert!(s.prorated);
        assert_eq!(s.total, 18);
        assert_eq!(s.answers[3], None);
        assert_eq!(s.band, Some(Band::ModeratelySevere));
    }

    // CLINICAL.md PHQ-9 "Missing items": two missing; 7 answers summing to 10 → 90/7 = 12.86 → 13.
    #[test]
    fn two_missing_are_prorated() {
        let a = vec![
            Some(3),
            None,
            Some(2),
            Some(1),
            None,
            Some(2),
            Some(1),
            Some(1),
            Some(0),
        ];
        let s = phq9(&a).unwrap();
        assert!(s.prorated);
        assert_eq!(s.total, 13);
        // 7 answers summing to 8 → 72/7 = 10.29 → 10 (rounds down below the half).
        let a = vec![
            Some(2),
            None,
            Some(2),
            Some(1),
            None,
            Some(1),
            Some(1),
            Some(1),
            Some(0),
        ];
        assert_eq!(phq9(&a).unwrap().total, 10);
    }

    // CLINICAL.md PHQ-9 "rounded to the nearest integer, halves up": 8 answers summing to 4
    // give 4 × 9 / 8 = 4.5 → 5, which is mild, not minimal; 12 → 13.5 → 14.
    #[test]
    fn halves_round_up() {
        let a = vec![
            Some(1),
            Some(1),
            Some(1),
            Some(1),
            None,
            Some(0),
            Some(0),
            Some(0),
            Some(0),
        ];
        let s = phq9(&a).unwrap();
        assert_eq!((s.total, s.band, s.prorated), (5, Some(Band::Mild), true));
        let a = vec![
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            None,
            Some(0),
            Some(0),
            Some(0),
            Some(0),
        ];
        assert_eq!(phq9(&a).unwrap().total, 14);
        assert_eq!(prorate(4, 8), 5);
        assert_eq!(prorate(12, 8), 14);
    }

    // CLINICAL.md PHQ-9 "three or more missing: the response is not scored".
    #[test]
    fn three_missing_are_refused_naming_them() {
        let a = vec![
            Some(1),
            None,
            Some(1),
            None,
            Some(1),
            None,
            Some(1),
            Some(1),
            Some(0),
        ];
        let e = phq9(&a).unwrap_err();
        assert_eq!(e.field, "answers[1]");
        assert!(e.message.contains("questions 2, 4 and 6"), "{}", e.message);
        let e = phq9(&[None, None, None, None, None, None, None, None, Some(0)]).unwrap_err();
        assert_eq!(e.field, "answers[0]");
    }

    // CLINICAL.md PHQ-9 "Item 9 is never prorated".
    #[test]
    fn item9_missing_is_refused() {
        let mut a = all([1; 9]);
        a[8] = None;
        let e = phq9(&a).unwrap_err();
        assert_eq!(e.field, "answers[8]");
        assert!(e.message.contains("question 9"));
        // Even with other items missing too, the item 9 error comes first.
        a[0] = None;
        a[1] = None;
        a[2] = None;
        assert_eq!(phq9(&a).unwrap_err().field, "answers[8]");
        assert_eq!(phq9(&[None; 9]).unwrap_err().field, "answers[8]");
    }

    // CLINICAL.md early warning "safety: PHQ-9 item 9 ≥ 1, whatever the total".
    #[test]
    fn a_positive_item9_is_found_whatever_else_is_wrong() {
        assert_eq!(positive_item9(&all([0, 0, 0, 0, 0, 0, 0, 0, 1])), Some(1));
        assert_eq!(positive_item9(&all([0, 0, 0, 0, 0, 0, 0, 0, 3])), Some(3));
        assert_eq!(positive_item9(&all([3, 3, 3, 3, 3, 3, 3, 3, 0])), None);
        // Too few answers, one too many, items left out, or out of range elsewhere.
        let mut ten = all([0, 0, 0, 0, 0, 0, 0, 0, 2]);
        ten.push(Some(1));
        assert_eq!(positive_item9(&ten), Some(2));
        let mut gaps = vec![None; 8];
        gaps.push(Some(1));
        assert_eq!(positive_item9(&gaps), Some(1));
        assert_eq!(positive_item9(&all([9, 0, 0, 0, 0, 0, 0, 0, 1])), Some(1));
        assert_eq!(positive_item9(&all([0, 0, 0, 0, 0, 0, 0, 0, 0])[..8]), None);
        // Out of range or blank item 9 is no answer above 0.
        assert_eq!(positive_item9(&all([0, 0, 0, 0, 0, 0, 0, 0, 4])), None);
        assert_eq!(positive_item9(&all([0, 0, 0, 0, 0, 0, 0, 0, -1])), None);
        let mut blank = all([0; 9]);
        blank[8] = None;
        assert_eq!(positive_item9(&blank), None);
    }

    // CLINICAL.md "Item 9 left unanswered … a medium safety flag".
    #[test]
    fn a_blank_item9_is_nine_answers_sent_with_the_ninth_empty() {
        let mut blank = all([2; 9]);
        blank[8] = None;
        assert!(blank_item9(&blank));
        blank[0] = None;
        assert!(blank_item9(&blank), "other gaps do not matter");
        assert!(!blank_item9(&all([0; 9])));
        assert!(
            !blank_item9(&blank[..8]),
            "cut short: refused for its length"
        );
        let mut ten = blank.clone();
        ten.push(Some(1));
        assert!(!blank_item9(&ten));
        assert!(!blank_item9(&[]));
    }

    #[test]
    fn item9_is_reported_whatever_the_total() {
        let s = phq9(&all([0, 0, 0, 0, 0, 0, 0, 0, 1])).unwrap();
        assert_eq!((s.total, s.item9), (1, Some(1)));
        let mut a = all([0, 0, 0, 0, 0, 0, 0, 0, 3]);
        a[0] = None;
        assert_eq!(phq9(&a).unwrap().item9, Some(3));
    }

    // CLINICAL.md PHQ-9 "Major depressive syndrome (algorithm)".
    #[test]
    fn syndrome_algorithm() {
        let cases = [
            // Item 1 at 2 and five symptoms → major.
            ([2, 0, 2, 2, 2, 2, 0, 0, 0], Syndrome::Major),
            // Item 2 as the cardinal symptom; item 9 counts at 1.
            ([0, 3, 2, 2, 2, 0, 0, 0, 1], Syndrome::Major),
            // Four symptoms → other.
            ([2, 0, 2, 2, 2, 0, 0, 0, 0], Syndrome::Other),
            // Two symptoms → other.
            ([0, 2, 0, 0, 0, 0, 0, 0, 1], Syndrome::Other),
            // The cardinal symptom alone → none.
            ([3, 1, 1, 1, 1, 1, 1, 1, 0], Syndrome::NotIndicated),
            // Many symptoms without item 1 or 2 at ≥ 2 → none, whatever the total.
            ([1, 1, 3, 3, 3, 3, 3, 3, 3], Syndrome::NotIndicated),
            // Item 9 at 1 counts; items 3–8 at 1 do not.
            ([2, 2, 1, 1, 1, 1, 1, 1, 1], Syndrome::Other),
            ([0; 9], Syndrome::NotIndicated),
        ];
        for (values, expected) in cases {
            assert_eq!(
                phq9(&all(values)).unwrap().syndrome,
                Some(expected),
                "{values:?}"
            );
        }
    }

    // Choice (not in CLINICAL.md): an unanswered item counts as not present in the algorithm.
    #[test]
    fn syndrome_counts_missing_items_as_absent() {
        // Four symptoms answered and one missing: other, though the missing one might be a fifth.
        let a = vec![
            Some(2),
            Some(2),
            Some(2),
            Some(2),
            None,
            Some(0),
            Some(0),
            Some(0),
            Some(0),
        ];
        let s = phq9(&a).unwrap();
        assert_eq!(s.syndrome, Some(Syndrome::Other));
        // Both cardinal items missing: none.
        let a = vec![
            None,
            None,
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
        ];
        assert_eq!(phq9(&a).unwrap().syndrome, Some(Syndrome::NotIndicated));
    }

    #[test]
    fn difficulty_is_kept_not_scored() {
        let s = Instrument::Phq9.score(&all([1; 9]), Some(3)).unwrap();
        assert_eq!((s.total, s.difficulty), (9, Some(3)));
        let e = Instrument::Phq9.score(&all([1; 9]), Some(4)).unwrap_err();
        assert_eq!(e.field, "difficulty");
        assert!(e.message.contains("question 10"));
        let e = Instrument::Phq9.score(&all([1; 9]), Some(-1)).unwrap_err();
        assert_eq!(e.field, "difficulty");
    }

    // CLINICAL.md "Instruments": out of range or the wrong number of answers is refused,
    // naming the item.
    #[test]
    fn validation_errors_name_the_field() {
        let mut a = all([1; 9]);
        a[3] = Some(4);
        let e = phq9(&a).unwrap_err();
        assert_eq!(e.field, "answers[3]");
        assert!(e.message.contains("question 4"), "{}", e.message);
        a[3] = Some(-1);
        assert_eq!(phq9(&a).unwrap_err().field, "answers[3]");
        a[3] = Some(i64::MAX);
        assert_eq!(phq9(&a).unwrap_err().field, "answers[3]");
        a[3] = Some(i64::MIN);
        assert_eq!(phq9(&a).unwrap_err().field, "answers[3]");
        a[3] = Some(256 + 1);
        assert_eq!(phq9(&a).unwrap_err().field, "answers[3]");
        assert_eq!(phq9(&[]).unwrap_err().field, "answers");
        let e = phq9(&[Some(1); 10]).unwrap_err();
        assert_eq!(e.field, "answers");
        assert!(e.message.contains("9 questions") && e.message.contains("10 answers"));
        assert_eq!(phq9(&[Some(1); 8]).unwrap_err().field, "answers");
    }

    fn item(max: i64) -> impl Strategy<Value = i64> {
        0..=max
    }

    /// Nine valid answers, up to two of items 1–8 left out.
    fn proratable() -> impl Strategy<Value = Vec<Option<i64>>> {
        (
            proptest::collection::vec(item(3), 9),
            proptest::sample::subsequence((0..8).collect::<Vec<usize>>(), 0..=2),
        )
            .prop_map(|(values, missing)| {
                values
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (!missing.contains(&i)).then_some(v))
                    .collect()
            })
    }

    proptest! {
        // CLINICAL.md PHQ-9 "Total 0–27": a complete response's total is the sum.
        #[test]
        fn complete_total_is_the_sum(values in proptest::collection::vec(item(3), 9)) {
            let a: Vec<Option<i64>> = values.iter().copied().map(Some).collect();
            let s = phq9(&a).unwrap();
            prop_assert_eq!(i64::from(s.total), values.iter().sum::<i64>());
            prop_assert!(!s.prorated);
            prop_assert_eq!(s.band, Band::of(Instrument::Phq9, s.total));
        }

        // CLINICAL.md early warning "safety: PHQ-9 item 9 ≥ 1": never lost in scoring.
        #[test]
        fn item9_survives_scoring(mut a in proratable(), item9 in 1i64..=3) {
            a[8] = Some(item9);
            let s = phq9(&a).unwrap();
            prop_assert!(s.item9.unwrap_or(0) >= 1);
            prop_assert_eq!(s.item9.map(i64::from), Some(item9));
        }

        // CLINICAL.md PHQ-9 "Missing items": round-half-up(mean of answered × 9), within 0–27.
        #[test]
        fn prorated_total_is_the_rounded_mean(a in proratable()) {
            let s = phq9(&a).unwrap();
            let answered: Vec<i64> = a.iter().flatten().copied().collect();
            let mean = answered.iter().sum::<i64>() as f64 / answered.len() as f64;
            let expected = (mean * 9.0 + 0.5).floor() as i64;
            prop_assert_eq!(i64::from(s.total), expected);
            prop_assert!(s.total <= 27);
            prop_assert_eq!(s.prorated, answered.len() < 9);
        }
    }
}
