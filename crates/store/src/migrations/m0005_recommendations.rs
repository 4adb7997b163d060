//! Reading a clinician recommends to a client from the learning library.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_recommendations"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("recommendations")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                // The page's slug in the learning library.
                .col(string("page"))
                .col(uuid("recommended_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("recommendations", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "recommendations",
            "recommendations_client",
            &["client_id", "created_at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("recommendations").take())
            .await
    }
}
