use super::definition::Definition;
use super::score::Score;
use super::{fibser, gad7, phq2, phq9, spanish, who5};
use crate::Result;
use crate::language::Language;

string_enum! {
    /// A standard questionnaire. The words are the API's `instrument`.
    Instrument {
        Phq9 => "phq9", "PHQ-9";
        Phq2 => "phq2", "PHQ-2";
        Gad7 => "gad7", "GAD-7";
        Who5 => "who5", "WHO-5";
        Fibser => "fibser", "FIBSER";
    }
}

impl Instrument {
    pub fn definition(self) -> &'static Definition {
        match self {
            Instrument::Phq9 => &phq9::DEFINITION,
            Instrument::Phq2 => &phq2::DEFINITION,
            Instrument::Gad7 => &gad7::DEFINITION,
            Instrument::Who5 => &who5::DEFINITION,
            Instrument::Fibser => &fibser::DEFINITION,
        }
    }

    /// The definition in `language`: its official translation where there is one, else the
    /// English. Only the words differ (see `spanish.rs`).
    pub fn definition_in(self, language: Language) -> &'static Definition {
        match (self, language) {
            (Instrument::Phq9, Language::Es) => &spanish::PHQ9,
            (Instrument::Phq2, Language::Es) => &spanish::PHQ2,
            (Instrument::Gad7, Language::Es) => &spanish::GAD7,
            (Instrument::Who5, Language::Es) => &spanish::WHO5,
            _ => self.definition(),
        }
    }

    /// Whether the instrument has an official translation into `language`.
    pub fn translated(self, language: Language) -> bool {
        match language {
            Language::En => true,
            Language::Es => self != Instrument::Fibser,
        }
    }

    /// A rough estimate for the client's "due today" list.
    pub fn minutes_to_complete(self) -> u8 {
        self.definition().minutes_to_complete
    }

    /// Validates and scores a response as the API receives it: one entry per scored item
    /// (an integer, or `None` for no answer), and for the PHQ-9 the optional difficulty
    /// (item 10). Refuses anything CLINICAL.md does not score, naming the item to fix.
    pub fn score(self, answers: &[Option<i64>], difficulty: Option<i64>) -> Result<Score> {
        match self {
            Instrument::Phq9 => phq9::score(answers, difficulty),
            Instrument::Phq2 => phq2::score(answers, difficulty),
            Instrument::Gad7 => gad7::score(answers, difficulty),
            Instrument::Who5 => who5::score(answers, difficulty),
            Instrument::Fibser => fibser::score(answers, difficulty),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_round_trip() {
        for i in Instrument::ALL {
            assert_eq!(Instrument::parse(i.as_str()), Some(*i));
            assert_eq!(i.definition().instrument, *i);
        }
        assert_eq!(Instrument::parse("PHQ-9"), None);
    }

    #[test]
    fn minutes_for_the_due_today_list() {
        assert_eq!(Instrument::Phq9.minutes_to_complete(), 3);
        assert_eq!(Instrument::Phq2.minutes_to_complete(), 1);
        assert_eq!(Instrument::Gad7.minutes_to_complete(), 2);
        assert_eq!(Instrument::Who5.minutes_to_complete(), 2);
        assert_eq!(Instrument::Fibser.minutes_to_complete(), 1);
    }

    #[test]
    fn definitions_are_consistent() {
        for i in Instrument::ALL {
            let d = i.definition();
            for (n, item) in d.items.iter().enumerate() {
                assert_eq!(usize::from(item.number), n + 1, "{i:?}");
                assert!(!item.text.is_empty());
                assert!(!item.options.is_empty());
            }
            let max: u32 = d.items.iter().map(|it| u32::from(it.max_value())).sum();
            if *i == Instrument::Fibser {
                // No total: the burden (its last item) stands for it.
                assert_eq!(d.items[2].max_value(), d.max_total);
            } else {
                assert_eq!(max, u32::from(d.max_total), "{i:?}");
            }
            assert!(!d.panel_codes.is_empty() && !d.total_codes.is_empty());
        }
    }

    proptest! {
        // CLINICAL.md "Instruments": bad input is refused, never a crash.
        #[test]
        fn scoring_never_panics(
            answers in proptest::collection::vec(
                proptest::option::of(prop_oneof![any::<i64>(), -2i64..8]), 0..14),
            difficulty in proptest::option::of(prop_oneof![any::<i64>(), -1i64..5]),
        ) {
            for i in Instrument::ALL {
                if let Ok(s) = i.score(&answers, difficulty) {
                    prop_assert!(s.total <= i.definition().max_total);
                    prop_assert_eq!(s.answers.len(), i.definition().items.len());
                }
            }
        }
    }
}
