//! Online sessions in the browser (issue 20) on both databases: who may come into a session's
//! room (the clinician who leads it, its clients, family members named on a family session
//! while they hold the scope — nobody else), when (10 minutes before the start until the
//! clinician ends it), the waiting room, the end, the chat lines saved to the record (sealed),
//! the audit of each join and leave, and the API's view of the room.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use rapport_app::accounts::api_login;
use rapport_app::sessions::room::{self, RoomRole};
use rapport_app::sessions::{NewSessions, cancel, record_attendance, schedule};
use rapport_app::{App, Config};
use rapport_core::accounts::CareTeamRole;
use rapport_core::sessions::room::{RoomState, parse_ice_servers};
use rapport_store::consents;
use rapport_testkit::asserts::{forbidden, id, local};
use rapport_testkit::browser::Browser;
use rapport_testkit::family::{family_member, grant};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use uuid::Uuid;

/// An online session in the session's own room (no outside link) at 10:00 on the first day.
fn online(clients: &[Uuid], kind: &str, family: &[Uuid]) -> NewSessions {
    NewSessions {
        clients: clients.to_vec(),
        kind: kind.into(),
        modality: "online".into(),
        place: String::new(),
        first: Some(local("2026-11-23 10:00")),
        minutes: Some(50),
        weeks: Some(1),
        family: family.to_vec(),
        group: None,
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
    async fn attendees_come_in_from_ten_minutes_before_and_nobody_else(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let ids = schedule(&app, &p.lena.actor, online(&[ana], "individual", &[])).await.unwrap();
        let s = ids[0];

        // 09:00: an hour early. The attendees learn when it opens; the room refuses them.
        let e = room::enter(&app, &p.ana.actor, s).await.unwrap();
        assert_eq!(e.state, RoomState::NotYet(rapport_testkit::start_time() + Duration::minutes(50)));
        assert!(e.ice_servers.is_empty());
        assert!(forbidden(room::enter_open(&app, &p.ana.actor, s).await));
        assert!(forbidden(room::enter_open(&app, &p.lena.actor, s).await));

        // 09:50: open for Lena (the host) and Ana.
        clock.advance(Duration::minutes(50));
        let lena = room::enter_open(&app, &p.lena.actor, s).await.unwrap();
        assert_eq!(lena.role, RoomRole::Clinician);
        assert!(lena.host());
        let e = room::enter_open(&app, &p.ana.actor, s).await.unwrap();
        assert_eq!(e.role, RoomRole::Client);
        assert_eq!(e.display_name, "Ana Ruiz");
        assert_eq!(e.clinician_name, "Dr Lena Okafor");
        // No ICE servers unless configured: nothing outside is contacted.
        assert!(e.ice_servers.is_empty());

        // Kofi (a clinician, not hers), Bo (another client) and the administrator: refused,
        // and each refusal recorded.
        let before = audited(t, "room.join", "denied").await;
        for who in [&p.kofi.actor, &p.bo.actor, &p.admin.actor] {
            assert!(forbidden(room::enter(&app, who, s).await), "{}", who.name);
        }
        assert_eq!(audited(t, "room.join", "denied").await, before + 3);

        // Long after the booked end the room stays open until Lena ends it.
        clock.advance(Duration::hours(3));
        assert!(room::enter_open(&app, &p.ana.actor, s).await.is_ok());
    }

    async fn family_members_named_on_a_family_session_while_they_hold_the_scope(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        let olle = family_member(t, &app, "Olle Ruiz", "olle@example.org").await;
        let consent = grant(t, &app, ana, &marta, "family_sessions").await;
        grant(t, &app, ana, &olle, "family_sessions").await;
        let s = schedule(&app, &p.lena.actor, online(&[ana], "family", &[marta.user_id])).await.unwrap()[0];
        clock.advance(Duration::minutes(55));
        let e = room::enter_open(&app, &marta, s).await.unwrap();
        assert_eq!(e.role, RoomRole::Family);
        // Olle holds the scope but is not named on this session.
        assert!(forbidden(room::enter(&app, &olle, s).await));
        // Ana takes the scope back: Marta can no longer come in.
        consents::revoke(t.db.conn(), consent, app.now()).await.unwrap();
        assert!(forbidden(room::enter(&app, &marta, s).await));
        assert!(room::enter_open(&app, &p.ana.actor, s).await.is_ok());
    }

    async fn group_members_come_in_under_their_first_names(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        rapport_app::care_teams::assign(&app, &p.admin.actor, bo, p.lena.actor.user_id, CareTeamRole::PrimaryTherapist).await.unwrap();
        let s = schedule(&app, &p.lena.actor, online(&[ana, bo], "group", &[])).await.unwrap()[0];
        clock.advance(Duration::minutes(50));
        assert_eq!(room::enter_open(&app, &p.ana.actor, s).await.unwrap().display_name, "Ana");
        assert_eq!(room::enter_open(&app, &p.bo.actor, s).await.unwrap().display_name, "Bo");
        assert!(room::enter_open(&app, &p.lena.actor, s).await.unwrap().host());
        assert!(forbidden(room::enter(&app, &p.kofi.actor, s).await));
    }

    async fn no_room_for_sessions_in_person_cancelled_or_with_an_outside_link_refused(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let in_person = schedule(&app, &p.lena.actor, NewSessions {
            modality: "in_person".into(),
            place: "Room 2".into(),
            first: Some(local("2026-11-23 12:00")),
            ..online(&[ana], "individual", &[])
        }).await.unwrap()[0];
        let cancelled = schedule(&app, &p.lena.actor, NewSessions {
            first: Some(local("2026-11-23 14:00")),
            ..online(&[ana], "individual", &[])
        }).await.unwrap()[0];
        cancel(&app, &p.lena.actor, cancelled, "Lena is unwell").await.unwrap();
        // An outside link stays possible, and the session's own room is there as well.
        let linked = schedule(&app, &p.lena.actor, NewSessions {
            place: "https://meet.example.org/ruiz".into(),
            first: Some(local("2026-11-23 16:00")),
            ..online(&[ana], "individual", &[])
        }).await.unwrap()[0];
        clock.advance(Duration::hours(7));
        assert_eq!(room::enter(&app, &p.ana.actor, in_person).await.unwrap().state, RoomState::NoRoom);
        assert_eq!(room::enter(&app, &p.ana.actor, cancelled).await.unwrap().state, RoomState::Cancelled);
        assert!(room::enter_open(&app, &p.ana.actor, linked).await.is_ok());
        // "online" with a link that is not one: the field to fix.
        let bad = schedule(&app, &p.lena.actor, NewSessions {
            place: "meet.example.org".into(),
            first: Some(local("2026-11-24 16:00")),
            ..online(&[ana], "individual", &[])
        }).await;
        assert_eq!(rapport_testkit::asserts::invalid_field(bad), "place");
    }

    async fn the_waiting_room_the_end_and_what_is_kept(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let s = schedule(&app, &p.lena.actor, online(&[ana], "individual", &[])).await.unwrap()[0];
        clock.advance(Duration::minutes(58));
        let host = room::enter_open(&app, &p.lena.actor, s).await.unwrap();
        let guest = room::enter_open(&app, &p.ana.actor, s).await.unwrap();

        // Lena is in at once; Ana waits until Lena lets her in.
        assert!(room::join(&app, &p.lena.actor, &host).await.unwrap());
        assert!(!room::join(&app, &p.ana.actor, &guest).await.unwrap());
        assert!(forbidden(room::admit(&app, &p.ana.actor, s, ana).await), "only the host lets people in");
        assert!(room::admit(&app, &p.lena.actor, s, ana).await.unwrap());
        assert!(!room::admit(&app, &p.lena.actor, s, ana).await.unwrap(), "not waiting any more");
        // A drop and a reconnect: straight back in.
        room::leave(&app, &p.ana.actor, &guest).await.unwrap();
        clock.advance(Duration::minutes(3));
        assert!(room::join(&app, &p.ana.actor, &guest).await.unwrap());
        assert_eq!(audited(t, "room.joined", "ok").await, 3);
        assert_eq!(audited(t, "room.left", "ok").await, 1);
        assert_eq!(audited(t, "room.admitted", "ok").await, 1);

        // A line of the chat saved to Ana's record, sealed; nobody else may save one.
        let line = "I will call my sister on Sunday.";
        room::save_line(&app, &p.lena.actor, s, ana, "Ana Ruiz", line).await.unwrap();
        assert!(forbidden(room::save_line(&app, &p.ana.actor, s, ana, "Ana Ruiz", "x").await));
        assert_eq!(
            rapport_testkit::asserts::invalid_field(room::save_line(&app, &p.lena.actor, s, id(&p.bo.actor), "Bo", "x").await),
            "client"
        );
        let stored = t.texts("SELECT body FROM room_lines", vec![]).await;
        assert_eq!(stored.len(), 1);
        assert!(!stored[0].clone().unwrap().contains("sister"), "sealed");

        // Only Lena ends it; then nobody comes in, and what it left is on the record.
        assert!(forbidden(room::end(&app, &p.ana.actor, s).await));
        assert_eq!(room::end(&app, &p.lena.actor, s).await.unwrap(), vec![ana]);
        assert_eq!(room::enter(&app, &p.ana.actor, s).await.unwrap().state, RoomState::Ended);
        assert!(forbidden(room::enter_open(&app, &p.lena.actor, s).await));
        assert!(forbidden(room::enter_open(&app, &p.ana.actor, s).await));
        let record = room::room_record(&app, &p.lena.actor, s, ana).await.unwrap();
        assert_eq!(record.ended_at, Some(app.now()));
        let mut joined: Vec<Uuid> = record.joined.iter().map(|(u, _, _)| *u).collect();
        joined.sort();
        let mut expected = vec![p.lena.actor.user_id, ana];
        expected.sort();
        assert_eq!(joined, expected, "both came in (at the same minute here)");
        assert_eq!(record.lines[0].body, format!("Ana Ruiz: {line}"));
        assert!(forbidden(room::room_record(&app, &p.kofi.actor, s, ana).await));
        // The clinician confirms the attendance the room suggests.
        record_attendance(&app, &p.lena.actor, s, ana, "attended").await.unwrap();
    }

    async fn ice_servers_from_the_configuration_with_short_lived_turn_credentials(t: &TestDb) {
        let (plain, clock) = t.app();
        let p = practice(&plain).await;
        let ana = id(&p.ana.actor);
        let s = schedule(&plain, &p.lena.actor, online(&[ana], "individual", &[])).await.unwrap()[0];
        clock.advance(Duration::minutes(50));
        let app = App::new(t.db.clone(), clock.clone(), Config {
            ice_servers: parse_ice_servers("stun:turn.example.org:3478, turns:turn.example.org:5349;secret=north;ttl=600").unwrap(),
            ..Config::default()
        });
        let e = room::enter_open(&app, &p.ana.actor, s).await.unwrap();
        assert_eq!(e.ice_servers.len(), 2);
        assert_eq!(e.ice_servers[0].urls, "stun:turn.example.org:3478");
        assert_eq!(e.ice_servers[0].username, None);
        let user = e.ice_servers[1].username.clone().unwrap();
        let expiry = (app.now() + Duration::seconds(600)).timestamp();
        assert_eq!(user, format!("{expiry}:{}", ana.simple()));
        assert_eq!(e.ice_servers[1].credential.as_ref().unwrap().len(), 28, "base64 of 20 bytes");
    }

    async fn the_api_shows_the_room_to_attendees_only(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let s = schedule(&app, &p.lena.actor, online(&[ana], "individual", &[])).await.unwrap()[0];
        let ana_token = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let bo_token = api_login(&app, "bo@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let path = format!("/api/v1/sessions/{s}/room");
        let r = b.api("GET", &path, Some(&ana_token), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["state"], "not_yet");
        assert_eq!(r.json()["role"], "client");
        assert_eq!(r.json()["websocket"], format!("/sessions/{s}/room/ws"));
        assert_eq!(r.json()["ice_servers"], serde_json::json!([]));
        assert_eq!(r.json()["encryption"], "dtls-srtp");
        assert_eq!(b.api("GET", &path, Some(&bo_token), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("GET", &path, None, None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(b.api("GET", &format!("/api/v1/sessions/{}/room", Uuid::nil()), Some(&ana_token), None).await.status, StatusCode::NOT_FOUND);
    }

    async fn the_websocket_refuses_before_any_upgrade(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let s = schedule(&app, &p.lena.actor, online(&[ana], "individual", &[])).await.unwrap()[0];
        let ana_token = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let bo_token = api_login(&app, "bo@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let upgrade = |token: &str, origin: &str| {
            Request::get(format!("/sessions/{s}/room/ws"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::HOST, "localhost")
                .header(header::ORIGIN, origin)
                .header(header::CONNECTION, "upgrade")
                .header(header::UPGRADE, "websocket")
                .header(header::SEC_WEBSOCKET_VERSION, "13")
                .header(header::SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==")
                .body(Body::empty())
                .unwrap()
        };
        // Too early, even for Ana; never for Bo; never from another site's page.
        assert_eq!(b.send(upgrade(&ana_token, "http://localhost")).await.status, StatusCode::FORBIDDEN);
        b.clock.advance(Duration::minutes(55));
        let refused = b.send(upgrade(&bo_token, "http://localhost")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(refused.json()["error"]["code"], "forbidden");
        assert_eq!(b.send(upgrade(&ana_token, "https://evil.example")).await.status, StatusCode::FORBIDDEN);
        // Ana passes the check; only then does the upgrade itself matter (this router runs
        // without a real connection to upgrade), and nothing is recorded as a join.
        let r = b.send(upgrade(&ana_token, "http://localhost")).await;
        assert_ne!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(audited(t, "room.joined", "ok").await, 0);
        assert!(audited(t, "room.join", "denied").await >= 1);
    }

    async fn the_room_page_its_headers_and_the_end(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        // At 09:30, so that Lena's sign-in (30 minutes idle for staff) lasts until the room opens.
        let s = schedule(&app, &p.lena.actor, NewSessions {
            first: Some(local("2026-11-23 09:30")),
            ..online(&[ana], "individual", &[])
        }).await.unwrap()[0];
        let room = format!("/sessions/{s}/room");
        b.cookies.insert("rapport_session".into(), p.ana.session.clone());
        // An hour early: 403, saying when it opens; no Join button yet.
        let early = b.get(&room).await;
        assert_eq!(early.status, StatusCode::FORBIDDEN);
        assert!(early.body.contains("It opens at"), "{}", early.body);
        assert!(!b.get(&format!("/sessions/{s}")).await.body.contains(&format!("href=\"{room}\"")));
        b.clock.advance(Duration::minutes(25));
        let page = b.get(&format!("/sessions/{s}")).await;
        assert!(page.body.contains(&format!("href=\"{room}\"")), "no Join link");
        assert!(page.body.contains("in Rapport&#39;s own room") || page.body.contains("in Rapport's own room"));
        let r = b.get(&room).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Encrypted between your browsers (DTLS-SRTP)"));
        assert!(r.body.contains("/static/room.js"));
        assert!(r.body.contains("href=\"/crisis\""));
        let allowed = r.headers.get("permissions-policy").unwrap().to_str().unwrap();
        assert!(allowed.contains("camera=(self)") && allowed.contains("microphone=(self)"), "{allowed}");
        let elsewhere = b.get(&format!("/sessions/{s}")).await;
        assert!(elsewhere.headers.get("permissions-policy").unwrap().to_str().unwrap().contains("camera=()"));
        assert!(b.get("/static/room.js").await.body.contains("RTCPeerConnection"));
        // Bo is no attendee.
        b.cookies.insert("rapport_session".into(), p.bo.session.clone());
        assert_eq!(b.get(&room).await.status, StatusCode::FORBIDDEN);
        // Ana may not end it; Lena ends it and lands on Ana's progress note.
        b.cookies.insert("rapport_session".into(), p.ana.session.clone());
        let refused = b.submit(&room, &format!("{room}/end"), &[]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        b.cookies.insert("rapport_session".into(), p.lena.session.clone());
        let ended = b.submit(&room, &format!("{room}/end"), &[]).await;
        assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.body);
        assert_eq!(ended.location(), format!("/sessions/{s}/notes/{ana}"));
        let after = b.get(&room).await;
        assert_eq!(after.status, StatusCode::FORBIDDEN);
        assert!(after.body.contains("ended"));
    }
}
