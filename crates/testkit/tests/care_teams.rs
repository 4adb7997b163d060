//! The policy through the use-cases: care teams decide who opens a client's record, and an
//! administrator assigns teams but reads no clinical content.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::admin::list_accounts;
use rapport_app::audit_log::my_access_log;
use rapport_app::care_teams::{assign, care_team, caseload, client_record, set_emergency_contact};
use rapport_app::{Actor, App};
use rapport_core::accounts::{CareTeamRole, Credential, Role};
use rapport_store::accounts::users;
use rapport_store::audit;
use rapport_store::consents::{self, Consent};
use rapport_testkit::asserts::{forbidden, id, invalid_field};
use rapport_testkit::{Client, Staff, TestDb, both_backends, client, staff};
use uuid::Uuid;

/// An administrator, two clinicians and a client; nobody on a team yet.
struct Practice {
    admin: Staff,
    lena: Staff,
    kofi: Staff,
    ana: Client,
}

async fn practice(app: &App) -> Practice {
    Practice {
        admin: staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await,
        lena: staff(
            app,
            Role::Clinician,
            "Dr Lena Okafor",
            "lena@clinic.example",
        )
        .await,
        kofi: staff(app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await,
        ana: client(app, "Ana Ruiz", "ana@example.org").await,
    }
}

both_backends! {
    async fn a_clinician_on_the_team_opens_the_record(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let m = assign(
            &app,
            &p.admin.actor,
            ana,
            id(&p.lena.actor),
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
        assert_eq!(m.added_by, Some(id(&p.admin.actor)));
        set_emergency_contact(&app, &p.ana.actor, ana, "My brother Tomás, 555-0142")
            .await
            .unwrap();

        let record = client_record(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(record.client_id, ana);
        assert_eq!(record.name, "Ana Ruiz");
        assert_eq!(record.email, "ana@example.org");
        assert_eq!(
            record.emergency_contact.as_deref(),
            Some("My brother Tomás, 555-0142")
        );
        assert_eq!(record.team.len(), 1);
        assert_eq!(record.team[0].clinician_id, id(&p.lena.actor));
        assert_eq!(record.team[0].name, "Dr Lena Okafor");
        assert_eq!(record.team[0].role, CareTeamRole::PrimaryTherapist);
        assert_eq!(record.team[0].credential, Some(Credential::Lpc));

        // Her clinician may also change the record and see the team; so may Ana herself.
        set_emergency_contact(&app, &p.lena.actor, ana, "Tomás, 555-0142")
            .await
            .unwrap();
        let team = care_team(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(team.len(), 1);
        let team = care_team(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(team[0].name, "Dr Lena Okafor");
        assert_eq!(
            client_record(&app, &p.ana.actor, ana)
                .await
                .unwrap()
                .emergency_contact
                .as_deref(),
            Some("Tomás, 555-0142")
        );

        let mine = caseload(&app, &p.lena.actor).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].client_id, ana);
        assert_eq!(mine[0].name, "Ana Ruiz");
        assert!(caseload(&app, &p.kofi.actor).await.unwrap().is_empty());
    }

    async fn a_clinician_off_the_team_is_refused_and_the_refusal_recorded(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assign(
            &app,
            &p.admin.actor,
            ana,
            id(&p.kofi.actor),
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();

        assert!(forbidden(client_record(&app, &p.lena.actor, ana).await));
        let denied: Vec<_> = audit::recent(t.db.conn(), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "client.record.read" && e.outcome == "denied")
            .collect();
        assert_eq!(denied.len(), 1, "{denied:?}");
        assert_eq!(denied[0].actor_id, Some(id(&p.lena.actor)));
        assert_eq!(denied[0].actor_role.as_deref(), Some("clinician"));
        assert_eq!(denied[0].client_id, Some(ana));

        assert!(forbidden(care_team(&app, &p.lena.actor, ana).await));
        assert!(forbidden(
            set_emergency_contact(&app, &p.lena.actor, ana, "anything").await
        ));
        assert!(caseload(&app, &p.lena.actor).await.unwrap().is_empty());
        // Nor may one client open another's record.
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        assert!(forbidden(client_record(&app, &bo.actor, ana).await));
        assert!(forbidden(care_team(&app, &bo.actor, ana).await));
        // The clinician on the team still can.
        client_record(&app, &p.kofi.actor, ana).await.unwrap();
    }

    async fn an_administrator_reads_no_clinical_content(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assign(
            &app,
            &p.admin.actor,
            ana,
            id(&p.lena.actor),
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();

        assert!(forbidden(client_record(&app, &p.admin.actor, ana).await));
        assert!(forbidden(care_team(&app, &p.admin.actor, ana).await));
        assert!(forbidden(
            set_emergency_contact(&app, &p.admin.actor, ana, "x").await
        ));
        assert!(forbidden(caseload(&app, &p.admin.actor).await));
        assert!(forbidden(my_access_log(&app, &p.admin.actor).await));

        // Accounts are the administrator's business, and only theirs.
        let accounts = list_accounts(&app, &p.admin.actor).await.unwrap();
        let mut names: Vec<_> = accounts.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["Ana Ruiz", "Dr Lena Okafor", "Kofi Mensah", "Sam Admin"]
        );
        assert!(
            accounts
                .iter()
                .filter(|a| a.role != Role::Client)
                .all(|a| a.totp_enrolled)
        );
        assert!(forbidden(list_accounts(&app, &p.lena.actor).await));
        assert!(forbidden(list_accounts(&app, &p.ana.actor).await));
    }

    async fn assigning_checks_who_is_who_and_refuses_a_second_membership(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (admin, ana, lena) = (&p.admin.actor, id(&p.ana.actor), id(&p.lena.actor));

        assign(&app, admin, ana, lena, CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        let err = assign(&app, admin, ana, lena, CareTeamRole::Psychiatrist)
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&err), "clinician_id");

        for not_a_client in [lena, id(admin), Uuid::now_v7()] {
            let err = assign(
                &app,
                admin,
                not_a_client,
                id(&p.kofi.actor),
                CareTeamRole::CoTherapist,
            )
            .await
            .unwrap_err();
            assert_eq!(invalid_field(&err), "client_id", "{not_a_client}");
        }
        for not_a_clinician in [ana, id(admin), Uuid::now_v7()] {
            let err = assign(&app, admin, ana, not_a_clinician, CareTeamRole::CoTherapist)
                .await
                .unwrap_err();
            assert_eq!(invalid_field(&err), "clinician_id", "{not_a_clinician}");
        }
        // Only administrators assign.
        assert!(forbidden(
            assign(
                &app,
                &p.lena.actor,
                ana,
                id(&p.kofi.actor),
                CareTeamRole::CoTherapist
            )
            .await
        ));
        assert!(forbidden(
            assign(
                &app,
                &p.ana.actor,
                ana,
                id(&p.kofi.actor),
                CareTeamRole::CoTherapist
            )
            .await
        ));
        assert_eq!(t.count("care_teams", vec![]).await, 1);

        // A second clinician in another role is fine.
        assign(
            &app,
            admin,
            ana,
            id(&p.kofi.actor),
            CareTeamRole::Psychiatrist,
        )
        .await
        .unwrap();
        let team = care_team(&app, &p.ana.actor, ana).await.unwrap();
        let mut roles: Vec<_> = team.iter().map(|m| (m.name.as_str(), m.role)).collect();
        roles.sort_unstable_by_key(|(name, _)| *name);
        assert_eq!(
            roles,
            [
                ("Dr Lena Okafor", CareTeamRole::PrimaryTherapist),
                ("Kofi Mensah", CareTeamRole::Psychiatrist)
            ]
        );
    }
    async fn parallel_assigns_make_one_membership(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let (app, admin) = (app.clone(), p.admin.actor.clone());
                let (ana, lena) = (id(&p.ana.actor), id(&p.lena.actor));
                tokio::spawn(async move {
                    assign(&app, &admin, ana, lena, CareTeamRole::PrimaryTherapist)
                        .await
                        .map(|_| ())
                })
            })
            .collect();
        let mut made = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(()) => made += 1,
                Err(err) => assert_eq!(invalid_field(&err), "clinician_id"),
            }
        }
        assert_eq!(made, 1);
        assert_eq!(t.count("care_teams", vec![]).await, 1);
        assert_eq!(
            care_team(&app, &p.ana.actor, id(&p.ana.actor))
                .await
                .unwrap()
                .len(),
            1
        );
    }

    async fn a_family_member_never_sees_the_team_or_the_record(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assign(
            &app,
            &p.admin.actor,
            ana,
            id(&p.lena.actor),
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
        // No use-case makes family accounts yet: the store does.
        let marta = Actor {
            user_id: app.new_id(),
            role: Role::Family,
            name: "Marta Ruiz".into(),
            address: None,
        };
        let tx = t.db.write().await.unwrap();
        users::insert(
            tx.conn(),
            tx.keys(),
            users::NewUser {
                id: marta.user_id,
                email: "marta@example.org",
                name: &marta.name,
                role: "family",
                password_hash: "unused",
                timezone: "UTC",
                now: app.now(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(forbidden(care_team(&app, &marta, ana).await));

        let grant = |scope: &str| Consent {
            id: app.new_id(),
            client_id: ana,
            kind: "family_access".into(),
            grantee_id: Some(marta.user_id),
            scope: Some(scope.into()),
            text_version: "test".into(),
            granted_at: app.now(),
            revoked_at: None,
        };
        // No scope a client can grant opens the care team or the record.
        for scope in [
            "learning",
            "warning_signs",
            "safety_plan",
            "family_sessions",
            "observations",
        ] {
            consents::grant(t.db.conn(), grant(scope)).await.unwrap();
        }
        assert!(forbidden(care_team(&app, &marta, ana).await));
        assert!(forbidden(client_record(&app, &marta, ana).await));
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        assert!(forbidden(care_team(&app, &marta, id(&bo.actor)).await));
    }
}
