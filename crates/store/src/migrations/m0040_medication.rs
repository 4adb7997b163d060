//! Medication (issue 22): the client's medication list as versions (each change by the
//! prescriber a new version, the list whole), the clinicians the practice marks as
//! prescribers, and the reason a client gave for a missed dose on the check-in. Names, doses,
//! schedules, prescribers and reasons for stopping are free text about the client, sealed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0040_medication"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("medication_versions")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(integer("version"))
                // prescriber | intake (the client confirmed their intake's list)
                .col(string("source"))
                .col(uuid("written_by"))
                .col(timestamp_with_time_zone("written_at"))
                .foreign_key(&mut fk("medication_versions", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "medication_versions",
                "medication_versions_client",
                &["client_id", "version"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("medication_items")
                .col(pk_uuid("id"))
                .col(uuid("version_id"))
                .col(uuid("client_id"))
                .col(small_integer("position"))
                .col(text("name"))
                .col(text("dose"))
                .col(text("schedule"))
                .col(text_null("prescriber"))
                .col(date_null("started_on"))
                .col(date_null("stopped_on"))
                .col(text_null("stop_reason"))
                .col(boolean("for_depression"))
                .foreign_key(&mut fk(
                    "medication_items",
                    "version_id",
                    "medication_versions",
                ))
                .foreign_key(&mut fk("medication_items", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "medication_items",
            "medication_items_version",
            &["version_id", "position"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("prescribers")
                .col(pk_uuid("clinician_id"))
                .col(uuid("marked_by"))
                .col(timestamp_with_time_zone("marked_at"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .from("prescribers", "clinician_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("checkin_missed_reasons")
                .col(pk_uuid("checkin_id"))
                .col(uuid("client_id"))
                // side_effects | forgot | ran_out | chose_not_to
                .col(string("reason"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .from("checkin_missed_reasons", "checkin_id")
                        .to("checkins", "id")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .foreign_key(&mut fk("checkin_missed_reasons", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "checkin_missed_reasons",
            "checkin_missed_reasons_client",
            &["client_id"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "checkin_missed_reasons",
            "prescribers",
            "medication_items",
            "medication_versions",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
