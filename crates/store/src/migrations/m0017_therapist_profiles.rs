//! The directory: a clinician's public profile (the JSON of `rapport_core::therapists::Profile`
//! in a TEXT column, with the column the directory filters on kept plain), and the practice's
//! checks of their licence (one row per check; the latest is the current one). Nothing here is
//! about a client, so nothing is sealed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0017_therapist_profiles"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("therapist_profiles")
                .col(uuid("clinician_id").primary_key())
                .col(text("profile"))
                .col(boolean("accepting_new_clients"))
                .col(timestamp_with_time_zone("updated_at"))
                // One more than the greatest when saved: the directory's change stamp reads
                // the greatest (by the index), which moves with every save.
                .col(big_integer("revision").default(0))
                .foreign_key(&mut fk("therapist_profiles", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "therapist_profiles",
            "therapist_profiles_updated",
            &["updated_at"],
        ))
        .await?;
        m.create_index(index(
            "therapist_profiles",
            "therapist_profiles_revision",
            &["revision"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("clinician_verifications")
                .col(pk_uuid("id"))
                .col(uuid("clinician_id"))
                .col(string("licence_number"))
                .col(string("issuer"))
                .col(date("checked_on"))
                .col(uuid("checked_by"))
                .col(timestamp_with_time_zone("recorded_at"))
                .foreign_key(&mut fk("clinician_verifications", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "clinician_verifications",
            "clinician_verifications_latest",
            &["clinician_id", "recorded_at"],
        ))
        .await?;
        // The one credential word that changed when the accounts' list became the directory's:
        // `psych_nurse` is now `psychiatric_nurse`.
        m.get_connection()
            .execute_unprepared(
                "UPDATE clinician_profiles SET credential = 'psychiatric_nurse' \
                 WHERE credential = 'psych_nurse'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "UPDATE clinician_profiles SET credential = 'psych_nurse' \
                 WHERE credential = 'psychiatric_nurse'",
            )
            .await?;
        m.drop_table(Table::drop().table("clinician_verifications").take())
            .await?;
        m.drop_table(Table::drop().table("therapist_profiles").take())
            .await
    }
}
