//! The server under test: `rapport serve` started on a free loopback port, timed from spawn
//! to its first `200` from `/healthz`, watched through /proc, and stopped with SIGTERM.

use std::fs::File;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use crate::clock;
use crate::http::Conn;

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// From spawn to the first `200` from `/healthz`.
    pub startup: Duration,
    log: PathBuf,
}

/// A free port on 127.0.0.1 (asked of the kernel, then let go for the server to take).
fn free_port() -> Result<SocketAddr> {
    let l = TcpListener::bind("127.0.0.1:0").context("cannot find a free loopback port")?;
    Ok(l.local_addr()?)
}

/// The environment variables `rapport` reads, cleared so that only the flags given here
/// count (a RAPPORT_DATABASE_URL in the shell must not point the server elsewhere).
const RAPPORT_ENV: [&str; 9] = [
    "RAPPORT_DATA_DIR",
    "RAPPORT_DATABASE_URL",
    "RAPPORT_KEY_FILE",
    "RAPPORT_KEYS",
    "RAPPORT_BIND",
    "RAPPORT_BASE_URL",
    "RAPPORT_LOG",
    "RAPPORT_CLIENT_IDLE_MINUTES",
    "RAPPORT_CRISIS_FILE",
];

pub(crate) fn rapport_command(rapport: &Path) -> Command {
    let mut cmd = Command::new(rapport);
    for v in RAPPORT_ENV {
        cmd.env_remove(v);
    }
    cmd
}

/// `rapport seed` into `data`; its output when it fails.
pub fn seed(rapport: &Path, data: &Path, clients: u32, clinicians: u32, days: u32) -> Result<()> {
    seed_with(rapport, data, clients, clinicians, days, &[])
}

/// `rapport seed` with environment variables for it (`RAPPORT_DATABASE_URL`, say).
pub fn seed_with(
    rapport: &Path,
    data: &Path,
    clients: u32,
    clinicians: u32,
    days: u32,
    env: &[(String, String)],
) -> Result<()> {
    let out = rapport_command(rapport)
        .args(["seed", "--data"])
        .arg(data)
        .args([
            "--clients",
            &clients.to_string(),
            "--clinicians",
            &clinicians.to_string(),
            "--days",
            &days.to_string(),
        ])
        .env("RAPPORT_LOG", "warn")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", rapport.display()))?;
    if !out.status.success() {
        bail!(
            "rapport seed failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// `rapport seed --clients 0 --therapists N` into `data`: a directory alone.
pub fn seed_therapists(rapport: &Path, data: &Path, therapists: u32) -> Result<()> {
    let out = rapport_command(rapport)
        .args([
            "seed",
            "--clients",
            "0",
            "--therapists",
            &therapists.to_string(),
            "--data",
        ])
        .arg(data)
        .env("RAPPORT_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", rapport.display()))?;
    if !out.status.success() {
        bail!(
            "rapport seed --therapists failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

impl Server {
    /// Starts `rapport serve` on `data` and waits until it answers; its output goes to a file
    /// in `log_dir`.
    pub async fn start(
        rapport: &Path,
        data: &Path,
        log_dir: &Path,
        env: &[(String, String)],
    ) -> Result<Server> {
        let addr = free_port()?;
        let log = log_dir.join("rapport-serve.log");
        let out = File::create(&log).with_context(|| format!("cannot create {}", log.display()))?;
        let err = out.try_clone()?;
        let started = clock::now();
        let child = rapport_command(rapport)
            .args(["serve", "--data"])
            .arg(data)
            .args(["--bind", &addr.to_string()])
            .env("RAPPORT_LOG", "warn")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("cannot start {}", rapport.display()))?;
        let mut server = Server {
            child,
            addr,
            startup: Duration::ZERO,
            log,
        };
        loop {
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "rapport serve exited before serving ({status}):\n{}",
                    server.log_tail()
                );
            }
            if started.elapsed() > Duration::from_secs(120) {
                bail!(
                    "rapport serve did not answer /healthz within 120 s:\n{}",
                    server.log_tail()
                );
            }
            let mut conn = Conn::new(addr)?;
            if let Ok(r) = conn.get("/healthz", None).await
                && r.status == 200
            {
                server.startup = started.elapsed();
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The end of the server's log, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// Warnings and errors the server logged (it runs with `RAPPORT_LOG=warn`).
    pub fn log_lines(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    /// CPU time (user + system) the server has used.
    pub fn cpu_time(&self) -> Result<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))?;
        // Fields after the command name (which may hold spaces) in parentheses.
        let after = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest)
            .ok_or_else(|| anyhow!("unexpected /proc/PID/stat"))?;
        let fields: Vec<&str> = after.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
        let ticks: u64 = [11, 12]
            .iter()
            .map(|&i| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<u64>().ok())
                    .unwrap_or(0)
            })
            .sum();
        // USER_HZ is 100 on Linux.
        Ok(Duration::from_millis(ticks * 10))
    }

    /// Waits until the server is idle (its start-up housekeeping done): less than 5 % of a
    /// core used over half a second. Gives up after `limit`.
    pub async fn settle(&self, limit: Duration) -> Result<Duration> {
        let started = clock::now();
        let mut last = self.cpu_time()?;
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let cpu = self.cpu_time()?;
            if cpu.saturating_sub(last) <= Duration::from_millis(25) || started.elapsed() > limit {
                return Ok(started.elapsed());
            }
            last = cpu;
        }
    }

    /// `VmHWM` and `VmRSS` from /proc/PID/status, in bytes.
    pub fn memory(&self) -> Result<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        let field = |name: &str| -> u64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kb| kb.parse::<u64>().ok())
                .map_or(0, |kb| kb * 1024)
        };
        Ok((field("VmHWM:"), field("VmRSS:")))
    }

    /// `RssAnon`, `RssFile`, `RssShmem` (bytes) and `Threads` from /proc/PID/status: what the
    /// resident memory is made of.
    pub fn memory_detail(&self) -> Result<(u64, u64, u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        let field = |name: &str| -> u64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        };
        Ok((
            field("RssAnon:") * 1024,
            field("RssFile:") * 1024,
            field("RssShmem:") * 1024,
            field("Threads:"),
        ))
    }

    /// Starts the peak (`VmHWM`) afresh from the current RSS, so the peak read later is the
    /// peak of what follows. False when the kernel refused.
    pub fn reset_peak_memory(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5").is_ok()
    }

    /// SIGKILL at once (a crash: no shutdown, no flush), and waits for the process to go.
    pub fn kill(mut self) -> Result<()> {
        self.child.kill().context("cannot SIGKILL rapport serve")?;
        self.child.wait().context("rapport serve did not end")?;
        Ok(())
    }

    /// SIGTERM, then waits for the requests in flight to finish and the process to exit.
    pub async fn stop(mut self) -> Result<()> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status();
        let started = clock::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                if !status.success() {
                    bail!("rapport serve exited with {status}:\n{}", self.log_tail());
                }
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                let _ = self.child.wait();
                bail!("rapport serve did not stop within 20 s of SIGTERM; killed");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Server {
    /// On an early return the server must not outlive the tool.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
