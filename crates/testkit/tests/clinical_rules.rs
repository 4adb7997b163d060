//! The early-warning decisions of CLINICAL.md (issue 11, part 2) through the use-cases and
//! both databases: relapse after a *sustained* remission and across a closed episode, GAD-7
//! deterioration only as a target measure, item 9 left blank, low-mood runs with gap days,
//! maintenance episodes and the check-in's question about self-harm (page and API too).
//! Every test here also runs on a clock that moves on at each reading
//! (`RAPPORT_TEST_CLOCK_STEP_MS=700`).

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::App;
use rapport_app::Error;
use rapport_app::alerts::sweep;
use rapport_app::care_teams::assign;
use rapport_app::clock::ManualClock;
use rapport_app::measures::{
    FlagRaised, NewCheckin, asks_about_self_harm, submit_checkin, submit_measure,
};
use rapport_app::plans::save_treatment_plan;
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::plans::TreatmentPlanInput;
use rapport_testkit::asserts::id;
use rapport_testkit::browser::Browser;
use rapport_testkit::{Client, PASSWORD, Staff, TestDb, both_backends, client, staff};
use serde_json::json;

struct Clinic {
    admin: Staff,
    lena: Staff,
}

async fn clinic(app: &App) -> Clinic {
    Clinic {
        admin: staff(app, Role::Admin, "Sam Admin", "sam@clinic.example").await,
        lena: staff(app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await,
    }
}

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

/// Answers adding up to `total`, `items` of them (the last is PHQ-9 item 9 when `item9` is
/// given).
fn answers(items: usize, total: u8, item9: Option<u8>) -> Vec<Option<i64>> {
    let scored = if item9.is_some() { items - 1 } else { items };
    let mut rest = i64::from(total) - i64::from(item9.unwrap_or(0));
    let mut out = Vec::with_capacity(items);
    for _ in 0..scored {
        let v = rest.clamp(0, 3);
        out.push(Some(v));
        rest -= v;
    }
    assert_eq!(rest, 0, "a total of {total} does not fit");
    if let Some(i) = item9 {
        out.push(Some(i64::from(i)));
    }
    out
}

async fn phq9(app: &App, who: &Client, total: u8, item9: u8) -> Vec<FlagRaised> {
    submit_measure(
        app,
        &who.actor,
        "phq9",
        &answers(9, total, Some(item9)),
        None,
        None,
    )
    .await
    .unwrap_or_else(|e| panic!("PHQ-9 {total}: {e:?}"))
    .flags
}

async fn gad7(app: &App, who: &Client, total: u8) -> Vec<FlagRaised> {
    submit_measure(
        app,
        &who.actor,
        "gad7",
        &answers(7, total, None),
        None,
        None,
    )
    .await
    .unwrap_or_else(|e| panic!("GAD-7 {total}: {e:?}"))
    .flags
}

/// PHQ-9s a week apart (item 9 = 0); the flags of the last.
async fn weekly(app: &App, clock: &ManualClock, who: &Client, totals: &[u8]) -> Vec<FlagRaised> {
    let mut last = vec![];
    for (i, total) in totals.iter().enumerate() {
        if i > 0 {
            clock.advance(Duration::days(7));
        }
        last = phq9(app, who, *total, 0).await;
    }
    last
}

fn has(flags: &[FlagRaised], kind: &str, level: &str) -> bool {
    flags
        .iter()
        .any(|f| f.kind.as_str() == kind && f.level.as_str() == level)
}

/// The rules that added evidence to the client's flags of `kind`.
async fn rules_of(t: &TestDb, who: &Client, kind: &str) -> Vec<String> {
    t.texts(
        "SELECT e.rule FROM flag_evidence e JOIN flags f ON f.id = e.flag_id \
         WHERE f.client_id = ? AND f.kind = ? ORDER BY e.at",
        vec![id(&who.actor).into(), kind.into()],
    )
    .await
    .into_iter()
    .flatten()
    .collect()
}

fn check_in(mood: i64) -> NewCheckin {
    NewCheckin {
        mood: Some(mood),
        sleep_hours: Some(7.5),
        medication: Some("taken".into()),
        ..NewCheckin::default()
    }
}

fn plan(targets: &[String]) -> TreatmentPlanInput<'_> {
    TreatmentPlanInput {
        approach: "cbt",
        ipt_focus: "",
        with_medication: false,
        format: "individual",
        delivery: "online",
        frequency: "weekly",
        expected_sessions: Some(12),
        target_measures: targets,
        notes: "",
    }
}

both_backends! {
    // CLINICAL.md "Item 9 left unanswered: the PHQ-9 is refused (the client is asked to answer
    // it), the event is recorded, and a medium safety flag says the question about self-harm
    // was left unanswered". A later item 9 ≥ 1 raises the same open flag to critical.
    async fn item9_left_blank_is_refused_recorded_and_flagged_medium(t: &TestDb) {
        let (app, _clock) = t.app();
        let c = clinic(&app).await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        on_team(&app, &c, &ana).await;
        let mut blank = answers(9, 12, Some(0));
        blank[8] = None;
        let e = submit_measure(&app, &ana.actor, "phq9", &blank, None, None).await.unwrap_err();
        assert!(matches!(&e, Error::Invalid { field, .. } if field == "answers[8]"), "{e:?}");
        assert_eq!(t.count("measures", vec![]).await, 0, "nothing is stored");
        assert_eq!(
            t.count("audit_events WHERE action = 'measure.item9_unanswered' AND client_id = ?", vec![id(&ana.actor).into()]).await,
            1,
            "the event is recorded"
        );
        let flags = t.texts("SELECT level FROM flags WHERE client_id = ? AND kind = 'safety'", vec![id(&ana.actor).into()]).await;
        assert_eq!(flags, [Some("medium".to_string())]);
        let explanation = t.texts("SELECT explanation FROM flags WHERE client_id = ?", vec![id(&ana.actor).into()]).await;
        assert!(explanation[0].as_deref().unwrap().contains("left unanswered"), "{explanation:?}");
        assert_eq!(rules_of(t, &ana, "safety").await, ["safety_item9_unanswered"]);

        // Answered now, item 9 = 1: the same flag, now critical.
        let raised = phq9(&app, &ana, 12, 1).await;
        assert!(has(&raised, "safety", "critical"), "{raised:?}");
        let flags = t.texts("SELECT level FROM flags WHERE client_id = ? AND kind = 'safety'", vec![id(&ana.actor).into()]).await;
        assert_eq!(flags, [Some("critical".to_string())], "one safety flag, raised to critical");

        // A PHQ-9 refused for another reason with item 9 answered 0 raises nothing.
        let bob = client(&app, "Bob Lee", "bob@example.org").await;
        let mut out_of_range = answers(9, 5, Some(0));
        out_of_range[0] = Some(7);
        assert!(submit_measure(&app, &bob.actor, "phq9", &out_of_range, None, None).await.is_err());
        assert_eq!(t.count("flags WHERE client_id = ?", vec![id(&bob.actor).into()]).await, 0);
    }

    // CLINICAL.md "deterioration | … GAD-7 up ≥ 4 likewise when GAD-7 is a target measure of
    // the treatment plan | high", run after every GAD-7.
    async fn gad7_deterioration_only_when_a_target_measure(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        on_team(&app, &c, &ana).await;
        assert!(gad7(&app, &ana, 8).await.is_empty());
        clock.advance(Duration::days(7));
        let raised = gad7(&app, &ana, 13).await;
        assert!(raised.is_empty(), "GAD-7 is not a target measure yet: {raised:?}");

        let targets = ["gad7".to_string()];
        let review = (app.now() + Duration::days(60)).date_naive();
        save_treatment_plan(&app, &c.lena.actor, id(&ana.actor), 0, &plan(&targets), Some(review)).await.unwrap();
        clock.advance(Duration::days(7));
        let raised = gad7(&app, &ana, 11).await;
        assert!(raised.is_empty(), "+3 from the baseline of 8: {raised:?}");
        clock.advance(Duration::days(7));
        let raised = gad7(&app, &ana, 12).await;
        assert!(has(&raised, "deterioration", "high"), "+4 from the baseline of 8: {raised:?}");
        assert_eq!(rules_of(t, &ana, "deterioration").await, ["gad7_deterioration_from_baseline"]);
        // A PHQ-9 does not re-raise it, nor does a WHO-5.
        clock.advance(Duration::days(1));
        let raised = phq9(&app, &ana, 6, 0).await;
        assert!(raised.iter().all(|f| f.kind.as_str() != "deterioration"), "{raised:?}");
    }

    // CLINICAL.md "Remission, for relapse: sustained — PHQ-9 < 5 on measures spanning at least
    // 3 weeks (at least two measures ≥ 14 days apart)"; "The flag rises on the first such
    // measure".
    async fn relapse_needs_a_sustained_remission(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        on_team(&app, &c, &ana).await;
        // Below 5 once, then 10: not sustained, no relapse (a week: 7 days).
        let raised = weekly(&app, &clock, &ana, &[15, 4, 10]).await;
        assert!(raised.iter().all(|f| f.kind.as_str() != "relapse"), "{raised:?}");

        let bo = client(&app, "Bo Chen", "bo@example.org").await;
        on_team(&app, &c, &bo).await;
        // Below 5 at weeks 1, 2 and 3 (14 days): sustained; week 4 at 10 is the relapse.
        let raised = weekly(&app, &clock, &bo, &[15, 4, 3, 2, 10]).await;
        assert!(has(&raised, "relapse", "high"), "{raised:?}");
        assert_eq!(rules_of(t, &bo, "relapse").await, ["relapse"]);
    }

    // CLINICAL.md "A remission carries across a closed episode: a client discharged in
    // remission whose PHQ-9 returns to ≥ 10 within 12 months raises the relapse flag in the
    // new episode."
    async fn relapse_across_a_closed_episode_within_12_months(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let bo = client(&app, "Bo Chen", "bo@example.org").await;
        for who in [&ana, &bo] {
            on_team(&app, &c, who).await;
            weekly(&app, &clock, who, &[16, 4, 3, 2]).await;
            rapport_app::episodes::change(&app, &c.lena.actor, id(&who.actor), "closed", "Recovered; discharged.").await.unwrap();
        }
        // Ana comes back 11 months later at 12: relapse, in her new episode.
        clock.advance(Duration::days(335));
        let raised = phq9(&app, &ana, 12, 0).await;
        assert!(has(&raised, "relapse", "high"), "{raised:?}");
        let episodes = t.count("episodes WHERE client_id = ?", vec![id(&ana.actor).into()]).await;
        assert_eq!(episodes, 2, "a new episode");
        // Bo comes back 13 months after discharge: the remission has lapsed; 12 is a baseline.
        clock.advance(Duration::days(60));
        let raised = phq9(&app, &bo, 12, 0).await;
        assert!(raised.iter().all(|f| f.kind.as_str() != "relapse"), "{raised:?}");
    }

    // CLINICAL.md "no check-in for 14 days in an *active* episode (a maintenance episode is
    // watched by its monthly PHQ-9 only)".
    async fn maintenance_is_watched_by_its_phq9_not_by_check_ins(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let bo = client(&app, "Bo Chen", "bo@example.org").await;
        for who in [&ana, &bo] {
            on_team(&app, &c, who).await;
            phq9(&app, who, 4, 0).await;
            submit_checkin(&app, &who.actor, check_in(6), None).await.unwrap();
        }
        rapport_app::episodes::change(&app, &c.lena.actor, id(&bo.actor), "maintenance", "In remission; monthly PHQ-9.").await.unwrap();
        clock.advance(Duration::days(15));
        sweep(&app).await.unwrap();
        assert!(rules_of(t, &ana, "disengagement").await.contains(&"no_check_in".to_string()));
        assert_eq!(rules_of(t, &bo, "disengagement").await, Vec::<String>::new(), "maintenance");
    }

    // CLINICAL.md "mood ≤ 3 on 3 consecutive check-ins within 5 days (a day without a check-in
    // does not break the run)".
    async fn low_mood_run_over_a_gap_day_within_5_days(t: &TestDb) {
        let (app, clock) = t.app();
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let bo = client(&app, "Bo Chen", "bo@example.org").await;
        // Ana: days 0, 1, 3 (day 2 without a check-in): the third raises the flag.
        // Bo: days 0, 3, 5: three low check-ins in a row over 6 days: no flag.
        let mut ana_flags = vec![];
        let mut bo_flags = vec![];
        for day in 0..=5 {
            if [0, 1, 3].contains(&day) {
                ana_flags = submit_checkin(&app, &ana.actor, check_in(2), None).await.unwrap().flags;
            }
            if [0, 3, 5].contains(&day) {
                bo_flags = submit_checkin(&app, &bo.actor, check_in(2), None).await.unwrap().flags;
            }
            if day == 3 {
                assert!(has(&ana_flags, "warning_signs", "medium"), "{ana_flags:?}");
            }
            clock.advance(Duration::days(1));
        }
        assert!(bo_flags.is_empty(), "{bo_flags:?}");
        assert_eq!(rules_of(t, &ana, "warning_signs").await, ["low_mood_run"]);
    }

    // CLINICAL.md: the check-in asks "Have you had thoughts that you would be better off
    // dead, or of hurting yourself, today?" (yes / no / skip) while the client's last PHQ-9
    // item 9 was ≥ 1 or a safety flag was raised in the last 90 days; "yes" is the same as
    // item 9 ≥ 1.
    async fn the_check_in_asks_about_self_harm_while_at_risk(t: &TestDb) {
        let (app, clock) = t.app();
        let c = clinic(&app).await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        on_team(&app, &c, &ana).await;
        assert!(!asks_about_self_harm(&app, &ana.actor).await.unwrap(), "no PHQ-9, no flag");
        phq9(&app, &ana, 8, 0).await;
        assert!(!asks_about_self_harm(&app, &ana.actor).await.unwrap(), "item 9 = 0");
        clock.advance(Duration::days(7));
        phq9(&app, &ana, 9, 1).await;
        assert!(asks_about_self_harm(&app, &ana.actor).await.unwrap(), "item 9 = 1");
        // Item 9 back at 0: still asked while the safety flag is 90 days old or less.
        clock.advance(Duration::days(30));
        phq9(&app, &ana, 6, 0).await;
        assert!(asks_about_self_harm(&app, &ana.actor).await.unwrap(), "a safety flag 30 days ago");
        clock.advance(Duration::days(61));
        assert!(!asks_about_self_harm(&app, &ana.actor).await.unwrap(), "91 days after the flag");

        // "No" and "skip" are stored and raise nothing; "yes" raises the critical flag.
        let answer = |word: &str| NewCheckin { self_harm: Some(word.into()), ..check_in(6) };
        let k = submit_checkin(&app, &ana.actor, answer("no"), None).await.unwrap();
        assert!(k.flags.is_empty(), "{:?}", k.flags);
        clock.advance(Duration::days(1));
        let k = submit_checkin(&app, &ana.actor, answer("yes"), None).await.unwrap();
        assert!(has(&k.flags, "safety", "critical"), "{:?}", k.flags);
        assert!(rules_of(t, &ana, "safety").await.contains(&"safety_self_harm_check_in".to_string()));
        let stored = t.texts("SELECT self_harm FROM checkins WHERE client_id = ? ORDER BY day", vec![id(&ana.actor).into()]).await;
        assert_eq!(stored, [Some("no".to_string()), Some("yes".to_string())]);
        assert!(asks_about_self_harm(&app, &ana.actor).await.unwrap(), "asked again after the flag");
        let e = submit_checkin(&app, &ana.actor, answer("maybe"), None).await.unwrap_err();
        assert!(matches!(&e, Error::Invalid { field, .. } if field == "self_harm"), "{e:?}");
    }

    // The page shows the question only while it should be asked, the answer is optional, and
    // "yes" shows the crisis resources at once; the API takes `self_harm` and answers "yes"
    // with the crisis lines.
    async fn the_check_in_page_and_api_ask_about_self_harm(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        let r = b.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let page = b.get("/checkin").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("name=\"self_harm\""), "not asked without a reason");

        phq9(&app, &ana, 9, 1).await;
        let page = b.get("/checkin").await;
        assert!(page.body.contains("better off dead, or of hurting yourself, today?"));
        assert!(page.body.contains("name=\"self_harm\" value=\"skip\""));
        // Unanswered is fine.
        let r = b.submit("/checkin", "/checkin", &[("mood", "5"), ("sleep_hours", "7"), ("medication", "taken")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/home?done=checkin"));
        // "Yes": the crisis resources at once.
        let r = b.submit("/checkin", "/checkin", &[("mood", "3"), ("sleep_hours", "7"), ("medication", "taken"), ("self_harm", "yes")]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("tel:988") && r.body.contains("Your check-in is saved"), "{}", r.body);

        // The API.
        let login = b.api("POST", "/api/v1/auth/login", None, Some(json!({"email": "ana@example.org", "password": PASSWORD}))).await;
        let token = login.json()["token"].as_str().unwrap().to_string();
        let k = b.api("POST", "/api/v1/checkins", Some(&token), Some(json!({"mood": 4, "sleep_hours": 6.5, "medication": "taken", "self_harm": "no"}))).await;
        assert_eq!(k.status, StatusCode::CREATED, "{}", k.body);
        assert_eq!(k.json()["crisis"], json!([]));
        let k = b.api("POST", "/api/v1/checkins", Some(&token), Some(json!({"mood": 4, "sleep_hours": 6.5, "medication": "taken", "self_harm": "yes"}))).await;
        assert_eq!(k.status, StatusCode::CREATED, "{}", k.body);
        let v = k.json();
        assert!(v["flags"].as_array().unwrap().contains(&json!({"kind": "safety", "level": "critical"})), "{v}");
        assert!(v["crisis"].as_array().unwrap().iter().any(|l| l["href"] == "tel:988"), "{v}");
        let bad = b.api("POST", "/api/v1/checkins", Some(&token), Some(json!({"mood": 4, "sleep_hours": 6.5, "medication": "taken", "self_harm": "perhaps"}))).await;
        assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("self_harm")));
    }
}
