//! The sleep diary (issue 22): one night per row, its clock times as `HH:MM` (the client's
//! own clock) and its minutes; nothing in it is free text.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0041_sleep_diary"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("sleep_diaries")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                // The morning the night ended, in the client's days.
                .col(date("day"))
                .col(string("bedtime"))
                .col(small_integer("minutes_to_fall_asleep"))
                .col(small_integer("awake_minutes"))
                .col(string("wake_time"))
                .col(string("rise_time"))
                .col(timestamp_with_time_zone("recorded_at"))
                .foreign_key(&mut fk("sleep_diaries", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "sleep_diaries",
            "sleep_diaries_client_day",
            &["client_id", "day"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("sleep_diaries").take())
            .await
    }
}
