//! The alert workflow: flags are raised by the rules (one unresolved flag of a kind per
//! client; a new trigger adds evidence), seen by the client's care team, acknowledged with a
//! note, and resolved. A structured risk assessment judging risk high raises a safety flag.

mod escalation;
pub(crate) mod evaluate;
pub(crate) mod notify;
pub mod on_call;
mod progress;
pub(crate) mod raise;
mod risk;
mod sweep;

pub use escalation::escalate_due;
pub use notify::flag_link;
pub use raise::Raised;
pub use risk::{RiskInput, record_risk_assessment};
pub use sweep::{page_reads_differ, sweep, sweep_slots};

use chrono::{DateTime, Utc};
use rapport_core::alerts::{FlagKind, FlagStatus, Level};
use rapport_store::accounts::users;
use rapport_store::alerts::{self, Flag, Handling};
use rapport_store::triage;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, journal};
use crate::policy::Action;
use crate::words::stored;
use crate::{Actor, App, Error, Result};

/// One piece of evidence behind a flag.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EvidenceView {
    pub at: DateTime<Utc>,
    pub rule: String,
    pub detail: String,
    pub measure_id: Option<Uuid>,
}

/// A flag as the care team sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AlertView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub kind: FlagKind,
    pub level: Level,
    pub status: FlagStatus,
    pub created_at: DateTime<Utc>,
    pub last_evidence_at: DateTime<Utc>,
    pub explanation: String,
    pub evidence: Vec<EvidenceView>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledge_note: Option<String>,
    /// The client has no active care team: the flag reached the actor through triage duty.
    pub triage: bool,
    /// The flag's latest escalation (issue 16), if nobody acknowledged it in time.
    pub escalation: Option<EscalationView>,
    /// The flag was escalated to the actor on call; they are not on the client's care team.
    pub on_call: bool,
}

/// An unacknowledged safety flag's escalation: when, how, and whom it reached.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EscalationView {
    pub at: DateTime<Utc>,
    /// `on_call`, `triage` (nobody was on call) or `nobody`.
    pub via: String,
    /// The clinicians told, with their names.
    pub to: Vec<(Uuid, String)>,
}

/// Which flags to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Open and acknowledged (not yet resolved).
    Unresolved,
    Open,
    Acknowledged,
    Resolved,
}

impl StatusFilter {
    pub fn parse(s: &str) -> Option<StatusFilter> {
        match s {
            "unresolved" => Some(StatusFilter::Unresolved),
            "open" => Some(StatusFilter::Open),
            "acknowledged" => Some(StatusFilter::Acknowledged),
            "resolved" => Some(StatusFilter::Resolved),
            _ => None,
        }
    }

    fn statuses(self) -> &'static [&'static str] {
        match self {
            StatusFilter::Unresolved => &["open", "acknowledged"],
            StatusFilter::Open => &["open"],
            StatusFilter::Acknowledged => &["acknowledged"],
            StatusFilter::Resolved => &["resolved"],
        }
    }
}

/// The flags the clinician must see: their clients', on triage duty those of clients with no
/// active care team, and those escalated to them on call (issue 16).
async fn flags_seen_by(
    app: &App,
    actor: &Actor,
    statuses: &[&str],
) -> Result<(Vec<Flag>, Vec<Flag>, Vec<Flag>)> {
    let c = app.db.conn();
    // Three reads that need nothing of each other, side by side on the pool.
    let (own, unassigned, escalated) = tokio::try_join!(
        alerts::of_clinicians_clients(c, actor.user_id, statuses),
        async {
            if triage::is_on_duty(c, actor.user_id).await? {
                triage::unassigned_flags(c, statuses).await
            } else {
                Ok(vec![])
            }
        },
        rapport_store::on_call::escalated_to(c, actor.user_id, None, statuses),
    )?;
    let escalated = escalated
        .into_iter()
        .filter(|f| !own.iter().chain(&unassigned).any(|o| o.id == f.id))
        .collect();
    Ok((own, unassigned, escalated))
}

/// The flags of the clinician's clients (and, on triage duty, of clients with no care team):
/// critical first, then the most recent.
pub async fn inbox(app: &App, actor: &Actor, filter: StatusFilter) -> Result<Vec<AlertView>> {
    access::allow(actor, Action::ReadCaseload)?;
    let (own, unassigned, escalated) = flags_seen_by(app, actor, filter.statuses()).await?;
    let mut views = views_of(app.db.conn(), app.db.keys(), own).await?;
    for mut v in views_of(app.db.conn(), app.db.keys(), unassigned).await? {
        v.triage = true;
        views.push(v);
    }
    for mut v in views_of(app.db.conn(), app.db.keys(), escalated).await? {
        v.on_call = true;
        views.push(v);
    }
    views.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then(b.last_evidence_at.cmp(&a.last_evidence_at))
    });
    journal(app, actor, Entry::ok("alerts.read")).await?;
    Ok(views)
}

/// A client's flags, for their chart (newest first). The flags' notes are opened, so the
/// read is recorded.
pub async fn of_client(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<AlertView>> {
    let scope = access::read(app, actor, Action::HandleAlerts, client_id, "alerts.read").await?;
    let flags = alerts::of_client(&scope.client()).await?;
    let views = views_of(scope.conn(), scope.keys(), flags).await?;
    scope.finish(Entry::ok("alerts.read")).await?;
    Ok(views)
}

/// How many open (unacknowledged) critical flags the clinician's clients have: the banner
/// at the top of every clinician page.
pub async fn open_critical_count(app: &App, actor: &Actor) -> Result<usize> {
    let (own, unassigned, escalated) = flags_seen_by(app, actor, &["open"]).await?;
    Ok(own
        .iter()
        .chain(&unassigned)
        .chain(&escalated)
        .filter(|f| f.level == Level::Critical.as_str())
        .count())
}

/// Stored flags as views: their evidence, escalations and the names of those who acted on
/// them read through `c` (the caller asked the policy and records the read).
pub(crate) async fn views_of(
    c: &impl rapport_store::ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    flags: Vec<Flag>,
) -> Result<Vec<AlertView>> {
    let ids: Vec<Uuid> = flags.iter().map(|f| f.id).collect();
    let evidence = alerts::evidence_of(c, &ids).await?;
    let mut escalations = escalations_of(c, keys, &ids).await?;
    let mut names = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(flags.len());
    for f in flags {
        let client_name = match names.get(&f.client_id) {
            Some(n) => String::clone(n),
            None => {
                let n = users::find(c, keys, f.client_id)
                    .await?
                    .map(|u| u.name)
                    .unwrap_or_default();
                names.insert(f.client_id, n.clone());
                n
            }
        };
        let (ack, _) = alerts::open_notes(keys, &f)?;
        out.push(AlertView {
            id: f.id,
            client_id: f.client_id,
            client_name,
            evidence: evidence
                .iter()
                .filter(|e| e.flag_id == f.id)
                .map(|e| EvidenceView {
                    at: e.at,
                    rule: e.rule.clone(),
                    detail: e.detail.clone(),
                    measure_id: e.measure_id,
                })
                .collect(),
            kind: stored(&f.kind, FlagKind::parse)?,
            level: stored(&f.level, Level::parse)?,
            status: stored(&f.status, FlagStatus::parse)?,
            created_at: f.opened_at,
            last_evidence_at: f.last_evidence_at,
            explanation: f.explanation,
            acknowledged_at: f.acknowledged_at,
            acknowledge_note: ack,
            triage: false,
            on_call: false,
            escalation: escalations.remove(&f.id),
        });
    }
    Ok(out)
}

/// The latest escalation of each of these flags that has one, with the names of whom it
/// reached.
async fn escalations_of(
    c: &impl rapport_store::ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    flag_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, EscalationView>> {
    let latest = rapport_store::on_call::latest_of(c, flag_ids).await?;
    if latest.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let people: Vec<Uuid> = latest
        .iter()
        .flat_map(|(_, to)| to.iter().copied())
        .collect();
    let names = users::names_of(c, keys, &people).await?;
    Ok(latest
        .into_iter()
        .map(|(e, to)| {
            let to = to
                .into_iter()
                .map(|id| {
                    let name = names
                        .iter()
                        .find(|(n, _)| *n == id)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    (id, name)
                })
                .collect();
            (
                e.flag_id,
                EscalationView {
                    at: e.escalated_at,
                    via: e.via,
                    to,
                },
            )
        })
        .collect())
}

fn check_note(note: &str) -> Result<String> {
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::invalid(
            "note",
            "Write what you did or will do, in a sentence or two.",
        ));
    }
    if note.chars().count() > 4000 {
        return Err(Error::invalid("note", "Use 4,000 characters or fewer."));
    }
    Ok(note.to_string())
}

/// Opens the door on the flag's client for handling it; a flag the actor may not handle
/// does not exist for them (the refusal is recorded all the same).
async fn flag_scope<'a>(
    app: &'a App,
    actor: &'a Actor,
    id: Uuid,
    audit_action: &str,
) -> Result<(access::WriteScope<'a>, Flag)> {
    let client_id = alerts::owner(app.db.conn(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = access::write(app, actor, Action::HandleAlerts, client_id, audit_action)
        .await
        .map_err(|e| match e {
            Error::Forbidden => Error::NotFound,
            e => e,
        })?;
    let flag = alerts::find_of(&scope.client(), id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((scope, flag))
}

/// The clinician has seen the flag and says what they did; the note is sealed.
pub async fn acknowledge(app: &App, actor: &Actor, id: Uuid, note: &str) -> Result<AlertView> {
    handle(app, actor, id, note, Handling::Acknowledge).await?;
    let fresh = alerts::find(app.db.conn(), id)
        .await?
        .ok_or(Error::NotFound)?;
    views_of(app.db.conn(), app.db.keys(), vec![fresh])
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

/// The matter is dealt with; a new trigger of the kind will open a new flag.
pub async fn resolve(app: &App, actor: &Actor, id: Uuid, note: &str) -> Result<()> {
    handle(app, actor, id, note, Handling::Resolve).await
}

async fn handle(app: &App, actor: &Actor, id: Uuid, note: &str, step: Handling) -> Result<()> {
    let note = check_note(note)?;
    let action = match step {
        Handling::Acknowledge => "alert.acknowledged",
        Handling::Resolve => "alert.resolved",
    };
    let (scope, flag) = flag_scope(app, actor, id, action).await?;
    if flag.status == FlagStatus::Resolved.as_str() {
        return Err(Error::Conflict("This flag is resolved already.".into()));
    }
    if !alerts::handle(&scope.client(), id, step, actor.user_id, &note, app.now()).await? {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok(action).resource(format!("flag:{id}")))
        .await?;
    Ok(())
}
