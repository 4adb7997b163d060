//! Safety plans (Stanley–Brown, six steps), versioned: every save is a new version, the
//! latest is the plan in force. The six steps are free text about the client, sealed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_safety_plans"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("safety_plans")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(uuid("written_by"))
                .col(text_null("warning_signs"))
                .col(text_null("coping"))
                .col(text_null("distractions"))
                .col(text_null("people"))
                .col(text_null("professionals"))
                .col(text_null("environment"))
                .foreign_key(&mut fk("safety_plans", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "safety_plans",
                "safety_plans_client_version",
                &["client_id", "version"],
            )
            .unique()
            .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("safety_plans").take())
            .await
    }
}
