//! `rapport-bench --crash CYCLES`: crash safety (issue 18, item 1). Each cycle starts a real
//! `rapport serve`, lets clients write at once (PHQ-9s, check-ins, safety-plan saves, each
//! with a marker, see [`crate::ledger`]), kills the server with SIGKILL after a random 50–1500
//! ms, starts it again and checks that every acknowledged write is there whole, that every
//! other write is whole or absent, and that `rapport audit verify` passes. On PostgreSQL
//! (`--database-url`) with `--pg-cluster DIR`, every `--kill-db-every`th cycle also kills the
//! database server itself (its postmaster and every backend, SIGKILL) while the writes run,
//! starts it again, lets the writes go on, and then kills the server.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rapport_store::crypto::Keyring;
use rapport_store::{Db, DbOptions};

use crate::clock;
use crate::http::Conn;
use crate::ledger::{self, Answer, Check, Kind, Write, Writer};
use crate::load::Rng;
use crate::server::Server;

/// Where the run writes and how.
pub struct Setup<'a> {
    pub rapport: &'a Path,
    pub data: &'a Path,
    /// `RAPPORT_DATABASE_URL` when on PostgreSQL.
    pub database_url: Option<String>,
    pub writers: usize,
}

impl Setup<'_> {
    pub fn env(&self) -> Vec<(String, String)> {
        self.database_url
            .iter()
            .map(|u| ("RAPPORT_DATABASE_URL".to_string(), u.clone()))
            .collect()
    }

    /// Opens the database as the server does, without migrating.
    pub async fn open(&self) -> Result<Db> {
        let keys = Keyring::load_or_create(&self.data.join("rapport.key"))
            .with_context(|| format!("cannot read the key file in {}", self.data.display()))?;
        let options = match &self.database_url {
            Some(url) => DbOptions {
                url: url.clone(),
                max_connections: 2,
            },
            None => DbOptions::sqlite_file(&self.data.join("rapport.db")),
        };
        Ok(Db::connect(&options, keys).await?)
    }
}

/// The figures of a run.
#[derive(Debug, Default)]
pub struct Figures {
    pub cycles: u32,
    pub database_kills: u32,
    pub sent: u64,
    pub refused: u64,
    pub unanswered: u64,
    pub check: Check,
    pub audit_failures: u32,
    pub seconds: f64,
}

impl Figures {
    pub fn passed(&self) -> bool {
        self.check.lost == 0 && self.check.half_present == 0 && self.audit_failures == 0
    }
}

/// `rapport audit verify` on the data directory (and database); the error text when the
/// chain is broken or the command fails.
pub fn audit_verify(setup: &Setup<'_>) -> Result<std::result::Result<String, String>> {
    let out = Command::new(setup.rapport)
        .env_remove("RAPPORT_DATABASE_URL")
        .env_remove("RAPPORT_KEYS")
        .envs(setup.env())
        .env("RAPPORT_LOG", "warn")
        .args(["audit", "verify", "--data"])
        .arg(setup.data)
        .stdin(Stdio::null())
        .output()
        .context("cannot run rapport audit verify")?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(if out.status.success() && text.contains("intact") {
        Ok(text.trim().to_string())
    } else {
        Err(text.trim().to_string())
    })
}

/// A PostgreSQL cluster of this run's own, to crash and start again.
pub struct Cluster {
    pub dir: PathBuf,
    pub pg_ctl: PathBuf,
}

impl Cluster {
    fn postmaster(&self) -> Result<u32> {
        let text = std::fs::read_to_string(self.dir.join("postmaster.pid"))
            .with_context(|| format!("no postmaster.pid in {}", self.dir.display()))?;
        text.lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .ok_or_else(|| anyhow!("postmaster.pid holds no pid"))
    }

    /// SIGKILL to the postmaster and every process it started: a crash, no checkpoint.
    pub fn crash(&self) -> Result<()> {
        let pm = self.postmaster()?;
        let mut pids = vec![pm];
        pids.extend(children_of(pm));
        for pid in &pids {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let started = clock::now();
        // Until reaped: a new postmaster refuses to start while the old pid exists, even as
        // a zombie.
        while pids
            .iter()
            .any(|p| Path::new(&format!("/proc/{p}")).exists())
        {
            if started.elapsed() > Duration::from_secs(30) {
                bail!("the killed PostgreSQL processes did not end");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Ok(())
    }

    /// `pg_ctl start -w`, as the postgres user when this runs as root.
    pub fn start(&self) -> Result<()> {
        let log = self.dir.join("crash-run.log");
        let mut cmd = if running_as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&self.pg_ctl);
            c
        } else {
            Command::new(&self.pg_ctl)
        };
        let out = cmd
            .arg("-D")
            .arg(&self.dir)
            .arg("-l")
            .arg(&log)
            .args(["-w", "-t", "60", "start"])
            .stdin(Stdio::null())
            .output()
            .context("cannot run pg_ctl")?;
        if !out.status.success() {
            bail!(
                "pg_ctl start failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            stat_fields(*pid)
                .and_then(|f| f.get(1).and_then(|p| p.parse::<u32>().ok()))
                .is_some_and(|ppid| ppid == parent)
        })
        .collect()
}

/// One writer's turn: PHQ-9s (item 9 from 0 to 3), check-ins (every third answers `yes` to
/// self-harm) and safety-plan saves, in turn, until the server stops answering or `stop`.
async fn write_until_gone(
    addr: SocketAddr,
    mut w: Writer,
    tag: String,
    stop: Arc<AtomicBool>,
    cut: Option<Arc<AtomicBool>>,
) -> Result<Writer> {
    let mut conn = Conn::new(addr)?;
    let mut plan_ok = true;
    let mut i = w.writes.len();
    while !stop.load(Ordering::Relaxed) {
        let key = format!("crash-{tag}-{i}");
        let kind = match i % 3 {
            0 => Kind::Phq9 {
                item9: (i / 3 % 4) as i64,
            },
            1 => Kind::Checkin {
                self_harm: (i / 3).is_multiple_of(3),
            },
            _ if plan_ok => Kind::Plan {
                version: w.plan_version + 1,
                marker: format!("marker {key}"),
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let answer = ledger::send(&mut conn, &w, &kind, &key).await;
        // Answered before the cut (a backup began): committed before it.
        let before_cut = cut.as_ref().is_none_or(|c| !c.load(Ordering::SeqCst));
        let gone = answer == Answer::Unanswered;
        match (&kind, &answer) {
            (Kind::Plan { version, .. }, Answer::Acked(_)) => w.plan_version = *version,
            (Kind::Plan { .. }, _) => plan_ok = false,
            _ => {}
        }
        if let Answer::Refused(_) = answer {
            // The database is away (a PostgreSQL kill): try again a moment later.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        w.writes.push(Write {
            kind,
            key,
            must: before_cut && matches!(answer, Answer::Acked(_)),
            answer,
        });
        i += 1;
        if gone {
            break;
        }
    }
    Ok(w)
}

/// Signs up `n` new clients to write.
pub async fn new_writers(addr: SocketAddr, n: usize, run: &str) -> Result<Vec<Writer>> {
    let mut conn = Conn::new(addr)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(ledger::sign_up(&mut conn, &format!("crash-{run}-{i}@example.org")).await?);
    }
    Ok(out)
}

/// Starts the writers; returns their tasks.
pub fn spawn_writers(
    addr: SocketAddr,
    writers: Vec<Writer>,
    tag: &str,
    stop: &Arc<AtomicBool>,
    cut: Option<&Arc<AtomicBool>>,
) -> tokio::task::JoinSet<Result<Writer>> {
    let mut tasks = tokio::task::JoinSet::new();
    for (n, w) in writers.into_iter().enumerate() {
        tasks.spawn(write_until_gone(
            addr,
            w,
            format!("{tag}-{n}"),
            Arc::clone(stop),
            cut.map(Arc::clone),
        ));
    }
    tasks
}

/// Waits for the writers and puts them back in their order.
pub async fn join_writers(
    mut tasks: tokio::task::JoinSet<Result<Writer>>,
    order: &[uuid::Uuid],
) -> Result<Vec<Writer>> {
    let mut back = Vec::new();
    while let Some(r) = tasks.join_next().await {
        back.push(r.context("a writer failed")??);
    }
    back.sort_by_key(|w| order.iter().position(|id| *id == w.id));
    Ok(back)
}

pub async fn run(
    setup: &Setup<'_>,
    cycles: u32,
    cluster: Option<&Cluster>,
    kill_db_every: u32,
    seed: u64,
) -> Result<Figures> {
    let env = setup.env();
    let mut rng = Rng::new(seed);
    let mut f = Figures::default();
    let started = clock::now();
    let run_tag = clock::utc_now().timestamp_millis().to_string();
    let mut server = Server::start(setup.rapport, setup.data, setup.data, &env).await?;
    let mut writers = new_writers(server.addr, setup.writers, &run_tag).await?;
    let order: Vec<uuid::Uuid> = writers.iter().map(|w| w.id).collect();
    for cycle in 1..=cycles {
        let stop = Arc::new(AtomicBool::new(false));
        let before: Vec<usize> = writers.iter().map(|w| w.writes.len()).collect();
        let tasks = spawn_writers(
            server.addr,
            writers,
            &format!("{run_tag}-{cycle}"),
            &stop,
            None,
        );
        let wait = Duration::from_millis(50 + rng.below(1451) as u64);
        let kill_db = cluster.is_some() && kill_db_every > 0 && cycle.is_multiple_of(kill_db_every);
        if let (true, Some(c)) = (kill_db, cluster) {
            tokio::time::sleep(wait).await;
            c.crash()?;
            f.database_kills += 1;
            tokio::time::sleep(Duration::from_millis(200)).await;
            c.start()?;
            // The writes go on against the database that came back before the server dies.
            tokio::time::sleep(Duration::from_millis(300 + rng.below(700) as u64)).await;
        } else {
            tokio::time::sleep(wait).await;
        }
        server.kill()?;
        writers = join_writers(tasks, &order).await?;
        for (w, from) in writers.iter().zip(&before) {
            for x in &w.writes[*from..] {
                f.sent += 1;
                match x.answer {
                    Answer::Acked(_) => {}
                    Answer::Refused(_) => f.refused += 1,
                    Answer::Unanswered => f.unanswered += 1,
                }
            }
        }
        server = Server::start(setup.rapport, setup.data, setup.data, &env)
            .await
            .with_context(|| format!("cycle {cycle}: the server did not come back"))?;
        let db = setup.open().await?;
        let check = ledger::check(&db, server.addr, &mut writers).await;
        db.close().await?;
        let check = check.with_context(|| format!("cycle {cycle}: the check failed"))?;
        let audit = audit_verify(setup)?;
        let bad = check.lost > 0 || check.half_present > 0 || audit.is_err();
        if bad || cycle == cycles || cycle.is_multiple_of(10) {
            println!(
                "  cycle {cycle}: killed after {} ms{}; {} writes so far, {} acknowledged and present, lost {}, half-present {}; audit {}",
                wait.as_millis(),
                if kill_db { " (and the database)" } else { "" },
                writers.iter().map(|w| w.writes.len()).sum::<usize>(),
                check.acknowledged,
                check.lost,
                check.half_present,
                match &audit {
                    Ok(_) => "intact".to_string(),
                    Err(e) => format!("BROKEN: {e}"),
                }
            );
            for p in check.problems.iter().take(10) {
                println!("    {p}");
            }
        }
        if audit.is_err() {
            f.audit_failures += 1;
        }
        f.cycles = cycle;
        // The last cycle's check counts every write of the run.
        f.check = check;
        if bad {
            break;
        }
    }
    server.stop().await?;
    f.seconds = started.elapsed().as_secs_f64();
    Ok(f)
}
