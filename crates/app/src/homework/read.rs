//! Reading homework: the client's assignments with their occurrences and the completion
//! rate (the caseload counts entries awaiting review itself: `care_teams::caseload`).

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::homework::{Content, Kind, Status, check, completion_rate};
use rapport_store::access::ClientTx;
use rapport_store::homework::{self, Assignment, Entry as StoredEntry};
use rapport_store::{Tx, accounts::users};
use uuid::Uuid;

use super::schedule::{occurrences, repeat_of, status};
use super::{AssignmentView, EntryView, Occurrence};
use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::time::local_day;
use crate::words::stored;
use crate::{Actor, App, Error, Result};

/// The client's assignments, oldest first, each with its occurrences up to today (the client
/// or their care team).
pub async fn assignments_of(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<AssignmentView>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "homework.read",
    )
    .await?;
    let timezone = timezone_of(scope.tx(), client_id).await?;
    let stored = stored_assignments(&scope.client()).await?;
    scope.finish(Entry::ok("homework.read")).await?;
    views_of(stored, &timezone, app.now())
}

/// The client's assignments and their entries as stored (the caller asked the policy and
/// records the read); [`views_of`] makes them views.
pub(crate) async fn stored_assignments<T: Tx>(
    ct: &ClientTx<'_, T>,
) -> Result<(Vec<Assignment>, Vec<StoredEntry>)> {
    let assignments = homework::assignments_of(ct).await?;
    if assignments.is_empty() {
        return Ok((assignments, vec![]));
    }
    Ok((assignments, homework::entries_of(ct).await?))
}

/// [`assignments_of`] from what [`stored_assignments`] read, in the client's `timezone` at
/// `now`.
pub(crate) fn views_of(
    (assignments, entries): (Vec<Assignment>, Vec<StoredEntry>),
    timezone: &str,
    now: DateTime<Utc>,
) -> Result<Vec<AssignmentView>> {
    let today = local_day(now, timezone);
    assignments
        .into_iter()
        .map(|a| {
            let created_on = local_day(a.created_at, timezone);
            let mine: Vec<&StoredEntry> =
                entries.iter().filter(|e| e.assignment_id == a.id).collect();
            view(a, &mine, created_on, today)
        })
        .collect()
}

/// The client's timezone: their days are the days of their homework.
pub(super) async fn timezone_of(tx: &impl Tx, client_id: Uuid) -> Result<String> {
    users::timezone_of(tx.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)
}

/// The client's sent entries (drafts left out), each with its id and when it was sent, in the
/// order they were sent; for a caller that already holds the client's scope (the FHIR export).
pub(crate) async fn sent_entries<T: Tx>(
    ct: &ClientTx<'_, T>,
) -> Result<Vec<(Uuid, DateTime<Utc>, Content)>> {
    let assignments = homework::assignments_of(ct).await?;
    let mut sent = Vec::new();
    for e in homework::entries_of(ct).await? {
        let Some(sent_at) = e.submitted_at.filter(|_| !e.draft) else {
            continue;
        };
        // An entry of a cancelled assignment is not the client's record any more.
        let Some(a) = assignments.iter().find(|a| a.id == e.assignment_id) else {
            continue;
        };
        let kind = stored(&a.kind, Kind::parse)?;
        let view = entry_view(kind, &e, Status::Done)?;
        sent.push((e.id, sent_at, view.content));
    }
    sent.sort_by_key(|(id, at, _)| (*at, *id));
    Ok(sent)
}

/// A stored entry as its reader sees it.
pub(super) fn entry_view(kind: Kind, e: &StoredEntry, status: Status) -> Result<EntryView> {
    let json: serde_json::Value = serde_json::from_str(&e.content)
        .map_err(|err| Error::Internal(format!("homework entry {}: {err}", e.id)))?;
    // Kept entries passed the check when saved; a draft's check is the limits alone.
    let content = check(kind, &json, true)
        .map_err(|err| Error::Internal(format!("homework entry {}: {err:?}", e.id)))?;
    Ok(EntryView {
        id: e.id,
        assignment_id: e.assignment_id,
        due_on: e.due_on,
        status,
        content,
        draft: e.draft,
        created_at: e.created_at,
        updated_at: e.updated_at,
        submitted_at: e.submitted_at,
        reviewed_at: e.reviewed_at,
        reviewed_by: e.reviewed_by,
        review_comment: e.review_comment.clone(),
    })
}

fn view(
    a: Assignment,
    entries: &[&StoredEntry],
    created_on: NaiveDate,
    today: NaiveDate,
) -> Result<AssignmentView> {
    let kind = stored(&a.kind, Kind::parse)?;
    let repeat = repeat_of(a.repeat_every.as_deref(), a.repeat_until)?;
    let mut days = occurrences(a.due_on, repeat, created_on, today);
    // An entry is never hidden, whatever the calendar says now.
    for e in entries {
        if !days.contains(&e.due_on) {
            days.push(e.due_on);
        }
    }
    days.sort();
    let occurrences = days
        .into_iter()
        .map(|due_on| {
            let entry = entries.iter().find(|e| e.due_on == due_on);
            let status = status(
                due_on,
                entry.map(|e| e.draft),
                entry.is_some_and(|e| e.reviewed_at.is_some()),
                today,
            );
            Ok(Occurrence {
                due_on,
                status,
                entry: entry.map(|e| entry_view(kind, e, status)).transpose()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(AssignmentView {
        id: a.id,
        client_id: a.client_id,
        kind,
        instructions: a.instructions,
        assigned_by: a.assigned_by,
        due_on: a.due_on,
        repeat,
        created_at: a.created_at,
        occurrences,
    })
}

/// The share of assigned homework done, in whole per cent, of the occurrences that were sent
/// or missed (what is still open today does not count yet, nor what the client started on
/// their own); none while nothing has come to either.
pub fn completion(assignments: &[AssignmentView]) -> Option<u8> {
    let counted = assignments
        .iter()
        .filter(|a| !a.self_started())
        .flat_map(|a| a.occurrences.iter().map(|o| o.status))
        .filter(|s| matches!(s, Status::Done | Status::Reviewed | Status::Missed));
    let (done, due) = counted.fold((0, 0), |(done, due), s| {
        (done + usize::from(s != Status::Missed), due + 1)
    });
    completion_rate(done, due)
}
