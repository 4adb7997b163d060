//! Writing and reading the audit trail from the use-cases.

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_store::audit::{self, NewEvent};
use rapport_store::{ReadTx, WriteTx};
use uuid::Uuid;

use crate::access;
use crate::policy::Action;
use crate::words::stored_opt;
use crate::{Actor, App, Result};

/// What an event records. Codes only, never free text about a client.
pub struct Entry<'a> {
    pub action: &'a str,
    pub client_id: Option<Uuid>,
    pub resource: Option<String>,
    pub outcome: &'a str,
    pub detail: Option<String>,
}

impl<'a> Entry<'a> {
    pub fn ok(action: &'a str) -> Entry<'a> {
        Entry {
            action,
            client_id: None,
            resource: None,
            outcome: "ok",
            detail: None,
        }
    }

    pub fn client(mut self, id: Uuid) -> Self {
        self.client_id = Some(id);
        self
    }

    pub fn resource(mut self, r: impl Into<String>) -> Self {
        self.resource = Some(r.into());
        self
    }

    pub fn outcome(mut self, o: &'a str) -> Self {
        self.outcome = o;
        self
    }
}

/// Records what the actor did and commits the transaction: the last step of most use-cases,
/// so that the change and its audit event land together or not at all.
pub(crate) async fn record_and_commit(
    app: &App,
    tx: WriteTx,
    actor: &Actor,
    e: Entry<'_>,
) -> Result<()> {
    record(app, &tx, Some(actor), None, e).await?;
    tx.commit().await?;
    Ok(())
}

/// Appends an event in the caller's transaction. `actor` is `None` for an anonymous
/// attempt (a failed sign-in for an unknown address).
pub async fn record(
    app: &App,
    tx: &WriteTx,
    actor: Option<&Actor>,
    address: Option<&str>,
    e: Entry<'_>,
) -> Result<()> {
    crate::care_teams::keep_summary(app, tx, e.client_id).await?;
    audit::append(tx, event(app, actor, address, e)).await?;
    Ok(())
}

/// Ends a read and records it: returns once the event is committed, so nothing read is
/// shown unaudited. Reads arriving together share one commit (`Db::journal`).
pub(crate) async fn record_read(app: &App, r: ReadTx, actor: &Actor, e: Entry<'_>) -> Result<()> {
    r.close().await?;
    journal(app, actor, e).await
}

/// Records an event of its own, outside any transaction (a read, or a refusal before
/// anything was written).
pub(crate) async fn journal(app: &App, actor: &Actor, e: Entry<'_>) -> Result<()> {
    journal_all(app, actor, vec![e]).await
}

/// `journal` for several events (one read about several clients), committed together.
pub(crate) async fn journal_all(app: &App, actor: &Actor, entries: Vec<Entry<'_>>) -> Result<()> {
    let events = entries
        .into_iter()
        .map(|e| event(app, Some(actor), None, e))
        .collect();
    app.db.journal(events).await?;
    Ok(())
}

fn event(app: &App, actor: Option<&Actor>, address: Option<&str>, e: Entry<'_>) -> NewEvent {
    NewEvent {
        id: app.new_id(),
        at: app.now(),
        actor_id: actor.map(|a| a.user_id),
        actor_role: actor.map(|a| a.role.as_str().to_string()),
        action: e.action.to_string(),
        client_id: e.client_id,
        resource: e.resource,
        outcome: e.outcome.to_string(),
        address: address
            .or(actor.and_then(|a| a.address.as_deref()))
            .map(str::to_string),
        detail: e.detail,
    }
}

/// One line of "who opened my record".
#[derive(Debug, Clone)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    pub who: String,
    /// The reader's role then (none: Rapport itself).
    pub role: Option<Role>,
    pub what: &'static str,
    /// Done under an emergency opening ("break glass"), or the opening itself.
    pub emergency: bool,
    /// The reason the clinician gave for an emergency opening (for the client's eyes only).
    pub reason: Option<String>,
}

/// Plain words for an audit event, for the client's own access page.
pub fn describe(action: &str, outcome: &str) -> &'static str {
    match (action, outcome) {
        ("client.record.read", "ok") => "Opened your record",
        ("client.record.read", _) => "Tried to open your record and was refused",
        ("client.record.write", "ok") => "Changed your record",
        ("client.record.write", _) => "Tried to change your record and was refused",
        ("care_team.read", "ok") => "Looked at your care team",
        ("care_team.assigned", "ok") => "Added a clinician to your care team",
        ("care_team.ended", "ok") => "Took a clinician off your care team",
        ("access_log.read", "ok") => "Looked at this list",
        ("account.created", "ok") => "Your account was created",
        ("measure.submitted", "ok") => "Answered a questionnaire",
        ("checkin.submitted", "ok") => "Checked in",
        ("measures.read", "ok") | ("checkins.read", "ok") => "Looked at your scores",
        ("alert.acknowledged", "ok") => "Acknowledged an alert about you",
        ("alert.resolved", "ok") => "Resolved an alert about you",
        ("risk_assessment.recorded", "ok") => "Recorded a risk assessment",
        ("fhir.exported", "ok") => "Exported your questionnaires (FHIR)",
        ("safety_plan.read", "ok") => "Looked at your safety plan",
        ("safety_plan.saved", "ok") => "Changed your safety plan",
        ("warning_signs.read", "ok") => "Looked at your warning signs",
        ("warning_signs.changed", "ok") => "Changed your warning signs",
        ("learning.recommended", "ok") => "Recommended something to read",
        ("episode.changed", "ok") => "Changed the stage of your treatment",
        ("goals.read", "ok") => "Looked at your goals",
        ("goals.changed", "ok") => "Changed your goals",
        ("intake.read", "ok") => "Read your intake",
        ("matching.run", "ok") => "Looked for a therapist who fits (matching)",
        ("matching.prefilled", "ok") => "Filled the therapist questionnaire from your intake",
        ("intake.saved", "ok") => "Saved your intake",
        ("intake.submitted", "ok") => "Sent your intake",
        ("treatment_plan.read", "ok") => "Looked at your treatment plan",
        ("treatment_plan.saved", "ok") => "Changed your treatment plan",
        ("treatment_plan.agreed", "ok") => "Agreed to the treatment plan",
        ("relapse_plan.read", "ok") => "Looked at your plan for staying well",
        ("relapse_plan.saved", "ok") => "Changed your plan for staying well",
        ("timeline.read", "ok") => "Looked at your record",
        ("session.scheduled", "ok") => "Scheduled a session with you",
        ("session.rescheduled", "ok") => "Moved a session",
        ("session.cancelled", "ok") => "Cancelled a session",
        ("session.attendance", "ok") => "Recorded whether you came to a session",
        ("session.reschedule_requested", "ok") => "Asked to move a session",
        ("session.feedback", "ok") => "Gave feedback on a session",
        ("sessions.read", "ok") | ("session.read", "ok") => "Looked at your sessions",
        ("room.joined", "ok") => "Came into an online session's room",
        ("room.left", "ok") => "Left an online session's room",
        ("room.admitted", "ok") => "Let someone into an online session",
        ("room.ended", "ok") => "Ended an online session",
        ("room.line_saved", "ok") => "Saved a line of an online session's chat to your record",
        ("room.read", "ok") => "Looked at who came to an online session",
        ("room.join", _) => "Tried to come into an online session's room and was refused",
        ("feedback.read", "ok") => "Looked at your session feedback",
        ("therapist.change_requested", "ok") => "Asked for another therapist",
        ("note.read", "ok") | ("notes.read", "ok") => "Read the notes on your sessions",
        ("note.saved", "ok") | ("note.signed", "ok") | ("note.amended", "ok") => {
            "Wrote a note on a session"
        }
        ("homework.read", "ok") => "Looked at your homework",
        ("homework.assigned", "ok") => "Gave you an exercise to do",
        ("homework.started", "ok") => "Started an exercise",
        ("homework.entry.saved", "ok") => "Saved your exercise",
        ("homework.reviewed", "ok") => "Read and commented on your exercise",
        ("consultation.asked", "ok") => "Asked for a consultation",
        ("consultation.accepted", "ok") => "Accepted your request for a consultation",
        ("consultation.declined", "ok") => "Declined your request for a consultation",
        ("consultation.chosen", "ok") => "Chose a therapist after a consultation",
        ("consultation.feedback", "ok") => "Said how a consultation felt",
        ("consultation.read", "ok") | ("consultation.earlier_therapists", "ok") => {
            "Looked at your consultations"
        }
        ("family.invited", "ok") => "Invited someone to see part of your record",
        ("family.invitation_withdrawn", "ok") => "Withdrew an invitation",
        ("family.joined", "ok") => "Joined as your family member or friend",
        ("family.scopes_changed", "ok") => "Changed what a family member can see",
        ("family.ended", "ok") => "Ended a family member's access",
        ("family.members.read", "ok") | ("family.invitations.read", "ok") => {
            "Looked at who in your family can see what"
        }
        ("family.learning.read", "ok") => "Your family member read the pages for family",
        ("family.warning_signs.read", "ok") => "Your family member looked at your warning signs",
        ("family.safety_plan.read", "ok") => "Your family member looked at your safety plan",
        (a, "denied") if a.starts_with("family.") => "Tried to see something you do not share",
        ("psychotherapy_note.read", "ok") | ("psychotherapy_note.saved", "ok") => {
            "Wrote their private session notes"
        }
        // Emergency access, "break glass" (issue 17).
        ("record.emergency_access", "ok") => "Opened your record in an emergency",
        ("record.emergency_access", _) => {
            "Tried to open your record in an emergency and was refused"
        }
        ("emergency_access.reviewed", "ok") => "Reviewed an emergency opening of your record",
        // Secure messages (issue 16).
        ("message.read", "ok") => "Read your messages",
        ("message.sent", "ok") => "Sent a message in your thread",
        ("message.read" | "message.sent", _) => "Tried to read your messages and was refused",
        // Medication (issue 22).
        ("medications.read", "ok") => "Looked at your medicines",
        ("medications.changed", "ok") => "Changed your list of medicines",
        ("medications.changed", _) => "Tried to change your list of medicines and was refused",
        ("medications.confirmed", "ok") => "Confirmed your list of medicines",
        ("adherence.read", "ok") => "Looked at how you take your medicine",
        ("sleep.recorded", "ok") => "Wrote down a night in your sleep diary",
        ("sleep.read", "ok") => "Looked at your sleep diary",
        _ => "Other activity",
    }
}

/// The client's own view of who opened their record and when, newest first. Reading it is
/// itself recorded.
pub async fn my_access_log(app: &App, actor: &Actor) -> Result<Vec<AccessEntry>> {
    access::own(actor, Action::ReadAccessLog)?;
    // Recorded first, so that the list shows this look at it too.
    journal(
        app,
        actor,
        Entry::ok("access_log.read").client(actor.user_id),
    )
    .await?;
    let tx = app.db.read().await?;
    let events = audit::for_client(tx.conn(), actor.user_id, 200).await?;
    let mut ids: Vec<Uuid> = events.iter().filter_map(|e| e.actor_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = rapport_store::accounts::users::names_of(tx.conn(), tx.keys(), &ids).await?;
    let openings: Vec<Uuid> = events
        .iter()
        .filter(|e| e.action == crate::emergency_access::OPENED && e.outcome == "ok")
        .filter_map(|e| opening_id(e.resource.as_deref()))
        .collect();
    let reasons =
        crate::emergency_access::reasons_for_client(tx.conn(), tx.keys(), actor.user_id, &openings)
            .await?;
    tx.close().await?;
    events
        .into_iter()
        .map(|e| {
            Ok(AccessEntry {
                at: e.at,
                who: match e.actor_id {
                    Some(id) if id == actor.user_id => "You".to_string(),
                    Some(id) => names
                        .iter()
                        .find(|(n, _)| *n == id)
                        .map_or_else(|| "A former user".to_string(), |(_, name)| name.clone()),
                    None => "Rapport".to_string(),
                },
                role: stored_opt(e.actor_role.as_deref(), Role::parse)?,
                what: describe(&e.action, &e.outcome),
                emergency: e.action == crate::emergency_access::OPENED
                    || e.detail
                        .as_deref()
                        .is_some_and(|d| d.split(';').any(|p| p == access::EMERGENCY_DETAIL)),
                reason: opening_id(e.resource.as_deref())
                    .filter(|_| e.action == crate::emergency_access::OPENED)
                    .and_then(|id| reasons.iter().find(|(r, _)| *r == id))
                    .map(|(_, reason)| reason.clone()),
            })
        })
        .collect()
}

/// The opening an event's resource names (`emergency_access:<id>`).
fn opening_id(resource: Option<&str>) -> Option<Uuid> {
    resource?
        .strip_prefix("emergency_access:")
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// The result of checking the whole chain (administrators and `rapport audit verify`).
pub async fn verify(app: &App, actor: Option<&Actor>) -> Result<audit::Verification> {
    if let Some(actor) = actor {
        crate::access::allow(actor, Action::VerifyAudit)?;
    }
    Ok(audit::verify(&app.db).await?)
}

/// The newest event as `SEQ:HASH`, to be kept somewhere else (`rapport audit checkpoint`).
pub async fn checkpoint(app: &App) -> Result<Option<audit::Checkpoint>> {
    Ok(audit::checkpoint(&app.db).await?)
}

/// Checks the chain and that the event of a checkpoint taken earlier is still there,
/// unchanged (`rapport audit verify --checkpoint SEQ:HASH`).
pub async fn verify_against(
    app: &App,
    checkpoint: &audit::Checkpoint,
) -> Result<audit::Verification> {
    Ok(audit::verify_against(&app.db, checkpoint).await?)
}
