//! Languages (issue 21): the language a person chose for the product (`users.language`, a
//! BCP 47 primary subtag; NULL follows their browser's `Accept-Language`), and the language a
//! questionnaire was answered in (`measures.language`, a BCP 47 tag; NULL when not said). The
//! answers themselves stay numbers, whatever the language. (`users.locale` of m0001 was never
//! read or set; it is left alone.)

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0046_languages"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(ColumnDef::new("language").string().null())
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("measures")
                .add_column(ColumnDef::new("language").string().null())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("measures")
                .drop_column("language")
                .take(),
        )
        .await?;
        m.alter_table(Table::alter().table("users").drop_column("language").take())
            .await
    }
}
