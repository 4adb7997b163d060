//! Homework between sessions: an assignment (assigned by a clinician, or started by the
//! client on their own when `assigned_by` is null; once, by a date, or every day or week until
//! a date) and its entries, one per occurrence (`due_on`), a draft until submitted. The
//! instructions, the entry's content (the exercise's JSON) and the review comment are sealed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0016_homework"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("homework_assignments")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid_null("assigned_by"))
                .col(string("kind"))
                .col(text_null("instructions"))
                .col(date_null("due_on"))
                // day | week
                .col(string_null("repeat_every"))
                .col(date_null("repeat_until"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .foreign_key(&mut fk("homework_assignments", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "homework_assignments",
            "homework_assignments_client",
            &["client_id", "created_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("homework_entries")
                .col(pk_uuid("id"))
                .col(uuid("assignment_id"))
                .col(uuid("client_id"))
                .col(date_null("due_on"))
                .col(text("content"))
                .col(boolean("draft"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(timestamp_with_time_zone_null("reviewed_at"))
                .col(uuid_null("reviewed_by"))
                .col(text_null("review_comment"))
                .foreign_key(&mut fk(
                    "homework_entries",
                    "assignment_id",
                    "homework_assignments",
                ))
                .foreign_key(&mut fk("homework_entries", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("homework_entries_occurrence")
                .table("homework_entries")
                .col("assignment_id")
                .col("due_on")
                .unique()
                .take(),
        )
        .await?;
        // The caseload's "2 new": submitted entries not yet reviewed, by client.
        m.create_index(index(
            "homework_entries",
            "homework_entries_client",
            &["client_id", "reviewed_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("homework_entries").take())
            .await?;
        m.drop_table(Table::drop().table("homework_assignments").take())
            .await
    }
}
