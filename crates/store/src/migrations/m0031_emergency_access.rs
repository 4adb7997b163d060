//! Emergency access ("break glass", issue 17): each opening of a record by a clinician who is
//! not on the client's care team, with its reason (sealed) and the hour it lasts. Whether the
//! practice allows it is a row of `practice_settings` (absent: allowed).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0031_emergency_access"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("emergency_openings")
                .col(pk_uuid("id"))
                .col(uuid("clinician_id"))
                .col(uuid("client_id"))
                // Sealed (table, column, row id).
                .col(text("reason"))
                .col(timestamp_with_time_zone("opened_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("emergency_openings", "clinician_id", "users"))
                .foreign_key(&mut fk("emergency_openings", "client_id", "users"))
                .take(),
        )
        .await?;
        // The door asks "does this clinician hold an opening of this client now?".
        m.create_index(index(
            "emergency_openings",
            "emergency_openings_clinician",
            &["clinician_id", "client_id", "expires_at"],
        ))
        .await?;
        m.create_index(index(
            "emergency_openings",
            "emergency_openings_client",
            &["client_id", "opened_at"],
        ))
        .await?;
        m.create_index(index(
            "emergency_openings",
            "emergency_openings_opened",
            &["opened_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("emergency_openings").take())
            .await
    }
}
