//! What every resource needs: ids, references and codings, all derived from the input.

use serde_json::{Map, Value, json};

use super::input::{
    ExportHomework, ExportInput, ExportMeasure, homework_questionnaire_url, questionnaire_url,
};
use super::uuid::Uuid;
use crate::homework::Kind;
use crate::measures::{AnswerOption, Code, CodeSystem, Definition, Instrument, Item};

pub(super) const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

pub(super) struct Context<'a> {
    base_url: &'a str,
    code_system: &'a str,
    pub(super) patient: Uuid,
}

impl<'a> Context<'a> {
    pub(super) fn new(input: &'a ExportInput) -> Self {
        let base_url = input.base_url.trim_end_matches('/');
        Context {
            base_url,
            code_system: &input.code_system,
            patient: id_or_named(
                &input.client_id,
                &format!("{}/fhir/Patient/{}", base_url, input.client_id),
            ),
        }
    }

    pub(super) fn questionnaire_url(&self, instrument: Instrument) -> String {
        questionnaire_url(self.base_url, instrument)
    }

    /// A questionnaire's id: the name-based UUID of its canonical URL.
    pub(super) fn questionnaire_id(&self, instrument: Instrument) -> Uuid {
        Uuid::of_url(&self.questionnaire_url(instrument))
    }

    /// A QuestionnaireResponse's id: the measure's.
    pub(super) fn response_id(&self, measure: &ExportMeasure) -> Uuid {
        id_or_named(
            &measure.id,
            &format!(
                "{}/fhir/QuestionnaireResponse/{}",
                self.base_url, measure.id
            ),
        )
    }

    pub(super) fn homework_questionnaire_url(&self, kind: Kind) -> String {
        homework_questionnaire_url(self.base_url, kind)
    }

    /// A homework entry's QuestionnaireResponse id: the entry's.
    pub(super) fn homework_id(&self, entry: &ExportHomework) -> Uuid {
        id_or_named(
            &entry.id,
            &format!(
                "{}/fhir/QuestionnaireResponse/homework-{}",
                self.base_url, entry.id
            ),
        )
    }

    /// A `Coding` in the instance's code system.
    pub(super) fn local_coding(&self, code: &str, display: &str) -> Value {
        coding(self.code_system, code, Some(display))
    }

    pub(super) fn patient_reference(&self) -> Value {
        reference(self.patient)
    }

    /// A `Coding` of `code`; a local code is in the instance's code system.
    pub(super) fn coding(&self, code: Code, display: Option<&str>) -> Value {
        let system = code.system.uri().unwrap_or(self.code_system);
        coding(system, code.code, display)
    }

    /// A `CodeableConcept` of `codes`, the preferred first.
    pub(super) fn concept(&self, codes: &[Code], text: Option<&str>) -> Value {
        let codings: Vec<Value> = codes.iter().map(|&c| self.coding(c, None)).collect();
        let mut concept = Map::new();
        concept.insert("coding".into(), Value::Array(codings));
        if let Some(text) = text {
            concept.insert("text".into(), text.into());
        }
        Value::Object(concept)
    }

    /// An answer's `Coding`, with its label as the display. An answer without a code of its
    /// own (WHO-5) gets a local one: `{instrument's local code}-answer-{value}`.
    pub(super) fn answer_coding(&self, def: &Definition, option: &AnswerOption) -> Value {
        match option.code {
            Some(code) => self.coding(code, Some(option.label)),
            None => {
                let prefix = def
                    .panel_codes
                    .iter()
                    .find(|c| c.system == CodeSystem::Local)
                    .map_or(def.instrument.as_str(), |c| c.code);
                let code = format!("{prefix}-answer-{}", option.value);
                coding(self.code_system, &code, Some(option.label))
            }
        }
    }
}

/// The answered items of `measure`, scored then unscored (PHQ-9 item 10), each with the
/// chosen answer. Unanswered items, and answers that are not their item's, are left out.
pub(super) fn answered<'m>(
    def: &'static Definition,
    measure: &'m ExportMeasure,
) -> impl Iterator<Item = (&'static Item, &'static AnswerOption)> + 'm {
    let scored = def.items.iter().zip(measure.answers.iter().copied());
    let unscored = def
        .unscored_items
        .iter()
        .zip(std::iter::once(measure.difficulty));
    scored
        .chain(unscored)
        .filter_map(|(item, answer)| answer.and_then(|v| item.option(v)).map(|o| (item, o)))
}

/// An item's `linkId`: its number as printed on the form.
pub(super) fn link_id(item: &Item) -> String {
    item.number.to_string()
}

pub(super) fn reference(id: Uuid) -> Value {
    json!({ "reference": id.urn() })
}

pub(super) fn entry(id: Uuid, resource: Value) -> Value {
    json!({ "fullUrl": id.urn(), "resource": resource })
}

/// The `survey` Observation category.
pub(super) fn survey_category() -> Value {
    json!([{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey" }] }])
}

fn coding(system: &str, code: &str, display: Option<&str>) -> Value {
    let mut coding = Map::new();
    coding.insert("system".into(), system.into());
    coding.insert("code".into(), code.into());
    if let Some(display) = display {
        coding.insert("display".into(), display.into());
    }
    Value::Object(coding)
}

/// `id` when it is a UUID (in lower case), else the name-based UUID of `url`.
fn id_or_named(id: &str, url: &str) -> Uuid {
    Uuid::parse(id).unwrap_or_else(|| Uuid::of_url(url))
}
