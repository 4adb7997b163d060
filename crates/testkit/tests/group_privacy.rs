//! Privacy inside a group session (issue 11, part 3): a member of a group sees what is theirs
//! and what is about the group (time, place, kind, the clinician) — never another member's
//! name, request, reason, attendance or feedback. A clinician sees a member's part only when
//! on that member's care team. Every view of a session is checked, through the use-cases and
//! over HTTP (pages and JSON), on both databases.
//!
//! The practice: Lena is on the care teams of Aurelia and Bram; Kofi is on Bram's alone. Lena
//! runs a group with both. Aurelia asks for another time with a private reason, attends, and
//! gives feedback with a comment; Bram does not come.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use rapport_app::accounts::{self, Stage, totp};
use rapport_app::care_teams::assign;
use rapport_app::clock::ManualClock;
use rapport_app::sessions::{
    NewSessions, my_sessions, record_attendance, request_reschedule, schedule, session,
    sessions_of, submit_feedback,
};
use rapport_app::{Actor, App, Config, Error};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::measures::FeedbackInput;
use rapport_testkit::asserts::local;
use rapport_testkit::{ADDRESS, PASSWORD, Staff, TestDb, both_backends, client, staff};
use rapport_web::{AppState, CrisisResources, WebConfig};
use serde_json::Value;
use tower::ServiceExt;
use uuid::Uuid;

const AURELIA: &str = "Aurelia Quennell";
const BRAM: &str = "Bram Oyelaran";
const REASON: &str = "Chemotherapy at the Thornbury oncology ward that afternoon";
const COMMENT: &str = "I finally spoke about my brother Ignatius";
const ROOM: &str = "Group room, 9 Fairweather Row";

struct Group {
    app: App,
    clock: Arc<ManualClock>,
    router: axum::Router,
    admin: Staff,
    lena: Staff,
    kofi: Staff,
    aurelia: Actor,
    bram: Actor,
    session: Uuid,
}

/// Everything of Aurelia's that nobody but her and Lena may see, as text.
fn hers(g: &Group) -> Vec<String> {
    vec![
        AURELIA.to_string(),
        "Aurelia".to_string(),
        "Quennell".to_string(),
        "Thornbury".to_string(),
        "Ignatius".to_string(),
        g.aurelia.user_id.to_string(),
    ]
}

fn assert_none_of_hers(g: &Group, what: &str, text: &str) {
    for needle in hers(g) {
        assert!(
            !text.contains(&needle),
            "{what} shows {needle:?} of Aurelia's:\n{text}"
        );
    }
}

async fn group(t: &TestDb) -> Group {
    let (app, clock) = t.app();
    let web = WebConfig {
        base_url: "http://localhost".into(),
        crisis: CrisisResources::default(),
        demo_accounts: None,
    };
    let router = rapport_web::router(AppState::new(
        App::new(t.db.clone(), clock.clone(), Config::default()),
        web,
    ));
    let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
    let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
    let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
    let aurelia = client(&app, AURELIA, "aurelia@example.org").await.actor;
    let bram = client(&app, BRAM, "bram@example.org").await.actor;
    for (c, who, role) in [
        (&aurelia, &lena, CareTeamRole::PrimaryTherapist),
        (&bram, &lena, CareTeamRole::PrimaryTherapist),
        (&bram, &kofi, CareTeamRole::Psychiatrist),
    ] {
        assign(&app, &admin.actor, c.user_id, who.actor.user_id, role)
            .await
            .unwrap();
    }
    // The group meets on Wednesday 25 November 2026 at 18:00 UTC (the clock starts on
    // Monday 23 November, 09:00).
    let ids = schedule(
        &app,
        &lena.actor,
        NewSessions {
            clients: vec![aurelia.user_id, bram.user_id],
            kind: "group".into(),
            modality: "in_person".into(),
            place: ROOM.into(),
            first: Some(local("2026-11-25 18:00")),
            minutes: Some(90),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        },
    )
    .await
    .unwrap();
    let session_id = ids[0];
    request_reschedule(&app, &aurelia, session_id, REASON)
        .await
        .unwrap();
    clock.advance(Duration::days(2) + Duration::hours(10));
    record_attendance(&app, &lena.actor, session_id, aurelia.user_id, "attended")
        .await
        .unwrap();
    record_attendance(&app, &lena.actor, session_id, bram.user_id, "no_show")
        .await
        .unwrap();
    submit_feedback(
        &app,
        &aurelia,
        session_id,
        FeedbackInput {
            heard: Some(9),
            worked_on_what_i_wanted: Some(8),
            approach_fits: Some(9),
            overall: Some(9),
            comment: Some(COMMENT),
        },
    )
    .await
    .unwrap();
    Group {
        app,
        clock,
        router,
        admin,
        lena,
        kofi,
        aurelia,
        bram,
        session: session_id,
    }
}

impl Group {
    /// A fresh, fully signed-in browser session (staff answer their code).
    async fn cookie(&self, email: &str, totp_secret: Option<&str>) -> String {
        let step = accounts::check_password(&self.app, email, PASSWORD, ADDRESS)
            .await
            .unwrap();
        match totp_secret {
            None => {
                assert_eq!(step.stage, Stage::Full);
                step.session_secret
            }
            Some(secret) => {
                let current =
                    accounts::resolve_session(&self.app, &step.session_secret, Some(ADDRESS))
                        .await
                        .unwrap()
                        .unwrap();
                let code = totp::code_at(secret, self.app.now()).unwrap();
                let fresh =
                    accounts::second_factor(&self.app, &step.session_secret, &current, &code)
                        .await
                        .unwrap();
                // A code is good once: the next sign-in of anyone uses the next step.
                self.clock.advance(Duration::seconds(30));
                fresh
            }
        }
    }

    /// A fresh API token.
    async fn token(&self, email: &str, totp_secret: Option<&str>) -> String {
        let code = totp_secret.map(|s| totp::code_at(s, self.app.now()).unwrap());
        let login = accounts::api_login(&self.app, email, PASSWORD, code.as_deref(), ADDRESS)
            .await
            .unwrap();
        if totp_secret.is_some() {
            self.clock.advance(Duration::seconds(30));
        }
        login.token
    }

    async fn page(&self, cookie: &str, path: &str) -> (StatusCode, String) {
        let req = Request::get(path)
            .header(header::COOKIE, format!("rapport_session={cookie}"))
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    async fn api(&self, token: &str, path: &str) -> (StatusCode, String) {
        let req = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    async fn send(&self, req: Request<Body>) -> (StatusCode, String) {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let body = to_bytes(resp.into_body(), 1 << 22).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }
}

both_backends! {
    // Bram, a member of the group, sees the group's time, place, kind and clinician, and his
    // own attendance — nothing of Aurelia's, in the use-cases, on the pages or over the API.
    async fn a_member_sees_nothing_of_another_member(t: &TestDb) {
        let g = group(t).await;
        let bram = &g.bram;

        // The use-cases.
        let mine = sessions_of(&g.app, bram, bram.user_id).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_none_of_hers(&g, "Bram's sessions", &format!("{mine:?}"));
        let detail = session(&g.app, bram, g.session).await.unwrap();
        let shown = format!("{detail:?}");
        assert_none_of_hers(&g, "the session as Bram sees it", &shown);
        assert!(shown.contains(ROOM), "the place is about the group: {shown}");
        assert!(shown.contains("Lena Okafor"), "so is the clinician: {shown}");
        let events = rapport_app::calendar::feed_events(
            &g.app,
            &rapport_app::calendar::new_feed(&g.app, bram).await.unwrap(),
        )
        .await
        .unwrap();
        assert_none_of_hers(&g, "Bram's calendar", &format!("{events:?}"));
        // Aurelia's record stays closed to him.
        assert!(matches!(
            sessions_of(&g.app, bram, g.aurelia.user_id).await,
            Err(Error::Forbidden)
        ));

        // The pages.
        let cookie = g.cookie("bram@example.org", None).await;
        for path in [
            "/home".to_string(),
            "/sessions".to_string(),
            format!("/sessions/{}", g.session),
            format!("/sessions/{}?client={}", g.session, g.aurelia.user_id),
        ] {
            let (status, body) = g.page(&cookie, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            assert_none_of_hers(&g, &path, &body);
        }
        let (_, one) = g.page(&cookie, &format!("/sessions/{}", g.session)).await;
        assert!(one.contains("Did not attend"), "his own attendance: {one}");
        assert!(one.contains("Fairweather Row") && one.contains("Lena Okafor"), "{one}");
        let (status, _) = g
            .page(&cookie, &format!("/clients/{}", g.aurelia.user_id))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The API.
        let token = g.token("bram@example.org", None).await;
        let path = format!("/api/v1/clients/{}/sessions", bram.user_id);
        let (status, body) = g.api(&token, &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_none_of_hers(&g, &path, &body);
        let list: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(list[0]["attendance"], "no_show");
        assert_eq!(list[0]["kind"], "group");
        assert_eq!(list[0]["place"], ROOM);
        let path = format!("/api/v1/sessions/{}", g.session);
        let (status, body) = g.api(&token, &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_none_of_hers(&g, &path, &body);
        let one: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(one["you_take_part"], true);
        assert_eq!(one["clinician_name"], "Lena Okafor");
        assert_eq!(one["others"], 1);
        assert_eq!(one["clients"].as_array().unwrap().len(), 1);
        assert_eq!(one["clients"][0]["attendance"], "no_show");
        assert_eq!(one["history"], serde_json::json!([]));
        for path in [
            format!("/api/v1/clients/{}/sessions", g.aurelia.user_id),
            format!("/api/v1/clients/{}/feedback", g.aurelia.user_id),
            format!("/api/v1/sessions/{}/notes/{}", g.session, g.aurelia.user_id),
        ] {
            let (status, body) = g.api(&token, &path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            assert_none_of_hers(&g, &path, &body);
        }
        let (status, body) = g
            .api(&token, &format!("/api/v1/clients/{}/feedback", bram.user_id))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_none_of_hers(&g, "Bram's feedback", &body);
    }

    // Kofi, on Bram's care team only, reaches the group through Bram's record: he sees the
    // group and Bram's part, never Aurelia's.
    async fn a_clinician_on_one_members_team_sees_only_that_member(t: &TestDb) {
        let g = group(t).await;
        let kofi = &g.kofi.actor;
        let bram = g.bram.user_id;

        let list = sessions_of(&g.app, kofi, bram).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_none_of_hers(&g, "Bram's sessions as Kofi sees them", &format!("{list:?}"));
        let detail = session(&g.app, kofi, g.session).await.unwrap();
        let shown = format!("{detail:?}");
        assert_none_of_hers(&g, "the session as Kofi sees it", &shown);
        assert!(shown.contains(BRAM), "Bram is his client: {shown}");
        let lines = rapport_app::timeline::timeline(&g.app, kofi, bram).await.unwrap();
        let text = format!("{lines:?}");
        assert_none_of_hers(&g, "Bram's timeline", &text);
        assert!(
            !text.contains("asked to move"),
            "Aurelia's request is not Bram's: {text}"
        );
        let diary = my_sessions(
            &g.app,
            kofi,
            g.app.now() - Duration::days(30),
            g.app.now() + Duration::days(30),
        )
        .await
        .unwrap();
        assert_none_of_hers(&g, "Kofi's diary", &format!("{diary:?}"));
        assert!(matches!(
            sessions_of(&g.app, kofi, g.aurelia.user_id).await,
            Err(Error::Forbidden)
        ));

        let cookie = g.cookie("kofi@clinic.example", Some(&g.kofi.totp_secret)).await;
        for path in [
            format!("/clients/{bram}"),
            format!("/clients/{bram}?timeline=all"),
            format!("/sessions/{}?client={bram}", g.session),
            format!("/sessions/{}", g.session),
            "/sessions".to_string(),
        ] {
            let (status, body) = g.page(&cookie, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            assert_none_of_hers(&g, &path, &body);
        }
        let (_, one) = g.page(&cookie, &format!("/sessions/{}?client={bram}", g.session)).await;
        assert!(one.contains(BRAM) && one.contains("Did not attend"), "{one}");
        let (status, body) = g
            .page(&cookie, &format!("/sessions/{}/notes/{}", g.session, g.aurelia.user_id))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_none_of_hers(&g, "Aurelia's note", &body);

        let token = g.token("kofi@clinic.example", Some(&g.kofi.totp_secret)).await;
        let path = format!("/api/v1/clients/{bram}/sessions");
        let (status, body) = g.api(&token, &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_none_of_hers(&g, &path, &body);
        for path in [
            format!("/api/v1/clients/{}/sessions", g.aurelia.user_id),
            format!("/api/v1/clients/{}/feedback", g.aurelia.user_id),
            format!("/api/v1/sessions/{}/notes/{}", g.session, g.aurelia.user_id),
        ] {
            let (status, body) = g.api(&token, &path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            assert_none_of_hers(&g, &path, &body);
        }
        let path = format!("/api/v1/sessions/{}", g.session);
        let (status, body) = g.api(&token, &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_none_of_hers(&g, &path, &body);
        let one: Value = serde_json::from_str(&body).unwrap();
        assert_eq!((one["you_take_part"].clone(), one["others"].clone()), (Value::Bool(false), 1.into()));
        assert_eq!(one["clients"][0]["name"], BRAM);
        let (status, body) = g.api(&token, "/api/v1/sessions").await;
        assert_eq!(status, StatusCode::OK);
        assert_none_of_hers(&g, "Kofi's diary over the API", &body);
    }

    // Lena, on both care teams, sees both members with their parts; Aurelia sees her own.
    async fn the_clinician_on_every_team_and_the_member_herself_see_her_part(t: &TestDb) {
        let g = group(t).await;
        let lena = &g.lena.actor;
        let detail = session(&g.app, lena, g.session).await.unwrap();
        let shown = format!("{detail:?}");
        for needle in [AURELIA, BRAM, REASON] {
            assert!(shown.contains(needle), "{needle} in {shown}");
        }
        let hers = sessions_of(&g.app, lena, g.aurelia.user_id).await.unwrap();
        assert!(format!("{hers:?}").contains(REASON));
        let diary = my_sessions(
            &g.app,
            lena,
            g.app.now() - Duration::days(30),
            g.app.now() + Duration::days(30),
        )
        .await
        .unwrap();
        let diary = format!("{diary:?}");
        assert!(diary.contains(AURELIA) && diary.contains(BRAM), "{diary}");

        let cookie = g.cookie("lena@clinic.example", Some(&g.lena.totp_secret)).await;
        let (status, page) = g.page(&cookie, &format!("/sessions/{}", g.session)).await;
        assert_eq!(status, StatusCode::OK);
        for needle in [AURELIA, BRAM, "Thornbury", "Attended", "Did not attend"] {
            assert!(page.contains(needle), "{needle} on Lena's page");
        }
        let token = g.token("lena@clinic.example", Some(&g.lena.totp_secret)).await;
        let (_, body) = g
            .api(&token, &format!("/api/v1/clients/{}/sessions", g.aurelia.user_id))
            .await;
        assert!(body.contains("Thornbury"), "{body}");
        let (_, body) = g.api(&token, &format!("/api/v1/sessions/{}", g.session)).await;
        let one: Value = serde_json::from_str(&body).unwrap();
        assert_eq!((one["clients"].as_array().unwrap().len(), one["others"].clone()), (2, 0.into()));
        assert_eq!(one["history"][0]["reason"], REASON);
        assert_eq!(one["history"][0]["by"], AURELIA);
        let (_, body) = g
            .api(&token, &format!("/api/v1/clients/{}/feedback", g.aurelia.user_id))
            .await;
        assert!(body.contains("Ignatius"), "{body}");

        // Aurelia sees her own request, reason and attendance, and nothing of Bram's.
        let aurelia = &g.aurelia;
        let mine = format!("{:?}", session(&g.app, aurelia, g.session).await.unwrap());
        assert!(mine.contains(REASON) && !mine.contains(BRAM), "{mine}");
        assert!(!mine.contains(&g.bram.user_id.to_string()), "{mine}");
        let cookie = g.cookie("aurelia@example.org", None).await;
        let (_, page) = g.page(&cookie, &format!("/sessions/{}", g.session)).await;
        assert!(page.contains("Thornbury") && page.contains("Attended"), "{page}");
        assert!(!page.contains(BRAM) && !page.contains("Did not attend"), "{page}");
        let _ = &g.admin;
    }
}
