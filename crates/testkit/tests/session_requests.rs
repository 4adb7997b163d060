//! A client's request for another time (issue 23, item 5): the client may propose up to three
//! times; the request is listed for the clinician who leads the session until it is answered
//! (a proposed time accepted, another time given, or declined with a message) and the client
//! sees the answer. A member's request is seen by that member and the clinicians who may read
//! their record, nobody else. Messages are sealed.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use rapport_app::care_teams::assign;
use rapport_app::sessions::{
    AnswerInput, NewSessions, answer_request, ask_for_another_time, my_requests, open_requests,
    reschedule, schedule, session, session_requests,
};
use rapport_app::{Actor, App};
use rapport_core::accounts::CareTeamRole;
use rapport_core::sessions::RequestAnswer;
use rapport_testkit::asserts::{conflict, invalid_field, local, not_found};
use rapport_testkit::{TestDb, both_backends, practice};
use uuid::Uuid;

async fn session_with(app: &App, lena: &Actor, clients: &[&Actor], at: &str) -> Uuid {
    schedule(
        app,
        lena,
        NewSessions {
            clients: clients.iter().map(|c| c.user_id).collect(),
            kind: if clients.len() > 1 {
                "group"
            } else {
                "individual"
            }
            .into(),
            modality: "in_person".into(),
            place: "Room 2, 14 Elm Street".into(),
            first: Some(local(at)),
            minutes: Some(50),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        },
    )
    .await
    .unwrap()[0]
}

fn answer(kind: &str, proposal: Option<usize>, at: Option<&str>, message: &str) -> AnswerInput {
    AnswerInput {
        answer: kind.into(),
        proposal,
        starts_at: at.map(local),
        message: message.into(),
    }
}

both_backends! {
    async fn a_request_is_listed_until_answered_and_the_client_reads_the_answer(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, ana) = (&p.lena.actor, &p.kofi.actor, &p.ana.actor);
        let s = session_with(&app, lena, &[ana], "2026-11-30 10:00").await;
        let why = "My shift changed that week.";

        // Up to three proposed times, each in the future.
        let four = [local("2026-12-01 09:00"); 4];
        assert_eq!(invalid_field(ask_for_another_time(&app, ana, s, why, &four).await), "proposed");
        let past = [local("2026-11-20 09:00")];
        assert_eq!(invalid_field(ask_for_another_time(&app, ana, s, why, &past).await), "proposed[0]");
        assert_eq!(t.count("session_requests", vec![]).await, 0);
        let times = [local("2026-12-01 09:00"), local("2026-12-02 14:00")];
        let id = ask_for_another_time(&app, ana, s, why, &times).await.unwrap();
        // One open request per client and session.
        assert!(conflict(ask_for_another_time(&app, ana, s, why, &[]).await));

        // Listed for the clinician who leads the session, with the times and the reason.
        let open = open_requests(&app, lena).await.unwrap();
        assert_eq!(open.len(), 1);
        let r = &open[0];
        assert_eq!((r.id, r.session_id, r.client_id, r.client_name.as_str()), (id, s, ana.user_id, "Ana Ruiz"));
        assert_eq!(r.reason, why);
        assert_eq!(
            r.proposed,
            vec![
                Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2026, 12, 2, 14, 0, 0).unwrap()
            ]
        );
        assert_eq!(r.answer, None);
        assert_eq!(
            t.count("audit_events WHERE action = 'session_requests.read' AND client_id = ?", vec![ana.user_id.into()]).await,
            1
        );
        // Nobody else lists it or answers it.
        assert!(open_requests(&app, kofi).await.unwrap().is_empty());
        assert!(not_found(answer_request(&app, kofi, id, answer("declined", None, None, "No.")).await));
        assert!(not_found(answer_request(&app, ana, id, answer("accepted", Some(1), None, "")).await));
        assert!(not_found(answer_request(&app, lena, Uuid::now_v7(), answer("declined", None, None, "No.")).await));

        // A decline says why; an accepted one names a proposed time.
        assert_eq!(invalid_field(answer_request(&app, lena, id, answer("declined", None, None, " ")).await), "message");
        assert_eq!(invalid_field(answer_request(&app, lena, id, answer("accepted", Some(3), None, "")).await), "proposal");
        assert_eq!(invalid_field(answer_request(&app, lena, id, answer("maybe", None, None, "")).await), "answer");

        // Accepting the second time moves the session there and closes the request.
        answer_request(&app, lena, id, answer("accepted", Some(2), None, "See you then.")).await.unwrap();
        let moved_to = Utc.with_ymd_and_hms(2026, 12, 2, 14, 0, 0).unwrap();
        assert_eq!(session(&app, ana, s).await.unwrap().session.starts_at, moved_to);
        assert!(open_requests(&app, lena).await.unwrap().is_empty());
        assert!(conflict(answer_request(&app, lena, id, answer("declined", None, None, "No.")).await));
        let mine = my_requests(&app, ana).await.unwrap();
        assert_eq!(mine.len(), 1);
        let a = mine[0].answer.clone().expect("answered");
        assert_eq!((a.answer, a.to_starts_at, a.message.as_deref()), (RequestAnswer::Accepted, Some(moved_to), Some("See you then.")));
        assert_eq!(a.by_name, "Dr Lena Okafor");
        assert_eq!(mine[0].session_starts_at, moved_to);
        assert_eq!(session_requests(&app, ana, s).await.unwrap(), mine);

        // A second request, declined with a message the client reads.
        let second = ask_for_another_time(&app, ana, s, "Still difficult.", &[]).await.unwrap();
        assert_eq!(open_requests(&app, lena).await.unwrap().len(), 1);
        answer_request(&app, lena, second, answer("declined", None, None, "I am away the rest of that week.")).await.unwrap();
        let mine = my_requests(&app, ana).await.unwrap();
        let a = mine[1].answer.clone().expect("answered");
        assert_eq!((a.answer, a.to_starts_at, a.message.as_deref()), (RequestAnswer::Declined, None, Some("I am away the rest of that week.")));
        assert_eq!(session(&app, ana, s).await.unwrap().session.starts_at, moved_to);

        // A third, answered by another time; a fourth, closed by an ordinary move.
        let third = ask_for_another_time(&app, ana, s, "Sorry, once more.", &[]).await.unwrap();
        answer_request(&app, lena, third, answer("moved", None, Some("2026-12-03 16:00"), "")).await.unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 16, 0, 0).unwrap();
        assert_eq!(session(&app, lena, s).await.unwrap().session.starts_at, at);
        let fourth = ask_for_another_time(&app, ana, s, "Last time.", &[]).await.unwrap();
        reschedule(&app, lena, s, Some(local("2026-12-04 11:00")), "Room change.").await.unwrap();
        assert!(open_requests(&app, lena).await.unwrap().is_empty());
        let mine = my_requests(&app, ana).await.unwrap();
        let last = mine.iter().find(|r| r.id == fourth).unwrap().answer.clone().unwrap();
        assert_eq!(last.answer, RequestAnswer::Moved);
        assert_eq!(last.to_starts_at, Some(Utc.with_ymd_and_hms(2026, 12, 4, 11, 0, 0).unwrap()));

        // The messages are sealed.
        for m in t.texts("SELECT message FROM session_requests WHERE message IS NOT NULL", vec![]).await {
            let m = m.unwrap();
            assert!(m.starts_with("v1:") && !m.contains("away"), "{m}");
        }
        assert_eq!(
            t.count("audit_events WHERE action = 'session_request.answered' AND outcome = 'ok' AND client_id = ?", vec![ana.user_id.into()]).await,
            3
        );
    }

    async fn a_members_request_is_seen_by_that_member_and_their_clinicians(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, ana, bo) = (&p.lena.actor, &p.kofi.actor, &p.ana.actor, &p.bo.actor);
        for c in [lena, kofi] {
            assign(&app, &p.admin.actor, bo.user_id, c.user_id, CareTeamRole::PrimaryTherapist)
                .await
                .unwrap();
        }
        let s = session_with(&app, lena, &[ana, bo], "2026-11-30 10:00").await;
        let id = ask_for_another_time(&app, ana, s, "Hospital appointment.", &[local("2026-12-01 10:00")])
            .await
            .unwrap();
        // Bo, in the same group, sees nothing of it.
        assert!(session_requests(&app, bo, s).await.unwrap().is_empty());
        assert!(my_requests(&app, bo).await.unwrap().is_empty());
        // Kofi, on Bo's team only, neither lists nor sees nor answers it.
        assert!(open_requests(&app, kofi).await.unwrap().is_empty());
        assert!(session_requests(&app, kofi, s).await.unwrap().is_empty());
        assert!(not_found(answer_request(&app, kofi, id, answer("declined", None, None, "No.")).await));
        // Lena, on both teams, sees and answers it; the move reaches the whole group.
        assert_eq!(session_requests(&app, lena, s).await.unwrap().len(), 1);
        answer_request(&app, lena, id, answer("accepted", Some(1), None, "")).await.unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        assert_eq!(session(&app, bo, s).await.unwrap().session.starts_at, at);
        // Someone outside the session is refused.
        assert!(session_requests(&app, &p.admin.actor, s).await.is_err());
    }
}
