//! Notes on sessions through the use-cases and the database: a DAP progress note opens as a
//! draft with the measures of its session's date, is signed only when whole and then locked,
//! corrected by dated amendments, and read by the care team only; a psychotherapy note is read
//! by its author only (CLINICAL.md, HIPAA 164.501). Every part is sealed at rest and audited.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDateTime};
use rapport_app::accounts::{self, NewClient, NewStaff};
use rapport_app::care_teams::assign;
use rapport_app::measures::submit_measure;
use rapport_app::notes::{
    amend_progress_note, my_psychotherapy_note, progress_note, progress_notes_of,
    save_progress_note, save_psychotherapy_note,
};
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_app::{Actor, App, Error};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::notes::Dap;
use rapport_testkit::asserts::{forbidden, invalid_field};
use rapport_testkit::{ADDRESS, PASSWORD, Staff, TestDb, both_backends, client, staff};
use uuid::Uuid;

/// Words typed into notes that no other table holds, to look for in raw storage.
const NEEDLES: [&str; 5] = [
    "Gorsebrook",
    "Wendlebury",
    "Marchmont",
    "Kestrelford",
    "Illingworth",
];

/// An administrator, a clinician (Lena) and her client Ana, and one session of theirs that
/// took place (24 Nov 2026, 10:00 UTC; the clock is left an hour after its start).
struct Clinic {
    admin: Staff,
    lena: Actor,
    ana: Actor,
    session: Uuid,
}

async fn clinic(app: &App, clock: &rapport_app::clock::ManualClock) -> Clinic {
    let admin = staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
    let lena = staff(app, Role::Clinician, "Lena Okafor", "lena@clinic.example")
        .await
        .actor;
    let ana = client(app, "Ana Ruiz", "ana@example.org").await.actor;
    assign(
        app,
        &admin.actor,
        ana.user_id,
        lena.user_id,
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
    let session = session_at(app, &lena, &ana, "2026-11-24 10:00").await;
    clock.advance(Duration::days(1) + Duration::hours(2));
    record_attendance(app, &lena, session, ana.user_id, "attended")
        .await
        .unwrap();
    Clinic {
        admin,
        lena,
        ana,
        session,
    }
}

/// Schedules a one-off session with the client at `at` (UTC, the clinician's clock).
async fn session_at(app: &App, lena: &Actor, ana: &Actor, at: &str) -> Uuid {
    schedule(
        app,
        lena,
        NewSessions {
            clients: vec![ana.user_id],
            kind: "individual".into(),
            modality: "in_person".into(),
            place: "Room 2, 14 Elm Street".into(),
            first: Some(NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap()),
            minutes: Some(50),
            weeks: Some(1),
            family: Vec::new(),
            group: None,
        },
    )
    .await
    .unwrap()[0]
}

fn dap(data: &str, assessment: &str, plan: &str) -> Dap {
    Dap {
        data: data.into(),
        assessment: assessment.into(),
        plan: plan.into(),
    }
}

/// A whole note, every part distinctive.
fn whole() -> Dap {
    dap(
        "Attended. Talked about the Gorsebrook job interview; PHQ-9 12.",
        "Engaged; behavioural activation starting to help (Wendlebury walks).",
        "Two walks to Marchmont park this week; review in a week.",
    )
}

/// Every non-empty cell of `column` in `table`: sealed, and none holds a needle.
async fn assert_sealed(t: &TestDb, table: &str, column: &str, expected: usize) {
    let cells: Vec<String> = t
        .texts(&format!("SELECT {column} FROM {table}"), vec![])
        .await
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(cells.len(), expected, "{table}.{column}: {cells:?}");
    for cell in &cells {
        assert!(cell.starts_with("v1:"), "{table}.{column}: {cell}");
        for needle in NEEDLES {
            assert!(!cell.contains(needle), "{needle:?} in {table}.{column}");
        }
    }
}

both_backends! {
    async fn a_progress_note_is_drafted_signed_and_then_only_amended(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app, &clock).await;
        let (ana, lena) = (c.ana.user_id, c.lena.user_id);
        // Two PHQ-9s, a day apart: 15, then 12 (items 1–6 at 2) on 25 Nov.
        submit_measure(
            &app,
            &c.ana,
            "phq9",
            &[
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
            ],
            None,
            None,
        )
        .await
        .unwrap();
        clock.advance(Duration::days(1));
        let latest = submit_measure(
            &app,
            &c.ana,
            "phq9",
            &[
                Some(2),
                Some(2),
                Some(2),
                Some(2),
                Some(2),
                Some(2),
                Some(0),
                Some(0),
                Some(0),
            ],
            None,
            None,
        )
        .await
        .unwrap();
        assert_eq!(
            (latest.total, latest.band),
            (12, Some(rapport_core::measures::Band::Moderate))
        );

        // Opening the note gives a fresh draft; nothing is stored yet. Both PHQ-9s came after
        // the session (24 Nov), so none is the session's (note_measures.rs: what stood then).
        let draft = progress_note(&app, &c.lena, c.session, ana).await.unwrap();
        assert_eq!(draft.data, "");
        assert_eq!((draft.assessment.as_str(), draft.plan.as_str()), ("", ""));
        assert_eq!((draft.id, draft.signed_at), (Uuid::nil(), None));
        assert_eq!(
            (draft.session_id, draft.client_id, draft.author_id),
            (c.session, ana, lena)
        );
        assert!(draft.amendments.is_empty());
        assert_eq!(t.count("progress_notes", vec![]).await, 0);

        // A draft may miss parts.
        let created = app.now();
        let partial = dap(&whole().data, "Engaged; Wendlebury walks.", "");
        assert_eq!(
            save_progress_note(&app, &c.lena, c.session, ana, partial.clone(), false)
                .await
                .unwrap(),
            None
        );
        let stored = progress_note(&app, &c.lena, c.session, ana).await.unwrap();
        assert_ne!(stored.id, Uuid::nil());
        assert_eq!(dap(&stored.data, &stored.assessment, &stored.plan), partial);
        assert_eq!(
            (stored.created_at, stored.updated_at, stored.signed_at),
            (created, created, None)
        );

        // Signing needs all three parts; the error names the missing one.
        clock.advance(Duration::minutes(5));
        assert_eq!(
            invalid_field(save_progress_note(&app, &c.lena, c.session, ana, partial, true).await),
            "plan"
        );
        let no_assessment = dap(&whole().data, " ", &whole().plan);
        assert_eq!(
            invalid_field(
                save_progress_note(&app, &c.lena, c.session, ana, no_assessment, true).await
            ),
            "assessment"
        );
        let no_data = dap("", &whole().assessment, &whole().plan);
        assert_eq!(
            invalid_field(save_progress_note(&app, &c.lena, c.session, ana, no_data, true).await),
            "data"
        );
        assert_eq!(
            progress_note(&app, &c.lena, c.session, ana)
                .await
                .unwrap()
                .signed_at,
            None
        );

        let signed_at = app.now();
        assert_eq!(
            save_progress_note(&app, &c.lena, c.session, ana, whole(), true)
                .await
                .unwrap(),
            Some(signed_at)
        );
        let signed = progress_note(&app, &c.lena, c.session, ana).await.unwrap();
        assert_eq!(signed.id, stored.id);
        assert_eq!(dap(&signed.data, &signed.assessment, &signed.plan), whole());
        assert_eq!(
            (signed.created_at, signed.updated_at, signed.signed_at),
            (created, signed_at, Some(signed_at))
        );

        // Locked: neither a draft save nor a second signature changes it.
        clock.advance(Duration::hours(1));
        let changed = dap("Changed afterwards", "Changed", "Changed");
        assert_eq!(
            invalid_field(
                save_progress_note(&app, &c.lena, c.session, ana, changed.clone(), false).await
            ),
            "data"
        );
        assert_eq!(
            invalid_field(save_progress_note(&app, &c.lena, c.session, ana, changed, true).await),
            "data"
        );
        assert_eq!(
            progress_note(&app, &c.lena, c.session, ana).await.unwrap(),
            signed
        );

        // Corrections are dated amendments, by whoever wrote them.
        assert_eq!(
            invalid_field(amend_progress_note(&app, &c.lena, c.session, ana, "  ").await),
            "amendment"
        );
        let amended_at = app.now();
        let correction = "Correction: the Kestrelford interview is on Thursday, not Tuesday.";
        amend_progress_note(&app, &c.lena, c.session, ana, correction)
            .await
            .unwrap();
        let note = progress_note(&app, &c.lena, c.session, ana).await.unwrap();
        assert_eq!(
            dap(&note.data, &note.assessment, &note.plan),
            whole(),
            "the parts stay as signed"
        );
        assert_eq!(note.amendments.len(), 1);
        assert_eq!(
            (note.amendments[0].at, note.amendments[0].by),
            (amended_at, lena)
        );
        assert_eq!(note.amendments[0].body, correction);
        assert_eq!(
            progress_notes_of(&app, &c.lena, ana).await.unwrap(),
            std::slice::from_ref(&note)
        );

        // A draft is changed, not amended; a note never written cannot be amended.
        let second = session_at(&app, &c.lena, &c.ana, "2026-12-01 10:00").await;
        assert!(matches!(
            amend_progress_note(&app, &c.lena, second, ana, "Nothing to amend").await,
            Err(Error::NotFound)
        ));
        save_progress_note(
            &app,
            &c.lena,
            second,
            ana,
            dap("Illingworth draft", "", ""),
            false,
        )
        .await
        .unwrap();
        assert_eq!(
            invalid_field(
                amend_progress_note(&app, &c.lena, second, ana, "Amending a draft").await
            ),
            "amendment"
        );
        assert_eq!(t.count("note_amendments", vec![]).await, 1);
        // A client not in the session has no note in it.
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await.actor;
        assign(
            &app,
            &c.admin.actor,
            bo.user_id,
            lena,
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
        assert!(matches!(
            progress_note(&app, &c.lena, c.session, bo.user_id).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            save_progress_note(&app, &c.lena, c.session, bo.user_id, whole(), false).await,
            Err(Error::NotFound)
        ));

        // Sealed at rest: every written part and the amendment (the empty parts are NULL).
        assert_sealed(t, "progress_notes", "data", 2).await;
        assert_sealed(t, "progress_notes", "assessment", 1).await;
        assert_sealed(t, "progress_notes", "plan", 1).await;
        assert_sealed(t, "note_amendments", "body", 1).await;
    }

    // What people read is dated in their own timezone (crates/app/src/time.rs).
    async fn the_prefilled_measure_is_dated_on_the_local_day(t: &TestDb) {
        let (app, clock) = t.app();
        let la = "America/Los_Angeles";
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        accounts::create_staff(
            &app,
            None,
            NewStaff {
                role: Role::Clinician,
                email: "lena@clinic.example",
                name: "Lena Okafor",
                password: PASSWORD,
                credential: None,
                approaches: vec![],
                timezone: Some(la),
            },
        )
        .await
        .unwrap();
        let lena = accounts::check_password(&app, "lena@clinic.example", PASSWORD, ADDRESS)
            .await
            .unwrap()
            .actor;
        let (ana, _) = accounts::sign_up(
            &app,
            NewClient {
                name: "Ana Ruiz",
                email: "ana@example.org",
                password: PASSWORD,
                timezone: Some(la),
            },
            ADDRESS,
        )
        .await
        .unwrap();
        assign(
            &app,
            &admin.actor,
            ana.user_id,
            lena.user_id,
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
        // 09:00 on 24 Nov in Los Angeles is 17:00 UTC.
        let session = session_at(&app, &lena, &ana, "2026-11-24 09:00").await;
        // 02:00 UTC on 24 Nov, before the session: 18:00 on Monday 23 Nov for both of them.
        clock.advance(Duration::hours(17));
        submit_measure(&app, &ana, "phq9", &[Some(1); 9], None, None)
            .await
            .unwrap();
        let draft = progress_note(&app, &lena, session, ana.user_id)
            .await
            .unwrap();
        assert_eq!(
            draft.data,
            "Latest measures: PHQ-9 9 (mild) on 23 Nov 2026."
        );
    }

    async fn a_psychotherapy_note_is_read_by_its_author_alone(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app, &clock).await;
        let ana = c.ana.user_id;
        let raj = staff(&app, Role::Clinician, "Raj Iyer", "raj@clinic.example")
            .await
            .actor;
        assign(
            &app,
            &c.admin.actor,
            ana,
            raj.user_id,
            CareTeamRole::Psychiatrist,
        )
        .await
        .unwrap();
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example")
            .await
            .actor;

        let body = "Countertransference: I felt protective when she spoke of Gorsebrook.";
        assert_eq!(
            my_psychotherapy_note(&app, &c.lena, c.session, ana)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            invalid_field(save_psychotherapy_note(&app, &c.lena, c.session, ana, " ").await),
            "body"
        );
        save_psychotherapy_note(&app, &c.lena, c.session, ana, body)
            .await
            .unwrap();
        let mine = my_psychotherapy_note(&app, &c.lena, c.session, ana)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((mine.body.as_str(), mine.author_id), (body, c.lena.user_id));
        assert_eq!((mine.session_id, mine.client_id), (c.session, ana));
        assert_eq!((mine.created_at, mine.updated_at), (app.now(), app.now()));

        // Raj is on the same care team, and still does not see it.
        assert_eq!(
            my_psychotherapy_note(&app, &raj, c.session, ana)
                .await
                .unwrap(),
            None
        );
        // His own note is a separate one that Lena does not see.
        clock.advance(Duration::minutes(10));
        let rajs = "Medication review; wonders about Wendlebury clinic instead.";
        save_psychotherapy_note(&app, &raj, c.session, ana, rajs)
            .await
            .unwrap();
        let his = my_psychotherapy_note(&app, &raj, c.session, ana)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((his.body.as_str(), his.author_id), (rajs, raj.user_id));
        assert_ne!(his.id, mine.id);
        assert_eq!(
            my_psychotherapy_note(&app, &c.lena, c.session, ana)
                .await
                .unwrap()
                .unwrap(),
            mine
        );
        // Lena rewrites hers: the same note, updated.
        let rewritten = "Countertransference: protective; bring to supervision (Marchmont).";
        save_psychotherapy_note(&app, &c.lena, c.session, ana, rewritten)
            .await
            .unwrap();
        let again = my_psychotherapy_note(&app, &c.lena, c.session, ana)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((again.id, again.body.as_str()), (mine.id, rewritten));
        assert_eq!(
            (again.created_at, again.updated_at),
            (mine.created_at, app.now())
        );
        assert_eq!(t.count("psychotherapy_notes", vec![]).await, 2);

        // Nobody else reads or writes one: not the client, an administrator or a clinician
        // off the team.
        for (who, actor) in [
            ("the client", &c.ana),
            ("administrator", &c.admin.actor),
            ("clinician off the team", &kofi),
        ] {
            assert!(
                forbidden(my_psychotherapy_note(&app, actor, c.session, ana).await),
                "{who} reads"
            );
            assert!(
                forbidden(save_psychotherapy_note(&app, actor, c.session, ana, "Mine").await),
                "{who} writes"
            );
        }
        assert_eq!(t.count("psychotherapy_notes", vec![]).await, 2);

        // The progress note, by contrast, is the care team's: both clinicians read it.
        save_progress_note(&app, &c.lena, c.session, ana, whole(), true)
            .await
            .unwrap();
        for reader in [&c.lena, &raj] {
            let note = progress_note(&app, reader, c.session, ana).await.unwrap();
            assert_eq!(dap(&note.data, &note.assessment, &note.plan), whole());
            assert_eq!(note.author_id, c.lena.user_id);
            let all = progress_notes_of(&app, reader, ana).await.unwrap();
            assert_eq!(all, [note]);
            // Neither psychotherapy note is in it.
            let text = format!("{all:?}");
            assert!(!text.contains("Countertransference") && !text.contains("Medication review"));
        }
        for (who, actor) in [
            ("the client", &c.ana),
            ("administrator", &c.admin.actor),
            ("clinician off the team", &kofi),
        ] {
            assert!(
                forbidden(progress_note(&app, actor, c.session, ana).await),
                "{who}"
            );
            assert!(
                forbidden(progress_notes_of(&app, actor, ana).await),
                "{who}"
            );
            assert!(
                forbidden(save_progress_note(&app, actor, c.session, ana, whole(), false).await),
                "{who}"
            );
            assert!(
                forbidden(amend_progress_note(&app, actor, c.session, ana, "Mine").await),
                "{who}"
            );
        }

        assert_sealed(t, "psychotherapy_notes", "body", 2).await;
    }

    async fn signing_amending_and_psychotherapy_notes_are_audited(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app, &clock).await;
        let (ana, lena) = (c.ana.user_id, c.lena.user_id);
        let admin = c.admin.actor.user_id;
        let from: i64 = t.query("SELECT MAX(seq) FROM audit_events", vec![]).await[0]
            .try_get_by_index(0)
            .unwrap();

        save_progress_note(
            &app,
            &c.lena,
            c.session,
            ana,
            dap("Gorsebrook", "", ""),
            false,
        )
        .await
        .unwrap();
        save_progress_note(&app, &c.lena, c.session, ana, whole(), true)
            .await
            .unwrap();
        amend_progress_note(
            &app,
            &c.lena,
            c.session,
            ana,
            "Kestrelford, not Kestrelton.",
        )
        .await
        .unwrap();
        save_psychotherapy_note(&app, &c.lena, c.session, ana, "Illingworth dream again.")
            .await
            .unwrap();
        my_psychotherapy_note(&app, &c.admin.actor, c.session, ana)
            .await
            .unwrap_err();
        let note = progress_note(&app, &c.lena, c.session, ana).await.unwrap();

        let rows = t
            .query(
                "SELECT action, actor_id, outcome, resource FROM audit_events \
                 WHERE client_id = ? AND seq > ? ORDER BY seq",
                vec![ana.into(), from.into()],
            )
            .await;
        let events: Vec<(String, Uuid, String, Option<String>)> = rows
            .iter()
            .map(|r| {
                (
                    r.try_get("", "action").unwrap(),
                    r.try_get("", "actor_id").unwrap(),
                    r.try_get("", "outcome").unwrap(),
                    r.try_get("", "resource").unwrap(),
                )
            })
            .collect();
        let on_note = Some(format!("note:{}", note.id));
        let on_session = Some(format!("session:{}", c.session));
        let e = |action: &str, who: Uuid, outcome: &str, resource: &Option<String>| {
            (
                action.to_string(),
                who,
                outcome.to_string(),
                resource.clone(),
            )
        };
        assert_eq!(
            events,
            [
                e("note.saved", lena, "ok", &on_note),
                e("note.signed", lena, "ok", &on_note),
                e("note.amended", lena, "ok", &on_note),
                e("psychotherapy_note.saved", lena, "ok", &on_session),
                e("psychotherapy_note.read", admin, "denied", &None),
                e("note.read", lena, "ok", &on_session),
            ]
        );

        // No audit event holds a word of a note.
        for row in t
            .query("SELECT action, resource, detail FROM audit_events", vec![])
            .await
        {
            let text = format!("{row:?}");
            for needle in NEEDLES {
                assert!(!text.contains(needle), "{needle:?} in an audit event");
            }
        }
        let chain = rapport_app::audit_log::verify(&app, None).await.unwrap();
        assert_eq!(chain.first_broken, None);
    }
}
