//! The PHQ-9 part of the rules' input without the client's whole history (issue 19): the
//! episode's kept fold of the PHQ-9s before the one judged (core's `Phq9Progress`, one row
//! of `phq9_progress`), and every PHQ-9 from the judged one's second on. The fold is a cache:
//! when it is missing or does not end exactly where the series does, it is rebuilt from the
//! whole series, in the same transaction. Safety never depends on it (item 9 is read from the
//! new measures themselves).

use chrono::{DateTime, Utc};
use rapport_core::alerts::{self as rules, CarriedRemission, Phq9Point, Phq9Progress};
use rapport_core::outcomes::{ScorePoint, Timestamp};
use rapport_store::episodes::Episode;
use rapport_store::{Tx, measures};
use uuid::Uuid;

use crate::{Error, Result};

fn timestamp(at: DateTime<Utc>) -> Timestamp {
    Timestamp(at.timestamp())
}

/// `at` without its fraction of a second: the rules compare whole seconds.
pub(super) fn second_of(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at)
}

fn point(total: i16, at: DateTime<Utc>, item9: Option<i16>) -> Phq9Point {
    Phq9Point {
        at: timestamp(at),
        total: Some(total.clamp(0, 255) as u8),
        item9: item9.map(|v| v.clamp(0, 255) as u8),
    }
}

/// The closed episode whose remission this one carries in, and when it ended.
type CarriedKey = Option<(Uuid, DateTime<Utc>)>;

/// What the PHQ-9 rules read for a PHQ-9 taken at `at`.
pub(super) struct Phq9Input {
    /// The episode's PHQ-9s before `at`'s second, folded.
    pub progress: Phq9Progress,
    /// Every PHQ-9 of the client from `at`'s second on, oldest first.
    rows: Vec<measures::Phq9Row>,
    carried: CarriedKey,
}

impl Phq9Input {
    pub fn points(&self) -> Vec<Phq9Point> {
        self.rows
            .iter()
            .map(|&(_, at, total, item9)| point(total, at, item9))
            .collect()
    }
}

/// The fold and the new PHQ-9s for a PHQ-9 of `episode` taken at `at` (the use-case's one
/// reading of the clock).
pub(super) async fn phq9_input(
    tx: &impl Tx,
    client_id: Uuid,
    episode: &Episode,
    at: DateTime<Utc>,
) -> Result<Phq9Input> {
    let c = tx.conn();
    let cut = second_of(at);
    let start = timestamp(episode.started_at);
    let previous = rapport_store::episodes::previous_closed(c, client_id, episode.started_at)
        .await?
        .filter(|p| p.id != episode.id);
    let carried: CarriedKey = previous
        .as_ref()
        .and_then(|p| p.closed_at.or(p.discharged_at).map(|ended| (p.id, ended)));
    if let Some(kept) = measures::progress_of(c, episode.id).await?.filter(|k| {
        k.started_at == episode.started_at
            && k.carried_from == carried.map(|(id, _)| id)
            && k.carried_ended_at == carried.map(|(_, ended)| ended)
            && k.last_at < cut
    }) {
        let rows = measures::phq9_since(c, client_id, kept.last_at).await?;
        // The fold ends at the first of these, alone at its instant, or it is not trusted.
        let ends_here = rows.first().is_some_and(|r| r.0 == kept.last_id)
            && rows.get(1).is_none_or(|r| r.1 > kept.last_at);
        if let (true, Ok(mut progress)) =
            (ends_here, serde_json::from_str::<Phq9Progress>(&kept.state))
        {
            let (between, new): (Vec<_>, Vec<_>) =
                rows.into_iter().skip(1).partition(|r| r.1 < cut);
            let between: Vec<Phq9Point> = between
                .iter()
                .map(|&(_, at, total, item9)| point(total, at, item9))
                .collect();
            progress.extend(Some(start), &between);
            return Ok(Phq9Input {
                progress,
                rows: new,
                carried,
            });
        }
    }
    // Rebuilt from the whole series (the first PHQ-9 judged this way in an episode).
    let all = measures::phq9_points(c, client_id).await?;
    let carried_in = match (&previous, carried) {
        (Some(previous), Some((_, ended))) => carried_remission(previous.id, ended, &all),
        _ => None,
    };
    let before: Vec<Phq9Point> = all
        .iter()
        .filter(|(_, taken, ..)| *taken < cut)
        .map(|&(_, taken, total, item9)| point(total, taken, item9))
        .collect();
    let mut progress = Phq9Progress::new(carried_in);
    progress.extend(Some(start), &before);
    Ok(Phq9Input {
        progress,
        rows: measures::phq9_since(c, client_id, cut).await?,
        carried,
    })
}

/// The sustained remission the closed episode `previous` ended in (at `ended`), from its
/// PHQ-9s in `all` (every PHQ-9 of the client: episode, when, total, item 9): CLINICAL.md
/// "Relapse", carried into the next episode; core lets it lapse after 12 months.
pub(super) fn carried_remission(
    previous: Uuid,
    ended: DateTime<Utc>,
    all: &[(Uuid, DateTime<Utc>, i16, Option<i16>)],
) -> Option<CarriedRemission> {
    let points: Vec<ScorePoint> = all
        .iter()
        .filter(|(e, ..)| *e == previous)
        .map(|(_, at, total, _)| ScorePoint {
            at: timestamp(*at),
            total: (*total).clamp(0, 255) as u8,
        })
        .collect();
    rules::remission_at_end(&points).map(|remission| CarriedRemission {
        remission,
        ended_at: timestamp(ended),
    })
}

/// Keeps the fold carried on over the new PHQ-9s, for the next submission.
pub(super) async fn keep(
    tx: &impl Tx,
    client_id: Uuid,
    episode: &Episode,
    input: Phq9Input,
) -> Result<()> {
    let start = timestamp(episode.started_at);
    let Some(&(last_id, last_at, ..)) = input
        .rows
        .iter()
        .rev()
        .find(|(_, at, ..)| timestamp(*at) >= start)
    else {
        return Ok(());
    };
    let points = input.points();
    let mut progress = input.progress;
    progress.extend(Some(start), &points);
    let state = serde_json::to_string(&progress).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(measures::save_progress(
        tx.conn(),
        measures::Phq9Progress {
            episode_id: episode.id,
            client_id,
            started_at: episode.started_at,
            carried_from: input.carried.map(|(id, _)| id),
            carried_ended_at: input.carried.map(|(_, ended)| ended),
            last_id,
            last_at,
            state,
        },
    )
    .await?)
}
