//! The pure domain of Rapport: no I/O, no async, no clock. Time comes in as a parameter.

pub mod accounts;
pub mod error;

pub use error::{Error, Result};
