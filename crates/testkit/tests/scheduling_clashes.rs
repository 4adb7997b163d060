//! Booking with care (issue 23, item 8): a session that would overlap another of the
//! clinician's own, or another in the same room, is not booked unless the clinician says so;
//! touching sessions, other rooms and cancelled sessions do not clash; the place of a client's
//! last session is offered for the next.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use rapport_app::care_teams::assign;
use rapport_app::sessions::{Booking, NewSessions, book, cancel, last_place};
use rapport_app::{Actor, App};
use rapport_core::accounts::CareTeamRole;
use rapport_core::sessions::Modality;
use rapport_testkit::asserts::{forbidden, local};
use rapport_testkit::{TestDb, both_backends, practice};
use uuid::Uuid;

const ROOM: &str = "Room 2, 14 Elm Street";

fn new(client: &Actor, modality: &str, place: &str, at: &str, weeks: i64) -> NewSessions {
    NewSessions {
        clients: vec![client.user_id],
        kind: "individual".into(),
        modality: modality.into(),
        place: place.into(),
        first: Some(local(at)),
        minutes: Some(50),
        weeks: Some(weeks),
        family: Vec::new(),
        group: None,
    }
}

async fn booked(app: &App, who: &Actor, n: NewSessions) -> Vec<Uuid> {
    match book(app, who, n, false).await.unwrap() {
        Booking::Scheduled(ids) => ids,
        Booking::Clashes(c) => panic!("unexpected clashes: {c:?}"),
    }
}

both_backends! {
    async fn overlaps_are_shown_before_booking_and_booked_only_when_asked(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, ana, bo) = (&p.lena.actor, &p.kofi.actor, &p.ana.actor, &p.bo.actor);
        assign(&app, &p.admin.actor, bo.user_id, kofi.user_id, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        let first = booked(&app, lena, new(ana, "in_person", ROOM, "2026-11-30 10:00", 1)).await[0];
        let sessions = t.count("therapy_sessions", vec![]).await;

        // Her own session half an hour later, even online: a clash, and nothing is booked.
        let Booking::Clashes(c) = book(&app, lena, new(ana, "online", "https://meet.example.org/x", "2026-11-30 10:30", 1), false)
            .await
            .unwrap()
        else {
            panic!("no clash with her own session");
        };
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].session_id, c[0].own, c[0].same_place), (first, true, false));
        assert_eq!(c[0].starts_at, Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
        assert_eq!((c[0].minutes, c[0].clinician_name.as_str()), (50, "Dr Lena Okafor"));
        assert_eq!(t.count("therapy_sessions", vec![]).await, sessions);
        // Booked anyway when she says so.
        let Booking::Scheduled(ids) = book(&app, lena, new(ana, "online", "https://meet.example.org/x", "2026-11-30 10:30", 1), true)
            .await
            .unwrap()
        else {
            panic!("not booked with the overlap allowed");
        };
        assert_eq!(ids.len(), 1);

        // Another clinician in the same room, typed otherwise: a clash with Lena's session.
        let Booking::Clashes(c) = book(&app, kofi, new(bo, "in_person", " room 2,  14 elm street. ", "2026-11-30 10:20", 1), false)
            .await
            .unwrap()
        else {
            panic!("no clash in the same room");
        };
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].session_id, c[0].own, c[0].same_place), (first, false, true));
        // Another room, or the same room once it is free, is no clash; nor is a phone call.
        booked(&app, kofi, new(bo, "in_person", "Room 3, 14 Elm Street", "2026-11-30 10:00", 1)).await;
        booked(&app, kofi, new(bo, "in_person", ROOM, "2026-11-30 10:50", 1)).await;
        booked(&app, kofi, new(bo, "phone", "", "2026-11-30 09:00", 1)).await;

        // A weekly series clashes in its third week with a one-off already there.
        let later = booked(&app, lena, new(ana, "in_person", ROOM, "2026-12-15 16:00", 1)).await[0];
        let Booking::Clashes(c) = book(&app, lena, new(ana, "phone", "", "2026-12-01 16:30", 4), false)
            .await
            .unwrap()
        else {
            panic!("no clash in the series");
        };
        assert_eq!(c.iter().map(|c| c.session_id).collect::<Vec<_>>(), vec![later]);
        // Cancelled, it no longer clashes.
        cancel(&app, lena, later, "Client moved the appointment.").await.unwrap();
        assert_eq!(booked(&app, lena, new(ana, "phone", "", "2026-12-01 16:30", 4)).await.len(), 4);
    }

    async fn the_last_place_is_offered_to_the_care_team(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, ana) = (&p.lena.actor, &p.kofi.actor, &p.ana.actor);
        assert_eq!(last_place(&app, lena, ana.user_id).await.unwrap(), None);
        booked(&app, lena, new(ana, "in_person", ROOM, "2026-11-30 10:00", 1)).await;
        booked(&app, lena, new(ana, "online", "https://meet.example.org/ana", "2026-11-26 10:00", 1)).await;
        // The latest by its date, not by when it was booked.
        assert_eq!(
            last_place(&app, lena, ana.user_id).await.unwrap(),
            Some((Modality::InPerson, Some(ROOM.to_string())))
        );
        assert!(forbidden(last_place(&app, kofi, ana.user_id).await));
    }
}
