//! Family access (issue 15, part 1): invitations a client sends (the invitee's e-mail, name and
//! relationship sealed; the scopes plain, the words joined by `,`; only the token's hash kept),
//! and the links between a client and the family members who joined (one live link per pair,
//! held by a partial unique index). What each family member may see is in `consents`
//! (`kind = "family_access"`, one row per scope). Recommendations gain an `audience`
//! (`client` or `family`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0019_family"
    }
}

const LIVE_LINK: &str = "family_links_live_pair";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("family_invitations")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(text("email"))
                .col(text("name"))
                .col(text("relationship"))
                .col(string("scopes"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone_null("withdrawn_at"))
                .col(uuid_null("used_by"))
                .foreign_key(&mut fk("family_invitations", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "family_invitations",
            "family_invitations_client",
            &["client_id", "created_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("family_links")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid("family_id"))
                .col(text("relationship"))
                .col(uuid_null("invitation_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .foreign_key(&mut fk("family_links", "client_id", "users"))
                .foreign_key(&mut fk("family_links", "family_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(LIVE_LINK)
                .table("family_links")
                .col("client_id")
                .col("family_id")
                .unique()
                .and_where(Expr::col("ended_at").is_null())
                .take(),
        )
        .await?;
        m.create_index(index(
            "family_links",
            "family_links_family",
            &["family_id", "client_id"],
        ))
        .await?;
        m.alter_table(
            Table::alter()
                .table("recommendations")
                .add_column(
                    ColumnDef::new("audience")
                        .string()
                        .not_null()
                        .default("client"),
                )
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("recommendations")
                .drop_column("audience")
                .take(),
        )
        .await?;
        m.drop_table(Table::drop().table("family_links").take())
            .await?;
        m.drop_table(Table::drop().table("family_invitations").take())
            .await
    }
}
