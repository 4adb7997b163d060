//! Critical flags reach a person (issue 16): a safety flag nobody acknowledged within the
//! practice's time is escalated to the on-call clinician, and the escalation is recorded on
//! the flag.
//!
//! The clock of a flag starts when it became open: when it was opened, or, for a safety flag
//! a clinician had acknowledged and new evidence opened again, at that evidence. Each such
//! stretch is escalated once (a unique row per flag and stretch: two servers running this at
//! once escalate once). Nobody on call: the clinicians on triage duty are told instead; nobody
//! there either: the escalation is recorded as reaching nobody, a warning is logged, and the
//! next run tells whoever is on call by then.

use chrono::{DateTime, Duration, Utc};
use rapport_core::notifications::NoticeKind;
use rapport_store::accounts::users;
use rapport_store::alerts::{self, Flag};
use rapport_store::on_call::{self as store, Escalation, NOBODY, ON_CALL, TRIAGE};
use rapport_store::{ConnectionTrait, WriteTx, triage};
use uuid::Uuid;

use super::notify::flag_link;
use crate::audit_log::{Entry, record};
use crate::notifications::{Notice, notify};
use crate::{App, Result};

/// Escalates every safety flag whose time ran out and that was not escalated yet; how many.
/// Idempotent: a run repeated after a crash escalates nothing twice.
pub async fn escalate_due(app: &App) -> Result<usize> {
    let c = app.db.conn();
    let minutes = super::on_call::escalation_minutes(c).await?;
    let cutoff = app.now() - Duration::minutes(minutes);
    let mut escalated = 0;
    for flag in store::open_safety_flags(c).await? {
        let since = since_of(c, &flag).await?;
        if since > cutoff {
            continue;
        }
        match store::escalation_for(c, flag.id, since).await? {
            Some(e) if e.via != NOBODY => continue,
            _ => {}
        }
        if escalate(app, &flag, since).await? {
            escalated += 1;
        }
    }
    Ok(escalated)
}

/// When the flag's current unacknowledged stretch began.
async fn since_of(c: &impl ConnectionTrait, f: &Flag) -> Result<DateTime<Utc>> {
    Ok(match f.acknowledged_at {
        None => f.opened_at,
        Some(ack) => store::first_evidence_after(c, f.id, ack)
            .await?
            .unwrap_or(f.last_evidence_at),
    })
}

/// Who is told at `now`: the clinicians on call, or, with nobody on call, those on triage duty.
async fn reach(tx: &WriteTx, now: DateTime<Utc>) -> Result<(&'static str, Vec<Uuid>)> {
    let c = tx.conn();
    let on_call = store::on_call_at(c, now).await?;
    if !on_call.is_empty() {
        return Ok((ON_CALL, on_call));
    }
    let duty = store::active_clinicians(c, &triage::on_duty(c).await?).await?;
    if !duty.is_empty() {
        return Ok((TRIAGE, duty));
    }
    Ok((NOBODY, vec![]))
}

/// Escalates one flag's stretch, unless it was acknowledged meanwhile or another server
/// escalated it first; whether this call did.
async fn escalate(app: &App, flag: &Flag, since: DateTime<Utc>) -> Result<bool> {
    let tx = app.db.write().await?;
    users::lock(&tx, flag.client_id).await?;
    let c = tx.conn();
    let Some(fresh) = alerts::find(c, flag.id).await? else {
        return Ok(false);
    };
    if fresh.status != "open" || since_of(c, &fresh).await? != since {
        return Ok(false);
    }
    let now = app.now();
    let (via, to) = reach(&tx, now).await?;
    let escalation_id = match store::escalation_for(c, flag.id, since).await? {
        // It reached nobody before: try again, once someone can be told.
        Some(e) if e.via == NOBODY => {
            if to.is_empty() || !store::reached_later(c, e.id, via, now).await? {
                return Ok(false);
            }
            e.id
        }
        Some(_) => return Ok(false),
        None => {
            let id = app.new_id();
            let e = Escalation {
                id,
                flag_id: flag.id,
                since,
                escalated_at: now,
                via: via.to_string(),
            };
            if !store::claim(c, e).await? {
                return Ok(false);
            }
            id
        }
    };
    let rows: Vec<(Uuid, Uuid)> = to.iter().map(|u| (app.new_id(), *u)).collect();
    store::add_recipients(c, escalation_id, &rows).await?;
    for user_id in &to {
        notify(
            app,
            &tx,
            Notice {
                user_id: *user_id,
                kind: NoticeKind::FlagEscalated,
                client_id: Some(flag.client_id),
                subject_id: Some(flag.id),
                link: flag_link(flag.id),
            },
        )
        .await?;
    }
    if to.is_empty() {
        tracing::warn!(
            flag = %flag.id,
            "a safety flag was not acknowledged in time and nobody could be told: no clinician is on call or on triage duty"
        );
    }
    let mut e = Entry::ok("alert.escalated").resource(format!("flag:{}", flag.id));
    e.detail = Some(format!("{via}: {} clinician(s) told", to.len()));
    record(app, &tx, None, None, e).await?;
    tx.commit().await?;
    Ok(true)
}
