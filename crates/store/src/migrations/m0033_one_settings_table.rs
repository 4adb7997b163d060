//! One table of settings: the on-call and emergency-access settings (`practice_settings`,
//! m0024) move into `instance_settings` (m0029), where the administrator's other settings are,
//! and the older table goes. Their values (`"30"`, `"false"`, `"7"`) are JSON text already.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0033_one_settings_table"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO instance_settings (key, value, updated_by, updated_at) \
                 SELECT name, value, updated_by, updated_at FROM practice_settings \
                 WHERE name NOT IN (SELECT key FROM instance_settings)",
            )
            .await?;
        m.drop_table(Table::drop().table("practice_settings").take())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("practice_settings")
                .col(string("name").primary_key())
                .col(string("value"))
                .col(uuid_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        // Back where m0024 kept them: the settings the on-call and emergency-access code read.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO practice_settings (name, value, updated_by, updated_at) \
                 SELECT key, value, updated_by, updated_at FROM instance_settings \
                 WHERE key IN ('escalation_minutes', 'emergency_access_enabled', 'clinical_record_years')",
            )
            .await?;
        m.get_connection()
            .execute_unprepared(
                "DELETE FROM instance_settings \
                 WHERE key IN ('escalation_minutes', 'emergency_access_enabled', 'clinical_record_years')",
            )
            .await?;
        Ok(())
    }
}
