//! An `Idempotency-Key` remembers a SHA-256 of the request body it first came with, so that
//! the key sent again with a different body is refused instead of answered with the first
//! answer; keys are purged after 24 hours by their time of creation.

use sea_orm_migration::prelude::*;

use super::index;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0013_idempotency_body_hash"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Nullable: keys saved before this migration carry no hash (and expire within a day).
        m.alter_table(
            Table::alter()
                .table("idempotency_keys")
                .add_column(ColumnDef::new("body_hash").string().null())
                .take(),
        )
        .await?;
        m.create_index(index(
            "idempotency_keys",
            "idempotency_keys_created",
            &["created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idempotency_keys_created")
                .table("idempotency_keys")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("idempotency_keys")
                .drop_column("body_hash")
                .take(),
        )
        .await
    }
}
