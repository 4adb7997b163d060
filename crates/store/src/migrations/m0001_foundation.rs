//! Accounts, sessions, tokens, profiles, care teams, consents, sign-in throttling and the
//! audit chain: the floor every capability stands on.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("users")
                .col(pk_uuid("id"))
                .col(string_uniq("email"))
                // Sealed (encrypted) display name.
                .col(text("name"))
                .col(string("role"))
                .col(string("password_hash"))
                // Sealed TOTP secret; null until enrolment starts.
                .col(text_null("totp_secret"))
                .col(timestamp_with_time_zone_null("totp_enrolled_at"))
                .col(big_integer("totp_last_step").default(0))
                .col(string("timezone").default("UTC"))
                .col(string("locale").default("en"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("password_changed_at"))
                .col(timestamp_with_time_zone_null("disabled_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("sessions")
                // SHA-256 of the cookie's secret; the secret itself is never stored.
                .col(string("id").primary_key())
                .col(uuid("user_id"))
                .col(string("stage"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(integer("idle_timeout_secs"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("sessions", "sessions_user", &["user_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("api_tokens")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                .col(string_uniq("token_hash"))
                .col(string("scope"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("api_tokens", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("api_tokens", "api_tokens_user", &["user_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("clinician_profiles")
                .col(uuid("user_id").primary_key())
                .col(string("credential"))
                .col(string_null("license_number"))
                .col(string_null("license_region"))
                // Public profile text written by the clinician, not about a client.
                .col(text_null("bio"))
                .col(boolean("accepting_clients").default(true))
                .foreign_key(
                    &mut ForeignKey::create()
                        .from("clinician_profiles", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("clinician_approaches")
                .col(uuid("clinician_id"))
                .col(string("approach"))
                .primary_key(Index::create().col("clinician_id").col("approach"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .from("clinician_approaches", "clinician_id")
                        .to("clinician_profiles", "user_id")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("client_profiles")
                .col(uuid("user_id").primary_key())
                .col(date_null("date_of_birth"))
                // Sealed: who to call in an emergency.
                .col(text_null("emergency_contact"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .from("client_profiles", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("care_teams")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid("clinician_id"))
                .col(string("role"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .col(uuid_null("added_by"))
                .foreign_key(&mut fk("care_teams", "client_id", "users"))
                .foreign_key(&mut fk("care_teams", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("care_teams", "care_teams_client", &["client_id"]))
            .await?;
        m.create_index(index(
            "care_teams",
            "care_teams_clinician",
            &["clinician_id", "ended_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("consents")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(string("kind"))
                .col(uuid_null("grantee_id"))
                .col(string_null("scope"))
                .col(string("text_version"))
                .col(timestamp_with_time_zone("granted_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("consents", "client_id", "users"))
                .foreign_key(&mut fk("consents", "grantee_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("consents", "consents_client", &["client_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("login_throttle")
                // `account:<sha256 of e-mail>` or `address:<ip>`; no e-mail in clear.
                .col(string("key").primary_key())
                .col(integer("failures"))
                .col(timestamp_with_time_zone("window_started_at"))
                .col(timestamp_with_time_zone_null("blocked_until"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("audit_events")
                .col(big_integer("seq").primary_key())
                .col(uuid_uniq("id"))
                .col(timestamp_with_time_zone("at"))
                .col(uuid_null("actor_id"))
                .col(string_null("actor_role"))
                .col(string("action"))
                .col(uuid_null("client_id"))
                .col(string_null("resource"))
                .col(string("outcome"))
                .col(string_null("address"))
                .col(string_null("detail"))
                .col(string("prev_hash"))
                .col(string("hash"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "audit_events",
            "audit_events_client",
            &["client_id", "seq"],
        ))
        .await?;

        // The head of the chain: one row, locked by every append so the chain stays a line.
        m.create_table(
            Table::create()
                .table("audit_head")
                .col(integer("id").primary_key())
                .col(big_integer("seq"))
                .col(string("hash"))
                .take(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table("audit_head")
                .columns(["id", "seq", "hash"])
                .values_panic([1.into(), 0i64.into(), crate::audit::GENESIS.into()])
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_head",
            "audit_events",
            "login_throttle",
            "consents",
            "care_teams",
            "client_profiles",
            "clinician_approaches",
            "clinician_profiles",
            "api_tokens",
            "sessions",
            "users",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
