//! Outcome reports (issue 17, item 1) and the practice's own expected-recovery bands (item 2),
//! through the use-cases and the API, on both databases.
//!
//! The data set is `rapport_core::reports`'s hand-worked one, written into the database as the
//! app would have stored it: ten episodes, their PHQ-9 and GAD-7, attended sessions (a PHQ-9 at
//! the first few), treatment plans and care teams. The figures asserted here were worked out by
//! hand (see `crates/core/src/reports/tests.rs` for the workings).

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_app::accounts::{api_login, totp};
use rapport_app::measures::submit_measure;
use rapport_app::reports::{Filter, outcomes};
use rapport_app::{App, practice_leads};
use rapport_core::accounts::Role;
use rapport_store::accounts::users::{self, NewUser};
use rapport_store::care_teams::{self, Membership};
use rapport_store::episodes::{self, Episode};
use rapport_store::measures::{self, Measure};
use rapport_testkit::asserts::{forbidden, id, invalid_field};
use rapport_testkit::browser::Browser;
use rapport_testkit::{
    ADDRESS, PASSWORD, Practice, TestDb, both_backends, client, practice, staff,
};
use sea_orm::Value;
use serde_json::Value as Json;
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    day(s).and_hms_opt(10, 0, 0).unwrap().and_utc()
}

/// One episode of the data set.
struct Spec {
    started: &'static str,
    finished: Option<&'static str>,
    planned: bool,
    phq9: &'static [i16],
    gad7: &'static [i16],
    first_session: &'static str,
    sessions: usize,
    /// The first `with` sessions have a PHQ-9 at their start.
    with: usize,
    approach: &'static str,
    /// 'L' Lena, 'K' Kofi.
    team: &'static str,
}

const SET: [Spec; 10] = [
    Spec {
        started: "2026-01-05",
        finished: Some("2026-03-02"),
        planned: true,
        phq9: &[15, 10, 4],
        gad7: &[12, 5],
        first_session: "2026-01-06",
        sessions: 6,
        with: 3,
        approach: "cbt",
        team: "L",
    },
    Spec {
        started: "2026-01-06",
        finished: Some("2026-03-03"),
        planned: false,
        phq9: &[18, 8],
        gad7: &[14, 6],
        first_session: "2026-01-07",
        sessions: 1,
        with: 1,
        approach: "cbt",
        team: "L",
    },
    Spec {
        started: "2026-01-07",
        finished: Some("2026-03-04"),
        planned: true,
        phq9: &[16, 12],
        gad7: &[11],
        first_session: "2026-01-08",
        sessions: 4,
        with: 2,
        approach: "cbt",
        team: "L",
    },
    Spec {
        started: "2026-01-08",
        finished: Some("2026-03-05"),
        planned: true,
        phq9: &[7, 6],
        gad7: &[5, 4],
        first_session: "2026-01-09",
        sessions: 3,
        with: 2,
        approach: "interpersonal",
        team: "L",
    },
    Spec {
        started: "2026-01-09",
        finished: Some("2026-03-06"),
        planned: true,
        phq9: &[12, 9],
        gad7: &[9, 7],
        first_session: "2026-01-10",
        sessions: 5,
        with: 2,
        approach: "interpersonal",
        team: "L",
    },
    Spec {
        started: "2025-12-01",
        finished: Some("2026-02-10"),
        planned: false,
        phq9: &[11, 18],
        gad7: &[9, 14],
        first_session: "2025-12-16",
        sessions: 8,
        with: 2,
        approach: "cbt",
        team: "LK",
    },
    Spec {
        started: "2026-01-10",
        finished: Some("2026-02-20"),
        planned: true,
        phq9: &[20, 10],
        gad7: &[15, 10],
        first_session: "2026-01-11",
        sessions: 2,
        with: 2,
        approach: "behavioural_activation",
        team: "K",
    },
    Spec {
        started: "2026-01-11",
        finished: Some("2026-01-30"),
        planned: false,
        phq9: &[14],
        gad7: &[],
        first_session: "2026-01-12",
        sessions: 0,
        with: 0,
        approach: "cbt",
        team: "K",
    },
    Spec {
        started: "2026-02-01",
        finished: None,
        planned: false,
        phq9: &[13, 11],
        gad7: &[8, 8],
        first_session: "2026-02-02",
        sessions: 3,
        with: 0,
        approach: "cbt",
        team: "L",
    },
    Spec {
        started: "2025-11-01",
        finished: Some("2025-12-15"),
        planned: true,
        phq9: &[15, 3],
        gad7: &[12, 2],
        first_session: "2025-11-02",
        sessions: 5,
        with: 2,
        approach: "cbt",
        team: "L",
    },
];

/// A client account written straight into the store (no password: never signs in).
async fn bare_client(t: &TestDb, n: usize, now: DateTime<Utc>) -> Uuid {
    let uid = Uuid::now_v7();
    let email = format!("report{n}-{uid}@example.org");
    users::insert(
        t.db.conn(),
        t.db.keys(),
        NewUser {
            id: uid,
            email: &email,
            name: &format!("Client {n}"),
            role: "client",
            password_hash: "x",
            timezone: "UTC",
            now,
        },
    )
    .await
    .unwrap();
    uid
}

async fn member(t: &TestDb, client: Uuid, clinician: Uuid, since: DateTime<Utc>) {
    care_teams::add(
        t.db.conn(),
        Membership {
            id: Uuid::now_v7(),
            client_id: client,
            clinician_id: clinician,
            role: "primary_therapist".into(),
            started_at: since,
            ended_at: None,
            added_by: None,
        },
    )
    .await
    .unwrap();
}

async fn score(
    t: &TestDb,
    client: Uuid,
    episode: Uuid,
    instrument: &str,
    taken_at: DateTime<Utc>,
    total: i16,
) {
    measures::insert(
        t.db.conn(),
        Measure {
            id: Uuid::now_v7(),
            client_id: client,
            episode_id: episode,
            instrument: instrument.into(),
            taken_at,
            total,
            band: None,
            prorated: false,
            item9: (instrument == "phq9").then_some(0),
            difficulty: None,
            submitted_by: client,
            language: None,
        },
        &[],
    )
    .await
    .unwrap();
}

async fn attended(t: &TestDb, client: Uuid, clinician: Uuid, starts_at: DateTime<Utc>) {
    let session = Uuid::now_v7();
    t.execute(
        "INSERT INTO therapy_sessions (id, series_id, clinician_id, kind, modality, place, starts_at, minutes, cancelled_at, created_by, created_at) VALUES (?, NULL, ?, 'individual', 'phone', NULL, ?, 50, NULL, ?, ?)",
        vec![Value::from(session), Value::from(clinician), Value::from(starts_at), Value::from(clinician), Value::from(starts_at)],
    )
    .await;
    t.execute(
        "INSERT INTO session_attendees (id, session_id, client_id, attendance, marked_at, marked_by) VALUES (?, ?, ?, 'attended', ?, ?)",
        vec![Value::from(Uuid::now_v7()), Value::from(session), Value::from(client), Value::from(starts_at), Value::from(clinician)],
    )
    .await;
}

async fn plan(t: &TestDb, client: Uuid, by: Uuid, approach: &str, at: DateTime<Utc>) {
    let id = Uuid::now_v7();
    let body = serde_json::json!({
        "approach": approach, "ipt_focus": null, "with_medication": false, "format": "individual",
        "delivery": "in_person", "frequency": "weekly", "expected_sessions": 12,
        "target_measures": ["phq9", "gad7"], "notes": "",
    })
    .to_string();
    let sealed =
        t.db.keys()
            .seal("plan_versions", "body", &id.to_string(), &body)
            .unwrap();
    t.execute(
        "INSERT INTO plan_versions (id, client_id, kind, version, created_at, written_by, body, review_on, agreed_at, agreed_by) VALUES (?, ?, 'treatment', 1, ?, ?, ?, NULL, NULL, NULL)",
        vec![Value::from(id), Value::from(client), Value::from(at), Value::from(by), Value::from(sealed)],
    )
    .await;
}

/// Writes the data set: Lena and Kofi are the practice's clinicians.
async fn data_set(t: &TestDb, lena: Uuid, kofi: Uuid, now: DateTime<Utc>) {
    for (n, s) in SET.iter().enumerate() {
        let client = bare_client(t, n, now).await;
        let started = at(s.started);
        let end = s.finished.map(at);
        let episode = Uuid::now_v7();
        episodes::insert(
            t.db.conn(),
            Episode {
                id: episode,
                client_id: client,
                state: match (end, s.planned) {
                    (None, _) => "active",
                    (Some(_), true) => "maintenance",
                    (Some(_), false) => "closed",
                }
                .into(),
                started_at: started,
                discharged_at: end.filter(|_| s.planned),
                closed_at: end.filter(|_| !s.planned),
                opened_by: Some(lena),
                sweep_slot: Some(episodes::sweep_slot(client)),
            },
        )
        .await
        .unwrap();
        let mut clinicians = vec![];
        if s.team.contains('L') {
            clinicians.push(lena);
        }
        if s.team.contains('K') {
            clinicians.push(kofi);
        }
        for c in &clinicians {
            member(t, client, *c, started - Duration::days(1)).await;
        }
        plan(
            t,
            client,
            clinicians[0],
            s.approach,
            started + Duration::hours(1),
        )
        .await;
        let first = at(s.first_session);
        let times: Vec<DateTime<Utc>> = (0..s.sessions)
            .map(|i| first + Duration::days(7 * i as i64))
            .collect();
        for when in &times {
            attended(t, client, clinicians[0], *when).await;
        }
        // The first `with` PHQ-9s at the sessions; the rest in the days before the end, more
        // than a day away from any session.
        let tail = end.unwrap_or(at("2026-02-25"));
        let place = |k: usize, len: usize| {
            if k < s.with {
                times[k]
            } else {
                tail - Duration::days((len - k) as i64)
            }
        };
        for (k, total) in s.phq9.iter().enumerate() {
            score(t, client, episode, "phq9", place(k, s.phq9.len()), *total).await;
        }
        for (k, total) in s.gad7.iter().enumerate() {
            let when = place(k, s.gad7.len().max(s.phq9.len())) + Duration::minutes(5);
            score(t, client, episode, "gad7", when, *total).await;
        }
    }
}

fn rate(v: &Json) -> (u64, u64, f64, f64) {
    let r = |k: &str| (v[k].as_f64().unwrap() * 10_000.0).round() / 10_000.0;
    (
        v["numerator"].as_u64().unwrap(),
        v["denominator"].as_u64().unwrap(),
        r("ci_low"),
        r("ci_high"),
    )
}

async fn tokens(b: &Browser, app: &App, p: &Practice) -> (String, String, String, String) {
    b.clock.advance(Duration::seconds(30));
    let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
    let lena = api_login(app, &p.lena.email, PASSWORD, Some(&code), ADDRESS)
        .await
        .unwrap()
        .token;
    let code = totp::code_at(&p.kofi.totp_secret, app.now()).unwrap();
    let kofi = api_login(app, &p.kofi.email, PASSWORD, Some(&code), ADDRESS)
        .await
        .unwrap()
        .token;
    let code = totp::code_at(&p.admin.totp_secret, app.now()).unwrap();
    let admin = api_login(app, &p.admin.email, PASSWORD, Some(&code), ADDRESS)
        .await
        .unwrap()
        .token;
    let ana = api_login(app, &p.ana.email, PASSWORD, None, ADDRESS)
        .await
        .unwrap()
        .token;
    (lena, kofi, admin, ana)
}

/// GET a page with a signed-in session.
async fn page(b: &mut Browser, session: &str, path: &str) -> rapport_testkit::browser::Reply {
    let req = axum::http::Request::get(path)
        .header(
            axum::http::header::COOKIE,
            format!("rapport_session={session}"),
        )
        .body(axum::body::Body::empty())
        .unwrap();
    b.send(req).await
}

const Q1: &str = "/api/v1/reports/outcomes?from=2026-01-01&to=2026-03-31";

/// PHQ-9 answers adding up to `total` (item 9 at 0).
fn phq9(total: u8) -> Vec<Option<i64>> {
    let mut rest = i64::from(total);
    let mut answers = Vec::with_capacity(9);
    for _ in 0..8 {
        let v = rest.clamp(0, 3);
        answers.push(Some(v));
        rest -= v;
    }
    answers.push(Some(0));
    answers
}

/// `count` finished episodes of the practice with a moderate baseline (12), each a PHQ-9 of
/// 12, 8 and 6: at the 3rd measure the practice's edge is 6, far under the default's 15.4.
async fn finished_moderate(t: &TestDb, count: usize, by: Uuid, now: DateTime<Utc>) {
    for n in 0..count {
        let client = bare_client(t, 100 + n, now).await;
        let started = now - Duration::days(200);
        let episode = Uuid::now_v7();
        episodes::insert(
            t.db.conn(),
            Episode {
                id: episode,
                client_id: client,
                state: "maintenance".into(),
                started_at: started,
                discharged_at: Some(started + Duration::days(60)),
                closed_at: None,
                opened_by: Some(by),
                sweep_slot: Some(episodes::sweep_slot(client)),
            },
        )
        .await
        .unwrap();
        for (k, total) in [12, 8, 6].into_iter().enumerate() {
            score(
                t,
                client,
                episode,
                "phq9",
                started + Duration::days(7 * k as i64 + 1),
                total,
            )
            .await;
        }
    }
}

/// Ana's PHQ-9 12, 12, 13 a week apart; the kinds of flag the third raised.
async fn third_measure_flags(
    app: &App,
    clock: &rapport_app::clock::ManualClock,
    who: &rapport_testkit::Client,
) -> Vec<String> {
    let mut last = vec![];
    for (i, total) in [12u8, 12, 13].into_iter().enumerate() {
        if i > 0 {
            clock.advance(Duration::days(7));
        }
        last = submit_measure(app, &who.actor, "phq9", &phq9(total), None, None)
            .await
            .unwrap()
            .flags
            .into_iter()
            .map(|f| f.kind.as_str().to_string())
            .collect();
    }
    last
}

both_backends! {
    async fn hand_computed_figures_through_the_api(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let (lena_id, kofi_id) = (id(&p.lena.actor), id(&p.kofi.actor));
        data_set(t, lena_id, kofi_id, app.now()).await;
        practice_leads::set(&app, &p.admin.actor, lena_id, true).await.unwrap();
        let (lena, kofi, admin, ana) = tokens(&b, &app, &p).await;

        // Lena, a practice lead, sees everyone.
        let r = b.api("GET", Q1, Some(&lena), None).await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        let v = r.json();
        assert_eq!((v["episodes"].as_u64(), v["started"].as_u64(), v["finished"].as_u64()), (Some(9), Some(8), Some(8)));
        assert_eq!(v["practice_lead"], true);
        assert_eq!(v["funnel"], serde_json::json!({"finished": 8, "two_sessions": 6, "paired": 5, "case_at_start": 4, "phq9_case_at_start": 5}));
        let rates = &v["rates"];
        assert_eq!(rate(&rates["recovery"]), (2, 4, 0.15, 0.85));
        assert_eq!(rates["recovery"]["rate"].as_f64(), Some(0.5));
        assert_eq!(rate(&rates["reliable_recovery"]), (1, 4, 0.0456, 0.6994));
        assert_eq!(rate(&rates["reliable_improvement"]), (2, 4, 0.15, 0.85));
        assert_eq!(rate(&rates["reliable_deterioration"]), (1, 4, 0.0456, 0.6994));
        assert_eq!(rate(&rates["response"]), (2, 5, 0.1176, 0.7693));
        assert_eq!(rate(&rates["remission"]), (1, 5, 0.0362, 0.6245));
        assert_eq!(rate(&rates["dropout"]), (2, 7, 0.0822, 0.6411));
        assert_eq!(rate(&v["phq9_session_share"]), (12, 29, 0.2551, 0.5926));
        assert_eq!(v["sessions_per_episode"], serde_json::json!({"total": 29, "mean": 3.625, "median": 3.5}));
        let keys = |section: &str| -> Vec<(String, Option<u64>)> {
            v["breakdowns"][section].as_array().unwrap().iter().map(|r| (r["key"].as_str().unwrap().to_string(), r["finished"].as_u64())).collect()
        };
        assert_eq!(keys("severity"), [("mild".into(), Some(1)), ("moderate".into(), Some(3)), ("moderately_severe".into(), Some(3)), ("severe".into(), Some(1))]);
        assert_eq!(keys("approach"), [("behavioural_activation".into(), Some(1)), ("cbt".into(), Some(5)), ("interpersonal".into(), Some(2))]);
        assert_eq!(keys("format"), [("individual".into(), Some(8))]);
        assert_eq!(keys("period"), [("2026-01".into(), Some(1)), ("2026-02".into(), Some(2)), ("2026-03".into(), Some(5))]);
        // The small-cell rule: Kofi's 3 episodes are not shown; Lena's 6 are, but her
        // recovery cell (3 cases at the start) is not.
        let mut clinicians = keys("clinician");
        clinicians.sort();
        let mut expected = vec![(kofi_id.to_string(), None), (lena_id.to_string(), Some(6))];
        expected.sort();
        assert_eq!(clinicians, expected);
        let rows = v["breakdowns"]["clinician"].as_array().unwrap();
        let lena_row = rows.iter().find(|r| r["key"] == lena_id.to_string()).unwrap();
        let kofi_row = rows.iter().find(|r| r["key"] == kofi_id.to_string()).unwrap();
        assert_eq!(lena_row["label"], "Dr Lena Okafor");
        assert_eq!(lena_row["rates"]["recovery"]["shown"], "too_few");
        assert_eq!(lena_row["rates"]["recovery"]["numerator"], Json::Null);
        assert_eq!((lena_row["rates"]["dropout"]["numerator"].as_u64(), lena_row["rates"]["dropout"]["denominator"].as_u64()), (Some(2), Some(6)));
        assert!(kofi_row["rates"].as_object().unwrap().values().all(|c| c["shown"] == "too_few"));

        // A lead picks one clinician: Kofi's three.
        let r = b.api("GET", &format!("{Q1}&clinician_id={kofi_id}"), Some(&lena), None).await;
        assert_eq!(r.json()["finished"].as_u64(), Some(3), "{}", r.body);

        // Kofi is not a lead: his own clients only (E6, E7, E8), whatever he asks.
        let r = b.api("GET", Q1, Some(&kofi), None).await;
        let k = r.json();
        assert_eq!((k["finished"].as_u64(), k["practice_lead"].as_bool()), (Some(3), Some(false)), "{}", r.body);
        assert_eq!(k["clinician_id"], kofi_id.to_string());
        assert_eq!(k["funnel"]["case_at_start"].as_u64(), Some(2));
        assert_eq!(rate(&k["rates"]["reliable_improvement"]).0, 1);
        let r = b.api("GET", &format!("{Q1}&clinician_id={kofi_id}"), Some(&kofi), None).await;
        assert_eq!(r.status.as_u16(), 200);
        let r = b.api("GET", &format!("{Q1}&clinician_id={lena_id}"), Some(&kofi), None).await;
        assert_eq!((r.status.as_u16(), r.json()["error"]["code"].as_str()), (403, Some("forbidden")), "{}", r.body);
        assert!(forbidden(outcomes(&app, &p.kofi.actor, Filter { from: day("2026-01-01"), to: day("2026-03-31"), clinician_id: Some(lena_id) }).await));

        // Nobody else: a client, an administrator, a family member; no token at all.
        for token in [&ana, &admin] {
            let r = b.api("GET", Q1, Some(token), None).await;
            assert_eq!(r.status.as_u16(), 403, "{}", r.body);
            let r = b.api("GET", &Q1.replace("outcomes?", "outcomes.csv?"), Some(token), None).await;
            assert_eq!(r.status.as_u16(), 403);
        }
        let fam = rapport_testkit::family::family_member(t, &app, "Eli Ruiz", "eli@example.org").await;
        assert!(forbidden(outcomes(&app, &fam, Filter { from: day("2026-01-01"), to: day("2026-03-31"), clinician_id: None }).await));
        assert_eq!(b.api("GET", Q1, None, None).await.status.as_u16(), 401);

        // Bad input: 422 naming the field.
        for (q, field) in [("from=2026-13-01", "from"), ("to=yesterday", "to"), ("from=2026-03-01&to=2026-01-01", "to"), ("clinician_id=nobody", "clinician_id")] {
            let r = b.api("GET", &format!("/api/v1/reports/outcomes?{q}"), Some(&lena), None).await;
            assert_eq!((r.status.as_u16(), r.json()["error"]["field"].as_str()), (422, Some(field)), "{q}: {}", r.body);
        }
        assert_eq!(invalid_field(outcomes(&app, &p.lena.actor, Filter { from: day("2026-03-01"), to: day("2026-01-01"), clinician_id: None }).await), "to");

        // The CSV of the same.
        let r = b.api("GET", &Q1.replace("outcomes?", "outcomes.csv?"), Some(&lena), None).await;
        assert_eq!(r.status.as_u16(), 200);
        assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        let lines: Vec<&str> = r.body.lines().collect();
        assert_eq!(lines[0], "section,group,measure,numerator,denominator,rate,ci_low,ci_high");
        assert!(lines.contains(&"summary,all,finished,8,,,,"), "{}", r.body);
        assert!(lines.contains(&"rate,all,recovery,2,4,0.5000,0.1500,0.8500"), "{}", r.body);
        assert!(lines.contains(&"rate,all,dropout,2,7,0.2857,0.0822,0.6411"), "{}", r.body);
        assert!(lines.contains(&"funnel,all,case_at_start,4,,,,"));
        assert!(lines.contains(&"clinician,Kofi Mensah,finished,,,too_few,,"), "{}", r.body);
        assert!(lines.contains(&"clinician,Dr Lena Okafor,recovery,,,too_few,,"), "{}", r.body);
        assert!(lines.contains(&"severity,Moderate,recovery,1,2,0.5000,0.0945,0.9055"), "{}", r.body);

        // Audited: the reads, and the refusal.
        let n = t.count("audit_events WHERE action = 'reports.outcomes_read' AND outcome = 'ok'", vec![]).await;
        assert!(n >= 5, "{n}");
        let n = t.count("audit_events WHERE action = 'reports.outcomes_read' AND outcome = 'denied'", vec![]).await;
        assert!(n >= 2, "{n}");
    }

    async fn the_page_shows_figures_tables_and_the_csv(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        data_set(t, id(&p.lena.actor), id(&p.kofi.actor), app.now()).await;
        let kofi = p.kofi.session.clone();
        let r = page(&mut b, &kofi, "/reports/outcomes?from=2026-01-01&to=2026-03-31").await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        assert!(r.body.contains("Episodes of your clients from 1 January 2026 to 31 March 2026"), "{}", r.body);
        assert!(r.body.contains("Reliable improvement:</strong> 1 of 2 (50 %); 95 % interval"), "{}", r.body);
        assert!(r.body.contains("<caption>The eligibility funnel</caption>"));
        assert!(r.body.contains("role=\"img\""));
        assert!(!r.body.contains("clinician_id"), "a clinician who is not a lead picks no one");
        let r = page(&mut b, &kofi, "/reports/outcomes?from=2026-02-30").await;
        assert_eq!(r.status.as_u16(), 422);
        assert!(r.body.contains("Give a date as YYYY-MM-DD.") && r.body.contains("value=\"2026-02-30\""), "{}", r.body);
        let r = page(&mut b, &kofi, "/reports/outcomes.csv?from=2026-01-01&to=2026-03-31").await;
        assert_eq!(r.status.as_u16(), 200);
        assert!(r.body.contains("summary,all,finished,3,,,,"), "{}", r.body);
    }

    async fn a_practice_band_of_50_flags_what_the_default_would_not(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        rapport_app::care_teams::assign(&app, &admin.actor, id(&ana.actor), id(&lena.actor), rapport_core::accounts::CareTeamRole::PrimaryTherapist).await.unwrap();
        finished_moderate(t, 50, id(&lena.actor), app.now()).await;
        let flags = third_measure_flags(&app, &clock, &ana).await;
        assert_eq!(flags, ["not_on_track"], "the practice's edge at the 3rd measure is 6");
        let rules = t.texts("SELECT rule FROM flag_evidence", vec![]).await;
        assert_eq!(rules, [Some("not_on_track_practice".to_string())]);
    }

    async fn forty_nine_finished_episodes_use_the_default_curve(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        rapport_app::care_teams::assign(&app, &admin.actor, id(&ana.actor), id(&lena.actor), rapport_core::accounts::CareTeamRole::PrimaryTherapist).await.unwrap();
        finished_moderate(t, 49, id(&lena.actor), app.now()).await;
        let flags = third_measure_flags(&app, &clock, &ana).await;
        assert!(flags.is_empty(), "13 is under the default edge of 15.4: {flags:?}");
    }
}
