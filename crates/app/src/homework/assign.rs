//! Giving an exercise: a clinician on the care team assigns it, or the client starts one.

use chrono::NaiveDate;
use rapport_core::homework::{Kind, MAX_INSTRUCTIONS_CHARS};
use rapport_store::homework::{self, Assignment};
use uuid::Uuid;

use super::read::timezone_of;
use super::schedule::{RepeatInput, check_dates};
use crate::access::{self, WriteScope};
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// A new assignment as typed.
#[derive(Debug, Clone, Default)]
pub struct NewAssignment {
    /// One of core's `Kind` words (`thought_record`…).
    pub kind: String,
    /// The clinician's instructions; a custom exercise needs them.
    pub instructions: String,
    pub due_on: Option<NaiveDate>,
    pub repeat: Option<RepeatInput>,
}

/// Assigns an exercise (a clinician on the client's care team).
pub async fn assign(app: &App, actor: &Actor, client_id: Uuid, new: NewAssignment) -> Result<Uuid> {
    let scope = access::write(
        app,
        actor,
        Action::AssignHomework,
        client_id,
        "homework.assigned",
    )
    .await?;
    let instructions = new.instructions.trim();
    if instructions.chars().count() > MAX_INSTRUCTIONS_CHARS {
        return Err(Error::invalid(
            "instructions",
            format!("Use {MAX_INSTRUCTIONS_CHARS} characters or fewer."),
        ));
    }
    let kind = kind_of(&new.kind)?;
    if kind.needs_instructions() && instructions.is_empty() {
        return Err(Error::invalid(
            "instructions",
            "Say what the exercise is: the client sees only this.",
        ));
    }
    let instructions = (!instructions.is_empty()).then(|| instructions.to_string());
    let id = insert(app, &scope, Some(actor.user_id), kind, instructions, &new).await?;
    scope
        .commit(Entry::ok("homework.assigned").resource(format!("homework:{id}")))
        .await?;
    Ok(id)
}

/// Starts an exercise of one's own (the client): any kind but a custom one, which only a
/// clinician's instructions make sense of; a due date and a recurrence if they like.
pub async fn start_own(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    new: NewAssignment,
) -> Result<Uuid> {
    let scope = access::write(
        app,
        actor,
        Action::DoHomework,
        client_id,
        "homework.started",
    )
    .await?;
    if !new.instructions.trim().is_empty() {
        return Err(Error::invalid(
            "instructions",
            "Instructions come from your therapist; write your thoughts in the exercise itself.",
        ));
    }
    let kind = kind_of(&new.kind)?;
    if kind.needs_instructions() {
        return Err(Error::invalid(
            "kind",
            "Choose one of the exercises; a custom one comes from your therapist.",
        ));
    }
    let id = insert(app, &scope, None, kind, None, &new).await?;
    scope
        .commit(Entry::ok("homework.started").resource(format!("homework:{id}")))
        .await?;
    Ok(id)
}

fn kind_of(word: &str) -> Result<Kind> {
    Kind::parse(word.trim()).ok_or_else(|| Error::invalid("kind", "Choose one of the exercises."))
}

async fn insert(
    app: &App,
    scope: &WriteScope<'_>,
    assigned_by: Option<Uuid>,
    kind: Kind,
    instructions: Option<String>,
    new: &NewAssignment,
) -> Result<Uuid> {
    let now = app.now();
    let timezone = timezone_of(scope.tx(), scope.client_id()).await?;
    let repeat = check_dates(new.due_on, new.repeat.as_ref(), local_day(now, &timezone))?;
    let a = Assignment {
        id: app.new_id(),
        client_id: scope.client_id(),
        assigned_by,
        kind: kind.as_str().into(),
        instructions,
        due_on: new.due_on,
        repeat_every: repeat.map(|r| r.every.as_str().to_string()),
        repeat_until: repeat.map(|r| r.until),
        created_at: now,
        cancelled_at: None,
    };
    homework::insert_assignment(&scope.client(), &a).await?;
    Ok(a.id)
}
