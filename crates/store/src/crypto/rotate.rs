use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, StatementBuilder};
use uuid::Uuid;

use super::Keyring;
use crate::{Backend, Db, Result};

/// A column holding sealed values, and the column naming its row.
#[derive(Debug, Clone, Copy)]
pub struct EncryptedColumn {
    pub table: &'static str,
    pub id_column: &'static str,
    pub column: &'static str,
}

/// Every sealed column in the schema. A new encrypted field is added here, and the key
/// rotation and the encryption-at-rest test pick it up.
pub const ENCRYPTED_COLUMNS: &[EncryptedColumn] = &[
    EncryptedColumn {
        table: "review_questions",
        id_column: "id",
        column: "questions",
    },
    EncryptedColumn {
        table: "medication_items",
        id_column: "id",
        column: "name",
    },
    EncryptedColumn {
        table: "medication_items",
        id_column: "id",
        column: "dose",
    },
    EncryptedColumn {
        table: "medication_items",
        id_column: "id",
        column: "schedule",
    },
    EncryptedColumn {
        table: "medication_items",
        id_column: "id",
        column: "prescriber",
    },
    EncryptedColumn {
        table: "medication_items",
        id_column: "id",
        column: "stop_reason",
    },
    EncryptedColumn {
        table: "consultations",
        id_column: "id",
        column: "times",
    },
    EncryptedColumn {
        table: "consultations",
        id_column: "id",
        column: "message",
    },
    EncryptedColumn {
        table: "consultations",
        id_column: "id",
        column: "decline_reason",
    },
    EncryptedColumn {
        table: "consultations",
        id_column: "id",
        column: "feedback",
    },
    EncryptedColumn {
        table: "family_invitations",
        id_column: "id",
        column: "email",
    },
    EncryptedColumn {
        table: "family_invitations",
        id_column: "id",
        column: "name",
    },
    EncryptedColumn {
        table: "family_invitations",
        id_column: "id",
        column: "relationship",
    },
    EncryptedColumn {
        table: "family_links",
        id_column: "id",
        column: "relationship",
    },
    EncryptedColumn {
        table: "group_notes",
        id_column: "id",
        column: "text",
    },
    EncryptedColumn {
        table: "erasure_requests",
        id_column: "id",
        column: "reason",
    },
    EncryptedColumn {
        table: "erasure_requests",
        id_column: "id",
        column: "decline_reason",
    },
    EncryptedColumn {
        table: "observations",
        id_column: "id",
        column: "note",
    },
    EncryptedColumn {
        table: "observations",
        id_column: "id",
        column: "hidden_reason",
    },
    EncryptedColumn {
        table: "therapy_sessions",
        id_column: "id",
        column: "place",
    },
    EncryptedColumn {
        table: "room_lines",
        id_column: "id",
        column: "body",
    },
    EncryptedColumn {
        table: "session_changes",
        id_column: "id",
        column: "reason",
    },
    EncryptedColumn {
        table: "session_requests",
        id_column: "id",
        column: "message",
    },
    EncryptedColumn {
        table: "progress_notes",
        id_column: "id",
        column: "data",
    },
    EncryptedColumn {
        table: "progress_notes",
        id_column: "id",
        column: "assessment",
    },
    EncryptedColumn {
        table: "progress_notes",
        id_column: "id",
        column: "plan",
    },
    EncryptedColumn {
        table: "note_amendments",
        id_column: "id",
        column: "body",
    },
    EncryptedColumn {
        table: "psychotherapy_notes",
        id_column: "id",
        column: "body",
    },
    EncryptedColumn {
        table: "session_feedback",
        id_column: "id",
        column: "comment",
    },
    EncryptedColumn {
        table: "therapist_requests",
        id_column: "id",
        column: "reason",
    },
    EncryptedColumn {
        table: "intakes",
        id_column: "id",
        column: "body",
    },
    EncryptedColumn {
        table: "plan_versions",
        id_column: "id",
        column: "body",
    },
    EncryptedColumn {
        table: "users",
        id_column: "id",
        column: "name",
    },
    EncryptedColumn {
        table: "users",
        id_column: "id",
        column: "totp_secret",
    },
    EncryptedColumn {
        table: "client_profiles",
        id_column: "user_id",
        column: "emergency_contact",
    },
    EncryptedColumn {
        table: "warning_signs",
        id_column: "id",
        column: "label",
    },
    EncryptedColumn {
        table: "checkins",
        id_column: "id",
        column: "note",
    },
    EncryptedColumn {
        table: "flags",
        id_column: "id",
        column: "acknowledge_note",
    },
    EncryptedColumn {
        table: "flags",
        id_column: "id",
        column: "resolve_note",
    },
    EncryptedColumn {
        table: "risk_assessments",
        id_column: "id",
        column: "protective_factors",
    },
    EncryptedColumn {
        table: "risk_assessments",
        id_column: "id",
        column: "actions",
    },
    EncryptedColumn {
        table: "safety_plans",
        id_column: "id",
        column: "warning_signs",
    },
    EncryptedColumn {
        table: "safety_plans",
        id_column: "id",
        column: "coping",
    },
    EncryptedColumn {
        table: "safety_plans",
        id_column: "id",
        column: "distractions",
    },
    EncryptedColumn {
        table: "safety_plans",
        id_column: "id",
        column: "people",
    },
    EncryptedColumn {
        table: "safety_plans",
        id_column: "id",
        column: "professionals",
    },
    EncryptedColumn {
        table: "safety_plans",
        id_column: "id",
        column: "environment",
    },
    EncryptedColumn {
        table: "episode_events",
        id_column: "id",
        column: "reason",
    },
    EncryptedColumn {
        table: "goals",
        id_column: "id",
        column: "title",
    },
    EncryptedColumn {
        table: "goals",
        id_column: "id",
        column: "success",
    },
    EncryptedColumn {
        table: "goals",
        id_column: "id",
        column: "measured_by",
    },
    EncryptedColumn {
        table: "goals",
        id_column: "id",
        column: "close_reason",
    },
    EncryptedColumn {
        table: "goal_progress",
        id_column: "id",
        column: "note",
    },
    EncryptedColumn {
        table: "homework_assignments",
        id_column: "id",
        column: "instructions",
    },
    EncryptedColumn {
        table: "homework_entries",
        id_column: "id",
        column: "content",
    },
    EncryptedColumn {
        table: "homework_entries",
        id_column: "id",
        column: "review_comment",
    },
    EncryptedColumn {
        table: "messages",
        id_column: "id",
        column: "body",
    },
    EncryptedColumn {
        table: "emergency_openings",
        id_column: "id",
        column: "reason",
    },
];

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RotationReport {
    pub resealed: u64,
    pub already_current: u64,
}

/// Re-seals every value not sealed with the active key, a page at a time in short
/// transactions, so the server keeps serving while it runs. A value changed by someone else
/// meanwhile is left alone (it was sealed anew by that change).
pub async fn reseal_all(db: &Db) -> Result<RotationReport> {
    const PAGE: u64 = 500;
    let keys = db.keys();
    let active = keys.active_key_id();
    let backend = match db.backend() {
        Backend::Sqlite => DbBackend::Sqlite,
        Backend::Postgres => DbBackend::Postgres,
    };
    let mut report = RotationReport::default();
    for col in ENCRYPTED_COLUMNS {
        let mut after: Option<Uuid> = None;
        loop {
            let mut q = Query::select();
            q.columns([col.id_column, col.column])
                .from(col.table)
                .and_where(Expr::col(col.column).is_not_null())
                .order_by(col.id_column, sea_orm::sea_query::Order::Asc)
                .limit(PAGE);
            if let Some(a) = after {
                q.and_where(Expr::col(col.id_column).gt(a));
            }
            let rows = db
                .conn()
                .query_all_raw(StatementBuilder::build(&q, &backend))
                .await?;
            if rows.is_empty() {
                break;
            }
            let tx = db.write().await?;
            for row in &rows {
                let id: Uuid = row.try_get("", col.id_column)?;
                let sealed: String = row.try_get("", col.column)?;
                after = Some(id);
                if Keyring::key_id_of(&sealed) == Some(active.as_str()) {
                    report.already_current += 1;
                    continue;
                }
                let plain = zeroize::Zeroizing::new(keys.open(
                    col.table,
                    col.column,
                    &id.to_string(),
                    &sealed,
                )?);
                let fresh = keys.seal(col.table, col.column, &id.to_string(), &plain)?;
                let update = Query::update()
                    .table(col.table)
                    .value(col.column, fresh)
                    .and_where(Expr::col(col.id_column).eq(id))
                    .and_where(Expr::col(col.column).eq(sealed))
                    .take();
                let res = tx
                    .conn()
                    .execute_raw(StatementBuilder::build(&update, &backend))
                    .await?;
                report.resealed += res.rows_affected();
            }
            tx.commit().await?;
            if (rows.len() as u64) < PAGE {
                break;
            }
        }
    }
    Ok(report)
}
