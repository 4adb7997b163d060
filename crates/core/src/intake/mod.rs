//! The intake: what the client tells us at the start of an episode of care. It is written in
//! parts and saved as they go (a draft may be incomplete); sending it to the clinician needs the
//! few answers without which a first session cannot be planned.

use serde::{Deserialize, Serialize};

use crate::plans::approach::EarlierTherapy;
use crate::text::{at_most, required};
use crate::{Error, Result};

pub const MAX_TEXT_CHARS: usize = 4_000;
pub const MAX_SHORT_CHARS: usize = 200;
pub const MAX_MEDICATIONS: usize = 10;

string_enum!(
    /// Recent life events that often come before depression.
    LifeEvent {
        JobLoss => "job_loss", "Losing a job";
        CareerChange => "career_change", "A career change";
        SeriousIllness => "serious_illness", "A serious illness (mine or someone close)";
        Bereavement => "bereavement", "The death of someone close";
        Separation => "separation", "Divorce or separation";
        Other => "other", "Something else";
    }
);

string_enum!(
    /// Whether the client takes their medication as prescribed.
    Adherence {
        AsPrescribed => "as_prescribed", "Yes, as prescribed";
        Mostly => "mostly", "Mostly, I miss some doses";
        Not => "not", "No, not as prescribed";
    }
);

/// One medicine the client takes now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Medicine {
    pub name: String,
    #[serde(default)]
    pub dose: String,
    #[serde(default)]
    pub prescriber: String,
}

impl Medicine {
    /// A row with nothing written in it.
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.dose, &self.prescriber]
            .iter()
            .all(|t| t.trim().is_empty())
    }
}

/// Everything the intake asks. Every field may be empty in a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Intake {
    /// What brings them now.
    pub reason: String,
    pub life_events: Vec<LifeEvent>,
    /// More about the events, and the "something else".
    pub life_events_note: String,
    /// Whether they have had therapy before; `None` until answered.
    pub had_therapy: Option<bool>,
    pub earlier_kinds: Vec<EarlierTherapy>,
    pub earlier_length: String,
    pub earlier_helped: String,
    pub earlier_not_helped: String,
    pub earlier_missing: String,
    /// What they want from therapy now.
    pub wants: String,
    pub medicines: Vec<Medicine>,
    /// `None` when they take no medicine or have not answered.
    pub adherence: Option<Adherence>,
    pub sleep: String,
    pub supports: String,
}

/// Checks a draft: any part may be missing, but nothing may be too long.
pub fn check_draft(i: &Intake) -> Result<()> {
    let long = [
        ("reason", &i.reason),
        ("life_events_note", &i.life_events_note),
        ("earlier_helped", &i.earlier_helped),
        ("earlier_not_helped", &i.earlier_not_helped),
        ("earlier_missing", &i.earlier_missing),
        ("wants", &i.wants),
        ("sleep", &i.sleep),
        ("supports", &i.supports),
    ];
    for (field, value) in long {
        at_most(field, value, MAX_TEXT_CHARS)?;
    }
    at_most("earlier_length", &i.earlier_length, MAX_SHORT_CHARS)?;
    if i.medicines.len() > MAX_MEDICATIONS {
        return Err(Error::invalid(
            "medicines",
            format!("List up to {MAX_MEDICATIONS} medicines; tell your clinician about the rest."),
        ));
    }
    for (n, m) in i.medicines.iter().enumerate() {
        for (part, value) in [
            ("name", &m.name),
            ("dose", &m.dose),
            ("prescriber", &m.prescriber),
        ] {
            at_most(&format!("medicines[{n}].{part}"), value, MAX_SHORT_CHARS)?;
        }
        if m.name.trim().is_empty() && !(m.dose.trim().is_empty() && m.prescriber.trim().is_empty())
        {
            return Err(Error::invalid(
                format!("medicines[{n}].name"),
                "Write the name of the medicine (or clear the dose and prescriber).",
            ));
        }
    }
    Ok(())
}

/// Checks an intake about to be sent: a valid draft with the answers a first session needs.
pub fn check_complete(i: &Intake) -> Result<()> {
    check_draft(i)?;
    required(
        "reason",
        &i.reason,
        "Tell us in a few words what brings you here now.",
    )?;
    if i.had_therapy.is_none() {
        return Err(Error::invalid(
            "had_therapy",
            "Say whether you have had therapy before (yes or no).",
        ));
    }
    required(
        "wants",
        &i.wants,
        "Tell us what you would like from therapy now, even if you are not sure.",
    )?;
    if i.medicines.iter().any(|m| !m.name.trim().is_empty()) && i.adherence.is_none() {
        return Err(Error::invalid(
            "adherence",
            "Say whether you take your medicine as prescribed.",
        ));
    }
    Ok(())
}

impl Intake {
    /// Drops empty medicine rows and repeated choices, and trims the text, so that what is
    /// stored is what was meant.
    pub fn tidy(mut self) -> Intake {
        self.medicines.retain(|m| !m.is_empty());
        for m in &mut self.medicines {
            for t in [&mut m.name, &mut m.dose, &mut m.prescriber] {
                *t = t.trim().to_string();
            }
        }
        dedup(&mut self.life_events);
        dedup(&mut self.earlier_kinds);
        if self.had_therapy == Some(false) {
            self.earlier_kinds.clear();
        }
        for t in [
            &mut self.reason,
            &mut self.life_events_note,
            &mut self.earlier_length,
            &mut self.earlier_helped,
            &mut self.earlier_not_helped,
            &mut self.earlier_missing,
            &mut self.wants,
            &mut self.sleep,
            &mut self.supports,
        ] {
            *t = t.trim().to_string();
        }
        self
    }
}

fn dedup<T: PartialEq + Copy>(v: &mut Vec<T>) {
    let mut seen = Vec::with_capacity(v.len());
    v.retain(|x| {
        let new = !seen.contains(x);
        seen.push(*x);
        new
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> Intake {
        Intake {
            reason: "Low for months since the layoff".into(),
            life_events: vec![LifeEvent::JobLoss],
            had_therapy: Some(false),
            wants: "To get up in the morning again".into(),
            ..Intake::default()
        }
    }

    #[test]
    fn an_empty_draft_is_fine_but_cannot_be_sent() {
        assert!(check_draft(&Intake::default()).is_ok());
        assert_eq!(
            check_complete(&Intake::default()).unwrap_err().field,
            "reason"
        );
        assert!(check_complete(&complete()).is_ok());
    }

    #[test]
    fn sending_names_each_missing_answer() {
        let no_history = Intake {
            had_therapy: None,
            ..complete()
        };
        assert_eq!(
            check_complete(&no_history).unwrap_err().field,
            "had_therapy"
        );
        let no_wish = Intake {
            wants: " ".into(),
            ..complete()
        };
        assert_eq!(check_complete(&no_wish).unwrap_err().field, "wants");
        let medicine = Intake {
            medicines: vec![Medicine {
                name: "Sertraline".into(),
                dose: "50 mg".into(),
                prescriber: "Dr Natarajan".into(),
            }],
            ..complete()
        };
        assert_eq!(check_complete(&medicine).unwrap_err().field, "adherence");
        assert!(
            check_complete(&Intake {
                adherence: Some(Adherence::Mostly),
                ..medicine
            })
            .is_ok()
        );
    }

    #[test]
    fn limits_hold_in_drafts_too() {
        let long = Intake {
            supports: "x".repeat(MAX_TEXT_CHARS + 1),
            ..Intake::default()
        };
        assert_eq!(check_draft(&long).unwrap_err().field, "supports");
        let nameless = Intake {
            medicines: vec![Medicine {
                name: String::new(),
                dose: "20 mg".into(),
                prescriber: String::new(),
            }],
            ..Intake::default()
        };
        assert_eq!(
            check_draft(&nameless).unwrap_err().field,
            "medicines[0].name"
        );
        let many = Intake {
            medicines: vec![
                Medicine {
                    name: "A".into(),
                    ..Medicine::default()
                };
                MAX_MEDICATIONS + 1
            ],
            ..Intake::default()
        };
        assert_eq!(check_draft(&many).unwrap_err().field, "medicines");
    }

    #[test]
    fn tidy_drops_empty_rows_repeats_and_kinds_of_therapy_never_had() {
        let i = Intake {
            reason: "  tired  ".into(),
            life_events: vec![LifeEvent::Bereavement, LifeEvent::Bereavement],
            had_therapy: Some(false),
            earlier_kinds: vec![EarlierTherapy::Cbt],
            medicines: vec![
                Medicine::default(),
                Medicine {
                    name: " Sertraline ".into(),
                    ..Medicine::default()
                },
            ],
            ..Intake::default()
        }
        .tidy();
        assert_eq!(i.reason, "tired");
        assert_eq!(i.life_events, [LifeEvent::Bereavement]);
        assert!(i.earlier_kinds.is_empty());
        assert_eq!(i.medicines.len(), 1);
        assert_eq!(i.medicines[0].name, "Sertraline");
    }

    #[test]
    fn the_stored_form_round_trips_and_tolerates_missing_fields() {
        let i = Intake {
            medicines: vec![Medicine {
                name: "Sertraline".into(),
                dose: "50 mg".into(),
                prescriber: String::new(),
            }],
            adherence: Some(Adherence::AsPrescribed),
            ..complete()
        };
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(serde_json::from_str::<Intake>(&json).unwrap(), i);
        let old: Intake = serde_json::from_str(r#"{"reason":"x"}"#).unwrap();
        assert_eq!(old.reason, "x");
    }
}
