//! Administration at the size of a real service: the keyed blind index that finds accounts
//! by name or e-mail without opening every sealed name, the instance's settings, and the
//! indexes that keep the account list and the audit log fast at 100,000 clients.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0029_administration"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per (keyed hash of a search term, account). Filled by the store on
        // create and rename, and at start-up for accounts made before this migration.
        m.create_table(
            Table::create()
                .table("account_search_terms")
                .col(string("term"))
                .col(uuid("user_id"))
                .primary_key(Index::create().col("term").col("user_id"))
                .foreign_key(&mut fk("account_search_terms", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "account_search_terms",
            "account_search_terms_user",
            &["user_id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("instance_settings")
                .col(string("key").primary_key())
                .col(text("value"))
                .col(uuid_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(index("users", "users_role_email", &["role", "email"]))
            .await?;
        m.create_index(index(
            "audit_events",
            "audit_events_action",
            &["action", "seq"],
        ))
        .await?;
        m.create_index(index(
            "audit_events",
            "audit_events_actor",
            &["actor_id", "seq"],
        ))
        .await?;
        m.create_index(index("audit_events", "audit_events_at", &["at"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            ("audit_events", "audit_events_at"),
            ("audit_events", "audit_events_actor"),
            ("audit_events", "audit_events_action"),
            ("users", "users_role_email"),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        m.drop_table(Table::drop().table("instance_settings").take())
            .await?;
        m.drop_table(Table::drop().table("account_search_terms").take())
            .await
    }
}
