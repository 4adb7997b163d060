//! Browser sessions: idle time-outs by role, the sliding window, the absolute limit, signing out.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::Duration;
use rapport_app::accounts::{Stage, check_password, end_session, resolve_session};
use rapport_app::clock::ManualClock;
use rapport_app::{App, Config};
use rapport_core::accounts::Role;
use rapport_store::audit;
use rapport_testkit::{ADDRESS, PASSWORD, TestDb, both_backends, client, staff, start_time};

async fn alive(app: &App, secret: &str) -> bool {
    resolve_session(app, secret, Some(ADDRESS))
        .await
        .unwrap()
        .is_some()
}

both_backends! {
    async fn a_client_session_ends_after_an_hour_without_activity(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let other = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        assert_eq!(t.count("sessions", vec![]).await, 2);

        clock.advance(Duration::minutes(59));
        assert!(alive(&app, &ana.session).await, "59 minutes idle");
        // The other session was left alone for an hour: over.
        clock.advance(Duration::minutes(1));
        assert!(!alive(&app, &other.session_secret).await, "60 minutes idle");
        // The row is gone, not just refused.
        assert_eq!(t.count("sessions", vec![]).await, 1);
        // The one used at 59 minutes lives on, for an hour from then.
        clock.advance(Duration::minutes(58));
        assert!(alive(&app, &ana.session).await);
        clock.advance(Duration::minutes(61));
        assert!(!alive(&app, &ana.session).await);
        assert_eq!(t.count("sessions", vec![]).await, 0);
    }

    async fn a_clinician_session_ends_after_half_an_hour(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;

        clock.advance(Duration::minutes(29));
        assert!(alive(&app, &lena.session).await);
        assert!(alive(&app, &ana.session).await);
        clock.advance(Duration::minutes(30));
        // Thirty minutes idle ends the clinician's session and not the client's.
        assert!(!alive(&app, &lena.session).await);
        assert!(alive(&app, &ana.session).await);
    }

    async fn activity_keeps_a_session_alive(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        // Five visits 50 minutes apart: over four hours in all, never an hour idle.
        for visit in 1..=5 {
            clock.advance(Duration::minutes(50));
            assert!(alive(&app, &ana.session).await, "visit {visit}");
        }
        clock.advance(Duration::minutes(60));
        assert!(!alive(&app, &ana.session).await);
    }

    async fn activity_keeps_a_clinician_session_alive(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        for visit in 1..=4 {
            clock.advance(Duration::minutes(25));
            assert!(alive(&app, &lena.session).await, "visit {visit}");
        }
        clock.advance(Duration::minutes(30));
        assert!(!alive(&app, &lena.session).await);
    }

    async fn no_session_outlives_twelve_hours(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        for visit in 1..=14 {
            clock.advance(Duration::minutes(50));
            assert!(alive(&app, &ana.session).await, "visit {visit}");
        }
        // 11 h 59 min after sign-up, and busy.
        clock.advance(Duration::minutes(19));
        assert!(alive(&app, &ana.session).await);
        clock.advance(Duration::minutes(1));
        assert_eq!(clock_minutes(&clock), 12 * 60);
        assert!(!alive(&app, &ana.session).await, "12 hours after sign-up");
    }

    async fn the_client_idle_time_out_is_a_setting(t: &TestDb) {
        let clock = Arc::new(ManualClock::new(start_time()));
        let config = Config {
            client_idle_minutes: 120,
            ..Config::default()
        };
        let app = App::new(t.db.clone(), clock.clone(), config);
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::minutes(90));
        assert!(alive(&app, &ana.session).await);
        assert!(
            !alive(&app, &lena.session).await,
            "staff stay at 30 minutes"
        );
        clock.advance(Duration::minutes(120));
        assert!(!alive(&app, &ana.session).await);
    }

    async fn signing_out_ends_that_session_only(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let phone = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let current = resolve_session(&app, &ana.session, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.stage, Stage::Full);

        end_session(&app, &ana.session, Some(&current.actor))
            .await
            .unwrap();
        assert!(!alive(&app, &ana.session).await);
        assert!(alive(&app, &phone.session_secret).await);
        let last = audit::recent(t.db.conn(), 1).await.unwrap().remove(0);
        assert_eq!(last.action, "auth.sign_out");
        assert_eq!(last.actor_id, Some(ana.actor.user_id));
        // Signing out again, or with a made-up secret, is harmless.
        end_session(&app, &ana.session, None).await.unwrap();
        end_session(&app, "not-a-session", None).await.unwrap();
        assert!(!alive(&app, "not-a-session").await);
        assert!(alive(&app, &phone.session_secret).await);
    }
}

/// Minutes since the start of the test.
fn clock_minutes(clock: &ManualClock) -> i64 {
    use rapport_app::clock::Clock;
    (clock.now() - start_time()).num_minutes()
}
