//! API bearer tokens: scopes, the second factor, revocation, expiry, and password changes.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::accounts::{
    TokenScope, api_login, api_logout, change_password, check_password, confirm_totp_enrolment,
    resolve_bearer, resolve_session, start_totp_enrolment, totp, upgrade_after_enrolment,
};
use rapport_app::admin::{disable_account, enable_account};
use rapport_app::clock::Clock;
use rapport_app::{App, Error};
use rapport_core::accounts::Role;
use rapport_testkit::{
    ADDRESS, PASSWORD, TestDb, both_backends, client, new_staff, staff, wrong_code,
};

async fn scope_of(app: &App, token: &str) -> Option<TokenScope> {
    resolve_bearer(app, token, Some(ADDRESS))
        .await
        .unwrap()
        .map(|(_, scope)| scope)
}

fn is_bad_credentials(r: Result<rapport_app::accounts::ApiLogin, Error>) -> bool {
    matches!(r, Err(Error::BadCredentials))
}

both_backends! {
    async fn a_client_token_is_a_full_one(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let login = api_login(&app, "Ana@Example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        assert!(!login.totp_enrolment_required);
        assert_eq!(login.email, "ana@example.org");
        let (actor, scope) = resolve_bearer(&app, &login.token, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(scope, TokenScope::Full);
        assert_eq!(actor.user_id, ana.actor.user_id);
        assert_eq!(actor.name, "Ana Ruiz");
        // Stored hashed: the token itself is nowhere in the table.
        assert_eq!(
            t.count(
                "api_tokens WHERE token_hash = ?",
                vec![login.token.clone().into()]
            )
            .await,
            0
        );
        assert_eq!(t.count("api_tokens", vec![]).await, 1);
        assert_eq!(scope_of(&app, "made-up-token").await, None);
        assert_eq!(
            scope_of(&app, &ana.session).await,
            None,
            "a cookie is not a token"
        );
        assert!(is_bad_credentials(
            api_login(&app, "ana@example.org", "not her password", None, ADDRESS).await
        ));
        assert!(is_bad_credentials(
            api_login(&app, "nobody@example.org", PASSWORD, None, ADDRESS).await
        ));
    }

    async fn staff_without_a_second_factor_get_an_enrolment_token(t: &TestDb) {
        let (app, clock) = t.app();
        new_staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let login = api_login(&app, "lena@clinic.example", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        assert!(login.totp_enrolment_required);
        assert_eq!(
            scope_of(&app, &login.token).await,
            Some(TokenScope::TotpEnrolment)
        );

        // Enrolment through the API, then the upgrade to a full token.
        let enrolment = start_totp_enrolment(&app, &login.actor).await.unwrap();
        let code = totp::code_at(&enrolment.secret, clock.now()).unwrap();
        let none = confirm_totp_enrolment(&app, &login.actor, &code, None)
            .await
            .unwrap();
        assert!(none.is_none(), "no browser session to replace");
        let full = upgrade_after_enrolment(&app, &login.token, &login.actor)
            .await
            .unwrap();
        assert_eq!(scope_of(&app, &full).await, Some(TokenScope::Full));
        assert_eq!(
            scope_of(&app, &login.token).await,
            None,
            "the enrolment token is revoked"
        );
    }

    async fn an_enrolment_token_lasts_a_quarter_of_an_hour(t: &TestDb) {
        let (app, clock) = t.app();
        new_staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let login = api_login(&app, "sam@clinic.example", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        clock.advance(Duration::minutes(14));
        assert_eq!(
            scope_of(&app, &login.token).await,
            Some(TokenScope::TotpEnrolment)
        );
        clock.advance(Duration::minutes(1));
        assert_eq!(scope_of(&app, &login.token).await, None);
    }

    async fn staff_with_a_second_factor_must_send_the_right_code(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::seconds(30));
        let email = "lena@clinic.example";

        assert!(is_bad_credentials(
            api_login(&app, email, PASSWORD, None, ADDRESS).await
        ));
        let wrong = wrong_code(&lena.totp_secret, clock.now());
        assert!(is_bad_credentials(
            api_login(&app, email, PASSWORD, Some(&wrong), ADDRESS).await
        ));
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        assert!(
            is_bad_credentials(
                api_login(&app, email, "not her password", Some(&code), ADDRESS).await
            ),
            "a right code does not make up for a wrong password"
        );
        assert_eq!(t.count("api_tokens", vec![]).await, 0);

        let login = api_login(&app, email, PASSWORD, Some(&code), ADDRESS)
            .await
            .unwrap();
        assert!(!login.totp_enrolment_required);
        assert_eq!(scope_of(&app, &login.token).await, Some(TokenScope::Full));
        // Good once.
        assert!(is_bad_credentials(
            api_login(&app, email, PASSWORD, Some(&code), ADDRESS).await
        ));
        assert_eq!(t.count("api_tokens", vec![]).await, 1);
    }

    async fn signing_out_of_the_api_revokes_the_token(t: &TestDb) {
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        let laptop = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        let phone = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        assert_ne!(laptop.token, phone.token);
        api_logout(&app, &laptop.token, &laptop.actor)
            .await
            .unwrap();
        assert_eq!(scope_of(&app, &laptop.token).await, None);
        assert_eq!(scope_of(&app, &phone.token).await, Some(TokenScope::Full));
        assert_eq!(
            t.count("api_tokens WHERE revoked_at IS NOT NULL", vec![])
                .await,
            1
        );
    }

    async fn a_token_expires_after_thirty_days(t: &TestDb) {
        let (app, clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        let login = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        // Used every 59 minutes, so that it never goes idle (clients: 60 minutes).
        let end = clock.now() + Duration::days(30);
        while clock.now() + Duration::minutes(59) < end {
            clock.advance(Duration::minutes(59));
            assert_eq!(scope_of(&app, &login.token).await, Some(TokenScope::Full));
        }
        clock.advance(end - clock.now() - Duration::minutes(1));
        assert_eq!(scope_of(&app, &login.token).await, Some(TokenScope::Full));
        clock.advance(Duration::minutes(1));
        assert_eq!(scope_of(&app, &login.token).await, None);
    }

    async fn a_token_goes_idle_like_a_browser_session(t: &TestDb) {
        let (app, clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        let lena = staff(&app, Role::Clinician, "Dr Lena Okafor", "lena@clinic.example").await;
        clock.advance(Duration::seconds(30));
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        let staff_token = api_login(&app, &lena.email, PASSWORD, Some(&code), ADDRESS)
            .await
            .unwrap()
            .token;
        let client_token = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap()
            .token;
        // Use slides the window.
        clock.advance(Duration::minutes(29));
        assert_eq!(scope_of(&app, &staff_token).await, Some(TokenScope::Full));
        clock.advance(Duration::minutes(29));
        assert_eq!(scope_of(&app, &staff_token).await, Some(TokenScope::Full));
        // Staff: 30 minutes unused and it is done.
        clock.advance(Duration::minutes(30));
        assert_eq!(scope_of(&app, &staff_token).await, None);
        // Clients: the client idle setting (60 minutes by default); Ana's token was last used
        // 88 minutes ago.
        assert_eq!(scope_of(&app, &client_token).await, None);
        let fresh = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap()
            .token;
        clock.advance(Duration::minutes(59));
        assert_eq!(scope_of(&app, &fresh).await, Some(TokenScope::Full));
        clock.advance(Duration::minutes(59));
        assert_eq!(scope_of(&app, &fresh).await, Some(TokenScope::Full));
        clock.advance(Duration::minutes(60));
        assert_eq!(scope_of(&app, &fresh).await, None);
    }

    async fn a_disabled_account_loses_its_tokens_and_sessions_at_once(t: &TestDb) {
        let (app, _clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let token = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap()
            .token;
        let id = ana.actor.user_id;
        // A reason is needed; nobody else may; an administrator may not disable themselves.
        assert!(matches!(
            disable_account(&app, &admin.actor, id, "  ").await,
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            disable_account(&app, &ana.actor, id, "testing").await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            disable_account(&app, &admin.actor, admin.actor.user_id, "me").await,
            Err(Error::Invalid { .. })
        ));
        assert_eq!(scope_of(&app, &token).await, Some(TokenScope::Full));

        disable_account(&app, &admin.actor, id, "Left the practice").await.unwrap();
        assert_eq!(scope_of(&app, &token).await, None);
        assert!(resolve_session(&app, &ana.session, None).await.unwrap().is_none());
        // Sign-in refused with the one message of wrong credentials.
        let refused = api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS).await;
        assert!(is_bad_credentials(refused));
        assert!(matches!(
            check_password(&app, "ana@example.org", PASSWORD, "198.51.100.3").await,
            Err(Error::BadCredentials)
        ));
        let events = t
            .texts(
                "SELECT detail FROM audit_events WHERE action = 'account.disabled'",
                vec![],
            )
            .await;
        assert_eq!(events, vec![Some("Left the practice".to_string())]);

        enable_account(&app, &admin.actor, id, Some("Came back")).await.unwrap();
        // The old token stays revoked; signing in works again.
        assert_eq!(scope_of(&app, &token).await, None);
        let again = api_login(&app, "ana@example.org", PASSWORD, None, "198.51.100.4")
            .await
            .unwrap();
        assert_eq!(scope_of(&app, &again.token).await, Some(TokenScope::Full));
        assert_eq!(
            t.count("audit_events WHERE action = 'account.enabled'", vec![]).await,
            1
        );
        assert!(matches!(
            disable_account(&app, &admin.actor, uuid::Uuid::nil(), "gone").await,
            Err(Error::NotFound)
        ));
    }

    async fn a_password_change_ends_every_token_and_every_other_session(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let phone = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        let tokens = [
            api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
                .await
                .unwrap()
                .token,
            api_login(&app, "ana@example.org", PASSWORD, None, ADDRESS)
                .await
                .unwrap()
                .token,
        ];
        // Someone else's session and token are no business of hers.
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let bo_token = api_login(&app, "bo@example.org", PASSWORD, None, ADDRESS)
            .await
            .unwrap()
            .token;

        let me = resolve_session(&app, &ana.session, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap()
            .actor;
        let new_password = "blue teapot evening";
        let err = change_password(
            &app,
            &me,
            "not my password",
            new_password,
            Some(&ana.session),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "current_password"),
            "{err:?}"
        );
        let err = change_password(&app, &me, PASSWORD, "short", Some(&ana.session))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "new_password"),
            "{err:?}"
        );
        // Refusals changed nothing.
        assert!(
            resolve_session(&app, &phone.session_secret, None)
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(scope_of(&app, &tokens[0]).await, Some(TokenScope::Full));

        change_password(&app, &me, PASSWORD, new_password, Some(&ana.session))
            .await
            .unwrap();
        assert!(
            resolve_session(&app, &ana.session, None)
                .await
                .unwrap()
                .is_some(),
            "kept"
        );
        assert!(
            resolve_session(&app, &phone.session_secret, None)
                .await
                .unwrap()
                .is_none()
        );
        for token in &tokens {
            assert_eq!(scope_of(&app, token).await, None);
        }
        assert!(
            resolve_session(&app, &bo.session, None)
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(scope_of(&app, &bo_token).await, Some(TokenScope::Full));

        assert!(matches!(
            check_password(&app, "ana@example.org", PASSWORD, ADDRESS).await,
            Err(Error::BadCredentials)
        ));
        check_password(&app, "ana@example.org", new_password, ADDRESS)
            .await
            .unwrap();
    }
    async fn no_full_token_for_staff_who_have_not_enrolled(t: &TestDb) {
        let (app, _clock) = t.app();
        new_staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let login = api_login(&app, "lena@clinic.example", PASSWORD, None, ADDRESS)
            .await
            .unwrap();
        assert!(login.totp_enrolment_required);
        // Straight to the upgrade, with no enrolment confirmed.
        let upgraded = upgrade_after_enrolment(&app, &login.token, &login.actor).await;
        let full = match upgraded {
            Err(_) => None,
            Ok(token) => scope_of(&app, &token).await,
        };
        assert_ne!(
            full,
            Some(TokenScope::Full),
            "a full token without a second factor"
        );
    }
}
