//! Critical flags reach a person (issue 16, part 3): a safety flag tells the clinicians on the
//! care team at once — or, for a client with none, the clinicians on triage duty — with a
//! `safety_flag` notice written in the transaction that raised it; more evidence at the same
//! level tells nobody again. A safety flag nobody acknowledged within the practice's time
//! (30 minutes unless an administrator chose another) is escalated to the clinician on call,
//! once, however many servers run the check at once, and the escalation shows on the flag.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::accounts::{api_login, totp};
use rapport_app::alerts::on_call::{ShiftInput, on_call, set_on_call};
use rapport_app::alerts::{StatusFilter, acknowledge, escalate_due, inbox, of_client, resolve};
use rapport_app::care_teams::assign;
use rapport_app::measures::submit_measure;
use rapport_app::notifications::{NoticeView, mine};
use rapport_app::triage::set_duty;
use rapport_app::{Actor, App, Error};
use rapport_core::accounts::CareTeamRole;
use rapport_testkit::browser::api_call as api;
use rapport_testkit::{ADDRESS, PASSWORD, Practice, TestDb, both_backends, practice};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::{Value, json};
use uuid::Uuid;

/// A PHQ-9 with every item 1 but item 9, which is `value`.
fn item9(value: i64) -> Vec<Option<i64>> {
    let mut a = vec![Some(1); 8];
    a.push(Some(value));
    a
}

/// The person's notices of `kind`.
async fn notices(app: &App, who: &Actor, kind: &str) -> Vec<NoticeView> {
    mine(app, who)
        .await
        .unwrap()
        .notifications
        .into_iter()
        .filter(|n| n.kind.as_str() == kind)
        .collect()
}

/// Ana submits a PHQ-9 with item 9 = 2: her safety flag's id (from Lena's inbox).
async fn safety_flag(app: &App, p: &Practice) -> Uuid {
    let r = submit_measure(app, &p.ana.actor, "phq9", &item9(2), None, None)
        .await
        .unwrap();
    assert!(r.flags.iter().any(|f| f.kind.as_str() == "safety"));
    flag_of(app, &p.lena.actor, p.ana.actor.user_id).await
}

/// The unresolved safety flag of `client` that `clinician` sees.
async fn flag_of(app: &App, clinician: &Actor, client: Uuid) -> Uuid {
    inbox(app, clinician, StatusFilter::Unresolved)
        .await
        .unwrap()
        .iter()
        .find(|v| v.client_id == client && v.kind.as_str() == "safety")
        .expect("a safety flag")
        .id
}

/// Kofi on call from an hour ago for a day.
async fn kofi_on_call(app: &App, p: &Practice) {
    let now = app.now();
    let shift = ShiftInput {
        clinician_id: p.kofi.actor.user_id,
        starts_at: now - Duration::hours(1),
        ends_at: now + Duration::days(1),
    };
    set_on_call(app, &p.admin.actor, 30, &[shift])
        .await
        .unwrap();
}

both_backends! {
    async fn a_safety_flag_tells_every_clinician_on_the_care_team_at_once(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        assign(&app, &p.admin.actor, p.ana.actor.user_id, p.kofi.actor.user_id, CareTeamRole::Psychiatrist)
            .await
            .unwrap();
        let flag = safety_flag(&app, &p).await;
        for who in [&p.lena.actor, &p.kofi.actor] {
            let n = notices(&app, who, "safety_flag").await;
            assert_eq!(n.len(), 1, "{n:?}");
            assert_eq!((n[0].subject_id, n[0].client_id), (Some(flag), Some(p.ana.actor.user_id)));
            assert_eq!(n[0].link, format!("/alerts#alert-{flag}"));
            assert!(n[0].read_at.is_none());
        }
        // Nobody else: not the client, not the administrator.
        assert!(notices(&app, &p.ana.actor, "safety_flag").await.is_empty());
        assert!(notices(&app, &p.admin.actor, "safety_flag").await.is_empty());
        // One row per clinician, written with the flag.
        let rows = t
            .count("notifications WHERE kind = 'safety_flag' AND subject_id = ?", vec![flag.into()])
            .await;
        assert_eq!(rows, 2);
    }

    async fn a_client_without_a_care_team_reaches_the_triage_clinicians(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        set_duty(&app, &p.admin.actor, &[p.kofi.actor.user_id]).await.unwrap();
        submit_measure(&app, &p.bo.actor, "phq9", &item9(1), None, None).await.unwrap();
        let flag = flag_of(&app, &p.kofi.actor, p.bo.actor.user_id).await;
        let n = notices(&app, &p.kofi.actor, "safety_flag").await;
        assert_eq!((n.len(), n[0].subject_id), (1, Some(flag)));
        // Lena is not Bo's clinician and not on duty.
        assert!(notices(&app, &p.lena.actor, "safety_flag").await.is_empty());
    }

    async fn a_flag_that_is_not_about_safety_tells_nobody_at_once(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        // A baseline of 0, then 18 two weeks later: deterioration (high), no safety.
        submit_measure(&app, &p.ana.actor, "phq9", &[Some(0); 9], None, None).await.unwrap();
        clock.advance(Duration::days(14));
        let mut high = vec![Some(2); 8];
        high.push(Some(0));
        let r = submit_measure(&app, &p.ana.actor, "phq9", &high, None, None).await.unwrap();
        assert!(r.flags.iter().any(|f| f.kind.as_str() == "deterioration"), "{:?}", r.flags);
        assert!(r.flags.iter().all(|f| f.kind.as_str() != "safety"));
        assert!(mine(&app, &p.lena.actor).await.unwrap().notifications.is_empty());
        // ...and it is never escalated.
        clock.advance(Duration::hours(2));
        kofi_on_call(&app, &p).await;
        assert_eq!(escalate_due(&app).await.unwrap(), 0);
    }

    async fn more_evidence_on_an_open_safety_flag_tells_nobody_again(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let flag = safety_flag(&app, &p).await;
        clock.advance(Duration::days(1));
        let again = safety_flag(&app, &p).await;
        assert_eq!(again, flag, "one unresolved flag of a kind");
        assert_eq!(notices(&app, &p.lena.actor, "safety_flag").await.len(), 1);
        // Acknowledged, then new evidence of risk to life opens it again: told again.
        acknowledge(&app, &p.lena.actor, flag, "Phoned Ana; safe; session tomorrow.").await.unwrap();
        clock.advance(Duration::days(1));
        assert_eq!(safety_flag(&app, &p).await, flag);
        assert_eq!(notices(&app, &p.lena.actor, "safety_flag").await.len(), 2);
    }

    async fn after_the_practices_time_the_on_call_clinician_is_told_and_the_flag_shows_it(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        kofi_on_call(&app, &p).await;
        let flag = safety_flag(&app, &p).await;
        clock.advance(Duration::minutes(29));
        assert_eq!(escalate_due(&app).await.unwrap(), 0, "not yet");
        assert!(notices(&app, &p.kofi.actor, "flag_escalated").await.is_empty());
        clock.advance(Duration::minutes(1));
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
        let n = notices(&app, &p.kofi.actor, "flag_escalated").await;
        assert_eq!(n.len(), 1, "{n:?}");
        assert_eq!((n[0].subject_id, n[0].link.clone()), (Some(flag), format!("/alerts#alert-{flag}")));
        // The care team sees the escalation on the flag: when, and to whom.
        let views = inbox(&app, &p.lena.actor, StatusFilter::Open).await.unwrap();
        let e = views[0].escalation.clone().expect("escalated");
        assert_eq!(e.via, "on_call");
        assert_eq!(e.to, vec![(p.kofi.actor.user_id, "Kofi Mensah".to_string())]);
        assert!(e.at <= app.now());
        // Once.
        clock.advance(Duration::minutes(30));
        assert_eq!(escalate_due(&app).await.unwrap(), 0);
        assert_eq!(notices(&app, &p.kofi.actor, "flag_escalated").await.len(), 1);
        let audit = t.count("audit_events WHERE action = 'alert.escalated'", vec![]).await;
        assert_eq!(audit, 1);
    }

    async fn the_on_call_clinician_can_act_on_the_flag_until_it_is_resolved(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        kofi_on_call(&app, &p).await;
        let ana = p.ana.actor.user_id;
        let flag = safety_flag(&app, &p).await;
        // Kofi is not on Ana's care team: before the escalation her flags are not his.
        assert!(matches!(of_client(&app, &p.kofi.actor, ana).await.unwrap_err(), Error::Forbidden));
        clock.advance(Duration::minutes(31));
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
        // Escalated to him: in his inbox, marked, and he may read and acknowledge it.
        let mine = inbox(&app, &p.kofi.actor, StatusFilter::Unresolved).await.unwrap();
        let v = mine.iter().find(|v| v.id == flag).expect("the escalated flag in Kofi's inbox");
        assert!(v.on_call && !v.triage);
        assert_eq!(of_client(&app, &p.kofi.actor, ana).await.unwrap().len(), 1);
        acknowledge(&app, &p.kofi.actor, flag, "Called Ana; she is safe tonight, plan agreed.").await.unwrap();
        // Once the care team resolves it, the door closes again.
        resolve(&app, &p.lena.actor, flag, "Seen in session; safety plan reviewed.").await.unwrap();
        assert!(matches!(of_client(&app, &p.kofi.actor, ana).await.unwrap_err(), Error::Forbidden));
        assert!(inbox(&app, &p.kofi.actor, StatusFilter::Unresolved).await.unwrap().is_empty());
        // Bo's record was never his.
        assert!(matches!(of_client(&app, &p.kofi.actor, p.bo.actor.user_id).await.unwrap_err(), Error::Forbidden));
    }

    async fn the_practice_sets_its_own_time(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let now = app.now();
        let shift = ShiftInput { clinician_id: p.kofi.actor.user_id, starts_at: now, ends_at: now + Duration::days(1) };
        set_on_call(&app, &p.admin.actor, 10, &[shift]).await.unwrap();
        safety_flag(&app, &p).await;
        clock.advance(Duration::minutes(9));
        assert_eq!(escalate_due(&app).await.unwrap(), 0);
        clock.advance(Duration::minutes(1));
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
    }

    async fn an_acknowledged_flag_is_never_escalated(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        kofi_on_call(&app, &p).await;
        let flag = safety_flag(&app, &p).await;
        clock.advance(Duration::minutes(10));
        acknowledge(&app, &p.lena.actor, flag, "Called Ana; she is safe tonight.").await.unwrap();
        clock.advance(Duration::hours(3));
        assert_eq!(escalate_due(&app).await.unwrap(), 0);
        assert!(notices(&app, &p.kofi.actor, "flag_escalated").await.is_empty());
        let views = inbox(&app, &p.lena.actor, StatusFilter::Acknowledged).await.unwrap();
        assert!(views[0].escalation.is_none());
    }

    async fn two_servers_escalating_at_once_escalate_once(t: &TestDb) {
        let (one, clock_one) = t.app();
        let (two, clock_two) = t.app();
        let p = practice(&one).await;
        kofi_on_call(&one, &p).await;
        safety_flag(&one, &p).await;
        // Both servers' clocks past the time.
        let later = one.now() + Duration::minutes(31);
        clock_one.advance(later - one.now());
        clock_two.advance(later - two.now());
        let (a, b) = tokio::join!(escalate_due(&one), escalate_due(&two));
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        // And again, in turn: nothing.
        assert_eq!(escalate_due(&one).await.unwrap() + escalate_due(&two).await.unwrap(), 0);
        assert_eq!(notices(&one, &p.kofi.actor, "flag_escalated").await.len(), 1);
        assert_eq!(t.count("flag_escalations", vec![]).await, 1);
        assert_eq!(t.count("flag_escalation_recipients", vec![]).await, 1);
    }

    async fn nobody_on_call_falls_back_to_triage_then_to_nobody_until_someone_is(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        // Nobody on call, Kofi on triage duty: he is told.
        set_duty(&app, &p.admin.actor, &[p.kofi.actor.user_id]).await.unwrap();
        safety_flag(&app, &p).await;
        clock.advance(Duration::minutes(31));
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
        let views = inbox(&app, &p.lena.actor, StatusFilter::Open).await.unwrap();
        assert_eq!(views[0].escalation.as_ref().map(|e| e.via.as_str()), Some("triage"));
        assert_eq!(notices(&app, &p.kofi.actor, "flag_escalated").await.len(), 1);

        // Bo's flag, nobody on call or on duty: recorded as reaching nobody...
        set_duty(&app, &p.admin.actor, &[]).await.unwrap();
        assign(&app, &p.admin.actor, p.bo.actor.user_id, p.lena.actor.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        submit_measure(&app, &p.bo.actor, "phq9", &item9(3), None, None).await.unwrap();
        clock.advance(Duration::minutes(31));
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
        let views = inbox(&app, &p.lena.actor, StatusFilter::Open).await.unwrap();
        let bo = views.iter().find(|v| v.client_id == p.bo.actor.user_id).unwrap();
        let e = bo.escalation.clone().unwrap();
        assert_eq!((e.via.as_str(), e.to.len()), ("nobody", 0));
        assert_eq!(escalate_due(&app).await.unwrap(), 0, "still nobody to tell");
        // ...until someone is on call: then they are told, once.
        kofi_on_call(&app, &p).await;
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
        assert_eq!(escalate_due(&app).await.unwrap(), 0);
        let views = inbox(&app, &p.lena.actor, StatusFilter::Open).await.unwrap();
        let bo = views.iter().find(|v| v.client_id == p.bo.actor.user_id).unwrap();
        assert_eq!(bo.escalation.as_ref().map(|e| e.via.as_str()), Some("on_call"));
        assert_eq!(notices(&app, &p.kofi.actor, "flag_escalated").await.len(), 2);
    }

    async fn only_administrators_set_the_rota_and_it_is_checked(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let now = app.now();
        assert!(matches!(on_call(&app, &p.lena.actor).await.unwrap_err(), Error::Forbidden));
        assert!(matches!(set_on_call(&app, &p.lena.actor, 30, &[]).await.unwrap_err(), Error::Forbidden));
        let o = on_call(&app, &p.admin.actor).await.unwrap();
        assert_eq!((o.escalation_minutes, o.rota.len(), o.on_call_now.len()), (30, 0, 0));
        let field = |r: rapport_app::Result<_>| match r {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(set_on_call(&app, &p.admin.actor, 4, &[]).await), "escalation_minutes");
        assert_eq!(field(set_on_call(&app, &p.admin.actor, 241, &[]).await), "escalation_minutes");
        let shift = |who: Uuid, from: i64, to: i64| ShiftInput {
            clinician_id: who,
            starts_at: now + Duration::hours(from),
            ends_at: now + Duration::hours(to),
        };
        let kofi = p.kofi.actor.user_id;
        let bad = [shift(kofi, 0, 8), shift(p.admin.actor.user_id, 8, 16)];
        assert_eq!(field(set_on_call(&app, &p.admin.actor, 30, &bad).await), "rota[1].clinician_id");
        assert_eq!(field(set_on_call(&app, &p.admin.actor, 30, &[shift(kofi, 8, 8)]).await), "rota[0].ends_at");
        assert_eq!(field(set_on_call(&app, &p.admin.actor, 30, &[shift(kofi, -9, -1)]).await), "rota[0].ends_at");
        let o = set_on_call(&app, &p.admin.actor, 45, &[shift(kofi, -1, 8), shift(p.lena.actor.user_id, 8, 16)])
            .await
            .unwrap();
        assert_eq!(o.escalation_minutes, 45);
        assert_eq!(o.rota.len(), 2);
        assert_eq!(o.on_call_now.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Kofi Mensah"]);
        // Nothing half-saved by a refused change.
        assert!(set_on_call(&app, &p.admin.actor, 500, &[]).await.is_err());
        assert_eq!(on_call(&app, &p.admin.actor).await.unwrap().escalation_minutes, 45);
    }

    async fn over_the_api_the_rota_is_set_and_the_alert_carries_its_escalation(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let web = WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        };
        let router = rapport_web::router(AppState::new(app.clone(), web));
        clock.advance(Duration::seconds(30));
        let code = |secret: &str| totp::code_at(secret, app.now()).unwrap();
        let admin = api_login(&app, &p.admin.email, PASSWORD, Some(&code(&p.admin.totp_secret)), ADDRESS).await.unwrap().token;
        let lena = api_login(&app, &p.lena.email, PASSWORD, Some(&code(&p.lena.totp_secret)), ADDRESS).await.unwrap().token;
        let path = "/api/v1/admin/on-call";

        let (status, body) = api(&router, "GET", path, Some(&admin), None).await;
        assert_eq!((status, body["escalation_minutes"].as_i64()), (StatusCode::OK, Some(30)), "{body}");
        let (status, _) = api(&router, "GET", path, Some(&lena), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = api(&router, "PUT", path, Some(&lena), Some(json!({"escalation_minutes": 30, "rota": []}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let kofi = p.kofi.actor.user_id.to_string();
        let from = (app.now() - Duration::hours(1)).to_rfc3339();
        let until = (app.now() + Duration::days(1)).to_rfc3339();
        for (body, field) in [
            (json!({"escalation_minutes": 3, "rota": []}), "escalation_minutes"),
            (json!({"escalation_minutes": 30, "rota": [{"clinician_id": "nope", "starts_at": from, "ends_at": until}]}), "rota[0].clinician_id"),
            (json!({"escalation_minutes": 30, "rota": [{"clinician_id": kofi, "starts_at": "tomorrow", "ends_at": until}]}), "rota[0].starts_at"),
            (json!({"escalation_minutes": 30, "rota": [{"clinician_id": kofi, "starts_at": until, "ends_at": from}]}), "rota[0].ends_at"),
            (json!({"escalation_minutes": 30, "rota": [{"clinician_id": p.ana.actor.user_id.to_string(), "starts_at": from, "ends_at": until}]}), "rota[0].clinician_id"),
        ] {
            let (status, reply) = api(&router, "PUT", path, Some(&admin), Some(body)).await;
            assert_eq!((status, reply["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{reply}");
            assert!(reply["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
        let (status, body) = api(&router, "PUT", path, Some(&admin), Some(json!({
            "escalation_minutes": 20,
            "rota": [{"clinician_id": kofi, "starts_at": from, "ends_at": until}]
        }))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["escalation_minutes"], 20);
        assert_eq!(body["rota"][0]["name"], "Kofi Mensah");
        assert_eq!(body["on_call_now"][0]["clinician_id"], kofi.as_str());

        let flag = safety_flag(&app, &p).await;
        let (_, alerts) = api(&router, "GET", "/api/v1/alerts", Some(&lena), None).await;
        assert_eq!(alerts[0]["escalated_at"], Value::Null, "{alerts}");
        assert_eq!(alerts[0]["escalated_to"], json!([]));
        clock.advance(Duration::minutes(21));
        assert_eq!(escalate_due(&app).await.unwrap(), 1);
        let (_, alerts) = api(&router, "GET", "/api/v1/alerts", Some(&lena), None).await;
        assert_eq!(alerts[0]["id"], flag.to_string().as_str());
        assert!(alerts[0]["escalated_at"].as_str().is_some(), "{alerts}");
        assert_eq!(alerts[0]["escalated_via"], "on_call");
        assert_eq!(alerts[0]["escalated_to"], json!([kofi]));
    }
}
