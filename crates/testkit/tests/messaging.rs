//! Secure messages (issue 16, part 5) through the use-cases, the API and the pages, on both
//! databases (and under the moving clock): a client and their clinician write both ways; bodies
//! are sealed in the database; reading marks the others' messages read (a receipt per message
//! and reader, its first time kept); a new message notifies the other side in the same
//! transaction; family members, administrators and clinicians off the team are refused and
//! learn nothing; words of self-harm show the crisis lines and raise no flag; a clinician's
//! away message shows outside their office hours, across daylight saving.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use rapport_app::App;
use rapport_app::accounts::{api_login, totp};
use rapport_app::clock::ManualClock;
use rapport_app::messaging::{
    NewOfficeHours, NewPeriod, inbox, my_office_hours, send, set_office_hours, thread,
};
use rapport_core::accounts::Role;
use rapport_testkit::asserts::{conflict, forbidden, id, invalid_field};
use rapport_testkit::browser::Browser;
use rapport_testkit::family::{family_member, grant};
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use serde_json::json;

const SECRET: &str = "Quillimane: I could not face the bus today";

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    t.count(
        "audit_events WHERE action = ? AND outcome = ?",
        vec![action.into(), outcome.into()],
    )
    .await
}

async fn notices(t: &TestDb, user: uuid::Uuid) -> Vec<(String, String, Option<uuid::Uuid>)> {
    t.query(
        "SELECT kind, link, subject_id FROM notifications WHERE user_id = ? AND kind = 'message' ORDER BY created_at, id",
        vec![user.into()],
    )
    .await
    .iter()
    .map(|r| {
        (
            r.try_get_by_index::<String>(0).unwrap(),
            r.try_get_by_index::<String>(1).unwrap(),
            r.try_get_by_index::<Option<uuid::Uuid>>(2).unwrap(),
        )
    })
    .collect()
}

/// Moves the test clock to `at` (give or take the moments a moving clock adds).
fn move_to(clock: &ManualClock, app: &App, at: chrono::DateTime<Utc>) {
    clock.advance(at - app.now());
}

fn weekdays(from: &str, to: &str) -> Vec<NewPeriod> {
    ["monday", "tuesday", "wednesday", "thursday", "friday"]
        .into_iter()
        .map(|d| NewPeriod {
            day: d.into(),
            start: from.into(),
            end: to.into(),
        })
        .collect()
}

both_backends! {
    async fn a_client_and_their_clinician_write_both_ways(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let lena = id(&p.lena.actor);

        // Ana writes; the body is sealed; Lena is notified, linked to the thread.
        let sent = send(&app, &p.ana.actor, ana, &format!("  {SECRET}  ")).await.unwrap();
        assert_eq!(sent.message.body, SECRET, "trimmed");
        assert!(!sent.crisis_resources_shown);
        assert_eq!(sent.notified, 1);
        let raw = t.texts("SELECT body FROM messages", vec![]).await;
        assert_eq!(raw.len(), 1);
        assert!(raw.iter().all(|b| b.as_deref().is_some_and(|b| b.starts_with("v1:") && !b.contains("Quillimane") && !b.contains("bus"))), "{raw:?}");
        let lenas = notices(t, lena).await;
        assert_eq!(lenas, vec![("message".into(), format!("/clients/{ana}/messages"), Some(sent.message.id))]);
        assert!(notices(t, ana).await.is_empty(), "the writer is not notified");
        assert_eq!(audited(t, "message.sent", "ok").await, 1);

        // Ana's own reading marks nothing (her own message), and shows it unread.
        clock.advance(Duration::minutes(5));
        let mine = thread(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(mine.newly_read, 0);
        assert_eq!(mine.messages.len(), 1);
        assert!(mine.messages[0].read_by.is_empty());
        assert_eq!(mine.messages[0].author_role, Role::Client);
        assert!(mine.can_send);

        // Lena reads: a receipt with her name and time; reading again keeps the first time.
        clock.advance(Duration::hours(2));
        let read_at = app.now();
        let hers = thread(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(hers.newly_read, 1);
        assert_eq!(hers.client_name, "Ana Ruiz");
        clock.advance(Duration::hours(1));
        let again = thread(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(again.newly_read, 0);
        assert_eq!(t.count("message_receipts", vec![]).await, 1);
        let receipt = &again.messages[0].read_by;
        assert_eq!(receipt.len(), 1);
        assert_eq!((receipt[0].user_id, receipt[0].name.as_str()), (lena, "Dr Lena Okafor"));
        assert!(receipt[0].read_at >= read_at && receipt[0].read_at < read_at + Duration::minutes(1), "the first reading's time");
        assert_eq!(audited(t, "message.read", "ok").await, 3);

        // Lena replies: Ana is notified with her own page as the link; the reply reaches Ana.
        let reply = send(&app, &p.lena.actor, ana, "Thank you for telling me. Shall we talk about it on Thursday?").await.unwrap();
        assert!(!reply.crisis_resources_shown);
        assert!(reply.away.is_empty(), "away messages answer a client's message only");
        let anas = notices(t, ana).await;
        assert_eq!(anas, vec![("message".into(), "/messages".into(), Some(reply.message.id))]);
        let mine = thread(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(mine.newly_read, 1);
        assert_eq!(mine.messages.len(), 2);
        assert_eq!(mine.messages[1].author_name, "Dr Lena Okafor");
        assert_eq!(mine.messages[1].author_role, Role::Clinician);
        assert_eq!(mine.messages[0].read_by[0].name, "Dr Lena Okafor", "Ana sees Lena read hers");
        let hers = thread(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(hers.messages[1].read_by[0].user_id, ana, "Lena sees Ana read hers");

        // Lena's inbox: Ana's thread, nothing unread; a new message from Ana makes one.
        let list = inbox(&app, &p.lena.actor).await.unwrap();
        assert_eq!((list.len(), list[0].client_id, list[0].unread), (1, ana, 0));
        send(&app, &p.ana.actor, ana, "Thursday is good.").await.unwrap();
        assert_eq!(inbox(&app, &p.lena.actor).await.unwrap()[0].unread, 1);
        assert!(forbidden(inbox(&app, &p.ana.actor).await));
    }

    async fn a_second_clinician_hears_of_each_side(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        rapport_app::care_teams::assign(&app, &p.admin.actor, ana, id(&p.kofi.actor), rapport_core::accounts::CareTeamRole::Psychiatrist).await.unwrap();
        let s = send(&app, &p.ana.actor, ana, "Hello both").await.unwrap();
        assert_eq!(s.notified, 2);
        let s = send(&app, &p.kofi.actor, ana, "Hello Ana, I am the psychiatrist on your team.").await.unwrap();
        assert_eq!(s.notified, 2, "the client and the other clinician");
        assert_eq!(notices(t, id(&p.lena.actor)).await.len(), 2);
        assert_eq!(notices(t, id(&p.kofi.actor)).await.len(), 1);
        assert_eq!(notices(t, ana).await.len(), 1);
        // The thread shows both clinicians' office hours (none set yet).
        let th = thread(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(th.office_hours.len(), 2);
        assert!(th.office_hours.iter().all(|h| h.open_now.is_none() && h.away_message.is_none()));
    }

    async fn nobody_else_reads_or_writes_and_nothing_leaks(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        send(&app, &p.ana.actor, ana, SECRET).await.unwrap();
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        // Every scope there is: none opens messages.
        for scope in ["learning", "warning_signs", "safety_plan", "family_sessions", "observations"] {
            grant(t, &app, ana, &marta, scope).await;
        }
        for who in [&marta, &p.admin.actor, &p.kofi.actor, &p.bo.actor] {
            let r = thread(&app, who, ana).await;
            assert!(matches!(r, Err(rapport_app::Error::Forbidden)), "{}: {r:?}", who.name);
            let r = send(&app, who, ana, "Probe").await;
            assert!(matches!(r, Err(rapport_app::Error::Forbidden)), "{}: {r:?}", who.name);
        }
        // Refusals come before the body is judged (an empty body by an outsider is a 403).
        assert!(forbidden(send(&app, &p.kofi.actor, ana, "").await));
        // Ana cannot reach Bo's thread.
        assert!(forbidden(thread(&app, &p.ana.actor, bo).await));
        assert_eq!(t.count("messages", vec![]).await, 1);
        assert_eq!(t.count("message_receipts", vec![]).await, 0, "a refused read marks nothing");
        assert_eq!(audited(t, "message.read", "denied").await, 5);
        assert_eq!(audited(t, "message.sent", "denied").await, 5);
        // Kofi's inbox lists no client of Lena's.
        assert!(inbox(&app, &p.kofi.actor).await.unwrap().is_empty());
        assert!(forbidden(inbox(&app, &marta).await));
        assert!(forbidden(inbox(&app, &p.admin.actor).await));
        // A clinician taken off the team loses the thread at once.
        rapport_app::care_teams::end_membership(&app, &p.admin.actor, ana, id(&p.lena.actor)).await.unwrap();
        assert!(forbidden(thread(&app, &p.lena.actor, ana).await));
    }

    async fn validation_and_a_client_without_a_care_team(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        assert_eq!(invalid_field(send(&app, &p.ana.actor, ana, "").await), "body");
        assert_eq!(invalid_field(send(&app, &p.ana.actor, ana, " \n ").await), "body");
        assert_eq!(invalid_field(send(&app, &p.ana.actor, ana, &"a".repeat(4001)).await), "body");
        assert_eq!(invalid_field(send(&app, &p.lena.actor, ana, &"a".repeat(4001)).await), "body");
        send(&app, &p.ana.actor, ana, &"é".repeat(4000)).await.unwrap();
        assert_eq!(t.count("messages", vec![]).await, 1);
        // Bo has no care team: nobody would read it, so it is refused, plainly.
        let th = thread(&app, &p.bo.actor, bo).await.unwrap();
        assert!(!th.can_send && th.office_hours.is_empty());
        assert!(conflict(send(&app, &p.bo.actor, bo, "Is anyone there?").await));
        assert_eq!(t.count("messages WHERE client_id = ?", vec![bo.into()]).await, 0);
    }

    async fn words_of_self_harm_show_the_crisis_lines_and_raise_no_flag(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let flags_before = t.count("flags", vec![]).await;
        let s = send(&app, &p.ana.actor, ana, "I keep thinking I would be better off dead.").await.unwrap();
        assert!(s.crisis_resources_shown);
        let s = send(&app, &p.ana.actor, ana, "I don’t want to live like this").await.unwrap();
        assert!(s.crisis_resources_shown);
        // Near misses show nothing.
        for text in ["My homework is overdue", "I was killing it at work", "I need to skill myself up"] {
            assert!(!send(&app, &p.ana.actor, ana, text).await.unwrap().crisis_resources_shown, "{text}");
        }
        // A clinician's words never do (they may name a crisis line to the client).
        assert!(!send(&app, &p.lena.actor, ana, "If you think of suicide, call 988 at once.").await.unwrap().crisis_resources_shown);
        // No flag, no safety notice: only the ordinary message notices.
        assert_eq!(t.count("flags", vec![]).await, flags_before);
        assert_eq!(t.count("notifications WHERE kind NOT IN ('message', 'care_team_joined')", vec![]).await, 0, "only message notices (and the set-up's care-team notices)");
    }

    async fn away_messages_show_outside_office_hours(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);

        // Only a clinician sets office hours; errors name the field.
        assert!(forbidden(my_office_hours(&app, &p.ana.actor).await));
        assert!(forbidden(set_office_hours(&app, &p.admin.actor, NewOfficeHours::default()).await));
        let bad = |timezone: &str, hours: Vec<NewPeriod>, away: Option<&str>| NewOfficeHours {
            timezone: timezone.into(),
            hours,
            away_message: away.map(str::to_string),
        };
        assert_eq!(invalid_field(set_office_hours(&app, &p.lena.actor, bad("Mars/Olympus", vec![], None)).await), "timezone");
        let mut hours = weekdays("09:00", "17:00");
        hours[2].start = "9am".into();
        assert_eq!(invalid_field(set_office_hours(&app, &p.lena.actor, bad("America/New_York", hours, None)).await), "hours[2].start");
        let mut hours = weekdays("09:00", "17:00");
        hours[1].day = "someday".into();
        assert_eq!(invalid_field(set_office_hours(&app, &p.lena.actor, bad("America/New_York", hours, None)).await), "hours[1].day");
        assert_eq!(invalid_field(set_office_hours(&app, &p.lena.actor, bad("America/New_York", weekdays("17:00", "09:00"), None)).await), "hours[0]");
        assert_eq!(invalid_field(set_office_hours(&app, &p.lena.actor, bad("America/New_York", weekdays("09:00", "17:00"), Some(&"a".repeat(501)))).await), "away_message");

        let away = "I read messages on weekdays, 9 to 5. In a crisis, call 988.";
        let v = set_office_hours(&app, &p.lena.actor, bad("America/New_York", weekdays("09:00", "17:00"), Some(away))).await.unwrap();
        assert_eq!((v.timezone.as_str(), v.hours.len()), ("America/New_York", 5));
        assert_eq!(my_office_hours(&app, &p.lena.actor).await.unwrap().away_message.as_deref(), Some(away));
        assert_eq!(audited(t, "office_hours.set", "ok").await, 1);

        // Monday 23 November 2026, 09:00 UTC is 04:00 in New York (EST): away.
        let th = thread(&app, &p.ana.actor, ana).await.unwrap();
        let h = &th.office_hours[0];
        assert_eq!(h.open_now, Some(false));
        assert_eq!(h.away_message.as_deref(), Some(away));
        let next = h.next_opening.as_ref().unwrap();
        assert_eq!((next.days_ahead, next.time.as_str()), (0, "09:00"));
        let s = send(&app, &p.ana.actor, ana, "Are you there?").await.unwrap();
        assert_eq!(s.away.len(), 1);
        assert_eq!(s.away[0].away_message.as_deref(), Some(away));

        // 15:00 UTC is 10:00 in New York: in office hours, no away message.
        move_to(&clock, &app, Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
        let s = send(&app, &p.ana.actor, ana, "And now?").await.unwrap();
        assert!(s.away.is_empty());
        let h = &thread(&app, &p.ana.actor, ana).await.unwrap().office_hours[0];
        assert_eq!((h.open_now, h.away_message.as_deref()), (Some(true), None));

        // Across daylight saving: 13:30 UTC is 08:30 EST in November (away) but 09:30 EDT on
        // Monday 8 June 2026 (in).
        move_to(&clock, &app, Utc.with_ymd_and_hms(2026, 11, 30, 13, 30, 0).unwrap());
        assert_eq!(thread(&app, &p.ana.actor, ana).await.unwrap().office_hours[0].open_now, Some(false));
        move_to(&clock, &app, Utc.with_ymd_and_hms(2027, 6, 7, 13, 30, 0).unwrap());
        assert_eq!(thread(&app, &p.ana.actor, ana).await.unwrap().office_hours[0].open_now, Some(true));

        // Saturday: away, back on Monday.
        move_to(&clock, &app, Utc.with_ymd_and_hms(2027, 6, 12, 16, 0, 0).unwrap());
        let h = thread(&app, &p.ana.actor, ana).await.unwrap().office_hours[0].clone();
        assert_eq!(h.open_now, Some(false));
        let next = h.next_opening.unwrap();
        assert_eq!((next.days_ahead, next.day.as_str()), (2, "monday"));

        // Clearing the hours: nothing is claimed, and the away message stays shown.
        set_office_hours(&app, &p.lena.actor, bad("", vec![], Some(away))).await.unwrap();
        let h = thread(&app, &p.ana.actor, ana).await.unwrap().office_hours[0].clone();
        assert_eq!((h.open_now, h.away_message.as_deref()), (None, Some(away)));
        assert_eq!(h.timezone, "America/New_York", "a blank timezone keeps the one set");
    }

    async fn the_api(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        let marta = family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        grant(t, &app, ana, &marta, "observations").await;
        let ana_token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let marta_token = api_login(&app, "marta@example.org", PASSWORD, None, ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let lena_token = api_login(&app, &p.lena.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.kofi.totp_secret, app.now()).unwrap();
        let kofi_token = api_login(&app, &p.kofi.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.admin.totp_secret, app.now()).unwrap();
        let admin_token = api_login(&app, &p.admin.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        let path = format!("/api/v1/clients/{ana}/messages");

        let r = b.api("POST", &path, Some(&ana_token), Some(json!({"body": ""}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("body")));
        let r = b.api("POST", &path, Some(&ana_token), Some(json!({"body": "x".repeat(4001)}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["error"]["message"].as_str().unwrap().contains("4,000"));

        let r = b.api("POST", &path, Some(&ana_token), Some(json!({"body": SECRET}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let j = r.json();
        assert_eq!(j["crisis_resources_shown"], json!(false));
        assert_eq!(j["crisis"], json!([]));
        assert_eq!(j["message"]["author_role"], json!("client"));
        assert_eq!(j["message"]["body"], json!(SECRET));

        let r = b.api("POST", &path, Some(&ana_token), Some(json!({"body": "Some nights I want to kill myself."}))).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let j = r.json();
        assert_eq!(j["crisis_resources_shown"], json!(true));
        assert!(j["crisis"].as_array().unwrap().iter().any(|l| l["href"] == json!("tel:988")));
        assert!(j["crisis_notice"].as_str().unwrap().contains("not at once"));

        // Lena reads the thread: the notice with the crisis lines, the receipt on Ana's side.
        let r = b.api("GET", &path, Some(&lena_token), None).await;
        assert_eq!(r.status, StatusCode::OK);
        let j = r.json();
        assert_eq!(j["messages"].as_array().unwrap().len(), 2);
        assert!(j["notice"]["text"].as_str().unwrap().contains("not watched around the clock"));
        assert!(j["notice"]["crisis"].as_array().unwrap().iter().any(|l| l["href"] == json!("tel:911")));
        assert_eq!(j["office_hours"][0]["name"], json!("Dr Lena Okafor"));
        assert_eq!(j["can_send"], json!(true));
        let r = b.api("GET", &path, Some(&ana_token), None).await;
        assert_eq!(r.json()["messages"][0]["read_by"][0]["name"], json!("Dr Lena Okafor"));

        // Refusals, and nothing of Ana's in them.
        for (who, token) in [("Marta", &marta_token), ("Kofi", &kofi_token), ("the administrator", &admin_token)] {
            for (method, body) in [("GET", None), ("POST", Some(json!({"body": "Probe"})))] {
                let r = b.api(method, &path, Some(token), body).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} as {who}");
                assert!(!r.body.contains("Quillimane") && !r.body.contains("Ana"), "{}", r.body);
            }
        }
        assert_eq!(b.api("GET", &format!("/api/v1/clients/{bo}/messages"), Some(&ana_token), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("GET", &path, None, None).await.status, StatusCode::UNAUTHORIZED);
        // Bo has no care team: 409.
        let bo_token = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let r = b.api("POST", &format!("/api/v1/clients/{bo}/messages"), Some(&bo_token), Some(json!({"body": "Hello?"}))).await;
        assert_eq!(r.status, StatusCode::CONFLICT);

        // Office hours over the API.
        let r = b.api("PUT", "/api/v1/me/office-hours", Some(&lena_token), Some(json!({"timezone": "Europe/London", "hours": [{"day": "monday", "start": "09:00", "end": "12:00"}], "away_message": "Back Monday."}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["hours"][0], json!({"day": "monday", "start": "09:00", "end": "12:00"}));
        let r = b.api("GET", "/api/v1/me/office-hours", Some(&lena_token), None).await;
        assert_eq!((r.json()["timezone"].clone(), r.json()["away_message"].clone()), (json!("Europe/London"), json!("Back Monday.")));
        let r = b.api("PUT", "/api/v1/me/office-hours", Some(&lena_token), Some(json!({"hours": [{"day": "monday", "start": "12:00", "end": "09:00"}]}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("hours[0]")));
        assert_eq!(b.api("GET", "/api/v1/me/office-hours", Some(&ana_token), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("PUT", "/api/v1/me/office-hours", Some(&admin_token), Some(json!({"hours": []}))).await.status, StatusCode::FORBIDDEN);
        // Monday 09:00 UTC (plus the seconds the test took) is 09:0x in London: in hours.
        let r = b.api("GET", &path, Some(&ana_token), None).await;
        assert_eq!(r.json()["office_hours"][0]["open_now"], json!(true));
    }

    async fn the_pages(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);

        // Ana: the thread with the notice and the crisis lines, "Messages" in the navigation.
        b.submit("/login", "/login", &[("email", &p.ana.email), ("password", PASSWORD)]).await;
        let page = b.get("/messages").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("href=\"/messages\""));
        assert!(page.body.contains("not watched around the clock") && page.body.contains("tel:988"));
        assert!(page.body.contains("<label for=\"body\">") && page.body.contains("data-draft=\"message-"));
        // An empty message: sent back with the error, nothing kept but the page.
        let r = b.submit("/messages", "/messages", &[("body", "   ")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Write a message before sending it."));
        // Too long: what was typed is kept in the box.
        let long = format!("{SECRET} {}", "a".repeat(4000));
        let r = b.submit("/messages", "/messages", &[("body", &long)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains(&long) && r.body.contains("aria-invalid=\"true\""));
        // Sent: the confirmation, and the message in the thread.
        let r = b.submit("/messages", "/messages", &[("body", SECRET)]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Message sent.") && r.body.contains("Quillimane"));
        assert!(!r.body.contains("id=\"crisis-now\""));
        // Words of self-harm: the crisis lines at once, and plainly no alert.
        let r = b.submit("/messages", "/messages", &[("body", "I have been cutting myself again")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("id=\"crisis-now\"") && r.body.contains("role=\"alert\""));
        assert!(r.body.contains("Your care team will read this, but not at once.") && r.body.contains("does not raise an alert"));
        assert_eq!(t.count("flags", vec![]).await, 0);
        b.cookies.clear();

        // Lena: the inbox, the thread from the chart, a reply; office hours from the account.
        b.clock.advance(Duration::seconds(30));
        b.submit("/login", "/login", &[("email", &p.lena.email), ("password", PASSWORD)]).await;
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        b.submit("/login/totp", "/login/totp", &[("code", &code)]).await;
        let list = b.get("/messages").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Ana Ruiz") && list.body.contains("2 unread"), "{}", list.body);
        assert!(!list.body.contains("Quillimane"), "the list shows no message");
        let chart = b.get(&format!("/clients/{ana}")).await;
        assert!(chart.body.contains(&format!("href=\"/clients/{ana}/messages\"")), "the chart links to the thread");
        let thread_path = format!("/clients/{ana}/messages");
        let page = b.get(&thread_path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Messages with Ana Ruiz") && page.body.contains("Quillimane"));
        let r = b.submit(&thread_path, &thread_path, &[("body", "I am glad you wrote. Let us talk on Thursday.")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Message sent."));
        let account = b.get("/account").await;
        assert!(account.body.contains("href=\"/settings/office-hours\""), "the account page links to office hours");
        let r = b.submit("/settings/office-hours", "/settings/office-hours", &[("timezone", "Mars/Base"), ("day_0", "monday"), ("start_0", "09:00"), ("end_0", "17:00")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Choose a timezone"));
        let r = b.submit("/settings/office-hours", "/settings/office-hours", &[("timezone", "Europe/London"), ("day_0", "monday"), ("start_0", "09:00"), ("end_0", "17:00"), ("away_message", "Back on Monday.")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Saved."));
        b.cookies.clear();

        // Ana sees the reply, its author, and Lena's office hours.
        b.submit("/login", "/login", &[("email", &p.ana.email), ("password", PASSWORD)]).await;
        let page = b.get("/messages").await;
        assert!(page.body.contains("Let us talk on Thursday.") && page.body.contains("Dr Lena Okafor"));
        assert!(page.body.contains("Read by Dr Lena Okafor"));
        assert!(page.body.contains("Monday 09:00–17:00") && page.body.contains("Europe/London"));
        // A family member or the administrator: refused.
        b.cookies.clear();
        family_member(t, &app, "Marta Ruiz", "marta@example.org").await;
        b.submit("/login", "/login", &[("email", "marta@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(b.get("/messages").await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.get(&thread_path).await.status, StatusCode::FORBIDDEN);
    }
}
