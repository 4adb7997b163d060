//! Reminders and how people are told (issue 16): each person's choices (a row once they
//! saved their settings; before that their role's defaults apply), e-mail on or off per kind
//! of notice, the log of reminders given (its key makes a reminder given once, whoever runs
//! the reminders and however often), and the reminder e-mails counted per local day for the
//! daily limit. Nothing here is free text about a client.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0025_reminders"
    }
}

const TABLES: [&str; 4] = [
    "reminder_emails",
    "reminder_log",
    "notification_channels",
    "notification_preferences",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("notification_preferences")
                .col(pk_uuid("user_id"))
                // Quiet hours as local wall-clock times `HH:MM`; both NULL: none.
                .col(string_null("quiet_start"))
                .col(string_null("quiet_end"))
                .col(small_integer("daily_limit"))
                // The daily check-in reminder's local time `HH:MM`; NULL: off.
                .col(string_null("checkin_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("notification_preferences", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("notification_channels")
                .col(uuid("user_id"))
                .col(string("kind"))
                .col(boolean("email"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col("user_id").col("kind"))
                .foreign_key(&mut fk("notification_channels", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("reminder_log")
                // `kind:user:subject:occurrence`: one reminder per key, ever.
                .col(string("key").primary_key())
                .col(uuid("user_id"))
                .col(string("kind"))
                .col(uuid_null("notification_id"))
                .col(timestamp_with_time_zone("given_at"))
                .foreign_key(&mut fk("reminder_log", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "reminder_log",
            "reminder_log_user",
            &["user_id", "given_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("reminder_emails")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                // The local day the e-mail goes on, in the person's timezone.
                .col(date("day"))
                .col(string("kind"))
                .col(timestamp_with_time_zone("send_at"))
                .foreign_key(&mut fk("reminder_emails", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "reminder_emails",
            "reminder_emails_user_day",
            &["user_id", "day"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
