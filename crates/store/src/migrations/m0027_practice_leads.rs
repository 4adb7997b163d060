//! Practice leads: clinicians an administrator lets see the whole practice's outcome reports
//! and who are told when a record is opened in an emergency.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::fk;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0027_practice_leads"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("practice_leads")
                .col(pk_uuid("clinician_id"))
                .col(uuid("added_by"))
                .col(timestamp_with_time_zone("added_at"))
                .foreign_key(&mut fk("practice_leads", "clinician_id", "users"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("practice_leads").take())
            .await
    }
}
