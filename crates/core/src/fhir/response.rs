//! One `QuestionnaireResponse` per measure: the answers as given, unanswered items left out.

use serde_json::{Map, Value, json};

use super::context::{Context, answered, link_id};
use super::input::ExportMeasure;

pub(super) fn response(cx: &Context<'_>, measure: &ExportMeasure) -> Value {
    let def = measure.instrument.definition();
    let items: Vec<Value> = answered(def, measure)
        .map(|(item, option)| {
            json!({
                "linkId": link_id(item),
                "text": item.text,
                "answer": [{ "valueCoding": cx.answer_coding(def, option) }],
            })
        })
        .collect();
    let mut qr = Map::new();
    qr.insert("resourceType".into(), "QuestionnaireResponse".into());
    qr.insert("id".into(), cx.response_id(measure).to_string().into());
    if let Some(language) = &measure.language {
        qr.insert("language".into(), language.as_str().into());
    }
    qr.insert(
        "questionnaire".into(),
        cx.questionnaire_url(measure.instrument).into(),
    );
    qr.insert("status".into(), "completed".into());
    qr.insert("subject".into(), cx.patient_reference());
    qr.insert("authored".into(), measure.taken_at.as_str().into());
    // FHIR JSON has no empty arrays.
    if !items.is_empty() {
        qr.insert("item".into(), Value::Array(items));
    }
    Value::Object(qr)
}
