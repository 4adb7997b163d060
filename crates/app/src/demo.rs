//! What the rest of the program knows of a demo instance (the demo practice itself is the
//! `rapport-demo` crate): the one password of its accounts, which its sign-in page shows.
//! Whether an instance is a demo is [`crate::Config::demo`].

/// The password of every demo account (printed by `rapport demo`, shown on its sign-in page).
pub const DEMO_PASSWORD: &str = "demo-password-2026";
