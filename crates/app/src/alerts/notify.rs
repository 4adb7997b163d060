//! Critical flags reach a person (issue 16, CLINICAL.md "A flag always reaches a person"): who
//! is told about a flag, at once and inside the transaction that raised it.

use rapport_core::notifications::NoticeKind;
use rapport_store::{WriteTx, care_teams, on_call, triage};
use uuid::Uuid;

use crate::notifications::{Notice, notify};
use crate::{App, Result};

/// Where a clinician handles a flag: its card in the alert inbox.
pub fn flag_link(flag_id: Uuid) -> String {
    format!("/alerts#alert-{flag_id}")
}

/// Who watches the client's flags: the active clinicians on the active care team, or, when
/// there are none, the active clinicians on triage duty. Empty when nobody does.
pub(crate) async fn watchers(tx: &WriteTx, client_id: Uuid) -> Result<Vec<Uuid>> {
    let c = tx.conn();
    let team: Vec<Uuid> = care_teams::team_of(c, client_id)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect();
    let team = on_call::active_clinicians(c, &team).await?;
    if !team.is_empty() {
        return Ok(team);
    }
    let duty = triage::on_duty(c).await?;
    Ok(on_call::active_clinicians(c, &duty).await?)
}

/// Tells the client's watchers about these flags (new safety flags, flags that rose to
/// critical, safety flags opened again): one `safety_flag` notice each, in the caller's
/// transaction. Nobody to tell is logged as a warning (ids only, nothing clinical).
pub(crate) async fn flag_raised(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    flag_ids: &[Uuid],
) -> Result<usize> {
    let to = watchers(tx, client_id).await?;
    if to.is_empty() {
        for id in flag_ids {
            tracing::warn!(
                flag = %id,
                "a safety flag was raised and nobody was told: the client has no care team and no clinician is on triage duty"
            );
        }
        return Ok(0);
    }
    let mut n = 0;
    for flag_id in flag_ids {
        for user_id in &to {
            notify(
                app,
                tx,
                Notice {
                    user_id: *user_id,
                    kind: NoticeKind::SafetyFlag,
                    client_id: Some(client_id),
                    subject_id: Some(*flag_id),
                    link: flag_link(*flag_id),
                },
            )
            .await?;
            n += 1;
        }
    }
    Ok(n)
}
