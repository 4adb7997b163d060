//! The client's data export (issue 17 item 3): one ZIP with a FHIR R4 Bundle, a printable
//! summary, three CSV tables and a README; the client's own, for themself alone; never a
//! psychotherapy note, never anyone else's record. The Bundle is checked by a real FHIR
//! validator (`.ci/validate-fhir.py`, the `fhir.resources` package) when
//! `RAPPORT_FHIR_PYTHON` names a Python that has it.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use chrono::{Duration, NaiveDateTime};
use rapport_app::accounts::api_login;
use rapport_app::care_teams::assign;
use rapport_app::export::export_record;
use rapport_app::goals::{NewGoal, set_goal};
use rapport_app::homework::{NewAssignment, save_entry, start_own};
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_app::messaging::send;
use rapport_app::notes::{save_progress_note, save_psychotherapy_note};
use rapport_app::plans::{save_relapse_plan, save_safety_plan, save_treatment_plan};
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_app::{Actor, App, Error};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::notes::Dap;
use rapport_core::plans::TreatmentPlanInput;
use rapport_testkit::browser::Browser;
use rapport_testkit::family::{family_member, grant};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, client, staff};
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

/// Written only in a psychotherapy note: it must be in none of the files.
const PSYCHOTHERAPY_MARKER: &str = "Quillanmoor";
/// Written only in a progress note, which the client cannot read in the app.
const PROGRESS_MARKER: &str = "Thistlecombe";
/// Another client's check-in note.
const OTHER_MARKER: &str = "Brackenholt";

const FILES: [&str; 6] = [
    "README.txt",
    "summary.html",
    "fhir-bundle.json",
    "measures.csv",
    "checkins.csv",
    "homework.csv",
];

struct Practice {
    admin: Actor,
    lena: Actor,
    ana: Actor,
    bo: Actor,
    family: Actor,
}

/// Ana with a year's worth of everything in small: a PHQ-9, a check-in with a note that looks
/// like a formula, a goal, plans, an attended session with both kinds of notes, homework,
/// messages both ways. Bo, another client of Lena's, has a check-in of his own.
async fn practice(t: &TestDb, app: &App, clock: &rapport_app::clock::ManualClock) -> Practice {
    let admin = staff(app, Role::Admin, "Sam Admin", "sam@clinic.example")
        .await
        .actor;
    let lena = staff(app, Role::Clinician, "Lena Okafor", "lena@clinic.example")
        .await
        .actor;
    let ana = client(app, "Ana Ruiz", "ana@example.org").await.actor;
    let bo = client(app, "Bo Lind", "bo@example.org").await.actor;
    for c in [&ana, &bo] {
        assign(
            app,
            &admin,
            c.user_id,
            lena.user_id,
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
    }
    let family = family_member(t, app, "Marta Ruiz", "marta@example.org").await;
    grant(t, app, ana.user_id, &family, "safety_plan").await;
    let id = ana.user_id;

    let first = NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").unwrap();
    let session = schedule(
        app,
        &lena,
        NewSessions {
            clients: vec![id],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Room 2, 14 Elm Street".into(),
            first: Some(first),
            minutes: Some(50),
            weeks: Some(1),
            ..Default::default()
        },
    )
    .await
    .unwrap()[0];
    clock.advance(Duration::days(1) + Duration::hours(2));
    record_attendance(app, &lena, session, id, "attended")
        .await
        .unwrap();
    let dap = Dap {
        data: format!("{PROGRESS_MARKER} data."),
        assessment: "Engaged.".into(),
        plan: "Walks.".into(),
    };
    save_progress_note(app, &lena, session, id, dap, true)
        .await
        .unwrap();
    save_psychotherapy_note(
        app,
        &lena,
        session,
        id,
        &format!("My hunch: {PSYCHOTHERAPY_MARKER}."),
    )
    .await
    .unwrap();

    let answers = [
        Some(2),
        Some(2),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(0),
    ];
    submit_measure(app, &ana, "phq9", &answers, None, None)
        .await
        .unwrap();
    submit_checkin(
        app,
        &ana,
        NewCheckin {
            mood: Some(4),
            sleep_hours: Some(6.5),
            medication: Some("taken".into()),
            note: Some("=1+1 walked to Larkspur Lane".into()),
            warning_signs: vec![],
            self_harm: Some("no".into()),
            missed_reason: None,
        },
        None,
    )
    .await
    .unwrap();
    submit_checkin(
        app,
        &bo,
        NewCheckin {
            mood: Some(7),
            sleep_hours: Some(8.0),
            medication: Some("not_prescribed".into()),
            note: Some(format!("{OTHER_MARKER} day")),
            warning_signs: vec![],
            self_harm: Some("no".into()),
            missed_reason: None,
        },
        None,
    )
    .await
    .unwrap();
    set_goal(
        app,
        &ana,
        id,
        NewGoal {
            title: "Walk to Harrowgate Park twice a week".into(),
            success: "Two walks".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let steps = [
        "Awake at 3 a.m.",
        "A walk",
        "The library",
        "My sister",
        "Dr Okafor; 988",
        "Keys with my sister",
    ]
    .map(String::from);
    save_safety_plan(app, &ana, id, 0, steps).await.unwrap();
    save_relapse_plan(
        app,
        &lena,
        id,
        0,
        ["Sleep", "Walks", "Call Dr Okafor", "Booster session"].map(String::from),
    )
    .await
    .unwrap();
    let targets = vec!["phq9".to_string()];
    let plan = TreatmentPlanInput {
        approach: "cbt",
        ipt_focus: "",
        with_medication: false,
        format: "individual",
        delivery: "online",
        frequency: "weekly",
        expected_sessions: Some(12),
        target_measures: &targets,
        notes: "Weekly, online.",
    };
    save_treatment_plan(
        app,
        &lena,
        id,
        0,
        &plan,
        chrono::NaiveDate::from_ymd_opt(2027, 2, 1),
    )
    .await
    .unwrap();
    let hw = start_own(
        app,
        &ana,
        id,
        NewAssignment {
            kind: "journal".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    save_entry(
        app,
        &ana,
        hw,
        None,
        false,
        &json!({"text": "Morning by the Elderwick canal", "mood": 5}),
    )
    .await
    .unwrap();
    send(app, &ana, id, "Can we talk about sleep, Tuesday?")
        .await
        .unwrap();
    send(app, &lena, id, "Yes, let's start with the sleep diary.")
        .await
        .unwrap();
    Practice {
        admin,
        lena,
        ana,
        bo,
        family,
    }
}

/// The files of a stored (or any) ZIP, read from its central directory; each CRC checked.
fn unzip(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let u32_at =
        |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
    let end = zip.len() - 22;
    assert_eq!(
        &zip[end..end + 4],
        b"PK\x05\x06",
        "end of central directory"
    );
    let count = u16_at(end + 10);
    let mut at = u32_at(end + 16);
    let mut out = BTreeMap::new();
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02");
        let method = u16_at(at + 10);
        assert_eq!(method, 0, "stored");
        let crc = u32_at(at + 16) as u32;
        let size = u32_at(at + 20);
        let name_len = u16_at(at + 28);
        let skip = name_len + u16_at(at + 30) + u16_at(at + 32);
        let local = u32_at(at + 42);
        let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(&zip[local..local + 4], b"PK\x03\x04");
        let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let data = zip[data_at..data_at + size].to_vec();
        assert_eq!(crc32(&data), crc, "{name}'s CRC");
        out.insert(name, data);
        at += 46 + skip;
    }
    out
}

/// CRC-32 by table, written apart from the one under test.
fn crc32(data: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| {
            (0..8).fold(n, |c, _| {
                if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

/// Runs `.ci/validate-fhir.py` on the bundle when `RAPPORT_FHIR_PYTHON` is set.
fn validate_with_fhir_resources(bundle: &[u8]) {
    let Some(python) = std::env::var("RAPPORT_FHIR_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
    else {
        eprintln!("RAPPORT_FHIR_PYTHON is not set: the FHIR validator is skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fhir-bundle.json");
    std::fs::write(&path, bundle).unwrap();
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/validate-fhir.py");
    let out = std::process::Command::new(&python)
        .arg(&script)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the FHIR validator refused the bundle:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

both_backends! {
    async fn the_client_downloads_their_record_and_nothing_more(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(t, &app, &clock).await;
        let file = export_record(&app, &p.ana, p.ana.user_id, "https://rapport.example").await.unwrap();
        assert!(file.file_name.starts_with("rapport-export-2026-11-2"), "{}", file.file_name);
        assert!(file.file_name.ends_with(".zip") && !file.file_name.contains("Ana"));
        let files = unzip(&file.bytes);
        assert_eq!(files.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(), FILES.into_iter().collect());

        // The Bundle: a collection with the client's resources, every one about her.
        let bundle: Value = serde_json::from_slice(&files["fhir-bundle.json"]).unwrap();
        assert_eq!((bundle["resourceType"].as_str(), bundle["type"].as_str()), (Some("Bundle"), Some("collection")));
        let entries = bundle["entry"].as_array().unwrap();
        let patient = entries[0]["fullUrl"].as_str().unwrap();
        assert_eq!(entries[0]["resource"]["id"], p.ana.user_id.to_string());
        let kinds: Vec<&str> = entries.iter().map(|e| e["resource"]["resourceType"].as_str().unwrap()).collect();
        for kind in ["Patient", "Questionnaire", "QuestionnaireResponse", "Observation", "Goal", "CarePlan", "Encounter", "CareTeam", "Communication"] {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }
        assert_eq!(kinds.iter().filter(|k| **k == "CarePlan").count(), 3, "treatment, safety, staying well");
        assert_eq!(kinds.iter().filter(|k| **k == "Communication").count(), 2);
        for e in &entries[1..] {
            let r = &e["resource"];
            let about = [&r["subject"]["reference"], &r["sender"]["reference"]];
            if r["resourceType"] != "Questionnaire" {
                assert!(about.iter().any(|v| v.as_str() == Some(patient)), "{r}");
            }
        }
        let json_text = text(&files, "fhir-bundle.json");
        for s in ["Harrowgate Park", "Elderwick canal", "Can we talk about sleep", "sleep diary", "Keys with my sister", "Booster session", "Lena Okafor", "44249-1"] {
            assert!(json_text.contains(s), "the bundle lacks {s:?}");
        }
        validate_with_fhir_resources(&files["fhir-bundle.json"]);

        // The summary: plain, self-contained, printable, escaped.
        let html = text(&files, "summary.html");
        assert!(html.contains("Ana Ruiz") && html.contains("@media print"));
        for s in ["Harrowgate Park", "Elderwick canal", "Can we talk about sleep", "Keys with my sister", "Lena Okafor", "PHQ-9"] {
            assert!(html.contains(s), "the summary lacks {s:?}");
        }
        for external in ["<script", "<link", "src=", "url(", "@import"] {
            assert!(!html.contains(external), "{external}");
        }

        // The tables.
        let measures = text(&files, "measures.csv");
        let mut lines = measures.lines();
        assert_eq!(lines.next(), Some("taken_at,questionnaire,instrument,total,band,prorated,answers"));
        let row = lines.next().unwrap();
        assert!(row.contains(",phq9,10,Moderate,no,2 2 1 1 1 1 1 1 0"), "{row}");
        let checkins = text(&files, "checkins.csv");
        assert!(checkins.starts_with("day,taken_at,mood,sleep_hours,medication,note\r\n"));
        assert!(checkins.contains(",4,6.5,taken,'=1+1 walked to Larkspur Lane\r\n"), "{checkins}");
        assert_eq!(checkins.lines().count(), 2, "Bo's check-in is not Ana's");
        let homework = text(&files, "homework.csv");
        assert!(homework.starts_with("sent_at,exercise,kind,entry\r\n"));
        assert!(homework.contains("journal") && homework.contains("text: Morning by the Elderwick canal"), "{homework}");
        let readme = text(&files, "README.txt");
        assert!(readme.contains("psychotherapy notes") && readme.contains("fhir-bundle.json"));

        // Nothing that is not hers to see, in any file.
        for (name, bytes) in &files {
            let s = String::from_utf8_lossy(bytes);
            for marker in [PSYCHOTHERAPY_MARKER, PROGRESS_MARKER, OTHER_MARKER, "Bo Lind", "Marta Ruiz", "bo@example.org"] {
                assert!(!s.contains(marker), "{marker} in {name}");
            }
        }

        // Audited as a read of her record.
        let n = t.count("audit_events WHERE action = 'record.exported' AND outcome = 'ok' AND client_id = ?", vec![p.ana.user_id.into()]).await;
        assert_eq!(n, 1);
    }

    async fn nobody_else_may_download_it(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(t, &app, &clock).await;
        let id = p.ana.user_id;
        for who in [&p.lena, &p.admin, &p.family, &p.bo] {
            let e = export_record(&app, who, id, "https://rapport.example").await.unwrap_err();
            assert!(matches!(e, Error::Forbidden), "{:?}: {e:?}", who.role);
        }
        let denied = t.count("audit_events WHERE action = 'record.exported' AND outcome = 'denied' AND client_id = ?", vec![id.into()]).await;
        assert_eq!(denied, 4);
        // Bo's own export holds Bo's day, not Ana's.
        let bo = unzip(&export_record(&app, &p.bo, p.bo.user_id, "https://rapport.example").await.unwrap().bytes);
        let all: String = bo.values().map(|b| String::from_utf8_lossy(b).to_string()).collect();
        assert!(all.contains(OTHER_MARKER) && !all.contains("Larkspur") && !all.contains("Ana Ruiz"));
    }

    async fn the_api_and_the_account_page_serve_the_zip(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let clock = b.clock.clone();
        let p = practice(t, &app, &clock).await;
        let id = p.ana.user_id;
        let ana = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let bo = api_login(&app, "bo@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        // The page: sign in, the account page offers it, the link downloads it.
        let signed = b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
        let account = b.get("/account").await;
        assert!(account.body.contains("Download my data") && account.body.contains("href=\"/account/export\""));
        let cookie = b.cookie_header();
        let router = b.into_router();
        let get = |path: String, auth: (header::HeaderName, String)| {
            let router = router.clone();
            async move {
                let req = Request::get(path).header(auth.0, auth.1).body(Body::empty()).unwrap();
                let resp = router.oneshot(req).await.unwrap();
                let status = resp.status();
                let headers = resp.headers().clone();
                (status, headers, to_bytes(resp.into_body(), 1 << 24).await.unwrap().to_vec())
            }
        };
        let bearer = |t: &str| (header::AUTHORIZATION, format!("Bearer {t}"));
        let (status, headers, body) = get(format!("/api/v1/clients/{id}/export"), bearer(&ana)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/zip");
        let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.starts_with("attachment; filename=\"rapport-export-2026-") && !disposition.contains("Ana"), "{disposition}");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(unzip(&body).len(), FILES.len());
        let (status, _, body) = get(format!("/api/v1/clients/{id}/export"), bearer(&bo)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let error: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(error["error"]["code"], "forbidden");
        let (status, _, _) = get(format!("/api/v1/clients/{}/export", Uuid::nil()), bearer(&ana)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, headers, body) = get("/account/export".into(), (header::COOKIE, cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/zip");
        assert!(text(&unzip(&body), "summary.html").contains("Ana Ruiz"));
    }
}
