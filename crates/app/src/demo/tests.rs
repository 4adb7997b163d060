use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::intake::Intake;
use rapport_core::plans::TreatmentPlan;
use rapport_store::accounts::{profiles, users};
use rapport_store::crypto::Keyring;
use rapport_store::plans::documents;
use rapport_store::{Db, DbOptions, alerts, audit, care_teams, episodes, intakes, measures};
use uuid::Uuid;

use super::clients::{PROFILES, Profile, Story};
use super::{DemoAccount, seed};
use crate::clock::ManualClock;
use crate::{App, Config};

async fn seeded(now: DateTime<Utc>) -> (tempfile::TempDir, App, Vec<DemoAccount>) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(
        &DbOptions::sqlite_file(&dir.path().join("rapport.db")),
        Keyring::ephemeral(),
    )
    .await
    .unwrap();
    let config = Config {
        demo: true,
        ..Config::default()
    };
    let app = App::new(db, Arc::new(ManualClock::new(now)), config);
    let accounts = seed(&app).await.unwrap();
    (dir, app, accounts)
}

/// The unresolved flags each story must leave: (kind, level, status).
fn expected_flags(story: Story) -> BTreeSet<(&'static str, &'static str, &'static str)> {
    let flags: &[(&str, &str, &str)] = match story {
        Story::Item9 => &[("safety", "critical", "open")],
        Story::NotOnTrack => &[("not_on_track", "medium", "open")],
        // A rise from a remission low (≤ 4) to 10 or more is always a rise of 6 or more from
        // the lowest point too.
        Story::Relapse => &[
            ("deterioration", "high", "open"),
            ("relapse", "high", "open"),
        ],
        Story::LowMood | Story::MissedMedication => &[("warning_signs", "medium", "open")],
        Story::Recovers | Story::StaysMild | Story::SlowResponse => &[],
    };
    flags.iter().copied().collect()
}

/// What the plans of the demo hold, over all clients.
#[derive(Debug, Default)]
struct Tally {
    unsent_intakes: Vec<&'static str>,
    agreed_later_versions: usize,
    unagreed_later_versions: Vec<&'static str>,
    unagreed_plans: usize,
    maintenance: usize,
    relapse_plans: usize,
}

/// The client's intake, episode, treatment plan versions and relapse-prevention plan.
async fn check_plans(app: &App, p: &Profile, client_id: Uuid, now: DateTime<Utc>, t: &mut Tally) {
    let c = app.db.conn();
    let keys = app.db.keys();
    let episode = episodes::current(c, client_id).await.unwrap().unwrap();
    // Discharged to staying well when the questionnaires became monthly, but for the two the
    // browser journeys start from (`plans::NOT_DISCHARGED`).
    let expected_state = if super::plans::discharged(p) {
        "maintenance"
    } else {
        "active"
    };
    assert_eq!(episode.state, expected_state, "{}", p.name);
    t.maintenance += usize::from(episode.state == "maintenance");

    // The intake: of the current episode, written by the client at its start.
    let row = intakes::of_episode(c, keys, episode.id)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{}: no intake", p.name));
    assert_eq!(row.updated_by, client_id, "{}", p.name);
    assert!(
        row.created_at >= episode.started_at
            && row.created_at < episode.started_at + chrono::Duration::hours(2),
        "{}: intake at {} for an episode from {}",
        p.name,
        row.created_at,
        episode.started_at
    );
    let intake: Intake = serde_json::from_str(&row.body).unwrap();
    assert!(!intake.reason.is_empty(), "{}", p.name);
    if row.submitted_at.is_none() {
        t.unsent_intakes.push(p.name);
    } else {
        assert!(intake.had_therapy.is_some() && !intake.wants.is_empty());
    }

    // The treatment plan: every version by the primary therapist, with an approach of theirs.
    let team = care_teams::team_of(c, client_id).await.unwrap();
    let therapist = team
        .iter()
        .find(|m| m.role == CareTeamRole::PrimaryTherapist.as_str())
        .unwrap()
        .clinician_id;
    let approaches = profiles::find_clinician(c, therapist)
        .await
        .unwrap()
        .unwrap()
        .approaches;
    let versions = documents::versions(c, keys, client_id, "treatment")
        .await
        .unwrap();
    assert!(!versions.is_empty(), "{}: no treatment plan", p.name);
    for (k, v) in versions.iter().enumerate() {
        assert_eq!(v.version as usize, versions.len() - k, "{}", p.name);
        assert_eq!(v.written_by, therapist, "{}", p.name);
        let plan: TreatmentPlan = serde_json::from_str(&v.body).unwrap();
        assert!(
            approaches.iter().any(|a| a == plan.approach.as_str()),
            "{}: {:?} is not among {approaches:?}",
            p.name,
            plan.approach
        );
        assert_eq!(
            plan.with_medication,
            !intake.medicines.is_empty(),
            "{}",
            p.name
        );
        assert!(v.created_at < now);
    }
    let current = &versions[0];
    let today = crate::time::local_day(now, super::practice::TIMEZONE);
    assert!(
        current.review_on.is_some_and(|d| d > today),
        "{}: review on {:?}",
        p.name,
        current.review_on
    );
    let plan: TreatmentPlan = serde_json::from_str(&current.body).unwrap();
    if episode.state == "maintenance" {
        assert_eq!(plan.frequency.as_str(), "monthly", "{}", p.name);
    }
    match (current.version > 1, current.agreed_at.is_some()) {
        (true, true) => t.agreed_later_versions += 1,
        (true, false) => t.unagreed_later_versions.push(p.name),
        (false, false) => t.unagreed_plans += 1,
        (false, true) => {}
    }
    // Earlier versions were all agreed.
    assert!(versions[1..].iter().all(|v| v.agreed_at.is_some()));

    // The relapse-prevention plan: everyone staying well, and the relapse story.
    let relapse = documents::current(c, keys, client_id, "relapse")
        .await
        .unwrap();
    if episode.state == "maintenance" || p.story == Story::Relapse {
        assert!(relapse.is_some(), "{}: no relapse-prevention plan", p.name);
    }
    // Jordan Lee writes their first one in a browser journey.
    assert_eq!(
        relapse.is_some(),
        super::plans::relapse_of(p.name).is_some() && p.name != "Jordan Lee",
        "{}",
        p.name
    );
    if let Some(r) = relapse {
        let sections: [String; 4] = serde_json::from_str(&r.body).unwrap();
        assert!(sections.iter().all(|s| !s.is_empty()), "{}", p.name);
        assert!(r.created_at < now);
        t.relapse_plans += 1;
    }
}

/// Seeds at `now` and checks what the demo must hold.
async fn check_demo(now: DateTime<Utc>) {
    let (_dir, app, accounts) = seeded(now).await;
    let c = app.db.conn();
    let keys = app.db.keys();

    assert_eq!(accounts.len(), 24);
    assert_eq!(
        accounts.iter().filter(|a| a.role == Role::Client).count(),
        20
    );

    let mut wrong = BTreeMap::new();
    let mut tally = Tally::default();
    for (a, p) in accounts
        .iter()
        .filter(|a| a.role == Role::Client)
        .zip(PROFILES.iter())
    {
        assert_eq!(a.name, p.name);
        let user = users::find_by_email(c, keys, &a.email)
            .await
            .unwrap()
            .unwrap();
        let phq9 = measures::series(c, user.id, Some("phq9"), None)
            .await
            .unwrap();
        assert!(phq9.len() >= 4, "{} has {} PHQ-9s", p.name, phq9.len());
        assert!(
            phq9.iter().all(|m| m.taken_at < now),
            "{}: a PHQ-9 after now",
            p.name
        );
        let flags = alerts::all_of(c, user.id).await.unwrap();
        let open: BTreeSet<(&str, &str, &str)> = flags
            .iter()
            .filter(|f| f.status != "resolved")
            .map(|f| (f.kind.as_str(), f.level.as_str(), f.status.as_str()))
            .collect();
        if open != expected_flags(p.story) {
            let totals: Vec<i16> = phq9.iter().map(|m| m.total).collect();
            wrong.insert(p.name, format!("{open:?}; PHQ-9 {totals:?}"));
        }
        let resolved: Vec<_> = flags.iter().filter(|f| f.status == "resolved").collect();
        if p.story == Story::SlowResponse {
            // Acknowledged and resolved by their therapist, long ago.
            assert_eq!(resolved.len(), 1, "{}", p.name);
            assert_eq!(resolved[0].kind, "not_on_track");
            assert!(resolved[0].acknowledged_at.is_some());
            assert!(resolved[0].resolved_at.unwrap() < now - chrono::Duration::days(60));
        } else {
            assert!(resolved.is_empty(), "{}: {resolved:?}", p.name);
        }
        if p.story == Story::Item9 {
            let last = phq9.last().unwrap();
            assert_eq!(last.item9, Some(1));
            assert!(last.taken_at > now - chrono::Duration::days(7));
            assert!(phq9.iter().rev().skip(1).all(|m| m.item9 == Some(0)));
        } else {
            assert!(phq9.iter().all(|m| m.item9 == Some(0)), "{}", p.name);
        }
        check_plans(&app, p, user.id, now, &mut tally).await;
    }
    assert!(wrong.is_empty(), "unexpected flags: {wrong:#?}");
    // One draft intake; plans agreed but for the newest client's and one fresh change.
    assert_eq!(tally.unsent_intakes, ["Marcus Johnson"]);
    assert!(tally.agreed_later_versions >= 2, "{tally:?}");
    assert_eq!(tally.unagreed_later_versions, ["Hiro Tanaka"]);
    assert_eq!(tally.unagreed_plans, 1, "{tally:?}");
    assert_eq!(tally.maintenance, 6);
    assert!(tally.relapse_plans >= tally.maintenance + 3, "{tally:?}");

    let v = audit::verify(&app.db).await.unwrap();
    assert_eq!(v.first_broken, None);
    assert!(v.events > 1000, "{} audit events", v.events);
}

#[tokio::test]
async fn demo_holds_a_year_of_history_with_the_expected_flags() {
    // Winter (standard time) and summer (daylight saving time) in the demo's time zone.
    check_demo(Utc.with_ymd_and_hms(2026, 2, 10, 15, 30, 0).unwrap()).await;
    check_demo(Utc.with_ymd_and_hms(2026, 8, 3, 4, 10, 0).unwrap()).await;
}
