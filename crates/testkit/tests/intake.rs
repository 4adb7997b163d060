//! The intake through the use-cases and the database: the client tells their story at the start
//! of an episode of care, in parts saved as they go; sending it needs the answers a first
//! session cannot do without; it belongs to the current episode, shows the PHQ-9 and GAD-7
//! baselines, is read by the care team only, sealed at rest, and every read and save audited.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::audit_log::my_access_log;
use rapport_app::episodes::change;
use rapport_app::intake::{
    Baseline, IntakeProgress, IntakeView, intake, own_progress, save_intake,
};
use rapport_app::measures::submit_measure;
use rapport_core::intake::{Adherence, Intake, LifeEvent, Medicine};
use rapport_core::measures::{Band, Instrument};
use rapport_core::plans::approach::EarlierTherapy;
use rapport_testkit::asserts::{forbidden, id, invalid_field};
use rapport_testkit::{TestDb, both_backends, client, practice};
use uuid::Uuid;

/// Words of the intake no other table holds, to look for in raw storage.
const NEEDLES: [&str; 5] = [
    "Quarrendon",
    "Sertraline",
    "Natarajan",
    "Fennimore",
    "Tollemache",
];

fn sertraline() -> Medicine {
    Medicine {
        name: "Sertraline".into(),
        dose: "50 mg".into(),
        prescriber: "Dr Natarajan".into(),
    }
}

/// What Ana writes first: why she comes, one life event (ticked twice), one medicine with
/// untidy spaces, and an empty medicine row the form left behind.
fn first_part() -> Intake {
    Intake {
        reason: "  Low since the Quarrendon warehouse let me go in March \n".into(),
        life_events: vec![LifeEvent::JobLoss, LifeEvent::JobLoss],
        medicines: vec![
            Medicine {
                name: " Sertraline ".into(),
                dose: "50 mg ".into(),
                prescriber: " Dr Natarajan".into(),
            },
            Medicine {
                name: " ".into(),
                dose: String::new(),
                prescriber: "  ".into(),
            },
        ],
        ..Intake::default()
    }
}

/// The same, tidied, with every answer sending needs.
fn complete() -> Intake {
    Intake {
        reason: "Low since the Quarrendon warehouse let me go in March".into(),
        life_events: vec![LifeEvent::JobLoss],
        had_therapy: Some(true),
        earlier_kinds: vec![EarlierTherapy::Counselling],
        earlier_helped: "Talking to Mrs Fennimore at the GP practice".into(),
        wants: "To get up in the morning and look for work again".into(),
        medicines: vec![sertraline()],
        adherence: Some(Adherence::Mostly),
        sleep: "Awake from 4am most nights, Tollemache street noise".into(),
        ..Intake::default()
    }
}

async fn intake_rows(t: &TestDb, client_id: Uuid) -> i64 {
    t.count("intakes WHERE client_id = ?", vec![client_id.into()])
        .await
}

async fn episode_rows(t: &TestDb, client_id: Uuid) -> i64 {
    t.count("episodes WHERE client_id = ?", vec![client_id.into()])
        .await
}

/// The id and last writer of the client's only intake row.
async fn the_row(t: &TestDb, client_id: Uuid) -> (Uuid, Uuid) {
    let rows = t
        .query(
            "SELECT id, updated_by FROM intakes WHERE client_id = ?",
            vec![client_id.into()],
        )
        .await;
    assert_eq!(rows.len(), 1, "one intake row");
    (
        rows[0].try_get("", "id").unwrap(),
        rows[0].try_get("", "updated_by").unwrap(),
    )
}

/// Answers that score `total` spread over the first items (item 9 of the PHQ-9 stays 0).
fn answers(items: usize, total: i64) -> Vec<Option<i64>> {
    let mut left = total;
    (0..items)
        .map(|n| {
            let a = if n + 1 == items && items == 9 {
                0
            } else {
                left.min(2)
            };
            left -= a;
            Some(a)
        })
        .collect()
}

both_backends! {
    /// Intake: a draft is saved in parts, tidied, updated in place; sending names the first
    /// missing answer, records when it was sent, and a later correction keeps that moment.
    async fn a_draft_is_saved_in_parts_and_sent_when_complete(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);

        // Nothing written yet: an empty intake, and reading it starts no episode.
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view, IntakeView::default());
        assert_eq!(episode_rows(t, ana).await, 0);
        assert_eq!(own_progress(&app, &p.ana.actor).await.unwrap(), IntakeProgress::NotStarted);

        // A nameless medicine with a dose is refused, naming its row once empty rows are gone.
        let mut nameless = first_part();
        nameless.medicines.push(Medicine { dose: "20 mg".into(), ..Medicine::default() });
        let err = save_intake(&app, &p.ana.actor, ana, nameless, false).await.unwrap_err();
        assert_eq!(invalid_field(&err), "medicines[1].name");
        assert_eq!(intake_rows(t, ana).await, 0, "nothing refused was stored");

        // The first part: a draft, with most answers missing.
        clock.advance(Duration::minutes(5));
        let first_saved = app.now();
        assert_eq!(save_intake(&app, &p.ana.actor, ana, first_part(), false).await.unwrap(), None);
        assert_eq!(intake_rows(t, ana).await, 1);
        let (row_id, by) = the_row(t, ana).await;
        assert_eq!(by, ana);
        assert_eq!(own_progress(&app, &p.ana.actor).await.unwrap(), IntakeProgress::Draft);
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.intake.reason, "Low since the Quarrendon warehouse let me go in March");
        assert_eq!(view.intake.life_events, [LifeEvent::JobLoss], "the repeat is dropped");
        assert_eq!(view.intake.medicines, [sertraline()], "the empty row is dropped, text trimmed");
        assert_eq!(view.intake.had_therapy, None);
        assert_eq!(view.intake.wants, "");
        assert_eq!((view.updated_at, view.submitted_at), (Some(first_saved), None));

        // Sending now names the first missing answer, and stores nothing.
        let err = save_intake(&app, &p.ana.actor, ana, first_part(), true).await.unwrap_err();
        assert_eq!(invalid_field(&err), "had_therapy");
        let err = save_intake(&app, &p.ana.actor, ana, Intake::default(), true).await.unwrap_err();
        assert_eq!(invalid_field(&err), "reason");

        // More, an hour later: the same row is updated.
        clock.advance(Duration::hours(1));
        let second_saved = app.now();
        let more = Intake {
            had_therapy: Some(true),
            earlier_kinds: vec![EarlierTherapy::Counselling, EarlierTherapy::Counselling],
            earlier_helped: "Talking to Mrs Fennimore at the GP practice ".into(),
            ..first_part()
        };
        assert_eq!(save_intake(&app, &p.ana.actor, ana, more.clone(), false).await.unwrap(), None);
        assert_eq!(intake_rows(t, ana).await, 1, "still one intake");
        assert_eq!(the_row(t, ana).await.0, row_id, "the same row");
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.intake.had_therapy, Some(true));
        assert_eq!(view.intake.earlier_kinds, [EarlierTherapy::Counselling]);
        assert_eq!(view.intake.earlier_helped, "Talking to Mrs Fennimore at the GP practice");
        assert_eq!(view.intake.medicines, [sertraline()]);
        assert_eq!((view.updated_at, view.submitted_at), (Some(second_saved), None));

        // What they want from therapy is missing; then, with a medicine listed, adherence.
        let err = save_intake(&app, &p.ana.actor, ana, more.clone(), true).await.unwrap_err();
        assert_eq!(invalid_field(&err), "wants");
        let wants = Intake {
            wants: "To get up in the morning and look for work again".into(),
            ..more.clone()
        };
        let err = save_intake(&app, &p.ana.actor, ana, wants.clone(), true).await.unwrap_err();
        assert_eq!(invalid_field(&err), "adherence");
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.intake.wants, "", "a refused send stored nothing");
        assert_eq!((view.updated_at, view.submitted_at), (Some(second_saved), None));
        assert_eq!(
            t.count("intakes WHERE submitted_at IS NOT NULL", vec![]).await,
            0
        );

        // Complete: sent, and when is recorded.
        clock.advance(Duration::minutes(10));
        let sent = app.now();
        assert_eq!(
            save_intake(&app, &p.ana.actor, ana, complete(), true).await.unwrap(),
            Some(sent)
        );
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.intake, complete());
        assert_eq!((view.updated_at, view.submitted_at), (Some(sent), Some(sent)));
        assert_eq!(own_progress(&app, &p.ana.actor).await.unwrap(), IntakeProgress::Sent);
        assert_eq!(
            own_progress(&app, &p.bo.actor).await.unwrap(),
            IntakeProgress::NotStarted,
            "Bo's progress is his own"
        );

        // A correction the next day, saved as a draft: still sent, at the first moment.
        clock.advance(Duration::days(1));
        let corrected = app.now();
        let later = Intake {
            supports: "My sister, who lives nearby".into(),
            ..complete()
        };
        assert_eq!(
            save_intake(&app, &p.ana.actor, ana, later.clone(), false).await.unwrap(),
            Some(sent)
        );
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.intake, later);
        assert_eq!((view.updated_at, view.submitted_at), (Some(corrected), Some(sent)));
        assert_eq!(own_progress(&app, &p.ana.actor).await.unwrap(), IntakeProgress::Sent);
        assert_eq!(intake_rows(t, ana).await, 1);
        assert_eq!(the_row(t, ana).await.0, row_id);
        assert_eq!(
            t.count("intakes WHERE submitted_at IS NOT NULL", vec![]).await,
            1
        );
    }

    /// Intake: it belongs to the client's current episode (started by the first save if there
    /// is none) and shows the first PHQ-9 and GAD-7 of that episode; a new episode has a new
    /// intake.
    async fn the_intake_belongs_to_the_current_episode_with_its_baselines(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assert_eq!(episode_rows(t, ana).await, 0);

        save_intake(&app, &p.ana.actor, ana, first_part(), false).await.unwrap();
        assert_eq!(episode_rows(t, ana).await, 1, "the first save started an episode");
        let episode: Uuid = t
            .query("SELECT episode_id FROM intakes WHERE client_id = ?", vec![ana.into()])
            .await[0]
            .try_get("", "episode_id")
            .unwrap();
        let started: Uuid = t
            .query("SELECT id FROM episodes WHERE client_id = ?", vec![ana.into()])
            .await[0]
            .try_get("", "id")
            .unwrap();
        assert_eq!(episode, started);
        assert!(intake(&app, &p.ana.actor, ana).await.unwrap().baselines.is_empty());

        // Questionnaires in the same episode: the first of each kind is the baseline.
        clock.advance(Duration::hours(1));
        let phq9_at = app.now();
        let r = submit_measure(&app, &p.ana.actor, "phq9", &answers(9, 11), None, None)
            .await
            .unwrap();
        assert_eq!((r.total, r.band.map(|b| b.as_str())), (11, Some("moderate")));
        clock.advance(Duration::days(1));
        let gad7_at = app.now();
        let r = submit_measure(&app, &p.ana.actor, "gad7", &answers(7, 7), None, None)
            .await
            .unwrap();
        assert_eq!((r.total, r.band.map(|b| b.as_str())), (7, Some("mild")));
        clock.advance(Duration::days(7));
        submit_measure(&app, &p.ana.actor, "phq9", &answers(9, 4), None, None).await.unwrap();
        submit_measure(&app, &p.ana.actor, "gad7", &answers(7, 14), None, None).await.unwrap();
        assert_eq!(episode_rows(t, ana).await, 1, "the measures joined the intake's episode");

        let expected = vec![
            Baseline { instrument: Instrument::Phq9, total: 11, band: Some(Band::Moderate), taken_at: phq9_at },
            Baseline { instrument: Instrument::Gad7, total: 7, band: Some(Band::Mild), taken_at: gad7_at },
        ];
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.baselines, expected);
        assert_eq!(view.intake.medicines, [sertraline()]);
        let view = intake(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(view.baselines, expected, "the clinician sees the same baselines");

        // The episode is closed: no current intake; the next save starts a new episode and a
        // new intake, and the old one stays with its episode.
        change(&app, &p.lena.actor, ana, "closed", "Moved away; referred on.").await.unwrap();
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view, IntakeView::default());
        clock.advance(Duration::days(60));
        let back = Intake { reason: "The low mood is back since the winter".into(), ..Intake::default() };
        assert_eq!(save_intake(&app, &p.ana.actor, ana, back.clone(), false).await.unwrap(), None);
        assert_eq!(episode_rows(t, ana).await, 2);
        assert_eq!(intake_rows(t, ana).await, 2);
        let view = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(view.intake, back);
        assert_eq!((view.updated_at, view.submitted_at), (Some(app.now()), None));
        assert!(view.baselines.is_empty(), "the old episode's questionnaires are not baselines");
        assert_eq!(
            t.count("intakes WHERE client_id = ? AND episode_id = ?", vec![ana.into(), episode.into()]).await,
            1,
            "the first intake stays with the first episode"
        );
    }

    /// Intake: the client and their care team read and write it; a clinician off the team,
    /// another client and an administrator are refused both ways, and change nothing.
    async fn only_the_client_and_their_care_team(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let sent = app.now();
        save_intake(&app, &p.ana.actor, ana, complete(), true).await.unwrap();

        // The clinician on the team reads it…
        let view = intake(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(view.intake, complete());
        assert_eq!(view.submitted_at, Some(sent));
        // …and corrects it with her in session, which keeps it sent.
        clock.advance(Duration::days(2));
        let corrected = Intake { supports: "Her sister; a neighbour".into(), ..complete() };
        assert_eq!(
            save_intake(&app, &p.lena.actor, ana, corrected.clone(), false).await.unwrap(),
            Some(sent)
        );
        assert_eq!(the_row(t, ana).await.1, id(&p.lena.actor), "the clinician wrote last");
        let before = intake(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(before.intake, corrected);

        let denied_before = t
            .count("audit_events WHERE client_id = ? AND outcome = 'denied'", vec![ana.into()])
            .await;
        clock.advance(Duration::hours(1));
        for (who, actor) in [
            ("clinician off the team", &p.kofi.actor),
            ("another client", &p.bo.actor),
            ("administrator", &p.admin.actor),
        ] {
            assert!(forbidden(intake(&app, actor, ana).await), "{who} reads");
            let overwrite = Intake { reason: "Overwritten".into(), ..complete() };
            assert!(forbidden(save_intake(&app, actor, ana, overwrite.clone(), false).await), "{who} saves");
            assert!(forbidden(save_intake(&app, actor, ana, overwrite, true).await), "{who} sends");
        }
        assert_eq!(intake_rows(t, ana).await, 1);
        assert_eq!(the_row(t, ana).await.1, id(&p.lena.actor), "nobody refused wrote");
        assert_eq!(intake(&app, &p.ana.actor, ana).await.unwrap(), before, "nothing changed");
        assert_eq!(
            t.count("audit_events WHERE client_id = ? AND outcome = 'denied'", vec![ana.into()])
                .await
                - denied_before,
            9,
            "each refusal is recorded"
        );

        // Bo's intake is his: Ana's clinician is not on his team, and Ana cannot read it.
        let bo = id(&p.bo.actor);
        save_intake(&app, &p.bo.actor, bo, Intake { reason: "Bo's story".into(), ..Intake::default() }, false)
            .await
            .unwrap();
        assert!(forbidden(intake(&app, &p.lena.actor, bo).await));
        assert!(forbidden(intake(&app, &p.ana.actor, bo).await));
        assert_eq!(intake(&app, &p.bo.actor, bo).await.unwrap().intake.reason, "Bo's story");
        assert_eq!(episode_rows(t, ana).await, 1);
    }

    /// Intake: the body is sealed at rest, bound to its row, and no audit event holds its text.
    async fn the_intake_is_sealed_at_rest(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        save_intake(&app, &p.ana.actor, ana, complete(), true).await.unwrap();

        let (row_id, _) = the_row(t, ana).await;
        let cell = t
            .texts("SELECT body FROM intakes WHERE id = ?", vec![row_id.into()])
            .await
            .remove(0)
            .unwrap();
        assert!(cell.starts_with("v1:"), "{cell}");
        for needle in NEEDLES {
            assert!(!cell.contains(needle), "{needle:?} in intakes.body");
        }
        // It opens, under its own row only, to the intake as written.
        let opened = t.db.keys().open("intakes", "body", &row_id.to_string(), &cell).unwrap();
        let stored: Intake = serde_json::from_str(&opened).unwrap();
        assert_eq!(stored, complete());
        let elsewhere = Uuid::now_v7().to_string();
        assert!(t.db.keys().open("intakes", "body", &elsewhere, &cell).is_err());

        for row in t.query("SELECT action, resource, detail FROM audit_events", vec![]).await {
            let text = format!("{row:?}");
            for needle in NEEDLES {
                assert!(!text.contains(needle), "{needle:?} in an audit event");
            }
        }
    }

    /// Intake: saves, sends, reads and refusals are in the audit log (a refused send is not),
    /// and the client sees them on their access page.
    async fn saves_sends_and_reads_are_audited(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let lena = id(&p.lena.actor);
        let kofi = id(&p.kofi.actor);

        save_intake(&app, &p.ana.actor, ana, first_part(), false).await.unwrap();
        save_intake(&app, &p.ana.actor, ana, first_part(), true).await.unwrap_err();
        save_intake(&app, &p.ana.actor, ana, complete(), true).await.unwrap();
        intake(&app, &p.lena.actor, ana).await.unwrap();
        intake(&app, &p.ana.actor, ana).await.unwrap();
        intake(&app, &p.kofi.actor, ana).await.unwrap_err();

        let rows = t
            .query(
                "SELECT action, actor_id, outcome FROM audit_events \
                 WHERE client_id = ? AND action LIKE 'intake.%' ORDER BY seq",
                vec![ana.into()],
            )
            .await;
        let events: Vec<(String, Uuid, String)> = rows
            .iter()
            .map(|r| {
                (
                    r.try_get("", "action").unwrap(),
                    r.try_get("", "actor_id").unwrap(),
                    r.try_get("", "outcome").unwrap(),
                )
            })
            .collect();
        let e = |action: &str, who: Uuid, outcome: &str| (action.to_string(), who, outcome.to_string());
        assert_eq!(
            events,
            [
                e("intake.saved", ana, "ok"),
                e("intake.submitted", ana, "ok"),
                e("intake.read", lena, "ok"),
                e("intake.read", ana, "ok"),
                e("intake.read", kofi, "denied"),
            ]
        );

        // Deciding whether to invite the client to their intake records nothing.
        let before = t.count("audit_events", vec![]).await;
        assert_eq!(own_progress(&app, &p.ana.actor).await.unwrap(), IntakeProgress::Sent);
        assert_eq!(t.count("audit_events", vec![]).await, before);

        let log = my_access_log(&app, &p.ana.actor).await.unwrap();
        let lines: Vec<_> = log.iter().map(|e| (e.who.as_str(), e.what)).collect();
        assert!(lines.contains(&("Dr Lena Okafor", "Read your intake")), "{lines:?}");
        assert!(lines.contains(&("You", "Sent your intake")), "{lines:?}");
        assert!(lines.contains(&("You", "Saved your intake")), "{lines:?}");
        let chain = rapport_app::audit_log::verify(&app, None).await.unwrap();
        assert_eq!(chain.first_broken, None);
    }

    /// Intake: a client's first intake save and first questionnaire at the same moment find
    /// or start one episode between them, as two questionnaires do.
    async fn a_first_intake_and_a_first_questionnaire_at_once_share_one_episode(t: &TestDb) {
        let (app, _clock) = t.app();
        let mut doubled = vec![];
        for n in 0..20 {
            let c = client(&app, "Client", &format!("c{n}@example.org")).await;
            let (a1, a2) = (c.actor.clone(), c.actor.clone());
            let (app1, app2) = (app.clone(), app.clone());
            let save = tokio::spawn(async move {
                save_intake(&app1, &a1, a1.user_id, first_part(), false).await
            });
            let answer = tokio::spawn(async move {
                submit_measure(&app2, &a2, "phq9", &answers(9, 4), None, None).await
            });
            save.await.unwrap().unwrap();
            answer.await.unwrap().unwrap();
            if episode_rows(t, c.actor.user_id).await != 1 {
                doubled.push(n);
            }
        }
        assert_eq!(doubled, Vec::<i32>::new(), "clients left with two open episodes");
    }
}
