//! Therapy groups as programmes (issue 15): the group, its members (a place offered, then
//! consented to, declined or left; whether the member shows their first name to the others),
//! which sessions are the group's (a table of its own, so `therapy_sessions` stays as it is),
//! and the leader's note about each group session (sealed). One live place per group and
//! client is kept by the use-case, inside its write transaction.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0021_groups"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("therapy_groups")
                .col(pk_uuid("id"))
                .col(uuid("clinician_id"))
                .col(string("name"))
                .col(string("approach"))
                .col(small_integer("capacity"))
                .col(small_integer("weeks"))
                .col(string("schedule"))
                .col(text("entry_criteria"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .foreign_key(&mut fk("therapy_groups", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "therapy_groups",
            "therapy_groups_clinician",
            &["clinician_id", "created_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("group_members")
                .col(pk_uuid("id"))
                .col(uuid("group_id"))
                .col(uuid("client_id"))
                .col(uuid("added_by"))
                .col(timestamp_with_time_zone("added_at"))
                .col(timestamp_with_time_zone_null("consented_at"))
                .col(timestamp_with_time_zone_null("declined_at"))
                .col(boolean("show_first_name"))
                .col(timestamp_with_time_zone_null("left_at"))
                .foreign_key(&mut fk("group_members", "group_id", "therapy_groups"))
                .foreign_key(&mut fk("group_members", "client_id", "users"))
                .foreign_key(&mut fk("group_members", "added_by", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "group_members",
            "group_members_group",
            &["group_id", "added_at"],
        ))
        .await?;
        m.create_index(index(
            "group_members",
            "group_members_client",
            &["client_id", "added_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("group_sessions")
                .col(pk_uuid("session_id"))
                .col(uuid("group_id"))
                .foreign_key(&mut fk("group_sessions", "session_id", "therapy_sessions"))
                .foreign_key(&mut fk("group_sessions", "group_id", "therapy_groups"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "group_sessions",
            "group_sessions_group",
            &["group_id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("group_notes")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("author_id"))
                .col(text("text"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("group_notes", "session_id", "therapy_sessions"))
                .foreign_key(&mut fk("group_notes", "author_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "group_notes",
            "group_notes_session",
            &["session_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "group_notes",
            "group_sessions",
            "group_members",
            "therapy_groups",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
