//! Matching (issue 14, items 3, 5, 6 and 7) through the use-case and `POST /api/v1/match`, on
//! both databases: only listed clinicians, the hard filters, 422s that name the field, the
//! intake feeding earlier therapy, an earlier therapist offered first, the current therapist
//! left out when switching, the nothing-matches answer, and the audit of a client's run.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use rapport_app::accounts::api_login;
use rapport_app::matching::find_matches;
use rapport_app::{App, care_teams, intake, sessions};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::intake::Intake;
use rapport_core::matching::{Missing, Request};
use rapport_core::plans::approach::EarlierTherapy;
use rapport_core::therapists::{
    Credential, Format, Jurisdiction, Language, Mode, Profile, Specialty, TherapyApproach,
};
use rapport_store::therapists::{Verification, record_verification, upsert_profile};
use rapport_testkit::asserts::id;
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice, staff};
use serde_json::{Value, json};
use uuid::Uuid;

fn place(s: &str) -> Jurisdiction {
    Jurisdiction::parse(s).unwrap()
}

fn lang(s: &str) -> Language {
    Language::parse(s).unwrap()
}

/// Lena: California, online, English and Spanish, treatment-resistant depression, 140 with a
/// sliding scale.
fn lena_profile() -> Profile {
    Profile {
        pronouns: None,
        gender: None,
        credentials: vec![Credential::Phd],
        years_in_practice: Some(12),
        approaches: vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal],
        formats: vec![Format::Individual],
        modes: vec![Mode::Online],
        location: None,
        jurisdictions: vec![place("US-CA")],
        languages: vec![lang("en"), lang("es")],
        specialties: vec![Specialty::TreatmentResistantDepression],
        fee: Some(140),
        sliding_scale: Some(true),
        insurance: Default::default(),
        accepting_new_clients: true,
        availability: None,
        statement: None,
    }
}

/// Kofi: New York and California, in person only, English, psychodynamic, 200, no sliding
/// scale.
fn kofi_profile() -> Profile {
    Profile {
        credentials: vec![Credential::Lcsw],
        approaches: vec![TherapyApproach::Psychodynamic],
        modes: vec![Mode::InPerson],
        location: Some("Brooklyn, NY".into()),
        jurisdictions: vec![place("US-CA"), place("US-NY")],
        languages: vec![lang("en")],
        specialties: vec![Specialty::Grief],
        fee: Some(200),
        sliding_scale: Some(false),
        ..lena_profile()
    }
}

async fn list(t: &TestDb, app: &App, clinician: Uuid, by: Uuid, p: &Profile, verify: bool) {
    let c = t.db.conn();
    upsert_profile(c, clinician, &p.clone().checked().unwrap(), app.now())
        .await
        .unwrap();
    if verify {
        record_verification(
            c,
            &Verification {
                id: Uuid::now_v7(),
                clinician_id: clinician,
                licence_number: "LIC 1".into(),
                issuer: "US-CA".into(),
                checked_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                checked_by: by,
                recorded_at: app.now(),
            },
        )
        .await
        .unwrap();
    }
}

struct Setup {
    lena: Uuid,
    kofi: Uuid,
    mara: Uuid,
    p: rapport_testkit::Practice,
}

/// Lena and Kofi listed; Mara has a profile but no licence check (not listed).
async fn setup(t: &TestDb, app: &App) -> Setup {
    let p = practice(app).await;
    let mara = staff(app, Role::Clinician, "Mara Quill", "mara@clinic.example").await;
    let admin = id(&p.admin.actor);
    let (lena, kofi, mara) = (id(&p.lena.actor), id(&p.kofi.actor), id(&mara.actor));
    list(t, app, lena, admin, &lena_profile(), true).await;
    list(t, app, kofi, admin, &kofi_profile(), true).await;
    list(t, app, mara, admin, &lena_profile(), false).await;
    Setup {
        lena,
        kofi,
        mara,
        p,
    }
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["clinician_id"].as_str().unwrap().to_string())
        .collect()
}

both_backends! {
    async fn the_api_matches_only_listed_clinicians_and_keeps_the_hard_filters(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let s = setup(t, &app).await;
        let (lena, kofi, mara) = (s.lena.to_string(), s.kofi.to_string(), s.mara.to_string());

        let r = b.api("POST", "/api/v1/match", None, Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let all = ids(&r.json());
        assert!(all.contains(&lena) && all.contains(&kofi), "{all:?}");
        assert!(!all.contains(&mara), "not verified: not listed");
        let first = &r.json()["results"][0];
        assert_eq!(first["profile_url"], format!("/therapists/{}", first["clinician_id"].as_str().unwrap()));
        assert!(first["name"].is_string() && first["credentials"].is_array());
        assert!(r.json().get("widen").is_none() && r.json().get("resources").is_none());

        let only = |body: Value| {
            let mut b2 = Browser::new(t);
            async move { ids(&b2.api("POST", "/api/v1/match", None, Some(body)).await.json()) }
        };
        assert_eq!(only(json!({"jurisdiction": "US-NY"})).await, vec![kofi.clone()]);
        assert_eq!(only(json!({"mode": "online"})).await, vec![lena.clone()]);
        assert_eq!(only(json!({"language": "es-MX"})).await, vec![lena.clone()]);
        // Over budget: Lena's sliding scale lets her through, Kofi's 200 does not.
        assert_eq!(only(json!({"max_fee": 120})).await, vec![lena.clone()]);
        let r = b.api("POST", "/api/v1/match", None, Some(json!({"max_fee": 120}))).await;
        assert!(r.json()["results"][0]["concerns"].as_array().unwrap().iter()
            .any(|c| c == "Usual fee 140, above your 120; offers a sliding scale"), "{}", r.body);

        // The reasons say why.
        let r = b.api("POST", "/api/v1/match", None, Some(json!({
            "earlier_courses": 2, "missing": ["did_not_address_my_past"]
        }))).await;
        let v = r.json();
        let lena_row = v["results"].as_array().unwrap().iter()
            .find(|x| x["clinician_id"] == lena.as_str()).unwrap();
        assert!(lena_row["reasons"][0].as_str().unwrap().starts_with(
            "Works with depression that has not lifted with earlier treatment — you have had two courses"
        ), "{lena_row}");
        let kofi_row = v["results"].as_array().unwrap().iter()
            .find(|x| x["clinician_id"] == kofi.as_str()).unwrap();
        assert!(kofi_row["reasons"].as_array().unwrap().iter()
            .any(|x| x.as_str().unwrap().starts_with("Offers psychodynamic therapy: ")), "{kofi_row}");

        // 422 names the field.
        for (body, field) in [
            (json!({"phq9_total": 40}), "phq9_total"),
            (json!({"earlier_courses": 51}), "earlier_courses"),
            (json!({"missing": ["boring"]}), "missing"),
            (json!({"mode": "carrier_pigeon"}), "mode"),
            (json!({"jurisdiction": "California"}), "jurisdiction"),
        ] {
            let r = b.api("POST", "/api/v1/match", None, Some(body)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
            assert_eq!(r.json()["error"]["field"], field, "{}", r.body);
        }
        let r = b.api("POST", "/api/v1/match", None, Some(json!({"missing": ["boring"]}))).await;
        assert!(r.body.contains("too_unstructured"), "the words to use: {}", r.body);
        // A bad token is refused rather than ignored.
        let r = b.api("POST", "/api/v1/match", Some("nonsense"), Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }

    async fn nothing_matches_says_so_widens_and_points_to_help(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        setup(t, &app).await;
        let r = b.api("POST", "/api/v1/match", None, Some(json!({
            "jurisdiction": "US-TX", "mode": "online", "max_fee": 50
        }))).await;
        assert_eq!(r.status, StatusCode::OK);
        let v = r.json();
        assert_eq!(v["results"], json!([]));
        let steps: Vec<&str> = v["widen"].as_array().unwrap().iter()
            .map(|s| s["step"].as_str().unwrap()).collect();
        assert_eq!(steps, vec!["mode", "budget", "jurisdiction"]);
        assert!(v["widen"][2]["message"].as_str().unwrap().contains("Licence rules"));
        let resources = v["resources"].as_array().unwrap();
        assert!(resources.iter().any(|x| x["phone"] == "1-800-662-4357"));
        assert!(resources.iter().any(|x| x["href"] == "https://findtreatment.gov/"));
        assert!(resources.iter().any(|x| x["href"] == "/crisis"));
        // A visitor's run leaves nothing behind.
        assert_eq!(t.count("audit_events WHERE action = 'matching.run'", vec![]).await, 0);
    }

    async fn the_intake_feeds_earlier_therapy_and_the_run_is_audited(t: &TestDb) {
        let (app, _clock) = t.app();
        let s = setup(t, &app).await;
        let ana = &s.p.ana.actor;
        let answers = Intake {
            had_therapy: Some(true),
            earlier_kinds: vec![EarlierTherapy::Cbt, EarlierTherapy::Interpersonal],
            ..Intake::default()
        };
        intake::save_intake(&app, ana, ana.user_id, answers, false).await.unwrap();
        let m = find_matches(&app, Some(ana), Request::default()).await.unwrap();
        assert_eq!(m.request.earlier_courses, 2);
        // Two courses before: what was tried is steered away from.
        assert_eq!(m.request.earlier_approaches, vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal]);
        let m = find_matches(&app, Some(ana), Request {
            missing: vec![Missing::NoProgress],
            ..Request::default()
        }).await.unwrap();
        assert_eq!(m.request.earlier_approaches, vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal]);
        // Kofi offers what Ana has not tried; Lena is the treatment-resistance specialist.
        let kofi = m.results.iter().find(|r| r.clinician_id == s.kofi).unwrap();
        assert!(kofi.reasons.iter().any(|r| r.to_string() == "Offers an approach different from what you tried before"), "{kofi:?}");
        let lena = m.results.iter().find(|r| r.clinician_id == s.lena).unwrap();
        assert!(lena.concerns.iter().any(|c| c.to_string() == "Lists only approaches you have tried before"));
        // What the request says wins over the intake.
        let m = find_matches(&app, Some(ana), Request { earlier_courses: 5, ..Request::default() }).await.unwrap();
        assert_eq!(m.request.earlier_courses, 5);

        // The /find form starts from the intake (audited as such, without answers).
        let pre = rapport_app::matching::prefill(&app, Some(ana)).await.unwrap();
        assert_eq!(pre.earlier_courses, 2);
        assert_eq!(rapport_app::matching::prefill(&app, None).await.unwrap(), Request::default());
        assert_eq!(
            t.count("audit_events WHERE action = 'matching.prefilled' AND detail IS NULL", vec![]).await,
            1
        );

        let runs = t.texts(
            "SELECT detail FROM audit_events WHERE action = 'matching.run' AND client_id = ?",
            vec![ana.user_id.into()],
        ).await;
        assert_eq!(runs.len(), 3, "each signed-in run is audited");
        assert!(runs.iter().all(Option::is_none), "no answers in the audit detail");
    }

    async fn an_earlier_therapist_is_offered_first_when_they_were_not_the_problem(t: &TestDb) {
        let (app, _clock) = t.app();
        let s = setup(t, &app).await;
        let (admin, bo) = (&s.p.admin.actor, &s.p.bo.actor);
        care_teams::assign(&app, admin, bo.user_id, s.kofi, CareTeamRole::PrimaryTherapist).await.unwrap();
        care_teams::end_membership(&app, admin, bo.user_id, s.kofi).await.unwrap();

        let back = Request { therapist_was_the_problem: Some(false), ..Request::default() };
        let m = find_matches(&app, Some(bo), back.clone()).await.unwrap();
        assert_eq!(m.earlier_therapists.len(), 1);
        assert_eq!(m.earlier_therapists[0].clinician_id, s.kofi);
        assert_eq!(m.earlier_therapists[0].name, "Kofi Mensah");
        assert!(m.earlier_therapists[0].reasons[0].to_string().starts_with("You worked with Kofi Mensah before"));
        assert!(m.results.iter().all(|r| r.clinician_id != s.kofi), "offered first, not twice");

        let m = find_matches(&app, Some(bo), Request { therapist_was_the_problem: Some(true), ..back.clone() }).await.unwrap();
        assert!(m.earlier_therapists.is_empty());
        assert!(m.results.iter().any(|r| r.clinician_id == s.kofi));
        // A visitor has no history.
        assert!(find_matches(&app, None, back).await.unwrap().earlier_therapists.is_empty());
    }

    async fn switching_leaves_the_current_therapist_out_and_says_so(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let s = setup(t, &app).await;
        let ana = &s.p.ana.actor;
        let m = find_matches(&app, Some(ana), Request::default()).await.unwrap();
        assert!(m.results.iter().any(|r| r.clinician_id == s.lena));
        assert!(!m.left_out_current);

        sessions::request_other_therapist(&app, ana, "").await.unwrap();
        let m = find_matches(&app, Some(ana), Request::default()).await.unwrap();
        assert!(m.left_out_current);
        assert!(m.results.iter().all(|r| r.clinician_id != s.lena), "Lena is Ana's therapist now");
        assert!(m.results.iter().any(|r| r.clinician_id == s.kofi));

        // Over the API with Ana's token.
        b.clock.advance(Duration::seconds(30));
        let token = api_login(&app, &s.p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let r = b.api("POST", "/api/v1/match", Some(&token), Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["left_out_current"], true);
        assert!(!ids(&r.json()).contains(&s.lena.to_string()));
    }

    async fn the_find_page_asks_by_post_shows_reasons_and_widens(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        setup(t, &app).await;
        let home = b.get("/").await;
        assert!(home.body.contains("href=\"/find\""), "the home page links to /find");
        let page = b.get("/find").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("method=\"post\" action=\"/find#results\""));

        let r = b.submit("/find", "/find", &[
            ("earlier_courses", "2"), ("missing", "did_not_address_my_past"),
            ("jurisdiction", "US-CA"), ("what_helped", "Walking with Pellinore"),
        ]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Dr Lena Okafor") && r.body.contains("Kofi Mensah"));
        assert!(r.body.contains("Works with depression that has not lifted"));
        assert!(r.body.contains("action=\"/consultations/new\""));
        assert!(r.body.contains("Walking with Pellinore"), "what was typed comes back");
        assert_eq!(t.count("audit_events WHERE detail LIKE '%Pellinore%'", vec![]).await, 0);

        let r = b.submit("/find", "/find", &[("phq9_total", "lots"), ("jurisdiction", "US-CA")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#phq9_total\""), "the summary names the field");
        assert!(r.body.contains("value=\"US-CA\""), "other answers kept");

        // Nothing matches in Texas; widening drops the place only, keeping the rest.
        let r = b.submit("/find", "/find", &[("jurisdiction", "US-TX"), ("mode", "online")]).await;
        assert!(r.body.contains("No therapist here fits all of that"), "{}", r.body);
        assert!(r.body.contains("1-800-662-4357") && r.body.contains("href=\"/crisis\""));
        assert!(r.body.contains("name=\"drop\" value=\"jurisdiction\""));
        let r = b.submit("/find", "/find", &[("jurisdiction", "US-TX"), ("mode", "online"), ("drop", "jurisdiction")]).await;
        assert!(r.body.contains("Dr Lena Okafor"), "{}", r.body);
        assert!(!r.body.contains("Kofi Mensah"), "still online only");
    }
}
