//! The shape of an instrument's definition: what a page shows, what the API accepts and what
//! the FHIR export codes.

use super::band::BandRange;
use super::instrument::Instrument;

string_enum! {
    /// Where a code comes from.
    CodeSystem {
        Loinc => "loinc", "LOINC";
        Snomed => "snomed", "SNOMED CT";
        Local => "local", "Rapport";
    }
}

impl CodeSystem {
    /// The FHIR system URI. A local code has none here: the FHIR export names the instance's
    /// own code system, which depends on its base URL.
    pub fn uri(self) -> Option<&'static str> {
        match self {
            CodeSystem::Loinc => Some("http://loinc.org"),
            CodeSystem::Snomed => Some("http://snomed.info/sct"),
            CodeSystem::Local => None,
        }
    }
}

/// A code in a terminology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub system: CodeSystem,
    pub code: &'static str,
}

impl Code {
    pub const fn loinc(code: &'static str) -> Code {
        Code {
            system: CodeSystem::Loinc,
            code,
        }
    }

    pub const fn snomed(code: &'static str) -> Code {
        Code {
            system: CodeSystem::Snomed,
            code,
        }
    }

    pub const fn local(code: &'static str) -> Code {
        Code {
            system: CodeSystem::Local,
            code,
        }
    }
}

/// One answer a person can choose. `value` is what is scored and what the API carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerOption {
    pub value: u8,
    pub label: &'static str,
    /// The LOINC answer (LA) code, where one exists.
    pub code: Option<Code>,
}

/// One question. `number` is as printed on the form (1-based); the API's `answers[i]` is
/// item `i + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub number: u8,
    pub text: &'static str,
    pub code: Code,
    /// In the order a page shows them.
    pub options: &'static [AnswerOption],
}

impl Item {
    /// Whether `value` is one of this item's answers.
    pub fn accepts(&self, value: u8) -> bool {
        self.options.iter().any(|o| o.value == value)
    }

    pub fn option(&self, value: u8) -> Option<&'static AnswerOption> {
        self.options.iter().find(|o| o.value == value)
    }

    pub fn min_value(&self) -> u8 {
        self.options.iter().map(|o| o.value).min().unwrap_or(0)
    }

    pub fn max_value(&self) -> u8 {
        self.options.iter().map(|o| o.value).max().unwrap_or(0)
    }
}

/// Everything about one instrument except how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    pub instrument: Instrument,
    pub title: &'static str,
    /// The question the items answer, shown above them.
    pub stem: &'static str,
    /// The scored items, in order; `answers` in the API has exactly this many entries.
    pub items: &'static [Item],
    /// Asked after the scored items and never added to the total (PHQ-9 item 10).
    pub unscored_items: &'static [Item],
    /// The questionnaire (FHIR panel) codes, the preferred one first.
    pub panel_codes: &'static [Code],
    /// The total score's codes, the preferred one first.
    pub total_codes: &'static [Code],
    pub max_total: u8,
    /// Severity bands, lowest first; empty where the instrument has none.
    pub bands: &'static [BandRange],
    /// A total at or above this is a "case" (CLINICAL.md, Caseness).
    pub caseness_at: Option<u8>,
    /// A rough estimate for the client's "due today" list.
    pub minutes_to_complete: u8,
}

/// The 0–3 answers shared by the PHQ-9, PHQ-2 and GAD-7 (LOINC answer list LL358-3).
pub(super) const FREQUENCY: &[AnswerOption] = &[
    AnswerOption {
        value: 0,
        label: "Not at all",
        code: Some(Code::loinc("LA6568-5")),
    },
    AnswerOption {
        value: 1,
        label: "Several days",
        code: Some(Code::loinc("LA6569-3")),
    },
    AnswerOption {
        value: 2,
        label: "More than half the days",
        code: Some(Code::loinc("LA6570-1")),
    },
    AnswerOption {
        value: 3,
        label: "Nearly every day",
        code: Some(Code::loinc("LA6571-9")),
    },
];
