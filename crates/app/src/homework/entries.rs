//! Doing the exercise (the client saves drafts, then the finished entry) and reviewing it
//! (the care team, with a comment the client reads).

use chrono::NaiveDate;
use rapport_core::homework::{Kind, MAX_TEXT_CHARS, check};
use rapport_store::homework::{self, Entry as StoredEntry};
use serde_json::Value;
use uuid::Uuid;

use super::read::{entry_view, timezone_of};
use super::schedule::{occurrences, repeat_of, status};
use super::{EntryView, not_theirs};
use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::time::local_day;
use crate::words::stored;
use crate::{Actor, App, Error, Result};

/// Saves the client's entry on one occurrence of an assignment: `due_on` names it (none: the
/// current one, the latest up to today). A draft is checked only against the limits and may be
/// saved again and again; the finished entry (`draft` false) must be complete, replaces the
/// draft and goes to the care team, and may be corrected until it is reviewed. A refused entry
/// changes nothing and names the field (`moods[0].before`).
pub async fn save_entry(
    app: &App,
    actor: &Actor,
    assignment_id: Uuid,
    due_on: Option<NaiveDate>,
    draft: bool,
    content: &Value,
) -> Result<EntryView> {
    let client_id = homework::owner(app.db.conn(), assignment_id)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = access::write(
        app,
        actor,
        Action::DoHomework,
        client_id,
        "homework.entry.saved",
    )
    .await
    .map_err(not_theirs(actor, client_id))?;
    let ct = scope.client();
    let a = homework::assignment_for_update(&ct, assignment_id)
        .await?
        .ok_or(Error::NotFound)?;
    let kind = stored(&a.kind, Kind::parse)?;
    let timezone = timezone_of(scope.tx(), client_id).await?;
    let now = app.now();
    let today = local_day(now, &timezone);
    let days = occurrences(
        a.due_on,
        repeat_of(a.repeat_every.as_deref(), a.repeat_until)?,
        local_day(a.created_at, &timezone),
        today,
    );
    let occurrence = match due_on {
        None => days.last().copied().flatten(),
        Some(d) if days.contains(&Some(d)) => Some(d),
        Some(_) => {
            return Err(Error::invalid(
                "due_on",
                "That is not a day of this exercise (or it has not come yet).",
            ));
        }
    };
    let content = check(kind, content, draft)?;
    let earlier = homework::entry_for(&ct, assignment_id, occurrence).await?;
    if let Some(e) = &earlier {
        if e.reviewed_at.is_some() {
            return Err(Error::Conflict(
                "Your therapist has read this one already; it stays as you sent it.".into(),
            ));
        }
        if draft && !e.draft {
            return Err(Error::Conflict(
                "This one is sent already; send it again to correct it.".into(),
            ));
        }
    }
    let entry = StoredEntry {
        id: earlier.as_ref().map_or_else(|| app.new_id(), |e| e.id),
        assignment_id,
        client_id,
        due_on: occurrence,
        content: content.to_json().to_string(),
        draft,
        created_at: earlier.as_ref().map_or(now, |e| e.created_at),
        updated_at: now,
        submitted_at: (!draft).then_some(now),
        reviewed_at: None,
        reviewed_by: None,
        review_comment: None,
    };
    homework::save_entry(&ct, &entry, earlier.is_none()).await?;
    let view = entry_view(kind, &entry, status(occurrence, Some(draft), false, today))?;
    scope
        .commit(Entry::ok("homework.entry.saved").resource(format!("homework:{assignment_id}")))
        .await?;
    Ok(view)
}

/// Marks sent work reviewed, with an optional comment the client reads (the care team). `id`
/// is an entry (that one; a second review replaces the comment) or an assignment (every sent
/// entry of it not reviewed yet). Answers how many entries were reviewed.
pub async fn review(app: &App, actor: &Actor, id: Uuid, comment: &str) -> Result<usize> {
    let c = app.db.conn();
    let (client_id, entry_id) = match homework::owner(c, id).await? {
        Some(client_id) => (client_id, None),
        None => {
            let (client_id, _) = homework::entry_owner(c, id).await?.ok_or(Error::NotFound)?;
            (client_id, Some(id))
        }
    };
    let scope = access::write(
        app,
        actor,
        Action::AssignHomework,
        client_id,
        "homework.reviewed",
    )
    .await
    .map_err(not_theirs(actor, client_id))?;
    let comment = comment.trim();
    if comment.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid(
            "comment",
            format!("Use {MAX_TEXT_CHARS} characters or fewer."),
        ));
    }
    let ct = scope.client();
    let entries = homework::entries_of(&ct).await?;
    let chosen: Vec<&StoredEntry> = match entry_id {
        Some(e) => {
            let entry = entries.iter().find(|x| x.id == e).ok_or(Error::NotFound)?;
            if entry.draft {
                return Err(Error::Conflict(
                    "This exercise is still being written; it can be reviewed once it is sent."
                        .into(),
                ));
            }
            vec![entry]
        }
        None => entries
            .iter()
            .filter(|e| e.assignment_id == id && !e.draft && e.reviewed_at.is_none())
            .collect(),
    };
    if chosen.is_empty() {
        return Err(Error::Conflict(
            "Nothing new has been sent to review.".into(),
        ));
    }
    let now = app.now();
    let comment = (!comment.is_empty()).then_some(comment);
    for e in &chosen {
        homework::review(&ct, e.id, actor.user_id, now, comment).await?;
    }
    let resource = format!("homework:{}", chosen[0].assignment_id);
    scope
        .commit(Entry::ok("homework.reviewed").resource(resource))
        .await?;
    Ok(chosen.len())
}
