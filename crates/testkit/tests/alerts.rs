//! Early warning through the use-cases and the database: each row of CLINICAL.md "Early
//! warning" that is wired raises its flag from real submissions, one unresolved flag of a
//! kind per client, and the care team works the flag (inbox, acknowledge, resolve).

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use rapport_app::App;
use rapport_app::Error;
use rapport_app::alerts::{
    AlertView, RiskInput, StatusFilter, acknowledge, inbox, of_client, open_critical_count,
    record_risk_assessment, resolve,
};
use rapport_app::care_teams::{assign, caseload, end_membership};
use rapport_app::measures::{
    FlagRaised, MeasureResult, NewCheckin, client_series, result_of, submit_checkin, submit_measure,
};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::alerts::{FlagKind, FlagStatus, Level, Rule};
use rapport_core::outcomes::expected_band;
use rapport_store::checkins::{self, WarningSign};
use rapport_testkit::asserts::id;
use rapport_testkit::{Client, Staff, TestDb, assert_recent, both_backends, client, staff};
use uuid::Uuid;

/// An administrator, a clinician and her client Ana (on her team).
struct Clinic {
    admin: Staff,
    lena: Staff,
    ana: Client,
}

async fn clinic(app: &App) -> Clinic {
    let c = Clinic {
        admin: staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await,
        lena: staff(app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await,
        ana: client(app, "Ana Ruiz", "ana@example.org").await,
    };
    on_team(app, &c, &c.ana).await;
    c
}

/// Puts `who` on Lena's caseload.
async fn on_team(app: &App, c: &Clinic, who: &Client) {
    assign(
        app,
        &c.admin.actor,
        id(&who.actor),
        id(&c.lena.actor),
        CareTeamRole::PrimaryTherapist,
    )
    .await
    .unwrap();
}

/// PHQ-9 answers with item 9 = `item9` and the total `total` (items 1–8 filled in order).
fn phq9(total: u8, item9: u8) -> Vec<Option<i64>> {
    let mut rest = i64::from(total) - i64::from(item9);
    let mut answers = Vec::with_capacity(9);
    for _ in 0..8 {
        let v = rest.clamp(0, 3);
        answers.push(Some(v));
        rest -= v;
    }
    assert_eq!(rest, 0, "a PHQ-9 total of {total} does not fit");
    answers.push(Some(i64::from(item9)));
    answers
}

async fn submit_phq9(app: &App, who: &Client, total: u8, item9: u8) -> MeasureResult {
    submit_measure(app, &who.actor, "phq9", &phq9(total, item9), None, None)
        .await
        .unwrap_or_else(|e| panic!("PHQ-9 {total}: {e:?}"))
}

/// A PHQ-9 series a week apart; the flags each measure raised.
async fn phq9_weekly(
    app: &App,
    clock: &rapport_app::clock::ManualClock,
    who: &Client,
    totals: &[u8],
) -> Vec<Vec<FlagRaised>> {
    let mut out = Vec::new();
    for (i, total) in totals.iter().enumerate() {
        if i > 0 {
            clock.advance(Duration::days(7));
        }
        out.push(submit_phq9(app, who, *total, 0).await.flags);
    }
    out
}

fn raised(flags: &[FlagRaised]) -> Vec<(&str, &str)> {
    flags
        .iter()
        .map(|f| (f.kind.as_str(), f.level.as_str()))
        .collect()
}

fn checkin(mood: i64) -> NewCheckin {
    NewCheckin {
        mood: Some(mood),
        sleep_hours: Some(7.5),
        medication: Some("taken".into()),
        ..NewCheckin::default()
    }
}

fn ticking(sign: Uuid) -> NewCheckin {
    NewCheckin {
        warning_signs: vec![sign.to_string()],
        ..checkin(6)
    }
}

fn missed() -> NewCheckin {
    NewCheckin {
        medication: Some("missed".into()),
        ..checkin(6)
    }
}

/// One of the client's own warning signs (the relapse-prevention plan will own them).
async fn add_sign(t: &TestDb, app: &App, client_id: Uuid, label: &str) -> Uuid {
    let sign = WarningSign {
        id: Uuid::new_v4(),
        client_id,
        label: label.into(),
    };
    let tx = t.db.write().await.unwrap();
    checkins::add_sign(tx.conn(), tx.keys(), &sign, app.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    sign.id
}

/// A flag row as stored.
#[derive(Debug)]
struct FlagRow {
    id: Uuid,
    kind: String,
    level: String,
    status: String,
}

async fn flags_of(t: &TestDb, client_id: Uuid) -> Vec<FlagRow> {
    let sql = "SELECT id, kind, level, status FROM flags WHERE client_id = ? \
               ORDER BY opened_at, kind";
    t.query(sql, vec![client_id.into()])
        .await
        .iter()
        .map(|r| FlagRow {
            id: r.try_get("", "id").unwrap(),
            kind: r.try_get("", "kind").unwrap(),
            level: r.try_get("", "level").unwrap(),
            status: r.try_get("", "status").unwrap(),
        })
        .collect()
}

async fn evidence_count(t: &TestDb, flag_id: Uuid) -> i64 {
    t.count("flag_evidence WHERE flag_id = ?", vec![flag_id.into()])
        .await
}

/// The one flag of `kind` the client has; fails when there is not exactly one.
async fn only_flag(t: &TestDb, client_id: Uuid, kind: &str) -> FlagRow {
    let mut rows: Vec<FlagRow> = flags_of(t, client_id)
        .await
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect();
    assert_eq!(rows.len(), 1, "{kind}: {rows:?}");
    rows.remove(0)
}

fn view<'a>(views: &'a [AlertView], kind: &str) -> &'a AlertView {
    views
        .iter()
        .find(|v| v.kind.as_str() == kind)
        .unwrap_or_else(|| panic!("no {kind} flag in {views:?}"))
}

fn risk(judgement: &str) -> RiskInput {
    RiskInput {
        flag_id: None,
        ideation: "active".into(),
        plan: "vague".into(),
        intent: "some".into(),
        recent_behaviour: "none".into(),
        protective_factors: "Her daughter; her faith".into(),
        judgement: judgement.into(),
        actions: "Safety plan reviewed; call tomorrow".into(),
    }
}

both_backends! {
    // CLINICAL.md "Early warning", row "safety" (PHQ-9 item 9 ≥ 1, whatever the total;
    // critical; the clinician is notified at once) and the one-flag-per-kind sentence.
    async fn item9_raises_a_critical_safety_flag_that_leads_the_inbox(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        on_team(&app, &c, &bo).await;

        let first = submit_phq9(&app, &c.ana, 1, 1).await;
        assert_eq!(first.total, 1);
        assert_eq!(first.band.map(|b| b.as_str()), Some("minimal"));
        assert_eq!(raised(&first.flags), [("safety", "critical")]);
        let stored = result_of(&app, &c.ana.actor, first.id).await.unwrap();
        assert_eq!(stored.item9, Some(1));
        assert_eq!(raised(&stored.result.flags), [("safety", "critical")]);

        // Later, Bo's warning signs raise a medium flag: newer, but less urgent.
        let sign = add_sign(t, &app, id(&bo.actor), "Stop answering the phone").await;
        submit_checkin(&app, &bo.actor, ticking(sign), None).await.unwrap();
        clock.advance(Duration::days(1));
        let k = submit_checkin(&app, &bo.actor, ticking(sign), None).await.unwrap();
        assert_eq!(raised(&k.flags), [("warning_signs", "medium")]);

        let listed = inbox(&app, &c.lena.actor, StatusFilter::Unresolved).await.unwrap();
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_eq!(listed[0].client_id, ana);
        assert_eq!((listed[0].kind.as_str(), listed[0].level.as_str()), ("safety", "critical"));
        assert_eq!(listed[0].client_name, "Ana Ruiz");
        assert_eq!(listed[0].status.as_str(), "open");
        assert_eq!(listed[0].evidence.len(), 1);
        assert_eq!(listed[0].evidence[0].measure_id, Some(first.id));
        assert_eq!(listed[0].evidence[0].rule, Rule::SafetyItem9.id());
        assert_eq!(listed[1].client_id, id(&bo.actor));
        assert!(listed[0].last_evidence_at < listed[1].last_evidence_at);
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 1);

        let note = "Phoned Ana within the hour; she is safe tonight, plan reviewed.";
        let acked = acknowledge(&app, &c.lena.actor, listed[0].id, note).await.unwrap();
        assert_eq!(acked.status.as_str(), "acknowledged");
        assert_eq!(acked.acknowledge_note.as_deref(), Some(note));
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 0);
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        let safety = view(&chart, "safety");
        assert_eq!(safety.status.as_str(), "acknowledged");
        assert_eq!(safety.acknowledge_note.as_deref(), Some(note));
        assert_recent(safety.acknowledged_at.unwrap(), &app);

        let actions = t
            .texts(
                "SELECT action FROM audit_events WHERE client_id = ? ORDER BY seq",
                vec![ana.into()],
            )
            .await;
        let has = |a: &str| actions.iter().any(|x| x.as_deref() == Some(a));
        assert!(has("measure.submitted"), "{actions:?}");
        assert!(has("alert.acknowledged"), "{actions:?}");
        let resource = format!("flag:{}", listed[0].id);
        assert_eq!(
            t.count(
                "audit_events WHERE client_id = ? AND action = 'alert.acknowledged' \
                 AND resource = ?",
                vec![ana.into(), resource.into()],
            )
            .await,
            1
        );

        // Item 9 again: evidence on the same flag, which is open again.
        clock.advance(Duration::days(1));
        let second = submit_phq9(&app, &c.ana, 4, 2).await;
        assert_eq!(raised(&second.flags), [("safety", "critical")]);
        let row = only_flag(t, ana, "safety").await;
        assert_eq!(row.id, listed[0].id);
        assert_eq!(row.status, "open");
        assert_eq!(evidence_count(t, row.id).await, 2);
        assert_eq!(t.count("flags WHERE client_id = ?", vec![ana.into()]).await, 1);
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 1);
    }

    // CLINICAL.md "Early warning", row "safety": "or a clinician's structured risk
    // assessment judging risk high" → critical; judged low → no flag.
    async fn a_risk_assessment_judged_high_raises_the_safety_flag(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        record_risk_assessment(&app, &c.lena.actor, ana, risk("low")).await.unwrap();
        record_risk_assessment(&app, &c.lena.actor, ana, risk("moderate")).await.unwrap();
        assert!(flags_of(t, ana).await.is_empty());
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 0);
        assert_eq!(t.count("risk_assessments", vec![]).await, 2);

        clock.advance(Duration::hours(1));
        record_risk_assessment(&app, &c.lena.actor, ana, risk("high")).await.unwrap();
        let row = only_flag(t, ana, "safety").await;
        assert_eq!((row.level.as_str(), row.status.as_str()), ("critical", "open"));
        assert_eq!(evidence_count(t, row.id).await, 1);
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 1);
        let listed = inbox(&app, &c.lena.actor, StatusFilter::Open).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, row.id);
        assert_eq!(listed[0].evidence[0].measure_id, None);

        // Only the care team records assessments.
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
        assert!(matches!(
            record_risk_assessment(&app, &kofi.actor, ana, risk("high")).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            record_risk_assessment(&app, &c.ana.actor, ana, risk("low")).await,
            Err(Error::Forbidden)
        ));
        let bad = RiskInput {
            judgement: "very high".into(),
            ..risk("high")
        };
        assert!(matches!(
            record_risk_assessment(&app, &c.lena.actor, ana, bad).await,
            Err(Error::Invalid { field, .. }) if field == "judgement"
        ));
        assert_eq!(t.count("risk_assessments", vec![]).await, 3);
    }

    // The evidence's `rule` is "which rule fired (a stable code)": the measure path stores
    // core's `Rule::…id()`, so the risk-assessment path should too.
    async fn risk_assessment_evidence_names_the_core_rule(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        record_risk_assessment(&app, &c.lena.actor, ana, risk("high")).await.unwrap();
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(view(&chart, "safety").evidence[0].rule, Rule::SafetyRiskAssessment.id());
    }

    // CLINICAL.md "Early warning", row "deterioration": PHQ-9 up ≥ 6 from the baseline →
    // high; up 5 → nothing (the boundary, "Reliable … deterioration: change ≥ 6").
    async fn deterioration_is_six_points_up_from_the_baseline(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        on_team(&app, &c, &bo).await;

        let flags = phq9_weekly(&app, &clock, &c.ana, &[8, 14]).await;
        assert!(flags[0].is_empty(), "{flags:?}");
        assert_eq!(raised(&flags[1]), [("deterioration", "high")]);
        let row = only_flag(t, ana, "deterioration").await;
        assert_eq!((row.level.as_str(), row.status.as_str()), ("high", "open"));
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(
            view(&chart, "deterioration").evidence[0].rule,
            Rule::DeteriorationFromBaseline.id()
        );

        let flags = phq9_weekly(&app, &clock, &bo, &[8, 13]).await;
        assert!(flags.iter().all(Vec::is_empty), "{flags:?}");
        assert!(flags_of(t, id(&bo.actor)).await.is_empty());
    }

    // CLINICAL.md "Early warning", row "relapse" and "Relapse": 15 (a case at baseline),
    // 3, 3, 3 (below 5 on measures 14 days apart: a sustained remission), 11 (≥ 10) →
    // relapse, high. The same 11 is also 8 above the lowest point: deterioration, high.
    async fn relapse_after_remission(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        let flags = phq9_weekly(&app, &clock, &c.ana, &[15, 3, 3, 3, 11]).await;
        assert!(flags[..4].iter().all(Vec::is_empty), "{flags:?}");
        let mut last = raised(&flags[4]);
        last.sort_unstable();
        assert_eq!(last, [("deterioration", "high"), ("relapse", "high")]);
        let row = only_flag(t, ana, "relapse").await;
        assert_eq!((row.level.as_str(), row.status.as_str()), ("high", "open"));
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(view(&chart, "relapse").evidence[0].rule, Rule::Relapse.id());
    }

    // CLINICAL.md "Early warning", row "not on track", and "Expected recovery": from the
    // 3rd measure on, above the default band's edge → medium; a client who improves, none.
    async fn not_on_track_from_the_third_measure(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        on_team(&app, &c, &bo).await;

        // The default curve from 20 at n = 2: expected ≈ 16.7, edge ≈ 21.7.
        let band = expected_band(20, 2, None);
        assert!(band.is_worse(22) && !band.is_worse(21), "{band:?}");
        let flags = phq9_weekly(&app, &clock, &c.ana, &[20, 21, 22]).await;
        assert!(flags[0].is_empty() && flags[1].is_empty(), "{flags:?}");
        assert_eq!(raised(&flags[2]), [("not_on_track", "medium")]);
        let row = only_flag(t, ana, "not_on_track").await;
        assert_eq!((row.level.as_str(), row.status.as_str()), ("medium", "open"));
        assert_eq!(flags_of(t, ana).await.len(), 1);
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(
            view(&chart, "not_on_track").evidence[0].rule,
            Rule::NotOnTrackDefault.id()
        );

        let flags = phq9_weekly(&app, &clock, &bo, &[20, 17, 14, 12]).await;
        assert!(flags.iter().all(Vec::is_empty), "{flags:?}");
        assert!(flags_of(t, id(&bo.actor)).await.is_empty());
    }

    // CLINICAL.md "Early warning", row "warning signs": one of the client's own signs on 2 of
    // the last 7 days → medium; on 1 day → none; a sign that is not theirs is refused.
    async fn own_warning_signs_on_two_days_of_seven(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        on_team(&app, &c, &bo).await;
        let hide = add_sign(t, &app, ana, "Staying in bed past noon").await;
        let bos = add_sign(t, &app, id(&bo.actor), "Skipping band practice").await;

        // Ana: day 1 and day 6 (within 7), with plain check-ins between.
        let k = submit_checkin(&app, &c.ana.actor, ticking(hide), None).await.unwrap();
        assert!(k.flags.is_empty(), "{k:?}");
        for _ in 0..4 {
            clock.advance(Duration::days(1));
            let k = submit_checkin(&app, &c.ana.actor, checkin(6), None).await.unwrap();
            assert!(k.flags.is_empty(), "{k:?}");
        }
        clock.advance(Duration::days(1));
        let k = submit_checkin(&app, &c.ana.actor, ticking(hide), None).await.unwrap();
        assert_eq!(raised(&k.flags), [("warning_signs", "medium")]);
        let row = only_flag(t, ana, "warning_signs").await;
        assert_eq!((row.level.as_str(), row.status.as_str()), ("medium", "open"));
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(view(&chart, "warning_signs").evidence[0].rule, Rule::WarningSignDays.id());

        // Bo: his sign on one day only, and twice that day.
        submit_checkin(&app, &bo.actor, ticking(bos), None).await.unwrap();
        clock.advance(Duration::hours(2));
        let k = submit_checkin(&app, &bo.actor, ticking(bos), None).await.unwrap();
        assert!(k.flags.is_empty(), "{k:?}");
        clock.advance(Duration::days(1));
        let k = submit_checkin(&app, &bo.actor, checkin(5), None).await.unwrap();
        assert!(k.flags.is_empty(), "{k:?}");
        assert!(flags_of(t, id(&bo.actor)).await.is_empty());

        // Bo ticks Ana's sign: refused, nothing stored.
        let before = t.count("checkins", vec![]).await;
        let err = submit_checkin(&app, &bo.actor, ticking(hide), None).await.unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "warning_signs[0]"),
            "{err:?}"
        );
        assert_eq!(t.count("checkins", vec![]).await, before);
        assert_eq!(t.count("checkin_signs WHERE sign_id = ?", vec![hide.into()]).await, 2);
        assert!(flags_of(t, id(&bo.actor)).await.is_empty());
        // Not a sign id at all.
        let junk = NewCheckin {
            warning_signs: vec![bos.to_string(), "bed".into()],
            ..checkin(6)
        };
        let err = submit_checkin(&app, &bo.actor, junk, None).await.unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "warning_signs[1]"),
            "{err:?}"
        );
        assert_eq!(t.count("checkins", vec![]).await, before);
    }

    // CLINICAL.md "Early warning", row "warning signs": mood ≤ 3 for 3 days running → medium;
    // a 4 on the middle day breaks the run.
    async fn low_mood_three_days_running(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        on_team(&app, &c, &bo).await;

        let mut last = Vec::new();
        for (i, mood) in [3, 2, 3].into_iter().enumerate() {
            if i > 0 {
                clock.advance(Duration::days(1));
            }
            let k = submit_checkin(&app, &c.ana.actor, checkin(mood), None).await.unwrap();
            let b = [3, 4, 3][i];
            let kb = submit_checkin(&app, &bo.actor, checkin(b), None).await.unwrap();
            assert!(kb.flags.is_empty(), "Bo, day {i}: {kb:?}");
            if i < 2 {
                assert!(k.flags.is_empty(), "Ana, day {i}: {k:?}");
            }
            last = k.flags;
        }
        assert_eq!(raised(&last), [("warning_signs", "medium")]);
        only_flag(t, ana, "warning_signs").await;
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(view(&chart, "warning_signs").evidence[0].rule, Rule::LowMoodRun.id());
        assert!(flags_of(t, id(&bo.actor)).await.is_empty());
    }

    // CLINICAL.md "Early warning", row "warning signs": medication missed on ≥ 3 of the last
    // 7 days → medium (2 of 7 → none).
    async fn medication_missed_on_three_of_seven_days(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        // Days 1, 3 and 6 missed; taken on 2, 4 and 5.
        let plan = [true, false, true, false, false, true];
        let mut flags = Vec::new();
        for (i, miss) in plan.into_iter().enumerate() {
            if i > 0 {
                clock.advance(Duration::days(1));
            }
            let new = if miss { missed() } else { checkin(6) };
            flags.push(submit_checkin(&app, &c.ana.actor, new, None).await.unwrap().flags);
        }
        assert!(flags[..5].iter().all(Vec::is_empty), "{flags:?}");
        assert_eq!(raised(&flags[5]), [("warning_signs", "medium")]);
        only_flag(t, ana, "warning_signs").await;
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(
            view(&chart, "warning_signs").evidence[0].rule,
            Rule::MedicationMissed.id()
        );
    }

    // CLINICAL.md "Early warning": "one open flag of a kind per client at a time (a new
    // trigger adds evidence, not a new flag)". An acknowledged non-safety flag stays
    // acknowledged when more evidence of the same level arrives.
    async fn more_of_the_same_keeps_an_acknowledged_flag_acknowledged(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let sign = add_sign(t, &app, ana, "Not opening the post").await;

        submit_checkin(&app, &c.ana.actor, ticking(sign), None).await.unwrap();
        clock.advance(Duration::days(1));
        submit_checkin(&app, &c.ana.actor, ticking(sign), None).await.unwrap();
        let row = only_flag(t, ana, "warning_signs").await;
        let note = "Discussed at today's session; added a coping step.";
        acknowledge(&app, &c.lena.actor, row.id, note).await.unwrap();

        clock.advance(Duration::days(1));
        let k = submit_checkin(&app, &c.ana.actor, ticking(sign), None).await.unwrap();
        assert_eq!(raised(&k.flags), [("warning_signs", "medium")]);
        let after = only_flag(t, ana, "warning_signs").await;
        assert_eq!(after.id, row.id);
        assert_eq!((after.level.as_str(), after.status.as_str()), ("medium", "acknowledged"));
        assert_eq!(evidence_count(t, row.id).await, 2);
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        let v = view(&chart, "warning_signs");
        assert_recent(v.last_evidence_at, &app);
        assert_eq!(v.acknowledge_note.as_deref(), Some(note));
        assert!(inbox(&app, &c.lena.actor, StatusFilter::Open).await.unwrap().is_empty());
        assert_eq!(
            inbox(&app, &c.lena.actor, StatusFilter::Acknowledged).await.unwrap().len(),
            1
        );
    }

    // CLINICAL.md "Early warning", row "deterioration", after the clinician resolved the
    // flag: a new trigger opens a new flag; the resolved one stays resolved.
    async fn after_resolve_a_new_trigger_opens_a_new_flag(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        phq9_weekly(&app, &clock, &c.ana, &[8, 14]).await;
        let first = only_flag(t, ana, "deterioration").await;
        resolve(&app, &c.lena.actor, first.id, "Reviewed; stressor at work passed.")
            .await
            .unwrap();
        assert!(
            inbox(&app, &c.lena.actor, StatusFilter::Unresolved).await.unwrap().is_empty()
        );
        assert!(matches!(
            acknowledge(&app, &c.lena.actor, first.id, "late").await,
            Err(Error::Conflict(_))
        ));
        assert!(matches!(
            resolve(&app, &c.lena.actor, first.id, "again").await,
            Err(Error::Conflict(_))
        ));
        assert!(matches!(
            resolve(&app, &c.lena.actor, first.id, "   ").await,
            Err(Error::Invalid { field, .. }) if field == "note"
        ));

        // 15 is 7 above the baseline (and, at the 3rd measure, not on track either).
        clock.advance(Duration::days(7));
        let r = submit_phq9(&app, &c.ana, 15, 0).await;
        assert_eq!(raised(&r.flags), [("deterioration", "high"), ("not_on_track", "medium")]);
        let rows: Vec<FlagRow> = flags_of(t, ana)
            .await
            .into_iter()
            .filter(|f| f.kind == "deterioration")
            .collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!((rows[0].id, rows[0].status.as_str()), (first.id, "resolved"));
        assert_ne!(rows[1].id, first.id);
        assert_eq!((rows[1].kind.as_str(), rows[1].status.as_str()), ("deterioration", "open"));
        assert_eq!(evidence_count(t, first.id).await, 1);
        assert_eq!(evidence_count(t, rows[1].id).await, 1);
        let resolved = inbox(&app, &c.lena.actor, StatusFilter::Resolved).await.unwrap();
        assert_eq!(resolved.len(), 1);
        assert_eq!(resolved[0].id, first.id);
    }

    // CLINICAL.md "Early warning", row "safety" is about PHQ-9 item 9: a later GAD-7 (no item
    // 9) is not new evidence of risk, so it must neither add to nor reopen the flag the
    // clinician acknowledged, nor show the client a safety result.
    async fn a_gad7_does_not_reopen_the_safety_flag(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);

        submit_phq9(&app, &c.ana, 12, 1).await;
        let row = only_flag(t, ana, "safety").await;
        acknowledge(&app, &c.lena.actor, row.id, "Called; no plan or intent.").await.unwrap();

        clock.advance(Duration::days(1));
        let gad7 = submit_measure(&app, &c.ana.actor, "gad7", &[Some(1); 7], None, None)
            .await
            .unwrap();
        assert!(gad7.flags.is_empty(), "{:?}", gad7.flags);
        let after = only_flag(t, ana, "safety").await;
        assert_eq!(after.status, "acknowledged");
        assert_eq!(evidence_count(t, row.id).await, 1);
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 0);

        // Nor, once resolved, does a WHO-5 open a new safety flag from the old PHQ-9.
        resolve(&app, &c.lena.actor, row.id, "Risk assessed low twice.").await.unwrap();
        clock.advance(Duration::days(1));
        let who5 = submit_measure(&app, &c.ana.actor, "who5", &[Some(3); 5], None, None)
            .await
            .unwrap();
        assert!(who5.flags.is_empty(), "{:?}", who5.flags);
        assert_eq!(flags_of(t, ana).await.len(), 1);
    }

    // Policy: a clinician off the care team reads neither the series nor the flags, and
    // their flag does not exist for them; an administrator reads no clinical content.
    async fn only_the_care_team_sees_and_handles_flags(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
        submit_phq9(&app, &c.ana, 9, 1).await;
        let row = only_flag(t, ana, "safety").await;

        assert!(matches!(
            client_series(&app, &kofi.actor, ana, None).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(of_client(&app, &kofi.actor, ana).await, Err(Error::Forbidden)));
        assert!(matches!(
            acknowledge(&app, &kofi.actor, row.id, "Not mine").await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            resolve(&app, &kofi.actor, row.id, "Not mine").await,
            Err(Error::NotFound)
        ));
        assert!(inbox(&app, &kofi.actor, StatusFilter::Unresolved).await.unwrap().is_empty());
        assert_eq!(open_critical_count(&app, &kofi.actor).await.unwrap(), 0);

        assert!(matches!(
            client_series(&app, &c.admin.actor, ana, None).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            inbox(&app, &c.admin.actor, StatusFilter::Unresolved).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            acknowledge(&app, &c.admin.actor, row.id, "x").await,
            Err(Error::NotFound)
        ));
        // The client does not work her own flags.
        assert!(matches!(
            acknowledge(&app, &c.ana.actor, row.id, "I am fine").await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            inbox(&app, &c.ana.actor, StatusFilter::Unresolved).await,
            Err(Error::Forbidden)
        ));
        let unknown = acknowledge(&app, &c.lena.actor, Uuid::new_v4(), "x").await;
        assert!(matches!(unknown, Err(Error::NotFound)));
        assert_eq!(only_flag(t, ana, "safety").await.status, "open");
        // The team's clinician can.
        assert_eq!(client_series(&app, &c.lena.actor, ana, None).await.unwrap().len(), 1);
    }

    // A clinician sees the flags of the clients on her active teams only: one she has left
    // drops out of her inbox and the banner's count, and the one who stays sees it.
    async fn a_clinician_who_leaves_the_team_no_longer_sees_its_flags(t: &TestDb) {
        let (app, _) = t.app();
        let c = clinic(&app).await;
        let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
        let ana = id(&c.ana.actor);
        assign(&app, &c.admin.actor, ana, id(&kofi.actor), CareTeamRole::Psychiatrist)
            .await
            .unwrap();
        submit_phq9(&app, &c.ana, 1, 1).await;
        for who in [&c.lena, &kofi] {
            assert_eq!(inbox(&app, &who.actor, StatusFilter::Open).await.unwrap().len(), 1);
            assert_eq!(open_critical_count(&app, &who.actor).await.unwrap(), 1);
        }

        end_membership(&app, &c.admin.actor, ana, id(&kofi.actor)).await.unwrap();
        assert!(inbox(&app, &kofi.actor, StatusFilter::Open).await.unwrap().is_empty());
        assert_eq!(open_critical_count(&app, &kofi.actor).await.unwrap(), 0);
        assert_eq!(inbox(&app, &c.lena.actor, StatusFilter::Open).await.unwrap().len(), 1);
        assert_eq!(open_critical_count(&app, &c.lena.actor).await.unwrap(), 1);
    }

    // The caseload puts the client with a critical flag first (CLINICAL.md "Early warning",
    // row "safety": critical) and shows each client's latest PHQ-9 and band.
    async fn the_caseload_puts_the_critical_client_first(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let zoe = client(&app, "Zoe Adler", "zoe@example.org").await;
        on_team(&app, &c, &bo).await;
        on_team(&app, &c, &zoe).await;

        // Ana: a mild PHQ-9 and three low days (warning signs, medium).
        submit_phq9(&app, &c.ana, 6, 0).await;
        // Zoe: moderate, then a week later severe with item 9 (safety, and deterioration).
        submit_phq9(&app, &zoe, 14, 0).await;
        for i in 0..3 {
            if i > 0 {
                clock.advance(Duration::days(1));
            }
            submit_checkin(&app, &c.ana.actor, checkin(2), None).await.unwrap();
        }
        clock.advance(Duration::days(4));
        let last = submit_phq9(&app, &zoe, 22, 2).await;
        assert_eq!(last.band.map(|b| b.as_str()), Some("severe"));

        let list = caseload(&app, &c.lena.actor).await.unwrap();
        let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Zoe Adler", "Ana Ruiz", "Bo Lindqvist"]);
        assert_eq!(list[0].client_id, id(&zoe.actor));
        assert_eq!(list[0].latest_phq9, Some(22));
        assert_eq!(list[0].band.map(|b| b.as_str()), Some("severe"));
        assert_recent(list[0].latest_phq9_at.unwrap(), &app);
        let zoe_flags: Vec<(&str, &str)> = list[0]
            .open_flags
            .iter()
            .map(|f| (f.kind.as_str(), f.level.as_str()))
            .collect();
        assert_eq!(zoe_flags, [("safety", "critical"), ("deterioration", "high")]);
        // Each carries its alert's id: the caseload's badge opens that alert.
        let unresolved = inbox(&app, &c.lena.actor, StatusFilter::Unresolved).await.unwrap();
        for f in &list[0].open_flags {
            let alert = unresolved.iter().find(|a| a.id == f.id).expect("the flag's alert");
            assert_eq!((alert.client_id, alert.kind), (list[0].client_id, f.kind));
        }
        assert_eq!(list[1].client_id, ana);
        assert_eq!(list[1].latest_phq9, Some(6));
        assert_eq!(list[1].band.map(|b| b.as_str()), Some("mild"));
        let ana_flags: Vec<_> = list[1]
            .open_flags
            .iter()
            .map(|f| (f.kind, f.level, f.status))
            .collect();
        assert_eq!(
            ana_flags,
            [(FlagKind::WarningSigns, Level::Medium, FlagStatus::Open)]
        );
        assert_eq!(list[2].latest_phq9, None);
        assert_eq!(list[2].band, None);
        assert!(list[2].open_flags.is_empty());
    }

    // The caseload (issue 5): change since baseline with reliable change, the standing on
    // expected recovery, the last check-in and the next session; not on track ranks above a
    // medium flag; a closed episode leaves the list, a client not started yet comes last.
    async fn the_caseload_reads_change_track_check_ins_and_next_sessions(t: &TestDb) {
        use rapport_core::caseload::Track;
        use rapport_core::outcomes::Change;
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let bo = client(&app, "Bo Lindqvist", "bo@example.org").await;
        let cy = client(&app, "Cy Moreau", "cy@example.org").await;
        let di = client(&app, "Di Okoro", "di@example.org").await;
        for who in [&bo, &cy, &di] {
            on_team(&app, &c, who).await;
        }
        // Ana improves reliably; Bo does not improve (not on track from the third measure).
        phq9_weekly(&app, &clock, &c.ana, &[18, 14, 11]).await;
        phq9_weekly(&app, &clock, &bo, &[20, 21, 22]).await;
        submit_checkin(&app, &c.ana.actor, checkin(6), None).await.unwrap();
        // Cy's episode is closed; Di has none.
        submit_phq9(&app, &cy, 8, 0).await;
        rapport_app::episodes::change(&app, &c.lena.actor, id(&cy.actor), "closed", "Moved away.").await.unwrap();
        let first = (app.now() + Duration::days(2)).naive_utc();
        rapport_app::sessions::schedule(&app, &c.lena.actor, rapport_app::sessions::NewSessions {
            clients: vec![id(&c.ana.actor)],
            kind: "individual".into(),
            modality: "phone".into(),
            first: Some(first),
            minutes: Some(50),
            weeks: Some(2),
            ..Default::default()
        }).await.unwrap();

        let list = caseload(&app, &c.lena.actor).await.unwrap();
        let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Bo Lindqvist", "Ana Ruiz", "Di Okoro"], "not on track first; Cy left");
        let (b, a, d) = (&list[0], &list[1], &list[2]);
        assert_eq!(b.track, Track::NotOnTrack);
        assert_eq!(b.change, Some((2, Change::NoReliableChange)));
        assert_eq!(a.track, Track::OnTrack);
        assert_eq!(a.change, Some((-7, Change::ReliableImprovement)));
        assert_eq!(a.last_checkin, Some(app.now().date_naive()));
        assert_eq!(a.next_session.map(|t| t.naive_utc()), Some(first));
        assert_eq!(b.next_session, None);
        assert_eq!((d.episode_state, d.latest_phq9, d.track), (None, None, Track::TooEarly), "not started");
    }

    // A long episode: the baseline is older than the sparkline's points, and an earlier
    // episode's PHQ-9s count for neither.
    async fn the_caseload_takes_the_baseline_from_the_start_of_a_long_episode(t: &TestDb) {
        use rapport_core::caseload::Track;
        use rapport_core::outcomes::Change;
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        phq9_weekly(&app, &clock, &c.ana, &[4, 3]).await;
        rapport_app::episodes::change(&app, &c.lena.actor, id(&c.ana.actor), "closed", "Recovered.").await.unwrap();
        clock.advance(Duration::days(30));
        // 30 weeks: 21 at the start, then 20 weeks at 19, then down to 11.
        let totals: Vec<u8> = std::iter::once(21)
            .chain(std::iter::repeat_n(19, 20))
            .chain((11..=19).rev())
            .collect();
        assert_eq!(totals.len(), 30);
        phq9_weekly(&app, &clock, &c.ana, &totals).await;

        let list = caseload(&app, &c.lena.actor).await.unwrap();
        let a = &list[0];
        assert_eq!(a.latest_phq9, Some(11));
        assert_eq!(a.change, Some((-10, Change::ReliableImprovement)), "from 21, not 19 or 4");
        // The sparkline: the last 26 weeks, both ends included (27 weekly measures).
        assert_eq!(rapport_app::care_teams::SPARKLINE_WEEKS, 26);
        assert_eq!(a.phq9_recent[..], totals[totals.len() - 27..]);
        // Expected after 29 measures from 21: 21 − 16 · (1 − e^(−29/8)) ≈ 5.4; the edge ≈ 10.4.
        assert_eq!(a.track, Track::NotOnTrack);
    }

    // CLINICAL.md "Records and regulation" (encryption) and "Early warning" (acknowledge
    // with a note): the note is sealed in its column and comes back opened.
    async fn an_acknowledgement_note_is_sealed(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        submit_phq9(&app, &c.ana, 10, 1).await;
        let row = only_flag(t, ana, "safety").await;
        let note = "Spoke with Ana and her partner Idris; lethal means removed.";
        acknowledge(&app, &c.lena.actor, row.id, note).await.unwrap();

        let raw = t
            .texts("SELECT acknowledge_note FROM flags WHERE id = ?", vec![row.id.into()])
            .await;
        let raw = raw[0].clone().expect("a stored note");
        assert!(raw.starts_with("v1:"), "{raw}");
        assert!(!raw.contains("Idris") && !raw.contains("lethal"), "{raw}");
        let chart = of_client(&app, &c.lena.actor, ana).await.unwrap();
        assert_eq!(view(&chart, "safety").acknowledge_note.as_deref(), Some(note));

        resolve(&app, &c.lena.actor, row.id, "Idris holds the medication now.").await.unwrap();
        let raw = t
            .texts("SELECT resolve_note FROM flags WHERE id = ?", vec![row.id.into()])
            .await;
        let raw = raw[0].clone().expect("a stored note");
        assert!(raw.starts_with("v1:") && !raw.contains("Idris"), "{raw}");
    }

    // CLINICAL.md "Early warning": one open flag of a kind per client, even when two
    // check-ins that trigger it arrive at the same moment.
    async fn simultaneous_check_ins_raise_one_flag(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = id(&c.ana.actor);
        let sign = add_sign(t, &app, ana, "Drinking alone").await;
        submit_checkin(&app, &c.ana.actor, ticking(sign), None).await.unwrap();
        clock.advance(Duration::days(1));

        let a = tokio::spawn({
            let (app, actor) = (app.clone(), c.ana.actor.clone());
            async move { submit_checkin(&app, &actor, ticking(sign), None).await }
        });
        let b = tokio::spawn({
            let (app, actor) = (app.clone(), c.ana.actor.clone());
            async move { submit_checkin(&app, &actor, ticking(sign), None).await }
        });
        let (a, b) = tokio::join!(a, b);
        let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
        assert_eq!(raised(&a.flags), [("warning_signs", "medium")]);
        assert_eq!(raised(&b.flags), [("warning_signs", "medium")]);

        let unresolved = t
            .count(
                "flags WHERE client_id = ? AND kind = 'warning_signs' AND status <> 'resolved'",
                vec![ana.into()],
            )
            .await;
        assert_eq!(unresolved, 1);
        let row = only_flag(t, ana, "warning_signs").await;
        assert_eq!(evidence_count(t, row.id).await, 2);
        assert_eq!(t.count("checkins WHERE client_id = ?", vec![ana.into()]).await, 3);
    }
}
