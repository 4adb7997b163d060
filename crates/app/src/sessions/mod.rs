//! Sessions: a clinician on the care team schedules them (one-off or weekly, individual,
//! family or group; in person, online or by phone), moves and cancels them with a reason, and
//! records who came. Clients see theirs and can ask for another time. Times are stored in UTC
//! and entered and shown in each person's own timezone.

mod feedback;

pub use feedback::{
    FeedbackDue, due_feedback, feedback_series, request_other_therapist, submit_feedback,
};

use chrono::{DateTime, NaiveDateTime, Utc};
use rapport_core::sessions::{
    Attendance, SessionInput, check_attendance, check_reason, check_session,
};
use rapport_store::accounts::users;
use rapport_store::sessions::{self as store, Attendee, Change, Session};
use rapport_store::{Tx, WriteTx};
use uuid::Uuid;

use crate::audit_log::{Entry, journal_all, record, record_and_commit, record_read};
use crate::care_teams::authorize_recorded;
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
}

/// A person's timezone (UTC when unknown).
async fn timezone_of(tx: &WriteTx, user_id: Uuid) -> Result<String> {
    Ok(users::timezone_of(tx.conn(), user_id)
        .await?
        .unwrap_or_default())
}

/// Authorizes `action` for every client of a session; the first refusal wins (and is recorded).
async fn authorize_all<T: Tx>(
    app: &App,
    mut tx: T,
    actor: &Actor,
    action: Action,
    clients: &[Uuid],
    event: &str,
) -> Result<T> {
    for c in clients {
        tx = authorize_recorded(app, tx, actor, action, *c, event).await?;
    }
    Ok(tx)
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

/// Schedules one session, or a weekly series, with the chosen clients; returns their ids.
pub async fn schedule(app: &App, actor: &Actor, new: NewSessions) -> Result<Vec<Uuid>> {
    if new.clients.is_empty() {
        // Nobody to check the care team against: only clinicians get as far as "choose who".
        crate::policy::authorize(
            actor,
            Action::ReadCaseload,
            crate::policy::Relation::NoClient,
        )?;
    }
    let tx = authorize_all(
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
    let tz = timezone_of(&tx, actor.user_id).await?;
    let starts = weekly(first, plan.weeks, &tz);
    if starts.first().is_some_and(|s| *s < app.now()) {
        return Err(Error::invalid("starts_at", "Choose a time in the future."));
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
    let resource = match series_id {
        Some(id) => format!("session_series:{id}"),
        None => format!("session:{}", ids[0]),
    };
    record_for_each(app, &tx, actor, &clients, "session.scheduled", &resource).await?;
    tx.commit().await?;
    Ok(ids)
}

/// The session and its clients, or NotFound.
async fn session_and_clients(app: &App, session_id: Uuid) -> Result<(Session, Vec<Attendee>)> {
    let c = app.db.conn();
    let s = store::find(c, app.db.keys(), session_id)
        .await?
        .ok_or(Error::NotFound)?;
    let attendees = store::attendees(c, session_id).await?;
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
    let (s, attendees) = session_and_clients(app, session_id).await?;
    let clients = client_ids(&attendees);
    let tx = authorize_all(
        app,
        app.db.write().await?,
        actor,
        Action::ManageSessions,
        &clients,
        "session.rescheduled",
    )
    .await?;
    if s.cancelled_at.is_some() {
        return Err(Error::Conflict("This session was cancelled.".into()));
    }
    if s.starts_at <= app.now() {
        return Err(Error::Conflict(
            "This session has started; schedule a new one instead.".into(),
        ));
    }
    let to = to.ok_or_else(|| Error::invalid("starts_at", "Choose the new date and time."))?;
    check_reason(reason)?;
    let tz = timezone_of(&tx, actor.user_id).await?;
    let to = crate::time::local_to_utc(to, &tz);
    if to < app.now() {
        return Err(Error::invalid("starts_at", "Choose a time in the future."));
    }
    store::add_change(
        tx.conn(),
        tx.keys(),
        &Change {
            id: app.new_id(),
            session_id,
            at: app.now(),
            by: actor.user_id,
            kind: "rescheduled".into(),
            from_starts_at: Some(s.starts_at),
            to_starts_at: Some(to),
            reason: reason.to_string(),
        },
    )
    .await?;
    store::move_to(tx.conn(), session_id, to).await?;
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
    let (s, attendees) = session_and_clients(app, session_id).await?;
    let clients = client_ids(&attendees);
    let tx = authorize_all(
        app,
        app.db.write().await?,
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
            at: app.now(),
            by: actor.user_id,
            kind: "cancelled".into(),
            from_starts_at: Some(s.starts_at),
            to_starts_at: None,
            reason: reason.to_string(),
        },
    )
    .await?;
    store::cancel(tx.conn(), session_id, app.now()).await?;
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
    let (s, attendees) = session_and_clients(app, session_id).await?;
    let attendee = attendees
        .iter()
        .find(|a| a.client_id == client_id)
        .ok_or(Error::NotFound)?;
    let tx = authorize_recorded(
        app,
        app.db.write().await?,
        actor,
        Action::ManageSessions,
        client_id,
        "session.attendance",
    )
    .await?;
    let attendance = Attendance::parse(attendance).ok_or_else(|| {
        Error::invalid(
            "attendance",
            "Choose attended, cancelled late or did not attend.",
        )
    })?;
    check_attendance(s.cancelled_at.is_some(), s.starts_at <= app.now())?;
    users::lock(&tx, client_id).await?;
    store::mark(
        tx.conn(),
        attendee.id,
        attendance.as_str(),
        actor.user_id,
        app.now(),
    )
    .await?;
    let episode = current_episode(app, &tx, client_id, actor.user_id).await?;
    crate::alerts::evaluate::after_session(app, &tx, client_id, &episode, app.now()).await?;
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

/// A client asks for another time; their care team sees the request with the session.
pub async fn request_reschedule(
    app: &App,
    actor: &Actor,
    session_id: Uuid,
    reason: &str,
) -> Result<()> {
    let (s, attendees) = session_and_clients(app, session_id).await?;
    if !attendees.iter().any(|a| a.client_id == actor.user_id) {
        return Err(Error::NotFound);
    }
    let tx = authorize_recorded(
        app,
        app.db.write().await?,
        actor,
        Action::AskForChanges,
        actor.user_id,
        "session.reschedule_requested",
    )
    .await?;
    if s.cancelled_at.is_some() || s.starts_at <= app.now() {
        return Err(Error::Conflict(
            "This session cannot be moved any more.".into(),
        ));
    }
    check_reason(reason)?;
    store::add_change(
        tx.conn(),
        tx.keys(),
        &Change {
            id: app.new_id(),
            session_id,
            at: app.now(),
            by: actor.user_id,
            kind: "reschedule_requested".into(),
            from_starts_at: Some(s.starts_at),
            to_starts_at: None,
            reason: reason.to_string(),
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
    .await
}

/// A session as one client's record shows it: the session, their attendance, the changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub session: Session,
    pub attendance: Option<Attendance>,
    pub changes: Vec<Change>,
    /// How many clients take part (more than one in a group).
    pub clients: usize,
}

/// A client's sessions, oldest first (the client or their care team).
pub async fn sessions_of(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<SessionView>> {
    let tx = authorize_recorded(
        app,
        app.db.read().await?,
        actor,
        Action::ReadClientRecord,
        client_id,
        "sessions.read",
    )
    .await?;
    let list = store::of_client(tx.conn(), tx.keys(), client_id).await?;
    let ids: Vec<Uuid> = list.iter().map(|(s, _)| s.id).collect();
    let mut changes = store::changes_of(tx.conn(), tx.keys(), &ids).await?;
    let mut out = Vec::with_capacity(list.len());
    for (session, attendee) in list {
        let clients = store::attendees(tx.conn(), session.id).await?.len();
        out.push(SessionView {
            changes: changes
                .extract_if(.., |c| c.session_id == session.id)
                .collect(),
            attendance: attendee.attendance.as_deref().and_then(Attendance::parse),
            clients,
            session,
        });
    }
    record_read(app, tx, actor, Entry::ok("sessions.read").client(client_id)).await?;
    Ok(out)
}

/// The signed-in clinician's sessions in `[from, to)`, oldest first, with their clients' names.
pub async fn my_sessions(
    app: &App,
    actor: &Actor,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Session, Vec<(Uuid, String, Option<Attendance>)>)>> {
    crate::policy::authorize(
        actor,
        Action::ReadCaseload,
        crate::policy::Relation::NoClient,
    )?;
    let c = app.db.conn();
    let keys = app.db.keys();
    let mut out = vec![];
    for s in store::of_clinician(c, keys, actor.user_id, from, to).await? {
        let mut who = vec![];
        for a in store::attendees(c, s.id).await? {
            let name = users::find(c, keys, a.client_id)
                .await?
                .map(|u| u.name)
                .unwrap_or_default();
            who.push((
                a.client_id,
                name,
                a.attendance.as_deref().and_then(Attendance::parse),
            ));
        }
        out.push((s, who));
    }
    Ok(out)
}

/// One session as its page shows it: the clients in it (a client sees only themselves), their
/// attendance, and its history with who did what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDetail {
    pub session: Session,
    pub clients: Vec<(Uuid, String, Option<Attendance>)>,
    /// Oldest first, each with the name of who made it.
    pub changes: Vec<(Change, String)>,
}

/// A session, for a clinician on the care team of every client in it, or for a client in it.
pub async fn session(app: &App, actor: &Actor, session_id: Uuid) -> Result<SessionDetail> {
    let (s, attendees) = session_and_clients(app, session_id).await?;
    let all = client_ids(&attendees);
    let visible: Vec<Uuid> = if all.contains(&actor.user_id) {
        vec![actor.user_id]
    } else {
        all
    };
    let action = if visible == [actor.user_id] {
        Action::ReadClientRecord
    } else {
        Action::ManageSessions
    };
    let tx = authorize_all(
        app,
        app.db.read().await?,
        actor,
        action,
        &visible,
        "session.read",
    )
    .await?;
    let mut clients = Vec::with_capacity(visible.len());
    for a in attendees.iter().filter(|a| visible.contains(&a.client_id)) {
        let name = users::find(tx.conn(), tx.keys(), a.client_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        clients.push((
            a.client_id,
            name,
            a.attendance.as_deref().and_then(Attendance::parse),
        ));
    }
    let mut changes = vec![];
    for ch in store::changes_of(tx.conn(), tx.keys(), &[session_id]).await? {
        let by = if ch.by == actor.user_id {
            "you".to_string()
        } else {
            users::find(tx.conn(), tx.keys(), ch.by)
                .await?
                .map(|u| u.name)
                .unwrap_or_default()
        };
        changes.push((ch, by));
    }
    tx.close().await?;
    let resource = format!("session:{session_id}");
    journal_all(
        app,
        actor,
        visible
            .iter()
            .map(|c| {
                Entry::ok("session.read")
                    .client(*c)
                    .resource(resource.clone())
            })
            .collect(),
    )
    .await?;
    Ok(SessionDetail {
        session: s,
        clients,
        changes,
    })
}
