use rapport_core::alerts::{FlagKind, FlagStatus, Level, OpenFlag, Trigger, route_triggers};
use rapport_store::WriteTx;
use rapport_store::alerts::{self, Evidence, Flag};
use uuid::Uuid;

use crate::words::stored;
use crate::{App, Error, Result};

/// What raising did to one flag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Raised {
    pub flag_id: Uuid,
    pub kind: FlagKind,
    /// The flag's level afterwards.
    pub level: Level,
    /// False when the triggers added evidence to a flag already unresolved.
    pub new: bool,
}

/// What caused a write's triggers: when, and the stored record behind them (if any).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cause {
    pub now: chrono::DateTime<chrono::Utc>,
    pub measure_id: Option<Uuid>,
    pub checkin_id: Option<Uuid>,
}

impl Cause {
    pub(crate) fn at(now: chrono::DateTime<chrono::Utc>) -> Cause {
        Cause {
            now,
            measure_id: None,
            checkin_id: None,
        }
    }
}

/// Stores the triggers the caller's write is responsible for, as core routes them
/// (`route_triggers`: one unresolved flag of a kind per client, CLINICAL.md): evidence to the
/// flag of the kind, or a new flag. One flag each, safety first. Call it inside the
/// transaction of the write that triggered them, after `lock_client`, so that two writes for
/// one client take turns.
pub(crate) async fn raise_all(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode_id: Option<Uuid>,
    triggers: Vec<Trigger>,
    cause: Cause,
) -> Result<Vec<Raised>> {
    if triggers.is_empty() {
        return Ok(vec![]);
    }
    let c = tx.conn();
    let unresolved = alerts::unresolved_of(c, client_id).await?;
    let open = unresolved
        .iter()
        .enumerate()
        .map(|(i, f)| {
            Ok(OpenFlag {
                id: i,
                kind: stored(&f.kind, FlagKind::parse)?,
                level: stored(&f.level, Level::parse)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let evidence = |flag_id: Uuid, triggers: &[Trigger]| {
        triggers
            .iter()
            .map(|t| {
                Ok(Evidence {
                    id: app.new_id(),
                    flag_id,
                    at: cause.now,
                    rule: t.rule_id.to_string(),
                    detail: serde_json::to_string(&t.evidence)
                        .map_err(|e| Error::Internal(e.to_string()))?,
                    measure_id: cause.measure_id,
                    checkin_id: cause.checkin_id,
                })
            })
            .collect::<Result<Vec<_>>>()
    };
    let routing = route_triggers(&open, triggers);
    let mut out = Vec::new();
    let mut tell = Vec::new();
    for add in routing.add_evidence {
        let (flag, kind) = (&unresolved[add.flag], open[add.flag].kind);
        let rows = evidence(flag.id, &add.triggers)?;
        alerts::add_evidence(c, flag, add.level.as_str(), add.reopen, rows).await?;
        let reopened = add.reopen && flag.status == FlagStatus::Acknowledged.as_str();
        if tells_at_once(kind, open[add.flag].level, add.level, reopened) {
            tell.push(flag.id);
        }
        out.push(Raised {
            flag_id: flag.id,
            kind,
            level: add.level,
            new: false,
        });
    }
    for new in routing.open {
        let id = app.new_id();
        let flag = Flag {
            id,
            client_id,
            episode_id,
            kind: new.kind.as_str().into(),
            level: new.level.as_str().into(),
            status: FlagStatus::Open.as_str().into(),
            explanation: new.explanation().into(),
            opened_at: cause.now,
            last_evidence_at: cause.now,
            acknowledged_at: None,
            acknowledged_by: None,
            acknowledge_note: None,
            resolved_at: None,
            resolved_by: None,
            resolve_note: None,
        };
        alerts::open(c, flag, evidence(id, &new.triggers)?).await?;
        if new.kind == FlagKind::Safety || new.level == Level::Critical {
            tell.push(id);
        }
        out.push(Raised {
            flag_id: id,
            kind: new.kind,
            level: new.level,
            new: true,
        });
    }
    if !tell.is_empty() {
        super::notify::flag_raised(app, tx, client_id, &tell).await?;
    }
    out.sort_by_key(|r| r.kind);
    Ok(out)
}

/// Whether evidence added to an unresolved flag tells its watchers at once: the flag rose to
/// critical, or a safety flag a clinician had acknowledged opened again. More evidence on a
/// flag they were told about, at the same level, tells nobody again.
fn tells_at_once(kind: FlagKind, before: Level, after: Level, reopened: bool) -> bool {
    (after == Level::Critical && before < Level::Critical) || (kind == FlagKind::Safety && reopened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_rise_to_critical_or_a_reopened_safety_flag_tells_again() {
        use FlagKind::*;
        use Level::*;
        assert!(tells_at_once(Safety, Medium, Critical, true));
        assert!(tells_at_once(Safety, Critical, Critical, true));
        assert!(!tells_at_once(Safety, Critical, Critical, false));
        assert!(!tells_at_once(Deterioration, High, High, false));
        assert!(!tells_at_once(Deterioration, Medium, High, true));
    }
}
