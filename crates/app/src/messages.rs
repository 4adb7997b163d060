//! Every user-facing sentence the use-cases produce, in one place for translation.

pub const EMAIL_TAKEN: &str =
    "An account with this e-mail address already exists. Sign in instead, or reset your password.";
// Family access (issue 15).
pub const FAMILY_NO_SCOPE: &str = "Choose at least one thing they can see.";
pub const FAMILY_OWN_EMAIL: &str = "This is your own e-mail address. Use theirs.";
pub const FAMILY_UNKNOWN_LINK: &str =
    "This invitation link does not work. Check you copied all of it, or ask for a new link.";
pub const FAMILY_USED_LINK: &str =
    "This invitation link has been used already. Ask for a new link.";
pub const FAMILY_OTHER_EMAIL: &str = "This invitation was sent to a different e-mail address. Use the address it was sent to, or ask for a new link.";
pub const FAMILY_NOT_YOURS: &str = "This invitation was sent to a different e-mail address than the one you sign in with. Ask for a new link sent to your address.";
pub const FAMILY_EMAIL_TAKEN: &str = "An account with this e-mail address already exists. Sign in, then open the link again to accept.";
pub const FAMILY_ALREADY_LINKED: &str =
    "You can already see what this person shares with you. They can change what you see.";
pub const WRONG_CURRENT_PASSWORD: &str = "That is not your current password.";
pub const TOTP_WRONG: &str =
    "That code did not match. Check the time on your phone and try the newest code.";
pub const ALREADY_ON_TEAM: &str = "This clinician is already on the client's care team.";
pub const NOT_A_CLIENT: &str = "Choose a client account.";
pub const NOT_A_CLINICIAN: &str = "Choose a clinician account.";
pub const ROLE_NOT_CREATABLE: &str =
    "Administrators create clinician and administrator accounts; clients sign up themselves.";
pub const DISABLE_REASON_NEEDED: &str =
    "Say why (in a few words) the account is disabled; the reason goes to the audit log.";
pub const REASON_TOO_LONG: &str = "Keep the reason under 500 characters.";
pub const CANNOT_DISABLE_SELF: &str =
    "You cannot disable your own account; ask another administrator.";
pub const NO_SUCH_ACCOUNT: &str = "There is no such account.";
pub const NOT_ON_TEAM: &str = "This clinician is not on the client's care team.";
/// An observation's sign the client has since taken off their list, shown in its place.
pub const RETIRED_SIGN: &str = "A sign no longer on the list";
pub const OBSERVATION_HIDDEN_ALREADY: &str = "This observation is hidden already.";
pub const NOT_FAMILY_SESSION: &str = "Only a family session has family members attending.";
pub const NO_FAMILY_SESSIONS_SCOPE: &str =
    "This person has not been given access to family sessions by the client.";
// Reminders and notification settings (issue 16).
pub const UNSUBSCRIBE_LINK_BROKEN: &str = "This unsubscribe link does not work: it may have been cut short or changed. Sign in and open Settings → Notifications to choose which e-mails you get.";
// Critical flags reach a person: the on-call rota (issue 16).
pub const ESCALATION_MINUTES_RANGE: &str = "Choose a time between 5 and 240 minutes.";
pub const ROTA_TOO_LONG: &str = "Give 500 shifts or fewer; add later ones nearer the time.";
pub const SHIFT_ENDS_BEFORE_START: &str = "Make the shift end after it starts.";
pub const SHIFT_OVER: &str = "This shift is over already; give one that ends later.";
pub const ACCOUNT_DISABLED_NAME: &str = "(account disabled)";
// Secure messages (issue 16).
/// Shown on every thread, above the messages, with the instance's crisis lines.
pub const MESSAGES_NOT_WATCHED: &str = "Messages are not watched around the clock. Your care team reads them in their office hours, so a message is not read at once, and a reply can take a day or more. If you are in crisis or might act on thoughts of harming yourself, do not wait for a reply: call one of these lines now.";
/// Shown to a client whose message spoke of self-harm, at once, with the crisis lines.
pub const MESSAGE_SELF_HARM: &str = "Your care team will read this, but not at once. Sending a message does not raise an alert, and nobody is told straight away. If you are in danger now, call one of these lines:";
pub const MESSAGE_NO_CARE_TEAM: &str = "You have no clinician on your care team yet, so nobody would read a message here. If you need help now, call one of the crisis lines.";
pub const BAD_TIMEZONE: &str =
    "Choose a timezone from the list, like America/Chicago or Europe/London.";
pub const BAD_WEEKDAY: &str = "Choose a day of the week.";
// E-mail of a notice (issue 16): no name, no score, no flag kind, no clinical word.
pub const MAIL_SUBJECT: &str = "You have a new notice in Rapport";
pub const MAIL_BODY: &str = "You have a new notice in Rapport. Sign in to read it:";
pub const MAIL_UNSUBSCRIBE: &str = "To stop e-mails like this one:";
pub const MAIL_FOOT: &str = "This e-mail says only that there is something to read.\nRapport never puts details in e-mails.";
// The same e-mail in Spanish (issue 21), for a recipient who chose Spanish.
pub const MAIL_SUBJECT_ES: &str = "Tienes un aviso nuevo en Rapport";
pub const MAIL_BODY_ES: &str = "Tienes un aviso nuevo en Rapport. Inicia sesión para leerlo:";
pub const MAIL_UNSUBSCRIBE_ES: &str = "Para dejar de recibir correos como este:";
pub const MAIL_FOOT_ES: &str =
    "Este correo solo dice que hay algo para leer.\nRapport nunca pone detalles en los correos.";

/// The notice e-mail's four sentences in a language: subject, body, unsubscribe, foot.
pub fn mail_texts(language: rapport_core::language::Language) -> [&'static str; 4] {
    match language {
        rapport_core::language::Language::En => {
            [MAIL_SUBJECT, MAIL_BODY, MAIL_UNSUBSCRIBE, MAIL_FOOT]
        }
        rapport_core::language::Language::Es => [
            MAIL_SUBJECT_ES,
            MAIL_BODY_ES,
            MAIL_UNSUBSCRIBE_ES,
            MAIL_FOOT_ES,
        ],
    }
}
pub const GROUP_SESSION_UNKNOWN: &str =
    "This is not one of this group's sessions. Choose one from the group's schedule.";
// Erasure and retention (issue 17).
pub const ERASURE_REASON_TOO_LONG: &str = "Keep the reason under 1,000 characters.";
pub const ERASURE_DECLINE_REASON: &str =
    "Say why the request is declined (a legal hold, say); the client is shown this reason.";
pub const ERASURE_UNKNOWN_STATUS: &str =
    "Use one of requested, withdrawn, declined, carried_out, records_deleted.";
pub const ERASURE_NOT_OPEN: &str =
    "This request is no longer open: it was withdrawn, declined or carried out already.";
pub const ERASURE_ALREADY_OPEN: &str = "You have asked already; your request is open.";
pub const ERASURE_RETENTION_BOUNDS: &str = "Give a whole number of years from 0 to 30.";
/// The name an erased account is left with.
pub const ERASED_NAME: &str = "Erased client";
/// What carrying out an erasure removes at once, in the client's words.
pub const ERASURE_REMOVED: &[&str] = &[
    "Your sign-in: your e-mail address and name are replaced, your password and every signed-in device and app stop working.",
    "Your date of birth and your emergency contact.",
    "Your notices, reminders and notification settings, and the e-mail records about them.",
    "Your family members' access, your invitations to them, and the first name you showed in a group.",
    "Your requests to meet therapists and to change therapist, and homework drafts you never sent.",
    "Your private calendar address and your measurement schedule.",
];
/// What is kept until the retention period ends, in the client's words.
pub const ERASURE_KEPT: &[&str] = &[
    "Your clinical record: questionnaires, check-ins, your plans, goals, homework you sent, sessions and their notes, alerts and risk assessments, observations, and your messages with your care team.",
    "Nobody works with it any more: your care team ends, your episode of care is closed, and it is kept only because health law requires records of care to be kept for a number of years after the last contact.",
    "When that period is over, it is deleted for good.",
    "The audit log keeps a line for each thing done with your record (who, what, when), by an id and never with your words: it is how the practice proves its records were not tampered with.",
];
// Emergency access, "break glass" (issue 17).
pub const EMERGENCY_REASON_SHORT: &str = "Say why you need this record now, in at least 10 characters: the care team, the practice lead and the client will read it.";
pub const EMERGENCY_REASON_LONG: &str = "Keep the reason under 500 characters.";
pub const EMERGENCY_OFF: &str = "Emergency access is turned off at this practice. Call the client's care team or the practice lead instead.";
pub const EMERGENCY_SEARCH_EMPTY: &str =
    "Type the client's exact e-mail address or their exact full name.";
pub const REPORT_TO_BEFORE_FROM: &str = "Choose an end date on or after the start date.";
pub const REPORT_TOO_LONG: &str = "Choose a period of ten years or less.";
