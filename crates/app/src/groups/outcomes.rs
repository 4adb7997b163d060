//! A group's outcomes, for its leader: the PHQ-9 series of the members side by side, their
//! attendance, and the share reliably improved with its Wilson interval — counted only from
//! members whose record the leader may read (the door's answer, member by member); the others
//! are counted as "not shared with you" and nothing of theirs is read.
//!
//! Who counts: every member who joined (including those who left since: the share is of
//! everyone who started). The window: from the last PHQ-9 at or before the group's first
//! session that was not cancelled to the latest PHQ-9 after it (`core::groups::paired_scores`).
//! The share is a cell that names a group, so it is shown from 5 members with paired scores
//! (`core::outcomes::cell`).

use chrono::{DateTime, Utc};
use rapport_core::groups::{paired_scores, reliably_improved};
use rapport_core::outcomes::{Cell, cell};
use rapport_core::sessions::Attendance;
use rapport_store::accounts::users;
use rapport_store::groups as store;
use rapport_store::measures;
use rapport_store::sessions as sessions_store;
use uuid::Uuid;

use super::views::{GroupFacts, shared_with};
use super::{led, resource};
use crate::audit_log::{Entry, journal_all};
use crate::{Actor, App, Result};

/// One member shared with the leader: their PHQ-9 series, attendance and pair of scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberOutcome {
    pub client_id: Uuid,
    pub name: String,
    /// (when, total), oldest first.
    pub phq9: Vec<(DateTime<Utc>, i16)>,
    /// The group's sessions that have started and were not cancelled, while a member.
    pub sessions: usize,
    pub attended: usize,
    pub missed: usize,
    pub baseline: Option<i16>,
    pub latest: Option<i16>,
    /// Whether the pair is a reliable improvement (None without a pair).
    pub improved: Option<bool>,
}

/// The group's outcomes as its leader may see them.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupOutcomes {
    pub group: GroupFacts,
    /// The first session's start (the window's start), if any session was held.
    pub start: Option<DateTime<Utc>>,
    pub members: Vec<MemberOutcome>,
    /// Members who joined but whose record the leader may not read: counted, never shown.
    pub not_shared: usize,
    /// Members with paired scores, and those of them reliably improved.
    pub paired: u32,
    pub improved: u32,
    /// The share reliably improved, or why it is not shown.
    pub share: Cell,
}

fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// The outcomes of a group the actor leads.
pub async fn outcomes(app: &App, actor: &Actor, group_id: Uuid) -> Result<GroupOutcomes> {
    let r = app.db.read().await?;
    let g = led(r.conn(), actor, group_id).await?;
    let places = store::members_of(r.conn(), group_id).await?;
    let mut joined: Vec<Uuid> = places
        .iter()
        .filter(|m| m.consented_at.is_some())
        .map(|m| m.client_id)
        .collect();
    joined.sort_unstable();
    joined.dedup();
    let shared = shared_with(&r, actor, &joined).await?;
    let open: Vec<Uuid> = joined
        .iter()
        .copied()
        .filter(|c| shared.get(c).copied().unwrap_or(false))
        .collect();
    let not_shared = joined.len() - open.len();
    let ids = store::session_ids_of(r.conn(), group_id).await?;
    let mut held = vec![];
    for id in &ids {
        if let Some(s) = sessions_store::find(r.conn(), r.keys(), *id).await?
            && s.cancelled_at.is_none()
        {
            held.push(s);
        }
    }
    held.sort_by_key(|s| s.starts_at);
    let start = held.first().map(|s| s.starts_at);
    let now = app.now();
    let attendees = sessions_store::attendees_of(r.conn(), &ids).await?;
    let names = users::names_of(r.conn(), r.keys(), &open).await?;
    let mut members = vec![];
    let (mut paired, mut improved) = (0u32, 0u32);
    for client_id in &open {
        let series = measures::series(r.conn(), *client_id, Some("phq9"), None).await?;
        let phq9: Vec<(DateTime<Utc>, i16)> =
            series.iter().map(|m| (m.taken_at, m.total)).collect();
        let mut counted = (0, 0, 0);
        for s in held.iter().filter(|s| s.starts_at <= now) {
            if let Some(a) = attendees
                .iter()
                .find(|a| a.session_id == s.id && a.client_id == *client_id)
            {
                counted.0 += 1;
                match a.attendance.as_deref().and_then(Attendance::parse) {
                    Some(Attendance::Attended) => counted.1 += 1,
                    Some(_) => counted.2 += 1,
                    None => {}
                }
            }
        }
        let pair = start.and_then(|start| {
            let points: Vec<(i64, u8)> = phq9
                .iter()
                .filter_map(|(t, v)| u8::try_from(*v).ok().map(|v| (ts(*t), v)))
                .collect();
            paired_scores(&points, ts(start))
        });
        let better = pair.map(|(b, e)| reliably_improved(b, e));
        if let Some(b) = better {
            paired += 1;
            improved += u32::from(b);
        }
        members.push(MemberOutcome {
            client_id: *client_id,
            name: names
                .iter()
                .find(|(id, _)| id == client_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            phq9,
            sessions: counted.0,
            attended: counted.1,
            missed: counted.2,
            baseline: pair.map(|p| i16::from(p.0)),
            latest: pair.map(|p| i16::from(p.1)),
            improved: better,
        });
    }
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let leader = users::names_of(r.conn(), r.keys(), &[g.clinician_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default();
    r.close().await?;
    let mut entries: Vec<Entry<'_>> = open
        .iter()
        .map(|c| {
            Entry::ok("group.outcomes.read")
                .client(*c)
                .resource(resource(group_id))
        })
        .collect();
    if entries.is_empty() {
        entries.push(Entry::ok("group.outcomes.read").resource(resource(group_id)));
    }
    journal_all(app, actor, entries).await?;
    Ok(GroupOutcomes {
        group: GroupFacts::of(g, leader),
        start,
        members,
        not_shared,
        paired,
        improved,
        share: cell(improved, paired, true),
    })
}
