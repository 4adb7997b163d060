use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::crypto::Keyring;
use rapport_store::{Db, DbOptions, alerts, audit, measures};

use super::clients::{PROFILES, Story};
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
    }
    assert!(wrong.is_empty(), "unexpected flags: {wrong:#?}");

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
