//! Homework between sessions (issue 13) through the use-cases and the API, on both databases:
//! assigning and listing, drafts saved again and again and then the finished entry, a refused
//! entry that names the field and changes nothing, a daily recurrence, the review and its
//! comment, who may do what (and the audit of it), and the content sealed at rest.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::Path;

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use rapport_app::accounts::{api_login, totp};
use rapport_app::alerts::sweep;
use rapport_app::homework::{
    AssignmentView, NewAssignment, RepeatInput, assign, assignments_of, completion, review,
    save_entry, start_own,
};
use rapport_app::measures::submit_measure;
use rapport_app::{Actor, App};
use rapport_core::homework::{Content, Kind, Status};
use rapport_testkit::asserts::{conflict, forbidden, id, invalid_field, not_found};
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, practice};
use serde_json::{Value, json};
use uuid::Uuid;

/// The caseload's count of entries awaiting review, by client (those with any).
async fn new_entries_count(app: &App, actor: &Actor) -> rapport_app::Result<HashMap<Uuid, usize>> {
    Ok(rapport_app::care_teams::caseload(app, actor)
        .await?
        .into_iter()
        .filter(|e| e.homework_new > 0)
        .map(|e| (e.client_id, e.homework_new))
        .collect())
}

/// Words that must never reach the database files in the clear.
const SITUATION: &str = "Kestrelwick meeting ran over and nobody spoke to me";
const INSTRUCTIONS: &str = "Catch one Larkspindle moment this week";
const COMMENT: &str = "Marblethorn: you found real evidence against it";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn thought_record(due_on: Option<&str>) -> NewAssignment {
    NewAssignment {
        kind: "thought_record".into(),
        instructions: INSTRUCTIONS.into(),
        due_on: due_on.map(day),
        repeat: None,
    }
}

fn first_draft() -> Value {
    json!({"situation": SITUATION})
}

fn second_draft() -> Value {
    json!({
        "situation": SITUATION,
        "moods": [{"name": "Ashamed", "before": 80}],
        "automatic_thoughts": [{"text": "They think I'm useless", "hot": true}],
    })
}

fn finished() -> Value {
    json!({
        "situation": SITUATION,
        "moods": [{"name": "Ashamed", "before": 80}],
        "automatic_thoughts": [{"text": "They think I'm useless", "hot": true}],
        "evidence_for": "Nobody asked me anything",
        "evidence_against": "Sam thanked me for the figures last week",
        "balanced_thought": "They were rushed; it was not about me",
        "belief": 60,
        "moods_after": [{"name": "Ashamed", "after": 40}],
        "distortions": ["jumping_to_conclusions"],
    })
}

fn situation(a: &AssignmentView) -> String {
    match &a
        .occurrences
        .last()
        .unwrap()
        .entry
        .as_ref()
        .unwrap()
        .content
    {
        Content::ThoughtRecord(t) => t.situation.clone(),
        other => panic!("not a thought record: {other:?}"),
    }
}

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    t.count(
        "audit_events WHERE action = ? AND outcome = ?",
        vec![action.into(), outcome.into()],
    )
    .await
}

/// What a refused request must leave alone.
async fn rows(t: &TestDb) -> (i64, Vec<Option<String>>) {
    let entries = t
        .texts("SELECT COALESCE(CAST(reviewed_at AS TEXT), '-') || ' ' || content FROM homework_entries", vec![])
        .await;
    (t.count("homework_assignments", vec![]).await, entries)
}

async fn only(app: &App, actor: &Actor, client: Uuid) -> AssignmentView {
    let mut list = assignments_of(app, actor, client).await.unwrap();
    assert_eq!(list.len(), 1);
    list.remove(0)
}

both_backends! {
    async fn a_clinician_assigns_and_both_see_it_due(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let e = assign(&app, &p.lena.actor, ana, NewAssignment { kind: "diary".into(), ..thought_record(None) }).await;
        assert_eq!(invalid_field(e), "kind");
        let e = assign(&app, &p.lena.actor, ana, NewAssignment { kind: "custom".into(), instructions: " ".into(), ..thought_record(None) }).await;
        assert_eq!(invalid_field(e), "instructions");
        let e = assign(&app, &p.lena.actor, ana, thought_record(Some("2026-11-01"))).await;
        assert_eq!(invalid_field(e), "due_on", "a due date in the past");
        assert_eq!(t.count("homework_assignments", vec![]).await, 0);

        let hw = assign(&app, &p.lena.actor, ana, thought_record(Some("2026-11-27"))).await.unwrap();
        for reader in [&p.ana.actor, &p.lena.actor] {
            let a = only(&app, reader, ana).await;
            assert_eq!((a.id, a.kind, a.status()), (hw, Kind::ThoughtRecord, Status::Due));
            assert_eq!(a.instructions.as_deref(), Some(INSTRUCTIONS));
            assert_eq!((a.assigned_by, a.self_started()), (Some(id(&p.lena.actor)), false));
            assert_eq!(a.occurrences.len(), 1);
            assert_eq!(a.occurrences[0].due_on, Some(day("2026-11-27")));
            assert!(a.entries().next().is_none());
        }

        // The client starts one of their own; a custom one is the therapist's to give.
        clock.advance(Duration::seconds(1));
        let e = start_own(&app, &p.ana.actor, ana, NewAssignment { kind: "custom".into(), ..NewAssignment::default() }).await;
        assert_eq!(invalid_field(e), "kind");
        let e = start_own(&app, &p.ana.actor, ana, thought_record(None)).await;
        assert_eq!(invalid_field(e), "instructions");
        let own = start_own(&app, &p.ana.actor, ana, NewAssignment { kind: "journal".into(), ..NewAssignment::default() }).await.unwrap();
        let list = assignments_of(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(list.iter().map(|a| a.id).collect::<Vec<_>>(), vec![hw, own]);
        assert!(list[1].self_started() && list[1].instructions.is_none());
        assert!(forbidden(start_own(&app, &p.lena.actor, ana, NewAssignment { kind: "journal".into(), ..NewAssignment::default() }).await), "only the client starts their own");
        assert!(forbidden(assign(&app, &p.ana.actor, ana, thought_record(None)).await), "a client does not assign");

        assert_eq!(audited(t, "homework.assigned", "ok").await, 1);
        assert_eq!(audited(t, "homework.started", "ok").await, 1);
        assert_eq!(audited(t, "homework.read", "ok").await, 3);
    }

    async fn drafts_are_saved_again_and_again_then_the_finished_entry_replaces_them(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let hw = assign(&app, &p.lena.actor, ana, thought_record(Some("2026-11-27"))).await.unwrap();

        let first = save_entry(&app, &p.ana.actor, hw, None, true, &first_draft()).await.unwrap();
        assert!(first.draft && first.submitted_at.is_none());
        assert_eq!(first.status, Status::Draft);
        assert_eq!(first.due_on, Some(day("2026-11-27")));
        clock.advance(Duration::minutes(2));
        let second = save_entry(&app, &p.ana.actor, hw, None, true, &second_draft()).await.unwrap();
        assert_eq!(second.id, first.id, "one entry, saved again");
        assert_eq!(t.count("homework_entries", vec![]).await, 1);
        let a = only(&app, &p.lena.actor, ana).await;
        assert_eq!(a.status(), Status::Draft);
        assert_eq!(situation(&a), SITUATION);
        assert_eq!(new_entries_count(&app, &p.lena.actor).await.unwrap().get(&ana), None, "a draft is not new work");

        // Not complete: the finished entry is refused, naming the field, and the draft stays.
        let e = save_entry(&app, &p.ana.actor, hw, None, false, &second_draft()).await;
        assert_eq!(invalid_field(e), "balanced_thought");
        clock.advance(Duration::minutes(2));
        let sent_from = app.now();
        let done = save_entry(&app, &p.ana.actor, hw, None, false, &finished()).await.unwrap();
        assert_eq!(done.id, first.id);
        assert!(!done.draft);
        assert_eq!(done.status, Status::Done);
        // Sent while it was saved (the clock may move on at every reading).
        assert!(done.submitted_at.is_some_and(|at| sent_from <= at && at <= app.now()), "{:?}", done.submitted_at);
        let a = only(&app, &p.ana.actor, ana).await;
        assert_eq!(a.status(), Status::Done);
        let Content::ThoughtRecord(tr) = &a.occurrences[0].entry.as_ref().unwrap().content else { panic!() };
        assert_eq!((tr.belief, tr.balanced_thought.as_str()), (Some(60), "They were rushed; it was not about me"));
        assert_eq!(t.count("homework_entries", vec![]).await, 1);

        // Sent: autosave of a draft cannot take it back; sending again corrects it.
        assert!(conflict(save_entry(&app, &p.ana.actor, hw, None, true, &first_draft()).await));
        assert_eq!(new_entries_count(&app, &p.lena.actor).await.unwrap().get(&ana), Some(&1));
        assert_eq!(audited(t, "homework.entry.saved", "ok").await, 3);
    }

    async fn a_refused_entry_names_the_field_and_changes_nothing(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let hw = assign(&app, &p.lena.actor, ana, thought_record(None)).await.unwrap();
        save_entry(&app, &p.ana.actor, hw, None, true, &second_draft()).await.unwrap();
        let before = only(&app, &p.ana.actor, ana).await;
        let saved = t.texts("SELECT content FROM homework_entries", vec![]).await;
        clock.advance(Duration::minutes(5));

        let mut too_strong = finished();
        too_strong["moods"][0]["before"] = json!(150);
        let e = save_entry(&app, &p.ana.actor, hw, None, false, &too_strong).await;
        assert_eq!(invalid_field(e), "moods[0].before");
        let mut wrong_draft = second_draft();
        wrong_draft["belief"] = json!(101);
        assert_eq!(invalid_field(save_entry(&app, &p.ana.actor, hw, None, true, &wrong_draft).await), "belief", "a draft keeps to the limits too");
        let e = save_entry(&app, &p.ana.actor, hw, Some(day("2026-12-01")), true, &second_draft()).await;
        assert_eq!(invalid_field(e), "due_on", "an undated exercise has no other day");

        assert_eq!(only(&app, &p.ana.actor, ana).await, before);
        assert_eq!(t.texts("SELECT content FROM homework_entries", vec![]).await, saved);
        assert_eq!(audited(t, "homework.entry.saved", "ok").await, 1);
    }

    async fn a_daily_exercise_comes_once_a_day_up_to_today(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let daily = |until: &str| NewAssignment {
            kind: "journal".into(),
            instructions: String::new(),
            due_on: None,
            repeat: Some(RepeatInput { every: "day".into(), until: Some(day(until)) }),
        };
        let e = assign(&app, &p.lena.actor, ana, NewAssignment { repeat: Some(RepeatInput { every: "month".into(), until: None }), ..daily("2026-12-06") }).await;
        assert_eq!(invalid_field(e), "repeat.every");
        let e = assign(&app, &p.lena.actor, ana, NewAssignment { repeat: Some(RepeatInput { every: "day".into(), until: None }), ..daily("2026-12-06") }).await;
        assert_eq!(invalid_field(e), "repeat.until");
        let hw = assign(&app, &p.lena.actor, ana, daily("2026-12-06")).await.unwrap();
        let first = only(&app, &p.ana.actor, ana).await.occurrences[0].due_on.unwrap();
        assert_eq!(only(&app, &p.ana.actor, ana).await.occurrences.len(), 1, "today's only");

        clock.advance(Duration::days(3));
        let days: Vec<_> = (0..4).map(|n| Some(first + Duration::days(n))).collect();
        let a = only(&app, &p.ana.actor, ana).await;
        assert_eq!(a.occurrences.iter().map(|o| o.due_on).collect::<Vec<_>>(), days);
        assert_eq!(
            a.occurrences.iter().map(|o| o.status).collect::<Vec<_>>(),
            [Status::Missed, Status::Missed, Status::Missed, Status::Due]
        );
        assert_eq!(completion(&[a]), Some(0));

        let journal = json!({"text": "Walked to the bakery", "mood": 5});
        let late = save_entry(&app, &p.ana.actor, hw, Some(first + Duration::days(1)), false, &journal).await.unwrap();
        assert_eq!(late.due_on, Some(first + Duration::days(1)), "yesterday's, written late");
        let today = save_entry(&app, &p.ana.actor, hw, None, false, &journal).await.unwrap();
        assert_eq!(today.due_on, Some(first + Duration::days(3)), "left out: today's");
        let e = save_entry(&app, &p.ana.actor, hw, Some(first + Duration::days(4)), true, &journal).await;
        assert_eq!(invalid_field(e), "due_on", "tomorrow has not come");
        let half = json!({"text": "Stayed in"});
        let draft = save_entry(&app, &p.ana.actor, hw, Some(first + Duration::days(2)), true, &half).await.unwrap();
        assert_eq!(draft.status, Status::Missed, "a draft past its day is kept, and still missed");
        let a = only(&app, &p.ana.actor, ana).await;
        assert_eq!(
            a.occurrences.iter().map(|o| o.status).collect::<Vec<_>>(),
            [Status::Missed, Status::Done, Status::Missed, Status::Done]
        );
        assert_eq!(a.entries().count(), 3);
        assert_eq!(completion(&[a]), Some(50));

        // Past `until`, no more occurrences come.
        clock.advance(Duration::days(30));
        assert_eq!(only(&app, &p.ana.actor, ana).await.occurrences.len(), 14);
    }

    async fn the_care_team_reviews_and_the_client_reads_the_comment(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let hw = assign(&app, &p.lena.actor, ana, thought_record(None)).await.unwrap();
        assert!(conflict(review(&app, &p.lena.actor, hw, "").await), "nothing sent yet");
        save_entry(&app, &p.ana.actor, hw, None, false, &finished()).await.unwrap();
        assert_eq!(new_entries_count(&app, &p.lena.actor).await.unwrap().get(&ana), Some(&1));
        assert!(new_entries_count(&app, &p.kofi.actor).await.unwrap().is_empty(), "not Kofi's client");

        assert_eq!(invalid_field(review(&app, &p.lena.actor, hw, &"a".repeat(4001)).await), "comment");
        assert_eq!(review(&app, &p.lena.actor, hw, COMMENT).await.unwrap(), 1);
        assert!(conflict(review(&app, &p.lena.actor, hw, "").await), "nothing new");
        assert_eq!(new_entries_count(&app, &p.lena.actor).await.unwrap().get(&ana), None);

        let a = only(&app, &p.ana.actor, ana).await;
        assert_eq!(a.status(), Status::Reviewed);
        let entry = a.entries().next().unwrap().clone();
        assert_eq!(entry.review_comment.as_deref(), Some(COMMENT));
        assert_eq!(entry.reviewed_by, Some(id(&p.lena.actor)));
        assert_eq!(completion(&[a]), Some(100), "sent counts, dated or not");
        assert!(conflict(save_entry(&app, &p.ana.actor, hw, None, false, &finished()).await), "reviewed work stays as it was read");

        // By the entry's id the comment can be put right.
        review(&app, &p.lena.actor, entry.id, "Well done").await.unwrap();
        let a = only(&app, &p.ana.actor, ana).await;
        assert_eq!(a.entries().next().unwrap().review_comment.as_deref(), Some("Well done"));
        assert_eq!(audited(t, "homework.reviewed", "ok").await, 2);
    }

    async fn another_client_and_a_clinician_off_the_care_team_get_nothing(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let hw = assign(&app, &p.lena.actor, ana, thought_record(None)).await.unwrap();
        save_entry(&app, &p.ana.actor, hw, None, false, &finished()).await.unwrap();
        let before = rows(t).await;

        for outsider in [&p.bo.actor, &p.kofi.actor, &p.admin.actor] {
            assert!(forbidden(assignments_of(&app, outsider, ana).await));
            assert!(forbidden(assign(&app, outsider, ana, thought_record(None)).await));
            assert!(forbidden(start_own(&app, outsider, ana, NewAssignment { kind: "journal".into(), ..NewAssignment::default() }).await));
        }
        // Someone else's assignment is none of Bo's: not found. Kofi and the administrator
        // are refused.
        assert!(not_found(save_entry(&app, &p.bo.actor, hw, None, true, &first_draft()).await));
        assert!(not_found(review(&app, &p.bo.actor, hw, "").await));
        for outsider in [&p.kofi.actor, &p.admin.actor] {
            assert!(forbidden(save_entry(&app, outsider, hw, None, true, &first_draft()).await));
            assert!(forbidden(review(&app, outsider, hw, "").await));
        }
        // Lena reads and reviews, but the entry is the client's own to write.
        assert!(forbidden(save_entry(&app, &p.lena.actor, hw, None, true, &first_draft()).await));
        assert!(not_found(save_entry(&app, &p.ana.actor, Uuid::now_v7(), None, true, &first_draft()).await));
        assert!(not_found(review(&app, &p.lena.actor, Uuid::now_v7(), "").await));
        assert_eq!(rows(t).await, before);

        assert_eq!(audited(t, "homework.read", "denied").await, 3);
        assert_eq!(audited(t, "homework.assigned", "denied").await, 3);
        assert_eq!(audited(t, "homework.started", "denied").await, 3);
        assert_eq!(audited(t, "homework.entry.saved", "denied").await, 4);
        assert_eq!(audited(t, "homework.reviewed", "denied").await, 3);
        // The client sees in their access log who tried.
        let log = rapport_app::audit_log::my_access_log(&app, &p.ana.actor).await.unwrap();
        assert!(log.iter().any(|e| e.what == "Gave you an exercise to do"));
    }

    // CLINICAL.md disengagement, with issue 13: missed homework is a missed scheduled item.
    async fn missed_homework_counts_toward_disengagement(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (ana, bo) = (id(&p.ana.actor), id(&p.bo.actor));
        submit_measure(&app, &p.ana.actor, "phq9", &[Some(1); 9], None, None).await.unwrap();
        let two_days = |from: NaiveDate| NewAssignment {
            kind: "journal".into(),
            instructions: String::new(),
            due_on: None,
            repeat: Some(RepeatInput { every: "day".into(), until: Some(from + Duration::days(1)) }),
        };
        let today = |a: AssignmentView| a.occurrences[0].due_on.unwrap();
        let first = assign(&app, &p.lena.actor, ana, two_days(day("2026-11-23"))).await.unwrap();
        let first_day = today(only(&app, &p.ana.actor, ana).await);
        assert_eq!(first_day, day("2026-11-23"), "the test's clock starts on Monday 23 November");
        let journal = json!({"text": "Walked to the bakery", "mood": 5});
        save_entry(&app, &p.ana.actor, first, None, false, &journal).await.unwrap();
        // Bo's own exercise, never done, is no promise missed.
        start_own(&app, &p.bo.actor, bo, two_days(first_day)).await.unwrap();
        let flags = |who: Uuid| {
            t.count("flags WHERE kind = 'disengagement' AND client_id = ?", vec![who.into()])
        };

        clock.advance(Duration::days(2));
        assert_eq!(sweep(&app).await.unwrap(), 0, "one sent, then one missed: no run");
        assign(&app, &p.lena.actor, ana, two_days(first_day + Duration::days(2))).await.unwrap();
        clock.advance(Duration::days(1));
        assert_eq!(sweep(&app).await.unwrap(), 1, "two days of homework missed in a row");
        assert_eq!((flags(ana).await, flags(bo).await), (1, 0));
        let evidence = t.texts("SELECT detail FROM flag_evidence", vec![]).await;
        assert!(evidence.iter().flatten().any(|d| d.contains("homework")), "{evidence:?}");
    }

    async fn instructions_entries_and_comments_are_sealed(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let hw = assign(&app, &p.lena.actor, ana, thought_record(None)).await.unwrap();
        save_entry(&app, &p.ana.actor, hw, None, false, &finished()).await.unwrap();
        review(&app, &p.lena.actor, hw, COMMENT).await.unwrap();
        for (col, table) in [("instructions", "homework_assignments"), ("content", "homework_entries"), ("review_comment", "homework_entries")] {
            let raw = t.texts(&format!("SELECT {col} FROM {table}"), vec![]).await;
            let raw = raw[0].as_deref().unwrap();
            assert!(raw.starts_with("v1:"), "{table}.{col} is sealed: {raw}");
        }
    }

    async fn the_four_endpoints_over_http(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let lena = api_login(&app, &p.lena.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.kofi.totp_secret, app.now()).unwrap();
        let kofi = api_login(&app, &p.kofi.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        let ana_token = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let bo = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let list = format!("/api/v1/clients/{ana}/homework");

        let r = b.api("POST", &list, Some(&lena), Some(json!({"kind": "thought_record", "due_on": "27 Nov"}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("due_on")));
        let r = b.api("POST", &list, Some(&lena), Some(json!({"kind": "journal", "repeat": {"every": "fortnight", "until": "2026-12-20"}}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("repeat.every")));
        let r = b.api("POST", &list, Some(&lena), Some(json!({"kind": "thought_record", "instructions": INSTRUCTIONS, "due_on": "2026-11-27"}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let hw = r.json()["id"].as_str().unwrap().to_string();
        b.clock.advance(Duration::seconds(1));
        let r = b.api("POST", &list, Some(&lena), Some(json!({"kind": "journal", "repeat": {"every": "day", "until": "2026-12-20"}}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        b.clock.advance(Duration::seconds(1));
        let r = b.api("POST", &list, Some(&ana_token), Some(json!({"kind": "activity_diary", "self_started": true}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(b.api("POST", &list, Some(&kofi), Some(json!({"kind": "journal"}))).await.status, StatusCode::FORBIDDEN);

        let entry = format!("/api/v1/homework/{hw}/entry");
        let r = b.api("PUT", &entry, Some(&ana_token), Some(json!({"draft": true, "content": first_draft()}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!((r.json()["status"].clone(), r.json()["content"]["situation"].clone()), (json!("draft"), json!(SITUATION)));
        let mut wrong = finished();
        wrong["belief"] = json!(150);
        let r = b.api("PUT", &entry, Some(&ana_token), Some(json!({"draft": false, "content": wrong}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("content.belief")));
        let r = b.api("PUT", &entry, Some(&ana_token), Some(json!({"draft": false, "content": {"situation": 3}}))).await;
        assert_eq!((r.status, r.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("content")));
        assert_eq!(b.api("PUT", &entry, Some(&bo), Some(json!({"draft": true, "content": {}}))).await.status, StatusCode::NOT_FOUND);
        assert_eq!(b.api("PUT", &entry, Some(&lena), Some(json!({"draft": true, "content": {}}))).await.status, StatusCode::FORBIDDEN);
        let r = b.api("PUT", &entry, Some(&ana_token), Some(json!({"draft": false, "content": finished()}))).await;
        assert_eq!((r.status, r.json()["status"].clone()), (StatusCode::OK, json!("done")), "{}", r.body);

        let r = b.api("GET", &list, Some(&lena), None).await;
        assert_eq!(r.status, StatusCode::OK);
        let items = r.json();
        let items = items.as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!((items[0]["status"].clone(), items[0]["kind"].clone()), (json!("done"), json!("thought_record")));
        assert_eq!(items[0]["entries"][0]["content"]["situation"], json!(SITUATION));
        assert_eq!((items[1]["repeat"]["every"].clone(), items[1]["occurrences"].as_array().unwrap().len()), (json!("day"), 1));
        assert_eq!((items[2]["self_started"].clone(), items[2]["status"].clone()), (json!(true), json!("due")));
        assert_eq!(b.api("GET", &list, Some(&kofi), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(b.api("GET", &list, Some(&bo), None).await.status, StatusCode::FORBIDDEN);

        let rv = format!("/api/v1/homework/{hw}/review");
        assert_eq!(b.api("POST", &rv, Some(&kofi), Some(json!({}))).await.status, StatusCode::FORBIDDEN);
        let r = b.api("POST", &rv, Some(&lena), Some(json!({"comment": COMMENT}))).await;
        assert_eq!((r.status, r.json()["reviewed"].clone()), (StatusCode::OK, json!(1)), "{}", r.body);
        let r = b.api("GET", &list, Some(&ana_token), None).await;
        assert_eq!(r.json()[0]["status"], json!("reviewed"));
        assert_eq!(r.json()[0]["entries"][0]["review_comment"], json!(COMMENT));
        assert_eq!(b.api("POST", "/api/v1/homework/not-an-id/review", Some(&lena), Some(json!({}))).await.status, StatusCode::NOT_FOUND);
    }
}

mod sqlite_files {
    use super::*;

    fn read(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn contains(haystack: &[u8], needle: &str) -> bool {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    }

    /// The instructions, the entry and the comment are in neither the database file nor its
    /// write-ahead log, before the log is folded into the file and after.
    #[tokio::test]
    async fn homework_is_not_in_the_database_files() {
        let t = TestDb::sqlite().await;
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let hw = assign(&app, &p.lena.actor, ana, thought_record(None))
            .await
            .unwrap();
        save_entry(&app, &p.ana.actor, hw, None, false, &finished())
            .await
            .unwrap();
        review(&app, &p.lena.actor, hw, COMMENT).await.unwrap();
        let (db_file, wal_file) = (t.db_file().unwrap(), t.wal_file().unwrap());
        let needles = [SITUATION, INSTRUCTIONS, COMMENT, "They were rushed"];

        let wal = read(&wal_file);
        assert!(
            contains(&wal, &format!("homework:{hw}")),
            "the scan must see the plain audit resource in the log, or it proves nothing"
        );
        for needle in needles {
            assert!(!contains(&wal, needle), "{needle:?} in the WAL");
        }
        let row = t.query("PRAGMA wal_checkpoint(TRUNCATE)", vec![]).await;
        assert_eq!(
            row[0].try_get_by_index::<i32>(0).unwrap(),
            0,
            "checkpoint blocked"
        );
        let main = read(&db_file);
        assert!(
            contains(&main, &format!("homework:{hw}")),
            "the checkpoint reached the file"
        );
        for needle in needles {
            assert!(!contains(&main, needle), "{needle:?} in the database file");
        }
        assert_eq!(situation(&only(&app, &p.ana.actor, ana).await), SITUATION);
    }
}

/// The FHIR export (its own module: `both_backends!` names its tests' modules).
mod fhir_export {
    use super::*;

    both_backends! {
        async fn the_fhir_export_holds_a_sent_thought_record_and_not_a_draft(t: &TestDb) {
            let (app, clock) = t.app();
            let p = practice(&app).await;
            let ana = id(&p.ana.actor);
            let sent = assign(&app, &p.lena.actor, ana, thought_record(None)).await.unwrap();
            let drafted = assign(&app, &p.lena.actor, ana, thought_record(None)).await.unwrap();
            save_entry(&app, &p.ana.actor, drafted, None, true, &second_draft()).await.unwrap();
            clock.advance(Duration::minutes(5));
            let entry = save_entry(&app, &p.ana.actor, sent, None, false, &finished()).await.unwrap();

            let b = rapport_app::fhir::export(&app, &p.lena.actor, ana, "https://rapport.example.org").await.unwrap();
            let responses: Vec<&Value> = b["entry"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| &e["resource"])
                .filter(|r| r["resourceType"] == "QuestionnaireResponse")
                .collect();
            assert_eq!(responses.len(), 1, "the sent entry, not the draft: {responses:?}");
            let qr = responses[0];
            assert_eq!(qr["id"], entry.id.to_string());
            assert_eq!(qr["status"], "completed");
            assert_eq!(
                qr["questionnaire"],
                "https://rapport.example.org/fhir/Questionnaire/homework-thought-record"
            );
            let sent_at = entry.submitted_at.unwrap().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            assert_eq!(qr["authored"], sent_at);
            let answer = |link: &str| {
                qr["item"].as_array().unwrap().iter().find(|i| i["linkId"] == link).unwrap()["answer"][0].clone()
            };
            assert_eq!(answer("situation")["valueString"], SITUATION);
            assert_eq!(answer("belief")["valueInteger"], 60);
            assert_eq!(answer("distortions")["valueCoding"]["code"], "jumping_to_conclusions");
            assert!(!b.to_string().contains("Ashamed\",\"before\":80}]}"), "no draft's content");
            // The client's own export holds it too.
            let own = rapport_app::fhir::export(&app, &p.ana.actor, ana, "https://rapport.example.org").await.unwrap();
            assert!(own.to_string().contains(SITUATION));
        }
    }
}
