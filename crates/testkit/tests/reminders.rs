//! Reminders and notification preferences (issue 16, part 4), on both databases and under the
//! moving clock: each kind of reminder given once at the right instant on the client's own
//! clock (measures due, the daily check-in across a daylight-saving change, homework due,
//! sessions a day and an hour before), a second run and a concurrent run giving nothing twice,
//! the e-mail's time (`email_at`: quiet hours, the daily limit, critical kinds at once), the
//! one-click unsubscribe link without sign-in (and a forged one refused), and the settings'
//! API and page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_app::accounts::api_login;
use rapport_app::clock::ManualClock;
use rapport_app::homework::{NewAssignment, assign};
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_app::reminders::{self, PreferencesInput};
use rapport_app::sessions::{NewSessions, schedule};
use rapport_app::{Actor, App, Config};
use rapport_core::notifications::NoticeKind;
use rapport_testkit::asserts::{invalid_field, local};
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use serde_json::json;
use uuid::Uuid;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Moves the clock to `at` (give or take the moving clock's steps).
fn set(clock: &ManualClock, app: &App, at: &str) {
    clock.advance(utc(at) - app.now());
}

/// Notices of `kind` given to `who`.
async fn notices(t: &TestDb, who: &Actor, kind: NoticeKind) -> i64 {
    t.count(
        "notifications WHERE user_id = ? AND kind = ?",
        vec![who.user_id.into(), kind.as_str().into()],
    )
    .await
}

/// A PHQ-9 opens the client's episode of care: reminders are for active clients.
async fn in_care(app: &App, who: &Actor) {
    submit_measure(app, who, "phq9", &[Some(1); 9], None, None)
        .await
        .unwrap();
}

async fn set_timezone(t: &TestDb, who: &Actor, tz: &str) {
    t.execute(
        "UPDATE users SET timezone = ? WHERE id = ?",
        vec![tz.into(), who.user_id.into()],
    )
    .await;
}

fn checkin() -> NewCheckin {
    NewCheckin {
        mood: Some(5),
        sleep_hours: Some(7.0),
        medication: Some("not_prescribed".into()),
        ..NewCheckin::default()
    }
}

/// A thought record due on `due`, once.
fn thought_record_due(due: NaiveDate) -> NewAssignment {
    NewAssignment {
        kind: "thought_record".into(),
        instructions: "One situation".into(),
        due_on: Some(due),
        repeat: None,
    }
}

/// One 50-minute individual session in person, on 27 November 2026 at 15:00 local time.
fn one_session(client: Uuid) -> NewSessions {
    NewSessions {
        clients: vec![client],
        kind: "individual".into(),
        modality: "in_person".into(),
        place: "Room 2".into(),
        first: Some(local("2026-11-27 15:00")),
        minutes: Some(50),
        weeks: Some(1),
        family: vec![],
        group: None,
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

both_backends! {
    async fn measures_due_are_reminded_once_per_due_occasion(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        // Monday 23 Nov 2026, 09:00 UTC: Ana takes a PHQ-9; GAD-7 and WHO-5 were never taken.
        in_care(&app, &p.ana.actor).await;
        assert_eq!(reminders::run(&app).await.unwrap(), 2, "GAD-7 and WHO-5, first time");
        assert_eq!(reminders::run(&app).await.unwrap(), 0, "nothing twice");
        assert_eq!(notices(t, &p.ana.actor, NoticeKind::MeasureDue).await, 2);
        // Bo has no episode of care: no reminders.
        assert_eq!(notices(t, &p.bo.actor, NoticeKind::MeasureDue).await, 0);
        let links = t
            .texts("SELECT link FROM notifications WHERE kind = 'measure_due' ORDER BY link", vec![])
            .await;
        assert_eq!(links, vec![Some("/measures/gad7".into()), Some("/measures/who5".into())]);
        // A week on, before 09:00 on her clock: the PHQ-9 is due but not reminded yet.
        set(&clock, &app, "2026-11-30T08:58:00Z");
        assert_eq!(reminders::run(&app).await.unwrap(), 0);
        set(&clock, &app, "2026-11-30T09:01:00Z");
        assert_eq!(reminders::run(&app).await.unwrap(), 1, "the weekly PHQ-9");
        assert_eq!(reminders::run(&app).await.unwrap(), 0);
        // Still not taken the next day: the same occasion, no second reminder.
        set(&clock, &app, "2026-12-01T10:00:00Z");
        assert_eq!(reminders::run(&app).await.unwrap(), 0);
        assert_eq!(notices(t, &p.ana.actor, NoticeKind::MeasureDue).await, 3);
        // A disabled account is not reminded.
        t.execute("UPDATE users SET disabled_at = created_at WHERE id = ?", vec![p.ana.actor.user_id.into()]).await;
        set(&clock, &app, "2026-12-30T10:00:00Z");
        assert_eq!(reminders::run(&app).await.unwrap(), 0);
    }

    async fn the_check_in_reminder_keeps_its_local_time_across_daylight_saving(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = &p.ana.actor;
        set_timezone(t, ana, "America/New_York").await;
        in_care(&app, ana).await;
        // No check-in reminder until she chooses a time.
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 0);
        let saved = reminders::save_preferences(
            &app,
            ana,
            PreferencesInput { checkin_at: Some("08:00".into()), ..Default::default() },
        )
        .await
        .unwrap();
        assert_eq!(saved.checkin_at.as_deref(), Some("08:00"));
        // New York springs forward on Sunday 14 March 2027. On Saturday 08:00 EST is 13:00 UTC.
        set(&clock, &app, "2027-03-13T12:58:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 0, "07:58 EST");
        set(&clock, &app, "2027-03-13T13:01:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 1, "08:01 EST");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 1, "once a day");
        // On Sunday 08:00 EDT is 12:00 UTC: an hour earlier in UTC, the same on her clock.
        set(&clock, &app, "2027-03-14T11:58:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 1, "07:58 EDT");
        set(&clock, &app, "2027-03-14T12:01:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 2, "08:01 EDT");
        // Monday: she checked in at 07:00 already, so no reminder.
        set(&clock, &app, "2027-03-15T11:00:00Z");
        submit_checkin(&app, ana, checkin(), None).await.unwrap();
        set(&clock, &app, "2027-03-15T12:01:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::CheckinDue).await, 2, "checked in today");
        // The next reminder the settings announce is Tuesday 08:00 EDT.
        let view = reminders::my_preferences(&app, ana).await.unwrap();
        assert_eq!(view.next_checkin_reminder, Some(utc("2027-03-16T12:00:00Z")));
    }

    async fn homework_is_reminded_on_its_due_day(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = &p.ana.actor;
        in_care(&app, ana).await;
        let hw = assign(
            &app,
            &p.lena.actor,
            ana.user_id,
            thought_record_due(day("2026-11-25")),
        )
        .await
        .unwrap();
        set(&clock, &app, "2026-11-24T12:00:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::HomeworkDue).await, 0, "the day before");
        set(&clock, &app, "2026-11-25T08:58:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::HomeworkDue).await, 0, "before 09:00");
        set(&clock, &app, "2026-11-25T09:01:00Z");
        reminders::run(&app).await.unwrap();
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::HomeworkDue).await, 1);
        let link = t.texts("SELECT link FROM notifications WHERE kind = 'homework_due'", vec![]).await;
        assert_eq!(link, vec![Some(format!("/homework/{hw}"))]);
        set(&clock, &app, "2026-11-26T10:00:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::HomeworkDue).await, 1, "not after its day");
    }

    async fn sessions_are_reminded_a_day_and_an_hour_before(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = &p.ana.actor;
        in_care(&app, ana).await;
        let ids = schedule(
            &app,
            &p.lena.actor,
            one_session(ana.user_id),
        )
        .await
        .unwrap();
        set(&clock, &app, "2026-11-26T14:58:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::SessionSoon).await, 0);
        set(&clock, &app, "2026-11-26T15:01:00Z");
        reminders::run(&app).await.unwrap();
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::SessionSoon).await, 1, "a day before");
        set(&clock, &app, "2026-11-27T13:58:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::SessionSoon).await, 1);
        set(&clock, &app, "2026-11-27T14:01:00Z");
        reminders::run(&app).await.unwrap();
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::SessionSoon).await, 2, "an hour before");
        set(&clock, &app, "2026-11-27T15:30:00Z");
        reminders::run(&app).await.unwrap();
        assert_eq!(notices(t, ana, NoticeKind::SessionSoon).await, 2, "not once it started");
        let links = t
            .texts("SELECT link FROM notifications WHERE kind = 'session_soon'", vec![])
            .await;
        assert_eq!(links, vec![Some(format!("/sessions/{}", ids[0])); 2]);
    }

    async fn two_runs_at_once_give_each_reminder_once(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        in_care(&app, &p.ana.actor).await;
        in_care(&app, &p.bo.actor).await;
        // A second server: its own pool on the same database, the same clock.
        let other = App::new(t.reopen().await, clock.clone() as Arc<_>, Config::default());
        let (a, b) = tokio::join!(reminders::run(&app), reminders::run(&other));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a + b, 4, "GAD-7 and WHO-5 for each of two clients, given once: {a} + {b}");
        assert_eq!(t.count("notifications WHERE kind = 'measure_due'", vec![]).await, 4);
        assert_eq!(t.count("reminder_log", vec![]).await, 4);
    }

    async fn a_run_looks_only_at_the_clients_whose_time_has_come(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (&p.ana.actor, &p.bo.actor);
        in_care(&app, ana).await;
        in_care(&app, bo).await;
        assert_eq!(reminders::run(&app).await.unwrap(), 4, "GAD-7 and WHO-5 for each");
        // Each is next looked at at 09:00 on their next day.
        let next_look = |who: &Actor, at: &str| {
            t.count(
                "reminder_watch WHERE client_id = ? AND look_at = ?",
                vec![who.user_id.into(), utc(at).into()],
            )
        };
        assert_eq!(next_look(ana, "2026-11-24T09:00:00Z").await, 1);
        assert_eq!(next_look(bo, "2026-11-24T09:00:00Z").await, 1);
        // Until then a run reads one statement, however many clients are in care.
        set(&clock, &app, "2026-11-23T18:00:00Z");
        let before = t.db.statements_run();
        assert_eq!(reminders::run(&app).await.unwrap(), 0);
        assert_eq!(t.db.statements_run() - before, 1, "nobody's time has come");
        // Homework assigned after the day's look, due today: the assignment marks her, and the
        // next run reminds her.
        assign(
            &app,
            &p.lena.actor,
            ana.user_id,
            thought_record_due(day("2026-11-23")),
        )
        .await
        .unwrap();
        assert_eq!(reminders::run(&app).await.unwrap(), 1);
        assert_eq!(notices(t, ana, NoticeKind::HomeworkDue).await, 1);
        // A client no longer in care is not looked at again until something of theirs changes.
        t.execute("UPDATE users SET disabled_at = created_at WHERE id = ?", vec![bo.user_id.into()]).await;
        assert_eq!(reminders::run(&app).await.unwrap(), 0);
        assert_eq!(t.count("reminder_watch WHERE client_id = ? AND look_at IS NULL", vec![bo.user_id.into()]).await, 1);
        t.execute("UPDATE users SET disabled_at = NULL WHERE id = ?", vec![bo.user_id.into()]).await;
        assert_eq!(next_look(bo, "2026-11-24T09:00:00Z").await, 0, "marked again");
        reminders::run(&app).await.unwrap();
        assert_eq!(next_look(bo, "2026-11-24T09:00:00Z").await, 1);
    }

    async fn every_change_the_reminders_depend_on_marks_the_client(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = &p.ana.actor;
        in_care(&app, ana).await;
        let marked = || {
            t.count(
                "reminder_watch WHERE client_id = ? AND look_at < ?",
                vec![ana.user_id.into(), utc("2000-01-01T00:00:00Z").into()],
            )
        };
        assert_eq!(marked().await, 1, "the episode's start");
        reminders::run(&app).await.unwrap();
        assert_eq!(marked().await, 0, "looked at");
        let mut changes = 0;
        let mut check = async |what: &str| {
            assert_eq!(marked().await, 1, "{what} marks her");
            reminders::run(&app).await.unwrap();
            assert_eq!(marked().await, 0, "{what}: looked at");
            changes += 1;
        };
        set_timezone(t, ana, "Europe/Madrid").await;
        check("her timezone").await;
        reminders::save_preferences(
            &app,
            ana,
            PreferencesInput { checkin_at: Some("20:00".into()), ..Default::default() },
        )
        .await
        .unwrap();
        check("her reminder time").await;
        rapport_app::measures::set_schedule(&app, &p.lena.actor, ana.user_id, "gad7", 14)
            .await
            .unwrap();
        check("her schedule").await;
        assign(
            &app,
            &p.lena.actor,
            ana.user_id,
            thought_record_due(day("2026-11-30")),
        )
        .await
        .unwrap();
        check("homework").await;
        let ids = schedule(
            &app,
            &p.lena.actor,
            one_session(ana.user_id),
        )
        .await
        .unwrap();
        check("a session").await;
        t.execute(
            "UPDATE therapy_sessions SET starts_at = ? WHERE id = ?",
            vec![utc("2026-11-24T10:00:00Z").into(), ids[0].into()],
        )
        .await;
        check("the session moved").await;
        t.execute("UPDATE episodes SET state = 'maintenance' WHERE client_id = ?", vec![ana.user_id.into()]).await;
        check("her episode's state").await;
        let mut s = rapport_app::settings::get(&app, &p.admin.actor).await.unwrap();
        s.default_schedule.insert("who5".into(), 21);
        rapport_app::settings::set(&app, &p.admin.actor, s).await.unwrap();
        check("the instance's default schedule").await;
        t.execute("UPDATE users SET disabled_at = created_at WHERE id = ?", vec![ana.user_id.into()]).await;
        check("her account disabled").await;
        assert_eq!(changes, 9);
    }

    async fn email_waits_for_quiet_hours_keeps_the_daily_limit_and_critical_goes_at_once(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.actor.user_id;
        // 09:00 UTC, outside the default quiet hours (21:00–08:00): at once.
        let at = reminders::decide_email(&app, ana, NoticeKind::CheckinDue).await.unwrap().unwrap();
        assert!(at > utc("2026-11-23T08:59:00Z") && at < utc("2026-11-23T09:10:00Z"), "{at}");
        // 22:00: the e-mail waits until 08:00 the next morning.
        set(&clock, &app, "2026-11-23T22:00:00Z");
        let waits = reminders::decide_email(&app, ana, NoticeKind::MeasureDue).await.unwrap();
        assert_eq!(waits, Some(utc("2026-11-24T08:00:00Z")));
        // It counts on the day it goes: two more reminders fill 24 November's limit of 3.
        for _ in 0..2 {
            assert!(reminders::decide_email(&app, ana, NoticeKind::HomeworkDue).await.unwrap().is_some());
        }
        assert_eq!(reminders::decide_email(&app, ana, NoticeKind::SessionSoon).await.unwrap(), None, "a fourth");
        // Messages do not count, but wait for the quiet hours' end too.
        assert_eq!(
            reminders::decide_email(&app, ana, NoticeKind::Message).await.unwrap(),
            Some(utc("2026-11-24T08:00:00Z"))
        );
        // A safety flag reaches the clinician at once, at night.
        let now = app.now();
        let flag = reminders::decide_email(&app, p.lena.actor.user_id, NoticeKind::SafetyFlag).await.unwrap().unwrap();
        assert!(flag - now < Duration::minutes(1), "{flag} {now}");
        // Nobody e-mails an administrator about clients; a clinician may turn safety e-mails off.
        assert_eq!(reminders::decide_email(&app, p.admin.actor.user_id, NoticeKind::SafetyFlag).await.unwrap(), None);
        reminders::save_preferences(
            &app,
            &p.lena.actor,
            PreferencesInput { email: vec![("safety_flag".into(), false)], ..Default::default() },
        )
        .await
        .unwrap();
        assert_eq!(reminders::decide_email(&app, p.lena.actor.user_id, NoticeKind::SafetyFlag).await.unwrap(), None);
        // Ana in New York, no quiet hours, a limit of 1: her local day decides.
        set_timezone(t, &p.ana.actor, "America/New_York").await;
        reminders::save_preferences(
            &app,
            &p.ana.actor,
            PreferencesInput {
                quiet_start: Some(String::new()),
                quiet_end: Some(String::new()),
                daily_limit: Some(1),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        set(&clock, &app, "2026-11-26T04:00:00Z"); // 23:00 on the 25th in New York
        assert!(reminders::decide_email(&app, ana, NoticeKind::CheckinDue).await.unwrap().is_some());
        set(&clock, &app, "2026-11-26T04:30:00Z");
        assert_eq!(reminders::decide_email(&app, ana, NoticeKind::CheckinDue).await.unwrap(), None);
        set(&clock, &app, "2026-11-26T05:01:00Z"); // 00:01 on the 26th there
        assert!(reminders::decide_email(&app, ana, NoticeKind::CheckinDue).await.unwrap().is_some());
    }

    async fn one_click_unsubscribe_works_without_signing_in_and_refuses_a_forged_link(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = p.ana.actor.user_id;
        assert_eq!(reminders::unsubscribe_link(&app, ana, NoticeKind::SafetyFlag), None);
        assert_eq!(reminders::unsubscribe_link(&app, ana, NoticeKind::CareTeamJoined), None);
        let path = reminders::unsubscribe_link(&app, ana, NoticeKind::CheckinDue).unwrap();
        assert!(path.starts_with("/unsubscribe/"));
        // The link names no one and nothing: no id, no kind in words.
        assert!(!path.contains(&ana.to_string()) && !path.contains("checkin"));
        let page = b.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Time for your check-in") && page.body.contains("<button"));
        // Showing the page changes nothing.
        assert_eq!(t.count("notification_channels", vec![]).await, 0);
        // The mail program's one-click POST (RFC 8058), with no cookie and no CSRF token.
        b.cookies.clear();
        let done = b.post_form(&path, &[("List-Unsubscribe", "One-Click")]).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert!(done.body.contains("no more e-mails") && done.body.contains("/settings/notifications"));
        assert_eq!(reminders::decide_email(&app, ana, NoticeKind::CheckinDue).await.unwrap(), None);
        let prefs = reminders::my_preferences(&app, &p.ana.actor).await.unwrap();
        let checkin = prefs.email.iter().find(|c| c.kind == NoticeKind::CheckinDue).unwrap();
        assert!(!checkin.email);
        assert!(prefs.email.iter().find(|c| c.kind == NoticeKind::MeasureDue).unwrap().email, "only that kind");
        // Again: the same.
        assert_eq!(b.post_form(&path, &[]).await.status, StatusCode::OK);
        assert_eq!(t.count("audit_events WHERE action = 'notification_preferences.unsubscribed'", vec![]).await, 2);
        // Altered: one character changed, or another person's id with this signature.
        let token = path.trim_start_matches("/unsubscribe/");
        let mut chars: Vec<char> = token.chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        let forged: String = chars.into_iter().collect();
        for bad in [format!("/unsubscribe/{forged}"), "/unsubscribe/not-a-token".to_string()] {
            let r = b.get(&bad).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
            assert!(r.body.contains("does not work"));
            assert_eq!(b.post_form(&bad, &[("List-Unsubscribe", "One-Click")]).await.status, StatusCode::BAD_REQUEST);
        }
        let bo = p.bo.actor.user_id;
        let bo_path = reminders::unsubscribe_link(&app, bo, NoticeKind::CheckinDue).unwrap();
        let spliced = format!("{}{}", &bo_path[..bo_path.len() - 43], &path[path.len() - 43..]);
        assert_eq!(b.get(&spliced).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(t.count("notification_channels WHERE user_id = ?", vec![bo.into()]).await, 0);
    }

    async fn the_preferences_api_names_the_field_to_fix(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let url = "/api/v1/me/notification-preferences";
        assert_eq!(b.api("GET", url, None, None).await.status, StatusCode::UNAUTHORIZED);
        let r = b.api("GET", url, Some(&token), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        assert_eq!(v["quiet_start"], "21:00");
        assert_eq!(v["quiet_end"], "08:00");
        assert_eq!(v["daily_limit"], 3);
        assert!(v["checkin_at"].is_null());
        assert_eq!(v["timezone"], "UTC");
        let kinds: Vec<&str> = v["email"].as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
        assert!(kinds.contains(&"checkin_due") && !kinds.contains(&"safety_flag"), "{kinds:?}");
        for (body, field) in [
            (json!({"daily_limit": 11}), "daily_limit"),
            (json!({"daily_limit": -1}), "daily_limit"),
            (json!({"quiet_start": "21:00"}), "quiet_end"),
            (json!({"quiet_start": "21:00", "quiet_end": "21:00"}), "quiet_end"),
            (json!({"quiet_start": "9pm", "quiet_end": "08:00"}), "quiet_start"),
            (json!({"checkin_at": "7pm"}), "checkin_at"),
            (json!({"email": {"safety_flag": true}}), "email.safety_flag"),
            (json!({"email": {"postcards": true}}), "email.postcards"),
        ] {
            let r = b.api("PUT", url, Some(&token), Some(body.clone())).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
            assert_eq!(r.json()["error"]["field"], field, "{body}: {}", r.body);
        }
        assert_eq!(t.count("notification_preferences", vec![]).await, 0, "nothing saved");
        let r = b
            .api(
                "PUT",
                url,
                Some(&token),
                Some(json!({"checkin_at": "19:30", "quiet_start": "22:00", "quiet_end": "07:00", "daily_limit": 2, "email": {"measure_due": false}})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = b.api("GET", url, Some(&token), None).await.json();
        assert_eq!((v["checkin_at"].as_str(), v["quiet_start"].as_str(), v["quiet_end"].as_str()), (Some("19:30"), Some("22:00"), Some("07:00")));
        assert_eq!(v["daily_limit"], 2);
        let measure = v["email"].as_array().unwrap().iter().find(|k| k["kind"] == "measure_due").unwrap().clone();
        assert_eq!(measure["email"], false);
        assert!(v["next_checkin_reminder"].is_string());
        // Turning the reminder and the quiet hours off.
        let r = b.api("PUT", url, Some(&token), Some(json!({"checkin_at": "", "quiet_start": "", "quiet_end": ""}))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.json()["checkin_at"].is_null() && r.json()["quiet_start"].is_null());
        // The use-case refuses alike.
        let e = reminders::save_preferences(&app, &p.bo.actor, PreferencesInput { daily_limit: Some(99), ..Default::default() }).await;
        assert_eq!(invalid_field(e), "daily_limit");
    }

    async fn the_settings_page_keeps_what_was_typed_on_an_error(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        b.cookies.insert("rapport_session".into(), p.ana.session.clone());
        let account = b.get("/account").await;
        assert!(account.body.contains("/settings/notifications"));
        let form = b.get("/settings/notifications").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("Daily check-in reminder") && form.body.contains("value=\"21:00\""));
        let r = b
            .submit(
                "/settings/notifications",
                "/settings/notifications",
                &[("checkin_at", "18:45"), ("quiet_start", "22:15"), ("quiet_end", ""), ("daily_limit", "2"), ("email.checkin_due", "on")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("value=\"18:45\"") && r.body.contains("value=\"22:15\""), "kept what was typed");
        assert!(r.body.contains("quiet_end-error"));
        let r = b
            .submit(
                "/settings/notifications",
                "/settings/notifications",
                &[("checkin_at", "18:45"), ("quiet_start", "22:15"), ("quiet_end", "07:30"), ("daily_limit", "2"), ("email.checkin_due", "on")],
            )
            .await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/settings/notifications?done=saved"));
        let v = reminders::my_preferences(&app, &p.ana.actor).await.unwrap();
        assert_eq!(v.checkin_at.as_deref(), Some("18:45"));
        assert_eq!((v.quiet_start.as_deref(), v.quiet_end.as_deref()), (Some("22:15"), Some("07:30")));
        // Unticked boxes are turned off.
        assert!(v.email.iter().filter(|c| c.kind != NoticeKind::CheckinDue).all(|c| !c.email));
        let page = b.get("/settings/notifications?done=saved").await;
        assert!(page.body.contains("value=\"18:45\"") && page.body.contains("saved"));
    }
}
