//! `rapport-bench --backup-run`: backups that restore (issue 18, item 7). Clients write at
//! once against a real server; while they do, a backup is taken (`rapport backup`, or
//! `pg_dump -Fc` on PostgreSQL); the writes go on a moment longer. The backup is restored
//! into a new data directory (the key file copied beside it; `pg_restore` into an empty
//! database on PostgreSQL), a server is started on it, and every write acknowledged before
//! the backup began must be there whole, no write half there, the audit chain intact, and the
//! restored server must take a new write.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::clock;
use crate::crash::{self, Setup};
use crate::http::Conn;
use crate::ledger::{self, Answer, Check, Kind};
use crate::server::Server;

pub struct Outcome {
    pub backend: &'static str,
    pub writes: u64,
    /// Acknowledged before the backup began.
    pub before: u64,
    pub check: Check,
    pub audit: std::result::Result<String, String>,
    pub backup_ms: f64,
    pub backup_bytes: u64,
    pub new_write: bool,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.check.lost == 0
            && self.check.half_present == 0
            && self.audit.is_ok()
            && self.new_write
            && self.before > 0
    }
}

fn run_tool(cmd: &mut Command, what: &str) -> Result<()> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// Takes the backup of `setup` into `file`.
fn take(setup: &Setup<'_>, file: &Path) -> Result<()> {
    match &setup.database_url {
        None => run_tool(
            Command::new(setup.rapport)
                .env_remove("RAPPORT_DATABASE_URL")
                .args(["backup", "--data"])
                .arg(setup.data)
                .arg("--to")
                .arg(file),
            "rapport backup",
        ),
        Some(url) => run_tool(
            Command::new("pg_dump")
                .args(["-Fc", "--no-owner", "-d", url, "-f"])
                .arg(file),
            "pg_dump",
        ),
    }
}

/// Restores `file` into `to` (a new data directory) and, on PostgreSQL, `restore_url`.
fn restore(setup: &Setup<'_>, file: &Path, to: &Path, restore_url: Option<&str>) -> Result<()> {
    std::fs::create_dir_all(to)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700))?;
    }
    std::fs::copy(setup.data.join("rapport.key"), to.join("rapport.key"))
        .context("cannot copy the key file")?;
    match (&setup.database_url, restore_url) {
        (None, _) => {
            std::fs::copy(file, to.join("rapport.db")).context("cannot copy the backup")?;
            Ok(())
        }
        (Some(_), Some(url)) => run_tool(
            Command::new("pg_restore")
                .args(["--no-owner", "--exit-on-error", "-d", url])
                .arg(file),
            "pg_restore",
        ),
        (Some(_), None) => bail!("--backup-run on PostgreSQL needs --restore-url"),
    }
}

pub async fn run(
    rapport: &Path,
    dir: &Path,
    database_url: Option<String>,
    restore_url: Option<String>,
    writers: usize,
) -> Result<Outcome> {
    let data = dir.join("data");
    let setup = Setup {
        rapport,
        data: &data,
        database_url: database_url.clone(),
        writers,
    };
    let server = Server::start(rapport, &data, dir, &setup.env()).await?;
    let tag = clock::utc_now().timestamp_millis().to_string();
    let people = crash::new_writers(server.addr, writers, &tag).await?;
    let order: Vec<uuid::Uuid> = people.iter().map(|w| w.id).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let cut = Arc::new(AtomicBool::new(false));
    let tasks = crash::spawn_writers(server.addr, people, &tag, &stop, Some(&cut));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let file: PathBuf = dir.join("backup.file");
    cut.store(true, Ordering::SeqCst);
    let t0 = clock::now();
    let taken = take(&setup, &file);
    let backup_ms = t0.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::SeqCst);
    let mut people = crash::join_writers(tasks, &order).await?;
    server.stop().await?;
    taken?;
    let backup_bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);

    let restored = dir.join("restored");
    restore(&setup, &file, &restored, restore_url.as_deref())?;
    let rsetup = Setup {
        rapport,
        data: &restored,
        database_url: restore_url.clone(),
        writers,
    };
    let server = Server::start(rapport, &restored, dir, &rsetup.env())
        .await
        .context("no server on the restored backup")?;
    let db = rsetup.open().await?;
    let check = ledger::check(&db, server.addr, &mut people).await;
    db.close().await?;
    let check = check?;
    let audit = crash::audit_verify(&rsetup)?;
    // The restored server takes a new write.
    let mut conn = Conn::new(server.addr)?;
    let new_write = match people.first() {
        Some(w) => matches!(
            ledger::send(
                &mut conn,
                w,
                &Kind::Phq9 { item9: 0 },
                &format!("after-restore-{tag}")
            )
            .await,
            Answer::Acked(_)
        ),
        None => false,
    };
    server.stop().await?;
    let writes = people.iter().map(|w| w.writes.len() as u64).sum();
    let before = people
        .iter()
        .flat_map(|w| &w.writes)
        .filter(|w| w.must)
        .count() as u64;
    Ok(Outcome {
        backend: if database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        writes,
        before,
        check,
        audit,
        backup_ms,
        backup_bytes,
        new_write,
    })
}
