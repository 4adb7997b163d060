//! Languages (issue 21): each person picks theirs (stored on the account, `PUT
//! /api/v1/me/language`), pages follow it, else the browser's `Accept-Language`, else
//! English; `<html lang>` says which. The questionnaires come in their official Spanish
//! (`GET /api/v1/instruments/{instrument}?lang=es`), their answers are stored as numbers with
//! the language they were given in, and the FHIR export carries it.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use rapport_app::care_teams::assign;
use rapport_app::sessions::{NewSessions, request_reschedule, schedule};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_testkit::asserts::{id, local};
use rapport_testkit::browser::{Browser, Reply};
use rapport_testkit::{PASSWORD, TestDb, both_backends, client, staff};
use serde_json::json;

/// A page as a browser that asks for `accept` sends for it.
async fn page_in(b: &mut Browser, path: &str, accept: &str) -> Reply {
    let req = Request::get(path)
        .header(header::COOKIE, b.cookie_header())
        .header(header::ACCEPT_LANGUAGE, accept)
        .body(Body::empty())
        .unwrap();
    b.send(req).await
}

async fn signed_in(t: &TestDb, name: &str, email: &str) -> (Browser, rapport_app::Actor, String) {
    let mut b = Browser::new(t);
    let person = client(&b.app(t), name, email).await;
    let r = b.log_in(email).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/home"));
    let login = b
        .api(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": email, "password": PASSWORD})),
        )
        .await;
    let token = login.json()["token"].as_str().unwrap().to_string();
    (b, person.actor, token)
}

both_backends! {
    async fn signed_out_pages_follow_the_browser_then_the_switcher(t: &TestDb) {
        let mut b = Browser::new(t);
        let en = b.get("/login").await;
        assert!(en.body.starts_with("<!doctype html>\n<html lang=\"en\">"), "{}", en.body);
        assert!(en.body.contains("<h1>Sign in</h1>"));
        let es = page_in(&mut b, "/login", "es-MX,es;q=0.9,en;q=0.5").await;
        assert!(es.body.contains("<html lang=\"es\">"), "{}", es.body);
        assert!(es.body.contains("<h1>Iniciar sesión</h1>"), "{}", es.body);
        assert!(es.body.contains("Ayuda en crisis"));
        let de = page_in(&mut b, "/crisis", "de-DE,de;q=0.9").await;
        assert!(de.body.contains("<html lang=\"en\">"));

        // The switcher: a cookie, over the browser's wish.
        let r = b.get("/language/es?back=/crisis").await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/crisis"));
        let crisis = page_in(&mut b, "/crisis", "en-US").await;
        assert!(crisis.body.contains("<html lang=\"es\">"));
        assert!(crisis.body.contains("Si estás en crisis"), "{}", crisis.body);
        assert!(crisis.body.contains("Llamar al 988"));
        // Never away from the site.
        let r = b.get("/language/en?back=//evil.example").await;
        assert_eq!(r.location(), "/");
    }

    async fn a_person_saves_their_language(t: &TestDb) {
        let (mut b, actor, token) = signed_in(t, "Lucía Pérez", "lucia@example.org").await;
        let me = b.api("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.json()["language"], json!(null), "{}", me.body);
        // Nothing chosen: the browser decides.
        let home = page_in(&mut b, "/home", "es").await;
        assert!(home.body.contains("<html lang=\"es\">"));
        assert!(home.body.contains("Bienvenido(a), Lucía Pérez"), "{}", home.body);

        let r = b.api("PUT", "/api/v1/me/language", Some(&token), Some(json!({"language": "es-US"}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["language"], "es");
        let me = b.api("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.json()["language"], "es");
        // Saved: over the browser's English.
        let home = page_in(&mut b, "/home", "en-US,en").await;
        assert!(home.body.contains("<html lang=\"es\">"), "{}", home.body);
        let checkin = page_in(&mut b, "/checkin", "en").await;
        assert!(checkin.body.contains("<h1>Registro diario</h1>"), "{}", checkin.body);
        assert!(checkin.body.contains("La tomé como me la recetaron"));

        let bad = b.api("PUT", "/api/v1/me/language", Some(&token), Some(json!({"language": "de"}))).await;
        assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("language")));

        // The account page sets it too; empty follows the browser again.
        let r = b.submit("/account", "/account/language", &[("language", "")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/account?done=language"));
        let account = b.get("/account?done=language").await;
        assert!(account.body.contains("<html lang=\"en\">"));
        assert!(account.body.contains("Your language is saved."));
        let r = b.submit("/account", "/account/language", &[("language", "es")]).await;
        assert_eq!(r.location(), "/account?done=language");
        let account = b.get("/account?done=language").await;
        assert!(account.body.contains("Tu idioma está guardado."), "{}", account.body);
        let stored = t
            .texts("SELECT language FROM users WHERE id = ?", vec![id(&actor).into()])
            .await;
        assert_eq!(stored, vec![Some("es".to_string())]);
        let events = t
            .count("audit_events WHERE action = 'account.language_set'", vec![])
            .await;
        assert_eq!(events, 3);
    }

    async fn the_questionnaires_in_spanish(t: &TestDb) {
        let mut b = Browser::new(t);
        let r = b.api("GET", "/api/v1/instruments/phq9?lang=es", None, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        assert_eq!(v["language"], "es");
        assert_eq!(v["items"][0]["text"], "Poco interés o placer en hacer cosas");
        assert_eq!(v["items"][0]["answers"][0], json!({"value": 0, "label": "Ningún día"}));
        assert_eq!(v["items"].as_array().unwrap().len(), 9);
        assert_eq!(v["unscored_items"][0]["number"], 10);
        assert_eq!(v["unscored_items"][0]["answers"][3]["label"], "Extremadamente difícil");
        let gad7 = b.api("GET", "/api/v1/instruments/gad7?lang=es-MX", None, None).await.json();
        assert_eq!(gad7["items"][3]["text"], "Ha tenido dificultad para relajarse");
        let who5 = b.api("GET", "/api/v1/instruments/who5?lang=es", None, None).await.json();
        assert_eq!(who5["items"][0]["answers"][0], json!({"value": 5, "label": "Todo el tiempo"}));
        // English by default, and where there is no translation.
        let en = b.api("GET", "/api/v1/instruments/phq9", None, None).await.json();
        assert_eq!((en["language"].clone(), en["items"][0]["text"].clone()), (json!("en"), json!("Little interest or pleasure in doing things")));
        let de = b.api("GET", "/api/v1/instruments/gad7?lang=de", None, None).await.json();
        assert_eq!(de["language"], "en");
        let fibser = b.api("GET", "/api/v1/instruments/fibser?lang=es", None, None).await.json();
        assert_eq!(fibser["language"], "en");
        let none = b.api("GET", "/api/v1/instruments/beck?lang=es", None, None).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
    }

    async fn answers_are_numbers_with_their_language(t: &TestDb) {
        let (mut b, actor, token) = signed_in(t, "Ana Lima", "ana@example.org").await;
        let answers = json!([1, 1, 0, 1, 0, 0, 1, 0, 0]);
        let r = b.api("POST", "/api/v1/measures", Some(&token), Some(json!({"instrument": "phq9", "answers": answers, "difficulty": 1, "language": "es-US"}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = b.api("POST", "/api/v1/measures", Some(&token), Some(json!({"instrument": "phq9", "answers": answers, "difficulty": 1}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let bad = b.api("POST", "/api/v1/measures", Some(&token), Some(json!({"instrument": "phq9", "answers": answers, "difficulty": 1, "language": "not a tag"}))).await;
        assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("language")));

        // The page in Spanish: the form's words, and "es" stored with the numbers.
        let form = page_in(&mut b, "/measures/phq9", "es").await;
        assert!(form.body.contains("<html lang=\"es\">"));
        assert!(form.body.contains("Se ha sentido decaído(a), deprimido(a) o sin esperanzas"), "{}", form.body);
        assert!(form.body.contains("Más de la mitad de los días"));
        assert!(form.body.contains("<input type=\"hidden\" name=\"language\" value=\"es\">"));
        let csrf = form.csrf();
        let mut fields: Vec<(String, String)> = (0..9).map(|i| (format!("answers[{i}]"), "0".to_string())).collect();
        fields.push(("difficulty".into(), "0".into()));
        fields.push(("csrf".into(), csrf));
        // As the form sends it: the language it was shown in.
        fields.push(("language".into(), "es".into()));
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = b.post_form("/measures/phq9", &pairs).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        let stored = t
            .texts("SELECT language FROM measures WHERE client_id = ? ORDER BY taken_at, id", vec![id(&actor).into()])
            .await;
        let mut stored: Vec<Option<String>> = stored;
        stored.sort();
        assert_eq!(stored, vec![None, Some("es".into()), Some("es-US".into())]);
        // One series whatever the language: the same numbers.
        let series = b.api("GET", &format!("/api/v1/clients/{}/measures?instrument=phq9", id(&actor)), Some(&token), None).await.json();
        assert_eq!(series.as_array().unwrap().len(), 3);

        let fhir = b.api("GET", &format!("/api/v1/clients/{}/fhir", id(&actor)), Some(&token), None).await;
        assert_eq!(fhir.status, StatusCode::OK, "{}", fhir.body);
        let v = fhir.json();
        let languages: Vec<String> = v["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["resource"]["resourceType"] == "QuestionnaireResponse")
            .filter_map(|e| e["resource"]["language"].as_str().map(str::to_string))
            .collect();
        let mut languages = languages;
        languages.sort();
        assert_eq!(languages, vec!["es".to_string(), "es-US".to_string()]);
    }

    async fn a_session_speaks_to_the_client_in_tu_and_to_the_clinician_in_usted(t: &TestDb) {
        let (mut b, lucia, _) = signed_in(t, "Lucía Pérez", "lucia@example.org").await;
        let app = b.app(t);
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        assign(&app, &admin.actor, lucia.user_id, lena.actor.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        let new = NewSessions {
            clients: vec![lucia.user_id],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Consultorio 2".into(),
            first: Some(local("2026-11-25 18:00")),
            minutes: Some(50),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        };
        let session = schedule(&app, &lena.actor, new).await.unwrap()[0];
        request_reschedule(&app, &lucia, session, "Trabajo hasta tarde").await.unwrap();
        let path = format!("/sessions/{session}");

        // The client's history: "Tú pediste", never "Usted pidió".
        let page = page_in(&mut b, &path, "es").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("<strong translate=\"no\">Tú</strong> pediste otra hora"), "{}", page.body);
        assert!(!page.body.contains("Usted"), "{}", page.body);
        let en = page_in(&mut b, &path, "en").await;
        assert!(en.body.contains("<strong translate=\"no\">You</strong> asked for another time"), "{}", en.body);

        // The clinician reads who asked, in the third person.
        let req = Request::get(path.as_str())
            .header(header::COOKIE, format!("rapport_session={}", lena.session))
            .header(header::ACCEPT_LANGUAGE, "es")
            .body(Body::empty())
            .unwrap();
        let hers = b.send(req).await;
        assert_eq!(hers.status, StatusCode::OK, "{}", hers.body);
        assert!(hers.body.contains("<strong translate=\"no\">Lucía Pérez</strong> pidió otra hora"), "{}", hers.body);
    }
}
