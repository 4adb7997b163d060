//! Background jobs and e-mail deliveries (issue 16). A job's payload holds ids only, never
//! words about a client; a delivery records what the mail server answered, never the notice's
//! content (that stays in `notifications`, whose words are composed when shown).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0023_jobs"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("jobs")
                .col(pk_uuid("id"))
                .col(string("kind"))
                // JSON with ids only.
                .col(text("payload"))
                // One live row per key (`periodic:alerts_sweep`, `deliver:<id>`); NULL: none.
                .col(string_null("dedupe_key").unique_key())
                // queued | running | done | failed (will retry) | dead (gave up).
                .col(string("state"))
                .col(timestamp_with_time_zone("run_at"))
                .col(integer("attempts"))
                .col(integer("max_attempts"))
                .col(text_null("last_error"))
                // The server holding the job, and until when (its lease).
                .col(string_null("locked_by"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .take(),
        )
        .await?;
        m.create_index(index("jobs", "jobs_due", &["state", "run_at"]))
            .await?;
        m.create_table(
            Table::create()
                .table("deliveries")
                .col(pk_uuid("id"))
                .col(uuid("notification_id"))
                .col(uuid("user_id"))
                // `email`.
                .col(string("channel"))
                // queued → sent → accepted | failed (will retry) | dead (gave up).
                .col(string("state"))
                .col(integer("attempts"))
                // The mail server's reply to the message, as it gave it.
                .col(text_null("reply"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("deliveries", "notification_id", "notifications"))
                .foreign_key(&mut fk("deliveries", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "deliveries",
            "deliveries_state",
            &["state", "updated_at"],
        ))
        .await?;
        m.create_index(index(
            "deliveries",
            "deliveries_notification",
            &["notification_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("deliveries").take())
            .await?;
        m.drop_table(Table::drop().table("jobs").take()).await
    }
}
