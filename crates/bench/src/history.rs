//! `rapport-bench --history`: a submission's cost and the client's history (issue 19: "the
//! same rate, within 10 %, for clients with 10 and with 1,000 earlier PHQ-9s").
//!
//! New clients sign up and each submits a first PHQ-9 (which opens their episode). With the
//! server stopped, half of them are given 10 PHQ-9s in that episode and half 1,000 (weekly,
//! written straight into the database, the episode's start moved back before them); the
//! server starts again and every client submits once more unmeasured (anything kept per
//! episode is built then). Then, in rounds, each group alone — one client per connection,
//! back to back — submits PHQ-9s, then check-ins, the groups taking turns (the order flips
//! each round). The rate of the long histories over the short ones' must lie in 0.9–1.1.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use rapport_core::measures::Instrument;
use rapport_store::{Db, episodes, measures};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::clock;
use crate::http::Conn;
use crate::safety::{self, body, post};
use crate::server::{Server, seed_with};
use crate::stats::{Samples, Summary, ratio};

/// The run's size.
#[derive(Debug, Clone)]
pub struct Options {
    /// Connections, and clients in each group (one client per connection).
    pub connections: usize,
    /// Earlier PHQ-9s of the short and the long histories.
    pub short: u32,
    pub long: u32,
    pub rounds: u32,
    /// How long one group submits one kind in one round.
    pub phase: Duration,
    /// Judge the ratio (not in --quick, whose phases are too short to be steady).
    pub judge: bool,
}

impl Options {
    pub fn new(quick: bool, connections: Option<usize>) -> Options {
        Options {
            connections: connections.unwrap_or(if quick { 4 } else { 32 }).max(1),
            short: 10,
            long: if quick { 200 } else { 1000 },
            // Short phases in many rounds: other work on the machine weighs on both groups.
            rounds: if quick { 1 } else { 8 },
            phase: if quick {
                Duration::from_millis(500)
            } else {
                Duration::from_millis(1_500)
            },
            judge: !quick,
        }
    }
}

/// One group's figures for one kind, over all rounds.
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    pub earlier_phq9s: u32,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub connections: usize,
    pub phq9: [Rate; 2],
    pub checkin: [Rate; 2],
    /// PHQ-9s per client at the end (short, long): the runs add to both.
    pub phq9s_at_end: [u32; 2],
    pub judged: bool,
}

impl Outcome {
    pub fn phq9_ratio(&self) -> f64 {
        ratio(self.phq9[1].summary.per_sec, self.phq9[0].summary.per_sec)
    }

    pub fn checkin_ratio(&self) -> f64 {
        ratio(
            self.checkin[1].summary.per_sec,
            self.checkin[0].summary.per_sec,
        )
    }

    /// What fails the run: errors, and (when judged) a ratio outside 0.9–1.1.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (what, rates) in [("PHQ-9", &self.phq9), ("check-in", &self.checkin)] {
            let errors: u64 = rates.iter().map(|r| r.summary.errors).sum();
            if errors > 0 {
                out.push(format!("{errors} {what} submissions failed"));
            }
        }
        if self.judged {
            for (what, r) in [
                ("PHQ-9", self.phq9_ratio()),
                ("check-in", self.checkin_ratio()),
            ] {
                if !(0.9..=1.1).contains(&r) {
                    out.push(format!(
                        "{what}s: the long histories' rate is {r:.2} × the short ones' (outside 0.9–1.1)"
                    ));
                }
            }
        }
        out
    }
}

pub fn report(o: &Outcome) -> Vec<String> {
    let line = |what: &str, r: &Rate| {
        format!(
            "  {what:<9} {:>5} earlier PHQ-9s: {:>7.1}/s  p50 {:>6.1} ms  p99 {:>6.1} ms  ({} ok, {} errors)",
            r.earlier_phq9s,
            r.summary.per_sec,
            r.summary.p50_ms,
            r.summary.p99_ms,
            r.summary.count,
            r.summary.errors
        )
    };
    let mut out = vec![format!(
        "HISTORY {} connections, one client each per group, groups alone in turns:",
        o.connections
    )];
    for r in &o.phq9 {
        out.push(line("PHQ-9", r));
    }
    for r in &o.checkin {
        out.push(line("check-in", r));
    }
    out.push(format!(
        "  ratio long/short: PHQ-9 {:.2}, check-in {:.2}{} (PHQ-9s per client at the end: {} and {})",
        o.phq9_ratio(),
        o.checkin_ratio(),
        if o.judged {
            " (target 0.9–1.1)"
        } else {
            " (not judged with --quick)"
        },
        o.phq9s_at_end[0],
        o.phq9s_at_end[1]
    ));
    out
}

/// A client of the run: id and API token.
#[derive(Debug, Clone)]
struct Client {
    id: Uuid,
    token: String,
}

/// PHQ-9 answers with this total (item 9 = 0).
fn answers_for(total: u8) -> Vec<i64> {
    let mut left = i64::from(total.min(24));
    (0..9)
        .map(|i| {
            if i == 8 {
                return 0;
            }
            let a = left.min(3);
            left -= a;
            a
        })
        .collect()
}

/// The totals of a history: down from 14 to a remission that holds, with small ups and
/// downs, so the rules have a baseline, a lowest point and a sustained remission to keep.
fn history_total(i: u32) -> u8 {
    if i < 8 {
        14 - (i as u8) * 10 / 7
    } else {
        [3, 4, 2, 4, 3, 5, 3][(i % 7) as usize]
    }
}

pub async fn run(rapport: &Path, data: &Path, opts: &Options) -> Result<Outcome> {
    seed_with(rapport, data, 1, 1, 1, &[])?;
    let server = Server::start(rapport, data, data, &[]).await?;
    let clients = sign_up(server.addr, opts.connections * 2).await;
    server.stop().await?;
    let clients = clients?;
    let (short, long) = clients.split_at(opts.connections);
    let db = crate::raw::open(data, None).await?;
    for (group, earlier) in [(short, opts.short), (long, opts.long)] {
        for c in group {
            give_history(&db, c.id, earlier)
                .await
                .with_context(|| format!("writing the history of {}", c.id))?;
        }
    }
    db.close().await?;

    let server = Server::start(rapport, data, data, &[]).await?;
    let outcome = measure(server.addr, short, long, opts).await;
    let log = server.log_tail();
    server.stop().await?;
    let (phq9, checkin) = outcome.with_context(|| format!("the server's log ends:\n{log}"))?;
    let db = crate::raw::open(data, None).await?;
    let at_end = [
        phq9s_of(&db, short[0].id).await?,
        phq9s_of(&db, long[0].id).await?,
    ];
    db.close().await?;
    Ok(Outcome {
        connections: opts.connections,
        phq9: [
            Rate {
                earlier_phq9s: opts.short,
                summary: phq9[0],
            },
            Rate {
                earlier_phq9s: opts.long,
                summary: phq9[1],
            },
        ],
        checkin: [
            Rate {
                earlier_phq9s: opts.short,
                summary: checkin[0],
            },
            Rate {
                earlier_phq9s: opts.long,
                summary: checkin[1],
            },
        ],
        phq9s_at_end: at_end,
        judged: opts.judge,
    })
}

/// `n` new clients, each with an episode opened by a first PHQ-9.
async fn sign_up(addr: SocketAddr, n: usize) -> Result<Vec<Client>> {
    let run = clock::utc_now().timestamp_millis();
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in (0..n).collect::<Vec<_>>().chunks(n.div_ceil(4).max(1)) {
        let chunk = chunk.to_vec();
        tasks.spawn(async move {
            let mut conn = Conn::new(addr)?;
            let mut out = Vec::new();
            for i in chunk {
                out.push((i, one_client(&mut conn, run, i).await?));
            }
            anyhow::Ok(out)
        });
    }
    let mut all = Vec::new();
    while let Some(r) = tasks.join_next().await {
        all.extend(r.context("a sign-up task failed")??);
    }
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, c)| c).collect())
}

async fn one_client(conn: &mut Conn, run: i64, i: usize) -> Result<Client> {
    let (id, token) = safety::sign_up(
        conn,
        &format!("history-{run}-{i}@example.org"),
        &format!("History {i}"),
    )
    .await?;
    let id: Uuid = id.parse().context("signup: the user id is not a UUID")?;
    let first = json!({"instrument": "phq9", "answers": answers_for(4), "difficulty": 1});
    body(
        &post(conn, "/api/v1/measures", Some(&token), &first).await?,
        "first PHQ-9",
        201,
    )?;
    Ok(Client { id, token })
}

/// Moves the client's episode back and fills it with `earlier` weekly PHQ-9s in all (the
/// first, submitted over the API, becomes the latest of them).
async fn give_history(db: &Db, client_id: Uuid, earlier: u32) -> Result<()> {
    let episode = episodes::current(db.conn(), client_id)
        .await?
        .context("the client has no episode")?;
    let tx = db.conn().begin().await?;
    let latest: DateTime<Utc> = clock::utc_now() - chrono::Duration::days(1);
    let week = chrono::Duration::weeks(1);
    let start = latest - week * i32::try_from(earlier).unwrap_or(i32::MAX);
    let backend = tx.get_database_backend();
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        "UPDATE episodes SET started_at = ? WHERE id = ?",
        [start.into(), episode.id.into()],
    ))
    .await?;
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        "UPDATE measures SET taken_at = ? WHERE client_id = ?",
        [latest.into(), client_id.into()],
    ))
    .await?;
    for i in 0..earlier.saturating_sub(1) {
        let answers: Vec<Option<i64>> = answers_for(history_total(i))
            .into_iter()
            .map(Some)
            .collect();
        let score = Instrument::Phq9
            .score(&answers, Some(1))
            .map_err(|e| anyhow!("scoring a history PHQ-9: {e:?}"))?;
        measures::insert(
            &tx,
            measures::Measure {
                id: Uuid::now_v7(),
                client_id,
                episode_id: episode.id,
                instrument: "phq9".into(),
                taken_at: start + week * i32::try_from(i).unwrap_or(i32::MAX),
                total: i16::from(score.total),
                band: score.band.map(|b| b.as_str().to_string()),
                prorated: false,
                item9: Some(0),
                difficulty: Some(1),
                submitted_by: client_id,
                language: None,
            },
            &score
                .answers
                .iter()
                .map(|a| a.map(i16::from))
                .collect::<Vec<_>>(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn phq9s_of(db: &Db, client_id: Uuid) -> Result<u32> {
    Ok(measures::phq9_points(db.conn(), client_id).await?.len() as u32)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Phq9,
    Checkin,
}

/// The warm-up, then the rounds: per kind, the short group's and the long group's summary.
async fn measure(
    addr: SocketAddr,
    short: &[Client],
    long: &[Client],
    opts: &Options,
) -> Result<([Summary; 2], [Summary; 2])> {
    // Unmeasured: builds whatever the server keeps per episode after the history was written.
    for kind in [Kind::Phq9, Kind::Checkin] {
        for group in [short, long] {
            let s = submit(addr, group, kind, Duration::ZERO).await?;
            if s.0.errors > 0 {
                bail!("the warm-up's submissions failed");
            }
        }
    }
    let mut samples: [[(Samples, Duration); 2]; 2] = Default::default();
    for round in 0..opts.rounds {
        for (k, kind) in [Kind::Phq9, Kind::Checkin].into_iter().enumerate() {
            let order: [usize; 2] = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for g in order {
                let group = if g == 0 { short } else { long };
                let (s, took) = submit(addr, group, kind, opts.phase).await?;
                let slot = &mut samples[k][g];
                slot.0.merge(s);
                slot.1 += took;
            }
        }
    }
    let summary = |k: usize, g: usize| samples[k][g].0.summary(samples[k][g].1);
    Ok((
        [summary(0, 0), summary(0, 1)],
        [summary(1, 0), summary(1, 1)],
    ))
}

/// Every client of `group` on its own connection submits `kind` back to back for `phase`
/// (at least once each); the samples and the time it took. PHQ-9s stay in remission, so no
/// flag is raised in either group.
async fn submit(
    addr: SocketAddr,
    group: &[Client],
    kind: Kind,
    phase: Duration,
) -> Result<(Samples, Duration)> {
    let started = clock::now();
    let deadline = started + phase;
    let mut tasks = tokio::task::JoinSet::new();
    for c in group {
        let c = c.clone();
        tasks.spawn(async move {
            let mut conn = Conn::new(addr)?;
            let mut s = Samples::default();
            let mut i = 0u32;
            loop {
                let (path, body) = match kind {
                    Kind::Phq9 => (
                        "/api/v1/measures",
                        json!({"instrument": "phq9", "answers": answers_for(history_total(8 + i)), "difficulty": 1}),
                    ),
                    Kind::Checkin => (
                        "/api/v1/checkins",
                        json!({"mood": 6, "sleep_hours": 7.5, "medication": "taken"}),
                    ),
                };
                let t0 = clock::now();
                match conn
                    .post_json(path, Some(&c.token), body.to_string().as_bytes())
                    .await
                {
                    Ok(r) if r.status == 201 || r.status == 200 => s.ok(t0.elapsed()),
                    Ok(_) => s.err(),
                    Err(_) => {
                        s.err();
                        conn.reset();
                    }
                }
                i += 1;
                if clock::now() >= deadline {
                    break;
                }
            }
            anyhow::Ok(s)
        });
    }
    let mut all = Samples::default();
    while let Some(r) = tasks.join_next().await {
        all.merge(r.context("a submitting task failed")??);
    }
    Ok((all, started.elapsed()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_add_up_to_the_total_with_item9_zero() {
        for total in 0..=24u8 {
            let a = answers_for(total);
            assert_eq!(a.len(), 9);
            assert_eq!(a.iter().sum::<i64>(), i64::from(total));
            assert_eq!(a[8], 0);
        }
    }

    #[test]
    fn the_history_reaches_a_remission_that_holds() {
        let totals: Vec<u8> = (0..40).map(history_total).collect();
        assert_eq!(totals[0], 14);
        assert!(totals[8..].iter().all(|&t| t <= 5));
    }
}
