//! The treatment plan: the approach, its format and rhythm, how long, what is measured, when
//! it is reviewed; written by the clinician and agreed with the client. Every change is a new
//! version. Dates are checked by the caller (this crate has no calendar).

use serde::{Deserialize, Serialize};

use super::approach::{Approach, Delivery, Format, Frequency, IptFocus};
use crate::measures::Instrument;
use crate::text::at_most;
use crate::{Error, Result};

pub const MAX_SESSIONS: u8 = 60;
pub const MAX_NOTES_CHARS: usize = 4_000;

/// One version of a treatment plan, as agreed (dates aside).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentPlan {
    pub approach: Approach,
    /// Required with interpersonal therapy, absent otherwise.
    pub ipt_focus: Option<IptFocus>,
    pub with_medication: bool,
    pub format: Format,
    pub delivery: Delivery,
    pub frequency: Frequency,
    /// Expected length, in sessions.
    pub expected_sessions: u8,
    /// The questionnaires that show whether it works; the PHQ-9 always among them.
    pub target_measures: Vec<Instrument>,
    /// Anything else agreed, in plain words (sealed).
    pub notes: String,
}

/// The plan as typed in a form or sent to the API, before checking.
#[derive(Debug, Clone, Default)]
pub struct TreatmentPlanInput<'a> {
    pub approach: &'a str,
    pub ipt_focus: &'a str,
    pub with_medication: bool,
    pub format: &'a str,
    pub delivery: &'a str,
    pub frequency: &'a str,
    pub expected_sessions: Option<i64>,
    pub target_measures: &'a [String],
    pub notes: &'a str,
}

/// Checks a plan as typed and gives it its checked form, naming the first field to fix.
pub fn check_treatment_plan(p: &TreatmentPlanInput<'_>) -> Result<TreatmentPlan> {
    let approach = Approach::parse(p.approach)
        .ok_or_else(|| Error::invalid("approach", "Choose the approach."))?;
    let ipt_focus = match (approach, p.ipt_focus) {
        (Approach::Interpersonal, f) => Some(IptFocus::parse(f).ok_or_else(|| {
            Error::invalid(
                "ipt_focus",
                "Interpersonal therapy needs its focus area: grief, role disputes, role transitions or interpersonal deficits.",
            )
        })?),
        (_, "") => None,
        (_, _) => {
            return Err(Error::invalid(
                "ipt_focus",
                "A focus area belongs to interpersonal therapy only; leave it empty for this approach.",
            ));
        }
    };
    let format = Format::parse(p.format)
        .ok_or_else(|| Error::invalid("format", "Choose individual, family or group sessions."))?;
    let delivery = Delivery::parse(p.delivery).ok_or_else(|| {
        Error::invalid("delivery", "Choose in person, online, by phone or a mix.")
    })?;
    let frequency = Frequency::parse(p.frequency)
        .ok_or_else(|| Error::invalid("frequency", "Choose how often you will meet."))?;
    let expected_sessions = p
        .expected_sessions
        .and_then(|n| u8::try_from(n).ok())
        .filter(|n| (1..=MAX_SESSIONS).contains(n))
        .ok_or_else(|| {
            Error::invalid(
                "expected_sessions",
                format!("Give the expected number of sessions, from 1 to {MAX_SESSIONS}."),
            )
        })?;
    let mut target_measures = vec![Instrument::Phq9];
    for word in p.target_measures {
        let i = Instrument::parse(word).ok_or_else(|| {
            Error::invalid(
                "target_measures",
                "Choose target measures from PHQ-9, GAD-7 and WHO-5.",
            )
        })?;
        if !target_measures.contains(&i) {
            target_measures.push(i);
        }
    }
    at_most("notes", p.notes, MAX_NOTES_CHARS)?;
    Ok(TreatmentPlan {
        approach,
        ipt_focus,
        with_medication: p.with_medication,
        format,
        delivery,
        frequency,
        expected_sessions,
        target_measures,
        notes: p.notes.trim().to_string(),
    })
}

impl TreatmentPlan {
    /// The plan in plain words for the client, one sentence a line (dates are added by the
    /// page, which knows the calendar).
    pub fn plain_words(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "We will use {}. {}",
            self.approach.label(),
            self.approach.plain()
        )];
        if let Some(f) = self.ipt_focus {
            lines.push(format!(
                "The area we will focus on: {}.",
                f.label().to_lowercase()
            ));
        }
        let who = match self.format {
            Format::Individual => "just you and your therapist",
            Format::Family => "with members of your family",
            Format::Group => "in a small group",
        };
        let how = match self.delivery {
            Delivery::InPerson => "in person",
            Delivery::Online => "online by video",
            Delivery::Phone => "by phone",
            Delivery::Mixed => "sometimes in person, sometimes online or by phone",
        };
        lines.push(format!(
            "Sessions are {who}, {how}, {}, for about {} sessions.",
            self.frequency.label().to_lowercase(),
            self.expected_sessions
        ));
        if self.with_medication {
            lines.push(
                "Therapy goes together with your medication; keep taking it as prescribed and tell us about any change."
                    .into(),
            );
        }
        let measures: Vec<_> = self.target_measures.iter().map(|i| i.label()).collect();
        lines.push(format!(
            "To see whether it is working, you will fill in the {} regularly; we look at the answers together.",
            join_words(&measures)
        ));
        lines
    }
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TreatmentPlanInput<'static> {
        TreatmentPlanInput {
            approach: "cbt",
            ipt_focus: "",
            with_medication: false,
            format: "individual",
            delivery: "online",
            frequency: "weekly",
            expected_sessions: Some(16),
            target_measures: &[],
            notes: "",
        }
    }

    #[test]
    fn a_complete_plan_is_accepted_and_always_measures_the_phq9() {
        let p = check_treatment_plan(&input()).unwrap();
        assert_eq!(p.approach, Approach::Cbt);
        assert_eq!(p.target_measures, [Instrument::Phq9]);
        let gad = ["gad7".to_string(), "phq9".to_string(), "gad7".to_string()];
        let p = check_treatment_plan(&TreatmentPlanInput {
            target_measures: &gad,
            ..input()
        })
        .unwrap();
        assert_eq!(p.target_measures, [Instrument::Phq9, Instrument::Gad7]);
    }

    #[test]
    fn interpersonal_therapy_needs_its_focus_and_only_it_has_one() {
        let ipt = TreatmentPlanInput {
            approach: "interpersonal",
            ..input()
        };
        assert_eq!(check_treatment_plan(&ipt).unwrap_err().field, "ipt_focus");
        let p = check_treatment_plan(&TreatmentPlanInput {
            ipt_focus: "role_transitions",
            ..ipt
        })
        .unwrap();
        assert_eq!(p.ipt_focus, Some(IptFocus::RoleTransitions));
        assert!(p.plain_words()[1].contains("role transitions"));
        assert_eq!(
            check_treatment_plan(&TreatmentPlanInput {
                ipt_focus: "grief",
                ..input()
            })
            .unwrap_err()
            .field,
            "ipt_focus"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: [(TreatmentPlanInput<'static>, &str); 7] = [
            (
                TreatmentPlanInput {
                    approach: "",
                    ..input()
                },
                "approach",
            ),
            (
                TreatmentPlanInput {
                    format: "couple",
                    ..input()
                },
                "format",
            ),
            (
                TreatmentPlanInput {
                    delivery: "",
                    ..input()
                },
                "delivery",
            ),
            (
                TreatmentPlanInput {
                    frequency: "daily",
                    ..input()
                },
                "frequency",
            ),
            (
                TreatmentPlanInput {
                    expected_sessions: Some(0),
                    ..input()
                },
                "expected_sessions",
            ),
            (
                TreatmentPlanInput {
                    expected_sessions: Some(61),
                    ..input()
                },
                "expected_sessions",
            ),
            (
                TreatmentPlanInput {
                    target_measures: &[],
                    notes: "",
                    ..input()
                },
                "",
            ),
        ];
        for (case, field) in cases {
            match check_treatment_plan(&case) {
                Err(e) => assert_eq!(e.field, field),
                Ok(_) => assert_eq!(field, "", "{case:?} should be refused"),
            }
        }
        let bad = ["phq99".to_string()];
        assert_eq!(
            check_treatment_plan(&TreatmentPlanInput {
                target_measures: &bad,
                ..input()
            })
            .unwrap_err()
            .field,
            "target_measures"
        );
        let long = "x".repeat(MAX_NOTES_CHARS + 1);
        assert_eq!(
            check_treatment_plan(&TreatmentPlanInput {
                notes: &long,
                ..input()
            })
            .unwrap_err()
            .field,
            "notes"
        );
    }

    #[test]
    fn plain_words_say_who_how_often_how_long_and_what_is_measured() {
        let p = check_treatment_plan(&TreatmentPlanInput {
            with_medication: true,
            target_measures: &["gad7".to_string(), "who5".to_string()],
            ..input()
        })
        .unwrap();
        let text = p.plain_words().join(" ");
        assert!(text.contains(
            "just you and your therapist, online by video, every week, for about 16 sessions"
        ));
        assert!(text.contains("medication"));
        assert!(text.contains("PHQ-9, GAD-7 and WHO-5"));
    }
}
