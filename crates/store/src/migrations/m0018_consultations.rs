//! Consultations (issue 14, "meet a few"): one row per clinician a client asked, grouped by
//! `request_id` (one ask). The client's message and a clinician's reason for declining are
//! sealed, and so is the client's feedback after meeting; the times that suit the client are short texts, one per line.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0018_consultations"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("consultations")
                .col(pk_uuid("id"))
                .col(uuid("request_id"))
                .col(uuid("client_id"))
                .col(uuid("clinician_id"))
                // requested | accepted | declined | chosen | not_chosen | withdrawn
                .col(string("state"))
                .col(text("times"))
                .col(text_null("message"))
                // YYYY-MM-DDTHH:MM in the clinician's time zone, and the same instant in UTC
                .col(string_null("starts_at_local"))
                .col(timestamp_with_time_zone_null("starts_at"))
                .col(text_null("decline_reason"))
                .col(boolean("returning"))
                .col(boolean("share_earlier_record"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(timestamp_with_time_zone_null("chosen_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                // The client's answers to the session-feedback questions after meeting
                // (sealed: four numbers and their comment).
                .col(text_null("feedback"))
                .foreign_key(&mut fk("consultations", "client_id", "users"))
                .foreign_key(&mut fk("consultations", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "consultations",
            "consultations_client",
            &["client_id", "created_at"],
        ))
        .await?;
        m.create_index(index(
            "consultations",
            "consultations_clinician",
            &["clinician_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("consultations").take())
            .await
    }
}
