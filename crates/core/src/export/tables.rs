//! The three tables: `measures.csv`, `checkins.csv`, `homework.csv`. Their columns are
//! documented in `docs/export.md` and in the README of the ZIP.

use serde_json::Value;

use super::csv::Table;
use super::{Record, instant};
use crate::measures::Instrument;

pub(super) const MEASURES: [&str; 7] = [
    "taken_at",
    "questionnaire",
    "instrument",
    "total",
    "band",
    "prorated",
    "answers",
];
pub(super) const CHECKINS: [&str; 6] = [
    "day",
    "taken_at",
    "mood",
    "sleep_hours",
    "medication",
    "note",
];
pub(super) const HOMEWORK: [&str; 4] = ["sent_at", "exercise", "kind", "entry"];

/// One row per questionnaire answered, oldest first. `answers` is the items' answers in
/// order, separated by spaces, `-` for an item left out.
pub(super) fn measures(r: &Record) -> String {
    let mut t = Table::new(&MEASURES);
    for m in &r.fhir.measures {
        let answers: Vec<String> = m
            .answers
            .iter()
            .map(|a| a.map_or("-".to_string(), |v| v.to_string()))
            .collect();
        t.row([
            m.taken_at.clone(),
            title(m.instrument).to_string(),
            m.instrument.as_str().to_string(),
            m.total.to_string(),
            m.band.map(|b| b.label().to_string()).unwrap_or_default(),
            if m.prorated { "yes" } else { "no" }.to_string(),
            answers.join(" "),
        ]);
    }
    t.finish()
}

/// One row per daily check-in, oldest first.
pub(super) fn checkins(r: &Record) -> String {
    let mut t = Table::new(&CHECKINS);
    for k in &r.checkins {
        t.row([
            k.day.to_string(),
            instant(k.taken_at),
            k.mood.to_string(),
            k.sleep_hours.to_string(),
            k.medication.as_str().to_string(),
            k.note.clone().unwrap_or_default(),
        ]);
    }
    t.finish()
}

/// One row per homework entry sent, oldest first; `entry` is what was written, field by field
/// (`field: value`, one per line).
pub(super) fn homework(r: &Record) -> String {
    let mut t = Table::new(&HOMEWORK);
    for hw in &r.fhir.homework {
        t.row([
            hw.sent_at.clone(),
            hw.content.kind().label().to_string(),
            hw.content.kind().as_str().to_string(),
            flatten(&hw.content.to_json()).join("\n"),
        ]);
    }
    t.finish()
}

pub(super) fn title(instrument: Instrument) -> &'static str {
    instrument.definition().title
}

/// A homework entry's fields as `name: value` lines, nested names joined by dots and list
/// rows numbered from 1; empty values left out.
pub(super) fn flatten(v: &Value) -> Vec<String> {
    flatten_pairs(v)
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect()
}

/// [`flatten`] as `(name, value)` pairs.
pub(super) fn flatten_pairs(v: &Value) -> Vec<(String, String)> {
    let mut out = vec![];
    walk("", v, &mut out);
    out
}

fn walk(path: &str, v: &Value, out: &mut Vec<(String, String)>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                walk(&join(k), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(&join(&(i + 1).to_string()), v, out);
            }
        }
        Value::String(s) if s.trim().is_empty() => {}
        Value::String(s) => out.push((path.to_string(), s.trim().to_string())),
        other => out.push((path.to_string(), other.to_string())),
    }
}
