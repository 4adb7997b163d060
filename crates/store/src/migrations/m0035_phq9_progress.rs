//! The fold of each episode's PHQ-9 series that the early-warning rules keep (issue 19): the
//! baseline, the lowest point, how many measures and where the relapse rule stands, so that a
//! submission reads one row instead of the client's whole history. A cache: it is rebuilt from
//! the measures whenever it cannot be trusted (none yet, or it does not end where the series
//! does), so it needs no backfill.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::fk;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0035_phq9_progress"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("phq9_progress")
                .col(pk_uuid("episode_id"))
                .col(uuid("client_id"))
                // What the fold started from: the episode's start and the closed episode
                // whose remission it carried in (and when that one ended).
                .col(timestamp_with_time_zone("started_at"))
                .col(uuid_null("carried_from"))
                .col(timestamp_with_time_zone_null("carried_ended_at"))
                // The last measure folded.
                .col(uuid("last_id"))
                .col(timestamp_with_time_zone("last_at"))
                // The fold (core's `Phq9Progress`) as JSON: totals and times, no free text.
                .col(text("state"))
                .foreign_key(&mut fk("phq9_progress", "episode_id", "episodes"))
                .foreign_key(&mut fk("phq9_progress", "client_id", "users"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("phq9_progress").take())
            .await
    }
}
