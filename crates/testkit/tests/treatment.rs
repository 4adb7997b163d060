//! The treatment plan and the relapse-prevention plan through the use-cases and the database:
//! the clinician on the care team writes the treatment plan and only the client agrees to it,
//! each version agreed on its own; the relapse-prevention plan is written by the client or
//! their care team; both are versioned without lost updates, sealed at rest, and audited.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate};
use rapport_app::Error;
use rapport_app::audit_log::my_access_log;
use rapport_app::plans::{
    agree_treatment_plan, own_plan_to_agree, relapse_plan, save_relapse_plan, save_treatment_plan,
    treatment_plans,
};
use rapport_core::measures::Instrument;
use rapport_core::plans::approach::{Approach, Delivery, Format, Frequency, IptFocus};
use rapport_core::plans::{TreatmentPlan, TreatmentPlanInput};
use rapport_testkit::asserts::{conflict, forbidden, id, invalid_field};
use rapport_testkit::{TestDb, both_backends, practice, start_time};
use uuid::Uuid;

/// Agreed in plain words beside the plan (sealed with it).
const NOTES: &str = "Focus on the move to the Pellingham office; review with Ysolde";

/// A relapse-prevention plan whose every part is distinctive.
const RELAPSE: [&str; 4] = [
    "The anniversary of the Wexcombe redundancy in March",
    "Morning walks along the Brackenfold canal",
    "My cousin Ysolde Tarrant, 555-0173",
    "Two weeks of waking at 4am, or a PHQ-9 of 10 or more",
];

/// The parts of [`NOTES`] and [`RELAPSE`] no other table holds.
const NEEDLES: [&str; 6] = [
    "Pellingham",
    "Wexcombe",
    "Brackenfold",
    "Ysolde",
    "555-0173",
    "waking at 4am",
];

fn day(days: i64) -> NaiveDate {
    (start_time() + Duration::days(days)).date_naive()
}

fn sections(texts: [&str; 4]) -> [String; 4] {
    texts.map(str::to_string)
}

/// Interpersonal therapy on role transitions, weekly, online, 16 sessions, with the GAD-7.
fn ipt(target_measures: &[String]) -> TreatmentPlanInput<'_> {
    TreatmentPlanInput {
        approach: "interpersonal",
        ipt_focus: "role_transitions",
        with_medication: true,
        format: "individual",
        delivery: "online",
        frequency: "weekly",
        expected_sessions: Some(16),
        target_measures,
        notes: NOTES,
    }
}

/// [`ipt`] as it is stored and read back.
fn ipt_plan() -> TreatmentPlan {
    TreatmentPlan {
        approach: Approach::Interpersonal,
        ipt_focus: Some(IptFocus::RoleTransitions),
        with_medication: true,
        format: Format::Individual,
        delivery: Delivery::Online,
        frequency: Frequency::Weekly,
        expected_sessions: 16,
        target_measures: vec![Instrument::Phq9, Instrument::Gad7],
        notes: NOTES.to_string(),
    }
}

async fn versions_of(t: &TestDb, client_id: Uuid, kind: &str) -> i64 {
    t.count(
        "plan_versions WHERE client_id = ? AND kind = ?",
        vec![client_id.into(), kind.into()],
    )
    .await
}

both_backends! {
    /// Treatment plan: the clinician writes version 1, the client agrees to it; version 2 needs
    /// agreeing again, version 1 no longer can be; a save from a stale version is refused.
    async fn each_version_of_the_treatment_plan_is_agreed_on_its_own(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let gad = ["gad7".to_string()];

        assert!(treatment_plans(&app, &p.ana.actor, ana).await.unwrap().is_empty());
        assert!(!own_plan_to_agree(&app, &p.ana.actor).await.unwrap(), "no plan to agree to");
        assert!(matches!(
            agree_treatment_plan(&app, &p.ana.actor, ana, 1).await,
            Err(Error::NotFound)
        ));

        // Bad input names the field to fix, and stores nothing.
        let no_focus = TreatmentPlanInput { ipt_focus: "", ..ipt(&gad) };
        assert_eq!(
            invalid_field(save_treatment_plan(&app, &p.lena.actor, ana, 0, &no_focus, Some(day(28))).await),
            "ipt_focus"
        );
        assert_eq!(
            invalid_field(save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), Some(day(-2))).await),
            "review_on",
            "a review date in the past"
        );
        assert_eq!(
            invalid_field(save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), None).await),
            "review_on",
            "no review date"
        );
        assert_eq!(versions_of(t, ana, "treatment").await, 0);

        // Version 1.
        clock.advance(Duration::minutes(5));
        let written = app.now();
        assert_eq!(
            save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), Some(day(28))).await.unwrap(),
            1
        );
        let list = treatment_plans(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(list.len(), 1);
        let v1 = &list[0];
        assert_eq!(v1.version, 1);
        assert_eq!(v1.plan, ipt_plan());
        assert_eq!(v1.review_on, Some(day(28)));
        assert_eq!(v1.written_by, "Dr Lena Okafor");
        assert_eq!(v1.written_at, written);
        assert_eq!(v1.agreed_at, None);
        let list = treatment_plans(&app, &p.lena.actor, ana).await.unwrap();
        assert_eq!(list[0].written_by, "you");
        assert!(own_plan_to_agree(&app, &p.ana.actor).await.unwrap(), "version 1 waits for Ana");
        assert!(!own_plan_to_agree(&app, &p.bo.actor).await.unwrap(), "not for Bo");

        // Ana agrees to it; agreeing again changes nothing.
        clock.advance(Duration::hours(1));
        let agreed_1 = app.now();
        agree_treatment_plan(&app, &p.ana.actor, ana, 1).await.unwrap();
        clock.advance(Duration::minutes(1));
        agree_treatment_plan(&app, &p.ana.actor, ana, 1).await.unwrap();
        let list = treatment_plans(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!(list[0].agreed_at, Some(agreed_1));
        assert!(!own_plan_to_agree(&app, &p.ana.actor).await.unwrap(), "agreed");
        let by: Option<Uuid> = t
            .query("SELECT agreed_by FROM plan_versions WHERE version = 1", vec![])
            .await[0]
            .try_get("", "agreed_by")
            .unwrap();
        assert_eq!(by, Some(ana));
        assert_eq!(
            t.count("audit_events WHERE action = 'treatment_plan.agreed'", vec![]).await,
            1,
            "agreeing twice is one agreement"
        );

        // Version 2 a week later, fortnightly now: not agreed yet.
        clock.advance(Duration::days(7));
        let written_2 = app.now();
        let fortnightly = TreatmentPlanInput {
            frequency: "fortnightly",
            expected_sessions: Some(12),
            ..ipt(&gad)
        };
        assert_eq!(
            save_treatment_plan(&app, &p.lena.actor, ana, 1, &fortnightly, Some(day(56))).await.unwrap(),
            2
        );
        let list = treatment_plans(&app, &p.ana.actor, ana).await.unwrap();
        let versions: Vec<_> = list.iter().map(|v| v.version).collect();
        assert_eq!(versions, [2, 1], "newest first");
        assert_eq!(list[0].agreed_at, None, "a new version needs agreeing again");
        assert_eq!(list[1].agreed_at, Some(agreed_1));
        assert!(own_plan_to_agree(&app, &p.ana.actor).await.unwrap(), "version 2 waits for Ana");

        // Version 1 is no longer the plan in force; version 2 can be agreed.
        assert!(conflict(agree_treatment_plan(&app, &p.ana.actor, ana, 1).await));
        assert!(conflict(agree_treatment_plan(&app, &p.ana.actor, ana, 3).await));
        assert_eq!(treatment_plans(&app, &p.ana.actor, ana).await.unwrap()[0].agreed_at, None);
        clock.advance(Duration::hours(2));
        let agreed_2 = app.now();
        agree_treatment_plan(&app, &p.ana.actor, ana, 2).await.unwrap();
        assert!(!own_plan_to_agree(&app, &p.ana.actor).await.unwrap());

        // A save from version 1 (or from nothing) when 2 exists is refused.
        let monthly = TreatmentPlanInput { frequency: "monthly", ..ipt(&gad) };
        assert!(conflict(save_treatment_plan(&app, &p.lena.actor, ana, 1, &monthly, Some(day(90))).await));
        assert!(conflict(save_treatment_plan(&app, &p.lena.actor, ana, 0, &monthly, Some(day(90))).await));
        assert_eq!(versions_of(t, ana, "treatment").await, 2);

        let list = treatment_plans(&app, &p.ana.actor, ana).await.unwrap();
        let seen: Vec<_> = list
            .iter()
            .map(|v| (v.version, v.plan.frequency, v.plan.expected_sessions, v.review_on, v.written_at, v.agreed_at))
            .collect();
        assert_eq!(
            seen,
            [
                (2, Frequency::Fortnightly, 12, Some(day(56)), written_2, Some(agreed_2)),
                (1, Frequency::Weekly, 16, Some(day(28)), written, Some(agreed_1)),
            ]
        );
    }

    /// Treatment plan: only a clinician on the care team writes it and only the client agrees;
    /// nobody else reads or writes it.
    async fn only_the_care_team_writes_and_only_the_client_agrees(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let gad = ["gad7".to_string()];

        assert!(
            forbidden(save_treatment_plan(&app, &p.ana.actor, ana, 0, &ipt(&gad), Some(day(28))).await),
            "the client does not write the treatment plan"
        );
        assert_eq!(versions_of(t, ana, "treatment").await, 0);
        save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), Some(day(28))).await.unwrap();
        assert!(
            forbidden(agree_treatment_plan(&app, &p.lena.actor, ana, 1).await),
            "the clinician does not agree for the client"
        );
        assert!(
            forbidden(save_treatment_plan(&app, &p.ana.actor, ana, 1, &ipt(&gad), Some(day(28))).await),
            "nor does the client write a next version"
        );

        for (who, actor) in [
            ("clinician off the team", &p.kofi.actor),
            ("administrator", &p.admin.actor),
            ("another client", &p.bo.actor),
        ] {
            assert!(forbidden(treatment_plans(&app, actor, ana).await), "{who} reads");
            assert!(
                forbidden(save_treatment_plan(&app, actor, ana, 1, &ipt(&gad), Some(day(28))).await),
                "{who} writes"
            );
            assert!(forbidden(agree_treatment_plan(&app, actor, ana, 1).await), "{who} agrees");
        }
        assert_eq!(versions_of(t, ana, "treatment").await, 1, "no refused save stored anything");
        assert_eq!(
            t.count("plan_versions WHERE agreed_at IS NOT NULL OR agreed_by IS NOT NULL", vec![]).await,
            0,
            "no refused agreement stored anything"
        );
        let list = treatment_plans(&app, &p.ana.actor, ana).await.unwrap();
        assert_eq!((list.len(), list[0].agreed_at), (1, None));
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action LIKE 'treatment_plan.%' AND outcome = 'denied'",
                vec![ana.into()],
            )
            .await,
            3 + 9,
            "each refusal is recorded"
        );

        // Ana's clinician is not on Bo's team.
        let bo = id(&p.bo.actor);
        assert!(forbidden(save_treatment_plan(&app, &p.lena.actor, bo, 0, &ipt(&gad), Some(day(28))).await));
        assert!(forbidden(treatment_plans(&app, &p.lena.actor, bo).await));
        assert!(treatment_plans(&app, &p.bo.actor, bo).await.unwrap().is_empty());
    }

    /// Relapse-prevention plan: four parts, written by the client or their care team, each
    /// save a new version after the one its writer saw; nobody else reads or writes it.
    async fn the_relapse_prevention_plan_is_versioned_and_kept_to_the_care_team(t: &TestDb) {
        let (app, clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        assert_eq!(relapse_plan(&app, &p.ana.actor, ana).await.unwrap(), None);

        let empty: [String; 4] = Default::default();
        assert_eq!(invalid_field(save_relapse_plan(&app, &p.ana.actor, ana, 0, empty).await), "triggers");
        let blank = sections([" ", "\n", "\t", ""]);
        assert_eq!(invalid_field(save_relapse_plan(&app, &p.ana.actor, ana, 0, blank).await), "triggers");
        assert_eq!(versions_of(t, ana, "relapse").await, 0);

        // Version 1 by Ana, with untidy spaces.
        let written = app.now();
        let mut untidy = sections(RELAPSE);
        untidy[0] = format!("  {}\n", RELAPSE[0]);
        assert_eq!(save_relapse_plan(&app, &p.ana.actor, ana, 0, untidy).await.unwrap(), 1);
        let plan = relapse_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!((plan.version, plan.written_by.as_str(), plan.updated_at), (1, "you", written));
        let keys: Vec<_> = plan.steps.iter().map(|(s, _)| s.key).collect();
        assert_eq!(keys, ["triggers", "what_helps", "contacts", "booster"]);
        let texts: Vec<_> = plan.steps.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, RELAPSE, "trimmed");
        let plan = relapse_plan(&app, &p.lena.actor, ana).await.unwrap().unwrap();
        assert_eq!(plan.written_by, "Ana Ruiz");

        // Version 2 by her clinician, with her in session.
        clock.advance(Duration::days(3));
        let revised_at = app.now();
        let mut revised = sections(RELAPSE);
        revised[3] = "Ask Dr Okafor for a booster after a week of poor sleep".into();
        assert_eq!(save_relapse_plan(&app, &p.lena.actor, ana, 1, revised.clone()).await.unwrap(), 2);

        // Ana's save from version 1 is refused, and version 2 stays.
        assert!(conflict(save_relapse_plan(&app, &p.ana.actor, ana, 1, sections(RELAPSE)).await));
        assert!(conflict(save_relapse_plan(&app, &p.ana.actor, ana, 0, sections(RELAPSE)).await));
        assert_eq!(versions_of(t, ana, "relapse").await, 2);
        let plan = relapse_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap();
        assert_eq!((plan.version, plan.written_by.as_str(), plan.updated_at), (2, "Dr Lena Okafor", revised_at));
        let texts: Vec<_> = plan.steps.iter().map(|(_, s)| s.clone()).collect();
        assert_eq!(texts, revised);
        let plan = relapse_plan(&app, &p.lena.actor, ana).await.unwrap().unwrap();
        assert_eq!((plan.version, plan.written_by.as_str()), (2, "you"));

        for (who, actor) in [
            ("clinician off the team", &p.kofi.actor),
            ("administrator", &p.admin.actor),
            ("another client", &p.bo.actor),
        ] {
            assert!(forbidden(relapse_plan(&app, actor, ana).await), "{who} reads");
            assert!(forbidden(save_relapse_plan(&app, actor, ana, 2, sections(RELAPSE)).await), "{who} writes");
        }
        assert_eq!(versions_of(t, ana, "relapse").await, 2, "no refused save stored anything");
        assert_eq!(relapse_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap().version, 2);

        // The plans are numbered each on their own: the first treatment plan is version 1.
        let gad = ["gad7".to_string()];
        assert_eq!(
            save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), Some(day(28))).await.unwrap(),
            1
        );
        assert_eq!(relapse_plan(&app, &p.ana.actor, ana).await.unwrap().unwrap().version, 2);
        assert_eq!(relapse_plan(&app, &p.bo.actor, id(&p.bo.actor)).await.unwrap(), None);
    }

    /// Both plans: the body of every version is sealed at rest and bound to its row; no
    /// audit event holds the text.
    async fn both_plans_are_sealed_at_rest(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let gad = ["gad7".to_string()];
        save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), Some(day(28))).await.unwrap();
        save_relapse_plan(&app, &p.ana.actor, ana, 0, sections(RELAPSE)).await.unwrap();

        let rows = t
            .query("SELECT id, kind, body FROM plan_versions ORDER BY kind", vec![])
            .await;
        let kinds: Vec<String> = rows.iter().map(|r| r.try_get("", "kind").unwrap()).collect();
        assert_eq!(kinds, ["relapse", "treatment"]);
        for row in &rows {
            let row_id: Uuid = row.try_get("", "id").unwrap();
            let kind: String = row.try_get("", "kind").unwrap();
            let cell: String = row.try_get("", "body").unwrap();
            assert!(cell.starts_with("v1:"), "{kind}: {cell}");
            for needle in NEEDLES {
                assert!(!cell.contains(needle), "{needle:?} in the {kind} plan's body");
            }
            let opened = t.db.keys().open("plan_versions", "body", &row_id.to_string(), &cell).unwrap();
            if kind == "treatment" {
                let plan: TreatmentPlan = serde_json::from_str(&opened).unwrap();
                assert_eq!(plan, ipt_plan());
            } else {
                let texts: [String; 4] = serde_json::from_str(&opened).unwrap();
                assert_eq!(texts, sections(RELAPSE));
            }
            let elsewhere = Uuid::now_v7().to_string();
            assert!(t.db.keys().open("plan_versions", "body", &elsewhere, &cell).is_err());
        }
        for row in t.query("SELECT action, resource, detail FROM audit_events", vec![]).await {
            let text = format!("{row:?}");
            for needle in NEEDLES {
                assert!(!text.contains(needle), "{needle:?} in an audit event");
            }
        }
    }

    /// Both plans: every read, save and agreement is in the audit log with its version, and
    /// the client sees them on their access page.
    async fn reads_saves_and_agreements_are_audited(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let ana = id(&p.ana.actor);
        let lena = id(&p.lena.actor);
        let gad = ["gad7".to_string()];
        save_treatment_plan(&app, &p.lena.actor, ana, 0, &ipt(&gad), Some(day(28))).await.unwrap();
        treatment_plans(&app, &p.ana.actor, ana).await.unwrap();
        agree_treatment_plan(&app, &p.ana.actor, ana, 1).await.unwrap();
        save_relapse_plan(&app, &p.ana.actor, ana, 0, sections(RELAPSE)).await.unwrap();
        relapse_plan(&app, &p.lena.actor, ana).await.unwrap();
        save_relapse_plan(&app, &p.lena.actor, ana, 1, sections(RELAPSE)).await.unwrap();

        let rows = t
            .query(
                "SELECT action, actor_id, resource, outcome FROM audit_events \
                 WHERE client_id = ? AND (action LIKE 'treatment_plan.%' OR action LIKE 'relapse_plan.%') \
                 ORDER BY seq",
                vec![ana.into()],
            )
            .await;
        let events: Vec<(String, Uuid, Option<String>, String)> = rows
            .iter()
            .map(|r| {
                (
                    r.try_get("", "action").unwrap(),
                    r.try_get("", "actor_id").unwrap(),
                    r.try_get("", "resource").unwrap(),
                    r.try_get("", "outcome").unwrap(),
                )
            })
            .collect();
        let e = |action: &str, who: Uuid, resource: Option<&str>| {
            (action.to_string(), who, resource.map(str::to_string), "ok".to_string())
        };
        assert_eq!(
            events,
            [
                e("treatment_plan.saved", lena, Some("treatment_plan:v1")),
                e("treatment_plan.read", ana, None),
                e("treatment_plan.agreed", ana, Some("treatment_plan:v1")),
                e("relapse_plan.saved", ana, Some("relapse_plan:v1")),
                e("relapse_plan.read", lena, None),
                e("relapse_plan.saved", lena, Some("relapse_plan:v2")),
            ]
        );

        let log = my_access_log(&app, &p.ana.actor).await.unwrap();
        let lines: Vec<_> = log.iter().map(|e| (e.who.as_str(), e.what)).collect();
        for line in [
            ("Dr Lena Okafor", "Changed your treatment plan"),
            ("You", "Agreed to the treatment plan"),
            ("Dr Lena Okafor", "Looked at your plan for staying well"),
            ("Dr Lena Okafor", "Changed your plan for staying well"),
        ] {
            assert!(lines.contains(&line), "{line:?} in {lines:?}");
        }
        let chain = rapport_app::audit_log::verify(&app, None).await.unwrap();
        assert_eq!(chain.first_broken, None);
    }
}
