//! Notices (issue 16): one row per notice a person is given inside Rapport. Its words are
//! composed when shown from the kind and the ids, so nothing here needs sealing.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0022_notifications"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("notifications")
                .col(pk_uuid("id"))
                // Who is told.
                .col(uuid("user_id"))
                .col(string("kind"))
                // The client it is about, if any, and the thing itself (flag, message, session…).
                .col(uuid_null("client_id"))
                .col(uuid_null("subject_id"))
                // Where in Rapport it leads: a path, never a full address.
                .col(text("link"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut fk("notifications", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "notifications",
            "notifications_user",
            &["user_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("notifications").take())
            .await
    }
}
