//! Episodes of care: started, discharged to maintenance, closed and re-opened by a clinician on
//! the care team, each change recorded with who and why.

use chrono::{DateTime, Utc};
use rapport_core::episodes::{EpisodeState, check_transition};
use rapport_store::WriteTx;
use rapport_store::accounts::users;
use rapport_store::episodes::{self, Episode, EpisodeEvent};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// Starts a new episode (active) and records who started it.
pub(crate) async fn start(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    by: Uuid,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<Episode> {
    start_in(app, tx, EpisodeState::Active, client_id, by, reason, now).await
}

/// Starts a new episode in `state` (active, or `consultation` when a client chooses a
/// therapist after meeting them) and records who started it.
pub(crate) async fn start_in(
    app: &App,
    tx: &WriteTx,
    state: EpisodeState,
    client_id: Uuid,
    by: Uuid,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<Episode> {
    let e = Episode {
        id: app.new_id(),
        client_id,
        state: state.as_str().into(),
        started_at: now,
        discharged_at: None,
        closed_at: None,
        opened_by: Some(by),
        sweep_slot: Some(episodes::sweep_slot(client_id)),
    };
    episodes::insert(tx.conn(), e.clone()).await?;
    let event = EpisodeEvent {
        id: app.new_id(),
        episode_id: e.id,
        at: now,
        by,
        from_state: None,
        to_state: e.state.clone(),
        reason,
    };
    episodes::record_event(tx.conn(), tx.keys(), &event).await?;
    Ok(e)
}

/// Moves the client's episode to `to` (a clinician on the care team), or starts a new one when
/// the client has none open. The PHQ-9 schedule follows the state (weekly in treatment,
/// monthly in maintenance).
pub async fn change(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    to: &str,
    reason: &str,
) -> Result<()> {
    let to = EpisodeState::parse(to)
        .ok_or_else(|| Error::invalid("state", "Choose active, maintenance or closed."))?;
    let scope = access::write(
        app,
        actor,
        Action::ManageEpisodes,
        client_id,
        "episode.changed",
    )
    .await?;
    users::lock(scope.tx(), client_id).await?;
    let reason_text = (!reason.trim().is_empty()).then(|| reason.trim().to_string());
    match episodes::current(scope.conn(), client_id).await? {
        None if to == EpisodeState::Active => {
            start(
                app,
                scope.tx(),
                client_id,
                actor.user_id,
                reason_text,
                app.now(),
            )
            .await?;
        }
        None => {
            return Err(Error::invalid(
                "state",
                "The client has no open episode; start one first.",
            ));
        }
        Some(current) => {
            let from = EpisodeState::parse(&current.state).unwrap_or(EpisodeState::Active);
            check_transition(from, to, reason)?;
            let event = EpisodeEvent {
                id: app.new_id(),
                episode_id: current.id,
                at: app.now(),
                by: actor.user_id,
                from_state: Some(from.as_str().into()),
                to_state: to.as_str().into(),
                reason: reason_text,
            };
            episodes::change_state(scope.conn(), scope.keys(), &event).await?;
        }
    }
    if let Some(days) = to.phq9_every_days() {
        rapport_store::measures::set_schedule(
            scope.conn(),
            client_id,
            "phq9",
            days,
            true,
            actor.user_id,
            app.now(),
        )
        .await?;
    }
    scope
        .commit(Entry::ok("episode.changed").resource(format!("episode:{}", to.as_str())))
        .await?;
    Ok(())
}

/// One change in an episode's history, as the chart shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub at: DateTime<Utc>,
    pub by: String,
    pub from: Option<EpisodeState>,
    /// `None` for a state this version does not know.
    pub to: Option<EpisodeState>,
    pub reason: Option<String>,
}

/// The client's episodes: (state, started, lines), newest first (the care team).
pub async fn history(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<(EpisodeState, DateTime<Utc>, Vec<HistoryLine>)>> {
    let scope = access::read(
        app,
        actor,
        Action::ManageEpisodes,
        client_id,
        "episodes.read",
    )
    .await?;
    let stored = episodes::history(&scope.client()).await?;
    let out = history_from(&scope, &stored).await?;
    scope.finish(Entry::ok("episodes.read")).await?;
    Ok(out)
}

/// [`history`] from the episodes and their events as stored (`store::episodes::history`),
/// the names of those who changed them read in the scope.
pub(crate) async fn history_from(
    scope: &access::ReadScope<'_>,
    stored: &[(Episode, Vec<EpisodeEvent>)],
) -> Result<Vec<(EpisodeState, DateTime<Utc>, Vec<HistoryLine>)>> {
    let mut by: Vec<Uuid> = stored
        .iter()
        .flat_map(|(_, events)| events.iter().map(|e| e.by))
        .collect();
    by.sort_unstable();
    by.dedup();
    let names = users::names_of(scope.conn(), scope.keys(), &by).await?;
    Ok(stored
        .iter()
        .map(|(ep, events)| {
            let state = EpisodeState::parse(&ep.state).unwrap_or(EpisodeState::Active);
            let lines = events
                .iter()
                .map(|e| HistoryLine {
                    at: e.at,
                    by: users::name_in(&names, e.by),
                    from: e.from_state.as_deref().and_then(EpisodeState::parse),
                    to: EpisodeState::parse(&e.to_state),
                    reason: e.reason.clone(),
                })
                .collect();
            (state, ep.started_at, lines)
        })
        .collect())
}
