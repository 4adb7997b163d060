//! The crash, backup and full-disk runs from the command line: their set-up and their report.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::Args;
use crate::backup;
use crate::crash::{self, Cluster, Setup};
use crate::disk;

/// The newest `pg_ctl` under /usr/lib/postgresql, else the one on PATH.
fn find_pg_ctl() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin/pg_ctl"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| PathBuf::from("pg_ctl"))
}

fn backend(args: &Args) -> &'static str {
    if args.database_url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

pub async fn crash(rapport: &Path, args: &Args, cycles: u32) -> Result<bool> {
    let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
    let setup = Setup {
        rapport,
        data: dir.path(),
        database_url: args.database_url.clone(),
        writers: args.concurrency.unwrap_or(4).max(1),
    };
    let cluster = args.pg_cluster.as_ref().map(|d| Cluster {
        dir: d.clone(),
        pg_ctl: args.pg_ctl.clone().unwrap_or_else(find_pg_ctl),
    });
    let seed = crate::clock::utc_now().timestamp_millis() as u64;
    println!(
        "CRASH {cycles} cycles on {}, {} writers{} (seed {seed}) …",
        backend(args),
        setup.writers,
        if cluster.is_some() {
            format!(
                ", the database server killed every {} cycles",
                args.kill_db_every
            )
        } else {
            String::new()
        }
    );
    let f = crash::run(&setup, cycles, cluster.as_ref(), args.kill_db_every, seed).await?;
    let acknowledged = f.check.acknowledged + f.check.lost;
    println!(
        "CRASH {} on {}: {} cycles ({} with the database server killed) in {:.0} s; {} writes sent, {} acknowledged, {} refused, {} unanswered ({} of them found whole, {} absent); lost {}, half-present {}; audit chain breaks {}",
        if f.passed() { "PASSED" } else { "FAILED" },
        backend(args),
        f.cycles,
        f.database_kills,
        f.seconds,
        f.sent,
        acknowledged,
        f.refused,
        f.unanswered,
        f.check.uncertain_present,
        f.check.uncertain_absent,
        f.check.lost,
        f.check.half_present,
        f.audit_failures,
    );
    Ok(f.passed() && f.cycles == cycles)
}

pub async fn backup(rapport: &Path, args: &Args) -> Result<bool> {
    let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
    let o = backup::run(
        rapport,
        dir.path(),
        args.database_url.clone(),
        args.restore_url.clone(),
        args.concurrency.unwrap_or(4).max(1),
    )
    .await?;
    println!(
        "BACKUP {} on {}: backup taken under load in {:.0} ms ({} bytes); {} writes, {} acknowledged before it began: {} of them restored whole, lost {}, half-present {}; later writes in the backup {} / not {}; audit on the restored copy: {}; a new write on the restored server: {}",
        if o.passed() { "PASSED" } else { "FAILED" },
        o.backend,
        o.backup_ms,
        o.backup_bytes,
        o.writes,
        o.before,
        o.check.acknowledged,
        o.check.lost,
        o.check.half_present,
        o.check.uncertain_present,
        o.check.uncertain_absent,
        match &o.audit {
            Ok(t) => t.clone(),
            Err(e) => format!("BROKEN: {e}"),
        },
        if o.new_write { "stored" } else { "REFUSED" },
    );
    for p in o.check.problems.iter().take(10) {
        println!("  {p}");
    }
    Ok(o.passed())
}

/// `--disk-full`: on SQLite the full disk and the read-only file system; with
/// `--database-url` the read-only PostgreSQL database.
pub async fn disk_full(rapport: &Path, args: &Args) -> Result<bool> {
    let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
    let o = match &args.database_url {
        Some(url) => disk::run_pg_read_only(rapport, dir.path(), url).await?,
        None => disk::run(rapport, dir.path()).await?,
    };
    for p in &o.phases {
        println!(
            "DISK {} {}: {} writes acknowledged, then {}; reads {}; integrity_check {}; audit {}; writes {} without a restart",
            p.name,
            if p.passed() { "PASSED" } else { "FAILED" },
            p.acked_before,
            match &p.refusal {
                Some((s, m)) => format!("{s} \"{m}\""),
                None => "NO REFUSAL".into(),
            },
            p.reads
                .iter()
                .map(|(path, s)| format!("{path} {s}"))
                .collect::<Vec<_>>()
                .join(", "),
            p.integrity,
            match &p.audit {
                Ok(_) => "intact".to_string(),
                Err(e) => format!("BROKEN: {e}"),
            },
            if p.back { "back" } else { "NOT back" },
        );
    }
    if let Some(why) = &o.read_only_skipped {
        println!("DISK read-only NOT RUN: {why}");
    }
    println!(
        "DISK ledger: {} acknowledged present, lost {}, half-present {}, refused but stored {}",
        o.check.acknowledged, o.check.lost, o.check.half_present, o.check.uncertain_present
    );
    for p in o.check.problems.iter().take(10) {
        println!("  {p}");
    }
    Ok(o.passed())
}
