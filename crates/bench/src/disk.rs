//! `rapport-bench --disk-full`: a full disk and a read-only database (issue 18, item 1). The
//! data directory lives on a small tmpfs of its own (mounted here; this needs root), the
//! server runs on it, a client writes. Then a filler file takes the rest of the space and the
//! client goes on writing until the database refuses: the answer must be a clear 503 that
//! says nothing was saved, reads that write nothing must go on (a read of a client's record
//! may be refused the same way: its audit event must be written first), the database must pass `PRAGMA integrity_check`
//! and `rapport audit verify`, and once the filler is gone the next write must succeed with
//! no restart. Then the tmpfs is remounted read-only: writes get a clear 503, reads go on,
//! and writes succeed again once it is writable.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::clock;
use crate::crash::{self, Setup};
use crate::http::Conn;
use crate::ledger::{self, Answer, Check, Kind, Write, Writer};
use crate::server::Server;

/// The tmpfs's size: room for the schema and a few hundred writes.
const TMPFS_SIZE: &str = "16m";

/// What the integrity check says on PostgreSQL, which has no `PRAGMA integrity_check`.
const NOT_SQLITE: &str = "not applicable (PostgreSQL)";

pub struct Phase {
    pub name: &'static str,
    /// Writes acknowledged before the refusal.
    pub acked_before: u32,
    /// The first refusal: status and the message shown.
    pub refusal: Option<(u16, String)>,
    /// Reads while refusing: (what, status).
    pub reads: Vec<(String, u16)>,
    pub integrity: String,
    pub audit: std::result::Result<String, String>,
    /// A write succeeded once space (or writing) came back, without a restart.
    pub back: bool,
    /// Reads of a client's record may be refused with a 503: each is recorded in the audit
    /// log before it is shown, and the database takes no write (read-only) or has no room
    /// for it (full).
    pub audited_reads_refused: bool,
}

pub struct Outcome {
    pub phases: Vec<Phase>,
    pub check: Check,
    /// Why the read-only phase could not run.
    pub read_only_skipped: Option<String>,
}

impl Phase {
    pub fn passed(&self) -> bool {
        self.refusal
            .as_ref()
            .is_some_and(|(s, m)| *s == 503 && m.contains("nothing was saved"))
            && self.reads.iter().all(|(path, s)| {
                *s == 200 || (self.audited_reads_refused && *s == 503 && path.contains("/clients/"))
            })
            && (self.integrity == "ok" || self.integrity == NOT_SQLITE)
            && self.audit.is_ok()
            && self.back
    }
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.phases.iter().all(Phase::passed)
            && self.check.lost == 0
            && self.check.half_present == 0
            && self.check.uncertain_present == 0
    }
}

/// A tmpfs mounted on `at` for the run, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path) -> Result<Mount> {
        std::fs::create_dir_all(at)?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={TMPFS_SIZE}"), "tmpfs"])
            .arg(at)
            .stdin(Stdio::null())
            .output()
            .context("cannot run mount")?;
        if !out.status.success() {
            bail!(
                "cannot mount a tmpfs on {} (this run needs root): {}",
                at.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(Mount(at.to_path_buf()))
    }

    fn remount(&self, options: &str) -> Result<()> {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .stdin(Stdio::null())
            .output()
            .context("cannot run mount")?;
        if !out.status.success() {
            bail!(
                "remount {options}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the file system of `path` to the last byte.
fn fill(path: &Path) -> Result<()> {
    let mut f = std::fs::File::create(path)?;
    let block = vec![0u8; 64 * 1024];
    loop {
        if f.write_all(&block).is_err() {
            break;
        }
    }
    let small = [0u8; 512];
    while f.write_all(&small).is_ok() {}
    let _ = f.sync_all();
    Ok(())
}

/// Writes PHQ-9s until one is refused (at most `limit`); the number acknowledged before it
/// and the refusal.
async fn write_until_refused(
    conn: &mut Conn,
    w: &mut Writer,
    tag: &str,
    limit: u32,
) -> Result<(u32, Option<(u16, String)>)> {
    let mut acked = 0;
    for i in 0..limit {
        let key = format!("{tag}-{i}");
        let kind = Kind::Phq9 {
            item9: i64::from(i % 4),
        };
        let auth = format!("Bearer {}", w.token);
        let body = serde_json::json!({"instrument": "phq9",
            "answers": [1, 2, 1, 0, 1, 1, 0, 1, i % 4]})
        .to_string();
        let r = conn
            .request(
                "POST",
                "/api/v1/measures",
                &[("Authorization", &auth), ("Idempotency-Key", &key)],
                Some(("application/json", body.as_bytes())),
            )
            .await?;
        let answer = if r.status == 201 {
            let v: serde_json::Value = serde_json::from_slice(&r.body)?;
            Answer::Acked(v["id"].as_str().unwrap_or_default().to_string())
        } else {
            Answer::Refused(r.status)
        };
        let must = matches!(answer, Answer::Acked(_));
        w.writes.push(Write {
            kind,
            key,
            answer,
            must,
        });
        if !must {
            let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
            let message = v["error"]["message"].as_str().unwrap_or_default();
            return Ok((acked, Some((r.status, message.to_string()))));
        }
        acked += 1;
    }
    Ok((acked, None))
}

async fn reads(conn: &mut Conn, w: &Writer) -> Result<Vec<(String, u16)>> {
    let mut out = Vec::new();
    for path in [
        "/healthz".to_string(),
        "/api/v1/me".to_string(),
        format!("/api/v1/clients/{}/measures", w.id),
        format!("/api/v1/clients/{}/safety-plan", w.id),
    ] {
        let r = conn.get_bearer(&path, &w.token).await?;
        // No plan yet is a good answer too.
        let status = if r.status == 404 && path.ends_with("safety-plan") {
            200
        } else {
            r.status
        };
        out.push((path, status));
    }
    Ok(out)
}

async fn integrity(setup: &Setup<'_>) -> Result<String> {
    let db = setup.open().await?;
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await;
    db.close().await?;
    Ok(match row? {
        Some(r) => r.try_get_by_index::<String>(0)?,
        None => "no answer".into(),
    })
}

pub async fn run(rapport: &Path, dir: &Path) -> Result<Outcome> {
    let mount = Mount::tmpfs(&dir.join("fs"))?;
    let data = mount.0.join("data");
    let setup = Setup {
        rapport,
        data: &data,
        database_url: None,
        writers: 1,
    };
    let server = Server::start(rapport, &data, dir, &[]).await?;
    let tag = clock::utc_now().timestamp_millis().to_string();
    let mut people = crash::new_writers(server.addr, 1, &tag).await?;
    let mut conn = Conn::new(server.addr)?;
    let mut phases = Vec::new();

    // The full disk.
    let filler = mount.0.join("filler");
    {
        let w = people.first_mut().context("no writer")?;
        let (warm, _) = write_until_refused(&mut conn, w, &format!("{tag}-warm"), 20).await?;
        fill(&filler)?;
        let (acked_before, refusal) =
            write_until_refused(&mut conn, w, &format!("{tag}-full"), 2000).await?;
        let reads = reads(&mut conn, w).await?;
        let integrity = integrity(&setup)
            .await
            .unwrap_or_else(|e| format!("cannot check: {e:#}"));
        let audit = crash::audit_verify(&setup)?;
        std::fs::remove_file(&filler)?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (again, _) = write_until_refused(&mut conn, w, &format!("{tag}-back"), 3).await?;
        phases.push(Phase {
            name: "full disk",
            acked_before: acked_before + warm,
            refusal,
            reads,
            integrity,
            audit,
            back: again == 3,
            // The audit event of a read of a client's record needs room too: whether it
            // still fits where a refused write left off is a matter of pages.
            audited_reads_refused: true,
        });
    }

    // The read-only database.
    // The kernel refuses while the server holds its files open for writing.
    let skipped = mount.remount("ro").err().map(|e| format!("{e:#}"));
    if skipped.is_none() {
        let w = people.first_mut().context("no writer")?;
        let (acked_before, refusal) =
            write_until_refused(&mut conn, w, &format!("{tag}-ro"), 5).await?;
        let reads = reads(&mut conn, w).await?;
        mount.remount("rw")?;
        // Checked once writable again: a new connection to a WAL database needs to write
        // its shared-memory file.
        let integrity = integrity(&setup)
            .await
            .unwrap_or_else(|e| format!("cannot check: {e:#}"));
        let audit = crash::audit_verify(&setup)?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (again, _) = write_until_refused(&mut conn, w, &format!("{tag}-rw"), 3).await?;
        phases.push(Phase {
            name: "read-only",
            acked_before,
            refusal,
            reads,
            integrity,
            audit,
            back: again == 3,
            audited_reads_refused: true,
        });
    }

    let db = setup.open().await?;
    let check = ledger::check(&db, server.addr, &mut people).await;
    db.close().await?;
    server.stop().await?;
    drop(mount);
    Ok(Outcome {
        phases,
        check: check?,
        read_only_skipped: skipped,
    })
}

/// The read-only database on PostgreSQL: the run's own cluster is switched to
/// `default_transaction_read_only` (as a standby or a database an operator froze would be) by
/// `ALTER SYSTEM` and a reload, which every open connection of the server takes at its next
/// transaction. Writes must get a clear 503, reads that record no audit event go on, nothing
/// half-written stays, and writes succeed again once the setting is reset, with no restart.
/// The database at `database_url` must be a throwaway one: the setting is cluster-wide.
pub async fn run_pg_read_only(rapport: &Path, dir: &Path, database_url: &str) -> Result<Outcome> {
    let data = dir.join("data");
    let setup = Setup {
        rapport,
        data: &data,
        database_url: Some(database_url.to_string()),
        writers: 1,
    };
    let server = Server::start(rapport, &data, dir, &setup.env()).await?;
    let tag = clock::utc_now().timestamp_millis().to_string();
    let mut people = crash::new_writers(server.addr, 1, &tag).await?;
    let mut conn = Conn::new(server.addr)?;
    // This connection says `SET default_transaction_read_only = off` for itself, so that it
    // can undo the cluster-wide setting.
    let admin = setup.open().await?;
    let sql = |text: &str| Statement::from_string(DbBackend::Postgres, text.to_string());
    admin
        .conn()
        .execute_raw(sql("SET default_transaction_read_only = off"))
        .await?;
    let set_read_only = |on: bool| {
        let admin = &admin;
        async move {
            let change = if on {
                "ALTER SYSTEM SET default_transaction_read_only = on"
            } else {
                "ALTER SYSTEM RESET default_transaction_read_only"
            };
            admin.conn().execute_raw(sql(change)).await?;
            admin
                .conn()
                .execute_raw(sql("SELECT pg_reload_conf()"))
                .await?;
            // Backends take a reload at their next command; give them a moment.
            tokio::time::sleep(Duration::from_millis(300)).await;
            anyhow::Ok(())
        }
    };
    let w = people.first_mut().context("no writer")?;
    let (warm, _) = write_until_refused(&mut conn, w, &format!("{tag}-warm"), 20).await?;
    set_read_only(true).await?;
    let result = async {
        let (acked_before, refusal) =
            write_until_refused(&mut conn, w, &format!("{tag}-ro"), 5).await?;
        let reads = reads(&mut conn, w).await?;
        anyhow::Ok((acked_before, refusal, reads))
    }
    .await;
    // Writable again whatever happened above: the cluster must not stay read-only.
    set_read_only(false).await?;
    let (acked_before, refusal, reads) = result?;
    let audit = crash::audit_verify(&setup)?;
    let (again, _) = write_until_refused(&mut conn, w, &format!("{tag}-rw"), 3).await?;
    let phases = vec![Phase {
        name: "read-only (PostgreSQL)",
        acked_before: acked_before + warm,
        refusal,
        reads,
        integrity: NOT_SQLITE.into(),
        audit,
        back: again == 3,
        audited_reads_refused: true,
    }];
    let check = ledger::check(&admin, server.addr, &mut people).await;
    admin.close().await?;
    server.stop().await?;
    Ok(Outcome {
        phases,
        check: check?,
        read_only_skipped: None,
    })
}
