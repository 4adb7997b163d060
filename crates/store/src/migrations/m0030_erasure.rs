//! Erasure (issue 17, item 4): a client's request to have their account deleted, and what
//! became of it. The client's reason and an administrator's reason for declining are sealed.
//! No foreign key to `users`: the request outlives the account, so that its receipt still
//! answers after the kept clinical record has been deleted at the end of its retention.
//! Only the hash of the receipt code is kept (as for API tokens).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::index;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0030_erasure"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("erasure_requests")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                // requested | withdrawn | declined | carried_out | records_deleted
                .col(string("status"))
                .col(text_null("reason"))
                .col(string_uniq("receipt_hash"))
                .col(timestamp_with_time_zone("requested_at"))
                .col(timestamp_with_time_zone_null("withdrawn_at"))
                .col(timestamp_with_time_zone_null("handled_at"))
                .col(uuid_null("handled_by"))
                .col(text_null("decline_reason"))
                // The last contact with the client, fixed when the request is carried out:
                // the kept clinical record is deleted N years after it.
                .col(timestamp_with_time_zone_null("last_contact_at"))
                .col(timestamp_with_time_zone_null("records_deleted_at"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "erasure_requests",
            "erasure_requests_client",
            &["client_id", "requested_at"],
        ))
        .await?;
        // At most one open request per client, whatever runs at once.
        m.create_index(
            Index::create()
                .name("erasure_requests_one_open")
                .table("erasure_requests")
                .col("client_id")
                .unique()
                .and_where(Expr::col("status").eq("requested"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "erasure_requests",
            "erasure_requests_status",
            &["status", "requested_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("erasure_requests").take())
            .await
    }
}
