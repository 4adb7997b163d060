//! One set of migrations, written in Rust, for SQLite and PostgreSQL alike. Portable schema:
//! UUIDv7 ids, UTC timestamps, enums as strings, no JSON columns or arrays.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_care_team_unique;
mod m0003_measurement;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_care_team_unique::Migration),
            Box::new(m0003_measurement::Migration),
        ]
    }
}

/// How many migrations the schema has (tests check none runs twice).
pub fn count() -> usize {
    Migrator::migrations().len()
}
