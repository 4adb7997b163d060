//! Therapist profiles, licence checks and the public directory (issue 14), on both databases:
//! the store's repository first (save and read a profile, the latest check, who is listed and
//! the change stamp), then the use-cases and the API.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use rapport_app::accounts::{api_login, totp};
use rapport_app::therapists::{
    Filters, LicenceCheck, PAGE_SIZE, clinicians_to_verify, directory, my_profile, public_profile,
    save_my_profile, verify,
};
use rapport_core::therapists::{
    Credential, Format, Jurisdiction, Language, Mode, Profile, Specialty, TherapyApproach,
};
use rapport_store::accounts::users;
use rapport_store::therapists::{
    Verification, directory_version, find_profile, latest_verification, listed,
    record_verification, upsert_profile,
};
use rapport_testkit::asserts::{forbidden, id, invalid_field, not_found};
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use serde_json::json;
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn profile() -> Profile {
    Profile {
        pronouns: Some("she/her".into()),
        gender: None,
        credentials: vec![Credential::Phd],
        years_in_practice: Some(12),
        approaches: vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal],
        formats: vec![Format::Individual],
        modes: vec![Mode::Online, Mode::InPerson],
        location: Some("Oakland, CA".into()),
        jurisdictions: vec![Jurisdiction::parse("US-CA").unwrap()],
        languages: vec![
            Language::parse("en").unwrap(),
            Language::parse("es").unwrap(),
        ],
        specialties: vec![Specialty::TreatmentResistantDepression],
        fee: Some(140),
        sliding_scale: Some(true),
        insurance: Default::default(),
        accepting_new_clients: true,
        availability: Some("Weekday evenings".into()),
        statement: Some("I help people who have tried before.".into()),
    }
    .checked()
    .unwrap()
}

fn licence(on: &str) -> LicenceCheck {
    LicenceCheck {
        licence_number: "PSY 12345".into(),
        issuer: "US-CA".into(),
        checked_on: Some(day(on)),
    }
}

/// `n` clinicians written straight into the store (no password hashing), each with a profile
/// made by `shape(i)` and a licence check by `admin`.
async fn many(t: &TestDb, admin: Uuid, n: usize, shape: impl Fn(usize) -> Profile) -> Vec<Uuid> {
    let c = t.db.conn();
    let now = rapport_testkit::start_time();
    let mut ids = vec![];
    for i in 0..n {
        let id = Uuid::now_v7();
        users::insert(
            c,
            t.db.keys(),
            users::NewUser {
                id,
                email: &format!("therapist{i}@clinic.example"),
                name: &format!("Therapist {i:03}"),
                role: "clinician",
                password_hash: "not-a-hash",
                timezone: "UTC",
                now,
            },
        )
        .await
        .unwrap();
        upsert_profile(c, id, &shape(i), now).await.unwrap();
        record_verification(c, &check(id, admin, "2026-11-01", now))
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

fn check(clinician: Uuid, by: Uuid, on: &str, at: chrono::DateTime<chrono::Utc>) -> Verification {
    Verification {
        id: Uuid::now_v7(),
        clinician_id: clinician,
        licence_number: "PSY 12345".into(),
        issuer: "US-CA".into(),
        checked_on: day(on),
        checked_by: by,
        recorded_at: at,
    }
}

both_backends! {
    async fn the_store_keeps_profiles_checks_and_lists_only_who_may_be_found(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, admin) = (id(&p.lena.actor), id(&p.kofi.actor), id(&p.admin.actor));
        let c = t.db.conn();
        let now = app.now();
        let v0 = directory_version(c).await.unwrap();

        assert_eq!(find_profile(c, lena).await.unwrap(), None);
        upsert_profile(c, lena, &profile(), now).await.unwrap();
        assert_eq!(find_profile(c, lena).await.unwrap(), Some(profile()));
        let changed = Profile { fee: Some(90), ..profile() };
        upsert_profile(c, lena, &changed, now + Duration::seconds(1)).await.unwrap();
        assert_eq!(find_profile(c, lena).await.unwrap(), Some(changed.clone()));
        let v1 = directory_version(c).await.unwrap();
        assert_ne!(v0, v1);
        assert_eq!(v1.profiles, 1);
        // Saved again at the same moment (a clock that did not move): the stamp still moves.
        upsert_profile(c, lena, &changed, now + Duration::seconds(1)).await.unwrap();
        let v1b = directory_version(c).await.unwrap();
        assert_ne!(v1, v1b);
        let v1 = v1b;

        // Not checked yet: not listed.
        assert!(listed(c, t.db.keys()).await.unwrap().is_empty());
        record_verification(c, &check(lena, admin, "2026-11-20", now)).await.unwrap();
        let later = check(lena, admin, "2026-11-25", now + Duration::minutes(1));
        record_verification(c, &later).await.unwrap();
        assert_eq!(latest_verification(c, lena).await.unwrap(), Some(later.clone()));
        assert_eq!(latest_verification(c, kofi).await.unwrap(), None);
        let v2 = directory_version(c).await.unwrap();
        assert_ne!(v1, v2);

        let l = listed(c, t.db.keys()).await.unwrap();
        assert_eq!(l.len(), 1, "one row per clinician, the latest check");
        assert_eq!(l[0].clinician_id, lena);
        assert_eq!(l[0].name, "Dr Lena Okafor");
        assert_eq!(l[0].verified_on, day("2026-11-25"));
        assert_eq!(l[0].profile, changed);

        // Kofi: checked, but not accepting; then accepting.
        let closed = Profile { accepting_new_clients: false, ..profile() };
        upsert_profile(c, kofi, &closed, now).await.unwrap();
        record_verification(c, &check(kofi, admin, "2026-11-21", now)).await.unwrap();
        assert_eq!(listed(c, t.db.keys()).await.unwrap().len(), 1);
        upsert_profile(c, kofi, &profile(), now + Duration::seconds(2)).await.unwrap();
        let l = listed(c, t.db.keys()).await.unwrap();
        assert_eq!(l.len(), 2);
        assert!(l[0].clinician_id < l[1].clinician_id, "ordered by clinician id");

        // A disabled account is never listed, and the stamp changes.
        let v3 = directory_version(c).await.unwrap();
        users::set_disabled(c, kofi, Some(now)).await.unwrap();
        assert_ne!(v3, directory_version(c).await.unwrap());
        let l = listed(c, t.db.keys()).await.unwrap();
        assert_eq!(l.iter().map(|l| l.clinician_id).collect::<Vec<_>>(), vec![lena]);
        assert_eq!(
            rapport_store::therapists::listed_one(c, t.db.keys(), kofi).await.unwrap(),
            None
        );
        assert!(rapport_store::therapists::listed_one(c, t.db.keys(), lena).await.unwrap().is_some());
    }

    async fn a_clinician_saves_their_profile_and_errors_name_the_field(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let lena = &p.lena.actor;
        let none = my_profile(&app, lena).await.unwrap();
        assert!(none.profile.is_none() && none.check.is_none() && !none.listed);

        for (bad, field) in [
            (Profile { credentials: vec![], ..profile() }, "credentials"),
            (Profile { approaches: vec![], ..profile() }, "approaches"),
            (Profile { location: None, ..profile() }, "location"),
            (Profile { jurisdictions: vec![], ..profile() }, "jurisdictions"),
            (Profile { fee: Some(1_000_000), ..profile() }, "fee"),
            (Profile { years_in_practice: Some(200), ..profile() }, "years_in_practice"),
            (Profile { statement: Some("x".repeat(5_000)), ..profile() }, "statement"),
        ] {
            assert_eq!(invalid_field(save_my_profile(&app, lena, bad).await), field);
        }
        assert_eq!(t.count("therapist_profiles", vec![]).await, 0);

        // Clients and administrators have no profile to write.
        assert!(forbidden(save_my_profile(&app, &p.ana.actor, profile()).await));
        assert!(forbidden(save_my_profile(&app, &p.admin.actor, profile()).await));
        assert!(forbidden(my_profile(&app, &p.ana.actor).await));

        let saved = save_my_profile(&app, lena, profile()).await.unwrap();
        assert_eq!(saved.profile, Some(profile()));
        assert!(!saved.listed, "not listed before the licence check");
        // The care-team card's credential follows the profile.
        let phd: Vec<Option<String>> = t
            .texts("SELECT credential FROM clinician_profiles WHERE user_id = ?", vec![id(lena).into()])
            .await;
        assert_eq!(phd, vec![Some("phd".to_string())]);
        assert_eq!(
            t.count("audit_events WHERE action = ? AND actor_id = ?", vec!["therapists.profile_saved".into(), id(lena).into()]).await,
            1
        );
    }

    async fn only_an_administrator_records_a_licence_check(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let lena = id(&p.lena.actor);
        save_my_profile(&app, &p.lena.actor, profile()).await.unwrap();
        assert!(forbidden(verify(&app, &p.lena.actor, lena, licence("2026-11-20")).await));
        assert!(forbidden(verify(&app, &p.ana.actor, lena, licence("2026-11-20")).await));
        assert!(forbidden(clinicians_to_verify(&app, &p.kofi.actor).await));
        let admin = &p.admin.actor;
        assert!(not_found(verify(&app, admin, id(&p.ana.actor), licence("2026-11-20")).await), "a client is no clinician");
        assert!(not_found(verify(&app, admin, Uuid::now_v7(), licence("2026-11-20")).await));
        let e = verify(&app, admin, lena, LicenceCheck { licence_number: " ".into(), ..licence("2026-11-20") }).await;
        assert_eq!(invalid_field(e), "licence_number");
        let e = verify(&app, admin, lena, LicenceCheck { issuer: "".into(), ..licence("2026-11-20") }).await;
        assert_eq!(invalid_field(e), "issuer");
        let e = verify(&app, admin, lena, LicenceCheck { checked_on: None, ..licence("2026-11-20") }).await;
        assert_eq!(invalid_field(e), "checked_on");
        let tomorrow_and_more = (app.now() + Duration::days(2)).date_naive().to_string();
        assert_eq!(invalid_field(verify(&app, admin, lena, licence(&tomorrow_and_more)).await), "checked_on");
        assert_eq!(t.count("clinician_verifications", vec![]).await, 0);

        let v = verify(&app, admin, lena, licence("2026-11-20")).await.unwrap();
        assert_eq!((v.checked_by, v.licence_number.as_str()), (id(admin), "PSY 12345"));
        let mine = my_profile(&app, &p.lena.actor).await.unwrap();
        assert_eq!(mine.check.map(|c| c.checked_on), Some(day("2026-11-20")));
        assert!(mine.listed);
        assert_eq!(
            t.count("audit_events WHERE action = ? AND actor_id = ?", vec!["therapists.verified".into(), id(admin).into()]).await,
            1
        );
        let rows = clinicians_to_verify(&app, admin).await.unwrap();
        assert_eq!(rows.len(), 2, "Lena and Kofi");
        let row = rows.iter().find(|r| r.clinician_id == lena).unwrap();
        assert!(row.listed());
        assert!(!rows.iter().find(|r| r.clinician_id == id(&p.kofi.actor)).unwrap().listed());
    }

    async fn the_directory_lists_only_checked_accepting_active_clinicians_filtered_and_paged(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let admin = id(&p.admin.actor);
        // 45 listed: every third in Spanish, every fifth online only in New York, fees 60..
        let shape = |i: usize| Profile {
            languages: if i.is_multiple_of(3) {
                vec![Language::parse("es-MX").unwrap(), Language::parse("en").unwrap()]
            } else {
                vec![Language::parse("en").unwrap()]
            },
            jurisdictions: if i.is_multiple_of(5) {
                vec![Jurisdiction::parse("US-NY").unwrap()]
            } else {
                vec![Jurisdiction::parse("US-CA").unwrap()]
            },
            modes: if i.is_multiple_of(5) { vec![Mode::Online] } else { vec![Mode::Online, Mode::InPerson] },
            specialties: if i == 7 { vec![Specialty::Perinatal] } else { vec![] },
            approaches: if i.is_multiple_of(2) { vec![TherapyApproach::Cbt] } else { vec![TherapyApproach::Psychodynamic] },
            fee: if i == 44 { None } else { Some(60 + i as u32 * 5) },
            insurance: if i.is_multiple_of(4) { rapport_core::therapists::InsuranceList(vec!["Aetna".into()]) } else { Default::default() },
            ..profile()
        };
        let ids = many(t, admin, 45, &shape).await;
        // Not listed: one without a check, one not accepting, one disabled.
        let c = t.db.conn();
        let now = app.now();
        upsert_profile(c, id(&p.lena.actor), &profile(), now).await.unwrap();
        upsert_profile(c, id(&p.kofi.actor), &Profile { accepting_new_clients: false, ..profile() }, now).await.unwrap();
        record_verification(c, &check(id(&p.kofi.actor), admin, "2026-11-01", now)).await.unwrap();
        users::set_disabled(c, ids[1], Some(now)).await.unwrap();

        let all = Filters::default();
        let first = directory(&app, &all, 1).await.unwrap();
        assert_eq!((first.total, first.items.len(), first.next), (44, PAGE_SIZE, Some(2)));
        let third = directory(&app, &all, 3).await.unwrap();
        assert_eq!((third.items.len(), third.next), (4, None));
        let mut seen: Vec<Uuid> = vec![];
        for page in 1..=3 {
            seen.extend(directory(&app, &all, page).await.unwrap().items.iter().map(|l| l.clinician_id));
        }
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted, "a stable order, by clinician id");
        assert!(!seen.contains(&ids[1]) && !seen.contains(&id(&p.lena.actor)) && !seen.contains(&id(&p.kofi.actor)));
        assert!(invalid_field(directory(&app, &all, 0).await) == "page");

        let only = |f: Filters| { let app = app.clone(); async move { directory(&app, &f, 1).await.unwrap().total } };
        let spanish = Filters { language: Language::parse("es"), ..Filters::default() };
        assert_eq!(only(spanish).await, 15, "es finds es-MX");
        let ny = Filters { jurisdiction: Jurisdiction::parse("US-NY"), ..Filters::default() };
        assert_eq!(only(ny.clone()).await, 9, "0, 5, …, 40");
        let in_person_ny = Filters { mode: Some(Mode::InPerson), ..ny };
        assert_eq!(only(in_person_ny).await, 0);
        assert_eq!(only(Filters { specialty: Some(Specialty::Perinatal), ..Filters::default() }).await, 1);
        assert_eq!(only(Filters { approach: Some(TherapyApproach::Psychodynamic), ..Filters::default() }).await, 21);
        assert_eq!(only(Filters { max_fee: Some(100), ..Filters::default() }).await, 8, "fees 60..100 less the disabled 65; none stated is left out");
        assert_eq!(only(Filters { insurance: Some(" aetna ".into()), ..Filters::default() }).await, 12);
        assert_eq!(only(Filters { format: Some(Format::Group), ..Filters::default() }).await, 0);

        assert_eq!(public_profile(&app, ids[0]).await.unwrap().name, "Therapist 000");
        assert!(not_found(public_profile(&app, ids[1]).await));
        assert!(not_found(public_profile(&app, id(&p.lena.actor)).await));

        // A change shows at once (the copy in memory is loaded again).
        verify(&app, &p.admin.actor, id(&p.lena.actor), licence("2026-11-20")).await.unwrap();
        assert_eq!(directory(&app, &all, 1).await.unwrap().total, 45);
        // Saves by another process: read again one by one, the rest kept.
        upsert_profile(c, ids[4], &Profile { accepting_new_clients: false, ..shape(4) }, now).await.unwrap();
        assert_eq!(directory(&app, &all, 1).await.unwrap().total, 44);
        upsert_profile(c, ids[4], &Profile { languages: vec![Language::parse("vi").unwrap()], ..shape(4) }, now).await.unwrap();
        let vietnamese = Filters { language: Language::parse("vi"), ..Filters::default() };
        assert_eq!(directory(&app, &vietnamese, 1).await.unwrap().items[0].clinician_id, ids[4]);
        let again = directory(&app, &all, 2).await.unwrap();
        assert_eq!((again.total, again.items.len()), (45, 20));
        rapport_app::admin::disable_account(&app, &p.admin.actor, ids[2], "Left the practice").await.unwrap();
        assert_eq!(directory(&app, &all, 1).await.unwrap().total, 44, "a disabled clinician leaves at once");
    }

    async fn the_api_writes_profiles_records_checks_and_serves_the_public_directory(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let lena = api_login(&app, &p.lena.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.admin.totp_secret, app.now()).unwrap();
        let admin = api_login(&app, &p.admin.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        let ana = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let lena_id = id(&p.lena.actor);

        let r = b.api("GET", "/api/v1/me/profile", Some(&lena), None).await;
        assert_eq!((r.status, r.json()["error"]["code"].clone()), (StatusCode::NOT_FOUND, json!("not_found")));
        let body = json!({
            "pronouns": "she/her",
            "credentials": ["PhD", "psychiatric nurse"],
            "years_in_practice": 12,
            "approaches": ["cbt", "interpersonal"],
            "formats": ["individual"],
            "modes": ["online", "in_person"],
            "location": "Oakland, CA",
            "jurisdictions": ["US-CA"],
            "languages": ["en", "es"],
            "specialties": ["treatment_resistant_depression", "perinatal"],
            "fee": 140,
            "sliding_scale": true,
            "insurance": "Aetna",
            "accepting_new_clients": true,
            "availability": "Weekday evenings",
            "statement": "I help people who have tried before."
        });
        for (field, value) in [
            ("approaches", json!(["yoga"])),
            ("languages", json!(["english"])),
            ("jurisdictions", json!(["California"])),
            ("fee", json!("cheap")),
            ("credentials", json!([])),
            ("location", json!(null)),
        ] {
            let mut bad = body.clone();
            bad[field] = value;
            let r = b.api("PUT", "/api/v1/me/profile", Some(&lena), Some(bad)).await;
            assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!(field)), "{field}: {}", r.body);
        }
        let mut missing = body.clone();
        missing.as_object_mut().unwrap().remove("accepting_new_clients");
        let r = b.api("PUT", "/api/v1/me/profile", Some(&lena), Some(missing)).await;
        assert_eq!(r.json()["error"]["field"], "accepting_new_clients", "{}", r.body);
        let r = b.api("PUT", "/api/v1/me/profile", Some(&ana), Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let r = b.api("PUT", "/api/v1/me/profile", Some(&lena), Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let saved = r.json();
        assert_eq!(saved["credentials"], json!(["phd", "psychiatric_nurse"]));
        assert_eq!(saved["insurance"], json!(["Aetna"]));
        assert_eq!((saved["verification"].clone(), saved["listed"].clone()), (json!(null), json!(false)));
        let r = b.api("GET", "/api/v1/me/profile", Some(&lena), None).await;
        assert_eq!(r.json()["statement"], "I help people who have tried before.");

        // Not listed yet.
        let r = b.api("GET", "/api/v1/therapists", None, None).await;
        assert_eq!((r.status, r.json()["items"].clone()), (StatusCode::OK, json!([])));
        let one = format!("/api/v1/therapists/{lena_id}");
        assert_eq!(b.api("GET", &one, None, None).await.status, StatusCode::NOT_FOUND);

        let verify_path = format!("/api/v1/admin/clinicians/{lena_id}/verify");
        let check = json!({"licence_number": "PSY 12345", "issuer": "US-CA", "checked_on": "2026-11-20"});
        assert_eq!(b.api("POST", &verify_path, Some(&lena), Some(check.clone())).await.status, StatusCode::FORBIDDEN);
        let r = b.api("POST", &verify_path, Some(&admin), Some(json!({"licence_number": "PSY 1", "issuer": "US-CA", "checked_on": "20/11/2026"}))).await;
        assert_eq!(r.json()["error"]["field"], "checked_on");
        let r = b.api("POST", &format!("/api/v1/admin/clinicians/{}/verify", id(&p.ana.actor)), Some(&admin), Some(check.clone())).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = b.api("POST", &verify_path, Some(&admin), Some(check)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

        let r = b.api("GET", "/api/v1/me/profile", Some(&lena), None).await;
        assert_eq!(r.json()["verification"], json!({"checked_on": "2026-11-20", "issuer": "US-CA"}));
        assert!(!r.body.contains("PSY 12345"), "the licence number stays with the administrator");

        let r = b.api("GET", "/api/v1/therapists?language=es&jurisdiction=us-ca&specialty=perinatal&max_fee=150&insurance=aetna&mode=online&format=individual&approach=cbt", None, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let items = r.json()["items"].clone();
        assert_eq!(items.as_array().unwrap().len(), 1, "{}", r.body);
        assert_eq!(items[0]["clinician_id"], json!(lena_id.to_string()));
        assert_eq!(items[0]["name"], "Dr Lena Okafor");
        assert_eq!(items[0]["licence_checked_on"], "2026-11-20");
        assert_eq!(items[0]["accepting_new_clients"], true);
        assert!(r.json().get("next").is_none_or(|n| n.is_null()));
        assert!(!r.body.contains("PSY 12345"));
        let r = b.api("GET", "/api/v1/therapists?max_fee=100", None, None).await;
        assert_eq!(r.json()["items"], json!([]));
        for (query, field) in [("approach=yoga", "approach"), ("approach=", "approach"), ("approach=CBT", "approach"), ("mode=carrier_pigeon", "mode"), ("language=english", "language"), ("jurisdiction=California", "jurisdiction"), ("max_fee=lots", "max_fee"), ("page=0", "page"), ("specialty=x", "specialty"), ("format=duo", "format")] {
            let r = b.api("GET", &format!("/api/v1/therapists?{query}"), None, None).await;
            assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!(field)), "{query}");
        }
        let r = b.api("GET", &one, None, None).await;
        assert_eq!((r.status, r.json()["statement"].clone()), (StatusCode::OK, json!("I help people who have tried before.")));
        assert!(!r.body.contains("PSY 12345"));

        // Not accepting: gone from the directory.
        let mut closed = body.clone();
        closed["accepting_new_clients"] = json!(false);
        b.api("PUT", "/api/v1/me/profile", Some(&lena), Some(closed)).await;
        assert_eq!(b.api("GET", &one, None, None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(b.api("GET", "/api/v1/therapists", None, None).await.json()["items"], json!([]));
    }

    async fn the_pages_edit_check_and_show_the_directory(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let lena_id = id(&p.lena.actor);
        b.cookies.insert("rapport_session".into(), p.lena.session.clone());
        let r = b.get("/me/profile").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("not yet checked by the practice") || r.body.contains("Not yet checked by the practice"));
        // An error keeps what was typed and names the field.
        let r = b.submit("/me/profile", "/me/profile", &[
            ("credentials", "lcsw"), ("approaches", "cbt"), ("formats", "individual"), ("modes", "in_person"),
            ("location", ""), ("jurisdictions", "US-CA"), ("languages", "en, vi"), ("statement", "Kestrel statement"),
            ("accepting_new_clients", "on"),
        ]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#location\"") && r.body.contains("Kestrel statement") && r.body.contains("en, vi"), "{}", r.body);
        let r = b.submit("/me/profile", "/me/profile", &[
            ("credentials", "lcsw"), ("approaches", "cbt"), ("formats", "individual"), ("modes", "in_person"),
            ("location", "Oakland, CA"), ("jurisdictions", "California"), ("languages", "en, vi"),
            ("accepting_new_clients", "on"),
        ]).await;
        assert!(r.body.contains("href=\"#jurisdictions\""), "{}", r.body);
        let r = b.submit("/me/profile", "/me/profile", &[
            ("credentials", "lcsw"), ("approaches", "cbt"), ("formats", "individual"), ("modes", "in_person"),
            ("location", "Oakland, CA"), ("jurisdictions", "US-CA"), ("languages", "en, vi"), ("statement", "Kestrel statement"),
            ("accepting_new_clients", "on"), ("fee", "90"),
        ]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/me/profile?done=saved"));

        b.cookies.insert("rapport_session".into(), p.admin.session.clone());
        let r = b.get("/admin/clinicians").await;
        assert!(r.body.contains("Dr Lena Okafor") && r.body.contains("Licence not checked"), "{}", r.body);
        let path = format!("/admin/clinicians/{lena_id}/verify");
        let r = b.submit("/admin/clinicians", &path, &[("licence_number", ""), ("issuer", "US-CA"), ("checked_on", "2026-11-20")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains(&format!("href=\"#licence_number-{lena_id}\"")), "{}", r.body);
        let r = b.submit("/admin/clinicians", &path, &[("licence_number", "LCSW 778"), ("issuer", "US-CA"), ("checked_on", "2026-11-20")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/admin/clinicians?done=verified"));

        b.cookies.clear();
        let r = b.get("/therapists?language=vi").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Dr Lena Okafor") && r.body.contains("Licence checked on 20 Nov 2026"), "{}", r.body);
        assert!(r.body.contains(&format!("/consultations/new?clinician={lena_id}")) && r.body.contains("href=\"/find\""));
        assert!(!r.body.contains("LCSW 778"));
        let r = b.get("/therapists?language=vi&specialty=perinatal").await;
        assert!(r.body.contains("No therapists match") && r.body.contains("/therapists?language=vi") && r.body.contains("href=\"/crisis\""), "{}", r.body);
        let r = b.get("/therapists?approach=yoga").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#approach\"") && r.body.contains("Choose one from the list."), "{}", r.body);
        let r = b.api("GET", "/api/v1/therapists?approach=yoga", None, None).await;
        assert!(r.json()["error"]["message"].as_str().is_some_and(|m| m.starts_with("Unknown word `yoga`: use one of")), "{}", r.body);
        let r = b.get(&format!("/therapists/{lena_id}")).await;
        assert!(r.body.contains("Kestrel statement") && r.body.contains("Ask for a consultation"));
        assert_eq!(b.get(&format!("/therapists/{}", id(&p.kofi.actor))).await.status, StatusCode::NOT_FOUND);
    }

    async fn seeding_therapists_writes_a_listed_directory(t: &TestDb) {
        let (app, _clock) = t.app();
        let options = rapport_demo::seed::SeedOptions {
            clients: 0,
            clinicians: 1,
            days: 1,
            // Above the size at which the directory is read on several threads.
            therapists: 5_000,
            ..rapport_demo::seed::SeedOptions::new(0)
        };
        let report = rapport_demo::seed::seed(&app, options, |_| {}).await.unwrap();
        assert_eq!(report.rows_of("therapist_profiles"), 5_000);
        assert_eq!(report.rows_of("clinician_verifications"), 5_000);
        let all = directory(&app, &Filters::default(), 1).await.unwrap();
        assert_eq!((all.total, all.next), (5_000, Some(2)));
        let ids: Vec<Uuid> = rapport_store::therapists::listed(t.db.conn(), t.db.keys())
            .await
            .unwrap()
            .iter()
            .map(|l| l.clinician_id)
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "in clinician id order, each once, across the threads");
        let spanish = Filters { language: Language::parse("es"), ..Filters::default() };
        let es = directory(&app, &spanish, 1).await.unwrap().total;
        assert!((100..2_000).contains(&es), "{es} speak Spanish");
        let first = &all.items[0];
        assert!(first.profile.accepting_new_clients && first.name.contains(' '));
    }

}
