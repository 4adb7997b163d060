//! Emergency access, "break glass" (issue 17, HIPAA 164.312(a)(2)(ii)): a clinician with no
//! tie to a client opens the record in an emergency by giving a reason. For an hour the door
//! (`access::relation_at`) answers `Relation::Emergency` for that clinician and client, which
//! the policy lets read the record, the care team and progress notes — never write, never
//! psychotherapy notes — and every read under it is audited with the detail `emergency`.
//! The opening itself is audited (`record.emergency_access`) and told to the care team and
//! every practice lead in the same transaction; the client sees it, with the reason, in
//! "who opened my record". A practice can turn it off (`instance_settings`).

use chrono::{DateTime, Duration, Utc};
use rapport_core::accounts::Role;
use rapport_core::notifications::NoticeKind;
use rapport_store::accounts::users;
use rapport_store::emergency_access::{self as store, ENABLED_SETTING, Opening};
use rapport_store::{ConnectionTrait, care_teams, on_call, practice_leads};
use serde::Serialize;
use uuid::Uuid;

use crate::audit_log::{Entry, journal, journal_all, record_and_commit};
use crate::notifications::{Notice, notify};
use crate::policy::{Action, Relation};
use crate::{Actor, App, Error, Result, access, messages};

/// How long an opening lasts.
pub const LASTS: Duration = Duration::minutes(60);
/// The shortest and longest reason, in characters.
pub const REASON_MIN: usize = 10;
pub const REASON_MAX: usize = 500;
/// How far back the lists of openings go, and how many they show.
const RECENT_DAYS: i64 = 90;
const RECENT_SHOWN: u64 = 100;

/// The audit action of an opening.
pub const OPENED: &str = "record.emergency_access";

/// An opening, as the clinician who made it, the client and the reviewers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpeningView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub clinician_id: Uuid,
    pub opened_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl From<&Opening> for OpeningView {
    fn from(o: &Opening) -> Self {
        OpeningView {
            id: o.id,
            client_id: o.client_id,
            clinician_id: o.clinician_id,
            opened_at: o.opened_at,
            expires_at: o.expires_at,
        }
    }
}

/// An opening with the names of both people, and the reason where the reader may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpeningRow {
    #[serde(flatten)]
    pub opening: OpeningView,
    pub clinician_name: String,
    pub client_name: String,
    /// `None` for administrators: the reason may be clinical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether the hour is still running.
    pub active: bool,
}

/// A client found for an emergency opening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundClient {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

/// Whether the practice allows emergency openings (on unless an administrator turned it off).
pub(crate) async fn enabled_in(c: &impl ConnectionTrait) -> Result<bool> {
    Ok(on_call::setting(c, ENABLED_SETTING).await?.as_deref() != Some("false"))
}

/// The reason, trimmed and checked.
fn checked_reason(reason: &str) -> Result<String> {
    let r = reason.trim();
    let n = r.chars().count();
    if n < REASON_MIN {
        return Err(Error::invalid("reason", messages::EMERGENCY_REASON_SHORT));
    }
    if n > REASON_MAX {
        return Err(Error::invalid("reason", messages::EMERGENCY_REASON_LONG));
    }
    Ok(r.to_string())
}

/// A clinician not on the client's care team opens the record for an hour, giving a reason.
/// The opening, its audit event and the notices to the care team and the practice leads are
/// one transaction.
pub async fn open(app: &App, actor: &Actor, client_id: Uuid, reason: &str) -> Result<OpeningView> {
    let scope = access::write(app, actor, Action::OpenInEmergency, client_id, OPENED).await?;
    let c = scope.conn();
    if !enabled_in(c).await? {
        return Err(Error::Conflict(messages::EMERGENCY_OFF.to_string()));
    }
    let reason = checked_reason(reason)?;
    let client = users::find(c, scope.keys(), client_id).await?;
    if client
        .as_ref()
        .is_none_or(|u| u.role != Role::Client.as_str() || u.disabled_at.is_some())
    {
        return Err(Error::NotFound);
    }
    let now = app.now();
    let opening = Opening {
        id: app.new_id(),
        clinician_id: actor.user_id,
        client_id,
        reason,
        opened_at: now,
        expires_at: now + LASTS,
    };
    store::insert(c, scope.keys(), &opening).await?;
    let team: Vec<Uuid> = care_teams::team_of(c, client_id)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect();
    let leads = practice_leads::all(c).await?;
    let mut told: Vec<Uuid> = vec![];
    for (who, link) in team
        .iter()
        .map(|id| (*id, format!("/clients/{client_id}")))
        .chain(
            leads
                .iter()
                .map(|id| (*id, "/emergency-access#review".to_string())),
        )
    {
        if who == actor.user_id || told.contains(&who) {
            continue;
        }
        told.push(who);
        notify(
            app,
            scope.tx(),
            Notice {
                user_id: who,
                kind: NoticeKind::EmergencyAccess,
                client_id: Some(client_id),
                subject_id: Some(opening.id),
                link,
            },
        )
        .await?;
    }
    let view = OpeningView::from(&opening);
    scope
        .commit(Entry::ok(OPENED).resource(format!("emergency_access:{}", opening.id)))
        .await?;
    Ok(view)
}

/// The signed-in clinician's own opening of this client's record, while it runs and gives
/// them access (the chart shows its banner and a read-only record). Not audited: it says
/// only what the clinician did.
pub async fn my_opening(app: &App, actor: &Actor, client_id: Uuid) -> Result<Option<OpeningView>> {
    if actor.role != Role::Clinician {
        return Ok(None);
    }
    let r = app.db.read().await?;
    let now = app.now();
    let relation = access::relation_at(
        r.conn(),
        actor,
        client_id,
        Action::ReadClientRecord,
        Some(now),
    )
    .await?;
    if relation != Relation::Emergency {
        r.close().await?;
        return Ok(None);
    }
    let mine = store::active_of(r.conn(), r.keys(), actor.user_id, now).await?;
    r.close().await?;
    Ok(mine
        .iter()
        .filter(|o| o.client_id == client_id)
        .map(OpeningView::from)
        .max_by_key(|o| o.expires_at))
}

/// The signed-in clinician's openings still running, with the clients' names.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<OpeningRow>> {
    access::allow(actor, Action::OpenInEmergency)?;
    let r = app.db.read().await?;
    let now = app.now();
    let list = store::active_of(r.conn(), r.keys(), actor.user_id, now).await?;
    let rows = rows(r.conn(), r.keys(), list, now, true).await?;
    r.close().await?;
    Ok(rows)
}

/// Finds the client to open: an exact e-mail address, or an exact full name (case and
/// spacing aside). Never a list of everyone: a part of a name finds nobody. The search is
/// audited (without what was typed).
pub async fn find_client(app: &App, actor: &Actor, query: &str) -> Result<Vec<FoundClient>> {
    access::allow(actor, Action::OpenInEmergency)?;
    let q = query.split_whitespace().collect::<Vec<_>>().join(" ");
    if q.is_empty() {
        return Err(Error::invalid("query", messages::EMERGENCY_SEARCH_EMPTY));
    }
    let r = app.db.read().await?;
    let found = if q.contains('@') {
        let mut f = store::find_clients(r.conn(), r.keys(), Some(&q), None, same_name).await?;
        let lower = q.to_lowercase();
        if f.is_empty() && lower != q {
            f = store::find_clients(r.conn(), r.keys(), Some(&lower), None, same_name).await?;
        }
        f
    } else {
        store::find_clients(r.conn(), r.keys(), None, Some(&q), same_name).await?
    };
    r.close().await?;
    journal(
        app,
        actor,
        Entry::ok("emergency_access.search").resource(format!("matches:{}", found.len())),
    )
    .await?;
    Ok(found
        .into_iter()
        .map(|(id, name, email)| FoundClient { id, name, email })
        .collect())
}

/// Two full names are the same when they differ only in case and spacing.
fn same_name(stored: &str, typed: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(stored) == norm(typed)
}

/// The openings a clinician reviews, with their reasons: every one of the practice for a
/// practice lead; for others, those of clients on their care team. Each opening shown is
/// recorded in its client's log (`emergency_access.reviewed`).
pub async fn to_review(app: &App, actor: &Actor) -> Result<Vec<OpeningRow>> {
    access::allow(actor, Action::OpenInEmergency)?;
    let r = app.db.read().await?;
    let now = app.now();
    let lead = practice_leads::is_lead(r.conn(), actor.user_id).await?;
    let mut list = vec![];
    for o in store::recent(
        r.conn(),
        r.keys(),
        now - Duration::days(RECENT_DAYS),
        RECENT_SHOWN,
    )
    .await?
    {
        if o.clinician_id != actor.user_id
            && (lead || care_teams::is_member(r.conn(), o.client_id, actor.user_id).await?)
        {
            list.push(o);
        }
    }
    let rows = rows(r.conn(), r.keys(), list, now, true).await?;
    r.close().await?;
    if !rows.is_empty() {
        journal_all(
            app,
            actor,
            rows.iter()
                .map(|o| {
                    Entry::ok("emergency_access.reviewed")
                        .client(o.opening.client_id)
                        .resource(format!("emergency_access:{}", o.opening.id))
                })
                .collect(),
        )
        .await?;
    }
    Ok(rows)
}

/// The practice's setting and its recent openings (administrators): who opened whose record
/// when, until when — never the reason, which may be clinical.
pub async fn admin_overview(app: &App, actor: &Actor) -> Result<(bool, Vec<OpeningRow>)> {
    access::allow(actor, Action::ManageSettings)?;
    let r = app.db.read().await?;
    let now = app.now();
    let on = enabled_in(r.conn()).await?;
    let list = store::recent(
        r.conn(),
        r.keys(),
        now - Duration::days(RECENT_DAYS),
        RECENT_SHOWN,
    )
    .await?;
    let rows = rows(r.conn(), r.keys(), list, now, false).await?;
    r.close().await?;
    journal(app, actor, Entry::ok("admin.emergency_access.read")).await?;
    Ok((on, rows))
}

/// Turns emergency access on or off for the practice (administrators). Off also ends the
/// openings still running: the door asks the setting at every request. Audited when it
/// changes anything.
pub async fn set_enabled(app: &App, actor: &Actor, on: bool) -> Result<bool> {
    access::allow(actor, Action::ManageSettings)?;
    let tx = app.db.write().await?;
    if enabled_in(tx.conn()).await? == on {
        return Ok(on);
    }
    on_call::set_setting(
        tx.conn(),
        ENABLED_SETTING,
        if on { "true" } else { "false" },
        actor.user_id,
        app.now(),
    )
    .await?;
    let e = Entry::ok(if on {
        "admin.emergency_access_on"
    } else {
        "admin.emergency_access_off"
    });
    record_and_commit(app, tx, actor, e).await?;
    Ok(on)
}

/// Openings with both names, the reason kept only when `with_reason`.
async fn rows(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    list: Vec<Opening>,
    now: DateTime<Utc>,
    with_reason: bool,
) -> Result<Vec<OpeningRow>> {
    let mut ids: Vec<Uuid> = list
        .iter()
        .flat_map(|o| [o.clinician_id, o.client_id])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = users::names_of(c, keys, &ids).await?;
    let name = |id: Uuid| {
        names
            .iter()
            .find(|(n, _)| *n == id)
            .map_or_else(|| "A former user".to_string(), |(_, s)| s.clone())
    };
    Ok(list
        .into_iter()
        .map(|o| OpeningRow {
            opening: OpeningView::from(&o),
            clinician_name: name(o.clinician_id),
            client_name: name(o.client_id),
            active: o.opened_at <= now && now < o.expires_at,
            reason: with_reason.then_some(o.reason),
        })
        .collect())
}

/// The reasons of the client's own openings among `ids` (their access log), opened for the
/// client alone.
pub(crate) async fn reasons_for_client(
    c: &impl ConnectionTrait,
    keys: &rapport_store::crypto::Keyring,
    client_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String)>> {
    Ok(store::of_client_by_ids(c, keys, client_id, ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o.reason))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_needs_ten_to_five_hundred_characters() {
        assert!(checked_reason("  ten chars!  ").is_ok());
        assert!(checked_reason("short").is_err());
        assert!(checked_reason(&"x".repeat(501)).is_err());
        assert_eq!(
            checked_reason(&"é".repeat(500)).unwrap().chars().count(),
            500
        );
    }

    #[test]
    fn names_match_whole_not_in_part() {
        assert!(same_name("Ana  Ruiz", "ana ruiz"));
        assert!(!same_name("Ana Ruiz", "Ana"));
    }
}
