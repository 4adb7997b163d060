//! Field encryption: free text about clients is sealed with XChaCha20-Poly1305 before it
//! reaches the database. The associated data binds table, column and row id, so a value
//! copied to another row or column does not open. Each value names the key that sealed it,
//! so keys rotate without downtime.

mod keyring;
mod rotate;

pub use keyring::Keyring;
pub use rotate::{ENCRYPTED_COLUMNS, EncryptedColumn, RotationReport, reseal_all};
