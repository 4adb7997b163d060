//! Homework beside the PHQ-9 (issue 13, item 5): the client's progress page and the
//! clinician's chart show, week by week, the homework due and sent, the week's PHQ-9 and
//! behavioural activation's pleasure and mastery, and say when planned activities were enjoyed
//! more than predicted.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::homework::{NewAssignment, assign, save_entry};
use rapport_app::measures::submit_measure;
use rapport_testkit::asserts::id;
use rapport_testkit::browser::Browser;
use rapport_testkit::{TestDb, both_backends, practice};
use serde_json::json;

both_backends! {
    async fn progress_and_chart_show_homework_beside_the_phq9(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let today = rapport_app::time::local_day(app.now(), "UTC");
        let plan = assign(&app, &p.lena.actor, ana, NewAssignment { kind: "activity_plan".into(), due_on: Some(today), ..NewAssignment::default() }).await.unwrap();
        let diary = assign(&app, &p.lena.actor, ana, NewAssignment { kind: "activity_diary".into(), due_on: Some(today), ..NewAssignment::default() }).await.unwrap();
        let day = today.format("%Y-%m-%d").to_string();
        b.clock.advance(Duration::minutes(5));
        save_entry(&app, &p.ana.actor, plan, None, false, &json!({"activities": [
            {"day": day, "activity": "Swim at the lido", "predicted_pleasure": 2, "done": true, "actual_pleasure": 7},
            {"day": day, "activity": "Cook for my sister", "predicted_pleasure": 3, "done": true, "actual_pleasure": 6}
        ]})).await.unwrap();
        save_entry(&app, &p.ana.actor, diary, None, false, &json!({"entries": [
            {"day": day, "activity": "Walked to the bakery", "mastery": 4, "pleasure": 6}
        ]})).await.unwrap();
        let answers: Vec<Option<i64>> = vec![Some(1); 9];
        submit_measure(&app, &p.ana.actor, "phq9", &answers, Some(1), None).await.unwrap();

        let page = |body: &str| {
            assert!(body.contains("Homework and mood, week by week"), "no homework table");
            assert!(body.contains("Planned activities were enjoyed more than predicted: 6.5 found against 2.5 predicted, out of 10 (2 activities done)."), "no predicted against found");
            assert!(body.contains("<td>9</td><td>2 of 2 due; 2 sent</td><td>6.0</td><td>4.0</td><td>2.5 → 6.5</td>"), "the week's row");
        };
        b.cookies.insert("rapport_session".into(), p.ana.session.clone());
        let r = b.get("/progress").await;
        assert_eq!(r.status, StatusCode::OK);
        page(&r.body);
        b.cookies.insert("rapport_session".into(), p.lena.session.clone());
        let r = b.get(&format!("/clients/{ana}")).await;
        assert_eq!(r.status, StatusCode::OK);
        page(&r.body);

        // Bo has no homework: no table.
        b.cookies.insert("rapport_session".into(), p.bo.session.clone());
        let r = b.get("/progress").await;
        assert!(!r.body.contains("Homework and mood"));
    }
}
