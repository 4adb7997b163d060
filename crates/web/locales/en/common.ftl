# The layout, navigation, footer and the pieces every page shares.
# Messages are HTML: write & as &amp; where a page shows it; variables are escaped.

brand = Rapport
skip-link = Skip to content
demo-banner = This is a demo.
demo-banner-wide = Every person and record here is made up. Do not enter real health information.
demo-banner-phone = Enter no real health information.
menu = Menu
menu-unread-notices = , { $n } unread notices
header-safety-plan = My safety plan
header-crisis = Crisis help
critical-alerts =
    { $n ->
        [one] { $n } critical alert
       *[other] { $n } critical alerts
    }
critical-alerts-waiting =
    { $n ->
        [one] about your clients' safety is waiting.
       *[other] about your clients' safety are waiting.
    }
critical-alerts-open = Open alerts
footer-private = Rapport keeps what you write private: it is encrypted, never sold and never shown to anyone outside your care team without your consent.
footer-crisis = If you are in crisis, get help now
language-switcher = Language:
language-en = English
language-es = Español

nav-main = Main
nav-home = Home
nav-find-therapist = Find a therapist
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-checkin = Check in
nav-sessions = Sessions
nav-progress = Progress
nav-messages = Messages
nav-account = Account
nav-your-clients = Your clients
nav-groups = Groups
nav-alerts = Alerts
nav-outcomes = Outcomes
nav-profile = Profile
nav-administration = Administration
nav-accounts = Accounts
nav-licence-checks = Licence checks
nav-notices = Notices
nav-notices-unread = Notices, { $n } unread
nav-sign-out = Sign out

errors-fix-first =
    { $n ->
        [one] Please fix this first
       *[other] Please fix these first
    }
error-prefix = Error:
optional = (optional)
no = No

## The use-cases' messages on forms ($a, $b, $c: numbers, or a list of them).
## The err-* messages are plain text (a page escapes them), not HTML.
list-and = and
err-item9-required = Choose an answer for question 9. It is the one question that cannot be skipped.
err-choose-answer = Choose an answer for question { $a }.
err-out-of-range = Choose one of the answers for question { $a } (a number from { $b } to { $c }).
err-too-many-missing = Choose answers for questions { $a }. Up to two questions can be left out.
err-mood = Choose your mood today, from 0 to 10.
err-sleep = Enter the hours you slept, from 0 to 24.
err-sleep-quarter = Enter the hours you slept in quarter hours, for example 7, 7.25 or 7.5.
err-medication = Choose whether you took your medication: taken, missed or not prescribed.
err-self-harm = Answer yes, no or skip.
err-too-long = Keep this to { $a } characters or fewer.
err-too-many-signs = Tick at most { $a } warning signs.
err-email-format = Enter an e-mail address like name@example.org.
err-email-empty = Enter your e-mail address.
err-name-empty = Enter the name you would like us to use.
err-name-long = Use 100 characters or fewer.
err-name-chars = Use letters, spaces and punctuation only.
err-password-short = Use at least { $a } characters. A few words together are easy to remember.
err-password-long = Use { $a } characters or fewer.
err-password-email = Choose a password that is not your e-mail address.
err-password-guessable = Choose a password that is harder to guess.
err-check-name-email = Check your name and e-mail address.
err-email-taken = An account with this e-mail address already exists. Sign in instead, or reset your password.
err-wrong-current-password = That is not your current password.
err-totp-wrong = That code did not match. Check the time on your phone and try the newest code.
err-bad-timezone = Choose a timezone from the list, like America/Chicago or Europe/London.
notice-checkin-saved = Check-in saved. Thank you.
notice-password-changed = Your password is changed. You are signed out everywhere else.
notice-saved = Saved.
notice-language-saved = Your language is saved.
notice-totp-on = Two-step sign-in is on.
notice-feedback = Thank you for your feedback. Your therapist will see it.
notice-therapist = Thank you for telling us. The practice will be in touch about a different therapist.
notice-answered = Your answer is sent.
notice-joined = Welcome. Below is what each person shares with you.
notice-chosen = You have chosen your therapist: they are on your care team below. Your episode of care has started.
notice-calendar-stopped = The calendar address is stopped. Calendar apps subscribed to it get nothing more.
notice-notification-settings = Your notification settings are saved.
notice-signed-out = You are signed out.
err-bad-credentials = E-mail address or password is not right.
err-throttled = Too many attempts. For your safety, wait a little and try again.
err-signed-out = Please sign in to continue.
err-csrf = This form has expired. Go back, reload the page and send it again.
err-consent = Tick the box to agree, so we can keep your information safe for your care.
err-forbidden = You do not have access to this page.
err-not-found = We could not find that page.
err-internal = Something went wrong on our side. Nothing you entered was lost; please try again.
err-invalid = Something in the request was not right. Go back, check what you entered and try again.
save = Save
label-daily-checkin = Daily check-in
label-today = today
label-intake-not-started = not started yet
label-intake-draft = started; carry on where you left off
label-intake-sent = sent
label-role-therapist = Therapist
label-role-psychiatrist = Psychiatrist (medication)
label-role-co-therapist = Co-therapist
label-role-supervisor = Supervisor
plan-step-1 = 1. My warning signs
plan-step-1-prompt = Thoughts, feelings, situations or behaviour that tell me a crisis may be starting.
plan-step-2 = 2. Things I can do on my own
plan-step-2-prompt = What takes my mind off things or helps me feel calmer, without contacting anyone.
plan-step-3 = 3. People and places that distract me
plan-step-3-prompt = People I can be with and places I can go to take my mind off things.
plan-step-4 = 4. People I can ask for help
plan-step-4-prompt = Names and phone numbers of people I can tell that I am struggling.
plan-step-5 = 5. Professionals and crisis lines
plan-step-5-prompt = My clinician, my doctor, an emergency department, and crisis lines such as 988.
plan-step-6 = 6. Making my surroundings safer
plan-step-6-prompt = What I can put away or ask someone to keep, so that I am safer during a crisis.
error-demo-made-up = Every person and record here is made up.
error-heading = Sorry, that did not work
error-home = Go to your home page
staying-section-triggers = What can set me back
staying-section-triggers-prompt = Situations, dates, stresses or changes that have made my mood drop before.
staying-section-helps = What helps me stay well
staying-section-helps-prompt = The habits, activities and skills from therapy that keep me well, and what to do more of when the signs appear.
staying-section-contacts = Who I will contact
staying-section-contacts-prompt = The people and professionals I will tell when I notice my warning signs, with their numbers.
staying-section-booster = When I will ask for a booster session
staying-section-booster-prompt = For example: two weeks of my warning signs, or a PHQ-9 of 10 or more. A booster session is a short return to therapy to get back on track.
label-in-person = In person
label-online = Online
label-by-phone = By phone
label-request-accepted = Moved to a time you proposed
label-request-moved = Moved to another time
label-request-declined = Kept at its time
label-attended = Attended
label-late-cancelled = Cancelled late
label-no-show = Did not attend
label-individual = Individual
label-family = Family
label-group = Group
where-own-room = in Rapport's own room
where-join = Join
where-join-sr = the online session
request-asked-on = You asked for another time on { $when }
request-proposing = , proposing
request-or = or
request-your-reason = Your reason:
request-not-answered = Your therapist has not answered yet. Until then the session stays as it is.
