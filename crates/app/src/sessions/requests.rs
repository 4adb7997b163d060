//! A client's request for another time, from asking to the answer. The client may propose up
//! to three times; the request stays on the clinician's home and sessions list until it is
//! answered — a proposed time accepted (the session moves there), another time given (the
//! session moves there), or declined with a message — and the client sees the answer.
//!
//! The group rule holds: a member's request, its reason and its answer are seen by that member
//! and by clinicians who may read that member's record, nobody else. A move it leads to is a
//! move of the session, seen by every member, with a reason that names nobody.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rapport_core::sessions::{RequestAnswer, check_answer_message, check_proposals, check_reason};
use rapport_store::ConnectionTrait;
use rapport_store::accounts::users;
use rapport_store::crypto::Keyring;
use rapport_store::sessions::requests::{self as store, Answer, Request};
use rapport_store::sessions::{self as sessions_store, Change, Session};
use uuid::Uuid;

use super::{client_ids, record_for_each, session_for_change, timezone_of};
use crate::access::{self, check_each};
use crate::audit_log::{Entry, journal_all, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// How long an answered request stays on the client's home.
pub(crate) const ANSWERED_SHOWN_DAYS: i64 = 14;

/// The answer to a request, as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestAnswerView {
    pub answer: RequestAnswer,
    pub at: DateTime<Utc>,
    pub by_name: String,
    /// The clinician's words to the client.
    pub message: Option<String>,
    /// Where the session was moved.
    pub to_starts_at: Option<DateTime<Utc>>,
}

/// A request for another time, for the member who asked or a clinician who may read their
/// record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestView {
    pub id: Uuid,
    pub session_id: Uuid,
    /// When the session starts now (after any move).
    pub session_starts_at: DateTime<Utc>,
    pub session_minutes: i16,
    pub client_id: Uuid,
    pub client_name: String,
    pub asked_at: DateTime<Utc>,
    pub reason: String,
    /// The times the client proposed, in their order.
    pub proposed: Vec<DateTime<Utc>>,
    /// `None` while open.
    pub answer: Option<RequestAnswerView>,
}

/// Builds the views of these requests: their sessions, reasons and names read in `c`.
pub(super) async fn views(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    requests: Vec<Request>,
    known_sessions: &[&Session],
) -> Result<Vec<RequestView>> {
    if requests.is_empty() {
        return Ok(vec![]);
    }
    let mut sessions: HashMap<Uuid, (DateTime<Utc>, i16)> = known_sessions
        .iter()
        .map(|s| (s.id, (s.starts_at, s.minutes)))
        .collect();
    let session_ids: Vec<Uuid> = requests
        .iter()
        .map(|r| r.session_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    for id in &session_ids {
        if !sessions.contains_key(id)
            && let Some(s) = sessions_store::find(c, keys, *id).await?
        {
            sessions.insert(s.id, (s.starts_at, s.minutes));
        }
    }
    let reasons: HashMap<Uuid, String> = sessions_store::changes_of(c, keys, &session_ids)
        .await?
        .into_iter()
        .map(|ch| (ch.id, ch.reason))
        .collect();
    let people: Vec<Uuid> = requests
        .iter()
        .flat_map(|r| [Some(r.client_id), r.answered_by])
        .flatten()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let names: HashMap<Uuid, String> = users::names_of(c, keys, &people)
        .await?
        .into_iter()
        .collect();
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
    Ok(requests
        .into_iter()
        .filter_map(|r| {
            let (starts_at, minutes) = *sessions.get(&r.session_id)?;
            let answer = match (
                r.answer.as_deref().and_then(RequestAnswer::parse),
                r.answered_at,
            ) {
                (Some(answer), Some(at)) => Some(RequestAnswerView {
                    answer,
                    at,
                    by_name: r.answered_by.map(name).unwrap_or_default(),
                    message: r.message.clone(),
                    to_starts_at: r.to_starts_at,
                }),
                _ => None,
            };
            Some(RequestView {
                reason: reasons.get(&r.id).cloned().unwrap_or_default(),
                client_name: name(r.client_id),
                id: r.id,
                session_id: r.session_id,
                session_starts_at: starts_at,
                session_minutes: minutes,
                client_id: r.client_id,
                asked_at: r.asked_at,
                proposed: r.proposed,
                answer,
            })
        })
        .collect())
}

/// A client in the session asks for another time, with a reason and up to three times they
/// propose (on their own clock, each in the future). Their care team sees it until it is
/// answered. Returns the request's id.
pub async fn ask_for_another_time(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    reason: &str,
    proposed: &[NaiveDateTime],
) -> Result<Uuid> {
    let tx = app.db.write().await?;
    let now = app.now();
    let (s, attendees) = session_for_change(&tx, session_id).await?;
    if !attendees.iter().any(|a| a.client_id == actor.user_id) {
        return Err(Error::NotFound);
    }
    let tx = check_each(
        app,
        tx,
        actor,
        Action::AskForChanges,
        &[actor.user_id],
        "session.reschedule_requested",
    )
    .await?;
    if s.cancelled_at.is_some() || s.starts_at <= now {
        return Err(Error::Conflict(
            "This session cannot be moved any more.".into(),
        ));
    }
    check_reason(reason)?;
    check_proposals(proposed.len())?;
    let tz = timezone_of(&tx, actor.user_id).await?;
    let mut times: Vec<DateTime<Utc>> = Vec::with_capacity(proposed.len());
    for (i, p) in proposed.iter().enumerate() {
        let at = crate::time::local_to_utc(*p, &tz);
        if at <= now {
            return Err(Error::invalid(
                format!("proposed[{i}]"),
                "Propose a time in the future.",
            ));
        }
        if !times.contains(&at) {
            times.push(at);
        }
    }
    if store::has_open(tx.conn(), session_id, actor.user_id).await? {
        return Err(Error::Conflict(
            "You have asked to move this session already; your therapist will answer.".into(),
        ));
    }
    let id = app.new_id();
    sessions_store::add_change(
        tx.conn(),
        tx.keys(),
        &Change {
            id,
            session_id,
            at: now,
            by: actor.user_id,
            kind: "reschedule_requested".into(),
            from_starts_at: Some(s.starts_at),
            to_starts_at: None,
            reason: reason.to_string(),
        },
    )
    .await?;
    store::insert(
        tx.conn(),
        &Request {
            id,
            session_id,
            client_id: actor.user_id,
            asked_at: now,
            proposed: times,
            answer: None,
            answered_at: None,
            answered_by: None,
            message: None,
            to_starts_at: None,
        },
    )
    .await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("session.reschedule_requested")
            .client(actor.user_id)
            .resource(format!("session:{session_id}")),
    )
    .await?;
    Ok(id)
}

/// The open requests on the sessions the signed-in clinician leads (not cancelled), oldest
/// first, of the clients whose records they may read; each client's read recorded.
pub async fn open_requests(app: &App, actor: &Actor) -> Result<Vec<RequestView>> {
    access::allow(actor, Action::ReadCaseload)?;
    let tx = app.db.read().await?;
    let (c, keys) = (tx.conn(), tx.keys());
    let all = store::open_for_clinician(c, keys, actor.user_id).await?;
    let mut readable: HashMap<Uuid, bool> = HashMap::new();
    for r in &all {
        if let std::collections::hash_map::Entry::Vacant(e) = readable.entry(r.client_id) {
            e.insert(access::may(&tx, actor, Action::ReadClientRecord, r.client_id).await?);
        }
    }
    let mine: Vec<Request> = all
        .into_iter()
        .filter(|r| readable.get(&r.client_id) == Some(&true))
        .collect();
    let list = views(c, keys, mine, &[]).await?;
    tx.close().await?;
    let clients: HashSet<Uuid> = list.iter().map(|r| r.client_id).collect();
    if !clients.is_empty() {
        journal_all(
            app,
            actor,
            clients
                .into_iter()
                .map(|c| Entry::ok("session_requests.read").client(c))
                .collect(),
        )
        .await?;
    }
    Ok(list)
}

/// The signed-in client's own requests: those still open and those asked in the last two
/// weeks, with their answers, oldest first.
pub async fn my_requests(app: &App, actor: &Actor) -> Result<Vec<RequestView>> {
    let scope = access::read(
        app,
        actor,
        Action::AskForChanges,
        actor.user_id,
        "session_requests.read",
    )
    .await?;
    let list = my_requests_in(scope.conn(), scope.keys(), actor.user_id, app.now()).await?;
    scope.finish(Entry::ok("session_requests.read")).await?;
    Ok(list)
}

/// [`my_requests`] of a client at `now`, read through `c` (the caller asked the policy).
pub(crate) async fn my_requests_in(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<RequestView>> {
    let since = now - Duration::days(ANSWERED_SHOWN_DAYS);
    let mine = store::of_client(c, keys, client_id, since).await?;
    views(c, keys, mine, &[]).await
}

/// The requests for another time on one session, oldest first, with their answers: a member
/// sees their own; a clinician those of the members whose records they may read. Each
/// member's read is recorded; nobody else's request is shown.
pub async fn session_requests(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
) -> Result<Vec<RequestView>> {
    let tx = app.db.read().await?;
    let (c, keys) = (tx.conn(), tx.keys());
    let s = sessions_store::find(c, keys, session_id)
        .await?
        .ok_or(Error::NotFound)?;
    let members = client_ids(&sessions_store::attendees(c, session_id).await?);
    let mut visible = vec![];
    if members.contains(&actor.user_id) {
        visible.push(actor.user_id);
    } else {
        for m in &members {
            if access::may(&tx, actor, Action::ReadClientRecord, *m).await? {
                visible.push(*m);
            }
        }
    }
    if visible.is_empty() {
        drop(tx);
        check_each(
            app,
            app.db.read().await?,
            actor,
            Action::ReadClientRecord,
            &members,
            "session_requests.read",
        )
        .await?;
        return Err(Error::Forbidden);
    }
    let requests = store::of_sessions(c, keys, &[session_id])
        .await?
        .into_iter()
        .filter(|r| visible.contains(&r.client_id))
        .collect();
    let list = views(c, keys, requests, &[&s]).await?;
    tx.close().await?;
    let asked: HashSet<Uuid> = list.iter().map(|r| r.client_id).collect();
    if !asked.is_empty() {
        let resource = format!("session:{session_id}");
        journal_all(
            app,
            actor,
            asked
                .into_iter()
                .map(|c| {
                    Entry::ok("session_requests.read")
                        .client(c)
                        .resource(resource.clone())
                })
                .collect(),
        )
        .await?;
    }
    Ok(list)
}

/// How a clinician answers a request.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    /// `accepted`, `moved` or `declined`.
    pub answer: String,
    /// Accepted: which proposed time, from 1.
    pub proposal: Option<usize>,
    /// Moved: the new time, on the answerer's own clock.
    pub starts_at: Option<NaiveDateTime>,
    /// To the client; required when declining.
    pub message: String,
}

/// Answers a request (a clinician who may manage the session: the requester's care team, and
/// every member's when the session moves). Accepting moves the session to the proposed time
/// chosen; `moved` moves it to the time given; declining keeps it and says why. Other open
/// requests on a session that moves are closed with it.
pub async fn answer_request(
    app: &App,
    actor: &Actor,
    request_id: Uuid,
    input: AnswerInput,
) -> Result<()> {
    let tx = app.db.write().await?;
    let now = app.now();
    let request = store::find(tx.conn(), tx.keys(), request_id)
        .await?
        .ok_or(Error::NotFound)?;
    let (s, attendees) = session_for_change(&tx, request.session_id).await?;
    let tx = check_each(
        app,
        tx,
        actor,
        Action::ManageSessions,
        &[request.client_id],
        "session_request.answered",
    )
    .await
    .map_err(|e| match e {
        Error::Forbidden => Error::NotFound,
        e => e,
    })?;
    let answer = RequestAnswer::parse(&input.answer).ok_or_else(|| {
        Error::invalid(
            "answer",
            "Choose a time the client proposed, another time, or keep the time.",
        )
    })?;
    let clients = client_ids(&attendees);
    let tx = if answer.moves() {
        check_each(
            app,
            tx,
            actor,
            Action::ManageSessions,
            &clients,
            "session.rescheduled",
        )
        .await?
    } else {
        tx
    };
    if request.answer.is_some() {
        return Err(Error::Conflict("This request has been answered.".into()));
    }
    if s.cancelled_at.is_some() {
        return Err(Error::Conflict("This session was cancelled.".into()));
    }
    check_answer_message(answer, &input.message)?;
    let to = match answer {
        RequestAnswer::Declined => None,
        RequestAnswer::Accepted => Some(
            input
                .proposal
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| request.proposed.get(i).copied())
                .ok_or_else(|| Error::invalid("proposal", "Choose one of the times proposed."))?,
        ),
        RequestAnswer::Moved => {
            let local = input
                .starts_at
                .ok_or_else(|| Error::invalid("starts_at", "Choose the new date and time."))?;
            let tz = timezone_of(&tx, actor.user_id).await?;
            Some(crate::time::local_to_utc(local, &tz))
        }
    };
    if let Some(to) = to {
        if s.starts_at <= now {
            return Err(Error::Conflict(
                "This session has started; schedule a new one instead.".into(),
            ));
        }
        if to <= now {
            let field = if answer == RequestAnswer::Accepted {
                "proposal"
            } else {
                "starts_at"
            };
            return Err(Error::invalid(
                field,
                "That time has passed; choose another.",
            ));
        }
        sessions_store::add_change(
            tx.conn(),
            tx.keys(),
            &Change {
                id: app.new_id(),
                session_id: s.id,
                at: now,
                by: actor.user_id,
                kind: "rescheduled".into(),
                from_starts_at: Some(s.starts_at),
                to_starts_at: Some(to),
                reason: "Moved after a request for another time.".into(),
            },
        )
        .await?;
        if !sessions_store::move_to(tx.conn(), s.id, to).await? {
            return Err(Error::Conflict("This session was cancelled.".into()));
        }
    }
    let answered = store::answer(
        tx.conn(),
        tx.keys(),
        request_id,
        &Answer {
            answer: answer.as_str().into(),
            at: now,
            by: actor.user_id,
            message: Some(input.message.clone()),
            to_starts_at: to,
        },
    )
    .await?;
    if !answered {
        return Err(Error::Conflict("This request has been answered.".into()));
    }
    let resource = format!("session:{}", s.id);
    if let Some(to) = to {
        store::close_moved(tx.conn(), s.id, now, actor.user_id, to).await?;
        record_for_each(app, &tx, actor, &clients, "session.rescheduled", &resource).await?;
    }
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("session_request.answered")
            .client(request.client_id)
            .resource(resource),
    )
    .await
}
