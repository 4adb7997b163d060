//! Goals and their progress. What the goal is, how success looks and is measured, progress
//! notes and closing reasons are free text about the client, sealed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_goals"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("goals")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(text("title"))
                .col(text("success"))
                .col(text_null("measured_by"))
                .col(date_null("target_date"))
                // active | achieved | dropped
                .col(string("status"))
                .col(text_null("close_reason"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .foreign_key(&mut fk("goals", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("goals", "goals_client", &["client_id", "created_at"]))
            .await?;
        m.create_table(
            Table::create()
                .table("goal_progress")
                .col(pk_uuid("id"))
                .col(uuid("goal_id"))
                .col(timestamp_with_time_zone("at"))
                .col(uuid("by"))
                .col(small_integer("rating"))
                .col(text_null("note"))
                .foreign_key(&mut fk("goal_progress", "goal_id", "goals"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "goal_progress",
            "goal_progress_goal",
            &["goal_id", "at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("goal_progress").take())
            .await?;
        m.drop_table(Table::drop().table("goals").take()).await
    }
}
