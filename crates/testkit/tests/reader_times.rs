//! Every time a person reads is on their own clock (issue 23, item 3): a clinician in Chicago
//! and a client in Kolkata (a half-hour offset) read the pages about one evening in Chicago —
//! 03:10 UTC on 24 November, 21:10 on the 23rd in Chicago, 08:40 on the 24th in Kolkata — and
//! each sees it at their own hour on every page that shows it (alert, timeline, feedback
//! table, plans and their versions, goals, sessions, notes, the charts of the measures, a
//! questionnaire as the care team reads it, the intake, a request for another time, the
//! caseload and the home page), never at the UTC hour nor at the other one's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use chrono::{NaiveDateTime, TimeZone, Utc};
use rapport_app::accounts::{self, NewClient, NewStaff, totp};
use rapport_app::sessions::{NewSessions, record_attendance, schedule, submit_feedback};
use rapport_app::{Actor, App};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::measures::FeedbackInput;
use rapport_core::notes::Dap;
use rapport_core::plans::TreatmentPlanInput;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, staff};
use rapport_web::{AppState, CrisisResources, WebConfig};
use tower::ServiceExt;

const CHICAGO: &str = "America/Chicago";
const KOLKATA: &str = "Asia/Kolkata";

/// The clinician's reading of the instant, and of the session a week later.
const IN_CHICAGO: &str = "23 Nov 2026, 21:10";
const NEXT_IN_CHICAGO: &str = "30 Nov 2026, 21:10";
/// The client's.
const IN_KOLKATA: &str = "24 Nov 2026, 08:40";
const NEXT_IN_KOLKATA: &str = "1 Dec 2026, 08:40";

/// A clinician with a timezone of their own, enrolled; the secret of a full session.
async fn clinician_in(app: &App, name: &str, email: &str, timezone: &str) -> (Actor, String) {
    accounts::create_staff(
        app,
        None,
        NewStaff {
            role: Role::Clinician,
            email,
            name,
            password: PASSWORD,
            credential: None,
            approaches: vec![],
            timezone: Some(timezone),
        },
    )
    .await
    .unwrap();
    let step = accounts::check_password(app, email, PASSWORD, ADDRESS)
        .await
        .unwrap();
    let enrolment = accounts::start_totp_enrolment(app, &step.actor)
        .await
        .unwrap();
    let code = totp::code_at(&enrolment.secret, app.now()).unwrap();
    let session =
        accounts::confirm_totp_enrolment(app, &step.actor, &code, Some(&step.session_secret))
            .await
            .unwrap()
            .unwrap();
    (step.actor, session)
}

/// GET `path` with the session cookie `session`: (status, body).
async fn read(router: &axum::Router, session: &str, path: &str) -> (StatusCode, String) {
    let req = Request::get(path)
        .header(header::COOKIE, format!("rapport_session={session}"))
        .body(Body::empty())
        .unwrap();
    let resp = router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let body = to_bytes(resp.into_body(), 1 << 22).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

/// Each page answers 200, shows `expected`, and shows none of the `wrong` readings; every
/// page that does not is named before the test fails.
async fn reads_on_own_clock(
    router: &axum::Router,
    session: &str,
    who: &str,
    pages: &[(String, &str)],
    wrong: &[&str],
) {
    let mut failures = vec![];
    for (path, expected) in pages {
        let (status, body) = read(router, session, path).await;
        if status != StatusCode::OK {
            failures.push(format!("{path}: answered {status}"));
            continue;
        }
        if !body.contains(expected) {
            failures.push(format!("{path}: does not show {expected:?}"));
        }
        for w in wrong.iter().filter(|w| body.contains(*w)) {
            failures.push(format!("{path}: shows {w:?}, a reading on another clock"));
        }
    }
    assert!(failures.is_empty(), "{who}:\n  {}", failures.join("\n  "));
}

both_backends! {
    async fn every_page_shows_an_instant_on_its_readers_clock(t: &TestDb) {
        let (app, clock) = t.app();
        // Everyone joins twenty minutes before the instant (their sessions stay fresh).
        let instant = Utc.with_ymd_and_hms(2026, 11, 24, 3, 10, 0).unwrap();
        clock.advance(instant - chrono::Duration::minutes(20) - app.now());
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let (lena, lena_session) = clinician_in(&app, "Dr Lena Okafor", "lena@clinic.example", CHICAGO).await;
        let (ana, ana_session) = accounts::sign_up(
            &app,
            NewClient { name: "Ana Ruiz", email: "ana@example.org", password: PASSWORD, timezone: Some(KOLKATA) },
            ADDRESS,
        )
        .await
        .unwrap();
        let id = ana.user_id;
        rapport_app::care_teams::assign(&app, &admin.actor, id, lena.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();

        // Two weekly sessions at 21:10 on Lena's clock, the first at the instant.
        let first = NaiveDateTime::parse_from_str("2026-11-23 21:10", "%Y-%m-%d %H:%M").unwrap();
        let sessions = schedule(&app, &lena, NewSessions { clients: vec![id], kind: "individual".into(), modality: "phone".into(), first: Some(first), minutes: Some(50), weeks: Some(2), ..Default::default() }).await.unwrap();
        let session = sessions[0];

        // Everything else happens at that instant.
        clock.advance(instant - app.now());
        let answers = [Some(2), Some(2), Some(2), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1)];
        let measure = rapport_app::measures::submit_measure(&app, &ana, "phq9", &answers, None, None).await.unwrap();
        assert!(!measure.flags.is_empty(), "item 9 raises a safety alert");
        record_attendance(&app, &lena, session, id, "attended").await.unwrap();
        submit_feedback(&app, &ana, session, FeedbackInput { heard: Some(9), worked_on_what_i_wanted: Some(8), approach_fits: Some(8), overall: Some(9), comment: None }).await.unwrap();
        let dap = Dap { data: "Low week.".into(), assessment: "Engaged.".into(), plan: "Walks.".into() };
        rapport_app::notes::save_progress_note(&app, &lena, session, id, dap, true).await.unwrap();
        let steps = ["Awake at 3 a.m.", "A walk", "The library", "My sister", "Dr Okafor; 988", "Keys with my sister"].map(String::from);
        rapport_app::plans::save_safety_plan(&app, &ana, id, 0, steps).await.unwrap();
        rapport_app::plans::save_relapse_plan(&app, &lena, id, 0, ["Sleep", "Walks", "Call Dr Okafor", "Booster session"].map(String::from)).await.unwrap();
        let targets = vec!["phq9".to_string()];
        let plan = TreatmentPlanInput { approach: "cbt", ipt_focus: "", with_medication: false, format: "individual", delivery: "online", frequency: "weekly", expected_sessions: Some(12), target_measures: &targets, notes: "" };
        rapport_app::plans::save_treatment_plan(&app, &lena, id, 0, &plan, chrono::NaiveDate::from_ymd_opt(2026, 12, 31)).await.unwrap();
        rapport_app::plans::agree_treatment_plan(&app, &ana, id, 1).await.unwrap();
        let goal = rapport_app::goals::set_goal(&app, &ana, id, rapport_app::goals::NewGoal { title: "Walk twice a week".into(), success: "Two walks".into(), ..Default::default() }).await.unwrap();
        rapport_app::goals::record_progress(&app, &ana, goal, Some(6), "").await.unwrap();
        let intake = rapport_core::intake::Intake { reason: "Low since the summer.".into(), ..Default::default() };
        rapport_app::intake::save_intake(&app, &ana, id, intake, false).await.unwrap();
        // Ana asks to move the second session to the next morning on her clock.
        let proposed = NaiveDateTime::parse_from_str("2026-12-02 08:40", "%Y-%m-%d %H:%M").unwrap();
        rapport_app::sessions::ask_for_another_time(&app, &ana, sessions[1], "Work trip", &[proposed]).await.unwrap();

        // Read a minute later: the session at the instant has begun, the next is a week on.
        clock.advance(chrono::Duration::minutes(1));
        let web = WebConfig { base_url: "http://localhost".into(), crisis: CrisisResources::default(), demo_accounts: None };
        let router = rapport_web::router(AppState::new(app.clone(), web));
        let record = format!("/clients/{id}");

        // Lena, in Chicago: the evening of the 23rd. Nothing here happened on the 24th on her
        // clock (a UTC date would say so), nor at 03:10 (UTC) or 08:40 (Ana's clock).
        let lena_pages = [
            (record.clone(), IN_CHICAGO),                              // alert, timeline, feedback, summary
            (format!("{record}?timeline=all"), IN_CHICAGO),
            ("/alerts".to_string(), IN_CHICAGO),
            (format!("{record}/safety-plan"), IN_CHICAGO),
            (format!("{record}/staying-well"), IN_CHICAGO),
            (format!("{record}/treatment-plan"), IN_CHICAGO),
            (format!("{record}/goals"), "23 Nov 2026"),
            (format!("/sessions/{session}?client={id}"), IN_CHICAGO),
            (format!("/sessions/{session}/notes/{id}"), IN_CHICAGO),
            ("/sessions".to_string(), IN_CHICAGO),                      // the request's time
            (format!("/results/{}", measure.id), IN_CHICAGO),
            ("/home".to_string(), NEXT_IN_CHICAGO),                    // the caseload's next session
        ];
        reads_on_own_clock(&router, &lena_session, "Lena (Chicago)", &lena_pages, &["24 Nov", "03:10", "08:40"]).await;
        // The feedback table and the chart of the PHQ-9 date it on her calendar too.
        let (_, chart) = read(&router, &lena_session, &record).await;
        let feedback = &chart[chart.find("id=\"feedback-heading\"").expect("the feedback table")..];
        assert!(feedback[..feedback.find("</table>").unwrap()].contains("23 Nov 2026"), "the feedback table's date is Lena's");

        // Ana, in Kolkata: the morning of the 24th, never 03:10 (UTC) nor 21:10 (Lena's).
        let ana_pages = [
            ("/home".to_string(), NEXT_IN_KOLKATA),
            ("/sessions".to_string(), NEXT_IN_KOLKATA),
            ("/sessions".to_string(), IN_KOLKATA),                      // when she asked to move it
            ("/intake".to_string(), IN_KOLKATA),                        // saved, and the PHQ-9 done
            ("/intake".to_string(), "done 24 Nov 2026"),
            (format!("/sessions/{session}"), IN_KOLKATA),
            ("/safety-plan".to_string(), IN_KOLKATA),
            ("/staying-well".to_string(), IN_KOLKATA),
            ("/treatment-plan".to_string(), IN_KOLKATA),
            ("/goals".to_string(), "24 Nov 2026"),
            ("/progress".to_string(), "24 Nov"),
            ("/account/access-log".to_string(), IN_KOLKATA),
        ];
        reads_on_own_clock(&router, &ana_session, "Ana (Kolkata)", &ana_pages, &["03:10", "21:10"]).await;
    }
}
