//! Measurement-based care: episodes of care (the unit measures, flags and, later, sessions
//! and homework belong to), measures and their answers, daily check-ins, the client's own
//! warning signs, early-warning flags with their evidence, structured risk assessments,
//! measure schedules, and idempotency keys for retried API submissions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_measurement"
    }
}

const TABLES: [&str; 11] = [
    "idempotency_keys",
    "measure_schedules",
    "risk_assessments",
    "flag_evidence",
    "flags",
    "checkin_signs",
    "checkins",
    "warning_signs",
    "measure_answers",
    "measures",
    "episodes",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("episodes")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                // consultation | active | maintenance | closed
                .col(string("state"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("discharged_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(uuid_null("opened_by"))
                .foreign_key(&mut fk("episodes", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "episodes",
            "episodes_client",
            &["client_id", "started_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("measures")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid("episode_id"))
                .col(string("instrument"))
                .col(timestamp_with_time_zone("taken_at"))
                .col(small_integer("total"))
                .col(string_null("band"))
                .col(boolean("prorated"))
                .col(small_integer_null("item9"))
                .col(small_integer_null("difficulty"))
                .col(uuid("submitted_by"))
                .foreign_key(&mut fk("measures", "client_id", "users"))
                .foreign_key(&mut fk("measures", "episode_id", "episodes"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "measures",
            "measures_client",
            &["client_id", "instrument", "taken_at"],
        ))
        .await?;
        m.create_index(index(
            "measures",
            "measures_episode",
            &["episode_id", "taken_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("measure_answers")
                .col(uuid("measure_id"))
                .col(small_integer("item"))
                .col(small_integer_null("value"))
                .primary_key(Index::create().col("measure_id").col("item"))
                .foreign_key(&mut fk("measure_answers", "measure_id", "measures"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("warning_signs")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                // Sealed: the sign in the client's own words.
                .col(text("label"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("retired_at"))
                .foreign_key(&mut fk("warning_signs", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "warning_signs",
            "warning_signs_client",
            &["client_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("checkins")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid_null("episode_id"))
                // The client's own calendar day, in their timezone.
                .col(date("day"))
                .col(timestamp_with_time_zone("taken_at"))
                .col(small_integer("mood"))
                // Hours slept in quarter hours (0–96).
                .col(small_integer("sleep_quarters"))
                // taken | missed | not_prescribed
                .col(string("medication"))
                // Sealed.
                .col(text_null("note"))
                .col(uuid("reported_by"))
                .foreign_key(&mut fk("checkins", "client_id", "users"))
                .foreign_key(&mut fk("checkins", "episode_id", "episodes"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "checkins",
            "checkins_client_day",
            &["client_id", "day"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("checkin_signs")
                .col(uuid("checkin_id"))
                .col(uuid("sign_id"))
                .primary_key(Index::create().col("checkin_id").col("sign_id"))
                .foreign_key(&mut fk("checkin_signs", "checkin_id", "checkins"))
                .foreign_key(&mut fk("checkin_signs", "sign_id", "warning_signs"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("flags")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid_null("episode_id"))
                .col(string("kind"))
                .col(string("level"))
                // open | acknowledged | resolved
                .col(string("status"))
                // The rule in plain words (product text, not about the client).
                .col(text("explanation"))
                .col(timestamp_with_time_zone("opened_at"))
                .col(timestamp_with_time_zone("last_evidence_at"))
                .col(timestamp_with_time_zone_null("acknowledged_at"))
                .col(uuid_null("acknowledged_by"))
                // Sealed.
                .col(text_null("acknowledge_note"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(uuid_null("resolved_by"))
                // Sealed.
                .col(text_null("resolve_note"))
                .foreign_key(&mut fk("flags", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("flags", "flags_client", &["client_id", "status"]))
            .await?;
        m.create_index(index(
            "flags",
            "flags_status",
            &["status", "level", "opened_at"],
        ))
        .await?;
        // One unresolved flag of a kind per client (CLINICAL.md "Early warning").
        m.create_index(
            Index::create()
                .name("flags_one_unresolved_per_kind")
                .table("flags")
                .col("client_id")
                .col("kind")
                .unique()
                .and_where(Expr::col("status").ne("resolved"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("flag_evidence")
                .col(pk_uuid("id"))
                .col(uuid("flag_id"))
                .col(timestamp_with_time_zone("at"))
                // Which rule fired, and its numbers (codes and scores only, no free text).
                .col(string("rule"))
                .col(text("detail"))
                .col(uuid_null("measure_id"))
                .col(uuid_null("checkin_id"))
                .foreign_key(&mut fk("flag_evidence", "flag_id", "flags"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "flag_evidence",
            "flag_evidence_flag",
            &["flag_id", "at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("risk_assessments")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(uuid_null("flag_id"))
                .col(uuid("clinician_id"))
                .col(timestamp_with_time_zone("at"))
                // none | passive | active
                .col(string("ideation"))
                // none | vague | specific
                .col(string("plan"))
                // none | some | clear
                .col(string("intent"))
                // none | preparatory | attempt
                .col(string("recent_behaviour"))
                // Sealed free text.
                .col(text_null("protective_factors"))
                // low | moderate | high
                .col(string("judgement"))
                // Sealed free text.
                .col(text_null("actions"))
                .foreign_key(&mut fk("risk_assessments", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "risk_assessments",
            "risk_assessments_client",
            &["client_id", "at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("measure_schedules")
                .col(uuid("client_id"))
                // phq9 | gad7 | who5 | checkin
                .col(string("instrument"))
                .col(integer("every_days"))
                .col(boolean("before_session"))
                .col(uuid_null("set_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col("client_id").col("instrument"))
                .foreign_key(&mut fk("measure_schedules", "client_id", "users"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("idempotency_keys")
                .col(uuid("user_id"))
                .col(string("key"))
                .col(string("route"))
                .col(small_integer("status"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("user_id").col("key"))
                .foreign_key(&mut fk("idempotency_keys", "user_id", "users"))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
