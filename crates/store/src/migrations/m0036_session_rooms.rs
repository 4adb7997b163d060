//! Online sessions in the browser (issue 20): who came into a session's room (and when they
//! were let in from the waiting room), when the clinician ended it, and the chat lines the
//! clinician saved to a client's record (sealed). Nothing of the media or the rest of the
//! chat is stored.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0036_session_rooms"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("room_participants")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("user_id"))
                // `clinician`, `client` or `family`.
                .col(string("role"))
                .col(timestamp_with_time_zone("first_joined_at"))
                .col(timestamp_with_time_zone("last_joined_at"))
                .col(timestamp_with_time_zone_null("left_at"))
                .col(timestamp_with_time_zone_null("admitted_at"))
                .foreign_key(&mut fk(
                    "room_participants",
                    "session_id",
                    "therapy_sessions",
                ))
                .foreign_key(&mut fk("room_participants", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "room_participants",
                "room_participants_session_user",
                &["session_id", "user_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("room_ends")
                .col(pk_uuid("session_id"))
                .col(timestamp_with_time_zone("ended_at"))
                .col(uuid("ended_by"))
                .foreign_key(&mut fk("room_ends", "session_id", "therapy_sessions"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("room_lines")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                .col(uuid("saved_by"))
                .col(timestamp_with_time_zone("saved_at"))
                // Sealed: the line as written in the chat, with who wrote it.
                .col(text("body"))
                .foreign_key(&mut fk("room_lines", "session_id", "therapy_sessions"))
                .foreign_key(&mut fk("room_lines", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("room_lines", "room_lines_session", &["session_id"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["room_lines", "room_ends", "room_participants"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
