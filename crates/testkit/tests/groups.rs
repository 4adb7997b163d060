//! Therapy groups (issue 15, items 4–5) through the use-cases and the API, on both databases:
//! creating (errors by field), offering places (the leader only, on the client's care team,
//! the capacity counting offered and joined places), joining, declining and leaving (future
//! sessions follow), the leader's view and a member's (group privacy: a member never reads
//! another's place, attendance, notes or a hidden name), and outcomes (only shared members
//! counted, the small cell hidden, the Wilson interval).

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::accounts::{api_login, totp};
use rapport_app::care_teams::{assign, end_membership};
use rapport_app::groups::{
    Answer, GroupDetail, NewGroup, NewGroupSessions, add_member, answer, create, detail, my_groups,
    outcomes, record_attendance, schedule_sessions, write_note,
};
use rapport_app::measures::submit_measure;
use rapport_app::sessions::Booking;
use rapport_app::{Actor, App};
use rapport_core::accounts::CareTeamRole;
use rapport_core::groups::MemberState;
use rapport_core::outcomes::{Cell, WILSON_Z, wilson};
use rapport_store::ConnectionTrait;
use rapport_testkit::asserts::{conflict, forbidden, id, invalid_field, not_found};
use rapport_testkit::browser::Browser;
use rapport_testkit::{ADDRESS, Client, PASSWORD, TestDb, both_backends, client, practice};
use serde_json::json;
use uuid::Uuid;

const NOTE: &str = "Zephyrine: the group practised spotting thinking traps together.";

fn cbt(capacity: i64) -> NewGroup {
    NewGroup {
        name: "CBT for depression".into(),
        approach: "cbt".into(),
        capacity: Some(capacity),
        weeks: Some(8),
        schedule: "Mondays 18:00–19:30".into(),
        entry_criteria: "Adults with moderate depression.".into(),
    }
}

fn weekly(weeks: i64) -> NewGroupSessions {
    NewGroupSessions {
        first: Some(rapport_testkit::asserts::local("2026-11-30 18:00")),
        minutes: Some(90),
        weeks: Some(weeks),
        modality: "in_person".into(),
        place: "Room 3, Harbour Street clinic".into(),
        allow_overlap: false,
    }
}

/// A client on `clinician`'s care team.
async fn on_team(app: &App, admin: &Actor, clinician: &Actor, name: &str, email: &str) -> Client {
    let c = client(app, name, email).await;
    assign(
        app,
        admin,
        id(&c.actor),
        id(clinician),
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
    c
}

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    t.count(
        "audit_events WHERE action = ? AND outcome = ?",
        vec![action.into(), outcome.into()],
    )
    .await
}

fn leader(d: GroupDetail) -> rapport_app::groups::LeaderView {
    match d {
        GroupDetail::Leader(v) => v,
        GroupDetail::Member(_) => panic!("expected the leader's view"),
    }
}

fn member(d: GroupDetail) -> rapport_app::groups::MemberView {
    match d {
        GroupDetail::Member(v) => v,
        GroupDetail::Leader(_) => panic!("expected a member's view"),
    }
}

both_backends! {
    async fn two_offers_for_the_last_place_take_turns(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, admin) = (p.lena.actor.clone(), &p.admin.actor);
        let cara = on_team(&app, admin, &lena, "Cara Byrne", "cara@example.org").await;
        let dee = on_team(&app, admin, &lena, "Dee Okonjo", "dee@example.org").await;
        let g = create(&app, &lena, cbt(2)).await.unwrap().id;
        add_member(&app, &lena, g, id(&p.ana.actor)).await.unwrap();

        // Hold what an offer must wait for (SQLite's writer; on PostgreSQL the group's row,
        // which the two offers' own client rows would not make them wait for), start both,
        // then let them go: the second must count the first.
        let held = t.db.write().await.unwrap();
        if t.backend() == rapport_store::Backend::Postgres {
            held.conn()
                .execute_raw(t.stmt("SELECT id FROM therapy_groups WHERE id = ? FOR UPDATE", vec![g.into()]))
                .await
                .unwrap();
        }
        let offer = |c: Uuid| {
            let (app, lena) = (app.clone(), lena.clone());
            tokio::spawn(async move { add_member(&app, &lena, g, c).await })
        };
        let first = offer(id(&cara.actor));
        let second = offer(id(&dee.actor));
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        drop(held);
        let results = [first.await.unwrap(), second.await.unwrap()];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        assert!(results.into_iter().any(conflict), "the other is told the group is full");
        let live = t.count("group_members WHERE group_id = ? AND declined_at IS NULL AND left_at IS NULL", vec![g.into()]).await;
        assert_eq!(live, 2, "never more places than the capacity");
    }

    async fn create_add_consent_decline_leave(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, admin) = (&p.lena.actor, &p.kofi.actor, &p.admin.actor);
        let cara = on_team(&app, admin, lena, "Cara Byrne", "cara@example.org").await;
        let dee = on_team(&app, admin, lena, "Dee Okonjo", "dee@example.org").await;
        let eve = on_team(&app, admin, lena, "Eve Marsh", "eve@example.org").await;

        // Errors name their field; only clinicians create groups.
        let field = |g: NewGroup| { let app = &app; async move { invalid_field(create(app, lena, g).await) } };
        assert_eq!(field(NewGroup { name: " ".into(), ..cbt(3) }).await, "name");
        assert_eq!(field(NewGroup { approach: "yoga".into(), ..cbt(3) }).await, "approach");
        assert_eq!(field(cbt(1)).await, "capacity");
        assert_eq!(field(cbt(17)).await, "capacity");
        assert_eq!(field(NewGroup { weeks: Some(53), ..cbt(3) }).await, "weeks");
        assert_eq!(field(NewGroup { schedule: "x".repeat(81), ..cbt(3) }).await, "schedule");
        assert_eq!(field(NewGroup { entry_criteria: "x".repeat(1_001), ..cbt(3) }).await, "entry_criteria");
        assert!(forbidden(create(&app, &p.ana.actor, cbt(3)).await));
        assert!(forbidden(create(&app, admin, cbt(3)).await));
        let g = create(&app, lena, cbt(3)).await.unwrap().id;
        assert_eq!(audited(t, "group.created", "ok").await, 1);

        // Only the leader manages; only clients on her care team.
        assert!(not_found(add_member(&app, kofi, g, id(&p.ana.actor)).await), "Kofi does not lead it");
        assert!(forbidden(add_member(&app, lena, g, id(&p.bo.actor)).await), "Bo is not on Lena's care team");
        assert_eq!(audited(t, "group.member_added", "denied").await, 1);
        assert!(not_found(detail(&app, kofi, g).await));
        assert!(not_found(detail(&app, &p.bo.actor, g).await));
        assert!(not_found(detail(&app, admin, g).await));
        assert!(not_found(outcomes(&app, kofi, g).await));
        assert!(not_found(add_member(&app, lena, Uuid::nil(), id(&p.ana.actor)).await));

        // The capacity counts offered and joined places.
        add_member(&app, lena, g, id(&p.ana.actor)).await.unwrap();
        assert!(conflict(add_member(&app, lena, g, id(&p.ana.actor)).await), "one live place each");
        add_member(&app, lena, g, id(&cara.actor)).await.unwrap();
        add_member(&app, lena, g, id(&dee.actor)).await.unwrap();
        assert!(conflict(add_member(&app, lena, g, id(&eve.actor)).await), "full");
        let offered = my_groups(&app, &p.ana.actor).await.unwrap();
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].state, MemberState::Offered);
        // An offered member sees the group, and nothing of the others yet.
        let seen = member(detail(&app, &p.ana.actor, g).await.unwrap());
        assert_eq!(seen.state, MemberState::Offered);
        assert!(seen.first_names.is_empty());
        assert_eq!(seen.group.clinician_name, "Dr Lena Okafor");

        // Cara declines: her place frees up for Eve.
        answer(&app, &cara.actor, g, Answer::Decline).await.unwrap();
        assert!(not_found(detail(&app, &cara.actor, g).await), "a declined place shows nothing");
        assert!(not_found(answer(&app, &cara.actor, g, Answer::Join { show_first_name: true }).await));
        add_member(&app, lena, g, id(&eve.actor)).await.unwrap();
        assert!(not_found(answer(&app, &p.bo.actor, g, Answer::Join { show_first_name: true }).await), "no place");
        assert!(forbidden(answer(&app, lena, g, Answer::Leave).await), "a clinician holds no place");

        // Ana joins showing her first name, Dee hiding hers; sessions are with those who joined.
        answer(&app, &p.ana.actor, g, Answer::Join { show_first_name: true }).await.unwrap();
        answer(&app, &dee.actor, g, Answer::Join { show_first_name: false }).await.unwrap();
        assert!(conflict(answer(&app, &dee.actor, g, Answer::Decline).await), "joined: leave instead");
        assert_eq!(invalid_field(schedule_sessions(&app, lena, g, NewGroupSessions { minutes: Some(5), ..weekly(3) }).await), "minutes");
        assert!(not_found(schedule_sessions(&app, kofi, g, weekly(3)).await));
        let Booking::Scheduled(sessions) = schedule_sessions(&app, lena, g, weekly(3)).await.unwrap() else { panic!("clash") };
        assert_eq!(sessions.len(), 3);
        let attendees = |s: Uuid| async move { t.count("session_attendees WHERE session_id = ?", vec![s.into()]).await };
        assert_eq!(attendees(sessions[0]).await, 2);
        // Eve joins later: she is added to the future sessions.
        answer(&app, &eve.actor, g, Answer::Join { show_first_name: true }).await.unwrap();
        for s in &sessions {
            assert_eq!(attendees(*s).await, 3);
        }

        // A member sees the schedule and the first names shown, never the hidden one.
        let ana_view = member(detail(&app, &p.ana.actor, g).await.unwrap());
        assert_eq!(ana_view.first_names, ["Eve"]);
        assert_eq!(ana_view.sessions.len(), 3);
        assert_eq!(ana_view.sessions[0].place.as_deref(), Some("Room 3, Harbour Street clinic"));
        let eve_view = member(detail(&app, &eve.actor, g).await.unwrap());
        assert_eq!(eve_view.first_names, ["Ana"]);
        assert!(!format!("{eve_view:?}").contains("Dee"));

        // After the first session: attendance and the group note, by the leader only.
        clock.advance(Duration::days(7) + Duration::hours(11));
        record_attendance(&app, lena, g, sessions[0], id(&p.ana.actor), "attended").await.unwrap();
        record_attendance(&app, lena, g, sessions[0], id(&dee.actor), "no_show").await.unwrap();
        assert!(not_found(record_attendance(&app, kofi, g, sessions[0], id(&dee.actor), "attended").await));
        assert_eq!(invalid_field(record_attendance(&app, lena, g, Uuid::nil(), id(&dee.actor), "attended").await), "session_id");
        assert_eq!(invalid_field(write_note(&app, lena, g, Uuid::nil(), NOTE).await), "session_id", "a session not of the group: the field to fix");
        assert_eq!(invalid_field(write_note(&app, lena, g, sessions[0], " ").await), "text");
        write_note(&app, lena, g, sessions[0], NOTE).await.unwrap();
        write_note(&app, lena, g, sessions[0], NOTE).await.unwrap();
        assert_eq!(t.count("group_notes", vec![]).await, 1, "one note per session, rewritten");
        let raw = t.texts("SELECT text FROM group_notes", vec![]).await;
        assert!(raw.iter().all(|n| n.as_deref().is_some_and(|n| n.starts_with("v1:") && !n.contains("Zephyrine"))), "sealed");
        assert!(not_found(write_note(&app, kofi, g, sessions[0], NOTE).await));
        assert!(forbidden(write_note(&app, &p.ana.actor, g, sessions[0], NOTE).await));

        // The leader sees everything; a member nothing of the others.
        let v = leader(detail(&app, lena, g).await.unwrap());
        assert_eq!(v.members.len(), 4);
        assert_eq!(v.members.iter().filter(|m| m.state == MemberState::Joined).count(), 3);
        assert_eq!(v.sessions[0].note.as_ref().map(|n| n.text.as_str()), Some(NOTE));
        assert!(v.sessions[0].attendance.contains(&(id(&dee.actor), Some("no_show".into()))));
        let ana_view = format!("{:?}", member(detail(&app, &p.ana.actor, g).await.unwrap()));
        for secret in ["Zephyrine", "no_show", "attended", "Dee", "Cara", &id(&dee.actor).to_string(), &id(&eve.actor).to_string()] {
            assert!(!ana_view.contains(secret), "{secret} reached a member");
        }

        // Dee leaves: off the future sessions, still in the one she missed.
        answer(&app, &dee.actor, g, Answer::Leave).await.unwrap();
        assert_eq!(attendees(sessions[0]).await, 3);
        assert_eq!(attendees(sessions[1]).await, 2);
        assert!(not_found(detail(&app, &dee.actor, g).await));
        assert!(my_groups(&app, &dee.actor).await.unwrap().is_empty());
        assert_eq!(audited(t, "group.left", "ok").await, 1);
        let joined = t.count("audit_events WHERE action = 'group.joined' AND client_id = ?", vec![id(&eve.actor).into()]).await;
        assert_eq!(joined, 1, "the audit entry names the member");

        // A member no longer on the leader's care team is not shared with her.
        end_membership(&app, admin, id(&eve.actor), id(lena)).await.unwrap();
        let v = leader(detail(&app, lena, g).await.unwrap());
        let hidden: Vec<_> = v.members.iter().filter(|m| !m.shared).collect();
        assert_eq!(hidden.len(), 1);
        assert!(hidden[0].name.is_none() && hidden[0].client_id.is_none());
        assert!(v.sessions.iter().all(|s| s.attendance.iter().all(|(c, _)| *c != id(&eve.actor))));
    }

    async fn outcomes_count_only_what_is_shared(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let (lena, admin) = (&p.lena.actor, &p.admin.actor);
        let g = create(&app, lena, cbt(8)).await.unwrap().id;
        let names = ["Fay Ames", "Gus Brandt", "Hana Cole", "Ivo Dahl", "Jo Ekwe", "Kit Ford"];
        let mut members = vec![];
        for (i, n) in names.iter().enumerate() {
            let c = on_team(&app, admin, lena, n, &format!("m{i}@example.org")).await;
            add_member(&app, lena, g, id(&c.actor)).await.unwrap();
            answer(&app, &c.actor, g, Answer::Join { show_first_name: i % 2 == 0 }).await.unwrap();
            submit_measure(&app, &c.actor, "phq9", &[Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(0)], None, None).await.unwrap();
            members.push(c);
        }
        let empty = outcomes(&app, lena, g).await.unwrap();
        assert_eq!(empty.share, Cell::Empty, "no session yet: no window");
        let Booking::Scheduled(_) = schedule_sessions(&app, lena, g, weekly(4)).await.unwrap() else { panic!("clash") };
        clock.advance(Duration::days(22));
        // Three improve by 6 or more (16 → 5), the others barely (16 → 15).
        for (i, c) in members.iter().enumerate() {
            let answers = if i < 3 {
                [Some(1), Some(1), Some(1), Some(1), Some(1), Some(0), Some(0), Some(0), Some(0)]
            } else {
                [Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(1), Some(0)]
            };
            if i < 4 {
                submit_measure(&app, &c.actor, "phq9", &answers, None, None).await.unwrap();
            }
        }
        // Four with paired scores: a cell that names a group is not shown under five.
        let o = outcomes(&app, lena, g).await.unwrap();
        assert_eq!((o.paired, o.improved, o.not_shared), (4, 3, 0));
        assert_eq!(o.share, Cell::TooFew);
        assert_eq!(o.members.len(), 6);
        let fay = o.members.iter().find(|m| m.name == "Fay Ames").unwrap();
        assert_eq!((fay.baseline, fay.latest, fay.improved), (Some(16), Some(5), Some(true)));
        assert_eq!(fay.phq9.len(), 2);
        assert_eq!(fay.sessions, 3, "three of the four sessions held by now");

        // A fifth pair: the share with its Wilson interval.
        submit_measure(&app, &members[4].actor, "phq9", &[Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(1), Some(0)], None, None).await.unwrap();
        let o = outcomes(&app, lena, g).await.unwrap();
        let Cell::Rate(r) = o.share else { panic!("expected a rate: {:?}", o.share) };
        assert_eq!((r.count, r.of), (3, 5));
        let (lo, hi) = wilson(3, 5, WILSON_Z).unwrap();
        assert!((r.low - lo).abs() < 1e-12 && (r.high - hi).abs() < 1e-12);
        assert!((r.low - 0.2307).abs() < 0.0001 && (r.high - 0.8824).abs() < 0.0001, "{r:?}");

        // Fay leaves Lena's care team: not counted, not shown, only counted as not shared.
        end_membership(&app, admin, id(&members[0].actor), id(lena)).await.unwrap();
        let o = outcomes(&app, lena, g).await.unwrap();
        assert_eq!(o.not_shared, 1);
        assert_eq!((o.paired, o.improved), (4, 2));
        assert_eq!(o.share, Cell::TooFew);
        assert!(o.members.iter().all(|m| m.name != "Fay Ames" && m.client_id != id(&members[0].actor)));
        assert!(forbidden(outcomes(&app, &members[1].actor, g).await), "a member does not read outcomes");
        assert!(audited(t, "group.outcomes.read", "ok").await >= 5);
    }

    async fn the_endpoints_over_http(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let dee = on_team(&app, &p.admin.actor, &p.lena.actor, "Dee Okonjo", "dee@example.org").await;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.lena.totp_secret, app.now()).unwrap();
        let lena = api_login(&app, &p.lena.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        b.clock.advance(Duration::seconds(30));
        let code = totp::code_at(&p.kofi.totp_secret, app.now()).unwrap();
        let kofi = api_login(&app, &p.kofi.email, PASSWORD, Some(&code), ADDRESS).await.unwrap().token;
        let ana = api_login(&app, &p.ana.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let dee_t = api_login(&app, &dee.email, PASSWORD, None, ADDRESS).await.unwrap().token;
        let bo = api_login(&app, &p.bo.email, PASSWORD, None, ADDRESS).await.unwrap().token;

        let new = json!({"name": "CBT for depression", "approach": "cbt", "capacity": 8, "weeks": 8, "schedule": "Mondays 18:00", "entry_criteria": ""});
        let r = b.api("POST", "/api/v1/groups", Some(&lena), Some(json!({"name": "x", "approach": "yoga", "capacity": 8, "weeks": 8, "schedule": "Mondays"}))).await;
        assert_eq!((r.status.as_u16(), r.json()["error"]["field"].as_str()), (422, Some("approach")));
        let r = b.api("POST", "/api/v1/groups", Some(&ana), Some(new.clone())).await;
        assert_eq!(r.status.as_u16(), 403);
        let r = b.api("POST", "/api/v1/groups", Some(&lena), Some(new)).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        let g = r.json()["id"].as_str().unwrap().to_string();

        for c in [id(&p.ana.actor), id(&dee.actor)] {
            let r = b.api("POST", &format!("/api/v1/groups/{g}/members"), Some(&lena), Some(json!({"client_id": c}))).await;
            assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        }
        let r = b.api("POST", &format!("/api/v1/groups/{g}/members"), Some(&kofi), Some(json!({"client_id": id(&p.ana.actor)}))).await;
        assert_eq!(r.status.as_u16(), 404);
        let r = b.api("POST", &format!("/api/v1/groups/{g}/members"), Some(&lena), Some(json!({"client_id": id(&p.bo.actor)}))).await;
        assert_eq!(r.status.as_u16(), 403);
        let r = b.api("POST", &format!("/api/v1/groups/{g}/consent"), Some(&ana), Some(json!({"show_first_name": true}))).await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        assert_eq!(r.json()["view"], "member");
        let r = b.api("POST", &format!("/api/v1/groups/{g}/consent"), Some(&dee_t), Some(json!({"show_first_name": false}))).await;
        assert_eq!(r.status.as_u16(), 200);
        let r = b.api("POST", &format!("/api/v1/groups/{g}/sessions"), Some(&lena), Some(json!({"starts_at_local": "2026-11-30T18:00", "minutes": 90, "weeks": 2, "modality": "in_person", "place": "Room 3"}))).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        let first = r.json()["ids"][0].as_str().unwrap().to_string();
        let r = b.api("PUT", &format!("/api/v1/groups/{g}/notes"), Some(&lena), Some(json!({"session_id": first, "text": NOTE}))).await;
        assert_eq!(r.status.as_u16(), 204, "{}", r.body);

        let r = b.api("GET", &format!("/api/v1/groups/{g}"), Some(&lena), None).await;
        assert_eq!(r.json()["view"], "leader");
        assert_eq!(r.json()["members"].as_array().unwrap().len(), 2);
        assert!(r.body.contains("Zephyrine"));
        let r = b.api("GET", &format!("/api/v1/groups/{g}"), Some(&ana), None).await;
        assert_eq!(r.status.as_u16(), 200);
        assert_eq!(r.json()["first_names"], json!([]), "Dee hides her name");
        assert_eq!(r.json()["sessions"].as_array().unwrap().len(), 2);
        for secret in ["Zephyrine", "Dee", "members", "attendance", &id(&dee.actor).to_string()] {
            assert!(!r.body.contains(secret), "{secret} reached a member: {}", r.body);
        }
        let r = b.api("GET", &format!("/api/v1/groups/{g}"), Some(&dee_t), None).await;
        assert_eq!(r.json()["first_names"], json!(["Ana"]));
        for (token, who) in [(&bo, "Bo"), (&kofi, "Kofi")] {
            for path in ["", "/outcomes"] {
                let r = b.api("GET", &format!("/api/v1/groups/{g}{path}"), Some(token), None).await;
                assert!(matches!(r.status.as_u16(), 403 | 404), "{who} {path}: {}", r.status);
            }
        }
        let r = b.api("GET", &format!("/api/v1/groups/{g}/outcomes"), Some(&ana), None).await;
        assert_eq!(r.status.as_u16(), 403);
        let r = b.api("GET", &format!("/api/v1/groups/{g}/outcomes"), Some(&lena), None).await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        assert_eq!(r.json()["reliably_improved"]["shown"], "empty", "no PHQ-9 yet");
        let r = b.api("GET", "/api/v1/groups", Some(&ana), None).await;
        assert_eq!(r.json()[0]["my_state"], "joined");
        let r = b.api("GET", "/api/v1/groups", Some(&lena), None).await;
        assert_eq!(r.json()[0]["joined"], 2);
        let r = b.api("POST", &format!("/api/v1/groups/{g}/leave"), Some(&dee_t), None).await;
        assert_eq!(r.status.as_u16(), 204);
        let r = b.api("GET", &format!("/api/v1/groups/{g}"), Some(&dee_t), None).await;
        assert_eq!(r.status.as_u16(), 404);
        let r = b.api("GET", "/api/v1/groups/not-an-id", Some(&lena), None).await;
        assert_eq!(r.status.as_u16(), 404);
    }
}
