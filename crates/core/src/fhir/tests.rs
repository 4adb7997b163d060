//! CLINICAL.md "Interoperability": the export's shape, checked on the JSON itself.

use serde_json::Value;

use super::*;
use crate::measures::{Band, Code, PHQ9_DIFFICULTY, WHO5_PERCENTAGE_CODES};

const BASE: &str = "https://rapport.example.org/";
const CLIENT: &str = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const PHQ9: &str = "0190a1b2-0000-7000-8000-000000000001";
const PHQ9_PRORATED: &str = "0190a1b2-0000-7000-8000-000000000002";
const GAD7: &str = "0190a1b2-0000-7000-8000-000000000003";
const PHQ2: &str = "0190a1b2-0000-7000-8000-000000000004";
const WHO5: &str = "0190a1b2-0000-7000-8000-000000000005";

fn measure(
    id: &str,
    instrument: Instrument,
    taken_at: &str,
    answers: &[Option<i64>],
) -> ExportMeasure {
    let difficulty = (instrument == Instrument::Phq9).then_some(1);
    let score = instrument.score(answers, difficulty).unwrap();
    ExportMeasure::from_score(id, taken_at, &score)
}

fn all(values: &[i64]) -> Vec<Option<i64>> {
    values.iter().copied().map(Some).collect()
}

fn input() -> ExportInput {
    let mut prorated = all(&[2, 2, 1, 2, 0, 1, 1, 0, 1]);
    prorated[4] = None;
    ExportInput {
        bundle_id: "export-1".into(),
        timestamp: "2025-03-01T09:00:00Z".into(),
        base_url: BASE.into(),
        code_system: code_system_url(BASE),
        client_id: CLIENT.into(),
        client_name: "Alex Morgan".into(),
        homework: vec![],
        measures: vec![
            measure(
                PHQ9,
                Instrument::Phq9,
                "2025-01-06T10:00:00Z",
                &all(&[3, 2, 2, 3, 1, 2, 1, 1, 2]),
            ),
            measure(
                PHQ9_PRORATED,
                Instrument::Phq9,
                "2025-01-20T10:00:00Z",
                &prorated,
            ),
            measure(
                GAD7,
                Instrument::Gad7,
                "2025-01-06T10:05:00Z",
                &all(&[2, 2, 1, 1, 0, 3, 1]),
            ),
            measure(
                PHQ2,
                Instrument::Phq2,
                "2025-02-03T10:00:00Z",
                &all(&[1, 2]),
            ),
            measure(
                WHO5,
                Instrument::Who5,
                "2025-02-03T10:02:00Z",
                &all(&[2, 2, 3, 1, 2]),
            ),
        ],
    }
}

fn entries(bundle: &Value) -> Vec<&Value> {
    bundle["entry"].as_array().unwrap().iter().collect()
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    entries(bundle)
        .into_iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

fn by_url<'a>(bundle: &'a Value, url: &str) -> Option<&'a Value> {
    entries(bundle)
        .into_iter()
        .find(|e| e["fullUrl"] == url)
        .map(|e| &e["resource"])
}

fn urn(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// The Observations derived from the QuestionnaireResponse of measure `id`.
fn observations_of<'a>(bundle: &'a Value, id: &str) -> Vec<&'a Value> {
    resources(bundle, "Observation")
        .into_iter()
        .filter(|o| o["derivedFrom"][0]["reference"] == urn(id).as_str())
        .collect()
}

fn response<'a>(bundle: &'a Value, id: &str) -> &'a Value {
    by_url(bundle, &urn(id)).unwrap()
}

fn first_code(concept: &Value) -> (&str, &str) {
    let c = &concept["coding"][0];
    (c["system"].as_str().unwrap(), c["code"].as_str().unwrap())
}

fn is_panel_or_total(o: &Value, def: &crate::measures::Definition) -> bool {
    let code = first_code(&o["code"]).1;
    code == def.panel_codes[0].code || code == def.total_codes[0].code
}

// Interoperability: each answered item once in the QR and once as an Observation, with its
// LOINC code and the answer's LA code.
#[test]
fn every_answered_item_appears_once_in_the_response_and_as_an_observation() {
    let input = input();
    let b = bundle(&input);
    for m in input
        .measures
        .iter()
        .filter(|m| m.instrument != Instrument::Who5)
    {
        let def = m.instrument.definition();
        let qr = response(&b, &m.id);
        let obs = observations_of(&b, &m.id);
        let answers = m.answers.iter().copied().chain([m.difficulty]);
        let mut answered = 0;
        for (item, answer) in def.items.iter().chain(def.unscored_items).zip(answers) {
            let link = item.number.to_string();
            let in_qr: Vec<&Value> = qr["item"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["linkId"] == link.as_str())
                .collect();
            let as_obs: Vec<&&Value> = obs
                .iter()
                .filter(|o| first_code(&o["code"]) == ("http://loinc.org", item.code.code))
                .collect();
            let Some(value) = answer else {
                assert!(
                    in_qr.is_empty() && as_obs.is_empty(),
                    "{} item {link}",
                    m.id
                );
                continue;
            };
            answered += 1;
            let la = item.option(value).unwrap().code.unwrap().code;
            assert_eq!(in_qr.len(), 1, "{} item {link}", m.id);
            assert_eq!(as_obs.len(), 1, "{} item {link}", m.id);
            let coding = &in_qr[0]["answer"][0]["valueCoding"];
            assert_eq!(
                (coding["system"].as_str(), coding["code"].as_str()),
                (Some("http://loinc.org"), Some(la))
            );
            assert_eq!(
                first_code(&as_obs[0]["valueCodeableConcept"]),
                ("http://loinc.org", la)
            );
            assert_eq!(
                as_obs[0]["valueCodeableConcept"]["coding"][0]["display"],
                coding["display"]
            );
        }
        assert_eq!(qr["item"].as_array().unwrap().len(), answered);
        // The item Observations, the panel and the total.
        assert_eq!(obs.len(), answered + 2, "{}", m.id);
    }
}

#[test]
fn has_member_references_resolve_to_the_measure_s_observations() {
    let input = input();
    let b = bundle(&input);
    let panels: Vec<&Value> = resources(&b, "Observation")
        .into_iter()
        .filter(|o| o.get("hasMember").is_some())
        .collect();
    // PHQ-9 ×2, GAD-7, PHQ-2; not the WHO-5.
    assert_eq!(panels.len(), 4);
    for panel in panels {
        let members = panel["hasMember"].as_array().unwrap();
        let qr = &panel["derivedFrom"][0]["reference"];
        for member in members {
            let r = by_url(&b, member["reference"].as_str().unwrap()).unwrap();
            assert_eq!(r["resourceType"], "Observation");
            assert_eq!(&r["derivedFrom"][0]["reference"], qr);
            assert_eq!(r["effectiveDateTime"], panel["effectiveDateTime"]);
            assert!(r.get("hasMember").is_none());
        }
        // Every other Observation of the measure is a member; the last is the total.
        let id = qr.as_str().unwrap().trim_start_matches("urn:uuid:");
        assert_eq!(members.len(), observations_of(&b, id).len() - 1);
        let total = by_url(&b, members.last().unwrap()["reference"].as_str().unwrap()).unwrap();
        assert!(total["valueInteger"].is_u64());
    }
}

#[test]
fn derived_from_points_to_the_response_of_the_same_measure() {
    let input = input();
    let b = bundle(&input);
    let observations = resources(&b, "Observation");
    let mut counted = 0;
    for m in &input.measures {
        let qr = response(&b, &m.id);
        assert_eq!(qr["resourceType"], "QuestionnaireResponse");
        assert_eq!(qr["id"], m.id.as_str());
        assert_eq!(qr["authored"], m.taken_at.as_str());
        assert_eq!(
            qr["questionnaire"],
            questionnaire_url(BASE, m.instrument).as_str()
        );
        for o in observations
            .iter()
            .filter(|o| o["effectiveDateTime"] == m.taken_at.as_str())
        {
            assert_eq!(
                o["derivedFrom"],
                serde_json::json!([{ "reference": urn(&m.id) }])
            );
            counted += 1;
        }
    }
    assert_eq!(counted, observations.len());
}

// CLINICAL.md early warning: item 9 is what the safety flag reads; it must travel.
#[test]
fn item_9_is_exported() {
    let b = bundle(&input());
    let item9 = &crate::measures::Instrument::Phq9.definition().items[8];
    for (id, la) in [(PHQ9, "LA6570-1"), (PHQ9_PRORATED, "LA6569-3")] {
        let qr = response(&b, id);
        let answer = qr["item"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["linkId"] == "9")
            .unwrap();
        assert_eq!(answer["answer"][0]["valueCoding"]["code"], la);
        assert_eq!(answer["text"], item9.text);
        let obs: Vec<&Value> = observations_of(&b, id)
            .into_iter()
            .filter(|o| first_code(&o["code"]).1 == item9.code.code)
            .collect();
        assert_eq!(obs.len(), 1);
        assert_eq!(obs[0]["valueCodeableConcept"]["coding"][0]["code"], la);
    }
}

// CLINICAL.md PHQ-9 "Missing items": the missing item is left out, the total says prorated.
#[test]
fn a_missing_item_is_left_out_and_the_total_says_prorated() {
    let input = input();
    let b = bundle(&input);
    let item5 = &Instrument::Phq9.definition().items[4];
    let qr = response(&b, PHQ9_PRORATED);
    let items = qr["item"].as_array().unwrap();
    assert!(items.iter().all(|i| i["linkId"] != "5"));
    assert_eq!(items.len(), 9, "8 answered + the difficulty");
    let obs = observations_of(&b, PHQ9_PRORATED);
    assert!(
        obs.iter()
            .all(|o| first_code(&o["code"]).1 != item5.code.code)
    );
    let def = Instrument::Phq9.definition();
    let total = obs
        .iter()
        .find(|o| first_code(&o["code"]).1 == def.total_codes[0].code)
        .unwrap();
    let m = &input.measures[1];
    assert!(m.prorated);
    assert_eq!(total["valueInteger"], m.total);
    let note = total["note"][0]["text"].as_str().unwrap();
    assert!(
        note.starts_with("Prorated: 1 of 9 items unanswered"),
        "{note}"
    );
    // The complete one has no note.
    let complete = observations_of(&b, PHQ9);
    assert!(complete.iter().all(|o| o.get("note").is_none()));
}

#[test]
fn the_total_carries_its_codes_value_and_band() {
    let input = input();
    let b = bundle(&input);
    for m in input
        .measures
        .iter()
        .filter(|m| m.instrument != Instrument::Who5)
    {
        let def = m.instrument.definition();
        let total = observations_of(&b, &m.id)
            .into_iter()
            .find(|o| o.get("valueInteger").is_some())
            .unwrap();
        let codes: Vec<&str> = total["code"]["coding"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = def.total_codes.iter().map(|c| c.code).collect();
        assert_eq!(codes, expected);
        assert_eq!(total["valueInteger"], m.total);
        match m.band {
            Some(band) => assert_eq!(total["interpretation"][0]["text"], band.label()),
            None => assert!(total.get("interpretation").is_none()),
        }
        assert_eq!(total["status"], "final");
        assert_eq!(total["category"][0]["coding"][0]["code"], "survey");
        assert_eq!(total["subject"]["reference"], urn(CLIENT).as_str());
    }
    // PHQ-9 total 17 (3+2+2+3+1+2+1+1+2): moderately severe; SNOMED alongside LOINC.
    let phq9 = observations_of(&b, PHQ9);
    let total = phq9.iter().find(|o| o["valueInteger"] == 17).unwrap();
    assert_eq!(
        total["interpretation"][0]["text"],
        Band::ModeratelySevere.label()
    );
    assert_eq!(
        total["code"]["coding"][1]["system"],
        "http://snomed.info/sct"
    );
}

// CLINICAL.md WHO-5: "Raw 0–25, ×4 = 0–100", coded locally, SNOMED 1144665009 for the index.
#[test]
fn who5_exports_the_percentage_with_the_raw_score() {
    let b = bundle(&input());
    let obs = observations_of(&b, WHO5);
    assert_eq!(obs.len(), 1);
    let o = obs[0];
    assert_eq!(o["valueInteger"], 40);
    assert_eq!(o["component"][0]["valueInteger"], 10);
    let system = code_system_url(BASE);
    let codes = o["code"]["coding"].as_array().unwrap();
    assert_eq!(codes.len(), WHO5_PERCENTAGE_CODES.len());
    assert!(
        codes
            .iter()
            .any(|c| c["system"] == "http://snomed.info/sct" && c["code"] == "1144665009")
    );
    assert!(codes.iter().any(|c| c["system"] == system.as_str()));
    let raw = &o["component"][0]["code"]["coding"][0];
    assert_eq!(raw["system"], system.as_str());
    assert_eq!(
        raw["code"],
        Instrument::Who5.definition().total_codes[0].code
    );
    // Answers: local codes under the instance's system, the label as display.
    let qr = response(&b, WHO5);
    let first = &qr["item"][0]["answer"][0]["valueCoding"];
    assert_eq!(first["system"], system.as_str());
    assert_eq!(first["code"], "rapport-who5-answer-2");
    assert_eq!(first["display"], "Less than half of the time");
    assert_eq!(qr["item"].as_array().unwrap().len(), 5);
}

#[test]
fn questionnaires_come_from_the_definitions() {
    let b = bundle(&input());
    let qs = resources(&b, "Questionnaire");
    let urls: Vec<&str> = qs.iter().map(|q| q["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://rapport.example.org/fhir/Questionnaire/phq9",
            "https://rapport.example.org/fhir/Questionnaire/phq2",
            "https://rapport.example.org/fhir/Questionnaire/gad7",
            "https://rapport.example.org/fhir/Questionnaire/who5",
        ]
    );
    for q in &qs {
        let instrument = Instrument::ALL
            .iter()
            .copied()
            .find(|i| q["url"] == questionnaire_url(BASE, *i).as_str())
            .unwrap();
        let def = instrument.definition();
        assert_eq!(q["status"], "active");
        assert_eq!(q["title"], def.title);
        assert_eq!(q["code"][0]["code"], def.panel_codes[0].code);
        let items = q["item"].as_array().unwrap();
        let expected: Vec<_> = def.items.iter().chain(def.unscored_items).collect();
        assert_eq!(items.len(), expected.len());
        for (qi, item) in items.iter().zip(expected) {
            assert_eq!(qi["linkId"], item.number.to_string().as_str());
            assert_eq!(qi["code"][0]["code"], item.code.code);
            assert_eq!(qi["text"], item.text);
            assert_eq!(qi["type"], "choice");
            let options = qi["answerOption"].as_array().unwrap();
            assert_eq!(options.len(), item.options.len());
            for (o, option) in options.iter().zip(item.options) {
                let coding = &o["valueCoding"];
                assert_eq!(coding["display"], option.label);
                if let Some(Code { code, .. }) = option.code {
                    assert_eq!(coding["code"], code);
                    assert_eq!(coding["system"], "http://loinc.org");
                }
                let ext = &coding["extension"][0];
                assert_eq!(
                    ext["url"],
                    "http://hl7.org/fhir/StructureDefinition/ordinalValue"
                );
                assert_eq!(ext["valueDecimal"], option.value);
            }
        }
    }
    // PHQ-9 item 10, the difficulty.
    let phq9 = qs[0]["item"].as_array().unwrap();
    assert_eq!(phq9.len(), 10);
    assert_eq!(phq9[9]["linkId"], "10");
    assert_eq!(phq9[9]["code"][0]["code"], PHQ9_DIFFICULTY.code.code);
}

#[test]
fn only_instruments_present_get_a_questionnaire() {
    let mut input = input();
    input.measures.retain(|m| m.instrument == Instrument::Gad7);
    let b = bundle(&input);
    let qs = resources(&b, "Questionnaire");
    assert_eq!(qs.len(), 1);
    assert_eq!(
        qs[0]["url"],
        questionnaire_url(BASE, Instrument::Gad7).as_str()
    );
    input.measures.clear();
    let b = bundle(&input);
    assert_eq!(entries(&b).len(), 1);
    assert_eq!(entries(&b)[0]["resource"]["resourceType"], "Patient");
}

#[test]
fn the_same_input_gives_the_same_bundle() {
    let a = bundle(&input());
    let b = bundle(&input());
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    // A different measure id changes its derived ids, and only those.
    let mut other = input();
    other.measures[0].id = "0190a1b2-0000-7000-8000-0000000000ff".into();
    let c = bundle(&other);
    let urls = |b: &Value| -> Vec<String> {
        entries(b)
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap().to_owned())
            .collect()
    };
    let changed = urls(&a)
        .iter()
        .zip(urls(&c))
        .filter(|(x, y)| *x != y)
        .count();
    assert_eq!(changed, observations_of(&a, PHQ9).len() + 1);
}

#[test]
fn entries_have_urn_uuids_matching_their_ids_and_references_resolve() {
    let b = bundle(&input());
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert_eq!(b["id"], "export-1");
    assert_eq!(b["timestamp"], "2025-03-01T09:00:00Z");
    let mut seen = std::collections::HashSet::new();
    for e in entries(&b) {
        let full = e["fullUrl"].as_str().unwrap();
        let id = full.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(
            uuid::Uuid::parse(id).map(|u| u.to_string()).as_deref(),
            Some(id)
        );
        assert_eq!(e["resource"]["id"], id);
        assert!(seen.insert(full.to_owned()), "duplicate {full}");
    }
    let mut refs = Vec::new();
    collect_references(&b, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        assert!(seen.contains(&r), "{r}");
    }
    let patient = &entries(&b)[0]["resource"];
    assert_eq!(patient["resourceType"], "Patient");
    assert_eq!(patient["name"][0]["text"], "Alex Morgan");
}

#[test]
fn ids_that_are_not_uuids_become_name_based_uuids() {
    let mut input = input();
    input.client_id = "client-42".into();
    input.client_name = "  ".into();
    input.measures.truncate(1);
    input.measures[0].id = "PHQ9-1".into();
    let b = bundle(&input);
    let patient = &entries(&b)[0];
    let id = patient["resource"]["id"].as_str().unwrap();
    assert!(uuid::Uuid::parse(id).is_some());
    assert!(patient["resource"].get("name").is_none());
    let qr = resources(&b, "QuestionnaireResponse")[0];
    assert!(uuid::Uuid::parse(qr["id"].as_str().unwrap()).is_some());
    assert_eq!(qr["subject"]["reference"], patient["fullUrl"]);
    // Upper-case UUIDs are written in lower case.
    input.client_id = CLIENT.to_uppercase();
    let b = bundle(&input);
    assert_eq!(entries(&b)[0]["resource"]["id"], CLIENT);
}

// FHIR JSON: no nulls, empty strings, arrays or objects; the scorer's unknown values are
// left out rather than written.
#[test]
fn nothing_empty_and_out_of_range_answers_are_left_out() {
    let mut input = input();
    input.measures[2].answers[0] = Some(7);
    input.measures.push(ExportMeasure {
        id: "0190a1b2-0000-7000-8000-000000000009".into(),
        instrument: Instrument::Gad7,
        taken_at: "2025-02-10T10:00:00Z".into(),
        answers: vec![None; 7],
        difficulty: None,
        total: 0,
        band: None,
        prorated: false,
        language: None,
    });
    let b = bundle(&input);
    assert_no_empty(&b);
    assert_eq!(response(&b, GAD7)["item"].as_array().unwrap().len(), 6);
    let empty = response(&b, "0190a1b2-0000-7000-8000-000000000009");
    assert!(empty.get("item").is_none());
    let obs = observations_of(&b, "0190a1b2-0000-7000-8000-000000000009");
    let def = Instrument::Gad7.definition();
    assert!(obs.iter().all(|o| is_panel_or_total(o, def)));
    assert_eq!(obs.len(), 2);
}

fn collect_references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => collect_references(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_references(v, out)),
        _ => {}
    }
}

fn assert_no_empty(v: &Value) {
    match v {
        Value::Null => panic!("null in the export"),
        Value::String(s) => assert!(!s.trim().is_empty(), "empty string"),
        Value::Array(items) => {
            assert!(!items.is_empty(), "empty array");
            items.iter().for_each(assert_no_empty);
        }
        Value::Object(map) => {
            assert!(!map.is_empty(), "empty object");
            map.values().for_each(assert_no_empty);
        }
        Value::Bool(_) | Value::Number(_) => {}
    }
}

const THOUGHT_RECORD: &str = "0190a1b2-0000-7000-8000-0000000000a1";
const DIARY: &str = "0190a1b2-0000-7000-8000-0000000000a2";

fn homework(id: &str, kind: crate::homework::Kind, content: Value) -> ExportHomework {
    ExportHomework {
        id: id.into(),
        sent_at: "2025-02-10T19:30:00Z".into(),
        content: crate::homework::check(kind, &content, false).unwrap(),
    }
}

fn with_homework() -> ExportInput {
    use crate::homework::Kind;
    let mut input = input();
    input.homework = vec![
        homework(
            THOUGHT_RECORD,
            Kind::ThoughtRecord,
            serde_json::json!({
                "situation": "Friend didn't answer my message",
                "moods": [{"name": "sad", "before": 80}, {"name": "lonely", "before": 60}],
                "automatic_thoughts": [{"text": "Nobody wants me around", "hot": true}],
                "evidence_for": "No answer for two days",
                "evidence_against": "",
                "balanced_thought": "She may be busy",
                "belief": 60,
                "moods_after": [{"name": "sad", "after": 45}],
                "distortions": ["jumping_to_conclusions", "mental_filter"]
            }),
        ),
        homework(
            DIARY,
            Kind::ActivityDiary,
            serde_json::json!({"entries": [
                {"day": "2025-02-09", "time": "8:15", "activity": "Walked to the bakery", "mastery": 4, "pleasure": 6},
            ]}),
        ),
    ];
    input
}

fn item<'a>(items: &'a Value, link_id: &str) -> Vec<&'a Value> {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["linkId"] == link_id)
        .collect()
}

#[test]
fn a_sent_thought_record_is_a_completed_response_with_the_kinds_fields() {
    let b = bundle(&with_homework());
    assert_no_empty(&b);
    let qr = by_url(&b, &urn(THOUGHT_RECORD)).unwrap();
    assert_eq!(qr["resourceType"], "QuestionnaireResponse");
    assert_eq!(qr["id"], THOUGHT_RECORD);
    assert_eq!(qr["status"], "completed");
    assert_eq!(qr["authored"], "2025-02-10T19:30:00Z");
    assert_eq!(
        qr["questionnaire"],
        "https://rapport.example.org/fhir/Questionnaire/homework-thought-record"
    );
    assert_eq!(qr["subject"]["reference"], urn(CLIENT));
    let items = &qr["item"];
    assert_eq!(
        item(items, "situation")[0]["answer"][0]["valueString"],
        "Friend didn't answer my message"
    );
    let moods = item(items, "moods");
    assert_eq!(moods.len(), 2, "a repeating group, a row per mood");
    assert_eq!(
        item(&moods[1]["item"], "moods.name")[0]["answer"][0]["valueString"],
        "lonely"
    );
    assert_eq!(
        item(&moods[1]["item"], "moods.before")[0]["answer"][0]["valueInteger"],
        60
    );
    let thought = item(items, "automatic_thoughts");
    assert_eq!(
        item(&thought[0]["item"], "automatic_thoughts.hot")[0]["answer"][0]["valueBoolean"],
        true
    );
    assert!(
        item(items, "evidence_against").is_empty(),
        "empty is left out"
    );
    assert_eq!(item(items, "belief")[0]["answer"][0]["valueInteger"], 60);
    let after = item(items, "moods_after");
    assert_eq!(
        item(&after[0]["item"], "moods_after.after")[0]["answer"][0]["valueInteger"],
        45
    );
    let distortions = &item(items, "distortions")[0]["answer"];
    assert_eq!(distortions.as_array().unwrap().len(), 2);
    let coding = &distortions[0]["valueCoding"];
    assert_eq!(coding["system"], code_system_url(BASE));
    assert_eq!(coding["code"], "jumping_to_conclusions");
    assert_eq!(coding["display"], "Jumping to conclusions");
}

#[test]
fn homework_follows_the_measures_and_a_diarys_times_are_fhir_times() {
    let b = bundle(&with_homework());
    let responses = resources(&b, "QuestionnaireResponse");
    assert_eq!(responses.len(), 5 + 2);
    assert_eq!(responses[5]["id"], THOUGHT_RECORD);
    assert_eq!(responses[6]["id"], DIARY);
    let row = &item(&responses[6]["item"], "entries")[0]["item"];
    assert_eq!(
        item(row, "entries.day")[0]["answer"][0]["valueDate"],
        "2025-02-09"
    );
    assert_eq!(
        item(row, "entries.time")[0]["answer"][0]["valueTime"],
        "08:15:00"
    );
    assert!(item(row, "entries.mood").is_empty());
    let mut refs = Vec::new();
    collect_references(&b, &mut refs);
    assert!(refs.iter().all(|r| by_url(&b, r).is_some()));
    // Without homework, the bundle is the measures' alone.
    assert_eq!(
        resources(&bundle(&input()), "QuestionnaireResponse").len(),
        5
    );
}

#[test]
fn every_kind_writes_items_named_after_its_fields() {
    use crate::homework::Kind;
    let cases = [
        (
            Kind::Journal,
            serde_json::json!({"text": "A grey day", "mood": 4}),
            vec!["text", "mood"],
        ),
        (
            Kind::ActivityPlan,
            serde_json::json!({"activities": [{"day": "2025-02-11", "activity": "Swim", "predicted_pleasure": 3, "done": true, "actual_pleasure": 6}]}),
            vec!["activities"],
        ),
        (
            Kind::ProblemSolving,
            serde_json::json!({"problem": "Bills", "goal": "Open them", "options": [{"idea": "Sunday"}], "chosen_plan": "Sunday at 10"}),
            vec!["problem", "goal", "options", "chosen_plan"],
        ),
        (
            Kind::InterpersonalInventory,
            serde_json::json!({"people": [{"name": "Mum", "closeness": 8}], "focus": "role_transitions"}),
            vec!["people", "focus"],
        ),
        (
            Kind::Custom,
            serde_json::json!({"answer": "Done"}),
            vec!["answer"],
        ),
    ];
    for (kind, content, links) in cases {
        let mut input = input();
        input.homework = vec![homework(THOUGHT_RECORD, kind, content)];
        let b = bundle(&input);
        assert_no_empty(&b);
        let qr = by_url(&b, &urn(THOUGHT_RECORD)).unwrap();
        let got: Vec<&str> = qr["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["linkId"].as_str().unwrap())
            .collect();
        assert_eq!(got, links, "{kind:?}");
    }
}

// Issue 21: the response says the language it was answered in; without one it says nothing.
#[test]
fn a_response_carries_its_language() {
    let mut input = input();
    input.measures[2].language = Some("es-US".into());
    let b = bundle(&input);
    assert_eq!(response(&b, GAD7)["language"], "es-US");
    let others = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "QuestionnaireResponse")
        .filter(|e| e["resource"].get("language").is_some())
        .count();
    assert_eq!(others, 1);
}
