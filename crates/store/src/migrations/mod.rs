//! One set of migrations, written in Rust, for SQLite and PostgreSQL alike. Portable schema:
//! UUIDv7 ids, UTC timestamps, enums as strings, no JSON columns or arrays.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_care_team_unique;
mod m0003_measurement;
mod m0004_safety_plans;
mod m0005_recommendations;
mod m0006_episode_events;
mod m0007_goals;
mod m0008_intake_and_plans;
mod m0009_sessions;
mod m0010_covering_totals;
mod m0011_triage;
mod m0012_throttle_refused;
mod m0013_idempotency_body_hash;
mod m0014_checkin_self_harm;
mod m0015_session_requests;
mod m0016_homework;
mod m0017_therapist_profiles;
mod m0018_consultations;
mod m0019_family;
mod m0020_observations;
mod m0021_groups;
mod m0022_notifications;
mod m0023_jobs;
mod m0024_on_call;
mod m0025_reminders;
mod m0026_messages;
mod m0027_practice_leads;
mod m0029_administration;
mod m0030_erasure;
mod m0031_emergency_access;
mod m0033_one_settings_table;
mod m0034_client_summaries;
mod m0035_phq9_progress;
mod m0036_session_rooms;
mod m0040_medication;
mod m0041_sleep_diary;
mod m0045_summary_increments;
mod m0046_languages;
mod m0047_review_questions;
mod m0048_reminder_watch;
mod m0049_sweep_slots;
mod m0050_upkeep_passes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_care_team_unique::Migration),
            Box::new(m0003_measurement::Migration),
            Box::new(m0004_safety_plans::Migration),
            Box::new(m0005_recommendations::Migration),
            Box::new(m0006_episode_events::Migration),
            Box::new(m0007_goals::Migration),
            Box::new(m0008_intake_and_plans::Migration),
            Box::new(m0009_sessions::Migration),
            Box::new(m0010_covering_totals::Migration),
            Box::new(m0011_triage::Migration),
            Box::new(m0013_idempotency_body_hash::Migration),
            Box::new(m0014_checkin_self_harm::Migration),
            Box::new(m0012_throttle_refused::Migration),
            Box::new(m0015_session_requests::Migration),
            Box::new(m0016_homework::Migration),
            Box::new(m0017_therapist_profiles::Migration),
            Box::new(m0018_consultations::Migration),
            Box::new(m0019_family::Migration),
            Box::new(m0020_observations::Migration),
            Box::new(m0021_groups::Migration),
            Box::new(m0022_notifications::Migration),
            Box::new(m0023_jobs::Migration),
            Box::new(m0024_on_call::Migration),
            Box::new(m0025_reminders::Migration),
            Box::new(m0026_messages::Migration),
            Box::new(m0027_practice_leads::Migration),
            Box::new(m0029_administration::Migration),
            Box::new(m0030_erasure::Migration),
            Box::new(m0031_emergency_access::Migration),
            Box::new(m0033_one_settings_table::Migration),
            Box::new(m0034_client_summaries::Migration),
            Box::new(m0035_phq9_progress::Migration),
            Box::new(m0036_session_rooms::Migration),
            Box::new(m0040_medication::Migration),
            Box::new(m0041_sleep_diary::Migration),
            Box::new(m0045_summary_increments::Migration),
            Box::new(m0046_languages::Migration),
            Box::new(m0047_review_questions::Migration),
            Box::new(m0048_reminder_watch::Migration),
            Box::new(m0049_sweep_slots::Migration),
            Box::new(m0050_upkeep_passes::Migration),
        ]
    }
}

/// How many migrations the schema has (tests check none runs twice).
pub fn count() -> usize {
    Migrator::migrations().len()
}

/// A foreign key that deletes the row with the row it points to.
pub(crate) fn fk(
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

/// A plain index over `cols`.
pub(crate) fn index(
    table: &'static str,
    name: &'static str,
    cols: &[&'static str],
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.take()
}
