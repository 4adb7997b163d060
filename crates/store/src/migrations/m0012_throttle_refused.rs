//! A sign-in throttling entry counts the attempts it refused while blocked, so that the audit
//! log gets one event per block with its count instead of one row per refused attempt.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0012_throttle_refused"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("login_throttle")
                .add_column(ColumnDef::new("refused").integer().not_null().default(0))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("login_throttle")
                .drop_column("refused")
                .take(),
        )
        .await
    }
}
