//! The store's half of the door to a client's record (`rapport_app::access` is the other).
//!
//! Repository functions for client-owned tables take a [`ClientTx`]: a borrowed transaction
//! and the one client it may reach. They use its client id in their `WHERE` clauses, so a
//! handle for one client cannot read or change another's rows. A `ClientTx` is made only by
//! [`grant`], and `grant` is called only by `rapport_app::access`, after the policy allowed
//! the actor's action on that client (a test in `rapport-testkit`, `tests/access.rs`, checks that
//! no other file calls it).

use sea_orm::DatabaseTransaction;
use uuid::Uuid;

use crate::Tx;
use crate::crypto::Keyring;

/// A transaction opened for one client's record. Write functions ask for
/// `ClientTx<'_, WriteTx>`, so a read scope cannot write.
pub struct ClientTx<'a, T: Tx> {
    tx: &'a T,
    client_id: Uuid,
}

impl<'a, T: Tx> ClientTx<'a, T> {
    pub fn conn(&self) -> &'a DatabaseTransaction {
        self.tx.conn()
    }

    pub fn keys(&self) -> &'a Keyring {
        self.tx.keys()
    }

    /// The client whose rows this handle reaches.
    pub fn client_id(&self) -> Uuid {
        self.client_id
    }

    /// The transaction itself (for what takes the whole transaction, such as a row lock).
    pub fn tx(&self) -> &'a T {
        self.tx
    }
}

/// Hands out a handle on `client_id`'s rows in `tx`. Only `rapport_app::access` calls this,
/// once the policy has allowed the action; everything else receives the handle from there.
pub fn grant<T: Tx>(tx: &T, client_id: Uuid) -> ClientTx<'_, T> {
    ClientTx { tx, client_id }
}
