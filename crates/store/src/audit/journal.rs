//! Group commit for the audit events of reads. A read of a client's record must leave a
//! durable audit event before its data is shown, but a commit per read would queue every
//! page behind SQLite's one writer and pay a disk flush each. Instead the events of reads
//! arriving together are appended in one transaction: whoever finds no batch in flight
//! writes everyone's pending events, and each caller returns once its own are committed.

use std::sync::{Arc, Mutex as SyncMutex, MutexGuard};

use tokio::sync::{Mutex, oneshot};

use super::{NewEvent, append_many};
use crate::{Db, Error, Result, Unwritable};

/// Events waiting for the next batch, each with whom to tell when it is committed.
#[derive(Default)]
pub(crate) struct Journal {
    pending: SyncMutex<Vec<Waiting>>,
    /// Held by the batch in flight.
    writer: Arc<Mutex<()>>,
}

/// How a batch failed: its error in words, and whether it was the storage refusing writes (so
/// that every caller, not only the one who ran the batch, can say so).
type Failed = (String, Option<Unwritable>);

struct Waiting {
    events: Vec<NewEvent>,
    done: oneshot::Sender<std::result::Result<(), Failed>>,
}

impl Journal {
    fn pending(&self) -> MutexGuard<'_, Vec<Waiting>> {
        // A panic while holding this lock cannot leave the list half-changed: push and take
        // are single steps. So a poisoned lock is still good.
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn settled(
    r: std::result::Result<std::result::Result<(), Failed>, oneshot::error::RecvError>,
) -> Result<()> {
    match r {
        Ok(Ok(())) => Ok(()),
        Ok(Err((_, Some(why)))) => Err(Error::Unwritable(why)),
        Ok(Err((e, None))) => Err(Error::Audit(e)),
        Err(_) => Err(Error::Audit(
            "the audit batch ended without an answer".into(),
        )),
    }
}

impl Db {
    /// Appends events to the audit chain and returns once they are committed (durably, as any
    /// write), sharing the commit with other callers' events. The caller must not hold a
    /// `WriteTx` (on SQLite the batch needs the write lock).
    pub async fn journal(&self, events: Vec<NewEvent>) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let (done, mut answer) = oneshot::channel();
        self.journal.pending().push(Waiting { events, done });
        let writer = tokio::select! {
            r = &mut answer => return settled(r),
            w = self.journal.writer.clone().lock_owned() => w,
        };
        if let Ok(r) = answer.try_recv() {
            return settled(Ok(r));
        }
        let batch = std::mem::take(&mut *self.journal.pending());
        // The batch runs on its own task so that a caller who goes away (a closed connection
        // drops its request) cannot leave the others without an answer.
        let db = self.clone();
        tokio::spawn(async move {
            let _writer = writer;
            let mut waiting = Vec::with_capacity(batch.len());
            let mut events = Vec::new();
            for w in batch {
                events.extend(w.events);
                waiting.push(w.done);
            }
            let r = db
                .write_events(events)
                .await
                .map_err(|e| (e.to_string(), e.unwritable()));
            for done in waiting {
                // A caller who went away no longer listens; nothing to tell them.
                let _ = done.send(r.clone());
            }
        });
        settled(answer.await)
    }

    async fn write_events(&self, events: Vec<NewEvent>) -> Result<()> {
        let tx = self.write().await?;
        append_many(&tx, events).await?;
        tx.commit().await
    }
}
