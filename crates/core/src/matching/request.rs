//! What a person tells matching (`POST /api/v1/match`): what they want help with, earlier
//! therapy, what was missing, preferences. Every field is optional except what is needed to
//! make sense of the rest; unknown words are refused with the words to use.

use serde::{Deserialize, Serialize};

use crate::text::at_most;
use crate::therapists::profile::{MAX_FEE, MAX_INSURANCE_CHARS};
use crate::therapists::{Format, Gender, Jurisdiction, Language, Mode, Specialty, TherapyApproach};
use crate::{Error, Result};

pub const MAX_PHQ9: u8 = 27;
pub const MAX_EARLIER_COURSES: u8 = 50;

string_enum!(
    /// What a person wants help with, in their words. Each maps to the specialty that matching
    /// favours (`low_mood` to none: every clinician in the directory works with depression).
    HelpWith {
        LowMood => "low_mood", "Low mood and depression";
        LongLastingDepression => "long_lasting_depression", "Depression that has lasted a long time";
        NotLifting => "depression_not_lifting", "Depression that has not lifted with treatment";
        Grief => "grief", "Grief and loss";
        Perinatal => "perinatal", "Depression in pregnancy or after a birth";
        Relationships => "relationships", "Relationships and family";
        Work => "work", "Work, burnout or losing a job";
        Anxiety => "anxiety", "Anxiety as well as low mood";
        Trauma => "trauma", "Something traumatic that happened";
        LaterLife => "later_life", "Later life";
        LongTermIllness => "long_term_illness", "Living with a long-term illness or pain";
        AlcoholOrDrugs => "alcohol_or_drugs", "Alcohol or drug use";
    }
);

impl HelpWith {
    /// The specialty a clinician with particular experience in this has.
    pub fn specialty(self) -> Option<Specialty> {
        Some(match self {
            HelpWith::LowMood => return None,
            HelpWith::LongLastingDepression => Specialty::ChronicDepression,
            HelpWith::NotLifting => Specialty::TreatmentResistantDepression,
            HelpWith::Grief => Specialty::Grief,
            HelpWith::Perinatal => Specialty::Perinatal,
            HelpWith::Relationships => Specialty::Relationships,
            HelpWith::Work => Specialty::WorkStress,
            HelpWith::Anxiety => Specialty::Anxiety,
            HelpWith::Trauma => Specialty::Trauma,
            HelpWith::LaterLife => Specialty::OlderAdults,
            HelpWith::LongTermIllness => Specialty::ChronicIllness,
            HelpWith::AlcoholOrDrugs => Specialty::SubstanceUse,
        })
    }
}

string_enum!(
    /// What was missing last time (the issue's words, exactly).
    Missing {
        TooUnstructured => "too_unstructured", "It felt too unstructured";
        DidNotAddressMyPast => "did_not_address_my_past", "It did not address my past";
        DidNotFeelHeard => "did_not_feel_heard", "I did not feel heard";
        TooExpensive => "too_expensive", "It was too expensive";
        CouldNotAttend => "could_not_attend", "I could not get to the sessions";
        NoProgress => "no_progress", "It brought no progress";
    }
);

/// The questionnaire's answers. Deserialises from the issue's JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_with: Option<HelpWith>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phq9_total: Option<u8>,
    /// How many courses of therapy before (0 when none or not said).
    #[serde(default)]
    pub earlier_courses: u8,
    #[serde(default)]
    pub missing: Vec<Missing>,
    /// Approaches tried before that did not help (filled from the intake for a signed-in
    /// client); matching favours something different and says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_approaches: Vec<TherapyApproach>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<TherapyApproach>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub therapist_gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_fee: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Jurisdiction>,
    /// Whether the earlier therapist was the problem (item 5): `false` offers them first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub therapist_was_the_problem: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_to_family_or_group: Option<bool>,
}

/// The fields of the request's JSON, for errors that name the field.
pub const FIELDS: &[&str] = &[
    "help_with",
    "phq9_total",
    "earlier_courses",
    "missing",
    "earlier_approaches",
    "approach",
    "format",
    "mode",
    "language",
    "therapist_gender",
    "max_fee",
    "insurance",
    "jurisdiction",
    "therapist_was_the_problem",
    "open_to_family_or_group",
];

impl Request {
    /// Reads the API's JSON object; a field that cannot be read is named in the error (with
    /// the words to use for an unknown word), then the request is checked. Unknown fields are
    /// ignored.
    pub fn from_json(v: &serde_json::Value) -> Result<Request> {
        let Some(obj) = v.as_object() else {
            return Err(Error::invalid("body", "Send a JSON object."));
        };
        for field in FIELDS {
            if let Some(value) = obj.get(*field) {
                let mut one = serde_json::Map::new();
                one.insert((*field).to_string(), value.clone());
                if let Err(e) = serde_json::from_value::<Request>(serde_json::Value::Object(one)) {
                    let text = e.to_string();
                    let text = text.split(" at line ").next().unwrap_or(&text);
                    return Err(Error::invalid(*field, text));
                }
            }
        }
        serde_json::from_value::<Request>(v.clone())
            .map_err(|e| Error::invalid("body", e.to_string()))?
            .checked()
    }

    /// Checks the numbers and text and tidies lists (repeats dropped, blank insurance → none).
    /// The error names the field.
    pub fn checked(mut self) -> Result<Request> {
        if self.phq9_total.is_some_and(|t| t > MAX_PHQ9) {
            return Err(Error::invalid(
                "phq9_total",
                format!("A PHQ-9 total is a number from 0 to {MAX_PHQ9}."),
            ));
        }
        if self.earlier_courses > MAX_EARLIER_COURSES {
            return Err(Error::invalid(
                "earlier_courses",
                format!("Write how many courses of therapy, from 0 to {MAX_EARLIER_COURSES}."),
            ));
        }
        if self.max_fee.is_some_and(|f| f > MAX_FEE) {
            return Err(Error::invalid(
                "max_fee",
                format!("Write the most you can pay for a session, up to {MAX_FEE}."),
            ));
        }
        if let Some(plan) = self.insurance.as_mut() {
            *plan = plan.trim().to_string();
        }
        if self.insurance.as_deref().is_some_and(str::is_empty) {
            self.insurance = None;
        }
        at_most(
            "insurance",
            self.insurance.as_deref().unwrap_or(""),
            MAX_INSURANCE_CHARS,
        )?;
        let mut seen = vec![];
        self.missing.retain(|m| {
            let new = !seen.contains(m);
            seen.push(*m);
            new
        });
        self.earlier_approaches.sort();
        self.earlier_approaches.dedup();
        Ok(self)
    }

    /// Whether earlier treatment points to expertise with depression that has not lifted:
    /// two or more earlier courses, or no progress last time.
    pub fn favours_treatment_resistant(&self) -> bool {
        self.earlier_courses >= 2 || self.missing.contains(&Missing::NoProgress)
    }
}

/// The words to use for a field, for error messages (`low_mood, grief, …`).
pub fn words<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> String {
    all.iter().map(|v| word(*v)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: serde_json::Value) -> std::result::Result<Request, String> {
        serde_json::from_value::<Request>(v).map_err(|e| e.to_string())
    }

    #[test]
    fn the_issue_json_reads() {
        let r = parse(serde_json::json!({
            "help_with": "grief", "phq9_total": 14, "earlier_courses": 2,
            "missing": ["too_unstructured", "no_progress"], "approach": "cbt",
            "format": "individual", "mode": "online", "language": "es",
            "therapist_gender": "woman", "max_fee": 120, "insurance": "Aetna",
            "jurisdiction": "US-CA"
        }))
        .unwrap()
        .checked()
        .unwrap();
        assert_eq!(r.help_with, Some(HelpWith::Grief));
        assert_eq!(
            r.missing,
            vec![Missing::TooUnstructured, Missing::NoProgress]
        );
        assert!(r.favours_treatment_resistant());
        assert_eq!(parse(serde_json::json!({})).unwrap(), Request::default());
    }

    #[test]
    fn unknown_words_list_the_words_to_use() {
        let e = parse(serde_json::json!({"missing": ["boring"]})).unwrap_err();
        assert!(e.contains("too_unstructured"), "{e}");
        let e = parse(serde_json::json!({"help_with": "everything"})).unwrap_err();
        assert!(e.contains("low_mood"), "{e}");
        let e = parse(serde_json::json!({"mode": "fax"})).unwrap_err();
        assert!(e.contains("in_person, online, phone"), "{e}");
    }

    #[test]
    fn json_errors_name_the_field() {
        let field = |v: serde_json::Value| Request::from_json(&v).unwrap_err();
        let e = field(serde_json::json!({"missing": ["too_unstructured", "boring"]}));
        assert_eq!(e.field, "missing");
        assert!(e.message.contains("did_not_feel_heard"), "{}", e.message);
        assert_eq!(
            field(serde_json::json!({"phq9_total": "a lot"})).field,
            "phq9_total"
        );
        assert_eq!(
            field(serde_json::json!({"phq9_total": 30})).field,
            "phq9_total"
        );
        assert_eq!(
            field(serde_json::json!({"jurisdiction": "California"})).field,
            "jurisdiction"
        );
        assert_eq!(field(serde_json::json!([])).field, "body");
        assert!(Request::from_json(&serde_json::json!({"earlier_courses": 1, "extra": 1})).is_ok());
    }

    #[test]
    fn numbers_out_of_range_name_the_field() {
        let field = |r: Request| r.checked().unwrap_err().field;
        assert_eq!(
            field(Request {
                phq9_total: Some(28),
                ..Request::default()
            }),
            "phq9_total"
        );
        assert_eq!(
            field(Request {
                earlier_courses: 51,
                ..Request::default()
            }),
            "earlier_courses"
        );
        assert_eq!(
            field(Request {
                max_fee: Some(MAX_FEE + 1),
                ..Request::default()
            }),
            "max_fee"
        );
        assert_eq!(
            field(Request {
                insurance: Some("x".repeat(81)),
                ..Request::default()
            }),
            "insurance"
        );
        let ok = Request {
            phq9_total: Some(27),
            earlier_courses: 50,
            insurance: Some("  ".into()),
            missing: vec![Missing::NoProgress, Missing::NoProgress],
            ..Request::default()
        }
        .checked()
        .unwrap();
        assert_eq!(ok.insurance, None);
        assert_eq!(ok.missing, vec![Missing::NoProgress]);
    }

    #[test]
    fn one_course_alone_does_not_favour_treatment_resistant_expertise() {
        let r = Request {
            earlier_courses: 1,
            ..Request::default()
        };
        assert!(!r.favours_treatment_resistant());
        let r = Request {
            earlier_courses: 1,
            missing: vec![Missing::NoProgress],
            ..r
        };
        assert!(r.favours_treatment_resistant());
    }
}
