# More pages made Spanish (issue 21): licence checks, the report's periods, use-case sentences, sleep homework.


## The clinicians' licence checks (/admin/clinicians)
more-verify-title = Licence checks
more-verify-lead = A clinician is listed in the public directory once you record a check of their licence, while they accept new clients. Record the licence number, the state or country that issued it, and the day you checked it with the licensing board.
more-verify-none = No clinician accounts yet.
more-verify-state-disabled = Account disabled: not listed
more-verify-state-no-profile = No profile yet: not listed
more-verify-state-unchecked = Licence not checked: not listed
more-verify-state-not-accepting = Not accepting new clients: not listed
more-verify-state-listed = Listed in the directory
more-verify-checked = Licence <span translate="no">{ $number }</span> (<span translate="no">{ $issuer }</span>) checked on { $date }
more-verify-number = Licence number
more-verify-issuer = Issued by (state or country)
more-verify-date = Date checked
more-verify-record = Record the check
more-verify-record-for = for <span translate="no">{ $name }</span>

## The outcome report: a period's row
more-report-month = { $n ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
more-report-quarter = Q{ $n } { $year }

## A use-case's message about one line of a list (the crisis lines)
more-err-line = Line { $a }: { $b }

## The sleep homework (sleep_diary, sleep_window): kinds, purposes, the form's words
hw-kind-sleep_diary = Sleep diary
hw-kind-sleep_window = Sleep window
hw-purpose-sleep_diary = Write down each night when you went to bed, slept, woke and got up.
hw-purpose-sleep_window = Keep the same bedtime and rise time every day, and note how it went.
more-hw-f-nights = Nights
more-hw-f-night = Night
more-hw-f-morning = The morning it ended
more-hw-f-bedtime = Went to bed at
more-hw-f-fall-asleep = Minutes to fall asleep
more-hw-f-awake = Minutes awake in the night
more-hw-f-woke = Woke for the last time at
more-hw-f-rose = Got up at
more-hw-f-window-bedtime = Bedtime to keep
more-hw-f-window-rise = Time to get up, every day
more-hw-f-window-how = How keeping to it went (optional)

## Use-case sentences (listed in i18n/errors.rs)
more-notice-licence-recorded = The licence check is recorded.
more-err-licence-number = Write the licence number.
more-err-licence-issuer = Write the state or country that issued the licence.
more-err-licence-date = Write the date you checked the licence.
more-err-licence-future = The date checked cannot be in the future.
more-err-date-like = Write the date like 2026-11-30.
more-err-date-iso = Give a date as YYYY-MM-DD.
more-err-end-after-start = Give an end after the start.
more-err-at-most-chars = Use at most { $a } characters.
more-err-day-or-instant = Use a day like 2026-12-01 or an instant like 2026-12-01T08:00:00Z.
more-err-account-id = Give an account's id.
more-err-outcome = Use ok, denied or failed.
more-err-audit-page = Use a page from 1 to 200; go further back with `before`.
more-err-sequence = Use a sequence number.
more-err-whole-number = Use a whole number from 1.
more-err-country-code = Use the country's two-letter code, like US, GB or DE.
more-err-crisis-lines-many = Give at most { $a } crisis lines.
more-err-crisis-link = Write a tel:, sms: or https:// link.
more-err-crisis-label = Write what the line is.
more-err-crisis-action = Write what the button says.
more-err-crisis-href = Start the link with tel:, sms: or https://, without spaces.
more-err-schedule-what = Use checkin, phq9, gad7 or who5.
more-err-group-name = Give the group a name.
more-err-group-approach = Choose the approach the group follows.
more-err-group-places = A group has { $a } to { $b } places.
more-err-group-weeks = A group runs { $a } to { $b } weeks.
more-err-group-schedule = Say when the group meets, e.g. Wednesdays 18:00–19:30.
more-err-group-empty = Nobody has joined the group yet; schedule its sessions once someone has.
more-err-group-note = Write the note about the group.
more-err-med-many = List at most { $a } medicines.
more-err-med-started = Enter the day the medicine was started (or the best guess).
more-err-med-stop-before = The day it was stopped cannot be before the day it was started.
more-err-med-stop-reason = Enter the day it was stopped, or leave the reason empty.
more-err-use-date = Use a date like 2026-11-30.
more-err-med-reason-missed = A reason goes with a missed dose only; leave it out, or choose missed.
more-err-med-intake-none = Your intake lists no medicines to confirm.
more-err-intake-med-many = List up to { $a } medicines; tell your clinician about the rest.
more-err-intake-med-name = Write the name of the medicine (or clear the dose and prescriber).
more-err-sleep-morning = Choose a morning from the last 30 days, today at the latest.
more-err-sleep-bedtime = Enter the bedtime to keep.
more-err-sleep-minutes = Enter the minutes, from 0 to 720.
more-err-sleep-one-night = Write down at least one night.
more-err-sleep-rise-bedtime = The time to get up must differ from the bedtime.
more-err-day-like-1130 = Give the day, like 2026-11-30.
more-err-day-like-1231 = Give the day, like 2026-12-31.
more-err-number-to = Choose a number from 0 to { $a }.
more-err-rows = Keep to { $a } rows or fewer.
more-err-last-day = Give the last day, like 2026-12-31.
more-err-time-24h = Give the time on the 24-hour clock, like 14:30, or leave it empty.
more-err-hot-thought = Mark one thought as the hot thought: the one with the most feeling.
more-err-situation = Say where you were and what happened.
more-err-did-it-first = Tick that you did it to rate how much you enjoyed it.
more-err-not-a-day = That is not a day of this exercise (or it has not come yet).
more-err-every = Choose every day or every week.
more-err-today-or-later = Choose today or a later day.
more-err-last-after-first = The last day comes on or after the first.
more-err-repeat-year = Repeat for a year at most, then assign it again.
more-err-choose-exercise = Choose one of the exercises.
more-err-choose-exercise-custom = Choose one of the exercises; a custom one comes from your therapist.
more-err-exercise-what = Say what the exercise is: the client sees only this.
more-err-instructions = Instructions come from your therapist; write your thoughts in the exercise itself.
more-err-session-minutes = A session lasts { $a } to { $b } minutes.
more-err-session-weeks = Choose 1 (once) up to { $a } weekly sessions.
more-err-session-kind = Choose an individual, family or group session.
more-err-session-modality = Choose in person, online or by phone.
more-err-session-who = Choose who the session is with.
more-err-session-one-client = An individual or family session is with one client; choose a group session for more.
more-err-session-link = Leave it empty for the session's own room, or give an outside meeting link starting with https://.
more-err-attendance-early = Attendance is recorded once the session has started.
more-err-attendance-cancelled = This session was cancelled; there is no attendance to record.
more-err-attendance-choice = Choose attended, cancelled late or did not attend.
more-err-session-when = Choose the date and time of the session.
more-err-time-future = Choose a time in the future.
more-err-new-when = Choose the new date and time.
more-err-session-client = Choose a client of this session.
more-err-propose-future = Propose a time in the future.
more-err-propose-many = Propose up to { $a } times.
more-err-time-n = Time { $a }: give the date and the time, like 14:30.
more-err-move-asked = You have asked to move this session already; your therapist will answer.
more-err-move-answer = Choose a time the client proposed, another time, or keep the time.
more-err-move-proposed = Choose one of the times proposed.
more-err-move-started = This session has started; schedule a new one instead.
more-err-time-passed = That time has passed; choose another.
more-err-room-full = The room holds { $a } people; someone must leave first.
more-err-plan-approach = Choose the approach.
more-err-plan-ipt-focus = Interpersonal therapy needs its focus area: grief, role disputes, role transitions or interpersonal deficits.
more-err-plan-focus-other = A focus area belongs to interpersonal therapy only; leave it empty for this approach.
more-err-plan-format = Choose individual, family or group sessions.
more-err-plan-modality = Choose in person, online, by phone or a mix.
more-err-plan-frequency = Choose how often you will meet.
more-err-plan-sessions = Give the expected number of sessions, from 1 to { $a }.
more-err-plan-review = Choose a review date from today on.
more-err-plan-measures = Choose target measures from PHQ-9, GAD-7 and WHO-5.
more-err-plan-one-part = Write at least one part. You can add the others later.
more-err-signs-many = Twenty signs is the most; take one off first.
more-err-goal-progress = Choose how far along it is, from 0 (not started) to 10 (reached).
more-err-goal-reached = Say what it will look like when the goal is reached.
more-err-goal-close = Choose achieved or dropped.
more-err-say-why = Say why, in a sentence.
more-err-say-why-record = Say why, in a sentence: it stays in the record.
more-err-episode-state = Choose active, maintenance or closed.
more-err-episode-none = The client has no open episode; start one first.
more-err-note-signed = This note is signed and cannot be changed. Add a dated amendment instead.
more-err-note-amend-draft = Amendments are for signed notes; change the draft itself.
more-err-alert-action = Write what you did or will do, in a sentence or two.
more-err-library-page = Choose a page of the library.
more-err-observation-note = Keep the note to 500 characters or fewer.
more-err-observation-reason = Keep the reason to 500 characters or fewer.
more-err-observation-empty = Tick at least one sign, or write a short note.
more-err-observation-signs = Tick fewer signs: one observation holds at most 50.
more-err-observation-hide = Record the safety reason for hiding this from the client.
more-err-not-their-sign = This is not one of their warning signs.
more-err-not-your-sign = This is not one of your warning signs.
more-err-already-listed = This is already in the list.
more-err-reminder-mails = Choose a number from 0 (no reminder e-mails) to { $a }.
more-err-time-hhmm = Give a time as HH:MM, for example 21:00.
more-err-quiet-end = Give the time quiet hours end, or clear both times for no quiet hours.
more-err-quiet-start = Give the time quiet hours start, or clear both times for no quiet hours.
more-err-quiet-same = Quiet hours must end at another time than they start.
more-err-notice-not-sent = You are not sent this kind of notice.
more-err-notice-kind = There is no such kind of notice.
more-err-cons-one = Choose at least one clinician to meet.
more-err-cons-three = You can ask up to three clinicians at a time.
more-err-cons-time = Say at least one time that suits you.
more-err-cons-five = Give up to five times.
more-err-cons-time-long = Keep each time under 200 characters.
more-err-cons-message-long = Keep the message under 1,000 characters.
more-err-cons-why = Say briefly why, so the person can look elsewhere.
more-err-cons-answered = This request has already been answered.
more-err-cons-accepted-only = Only a consultation the clinician accepted can be chosen.
more-err-accounts-page-size = Ask for 1 to 100 accounts a page.
more-err-role = Choose client, clinician, family or admin.
more-err-pages-from-1 = Pages count from 1.
more-err-type-200 = Type at most 200 characters.

# Episodes: $a and $b are the chart's state labels, in the page's language.
more-err-episode-move = An episode that is { $a } cannot become { $b }.
# The risk assessment's choices, when a changed form sends another word.
more-err-risk-ideation = Choose one of: none, passive, active.
more-err-risk-plan = Choose one of: none, vague, specific.
more-err-risk-intent = Choose one of: none, some, clear.
more-err-risk-behaviour = Choose one of: none, preparatory, attempt.
more-err-risk-judgement = Choose one of: low, moderate, high.
# The online room's connection: what the server answers the room's script.
more-err-room-not-understood = Not understood.
more-err-room-write-first = Write something first.
more-err-room-not-let-in = You can write once you are let in.
more-err-room-not-this-session = That line is not from this session; copy it into the note.
more-err-room-group-line = In a group, only a member's own line can be saved, to their record.
more-err-room-only-clinician = Only the clinician leading the session can do that.
more-err-room-try-again = That did not work; try again in a moment.
more-err-room-full-waiting = The room is full ({ $a } people); you are in the waiting room until someone leaves.
more-err-room-no-longer-waiting = That person is no longer waiting.
