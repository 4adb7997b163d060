//! Medication reviews (issue 22): the questions and side effects a client lists before a
//! medication-review session, sealed (free text about the client), one row per session and
//! client. The session kind `medication_review` itself needs no change: kinds are words in
//! `therapy_sessions.kind`, checked in core.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0047_review_questions"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("review_questions")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                // A JSON array of the questions, sealed.
                .col(text("questions"))
                .col(timestamp_with_time_zone("written_at"))
                .foreign_key(&mut fk(
                    "review_questions",
                    "session_id",
                    "therapy_sessions",
                ))
                .foreign_key(&mut fk("review_questions", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "review_questions",
                "review_questions_session_client",
                &["session_id", "client_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("review_questions").take())
            .await
    }
}
