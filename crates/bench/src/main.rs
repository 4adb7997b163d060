//! `rapport-bench`: Rapport's load run. Starts a real `rapport serve` on loopback against a
//! seeded database, measures the limits in the same run, signs in clients and clinicians,
//! drives a realistic mix for a fixed time, and reports throughput and latency per request
//! kind, the ratios to the limits, memory, start-up and the targets. Traffic goes to
//! 127.0.0.1 only; the server is stopped (SIGTERM) at the end.
//!
//! The phases, in order:
//!
//! 1. seed a temporary data directory (`--seed N`, `--quick`) or take `--data DIR`;
//! 2. start the server, timed from spawn to the first `200` from `/healthz`; wait until its
//!    start-up housekeeping is done (its CPU goes quiet); with `--idle`, watch the CPU its
//!    background work takes while nobody uses it;
//! 3. sign in clients (API token and browser session) and clinicians (password and
//!    authenticator code), three at a time to stay inside the sign-in throttle;
//! 4. every request kind alone on one connection: latency, the server's CPU per request and
//!    the audit records (commits under the write lock) per request;
//! 5. the read path: the caseload's store queries (run here, on the same file) and the
//!    caseload page, in turns;
//! 6. the HTTP floor: a static file at the load's concurrency;
//! 7. the write path: raw `BEGIN; INSERT; COMMIT` (WAL, synchronous=FULL) and submissions
//!    only, in turns, at the load's concurrency;
//! 8. the mixed load for `--duration`; then the server's peak RSS and a stop.
//!
//! The run writes to the database (check-ins and PHQ-9s, audit records, a scratch table it
//! drops): point it at a seeded copy, never at real data.

mod admin;
mod backup;
mod clock;
mod crash;
mod crash_run;
mod disk;
mod history;
mod http;
mod ledger;
mod load;
mod matching;
mod proxy;
mod raw;
mod report;
mod safety;
mod server;
mod servers;
mod signin;
mod smtp_sink;
mod soak;
mod stats;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Parser;
use rapport_demo::seed::clinician_email;

use crate::load::{Kind, People};
use crate::report::{Figures, SeedInfo};
use crate::server::Server;

#[derive(Debug, Parser)]
#[command(
    name = "rapport-bench",
    about = "Rapport's load run: a real server on loopback, a seeded database, a realistic mix, \
             and the limits it is measured against.",
    after_long_help = "\
Examples:
  rapport-bench --quick                      # CI: a tiny database, ~10 s, fails on any error
  rapport-bench --seed 10000                 # seed 10,000 clients in a temporary folder, run 30 s
  rapport-bench --data /tmp/seeded --json run.json
  rapport-bench --seed 10000 --database-url postgres://postgres@127.0.0.1:5432/EMPTY_DB
                                             # the same run on PostgreSQL (seeded there)
  rapport-bench --matching 100000            # matching end to end over 100,000 listed clinicians
  rapport-bench --admin 100000               # every administration page and API at 100,000 clients
  rapport-bench --servers 3 --database-url postgres://postgres@127.0.0.1:5432/EMPTY_DB
                                             # three servers on one PostgreSQL behind a proxy
  rapport-bench --soak --data /tmp/seed-copy # 1,000 clients with think times for 10 minutes
  rapport-bench --soak --quick               # CI: 100 clients for 20 s on a tiny database
  rapport-bench --history                    # PHQ-9s and check-ins: 10 vs 1,000 earlier PHQ-9s
  rapport-bench --history --quick            # CI: 4 connections, 10 vs 200, not judged

Growth: run twice, with --seed 1000 and --seed 100000, and compare the GROWTH lines.
Build with --release for figures worth reporting: cargo build --release -p rapport -p rapport-bench
"
)]
struct Args {
    /// The `rapport` binary to run. Default: the one next to this executable.
    #[arg(long)]
    rapport: Option<PathBuf>,
    /// A data directory seeded by `rapport seed` (with its seed-staff.txt).
    #[arg(long, conflicts_with = "seed")]
    data: Option<PathBuf>,
    /// Seed a fresh temporary data directory with this many clients first (clinicians: one
    /// per 150 clients, so caseloads hold about 150). Removed afterwards unless --keep.
    #[arg(long)]
    seed: Option<u32>,
    /// Days of history to seed with --seed.
    #[arg(long, default_value_t = 365)]
    days: u32,
    /// Seconds of the mixed load (default 30; 3 with --quick); of the soak (default 600; 20
    /// with --quick).
    #[arg(long)]
    duration: Option<u64>,
    /// Concurrent connections (default 32; 4 with --quick).
    #[arg(long)]
    concurrency: Option<usize>,
    /// Seconds to watch the settled server with nobody using it, before the load: the CPU
    /// its own background work takes (the periodic jobs; reminders run every minute, so 75
    /// or more). Default: not watched.
    #[arg(long)]
    idle: Option<u64>,
    /// Client accounts to sign in (default 200; 10 with --quick); in the soak, the simulated
    /// clients (default 1000; 100 with --quick).
    #[arg(long)]
    clients: Option<u32>,
    /// Clinician accounts to sign in (default 10; 2 with --quick).
    #[arg(long)]
    clinicians: Option<u32>,
    /// A small, quick run for CI: seeds 40 clients, 2 clinicians and 30 days (unless --data),
    /// runs every phase briefly, and fails on any error or a request kind never sent.
    #[arg(long)]
    quick: bool,
    /// Write the figures as JSON to this file too.
    #[arg(long)]
    json: Option<PathBuf>,
    /// An environment variable for the server, `NAME=VALUE` (repeatable), e.g.
    /// `MALLOC_MMAP_THRESHOLD_=131072` to see what the allocator does to memory.
    #[arg(long = "server-env", value_parser = parse_env)]
    server_env: Vec<(String, String)>,
    /// Keep the temporary data directory of --seed, --quick or --history.
    #[arg(long)]
    keep: bool,
    /// The safety run instead of the load run: this many new clients sign up and each
    /// submits a PHQ-9 with item 9 above 0, --concurrency at a time (default 16); fails unless
    /// every answer carries the safety flag and the crisis lines and every client is in the
    /// triage clinician's alerts.
    #[arg(long, conflicts_with_all = ["data", "seed", "quick"])]
    safety: Option<u32>,
    /// The matching run instead of the load run: a temporary folder seeded with this many
    /// checked, accepting clinicians, then `POST /api/v1/match` against a real server, one
    /// request after another, beside `GET /healthz` as the baseline (issue 14's targets: p99
    /// ≤ 15 ms at 100,000, ≤ 150 ms at 1,000,000).
    #[arg(long, conflicts_with_all = ["safety", "data", "seed"])]
    matching: Option<u32>,
    /// Requests in the matching run (each kind's in the administration run).
    #[arg(long, default_value_t = 1000)]
    requests: u32,
    /// The administration run instead of the load run: a temporary folder seeded with this
    /// many clients (`--days`, 7 unless given), then every administration page and API
    /// against a real server, `--requests` each (200 unless given), beside `GET /healthz` as
    /// the baseline (issue 17's target: p99 ≤ 50 ms at 100,000 clients). With --data, that
    /// folder, already seeded with N clients, is used instead (its database is only read,
    /// but for the administrator's sign-in and the audit records of the reads).
    #[arg(long, conflicts_with_all = ["safety", "seed", "matching"])]
    admin: Option<u32>,
    /// PostgreSQL: for the safety, crash, backup and many-servers runs an empty database (it
    /// is seeded and written to); for the load run an empty one with --seed or --quick, or one
    /// seeded with `rapport seed --database-url` with --data (the folder of that seed's key
    /// and staff list), as for the soak and the administration run (empty with --soak
    /// --quick). The load run's raw commits are then PostgreSQL's.
    #[arg(long)]
    database_url: Option<String>,
    /// The crash run instead of the load run (issue 18): this many cycles of writes
    /// (--concurrency clients at once, default 4), each ended by a SIGKILL of the server after
    /// 50–1500 ms; after each restart every acknowledged write must be there whole, every other
    /// write whole or absent, and `rapport audit verify` must pass.
    #[arg(long, conflicts_with_all = ["safety", "data", "seed", "quick", "matching", "admin"])]
    crash: Option<u32>,
    /// With --crash on PostgreSQL: the data directory of a throwaway cluster that serves
    /// --database-url, to crash (SIGKILL of the postmaster and its backends) and start again
    /// with pg_ctl every --kill-db-every cycles. Never the cluster of real data.
    #[arg(long, requires = "database_url")]
    pg_cluster: Option<PathBuf>,
    /// With --pg-cluster: kill the database server in every Nth cycle.
    #[arg(long, default_value_t = 5)]
    kill_db_every: u32,
    /// `pg_ctl` for --pg-cluster. Default: the newest under /usr/lib/postgresql, else PATH.
    #[arg(long)]
    pg_ctl: Option<PathBuf>,
    /// The backup run instead of the load run (issue 18): writes under load, a backup taken
    /// during them (`rapport backup`, or `pg_dump -Fc` on PostgreSQL), restored into a new
    /// data directory (`pg_restore` into --restore-url), a server started on it; every write
    /// acknowledged before the backup began must be there whole and the audit chain intact.
    #[arg(long, conflicts_with_all = ["safety", "data", "seed", "quick", "matching", "admin", "crash"])]
    backup_run: bool,
    /// With --backup-run on PostgreSQL: an empty database to restore into.
    #[arg(long, requires = "backup_run")]
    restore_url: Option<String>,
    /// The full-disk and read-only run instead of the load run (issue 18): the data directory
    /// on a small tmpfs (or a loop file), filled; the user must get a clear error, nothing
    /// corrupted, service back when space returns; then the database made read-only. With
    /// --database-url (a throwaway cluster: the setting is cluster-wide) the PostgreSQL
    /// database is made read-only instead.
    #[arg(long, conflicts_with_all = ["safety", "data", "seed", "quick", "matching", "admin", "crash", "backup_run"])]
    disk_full: bool,
    /// The many-servers run instead of the load run: this many `rapport serve` on one
    /// PostgreSQL database (--database-url) behind a round-robin proxy on loopback; checks
    /// throttling, sessions, the audit chain, flags, jobs and Idempotency-Key under a mixed
    /// load, then the throughput of submissions with 1 … N servers.
    #[arg(long, requires = "database_url", conflicts_with_all = ["safety", "data", "seed", "matching", "admin"])]
    servers: Option<usize>,
    /// The soak instead of the load run: `--clients` seeded clients at once, each on its own
    /// connection, looping think time → check-in, PHQ-9 or a page for `--duration`; a line a
    /// minute (5 s with --quick) with throughput, errors, p50/p99 per kind and the server's
    /// RSS. Fails on any error or RSS at the end > 1.10 × RSS at minute two. Give --data (a
    /// seeded copy: it is written to) or --quick (100 clients, 20 s, a tiny seed).
    #[arg(long, conflicts_with_all = ["safety", "matching", "admin", "seed"])]
    soak: bool,
    /// The history run instead of the load run (issue 19): new clients with 10 and with 1,000
    /// earlier PHQ-9s in their episode submit PHQ-9s, then check-ins, one client per
    /// connection (--concurrency, default 32), each group alone in turns; fails unless the
    /// long histories' rate is 0.9–1.1 × the short ones'. With --quick: 4 connections, 10 and
    /// 200, short phases, the ratio reported but not judged.
    #[arg(long, conflicts_with_all = ["safety", "matching", "admin", "seed", "data", "soak", "crash", "backup_run", "disk_full", "servers", "database_url"])]
    history: bool,
    /// The soak's mean think time in seconds (exponential; default 10, 3 with --quick).
    #[arg(long, requires = "soak")]
    think: Option<f64>,
}

/// How long each phase runs.
struct Phases {
    /// Each round of the write path: raw commits for `raw_commits`, then submissions for
    /// `submissions`.
    write_rounds: u32,
    raw_commits: Duration,
    raw_caseload: Duration,
    solo_per_page: Duration,
    floor: Duration,
    submissions: Duration,
    mixed: Duration,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    match run(Args::parse()).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("rapport-bench: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err("expected NAME=VALUE".to_string()),
    }
}

fn default_rapport() -> Result<PathBuf> {
    let me = std::env::current_exe().context("cannot find this executable")?;
    let dir = me.parent().context("this executable is in no directory")?;
    Ok(dir.join(format!("rapport{}", std::env::consts::EXE_SUFFIX)))
}

/// `email<TAB>secret` lines of seed-staff.txt, clinicians only, in number order.
fn read_staff(data: &Path) -> Result<Vec<(String, String)>> {
    let path = data.join("seed-staff.txt");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {} (seed the data directory with `rapport seed`)",
            path.display()
        )
    })?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(email, _)| email.starts_with("clinician"))
        .map(|(e, s)| (e.trim().to_string(), s.trim().to_string()))
        .collect())
}

/// `k` numbers spread evenly over 1..=n (so the clients signed in belong to many clinicians).
fn spread(k: u32, n: u32) -> Vec<u32> {
    let k = k.min(n);
    if k == 0 {
        return Vec::new();
    }
    (0..k)
        .map(|i| (u64::from(i) * u64::from(n) / u64::from(k)) as u32 + 1)
        .collect()
}

/// The one-minute load average (0 where /proc/loadavg is missing).
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|t| t.split_whitespace().next().and_then(|f| f.parse().ok()))
        .unwrap_or(0.0)
}

async fn safety_run(rapport: &Path, args: &Args, clients: u32) -> Result<bool> {
    let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
    let env: Vec<(String, String)> = args
        .database_url
        .iter()
        .map(|u| ("RAPPORT_DATABASE_URL".to_string(), u.clone()))
        .collect();
    let concurrency = args.concurrency.unwrap_or(16).max(1);
    let o = safety::run(rapport, dir.path(), &env, clients, concurrency).await?;
    println!(
        "SAFETY {} new clients, {} connections, {}: {} answers in {:.1} s; without the safety flag or crisis lines: {}; missing from the triage clinician's alerts: {}",
        clients,
        concurrency,
        if args.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        o.submitted,
        o.seconds,
        o.unflagged.len(),
        o.unseen.len(),
    );
    for id in o.unflagged.iter().chain(&o.unseen).take(10) {
        println!("  client {id}");
    }
    Ok(o.passed() && o.submitted == clients)
}

async fn history_run(rapport: &Path, args: &Args) -> Result<bool> {
    let dir = tempfile::Builder::new()
        .prefix("rapport-history-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let opts = history::Options::new(args.quick, args.concurrency);
    println!(
        "History run: {} clients with {} and {} with {} earlier PHQ-9s …",
        opts.connections, opts.short, opts.connections, opts.long
    );
    let o = history::run(rapport, dir.path(), &opts).await;
    if args.keep {
        println!("Data kept in {}", dir.keep().display());
    }
    let o = o?;
    for line in history::report(&o) {
        println!("{line}");
    }
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&o)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("Figures written to {}", path.display());
    }
    let problems = o.problems();
    for p in &problems {
        eprintln!("FAILED: {p}");
    }
    Ok(problems.is_empty())
}

async fn soak_run(rapport: &Path, args: &Args) -> Result<bool> {
    let quick = args.quick;
    let scratch = tempfile::Builder::new()
        .prefix("rapport-soak-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let mut env = args.server_env.clone();
    if let Some(url) = &args.database_url {
        env.push(("RAPPORT_DATABASE_URL".to_string(), url.clone()));
    }
    let data = match &args.data {
        Some(d) => d.clone(),
        None if quick => {
            let dir = scratch.path().join("data");
            println!("Seeding 100 clients, 2 clinicians, 30 days …");
            server::seed_with(rapport, &dir, 100, 2, 30, &env)?;
            dir
        }
        None => bail!("give --data DIR (a seeded copy: the soak writes to it) or --quick"),
    };
    let database_clients = soak::count_clients(&data, args.database_url.as_deref()).await?;
    if database_clients == 0 {
        bail!("no seeded clients in the database of {}", data.display());
    }
    let opts = soak::Options {
        clients: args.clients.unwrap_or(if quick { 100 } else { 1000 }),
        duration: Duration::from_secs(args.duration.unwrap_or(if quick { 20 } else { 600 })),
        interval: Duration::from_secs(if quick { 5 } else { 60 }),
        think_mean: Duration::from_secs_f64(
            args.think
                .unwrap_or(if quick { 3.0 } else { 10.0 })
                .max(0.01),
        ),
        backend: if args.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
    };
    println!(
        "Database: {} clients ({}{})",
        report::thousands(database_clients),
        data.display(),
        if args.database_url.is_some() {
            ", PostgreSQL"
        } else {
            ""
        }
    );
    let o = soak::over(
        rapport,
        &data,
        scratch.path(),
        &env,
        database_clients,
        &opts,
    )
    .await?;
    for line in soak::report(&o) {
        println!("{line}");
    }
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&o)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("Figures written to {}", path.display());
    }
    let problems = o.problems();
    for p in &problems {
        eprintln!("FAILED: {p}");
    }
    Ok(problems.is_empty())
}

async fn run(args: Args) -> Result<bool> {
    let quick = args.quick;
    let load_at_start = load_average();
    let rapport = match &args.rapport {
        Some(p) => p.clone(),
        None => default_rapport()?,
    };
    if !rapport.is_file() {
        bail!(
            "no rapport binary at {} (build it: cargo build -p rapport, or give --rapport)",
            rapport.display()
        );
    }
    if let Some(therapists) = args.matching {
        let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
        let o = matching::run(&rapport, dir.path(), therapists, args.requests).await?;
        for line in matching::report(therapists, &o) {
            println!("{line}");
        }
        return Ok(matching::passed(therapists, &o));
    }
    if let Some(clients) = args.admin {
        let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
        let days = if args.days == 365 { 7 } else { args.days };
        let requests = if args.requests == 1000 {
            200
        } else {
            args.requests
        };
        let seeding = match &args.data {
            Some(data) => admin::Seeding::Given(data.clone()),
            None => admin::Seeding::Fresh(dir.path().to_path_buf(), days),
        };
        let env: Vec<(String, String)> = args
            .database_url
            .iter()
            .map(|u| ("RAPPORT_DATABASE_URL".to_string(), u.clone()))
            .collect();
        if !env.is_empty() && args.data.is_none() {
            bail!("--admin with --database-url needs --data: the folder of that database's seed");
        }
        let o = admin::run(&rapport, &seeding, &env, clients, requests).await?;
        for line in admin::report(&o) {
            println!("{line}");
        }
        return Ok(admin::passed(&o));
    }
    if let Some(clients) = args.safety {
        return safety_run(&rapport, &args, clients).await;
    }
    if let Some(cycles) = args.crash {
        return crash_run::crash(&rapport, &args, cycles).await;
    }
    if args.backup_run {
        return crash_run::backup(&rapport, &args).await;
    }
    if args.disk_full {
        return crash_run::disk_full(&rapport, &args).await;
    }
    if let Some(n) = args.servers {
        let database_url = args
            .database_url
            .clone()
            .context("--servers needs --database-url postgres://…")?;
        let o = servers::Options {
            servers: n,
            database_url,
            quick,
            concurrency: args
                .concurrency
                .unwrap_or(if quick { 8 } else { 32 })
                .max(1),
            figure_secs: args.duration.unwrap_or(if quick { 2 } else { 5 }),
        };
        return servers::run(&rapport, &o).await;
    }
    if args.soak {
        return soak_run(&rapport, &args).await;
    }
    if args.history {
        return history_run(&rapport, &args).await;
    }
    let duration = Duration::from_secs(args.duration.unwrap_or(if quick { 3 } else { 30 }));
    let concurrency = args
        .concurrency
        .unwrap_or(if quick { 4 } else { 32 })
        .max(1);
    let want_clients = args.clients.unwrap_or(if quick { 10 } else { 200 });
    let want_clinicians = args.clinicians.unwrap_or(if quick { 2 } else { 10 });
    let phases = if quick {
        Phases {
            write_rounds: 1,
            raw_commits: Duration::from_millis(500),
            raw_caseload: Duration::from_millis(300),
            solo_per_page: Duration::from_millis(200),
            floor: Duration::from_millis(500),
            submissions: Duration::from_millis(500),
            mixed: duration,
        }
    } else {
        Phases {
            write_rounds: 3,
            raw_commits: Duration::from_secs(1),
            raw_caseload: Duration::from_secs(3),
            solo_per_page: Duration::from_secs(1),
            floor: Duration::from_secs(3),
            submissions: Duration::from_secs(2),
            mixed: duration,
        }
    };

    // Somewhere for the server's log, and the database when seeding.
    let scratch = tempfile::Builder::new()
        .prefix("rapport-bench-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let mut seed_info = None;
    let database_env: Vec<(String, String)> = args
        .database_url
        .iter()
        .map(|u| ("RAPPORT_DATABASE_URL".to_string(), u.clone()))
        .collect();
    let data = match (&args.data, args.seed.or(quick.then_some(40))) {
        (Some(d), _) => d.clone(),
        (None, Some(n)) => {
            let (clinicians, days) = if quick && args.seed.is_none() {
                (2, 30)
            } else {
                (((f64::from(n) / 150.0).round() as u32).max(1), args.days)
            };
            let dir = scratch.path().join("data");
            println!(
                "Seeding {n} clients, {clinicians} clinicians, {days} days into {} …",
                dir.display()
            );
            let t0 = clock::now();
            server::seed_with(&rapport, &dir, n, clinicians, days, &database_env)?;
            let secs = t0.elapsed().as_secs_f64();
            println!("  seeded in {secs:.1} s");
            seed_info = Some(SeedInfo {
                clients: n,
                clinicians,
                days,
                seconds: secs,
            });
            dir
        }
        (None, None) => bail!("give --data DIR (a seeded data directory), --seed N or --quick"),
    };
    if args.database_url.is_none() && !data.join("rapport.db").is_file() {
        bail!("no rapport.db in {}", data.display());
    }
    let staff = read_staff(&data)?;

    let db = raw::open(&data, args.database_url.as_deref()).await?;
    let db_clients = raw::count_rows(&db, "client_profiles").await? as u32;
    let db_clinicians = raw::count_rows(&db, "clinician_profiles").await? as u32;
    let db_bytes = raw::database_size(&db).await?;
    if db_clients == 0 || staff.is_empty() {
        bail!(
            "the database in {} has no seeded clients or clinicians",
            data.display()
        );
    }
    let numbers = spread(want_clients, db_clients);
    let staff: Vec<(String, String)> = staff
        .into_iter()
        .take(want_clinicians.max(1) as usize)
        .collect();

    println!(
        "Database: {} clients, {} clinicians, {} ({})",
        report::thousands(u64::from(db_clients)),
        report::thousands(u64::from(db_clinicians)),
        report::bytes(db_bytes),
        data.display()
    );

    let server_env: Vec<(String, String)> = args
        .server_env
        .iter()
        .chain(&database_env)
        .cloned()
        .collect();
    let server = Server::start(&rapport, &data, scratch.path(), &server_env).await?;
    println!(
        "Server: {} (pid {}), serving after {:.0} ms",
        server.addr,
        server.pid(),
        server.startup.as_secs_f64() * 1000.0
    );
    let cpu_at_start = server.cpu_time()?;
    let settle = server.settle(Duration::from_secs(300)).await?;
    let settle_cpu = server.cpu_time()?.saturating_sub(cpu_at_start);
    let idle = match args.idle {
        Some(secs) => Some(watch_idle(&server, Duration::from_secs(secs)).await?),
        None => None,
    };
    let outcome = measure(
        &server,
        &db,
        &phases,
        concurrency,
        numbers,
        staff,
        quick,
        (settle, settle_cpu),
    )
    .await;
    let (hwm, rss) = server.memory().unwrap_or((0, 0));
    let (anon, file, shmem, threads) = server.memory_detail().unwrap_or((0, 0, 0, 0));
    let log = server.log_lines();
    let startup = server.startup;
    let stopped = server.stop().await;
    db.close().await?;
    let mut figures = outcome?;
    stopped?;
    figures.idle = idle;
    figures.memory.peak_under_load_bytes = hwm;
    figures.memory.rss_at_end_bytes = rss;
    figures.memory.rss_anon_at_end_bytes = anon;
    figures.memory.rss_file_at_end_bytes = file;
    figures.memory.rss_shmem_at_end_bytes = shmem;
    figures.memory.threads_at_end = threads;
    figures.startup_ms = startup.as_secs_f64() * 1000.0;
    figures.database = report::DatabaseInfo {
        clients: db_clients,
        clinicians: db_clinicians,
        bytes: db_bytes,
        seeded: seed_info,
    };
    figures.run.concurrency = concurrency;
    figures.run.duration_s = duration.as_secs_f64();
    figures.run.quick = quick;
    figures.run.load_average_at_start = load_at_start;
    figures.run.backend = if args.database_url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    figures.server_log = log;
    figures.finish();
    report::print(&figures);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&figures)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("Figures written to {}", path.display());
    }
    if args.keep {
        let kept = scratch.keep();
        println!("Kept {}", kept.display());
    }
    let problems = figures.problems();
    if problems.is_empty() {
        Ok(true)
    } else {
        for p in &problems {
            eprintln!("FAILED: {p}");
        }
        Ok(false)
    }
}

/// The server's CPU over `watch` with nobody using it.
async fn watch_idle(server: &Server, watch: Duration) -> Result<report::Idle> {
    say(&format!("Idle ({} s, nobody using it) … ", watch.as_secs()));
    let before = server.cpu_time()?;
    tokio::time::sleep(watch).await;
    let cpu = server.cpu_time()?.saturating_sub(before);
    println!("{:.2} s of CPU", cpu.as_secs_f64());
    Ok(report::Idle {
        watched_s: watch.as_secs_f64(),
        cpu_s: cpu.as_secs_f64(),
    })
}

/// A line begun, shown before the phase it names runs.
fn say(text: &str) {
    use std::io::Write;
    print!("{text}");
    let _ = std::io::stdout().flush();
}

/// Everything measured while the server runs.
#[allow(clippy::too_many_arguments)]
async fn measure(
    server: &Server,
    db: &rapport_store::Db,
    phases: &Phases,
    concurrency: usize,
    numbers: Vec<u32>,
    staff: Vec<(String, String)>,
    quick: bool,
    (settle, settle_cpu): (Duration, Duration),
) -> Result<Figures> {
    let mut f = Figures {
        settle_s: settle.as_secs_f64(),
        settle_cpu_s: settle_cpu.as_secs_f64(),
        ..Figures::default()
    };
    let (mem_after_start, _) = server.memory()?;
    f.memory.after_start_bytes = mem_after_start;

    // Sign-ins.
    let first_clinician = staff
        .first()
        .map_or_else(|| clinician_email(1), |(e, _)| e.clone());
    say(&format!(
        "Signing in {} clients and {} clinicians … ",
        numbers.len(),
        staff.len()
    ));
    let t0 = clock::now();
    let (clients, clinicians) = signin::all(server.addr, numbers, staff).await?;
    f.signin.clients = clients.len();
    f.signin.clinicians = clinicians.len();
    f.signin.seconds = t0.elapsed().as_secs_f64();
    let first = clinicians
        .iter()
        .find(|c| c.email == first_clinician)
        .cloned()
        .context("the first clinician did not sign in")?;
    f.run.caseload_clients = first.clients.len();
    println!("{:.1} s", f.signin.seconds);
    let (hwm, _) = server.memory()?;
    f.memory.peak_through_sign_in_bytes = hwm;
    f.memory.peak_reset = server.reset_peak_memory();
    let people = Arc::new(People {
        clients,
        clinicians,
    });

    // Each kind alone, on one connection: latency, the server's CPU and the audit records
    // (each one a commit under the write lock) per request.
    say("Each kind alone (1 connection) … ");
    for (i, kind) in load::ALONE.iter().enumerate() {
        let cpu0 = server.cpu_time()?;
        let audit0 = raw::audit_records(db).await?;
        let r = load::run(
            server.addr,
            Arc::clone(&people),
            &[(*kind, 1)],
            1,
            phases.solo_per_page,
            100 + i as u64,
        )
        .await?;
        f.absorb_errors(&r);
        let audited = raw::audit_records(db).await?.saturating_sub(audit0);
        let s = r.kinds.get(kind).cloned().unwrap_or_default();
        let summary = s.summary(r.elapsed);
        f.audit_records_per_request.insert(
            kind.label().to_string(),
            stats::ratio(audited as f64, summary.count as f64),
        );
        f.solo.insert(kind.label().to_string(), summary);
        f.cpu.solo.insert(
            kind.label().to_string(),
            report::CpuUse::of(server.cpu_time()?.saturating_sub(cpu0), &r),
        );
    }
    println!("done");

    // The read path: the caseload's raw queries and the caseload page, taken in turns so
    // that whatever else the machine does weighs on both alike.
    say(&format!(
        "Caseload: raw queries and the page in turns ({first_clinician}) … "
    ));
    let clinician_id = raw::user_id(db, &first_clinician).await?;
    let paired = paired_caseload(
        server.addr,
        db,
        clinician_id,
        &first.cookie,
        phases.raw_caseload * 2,
    )
    .await?;
    f.absorb_errors_of(paired.page.errors, &paired.first_error);
    f.limits.raw_caseload = paired.raw.total.summary(paired.raw_time);
    f.limits.raw_caseload_clients = paired.raw.clients;
    for (name, s) in raw::CASELOAD_STEPS.iter().zip(&paired.raw.steps) {
        f.limits
            .raw_caseload_steps
            .push((name.to_string(), s.summary(paired.raw_time)));
    }
    f.caseload_paired = paired.page.summary(paired.page_time);
    println!(
        "{} clients, raw p50 {:.2} ms, page p50 {:.2} ms",
        paired.raw.clients, f.limits.raw_caseload.p50_ms, f.caseload_paired.p50_ms
    );

    // The HTTP floor under the same concurrency.
    say(&format!(
        "HTTP floor ({} × {concurrency}) … ",
        load::FLOOR_PATH
    ));
    let cpu0 = server.cpu_time()?;
    let r = load::run(
        server.addr,
        Arc::clone(&people),
        &[(Kind::Floor, 1)],
        concurrency,
        phases.floor,
        200,
    )
    .await?;
    f.absorb_errors(&r);
    f.limits.floor = r.all(|_| true).summary(r.elapsed);
    f.cpu.floor = report::CpuUse::of(server.cpu_time()?.saturating_sub(cpu0), &r);
    println!("{:.0}/s", f.limits.floor.per_sec);

    // The write path: raw durable commits (server idle) and submissions only, in turns.
    say(&format!(
        "Write path: raw commits and submissions in turns ({concurrency} at once) … "
    ));
    raw::commits_begin(db).await?;
    let mut commits = stats::Samples::default();
    let mut commit_time = Duration::ZERO;
    let mut subs: Option<load::PhaseResult> = None;
    let mut cpu = Duration::ZERO;
    for round in 0..phases.write_rounds {
        let (c, took) = raw::commits(db, concurrency, phases.raw_commits).await?;
        commits.merge(c);
        commit_time += took;
        let cpu0 = server.cpu_time()?;
        let r = load::run(
            server.addr,
            Arc::clone(&people),
            &load::SUBMISSIONS,
            concurrency,
            phases.submissions,
            300 + u64::from(round),
        )
        .await?;
        cpu += server.cpu_time()?.saturating_sub(cpu0);
        match &mut subs {
            Some(all) => all.merge(r),
            None => subs = Some(r),
        }
    }
    raw::commits_end(db).await?;
    let subs = subs.context("no write-path rounds")?;
    f.absorb_errors(&subs);
    f.limits.raw_commits = commits.summary(commit_time);
    f.submissions_only = subs.all(|k| k.is_submission()).summary(subs.elapsed);
    f.cpu.submissions_only = report::CpuUse::of(cpu, &subs);
    println!(
        "raw {:.0}/s, submissions {:.0}/s",
        f.limits.raw_commits.per_sec, f.submissions_only.per_sec
    );

    // The mixed load.
    say(&format!(
        "Mixed load ({concurrency} connections, {} s) … ",
        phases.mixed.as_secs_f64()
    ));
    let cpu0 = server.cpu_time()?;
    let r = load::run(
        server.addr,
        Arc::clone(&people),
        &load::MIXED,
        concurrency,
        phases.mixed,
        400,
    )
    .await?;
    f.absorb_errors(&r);
    f.cpu.mixed = report::CpuUse::of(server.cpu_time()?.saturating_sub(cpu0), &r);
    for (kind, _) in load::MIXED {
        let s = r.kinds.get(&kind).cloned().unwrap_or_default();
        f.mixed
            .insert(kind.label().to_string(), s.summary(r.elapsed));
    }
    f.mixed_total = r.all(|_| true).summary(r.elapsed);
    f.mixed_submissions = r.all(|k| k.is_submission()).summary(r.elapsed);
    f.mixed_pages = r.all(|k| !k.is_submission()).summary(r.elapsed);
    println!("{:.0} req/s", f.mixed_total.per_sec);
    f.quick_checks = quick;
    Ok(f)
}

/// What the caseload's raw queries and its page measured, taken in turns.
struct Paired {
    raw: raw::CaseloadReads,
    raw_time: Duration,
    page: stats::Samples,
    page_time: Duration,
    first_error: Option<String>,
}

/// The caseload's store queries, then the caseload page as that clinician, in turns, for
/// `duration` (at least 20 of each).
async fn paired_caseload(
    addr: std::net::SocketAddr,
    db: &rapport_store::Db,
    clinician_id: uuid::Uuid,
    cookie: &str,
    duration: Duration,
) -> Result<Paired> {
    let mut conn = http::Conn::new(addr)?;
    let mut out = Paired {
        raw: raw::CaseloadReads::default(),
        raw_time: Duration::ZERO,
        page: stats::Samples::default(),
        page_time: Duration::ZERO,
        first_error: None,
    };
    // Warm both up (connections, statement and page caches), untimed.
    let mut warm = raw::CaseloadReads::default();
    for _ in 0..3 {
        raw::caseload_once(db, clinician_id, &mut warm).await?;
        let _ = conn.get("/home", Some(cookie)).await;
    }
    let started = clock::now();
    let mut runs = 0;
    while runs < 20 || started.elapsed() < duration {
        let t0 = clock::now();
        raw::caseload_once(db, clinician_id, &mut out.raw).await?;
        out.raw_time += t0.elapsed();
        let t0 = clock::now();
        let r = conn.get("/home", Some(cookie)).await;
        let took = t0.elapsed();
        out.page_time += took;
        match r {
            Ok(r) if r.status == 200 && !r.body.is_empty() => out.page.ok(took),
            Ok(r) => {
                out.page.err();
                out.first_error
                    .get_or_insert_with(|| format!("GET /home (clinician): {}", r.status));
            }
            Err(e) => {
                out.page.err();
                out.first_error.get_or_insert_with(|| format!("{e:#}"));
                conn.reset();
            }
        }
        runs += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_sign_ins_over_all_clients() {
        assert_eq!(spread(4, 100), vec![1, 26, 51, 76]);
        assert_eq!(spread(10, 3), vec![1, 2, 3]);
        assert!(spread(0, 10).is_empty());
    }

    #[test]
    fn the_flags_parse() {
        let a =
            Args::try_parse_from(["rapport-bench", "--seed", "1000", "--duration", "5"]).unwrap();
        assert_eq!((a.seed, a.duration), (Some(1000), Some(5)));
        assert!(Args::try_parse_from(["rapport-bench", "--seed", "1", "--data", "x"]).is_err());
    }

    #[test]
    fn the_history_flags_parse() {
        let a = Args::try_parse_from(["rapport-bench", "--history"]).unwrap();
        assert!(a.history && !a.quick);
        let o = history::Options::new(a.quick, a.concurrency);
        assert_eq!(
            (o.connections, o.short, o.long, o.judge),
            (32, 10, 1000, true)
        );
        let q = Args::try_parse_from([
            "rapport-bench",
            "--history",
            "--quick",
            "--concurrency",
            "2",
        ])
        .unwrap();
        let o = history::Options::new(q.quick, q.concurrency);
        assert_eq!(
            (o.connections, o.short, o.long, o.judge),
            (2, 10, 200, false)
        );
        assert!(Args::try_parse_from(["rapport-bench", "--history", "--seed", "10"]).is_err());
        assert!(Args::try_parse_from(["rapport-bench", "--history", "--soak"]).is_err());
    }
}
