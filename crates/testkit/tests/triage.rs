//! A flag always reaches a person (CLINICAL.md, issue 11 part 2): clients without an active
//! care team are watched by the clinicians on triage duty, who see their alerts, may open
//! their record and take them on; the client is never told "your clinician has been told"
//! when nobody was; every PHQ-9 with item 9 ≥ 1 carries the crisis lines over the API, stored
//! (201) or refused (422).

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::accounts::{api_login, totp};
use rapport_app::alerts::{StatusFilter, acknowledge, inbox, open_critical_count};
use rapport_app::measures::submit_measure;
use rapport_app::triage::{Watch, duty_roster, set_duty, take_on, who_watches_me};
use rapport_app::{App, Error};
use rapport_testkit::browser::api_call as api;
use rapport_testkit::{ADDRESS, PASSWORD, Practice, TestDb, both_backends, client, practice};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::{Value, json};

fn item9(value: i64) -> Vec<Option<i64>> {
    let mut a = vec![Some(1); 8];
    a.push(Some(value));
    a
}

/// Ana is on Lena's team (the practice); Cy has just signed up and has nobody.
async fn with_newcomer(app: &App) -> (Practice, rapport_testkit::Client) {
    let p = practice(app).await;
    let cy = client(app, "Cy Newcomer", "cy@example.org").await;
    (p, cy)
}

both_backends! {
    async fn an_unassigned_clients_safety_flag_reaches_the_triage_clinician(t: &TestDb) {
        let (app, _clock) = t.app();
        let (p, cy) = with_newcomer(&app).await;
        let kofi = &p.kofi.actor;

        // Nobody on duty: the flag is stored, the client is not told anyone knows.
        assert_eq!(who_watches_me(&app, &cy.actor).await.unwrap(), Watch::Nobody);
        let r = submit_measure(&app, &cy.actor, "phq9", &item9(2), None, None).await.unwrap();
        assert!(r.flags.iter().any(|f| f.kind.as_str() == "safety" && f.level.as_str() == "critical"));
        assert!(inbox(&app, kofi, StatusFilter::Open).await.unwrap().is_empty());
        assert!(duty_roster(&app, &p.admin.actor).await.unwrap().iter().all(|r| !r.on_duty));

        // Kofi goes on duty: he sees it, marked, with the banner count.
        set_duty(&app, &p.admin.actor, &[kofi.user_id]).await.unwrap();
        assert_eq!(who_watches_me(&app, &cy.actor).await.unwrap(), Watch::Triage);
        assert_eq!(who_watches_me(&app, &p.ana.actor).await.unwrap(), Watch::CareTeam);
        let list = inbox(&app, kofi, StatusFilter::Open).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].client_id, list[0].kind.as_str(), list[0].triage), (cy.actor.user_id, "safety", true));
        assert_eq!(open_critical_count(&app, kofi).await.unwrap(), 1);
        // Lena, not on duty, sees only her own clients' flags.
        assert!(inbox(&app, &p.lena.actor, StatusFilter::Open).await.unwrap().is_empty());
        // Ana's flag is her team's, not triage's.
        submit_measure(&app, &p.ana.actor, "phq9", &item9(1), None, None).await.unwrap();
        assert_eq!(inbox(&app, kofi, StatusFilter::Open).await.unwrap().len(), 1);
        assert_eq!(inbox(&app, &p.lena.actor, StatusFilter::Open).await.unwrap().len(), 1);

        // He responds, then takes Cy on; the flag becomes his own client's.
        acknowledge(&app, kofi, list[0].id, "Phoned Cy; safe tonight; seeing her tomorrow.").await.unwrap();
        take_on(&app, kofi, cy.actor.user_id).await.unwrap();
        assert_eq!(who_watches_me(&app, &cy.actor).await.unwrap(), Watch::CareTeam);
        let all = inbox(&app, kofi, StatusFilter::Unresolved).await.unwrap();
        assert_eq!(all.len(), 1);
        assert!(!all[0].triage);
        let events = t.count("audit_events WHERE action = 'triage.took_on'", vec![]).await;
        assert_eq!(events, 1);
    }

    async fn triage_reaches_only_clients_without_a_team_and_only_for_those_on_duty(t: &TestDb) {
        let (app, _clock) = t.app();
        let (p, cy) = with_newcomer(&app).await;
        // Not on duty: no access to Cy, no taking on.
        let refused = take_on(&app, &p.kofi.actor, cy.actor.user_id).await.unwrap_err();
        assert!(matches!(refused, Error::Forbidden), "{refused:?}");
        set_duty(&app, &p.admin.actor, &[p.kofi.actor.user_id]).await.unwrap();
        // On duty, but Ana has a team: Kofi cannot reach her through triage.
        let refused = take_on(&app, &p.kofi.actor, p.ana.actor.user_id).await.unwrap_err();
        assert!(matches!(refused, Error::Forbidden), "{refused:?}");
        // Only administrators set the duty, and only clinicians can be on it.
        assert!(matches!(set_duty(&app, &p.lena.actor, &[]).await.unwrap_err(), Error::Forbidden));
        match set_duty(&app, &p.admin.actor, &[p.kofi.actor.user_id, p.admin.actor.user_id]).await {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "clinician_ids[1]"),
            other => panic!("{other:?}"),
        }
        // Taking everyone off leaves the newcomer watched by nobody again.
        set_duty(&app, &p.admin.actor, &[]).await.unwrap();
        assert_eq!(who_watches_me(&app, &cy.actor).await.unwrap(), Watch::Nobody);
    }

    async fn over_the_api_triage_is_set_and_every_positive_item9_carries_the_crisis_lines(t: &TestDb) {
        let (app, clock) = t.app();
        let (p, cy) = with_newcomer(&app).await;
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        let router = rapport_web::router(AppState::new(app.clone(), web));
        clock.advance(Duration::seconds(30));
        let code = |secret: &str| totp::code_at(secret, app.now()).unwrap();
        let admin = api_login(&app, &p.admin.email, PASSWORD, Some(&code(&p.admin.totp_secret)), ADDRESS).await.unwrap().token;
        let kofi = api_login(&app, &p.kofi.email, PASSWORD, Some(&code(&p.kofi.totp_secret)), ADDRESS).await.unwrap().token;
        let cy_token = api_login(&app, &cy.email, PASSWORD, None, ADDRESS).await.unwrap().token;

        let (status, body) = api(&router, "PUT", "/api/v1/admin/triage", Some(&admin), Some(json!({"clinician_ids": ["not-an-id"]}))).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("clinician_ids[0]")));
        let (status, body) = api(&router, "PUT", "/api/v1/admin/triage", Some(&kofi), Some(json!({"clinician_ids": []}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let kofi_id = p.kofi.actor.user_id.to_string();
        let (status, body) = api(&router, "PUT", "/api/v1/admin/triage", Some(&admin), Some(json!({"clinician_ids": [kofi_id]}))).await;
        assert_eq!((status, body["clinician_ids"].clone()), (StatusCode::OK, json!([kofi_id])));
        let (_, body) = api(&router, "GET", "/api/v1/admin/triage", Some(&admin), None).await;
        assert_eq!(body["clinician_ids"], json!([kofi_id]));

        // A refused PHQ-9 (ten answers) with item 9 = 2: 422 naming what to fix, with the lines.
        let mut ten = item9(2);
        ten.push(Some(0));
        let (status, body) = api(&router, "POST", "/api/v1/measures", Some(&cy_token), Some(json!({"instrument": "phq9", "answers": ten}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "invalid");
        let lines = body["crisis"].as_array().unwrap();
        assert!(lines.iter().any(|l| l["href"] == "tel:988" && l["label"].as_str().is_some_and(|s| !s.is_empty())), "{body}");
        // ...and the flag reached the triage clinician all the same.
        let (_, alerts) = api(&router, "GET", "/api/v1/alerts?status=open", Some(&kofi), None).await;
        let safety: Vec<&Value> = alerts.as_array().unwrap().iter().filter(|a| a["kind"] == "safety").collect();
        assert_eq!(safety.len(), 1, "{alerts}");
        assert_eq!((safety[0]["client_id"].as_str(), safety[0]["triage"].as_bool()), (Some(cy.actor.user_id.to_string().as_str()), Some(true)));

        // Stored (201): the lines again; an item 9 of 0: none.
        let (status, body) = api(&router, "POST", "/api/v1/measures", Some(&cy_token), Some(json!({"instrument": "phq9", "answers": item9(1)}))).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert!(!body["crisis"].as_array().unwrap().is_empty());
        let (_, body) = api(&router, "POST", "/api/v1/measures", Some(&cy_token), Some(json!({"instrument": "phq9", "answers": item9(0)}))).await;
        assert_eq!(body["crisis"], json!([]));

        // Kofi takes Cy on over the API.
        let path = format!("/api/v1/clients/{}/take-on", cy.actor.user_id);
        let (status, body) = api(&router, "POST", &path, Some(&kofi), None).await;
        assert_eq!((status, body["role"].as_str()), (StatusCode::CREATED, Some("primary_therapist")));
        let (status, _) = api(&router, "POST", &path, Some(&kofi), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a client with a team is not triage's");
    }
}
