use chrono::{TimeZone, Utc};

use super::csv::cell;
use super::*;
use crate::fhir::{ExportInput, code_system_url};

#[test]
fn formulas_are_defused_and_quoting_follows_rfc_4180() {
    assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(cell("+1"), "'+1");
    assert_eq!(cell("-2"), "'-2");
    assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(cell("a, b"), "\"a, b\"");
    assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(cell("plain words"), "plain words");
}

fn record() -> Record {
    let at = Utc
        .with_ymd_and_hms(2026, 12, 5, 10, 0, 0)
        .single()
        .unwrap_or_default();
    Record {
        fhir: ExportInput {
            bundle_id: "b".into(),
            timestamp: "2026-12-05T10:00:00Z".into(),
            base_url: "https://r.example".into(),
            code_system: code_system_url("https://r.example"),
            client_id: "0190c0de-0000-7000-8000-000000000001".into(),
            client_name: "Ana <b>".into(),
            measures: vec![],
            homework: vec![],
        },
        made_at: at,
        checkins: vec![Checkin {
            id: "k1".into(),
            day: at.date_naive(),
            taken_at: at,
            mood: 4,
            sleep_hours: 6.5,
            medication: Medication::Taken,
            note: Some("=cmd|' /C calc'!A0".into()),
        }],
        goals: vec![],
        treatment_plans: vec![],
        safety_plan: None,
        relapse_plan: None,
        sessions: vec![],
        care_team: vec![],
        messages: vec![Message {
            id: "m1".into(),
            sent_at: at,
            from_clinician: None,
            body: "<script>alert(1)</script>".into(),
        }],
        intake: None,
    }
}

#[test]
fn the_zip_files_are_all_there_and_the_summary_escapes_text() {
    let r = record();
    let files = files(&r);
    let names: Vec<&str> = files.iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            "README.txt",
            "summary.html",
            "fhir-bundle.json",
            "measures.csv",
            "checkins.csv",
            "homework.csv"
        ]
    );
    let html = String::from_utf8_lossy(&files[1].bytes).to_string();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"));
    assert!(html.contains("Ana &lt;b&gt;"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("http"), "nothing external");
    let checkins = String::from_utf8_lossy(&files[4].bytes).to_string();
    assert!(checkins.starts_with("day,taken_at,mood,sleep_hours,medication,note\r\n"));
    assert!(checkins.contains(",'=cmd|' /C calc'!A0\r\n"), "{checkins}");
    assert_eq!(file_name(r.made_at), "rapport-export-2026-12-05.zip");
}

#[test]
fn the_bundle_holds_the_check_ins_and_messages() {
    let r = record();
    let b = crate::fhir::record_bundle(&r);
    let kinds: Vec<&str> = b["entry"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["resource"]["resourceType"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(kinds, ["Patient", "Observation", "Communication"]);
    assert_eq!(b["type"], "collection");
    let msg = &b["entry"][2]["resource"];
    assert_eq!(
        msg["payload"][0]["contentString"],
        "<script>alert(1)</script>"
    );
    assert_eq!(msg["sender"]["reference"], b["entry"][0]["fullUrl"]);
}
