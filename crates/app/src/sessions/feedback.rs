//! Session feedback: after each attended session the client is asked four short questions
//! (optional). Low feedback raises the alliance flag for the clinician. From there the client
//! can also ask for another therapist.

use chrono::{DateTime, Duration, Utc};
use rapport_core::measures::{FeedbackInput, SessionFeedback};
use rapport_core::sessions::Attendance;
use rapport_store::care_teams::requests::{self, TherapistRequest};
use rapport_store::sessions::{self as store, Feedback};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::measures::current_episode;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// Feedback is asked for this long after an attended session.
pub(crate) const ASK_FOR_DAYS: i64 = 14;

/// An attended session the client has not given feedback on yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackDue {
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
}

/// The signed-in client's sessions waiting for feedback, newest first (no audit event: it
/// only decides what to ask on their home page).
pub async fn due_feedback(app: &App, actor: &Actor) -> Result<Vec<FeedbackDue>> {
    due_feedback_in(app.db.conn(), actor.user_id, app.now()).await
}

/// [`due_feedback`] of a client at `now`, read through `c`.
pub(crate) async fn due_feedback_in(
    c: &impl rapport_store::ConnectionTrait,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<FeedbackDue>> {
    let since = now - Duration::days(ASK_FOR_DAYS);
    Ok(store::awaiting_feedback(c, client_id, since)
        .await?
        .into_iter()
        .map(|(session_id, starts_at)| FeedbackDue {
            session_id,
            starts_at,
        })
        .collect())
}

/// The client answers the four questions about a session they attended.
pub async fn submit_feedback(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    input: FeedbackInput<'_>,
) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::SubmitMeasures,
        actor.user_id,
        "session.feedback",
    )
    .await?;
    let attended = store::attendees(scope.conn(), session_id)
        .await?
        .into_iter()
        .any(|a| {
            a.client_id == actor.user_id
                && a.attendance.as_deref() == Some(Attendance::Attended.as_str())
        });
    if !attended {
        return Err(Error::NotFound);
    }
    let f = SessionFeedback::parse(input)?;
    rapport_store::accounts::users::lock(scope.tx(), actor.user_id).await?;
    let now = app.now();
    store::insert_feedback(
        scope.conn(),
        scope.keys(),
        &Feedback {
            id: app.new_id(),
            session_id,
            client_id: actor.user_id,
            at: now,
            heard: i16::from(f.heard),
            worked_on: i16::from(f.worked_on_what_i_wanted),
            approach: i16::from(f.approach_fits),
            overall: i16::from(f.overall),
            comment: f.comment.clone(),
        },
    )
    .await
    .map_err(|e| match e {
        rapport_store::Error::Conflict(_) => {
            Error::Conflict("You have already given feedback on this session. Thank you.".into())
        }
        other => other.into(),
    })?;
    let episode = current_episode(app, scope.tx(), actor.user_id, actor.user_id).await?;
    crate::alerts::evaluate::after_feedback(app, scope.tx(), actor.user_id, &episode, now).await?;
    scope
        .commit(Entry::ok("session.feedback").resource(format!("session:{session_id}")))
        .await
}

/// One session's feedback, as the client and their care team read it (not a store row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackView {
    pub session_id: Uuid,
    pub at: chrono::DateTime<chrono::Utc>,
    pub heard: i16,
    pub worked_on: i16,
    pub approach: i16,
    pub overall: i16,
    pub comment: Option<String>,
}

impl From<Feedback> for FeedbackView {
    fn from(f: Feedback) -> FeedbackView {
        FeedbackView {
            session_id: f.session_id,
            at: f.at,
            heard: f.heard,
            worked_on: f.worked_on,
            approach: f.approach,
            overall: f.overall,
            comment: f.comment,
        }
    }
}

/// The client's feedback, oldest first (the client or their care team): the chart's series.
pub async fn feedback_series(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<FeedbackView>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "feedback.read",
    )
    .await?;
    let list = store::feedback_of(scope.conn(), scope.keys(), client_id).await?;
    scope.finish(Entry::ok("feedback.read")).await?;
    Ok(list.into_iter().map(FeedbackView::from).collect())
}

/// The client asks for a different therapist. The request waits in the practice's queue (the
/// administrators see who and when; the reason is kept, sealed, for matching).
pub async fn request_other_therapist(app: &App, actor: &Actor, reason: &str) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::AskForChanges,
        actor.user_id,
        "therapist.change_requested",
    )
    .await?;
    rapport_core::text::at_most("reason", reason, 2_000)?;
    requests::insert(
        scope.conn(),
        scope.keys(),
        &TherapistRequest {
            id: app.new_id(),
            client_id: actor.user_id,
            at: app.now(),
            reason: Some(reason.to_string()),
            status: "open".into(),
        },
    )
    .await?;
    scope.commit(Entry::ok("therapist.change_requested")).await
}
