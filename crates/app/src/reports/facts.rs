//! From the rows the store read to the facts core classifies.
//!
//! - An episode's end of treatment is its discharge, or its close when there was none;
//!   measures after it (maintenance) do not count towards its outcome.
//! - A session belongs to the client's episode whose time it falls in (from the start to the
//!   end of treatment, or to now for an open episode).
//! - "A PHQ-9 on the day" of a session: one taken within 24 hours of the session's start,
//!   before or after (clients fill it in the evening before or just after; UTC days would
//!   split a Californian's evening).
//! - The approach and format are those of the latest treatment plan written by the end of
//!   treatment (or the first one written after it started, if none).
//! - The clinicians are those on the client's care team at some time during the episode.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rapport_core::reports::{EpisodeFacts, SessionFact};
use rapport_store::reports::ReportRows;
use uuid::Uuid;

fn end_of(e: &rapport_store::episodes::Episode) -> Option<DateTime<Utc>> {
    e.discharged_at.or(e.closed_at)
}

fn plan_words(body: &str) -> (Option<String>, Option<String>) {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let word = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    (word("approach"), word("format"))
}

/// The facts of each episode in `rows`; with `clinician`, only the episodes during which they
/// were on the client's care team.
pub(crate) fn of(
    rows: &ReportRows,
    clinician: Option<Uuid>,
    now: DateTime<Utc>,
) -> Vec<EpisodeFacts> {
    let mut phq9: HashMap<Uuid, Vec<(DateTime<Utc>, u8)>> = HashMap::new();
    let mut gad7: HashMap<Uuid, Vec<u8>> = HashMap::new();
    let ends: HashMap<Uuid, Option<DateTime<Utc>>> =
        rows.episodes.iter().map(|e| (e.id, end_of(e))).collect();
    for s in &rows.scores {
        let Some(end) = ends.get(&s.episode_id) else {
            continue;
        };
        if end.is_some_and(|end| s.taken_at > end) {
            continue;
        }
        let total = u8::try_from(s.total.max(0)).unwrap_or(u8::MAX);
        match s.instrument.as_str() {
            "phq9" => phq9
                .entry(s.episode_id)
                .or_default()
                .push((s.taken_at, total)),
            "gad7" => gad7.entry(s.episode_id).or_default().push(total),
            _ => {}
        }
    }
    let mut by_client: HashMap<Uuid, Vec<&rapport_store::episodes::Episode>> = HashMap::new();
    for e in &rows.episodes {
        by_client.entry(e.client_id).or_default().push(e);
    }
    let mut sessions: HashMap<Uuid, Vec<DateTime<Utc>>> = HashMap::new();
    for s in &rows.sessions {
        let Some(list) = by_client.get(&s.client_id) else {
            continue;
        };
        let home = list.iter().rev().find(|e| {
            e.started_at <= s.starts_at && end_of(e).is_none_or(|end| s.starts_at <= end)
        });
        if let Some(e) = home {
            sessions.entry(e.id).or_default().push(s.starts_at);
        }
    }
    let mut plans: HashMap<Uuid, Vec<&rapport_store::reports::PlanBody>> = HashMap::new();
    for p in &rows.plans {
        plans.entry(p.client_id).or_default().push(p);
    }
    let mut teams: HashMap<Uuid, Vec<&rapport_store::care_teams::Membership>> = HashMap::new();
    for m in &rows.memberships {
        teams.entry(m.client_id).or_default().push(m);
    }
    let day = Duration::hours(24);
    rows.episodes
        .iter()
        .filter_map(|e| {
            let end = end_of(e);
            let until = end.unwrap_or(now);
            let clinicians: Vec<String> = teams
                .get(&e.client_id)
                .into_iter()
                .flatten()
                .filter(|m| m.started_at <= until && m.ended_at.is_none_or(|x| x >= e.started_at))
                .map(|m| m.clinician_id)
                .fold(Vec::new(), |mut v: Vec<Uuid>, id| {
                    if !v.contains(&id) {
                        v.push(id);
                    }
                    v
                })
                .into_iter()
                .map(|id| id.to_string())
                .collect();
            if clinician.is_some_and(|c| !clinicians.contains(&c.to_string())) {
                return None;
            }
            let phq9_of = phq9.get(&e.id).map(Vec::as_slice).unwrap_or_default();
            let sessions = sessions
                .get(&e.id)
                .into_iter()
                .flatten()
                .map(|&at| SessionFact {
                    on: at.date_naive(),
                    with_phq9: phq9_of.iter().any(|(t, _)| (*t - at).abs() <= day),
                })
                .collect();
            let theirs = plans
                .get(&e.client_id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let plan = theirs
                .iter()
                .rev()
                .find(|p| p.created_at <= until)
                .or_else(|| theirs.iter().find(|p| p.created_at >= e.started_at));
            let (approach, format) = plan.map_or((None, None), |p| plan_words(&p.body));
            Some(EpisodeFacts {
                started_on: e.started_at.date_naive(),
                finished_on: end.map(|d| d.date_naive()),
                planned_ending: e.discharged_at.is_some(),
                phq9: phq9_of.iter().map(|(_, t)| *t).collect(),
                gad7: gad7.remove(&e.id).unwrap_or_default(),
                sessions,
                approach,
                format,
                clinicians,
            })
        })
        .collect()
}
