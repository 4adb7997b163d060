use rapport_store::WriteTx;
use rapport_store::alerts::{self, Evidence, Flag};
use uuid::Uuid;

use super::level_rank;
use crate::{App, Result};

/// A rule fired: what to flag, and the evidence.
#[derive(Debug, Clone)]
pub struct Raise {
    pub kind: String,
    pub level: String,
    /// The rule in plain words, shown to the clinician.
    pub explanation: String,
    /// Which rule fired (a stable code) and its numbers.
    pub rule: String,
    pub detail: String,
    pub measure_id: Option<Uuid>,
    pub checkin_id: Option<Uuid>,
}

/// What raising did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Raised {
    pub flag_id: Uuid,
    pub kind: String,
    pub level: String,
    /// False when the trigger added evidence to a flag already unresolved.
    pub new: bool,
}

/// Opens a flag, or adds evidence to the unresolved flag of the same kind (CLINICAL.md: one
/// open flag of a kind per client at a time). Call it inside the transaction of the write
/// that triggered it, after `lock_client`, so that two writes for one client take turns.
pub async fn raise(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode_id: Option<Uuid>,
    r: Raise,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Raised> {
    let c = tx.conn();
    let evidence = |flag_id: Uuid| Evidence {
        id: app.new_id(),
        flag_id,
        at: now,
        rule: r.rule.clone(),
        detail: r.detail.clone(),
        measure_id: r.measure_id,
        checkin_id: r.checkin_id,
    };
    let existing = alerts::unresolved_of(c, client_id)
        .await?
        .into_iter()
        .find(|f| f.kind == r.kind);
    match existing {
        Some(flag) => {
            let rises = level_rank(&r.level) < level_rank(&flag.level);
            let level = if rises {
                r.level.clone()
            } else {
                flag.level.clone()
            };
            // New evidence of risk to life, or a rise in level, needs the clinician's eyes
            // again; more of the same on a flag they acknowledged does not.
            let reopen = rises || r.kind == "safety";
            alerts::add_evidence(c, &flag, &level, reopen, evidence(flag.id)).await?;
            Ok(Raised {
                flag_id: flag.id,
                kind: r.kind,
                level,
                new: false,
            })
        }
        None => {
            let id = app.new_id();
            let flag = Flag {
                id,
                client_id,
                episode_id,
                kind: r.kind.clone(),
                level: r.level.clone(),
                status: "open".into(),
                explanation: r.explanation.clone(),
                opened_at: now,
                last_evidence_at: now,
                acknowledged_at: None,
                acknowledged_by: None,
                acknowledge_note: None,
                resolved_at: None,
                resolved_by: None,
                resolve_note: None,
            };
            alerts::open(c, flag, evidence(id)).await?;
            Ok(Raised {
                flag_id: id,
                kind: r.kind,
                level: r.level,
                new: true,
            })
        }
    }
}
