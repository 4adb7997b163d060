//! Issue 19: a PHQ-9 submission reads the episode's kept fold of its PHQ-9 series
//! (`phq9_progress`) and the new PHQ-9s, not the client's whole history. Through the use-case
//! on both databases, after every submission the evidence stored for it (each rule with its
//! evidence) is exactly what core's rules find on the whole series, as the app read it before:
//! over long varied histories (remissions, relapses, recurrences, deterioration from the
//! baseline and from the lowest point, not on track, item 9), a closed episode whose
//! remission is carried into the next, PHQ-9s written without the use-case (the fold carries
//! on over them), two in the same second (the fold is rebuilt), and a fold that was lost.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use rapport_app::App;
use rapport_app::care_teams::assign;
use rapport_app::clock::ManualClock;
use rapport_app::measures::submit_measure;
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::alerts::{
    self as rules, CarriedRemission, ClientData, Evidence, MeasureRole, Phase, Phq9Point, Rule,
};
use rapport_core::outcomes::{Day, ScorePoint, Timestamp};
use rapport_store::{episodes, measures};
use rapport_testkit::asserts::id;
use rapport_testkit::{Client, TestDb, both_backends, client, staff};
use uuid::Uuid;

const PHQ9_RULES: [Rule; 9] = [
    Rule::SafetyItem9,
    Rule::SafetyItem9Unanswered,
    Rule::SafetyRiskAssessment,
    Rule::DeteriorationFromBaseline,
    Rule::DeteriorationFromLowest,
    Rule::Relapse,
    Rule::Recurrence,
    Rule::NotOnTrackDefault,
    Rule::NotOnTrackPractice,
];

fn ts(at: DateTime<Utc>) -> Timestamp {
    Timestamp(at.timestamp())
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// PHQ-9 answers with this total and item 9.
fn answers(total: u8, item9: u8) -> Vec<Option<i64>> {
    let mut rest = i64::from(total) - i64::from(item9);
    let mut out: Vec<Option<i64>> = (0..8)
        .map(|_| {
            let v = rest.clamp(0, 3);
            rest -= v;
            Some(v)
        })
        .collect();
    out.push(Some(i64::from(item9)));
    out
}

/// The evidence core finds for the PHQ-9 taken at `at` on the client's whole series, as the
/// app read it before the fold: every PHQ-9 of the client, the carried remission from the
/// previous closed episode's own PHQ-9s. As (rule, evidence JSON), sorted.
async fn expected(t: &TestDb, client_id: Uuid, at: DateTime<Utc>) -> Vec<(String, String)> {
    let c = t.db.conn();
    let episode = episodes::current(c, client_id).await.unwrap().unwrap();
    let all = measures::phq9_points(c, client_id).await.unwrap();
    let carried = match episodes::previous_closed(c, client_id, episode.started_at)
        .await
        .unwrap()
        .filter(|p| p.id != episode.id)
    {
        Some(p) => p.closed_at.or(p.discharged_at).and_then(|ended| {
            let points: Vec<ScorePoint> = all
                .iter()
                .filter(|(e, ..)| *e == p.id)
                .map(|(_, at, total, _)| ScorePoint {
                    at: ts(*at),
                    total: *total as u8,
                })
                .collect();
            rules::remission_at_end(&points).map(|remission| CarriedRemission {
                remission,
                ended_at: ts(ended),
            })
        }),
        None => None,
    };
    let data = ClientData {
        now: ts(at),
        today: Day(0),
        new_since: Some(ts(at)),
        episode: Some(rules::Episode {
            started_at: ts(episode.started_at),
            started_on: Day(0),
            phase: Phase::Active,
        }),
        carried_in_remission: carried,
        phq9: all
            .iter()
            .map(|(_, at, total, item9)| Phq9Point {
                at: ts(*at),
                total: Some(*total as u8),
                item9: item9.map(|v| v as u8),
            })
            .collect(),
        ..ClientData::default()
    };
    let this = ts(at);
    let mut out: Vec<(String, String)> = rules::evaluate(&data, None)
        .into_iter()
        .filter(|t| {
            PHQ9_RULES.iter().any(|r| r.id() == t.rule_id)
                && t.evidence.iter().any(|e| {
                    matches!(e, Evidence::Phq9 { role: MeasureRole::Flagged, at, .. } if *at == this)
                })
        })
        .map(|t| {
            (
                t.rule_id.to_string(),
                serde_json::to_string(&t.evidence).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The evidence stored for one measure, sorted.
async fn stored(t: &TestDb, measure_id: Uuid) -> Vec<(String, String)> {
    let rows = t
        .query(
            "SELECT rule, detail FROM flag_evidence WHERE measure_id = ?",
            vec![measure_id.into()],
        )
        .await;
    let mut out: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r.try_get_by_index::<String>(0).unwrap(),
                r.try_get_by_index::<String>(1).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Submits one PHQ-9 and checks its evidence against the whole series'; the rules that fired.
async fn submit_and_compare(
    t: &TestDb,
    app: &App,
    who: &Client,
    total: u8,
    item9: u8,
) -> BTreeSet<String> {
    let r = submit_measure(app, &who.actor, "phq9", &answers(total, item9), None, None)
        .await
        .unwrap();
    let m = measures::find(t.db.conn(), r.id).await.unwrap().unwrap();
    let want = expected(t, id(&who.actor), m.taken_at).await;
    let got = stored(t, r.id).await;
    assert_eq!(
        got, want,
        "PHQ-9 {total} (item 9 = {item9}) at {}",
        m.taken_at
    );
    got.into_iter().map(|(rule, _)| rule).collect()
}

/// Writes a PHQ-9 at the clock's time without the use-case (no rules run), as a bulk load
/// or an import would.
async fn write_directly(t: &TestDb, app: &App, who: &Client, total: u8) {
    let c = t.db.conn();
    let client_id = id(&who.actor);
    let episode = episodes::current(c, client_id).await.unwrap().unwrap();
    measures::insert(
        c,
        measures::Measure {
            id: Uuid::now_v7(),
            client_id,
            episode_id: episode.id,
            instrument: "phq9".into(),
            taken_at: app.now(),
            total: i16::from(total),
            band: None,
            prorated: false,
            item9: Some(0),
            difficulty: None,
            submitted_by: client_id,
            language: None,
        },
        &[],
    )
    .await
    .unwrap();
}

/// A total drawn in runs: below 5, 5–9, 10 or more, anything.
fn total(rng: &mut Rng, band: u64) -> u8 {
    match band {
        0 => rng.below(5) as u8,
        1 => 5 + rng.below(5) as u8,
        2 => 10 + rng.below(16) as u8,
        _ => rng.below(26) as u8,
    }
}

async fn random_history(
    t: &TestDb,
    app: &App,
    clock: &ManualClock,
    who: &Client,
    seed: u64,
    steps: usize,
) -> BTreeSet<String> {
    let mut rng = Rng(seed);
    let mut fired = BTreeSet::new();
    let mut band = 2;
    for step in 0..steps {
        if rng.below(4) == 0 {
            band = rng.below(4);
        }
        match rng.below(20) {
            0 => {}
            1 => clock.advance(Duration::seconds(1 + rng.below(3_600) as i64)),
            2 => clock.advance(Duration::days(60 + rng.below(200) as i64)),
            _ => clock.advance(Duration::days(1 + rng.below(21) as i64)),
        }
        if step % 17 == 16 {
            // Written without the rules, then judged with the next one.
            write_directly(t, app, who, total(&mut rng, band)).await;
            clock.advance(Duration::days(1));
        }
        let item9 = if rng.below(12) == 0 {
            1 + rng.below(3) as u8
        } else {
            0
        };
        let total = total(&mut rng, band).max(item9);
        fired.extend(submit_and_compare(t, app, who, total, item9).await);
    }
    fired
}

both_backends! {
    async fn the_kept_fold_raises_what_the_whole_series_does(t: &TestDb) {
        let (app, clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        let mut fired = BTreeSet::new();
        for (i, seed) in [0x9E37_79B9_7F4A_7C15u64, 0xD1B5_4A32_D192_ED03, 0x2545_F491_4F6C_DD1D].into_iter().enumerate() {
            let who = client(&app, &format!("Client {i}"), &format!("client{i}@example.org")).await;
            assign(&app, &admin.actor, id(&who.actor), id(&lena.actor), CareTeamRole::PrimaryTherapist)
                .await
                .unwrap();
            fired.extend(random_history(t, &app, &clock, &who, seed, 70).await);
            // Closed in whatever state it is in, then a new episode (its remission, if
            // sustained, carried in for a year).
            rapport_app::episodes::change(&app, &lena.actor, id(&who.actor), "closed", "Discharged.")
                .await
                .unwrap();
            clock.advance(Duration::days(30 + 100 * i as i64));
            fired.extend(random_history(t, &app, &clock, &who, seed ^ 0xABCD, 40).await);
            // A fold that was lost is rebuilt from the series.
            t.execute("DELETE FROM phq9_progress WHERE client_id = ?", vec![id(&who.actor).into()]).await;
            clock.advance(Duration::days(7));
            fired.extend(submit_and_compare(t, &app, &who, 12, 0).await);
        }
        for rule in [
            Rule::SafetyItem9,
            Rule::DeteriorationFromBaseline,
            Rule::DeteriorationFromLowest,
            Rule::Relapse,
            Rule::NotOnTrackDefault,
        ] {
            assert!(fired.contains(rule.id()), "{rule:?} never fired: {fired:?}");
        }
    }

    // CLINICAL.md "A remission carries across a closed episode": with the fold, as before.
    async fn a_carried_remission_raises_the_relapse_through_the_fold(t: &TestDb) {
        let (app, clock) = t.app();
        let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
        let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
        let ana = client(&app, "Ana Ruiz", "ana@example.org").await;
        assign(&app, &admin.actor, id(&ana.actor), id(&lena.actor), CareTeamRole::PrimaryTherapist)
            .await
            .unwrap();
        for total in [16, 4, 3, 2] {
            submit_and_compare(t, &app, &ana, total, 0).await;
            clock.advance(Duration::days(7));
        }
        rapport_app::episodes::change(&app, &lena.actor, id(&ana.actor), "closed", "Recovered.")
            .await
            .unwrap();
        // Within six months of the remission's start: a relapse (later, a recurrence).
        clock.advance(Duration::days(100));
        assert!(submit_and_compare(t, &app, &ana, 4, 0).await.is_empty());
        clock.advance(Duration::days(7));
        let fired = submit_and_compare(t, &app, &ana, 12, 0).await;
        assert!(fired.contains(Rule::Relapse.id()), "{fired:?}");
        assert_eq!(
            t.count("phq9_progress WHERE client_id = ?", vec![id(&ana.actor).into()]).await,
            2,
            "one fold per episode"
        );
    }
}
