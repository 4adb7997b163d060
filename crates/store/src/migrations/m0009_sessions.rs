//! Sessions and what hangs off them: who takes part and whether they came, reschedules and
//! cancellations with their reasons, progress notes (DAP, signed, amended), psychotherapy notes
//! (apart, author only), the client's session feedback, private calendar feeds, and requests
//! for another therapist. Reasons, notes, comments and places are sealed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0009_sessions"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("therapy_sessions")
                .col(pk_uuid("id"))
                .col(uuid_null("series_id"))
                .col(uuid("clinician_id"))
                // individual | family | group
                .col(string("kind"))
                // in_person | online | phone
                .col(string("modality"))
                .col(text_null("place"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(small_integer("minutes"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("therapy_sessions", "clinician_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "therapy_sessions",
            "therapy_sessions_clinician_start",
            &["clinician_id", "starts_at"],
        ))
        .await?;
        m.create_index(index(
            "therapy_sessions",
            "therapy_sessions_series",
            &["series_id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("session_attendees")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                // attended | late_cancelled | no_show; empty until recorded
                .col(string_null("attendance"))
                .col(timestamp_with_time_zone_null("marked_at"))
                .col(uuid_null("marked_by"))
                .foreign_key(&mut fk(
                    "session_attendees",
                    "session_id",
                    "therapy_sessions",
                ))
                .foreign_key(&mut fk("session_attendees", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "session_attendees",
                "session_attendees_session_client",
                &["session_id", "client_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_index(index(
            "session_attendees",
            "session_attendees_client",
            &["client_id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("session_changes")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(timestamp_with_time_zone("at"))
                .col(uuid("by"))
                // rescheduled | cancelled | reschedule_requested
                .col(string("kind"))
                .col(timestamp_with_time_zone_null("from_starts_at"))
                .col(timestamp_with_time_zone_null("to_starts_at"))
                .col(text("reason"))
                .foreign_key(&mut fk("session_changes", "session_id", "therapy_sessions"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "session_changes",
            "session_changes_session",
            &["session_id", "at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("progress_notes")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                .col(uuid("author_id"))
                .col(text_null("data"))
                .col(text_null("assessment"))
                .col(text_null("plan"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("signed_at"))
                .foreign_key(&mut fk("progress_notes", "session_id", "therapy_sessions"))
                .foreign_key(&mut fk("progress_notes", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "progress_notes",
                "progress_notes_session_client",
                &["session_id", "client_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_index(index(
            "progress_notes",
            "progress_notes_client",
            &["client_id", "created_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("note_amendments")
                .col(pk_uuid("id"))
                .col(uuid("note_id"))
                .col(timestamp_with_time_zone("at"))
                .col(uuid("by"))
                .col(text("body"))
                .foreign_key(&mut fk("note_amendments", "note_id", "progress_notes"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "note_amendments",
            "note_amendments_note",
            &["note_id", "at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("psychotherapy_notes")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                .col(uuid("author_id"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "psychotherapy_notes",
                    "session_id",
                    "therapy_sessions",
                ))
                .foreign_key(&mut fk("psychotherapy_notes", "author_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "psychotherapy_notes",
                "psychotherapy_notes_author_session_client",
                &["author_id", "session_id", "client_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("session_feedback")
                .col(pk_uuid("id"))
                .col(uuid("session_id"))
                .col(uuid("client_id"))
                .col(timestamp_with_time_zone("at"))
                .col(small_integer("heard"))
                .col(small_integer("worked_on"))
                .col(small_integer("approach"))
                .col(small_integer("overall"))
                .col(text_null("comment"))
                .foreign_key(&mut fk(
                    "session_feedback",
                    "session_id",
                    "therapy_sessions",
                ))
                .foreign_key(&mut fk("session_feedback", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "session_feedback",
                "session_feedback_session_client",
                &["session_id", "client_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_index(index(
            "session_feedback",
            "session_feedback_client",
            &["client_id", "at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("calendar_feeds")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("calendar_feeds", "user_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("calendar_feeds", "calendar_feeds_user", &["user_id"]))
            .await?;
        m.create_table(
            Table::create()
                .table("therapist_requests")
                .col(pk_uuid("id"))
                .col(uuid("client_id"))
                .col(timestamp_with_time_zone("at"))
                .col(text_null("reason"))
                // open | closed
                .col(string("status"))
                .col(uuid_null("handled_by"))
                .col(timestamp_with_time_zone_null("handled_at"))
                .foreign_key(&mut fk("therapist_requests", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "therapist_requests",
            "therapist_requests_status",
            &["status", "at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "therapist_requests",
            "calendar_feeds",
            "session_feedback",
            "psychotherapy_notes",
            "note_amendments",
            "progress_notes",
            "session_changes",
            "session_attendees",
            "therapy_sessions",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
