//! Group commit on SQLite (issue 19). SQLite has one writer, and with `synchronous=FULL`
//! every commit waits for its own flush of the write-ahead log while the next writer waits
//! for the lock: one flush per write, one after the other.
//!
//! Rapport's write transactions run on a connection of their own with `synchronous=NORMAL`
//! instead: a commit appends to the log without flushing it, and the writer lets go of the
//! write lock at once. Then, before its use-case answers, it waits in [`WalSync::durable`]
//! until the log has been flushed (`fdatasync`) after its commit — by a flush it runs itself,
//! or by one another writer started after that commit. Writers arriving together share one
//! flush, the way PostgreSQL flushes its WAL for every transaction waiting on it, and the next
//! transaction runs while the disk writes. An acknowledged write is on disk exactly as with
//! `synchronous=FULL`: the log is flushed after its commit and before the answer.
//!
//! SQLite itself flushes the log before every checkpoint and the database file after it
//! (`synchronous=NORMAL` in WAL mode), so a commit copied into the database file meanwhile is
//! on disk too. What changes is only when others can see a commit: from its COMMIT on, a
//! flush before it is on disk (a reader may see a write that a power cut within that flush
//! would take back; the writer itself is not answered until it is on disk).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::Result;

/// The flushes of one SQLite database's write-ahead log.
#[derive(Debug)]
pub(crate) struct WalSync {
    db: PathBuf,
    wal: PathBuf,
    /// Commits made on the writer connection so far (each commit's place in line).
    committed: AtomicU64,
    /// The last commit known to be on disk; held while a flush runs, so that one runs at a
    /// time and those waiting behind it find out whether it covered them.
    synced: tokio::sync::Mutex<u64>,
    /// Flushes run (for the benchmarks and the tests).
    flushes: AtomicU64,
    /// The log file last flushed (its inode): a new file is made durable in its folder too.
    wal_inode: Mutex<Option<u64>>,
}

impl WalSync {
    pub fn new(db: &Path) -> WalSync {
        let mut wal = db.as_os_str().to_os_string();
        wal.push("-wal");
        WalSync {
            db: db.to_path_buf(),
            wal: PathBuf::from(wal),
            committed: AtomicU64::new(0),
            synced: tokio::sync::Mutex::new(0),
            flushes: AtomicU64::new(0),
            wal_inode: Mutex::new(None),
        }
    }

    /// Takes the place in line of a commit that has just returned (called while the write
    /// lock is still held, so that places follow the order of the commits).
    pub fn committed(&self) -> u64 {
        self.committed.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Returns once commit `ticket` is on disk.
    pub async fn durable(&self, ticket: u64) -> Result<()> {
        let mut synced = self.synced.lock().await;
        if *synced >= ticket {
            return Ok(());
        }
        // Every commit up to here has returned: one flush from now on covers them all.
        let upto = self.committed.load(Ordering::SeqCst);
        let (db, wal) = (self.db.clone(), self.wal.clone());
        let inode = tokio::task::spawn_blocking(move || flush(&db, &wal))
            .await
            .map_err(|e| io::Error::other(format!("the log flush stopped: {e}")))??;
        self.flushes.fetch_add(1, Ordering::Relaxed);
        if let Some(inode) = inode {
            let known = {
                let mut seen = self.wal_inode.lock().unwrap_or_else(|p| p.into_inner());
                seen.replace(inode) == Some(inode)
            };
            if !known {
                let db = self.db.clone();
                tokio::task::spawn_blocking(move || flush_folder(&db))
                    .await
                    .map_err(|e| io::Error::other(format!("the folder flush stopped: {e}")))??;
            }
        }
        *synced = upto;
        Ok(())
    }

    pub fn flushes(&self) -> u64 {
        self.flushes.load(Ordering::Relaxed)
    }

    pub fn commits(&self) -> u64 {
        self.committed.load(Ordering::Relaxed)
    }
}

/// Flushes the log (its inode is returned), or the database file when there is no log (a
/// checkpoint that truncated it had flushed the database file first; flushing it again
/// costs little and proves it).
fn flush(db: &Path, wal: &Path) -> io::Result<Option<u64>> {
    match std::fs::File::open(wal) {
        Ok(file) => {
            file.sync_data()?;
            Ok(Some(inode(&file)?))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::File::open(db)?.sync_data()?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn inode(file: &std::fs::File) -> io::Result<u64> {
    use std::os::unix::fs::MetadataExt;
    Ok(file.metadata()?.ino())
}

#[cfg(not(unix))]
fn inode(_: &std::fs::File) -> io::Result<u64> {
    Ok(0)
}

/// Makes a new log file's entry in its folder durable.
fn flush_folder(db: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = db;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn writers_waiting_together_share_flushes_and_each_is_covered() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("rapport.db");
        std::fs::write(&db, b"db").unwrap();
        std::fs::write(dir.path().join("rapport.db-wal"), b"log").unwrap();
        let sync = Arc::new(WalSync::new(&db));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..64 {
            let sync = sync.clone();
            tasks.spawn(async move {
                let ticket = sync.committed();
                sync.durable(ticket).await.unwrap();
                // Returned only once a flush that started after this commit has ended.
                assert!(*sync.synced.lock().await >= ticket);
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
        assert_eq!(sync.commits(), 64);
        assert!(
            sync.flushes() >= 1 && sync.flushes() <= 64,
            "{}",
            sync.flushes()
        );
        // A commit after every flush so far still gets one of its own.
        let before = sync.flushes();
        let ticket = sync.committed();
        sync.durable(ticket).await.unwrap();
        assert_eq!(sync.flushes(), before + 1);
    }

    #[tokio::test]
    async fn without_a_log_the_database_file_is_flushed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("rapport.db");
        std::fs::write(&db, b"db").unwrap();
        let sync = WalSync::new(&db);
        let ticket = sync.committed();
        sync.durable(ticket).await.unwrap();
        assert_eq!(sync.flushes(), 1);
        // Neither file there: the error is told, not swallowed.
        std::fs::remove_file(&db).unwrap();
        let ticket = sync.committed();
        assert!(sync.durable(ticket).await.is_err());
    }
}
