//! Golden files for the FHIR export (DESIGN.md "golden files for FHIR output"), and a light
//! structural check of FHIR R4 on each bundle (no validator: no network).
//!
//! `UPDATE_GOLDEN=1 cargo test -p rapport-core --test fhir_golden` rewrites the files; review
//! the diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rapport_core::fhir::{ExportInput, ExportMeasure, bundle, code_system_url};
use rapport_core::measures::Instrument;
use serde_json::Value;

const BASE: &str = "https://rapport.example.org";

fn measure(
    id: &str,
    instrument: Instrument,
    taken_at: &str,
    answers: &[Option<i64>],
    difficulty: Option<i64>,
) -> ExportMeasure {
    let score = instrument.score(answers, difficulty).unwrap();
    ExportMeasure::from_score(id, taken_at, &score)
}

fn all(values: &[i64]) -> Vec<Option<i64>> {
    values.iter().copied().map(Some).collect()
}

/// Three PHQ-9s over four weeks (the second prorated, item 6 left out) and two GAD-7s.
fn depression_and_anxiety() -> ExportInput {
    let mut week2 = all(&[2, 2, 2, 2, 1, 0, 1, 1, 1]);
    week2[5] = None;
    ExportInput {
        bundle_id: "0195a3c0-7f10-7000-8000-00000000b001".into(),
        timestamp: "2025-03-10T16:30:00Z".into(),
        base_url: BASE.into(),
        code_system: code_system_url(BASE),
        client_id: "0195a3c0-1a2b-7c3d-8e4f-5a6b7c8d9e0f".into(),
        client_name: "Jordan Ellis".into(),
        homework: vec![],
        measures: vec![
            measure(
                "0195a3c0-2000-7000-8000-000000000001",
                Instrument::Phq9,
                "2025-02-10T09:12:00+01:00",
                &all(&[3, 2, 2, 3, 1, 2, 1, 1, 2]),
                Some(2),
            ),
            measure(
                "0195a3c0-2000-7000-8000-000000000002",
                Instrument::Gad7,
                "2025-02-10T09:15:00+01:00",
                &all(&[2, 2, 2, 1, 1, 2, 1]),
                None,
            ),
            measure(
                "0195a3c0-2000-7000-8000-000000000003",
                Instrument::Phq9,
                "2025-02-24T09:05:00+01:00",
                &week2,
                Some(1),
            ),
            measure(
                "0195a3c0-2000-7000-8000-000000000004",
                Instrument::Phq9,
                "2025-03-10T09:02:00+01:00",
                &all(&[1, 1, 2, 1, 1, 1, 1, 0, 0]),
                None,
            ),
            measure(
                "0195a3c0-2000-7000-8000-000000000005",
                Instrument::Gad7,
                "2025-03-10T09:06:00+01:00",
                &all(&[1, 1, 1, 0, 0, 1, 0]),
                None,
            ),
        ],
    }
}

/// A PHQ-2 screen and a WHO-5.
fn screen_and_wellbeing() -> ExportInput {
    ExportInput {
        bundle_id: "0195a3c0-7f10-7000-8000-00000000b002".into(),
        timestamp: "2025-03-10T16:30:00Z".into(),
        base_url: format!("{BASE}/"),
        code_system: code_system_url(BASE),
        client_id: "0195a3c0-3c4d-7e5f-9a0b-1c2d3e4f5a6b".into(),
        client_name: "Sam Okafor".into(),
        homework: vec![],
        measures: vec![
            measure(
                "0195a3c0-4000-7000-8000-000000000001",
                Instrument::Phq2,
                "2025-03-03T18:40:00Z",
                &all(&[1, 2]),
                None,
            ),
            measure(
                "0195a3c0-4000-7000-8000-000000000002",
                Instrument::Who5,
                "2025-03-03T18:42:00Z",
                &all(&[2, 3, 2, 1, 3]),
                None,
            ),
        ],
    }
}

fn golden(name: &str, input: &ExportInput) {
    let actual = bundle(input);
    check_structure(&actual);
    // The package's folder as cargo gives it when the test runs, not when it was built: with a
    // build cache shared between checkouts, the binary may come from another (gone) clone.
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let path = dir.join("tests").join("golden").join(name);
    let pretty = format!("{}\n", serde_json::to_string_pretty(&actual).unwrap());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &pretty).unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to write it",
            path.display()
        )
    });
    // Compared as JSON, shown as text: key order is not part of the contract.
    let expected: Value = serde_json::from_str(&text).unwrap();
    if expected != actual {
        let expected = format!("{}\n", serde_json::to_string_pretty(&expected).unwrap());
        assert_eq!(
            pretty,
            expected,
            "{} differs; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
    }
}

#[test]
fn golden_depression_and_anxiety() {
    golden("fhir_phq9_gad7.json", &depression_and_anxiety());
}

#[test]
fn golden_screen_and_wellbeing() {
    golden("fhir_phq2_who5.json", &screen_and_wellbeing());
}

#[test]
fn the_bundles_count_what_they_should() {
    let b = bundle(&depression_and_anxiety());
    let kinds = count_kinds(&b);
    assert_eq!(kinds["Patient"], 1);
    assert_eq!(kinds["Questionnaire"], 2);
    assert_eq!(kinds["QuestionnaireResponse"], 5);
    // PHQ-9: 10 + 9 (item 6 missing) + 9 (no difficulty) items, GAD-7: 7 + 7 items; each
    // measure a panel and a total.
    assert_eq!(kinds["Observation"], 10 + 9 + 9 + 7 + 7 + 5 * 2);
    let b = bundle(&screen_and_wellbeing());
    let kinds = count_kinds(&b);
    assert_eq!(kinds["Questionnaire"], 2);
    // PHQ-2: 2 items, panel, total; WHO-5: the total only.
    assert_eq!(kinds["Observation"], 4 + 1);
}

fn count_kinds(b: &Value) -> HashMap<String, usize> {
    let mut kinds = HashMap::new();
    for e in b["entry"].as_array().unwrap() {
        let kind = e["resource"]["resourceType"].as_str().unwrap().to_owned();
        *kinds.entry(kind).or_default() += 1;
    }
    kinds
}

/// What a FHIR R4 validator would check first, for the resources this export writes.
fn check_structure(b: &Value) {
    no_empty(b, "Bundle");
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert!(is_fhir_id(b["id"].as_str().unwrap()));
    assert!(is_date_time(b["timestamp"].as_str().unwrap()));
    let entries = b["entry"].as_array().unwrap();
    let mut urls = HashSet::new();
    let mut questionnaires: HashMap<&str, &Value> = HashMap::new();
    for e in entries {
        let full = e["fullUrl"].as_str().unwrap();
        let id = full.strip_prefix("urn:uuid:").unwrap();
        assert!(is_lower_uuid(id), "{full}");
        assert_eq!(
            e["resource"]["id"], id,
            "an entry's id is its fullUrl's UUID"
        );
        assert!(urls.insert(full), "duplicate fullUrl {full}");
        if e["resource"]["resourceType"] == "Questionnaire" {
            questionnaires.insert(e["resource"]["url"].as_str().unwrap(), &e["resource"]);
        }
    }
    let mut refs = Vec::new();
    references(b, &mut refs);
    for r in refs {
        assert!(urls.contains(r), "unresolved reference {r}");
    }
    for e in entries {
        let r = &e["resource"];
        match r["resourceType"].as_str().unwrap() {
            "Patient" => {}
            "Questionnaire" => check_questionnaire(r),
            "QuestionnaireResponse" => {
                let q = questionnaires[r["questionnaire"].as_str().unwrap()];
                check_response(r, q);
            }
            "Observation" => check_observation(r),
            other => panic!("unexpected resource {other}"),
        }
    }
}

fn check_questionnaire(q: &Value) {
    assert_eq!(q["status"], "active");
    assert!(q["url"].as_str().unwrap().starts_with("https://"));
    for c in q["code"].as_array().unwrap() {
        is_coding(c);
    }
    let mut links = HashSet::new();
    for item in q["item"].as_array().unwrap() {
        assert!(
            links.insert(item["linkId"].as_str().unwrap()),
            "duplicate linkId"
        );
        assert_eq!(item["type"], "choice");
        assert!(item["text"].is_string());
        for option in item["answerOption"].as_array().unwrap() {
            let coding = &option["valueCoding"];
            is_coding(coding);
            let ext = coding["extension"].as_array().unwrap();
            assert_eq!(ext.len(), 1);
            assert_eq!(
                ext[0]["url"],
                "http://hl7.org/fhir/StructureDefinition/ordinalValue"
            );
            assert!(ext[0]["valueDecimal"].is_number());
        }
    }
}

/// Each answered linkId is the questionnaire's, in its order, with one of its answers.
fn check_response(r: &Value, q: &Value) {
    assert_eq!(r["status"], "completed");
    assert!(is_date_time(r["authored"].as_str().unwrap()));
    assert!(r["subject"]["reference"].is_string());
    let q_items = q["item"].as_array().unwrap();
    let mut last = None;
    for item in r["item"].as_array().unwrap() {
        let at = q_items
            .iter()
            .position(|qi| qi["linkId"] == item["linkId"])
            .unwrap();
        assert!(last.is_none_or(|l| l < at), "items out of order");
        last = Some(at);
        let answers = item["answer"].as_array().unwrap();
        assert_eq!(answers.len(), 1);
        let given = &answers[0]["valueCoding"];
        is_coding(given);
        let listed = q_items[at]["answerOption"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| {
                let c = &o["valueCoding"];
                c["system"] == given["system"]
                    && c["code"] == given["code"]
                    && c["display"] == given["display"]
            });
        assert!(
            listed,
            "{given} is not one of item {}'s answers",
            item["linkId"]
        );
    }
}

fn check_observation(o: &Value) {
    assert_eq!(o["status"], "final");
    let category = &o["category"][0]["coding"][0];
    assert_eq!(
        category["system"],
        "http://terminology.hl7.org/CodeSystem/observation-category"
    );
    assert_eq!(category["code"], "survey");
    for c in o["code"]["coding"].as_array().unwrap() {
        is_coding(c);
    }
    assert!(o["subject"]["reference"].is_string());
    assert!(is_date_time(o["effectiveDateTime"].as_str().unwrap()));
    assert_eq!(o["derivedFrom"].as_array().unwrap().len(), 1);
    let values: Vec<&String> = o
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| k.starts_with("value"))
        .collect();
    // A panel has members and no value; every other Observation has exactly one value[x].
    if o.get("hasMember").is_some() {
        assert!(values.is_empty());
    } else {
        assert_eq!(values.len(), 1, "{values:?}");
    }
    if let Some(v) = o.get("valueCodeableConcept") {
        for c in v["coding"].as_array().unwrap() {
            is_coding(c);
        }
    }
    for c in o
        .get("component")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        assert!(c["code"]["coding"].is_array());
        assert!(c["valueInteger"].is_u64());
    }
}

fn is_coding(c: &Value) {
    let system = c["system"].as_str().unwrap();
    assert!(system.starts_with("http://") || system.starts_with("https://"));
    assert!(
        c["code"]
            .as_str()
            .is_some_and(|s| !s.contains(char::is_whitespace))
    );
}

fn references<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("reference", Value::String(s)) => out.push(s),
                    _ => references(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// FHIR JSON: no nulls, no empty strings, arrays or objects, no surrounding spaces.
fn no_empty(v: &Value, path: &str) {
    match v {
        Value::Null => panic!("null at {path}"),
        Value::String(s) => assert!(!s.is_empty() && s.trim() == s, "{path}: {s:?}"),
        Value::Array(items) => {
            assert!(!items.is_empty(), "empty array at {path}");
            for (i, v) in items.iter().enumerate() {
                no_empty(v, &format!("{path}[{i}]"));
            }
        }
        Value::Object(map) => {
            assert!(!map.is_empty(), "empty object at {path}");
            for (k, v) in map {
                no_empty(v, &format!("{path}.{k}"));
            }
        }
        Value::Bool(_) | Value::Number(_) => {}
    }
}

fn is_fhir_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

fn is_lower_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

/// A FHIR dateTime with a time and a zone (`YYYY-MM-DDThh:mm:ss(Z|±hh:mm)`).
fn is_date_time(s: &str) -> bool {
    let (date, time) = match s.split_once('T') {
        Some(parts) => parts,
        None => return false,
    };
    let digits = |t: &str, at: &[usize]| {
        t.char_indices().all(|(i, c)| {
            if at.contains(&i) {
                !c.is_ascii_digit()
            } else {
                c.is_ascii_digit()
            }
        })
    };
    let zone_at = time.find(['Z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    date.len() == 10
        && digits(date, &[4, 7])
        && clock.len() == 8
        && digits(clock, &[2, 5])
        && (zone == "Z" || (zone.len() == 6 && digits(&zone[1..], &[2])))
}
