//! Meeting a few before choosing (issue 14, items 4–6) through the use-cases and the API, on
//! both databases: asking (limits and errors by field), accepting and declining, choosing
//! (a consultation-state episode with the clinician as primary therapist, the others not
//! chosen or withdrawn), switching (the old membership ended and audited, consent to share the
//! record), going back to an earlier therapist, someone else's consultation, and the
//! 8th-session offer.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::accounts::{api_login, totp};
use rapport_app::consultations::{
    Ask, accept, ask, choose, consultations_for, decline, earlier_therapists, give_feedback,
    my_consultations, switch_offer,
};
use rapport_app::measures::submit_measure;
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_core::accounts::Role;
use rapport_core::consultations::State;
use rapport_core::measures::FeedbackInput;
use rapport_testkit::asserts::{forbidden, id, invalid_field, local, not_found};
use rapport_testkit::browser::Browser;
use rapport_testkit::{
    ADDRESS, PASSWORD, TestDb, both_backends, list_in_directory, practice, staff,
};
use serde_json::json;
use uuid::Uuid;

const MESSAGE: &str = "Quillbarrow: I would like someone who knows about postnatal depression";

fn asking(ids: &[Uuid]) -> Ask {
    Ask {
        clinician_ids: ids.to_vec(),
        times: vec!["Weekday evenings".into(), "Saturday mornings".into()],
        message: Some(MESSAGE.into()),
        ..Ask::default()
    }
}

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    t.count(
        "audit_events WHERE action = ? AND outcome = ?",
        vec![action.into(), outcome.into()],
    )
    .await
}

both_backends! {
    async fn ask_accept_decline_choose(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        for c in [&p.kofi.actor, &p.lena.actor] {
            list_in_directory(&app, &p.admin.actor, c).await;
        }
        let mira = staff(&app, Role::Clinician, "Mira Castell", "mira@clinic.example").await;
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, id(&p.bo.actor), asking(&[id(&mira.actor)])).await), "clinician_ids", "not in the directory");
        list_in_directory(&app, &p.admin.actor, &mira.actor).await;
        let (bo, kofi, lena, mira_id) = (id(&p.bo.actor), id(&p.kofi.actor), id(&p.lena.actor), id(&mira.actor));

        // Limits and errors, each naming its field; nothing is kept.
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[])).await), "clinician_ids");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[kofi, lena, mira_id, id(&p.admin.actor)])).await), "clinician_ids");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[kofi, kofi])).await), "clinician_ids");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[id(&p.ana.actor)])).await), "clinician_ids", "a client is no clinician");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[id(&p.admin.actor)])).await), "clinician_ids");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, Ask { times: vec![], ..asking(&[kofi]) }).await), "times");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, Ask { times: vec!["x".into(); 6], ..asking(&[kofi]) }).await), "times");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, Ask { message: Some("a".repeat(1_001)), ..asking(&[kofi]) }).await), "message");
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, Ask { returning: true, ..asking(&[kofi]) }).await), "clinician_ids", "never on Bo's team");
        assert!(forbidden(ask(&app, &p.ana.actor, bo, asking(&[kofi])).await), "asking for someone else");
        assert!(forbidden(ask(&app, &p.kofi.actor, bo, asking(&[mira_id])).await));
        assert_eq!(t.count("consultations", vec![]).await, 0);

        // Bo asks three clinicians at once.
        let made = ask(&app, &p.bo.actor, bo, asking(&[kofi, lena, mira_id])).await.unwrap();
        assert_eq!(made.iter().map(|(_, c)| *c).collect::<Vec<_>>(), [kofi, lena, mira_id]);
        let (kofi_c, lena_c, mira_c) = (made[0].0, made[1].0, made[2].0);
        assert_eq!(audited(t, "consultation.asked", "ok").await, 1);
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[kofi])).await), "clinician_ids", "already asked");
        let noor = staff(&app, Role::Clinician, "Noor Haddad", "noor@clinic.example").await;
        list_in_directory(&app, &p.admin.actor, &noor.actor).await;
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[id(&noor.actor)])).await), "clinician_ids", "three open at most");
        // The message is sealed at rest.
        let raw = t.texts("SELECT message FROM consultations", vec![]).await;
        assert!(raw.iter().all(|m| m.as_deref().is_some_and(|m| m.starts_with("v1:") && !m.contains("Quillbarrow"))));

        // Each clinician sees what is addressed to them, message included.
        let for_kofi = consultations_for(&app, &p.kofi.actor).await.unwrap();
        assert_eq!(for_kofi.len(), 1);
        assert_eq!(for_kofi[0].message.as_deref(), Some(MESSAGE));
        assert_eq!(for_kofi[0].client_name, "Bo Lindqvist");
        assert_eq!(for_kofi[0].times, ["Weekday evenings", "Saturday mornings"]);

        // Answers: only the addressee; in the future; a reason to decline.
        assert!(not_found(accept(&app, &p.lena.actor, kofi_c, local("2026-11-30 18:00")).await), "Kofi's, not Lena's");
        assert!(forbidden(accept(&app, &p.bo.actor, kofi_c, local("2026-11-30 18:00")).await), "a client does not answer");
        assert!(not_found(accept(&app, &p.kofi.actor, Uuid::nil(), local("2026-11-30 18:00")).await));
        assert_eq!(invalid_field(accept(&app, &p.kofi.actor, kofi_c, local("2026-11-20 18:00")).await), "starts_at_local");
        accept(&app, &p.kofi.actor, kofi_c, local("2026-11-30 18:00")).await.unwrap();
        assert_eq!(invalid_field(accept(&app, &p.kofi.actor, kofi_c, local("2026-12-01 18:00")).await), "state", "answered already");
        accept(&app, &p.lena.actor, lena_c, local("2026-12-01 08:00")).await.unwrap();
        assert_eq!(invalid_field(decline(&app, &mira.actor, mira_c, " ").await), "reason");
        assert_eq!(invalid_field(decline(&app, &mira.actor, mira_c, &"a".repeat(501)).await), "reason");
        assert_eq!(audited(t, "consultation.accepted", "ok").await, 2);

        // Choosing: only an accepted one, only one's own.
        let mira_ask = ask(&app, &p.ana.actor, id(&p.ana.actor), asking(&[mira_id])).await.unwrap()[0].0;
        assert!(not_found(choose(&app, &p.ana.actor, kofi_c, None).await), "Bo's, not Ana's");
        assert_eq!(invalid_field(choose(&app, &p.ana.actor, mira_ask, None).await), "state", "not accepted yet");
        decline(&app, &mira.actor, mira_ask, "My caseload is full until spring.").await.unwrap();
        let ana_list = my_consultations(&app, &p.ana.actor).await.unwrap();
        assert_eq!(ana_list[0].state, State::Declined);
        assert_eq!(ana_list[0].decline_reason.as_deref(), Some("My caseload is full until spring."));

        // How it felt: only once met, the four questions answered 0–10.
        let felt = |v: i64| FeedbackInput { heard: Some(v), worked_on_what_i_wanted: Some(v), approach_fits: Some(7), overall: Some(v), comment: Some("Warm, and direct") };
        assert_eq!(invalid_field(give_feedback(&app, &p.bo.actor, kofi_c, felt(8)).await), "state", "not met yet");
        clock.advance(Duration::days(8));
        let list = my_consultations(&app, &p.bo.actor).await.unwrap();
        assert!(list.iter().find(|c| c.id == kofi_c).unwrap().met, "the meeting time has passed");
        assert_eq!(invalid_field(give_feedback(&app, &p.bo.actor, kofi_c, felt(11)).await), "heard");
        assert!(not_found(give_feedback(&app, &p.ana.actor, kofi_c, felt(8)).await), "Bo's, not Ana's");
        give_feedback(&app, &p.bo.actor, kofi_c, felt(8)).await.unwrap();
        give_feedback(&app, &p.bo.actor, lena_c, felt(5)).await.unwrap();
        let list = my_consultations(&app, &p.bo.actor).await.unwrap();
        let f = list.iter().find(|c| c.id == kofi_c).unwrap().feedback.clone().unwrap();
        assert_eq!((f.heard, f.approach_fits, f.comment.as_deref()), (8, 7, Some("Warm, and direct")));
        assert!(consultations_for(&app, &p.kofi.actor).await.unwrap()[0].feedback.is_none(), "the client's alone");
        let raw = t.texts("SELECT feedback FROM consultations WHERE feedback IS NOT NULL", vec![]).await;
        assert!(raw.len() == 2 && raw.iter().all(|f| f.as_deref().is_some_and(|f| f.starts_with("v1:") && !f.contains("Warm"))));
        choose(&app, &p.bo.actor, kofi_c, None).await.unwrap();
        let list = my_consultations(&app, &p.bo.actor).await.unwrap();
        let state = |id: Uuid| list.iter().find(|c| c.id == id).unwrap().state;
        assert_eq!((state(kofi_c), state(lena_c), state(mira_c)), (State::Chosen, State::NotChosen, State::Withdrawn));
        assert_eq!(
            t.texts("SELECT state FROM episodes WHERE client_id = ?", vec![bo.into()]).await,
            [Some("consultation".to_string())]
        );
        let team = rapport_app::care_teams::care_team(&app, &p.bo.actor, bo).await.unwrap();
        assert_eq!(team.len(), 1);
        assert_eq!(team[0].clinician_id, kofi);
        assert_eq!(audited(t, "consultation.chosen", "ok").await, 1);
        // Lena reads the polite line's state; choosing again is refused.
        let for_lena = consultations_for(&app, &p.lena.actor).await.unwrap();
        assert_eq!(for_lena.iter().find(|c| c.id == lena_c).unwrap().state, State::NotChosen);
        assert_eq!(invalid_field(choose(&app, &p.bo.actor, lena_c, None).await), "state");
        // Three open at most: Bo's are all closed now, so he may ask again (Lena, not Kofi).
        assert_eq!(invalid_field(ask(&app, &p.bo.actor, bo, asking(&[kofi])).await), "clinician_ids", "on the care team");
    }

    async fn switching_and_going_back(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        for c in [&p.kofi.actor, &p.lena.actor] {
            list_in_directory(&app, &p.admin.actor, c).await;
        }
        let (ana, kofi, lena) = (id(&p.ana.actor), id(&p.kofi.actor), id(&p.lena.actor));
        rapport_app::episodes::change(&app, &p.lena.actor, ana, "active", "Starting treatment").await.unwrap();
        assert!(earlier_therapists(&app, &p.ana.actor).await.unwrap().is_empty());

        let c = ask(&app, &p.ana.actor, ana, asking(&[kofi])).await.unwrap()[0].0;
        accept(&app, &p.kofi.actor, c, local("2026-11-25 12:00")).await.unwrap();
        clock.advance(Duration::days(3));
        // Ana has a record: choosing needs her consent to share it.
        assert_eq!(invalid_field(choose(&app, &p.ana.actor, c, None).await), "share_record");
        assert_eq!(invalid_field(choose(&app, &p.ana.actor, c, Some(false)).await), "share_record");
        choose(&app, &p.ana.actor, c, Some(true)).await.unwrap();

        let team = rapport_app::care_teams::care_team(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(team.iter().map(|m| m.clinician_id).collect::<Vec<_>>(), [kofi]);
        assert_eq!(
            t.count("audit_events WHERE action = 'care_team.ended' AND client_id = ? AND detail LIKE ?", vec![ana.into(), format!("switched by the client to user:{kofi}").into()]).await,
            1
        );
        assert_eq!(
            t.texts("SELECT state FROM episodes WHERE client_id = ?", vec![ana.into()]).await,
            [Some("active".to_string())],
            "the open episode goes on"
        );
        assert!(rapport_app::care_teams::client_record(&app, &p.lena.actor, ana).await.is_err(), "Lena's access ended");
        assert!(rapport_app::care_teams::client_record(&app, &p.kofi.actor, ana).await.is_ok());

        // Going back: Lena is an earlier therapist; returning is only to one.
        let earlier = earlier_therapists(&app, &p.ana.actor).await.unwrap();
        assert_eq!(earlier.iter().map(|e| e.clinician_id).collect::<Vec<_>>(), [lena]);
        let mira = staff(&app, Role::Clinician, "Mira Castell", "mira@clinic.example").await;
        list_in_directory(&app, &p.admin.actor, &mira.actor).await;
        assert_eq!(invalid_field(ask(&app, &p.ana.actor, ana, Ask { returning: true, ..asking(&[id(&mira.actor)]) }).await), "clinician_ids");
        let back = ask(&app, &p.ana.actor, ana, Ask { returning: true, share_earlier_record: true, ..asking(&[lena]) }).await.unwrap()[0].0;
        let for_lena = consultations_for(&app, &p.lena.actor).await.unwrap();
        assert!(for_lena[0].returning && for_lena[0].share_earlier_record);
        accept(&app, &p.lena.actor, back, local("2026-12-02 09:00")).await.unwrap();
        clock.advance(Duration::days(7));
        choose(&app, &p.ana.actor, back, None).await.unwrap();
        let team = rapport_app::care_teams::care_team(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(team.iter().map(|m| m.clinician_id).collect::<Vec<_>>(), [lena]);
        assert_eq!(audited(t, "care_team.ended", "ok").await, 2);
    }

    async fn the_eighth_session_offer(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let clock = b.clock.clone();
        let p = practice(&app).await;
        for c in [&p.kofi.actor, &p.lena.actor] {
            list_in_directory(&app, &p.admin.actor, c).await;
        }
        let ana = id(&p.ana.actor);
        rapport_app::episodes::change(&app, &p.lena.actor, ana, "active", "Starting treatment").await.unwrap();
        submit_measure(&app, &p.ana.actor, "phq9", &[Some(2); 9], None, None).await.unwrap();
        let ids = schedule(&app, &p.lena.actor, NewSessions {
            clients: vec![ana],
            kind: "individual".into(),
            modality: "online".into(),
            place: "https://meet.example.org/ana".into(),
            first: Some(local("2026-11-24 10:00")),
            minutes: Some(50),
            weeks: Some(8), family: Vec::new(), group: None,
        }).await.unwrap();
        assert_eq!(ids.len(), 8);
        for (i, s) in ids.iter().enumerate() {
            clock.advance(Duration::days(7));
            record_attendance(&app, &p.lena.actor, *s, ana, "attended").await.unwrap();
            if i == 6 {
                assert_eq!(switch_offer(&app, ana).await.unwrap(), None, "before the 8th session: not yet");
            }
        }
        // Only a baseline: nothing to judge.
        assert_eq!(switch_offer(&app, ana).await.unwrap(), None);
        // 18 → 14: down 4, not reliable (6 points): offered.
        let mut answers = [Some(2); 9];
        for a in answers.iter_mut().take(4) {
            *a = Some(1);
        }
        submit_measure(&app, &p.ana.actor, "phq9", &answers, None, None).await.unwrap();
        let offer = switch_offer(&app, ana).await.unwrap().expect("offered");
        assert_eq!((offer.attended_sessions, offer.first_phq9, offer.latest_phq9), (8, 18, 14));
        // The client's home offers to talk about it; Lena's home names Ana.
        let ana_in = rapport_app::accounts::check_password(&app, &p.ana.email, PASSWORD, ADDRESS).await.unwrap();
        b.cookies.insert("rapport_session".into(), ana_in.session_secret);
        let home = b.get("/home").await;
        assert!(home.body.contains("How is therapy going for you?") && home.body.contains("18 at the start, 14 lately"));
        b.cookies.remove("rapport_session");
        clock.advance(Duration::seconds(30));
        b.submit("/login", "/login", &[("email", &p.lena.email), ("password", PASSWORD)]).await;
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let r = b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        assert_eq!(r.location(), "/home");
        let home = b.get("/home").await;
        assert!(home.body.contains("Worth talking about how therapy is going") && home.body.contains("Ana Ruiz"));
        let offers_of = |actor: rapport_app::Actor| {
            let app = app.clone();
            async move {
                let caseload = rapport_app::care_teams::caseload(&app, &actor).await.unwrap();
                rapport_app::consultations::switch_offers_for(&app, &actor, &caseload).await.unwrap()
            }
        };
        assert_eq!(offers_of(p.kofi.actor.clone()).await.len(), 0, "Kofi is not her therapist");
        // The caseload's offers, read from its rows, are the one-client answer.
        let lenas = offers_of(p.lena.actor.clone()).await;
        assert_eq!(lenas.len(), 1);
        assert_eq!((lenas[0].0, &lenas[0].1), (ana, &offer));
        // 18 → 9: reliable improvement: no offer.
        clock.advance(Duration::days(1));
        submit_measure(&app, &p.ana.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
        assert_eq!(switch_offer(&app, ana).await.unwrap(), None);
    }

    async fn the_endpoints_over_http(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        for c in [&p.kofi.actor, &p.lena.actor] {
            list_in_directory(&app, &p.admin.actor, c).await;
        }
        let kofi = id(&p.kofi.actor);
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.kofi.totp_secret, app.now()).unwrap();
        let kofi_token = api_login(&app, &p.kofi.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let lena_token = api_login(&app, &p.lena.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        let bo = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let ana = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;

        let r = b.api("POST", "/api/v1/consultations", Some(&bo), Some(json!({"clinician_ids": ["nope"], "times": ["Mondays"]}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("clinician_ids")));
        let r = b.api("POST", "/api/v1/consultations", Some(&bo), Some(json!({"clinician_ids": [kofi.to_string()], "times": []}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("times")));
        let r = b.api("POST", "/api/v1/consultations", Some(&bo), Some(json!({"clinician_ids": [kofi.to_string()], "times": ["Mondays after 5"], "message": "Hello"}))).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let body = r.json();
        assert_eq!(body["consultations"][0]["clinician_id"], json!(kofi.to_string()));
        let cid = body["consultations"][0]["id"].as_str().unwrap().to_string();

        let r = b.api("GET", "/api/v1/consultations", Some(&kofi_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()[0]["state"], json!("requested"));
        let r = b.api("POST", &format!("/api/v1/consultations/{cid}/accept"), Some(&lena_token), Some(json!({"starts_at_local": "2026-11-30T18:00"}))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "someone else's");
        let r = b.api("POST", &format!("/api/v1/consultations/{cid}/accept"), Some(&kofi_token), Some(json!({"starts_at_local": "30 Nov"}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("starts_at_local")));
        let r = b.api("POST", &format!("/api/v1/consultations/{cid}/decline"), Some(&kofi_token), Some(json!({"reason": ""}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("reason")));
        let r = b.api("POST", &format!("/api/v1/consultations/{cid}/accept"), Some(&kofi_token), Some(json!({"starts_at_local": "2026-11-30T18:00"}))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["state"], json!("accepted"));
        assert_eq!(r.json()["starts_at_local"], json!("2026-11-30T18:00"));

        let r = b.api("POST", &format!("/api/v1/consultations/{cid}/choose"), Some(&ana), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "Bo's, not Ana's");
        let r = b.api("POST", &format!("/api/v1/consultations/{cid}/choose"), Some(&bo), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["state"], json!("chosen"));
        let r = b.api("GET", "/api/v1/consultations", Some(&bo), None).await;
        assert_eq!(r.json()[0]["state"], json!("chosen"));
    }

    async fn the_pages_from_a_visitor_to_a_choice(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        for c in [&p.kofi.actor, &p.lena.actor] {
            list_in_directory(&app, &p.admin.actor, c).await;
        }
        let mira = staff(&app, Role::Clinician, "Mira Castell", "mira@clinic.example").await;
        list_in_directory(&app, &p.admin.actor, &mira.actor).await;
        let (kofi, lena, mira_id) = (id(&p.kofi.actor), id(&p.lena.actor), id(&mira.actor));
        let ask_page = format!("/consultations/new?clinician={kofi}&clinician={lena}&clinician={mira_id}");

        // A visitor is sent to sign up, and brought back.
        let r = b.get(&ask_page).await;
        assert!(r.status.is_redirection());
        assert!(r.location().starts_with("/signup?next=/consultations/new%3Fclinician%3D"), "{}", r.location());
        let signup = r.location().to_string();
        let page = b.get(&signup).await;
        assert!(page.body.contains(r#"name="next" value="/consultations/new?clinician="#) || page.body.contains("name=\"next\""));
        let r = b.submit(&signup, "/signup", &[("name", "Wren Adler"), ("email", "wren@example.org"), ("password", PASSWORD), ("consent", "yes"), ("next", &ask_page)]).await;
        assert_eq!(r.location(), ask_page);
        // Only a path on this site is a return address.
        for bad in ["//evil.example/x", "https://evil.example/", "/\\evil.example"] {
            let r = b.get(&format!("/signup?next={}", rapport_testkit::asserts::encode(bad))).await;
            assert_eq!(r.location(), "/home", "{bad}");
        }

        let page = b.get(&ask_page).await;
        assert_eq!(page.status, StatusCode::OK);
        for name in ["Kofi Mensah", "Dr Lena Okafor", "Mira Castell"] {
            assert!(page.body.contains(name), "{name}");
        }
        let ids = [("clinician", kofi.to_string()), ("clinician", lena.to_string()), ("clinician", mira_id.to_string())];
        let mut fields: Vec<(&str, &str)> = ids.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fields.extend([("times", ""), ("times", ""), ("times", ""), ("message", MESSAGE)]);
        let r = b.submit(&ask_page, "/consultations", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Say at least one time that suits you.") && r.body.contains(r##"href="#times-0""##));
        assert!(r.body.contains("Quillbarrow"), "the message typed is kept");
        fields[3] = ("times", "Weekday evenings");
        let r = b.submit(&ask_page, "/consultations", &fields).await;
        assert_eq!(r.location(), "/consultations?done=asked");
        let wren = b.get("/consultations?done=asked").await;
        assert!(wren.body.contains("Your request is sent."));

        let list = consultations_for(&app, &p.kofi.actor).await.unwrap();
        accept(&app, &p.kofi.actor, list[0].id, local("2026-11-30 18:00")).await.unwrap();
        let lena_c = consultations_for(&app, &p.lena.actor).await.unwrap()[0].id;
        accept(&app, &p.lena.actor, lena_c, local("2026-12-01 18:00")).await.unwrap();
        let mira_c = consultations_for(&app, &mira.actor).await.unwrap()[0].id;
        decline(&app, &mira.actor, mira_c, "My caseload is full until spring.").await.unwrap();

        b.clock.advance(Duration::days(9));
        // Nine days on, Wren signs in again.
        let again = rapport_app::accounts::check_password(&app, "wren@example.org", PASSWORD, ADDRESS).await.unwrap();
        b.cookies.insert("rapport_session".into(), again.session_secret);
        let felt = [("heard", "9"), ("worked_on_what_i_wanted", "8"), ("approach_fits", "7"), ("overall", "9"), ("comment", "Kofi listened")];
        let r = b.submit("/consultations", &format!("/consultations/{}/feedback", list[0].id), &felt[1..]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains(&format!(r##"href="#heard-{}""##, list[0].id)), "the error links to the question");
        let r = b.submit("/consultations", &format!("/consultations/{}/feedback", list[0].id), &felt).await;
        assert_eq!(r.location(), "/consultations?done=feedback");
        let page = b.get("/consultations").await;
        assert!(page.body.contains("How the meetings felt") && page.body.contains("Kofi listened"));
        assert!(page.body.contains("My caseload is full until spring."));
        assert!(page.body.contains("Choose Kofi Mensah") && page.body.contains("Choose Dr Lena Okafor"));
        let r = b.submit("/consultations", &format!("/consultations/{}/choose", list[0].id), &[]).await;
        assert_eq!(r.location(), "/home?done=chosen");
        let home = b.get("/home?done=chosen").await;
        assert!(home.body.contains("You have chosen your therapist"));
        assert!(home.body.contains("Kofi Mensah"));

        // Lena reads the polite line; Kofi's home no longer lists a waiting request.
        b.cookies.remove("rapport_session");
        b.clock.advance(Duration::seconds(30));
        let r = b.submit("/login", "/login", &[("email", &p.lena.email), ("password", PASSWORD)]).await;
        assert_eq!(r.location(), "/login/totp");
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let r = b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        assert_eq!(r.location(), "/home");
        let page = b.get("/consultations").await;
        assert!(page.body.contains("Wren Adler chose to work with someone else. Thank you for meeting them."));
    }
}
