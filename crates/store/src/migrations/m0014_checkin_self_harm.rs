//! The daily check-in's question about self-harm (CLINICAL.md "Early warning"): the answer,
//! `yes`, `no` or `skip`; null when the question was not asked (or before it existed).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0014_checkin_self_harm"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("checkins")
                .add_column(ColumnDef::new("self_harm").string().null())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("checkins")
                .drop_column("self_harm")
                .take(),
        )
        .await
    }
}
