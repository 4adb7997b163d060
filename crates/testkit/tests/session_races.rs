//! Two changes to one session at the same moment take turns, and the second sees the first:
//! two cancellations (exactly one counts, the other is told the session is cancelled already),
//! a move racing a cancellation, and attendance recorded on a session cancelled in between.
//!
//! Each race is made certain rather than likely: the test holds the write lock (SQLite) or the
//! session's row (PostgreSQL) while the changes start, so every one of them has read whatever
//! it reads before the lock, and only then lets them go, in the order they started.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
use std::time::Duration as Wait;

use chrono::Duration;
use rapport_app::sessions::{
    NewSessions, SessionDetail, cancel, record_attendance, reschedule, schedule,
};
use rapport_app::{App, Error};
use rapport_store::{Backend, ConnectionTrait, WriteTx};
use rapport_testkit::asserts::local;
use rapport_testkit::{TestDb, both_backends, practice};
use tokio::task::JoinHandle;
use uuid::Uuid;

/// Lena's session with Ana, Monday 30 November 2026 at 10:00 UTC.
async fn session(app: &App, p: &rapport_testkit::Practice) -> Uuid {
    let ids = schedule(
        app,
        &p.lena.actor,
        NewSessions {
            clients: vec![p.ana.actor.user_id],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Room 2".into(),
            first: Some(local("2026-11-30 10:00")),
            minutes: Some(50),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        },
    )
    .await
    .unwrap();
    ids[0]
}

/// Holds what a change of the session must wait for: SQLite's write lock, or on PostgreSQL the
/// session's row (the old code read it without waiting and changed it after).
async fn hold(t: &TestDb, session_id: Uuid) -> WriteTx {
    let tx = t.db.write().await.unwrap();
    if t.backend() == Backend::Postgres {
        tx.conn()
            .execute_raw(t.stmt(
                "SELECT id FROM therapy_sessions WHERE id = ? FOR UPDATE",
                vec![session_id.into()],
            ))
            .await
            .unwrap();
    }
    tx
}

/// Starts a change and gives it time to read and reach the held lock.
async fn start<T: Send + 'static>(
    f: impl Future<Output = Result<T, Error>> + Send + 'static,
) -> JoinHandle<Result<T, Error>> {
    let h = tokio::spawn(f);
    tokio::time::sleep(Wait::from_millis(300)).await;
    h
}

/// The session as Lena, who leads it, sees it.
async fn seen(app: &App, p: &rapport_testkit::Practice, id: Uuid) -> SessionDetail {
    rapport_app::sessions::session(app, &p.lena.actor, id)
        .await
        .unwrap()
}

both_backends! {
    async fn of_two_cancellations_at_once_exactly_one_counts(t: &TestDb) {
        let (app, _) = t.app();
        let p = practice(&app).await;
        let id = session(&app, &p).await;

        let held = hold(t, id).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let first = start(async move { cancel(&a, &lena, id, "Clinician unwell").await }).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let second = start(async move { cancel(&a, &lena, id, "Room flooded").await }).await;
        drop(held);
        let (first, second) = (first.await.unwrap(), second.await.unwrap());

        assert!(first.is_ok(), "the first cancellation counts: {first:?}");
        assert!(
            matches!(&second, Err(Error::Conflict(m)) if m.contains("cancelled already")),
            "the second is told the session is cancelled already: {second:?}"
        );
        assert_eq!(
            t.count(
                "session_changes WHERE session_id = ? AND kind = 'cancelled'",
                vec![id.into()]
            )
            .await,
            1,
            "one cancellation in the history"
        );
        assert_eq!(
            t.count(
                "audit_events WHERE action = 'session.cancelled' AND outcome = 'ok'",
                vec![]
            )
            .await,
            1,
            "one cancellation in the audit log"
        );
    }

    async fn a_move_after_a_cancellation_that_came_first_is_refused(t: &TestDb) {
        let (app, _) = t.app();
        let p = practice(&app).await;
        let id = session(&app, &p).await;

        let held = hold(t, id).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let cancelling =
            start(async move { cancel(&a, &lena, id, "Clinician unwell").await }).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let moving = start(async move {
            reschedule(&a, &lena, id, Some(local("2026-12-01 15:00")), "Training day").await
        })
        .await;
        drop(held);
        let (cancelled, moved) = (cancelling.await.unwrap(), moving.await.unwrap());

        assert!(cancelled.is_ok(), "{cancelled:?}");
        assert!(
            matches!(&moved, Err(Error::Conflict(m)) if m.contains("cancelled")),
            "the move sees the cancellation: {moved:?}"
        );
        let now = seen(&app, &p, id).await;
        assert!(now.session.cancelled_at.is_some());
        assert_eq!(
            now.session.starts_at,
            local("2026-11-30 10:00").and_utc(),
            "the cancelled session kept its time"
        );
        let kinds: Vec<&str> = now.changes.iter().map(|(c, _)| c.kind.as_str()).collect();
        assert_eq!(kinds, ["cancelled"], "no move of a cancelled session in the history");
    }

    async fn a_move_that_came_first_is_then_cancelled(t: &TestDb) {
        let (app, _) = t.app();
        let p = practice(&app).await;
        let id = session(&app, &p).await;

        let held = hold(t, id).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let moving = start(async move {
            reschedule(&a, &lena, id, Some(local("2026-12-01 15:00")), "Training day").await
        })
        .await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let cancelling =
            start(async move { cancel(&a, &lena, id, "Clinician unwell").await }).await;
        drop(held);
        let (moved, cancelled) = (moving.await.unwrap(), cancelling.await.unwrap());

        assert!(moved.is_ok(), "{moved:?}");
        assert!(cancelled.is_ok(), "{cancelled:?}");
        let now = seen(&app, &p, id).await;
        assert!(now.session.cancelled_at.is_some());
        let changes: Vec<(&str, _)> = now
            .changes
            .iter()
            .map(|(c, _)| (c.kind.as_str(), c.from_starts_at))
            .collect();
        // The cancellation names the time the session had when it was cancelled: the new one.
        assert_eq!(
            changes,
            [
                ("rescheduled", Some(local("2026-11-30 10:00").and_utc())),
                ("cancelled", Some(local("2026-12-01 15:00").and_utc())),
            ]
        );
    }

    async fn attendance_on_a_session_cancelled_in_between_is_refused(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let id = session(&app, &p).await;
        let ana = p.ana.actor.user_id;
        clock.advance(Duration::days(7) + Duration::hours(1));

        let held = hold(t, id).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let cancelling =
            start(async move { cancel(&a, &lena, id, "Clinician unwell").await }).await;
        let (a, lena) = (app.clone(), p.lena.actor.clone());
        let marking =
            start(async move { record_attendance(&a, &lena, id, ana, "no_show").await }).await;
        drop(held);
        let (cancelled, marked) = (cancelling.await.unwrap(), marking.await.unwrap());

        assert!(cancelled.is_ok(), "{cancelled:?}");
        assert!(
            matches!(&marked, Err(Error::Invalid { field, .. }) if field == "attendance"),
            "attendance on a cancelled session is refused: {marked:?}"
        );
        assert_eq!(
            t.texts(
                "SELECT attendance FROM session_attendees WHERE session_id = ?",
                vec![id.into()]
            )
            .await,
            vec![None],
            "no attendance recorded"
        );
    }
}
