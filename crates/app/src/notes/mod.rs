//! Notes on sessions. A progress note (DAP) per client per session: drafted, then signed and
//! locked; corrections are dated amendments. Psychotherapy notes are a separate record that
//! only their author can read — not the client, not the rest of the care team, not an
//! administrator (CLINICAL.md, HIPAA 164.501).

use chrono::{DateTime, Utc};
use rapport_core::measures::Band;
use rapport_core::notes::{
    Dap, check_amendment, check_draft, check_editable, check_psychotherapy_note, check_signable,
};
use rapport_store::notes::{self as store, Amendment, ProgressNote, PsychotherapyNote};
use rapport_store::{ClientTx, Tx, episodes, measures, sessions};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// The client must be in the session.
async fn check_in_session(tx: &impl Tx, session_id: Uuid, client_id: Uuid) -> Result<()> {
    if sessions::attendees(tx.conn(), session_id)
        .await?
        .iter()
        .any(|a| a.client_id == client_id)
    {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// The measures as they stood at the session's start, for the Data part of a new note: of
/// each instrument the latest taken at or before it within the episode of that time, each
/// dated on the client's own calendar ("PHQ-9 12 (moderate) on 3 Nov 2026"). A measure taken
/// after the session is not the session's.
async fn measures_at<T: Tx>(ct: &ClientTx<'_, T>, starts_at: DateTime<Utc>) -> Result<String> {
    let Some(episode) = episodes::at_of(ct, starts_at).await? else {
        return Ok(String::new());
    };
    let tz = rapport_store::accounts::users::timezone_of(ct.conn(), ct.client_id())
        .await?
        .unwrap_or_default();
    let mut lines = vec![];
    for (word, label) in [("phq9", "PHQ-9"), ("gad7", "GAD-7")] {
        if let Some(m) = measures::latest_at_of(ct, word, episode.id, starts_at).await? {
            let band = m
                .band
                .as_deref()
                .and_then(Band::parse)
                .map(|b| format!(" ({})", b.label().to_lowercase()))
                .unwrap_or_default();
            lines.push(format!(
                "{label} {}{band} on {}",
                m.total,
                crate::time::local_day(m.taken_at, &tz).format("%-d %b %Y")
            ));
        }
    }
    Ok(if lines.is_empty() {
        String::new()
    } else {
        format!("Latest measures: {}.", lines.join("; "))
    })
}

/// An amendment to a signed note, as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentView {
    pub at: DateTime<Utc>,
    pub by: Uuid,
    pub body: String,
}

/// A progress note as the care team reads it (not a store row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressNoteView {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub data: String,
    pub assessment: String,
    pub plan: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    /// Oldest first.
    pub amendments: Vec<AmendmentView>,
}

impl From<ProgressNote> for ProgressNoteView {
    fn from(n: ProgressNote) -> ProgressNoteView {
        ProgressNoteView {
            id: n.id,
            session_id: n.session_id,
            client_id: n.client_id,
            author_id: n.author_id,
            data: n.data,
            assessment: n.assessment,
            plan: n.plan,
            created_at: n.created_at,
            updated_at: n.updated_at,
            signed_at: n.signed_at,
            amendments: n
                .amendments
                .into_iter()
                .map(|a| AmendmentView {
                    at: a.at,
                    by: a.by,
                    body: a.body,
                })
                .collect(),
        }
    }
}

/// A psychotherapy note, as its author (its only reader) sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsychotherapyNoteView {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<PsychotherapyNote> for PsychotherapyNoteView {
    fn from(n: PsychotherapyNote) -> PsychotherapyNoteView {
        PsychotherapyNoteView {
            id: n.id,
            session_id: n.session_id,
            client_id: n.client_id,
            author_id: n.author_id,
            body: n.body,
            created_at: n.created_at,
            updated_at: n.updated_at,
        }
    }
}

/// The progress note of a client in a session (a clinician on the care team). When none is
/// written yet, a fresh draft with the latest measures in its Data part.
pub async fn progress_note(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
) -> Result<ProgressNoteView> {
    let scope = access::read(app, actor, Action::ReadNotes, client_id, "note.read").await?;
    check_in_session(scope.tx(), session_id, client_id).await?;
    let note = match store::of_session(&scope.client(), session_id).await? {
        Some(n) => n,
        None => ProgressNote {
            id: Uuid::nil(),
            session_id,
            client_id,
            author_id: actor.user_id,
            data: {
                let starts_at = sessions::find(scope.conn(), scope.keys(), session_id)
                    .await?
                    .ok_or(Error::NotFound)?
                    .starts_at;
                measures_at(&scope.client(), starts_at).await?
            },
            assessment: String::new(),
            plan: String::new(),
            created_at: app.now(),
            updated_at: app.now(),
            signed_at: None,
            amendments: vec![],
        },
    };
    scope
        .finish(Entry::ok("note.read").resource(format!("session:{session_id}")))
        .await?;
    Ok(note.into())
}

/// Saves the draft, or signs it (`sign`: every part written). A signed note is locked.
pub async fn save_progress_note(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
    dap: Dap,
    sign: bool,
) -> Result<Option<DateTime<Utc>>> {
    let event = if sign { "note.signed" } else { "note.saved" };
    let scope = access::write(app, actor, Action::WriteNotes, client_id, event).await?;
    check_in_session(scope.tx(), session_id, client_id).await?;
    let existing = store::of_session(&scope.client(), session_id).await?;
    check_editable(existing.as_ref().is_some_and(|n| n.signed_at.is_some()))?;
    if sign {
        check_signable(&dap)?;
    } else {
        check_draft(&dap)?;
    }
    let now = app.now();
    let note = ProgressNote {
        id: existing
            .as_ref()
            .map(|n| n.id)
            .unwrap_or_else(|| app.new_id()),
        session_id,
        client_id,
        // Whoever signs attests to the note and becomes its author.
        author_id: match &existing {
            Some(n) if !sign => n.author_id,
            _ => actor.user_id,
        },
        data: dap.data,
        assessment: dap.assessment,
        plan: dap.plan,
        created_at: existing.as_ref().map(|n| n.created_at).unwrap_or(now),
        updated_at: now,
        signed_at: sign.then_some(now),
        amendments: vec![],
    };
    if !store::save(&scope.client(), &note).await? {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok(event).resource(format!("note:{}", note.id)))
        .await?;
    Ok(note.signed_at)
}

/// Adds a dated amendment to a signed note.
pub async fn amend_progress_note(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
    text: &str,
) -> Result<()> {
    let scope = access::write(app, actor, Action::WriteNotes, client_id, "note.amended").await?;
    let note = store::of_session(&scope.client(), session_id)
        .await?
        .ok_or(Error::NotFound)?;
    check_amendment(note.signed_at.is_some(), text)?;
    let amended = store::amend(
        &scope.client(),
        app.new_id(),
        note.id,
        &Amendment {
            at: app.now(),
            by: actor.user_id,
            body: text.to_string(),
        },
    )
    .await?;
    if !amended {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok("note.amended").resource(format!("note:{}", note.id)))
        .await
}

/// A client's progress notes, oldest first (the care team): for the chart.
pub async fn progress_notes_of(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<ProgressNoteView>> {
    let scope = access::read(app, actor, Action::ReadNotes, client_id, "notes.read").await?;
    let list = store::of_client(&scope.client()).await?;
    scope.finish(Entry::ok("notes.read")).await?;
    Ok(list.into_iter().map(ProgressNoteView::from).collect())
}

/// The signed-in clinician's own psychotherapy note on a client in a session. Nobody else's
/// is ever returned: the author is part of the lookup.
pub async fn my_psychotherapy_note(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
) -> Result<Option<PsychotherapyNoteView>> {
    let scope = access::read(
        app,
        actor,
        Action::WriteNotes,
        client_id,
        "psychotherapy_note.read",
    )
    .await?;
    let note = store::psychotherapy_note(&scope.client(), actor.user_id, session_id).await?;
    scope
        .finish(Entry::ok("psychotherapy_note.read").resource(format!("session:{session_id}")))
        .await?;
    Ok(note.map(PsychotherapyNoteView::from))
}

/// Writes the signed-in clinician's own psychotherapy note.
pub async fn save_psychotherapy_note(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
    body: &str,
) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::WriteNotes,
        client_id,
        "psychotherapy_note.saved",
    )
    .await?;
    check_in_session(scope.tx(), session_id, client_id).await?;
    check_psychotherapy_note(body)?;
    let existing = store::psychotherapy_note(&scope.client(), actor.user_id, session_id).await?;
    let now = app.now();
    let saved = store::save_psychotherapy_note(
        &scope.client(),
        &PsychotherapyNote {
            id: existing
                .as_ref()
                .map(|n| n.id)
                .unwrap_or_else(|| app.new_id()),
            session_id,
            client_id,
            author_id: actor.user_id,
            body: body.to_string(),
            created_at: existing.as_ref().map(|n| n.created_at).unwrap_or(now),
            updated_at: now,
        },
    )
    .await?;
    if !saved {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok("psychotherapy_note.saved").resource(format!("session:{session_id}")))
        .await
}
