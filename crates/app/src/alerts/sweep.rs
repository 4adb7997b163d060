//! The check of what did not happen: disengagement — no check-in for 14 days in an active
//! episode (not in maintenance), or two scheduled items missed in a row — for the watched
//! episodes, hourly in each client's daily slot.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::alerts::{self as rules, ClientData, FlagKind, Needs, Trigger};
use rapport_core::jobs;
use rapport_core::outcomes::PracticeCurves;
use rapport_store::episodes::{self, Episode};
use rapport_store::{
    Tx, accounts::users, alerts, checkins, homework, measures, reminders, sessions,
};
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;
use uuid::Uuid;

use super::evaluate::{
    SessionOutcome, base_data, check_in, check_ins_from, client_data, phq9_every, practice,
    scheduled,
};
use super::raise::{Cause, raise_all};
use crate::time::local_day;
use crate::{App, Error, Result};

/// The sweep of every watched episode. A page of clients is judged on a read-only snapshot,
/// so the sweep holds up no writer; only a client it would flag is judged again under the
/// write lock, where nothing can change underneath, and flagged there. A client who has an
/// unresolved disengagement flag already is left alone: nothing new happened.
pub async fn sweep(app: &App) -> Result<usize> {
    sweep_in(app, vec![0..=jobs::SLOTS - 1]).await
}

/// The hourly job's sweep: the watched episodes whose client's daily slot
/// (`rapport_core::jobs::daily_slot`) came since `since`, so that each client is judged once
/// a day, a 24th of them each hour, instead of all of them every hour (issue 19: at 100,000
/// clients the whole sweep took 170 s of CPU an hour in a debug build, and ten times that at
/// a million). The rules count days: a flag comes within the day it is due. The slots are
/// read on an index of the slot kept on each episode (m0049), not found by walking them all.
pub async fn sweep_slots(app: &App, since: DateTime<Utc>) -> Result<usize> {
    sweep_in(app, jobs::slots_came(since, app.now())).await
}

/// The sweep of the episodes in `slots`, and of any not yet placed in a slot.
async fn sweep_in(app: &App, slots: Vec<RangeInclusive<u32>>) -> Result<usize> {
    const PAGE: u64 = 500;
    let mut raised = 0;
    for slots in std::iter::once(None).chain(slots.into_iter().map(Some)) {
        let mut after = None;
        loop {
            let page =
                episodes::watched_in_slots(app.db.conn(), slots.clone(), after.as_ref(), PAGE)
                    .await?;
            let Some(last) = page.last().cloned() else {
                break;
            };
            raised += sweep_page(app, &page).await?;
            after = Some(last);
        }
    }
    Ok(raised)
}

/// The sweep for a page of episodes, judged on one read-only snapshot in which each kind of
/// row is read once for the whole page (issue 19: six statements a client, each a hand-off
/// to the database's thread, were most of the sweep's cost): how many flags it raised.
async fn sweep_page(app: &App, episodes: &[Episode]) -> Result<usize> {
    let r = app.db.read().await?;
    let curves = practice(app, r.conn()).await;
    let ids: Vec<Uuid> = episodes.iter().map(|e| e.client_id).collect();
    let flagged: HashSet<Uuid> =
        alerts::unresolved_of_kind(r.conn(), &ids, FlagKind::Disengagement.as_str())
            .await?
            .into_iter()
            .collect();
    let judged: Vec<&Episode> = episodes
        .iter()
        .filter(|e| !flagged.contains(&e.client_id))
        .collect();
    let now = app.now();
    let page = PageReads::read(&r, &judged, now).await?;
    let mut found = Vec::new();
    for episode in judged {
        if !disengaged(&page.data_of(episode, now)?, curves.as_deref()).is_empty() {
            found.push(episode);
        }
    }
    r.close().await?;
    let mut raised = 0;
    for episode in found {
        raised += flag_disengaged(app, episode, curves.as_deref()).await?;
    }
    Ok(raised)
}

/// What the disengagement rule reads of a page of clients (`Needs::of` disengagement: the
/// check-ins and what was scheduled), one statement for each kind of row.
#[derive(Default)]
struct PageReads {
    timezones: HashMap<Uuid, String>,
    check_ins: HashMap<Uuid, Vec<checkins::Checkin>>,
    /// When each episode's PHQ-9s were answered, oldest first.
    taken: HashMap<Uuid, Vec<DateTime<Utc>>>,
    every: HashMap<Uuid, i64>,
    sessions: HashMap<Uuid, Vec<SessionOutcome>>,
    homework: HashMap<Uuid, Vec<homework::Dates>>,
    sent: HashMap<Uuid, Vec<(Uuid, Option<NaiveDate>)>>,
}

impl PageReads {
    async fn read(r: &impl Tx, episodes: &[&Episode], now: DateTime<Utc>) -> Result<PageReads> {
        if episodes.is_empty() {
            return Ok(PageReads::default());
        }
        let c = r.conn();
        let ids: Vec<Uuid> = episodes.iter().map(|e| e.client_id).collect();
        let timezones: HashMap<Uuid, String> =
            users::timezones_of(c, &ids).await?.into_iter().collect();
        // From the earliest first day any of them needs; each keeps its own below.
        let first_day = timezones
            .values()
            .map(|tz| check_ins_from(local_day(now, tz)))
            .min()
            .unwrap_or_else(|| check_ins_from(now.date_naive()));
        let mut check_ins: HashMap<Uuid, Vec<checkins::Checkin>> = HashMap::new();
        for k in checkins::since_of_clients(c, &ids, first_day).await? {
            check_ins.entry(k.client_id).or_default().push(k);
        }
        let episode_ids: Vec<Uuid> = episodes.iter().map(|e| e.id).collect();
        let mut taken: HashMap<Uuid, Vec<DateTime<Utc>>> = HashMap::new();
        for (episode, at) in measures::phq9_times_in(c, &episode_ids).await? {
            taken.entry(episode).or_default().push(at);
        }
        let mut schedules: HashMap<Uuid, Vec<(String, i32)>> = HashMap::new();
        for (client, instrument, every) in reminders::schedules_of_many(c, &ids).await? {
            schedules
                .entry(client)
                .or_default()
                .push((instrument, every));
        }
        let every = schedules
            .into_iter()
            .map(|(client, s)| (client, phq9_every(s.iter().map(|(i, e)| (i.as_str(), *e)))))
            .collect();
        let earliest = episodes.iter().map(|e| e.started_at).min().unwrap_or(now);
        let mut sessions: HashMap<Uuid, Vec<_>> = HashMap::new();
        for (client, at, cancelled, attendance) in
            sessions::outcomes_of_clients(c, &ids, earliest, now).await?
        {
            sessions
                .entry(client)
                .or_default()
                .push((at, cancelled, attendance));
        }
        let mut homework: HashMap<Uuid, Vec<homework::Dates>> = HashMap::new();
        for (client, dates) in homework::dates_of_clients(c, &ids).await? {
            homework.entry(client).or_default().push(dates);
        }
        // Only the clients with assigned homework have occurrences that count.
        let assigned: Vec<Uuid> = homework
            .iter()
            .filter(|(_, dates)| dates.iter().any(|d| d.assigned))
            .map(|(client, _)| *client)
            .collect();
        let mut sent: HashMap<Uuid, Vec<_>> = HashMap::new();
        if !assigned.is_empty() {
            for (client, assignment, day) in homework::sent_of_clients(c, &assigned).await? {
                sent.entry(client).or_default().push((assignment, day));
            }
        }
        Ok(PageReads {
            timezones,
            check_ins,
            taken,
            every,
            sessions,
            homework,
            sent,
        })
    }

    /// The client's data as `client_data` reads it for the disengagement rule alone.
    fn data_of(&self, episode: &Episode, now: DateTime<Utc>) -> Result<ClientData> {
        let client = episode.client_id;
        let timezone = self.timezones.get(&client).ok_or(Error::NotFound)?;
        let mut data = base_data(episode, timezone, now);
        let from = check_ins_from(local_day(now, timezone));
        data.check_ins = self
            .check_ins
            .get(&client)
            .into_iter()
            .flatten()
            .filter(|k| k.reported_by == client && k.day >= from)
            .cloned()
            .map(check_in)
            .collect();
        let sessions: Vec<_> = self
            .sessions
            .get(&client)
            .into_iter()
            .flatten()
            .filter(|(at, ..)| *at >= episode.started_at)
            .cloned()
            .collect();
        let homework = crate::homework::passed_in(
            self.homework.get(&client).map_or(&[], Vec::as_slice),
            self.sent.get(&client).map_or(&[], Vec::as_slice),
            timezone,
            episode.started_at,
            now,
        )?;
        data.scheduled = scheduled(
            episode,
            self.every.get(&client).copied().unwrap_or(phq9_every([])),
            self.taken.get(&episode.id).map_or(&[], Vec::as_slice),
            &sessions,
            &homework,
            now,
        );
        Ok(data)
    }
}

/// Judges a client the snapshot found disengaged again under the write lock, where nothing
/// can change underneath, and flags them: how many flags it raised.
async fn flag_disengaged(
    app: &App,
    episode: &Episode,
    curves: Option<&PracticeCurves>,
) -> Result<usize> {
    let tx = app.db.write().await?;
    users::lock(&tx, episode.client_id).await?;
    let now = app.now();
    let open = alerts::unresolved_of_kind(
        tx.conn(),
        &[episode.client_id],
        FlagKind::Disengagement.as_str(),
    )
    .await?;
    let triggers = if open.is_empty() {
        let needs = Needs::of(&[FlagKind::Disengagement]);
        let data = client_data(&tx, episode.client_id, episode, needs, now).await?;
        disengaged(&data, curves)
    } else {
        vec![]
    };
    if triggers.is_empty() {
        return Ok(0);
    }
    let raised = raise_all(
        app,
        &tx,
        episode.client_id,
        Some(episode.id),
        triggers,
        Cause::at(now),
    )
    .await?
    .len();
    crate::care_teams::keep_summary(app, &tx, Some(episode.client_id)).await?;
    tx.commit().await?;
    Ok(raised)
}

/// The disengagement triggers in a client's data (the caller has left out clients with an
/// unresolved disengagement flag already).
fn disengaged(data: &ClientData, practice: Option<&PracticeCurves>) -> Vec<Trigger> {
    rules::evaluate(data, practice)
        .into_iter()
        .filter(|t| t.kind == FlagKind::Disengagement)
        .collect()
}

/// For the tests: how many watched episodes were compared, and the clients whose data as the
/// sweep reads it for a page differs from what `client_data` reads for them alone.
#[doc(hidden)]
pub async fn page_reads_differ(app: &App) -> Result<(usize, Vec<Uuid>)> {
    let r = app.db.read().await?;
    let now = app.now();
    let mut watched = Vec::new();
    for slots in [None, Some(0..=jobs::SLOTS - 1)] {
        watched.extend(episodes::watched_in_slots(r.conn(), slots, None, 10_000).await?);
    }
    let all: Vec<&Episode> = watched.iter().collect();
    let page = PageReads::read(&r, &all, now).await?;
    let needs = Needs::of(&[FlagKind::Disengagement]);
    let mut differ = Vec::new();
    for episode in &watched {
        let alone = client_data(&r, episode.client_id, episode, needs, now).await?;
        if page.data_of(episode, now)? != alone {
            differ.push(episode.client_id);
        }
    }
    r.close().await?;
    Ok((watched.len(), differ))
}
