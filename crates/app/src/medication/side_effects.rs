//! The side-effects flag (CLINICAL.md "Early warning", row "side effects"): a FIBSER's burden
//! raises it, inside the transaction that stored the FIBSER, and it reaches the prescriber on
//! the care team at once (a notice), or — with no prescriber on the team — whoever watches the
//! client's flags.

use chrono::{DateTime, Utc};
use rapport_core::alerts::{self as rules, ClientData, FibserPoint, FlagKind, Level};
use rapport_core::notifications::NoticeKind;
use rapport_core::outcomes::Timestamp;
use rapport_store::WriteTx;
use rapport_store::alerts;
use rapport_store::episodes::Episode;
use uuid::Uuid;

use super::prescribers::prescribers_of;
use crate::alerts::flag_link;
use crate::alerts::notify::watchers;
use crate::alerts::raise::{Cause, Raised, raise_all};
use crate::notifications::{Notice, notify};
use crate::{App, Result};

/// Runs the side-effects rule on the FIBSER just stored (`answers`: frequency, intensity,
/// burden) and raises what it finds; tells the prescriber about a new flag or a higher level.
pub(crate) async fn after_fibser(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    measure_id: Uuid,
    now: DateTime<Utc>,
    answers: &[Option<u8>],
) -> Result<Vec<Raised>> {
    let item = |i: usize| answers.get(i).copied().flatten().unwrap_or(0);
    let at = Timestamp(now.timestamp());
    let data = ClientData {
        now: at,
        new_since: Some(at),
        fibser: vec![FibserPoint {
            at,
            frequency: item(0),
            intensity: item(1),
            burden: item(2),
        }],
        ..ClientData::default()
    };
    let triggers: Vec<_> = rules::evaluate(&data, None)
        .into_iter()
        .filter(|t| t.kind == FlagKind::SideEffects)
        .collect();
    if triggers.is_empty() {
        return Ok(vec![]);
    }
    let before: Option<Level> = alerts::unresolved_of(tx.conn(), client_id)
        .await?
        .into_iter()
        .find(|f| f.kind == FlagKind::SideEffects.as_str())
        .and_then(|f| Level::parse(&f.level));
    let cause = Cause {
        now,
        measure_id: Some(measure_id),
        checkin_id: None,
    };
    let raised = raise_all(app, tx, client_id, Some(episode.id), triggers, cause).await?;
    for r in &raised {
        if r.new || before.is_some_and(|b| r.level > b) {
            tell_prescribers(app, tx, client_id, r.flag_id).await?;
        }
    }
    Ok(raised)
}

async fn tell_prescribers(app: &App, tx: &WriteTx, client_id: Uuid, flag_id: Uuid) -> Result<()> {
    let mut to = prescribers_of(tx.conn(), client_id).await?;
    if to.is_empty() {
        to = watchers(tx, client_id).await?;
    }
    if to.is_empty() {
        tracing::warn!(flag = %flag_id, "a side-effects flag was raised and nobody was told");
    }
    for user_id in to {
        notify(
            app,
            tx,
            Notice {
                user_id,
                kind: NoticeKind::SideEffects,
                client_id: Some(client_id),
                subject_id: Some(flag_id),
                link: flag_link(flag_id),
            },
        )
        .await?;
    }
    Ok(())
}
