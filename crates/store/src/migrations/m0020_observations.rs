//! Observations (issue 15): what a consented family member noticed about a client — ticks of
//! the client's own warning signs and a short note (sealed) — on the client's own day; a
//! clinician may hide one for a recorded safety reason (sealed). And the family members named
//! as attendees of a family session (`session_family`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0020_observations"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("observations")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid("reported_by"))
                // The client's own calendar day when it was reported.
                .col(date("day"))
                .col(timestamp_with_time_zone("reported_at"))
                .col(text_null("note"))
                .col(timestamp_with_time_zone_null("hidden_at"))
                .col(uuid_null("hidden_by"))
                .col(text_null("hidden_reason"))
                .foreign_key(&mut fk("observations", "client_id", "users"))
                .foreign_key(&mut fk("observations", "reported_by", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "observations",
            "observations_client",
            &["client_id", "day"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("observation_signs")
                .col(uuid("observation_id"))
                .col(uuid("sign_id"))
                .primary_key(Index::create().col("observation_id").col("sign_id"))
                .foreign_key(&mut fk(
                    "observation_signs",
                    "observation_id",
                    "observations",
                ))
                .foreign_key(&mut fk("observation_signs", "sign_id", "warning_signs"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("session_family")
                .col(uuid("session_id"))
                .col(uuid("family_id"))
                .primary_key(Index::create().col("session_id").col("family_id"))
                .foreign_key(&mut fk("session_family", "session_id", "therapy_sessions"))
                .foreign_key(&mut fk("session_family", "family_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "session_family",
            "session_family_member",
            &["family_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["session_family", "observation_signs", "observations"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
