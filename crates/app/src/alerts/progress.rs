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

/// What the row keeps: the fold of the episode's PHQ-9s before the second of the last one,
/// and the PHQ-9s of that second (a client may send two in one second; the rules judge a
/// PHQ-9 against the fold of those before its second).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Kept {
    before: Phq9Progress,
    last_second: Vec<(Uuid, Phq9Point)>,
}

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
    if let Some(row) = measures::progress_of(c, episode.id).await?.filter(|k| {
        k.started_at == episode.started_at
            && k.carried_from == carried.map(|(id, _)| id)
            && k.carried_ended_at == carried.map(|(_, ended)| ended)
            && second_of(k.last_at) <= cut
    }) && let Ok(kept) = serde_json::from_str::<Kept>(&row.state)
    {
        let last_second = second_of(row.last_at);
        let rows = measures::phq9_since(c, client_id, last_second).await?;
        // The kept fold ends exactly where the series does: the PHQ-9s of its last second
        // are those it kept, and nothing else is at the instant of the last.
        let n = kept.last_second.len();
        let ends_here = n > 0
            && rows.len() >= n
            && rows.iter().zip(&kept.last_second).all(|(r, k)| r.0 == k.0)
            && rows.get(n).is_none_or(|r| r.1 > row.last_at);
        if ends_here {
            let mut progress = kept.before;
            let rows = if last_second < cut {
                let (between, new): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.1 < cut);
                progress.extend(Some(start), &points_of(&between));
                new
            } else {
                rows
            };
            return Ok(Phq9Input {
                progress,
                rows,
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

fn points_of(rows: &[measures::Phq9Row]) -> Vec<Phq9Point> {
    rows.iter()
        .map(|&(_, at, total, item9)| point(total, at, item9))
        .collect()
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

/// Keeps the fold carried on over the new PHQ-9s, for the next submission: up to the second
/// of the last, and the PHQ-9s of that second apart.
pub(super) async fn keep(
    tx: &impl Tx,
    client_id: Uuid,
    episode: &Episode,
    input: Phq9Input,
) -> Result<()> {
    let start = timestamp(episode.started_at);
    let in_episode: Vec<measures::Phq9Row> = input
        .rows
        .iter()
        .filter(|(_, at, ..)| timestamp(*at) >= start)
        .copied()
        .collect();
    let Some(&(_, last_at, ..)) = in_episode.last() else {
        return Ok(());
    };
    let last_second = second_of(last_at);
    let (earlier, last): (Vec<_>, Vec<_>) = in_episode.into_iter().partition(|r| r.1 < last_second);
    let mut before = input.progress;
    before.extend(Some(start), &points_of(&earlier));
    let Some(&(last_id, ..)) = last.last() else {
        return Ok(());
    };
    let kept = Kept {
        before,
        last_second: last
            .iter()
            .map(|&(id, at, total, item9)| (id, point(total, at, item9)))
            .collect(),
    };
    let state = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
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
