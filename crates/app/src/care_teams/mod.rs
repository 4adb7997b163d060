//! Care teams: who treats whom. Administrators assign; clients see their team; clinicians
//! see their clients; access to a record follows the team.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::accounts::{CareTeamRole, Credential, Role};
use rapport_core::alerts::{FlagKind, FlagStatus, Level};
use rapport_core::caseload::{EpisodeTotals, Track, change_of, risk_rank, track_of};
use rapport_core::episodes::EpisodeState;
use rapport_core::measures::Band;
use rapport_core::outcomes::Change;
use rapport_store::ConnectionTrait;
use rapport_store::accounts::{profiles, users};
use rapport_store::care_teams::{self, Membership};
use rapport_store::crypto::Keyring;
use rapport_store::summaries;
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, journal, record_and_commit};
use crate::policy::Action;
use crate::words::{stored, stored_opt};
use crate::{Actor, App, Error, Result, messages};

/// A membership of a care team, as the administrator who made it (or the clinician who took
/// the client on) sees it: not a store row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub clinician_id: Uuid,
    pub role: CareTeamRole,
    pub started_at: DateTime<Utc>,
    pub added_by: Option<Uuid>,
}

impl TryFrom<Membership> for MembershipView {
    type Error = Error;

    fn try_from(m: Membership) -> Result<MembershipView> {
        Ok(MembershipView {
            id: m.id,
            client_id: m.client_id,
            clinician_id: m.clinician_id,
            role: stored(&m.role, CareTeamRole::parse)?,
            started_at: m.started_at,
            added_by: m.added_by,
        })
    }
}

/// One clinician on a client's team, as the client sees them.
#[derive(Debug, Clone)]
pub struct TeamMember {
    pub clinician_id: Uuid,
    pub name: String,
    pub role: CareTeamRole,
    pub credential: Option<Credential>,
    pub since: DateTime<Utc>,
}

/// One client on a clinician's caseload.
#[derive(Debug, Clone)]
pub struct CaseloadEntry {
    pub client_id: Uuid,
    pub name: String,
    pub role: CareTeamRole,
    pub since: DateTime<Utc>,
    pub latest_phq9: Option<u8>,
    pub band: Option<Band>,
    pub latest_phq9_at: Option<DateTime<Utc>>,
    /// The PHQ-9 totals of the last `SPARKLINE_WEEKS` weeks, oldest first (the sparkline).
    pub phq9_recent: Vec<u8>,
    /// Unresolved flags, most urgent first.
    pub open_flags: Vec<CaseloadFlag>,
    /// `None`: no episode yet (not started).
    pub episode_state: Option<EpisodeState>,
    /// PHQ-9 change since the episode's baseline, and whether it is reliable.
    pub change: Option<(i16, Change)>,
    pub track: Track,
    pub last_checkin: Option<NaiveDate>,
    pub next_session: Option<DateTime<Utc>>,
    /// Lower is more urgent (`rapport_core::caseload::risk_rank`).
    pub risk: u8,
    /// Homework entries the client handed in that nobody on the team has reviewed yet.
    pub homework_new: usize,
    /// A medication review is due (`rapport_core::medication`).
    pub review_due: bool,
}

/// An unresolved flag on a caseload row; `id` is the alert's, so the row can open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseloadFlag {
    pub id: Uuid,
    pub kind: FlagKind,
    pub level: Level,
    pub status: FlagStatus,
}

/// Adds a clinician to a client's care team (administrators).
pub async fn assign(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    clinician_id: Uuid,
    role: CareTeamRole,
) -> Result<MembershipView> {
    access::allow(actor, Action::ManageCareTeams)?;
    let tx = app.db.write().await?;
    let c = tx.conn();
    let client = users::find(c, tx.keys(), client_id).await?;
    if client
        .as_ref()
        .is_none_or(|u| u.role != Role::Client.as_str())
    {
        return Err(Error::invalid("client_id", messages::NOT_A_CLIENT));
    }
    let clinician = users::find(c, tx.keys(), clinician_id).await?;
    if clinician
        .as_ref()
        .is_none_or(|u| u.role != Role::Clinician.as_str())
    {
        return Err(Error::invalid("clinician_id", messages::NOT_A_CLINICIAN));
    }
    let m = Membership {
        id: app.new_id(),
        client_id,
        clinician_id,
        role: role.as_str().to_string(),
        started_at: app.now(),
        ended_at: None,
        added_by: Some(actor.user_id),
    };
    care_teams::add(c, m.clone()).await.map_err(|e| match e {
        rapport_store::Error::Conflict(_) => {
            Error::invalid("clinician_id", messages::ALREADY_ON_TEAM)
        }
        other => other.into(),
    })?;
    crate::notifications::care_team_joined(app, &tx, client_id, m.id).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("care_team.assigned")
            .client(client_id)
            .resource(format!("user:{clinician_id}")),
    )
    .await?;
    m.try_into()
}

/// Ends a clinician's membership of a client's care team (administrators). Access follows
/// the team, so the clinician's next read of the record is refused.
pub async fn end_membership(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    clinician_id: Uuid,
) -> Result<()> {
    access::allow(actor, Action::ManageCareTeams)?;
    let tx = app.db.write().await?;
    if !care_teams::end(tx.conn(), client_id, clinician_id, app.now()).await? {
        return Err(Error::NotFound);
    }
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("care_team.ended")
            .client(client_id)
            .resource(format!("user:{clinician_id}")),
    )
    .await?;
    Ok(())
}

/// The active members of a client's care team, as people see them.
pub(crate) async fn team_members(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<TeamMember>> {
    Ok(care_teams::team_with_names(c, keys, client_id)
        .await?
        .into_iter()
        .map(|m| TeamMember {
            clinician_id: m.clinician_id,
            name: m.name,
            role: CareTeamRole::parse(&m.role).unwrap_or(CareTeamRole::PrimaryTherapist),
            credential: m.credential.as_deref().and_then(Credential::parse),
            since: m.started_at,
        })
        .collect())
}

/// The client's care team (the client, their team, or a family member with the scope).
pub async fn care_team(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<TeamMember>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadCareTeam,
        client_id,
        "care_team.read",
    )
    .await?;
    let out = team_members(scope.conn(), scope.keys(), client_id).await?;
    scope.finish(Entry::ok("care_team.read")).await?;
    Ok(out)
}

pub use rapport_store::summaries::{SPARKLINE_WEEKS, sparkline_since};

/// Brings the client's summary row up to date in a write transaction about them, when its
/// writes made it stale (`rapport_store::summaries`): called as each audited write records its
/// event, after the changes it records.
pub(crate) async fn keep_summary(
    app: &App,
    tx: &rapport_store::WriteTx,
    client_id: Option<Uuid>,
) -> Result<()> {
    if let Some(id) = client_id {
        summaries::refresh_if_stale(tx.conn(), id, app.now()).await?;
    }
    Ok(())
}

/// After every rank of `risk_rank`: clients with no episode yet.
const NOT_STARTED: u8 = 6;

/// The clinician's own clients in care, one row each, the most urgent first (critical flags,
/// then high, then not on track, then medium, low; then by name), and last those not started
/// yet; clients whose episode is closed leave it. One read of the care team with each
/// client's name and summary row (`rapport_store::summaries`); the few rows that are stale or
/// whose next session has begun since are computed from the history by a constant number of
/// queries more.
pub async fn caseload(app: &App, actor: &Actor) -> Result<Vec<CaseloadEntry>> {
    access::allow(actor, Action::ReadCaseload)?;
    let c = app.db.conn();
    let now = app.now();
    let mut rows = summaries::caseload_of(c, app.db.keys(), actor.user_id).await?;
    let behind: Vec<Uuid> = rows
        .iter()
        .filter(|r| !r.summary.as_ref().is_some_and(|s| s.holds_at(now)))
        .map(|r| r.client_id)
        .collect();
    for s in summaries::compute(c, &behind, now).await? {
        if let Some(r) = rows.iter_mut().find(|r| r.client_id == s.client_id) {
            r.summary = Some(s);
        }
    }
    // What else a row says, for all rows at once and both side by side: new homework entries
    // to review, and whether a medication review is due (in the client's own calendar).
    let ids: Vec<Uuid> = rows.iter().map(|r| r.client_id).collect();
    let zones: Vec<(Uuid, String)> = rows
        .iter()
        .map(|r| (r.client_id, r.timezone.clone()))
        .collect();
    let (homework_new, reviews) = tokio::try_join!(
        async { Ok::<_, crate::Error>(rapport_store::homework::unreviewed_counts(c, &ids).await?) },
        crate::medication::review_statuses(c, &zones, now),
    )?;
    // The default curve stands in if the practice's cannot be read.
    let practice = crate::reports::practice_curves(app).await.ok();
    let mut out = Vec::new();
    for r in rows {
        let id = r.client_id;
        if let Some(mut entry) = entry_of(r, now, practice.as_deref())? {
            entry.homework_new = homework_new.get(&id).copied().unwrap_or(0);
            entry.review_due = reviews.get(&id).is_some_and(|s| s.due);
            out.push(entry);
        }
    }
    out.sort_by(|a, b| a.risk.cmp(&b.risk).then_with(|| a.name.cmp(&b.name)));
    journal(app, actor, Entry::ok("caseload.read")).await?;
    Ok(out)
}

/// A caseload row from a client's membership and summary; `None` when their episode is closed
/// (they leave the caseload; a client not started yet stays on it, last).
fn entry_of(
    r: summaries::CaseloadRow,
    now: DateTime<Utc>,
    practice: Option<&rapport_core::outcomes::PracticeCurves>,
) -> Result<Option<CaseloadEntry>> {
    let Some(s) = r.summary else {
        return Err(Error::Internal("a caseload row without its summary".into()));
    };
    if s.episode_state.as_deref() == Some("closed") {
        return Ok(None);
    }
    let started = s.episode_id.is_some();
    let latest = s
        .latest_total
        .zip(s.latest_at)
        .zip(s.latest_episode_id)
        .map(|((total, at), episode)| (total, at, episode));
    // Measures go to the current episode, so its latest is the client's latest.
    let in_episode = match (latest, s.episode_id, s.baseline) {
        (Some((latest, _, of_episode)), Some(episode), Some(baseline)) if of_episode == episode => {
            Some(EpisodeTotals {
                baseline: baseline.clamp(0, 255) as u8,
                latest: latest.clamp(0, 255) as u8,
                count: usize::try_from(s.phq9_count).unwrap_or(0),
            })
        }
        _ => None,
    };
    let mut open_flags = s
        .flags
        .iter()
        .map(|f| {
            Ok(CaseloadFlag {
                id: f.id,
                kind: stored(&f.kind, FlagKind::parse)?,
                level: stored(&f.level, Level::parse)?,
                status: stored(&f.status, FlagStatus::parse)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    open_flags.sort_by_key(|f| std::cmp::Reverse(f.level));
    let levels: Vec<Level> = open_flags.iter().map(|f| f.level).collect();
    let track = track_of(in_episode, practice);
    Ok(Some(CaseloadEntry {
        client_id: r.client_id,
        name: r.name,
        role: CareTeamRole::parse(&r.role).unwrap_or(CareTeamRole::PrimaryTherapist),
        since: r.since,
        latest_phq9: latest.map(|(total, ..)| total.clamp(0, 255) as u8),
        phq9_recent: s
            .recent_at(now)
            .into_iter()
            .map(|t| t.clamp(0, 255) as u8)
            .collect(),
        band: stored_opt(s.latest_band.as_deref(), Band::parse)?,
        latest_phq9_at: latest.map(|(_, at, _)| at),
        risk: if started {
            risk_rank(&levels, track)
        } else {
            NOT_STARTED
        },
        open_flags,
        episode_state: s
            .episode_state
            .as_deref()
            .map(|e| stored(e, EpisodeState::parse))
            .transpose()?,
        change: change_of(in_episode),
        track,
        last_checkin: s.last_checkin,
        next_session: s.next_session,
        homework_new: 0,
        review_due: false,
    }))
}

/// The part of a client's record this issue has: who they are and their team.
#[derive(Debug, Clone)]
pub struct ClientRecord {
    pub client_id: Uuid,
    pub name: String,
    pub email: String,
    pub timezone: String,
    pub member_since: DateTime<Utc>,
    pub emergency_contact: Option<String>,
    pub team: Vec<TeamMember>,
}

/// Opens a client's record. Recorded in the audit log, which the client can read.
pub async fn client_record(app: &App, actor: &Actor, client_id: Uuid) -> Result<ClientRecord> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "client.record.read",
    )
    .await?;
    let record = client_record_in(&scope).await?;
    scope.finish(Entry::ok("client.record.read")).await?;
    Ok(record)
}

/// [`client_record`] in a scope the caller opened (and records).
pub(crate) async fn client_record_in(scope: &access::ReadScope<'_>) -> Result<ClientRecord> {
    let (c, client_id) = (scope.conn(), scope.client_id());
    let user = users::find(c, scope.keys(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let profile = profiles::find_client_of(&scope.client()).await?;
    let team = team_members(c, scope.keys(), client_id).await?;
    Ok(ClientRecord {
        client_id,
        name: user.name,
        email: user.email,
        timezone: user.timezone,
        member_since: user.created_at,
        emergency_contact: profile.and_then(|p| p.emergency_contact),
        team,
    })
}

/// A client records or changes who to call in an emergency (free text, sealed at rest).
pub async fn set_emergency_contact(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    contact: &str,
) -> Result<()> {
    let contact = contact.trim();
    if contact.chars().count() > 500 {
        return Err(Error::invalid(
            "emergency_contact",
            "Use 500 characters or fewer.",
        ));
    }
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "client.record.write",
    )
    .await?;
    let mut profile =
        profiles::find_client_of(&scope.client())
            .await?
            .unwrap_or(profiles::ClientProfile {
                user_id: client_id,
                date_of_birth: None,
                emergency_contact: None,
            });
    profile.emergency_contact = (!contact.is_empty()).then(|| contact.to_string());
    profiles::upsert_client(&scope.client(), &profile, app.now()).await?;
    scope
        .commit(Entry::ok("client.record.write").resource("emergency_contact"))
        .await?;
    Ok(())
}

/// Clients' open requests for another therapist, oldest first: (client, name, when). For the
/// administrators who rearrange care teams; the reasons stay sealed for matching.
pub async fn open_therapist_requests(
    app: &App,
    actor: &Actor,
) -> Result<Vec<(Uuid, String, DateTime<Utc>)>> {
    access::allow(actor, Action::ManageCareTeams)?;
    let c = app.db.conn();
    let mut out = vec![];
    for (_, client_id, at) in care_teams::requests::open_requests(c).await? {
        let name = users::find(c, app.db.keys(), client_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        out.push((client_id, name, at));
    }
    Ok(out)
}
