//! Medication reviews with the prescriber (issue 22): when one is due (none for
//! `DEFAULT_REVIEW_WEEKS` weeks while a medicine is listed), the reminders to the client and
//! the prescribers, the caseload's "review due", and the questions the client lists before a
//! review for the prescriber to see on the session.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::accounts::Role;
use rapport_core::medication::{self as rules, DEFAULT_REVIEW_WEEKS, Medicine};
use rapport_core::sessions::SessionKind;
use rapport_store::ConnectionTrait;
use rapport_store::medication::reviews::{self as store, LatestList};
use rapport_store::sessions;
use uuid::Uuid;

use super::prescribers::prescribers_of;
use crate::access;
use crate::audit_log::{Entry, journal};
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// Where a client's reviews stand on their `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewStatus {
    /// A review is due (or overdue).
    pub due: bool,
    /// The day the next review falls (or fell) due; `None` while no medicine is current.
    pub due_on: Option<NaiveDate>,
    /// The day of the last review, if any.
    pub last_review: Option<NaiveDate>,
}

/// The status from a client's latest list and last review, on their clock.
pub(crate) fn status_of(
    list: Option<&LatestList>,
    last_review: Option<DateTime<Utc>>,
    tz: &str,
    now: DateTime<Utc>,
) -> ReviewStatus {
    let today = local_day(now, tz);
    let last = last_review.map(|at| local_day(at, tz));
    let since = list.and_then(|l| {
        let medicines: Vec<Medicine> = l
            .items
            .iter()
            .map(|d| Medicine {
                started_on: d.started_on,
                stopped_on: d.stopped_on,
                for_depression: d.for_depression,
                ..Medicine::default()
            })
            .collect();
        rules::current_since(&medicines, today, local_day(l.written_at, tz))
    });
    let due_on = rules::review_due_on(since, last, DEFAULT_REVIEW_WEEKS);
    ReviewStatus {
        due: due_on.is_some_and(|d| d <= today),
        due_on,
        last_review: last,
    }
}

/// The review status of many clients at once (a few queries), each on their own clock.
pub(crate) async fn statuses_of(
    c: &impl ConnectionTrait,
    clients: &[(Uuid, String)],
    now: DateTime<Utc>,
) -> Result<HashMap<Uuid, ReviewStatus>> {
    let ids: Vec<Uuid> = clients.iter().map(|(id, _)| *id).collect();
    let lists: HashMap<Uuid, LatestList> = store::latest_lists(c, &ids)
        .await?
        .into_iter()
        .map(|l| (l.client_id, l))
        .collect();
    let last = store::last_reviews(c, &ids, now).await?;
    Ok(clients
        .iter()
        .map(|(id, tz)| {
            (
                *id,
                status_of(lists.get(id), last.get(id).copied(), tz, now),
            )
        })
        .collect())
}

/// One client's review status (nothing opened; the caller has checked access).
pub(crate) async fn status_of_client(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    tz: &str,
    now: DateTime<Utc>,
) -> Result<ReviewStatus> {
    Ok(statuses_of(c, &[(client_id, tz.to_string())], now)
        .await?
        .remove(&client_id)
        .unwrap_or(ReviewStatus {
            due: false,
            due_on: None,
            last_review: None,
        }))
}

/// A review reminder to give: to the client, and to each prescriber on their team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReviewReminder {
    pub client_id: Uuid,
    pub due_on: NaiveDate,
    pub prescribers: Vec<Uuid>,
}

/// The clients of a reminder page whose review is due now, with their prescribers.
pub(crate) async fn reminders_due(
    c: &impl ConnectionTrait,
    clients: &[(Uuid, String)],
    now: DateTime<Utc>,
) -> Result<Vec<ReviewReminder>> {
    let mut out = Vec::new();
    let statuses = statuses_of(c, clients, now).await?;
    for (id, _) in clients {
        let Some(s) = statuses.get(id) else { continue };
        let (true, Some(due_on)) = (s.due, s.due_on) else {
            continue;
        };
        out.push(ReviewReminder {
            client_id: *id,
            due_on,
            prescribers: prescribers_of(c, *id).await?,
        });
    }
    Ok(out)
}

/// A client's questions before a review, as the care team (or the client) reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewQuestions {
    pub client_id: Uuid,
    pub questions: Vec<String>,
    pub written_at: Option<DateTime<Utc>>,
}

/// The session, if it is a medication review (not cancelled) the client takes part in.
async fn review_session(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    session_id: Uuid,
) -> Result<(sessions::Session, Vec<Uuid>)> {
    let s = sessions::find(c, keys, session_id)
        .await?
        .ok_or(Error::NotFound)?;
    let members: Vec<Uuid> = sessions::attendees(c, session_id)
        .await?
        .into_iter()
        .map(|a| a.client_id)
        .collect();
    Ok((s, members))
}

/// The client lists the questions and side effects to raise at an upcoming medication review
/// (the whole list each time; an empty list clears it). Only the client in the session, only
/// a review not cancelled and not over.
pub async fn set_review_questions(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    questions: Vec<String>,
) -> Result<Vec<String>> {
    if actor.role != Role::Client {
        journal(
            app,
            actor,
            Entry::ok("review_questions.saved")
                .resource(format!("session:{session_id}"))
                .outcome("denied"),
        )
        .await?;
        return Err(Error::Forbidden);
    }
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        actor.user_id,
        "review_questions.saved",
    )
    .await?;
    let (s, members) = review_session(scope.conn(), scope.keys(), session_id).await?;
    if !members.contains(&actor.user_id) {
        return Err(Error::NotFound);
    }
    if s.kind != SessionKind::MedicationReview.as_str() {
        return Err(Error::invalid(
            "session",
            "Questions are listed before a medication review only.",
        ));
    }
    let ends = s.starts_at + chrono::Duration::minutes(i64::from(s.minutes));
    if s.cancelled_at.is_some() || ends <= app.now() {
        return Err(Error::Conflict(
            "This review is over or cancelled; list your questions for the next one.".into(),
        ));
    }
    let kept = rules::check_questions(&questions)?;
    store::set_questions(&scope.client(), app.new_id(), session_id, &kept, app.now()).await?;
    scope
        .commit(Entry::ok("review_questions.saved").resource(format!("session:{session_id}")))
        .await?;
    Ok(kept)
}

/// The questions the members of a review session listed, for the client in it (their own)
/// or their care team (each member whose record the reader may read; others are left out).
/// Every read is audited.
pub async fn review_questions(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
) -> Result<Vec<ReviewQuestions>> {
    let (s, members) = {
        let tx = app.db.read().await?;
        let found = review_session(tx.conn(), tx.keys(), session_id).await?;
        tx.close().await?;
        found
    };
    // Whether the session is a review is said only to those who may read one of its clients.
    let review = s.kind == SessionKind::MedicationReview.as_str();
    let readable: Vec<Uuid> = if members.contains(&actor.user_id) {
        vec![actor.user_id]
    } else if actor.role == Role::Clinician {
        members
    } else {
        return Err(Error::NotFound);
    };
    let mut out = Vec::new();
    let mut refused = None;
    let mut allowed = 0;
    for client_id in readable {
        let scope = match access::read(
            app,
            actor,
            Action::ReadClientRecord,
            client_id,
            "review_questions.read",
        )
        .await
        {
            Ok(scope) => scope,
            Err(e) => {
                refused = Some(e);
                continue;
            }
        };
        allowed += 1;
        let found = match review {
            true => store::questions_of(&scope.client(), session_id).await?,
            false => None,
        };
        scope
            .finish(Entry::ok("review_questions.read").resource(format!("session:{session_id}")))
            .await?;
        if !review {
            continue;
        }
        let (questions, written_at) = found.map_or((vec![], None), |(q, at)| (q, Some(at)));
        out.push(ReviewQuestions {
            client_id,
            questions,
            written_at,
        });
    }
    match (allowed, refused) {
        (0, Some(e)) => Err(e),
        (0, None) => Err(Error::NotFound),
        _ => Ok(out),
    }
}
