//! Family sessions (issue 15, part 3) on both databases: a family session names family
//! members who hold the `family_sessions` scope (422 naming the item otherwise); the family
//! member's own list, API and calendar feed show it while they hold the scope and drop it
//! when it is revoked; the clinician sees who attends.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use rapport_app::accounts::{api_login, check_password, totp};
use rapport_app::calendar::{feed_events, new_feed};
use rapport_app::sessions::{
    NewSessions, family_attendees, family_to_choose, my_family_sessions, schedule,
};
use rapport_store::consents::{self};
use rapport_testkit::asserts::{forbidden, id, invalid_field, local, not_found};
use rapport_testkit::browser::Browser;
use rapport_testkit::family::{family_member, grant};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use uuid::Uuid;

fn family_session(client: Uuid, family: &[Uuid], kind: &str) -> NewSessions {
    NewSessions {
        clients: vec![client],
        kind: kind.into(),
        modality: "online".into(),
        place: "https://meet.example.org/ruiz".into(),
        first: Some(local("2026-11-30 17:00")),
        minutes: Some(60),
        weeks: Some(2),
        family: family.to_vec(),
        group: None,
    }
}

both_backends! {
    async fn attendees_hold_the_scope_and_see_their_sessions_while_they_do(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        let olle = family_member(t, &app, "Olle Lindqvist", "olle@example.org").await;
        grant(t, &app, ana, &marta, "observations").await;
        grant(t, &app, bo, &olle, "family_sessions").await;

        // Nobody to choose yet: Marta may only report observations.
        assert!(family_to_choose(&app, &p.lena.actor, ana).await.unwrap().is_empty());
        assert_eq!(invalid_field(schedule(&app, &p.lena.actor, family_session(ana, &[marta.user_id], "family")).await), "family[0]");
        assert_eq!(invalid_field(schedule(&app, &p.lena.actor, family_session(ana, &[olle.user_id], "family")).await), "family[0]", "Bo's family, not Ana's");
        let consent = grant(t, &app, ana, &marta, "family_sessions").await;
        assert_eq!(invalid_field(schedule(&app, &p.lena.actor, family_session(ana, &[marta.user_id], "individual")).await), "family");
        assert_eq!(invalid_field(schedule(&app, &p.lena.actor, family_session(ana, &[marta.user_id, olle.user_id], "family")).await), "family[1]");
        assert_eq!(t.count("session_family", vec![]).await, 0);

        let choices = family_to_choose(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(choices.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Marta Ruiz"]);
        assert!(forbidden(family_to_choose(&app, &p.kofi.actor, ana).await));
        assert!(forbidden(family_to_choose(&app, &marta, ana).await));

        let ids = schedule(&app, &p.lena.actor, family_session(ana, &[marta.user_id], "family")).await.unwrap();
        assert_eq!(ids.len(), 2);
        assert_eq!(t.count("session_family", vec![]).await, 2);
        let named = family_attendees(&app, &p.lena.actor, ids[0]).await.unwrap();
        assert_eq!(named.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Marta Ruiz"]);
        assert!(not_found(family_attendees(&app, &p.kofi.actor, ids[0]).await));
        assert!(forbidden(family_attendees(&app, &p.ana.actor, ids[0]).await));

        // Marta's own list: when, how, where, the clinician and Ana's first name.
        let mine = my_family_sessions(&app, &marta).await.unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].client_first_name, "Ana");
        assert_eq!(mine[0].clinician_name, "Dr Lena Okafor");
        assert_eq!(mine[0].minutes, 60);
        assert_eq!(mine[0].modality, "online");
        assert_eq!(mine[0].place.as_deref(), Some("https://meet.example.org/ruiz"));
        assert!(my_family_sessions(&app, &olle).await.unwrap().is_empty(), "not Olle's");
        assert!(forbidden(my_family_sessions(&app, &p.ana.actor).await));
        assert!(forbidden(my_family_sessions(&app, &p.lena.actor).await));

        // Her calendar feed carries them.
        let token = new_feed(&app, &marta).await.unwrap();
        let events = feed_events(&app, &token).await.unwrap();
        assert_eq!(events.iter().map(|e| e.id).collect::<Vec<_>>(), ids);

        // The API.
        let marta_token = api_login(&app, "marta@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        let r = b.api("GET", "/api/v1/family/sessions", Some(&marta_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()[0]["client_first_name"], "Ana");
        assert_eq!(r.json()[0]["id"], ids[0].to_string());
        let ana_token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        assert_eq!(b.api("GET", "/api/v1/family/sessions", Some(&ana_token), None).await.status, StatusCode::FORBIDDEN);

        // The pages: Marta's list, the clinician's session page and scheduling form.
        let marta_in = check_password(&app, "marta@example.org", PASSWORD, ADDRESS).await.unwrap();
        b.cookies.insert("rapport_session".into(), marta_in.session_secret.clone());
        let page = b.get("/family/sessions").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("With Ana and Dr Lena Okafor") && page.body.contains("https://meet.example.org/ruiz"), "{}", page.body);
        b.cookies.remove("rapport_session");
        b.clock.advance(chrono::Duration::seconds(30));
        b.submit("/login", "/login", &[("email", &p.lena.email), ("password", PASSWORD)]).await;
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        let page = b.get(&format!("/sessions/{}", ids[0])).await;
        assert!(page.body.contains("Family attending") && page.body.contains("Marta Ruiz"));
        let page = b.get(&format!("/clients/{ana}/sessions/new")).await;
        assert!(page.body.contains("Family members attending") && page.body.contains(&marta.user_id.to_string()));
        b.cookies.insert("rapport_session".into(), marta_in.session_secret);

        // Revoked: gone from her list, the API and the feed at once.
        consents::revoke(t.db.conn(), consent, app.now()).await.unwrap();
        assert!(my_family_sessions(&app, &marta).await.unwrap().is_empty());
        assert!(feed_events(&app, &token).await.unwrap().is_empty());
        assert_eq!(b.api("GET", "/api/v1/family/sessions", Some(&marta_token), None).await.json(), serde_json::json!([]));
        assert!(!b.get("/family/sessions").await.body.contains("With Ana"));
        // The account page lets her make her own calendar address.
        let account = b.get("/account").await;
        assert!(account.body.contains("action=\"/account/calendar\""), "{}", account.body);
        let made = b.submit("/account", "/account/calendar", &[]).await;
        assert_eq!(made.status, StatusCode::OK);
        assert!(made.body.contains("/calendar/") && made.body.contains(".ics"));
        // The sessions themselves are unchanged for the clinician.
        assert_eq!(family_attendees(&app, &p.lena.actor, ids[0]).await.unwrap().len(), 1);
    }
}
