//! The start-up passes that bring older rows up to date (`crate::upkeep`) note here that they
//! have run to the end, so that a start does not read every account, client and episode again
//! to find nothing to do (issue 19: at a million clients those reads were most of the two
//! seconds before the server answered). A database migrated to here from an older one has no
//! row yet, so its first start runs every pass once.
//!
//! A later migration whose rows need a pass again deletes that pass's row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0050_upkeep_passes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("upkeep_passes")
                .col(string("pass").primary_key())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("upkeep_passes").take())
            .await
    }
}
