//! Therapy sessions through the use-cases and the database: scheduled on the clinician's own
//! clock (a weekly series keeps its local time across a daylight-saving change), moved and
//! cancelled with reasons kept in a history, attendance per client (two misses in a row raise
//! disengagement at once), group sessions, who may do what, session feedback feeding the
//! alliance rule, requests for another therapist, and private calendar feeds.
//!
//! (`sessions.rs` beside this file is about browser sessions.)

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use rapport_app::accounts::{self, NewClient, NewStaff, totp};
use rapport_app::alerts::{AlertView, of_client};
use rapport_app::calendar::{feed_events, has_feed, new_feed, revoke_feed};
use rapport_app::care_teams::assign;
use rapport_app::sessions::{
    FeedbackDue, NewSessions, SessionView, cancel, due_feedback, feedback_series, my_sessions,
    record_attendance, request_other_therapist, request_reschedule, reschedule, schedule,
    sessions_of, submit_feedback,
};
use rapport_app::time::local_date_time;
use rapport_app::{Actor, App};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::measures::FeedbackInput;
use rapport_core::sessions::Attendance;
use rapport_testkit::asserts::{conflict, forbidden, invalid_field, local, not_found};
use rapport_testkit::{ADDRESS, PASSWORD, Staff, TestDb, both_backends, client, staff};
use uuid::Uuid;

const LONDON: &str = "Europe/London";
const NEW_YORK: &str = "America/New_York";
const ROOM: &str = "Room 2, 14 Elm Street";

/// An administrator; Lena, a clinician who lives in London; Ana, her client, in New York.
struct Practice {
    admin: Staff,
    lena: Actor,
    ana: Actor,
}

async fn practice(app: &App) -> Practice {
    let admin = staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
    let lena = clinician_in(app, "Lena Okafor", "lena@clinic.example", LONDON).await;
    let (ana, _) = accounts::sign_up(
        app,
        NewClient {
            name: "Ana Ruiz",
            email: "ana@example.org",
            password: PASSWORD,
            timezone: Some(NEW_YORK),
        },
        ADDRESS,
    )
    .await
    .unwrap();
    let p = Practice { admin, lena, ana };
    on_team(app, &p, p.ana.user_id).await;
    p
}

impl Practice {
    /// Another client of Lena's (UTC).
    async fn client(&self, app: &App, name: &str, email: &str) -> Actor {
        let who = client(app, name, email).await.actor;
        on_team(app, self, who.user_id).await;
        who
    }
}

async fn on_team(app: &App, p: &Practice, client_id: Uuid) {
    assign(
        app,
        &p.admin.actor,
        client_id,
        p.lena.user_id,
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
}

/// A clinician with a timezone of their own, enrolled and fully signed in.
async fn clinician_in(app: &App, name: &str, email: &str, timezone: &str) -> Actor {
    accounts::create_staff(
        app,
        None,
        NewStaff {
            role: Role::Clinician,
            email,
            name,
            password: PASSWORD,
            credential: None,
            approaches: vec![],
            timezone: Some(timezone),
        },
    )
    .await
    .unwrap();
    let step = accounts::check_password(app, email, PASSWORD, ADDRESS)
        .await
        .unwrap();
    let enrolment = accounts::start_totp_enrolment(app, &step.actor)
        .await
        .unwrap();
    let code = totp::code_at(&enrolment.secret, app.now()).unwrap();
    let session =
        accounts::confirm_totp_enrolment(app, &step.actor, &code, Some(&step.session_secret))
            .await
            .unwrap()
            .unwrap();
    let current = accounts::resolve_session(app, &session, Some(ADDRESS))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.actor.user_id, step.actor.user_id);
    current.actor
}

/// A wall-clock time, "2026-11-24 10:00".
/// An instant, "2026-11-24 10:00" read as UTC.
fn utc(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&local(s))
}

/// A one-off individual session in person, 50 minutes, at `first` on the scheduler's clock.
fn one_off(client: &Actor, first: &str) -> NewSessions {
    NewSessions {
        clients: vec![client.user_id],
        kind: "individual".into(),
        modality: "in_person".into(),
        place: ROOM.into(),
        first: Some(local(first)),
        minutes: Some(50),
        weeks: Some(1),
        family: Vec::new(),
        group: None,
    }
}

/// A group session with these clients.
fn group(clients: &[&Actor], first: &str) -> NewSessions {
    NewSessions {
        clients: clients.iter().map(|c| c.user_id).collect(),
        kind: "group".into(),
        ..one_off(clients[0], first)
    }
}

async fn schedule_one(app: &App, by: &Actor, new: NewSessions) -> Uuid {
    let ids = schedule(app, by, new).await.unwrap();
    assert_eq!(ids.len(), 1);
    ids[0]
}

/// The one session a client's list shows with this id.
async fn view(app: &App, actor: &Actor, client_id: Uuid, session_id: Uuid) -> SessionView {
    let mut list: Vec<SessionView> = sessions_of(app, actor, client_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|v| v.session.id == session_id)
        .collect();
    assert_eq!(list.len(), 1);
    list.remove(0)
}

/// (kind, level, status) of every flag of the client, oldest first.
async fn flags_of(t: &TestDb, client_id: Uuid) -> Vec<(String, String, String)> {
    t.query(
        "SELECT kind, level, status FROM flags WHERE client_id = ? ORDER BY opened_at, kind",
        vec![client_id.into()],
    )
    .await
    .iter()
    .map(|r| {
        (
            r.try_get("", "kind").unwrap(),
            r.try_get("", "level").unwrap(),
            r.try_get("", "status").unwrap(),
        )
    })
    .collect()
}

const NO_FLAGS: Vec<(String, String, String)> = Vec::new();

fn flag(kind: &str, level: &str) -> (String, String, String) {
    (kind.to_string(), level.to_string(), "open".to_string())
}

fn alert<'a>(views: &'a [AlertView], kind: &str) -> &'a AlertView {
    views
        .iter()
        .find(|v| v.kind.as_str() == kind)
        .unwrap_or_else(|| panic!("no {kind} flag in {views:?}"))
}

fn answers(heard: i64, worked_on: i64, approach: i64, overall: i64) -> FeedbackInput<'static> {
    FeedbackInput {
        heard: Some(heard),
        worked_on_what_i_wanted: Some(worked_on),
        approach_fits: Some(approach),
        overall: Some(overall),
        comment: None,
    }
}

/// The evidence of a flag as JSON objects.
fn evidence(view: &AlertView) -> Vec<serde_json::Value> {
    view.evidence
        .iter()
        .flat_map(|e| {
            let parsed: serde_json::Value = serde_json::from_str(&e.detail).unwrap();
            parsed.as_array().unwrap().clone()
        })
        .collect()
}

/// The texts of one column of every row of a table, each present.
async fn cells(t: &TestDb, sql: &str) -> Vec<String> {
    t.texts(sql, vec![])
        .await
        .into_iter()
        .map(|c| c.expect("a value"))
        .collect()
}

fn assert_sealed(cells: &[String], needles: &[&str]) {
    assert!(!cells.is_empty());
    for cell in cells {
        assert!(cell.starts_with("v1:"), "{cell}");
        for needle in needles {
            assert!(!cell.contains(needle), "{needle:?} in {cell}");
        }
    }
}

both_backends! {
    // A weekly series is kept on the clinician's wall clock: London leaves GMT for BST on
    // Sunday 28 March 2027 (the clock starts in November 2026, after October's change).
    async fn a_weekly_series_keeps_its_local_time_across_daylight_saving(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        let link = "https://meet.example.org/room-4471";
        let ids = schedule(
            &app,
            &p.lena,
            NewSessions {
                modality: "online".into(),
                place: link.into(),
                weeks: Some(3),
                ..one_off(&p.ana, "2027-03-23 17:00")
            },
        )
        .await
        .unwrap();
        assert_eq!(ids.len(), 3);

        let starts = [
            utc("2027-03-23 17:00"),
            utc("2027-03-30 16:00"),
            utc("2027-04-06 16:00"),
        ];
        let as_lena_sees = sessions_of(&app, &p.lena, ana).await.unwrap();
        let as_ana_sees = sessions_of(&app, &p.ana, ana).await.unwrap();
        assert_eq!(
            as_lena_sees, as_ana_sees,
            "the client sees the same sessions, same instants"
        );
        let got: Vec<DateTime<Utc>> = as_ana_sees.iter().map(|v| v.session.starts_at).collect();
        assert_eq!(
            got, starts,
            "one hour earlier in UTC once London is on summer time"
        );
        let series = as_ana_sees[0].session.series_id;
        assert!(series.is_some());
        for (v, id) in as_ana_sees.iter().zip(&ids) {
            assert_eq!(v.session.id, *id);
            assert_eq!(v.session.series_id, series);
            assert_eq!(v.session.clinician_id, p.lena.user_id);
            assert_eq!(v.session.created_by, p.lena.user_id);
            assert_eq!(v.session.kind, "individual");
            assert_eq!(v.session.modality, "online");
            assert_eq!(v.session.place.as_deref(), Some(link));
            assert_eq!(v.session.minutes, 50);
            assert_eq!(v.session.cancelled_at, None);
            assert_eq!((v.attendance, v.clients, v.changes.len()), (None, 1, 0));
        }
        let in_london: Vec<String> = got.iter().map(|s| local_date_time(*s, LONDON)).collect();
        assert_eq!(
            in_london,
            [
                "23 Mar 2027, 17:00",
                "30 Mar 2027, 17:00",
                "6 Apr 2027, 17:00"
            ]
        );
        // New York moved its clocks on 14 March: for Ana the second session comes an hour
        // earlier than the first, because London moved and she did not.
        let in_new_york: Vec<String> = got.iter().map(|s| local_date_time(*s, NEW_YORK)).collect();
        assert_eq!(
            in_new_york,
            [
                "23 Mar 2027, 13:00",
                "30 Mar 2027, 12:00",
                "6 Apr 2027, 12:00"
            ]
        );

        // Lena's own diary lists them with Ana's name.
        let diary = my_sessions(
            &app,
            &p.lena,
            utc("2027-03-01 00:00"),
            utc("2027-05-01 00:00"),
        )
        .await
        .unwrap();
        let diary: Vec<_> = diary
            .into_iter()
            .map(|(s, who)| (s.starts_at, who))
            .collect();
        let with_ana = vec![(ana, "Ana Ruiz".to_string(), None)];
        assert_eq!(
            diary,
            starts
                .iter()
                .map(|s| (*s, with_ana.clone()))
                .collect::<Vec<_>>()
        );

        // The meeting link is sealed at rest.
        assert_sealed(
            &cells(t, "SELECT place FROM therapy_sessions").await,
            &["meet.example.org"],
        );
        assert_eq!(t.count("therapy_sessions", vec![]).await, 3);
        assert_eq!(
            t.count("session_attendees WHERE client_id = ?", vec![ana.into()])
                .await,
            3
        );
    }

    async fn bad_requests_name_the_field_and_store_nothing(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let bo = p.client(&app, "Bo Lindqvist", "bo@example.org").await;
        let good = || one_off(&p.ana, "2026-11-30 10:00");
        let cases = [
            (
                "online without a link",
                NewSessions {
                    modality: "online".into(),
                    ..good()
                },
                "place",
            ),
            (
                "online, not https",
                NewSessions {
                    modality: "online".into(),
                    place: "http://meet.example.org/x".into(),
                    ..good()
                },
                "place",
            ),
            (
                "in person, nowhere",
                NewSessions {
                    place: "  ".into(),
                    ..good()
                },
                "place",
            ),
            (
                "nobody",
                NewSessions {
                    clients: vec![],
                    ..good()
                },
                "clients",
            ),
            (
                "two in an individual session",
                NewSessions {
                    clients: vec![p.ana.user_id, bo.user_id],
                    ..good()
                },
                "clients",
            ),
            (
                "two in a family session",
                NewSessions {
                    kind: "family".into(),
                    clients: vec![p.ana.user_id, bo.user_id],
                    ..good()
                },
                "clients",
            ),
            // 08:59 in London is 08:59 UTC in November: a minute before the clock's 09:00.
            (
                "in the past",
                NewSessions {
                    first: Some(local("2026-11-23 08:59")),
                    ..good()
                },
                "starts_at",
            ),
            (
                "no time",
                NewSessions {
                    first: None,
                    ..good()
                },
                "starts_at",
            ),
            (
                "too short",
                NewSessions {
                    minutes: Some(10),
                    ..good()
                },
                "minutes",
            ),
            (
                "no repeats",
                NewSessions {
                    weeks: Some(0),
                    ..good()
                },
                "weeks",
            ),
            (
                "a couple",
                NewSessions {
                    kind: "couple".into(),
                    ..good()
                },
                "kind",
            ),
        ];
        for (what, new, field) in cases {
            assert_eq!(
                invalid_field(schedule(&app, &p.lena, new).await),
                field,
                "{what}"
            );
        }
        assert_eq!(t.count("therapy_sessions", vec![]).await, 0);
        assert_eq!(t.count("session_attendees", vec![]).await, 0);

        // By phone there is no place to keep; a minute from now is the future.
        let phone = NewSessions {
            modality: "phone".into(),
            place: "ignored".into(),
            first: Some(local("2026-11-23 09:01")),
            ..good()
        };
        let id = schedule_one(&app, &p.lena, phone).await;
        let v = view(&app, &p.lena, p.ana.user_id, id).await;
        assert_eq!(
            (v.session.modality.as_str(), v.session.place),
            ("phone", None)
        );
        assert_eq!(v.session.starts_at, utc("2026-11-23 09:01"));
        assert_eq!(v.session.series_id, None, "a one-off is no series");
        assert_eq!(t.count("therapy_sessions", vec![]).await, 1);
    }

    async fn moves_and_cancellations_keep_their_reasons(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        let bo = p.client(&app, "Bo Lindqvist", "bo@example.org").await;
        let id = schedule_one(&app, &p.lena, one_off(&p.ana, "2026-11-30 10:00")).await;
        let tomorrow_at_3 = Some(local("2026-12-01 15:00"));

        // Moving needs a new time in the future and a reason.
        assert_eq!(
            invalid_field(reschedule(&app, &p.lena, id, tomorrow_at_3, "  ").await),
            "reason"
        );
        assert_eq!(
            invalid_field(reschedule(&app, &p.lena, id, None, "Training day").await),
            "starts_at"
        );
        assert_eq!(
            invalid_field(
                reschedule(
                    &app,
                    &p.lena,
                    id,
                    Some(local("2026-11-20 10:00")),
                    "Training day"
                )
                .await
            ),
            "starts_at"
        );
        assert!(view(&app, &p.lena, ana, id).await.changes.is_empty());

        clock.advance(Duration::hours(1));
        let moved_at = app.now();
        reschedule(
            &app,
            &p.lena,
            id,
            tomorrow_at_3,
            "Clinic closed for a Harwick training day",
        )
        .await
        .unwrap();
        let v = view(&app, &p.ana, ana, id).await;
        assert_eq!(v.session.starts_at, utc("2026-12-01 15:00"));
        assert_eq!(v.changes.len(), 1);
        let moved = &v.changes[0];
        assert_eq!(moved.kind, "rescheduled");
        assert_eq!((moved.by, moved.at), (p.lena.user_id, moved_at));
        assert_eq!(moved.from_starts_at, Some(utc("2026-11-30 10:00")));
        assert_eq!(moved.to_starts_at, Some(utc("2026-12-01 15:00")));
        assert_eq!(moved.reason, "Clinic closed for a Harwick training day");

        // Ana asks for another time, with a reason; the session stays where it is.
        assert_eq!(
            invalid_field(request_reschedule(&app, &p.ana, id, "").await),
            "reason"
        );
        clock.advance(Duration::hours(1));
        request_reschedule(&app, &p.ana, id, "School run at Pellow Lane on Tuesdays")
            .await
            .unwrap();
        // Bo is not in the session: it does not exist for him.
        assert!(not_found(
            request_reschedule(&app, &bo, id, "I want it too").await
        ));
        let v = view(&app, &p.lena, ana, id).await;
        assert_eq!(v.session.starts_at, utc("2026-12-01 15:00"));
        assert_eq!(v.changes.len(), 2);
        let asked = &v.changes[1];
        assert_eq!(asked.kind, "reschedule_requested");
        assert_eq!((asked.by, asked.at), (ana, app.now()));
        assert_eq!(asked.from_starts_at, Some(utc("2026-12-01 15:00")));
        assert_eq!(asked.to_starts_at, None);
        assert_eq!(asked.reason, "School run at Pellow Lane on Tuesdays");

        // No attendance before the session starts, nor with a made-up outcome.
        assert_eq!(
            invalid_field(record_attendance(&app, &p.lena, id, ana, "attended").await),
            "attendance"
        );
        assert_eq!(
            invalid_field(record_attendance(&app, &p.lena, id, ana, "late").await),
            "attendance"
        );

        // Cancelling needs a reason too.
        assert_eq!(
            invalid_field(cancel(&app, &p.lena, id, " ").await),
            "reason"
        );
        clock.advance(Duration::hours(1));
        cancel(&app, &p.lena, id, "Clinician unwell, Quantock flu")
            .await
            .unwrap();
        let v = view(&app, &p.ana, ana, id).await;
        assert_eq!(v.session.cancelled_at, Some(app.now()));
        assert_eq!(v.changes.len(), 3);
        let cancelled = &v.changes[2];
        assert_eq!(cancelled.kind, "cancelled");
        assert_eq!((cancelled.by, cancelled.at), (p.lena.user_id, app.now()));
        assert_eq!(cancelled.from_starts_at, Some(utc("2026-12-01 15:00")));
        assert_eq!(cancelled.to_starts_at, None);
        assert_eq!(cancelled.reason, "Clinician unwell, Quantock flu");

        // A cancelled session is over: no second cancellation, move, request or attendance.
        assert!(conflict(cancel(&app, &p.lena, id, "Again").await));
        assert!(conflict(
            reschedule(&app, &p.lena, id, Some(local("2026-12-02 15:00")), "Later").await
        ));
        assert!(conflict(
            request_reschedule(&app, &p.ana, id, "Another day").await
        ));
        clock.advance(Duration::days(2));
        assert_eq!(
            invalid_field(record_attendance(&app, &p.lena, id, ana, "attended").await),
            "attendance"
        );
        let v = view(&app, &p.lena, ana, id).await;
        assert_eq!((v.attendance, v.changes.len()), (None, 3));

        // A session that has started cannot be asked about any more.
        let past = schedule_one(&app, &p.lena, one_off(&p.ana, "2026-11-26 10:00")).await;
        clock.advance(Duration::days(1));
        assert!(app.now() > utc("2026-11-26 10:00"));
        assert!(conflict(
            request_reschedule(&app, &p.ana, past, "Too late").await
        ));
        assert!(view(&app, &p.ana, ana, past).await.changes.is_empty());

        // Reasons are sealed at rest.
        let reasons = cells(t, "SELECT reason FROM session_changes").await;
        assert_eq!(reasons.len(), 3);
        assert_sealed(&reasons, &["Harwick", "Pellow", "Quantock"]);
    }

    // CLINICAL.md "Early warning", row "disengagement": two missed sessions in a row → low,
    // raised when the second miss is recorded (not at the next sweep).
    async fn two_missed_sessions_in_a_row_raise_disengagement_at_once(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        assert_eq!(
            t.count("episodes WHERE client_id = ?", vec![ana.into()])
                .await,
            0
        );
        // London is on GMT: 10:00 there is 10:00 UTC.
        let ids = schedule(
            &app,
            &p.lena,
            NewSessions {
                weeks: Some(3),
                ..one_off(&p.ana, "2026-11-24 10:00")
            },
        )
        .await
        .unwrap();
        // Ana never answered a questionnaire: her first session starts her episode of care,
        // so the early-warning rules watch her sessions.
        assert_eq!(
            t.count(
                "episodes WHERE client_id = ? AND state = 'active'",
                vec![ana.into()]
            )
            .await,
            1
        );
        assert_eq!(
            t.count("measures WHERE client_id = ?", vec![ana.into()])
                .await,
            0
        );

        clock.advance(Duration::days(1) + Duration::hours(2));
        record_attendance(&app, &p.lena, ids[0], ana, "no_show")
            .await
            .unwrap();
        assert_eq!(
            flags_of(t, ana).await,
            NO_FLAGS,
            "one miss is not two in a row"
        );
        assert_eq!(
            view(&app, &p.ana, ana, ids[0]).await.attendance,
            Some(Attendance::NoShow)
        );

        clock.advance(Duration::days(7));
        record_attendance(&app, &p.lena, ids[1], ana, "no_show")
            .await
            .unwrap();
        assert_eq!(flags_of(t, ana).await, [flag("disengagement", "low")]);
        let views = of_client(&app, &p.lena, ana).await.unwrap();
        let raised = alert(&views, "disengagement");
        assert_eq!(raised.evidence.len(), 1);
        assert_eq!(raised.evidence[0].rule, "missed_in_a_row");
        assert_eq!(raised.evidence[0].at, app.now());
        let missed: Vec<(String, String, i64)> = evidence(raised)
            .iter()
            .map(|e| {
                (
                    e["type"].as_str().unwrap().to_string(),
                    e["what"].as_str().unwrap().to_string(),
                    e["at"].as_i64().unwrap(),
                )
            })
            .collect();
        let session = |at: &str| {
            (
                "missed".to_string(),
                "session".to_string(),
                utc(at).timestamp(),
            )
        };
        assert_eq!(
            missed,
            [session("2026-11-24 10:00"), session("2026-12-01 10:00")]
        );
    }

    // An attended session breaks the run; a late cancellation counts as a miss.
    async fn an_attended_session_in_between_breaks_the_run(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        let mut ids = vec![];
        for day in 24..=27 {
            let at = format!("2026-11-{day} 10:00");
            ids.push(schedule_one(&app, &p.lena, one_off(&p.ana, &at)).await);
        }
        clock.advance(Duration::days(1) + Duration::hours(2));
        record_attendance(&app, &p.lena, ids[0], ana, "no_show")
            .await
            .unwrap();
        clock.advance(Duration::days(1));
        record_attendance(&app, &p.lena, ids[1], ana, "attended")
            .await
            .unwrap();
        clock.advance(Duration::days(1));
        record_attendance(&app, &p.lena, ids[2], ana, "late_cancelled")
            .await
            .unwrap();
        assert_eq!(flags_of(t, ana).await, NO_FLAGS, "missed, attended, missed");
        clock.advance(Duration::days(1));
        record_attendance(&app, &p.lena, ids[3], ana, "no_show")
            .await
            .unwrap();
        assert_eq!(flags_of(t, ana).await, [flag("disengagement", "low")]);
        let got: Vec<Option<Attendance>> = sessions_of(&app, &p.ana, ana)
            .await
            .unwrap()
            .iter()
            .map(|v| v.attendance)
            .collect();
        assert_eq!(
            got,
            [
                Some(Attendance::NoShow),
                Some(Attendance::Attended),
                Some(Attendance::LateCancelled),
                Some(Attendance::NoShow),
            ]
        );
    }

    async fn a_group_session_records_each_clients_attendance(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let bo = p.client(&app, "Bo Lindqvist", "bo@example.org").await;
        let cy = p.client(&app, "Cy Tamura", "cy@example.org").await;
        let dee = p.client(&app, "Dee Adams", "dee@example.org").await;
        let all = [&p.ana, &bo, &cy];
        let id = schedule_one(
            &app,
            &p.lena,
            NewSessions {
                minutes: Some(90),
                ..group(&all, "2026-11-25 18:00")
            },
        )
        .await;
        for who in all {
            let v = view(&app, who, who.user_id, id).await;
            assert_eq!(v.session.kind, "group");
            assert_eq!(v.session.minutes, 90);
            assert_eq!(v.session.starts_at, utc("2026-11-25 18:00"));
            assert_eq!((v.clients, v.attendance), (3, None));
        }
        assert!(
            sessions_of(&app, &dee, dee.user_id)
                .await
                .unwrap()
                .is_empty(),
            "Dee is not in it"
        );
        assert_eq!(
            t.count("session_attendees WHERE session_id = ?", vec![id.into()])
                .await,
            3
        );

        clock.advance(Duration::days(2) + Duration::hours(10));
        record_attendance(&app, &p.lena, id, p.ana.user_id, "attended")
            .await
            .unwrap();
        record_attendance(&app, &p.lena, id, bo.user_id, "no_show")
            .await
            .unwrap();
        record_attendance(&app, &p.lena, id, cy.user_id, "late_cancelled")
            .await
            .unwrap();
        assert!(not_found(
            record_attendance(&app, &p.lena, id, dee.user_id, "attended").await
        ));
        let expected = [
            (&p.ana, Attendance::Attended),
            (&bo, Attendance::NoShow),
            (&cy, Attendance::LateCancelled),
        ];
        for (who, attendance) in expected {
            assert_eq!(
                view(&app, who, who.user_id, id).await.attendance,
                Some(attendance),
                "{}",
                who.name
            );
        }
        let diary = my_sessions(
            &app,
            &p.lena,
            utc("2026-11-25 00:00"),
            utc("2026-11-26 00:00"),
        )
        .await
        .unwrap();
        assert_eq!(diary.len(), 1);
        assert_eq!(diary[0].0.id, id);
        let mut who = diary[0].1.clone();
        who.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(
            who,
            [
                (
                    p.ana.user_id,
                    "Ana Ruiz".to_string(),
                    Some(Attendance::Attended)
                ),
                (
                    bo.user_id,
                    "Bo Lindqvist".to_string(),
                    Some(Attendance::NoShow)
                ),
                (
                    cy.user_id,
                    "Cy Tamura".to_string(),
                    Some(Attendance::LateCancelled)
                ),
            ]
        );
        let marked_by: Vec<Option<Uuid>> = t
            .query(
                "SELECT marked_by FROM session_attendees WHERE session_id = ?",
                vec![id.into()],
            )
            .await
            .iter()
            .map(|r| r.try_get("", "marked_by").unwrap())
            .collect();
        assert_eq!(marked_by, [Some(p.lena.user_id); 3]);
    }

    // The same client named twice in a group is one attendee (the use-case de-duplicates
    // the list before storing it).
    async fn a_client_named_twice_in_a_group_is_in_it_once(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let bo = p.client(&app, "Bo Lindqvist", "bo@example.org").await;
        let id = schedule(
            &app,
            &p.lena,
            group(&[&p.ana, &bo, &p.ana], "2026-11-25 18:00"),
        )
        .await;
        let id = match id {
            Ok(ids) => ids[0],
            Err(e) => panic!("scheduling [ana, bo, ana] failed: {e:?}"),
        };
        assert_eq!(view(&app, &p.ana, p.ana.user_id, id).await.clients, 2);
        assert_eq!(
            t.count("session_attendees WHERE session_id = ?", vec![id.into()])
                .await,
            2
        );
    }

    async fn only_the_care_team_schedules_and_manages_sessions(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example")
            .await
            .actor;
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await.actor;
        for (who, actor) in [
            ("clinician off the team", &kofi),
            ("the client", &p.ana),
            ("administrator", &p.admin.actor),
        ] {
            assert!(
                forbidden(schedule(&app, actor, one_off(&p.ana, "2026-11-30 10:00")).await),
                "{who}"
            );
        }
        // Lena is not on Bo's team: a group with him is refused as a whole.
        assert!(forbidden(
            schedule(&app, &p.lena, group(&[&p.ana, &bo], "2026-11-30 10:00")).await
        ));
        assert_eq!(t.count("therapy_sessions", vec![]).await, 0);
        assert_eq!(t.count("session_attendees", vec![]).await, 0);
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'session.scheduled' \
                 AND outcome = 'denied'",
                vec![ana.into()],
            )
            .await,
            3
        );
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'session.scheduled' \
                 AND outcome = 'denied'",
                vec![bo.user_id.into()],
            )
            .await,
            1
        );

        let id = schedule_one(&app, &p.lena, one_off(&p.ana, "2026-11-30 10:00")).await;
        let before = view(&app, &p.lena, ana, id).await;
        for (who, actor) in [
            ("clinician off the team", &kofi),
            ("the client", &p.ana),
            ("administrator", &p.admin.actor),
        ] {
            assert!(
                forbidden(
                    reschedule(&app, actor, id, Some(local("2026-12-01 10:00")), "Mine now").await
                ),
                "{who}"
            );
            assert!(
                forbidden(cancel(&app, actor, id, "Mine now").await),
                "{who}"
            );
        }
        clock.advance(Duration::days(7) + Duration::hours(2));
        for (who, actor) in [
            ("clinician off the team", &kofi),
            ("the client", &p.ana),
            ("administrator", &p.admin.actor),
        ] {
            assert!(
                forbidden(record_attendance(&app, actor, id, ana, "attended").await),
                "{who}"
            );
        }
        for (who, actor) in [
            ("clinician off the team", &kofi),
            ("another client", &bo),
            ("administrator", &p.admin.actor),
        ] {
            assert!(forbidden(sessions_of(&app, actor, ana).await), "{who}");
            assert!(forbidden(feedback_series(&app, actor, ana).await), "{who}");
        }
        // Diaries are for clinicians, and hold only their own sessions.
        assert!(forbidden(
            my_sessions(
                &app,
                &p.ana,
                utc("2026-11-01 00:00"),
                utc("2027-01-01 00:00")
            )
            .await
        ));
        assert!(forbidden(
            my_sessions(
                &app,
                &p.admin.actor,
                utc("2026-11-01 00:00"),
                utc("2027-01-01 00:00")
            )
            .await
        ));
        assert!(
            my_sessions(
                &app,
                &kofi,
                utc("2026-11-01 00:00"),
                utc("2027-01-01 00:00")
            )
            .await
            .unwrap()
            .is_empty()
        );
        assert_eq!(
            view(&app, &p.lena, ana, id).await,
            before,
            "nothing changed"
        );
        assert_eq!(t.count("session_changes", vec![]).await, 0);
    }

    // CLINICAL.md "Early warning", row "alliance": any of the four answers ≤ 5 → medium.
    async fn feedback_after_attended_sessions_and_a_low_answer_raises_alliance(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example")
            .await
            .actor;
        let mut ids = vec![];
        for day in 24..=26 {
            let at = format!("2026-11-{day} 10:00");
            ids.push(schedule_one(&app, &p.lena, one_off(&p.ana, &at)).await);
        }
        assert_eq!(
            due_feedback(&app, &p.ana).await.unwrap(),
            Vec::<FeedbackDue>::new()
        );
        assert!(
            not_found(submit_feedback(&app, &p.ana, ids[0], answers(8, 8, 8, 8)).await),
            "not yet attended"
        );

        clock.advance(Duration::days(1) + Duration::hours(2));
        record_attendance(&app, &p.lena, ids[0], ana, "attended")
            .await
            .unwrap();
        let first = FeedbackDue {
            session_id: ids[0],
            starts_at: utc("2026-11-24 10:00"),
        };
        assert_eq!(
            due_feedback(&app, &p.ana).await.unwrap(),
            std::slice::from_ref(&first)
        );
        clock.advance(Duration::days(1));
        record_attendance(&app, &p.lena, ids[1], ana, "no_show")
            .await
            .unwrap();
        assert_eq!(
            due_feedback(&app, &p.ana).await.unwrap(),
            [first],
            "nothing to ask about a no-show"
        );
        assert!(not_found(
            submit_feedback(&app, &p.ana, ids[1], answers(8, 8, 8, 8)).await
        ));

        // Answers out of range name the question.
        assert_eq!(
            invalid_field(submit_feedback(&app, &p.ana, ids[0], answers(8, 11, 8, 8)).await),
            "worked_on_what_i_wanted"
        );
        let first_at = app.now();
        let comment = "The Thornbury breathing exercise helped";
        submit_feedback(
            &app,
            &p.ana,
            ids[0],
            FeedbackInput {
                comment: Some(comment),
                ..answers(8, 8, 8, 8)
            },
        )
        .await
        .unwrap();
        assert_eq!(flags_of(t, ana).await, NO_FLAGS, "8/8/8/8 raises nothing");
        assert_eq!(
            due_feedback(&app, &p.ana).await.unwrap(),
            Vec::<FeedbackDue>::new()
        );
        // Once per session.
        assert!(conflict(
            submit_feedback(&app, &p.ana, ids[0], answers(2, 2, 2, 2)).await
        ));
        assert_eq!(t.count("session_feedback", vec![]).await, 1);
        assert_eq!(flags_of(t, ana).await, NO_FLAGS);

        clock.advance(Duration::days(1));
        record_attendance(&app, &p.lena, ids[2], ana, "attended")
            .await
            .unwrap();
        let second_at = app.now();
        submit_feedback(&app, &p.ana, ids[2], answers(8, 5, 8, 8))
            .await
            .unwrap();
        assert_eq!(flags_of(t, ana).await, [flag("alliance", "medium")]);
        let views = of_client(&app, &p.lena, ana).await.unwrap();
        let raised = alert(&views, "alliance");
        assert_eq!(raised.evidence.len(), 1);
        assert_eq!(raised.evidence[0].rule, "feedback_low_answer");
        assert_eq!(raised.evidence[0].at, second_at);
        assert_eq!(
            evidence(raised),
            [serde_json::json!({
                "type": "feedback",
                "at": second_at.timestamp(),
                "heard": 8,
                "worked_on": 5,
                "approach": 8,
                "overall": 8,
            })]
        );

        // The care team (and Ana) read the series; nobody else.
        for reader in [&p.lena, &p.ana] {
            let series = feedback_series(&app, reader, ana).await.unwrap();
            let got: Vec<_> = series
                .iter()
                .map(|f| {
                    (
                        f.session_id,
                        f.at,
                        [f.heard, f.worked_on, f.approach, f.overall],
                        f.comment.as_deref(),
                    )
                })
                .collect();
            assert_eq!(
                got,
                [
                    (ids[0], first_at, [8, 8, 8, 8], Some(comment)),
                    (ids[2], second_at, [8, 5, 8, 8], None),
                ]
            );
        }
        assert!(forbidden(feedback_series(&app, &kofi, ana).await));

        // The comment is sealed at rest.
        let comments: Vec<String> = t
            .texts("SELECT comment FROM session_feedback ORDER BY at", vec![])
            .await
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(comments.len(), 1);
        assert_sealed(&comments, &["Thornbury"]);
    }

    // CLINICAL.md "Early warning", row "alliance": overall 3 or more below the client's own
    // earlier average → medium; each client has their own average.
    async fn overall_three_below_the_clients_own_average_raises_alliance(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let bo = p.client(&app, "Bo Lindqvist", "bo@example.org").await;
        let mut ids = vec![];
        for day in 24..=26 {
            let at = format!("2026-11-{day} 10:00");
            ids.push(schedule_one(&app, &p.lena, group(&[&p.ana, &bo], &at)).await);
        }
        // Ana: 9, 9, then 6 (every other answer at least 6). Bo: 9, 9, then 7.
        let ana_answers = [
            answers(9, 9, 9, 9),
            answers(9, 9, 9, 9),
            answers(8, 7, 7, 6),
        ];
        let bo_answers = [
            answers(9, 9, 9, 9),
            answers(9, 9, 9, 9),
            answers(8, 8, 8, 7),
        ];
        clock.advance(Duration::hours(2));
        for (i, id) in ids.iter().enumerate() {
            clock.advance(Duration::days(1));
            record_attendance(&app, &p.lena, *id, p.ana.user_id, "attended")
                .await
                .unwrap();
            record_attendance(&app, &p.lena, *id, bo.user_id, "attended")
                .await
                .unwrap();
            submit_feedback(&app, &p.ana, *id, ana_answers[i])
                .await
                .unwrap();
            submit_feedback(&app, &bo, *id, bo_answers[i])
                .await
                .unwrap();
            if i < 2 {
                assert_eq!(flags_of(t, p.ana.user_id).await, NO_FLAGS, "feedback {i}");
            }
        }
        assert_eq!(
            flags_of(t, p.ana.user_id).await,
            [flag("alliance", "medium")]
        );
        assert_eq!(
            flags_of(t, bo.user_id).await,
            NO_FLAGS,
            "7 is only 2 below Bo's 9"
        );
        let views = of_client(&app, &p.lena, p.ana.user_id).await.unwrap();
        let raised = alert(&views, "alliance");
        assert_eq!(raised.evidence.len(), 1);
        assert_eq!(raised.evidence[0].rule, "feedback_below_own_average");
        let ev = evidence(raised);
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert_eq!(ev[0]["type"], "feedback");
        assert_eq!(ev[0]["overall"], 6);
        assert_eq!(
            ev[1],
            serde_json::json!({"type": "own_average", "overall": 9.0, "earlier": 2})
        );
    }

    async fn a_request_for_another_therapist_is_kept_sealed(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = p.ana.user_id;
        let reason = "I would rather see someone who knows Ravensholt farming life";
        request_other_therapist(&app, &p.ana, reason).await.unwrap();
        for (who, actor) in [("clinician", &p.lena), ("administrator", &p.admin.actor)] {
            assert!(
                forbidden(request_other_therapist(&app, actor, "For them").await),
                "{who}"
            );
        }
        let rows = t
            .query(
                "SELECT client_id, status, reason FROM therapist_requests",
                vec![],
            )
            .await;
        assert_eq!(rows.len(), 1);
        let client_id: Uuid = rows[0].try_get("", "client_id").unwrap();
        let status: String = rows[0].try_get("", "status").unwrap();
        let sealed: String = rows[0].try_get("", "reason").unwrap();
        assert_eq!((client_id, status.as_str()), (ana, "open"));
        assert_sealed(&[sealed], &["Ravensholt"]);
        let opened = rapport_store::care_teams::requests::of_client(t.db.conn(), t.db.keys(), ana)
            .await
            .unwrap();
        assert_eq!(opened.len(), 1);
        assert_eq!(opened[0].reason.as_deref(), Some(reason));
        assert_eq!(opened[0].at, app.now());
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'therapist.change_requested' \
                 AND outcome = 'ok'",
                vec![ana.into()],
            )
            .await,
            1
        );
    }

    // A disabled account signs in nowhere (browser sessions and API tokens refuse it); its
    // calendar address should stop answering too.
    async fn a_disabled_accounts_feed_answers_nothing(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        schedule_one(&app, &p.lena, one_off(&p.ana, "2026-11-30 10:00")).await;
        let token = new_feed(&app, &p.lena).await.unwrap();
        assert_eq!(feed_events(&app, &token).await.unwrap().len(), 1);
        let disabled = t
            .execute(
                "UPDATE users SET disabled_at = ? WHERE id = ?",
                vec![app.now().into(), p.lena.user_id.into()],
            )
            .await;
        assert_eq!(disabled, 1);
        assert!(
            not_found(feed_events(&app, &token).await),
            "Lena's account is disabled"
        );
    }

    async fn a_calendar_feed_shows_when_and_where_and_can_be_revoked(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let bo = p.client(&app, "Bo Lindqvist", "bo@example.org").await;
        let link = "https://meet.example.org/room-4471";
        let ana_ids = schedule(
            &app,
            &p.lena,
            NewSessions {
                modality: "online".into(),
                place: link.into(),
                weeks: Some(2),
                ..one_off(&p.ana, "2026-11-30 10:00")
            },
        )
        .await
        .unwrap();
        let bo_id = schedule_one(&app, &p.lena, one_off(&bo, "2026-12-02 14:00")).await;
        cancel(&app, &p.lena, ana_ids[1], "Bank holiday")
            .await
            .unwrap();

        assert!(!has_feed(&app, &p.ana).await.unwrap());
        let first = new_feed(&app, &p.ana).await.unwrap();
        assert!(has_feed(&app, &p.ana).await.unwrap());
        let events = feed_events(&app, &first).await.unwrap();
        let got: Vec<_> = events
            .iter()
            .map(|e| {
                (
                    e.id,
                    e.starts_at,
                    e.minutes,
                    e.modality.as_str(),
                    e.place.as_deref(),
                    e.cancelled,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    ana_ids[0],
                    utc("2026-11-30 10:00"),
                    50,
                    "online",
                    Some(link),
                    false
                ),
                (
                    ana_ids[1],
                    utc("2026-12-07 10:00"),
                    50,
                    "online",
                    Some(link),
                    true
                ),
            ],
            "Ana's sessions only"
        );
        let names = ["Ana", "Ruiz", "Lena", "Okafor", "Lindqvist"];
        let text = format!("{events:?}");
        for name in names {
            assert!(!text.contains(name), "{name:?} in the feed");
        }

        // Lena's feed holds every session of hers, still without names.
        let lenas = new_feed(&app, &p.lena).await.unwrap();
        let events = feed_events(&app, &lenas).await.unwrap();
        let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
        assert_eq!(ids, [ana_ids[0], bo_id, ana_ids[1]]);
        assert_eq!(events[1].place.as_deref(), Some(ROOM));
        let text = format!("{events:?}");
        for name in names {
            assert!(!text.contains(name), "{name:?} in the feed");
        }

        // A new address revokes the old one.
        let second = new_feed(&app, &p.ana).await.unwrap();
        assert_ne!(first, second);
        assert!(not_found(feed_events(&app, &first).await));
        assert_eq!(feed_events(&app, &second).await.unwrap().len(), 2);
        assert!(not_found(feed_events(&app, "not-a-feed-token").await));
        assert_eq!(
            t.count(
                "calendar_feeds WHERE user_id = ? AND revoked_at IS NOT NULL",
                vec![p.ana.user_id.into()]
            )
            .await,
            1
        );

        revoke_feed(&app, &p.ana).await.unwrap();
        assert!(not_found(feed_events(&app, &second).await));
        assert!(!has_feed(&app, &p.ana).await.unwrap());
        assert_eq!(
            feed_events(&app, &lenas).await.unwrap().len(),
            3,
            "Lena's feed lives on"
        );

        // Only hashes are kept: no token is in the table (nor in the audit log).
        let hashes = cells(t, "SELECT token_hash FROM calendar_feeds").await;
        assert_eq!(hashes.len(), 3);
        for token in [&first, &second, &lenas] {
            assert!(
                hashes.iter().all(|h| !h.contains(token.as_str())),
                "a token in calendar_feeds"
            );
            for row in t
                .query("SELECT action, resource, detail FROM audit_events", vec![])
                .await
            {
                assert!(
                    !format!("{row:?}").contains(token.as_str()),
                    "a token in the audit log"
                );
            }
        }
        assert_eq!(
            t.count(
                "audit_events WHERE actor_id = ? AND action = 'calendar.created'",
                vec![p.ana.user_id.into()]
            )
            .await,
            2
        );
        assert_eq!(
            t.count(
                "audit_events WHERE actor_id = ? AND action = 'calendar.revoked'",
                vec![p.ana.user_id.into()]
            )
            .await,
            1
        );
    }
}
