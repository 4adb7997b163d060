//! People and their accounts: roles, credentials, e-mail addresses, passwords and names.

mod credentials;
mod email;
mod name;
mod password;
mod roles;

/// A clinician's licence: one list for accounts, care-team cards and the directory.
pub use crate::therapists::Credential;
pub use credentials::{Approach, CareTeamRole};
pub use email::Email;
pub use name::PersonName;
pub use password::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN, check_new_password};
pub use roles::Role;
