//! Accounts: sign-up, the password step with its throttling, and staff's second factor.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::Error;
use rapport_app::accounts::{
    NewClient, NewStaff, Stage, api_login, check_password, check_password_with_code,
    confirm_totp_enrolment, create_staff, resolve_session, second_factor, sign_up,
    start_totp_enrolment, sweep_sessions, totp,
};
use rapport_app::care_teams::client_record;
use rapport_app::clock::Clock;
use rapport_core::accounts::Role;
use rapport_testkit::{
    ADDRESS, PASSWORD, TestDb, both_backends, client, new_staff, staff, wrong_code,
};

fn new_client<'a>(name: &'a str, email: &'a str, password: &'a str) -> NewClient<'a> {
    NewClient {
        name,
        email,
        password,
        timezone: None,
    }
}

fn assert_invalid(err: &Error, expected_field: &str) {
    match err {
        Error::Invalid { field, .. } => assert_eq!(field, expected_field, "{err:?}"),
        other => panic!("expected Invalid {{ field: {expected_field} }}, got {other:?}"),
    }
}

/// How long a throttled attempt is told to wait.
fn retry_after(err: &Error) -> u64 {
    match err {
        Error::Throttled { retry_after_secs } => *retry_after_secs,
        other => panic!("expected Throttled, got {other:?}"),
    }
}

both_backends! {
    async fn sign_up_creates_a_client_who_is_signed_in(t: &TestDb) {
        let (app, _clock) = t.app();
        let (actor, secret) = sign_up(
            &app,
            NewClient {
                name: "  Ana   Ruiz ",
                email: " Ana.Ruiz@Example.ORG ",
                password: PASSWORD,
                timezone: Some("Europe/Madrid"),
            },
            ADDRESS,
        )
        .await
        .unwrap();
        assert_eq!(actor.role, Role::Client);
        assert_eq!(actor.name, "Ana Ruiz");

        let current = resolve_session(&app, &secret, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.stage, Stage::Full);
        assert_eq!(current.actor.user_id, actor.user_id);

        // Stored normalised, so she signs in however she types it.
        for typed in ["ana.ruiz@example.org", "ANA.RUIZ@example.org "] {
            let step = check_password(&app, typed, PASSWORD, ADDRESS)
                .await
                .unwrap();
            assert_eq!(step.stage, Stage::Full, "{typed}");
            assert_eq!(step.actor.user_id, actor.user_id);
        }

        let record = client_record(&app, &actor, actor.user_id).await.unwrap();
        assert_eq!(record.email, "ana.ruiz@example.org");
        assert_eq!(record.timezone, "Europe/Madrid");
        assert_eq!(record.emergency_contact, None);
        assert!(record.team.is_empty());

        // Her consent to the processing of her health data is on record.
        assert_eq!(
            t.count(
                "consents WHERE client_id = ? AND kind = 'data_processing' AND revoked_at IS NULL",
                vec![actor.user_id.into()],
            )
            .await,
            1
        );
    }

    async fn a_taken_email_in_another_case_is_refused(t: &TestDb) {
        let (app, _clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let err = sign_up(
            &app,
            new_client("Someone Else", "ANA@Example.org", "another long password"),
            ADDRESS,
        )
        .await
        .unwrap_err();
        assert_invalid(&err, "email");

        assert_eq!(t.count("users", vec![]).await, 1);
        assert_eq!(t.count("client_profiles", vec![]).await, 1);
        assert_eq!(t.count("consents", vec![]).await, 1);
        assert_eq!(t.count("sessions", vec![]).await, 1);
        // The account is still Ana's, with Ana's password.
        let step = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
        assert_eq!(step.actor.user_id, ana.actor.user_id);
        assert_eq!(step.actor.name, "Ana Ruiz");
        assert!(matches!(
            check_password(&app, "ana@example.org", "another long password", ADDRESS).await,
            Err(Error::BadCredentials)
        ));
    }

    async fn a_rejected_sign_up_stores_nothing(t: &TestDb) {
        let (app, _clock) = t.app();
        let err = sign_up(
            &app,
            new_client("Ana Ruiz", "ana@example.org", "kettle"),
            ADDRESS,
        )
        .await
        .unwrap_err();
        assert_invalid(&err, "password");
        let err = sign_up(
            &app,
            new_client("   ", "ana@example.org", PASSWORD),
            ADDRESS,
        )
        .await
        .unwrap_err();
        assert_invalid(&err, "name");
        let err = sign_up(&app, new_client("Ana Ruiz", "ana@", PASSWORD), ADDRESS)
            .await
            .unwrap_err();
        assert_invalid(&err, "email");

        for table in [
            "users",
            "client_profiles",
            "consents",
            "sessions",
            "audit_events",
        ] {
            assert_eq!(t.count(table, vec![]).await, 0, "{table}");
        }
        // The address is still free.
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        assert_eq!(ana.actor.name, "Ana Ruiz");
        assert_eq!(t.count("users", vec![]).await, 1);
    }

    async fn a_wrong_password_and_an_unknown_email_fail_alike(t: &TestDb) {
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        let wrong = check_password(&app, "ana@example.org", "not her password", ADDRESS)
            .await
            .unwrap_err();
        let unknown = check_password(&app, "nobody@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap_err();
        assert!(matches!(wrong, Error::BadCredentials), "{wrong:?}");
        assert!(matches!(unknown, Error::BadCredentials), "{unknown:?}");
        assert_eq!(wrong.to_string(), unknown.to_string());
        // Neither started a session.
        assert_eq!(t.count("sessions", vec![]).await, 1);
    }

    async fn five_failures_hold_an_account_back_even_with_the_right_password(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        // From five different addresses, so that only the account's count can be at work.
        for i in 1..=5 {
            let err = check_password(
                &app,
                "ana@example.org",
                "guess number x",
                &format!("198.51.100.{i}"),
            )
            .await
            .unwrap_err();
            assert!(matches!(err, Error::BadCredentials), "attempt {i}: {err:?}");
        }
        let fresh_address = "198.51.100.99";
        let err = check_password(&app, "ana@example.org", PASSWORD, fresh_address)
            .await
            .unwrap_err();
        let wait = retry_after(&err);
        assert!(wait > 0 && wait <= 31, "{wait}");
        // The typed form of the address does not matter: it is one account.
        let err = check_password(&app, " ANA@example.org", PASSWORD, fresh_address)
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 0);

        // Still held back a moment before the wait is over.
        clock.advance(Duration::seconds(wait as i64 - 2));
        let err = check_password(&app, "ana@example.org", PASSWORD, fresh_address)
            .await
            .unwrap_err();
        assert_eq!(retry_after(&err), 2);

        clock.advance(Duration::seconds(2));
        let step = check_password(&app, "ana@example.org", PASSWORD, fresh_address)
            .await
            .unwrap();
        assert_eq!(step.actor.user_id, ana.actor.user_id);
        assert_eq!(step.stage, Stage::Full);
    }

    async fn failures_from_one_address_hold_back_every_account_from_it(t: &TestDb) {
        let (app, clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        for i in 1..=5 {
            let err = check_password(&app, &format!("guess{i}@example.org"), PASSWORD, ADDRESS)
                .await
                .unwrap_err();
            assert!(matches!(err, Error::BadCredentials), "attempt {i}: {err:?}");
        }
        // Ana never failed, but she is at the same address.
        let err = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 0);
        // From elsewhere she signs in.
        check_password(&app, "ana@example.org", PASSWORD, "198.51.100.20")
            .await
            .unwrap();
        clock.advance(Duration::seconds(retry_after(&err) as i64));
        check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
    }

    async fn staff_enrol_a_second_factor_and_then_need_it(t: &TestDb) {
        let (app, clock) = t.app();
        let email = "lena@clinic.example";
        new_staff(&app, Role::Clinician, "Dr Lena Okafor", email).await;

        let step = check_password(&app, email, PASSWORD, ADDRESS)
            .await
            .unwrap();
        assert_eq!(step.stage, Stage::Enrolment);
        let current = resolve_session(&app, &step.session_secret, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.stage, Stage::Enrolment);
        assert!(!current.totp_enrolled);
        // A password step alone does not reach the second-factor step.
        let err = second_factor(&app, &step.session_secret, &current, "123456")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Unauthenticated), "{err:?}");

        let enrolment = start_totp_enrolment(&app, &step.actor).await.unwrap();
        assert!(
            enrolment.otpauth_uri.starts_with("otpauth://totp/"),
            "{}",
            enrolment.otpauth_uri
        );
        // A reload of the page shows the same secret.
        assert_eq!(
            start_totp_enrolment(&app, &step.actor)
                .await
                .unwrap()
                .secret,
            enrolment.secret
        );

        let err = confirm_totp_enrolment(
            &app,
            &step.actor,
            &wrong_code(&enrolment.secret, clock.now()),
            Some(&step.session_secret),
        )
        .await
        .unwrap_err();
        assert_invalid(&err, "code");

        let code = totp::code_at(&enrolment.secret, clock.now()).unwrap();
        let full = confirm_totp_enrolment(&app, &step.actor, &code, Some(&step.session_secret))
            .await
            .unwrap()
            .expect("a new session");
        let current = resolve_session(&app, &full, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.stage, Stage::Full);
        assert!(current.totp_enrolled);
        assert!(
            resolve_session(&app, &step.session_secret, None)
                .await
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            start_totp_enrolment(&app, &step.actor).await,
            Err(Error::Conflict(_))
        ));

        // The next sign-in asks for a code.
        clock.advance(Duration::seconds(30));
        let step = check_password(&app, email, PASSWORD, ADDRESS)
            .await
            .unwrap();
        assert_eq!(step.stage, Stage::SecondFactor);
        let current = resolve_session(&app, &step.session_secret, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.stage, Stage::SecondFactor);

        let err = second_factor(
            &app,
            &step.session_secret,
            &current,
            &wrong_code(&enrolment.secret, clock.now()),
        )
        .await
        .unwrap_err();
        assert_invalid(&err, "code");
        // Still at the second-factor step after a wrong code.
        assert_eq!(
            resolve_session(&app, &step.session_secret, None)
                .await
                .unwrap()
                .unwrap()
                .stage,
            Stage::SecondFactor
        );

        let code = totp::code_at(&enrolment.secret, clock.now()).unwrap();
        let fresh = second_factor(&app, &step.session_secret, &current, &code)
            .await
            .unwrap();
        assert_ne!(fresh, step.session_secret);
        let signed_in = resolve_session(&app, &fresh, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(signed_in.stage, Stage::Full);
        assert_eq!(signed_in.actor.user_id, step.actor.user_id);
        assert!(
            resolve_session(&app, &step.session_secret, None)
                .await
                .unwrap()
                .is_none()
        );

        // The same code, on a new password step in the same 30 seconds, is refused.
        let again = check_password(&app, email, PASSWORD, ADDRESS)
            .await
            .unwrap();
        let current = resolve_session(&app, &again.session_secret, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        let err = second_factor(&app, &again.session_secret, &current, &code)
            .await
            .unwrap_err();
        assert_invalid(&err, "code");
        // The next code is good.
        clock.advance(Duration::seconds(30));
        let code = totp::code_at(&enrolment.secret, clock.now()).unwrap();
        second_factor(&app, &again.session_secret, &current, &code)
            .await
            .unwrap();
    }

    async fn an_administrator_also_enrols_a_second_factor(t: &TestDb) {
        let (app, _clock) = t.app();
        new_staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let step = check_password(&app, "sam@clinic.example", PASSWORD, ADDRESS)
            .await
            .unwrap();
        assert_eq!(step.stage, Stage::Enrolment);
        assert_eq!(step.actor.role, Role::Admin);
    }

    async fn only_administrators_create_staff_and_never_clients(t: &TestDb) {
        let (app, _clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let new = |role, email| NewStaff {
            role,
            email,
            name: "New Person",
            password: PASSWORD,
            credential: None,
            approaches: vec![],
            timezone: None,
        };

        for actor in [&lena.actor, &ana.actor] {
            let err = create_staff(&app, Some(actor), new(Role::Clinician, "x@clinic.example"))
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Forbidden), "{:?}: {err:?}", actor.role);
        }
        let err = create_staff(&app, Some(&admin.actor), new(Role::Client, "c@example.org"))
            .await
            .unwrap_err();
        assert_invalid(&err, "role");
        let err = create_staff(
            &app,
            Some(&admin.actor),
            new(Role::Clinician, "LENA@clinic.example"),
        )
        .await
        .unwrap_err();
        assert_invalid(&err, "email");
        assert_eq!(t.count("users", vec![]).await, 3);

        let made = create_staff(
            &app,
            Some(&admin.actor),
            new(Role::Clinician, "kofi@clinic.example"),
        )
        .await
        .unwrap();
        assert_eq!(made.role, "clinician");
        assert_eq!(made.name, "New Person");
        assert_eq!(
            t.count("clinician_profiles WHERE user_id = ?", vec![made.id.into()])
                .await,
            1
        );
        let step = check_password(&app, "kofi@clinic.example", PASSWORD, ADDRESS)
            .await
            .unwrap();
        assert_eq!(step.stage, Stage::Enrolment);
    }
    async fn a_code_is_good_once_even_in_parallel(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::seconds(30));
        // Five browsers at the second-factor step, say an attacker's relays and Lena's own.
        let mut waiting = Vec::new();
        for i in 1..=5 {
            let step = check_password(&app, &lena.email, PASSWORD, &format!("198.51.100.{i}"))
                .await
                .unwrap();
            let current = resolve_session(&app, &step.session_secret, None)
                .await
                .unwrap()
                .unwrap();
            waiting.push((step.session_secret, current));
        }
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        let tasks: Vec<_> = waiting
            .into_iter()
            .map(|(secret, current)| {
                let (app, code) = (app.clone(), code.clone());
                tokio::spawn(async move { second_factor(&app, &secret, &current, &code).await })
            })
            .collect();
        let mut accepted = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => accepted += 1,
                Err(err) => assert_invalid(&err, "code"),
            }
        }
        assert_eq!(accepted, 1, "one code, {accepted} sign-ins");
    }
    async fn parallel_failures_are_all_counted(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::seconds(30));
        // Ten browsers at the second-factor step, from ten addresses: exactly the allowance of
        // wrong codes, so a single lost count leaves the account open.
        let mut waiting = Vec::new();
        for i in 1..=10 {
            let step = check_password(&app, &lena.email, PASSWORD, &format!("198.51.100.{i}"))
                .await
                .unwrap();
            let current = resolve_session(&app, &step.session_secret, None)
                .await
                .unwrap()
                .unwrap();
            waiting.push((step.session_secret, current));
        }
        // Wrong codes need no password hashing, so the five failures reach the database at once.
        let wrong = wrong_code(&lena.totp_secret, clock.now());
        let tasks: Vec<_> = waiting
            .into_iter()
            .map(|(secret, current)| {
                let (app, wrong) = (app.clone(), wrong.clone());
                tokio::spawn(async move { second_factor(&app, &secret, &current, &wrong).await })
            })
            .collect();
        let mut refused = 0;
        for task in tasks {
            match task.await.unwrap() {
                Err(Error::Invalid { field, .. }) if field == "code" => refused += 1,
                Err(Error::Throttled { .. }) => {}
                other => panic!("a wrong code must answer Invalid or Throttled: {other:?}"),
            }
        }
        assert_eq!(refused, 10);
        let failed_events = t
            .count(
                "audit_events WHERE action = 'auth.second_factor' AND outcome = 'failed'",
                vec![],
            )
            .await;
        assert_eq!(failed_events, refused, "every refusal recorded");
        // Past the allowance, so held back even with the right code.
        let step = check_password(&app, &lena.email, PASSWORD, "198.51.100.99").await;
        let err = match step {
            Err(err) => err,
            Ok(step) => {
                let current = resolve_session(&app, &step.session_secret, None)
                    .await
                    .unwrap()
                    .unwrap();
                let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
                second_factor(&app, &step.session_secret, &current, &code)
                    .await
                    .unwrap_err()
            }
        };
        assert!(retry_after(&err) > 0);
    }
    async fn a_burst_of_parallel_guesses_gets_no_more_than_the_allowance(t: &TestDb) {
        let (app, _clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        let tasks: Vec<_> = (1..=10)
            .map(|i| {
                let app = app.clone();
                tokio::spawn(async move {
                    check_password(
                        &app,
                        "ana@example.org",
                        &format!("guess number {i}"),
                        &format!("198.51.100.{i}"),
                    )
                    .await
                    .map(|_| ())
                })
            })
            .collect();
        let mut verified = 0;
        for task in tasks {
            match task.await.unwrap() {
                Err(Error::BadCredentials) => verified += 1,
                Err(Error::Throttled { .. }) => {}
                other => panic!("{other:?}"),
            }
        }
        assert!(
            verified <= 5,
            "{verified} guesses checked against an allowance of 5"
        );
    }

    async fn wrong_codes_hold_the_second_factor_back(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::seconds(30));
        let step = check_password(&app, &lena.email, PASSWORD, ADDRESS)
            .await
            .unwrap();
        let current = resolve_session(&app, &step.session_secret, Some(ADDRESS))
            .await
            .unwrap()
            .unwrap();
        for _ in 0..10 {
            let wrong = wrong_code(&lena.totp_secret, clock.now());
            let err = second_factor(&app, &step.session_secret, &current, &wrong)
                .await
                .unwrap_err();
            assert_invalid(&err, "code");
        }
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        let err = second_factor(&app, &step.session_secret, &current, &code)
            .await
            .unwrap_err();
        let wait = retry_after(&err);
        assert!(wait > 0);
        clock.advance(Duration::seconds(wait as i64));
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        second_factor(&app, &step.session_secret, &current, &code)
            .await
            .unwrap();
    }

    async fn thirty_people_sign_in_at_once_from_one_address(t: &TestDb) {
        let (app, _clock) = t.app();
        // A clinic's waiting room behind one address: thirty clients, all at once.
        for i in 0..30 {
            client(&app, &format!("Client {i}"), &format!("c{i}@example.org")).await;
        }
        let tasks: Vec<_> = (0..30)
            .map(|i| {
                let app = app.clone();
                tokio::spawn(async move {
                    check_password(&app, &format!("c{i}@example.org"), PASSWORD, ADDRESS)
                        .await
                        .map(|s| s.stage)
                })
            })
            .collect();
        for (i, task) in tasks.into_iter().enumerate() {
            let r = task.await.unwrap();
            assert!(matches!(r, Ok(Stage::Full)), "sign-in {i}: {r:?}");
        }
        // Successes never count against the address: failures still do.
        for i in 1..=4 {
            let err = check_password(&app, &format!("g{i}@example.org"), PASSWORD, ADDRESS)
                .await
                .unwrap_err();
            assert!(matches!(err, Error::BadCredentials), "{err:?}");
        }
        check_password(&app, "c0@example.org", PASSWORD, ADDRESS)
            .await
            .unwrap();
    }

    async fn wrong_codes_are_counted_per_account_whatever_the_password(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::seconds(30));
        // The right password with wrong codes, from forty addresses.
        let mut refused_at = None;
        for i in 1..=40 {
            let wrong = wrong_code(&lena.totp_secret, clock.now());
            let r = api_login(&app, &lena.email, PASSWORD, Some(&wrong), &format!("198.51.100.{i}"))
                .await;
            match r {
                Err(Error::BadCredentials) if i <= 10 => {}
                Err(Error::Throttled { .. }) if i > 10 => {
                    refused_at.get_or_insert(i);
                }
                other => panic!("attempt {i}: {other:?}"),
            }
        }
        assert_eq!(refused_at, Some(11));
        // Held back even with the right code, in the browser as over the API.
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        let err = api_login(&app, &lena.email, PASSWORD, Some(&code), "198.51.100.77")
            .await
            .unwrap_err();
        let wait = retry_after(&err);
        assert!(wait > 0 && wait <= 31, "{wait}");
        let step = check_password(&app, &lena.email, PASSWORD, "198.51.100.78")
            .await
            .unwrap();
        let current = resolve_session(&app, &step.session_secret, None)
            .await
            .unwrap()
            .unwrap();
        let err = second_factor(&app, &step.session_secret, &current, &code)
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 0);
        // No audit row per refused attempt: one event for the block, with its count, once
        // the block is over.
        assert_eq!(
            t.count("audit_events WHERE action = 'auth.throttled'", vec![]).await,
            0
        );
        clock.advance(Duration::seconds(wait as i64));
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        api_login(&app, &lena.email, PASSWORD, Some(&code), "198.51.100.79")
            .await
            .unwrap();
        let tallies = t
            .texts(
                "SELECT detail FROM audit_events WHERE action = 'auth.throttled'",
                vec![],
            )
            .await;
        assert_eq!(
            tallies,
            vec![Some("32 attempts refused while the code was held back".to_string())]
        );
    }

    async fn staff_held_back_after_wrong_passwords_still_sign_in_with_their_code(t: &TestDb) {
        let (app, clock) = t.app();
        let lena = staff(
            &app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await;
        clock.advance(Duration::seconds(30));
        for i in 1..=5 {
            let err = check_password(&app, &lena.email, "a guess", &format!("198.51.100.{i}"))
                .await
                .unwrap_err();
            assert!(matches!(err, Error::BadCredentials), "{err:?}");
        }
        // The password alone is held back (no oracle for a guesser)...
        let err = check_password(&app, &lena.email, PASSWORD, "198.51.100.50")
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 0);
        let err = api_login(&app, &lena.email, PASSWORD, None, "198.51.100.50")
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 0);
        // ...a wrong password with the right code, or a wrong code, gets nowhere...
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        let wrong = wrong_code(&lena.totp_secret, clock.now());
        assert!(matches!(
            check_password_with_code(&app, &lena.email, PASSWORD, Some(&wrong), "198.51.100.50")
                .await,
            Err(Error::BadCredentials)
        ));
        assert!(matches!(
            check_password_with_code(&app, &lena.email, "a guess", Some(&code), "198.51.100.50")
                .await,
            Err(Error::BadCredentials)
        ));
        // ...and the right password with the right code signs her in, fully, at once. (The
        // code above is used up: the next step's, after one more guess that renews the block.)
        clock.advance(Duration::seconds(31));
        let err = check_password(&app, &lena.email, "one more guess", "198.51.100.51")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::BadCredentials), "{err:?}");
        let err = check_password(&app, &lena.email, PASSWORD, "198.51.100.50")
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 30);
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        let step = check_password_with_code(&app, &lena.email, PASSWORD, Some(&code), "198.51.100.50")
            .await
            .unwrap();
        assert_eq!(step.stage, Stage::Full);
        // Over the API too, while the block runs.
        clock.advance(Duration::seconds(30));
        let err = api_login(&app, &lena.email, PASSWORD, None, "198.51.100.61")
            .await
            .unwrap_err();
        assert!(retry_after(&err) > 0);
        let code = totp::code_at(&lena.totp_secret, clock.now()).unwrap();
        api_login(&app, &lena.email, PASSWORD, Some(&code), "198.51.100.61")
            .await
            .unwrap();
    }

    async fn a_block_nobody_tries_again_is_tallied_by_housekeeping(t: &TestDb) {
        let (app, clock) = t.app();
        client(&app, "Ana Ruiz", "ana@example.org").await;
        for i in 1..=5 {
            check_password(&app, &format!("g{i}@example.org"), "x", ADDRESS)
                .await
                .unwrap_err();
        }
        for _ in 0..3 {
            let err = check_password(&app, "ana@example.org", PASSWORD, ADDRESS)
                .await
                .unwrap_err();
            assert!(retry_after(&err) > 0);
        }
        sweep_sessions(&app).await.unwrap();
        assert_eq!(
            t.count("audit_events WHERE action = 'auth.throttled'", vec![]).await,
            0,
            "not while the block runs"
        );
        clock.advance(Duration::minutes(2));
        sweep_sessions(&app).await.unwrap();
        let tallies = t
            .texts(
                "SELECT detail FROM audit_events WHERE action = 'auth.throttled'",
                vec![],
            )
            .await;
        assert_eq!(
            tallies,
            vec![Some("3 attempts refused while the address was held back".to_string())]
        );
        let at = t
            .texts(
                "SELECT address FROM audit_events WHERE action = 'auth.throttled'",
                vec![],
            )
            .await;
        assert_eq!(at, vec![Some(ADDRESS.to_string())]);
    }
}
