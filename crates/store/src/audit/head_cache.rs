//! The audit chain's head as this process last wrote it, so that appending an event need not
//! read it first. It is only a guess: the head is moved with `UPDATE … WHERE seq = ? AND
//! hash = ?` on the guessed values, and when that changes no row (another process or server
//! appended, or the transaction that wrote the guess rolled back) the head is read as before.

use std::sync::Mutex;

/// The sequence number and hash of the newest event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub seq: i64,
    pub hash: String,
}

#[derive(Default)]
pub(crate) struct HeadCache(Mutex<Option<Head>>);

impl HeadCache {
    pub fn get(&self) -> Option<Head> {
        // Setting and reading are single steps, so a poisoned lock still holds a whole
        // value; and any value is safe, being only a guess the conditional update checks.
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set(&self, head: Option<Head>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = head;
    }
}
