//! At most one active membership of a clinician on a client's care team, enforced by the
//! database (a partial unique index), so that parallel assignments cannot both succeed.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_care_team_unique"
    }
}

const INDEX: &str = "care_teams_active_pair";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(INDEX)
                .table("care_teams")
                .col("client_id")
                .col("clinician_id")
                .unique()
                .and_where(Expr::col("ended_at").is_null())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(INDEX).table("care_teams").to_owned())
            .await
    }
}
