//! The pure domain of Rapport: no I/O, no async, no clock. Time comes in as a parameter.

pub mod accounts;
pub mod alerts;
pub mod episodes;
pub mod error;
pub mod fhir;
pub mod goals;
pub mod learning;
pub mod measures;
pub mod outcomes;
pub mod plans;

pub use error::{Error, Result};
