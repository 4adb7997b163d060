//! Therapy groups as programmes (issue 15, items 4–5). A clinician creates a group and leads
//! it (`RunGroups`); offers places to clients on their care team (`AddToGroup`); each client
//! answers for themself (`JoinGroups`): join (choosing whether the others see their first
//! name), decline, leave. The group's sessions are sessions of kind `group` with the members
//! who joined, linked to the group; attendance is the sessions' own; the leader writes one
//! note about the group per session, apart from each member's progress notes.
//!
//! **Leadership** is a check here, beside the policy: only the clinician who created a group
//! manages it, reads its detail and its outcomes. To anyone who neither leads a group nor
//! holds a live place in it (offered or joined), the group does not exist (NotFound).
//!
//! What each reader sees (docs/groups.md): the leader sees everything about the group, and
//! of each member what the door lets them read of that member's record (on their care team):
//! a member no longer shared with them shows as "not shared" with nothing of theirs. A member
//! sees the group's facts, its sessions (time, place, cancelled), their own place, and the
//! first names of the other joined members who chose to show them — never anyone else's
//! place, attendance, requests, feedback or notes, nor how many members hide their name.

mod outcomes;
mod views;

pub use outcomes::{GroupOutcomes, MemberOutcome, outcomes};
pub(crate) use views::my_groups_in;
pub use views::{
    GroupDetail, GroupFacts, GroupSessionView, LeaderMember, LeaderView, MemberView, MyPlace,
    NoteView, SessionSlot, detail, led_groups, my_groups,
};

use chrono::NaiveDateTime;
use rapport_core::groups::{GroupInput, MemberState, check_group, check_note};
use rapport_store::ConnectionTrait;
use rapport_store::groups::{self as store, Group, Member, Note};
use rapport_store::sessions as sessions_store;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::measures::current_episode;
use crate::policy::Action;
use crate::sessions::{Booking, NewSessions};
use crate::{Actor, App, Error, Result, messages};

/// A new group as typed.
#[derive(Debug, Clone, Default)]
pub struct NewGroup {
    pub name: String,
    pub approach: String,
    pub capacity: Option<i64>,
    pub weeks: Option<i64>,
    pub schedule: String,
    pub entry_criteria: String,
}

/// A client's answer to a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Join (or, once joined, change the first-name choice).
    Join { show_first_name: bool },
    /// Say no to a place offered.
    Decline,
    /// Leave the group (taken off its future sessions).
    Leave,
}

/// The group's sessions as asked for: the first one's date and time on the leader's clock.
#[derive(Debug, Clone, Default)]
pub struct NewGroupSessions {
    pub first: Option<NaiveDateTime>,
    pub minutes: Option<i64>,
    pub weeks: Option<i64>,
    pub modality: String,
    pub place: String,
    pub allow_overlap: bool,
}

pub(crate) fn state_of(m: &Member) -> MemberState {
    MemberState::of(
        m.consented_at.is_some(),
        m.declined_at.is_some(),
        m.left_at.is_some(),
    )
}

fn resource(group_id: Uuid) -> String {
    format!("group:{group_id}")
}

/// The group, if `actor` leads it; NotFound otherwise (to anyone else it does not exist).
pub(crate) async fn led(c: &impl ConnectionTrait, actor: &Actor, group_id: Uuid) -> Result<Group> {
    access::allow(actor, Action::RunGroups)?;
    match store::find(c, group_id).await? {
        Some(g) if g.clinician_id == actor.user_id => Ok(g),
        _ => Err(Error::NotFound),
    }
}

/// The members who joined and have not left.
pub(crate) fn joined(members: &[Member]) -> Vec<Uuid> {
    members
        .iter()
        .filter(|m| state_of(m) == MemberState::Joined)
        .map(|m| m.client_id)
        .collect()
}

/// Creates a group the actor leads.
pub async fn create(app: &App, actor: &Actor, new: NewGroup) -> Result<GroupFacts> {
    access::allow(actor, Action::RunGroups)?;
    let plan = check_group(&GroupInput {
        name: &new.name,
        approach: &new.approach,
        capacity: new.capacity,
        weeks: new.weeks,
        schedule: &new.schedule,
        entry_criteria: &new.entry_criteria,
    })?;
    let tx = app.db.write().await?;
    let g = Group {
        id: app.new_id(),
        clinician_id: actor.user_id,
        name: plan.name,
        approach: plan.approach.as_str().to_string(),
        capacity: i16::from(plan.capacity),
        weeks: i16::from(plan.weeks),
        schedule: plan.schedule,
        entry_criteria: plan.entry_criteria,
        created_at: app.now(),
        closed_at: None,
    };
    store::insert(tx.conn(), &g).await?;
    let leader = rapport_store::accounts::users::names_of(tx.conn(), tx.keys(), &[actor.user_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default();
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("group.created").resource(resource(g.id)),
    )
    .await?;
    Ok(GroupFacts::of(g, leader))
}

/// Offers a client a place in a group the actor leads (the actor on the client's care team).
/// Refused when the group is closed or full (offered and joined places count), or the client
/// already holds a live place in it. Returns the place's id.
pub async fn add_member(app: &App, actor: &Actor, group_id: Uuid, client_id: Uuid) -> Result<Uuid> {
    {
        let r = app.db.read().await?;
        led(r.conn(), actor, group_id).await?;
    }
    let scope = access::write(
        app,
        actor,
        Action::AddToGroup,
        client_id,
        "group.member_added",
    )
    .await?;
    let tx = scope.tx();
    rapport_store::accounts::users::lock(tx, client_id).await?;
    // The group's row is locked so that two offers for its last place take turns, and the
    // second counts the first.
    let g = store::find_for_change(tx, group_id)
        .await?
        .filter(|g| g.clinician_id == actor.user_id)
        .ok_or(Error::NotFound)?;
    if g.closed_at.is_some() {
        return Err(Error::Conflict("This group is closed.".into()));
    }
    let members = store::members_of(tx.conn(), group_id).await?;
    if members
        .iter()
        .any(|m| m.client_id == client_id && state_of(m).is_live())
    {
        return Err(Error::Conflict(
            "This client already has a place in the group.".into(),
        ));
    }
    let live = members.iter().filter(|m| state_of(m).is_live()).count();
    if live >= usize::try_from(g.capacity).unwrap_or(0) {
        return Err(Error::Conflict(
            "The group is full: every place is taken or offered.".into(),
        ));
    }
    let m = Member {
        id: app.new_id(),
        group_id,
        client_id,
        added_by: actor.user_id,
        added_at: app.now(),
        consented_at: None,
        declined_at: None,
        show_first_name: false,
        left_at: None,
    };
    store::insert_member(tx.conn(), &m).await?;
    scope
        .commit(
            Entry::ok("group.member_added")
                .client(client_id)
                .resource(resource(group_id)),
        )
        .await?;
    Ok(m.id)
}

/// The future sessions of a group that are not cancelled.
async fn future_sessions(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    app: &App,
    group_id: Uuid,
) -> Result<Vec<Uuid>> {
    let ids = store::session_ids_of(c, group_id).await?;
    let mut out = vec![];
    for id in ids {
        if let Some(s) = sessions_store::find(c, keys, id).await?
            && s.cancelled_at.is_none()
            && s.starts_at > app.now()
        {
            out.push(s.id);
        }
    }
    Ok(out)
}

/// A client answers for their own place: join (with the first-name choice), decline, leave.
/// Joining adds them to the group's future sessions; leaving takes them off those where
/// nothing was recorded of them yet.
pub async fn answer(app: &App, actor: &Actor, group_id: Uuid, answer: Answer) -> Result<()> {
    let event = match answer {
        Answer::Join { .. } => "group.joined",
        Answer::Decline => "group.declined",
        Answer::Leave => "group.left",
    };
    let scope = access::write(app, actor, Action::JoinGroups, actor.user_id, event).await?;
    let tx = scope.tx();
    let client_id = actor.user_id;
    rapport_store::accounts::users::lock(tx, client_id).await?;
    let g = store::find(tx.conn(), group_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut m = store::members_of(tx.conn(), group_id)
        .await?
        .into_iter()
        .find(|m| m.client_id == client_id && state_of(m).is_live())
        .ok_or(Error::NotFound)?;
    let now = app.now();
    let state = state_of(&m);
    match answer {
        Answer::Join { show_first_name } => {
            m.show_first_name = show_first_name;
            if state == MemberState::Offered {
                if g.closed_at.is_some() {
                    return Err(Error::Conflict("This group is closed.".into()));
                }
                m.consented_at = Some(now);
                let future = future_sessions(tx.conn(), tx.keys(), app, group_id).await?;
                let attending: Vec<Uuid> = {
                    let rows = sessions_store::attendees_of(tx.conn(), &future).await?;
                    rows.into_iter()
                        .filter(|a| a.client_id == client_id)
                        .map(|a| a.session_id)
                        .collect()
                };
                let rows: Vec<(Uuid, Uuid)> = future
                    .into_iter()
                    .filter(|s| !attending.contains(s))
                    .map(|s| (app.new_id(), s))
                    .collect();
                if !rows.is_empty() {
                    current_episode(app, tx, client_id, g.clinician_id).await?;
                }
                store::add_to_sessions(tx.conn(), client_id, &rows).await?;
            }
        }
        Answer::Decline => {
            if state != MemberState::Offered {
                return Err(Error::Conflict(
                    "You have joined this group; to stop, leave it.".into(),
                ));
            }
            m.declined_at = Some(now);
        }
        Answer::Leave => {
            m.left_at = Some(now);
            let future = future_sessions(tx.conn(), tx.keys(), app, group_id).await?;
            store::remove_from_sessions(tx.conn(), client_id, &future).await?;
        }
    }
    store::update_member(tx.conn(), &m).await?;
    scope
        .commit(Entry::ok(event).resource(resource(group_id)))
        .await
}

/// Schedules the group's sessions (one, or weekly) with the members who have joined, through
/// the sessions' own booking (care team, clashes, episodes), which links them to the group in
/// the same transaction. At
/// least one member must have joined; members who join later are added to future sessions.
pub async fn schedule_sessions(
    app: &App,
    actor: &Actor,
    group_id: Uuid,
    new: NewGroupSessions,
) -> Result<Booking> {
    let clients = {
        let r = app.db.read().await?;
        let g = led(r.conn(), actor, group_id).await?;
        if g.closed_at.is_some() {
            return Err(Error::Conflict("This group is closed.".into()));
        }
        joined(&store::members_of(r.conn(), group_id).await?)
    };
    if clients.is_empty() {
        return Err(Error::invalid(
            "clients",
            "Nobody has joined the group yet; schedule its sessions once someone has.",
        ));
    }
    crate::sessions::book(
        app,
        actor,
        NewSessions {
            clients,
            kind: "group".into(),
            modality: new.modality,
            place: new.place,
            first: new.first,
            minutes: new.minutes,
            weeks: new.weeks,
            family: Vec::new(),
            group: Some(group_id),
        },
        new.allow_overlap,
    )
    .await
}

/// The session, if it is one of this group's.
/// The session named in the request must be one of the group's: the group exists and is the
/// leader's by now, so a wrong session is a field to fix (422), not a missing group (404).
async fn group_session(c: &impl ConnectionTrait, group_id: Uuid, session_id: Uuid) -> Result<()> {
    match store::group_of_session(c, session_id).await? {
        Some(g) if g == group_id => Ok(()),
        _ => Err(Error::invalid(
            "session_id",
            messages::GROUP_SESSION_UNKNOWN,
        )),
    }
}

/// Records what became of one member in one of the group's sessions (the leader; the
/// sessions' own rule asks the door about that member).
pub async fn record_attendance(
    app: &App,
    actor: &Actor,
    group_id: Uuid,
    session_id: Uuid,
    client_id: Uuid,
    attendance: &str,
) -> Result<()> {
    {
        let r = app.db.read().await?;
        led(r.conn(), actor, group_id).await?;
        group_session(r.conn(), group_id, session_id).await?;
    }
    crate::sessions::record_attendance(app, actor, session_id, client_id, attendance).await
}

/// Writes (or rewrites) the leader's note about the group in one of its sessions: about the
/// group, never one member's private detail (that goes in the member's own progress note).
pub async fn write_note(
    app: &App,
    actor: &Actor,
    group_id: Uuid,
    session_id: Uuid,
    text: &str,
) -> Result<()> {
    let tx = app.db.write().await?;
    led(tx.conn(), actor, group_id).await?;
    group_session(tx.conn(), group_id, session_id).await?;
    check_note(text)?;
    let now = app.now();
    let existing = store::notes_of(tx.conn(), tx.keys(), &[session_id])
        .await?
        .into_iter()
        .next();
    let note = match existing {
        Some(n) => Note {
            text: text.to_string(),
            updated_at: now,
            ..n
        },
        None => Note {
            id: app.new_id(),
            session_id,
            author_id: actor.user_id,
            text: text.to_string(),
            created_at: now,
            updated_at: now,
        },
    };
    store::save_note(tx.conn(), tx.keys(), &note).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("group.note_written").resource(format!("session:{session_id}")),
    )
    .await
}

/// The clients on the actor's caseload who could be offered a place now (no live place in
/// the group), with their names: for the leader's "add from the caseload".
pub async fn candidates(app: &App, actor: &Actor, group_id: Uuid) -> Result<Vec<(Uuid, String)>> {
    let r = app.db.read().await?;
    led(r.conn(), actor, group_id).await?;
    access::allow(actor, Action::ReadCaseload)?;
    let members = store::members_of(r.conn(), group_id).await?;
    let ids: Vec<Uuid> = rapport_store::care_teams::clients_of(r.conn(), actor.user_id)
        .await?
        .into_iter()
        .map(|m| m.client_id)
        .filter(|c| {
            !members
                .iter()
                .any(|m| m.client_id == *c && state_of(m).is_live())
        })
        .collect();
    let mut names = rapport_store::accounts::users::names_of(r.conn(), r.keys(), &ids).await?;
    names.sort_by(|a, b| a.1.cmp(&b.1));
    r.close().await?;
    Ok(names)
}
