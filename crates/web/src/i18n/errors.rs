//! The use-cases' messages, in the page's language. The use-cases speak English (one place
//! each: `rapport_core::measures::messages`, `rapport_app::messages`, the account checks); a
//! page shows a message through [`error_message`], which finds the English sentence here, with
//! its numbers, and gives its translation. A sentence not listed stays English (listed as left
//! in docs/languages.md).

use super::{Arg, Language, t_args};

/// `{}` stands for a number or a list of numbers, passed on as `$a`, `$b`, `$c`.
pub(super) const PATTERNS: &[(&str, &str)] = &[
    // The questionnaires and the check-in (rapport_core::measures::messages).
    (
        "Choose an answer for question 9. It is the one question that cannot be skipped.",
        "err-item9-required",
    ),
    ("Choose an answer for question {}.", "err-choose-answer"),
    (
        "Choose one of the answers for question {} (a number from {} to {}).",
        "err-out-of-range",
    ),
    (
        "Choose answers for questions {}. Up to two questions can be left out.",
        "err-too-many-missing",
    ),
    ("Choose your mood today, from 0 to 10.", "err-mood"),
    ("Enter the hours you slept, from 0 to 24.", "err-sleep"),
    (
        "Enter the hours you slept in quarter hours, for example 7, 7.25 or 7.5.",
        "err-sleep-quarter",
    ),
    (
        "Choose whether you took your medication: taken, missed or not prescribed.",
        "err-medication",
    ),
    ("Answer yes, no or skip.", "err-self-harm"),
    ("Keep this to {} characters or fewer.", "err-too-long"),
    ("Tick at most {} warning signs.", "err-too-many-signs"),
    // Accounts (rapport_core::accounts, rapport_app::messages).
    (
        "Enter an e-mail address like name@example.org.",
        "err-email-format",
    ),
    ("Enter your e-mail address.", "err-email-empty"),
    ("Enter the name you would like us to use.", "err-name-empty"),
    ("Use 100 characters or fewer.", "err-name-long"),
    (
        "Use letters, spaces and punctuation only.",
        "err-name-chars",
    ),
    (
        "Use at least {} characters. A few words together are easy to remember.",
        "err-password-short",
    ),
    ("Use {} characters or fewer.", "err-password-long"),
    (
        "Choose a password that is not your e-mail address.",
        "err-password-email",
    ),
    (
        "Choose a password that is harder to guess.",
        "err-password-guessable",
    ),
    (
        "Check your name and e-mail address.",
        "err-check-name-email",
    ),
    (
        "An account with this e-mail address already exists. Sign in instead, or reset your password.",
        "err-email-taken",
    ),
    (
        "That is not your current password.",
        "err-wrong-current-password",
    ),
    (
        "That code did not match. Check the time on your phone and try the newest code.",
        "err-totp-wrong",
    ),
    (
        "Choose a timezone from the list, like America/Chicago or Europe/London.",
        "err-bad-timezone",
    ),
    // Notices and errors of the pages themselves (crate::messages, pages::home::notice_text).
    ("Check-in saved. Thank you.", "notice-checkin-saved"),
    (
        "Your password is changed. You are signed out everywhere else.",
        "notice-password-changed",
    ),
    ("Saved.", "notice-saved"),
    ("Your language is saved.", "notice-language-saved"),
    ("Two-step sign-in is on.", "notice-totp-on"),
    (
        "Thank you for your feedback. Your therapist will see it.",
        "notice-feedback",
    ),
    (
        "Thank you for telling us. The practice will be in touch about a different therapist.",
        "notice-therapist",
    ),
    ("Your answer is sent.", "notice-answered"),
    (
        "Welcome. Below is what each person shares with you.",
        "notice-joined",
    ),
    (
        "You have chosen your therapist: they are on your care team below. Your episode of care has started.",
        "notice-chosen",
    ),
    (
        "The calendar address is stopped. Calendar apps subscribed to it get nothing more.",
        "notice-calendar-stopped",
    ),
    (
        "Your notification settings are saved.",
        "notice-notification-settings",
    ),
    ("You are signed out.", "notice-signed-out"),
    (
        "E-mail address or password is not right.",
        "err-bad-credentials",
    ),
    (
        "Too many attempts. For your safety, wait a little and try again.",
        "err-throttled",
    ),
    ("Please sign in to continue.", "err-signed-out"),
    (
        "This form has expired. Go back, reload the page and send it again.",
        "err-csrf",
    ),
    (
        "Tick the box to agree, so we can keep your information safe for your care.",
        "err-consent",
    ),
    ("You do not have access to this page.", "err-forbidden"),
    ("We could not find that page.", "err-not-found"),
    (
        "Something went wrong on our side. Nothing you entered was lost; please try again.",
        "err-internal",
    ),
    (
        "Something in the request was not right. Go back, check what you entered and try again.",
        "err-invalid",
    ),
    // The client's home: what is due, the intake's state, care team roles.
    ("Daily check-in", "label-daily-checkin"),
    ("today", "label-today"),
    ("not started yet", "label-intake-not-started"),
    ("started; carry on where you left off", "label-intake-draft"),
    ("sent", "label-intake-sent"),
    ("Therapist", "label-role-therapist"),
    ("Psychiatrist (medication)", "label-role-psychiatrist"),
    ("Co-therapist", "label-role-co-therapist"),
    ("Supervisor", "label-role-supervisor"),
    // The safety plan's six steps (rapport_core::plans::SAFETY_STEPS).
    ("1. My warning signs", "plan-step-1"),
    (
        "Thoughts, feelings, situations or behaviour that tell me a crisis may be starting.",
        "plan-step-1-prompt",
    ),
    ("2. Things I can do on my own", "plan-step-2"),
    (
        "What takes my mind off things or helps me feel calmer, without contacting anyone.",
        "plan-step-2-prompt",
    ),
    ("3. People and places that distract me", "plan-step-3"),
    (
        "People I can be with and places I can go to take my mind off things.",
        "plan-step-3-prompt",
    ),
    ("4. People I can ask for help", "plan-step-4"),
    (
        "Names and phone numbers of people I can tell that I am struggling.",
        "plan-step-4-prompt",
    ),
    ("5. Professionals and crisis lines", "plan-step-5"),
    (
        "My clinician, my doctor, an emergency department, and crisis lines such as 988.",
        "plan-step-5-prompt",
    ),
    ("6. Making my surroundings safer", "plan-step-6"),
    (
        "What I can put away or ask someone to keep, so that I am safer during a crisis.",
        "plan-step-6-prompt",
    ),
    // A family member's home (pages::family).
    ("Pages for family", "family-link-learning"),
    ("Warning signs and what helps", "family-link-warning-signs"),
    ("Safety plan", "plan-title"),
    (
        "Tell the clinician what you noticed",
        "family-link-observations",
    ),
    ("Family sessions", "family-link-sessions"),
    // The plan for staying well (rapport_core::plans::RELAPSE_SECTIONS).
    ("What can set me back", "staying-section-triggers"),
    (
        "Situations, dates, stresses or changes that have made my mood drop before.",
        "staying-section-triggers-prompt",
    ),
    ("What helps me stay well", "staying-section-helps"),
    (
        "The habits, activities and skills from therapy that keep me well, and what to do more of when the signs appear.",
        "staying-section-helps-prompt",
    ),
    ("Who I will contact", "staying-section-contacts"),
    (
        "The people and professionals I will tell when I notice my warning signs, with their numbers.",
        "staying-section-contacts-prompt",
    ),
    (
        "When I will ask for a booster session",
        "staying-section-booster",
    ),
    (
        "For example: two weeks of my warning signs, or a PHQ-9 of 10 or more. A booster session is a short return to therapy to get back on track.",
        "staying-section-booster-prompt",
    ),
    // Sessions (rapport_core::sessions words).
    ("In person", "label-in-person"),
    ("Online", "label-online"),
    ("By phone", "label-by-phone"),
    ("Moved to a time you proposed", "label-request-accepted"),
    ("Moved to another time", "label-request-moved"),
    ("Kept at its time", "label-request-declined"),
    ("Attended", "label-attended"),
    ("Cancelled late", "label-late-cancelled"),
    ("Did not attend", "label-no-show"),
    ("Individual", "label-individual"),
    ("Family", "label-family"),
    ("Group", "label-group"),
    // Secure messages (rapport_app::messages, pages::messaging).
    ("Messages with your care team", "messages-heading-own"),
    (
        "Messages are not watched around the clock. Your care team reads them in their office hours, so a message is not read at once, and a reply can take a day or more. If you are in crisis or might act on thoughts of harming yourself, do not wait for a reply: call one of these lines now.",
        "messages-not-watched",
    ),
    (
        "Your care team will read this, but not at once. Sending a message does not raise an alert, and nobody is told straight away. If you are in danger now, call one of these lines:",
        "messages-self-harm",
    ),
    (
        "You have no clinician on your care team yet, so nobody would read a message here. If you need help now, call one of the crisis lines.",
        "messages-no-team",
    ),
    // The default crisis lines (crate::crisis).
    (
        "988 Suicide & Crisis Lifeline (call, any time)",
        "crisis-line-988-call",
    ),
    ("Call 988", "crisis-line-988-call-action"),
    (
        "988 Suicide & Crisis Lifeline (text)",
        "crisis-line-988-text",
    ),
    ("Text 988", "crisis-line-988-text-action"),
    ("988 Lifeline chat", "crisis-line-988-chat"),
    ("Chat at 988lifeline.org", "crisis-line-988-chat-action"),
    (
        "If you are in danger now: emergency services",
        "crisis-line-911",
    ),
    ("Call 911", "crisis-line-911-action"),
    // staff pages (helper D): administration, reports, groups, consultations, emergency access.
    (
        "Account created. They sign in with the password you set and then set up two-step sign-in.",
        "staff-notice-user-created",
    ),
    ("Added to the care team.", "staff-notice-assigned"),
    ("Triage duty saved.", "staff-notice-triage-saved"),
    (
        "Account disabled. It was signed out everywhere at once, its API tokens no longer work, and its calendar feeds are stopped.",
        "staff-notice-disabled",
    ),
    (
        "Account enabled. The person signs in again with their password (and code, for staff).",
        "staff-notice-enabled",
    ),
    (
        "Taken off the care team. The clinician can no longer open this client's record.",
        "staff-notice-ended",
    ),
    (
        "The clinician is now a practice lead.",
        "staff-notice-lead-on",
    ),
    (
        "The clinician is no longer a practice lead.",
        "staff-notice-lead-off",
    ),
    ("Choose an account.", "staff-err-choose-account"),
    (
        "Type at least two letters of a name or an e-mail address.",
        "staff-err-two-letters",
    ),
    ("Find the client and choose them.", "staff-err-find-client"),
    ("Choose a clinician.", "staff-err-choose-clinician"),
    (
        "Choose a clinician from the list.",
        "staff-err-clinician-list",
    ),
    (
        "Line {}: write country | what it is | link | button text.",
        "staff-err-crisis-line",
    ),
    (
        "Use a number of days from 0 (never) to 365.",
        "staff-err-schedule-days",
    ),
    ("Use 5 to 720 minutes.", "staff-err-idle-minutes"),
    (
        "Choose who is on call for this shift.",
        "staff-err-shift-who",
    ),
    (
        "Give a date and a time, like 2026-12-07 08:00.",
        "staff-err-shift-time",
    ),
    (
        "Give a number of minutes between 5 and 240.",
        "staff-err-escalation",
    ),
    ("The retention period is saved.", "staff-notice-retention"),
    (
        "The request is carried out: the account is anonymised and can no longer sign in.",
        "staff-notice-carried-out",
    ),
    (
        "The request is declined; the client is shown your reason.",
        "staff-notice-erasure-declined",
    ),
    (
        "Tick the box to confirm there is no legal hold on this record.",
        "staff-err-legal-hold",
    ),
    ("Asked, waiting for the practice", "staff-erasure-requested"),
    ("Withdrawn", "staff-withdrawn"),
    ("Declined", "staff-declined"),
    (
        "Carried out; clinical record kept",
        "staff-erasure-carried-out",
    ),
    (
        "Carried out; clinical record deleted",
        "staff-erasure-records-deleted",
    ),
    ("Unknown", "staff-unknown"),
    ("Waiting", "staff-erasure-filter-waiting"),
    ("Carried out, record kept", "staff-erasure-filter-kept"),
    ("Record deleted", "staff-erasure-filter-deleted"),
    ("All", "staff-all"),
    (
        "Your sign-in: your e-mail address and name are replaced, your password and every signed-in device and app stop working.",
        "staff-erasure-removed-sign-in",
    ),
    (
        "Your date of birth and your emergency contact.",
        "staff-erasure-removed-birth",
    ),
    (
        "Your notices, reminders and notification settings, and the e-mail records about them.",
        "staff-erasure-removed-notices",
    ),
    (
        "Your family members' access, your invitations to them, and the first name you showed in a group.",
        "staff-erasure-removed-family",
    ),
    (
        "Your requests to meet therapists and to change therapist, and homework drafts you never sent.",
        "staff-erasure-removed-requests",
    ),
    (
        "Your private calendar address and your measurement schedule.",
        "staff-erasure-removed-calendar",
    ),
    (
        "The group is created. Offer places to clients on your caseload.",
        "staff-notice-group-created",
    ),
    (
        "The place is offered. The client decides whether to join.",
        "staff-notice-place-offered",
    ),
    (
        "The sessions are scheduled with the members who joined.",
        "staff-notice-group-scheduled",
    ),
    ("Attendance saved.", "staff-notice-attendance"),
    ("The group note is saved.", "staff-notice-group-note"),
    (
        "Choose a client from your caseload.",
        "staff-err-choose-client",
    ),
    (
        "This overlaps another of your sessions or the room is taken; nothing was booked. Choose another time, or tick \"book anyway\".",
        "staff-err-group-overlap",
    ),
    ("Choose a session.", "staff-err-choose-session"),
    ("Choose a member.", "staff-err-choose-member"),
    ("Cognitive behavioural therapy", "staff-approach-cbt"),
    (
        "Cognitive behavioural therapy (CBT)",
        "staff-approach-cbt-abbr",
    ),
    ("Behavioural activation", "staff-approach-ba"),
    ("Cognitive therapy", "staff-approach-cognitive"),
    ("Interpersonal therapy", "staff-approach-ipt"),
    ("Interpersonal therapy (IPT)", "staff-approach-ipt-abbr"),
    ("Psychodynamic therapy", "staff-approach-psychodynamic"),
    ("Family therapy", "staff-approach-family"),
    ("Group therapy", "staff-approach-group"),
    ("Offered, waiting for an answer", "staff-member-offered"),
    ("Joined", "staff-member-joined"),
    ("Left", "staff-member-left"),
    ("Waiting for an answer", "staff-cons-requested"),
    ("Accepted", "staff-cons-accepted"),
    ("Chosen", "staff-cons-chosen"),
    ("Not chosen", "staff-cons-not-chosen"),
    (
        "Your request is sent. Each clinician will answer here.",
        "staff-notice-cons-asked",
    ),
    (
        "Accepted. The client sees the time you set.",
        "staff-notice-cons-accepted",
    ),
    (
        "Declined. The client sees your reason.",
        "staff-notice-cons-declined",
    ),
    (
        "Thank you. Your answers are beside the others below, to help you choose.",
        "staff-notice-cons-feedback",
    ),
    (
        "Choose the clinicians from the list.",
        "staff-err-clinicians-list",
    ),
    ("Choose a date and a time.", "staff-err-date-time"),
    ("I felt heard and respected", "staff-feedback-heard"),
    ("We worked on what I wanted", "staff-feedback-wanted"),
    ("The approach fits me", "staff-feedback-approach"),
    (
        "Overall, this session was right for me",
        "staff-feedback-overall",
    ),
    (
        "Keep the reason under 500 characters.",
        "staff-err-emergency-long",
    ),
    (
        "Emergency access is turned off at this practice. Call the client's care team or the practice lead instead.",
        "staff-err-emergency-off",
    ),
    (
        "Type the client's exact e-mail address or their exact full name.",
        "staff-err-emergency-search",
    ),
    (
        "Say why you need this record now, in at least 10 characters: the care team, the practice lead and the client will read it.",
        "staff-err-emergency-short",
    ),
    (
        "Choose an end date on or after the start date.",
        "staff-err-report-order",
    ),
    (
        "Choose a period of ten years or less.",
        "staff-err-report-long",
    ),
];

/// The numbers `{}` stands for in `message`, when `message` is `pattern`.
fn captures<'m>(pattern: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let parts: Vec<&str> = pattern.split("{}").collect();
    let (first, rest) = parts.split_first()?;
    let mut tail = message.strip_prefix(first)?;
    let mut out = vec![];
    for (i, lit) in rest.iter().enumerate() {
        let is_last = i + 1 == rest.len();
        let end = if is_last {
            tail.len()
                .checked_sub(lit.len())
                .filter(|&e| tail[e..] == **lit)?
        } else if lit.is_empty() {
            return None;
        } else {
            tail.find(lit)?
        };
        let captured = &tail[..end];
        let numbers = captured
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == ' ' || c == '.')
            || captured.contains(" and ");
        if captured.is_empty() || !numbers {
            return None;
        }
        out.push(captured);
        tail = &tail[end + lit.len()..];
    }
    tail.is_empty().then_some(out)
}

/// A use-case's message in `lang` (unchanged in English, and when it is not listed).
pub fn error_message(lang: Language, message: &str) -> String {
    if lang == Language::En {
        return message.to_string();
    }
    for (pattern, key) in PATTERNS {
        let Some(caps) = captures(pattern, message) else {
            continue;
        };
        // "2, 5 and 7": the list's last joint is a word.
        let words: Vec<String> = caps
            .iter()
            .map(|c| c.replace(" and ", &format!(" {} ", t_args(lang, "list-and", &[]))))
            .collect();
        let names = ["a", "b", "c"];
        let args: Vec<(&str, Arg<'_>)> = words
            .iter()
            .zip(names)
            .map(|(w, n)| (n, Arg::Str(w.as_str())))
            .collect();
        return t_args(lang, key, &args);
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_numbers_are_found() {
        assert_eq!(
            captures(
                "Choose an answer for question {}.",
                "Choose an answer for question 4."
            ),
            Some(vec!["4"])
        );
        assert_eq!(
            captures(
                "Choose one of the answers for question {} (a number from {} to {}).",
                "Choose one of the answers for question 3 (a number from 0 to 3)."
            ),
            Some(vec!["3", "0", "3"])
        );
        assert_eq!(
            captures("Choose an answer for question {}.", "Choose an answer."),
            None
        );
    }

    #[test]
    fn spanish_errors() {
        assert_eq!(
            error_message(Language::Es, "Choose an answer for question 4."),
            "Elija una respuesta para la pregunta 4."
        );
        assert_eq!(
            error_message(
                Language::Es,
                "Choose answers for questions 2, 5 and 7. Up to two questions can be left out."
            ),
            "Elija respuestas para las preguntas 2, 5 y 7. Se pueden dejar sin responder hasta dos preguntas."
        );
        assert_eq!(
            error_message(Language::Es, "Something new."),
            "Something new."
        );
        assert_eq!(
            error_message(Language::En, "Choose an answer for question 4."),
            "Choose an answer for question 4."
        );
    }

    #[test]
    fn every_pattern_has_its_message() {
        for (_, key) in PATTERNS {
            for lang in Language::ALL {
                assert_ne!(&t_args(*lang, key, &[]), key, "{key} in {}", lang.as_str());
            }
        }
    }
}
