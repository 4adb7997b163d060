//! The daily check-in (CLINICAL.md, "Daily check-in"): the product's own, meant to take under
//! 30 seconds on a phone.

use super::messages;
use crate::{Error, Result};

pub const MOOD_MAX: u8 = 10;
pub const SLEEP_HOURS_MAX: u8 = 24;
/// Of a free-text note (check-in note, feedback comment), after trimming.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// More ticks than this in one day is a mistake, not a report.
pub const MAX_WARNING_SIGNS: usize = 20;

string_enum! {
    /// Whether the client took their medication as prescribed today.
    Medication {
        Taken => "taken", "Taken as prescribed";
        Missed => "missed", "Missed";
        NotPrescribed => "not_prescribed", "Not prescribed";
    }
}

string_enum! {
    /// The answer to the check-in's question about self-harm ([`SELF_HARM_QUESTION`]), asked
    /// only while the client is at risk (see `alerts::ask_about_self_harm`). "Yes" raises the
    /// critical safety flag and shows the crisis resources at once.
    SelfHarmAnswer {
        Yes => "yes", "Yes";
        No => "no", "No";
        Skip => "skip", "I would rather not answer";
    }
}

/// The check-in's question about self-harm (CLINICAL.md, "Early warning").
pub const SELF_HARM_QUESTION: &str =
    "Have you had thoughts that you would be better off dead, or of hurting yourself, today?";

impl SelfHarmAnswer {
    /// Reads the optional answer (`self_harm`): absent or blank is no answer; anything but
    /// yes, no or skip is refused, naming the field.
    pub fn read(word: Option<&str>) -> Result<Option<SelfHarmAnswer>> {
        let Some(word) = word.map(str::trim).filter(|w| !w.is_empty()) else {
            return Ok(None);
        };
        SelfHarmAnswer::parse(word)
            .map(Some)
            .ok_or_else(|| Error::invalid("self_harm", messages::self_harm()))
    }

    /// What the early-warning rules read: yes, no, or nothing (skipped).
    pub fn thoughts(self) -> Option<bool> {
        match self {
            SelfHarmAnswer::Yes => Some(true),
            SelfHarmAnswer::No => Some(false),
            SelfHarmAnswer::Skip => None,
        }
    }
}

/// A check-in as the API or a form receives it. `Id` is whatever identifies one of the
/// client's own warning signs (the app uses its id type).
#[derive(Debug, Clone, Copy)]
pub struct CheckInInput<'a, Id> {
    pub mood: Option<i64>,
    pub sleep_hours: Option<f64>,
    pub medication: Option<&'a str>,
    pub note: Option<&'a str>,
    pub warning_signs: &'a [Id],
}

/// A valid check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn<Id> {
    /// 0–10.
    pub mood: u8,
    /// Hours slept × 4 (0–96), so that quarter hours are exact.
    pub sleep_quarter_hours: u8,
    pub medication: Medication,
    /// Trimmed; `None` when empty.
    pub note: Option<String>,
    /// The ticked warning signs, first tick first, each once.
    pub warning_signs: Vec<Id>,
}

impl<Id: PartialEq + Clone> CheckIn<Id> {
    /// Rounded up: CLINICAL.md means it to take under 30 seconds.
    pub const MINUTES_TO_COMPLETE: u8 = 1;

    /// Validates a check-in; the error names the field to fix.
    pub fn parse(input: CheckInInput<'_, Id>) -> Result<CheckIn<Id>> {
        Ok(CheckIn {
            mood: mood(input.mood)?,
            sleep_quarter_hours: sleep(input.sleep_hours)?,
            medication: medication(input.medication)?,
            note: note("note", input.note)?,
            warning_signs: warning_signs(input.warning_signs)?,
        })
    }

    pub fn sleep_hours(&self) -> f64 {
        f64::from(self.sleep_quarter_hours) / 4.0
    }
}

fn mood(mood: Option<i64>) -> Result<u8> {
    mood.and_then(|m| u8::try_from(m).ok())
        .filter(|m| *m <= MOOD_MAX)
        .ok_or_else(|| Error::invalid("mood", messages::mood()))
}

fn sleep(hours: Option<f64>) -> Result<u8> {
    let hours = hours
        .filter(|h| h.is_finite() && (0.0..=f64::from(SLEEP_HOURS_MAX)).contains(h))
        .ok_or_else(|| Error::invalid("sleep_hours", messages::sleep()))?;
    // Exact: multiplying by 4 only shifts the exponent, and the range is small.
    let quarters = hours * 4.0;
    if quarters.fract() != 0.0 {
        return Err(Error::invalid("sleep_hours", messages::sleep_quarter()));
    }
    Ok(quarters as u8)
}

fn medication(word: Option<&str>) -> Result<Medication> {
    word.and_then(|w| Medication::parse(w.trim()))
        .ok_or_else(|| Error::invalid("medication", messages::medication()))
}

/// Optional free text: trimmed, `None` when empty, at most [`MAX_NOTE_CHARS`].
pub(super) fn note(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::invalid(field, messages::too_long(MAX_NOTE_CHARS)));
    }
    Ok(Some(text.to_string()))
}

fn warning_signs<Id: PartialEq + Clone>(ticked: &[Id]) -> Result<Vec<Id>> {
    let mut unique: Vec<Id> = Vec::new();
    for id in ticked {
        if !unique.contains(id) {
            if unique.len() == MAX_WARNING_SIGNS {
                return Err(Error::invalid(
                    "warning_signs",
                    messages::too_many_warning_signs(MAX_WARNING_SIGNS),
                ));
            }
            unique.push(id.clone());
        }
    }
    Ok(unique)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input<'a>() -> CheckInInput<'a, u32> {
        CheckInInput {
            mood: Some(6),
            sleep_hours: Some(7.25),
            medication: Some("taken"),
            note: None,
            warning_signs: &[],
        }
    }

    fn field(input: CheckInInput<'_, u32>) -> String {
        CheckIn::parse(input).unwrap_err().field
    }

    // CLINICAL.md "Daily check-in": mood 0–10, hours slept (0–24, quarter hours), medication
    // yes/no/not prescribed, optional note, optional ticks.
    #[test]
    fn a_valid_check_in() {
        let c = CheckIn::parse(input()).unwrap();
        assert_eq!(c.mood, 6);
        assert_eq!(c.sleep_quarter_hours, 29);
        assert_eq!(c.sleep_hours(), 7.25);
        assert_eq!(c.medication, Medication::Taken);
        assert_eq!(c.note, None);
        assert!(c.warning_signs.is_empty());
        let edges = CheckInInput {
            mood: Some(0),
            sleep_hours: Some(24.0),
            ..input()
        };
        assert_eq!(CheckIn::parse(edges).unwrap().sleep_quarter_hours, 96);
        let edges = CheckInInput {
            mood: Some(10),
            sleep_hours: Some(0.0),
            ..input()
        };
        assert_eq!(CheckIn::parse(edges).unwrap().mood, 10);
    }

    #[test]
    fn medication_words() {
        for m in Medication::ALL {
            assert_eq!(Medication::parse(m.as_str()), Some(*m));
            let c = CheckIn::parse(CheckInInput {
                medication: Some(m.as_str()),
                ..input()
            });
            assert_eq!(c.unwrap().medication, *m);
        }
        assert_eq!(
            field(CheckInInput {
                medication: Some("yes"),
                ..input()
            }),
            "medication"
        );
        assert_eq!(
            field(CheckInInput {
                medication: None,
                ..input()
            }),
            "medication"
        );
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            field(CheckInInput {
                mood: None,
                ..input()
            }),
            "mood"
        );
        assert_eq!(
            field(CheckInInput {
                mood: Some(11),
                ..input()
            }),
            "mood"
        );
        assert_eq!(
            field(CheckInInput {
                mood: Some(-1),
                ..input()
            }),
            "mood"
        );
        assert_eq!(
            field(CheckInInput {
                mood: Some(i64::MAX),
                ..input()
            }),
            "mood"
        );
        for bad in [
            None,
            Some(-0.25),
            Some(24.25),
            Some(f64::NAN),
            Some(f64::INFINITY),
        ] {
            assert_eq!(
                field(CheckInInput {
                    sleep_hours: bad,
                    ..input()
                }),
                "sleep_hours"
            );
        }
        let e = CheckIn::parse(CheckInInput {
            sleep_hours: Some(7.3),
            ..input()
        })
        .unwrap_err();
        assert_eq!(e.field, "sleep_hours");
        assert!(e.message.contains("quarter hours"));
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        let e = CheckIn::parse(CheckInInput {
            note: Some(&long),
            ..input()
        })
        .unwrap_err();
        assert_eq!(e.field, "note");
        assert!(e.message.contains("2,000"));
    }

    #[test]
    fn note_is_trimmed_and_counted_in_characters() {
        let c = CheckIn::parse(CheckInInput {
            note: Some("  slept badly \n"),
            ..input()
        });
        assert_eq!(c.unwrap().note.as_deref(), Some("slept badly"));
        let c = CheckIn::parse(CheckInInput {
            note: Some(" \n\t "),
            ..input()
        });
        assert_eq!(c.unwrap().note, None);
        // 2,000 characters of several bytes each, with spaces around, is within the limit.
        let long = format!("  {}  ", "ñ".repeat(MAX_NOTE_CHARS));
        assert!(
            CheckIn::parse(CheckInInput {
                note: Some(&long),
                ..input()
            })
            .is_ok()
        );
    }

    #[test]
    fn warning_signs_are_deduplicated_and_capped() {
        let ticks = [3, 1, 3, 2, 1];
        let c = CheckIn::parse(CheckInInput {
            warning_signs: &ticks,
            ..input()
        })
        .unwrap();
        assert_eq!(c.warning_signs, [3, 1, 2]);
        let twenty: Vec<u32> = (0..20).collect();
        assert!(
            CheckIn::parse(CheckInInput {
                warning_signs: &twenty,
                ..input()
            })
            .is_ok()
        );
        // Repeats do not count towards the limit.
        let repeated: Vec<u32> = (0..20).chain(0..20).collect();
        assert!(
            CheckIn::parse(CheckInInput {
                warning_signs: &repeated,
                ..input()
            })
            .is_ok()
        );
        let too_many: Vec<u32> = (0..21).collect();
        assert_eq!(
            field(CheckInInput {
                warning_signs: &too_many,
                ..input()
            }),
            "warning_signs"
        );
    }

    #[test]
    fn self_harm_answers() {
        // CLINICAL.md "(yes / no / skip)"; the answer is optional.
        assert_eq!(SelfHarmAnswer::read(None), Ok(None));
        assert_eq!(SelfHarmAnswer::read(Some("  ")), Ok(None));
        assert_eq!(
            SelfHarmAnswer::read(Some("yes")),
            Ok(Some(SelfHarmAnswer::Yes))
        );
        assert_eq!(
            SelfHarmAnswer::read(Some(" no ")),
            Ok(Some(SelfHarmAnswer::No))
        );
        assert_eq!(
            SelfHarmAnswer::read(Some("skip")),
            Ok(Some(SelfHarmAnswer::Skip))
        );
        assert_eq!(
            SelfHarmAnswer::read(Some("maybe")).unwrap_err().field,
            "self_harm"
        );
        assert_eq!(SelfHarmAnswer::Yes.thoughts(), Some(true));
        assert_eq!(SelfHarmAnswer::No.thoughts(), Some(false));
        assert_eq!(SelfHarmAnswer::Skip.thoughts(), None);
        assert!(SELF_HARM_QUESTION.contains("better off dead, or of hurting yourself, today?"));
    }

    proptest! {
        #[test]
        fn parse_never_panics(
            mood in proptest::option::of(any::<i64>()),
            sleep in proptest::option::of(prop_oneof![any::<f64>(), 0.0f64..25.0]),
            medication in proptest::option::of(".{0,16}"),
            note in proptest::option::of(".{0,40}"),
            ticks in proptest::collection::vec(0u8..30, 0..60),
        ) {
            let input = CheckInInput {
                mood,
                sleep_hours: sleep,
                medication: medication.as_deref(),
                note: note.as_deref(),
                warning_signs: &ticks,
            };
            if let Ok(c) = CheckIn::parse(input) {
                prop_assert!(c.mood <= MOOD_MAX);
                prop_assert!(c.sleep_quarter_hours <= 96);
                prop_assert!(c.warning_signs.len() <= MAX_WARNING_SIGNS);
            }
        }
    }
}
