//! One `Questionnaire` per instrument, written from its definition.

use serde_json::{Value, json};

use super::context::{Context, ORDINAL_VALUE, link_id};
use crate::measures::{Definition, Item};

pub(super) fn questionnaire(cx: &Context<'_>, def: &'static Definition) -> Value {
    let items: Vec<Value> = def
        .items
        .iter()
        .chain(def.unscored_items)
        .map(|item| question(cx, def, item))
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "id": cx.questionnaire_id(def.instrument).to_string(),
        "url": cx.questionnaire_url(def.instrument),
        "title": def.title,
        "status": "active",
        "subjectType": ["Patient"],
        "description": def.stem,
        "code": def.panel_codes.iter().map(|&c| cx.coding(c, None)).collect::<Vec<_>>(),
        "item": items,
    })
}

/// A choice item; each answer carries its score as `ordinalValue` on its coding.
fn question(cx: &Context<'_>, def: &Definition, item: &Item) -> Value {
    let options: Vec<Value> = item
        .options
        .iter()
        .map(|option| {
            let mut coding = cx.answer_coding(def, option);
            if let Some(coding) = coding.as_object_mut() {
                coding.insert(
                    "extension".into(),
                    json!([{ "url": ORDINAL_VALUE, "valueDecimal": option.value }]),
                );
            }
            json!({ "valueCoding": coding })
        })
        .collect();
    json!({
        "linkId": link_id(item),
        "code": [cx.coding(item.code, None)],
        "text": item.text,
        "type": "choice",
        "answerOption": options,
    })
}
