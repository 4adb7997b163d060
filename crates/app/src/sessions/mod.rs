//! Sessions: a clinician on the care team schedules them (one-off or weekly, individual,
//! family or group; in person, online or by phone), moves and cancels them with a reason, and
//! records who came. Clients see theirs and can ask for another time. Times are stored in UTC
//! and entered and shown in each person's own timezone.

mod booking;
mod family;
mod feedback;
mod requests;
pub mod room;
mod views;

pub use booking::{Booking, Clash, last_place};
pub(crate) use family::visible_sessions as visible_family_sessions;
pub use family::{
    FamilyChoice, FamilySessionView, family_attendees, family_to_choose, my_family_sessions,
};
pub(crate) use feedback::{ASK_FOR_DAYS as FEEDBACK_ASK_DAYS, due_feedback_in};
pub use feedback::{
    FeedbackDue, FeedbackView, due_feedback, feedback_series, request_other_therapist,
    submit_feedback,
};
pub(crate) use requests::{ANSWERED_SHOWN_DAYS as REQUESTS_SHOWN_DAYS, my_requests_in};
pub use requests::{
    AnswerInput, RequestAnswerView, RequestView, answer_request, ask_for_another_time, my_requests,
    open_requests, session_requests,
};
pub use views::{
    ChangeView, MemberView, NextSession, SessionDetail, SessionFacts, SessionView, my_sessions,
    session, sessions_of,
};
pub(crate) use views::{next_session_in, sessions_from};

use chrono::NaiveDateTime;
use rapport_core::sessions::{
    Attendance, SessionInput, check_attendance, check_reason, check_session,
};
use rapport_store::WriteTx;
use rapport_store::accounts::users;
use rapport_store::sessions::{self as store, Attendee, Change, Session};
use uuid::Uuid;

use crate::access::check_each;
use crate::audit_log::{Entry, record, record_and_commit};
use crate::measures::current_episode;
use crate::policy::Action;
use crate::time::weekly;
use crate::{Actor, App, Error, Result};

/// Sessions as asked for: the first one's date and time are on the scheduler's own clock.
#[derive(Debug, Clone, Default)]
pub struct NewSessions {
    pub clients: Vec<Uuid>,
    pub kind: String,
    pub modality: String,
    pub place: String,
    pub first: Option<NaiveDateTime>,
    pub minutes: Option<i64>,
    pub weeks: Option<i64>,
    /// Family members attending (a `family` session only), each holding `family_sessions`
    /// from one of the clients.
    pub family: Vec<Uuid>,
    /// The therapy group these sessions are for (a `group` session of a programme): linked
    /// to it in the same transaction.
    pub group: Option<Uuid>,
}

/// A person's timezone (UTC when unknown).
async fn timezone_of(tx: &WriteTx, user_id: Uuid) -> Result<String> {
    Ok(users::timezone_of(tx.conn(), user_id)
        .await?
        .unwrap_or_default())
}

async fn record_for_each(
    app: &App,
    tx: &WriteTx,
    actor: &Actor,
    clients: &[Uuid],
    event: &str,
    resource: &str,
) -> Result<()> {
    for c in clients {
        record(
            app,
            tx,
            Some(actor),
            None,
            Entry::ok(event).client(*c).resource(resource.to_string()),
        )
        .await?;
    }
    Ok(())
}

/// Schedules one session, or a weekly series, with the chosen clients, overlapping or not
/// (the demo, imports); returns their ids. People booking go through [`book`].
pub async fn schedule(app: &App, actor: &Actor, new: NewSessions) -> Result<Vec<Uuid>> {
    match book(app, actor, new, true).await? {
        Booking::Scheduled(ids) => Ok(ids),
        Booking::Clashes(_) => Err(Error::Conflict("The session overlaps another.".into())),
    }
}

/// Schedules one session, or a weekly series, with the chosen clients — unless one of them
/// would overlap another session of the clinician's, or in person another session in the
/// same room, and `allow_overlap` is false: then nothing is scheduled and the clashes are
/// returned, so the clinician can choose another time or book anyway.
pub async fn book(
    app: &App,
    actor: &Actor,
    new: NewSessions,
    allow_overlap: bool,
) -> Result<Booking> {
    if new.clients.is_empty() {
        // Nobody to check the care team against: only clinicians get as far as "choose who".
        crate::access::allow(actor, Action::ReadCaseload)?;
    }
    let tx = check_each(
        app,
        app.db.write().await?,
        actor,
        Action::ManageSessions,
        &new.clients,
        "session.scheduled",
    )
    .await?;
    let mut clients = new.clients.clone();
    clients.sort_unstable();
    clients.dedup();
    let plan = check_session(&SessionInput {
        kind: &new.kind,
        modality: &new.modality,
        place: &new.place,
        minutes: new.minutes,
        weeks: new.weeks,
        clients: clients.len(),
    })?;
    let first = new
        .first
        .ok_or_else(|| Error::invalid("starts_at", "Choose the date and time of the session."))?;
    let family = family::check_named(&tx, plan.kind, &clients, &new.family).await?;
    let tz = timezone_of(&tx, actor.user_id).await?;
    let starts = weekly(first, plan.weeks, &tz);
    if starts.first().is_some_and(|s| *s < app.now()) {
        return Err(Error::invalid("starts_at", "Choose a time in the future."));
    }
    if !allow_overlap {
        let found = booking::clashes(&tx, actor.user_id, &plan, &starts).await?;
        if !found.is_empty() {
            return Ok(Booking::Clashes(found));
        }
    }
    // Sessions belong to an episode of care: a client without one gets one (in treatment).
    for c in &clients {
        users::lock(&tx, *c).await?;
        current_episode(app, &tx, *c, actor.user_id).await?;
    }
    let series_id = (plan.weeks > 1).then(|| app.new_id());
    let mut ids = Vec::with_capacity(starts.len());
    for starts_at in starts {
        let s = Session {
            id: app.new_id(),
            series_id,
            clinician_id: actor.user_id,
            kind: plan.kind.as_str().into(),
            modality: plan.modality.as_str().into(),
            place: plan.place.clone(),
            starts_at,
            minutes: i16::try_from(plan.minutes).unwrap_or(50),
            cancelled_at: None,
            created_by: actor.user_id,
            created_at: app.now(),
        };
        let attendees: Vec<(Uuid, Uuid)> = clients.iter().map(|c| (app.new_id(), *c)).collect();
        store::insert(tx.conn(), tx.keys(), &s, &attendees).await?;
        ids.push(s.id);
    }
    family::name_on(&tx, &ids, &family).await?;
    if let Some(group_id) = new.group {
        for id in &ids {
            rapport_store::groups::link_session(tx.conn(), group_id, *id).await?;
        }
        record(
            app,
            &tx,
            Some(actor),
            None,
            Entry::ok("group.sessions_scheduled").resource(format!("group:{group_id}")),
        )
        .await?;
    }
    let resource = match series_id {
        Some(id) => format!("session_series:{id}"),
        None => format!("session:{}", ids[0]),
    };
    record_for_each(app, &tx, actor, &clients, "session.scheduled", &resource).await?;
    tx.commit().await?;
    Ok(Booking::Scheduled(ids))
}

/// The session and its clients, or NotFound, read for a change inside the write transaction
/// (the session's row locked on PostgreSQL), so that what is checked is what is changed.
async fn session_for_change(tx: &WriteTx, session_id: Uuid) -> Result<(Session, Vec<Attendee>)> {
    let s = store::find_for_change(tx, session_id)
        .await?
        .ok_or(Error::NotFound)?;
    let attendees = store::attendees(tx.conn(), session_id).await?;
    Ok((s, attendees))
}

fn client_ids(attendees: &[Attendee]) -> Vec<Uuid> {
    attendees.iter().map(|a| a.client_id).collect()
}

/// Moves a session to another time (on the mover's own clock), with a reason.
pub async fn reschedule(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    to: Option<NaiveDateTime>,
    reason: &str,
) -> Result<()> {
    let tx = app.db.write().await?;
    let now = app.now();
    let (s, attendees) = session_for_change(&tx, session_id).await?;
    let clients = client_ids(&attendees);
    let tx = check_each(
        app,
        tx,
        actor,
        Action::ManageSessions,
        &clients,
        "session.rescheduled",
    )
    .await?;
    if s.cancelled_at.is_some() {
        return Err(Error::Conflict("This session was cancelled.".into()));
    }
    if s.starts_at <= now {
        return Err(Error::Conflict(
            "This session has started; schedule a new one instead.".into(),
        ));
    }
    let to = to.ok_or_else(|| Error::invalid("starts_at", "Choose the new date and time."))?;
    check_reason(reason)?;
    let tz = timezone_of(&tx, actor.user_id).await?;
    let to = crate::time::local_to_utc(to, &tz);
    if to < now {
        return Err(Error::invalid("starts_at", "Choose a time in the future."));
    }
    store::add_change(
        tx.conn(),
        tx.keys(),
        &Change {
            id: app.new_id(),
            session_id,
            at: now,
            by: actor.user_id,
            kind: "rescheduled".into(),
            from_starts_at: Some(s.starts_at),
            to_starts_at: Some(to),
            reason: reason.to_string(),
        },
    )
    .await?;
    if !store::move_to(tx.conn(), session_id, to).await? {
        return Err(Error::Conflict("This session was cancelled.".into()));
    }
    // A move answers the requests for another time that were open on it.
    store::requests::close_moved(tx.conn(), session_id, now, actor.user_id, to).await?;
    record_for_each(
        app,
        &tx,
        actor,
        &clients,
        "session.rescheduled",
        &format!("session:{session_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels a session, with a reason.
pub async fn cancel(app: &App, actor: &Actor, session_id: Uuid, reason: &str) -> Result<()> {
    let tx = app.db.write().await?;
    let now = app.now();
    let (s, attendees) = session_for_change(&tx, session_id).await?;
    let clients = client_ids(&attendees);
    let tx = check_each(
        app,
        tx,
        actor,
        Action::ManageSessions,
        &clients,
        "session.cancelled",
    )
    .await?;
    if s.cancelled_at.is_some() {
        return Err(Error::Conflict("This session is cancelled already.".into()));
    }
    check_reason(reason)?;
    store::add_change(
        tx.conn(),
        tx.keys(),
        &Change {
            id: app.new_id(),
            session_id,
            at: now,
            by: actor.user_id,
            kind: "cancelled".into(),
            from_starts_at: Some(s.starts_at),
            to_starts_at: None,
            reason: reason.to_string(),
        },
    )
    .await?;
    if !store::cancel(tx.conn(), session_id, now).await? {
        return Err(Error::Conflict("This session is cancelled already.".into()));
    }
    record_for_each(
        app,
        &tx,
        actor,
        &clients,
        "session.cancelled",
        &format!("session:{session_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records what became of one client in a session. A missed session feeds the
/// disengagement rule at once.
pub async fn record_attendance(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    client_id: Uuid,
    attendance: &str,
) -> Result<()> {
    let tx = app.db.write().await?;
    let now = app.now();
    let (s, attendees) = session_for_change(&tx, session_id).await?;
    let attendee = attendees
        .iter()
        .find(|a| a.client_id == client_id)
        .ok_or(Error::NotFound)?;
    let tx = check_each(
        app,
        tx,
        actor,
        Action::ManageSessions,
        &[client_id],
        "session.attendance",
    )
    .await?;
    let attendance = Attendance::parse(attendance).ok_or_else(|| {
        Error::invalid(
            "attendance",
            "Choose attended, cancelled late or did not attend.",
        )
    })?;
    check_attendance(s.cancelled_at.is_some(), s.starts_at <= now)?;
    users::lock(&tx, client_id).await?;
    store::mark(
        tx.conn(),
        attendee.id,
        attendance.as_str(),
        actor.user_id,
        now,
    )
    .await?;
    let episode = current_episode(app, &tx, client_id, actor.user_id).await?;
    crate::alerts::evaluate::after_session(app, &tx, client_id, &episode, now).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("session.attendance")
            .client(client_id)
            .resource(format!("session:{session_id}")),
    )
    .await
}

/// A client asks for another time, proposing none; see [`ask_for_another_time`].
pub async fn request_reschedule(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    reason: &str,
) -> Result<()> {
    ask_for_another_time(app, actor, session_id, reason, &[])
        .await
        .map(|_| ())
}
