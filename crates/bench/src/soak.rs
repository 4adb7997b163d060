//! `rapport-bench --soak`: many clients at once for a long time (issue 18, load and soak). A
//! real `rapport serve` on loopback over a seeded database (SQLite, or PostgreSQL with
//! `--database-url`); `--clients` seeded clients sign in (API token and browser session,
//! three at a time, as the load run does); then each of them, on a connection of its own,
//! loops until `--duration` is over: a think time, then one action.
//!
//! - Think time: exponential with mean `--think` (10 s; 3 s with `--quick`), capped at ten
//!   times the mean, so the clients do not march in step and the arrival rate is about
//!   clients ÷ mean (1,000 clients: ~100 requests a second). Each client starts with one.
//! - Action: a check-in 40 %, a PHQ-9 10 % (item 9 always 0, so no safety flag is raised on
//!   every submission), their home page 30 %, their progress page 20 %.
//! - After a think time longer than [`IDLE_CLOSE`] the client opens a new connection, as a
//!   browser does once the server has let an idle one go (its header time-out is 10 s).
//!
//! Every interval (a minute; 5 s with `--quick`) a line: requests a second, errors, p50/p99
//! per kind in that interval, and the server's resident memory (`VmRSS`). At the end the
//! totals; the run fails on any error, or when the RSS at the end is more than 10 % above the
//! RSS at the end of the second interval (memory must stay flat once warm).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rapport_store::crypto::Keyring;
use rapport_store::{Db, DbOptions};
use serde::Serialize;

use crate::clock;
use crate::http::Conn;
use crate::load::{self, Kind, Rng, check};
use crate::raw;
use crate::report;
use crate::server::Server;
use crate::signin::{self, ClientUser};
use crate::stats::{Samples, Summary, ratio};

/// What a simulated client does after each think time, in percent.
pub const MIX: [(Kind, u32); 4] = [
    (Kind::Checkin, 40),
    (Kind::Phq9, 10),
    (Kind::ClientHome, 30),
    (Kind::ClientProgress, 20),
];

/// Past this much idleness a client opens a new connection before its next request (the
/// server closes connections with no request for 10 s).
pub const IDLE_CLOSE: Duration = Duration::from_secs(8);

/// RSS at the end may exceed RSS at the end of the second interval by this factor at most.
pub const RSS_GROWTH_LIMIT: f64 = 1.10;

/// How the soak runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub clients: u32,
    pub duration: Duration,
    pub interval: Duration,
    pub think_mean: Duration,
    /// For the report: "SQLite" or "PostgreSQL".
    pub backend: &'static str,
}

/// One interval's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Interval {
    pub index: u32,
    pub end_s: f64,
    pub per_sec: f64,
    pub errors: u64,
    pub kinds: BTreeMap<&'static str, Summary>,
    pub rss_bytes: u64,
    /// The machine's one-minute load average (the server and this tool share its cores).
    pub load_average: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub backend: &'static str,
    pub database_clients: u64,
    pub clients: usize,
    pub think_mean_s: f64,
    pub duration_s: f64,
    pub signin_s: f64,
    pub settle_s: f64,
    pub intervals: Vec<Interval>,
    pub kinds: BTreeMap<&'static str, Summary>,
    pub total: Summary,
    pub first_errors: Vec<String>,
    pub reconnects: u64,
    pub rss_after_signin_bytes: u64,
    pub rss_second_interval_bytes: u64,
    pub rss_end_bytes: u64,
    pub peak_bytes: u64,
    pub server_cpu_ms_per_request: f64,
    pub server_log: Vec<String>,
}

impl Outcome {
    /// RSS at the end ÷ RSS at the end of the second interval.
    pub fn rss_growth(&self) -> f64 {
        ratio(
            self.rss_end_bytes as f64,
            self.rss_second_interval_bytes as f64,
        )
    }

    /// Why the run failed; empty when it passed.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.total.errors > 0 {
            out.push(format!("{} requests failed", self.total.errors));
        }
        if self.total.count == 0 {
            out.push("no request was answered".to_string());
        }
        if self.intervals.len() < 3 {
            out.push(format!(
                "only {} intervals: too short to compare memory",
                self.intervals.len()
            ));
        } else if self.rss_growth() > RSS_GROWTH_LIMIT {
            out.push(format!(
                "RSS grew from {} (second interval) to {} at the end: {:.2}× > {RSS_GROWTH_LIMIT}×",
                report::bytes(self.rss_second_interval_bytes),
                report::bytes(self.rss_end_bytes),
                self.rss_growth()
            ));
        }
        out
    }
}

/// What the clients measure, shared with the reporter.
#[derive(Default)]
struct Tally {
    window: BTreeMap<Kind, Samples>,
    total: BTreeMap<Kind, Samples>,
    errors: Vec<String>,
    reconnects: u64,
}

fn lock(t: &Mutex<Tally>) -> std::sync::MutexGuard<'_, Tally> {
    // A client task that panicked while holding the lock leaves the figures usable.
    t.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Exponential with the given mean, capped at ten means.
fn think(rng: &mut Rng, mean: Duration) -> Duration {
    // Uniform in (0, 1]: never ln(0).
    let u = ((rng.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
    mean.mul_f64((-u.ln()).min(10.0))
}

fn pick(rng: &mut Rng) -> Kind {
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total as usize) as u32;
    for (k, w) in MIX {
        if x < w {
            return k;
        }
        x -= w;
    }
    Kind::ClientHome
}

/// One action of `kind` as client `c`.
async fn act(conn: &mut Conn, kind: Kind, c: &ClientUser, rng: &mut Rng) -> Result<()> {
    match kind {
        Kind::Checkin => {
            let body = load::checkin_body(rng);
            let r = conn
                .post_json("/api/v1/checkins", Some(&c.bearer), body.as_bytes())
                .await?;
            check(&r, 201, kind)
        }
        Kind::Phq9 => {
            let body = load::phq9_body(rng);
            let r = conn
                .post_json("/api/v1/measures", Some(&c.bearer), body.as_bytes())
                .await?;
            check(&r, 201, kind)
        }
        Kind::ClientProgress => {
            let r = conn.get("/progress", Some(&c.cookie)).await?;
            check(&r, 200, kind)
        }
        _ => {
            let r = conn.get("/home", Some(&c.cookie)).await?;
            check(&r, 200, kind)
        }
    }
}

/// One simulated client until `deadline`.
async fn client_loop(
    addr: SocketAddr,
    user: ClientUser,
    mean: Duration,
    deadline: std::time::Instant,
    tally: Arc<Mutex<Tally>>,
) -> Result<()> {
    let mut conn = Conn::new(addr)?;
    let mut rng = Rng::new(0x50A4_u64 ^ u64::from(user.n).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    loop {
        let pause = think(&mut rng, mean);
        let wake = clock::now() + pause;
        if wake >= deadline {
            break;
        }
        tokio::time::sleep_until(wake.into()).await;
        if pause > IDLE_CLOSE {
            conn.reset();
        }
        let kind = pick(&mut rng);
        let t0 = clock::now();
        let outcome = act(&mut conn, kind, &user, &mut rng).await;
        let took = t0.elapsed();
        let mut t = lock(&tally);
        match outcome {
            Ok(()) => {
                t.window.entry(kind).or_default().ok(took);
                t.total.entry(kind).or_default().ok(took);
            }
            Err(e) => {
                t.window.entry(kind).or_default().err();
                t.total.entry(kind).or_default().err();
                if t.errors.len() < 10 {
                    t.errors.push(format!("{e:#}"));
                }
                drop(t);
                conn.reset();
            }
        }
    }
    lock(&tally).reconnects += conn.reconnects;
    Ok(())
}

fn summaries(
    kinds: &BTreeMap<Kind, Samples>,
    elapsed: Duration,
) -> BTreeMap<&'static str, Summary> {
    kinds
        .iter()
        .map(|(k, s)| (k.label(), s.summary(elapsed)))
        .collect()
}

fn all(kinds: &BTreeMap<Kind, Samples>) -> Samples {
    let mut s = Samples::default();
    for v in kinds.values() {
        s.merge(v.clone());
    }
    s
}

fn interval_line(i: &Interval) -> String {
    let kinds: Vec<String> = i
        .kinds
        .iter()
        .map(|(k, s)| format!("{k} {:.1}/{:.1}", s.p50_ms, s.p99_ms))
        .collect();
    format!(
        "SOAK t={:>4.0} s: {:>6.1} req/s, {} errors, RSS {}, load {:.1}; p50/p99 ms: {}",
        i.end_s,
        i.per_sec,
        i.errors,
        report::bytes(i.rss_bytes),
        i.load_average,
        kinds.join(", ")
    )
}

/// Signs in the clients numbered `numbers`, then runs the soak against `server`.
pub async fn run(
    server: &Server,
    numbers: Vec<u32>,
    database_clients: u64,
    opts: &Options,
) -> Result<Outcome> {
    let settle = server.settle(Duration::from_secs(300)).await?;
    println!(
        "Server settled after {:.1} s; signing in {} clients (three at a time) …",
        settle.as_secs_f64(),
        numbers.len()
    );
    let t0 = clock::now();
    let (users, _) = signin::all(server.addr, numbers, Vec::new()).await?;
    let signin_s = t0.elapsed().as_secs_f64();
    let (_, rss_after_signin) = server.memory()?;
    println!(
        "  {} signed in after {signin_s:.1} s; RSS {}",
        users.len(),
        report::bytes(rss_after_signin)
    );
    server.reset_peak_memory();
    let clients = users.len();
    println!(
        "Soak: {clients} clients, think time exponential with mean {:.1} s, {} s, {} …",
        opts.think_mean.as_secs_f64(),
        opts.duration.as_secs(),
        opts.backend
    );

    let tally = Arc::new(Mutex::new(Tally::default()));
    let cpu0 = server.cpu_time()?;
    let started = clock::now();
    let deadline = started + opts.duration;
    let mut tasks = tokio::task::JoinSet::new();
    for user in users {
        tasks.spawn(client_loop(
            server.addr,
            user,
            opts.think_mean,
            deadline,
            Arc::clone(&tally),
        ));
    }

    let mut intervals = Vec::new();
    let mut index = 0u32;
    let mut window_start = started;
    loop {
        index += 1;
        let end = (started + opts.interval * index).min(deadline);
        tokio::time::sleep_until(end.into()).await;
        let window = std::mem::take(&mut lock(&tally).window);
        let elapsed = window_start.elapsed();
        window_start = clock::now();
        let s = all(&window);
        let (_, rss) = server.memory()?;
        let interval = Interval {
            index,
            end_s: started.elapsed().as_secs_f64(),
            per_sec: s.summary(elapsed).per_sec,
            errors: s.errors,
            kinds: summaries(&window, elapsed),
            rss_bytes: rss,
            load_average: crate::load_average(),
        };
        println!("{}", interval_line(&interval));
        intervals.push(interval);
        if end >= deadline {
            break;
        }
    }
    while let Some(r) = tasks.join_next().await {
        r.map_err(|e| anyhow!("a client task failed: {e}"))??;
    }
    let elapsed = started.elapsed();
    let cpu = server.cpu_time()?.saturating_sub(cpu0);
    let (peak, rss_end) = server.memory()?;
    let t = lock(&tally);
    let total = all(&t.total).summary(elapsed);
    Ok(Outcome {
        backend: opts.backend,
        database_clients,
        clients,
        think_mean_s: opts.think_mean.as_secs_f64(),
        duration_s: elapsed.as_secs_f64(),
        signin_s,
        settle_s: settle.as_secs_f64(),
        rss_second_interval_bytes: intervals.get(1).map_or(0, |i| i.rss_bytes),
        intervals,
        kinds: summaries(&t.total, elapsed),
        total,
        first_errors: t.errors.clone(),
        reconnects: t.reconnects,
        rss_after_signin_bytes: rss_after_signin,
        rss_end_bytes: rss_end,
        peak_bytes: peak,
        server_cpu_ms_per_request: ratio(cpu.as_secs_f64() * 1000.0, total.count as f64),
        server_log: Vec::new(),
    })
}

/// The lines printed at the end.
pub fn report(o: &Outcome) -> Vec<String> {
    let mut lines = vec![format!(
        "SOAK {} clients of {} seeded, {}, {:.0} s, think time mean {:.1} s: {} requests ({:.1}/s), {} errors, {} reconnects; server CPU {:.2} ms per request",
        o.clients,
        report::thousands(o.database_clients),
        o.backend,
        o.duration_s,
        o.think_mean_s,
        o.total.count,
        o.total.per_sec,
        o.total.errors,
        o.reconnects,
        o.server_cpu_ms_per_request,
    )];
    for (k, s) in &o.kinds {
        lines.push(format!(
            "SOAK {k}: {} requests, {} errors, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            s.count, s.errors, s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms
        ));
    }
    lines.push(format!(
        "SOAK all: p50 {:.2} ms, p99 {:.2} ms",
        o.total.p50_ms, o.total.p99_ms
    ));
    lines.push(format!(
        "SOAK memory: RSS after sign-in {}, at the end of the second interval {}, at the end {} ({:.3}×, limit {RSS_GROWTH_LIMIT}×); peak during the soak {}",
        report::bytes(o.rss_after_signin_bytes),
        report::bytes(o.rss_second_interval_bytes),
        report::bytes(o.rss_end_bytes),
        o.rss_growth(),
        report::bytes(o.peak_bytes),
    ));
    for e in &o.first_errors {
        lines.push(format!("  error: {e}"));
    }
    for l in o.server_log.iter().take(10) {
        lines.push(format!("  server: {l}"));
    }
    lines
}

/// Seeded clients in the database of `data` (its SQLite file, or `database_url`).
pub async fn count_clients(data: &Path, database_url: Option<&str>) -> Result<u64> {
    let keys = Keyring::load_or_create(&data.join("rapport.key"))
        .with_context(|| format!("cannot read the key file in {}", data.display()))?;
    let options = match database_url {
        Some(url) => DbOptions {
            url: url.to_string(),
            max_connections: 1,
        },
        None => {
            let file = data.join("rapport.db");
            if !file.is_file() {
                bail!("no rapport.db in {}", data.display());
            }
            DbOptions::sqlite_file(&file)
        }
    };
    let db = Db::connect(&options, keys).await?;
    let n = raw::count_rows(&db, "client_profiles").await;
    db.close().await?;
    n
}

/// Runs the soak over `data` (and `database_url`, for PostgreSQL): starts the server, picks
/// `clients` seeded clients spread over all of them, and stops the server at the end.
pub async fn over(
    rapport: &Path,
    data: &Path,
    log_dir: &Path,
    env: &[(String, String)],
    database_clients: u64,
    opts: &Options,
) -> Result<Outcome> {
    let server = Server::start(rapport, data, log_dir, env).await?;
    println!(
        "Server: {} (pid {}), serving after {:.0} ms",
        server.addr,
        server.pid(),
        server.startup.as_secs_f64() * 1000.0
    );
    let numbers = crate::spread(opts.clients, database_clients as u32);
    let outcome = run(&server, numbers, database_clients, opts).await;
    let log = server.log_lines();
    let stopped = server.stop().await;
    let mut o = outcome?;
    stopped?;
    o.server_log = log;
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn think_times_average_their_mean() {
        let mut rng = Rng::new(3);
        let mean = Duration::from_secs(10);
        let n = 100_000;
        let sum: f64 = (0..n).map(|_| think(&mut rng, mean).as_secs_f64()).sum();
        let avg = sum / f64::from(n);
        assert!((avg - 10.0).abs() < 0.2, "mean think time {avg} s");
        let mut rng = Rng::new(4);
        assert!((0..n).all(|_| think(&mut rng, mean) <= mean * 10));
    }

    #[test]
    fn the_mix_adds_up_and_is_followed() {
        assert_eq!(MIX.iter().map(|(_, w)| w).sum::<u32>(), 100);
        let mut rng = Rng::new(9);
        let mut counts: BTreeMap<Kind, u32> = BTreeMap::new();
        for _ in 0..100_000 {
            *counts.entry(pick(&mut rng)).or_default() += 1;
        }
        for (k, w) in MIX {
            let share = f64::from(counts[&k]) / 1000.0;
            assert!((share - f64::from(w)).abs() < 1.0, "{k:?}: {share}%");
        }
    }

    #[test]
    fn memory_growth_fails_the_run() {
        let mut o = Outcome {
            backend: "SQLite",
            database_clients: 10,
            clients: 10,
            think_mean_s: 1.0,
            duration_s: 30.0,
            signin_s: 1.0,
            settle_s: 1.0,
            intervals: Vec::new(),
            kinds: BTreeMap::new(),
            total: Summary {
                count: 100,
                ..Summary::default()
            },
            first_errors: Vec::new(),
            reconnects: 0,
            rss_after_signin_bytes: 0,
            rss_second_interval_bytes: 100,
            rss_end_bytes: 110,
            peak_bytes: 0,
            server_cpu_ms_per_request: 0.0,
            server_log: Vec::new(),
        };
        let interval = Interval {
            index: 1,
            end_s: 1.0,
            per_sec: 1.0,
            errors: 0,
            kinds: BTreeMap::new(),
            rss_bytes: 100,
            load_average: 0.0,
        };
        o.intervals = vec![interval.clone(), interval.clone(), interval];
        assert!(o.problems().is_empty());
        o.rss_end_bytes = 111;
        assert_eq!(o.problems().len(), 1);
        o.rss_end_bytes = 100;
        o.total.errors = 1;
        assert_eq!(o.problems().len(), 1);
    }
}
