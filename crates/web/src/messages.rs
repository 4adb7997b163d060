//! Every sentence the HTTP face shows that is not in a template, in one place.

pub const BAD_CREDENTIALS: &str = "E-mail address or password is not right.";
pub const THROTTLED: &str = "Too many attempts. For your safety, wait a little and try again.";
pub const FORBIDDEN: &str = "You do not have access to this page.";
pub const NOT_FOUND: &str = "We could not find that page.";
pub const INTERNAL: &str =
    "Something went wrong on our side. Nothing you entered was lost; please try again.";
pub const DISK_FULL: &str = "The server's disk is full; nothing was saved. Try again later.";
pub const READ_ONLY: &str =
    "The server's database cannot be written to just now; nothing was saved. Try again later.";
/// A read refused because its audit event could not be recorded.
pub const CANNOT_RECORD_OPENING: &str = "Records cannot be opened just now: every opening is recorded first, and the server's database cannot be written to. Try again later.";
pub const SIGNED_OUT: &str = "Please sign in to continue.";
pub const CSRF: &str = "This form has expired. Go back, reload the page and send it again.";
pub const CONSENT_REQUIRED: &str =
    "Tick the box to agree, so we can keep your information safe for your care.";
pub const PASSWORD_CHANGED: &str = "Your password is changed. You are signed out everywhere else.";
pub const CONTACT_SAVED: &str = "Saved.";
pub const USER_CREATED: &str =
    "Account created. They sign in with the password you set and then set up two-step sign-in.";
pub const ASSIGNED: &str = "Added to the care team.";
pub const TOTP_ON: &str = "Two-step sign-in is on.";
pub const SIGNED_OUT_DONE: &str = "You are signed out.";
pub const INVALID: &str =
    "Something in the request was not right. Go back, check what you entered and try again.";
pub const CHECKIN_SAVED: &str = "Check-in saved. Thank you.";

pub const TRIAGE_SAVED: &str = "Triage duty saved.";
pub const ACCOUNT_DISABLED: &str = "Account disabled. It was signed out everywhere at once, its API tokens no longer work, and its calendar feeds are stopped.";
pub const ACCOUNT_ENABLED: &str =
    "Account enabled. The person signs in again with their password (and code, for staff).";
pub const MEMBERSHIP_ENDED: &str =
    "Taken off the care team. The clinician can no longer open this client's record.";
pub const CHOOSE_ACCOUNT: &str = "Choose an account.";
pub const THROTTLED_STAFF_CODE: &str = "Clinicians and administrators need not wait: enter your password and the code from your authenticator app together.";
// Notification settings (issue 16).
pub const NOTIFICATION_SETTINGS_SAVED: &str = "Your notification settings are saved.";
pub const DAILY_LIMIT_NUMBER: &str = "Give a whole number from 0 to 10.";
// Languages (issue 21).
pub const LANGUAGE_SAVED: &str = "Your language is saved.";
