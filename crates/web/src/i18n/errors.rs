//! The use-cases' messages, in the page's language. The use-cases speak English (one place
//! each: `rapport_core::measures::messages`, `rapport_app::messages`, the account checks); a
//! page shows a message through [`error_message`], which finds the English sentence here, with
//! its numbers, and gives its translation. A sentence not listed stays English (listed as left
//! in docs/languages.md).

use super::{Arg, Language, t_args};

/// `{}` stands for a number or a list of numbers, `{w}` for a word listed here on its own
/// (below); they are passed on as `$a`, `$b`, `$c`.
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
    // clinician pages (helper B)
    ("critical", "cl-level-critical"),
    ("high", "cl-level-high"),
    ("medium", "cl-level-medium"),
    ("low", "cl-level-low"),
    ("Critical", "cl-level-critical-capital"),
    ("High", "cl-level-high-capital"),
    ("Medium", "cl-level-medium-capital"),
    ("Low", "cl-level-low-capital"),
    ("safety", "cl-flag-safety"),
    ("deterioration", "cl-flag-deterioration"),
    ("relapse", "cl-flag-relapse"),
    ("not on track", "cl-flag-not-on-track"),
    ("warning signs", "cl-flag-warning-signs"),
    ("disengagement", "cl-flag-disengagement"),
    ("alliance", "cl-flag-alliance"),
    ("side effects", "cl-flag-side-effects"),
    ("not started", "cl-progress-not-started"),
    ("see alert", "cl-progress-see-alert"),
    ("too early to tell", "cl-progress-too-early"),
    ("on track", "cl-progress-on-track"),
    ("Everyone", "cl-filter-everyone"),
    ("With open alerts", "cl-filter-alerts"),
    ("Not on track", "cl-filter-not-on-track"),
    ("No check-in for 7 days", "cl-filter-no-checkin"),
    ("Not started yet", "cl-reason-not-started"),
    ("open", "cl-status-open"),
    ("acknowledged", "cl-status-acknowledged"),
    ("resolved", "cl-status-resolved"),
    ("Minimal", "band-minimal"),
    ("Mild", "band-mild"),
    ("Moderate", "band-moderate"),
    ("Moderately severe", "band-moderately_severe"),
    ("Severe", "band-severe"),
    ("Schedule saved.", "cl-notice-schedule"),
    ("Risk assessment saved.", "cl-notice-risk"),
    ("The episode is updated.", "cl-notice-episode"),
    (
        "Recommended. The client sees it on their library page.",
        "cl-notice-recommended",
    ),
    (
        "Recommended for the family. Family members the client lets read pages see it.",
        "cl-notice-recommended-family",
    ),
    (
        "Homework assigned. The client sees it on their home page.",
        "cl-notice-homework",
    ),
    (
        "Marked reviewed. The client sees your comment.",
        "cl-notice-reviewed",
    ),
    (
        "Hidden from the client. It stays here and still counts toward the warning-signs flag.",
        "cl-notice-hidden",
    ),
    (
        "Not hidden: record the safety reason (up to 500 characters) to hide it.",
        "cl-notice-hide-reason",
    ),
    ("draft saved, not signed", "cl-note-state-draft"),
    ("being written (a draft)", "cl-intake-draft"),
    (
        "Getting to know each other",
        "cl-episode-label-consultation",
    ),
    ("In treatment", "cl-episode-label-active"),
    (
        "Staying well (after discharge)",
        "cl-episode-label-maintenance",
    ),
    ("Closed", "cl-episode-label-closed"),
    ("attended", "cl-attendance-attended"),
    ("cancelled late", "cl-attendance-late-cancelled"),
    ("did not attend", "cl-attendance-no-show"),
    (
        "attendance not recorded",
        "cl-chart-attendance-not-recorded",
    ),
    ("cancelled", "cl-session-cancelled"),
    ("upcoming", "cl-session-upcoming"),
    ("Cognitive behavioural therapy (CBT)", "cl-approach-cbt"),
    (
        "Behavioural activation",
        "cl-approach-behavioural-activation",
    ),
    ("Cognitive therapy", "cl-approach-cognitive-therapy"),
    ("Interpersonal therapy (IPT)", "cl-approach-interpersonal"),
    ("Psychodynamic therapy", "cl-approach-psychodynamic"),
    ("Family therapy", "cl-approach-family"),
    ("Group therapy", "cl-approach-group"),
    ("Every week", "cl-frequency-weekly"),
    ("Twice a week", "cl-frequency-twice-weekly"),
    ("Every two weeks", "cl-frequency-fortnightly"),
    ("Every month", "cl-frequency-monthly"),
    ("Attendance recorded.", "cl-notice-attendance"),
    (
        "The session is moved. It shows at the new time in everyone's calendar.",
        "cl-notice-moved",
    ),
    ("The session is cancelled.", "cl-notice-session-cancelled"),
    ("The session is scheduled.", "cl-notice-scheduled"),
    (
        "{} weekly sessions are scheduled; this is the first.",
        "cl-notice-scheduled-weekly",
    ),
    (
        "Draft saved. Sign it when it is complete.",
        "cl-notice-note-saved",
    ),
    (
        "Draft saved. Your psychotherapy note is saved with it. Sign the note when it is complete.",
        "cl-notice-note-saved-private",
    ),
    (
        "Signed. The note is part of the record now and cannot be changed.",
        "cl-notice-note-signed",
    ),
    (
        "Signed. The note is part of the record now and cannot be changed. Your psychotherapy note is saved with it.",
        "cl-notice-note-signed-private",
    ),
    ("Amendment added.", "cl-notice-amended"),
    ("Your psychotherapy note is saved.", "cl-notice-private"),
    (
        "Your psychotherapy note is saved, and the draft of the progress note with it.",
        "cl-notice-private-draft",
    ),
    ("Monday", "cl-day-monday"),
    ("Tuesday", "cl-day-tuesday"),
    ("Wednesday", "cl-day-wednesday"),
    ("Thursday", "cl-day-thursday"),
    ("Friday", "cl-day-friday"),
    ("Saturday", "cl-day-saturday"),
    ("Sunday", "cl-day-sunday"),
    ("Thought record", "cl-hw-thought-record"),
    ("Activity diary", "cl-hw-activity-diary"),
    ("Activity plan", "cl-hw-activity-plan"),
    ("Problem solving", "cl-hw-problem-solving"),
    ("Journal", "cl-hw-journal"),
    ("People in your life", "cl-hw-interpersonal-inventory"),
    ("Exercise from your therapist", "cl-hw-custom"),
    ("Once", "cl-hw-once"),
    ("Every day", "cl-hw-every-day"),
    ("To do", "cl-hw-due"),
    ("Started", "cl-hw-draft"),
    ("Done", "cl-hw-done"),
    ("Reviewed", "cl-hw-reviewed"),
    ("Missed", "cl-hw-missed"),
    // end of clinician pages (helper B)
    // client pages (helper A): the session room (rapport_core::sessions::room), the access log
    // (rapport_app::audit_log::describe).
    (
        "This session is not online, so it has no room.",
        "room-no-room",
    ),
    ("This session was cancelled.", "room-cancelled"),
    (
        "The room opens 10 minutes before the session starts.",
        "room-not-yet",
    ),
    ("The room is open.", "room-open"),
    ("The clinician has ended this session.", "room-ended"),
    ("You", "al-you"),
    (
        "Accepted your request for a consultation",
        "al-accepted-your-request-for-a-consultation",
    ),
    (
        "Acknowledged an alert about you",
        "al-acknowledged-an-alert-about-you",
    ),
    (
        "Added a clinician to your care team",
        "al-added-a-clinician-to-your-care-team",
    ),
    (
        "Agreed to the treatment plan",
        "al-agreed-to-the-treatment-plan",
    ),
    ("Answered a questionnaire", "al-answered-a-questionnaire"),
    ("Asked for a consultation", "al-asked-for-a-consultation"),
    (
        "Asked for another therapist",
        "al-asked-for-another-therapist",
    ),
    ("Asked to move a session", "al-asked-to-move-a-session"),
    (
        "Came into an online session's room",
        "al-came-into-an-online-session-s-room",
    ),
    ("Cancelled a session", "al-cancelled-a-session"),
    (
        "Changed the stage of your treatment",
        "al-changed-the-stage-of-your-treatment",
    ),
    (
        "Changed what a family member can see",
        "al-changed-what-a-family-member-can-see",
    ),
    ("Changed your goals", "al-changed-your-goals"),
    (
        "Changed your list of medicines",
        "al-changed-your-list-of-medicines",
    ),
    (
        "Changed your plan for staying well",
        "al-changed-your-plan-for-staying-well",
    ),
    ("Changed your record", "al-changed-your-record"),
    ("Changed your safety plan", "al-changed-your-safety-plan"),
    (
        "Changed your treatment plan",
        "al-changed-your-treatment-plan",
    ),
    (
        "Changed your warning signs",
        "al-changed-your-warning-signs",
    ),
    ("Checked in", "al-checked-in"),
    (
        "Chose a therapist after a consultation",
        "al-chose-a-therapist-after-a-consultation",
    ),
    (
        "Confirmed your list of medicines",
        "al-confirmed-your-list-of-medicines",
    ),
    (
        "Declined your request for a consultation",
        "al-declined-your-request-for-a-consultation",
    ),
    (
        "Ended a family member's access",
        "al-ended-a-family-member-s-access",
    ),
    ("Ended an online session", "al-ended-an-online-session"),
    (
        "Exported your questionnaires (FHIR)",
        "al-exported-your-questionnaires-fhir",
    ),
    (
        "Filled the therapist questionnaire from your intake",
        "al-filled-the-therapist-questionnaire-from-your-intake",
    ),
    (
        "Gave feedback on a session",
        "al-gave-feedback-on-a-session",
    ),
    (
        "Gave you an exercise to do",
        "al-gave-you-an-exercise-to-do",
    ),
    (
        "Invited someone to see part of your record",
        "al-invited-someone-to-see-part-of-your-record",
    ),
    (
        "Joined as your family member or friend",
        "al-joined-as-your-family-member-or-friend",
    ),
    (
        "Left an online session's room",
        "al-left-an-online-session-s-room",
    ),
    (
        "Let someone into an online session",
        "al-let-someone-into-an-online-session",
    ),
    (
        "Looked at how you take your medicine",
        "al-looked-at-how-you-take-your-medicine",
    ),
    ("Looked at this list", "al-looked-at-this-list"),
    (
        "Looked at who came to an online session",
        "al-looked-at-who-came-to-an-online-session",
    ),
    (
        "Looked at who in your family can see what",
        "al-looked-at-who-in-your-family-can-see-what",
    ),
    ("Looked at your care team", "al-looked-at-your-care-team"),
    (
        "Looked at your consultations",
        "al-looked-at-your-consultations",
    ),
    ("Looked at your goals", "al-looked-at-your-goals"),
    ("Looked at your homework", "al-looked-at-your-homework"),
    ("Looked at your medicines", "al-looked-at-your-medicines"),
    (
        "Looked at your plan for staying well",
        "al-looked-at-your-plan-for-staying-well",
    ),
    ("Looked at your record", "al-looked-at-your-record"),
    (
        "Looked at your safety plan",
        "al-looked-at-your-safety-plan",
    ),
    ("Looked at your scores", "al-looked-at-your-scores"),
    (
        "Looked at your session feedback",
        "al-looked-at-your-session-feedback",
    ),
    ("Looked at your sessions", "al-looked-at-your-sessions"),
    (
        "Looked at your sleep diary",
        "al-looked-at-your-sleep-diary",
    ),
    (
        "Looked at your treatment plan",
        "al-looked-at-your-treatment-plan",
    ),
    (
        "Looked at your warning signs",
        "al-looked-at-your-warning-signs",
    ),
    (
        "Looked for a therapist who fits (matching)",
        "al-looked-for-a-therapist-who-fits-matching",
    ),
    ("Moved a session", "al-moved-a-session"),
    (
        "Opened your record in an emergency",
        "al-opened-your-record-in-an-emergency",
    ),
    ("Opened your record", "al-opened-your-record"),
    ("Other activity", "al-other-activity"),
    (
        "Read and commented on your exercise",
        "al-read-and-commented-on-your-exercise",
    ),
    (
        "Read the notes on your sessions",
        "al-read-the-notes-on-your-sessions",
    ),
    ("Read your intake", "al-read-your-intake"),
    ("Read your messages", "al-read-your-messages"),
    (
        "Recommended something to read",
        "al-recommended-something-to-read",
    ),
    (
        "Recorded a risk assessment",
        "al-recorded-a-risk-assessment",
    ),
    (
        "Recorded whether you came to a session",
        "al-recorded-whether-you-came-to-a-session",
    ),
    (
        "Resolved an alert about you",
        "al-resolved-an-alert-about-you",
    ),
    (
        "Reviewed an emergency opening of your record",
        "al-reviewed-an-emergency-opening-of-your-record",
    ),
    (
        "Said how a consultation felt",
        "al-said-how-a-consultation-felt",
    ),
    (
        "Saved a line of an online session's chat to your record",
        "al-saved-a-line-of-an-online-session-s-chat-to-your-record",
    ),
    ("Saved your exercise", "al-saved-your-exercise"),
    ("Saved your intake", "al-saved-your-intake"),
    (
        "Scheduled a session with you",
        "al-scheduled-a-session-with-you",
    ),
    (
        "Sent a message in your thread",
        "al-sent-a-message-in-your-thread",
    ),
    ("Sent your intake", "al-sent-your-intake"),
    ("Started an exercise", "al-started-an-exercise"),
    (
        "Took a clinician off your care team",
        "al-took-a-clinician-off-your-care-team",
    ),
    (
        "Tried to change your list of medicines and was refused",
        "al-tried-to-change-your-list-of-medicines-and-was-refused",
    ),
    (
        "Tried to change your record and was refused",
        "al-tried-to-change-your-record-and-was-refused",
    ),
    (
        "Tried to come into an online session's room and was refused",
        "al-tried-to-come-into-an-online-session-s-room-and-was-refused",
    ),
    (
        "Tried to open your record and was refused",
        "al-tried-to-open-your-record-and-was-refused",
    ),
    (
        "Tried to open your record in an emergency and was refused",
        "al-tried-to-open-your-record-in-an-emergency-and-was-refused",
    ),
    (
        "Tried to read your messages and was refused",
        "al-tried-to-read-your-messages-and-was-refused",
    ),
    (
        "Tried to see something you do not share",
        "al-tried-to-see-something-you-do-not-share",
    ),
    ("Withdrew an invitation", "al-withdrew-an-invitation"),
    ("Wrote a note on a session", "al-wrote-a-note-on-a-session"),
    (
        "Wrote down a night in your sleep diary",
        "al-wrote-down-a-night-in-your-sleep-diary",
    ),
    (
        "Wrote their private session notes",
        "al-wrote-their-private-session-notes",
    ),
    ("Your account was created", "al-your-account-was-created"),
    (
        "Your family member looked at your safety plan",
        "al-your-family-member-looked-at-your-safety-plan",
    ),
    (
        "Your family member looked at your warning signs",
        "al-your-family-member-looked-at-your-warning-signs",
    ),
    (
        "Your family member read the pages for family",
        "al-your-family-member-read-the-pages-for-family",
    ),
    // client pages (helper A): what deleting an account removes and keeps.
    (
        "Your sign-in: your e-mail address and name are replaced, your password and every signed-in device and app stop working.",
        "er-removed-1",
    ),
    (
        "Your date of birth and your emergency contact.",
        "er-removed-2",
    ),
    (
        "Your notices, reminders and notification settings, and the e-mail records about them.",
        "er-removed-3",
    ),
    (
        "Your family members' access, your invitations to them, and the first name you showed in a group.",
        "er-removed-4",
    ),
    (
        "Your requests to meet therapists and to change therapist, and homework drafts you never sent.",
        "er-removed-5",
    ),
    (
        "Your private calendar address and your measurement schedule.",
        "er-removed-6",
    ),
    (
        "Your clinical record: questionnaires, check-ins, your plans, goals, homework you sent, sessions and their notes, alerts and risk assessments, observations, and your messages with your care team.",
        "er-kept-1",
    ),
    (
        "Nobody works with it any more: your care team ends, your episode of care is closed, and it is kept only because health law requires records of care to be kept for a number of years after the last contact.",
        "er-kept-2",
    ),
    (
        "When that period is over, it is deleted for good.",
        "er-kept-3",
    ),
    (
        "The audit log keeps a line for each thing done with your record (who, what, when), by an id and never with your words: it is how the practice proves its records were not tampered with.",
        "er-kept-4",
    ),
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
    ), // More pages (helper C): licence checks, the report, the audit filter, the settings,
    // groups, medicines, sleep, homework, sessions, plans, notices, consultations.
    (
        "The licence check is recorded.",
        "more-notice-licence-recorded",
    ),
    ("Write the licence number.", "more-err-licence-number"),
    (
        "Write the state or country that issued the licence.",
        "more-err-licence-issuer",
    ),
    (
        "Write the date you checked the licence.",
        "more-err-licence-date",
    ),
    (
        "The date checked cannot be in the future.",
        "more-err-licence-future",
    ),
    ("Write the date like 2026-11-30.", "more-err-date-like"),
    ("Give a date as YYYY-MM-DD.", "more-err-date-iso"),
    ("Give an end after the start.", "more-err-end-after-start"),
    ("Use at most {} characters.", "more-err-at-most-chars"),
    (
        "Use a day like 2026-12-01 or an instant like 2026-12-01T08:00:00Z.",
        "more-err-day-or-instant",
    ),
    ("Give an account's id.", "more-err-account-id"),
    ("Use ok, denied or failed.", "more-err-outcome"),
    (
        "Use a page from 1 to 200; go further back with `before`.",
        "more-err-audit-page",
    ),
    ("Use a sequence number.", "more-err-sequence"),
    ("Use a whole number from 1.", "more-err-whole-number"),
    (
        "Use the country's two-letter code, like US, GB or DE.",
        "more-err-country-code",
    ),
    (
        "Give at most {} crisis lines.",
        "more-err-crisis-lines-many",
    ),
    (
        "Write a tel:, sms: or https:// link.",
        "more-err-crisis-link",
    ),
    ("Write what the line is.", "more-err-crisis-label"),
    ("Write what the button says.", "more-err-crisis-action"),
    (
        "Start the link with tel:, sms: or https://, without spaces.",
        "more-err-crisis-href",
    ),
    ("Use checkin, phq9, gad7 or who5.", "more-err-schedule-what"),
    ("Give the group a name.", "more-err-group-name"),
    (
        "Choose the approach the group follows.",
        "more-err-group-approach",
    ),
    ("A group has {} to {} places.", "more-err-group-places"),
    ("A group runs {} to {} weeks.", "more-err-group-weeks"),
    (
        "Say when the group meets, e.g. Wednesdays 18:00–19:30.",
        "more-err-group-schedule",
    ),
    (
        "Nobody has joined the group yet; schedule its sessions once someone has.",
        "more-err-group-empty",
    ),
    ("Write the note about the group.", "more-err-group-note"),
    ("List at most {} medicines.", "more-err-med-many"),
    (
        "Enter the day the medicine was started (or the best guess).",
        "more-err-med-started",
    ),
    (
        "The day it was stopped cannot be before the day it was started.",
        "more-err-med-stop-before",
    ),
    (
        "Enter the day it was stopped, or leave the reason empty.",
        "more-err-med-stop-reason",
    ),
    ("Use a date like 2026-11-30.", "more-err-use-date"),
    (
        "A reason goes with a missed dose only; leave it out, or choose missed.",
        "more-err-med-reason-missed",
    ),
    (
        "Your intake lists no medicines to confirm.",
        "more-err-med-intake-none",
    ),
    (
        "List up to {} medicines; tell your clinician about the rest.",
        "more-err-intake-med-many",
    ),
    (
        "Write the name of the medicine (or clear the dose and prescriber).",
        "more-err-intake-med-name",
    ),
    (
        "Choose a morning from the last 30 days, today at the latest.",
        "more-err-sleep-morning",
    ),
    ("Enter the bedtime to keep.", "more-err-sleep-bedtime"),
    (
        "Enter the minutes, from 0 to 720.",
        "more-err-sleep-minutes",
    ),
    ("Write down at least one night.", "more-err-sleep-one-night"),
    (
        "The time to get up must differ from the bedtime.",
        "more-err-sleep-rise-bedtime",
    ),
    ("Give the day, like 2026-11-30.", "more-err-day-like-1130"),
    ("Give the day, like 2026-12-31.", "more-err-day-like-1231"),
    ("Choose a number from 0 to {}.", "more-err-number-to"),
    ("Keep to {} rows or fewer.", "more-err-rows"),
    ("Give the last day, like 2026-12-31.", "more-err-last-day"),
    (
        "Give the time on the 24-hour clock, like 14:30, or leave it empty.",
        "more-err-time-24h",
    ),
    (
        "Mark one thought as the hot thought: the one with the most feeling.",
        "more-err-hot-thought",
    ),
    (
        "Say where you were and what happened.",
        "more-err-situation",
    ),
    (
        "Tick that you did it to rate how much you enjoyed it.",
        "more-err-did-it-first",
    ),
    (
        "That is not a day of this exercise (or it has not come yet).",
        "more-err-not-a-day",
    ),
    ("Choose every day or every week.", "more-err-every"),
    ("Choose today or a later day.", "more-err-today-or-later"),
    (
        "The last day comes on or after the first.",
        "more-err-last-after-first",
    ),
    (
        "Repeat for a year at most, then assign it again.",
        "more-err-repeat-year",
    ),
    ("Choose one of the exercises.", "more-err-choose-exercise"),
    (
        "Choose one of the exercises; a custom one comes from your therapist.",
        "more-err-choose-exercise-custom",
    ),
    (
        "Say what the exercise is: the client sees only this.",
        "more-err-exercise-what",
    ),
    (
        "Instructions come from your therapist; write your thoughts in the exercise itself.",
        "more-err-instructions",
    ),
    (
        "A session lasts {} to {} minutes.",
        "more-err-session-minutes",
    ),
    (
        "Choose 1 (once) up to {} weekly sessions.",
        "more-err-session-weeks",
    ),
    (
        "Choose an individual, family or group session.",
        "more-err-session-kind",
    ),
    (
        "Choose in person, online or by phone.",
        "more-err-session-modality",
    ),
    ("Choose who the session is with.", "more-err-session-who"),
    (
        "An individual or family session is with one client; choose a group session for more.",
        "more-err-session-one-client",
    ),
    (
        "Leave it empty for the session's own room, or give an outside meeting link starting with https://.",
        "more-err-session-link",
    ),
    (
        "Attendance is recorded once the session has started.",
        "more-err-attendance-early",
    ),
    (
        "This session was cancelled; there is no attendance to record.",
        "more-err-attendance-cancelled",
    ),
    (
        "Choose attended, cancelled late or did not attend.",
        "more-err-attendance-choice",
    ),
    (
        "Choose the date and time of the session.",
        "more-err-session-when",
    ),
    ("Choose a time in the future.", "more-err-time-future"),
    ("Choose the new date and time.", "more-err-new-when"),
    (
        "Choose a client of this session.",
        "more-err-session-client",
    ),
    ("Propose a time in the future.", "more-err-propose-future"),
    ("Propose up to {} times.", "more-err-propose-many"),
    (
        "Time {}: give the date and the time, like 14:30.",
        "more-err-time-n",
    ),
    (
        "You have asked to move this session already; your therapist will answer.",
        "more-err-move-asked",
    ),
    (
        "Choose a time the client proposed, another time, or keep the time.",
        "more-err-move-answer",
    ),
    (
        "Choose one of the times proposed.",
        "more-err-move-proposed",
    ),
    (
        "This session has started; schedule a new one instead.",
        "more-err-move-started",
    ),
    (
        "That time has passed; choose another.",
        "more-err-time-passed",
    ),
    (
        "The room holds {} people; someone must leave first.",
        "more-err-room-full",
    ),
    ("Choose the approach.", "more-err-plan-approach"),
    (
        "Interpersonal therapy needs its focus area: grief, role disputes, role transitions or interpersonal deficits.",
        "more-err-plan-ipt-focus",
    ),
    (
        "A focus area belongs to interpersonal therapy only; leave it empty for this approach.",
        "more-err-plan-focus-other",
    ),
    (
        "Choose individual, family or group sessions.",
        "more-err-plan-format",
    ),
    (
        "Choose in person, online, by phone or a mix.",
        "more-err-plan-modality",
    ),
    ("Choose how often you will meet.", "more-err-plan-frequency"),
    (
        "Give the expected number of sessions, from 1 to {}.",
        "more-err-plan-sessions",
    ),
    (
        "Choose a review date from today on.",
        "more-err-plan-review",
    ),
    (
        "Choose target measures from PHQ-9, GAD-7 and WHO-5.",
        "more-err-plan-measures",
    ),
    (
        "Write at least one part. You can add the others later.",
        "more-err-plan-one-part",
    ),
    (
        "Twenty signs is the most; take one off first.",
        "more-err-signs-many",
    ),
    (
        "Choose how far along it is, from 0 (not started) to 10 (reached).",
        "more-err-goal-progress",
    ),
    (
        "Say what it will look like when the goal is reached.",
        "more-err-goal-reached",
    ),
    ("Choose achieved or dropped.", "more-err-goal-close"),
    ("Say why, in a sentence.", "more-err-say-why"),
    (
        "Say why, in a sentence: it stays in the record.",
        "more-err-say-why-record",
    ),
    (
        "Choose active, maintenance or closed.",
        "more-err-episode-state",
    ),
    (
        "The client has no open episode; start one first.",
        "more-err-episode-none",
    ),
    (
        "This note is signed and cannot be changed. Add a dated amendment instead.",
        "more-err-note-signed",
    ),
    (
        "Amendments are for signed notes; change the draft itself.",
        "more-err-note-amend-draft",
    ),
    (
        "Write what you did or will do, in a sentence or two.",
        "more-err-alert-action",
    ),
    ("Choose a page of the library.", "more-err-library-page"),
    (
        "Keep the note to 500 characters or fewer.",
        "more-err-observation-note",
    ),
    (
        "Keep the reason to 500 characters or fewer.",
        "more-err-observation-reason",
    ),
    (
        "Tick at least one sign, or write a short note.",
        "more-err-observation-empty",
    ),
    (
        "Tick fewer signs: one observation holds at most 50.",
        "more-err-observation-signs",
    ),
    (
        "Record the safety reason for hiding this from the client.",
        "more-err-observation-hide",
    ),
    (
        "This is not one of their warning signs.",
        "more-err-not-their-sign",
    ),
    (
        "This is not one of your warning signs.",
        "more-err-not-your-sign",
    ),
    ("This is already in the list.", "more-err-already-listed"),
    (
        "Choose a number from 0 (no reminder e-mails) to {}.",
        "more-err-reminder-mails",
    ),
    (
        "Give a time as HH:MM, for example 21:00.",
        "more-err-time-hhmm",
    ),
    (
        "Give the time quiet hours end, or clear both times for no quiet hours.",
        "more-err-quiet-end",
    ),
    (
        "Give the time quiet hours start, or clear both times for no quiet hours.",
        "more-err-quiet-start",
    ),
    (
        "Quiet hours must end at another time than they start.",
        "more-err-quiet-same",
    ),
    (
        "You are not sent this kind of notice.",
        "more-err-notice-not-sent",
    ),
    ("There is no such kind of notice.", "more-err-notice-kind"),
    (
        "Choose at least one clinician to meet.",
        "more-err-cons-one",
    ),
    (
        "You can ask up to three clinicians at a time.",
        "more-err-cons-three",
    ),
    (
        "Say at least one time that suits you.",
        "more-err-cons-time",
    ),
    ("Give up to five times.", "more-err-cons-five"),
    (
        "Keep each time under 200 characters.",
        "more-err-cons-time-long",
    ),
    (
        "Keep the message under 1,000 characters.",
        "more-err-cons-message-long",
    ),
    (
        "Say briefly why, so the person can look elsewhere.",
        "more-err-cons-why",
    ),
    (
        "This request has already been answered.",
        "more-err-cons-answered",
    ),
    (
        "Only a consultation the clinician accepted can be chosen.",
        "more-err-cons-accepted-only",
    ),
    (
        "Ask for 1 to 100 accounts a page.",
        "more-err-accounts-page-size",
    ),
    (
        "Choose client, clinician, family or admin.",
        "more-err-role",
    ),
    ("Pages count from 1.", "more-err-pages-from-1"),
    ("Type at most 200 characters.", "more-err-type-200"),
    ("Sleep diary", "hw-kind-sleep_diary"),
    ("Sleep window", "hw-kind-sleep_window"),
    // The therapist profile and the directory's filters (rapport_core::therapists,
    // rapport_app::therapists, api::therapists::filters_of).
    ("Choose at least one credential.", "th-err-need-credential"),
    ("Choose at least one approach.", "th-err-need-approach"),
    (
        "Choose at least one format (individual, family or group).",
        "th-err-need-format",
    ),
    (
        "Choose at least one way of meeting (in person, online or phone).",
        "th-err-need-mode",
    ),
    (
        "Choose at least one place where you may practise (such as US-CA).",
        "th-err-need-place",
    ),
    (
        "Choose at least one language you offer therapy in.",
        "th-err-need-language",
    ),
    ("List up to {}.", "th-err-list-up-to"),
    (
        "Say where you see people in person (a town or an address), or untick in person.",
        "th-err-location",
    ),
    ("Write a number of years from 0 to {}.", "th-err-years"),
    (
        "Write the fee for one session as a whole number up to {}.",
        "th-err-fee",
    ),
    ("Write a whole number.", "th-err-whole-number"),
    ("Use a BCP 47 tag such as en, es or pt-BR.", "th-err-bcp47"),
    (
        "Use an ISO 3166-2 code such as US-CA, or a country such as IE.",
        "th-err-iso",
    ),
    ("Pages are numbered from 1.", "th-err-page"),
    ("Choose one from the list.", "th-err-choose-from-list"),
    // Episodes (rapport_core::episodes): the states are the chart's labels above.
    (
        "An episode that is {w} cannot become {w}.",
        "more-err-episode-move",
    ),
    // The risk assessment's choices (rapport_app::alerts::risk), from a changed form only.
    (
        "Choose one of: none, passive, active.",
        "more-err-risk-ideation",
    ),
    (
        "Choose one of: none, vague, specific.",
        "more-err-risk-plan",
    ),
    ("Choose one of: none, some, clear.", "more-err-risk-intent"),
    (
        "Choose one of: none, preparatory, attempt.",
        "more-err-risk-behaviour",
    ),
    (
        "Choose one of: low, moderate, high.",
        "more-err-risk-judgement",
    ),
    // The online room's connection (crate::signalling).
    ("Not understood.", "more-err-room-not-understood"),
    ("Write something first.", "more-err-room-write-first"),
    (
        "You can write once you are let in.",
        "more-err-room-not-let-in",
    ),
    (
        "That line is not from this session; copy it into the note.",
        "more-err-room-not-this-session",
    ),
    (
        "In a group, only a member's own line can be saved, to their record.",
        "more-err-room-group-line",
    ),
    (
        "Only the clinician leading the session can do that.",
        "more-err-room-only-clinician",
    ),
    (
        "That did not work; try again in a moment.",
        "more-err-room-try-again",
    ),
    (
        "The room is full ({} people); you are in the waiting room until someone leaves.",
        "more-err-room-full-waiting",
    ),
    (
        "That person is no longer waiting.",
        "more-err-room-no-longer-waiting",
    ),
];

/// What a blank of a pattern held.
#[derive(Debug, PartialEq, Eq)]
enum Blank<'m> {
    /// `{}`: a number or a list of numbers ("2, 5 and 7"), passed on as written.
    Numbers(&'m str),
    /// `{w}`: a word or phrase that is itself listed here without blanks (any case), passed on
    /// in the page's language.
    Word(&'static str),
}

/// A pattern's literal parts and the kind of each blank between them.
fn parts(pattern: &str) -> (Vec<&str>, Vec<bool>) {
    let (mut literals, mut words) = (vec![], vec![]);
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        let hole = if rest[i..].starts_with("{w}") { 3 } else { 2 };
        literals.push(&rest[..i]);
        words.push(hole == 3);
        rest = &rest[i + hole..];
    }
    literals.push(rest);
    (literals, words)
}

/// The key of a blank-free entry that reads `text`, case aside ("in treatment").
fn word_key(text: &str) -> Option<&'static str> {
    PATTERNS
        .iter()
        .find(|(p, _)| !p.contains('{') && p.eq_ignore_ascii_case(text))
        .map(|(_, key)| *key)
}

/// What the blanks of `pattern` hold in `message`, when `message` is `pattern`.
fn captures<'m>(pattern: &str, message: &'m str) -> Option<Vec<Blank<'m>>> {
    let (literals, words) = parts(pattern);
    let (first, rest) = literals.split_first()?;
    let mut tail = message.strip_prefix(first)?;
    let mut out = vec![];
    for (i, (lit, word)) in rest.iter().zip(words).enumerate() {
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
        if captured.is_empty() {
            return None;
        }
        out.push(if word {
            Blank::Word(word_key(captured)?)
        } else {
            let numbers = captured
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ' || c == '.')
                || captured.contains(" and ");
            if !numbers {
                return None;
            }
            Blank::Numbers(captured)
        });
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
        let words: Vec<String> = caps
            .iter()
            .map(|c| match c {
                // "2, 5 and 7": the list's last joint is a word.
                Blank::Numbers(n) => {
                    n.replace(" and ", &format!(" {} ", t_args(lang, "list-and", &[])))
                }
                Blank::Word(key) => t_args(lang, key, &[]),
            })
            .collect();
        let names = ["a", "b", "c"];
        let args: Vec<(&str, Arg<'_>)> = words
            .iter()
            .zip(names)
            .map(|(w, n)| (n, Arg::Str(w.as_str())))
            .collect();
        return t_args(lang, key, &args);
    }
    if let Some((n, rest)) = line_of(message) {
        let rest = error_message(lang, rest);
        return t_args(
            lang,
            "more-err-line",
            &[("a", Arg::Str(n)), ("b", Arg::Owned(rest))],
        );
    }
    message.to_string()
}

/// "Line 3: Write what the line is.": the number and the message about that line (the
/// settings page names a list's line so).
fn line_of(message: &str) -> Option<(&str, &str)> {
    let (n, rest) = message.strip_prefix("Line ")?.split_once(": ")?;
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then_some((n, rest))
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
            Some(vec![Blank::Numbers("4")])
        );
        assert_eq!(
            captures(
                "Choose one of the answers for question {} (a number from {} to {}).",
                "Choose one of the answers for question 3 (a number from 0 to 3)."
            ),
            Some(vec![
                Blank::Numbers("3"),
                Blank::Numbers("0"),
                Blank::Numbers("3")
            ])
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
            "Elige una respuesta para la pregunta 4."
        );
        assert_eq!(
            error_message(
                Language::Es,
                "Choose answers for questions 2, 5 and 7. Up to two questions can be left out."
            ),
            "Elige respuestas para las preguntas 2, 5 y 7. Se pueden dejar sin responder hasta dos preguntas."
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
    fn a_line_of_a_list_and_its_message() {
        assert_eq!(
            error_message(Language::Es, "Line 2: Write what the button says."),
            "Renglón 2: Escriba lo que dice el botón."
        );
        assert_eq!(
            error_message(Language::Es, "Line 3: Something new."),
            "Renglón 3: Something new."
        );
        assert_eq!(
            error_message(Language::En, "Line 2: Write what the button says."),
            "Line 2: Write what the button says."
        );
        assert_eq!(
            error_message(Language::Es, "A group has 2 to 12 places."),
            "Un grupo tiene de 2 a 12 plazas."
        );
    }

    #[test]
    fn words_in_blanks_are_said_in_the_language() {
        use rapport_core::episodes::{EpisodeState, check_transition};
        let refused = check_transition(EpisodeState::Closed, EpisodeState::Maintenance, "why")
            .expect_err("closed cannot go to maintenance");
        assert_eq!(
            error_message(Language::Es, &refused.message),
            "Un episodio en «Cerrado» no puede pasar a «Mantenimiento (tras el alta)»."
        );
        // Every move the core refuses is said in Spanish.
        for from in EpisodeState::ALL {
            for to in EpisodeState::ALL {
                if let Err(e) = check_transition(from, to, "why") {
                    let es = error_message(Language::Es, &e.message);
                    assert!(es.starts_with("Un episodio en «"), "{}: {es}", e.message);
                }
            }
        }
        // A word that is not listed leaves the sentence as it is.
        let odd = "An episode that is sleeping cannot become closed.";
        assert_eq!(error_message(Language::Es, odd), odd);
        assert_eq!(
            error_message(
                Language::Es,
                "The room is full (6 people); you are in the waiting room until someone leaves."
            ),
            "La sala está llena (6 personas); estás en la sala de espera hasta que alguien salga."
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
