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
    // Medication reviews and the sleep diary (issue 22; messages in medication.ftl).
    ("List at most {} questions.", "err-med-questions-many"),
    (
        "Keep each question to {} characters or fewer.",
        "err-med-question-long",
    ),
    (
        "Questions are listed before a medication review only.",
        "err-med-questions-kind",
    ),
    (
        "This review is over or cancelled; list your questions for the next one.",
        "err-med-review-over",
    ),
    ("Enter a time like 23:30.", "err-sleep-time"),
    (
        "Enter the minutes it took to fall asleep, from 0 to 720.",
        "err-sleep-fall-minutes",
    ),
    (
        "Enter the minutes awake in the night, from 0 to 720.",
        "err-sleep-awake-minutes",
    ),
    (
        "The time you got up must differ from your bedtime.",
        "err-sleep-rise-equal",
    ),
    (
        "The time you woke must be between your bedtime and the time you got up.",
        "err-sleep-wake-between",
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
