//! The intake: the client tells their story at the start of an episode of care, in parts,
//! saved as they go; the clinician reads it as a summary on the chart.

use chrono::{DateTime, Utc};
use rapport_core::intake::{Intake, check_complete, check_draft};
use rapport_core::measures::{Band, Instrument};
use rapport_store::intakes::{self, IntakeRow};
use rapport_store::{ConnectionTrait, episodes, measures};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::measures::current_episode;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// A baseline questionnaire: the first of its kind in the episode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub instrument: Instrument,
    pub total: i16,
    pub band: Option<Band>,
    pub taken_at: DateTime<Utc>,
}

/// The intake of the client's current episode, as far as it is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IntakeView {
    pub intake: Intake,
    /// When it was last saved; `None` before the first save.
    pub updated_at: Option<DateTime<Utc>>,
    /// When it was sent to the clinician; it can still be corrected after.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The PHQ-9 and GAD-7 baselines, where answered.
    pub baselines: Vec<Baseline>,
}

async fn baselines(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    episode_id: Uuid,
) -> Result<Vec<Baseline>> {
    let mut out = vec![];
    for instrument in [Instrument::Phq9, Instrument::Gad7] {
        let first = measures::series(c, client_id, Some(instrument.as_str()), Some(episode_id))
            .await?
            .into_iter()
            .next();
        if let Some(m) = first {
            out.push(Baseline {
                instrument,
                total: m.total,
                band: m.band.as_deref().and_then(Band::parse),
                taken_at: m.taken_at,
            });
        }
    }
    Ok(out)
}

/// The intake of the client's current episode (the client or their care team). Empty when
/// nothing is written yet.
pub async fn intake(app: &App, actor: &Actor, client_id: Uuid) -> Result<IntakeView> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "intake.read",
    )
    .await?;
    let view = intake_in(&scope).await?;
    scope.finish(Entry::ok("intake.read")).await?;
    Ok(view)
}

/// [`intake`] in a scope the caller opened (and records).
pub(crate) async fn intake_in(scope: &access::ReadScope<'_>) -> Result<IntakeView> {
    let client_id = scope.client_id();
    let mut view = IntakeView::default();
    if let Some(episode) = episodes::current(scope.conn(), client_id).await? {
        if let Some(row) = intakes::of_episode_for(&scope.client(), episode.id).await? {
            view.intake =
                serde_json::from_str(&row.body).map_err(|e| Error::Internal(e.to_string()))?;
            view.updated_at = Some(row.updated_at);
            view.submitted_at = row.submitted_at;
        }
        view.baselines = baselines(scope.conn(), client_id, episode.id).await?;
    }
    Ok(view)
}

/// Saves the intake as written so far (`send` false: a draft, anything may be missing), or
/// sends it to the clinician (`send` true: the answers a first session needs must be there).
/// Returns when it was sent, if it has been.
pub async fn save_intake(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    intake: Intake,
    send: bool,
) -> Result<Option<DateTime<Utc>>> {
    let event = if send {
        "intake.submitted"
    } else {
        "intake.saved"
    };
    let scope = access::write(app, actor, Action::WriteClientRecord, client_id, event).await?;
    let intake = intake.tidy();
    if send {
        check_complete(&intake)?;
    } else {
        check_draft(&intake)?;
    }
    // As with a first measure: the client's row is locked, so that a first intake and a first
    // questionnaire at the same moment share one new episode.
    rapport_store::accounts::users::lock(scope.tx(), client_id).await?;
    let episode = current_episode(app, scope.tx(), client_id, actor.user_id).await?;
    let existing = intakes::of_episode_for(&scope.client(), episode.id).await?;
    let now = app.now();
    let submitted_at = existing
        .as_ref()
        .and_then(|r| r.submitted_at)
        .or(send.then_some(now));
    let row = IntakeRow {
        id: existing
            .as_ref()
            .map(|r| r.id)
            .unwrap_or_else(|| app.new_id()),
        client_id,
        episode_id: episode.id,
        created_at: existing.as_ref().map(|r| r.created_at).unwrap_or(now),
        updated_at: now,
        updated_by: actor.user_id,
        submitted_at,
        body: serde_json::to_string(&intake).map_err(|e| Error::Internal(e.to_string()))?,
    };
    intakes::save(&scope.client(), &row).await?;
    scope.commit(Entry::ok(event)).await?;
    Ok(submitted_at)
}

/// How far the signed-in client's own intake is (no audit event: it carries no content, only
/// whether to invite them to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeProgress {
    NotStarted,
    Draft,
    Sent,
}

pub async fn own_progress(app: &App, actor: &Actor) -> Result<IntakeProgress> {
    let c = app.db.conn();
    let episode = episodes::current(c, actor.user_id).await?;
    progress_in(c, episode.as_ref()).await
}

/// How far the intake of the client's current episode is, read through `c`.
async fn progress_in(
    c: &impl ConnectionTrait,
    current: Option<&episodes::Episode>,
) -> Result<IntakeProgress> {
    let Some(episode) = current else {
        return Ok(IntakeProgress::NotStarted);
    };
    Ok(progress_from(
        intakes::sent_at_of_episode(c, episode.id).await?,
    ))
}

/// How far an intake is from when it was sent (`None`: not started; `Some(None)`: a draft).
pub(crate) fn progress_from(sent: Option<Option<DateTime<Utc>>>) -> IntakeProgress {
    match sent {
        None => IntakeProgress::NotStarted,
        Some(Some(_)) => IntakeProgress::Sent,
        Some(None) => IntakeProgress::Draft,
    }
}
