//! Observations (issue 15, part 2) through the use-cases, the API and the pages, on both
//! databases: a family member reports with the `observations` scope and is refused without
//! it, after a revoke, and for another client; the warning-signs flag counts a family
//! member's day like the client's own (CLINICAL.md "warning signs": each day once, whoever
//! reported it); a hidden observation disappears for the client only; probes of another
//! client's observations are refused.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::App;
use rapport_app::accounts::{api_login, check_password, totp};
use rapport_app::measures::{NewCheckin, submit_checkin};
use rapport_app::observations::{NewObservation, hide, observations_of, report, report_form};
use rapport_store::checkins::{self, WarningSign};
use rapport_store::consents::{self};
use rapport_testkit::asserts::{forbidden, id, invalid_field};
use rapport_testkit::browser::Browser;
use rapport_testkit::family::{family_member, grant};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use serde_json::json;
use uuid::Uuid;

const NOTE: &str = "Quorvath: she stayed in bed all Sunday";

async fn revoke(t: &TestDb, app: &App, consent: Uuid) {
    consents::revoke(t.db.conn(), consent, app.now())
        .await
        .unwrap();
}

/// One of the client's own warning signs.
async fn add_sign(t: &TestDb, app: &App, client_id: Uuid, label: &str) -> Uuid {
    let sign = WarningSign {
        id: Uuid::new_v4(),
        client_id,
        label: label.into(),
    };
    let tx = t.db.write().await.unwrap();
    checkins::add_sign(tx.conn(), tx.keys(), &sign, app.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    sign.id
}

fn noticed(signs: &[Uuid], note: Option<&str>) -> NewObservation {
    NewObservation {
        warning_signs: signs.iter().map(Uuid::to_string).collect(),
        note: note.map(str::to_string),
    }
}

fn ticking(sign: Uuid) -> NewCheckin {
    NewCheckin {
        mood: Some(6),
        sleep_hours: Some(7.5),
        medication: Some("taken".into()),
        warning_signs: vec![sign.to_string()],
        ..NewCheckin::default()
    }
}

async fn warning_flags(t: &TestDb, client: Uuid) -> i64 {
    t.count(
        "flags WHERE client_id = ? AND kind = 'warning_signs'",
        vec![client.into()],
    )
    .await
}

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    t.count(
        "audit_events WHERE action = ? AND outcome = ?",
        vec![action.into(), outcome.into()],
    )
    .await
}

both_backends! {
    async fn reporting_needs_the_scope_and_the_clients_own_signs(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        let withdrawn = add_sign(t, &app, ana, "Withdrawing from friends").await;
        let sleep = add_sign(t, &app, ana, "Sleeping all day").await;
        let bos = add_sign(t, &app, bo, "Skipping meals").await;
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;

        // Without the scope, or with another scope only: refused, and the refusal audited.
        assert!(forbidden(report(&app, &marta, ana, noticed(&[withdrawn], None)).await));
        grant(t, &app, ana, &marta, "warning_signs").await;
        assert!(forbidden(report(&app, &marta, ana, noticed(&[withdrawn], None)).await));
        assert!(forbidden(report_form(&app, &marta, ana).await));
        assert_eq!(audited(t, "observation.reported", "denied").await, 2);
        let consent = grant(t, &app, ana, &marta, "observations").await;

        // The form shows Ana's signs in her words and her first name.
        let form = report_form(&app, &marta, ana).await.unwrap();
        assert_eq!(form.client_first_name, "Ana");
        assert_eq!(form.signs.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["Withdrawing from friends", "Sleeping all day"]);

        // Errors name the field or the item; nothing is kept.
        assert_eq!(invalid_field(report(&app, &marta, ana, noticed(&[], None)).await), "warning_signs");
        assert_eq!(invalid_field(report(&app, &marta, ana, noticed(&[], Some("  "))).await), "warning_signs");
        assert_eq!(invalid_field(report(&app, &marta, ana, noticed(&[withdrawn, bos], None)).await), "warning_signs[1]", "Bo's sign is not Ana's");
        assert_eq!(invalid_field(report(&app, &marta, ana, NewObservation { warning_signs: vec!["nope".into()], note: None }).await), "warning_signs[0]");
        assert_eq!(invalid_field(report(&app, &marta, ana, noticed(&[withdrawn], Some(&"a".repeat(501)))).await), "note");
        assert_eq!(t.count("observations", vec![]).await, 0);

        // With the scope: stored, the note sealed, and a clinician will see it (Lena).
        let r = report(&app, &marta, ana, noticed(&[withdrawn, sleep, withdrawn], Some(NOTE))).await.unwrap();
        assert!(r.clinician_will_see);
        assert_eq!(r.observation.warning_signs.len(), 2, "a sign ticked twice counts once");
        assert_eq!(r.observation.note.as_deref(), Some(NOTE));
        let raw = t.texts("SELECT note FROM observations", vec![]).await;
        assert!(raw.iter().all(|n| n.as_deref().is_some_and(|n| n.starts_with("v1:") && !n.contains("Quorvath"))));
        assert_eq!(audited(t, "observation.reported", "ok").await, 1);
        // A note alone is enough.
        report(&app, &marta, ana, noticed(&[], Some("Quiet at dinner"))).await.unwrap();

        // Another client who gave Marta nothing: refused.
        assert!(forbidden(report(&app, &marta, bo, noticed(&[bos], None)).await));
        // Nor may the client, a clinician or the administrator report as family.
        assert!(forbidden(report(&app, &p.ana.actor, ana, noticed(&[withdrawn], None)).await));
        assert!(forbidden(report(&app, &p.lena.actor, ana, noticed(&[withdrawn], None)).await));
        assert!(forbidden(report(&app, &p.admin.actor, ana, noticed(&[withdrawn], None)).await));

        // Revoked: refused at once.
        revoke(t, &app, consent).await;
        assert!(forbidden(report(&app, &marta, ana, noticed(&[withdrawn], None)).await));
        assert!(forbidden(report_form(&app, &marta, ana).await));
        assert_eq!(t.count("observations", vec![]).await, 2);

        // Bo's family member with Bo's scope cannot report about Ana.
        let olle = family_member(t, &app, "Olle Lindqvist", "olle@example.org").await;
        grant(t, &app, bo, &olle, "observations").await;
        report(&app, &olle, bo, noticed(&[bos], None)).await.unwrap();
        assert!(forbidden(report(&app, &olle, ana, noticed(&[withdrawn], None)).await));
    }

    // CLINICAL.md "Early warning", row "warning signs": the client or a consented family
    // member reports one of the client's own signs on 2 of the last 7 days; each day once.
    async fn a_family_day_counts_toward_the_flag_like_the_clients_own(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let sign = add_sign(t, &app, ana, "Withdrawing from friends").await;
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        grant(t, &app, ana, &marta, "observations").await;

        // One day, reported by both: one day, no flag.
        submit_checkin(&app, &p.ana.actor, ticking(sign), None).await.unwrap();
        report(&app, &marta, ana, noticed(&[sign], None)).await.unwrap();
        assert_eq!(warning_flags(t, ana).await, 0, "the same day counts once, whoever reported it");

        // The next day, Marta alone: two days in seven, the flag rises.
        clock.advance(Duration::days(1));
        report(&app, &marta, ana, noticed(&[sign], Some(NOTE))).await.unwrap();
        assert_eq!(warning_flags(t, ana).await, 1);
        // Its evidence says a family member reported it, without their name.
        let detail = t.texts("SELECT detail FROM flag_evidence", vec![]).await;
        let detail: String = detail.into_iter().flatten().collect();
        assert!(detail.contains("family_member"), "{detail}");
        assert!(!detail.contains("Marta"));
        // Lena sees it in the client's observations, with who reported it.
        let seen = observations_of(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].reporter_name, "Marta Ruiz");
    }

    async fn reports_keep_counting_after_a_revoke(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let bo = id(&p.bo.actor);
        let sign = add_sign(t, &app, bo, "Skipping meals").await;
        let olle = family_member(t, &app, "Olle Lindqvist", "olle@example.org").await;
        let consent = grant(t, &app, bo, &olle, "observations").await;
        // Nobody on Bo's team and nobody on triage duty: no "the clinician will see this".
        let r = report(&app, &olle, bo, noticed(&[sign], None)).await.unwrap();
        assert!(!r.clinician_will_see);
        revoke(t, &app, consent).await;
        clock.advance(Duration::days(2));
        submit_checkin(&app, &p.bo.actor, ticking(sign), None).await.unwrap();
        assert_eq!(warning_flags(t, bo).await, 1, "Olle's report made with consent still counts");
    }

    async fn hiding_is_for_the_clients_view_only(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        let sign = add_sign(t, &app, ana, "Withdrawing from friends").await;
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        grant(t, &app, ana, &marta, "observations").await;
        let first = report(&app, &marta, ana, noticed(&[sign], Some(NOTE))).await.unwrap().observation.id;
        report(&app, &marta, ana, noticed(&[], Some("Laughed at dinner"))).await.unwrap();

        // The client sees every observation, with who made it.
        let mine = observations_of(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(mine.len(), 2);
        assert!(mine.iter().any(|o| o.note.as_deref() == Some(NOTE) && o.reporter_name == "Marta Ruiz"));

        // Hiding: a clinician on the care team, with a reason.
        assert_eq!(invalid_field(hide(&app, &p.lena.actor, first, "  ").await), "reason");
        assert!(forbidden(hide(&app, &p.kofi.actor, first, "Not mine to hide").await));
        assert!(forbidden(hide(&app, &p.ana.actor, first, "I would rather not").await));
        assert!(forbidden(hide(&app, &marta, first, "Oops").await));
        hide(&app, &p.lena.actor, first, "Ongoing conflict; discuss in session first").await.unwrap();
        assert!(hide(&app, &p.lena.actor, first, "Again").await.is_err());
        assert_eq!(audited(t, "observation.hidden", "ok").await, 1);
        let raw = t.texts("SELECT hidden_reason FROM observations WHERE hidden_reason IS NOT NULL", vec![]).await;
        assert!(raw.iter().all(|n| n.as_deref().is_some_and(|n| n.starts_with("v1:") && !n.contains("conflict"))));

        // Gone for the client; kept, with its reason, for the clinician.
        let mine = observations_of(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert!(mine.iter().all(|o| o.id != first && o.hidden_reason.is_none()));
        let lenas = observations_of(&app, &p.lena.actor, ana).await.unwrap();
        let hidden = lenas.iter().find(|o| o.id == first).unwrap();
        assert!(hidden.hidden);
        assert_eq!(hidden.hidden_reason.as_deref(), Some("Ongoing conflict; discuss in session first"));
        assert_eq!(hidden.hidden_by_name.as_deref(), Some("Dr Lena Okafor"));

        // Probes of Ana's observations: Bo, Kofi, the administrator, Marta herself.
        for who in [&p.bo.actor, &p.kofi.actor, &p.admin.actor, &marta] {
            assert!(forbidden(observations_of(&app, who, ana).await), "{}", who.name);
        }
        assert!(forbidden(observations_of(&app, &p.ana.actor, bo).await));
    }

    async fn the_api_and_the_pages(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        let sign = add_sign(t, &app, ana, "Withdrawing from friends").await;
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        let marta_token = api_login(&app, "marta@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let ana_token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let bo_token = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let lena_token = api_login(&app, &p.lena.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        let path = format!("/api/v1/clients/{ana}/observations");

        let r = b.api("POST", &path, Some(&marta_token), Some(json!({"warning_signs": [sign.to_string()]}))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "no scope yet");
        let consent = grant(t, &app, ana, &marta, "observations").await;
        let r = b.api("POST", &path, Some(&marta_token), Some(json!({"warning_signs": [sign.to_string(), Uuid::nil().to_string()]}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("warning_signs[1]")));
        let r = b.api("POST", &path, Some(&marta_token), Some(json!({"warning_signs": [sign.to_string()], "note": NOTE}))).await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json()["clinician_will_see"], json!(true));
        let oid = r.json()["observation"]["id"].as_str().unwrap().to_string();

        let r = b.api("GET", &path, Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()[0]["note"], json!(NOTE));
        assert_eq!(r.json()[0]["warning_signs"][0]["label"], json!("Withdrawing from friends"));
        assert_eq!(b.api("GET", &path, Some(&bo_token), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("GET", &path, Some(&marta_token), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("GET", &format!("/api/v1/clients/{bo}/observations"), Some(&ana_token), None).await.status, StatusCode::FORBIDDEN);

        let hide_path = format!("/api/v1/observations/{oid}/hide");
        let r = b.api("POST", &hide_path, Some(&lena_token), Some(json!({"reason": ""}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("reason")));
        assert_eq!(b.api("POST", &hide_path, Some(&ana_token), Some(json!({"reason": "No"}))).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("POST", &hide_path, Some(&lena_token), Some(json!({"reason": "Safety: discuss first"}))).await.status, StatusCode::NO_CONTENT);
        assert_eq!(b.api("GET", &path, Some(&ana_token), None).await.json(), json!([]));
        let r = b.api("GET", &path, Some(&lena_token), None).await;
        assert_eq!(r.json()[0]["hidden"], json!(true));
        assert_eq!(r.json()[0]["hidden_reason"], json!("Safety: discuss first"));

        // Pages: Marta's form, one tap to send, and the thank-you naming who will see it.
        let form = format!("/family/people/{ana}/observations/new");
        b.submit("/login", "/login", &[("email", "marta@example.org"), ("password", PASSWORD)]).await;
        let page = b.get(&form).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Withdrawing from friends"));
        assert!(page.body.contains("<label for=\"note\">"));
        let r = b.submit(&form, &form, &[("warning_signs", &sign.to_string()), ("note", "Tired again")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Thank you — Ana’s clinician will see this."), "{}", r.body);
        let r = b.submit(&form, &form, &[("note", "")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        revoke(t, &app, consent).await;
        let r = b.get(&form).await;
        assert_ne!(r.status, StatusCode::OK, "refused once revoked");
    }

    async fn the_clients_page_and_the_chart(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let sign = add_sign(t, &app, ana, "Withdrawing from friends").await;
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        grant(t, &app, ana, &marta, "observations").await;
        report(&app, &marta, ana, noticed(&[sign], Some(NOTE))).await.unwrap();

        // Ana: linked from home, every observation shown with who made it.
        let ana_in = check_password(&app, &p.ana.email, PASSWORD, ADDRESS).await.unwrap();
        b.cookies.insert("rapport_session".into(), ana_in.session_secret.clone());
        assert!(b.get("/home").await.body.contains("href=\"/observations\""));
        let mine = b.get("/observations").await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(mine.body.contains(NOTE) && mine.body.contains("Marta Ruiz") && mine.body.contains("Withdrawing from friends"));
        b.cookies.remove("rapport_session");

        // Lena: the chart's section, and hiding with a reason.
        b.clock.advance(Duration::seconds(30));
        b.submit("/login", "/login", &[("email", &p.lena.email), ("password", PASSWORD)]).await;
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        let chart = format!("/clients/{ana}");
        let page = b.get(&chart).await;
        assert!(page.body.contains("Family observations") && page.body.contains(NOTE) && page.body.contains("Hide it from the client"));
        let oid = observations_of(&app, &p.lena.actor, ana).await.unwrap()[0].id.to_string();
        let action = format!("/clients/{ana}/observations/hide");
        let r = b.submit(&chart, &action, &[("observation", &oid), ("reason", " ")]).await;
        assert_eq!(r.location(), format!("/clients/{ana}?done=hide-reason#observations"));
        let r = b.submit(&chart, &action, &[("observation", &oid), ("reason", "Safety: talk it through first")]).await;
        assert_eq!(r.location(), format!("/clients/{ana}?done=hidden#observations"));
        let page = b.get(&format!("/clients/{ana}?done=hidden")).await;
        assert!(page.body.contains("Hidden from the client on") && page.body.contains("Safety: talk it through first"));

        // Gone from Ana's page.
        b.cookies.insert("rapport_session".into(), ana_in.session_secret);
        let mine = b.get("/observations").await;
        assert!(!mine.body.contains(NOTE) && !mine.body.contains("Safety: talk"));
    }
}
