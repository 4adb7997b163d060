//! A client's request for another time, with up to three times they propose and the answer
//! (accepted, moved or declined, with a sealed message). A request's row shares its id with the
//! `session_changes` row that holds its reason. An index on when sessions start, for finding
//! another session in the same room.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0015_session_requests"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("session_requests")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                .col(timestamp_with_time_zone("asked_at"))
                .col(timestamp_with_time_zone_null("proposed_1"))
                .col(timestamp_with_time_zone_null("proposed_2"))
                .col(timestamp_with_time_zone_null("proposed_3"))
                // null while open; accepted | moved | declined
                .col(string_null("answer"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(uuid_null("answered_by"))
                .col(text_null("message"))
                .col(timestamp_with_time_zone_null("to_starts_at"))
                .foreign_key(&mut fk("session_requests", "id", "session_changes"))
                .foreign_key(&mut fk(
                    "session_requests",
                    "session_id",
                    "therapy_sessions",
                ))
                .foreign_key(&mut fk("session_requests", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "session_requests",
            "session_requests_session",
            &["session_id", "asked_at"],
        ))
        .await?;
        m.create_index(index(
            "session_requests",
            "session_requests_client",
            &["client_id", "asked_at"],
        ))
        .await?;
        m.create_index(index(
            "therapy_sessions",
            "therapy_sessions_start",
            &["starts_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("therapy_sessions_start")
                .table("therapy_sessions")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("session_requests").take())
            .await
    }
}
