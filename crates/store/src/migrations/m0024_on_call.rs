//! Critical flags reach a person (issue 16): the on-call rota an administrator keeps, the
//! practice's settings (the time after which an unacknowledged safety flag is escalated), and
//! the escalations themselves — one per flag and unacknowledged stretch, so that two servers
//! escalating at once escalate once — with whom each reached.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0024_on_call"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A practice-wide setting by name (`escalation_minutes`…); the value as text.
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
        // Who is on call when: [starts_at, ends_at).
        m.create_table(
            Table::create()
                .table("on_call_shifts")
                .col(pk_uuid("id"))
                .col(uuid("clinician_id"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(uuid("added_by"))
                .col(timestamp_with_time_zone("added_at"))
                .foreign_key(&mut fk("on_call_shifts", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "on_call_shifts",
            "on_call_shifts_ends",
            &["ends_at", "starts_at"],
        ))
        .await?;
        // One escalation per flag and unacknowledged stretch (`since`: when the flag became
        // open — opened, or reopened by new evidence after an acknowledgement).
        m.create_table(
            Table::create()
                .table("flag_escalations")
                .col(pk_uuid("id"))
                .col(uuid("flag_id"))
                .col(timestamp_with_time_zone("since"))
                .col(timestamp_with_time_zone("escalated_at"))
                // `on_call`, `triage` (nobody on call) or `nobody`.
                .col(string("via"))
                .foreign_key(&mut fk("flag_escalations", "flag_id", "flags"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("flag_escalations_once")
                .table("flag_escalations")
                .col("flag_id")
                .col("since")
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("flag_escalation_recipients")
                .col(pk_uuid("id"))
                .col(uuid("escalation_id"))
                .col(uuid("user_id"))
                .foreign_key(&mut fk(
                    "flag_escalation_recipients",
                    "escalation_id",
                    "flag_escalations",
                ))
                .foreign_key(&mut fk("flag_escalation_recipients", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "flag_escalation_recipients",
            "flag_escalation_recipients_escalation",
            &["escalation_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "flag_escalation_recipients",
            "flag_escalations",
            "on_call_shifts",
            "practice_settings",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
