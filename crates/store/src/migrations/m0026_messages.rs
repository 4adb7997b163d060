//! Secure messages (issue 16, part 5): one thread per client between the client and their
//! care team (`messages`, the body sealed), who read which message when (`message_receipts`),
//! and each clinician's weekly office hours (`office_hours`, on their own clock) with their
//! timezone and away message (`office_settings`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0026_messages"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("messages")
                .col(pk_uuid("id"))
                // Whose thread: every message belongs to one client's thread.
                .col(uuid("client_id"))
                .col(uuid("author_id"))
                // Sealed (table, column, row id).
                .col(text("body"))
                .col(timestamp_with_time_zone("sent_at"))
                .foreign_key(&mut fk("messages", "client_id", "users"))
                .foreign_key(&mut fk("messages", "author_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "messages",
            "messages_client",
            &["client_id", "sent_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("message_receipts")
                .col(uuid("message_id"))
                .col(uuid("reader_id"))
                .col(timestamp_with_time_zone("read_at"))
                .primary_key(Index::create().col("message_id").col("reader_id"))
                .foreign_key(&mut fk("message_receipts", "message_id", "messages"))
                .foreign_key(&mut fk("message_receipts", "reader_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "message_receipts",
            "message_receipts_reader",
            &["reader_id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("office_hours")
                .col(uuid("clinician_id"))
                // `monday` … `sunday`, on the clinician's clock.
                .col(string("day"))
                // Minutes after midnight; the end after the start, at most 1440.
                .col(integer("start_minute"))
                .col(integer("end_minute"))
                .primary_key(
                    Index::create()
                        .col("clinician_id")
                        .col("day")
                        .col("start_minute"),
                )
                .foreign_key(&mut fk("office_hours", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("office_settings")
                .col(pk_uuid("clinician_id"))
                // The IANA timezone the office hours are on.
                .col(string("timezone"))
                // The clinician's own words, not about any client: not sealed.
                .col(text_null("away_message"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("office_settings", "clinician_id", "users"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "office_settings",
            "office_hours",
            "message_receipts",
            "messages",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
