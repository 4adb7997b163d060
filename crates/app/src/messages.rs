//! Every user-facing sentence the use-cases produce, in one place for translation.

pub const EMAIL_TAKEN: &str =
    "An account with this e-mail address already exists. Sign in instead, or reset your password.";
pub const WRONG_CURRENT_PASSWORD: &str = "That is not your current password.";
pub const TOTP_WRONG: &str =
    "That code did not match. Check the time on your phone and try the newest code.";
pub const ALREADY_ON_TEAM: &str = "This clinician is already on the client's care team.";
pub const NOT_A_CLIENT: &str = "Choose a client account.";
pub const NOT_A_CLINICIAN: &str = "Choose a clinician account.";
pub const ROLE_NOT_CREATABLE: &str =
    "Administrators create clinician and administrator accounts; clients sign up themselves.";
