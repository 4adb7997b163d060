//! Booking with care: a session that would overlap another of the clinician's own, or another
//! session in the same room, is not booked unless the clinician says so; and the place of a
//! client's last session is offered for the next.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use rapport_core::sessions::{MAX_MINUTES, Modality, SessionPlan, overlaps, same_place};
use rapport_store::WriteTx;
use rapport_store::accounts::users;
use rapport_store::sessions as store;
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Result};

/// Another session a new one would overlap. Nothing in it is about any client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub minutes: i16,
    /// The clinician who leads it.
    pub clinician_name: String,
    /// It is the scheduler's own.
    pub own: bool,
    /// It is in the same room (in person, the place typed alike).
    pub same_place: bool,
}

/// What asking to schedule came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booking {
    /// The ids of the sessions scheduled.
    Scheduled(Vec<Uuid>),
    /// Nothing was scheduled: these sessions overlap (ask again with the overlap allowed).
    Clashes(Vec<Clash>),
}

/// The sessions that sessions starting at `starts` as `plan` would overlap: the clinician's
/// own, and in person any in the same room; soonest first.
pub(super) async fn clashes(
    tx: &WriteTx,
    clinician_id: Uuid,
    plan: &SessionPlan,
    starts: &[DateTime<Utc>],
) -> Result<Vec<Clash>> {
    let mut seen = HashSet::new();
    let mut found = vec![];
    for start in starts {
        let around = store::starting_between(
            tx.conn(),
            tx.keys(),
            *start - Duration::minutes(i64::from(MAX_MINUTES)),
            *start + Duration::minutes(i64::from(plan.minutes)),
        )
        .await?;
        for s in around {
            let minutes = u16::try_from(s.minutes).unwrap_or(MAX_MINUTES);
            if !overlaps(
                start.timestamp(),
                plan.minutes,
                s.starts_at.timestamp(),
                minutes,
            ) {
                continue;
            }
            let own = s.clinician_id == clinician_id;
            let room = plan.modality == Modality::InPerson
                && Modality::parse(&s.modality) == Some(Modality::InPerson)
                && match (&plan.place, &s.place) {
                    (Some(a), Some(b)) => same_place(a, b),
                    _ => false,
                };
            if (own || room) && seen.insert(s.id) {
                found.push((s, own, room));
            }
        }
    }
    let ids: Vec<Uuid> = found.iter().map(|(s, ..)| s.clinician_id).collect();
    let names: HashMap<Uuid, String> = users::names_of(tx.conn(), tx.keys(), &ids)
        .await?
        .into_iter()
        .collect();
    let mut out: Vec<Clash> = found
        .into_iter()
        .map(|(s, own, room)| Clash {
            session_id: s.id,
            starts_at: s.starts_at,
            minutes: s.minutes,
            clinician_name: names.get(&s.clinician_id).cloned().unwrap_or_default(),
            own,
            same_place: room,
        })
        .collect();
    out.sort_by_key(|c| c.starts_at);
    Ok(out)
}

/// Where a client's last session took place (not cancelled), to offer for the next: its
/// modality and its place or link (none by phone). A clinician who may schedule for them.
pub async fn last_place(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Option<(Modality, Option<String>)>> {
    let scope = access::read(
        app,
        actor,
        Action::ManageSessions,
        client_id,
        "sessions.read",
    )
    .await?;
    let last = store::latest_of_client(scope.conn(), scope.keys(), client_id).await?;
    scope
        .finish(Entry::ok("sessions.read").resource("session:last_place"))
        .await?;
    Ok(last.and_then(|s| Modality::parse(&s.modality).map(|m| (m, s.place))))
}
