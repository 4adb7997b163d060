//! The load tool measures time; the workspace keeps the clock to one place per crate, and
//! this is that place here.

use std::time::Instant;

use chrono::{DateTime, Utc};

/// Now, for measuring.
#[allow(clippy::disallowed_methods)]
pub fn now() -> Instant {
    Instant::now()
}

/// The wall clock, for authenticator codes and the caseload's "now".
#[allow(clippy::disallowed_methods)]
pub fn utc_now() -> DateTime<Utc> {
    Utc::now()
}
