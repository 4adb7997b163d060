//! The chart and what it opens, as pages (issue 23, items 4 and 7): a clinician opens a
//! client's questionnaire and reads it as the care team does (item 9 first, every answer, the
//! score out of the maximum, the band and the change), not the client's own result page; the
//! chart opens on a summary with a list of jumps and the clinician's notes still to write; the
//! safety plan leads back to the chart. A clinician off the team finds nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use rapport_app::measures::submit_measure;
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_testkit::{TestDb, both_backends, practice};
use rapport_web::{AppState, CrisisResources, WebConfig};
use tower::ServiceExt;

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

/// Where `needle` first appears in `body`, or a failure naming what is missing.
fn at(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("the page does not show {needle:?}"))
}

both_backends! {
    async fn the_care_team_reads_a_questionnaire_and_the_chart_opens_on_a_summary(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (lena, ana) = (&p.lena, &p.ana);
        let id = ana.actor.user_id;
        let answers = |v: [i64; 9]| v.map(Some).to_vec();
        let first = submit_measure(&app, &ana.actor, "phq9", &answers([1, 1, 1, 1, 1, 1, 1, 1, 0]), None, None).await.unwrap();
        clock.advance(Duration::minutes(2));
        let second = submit_measure(&app, &ana.actor, "phq9", &answers([2, 3, 2, 2, 2, 1, 2, 1, 2]), Some(2), None).await.unwrap();
        // A session of Lena's that Ana attended, its note not written.
        let soon = (app.now() + Duration::minutes(1)).naive_utc();
        let session = schedule(&app, &lena.actor, NewSessions { clients: vec![id], kind: "individual".into(), modality: "phone".into(), first: Some(soon), minutes: Some(50), weeks: Some(1), ..Default::default() }).await.unwrap()[0];
        // Minutes, not days, apart: the staff's sessions stay fresh.
        clock.advance(Duration::minutes(2));
        record_attendance(&app, &lena.actor, session, id, "attended").await.unwrap();

        let web = WebConfig { base_url: "http://localhost".into(), crisis: CrisisResources::default(), demo_accounts: None };
        let router = rapport_web::router(AppState::new(app.clone(), web));

        // The care team's page of the second PHQ-9.
        let (status, body) = read(&router, &lena.session, &format!("/results/{}", second.id)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("<h1>PHQ-9 of Ana Ruiz</h1>"), "{body}");
        assert!(at(&body, "better off dead") < at(&body, "Little interest or pleasure"), "item 9 comes first");
        assert!(body.contains("Ana's answers, in the order of the form"));
        assert_eq!(body.matches("<th scope=\"row\">").count(), 10, "nine items and how difficult");
        assert!(body.contains("out of 27"));
        assert!(body.contains("Moderately severe"));
        assert!(body.contains("9 points higher, a reliable deterioration"), "8 → 17");
        assert!(body.contains(&format!("href=\"/results/{}\"", first.id)), "the one before is linked");
        assert!(body.contains(&format!("href=\"/clients/{id}\">Back to Ana's chart")));
        assert!(!body.contains("Your Patient Health Questionnaire"), "the client's own page is not the care team's");
        let (_, body) = read(&router, &lena.session, &format!("/results/{}", first.id)).await;
        assert!(body.contains("This is the first PHQ-9 Ana has answered."));
        // Ana still reads her own result; a clinician off the team finds nothing.
        let (status, body) = read(&router, &ana.session, &format!("/results/{}", second.id)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Your Patient Health Questionnaire (PHQ-9) result") && !body.contains("Ana's answers"));
        let (status, _) = read(&router, &p.kofi.session, &format!("/results/{}", second.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // The chart: the summary first, then the jumps, then the sections they lead to.
        let (status, chart) = read(&router, &lena.session, &format!("/clients/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        let summary = at(&chart, "id=\"summary-heading\">Summary</h2>");
        let jumps = at(&chart, "aria-label=\"On this page\"");
        assert!(summary < jumps && jumps < at(&chart, "id=\"alerts\""));
        assert!(chart[summary..jumps].contains(&format!("<a href=\"/results/{}\">PHQ-9 17</a>", second.id)), "the latest PHQ-9, linked");
        for target in ["alerts", "sessions", "notes-to-write", "charts", "timeline", "feedback", "plan", "intake", "episode", "recommend", "schedule", "about", "team"] {
            assert!(chart[jumps..].contains(&format!("href=\"#{target}\"")), "no jump to #{target}");
            let tag = &chart[..at(&chart, &format!(" id=\"{target}\""))];
            assert!(tag[tag.rfind('<').unwrap()..].starts_with("<section"), "#{target} is not a section");
        }
        let notes = &chart[at(&chart, "id=\"notes-to-write\"")..];
        assert!(notes[..at(notes, "</section>")].contains(&format!("href=\"/sessions/{session}/notes/{id}\"")), "the note to write is linked");

        // The safety plan leads back to the chart.
        let (_, plan) = read(&router, &lena.session, &format!("/clients/{id}/safety-plan")).await;
        assert!(plan.contains(&format!("<a href=\"/clients/{id}\">Back to Ana's chart</a>")));
    }
}
