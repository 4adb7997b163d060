//! Groups as each reader may see them (the rules in this module's parent).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_core::groups::MemberState;
use rapport_store::accounts::users;
use rapport_store::crypto::Keyring;
use rapport_store::groups::{self as store, Group, Member};
use rapport_store::sessions as sessions_store;
use rapport_store::{ConnectionTrait, ReadTx, Tx};
use uuid::Uuid;

use super::{led, state_of};
use crate::access;
use crate::audit_log::{Entry, journal_all};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// What anyone who may see a group sees of it: nothing in it is about any member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFacts {
    pub id: Uuid,
    pub name: String,
    /// A plan approach word (`cbt`, `behavioural_activation`…).
    pub approach: String,
    pub capacity: i16,
    pub weeks: i16,
    pub schedule: String,
    pub entry_criteria: String,
    pub clinician_id: Uuid,
    pub clinician_name: String,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl GroupFacts {
    pub(crate) fn of(g: Group, clinician_name: String) -> GroupFacts {
        GroupFacts {
            id: g.id,
            name: g.name,
            approach: g.approach,
            capacity: g.capacity,
            weeks: g.weeks,
            schedule: g.schedule,
            entry_criteria: g.entry_criteria,
            clinician_id: g.clinician_id,
            clinician_name,
            created_at: g.created_at,
            closed_at: g.closed_at,
        }
    }
}

/// One place, as the leader sees it. `shared` false: the member's record is no longer open to
/// the leader (not on their care team); then nothing of theirs but the place's state is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderMember {
    pub id: Uuid,
    pub client_id: Option<Uuid>,
    pub name: Option<String>,
    pub shared: bool,
    pub state: MemberState,
    pub show_first_name: bool,
    pub added_at: DateTime<Utc>,
    pub consented_at: Option<DateTime<Utc>>,
    pub declined_at: Option<DateTime<Utc>>,
    pub left_at: Option<DateTime<Utc>>,
}

/// The leader's note about the group in one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteView {
    pub text: String,
    pub updated_at: DateTime<Utc>,
}

/// One of the group's sessions as the leader sees it: attendance of the members shared with
/// them, and the group note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSessionView {
    pub slot: SessionSlot,
    /// (client, attendance word if recorded), members shared with the leader only.
    pub attendance: Vec<(Uuid, Option<String>)>,
    pub note: Option<NoteView>,
}

/// What a member sees of a session: when, how long, how, where, cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSlot {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub minutes: i16,
    pub modality: String,
    pub place: Option<String>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// Everything about a group, for its leader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderView {
    pub group: GroupFacts,
    pub members: Vec<LeaderMember>,
    pub sessions: Vec<GroupSessionView>,
}

/// What a member (offered or joined) sees of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    pub group: GroupFacts,
    /// Their own place: offered or joined.
    pub state: MemberState,
    pub show_first_name: bool,
    /// The first names of the other joined members who chose to show them, in alphabetical
    /// order (nothing says how many chose not to).
    pub first_names: Vec<String>,
    pub sessions: Vec<SessionSlot>,
}

/// A group as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupDetail {
    Leader(LeaderView),
    Member(MemberView),
}

/// One of a client's places, for their list and their home page's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyPlace {
    pub group: GroupFacts,
    pub state: MemberState,
}

/// The first word of a name (what a member chooses to show).
pub fn first_name(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn name_of(r: &ReadTx, id: Uuid) -> Result<String> {
    Ok(users::names_of(r.conn(), r.keys(), &[id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default())
}

async fn slots(r: &ReadTx, group_id: Uuid) -> Result<Vec<SessionSlot>> {
    let ids = store::session_ids_of(r.conn(), group_id).await?;
    let mut out = vec![];
    for id in ids {
        if let Some(s) = sessions_store::find(r.conn(), r.keys(), id).await? {
            out.push(SessionSlot {
                id: s.id,
                starts_at: s.starts_at,
                minutes: s.minutes,
                modality: s.modality,
                place: s.place,
                cancelled_at: s.cancelled_at,
            });
        }
    }
    out.sort_by_key(|s| (s.starts_at, s.id));
    Ok(out)
}

/// Which of these clients the leader may read (the door's answer for each).
pub(crate) async fn shared_with<T: Tx>(
    tx: &T,
    actor: &Actor,
    clients: &[Uuid],
) -> Result<HashMap<Uuid, bool>> {
    let mut out = HashMap::new();
    for id in clients {
        if !out.contains_key(id) {
            let ok = access::may(tx, actor, Action::ReadClientRecord, *id).await?;
            out.insert(*id, ok);
        }
    }
    Ok(out)
}

/// The group as its reader may see it: its leader, or a client with a live place in it.
/// Anyone else: NotFound.
pub async fn detail(app: &App, actor: &Actor, group_id: Uuid) -> Result<GroupDetail> {
    match actor.role {
        Role::Clinician => leader_view(app, actor, group_id)
            .await
            .map(GroupDetail::Leader),
        Role::Client => member_view(app, actor, group_id)
            .await
            .map(GroupDetail::Member),
        _ => Err(Error::NotFound),
    }
}

async fn leader_view(app: &App, actor: &Actor, group_id: Uuid) -> Result<LeaderView> {
    let r = app.db.read().await?;
    let g = led(r.conn(), actor, group_id).await?;
    let places = store::members_of(r.conn(), group_id).await?;
    let place_ids: Vec<Uuid> = places.iter().map(|m| m.client_id).collect();
    let shared = shared_with(&r, actor, &place_ids).await?;
    let open: Vec<Uuid> = shared
        .iter()
        .filter(|(_, s)| **s)
        .map(|(id, _)| *id)
        .collect();
    let names: HashMap<Uuid, String> = users::names_of(r.conn(), r.keys(), &open)
        .await?
        .into_iter()
        .collect();
    let members = places
        .iter()
        .map(|m: &Member| {
            let is_shared = shared.get(&m.client_id).copied().unwrap_or(false);
            LeaderMember {
                id: m.id,
                client_id: is_shared.then_some(m.client_id),
                name: if is_shared {
                    names.get(&m.client_id).cloned()
                } else {
                    None
                },
                shared: is_shared,
                state: state_of(m),
                show_first_name: m.show_first_name,
                added_at: m.added_at,
                consented_at: m.consented_at,
                declined_at: m.declined_at,
                left_at: m.left_at,
            }
        })
        .collect();
    let slots = slots(&r, group_id).await?;
    let ids: Vec<Uuid> = slots.iter().map(|s| s.id).collect();
    let attendees = sessions_store::attendees_of(r.conn(), &ids).await?;
    let attendee_ids: Vec<Uuid> = attendees.iter().map(|a| a.client_id).collect();
    let more = shared_with(&r, actor, &attendee_ids).await?;
    let notes = store::notes_of(r.conn(), r.keys(), &ids).await?;
    let sessions = slots
        .into_iter()
        .map(|slot| {
            let attendance = attendees
                .iter()
                .filter(|a| a.session_id == slot.id)
                .filter(|a| more.get(&a.client_id).copied().unwrap_or(false))
                .map(|a| (a.client_id, a.attendance.clone()))
                .collect();
            let note = notes
                .iter()
                .find(|n| n.session_id == slot.id)
                .map(|n| NoteView {
                    text: n.text.clone(),
                    updated_at: n.updated_at,
                });
            GroupSessionView {
                slot,
                attendance,
                note,
            }
        })
        .collect();
    let leader = name_of(&r, g.clinician_id).await?;
    r.close().await?;
    let mut read: Vec<Uuid> = open;
    read.extend(more.iter().filter(|(_, s)| **s).map(|(id, _)| *id));
    read.sort_unstable();
    read.dedup();
    let mut entries: Vec<Entry<'_>> = read
        .into_iter()
        .map(|c| {
            Entry::ok("group.read")
                .client(c)
                .resource(super::resource(group_id))
        })
        .collect();
    if entries.is_empty() {
        entries.push(Entry::ok("group.read").resource(super::resource(group_id)));
    }
    journal_all(app, actor, entries).await?;
    Ok(LeaderView {
        group: GroupFacts::of(g, leader),
        members,
        sessions,
    })
}

async fn member_view(app: &App, actor: &Actor, group_id: Uuid) -> Result<MemberView> {
    access::own(actor, Action::JoinGroups)?;
    let r = app.db.read().await?;
    let g = store::find(r.conn(), group_id)
        .await?
        .ok_or(Error::NotFound)?;
    let places = store::members_of(r.conn(), group_id).await?;
    let mine = places
        .iter()
        .find(|m| m.client_id == actor.user_id && state_of(m).is_live())
        .ok_or(Error::NotFound)?;
    let showing: Vec<Uuid> = places
        .iter()
        .filter(|m| m.client_id != actor.user_id)
        .filter(|m| state_of(m) == MemberState::Joined && m.show_first_name)
        .map(|m| m.client_id)
        .collect();
    let mut first_names: Vec<String> = users::names_of(r.conn(), r.keys(), &showing)
        .await?
        .into_iter()
        .map(|(_, n)| first_name(&n))
        .filter(|n| !n.is_empty())
        .collect();
    first_names.sort();
    let sessions = slots(&r, group_id).await?;
    let leader = name_of(&r, g.clinician_id).await?;
    let view = MemberView {
        state: state_of(mine),
        show_first_name: mine.show_first_name,
        group: GroupFacts::of(g, leader),
        first_names,
        sessions,
    };
    r.close().await?;
    journal_all(
        app,
        actor,
        vec![
            Entry::ok("group.read")
                .client(actor.user_id)
                .resource(super::resource(group_id)),
        ],
    )
    .await?;
    Ok(view)
}

/// The groups the actor leads, newest first.
pub async fn led_groups(app: &App, actor: &Actor) -> Result<Vec<(GroupFacts, usize, usize)>> {
    access::allow(actor, Action::RunGroups)?;
    let r = app.db.read().await?;
    let groups = store::led_by(r.conn(), actor.user_id).await?;
    let leader = name_of(&r, actor.user_id).await?;
    let mut out = vec![];
    for g in groups {
        let places = store::members_of(r.conn(), g.id).await?;
        let joined = places
            .iter()
            .filter(|m| state_of(m) == MemberState::Joined)
            .count();
        let offered = places
            .iter()
            .filter(|m| state_of(m) == MemberState::Offered)
            .count();
        out.push((GroupFacts::of(g, leader.clone()), joined, offered));
    }
    r.close().await?;
    Ok(out)
}

/// A client's live places (offered or joined), newest first.
pub async fn my_groups(app: &App, actor: &Actor) -> Result<Vec<MyPlace>> {
    access::own(actor, Action::JoinGroups)?;
    let r = app.db.read().await?;
    let out = my_groups_in(r.conn(), r.keys(), actor.user_id).await?;
    r.close().await?;
    Ok(out)
}

/// [`my_groups`] of the client, read through `c` (the caller asked the policy).
pub(crate) async fn my_groups_in(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<MyPlace>> {
    let places: Vec<Member> = store::places_of(c, client_id)
        .await?
        .into_iter()
        .filter(|m| state_of(m).is_live())
        .collect();
    if places.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<Uuid> = places.iter().map(|m| m.group_id).collect();
    let groups = store::find_many(c, &ids).await?;
    let leaders: Vec<Uuid> = groups.iter().map(|g| g.clinician_id).collect();
    let names = users::names_of(c, keys, &leaders).await?;
    let name = |id: Uuid| users::name_in(&names, id);
    let mut out = vec![];
    for m in &places {
        if let Some(g) = groups.iter().find(|g| g.id == m.group_id) {
            out.push(MyPlace {
                group: GroupFacts::of(g.clone(), name(g.clinician_id)),
                state: state_of(m),
            });
        }
    }
    Ok(out)
}
