//! The FHIR R4 export of a client's measures (CLINICAL.md "Interoperability"): one `Bundle`
//! of type `collection` with the `Patient`, a `Questionnaire` per instrument present, and per
//! measure a `QuestionnaireResponse` and its `Observation`s; then a `QuestionnaireResponse`
//! per sent homework entry.
//!
//! Pure: the caller passes the time, the ids and the instance's base URL. Every code and text
//! comes from the instrument definitions in [`crate::measures`]. Every entry's `fullUrl` is a
//! `urn:uuid:` and its resource's `id` is that UUID; references use those URNs. Ids that are
//! not given (questionnaires, observations) are name-based UUIDs (version 5), so the same
//! input always gives the same bundle.

mod context;
mod homework;
mod input;
mod observation;
mod questionnaire;
mod record;
mod response;
mod uuid;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value, json};

pub use input::{
    ExportHomework, ExportInput, ExportMeasure, code_system_url, homework_questionnaire_url,
    questionnaire_url,
};

pub use record::record_bundle;

use crate::measures::Instrument;
use context::{Context, entry};

/// The client's export as a FHIR R4 `Bundle`.
pub fn bundle(input: &ExportInput) -> Value {
    let cx = Context::new(input);
    let mut entries = vec![entry(cx.patient, patient(&cx, input))];
    for &instrument in Instrument::ALL {
        if input.measures.iter().any(|m| m.instrument == instrument) {
            let q = questionnaire::questionnaire(&cx, instrument.definition());
            entries.push(entry(cx.questionnaire_id(instrument), q));
        }
    }
    for measure in &input.measures {
        entries.push(entry(
            cx.response_id(measure),
            response::response(&cx, measure),
        ));
        for (id, obs) in observation::observations(&cx, measure) {
            entries.push(entry(id, obs));
        }
    }
    for hw in &input.homework {
        entries.push(entry(cx.homework_id(hw), homework::response(&cx, hw)));
    }
    json!({
        "resourceType": "Bundle",
        "id": input.bundle_id,
        "type": "collection",
        "timestamp": input.timestamp,
        "entry": entries,
    })
}

/// The client: an id and, when given, the name as they wrote it.
fn patient(cx: &Context<'_>, input: &ExportInput) -> Value {
    let mut patient = Map::new();
    patient.insert("resourceType".into(), "Patient".into());
    patient.insert("id".into(), cx.patient.to_string().into());
    let name = input.client_name.trim();
    if !name.is_empty() {
        patient.insert("name".into(), json!([{ "text": name }]));
    }
    Value::Object(patient)
}
