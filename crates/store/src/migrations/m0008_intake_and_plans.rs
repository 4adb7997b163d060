//! The intake (one per episode of care, saved as the client goes) and the versioned plans that
//! are a document each: the treatment plan (agreed by the client) and the relapse-prevention
//! plan. Their content is free text about the client: one sealed JSON document per row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0008_intake_and_plans"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("intakes")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid_uniq("episode_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(uuid("updated_by"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(text("body"))
                .foreign_key(&mut fk("intakes", "client_id", "users"))
                .foreign_key(&mut fk("intakes", "episode_id", "episodes"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "intakes",
            "intakes_client",
            &["client_id", "created_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("plan_versions")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                // treatment | relapse
                .col(string("kind"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(uuid("written_by"))
                .col(text("body"))
                .col(date_null("review_on"))
                .col(timestamp_with_time_zone_null("agreed_at"))
                .col(uuid_null("agreed_by"))
                .foreign_key(&mut fk("plan_versions", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "plan_versions",
                "plan_versions_client_kind_version",
                &["client_id", "kind", "version"],
            )
            .unique()
            .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("plan_versions").take())
            .await?;
        m.drop_table(Table::drop().table("intakes").take()).await
    }
}
