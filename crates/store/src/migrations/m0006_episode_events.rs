//! The history of an episode of care: every start, discharge, close and re-open, with who did
//! it and why (the reason is free text about the client, sealed).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0006_episode_events"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("episode_events")
                .col(pk_uuid("id"))
                .col(uuid("episode_id"))
                .col(timestamp_with_time_zone("at"))
                .col(uuid("by"))
                .col(string_null("from_state"))
                .col(string("to_state"))
                .col(text_null("reason"))
                .foreign_key(&mut fk("episode_events", "episode_id", "episodes"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "episode_events",
            "episode_events_episode",
            &["episode_id", "at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("episode_events").take())
            .await
    }
}
