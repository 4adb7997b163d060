//! Therapist profiles, licence checks and the public directory (issue 14), on both databases:
//! the store's repository first (save and read a profile, the latest check, who is listed and
//! the change stamp), then the use-cases and the API.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate};
use rapport_core::therapists::{
    Credential, Format, Jurisdiction, Language, Mode, Profile, Specialty, TherapyApproach,
};
use rapport_store::accounts::users;
use rapport_store::therapists::{
    Verification, directory_version, find_profile, latest_verification, listed,
    record_verification, upsert_profile,
};
use rapport_testkit::asserts::id;
use rapport_testkit::{TestDb, both_backends, practice};
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn profile() -> Profile {
    Profile {
        pronouns: Some("she/her".into()),
        gender: None,
        credentials: vec![Credential::Phd],
        years_in_practice: Some(12),
        approaches: vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal],
        formats: vec![Format::Individual],
        modes: vec![Mode::Online, Mode::InPerson],
        location: Some("Oakland, CA".into()),
        jurisdictions: vec![Jurisdiction::parse("US-CA").unwrap()],
        languages: vec![
            Language::parse("en").unwrap(),
            Language::parse("es").unwrap(),
        ],
        specialties: vec![Specialty::TreatmentResistantDepression],
        fee: Some(140),
        sliding_scale: Some(true),
        insurance: Default::default(),
        accepting_new_clients: true,
        availability: Some("Weekday evenings".into()),
        statement: Some("I help people who have tried before.".into()),
    }
    .checked()
    .unwrap()
}

fn check(clinician: Uuid, by: Uuid, on: &str, at: chrono::DateTime<chrono::Utc>) -> Verification {
    Verification {
        id: Uuid::now_v7(),
        clinician_id: clinician,
        licence_number: "PSY 12345".into(),
        issuer: "US-CA".into(),
        checked_on: day(on),
        checked_by: by,
        recorded_at: at,
    }
}

both_backends! {
    async fn the_store_keeps_profiles_checks_and_lists_only_who_may_be_found(t: &TestDb) {
        let (app, _clock) = t.app();
        let p = practice(&app).await;
        let (lena, kofi, admin) = (id(&p.lena.actor), id(&p.kofi.actor), id(&p.admin.actor));
        let c = t.db.conn();
        let now = app.now();
        let v0 = directory_version(c).await.unwrap();

        assert_eq!(find_profile(c, lena).await.unwrap(), None);
        upsert_profile(c, lena, &profile(), now).await.unwrap();
        assert_eq!(find_profile(c, lena).await.unwrap(), Some(profile()));
        let changed = Profile { fee: Some(90), ..profile() };
        upsert_profile(c, lena, &changed, now + Duration::seconds(1)).await.unwrap();
        assert_eq!(find_profile(c, lena).await.unwrap(), Some(changed.clone()));
        let v1 = directory_version(c).await.unwrap();
        assert_ne!(v0, v1);
        assert_eq!(v1.profiles, 1);

        // Not checked yet: not listed.
        assert!(listed(c, t.db.keys()).await.unwrap().is_empty());
        record_verification(c, &check(lena, admin, "2026-11-20", now)).await.unwrap();
        let later = check(lena, admin, "2026-11-25", now + Duration::minutes(1));
        record_verification(c, &later).await.unwrap();
        assert_eq!(latest_verification(c, lena).await.unwrap(), Some(later.clone()));
        assert_eq!(latest_verification(c, kofi).await.unwrap(), None);
        let v2 = directory_version(c).await.unwrap();
        assert_ne!(v1, v2);

        let l = listed(c, t.db.keys()).await.unwrap();
        assert_eq!(l.len(), 1, "one row per clinician, the latest check");
        assert_eq!(l[0].clinician_id, lena);
        assert_eq!(l[0].name, "Dr Lena Okafor");
        assert_eq!(l[0].verified_on, day("2026-11-25"));
        assert_eq!(l[0].profile, changed);

        // Kofi: checked, but not accepting; then accepting.
        let closed = Profile { accepting_new_clients: false, ..profile() };
        upsert_profile(c, kofi, &closed, now).await.unwrap();
        record_verification(c, &check(kofi, admin, "2026-11-21", now)).await.unwrap();
        assert_eq!(listed(c, t.db.keys()).await.unwrap().len(), 1);
        upsert_profile(c, kofi, &profile(), now + Duration::seconds(2)).await.unwrap();
        let l = listed(c, t.db.keys()).await.unwrap();
        assert_eq!(l.len(), 2);
        assert!(l[0].clinician_id < l[1].clinician_id, "ordered by clinician id");

        // A disabled account is never listed, and the stamp changes.
        let v3 = directory_version(c).await.unwrap();
        users::set_disabled(c, kofi, Some(now)).await.unwrap();
        assert_ne!(v3, directory_version(c).await.unwrap());
        let l = listed(c, t.db.keys()).await.unwrap();
        assert_eq!(l.iter().map(|l| l.clinician_id).collect::<Vec<_>>(), vec![lena]);
        assert_eq!(
            rapport_store::therapists::listed_one(c, t.db.keys(), kofi).await.unwrap(),
            None
        );
        assert!(rapport_store::therapists::listed_one(c, t.db.keys(), lena).await.unwrap().is_some());
    }
}
