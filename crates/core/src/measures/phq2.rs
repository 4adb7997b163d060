//! PHQ-2 (CLINICAL.md, "PHQ-2"): items 1 and 2 of the PHQ-9, a screen.

use super::answers;
use super::definition::{Code, Definition};
use super::instrument::Instrument;
use super::phq9;
use super::score::Score;
use crate::Result;

pub(super) const DEFINITION: Definition = Definition {
    instrument: Instrument::Phq2,
    title: "Patient Health Questionnaire (PHQ-2)",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items: phq9::ITEMS.split_at(2).0,
    unscored_items: &[],
    panel_codes: &[Code::loinc("55757-9")],
    total_codes: &[Code::loinc("55758-7")],
    max_total: 6,
    bands: &[],
    caseness_at: None,
    minutes_to_complete: 1,
};

/// A total at or above this is a positive screen, which asks for the full PHQ-9.
pub const POSITIVE_SCREEN_AT: u8 = 3;

pub(super) fn score(answers: &[Option<i64>], difficulty: Option<i64>) -> Result<Score> {
    let read = answers::read(&DEFINITION, answers)?;
    answers::refuse_difficulty(&DEFINITION, difficulty)?;
    let values = answers::require_all(&DEFINITION, &read)?;
    let mut score = Score::new(Instrument::Phq2, read, answers::total(answers::sum(values)));
    let positive = score.total >= POSITIVE_SCREEN_AT;
    score.positive_screen = Some(positive);
    score.follow_up = positive.then_some(Instrument::Phq9);
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phq2(answers: &[Option<i64>]) -> Result<Score> {
        Instrument::Phq2.score(answers, None)
    }

    // CLINICAL.md PHQ-2 "Items 1 and 2 of the PHQ-9".
    #[test]
    fn items_are_the_phq9_first_two() {
        assert_eq!(DEFINITION.items, &phq9::DEFINITION.items[..2]);
        assert_eq!(DEFINITION.items[0].code, Code::loinc("44250-9"));
        assert_eq!(DEFINITION.items[1].code, Code::loinc("44255-8"));
    }

    // CLINICAL.md PHQ-2 "≥3 is a positive screen … asks for the full PHQ-9": 3 vs 2.
    #[test]
    fn three_is_positive_two_is_not() {
        let s = phq2(&[Some(2), Some(1)]).unwrap();
        assert_eq!((s.total, s.positive_screen), (3, Some(true)));
        assert_eq!(s.follow_up, Some(Instrument::Phq9));
        let s = phq2(&[Some(1), Some(1)]).unwrap();
        assert_eq!((s.total, s.positive_screen), (2, Some(false)));
        assert_eq!(s.follow_up, None);
        let s = phq2(&[Some(3), Some(3)]).unwrap();
        assert_eq!(
            (s.total, s.band, s.caseness, s.item9),
            (6, None, None, None)
        );
    }

    // CLINICAL.md "Instruments": a missing required answer is refused (the PHQ-2 has no proration).
    #[test]
    fn every_answer_is_required() {
        let e = phq2(&[Some(3), None]).unwrap_err();
        assert_eq!(e.field, "answers[1]");
        assert_eq!(e.message, "Choose an answer for question 2.");
        assert_eq!(phq2(&[None, None]).unwrap_err().field, "answers[0]");
        assert_eq!(phq2(&[Some(4), Some(0)]).unwrap_err().field, "answers[0]");
        assert_eq!(phq2(&[Some(1); 9]).unwrap_err().field, "answers");
        assert_eq!(phq2(&[]).unwrap_err().field, "answers");
        let e = Instrument::Phq2
            .score(&[Some(1), Some(1)], Some(1))
            .unwrap_err();
        assert_eq!(e.field, "difficulty");
    }
}
