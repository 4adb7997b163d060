//! Accounts: users, browser sessions, API tokens, clinician and client profiles.

pub mod api_tokens;
pub mod profiles;
pub mod search;
pub mod sessions;
pub mod users;
