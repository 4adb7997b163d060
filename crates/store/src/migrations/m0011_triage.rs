//! The clinicians on triage duty: they see the flags of clients who have no active care team
//! (CLINICAL.md: a flag always reaches a person).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::fk;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0011_triage"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("triage_clinicians")
                .col(pk_uuid("clinician_id"))
                .col(uuid("added_by"))
                .col(timestamp_with_time_zone("added_at"))
                .foreign_key(&mut fk("triage_clinicians", "clinician_id", "users"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("triage_clinicians").take())
            .await
    }
}
