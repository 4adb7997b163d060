//! The Observations of a measure, in the style of US Core's Observation Screening Assessment:
//! status `final`, category `survey`, each derived from the measure's QuestionnaireResponse.
//! Where the items have standard codes (PHQ-9, GAD-7, PHQ-2) a panel Observation has the item
//! Observations and the total as members; the WHO-5, coded locally, has its total only; the
//! FIBSER, coded locally, has its three items and its burden.

use std::iter::once;

use serde_json::{Map, Value, json};

use super::context::{Context, answered, link_id, reference, survey_category};
use super::input::ExportMeasure;
use super::uuid::Uuid;
use crate::measures::{Code, Definition, Instrument, WHO5_PERCENTAGE_CODES};

/// The measure's Observations with their ids: the panel first, then its members (the answered
/// items in order, then the total).
pub(super) fn observations(cx: &Context<'_>, measure: &ExportMeasure) -> Vec<(Uuid, Value)> {
    let def = measure.instrument.definition();
    let qr = cx.response_id(measure);
    let total = total(cx, def, measure, qr);
    // The FIBSER has no total to stand for it (the burden decides), so its items go out
    // too, coded locally.
    let standard = measure.instrument == Instrument::Fibser
        || def
            .items
            .iter()
            .chain(def.unscored_items)
            .all(|item| item.code.system.uri().is_some());
    if !standard {
        return vec![total];
    }
    let items: Vec<(Uuid, Value)> = answered(def, measure)
        .map(|(item, option)| {
            let id = Uuid::v5(qr, &format!("Observation/item/{}", link_id(item)));
            let code = cx.concept(&[item.code], Some(item.text));
            let mut obs = base(cx, measure, qr, id, code);
            obs.insert(
                "valueCodeableConcept".into(),
                json!({ "coding": [cx.answer_coding(def, option)] }),
            );
            (id, Value::Object(obs))
        })
        .collect();
    let members: Vec<Value> = items
        .iter()
        .map(|(id, _)| *id)
        .chain(once(total.0))
        .map(reference)
        .collect();
    let panel_id = Uuid::v5(qr, "Observation/panel");
    let mut panel = base(
        cx,
        measure,
        qr,
        panel_id,
        cx.concept(def.panel_codes, Some(def.title)),
    );
    panel.insert("hasMember".into(), Value::Array(members));
    once((panel_id, Value::Object(panel)))
        .chain(items)
        .chain(once(total))
        .collect()
}

/// The total (`valueInteger`), its band as `interpretation` text and a note when prorated.
/// The WHO-5's is the percentage, with the raw score as a component.
fn total(cx: &Context<'_>, def: &Definition, measure: &ExportMeasure, qr: Uuid) -> (Uuid, Value) {
    let id = Uuid::v5(qr, "Observation/total");
    let score = |codes: &[Code]| base(cx, measure, qr, id, cx.concept(codes, None));
    let mut obs = match measure.instrument {
        Instrument::Who5 => {
            let mut obs = score(WHO5_PERCENTAGE_CODES);
            obs.insert("valueInteger".into(), percentage(def, measure.total).into());
            obs.insert(
                "component".into(),
                json!([{
                    "code": cx.concept(def.total_codes, None),
                    "valueInteger": measure.total,
                }]),
            );
            obs
        }
        Instrument::Phq9 | Instrument::Phq2 | Instrument::Gad7 | Instrument::Fibser => {
            let mut obs = score(def.total_codes);
            obs.insert("valueInteger".into(), measure.total.into());
            obs
        }
    };
    if let Some(band) = measure.band {
        obs.insert("interpretation".into(), json!([{ "text": band.label() }]));
    }
    if measure.prorated {
        obs.insert(
            "note".into(),
            json!([{ "text": prorated_note(def, measure) }]),
        );
    }
    (id, Value::Object(obs))
}

/// What every Observation of the measure has.
fn base(
    cx: &Context<'_>,
    measure: &ExportMeasure,
    qr: Uuid,
    id: Uuid,
    code: Value,
) -> Map<String, Value> {
    let mut obs = Map::new();
    obs.insert("resourceType".into(), "Observation".into());
    obs.insert("id".into(), id.to_string().into());
    obs.insert("status".into(), "final".into());
    obs.insert("category".into(), survey_category());
    obs.insert("code".into(), code);
    obs.insert("subject".into(), cx.patient_reference());
    obs.insert("effectiveDateTime".into(), measure.taken_at.as_str().into());
    obs.insert("derivedFrom".into(), json!([reference(qr)]));
    obs
}

/// The raw score as a share of the maximum, 0–100 (WHO-5: raw × 4).
fn percentage(def: &Definition, raw: u8) -> u32 {
    (u32::from(raw) * 100)
        .checked_div(u32::from(def.max_total))
        .unwrap_or(0)
}

fn prorated_note(def: &Definition, measure: &ExportMeasure) -> String {
    let answered = def
        .items
        .iter()
        .zip(&measure.answers)
        .filter(|(item, answer)| answer.is_some_and(|v| item.accepts(v)))
        .count();
    let count = def.items.len();
    format!(
        "Prorated: {} of {count} items unanswered; the total counts each as the mean of the \
         answered items, rounded to the nearest integer, halves up.",
        count.saturating_sub(answered)
    )
}
