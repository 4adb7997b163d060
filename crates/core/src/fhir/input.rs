//! What the export is made from: everything is passed in, nothing is looked up.

use crate::homework::{Content, Kind};
use crate::measures::{Band, Instrument, Score};

/// One client's export. Times are RFC 3339 strings, written as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportInput {
    /// `Bundle.id` (FHIR ids: letters, digits, `-` and `.`, at most 64).
    pub bundle_id: String,
    /// `Bundle.timestamp`: when the export was made (the caller's "now").
    pub timestamp: String,
    /// The instance's public address, e.g. `https://rapport.example.org`; the canonical URLs
    /// of the questionnaires start with it.
    pub base_url: String,
    /// The code system of the instance's local codes (WHO-5); see [`code_system_url`].
    pub code_system: String,
    /// The client's id: a UUID becomes the `Patient`'s id as it is; anything else is turned
    /// into a name-based UUID.
    pub client_id: String,
    /// The client's name as they gave it (`Patient.name.text`); left out when blank.
    pub client_name: String,
    /// Bundle entries follow this order.
    pub measures: Vec<ExportMeasure>,
    /// The sent homework entries (never drafts), after the measures in this order.
    pub homework: Vec<ExportHomework>,
}

/// One sent homework entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportHomework {
    /// The entry's id: a UUID becomes the `QuestionnaireResponse`'s id as it is; anything
    /// else is turned into a name-based UUID.
    pub id: String,
    /// When the client sent it (RFC 3339): `authored`.
    pub sent_at: String,
    pub content: Content,
}

/// One scored questionnaire response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeasure {
    /// The measure's id: a UUID becomes the `QuestionnaireResponse`'s id as it is; anything
    /// else is turned into a name-based UUID. The Observations' ids derive from it.
    pub id: String,
    pub instrument: Instrument,
    /// When the client answered (RFC 3339): `authored` and `effectiveDateTime`.
    pub taken_at: String,
    /// One per scored item, in order; `None` for an item left out. An answer that is not one
    /// of its item's is left out too.
    pub answers: Vec<Option<u8>>,
    /// PHQ-9 item 10.
    pub difficulty: Option<u8>,
    /// The total as scored (WHO-5: the raw score).
    pub total: u8,
    pub band: Option<Band>,
    pub prorated: bool,
    /// The BCP 47 tag of the language it was answered in, when known: the response's
    /// `language`. The answers are the same numbers whatever the language.
    pub language: Option<String>,
}

impl ExportMeasure {
    /// The measure as `score` scored it.
    pub fn from_score(id: impl Into<String>, taken_at: impl Into<String>, score: &Score) -> Self {
        ExportMeasure {
            id: id.into(),
            instrument: score.instrument,
            taken_at: taken_at.into(),
            answers: score.answers.clone(),
            difficulty: score.difficulty,
            total: score.total,
            band: score.band,
            prorated: score.prorated,
            language: None,
        }
    }
}

/// `{base_url}/fhir/CodeSystem/rapport`: the system of an instance's local codes.
pub fn code_system_url(base_url: &str) -> String {
    format!("{}/fhir/CodeSystem/rapport", trim(base_url))
}

/// `{base_url}/fhir/Questionnaire/{instrument}`: an instrument's canonical URL.
pub fn questionnaire_url(base_url: &str, instrument: Instrument) -> String {
    format!(
        "{}/fhir/Questionnaire/{}",
        trim(base_url),
        instrument.as_str()
    )
}

/// `{base_url}/fhir/Questionnaire/homework-{kind}`: a homework kind's canonical URL.
pub fn homework_questionnaire_url(base_url: &str, kind: Kind) -> String {
    format!(
        "{}/fhir/Questionnaire/homework-{}",
        trim(base_url),
        kind.as_str().replace('_', "-")
    )
}

fn trim(base_url: &str) -> &str {
    base_url.trim_end_matches('/')
}
