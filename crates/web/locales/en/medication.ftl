# Medication pages (issue 22): reviews with the prescriber, questions before a review, the
# one-page summary for the client's own doctor, and the caseload's "review due".

med-review-due = Review due
med-review-heading = Medication review
med-review-due-own = It has been a while since you saw your prescriber about your medicine. Ask your care team for a medication review.
med-review-due-team = No medication review with the prescriber for 12 weeks while a medicine is taken. Book a session of the kind “Medication review”.
med-review-next = Next medication review due by { $date }.
med-review-none = A medication review is due every 12 weeks while a medicine is taken.
med-questions-heading = Questions before the review
med-questions-write = Write down what you want to ask
med-questions-none = No questions listed.
med-questions-label = Questions and side effects to raise at your review on { $when } with { $with }
med-questions-hint = One a line. Your prescriber sees them before the review.
med-questions-save = Save my questions
med-summary-heading = A summary for your doctor
med-summary-own-intro = A one-page summary of your medicines, how often you took them, side effects and your PHQ-9, to print for your own doctor (GP).
med-summary-open = Open the summary to print
med-consent-ask = Your care team may print it for your doctor only if you agree.
med-consent-give = Let my care team print it
med-consent-given = You let your care team print it for your doctor. You can withdraw this at any time.
med-consent-withdraw = Withdraw my consent
med-summary-no-consent = The client has not agreed to share a summary with their doctor. They can agree on their medicines page.
med-summary-title = Summary for the doctor
med-summary-back = Back to the medicines
med-summary-print = Print
med-summary-produced = Produced on { $date }
med-summary-intro = From Rapport, the client's psychotherapy record: what the client reported, for their own doctor.
med-summary-medicines = Medicines taken now
med-summary-no-medicines = No medicine is taken now.
med-col-medicine = Medicine
med-col-dose = Dose
med-col-schedule = When it is taken
med-col-started = Started
med-summary-adherence = Medicine taken, last 4 weeks
med-summary-adherence-rate = Taken on { $rate }% of the days answered ({ $taken } of { $answered } days), from the daily check-in.
med-summary-no-adherence = No check-in answered about medicine in the last 4 weeks.
med-weeks-caption = Side effects, medicine taken and PHQ-9, week by week (newest first)
med-summary-burden = Side effects (FIBSER)
med-summary-burden-value = Last burden { $burden } of 6, on { $date }.
med-summary-no-burden = No side-effect rating yet.
med-summary-phq9 = Depression (PHQ-9) in this episode of care
med-summary-phq9-first = First
med-summary-phq9-lowest = Lowest
med-summary-phq9-latest = Latest
med-summary-phq9-count =
    { $n ->
        [one] { $n } PHQ-9 in this episode.
       *[other] { $n } PHQ-9s in this episode.
    }
med-summary-no-phq9 = No PHQ-9 in this episode yet.
med-summary-footer = Shared with the client's consent. PHQ-9: 0–27, higher is more severe. FIBSER burden: 0–6.

## The medicines page (`/medications`, `/clients/{id}/medications`)
med-title = Medicines
med-title-own = My medicines
med-list-own = What you take now
med-list = The list
med-list-empty = No medicines on the list.
med-list-none = No medication list yet.
med-stopped-badge = stopped
med-started-on = Started { $date }
med-stopped-on = stopped { $date }
med-prescribed-by = prescribed by
med-why-stopped = Why it was stopped:
med-kept-by-prescriber = Your prescriber keeps this list. If something is not right, tell them, or send a message to your care team.
med-fibser-weekly = While you take a medicine for depression, you are asked each week about side effects.
med-rate-side-effects = Rate your side effects
med-intake-own = From your intake
med-intake = From the intake
med-intake-question = Is this what you take now?
med-intake-confirm = Yes, this is right
med-change-list = Change the list
med-see-list = See the list
med-change-hint = Saving writes a new version; earlier versions are kept. To stop a medicine, give the day and why, so the history stays in view. Leave a row empty to add nothing.
med-add = Add a medicine
med-field-name = Name
med-field-stopped = Stopped (optional)
med-field-stop-reason = Why it was stopped (optional)
med-field-prescriber = Prescribed by, if not you (optional)
med-field-for-depression = For depression (asks the client about side effects each week)
med-save-list = Save the list
med-week-by-week = Week by week
med-earlier-versions = Earlier versions ({ $n })
med-version-line = Version { $version } · { $date } · { $who }
med-history-line =
    { $n ->
        [one] Version { $version } · { $date } · { $who } ({ $source }) · { $n } medicine
       *[other] Version { $version } · { $date } · { $who } ({ $source }) · { $n } medicines
    }
med-source-intake = confirmed from the intake
med-source-prescriber = prescriber
med-notice-saved = The list is saved as a new version. The client sees it now.
med-notice-confirmed = Thank you. Your prescriber keeps the list from now on.
med-notice-questions = Your questions are saved. Your prescriber sees them before the review.
med-notice-consent-given = Your care team may now print the summary for your doctor.
med-notice-consent-withdrawn = Your care team can no longer print the summary for your doctor.
med-chart-heading = Medication

## The weekly overview
med-weeks-empty = No PHQ-9, side-effect rating or medication check-in in the last weeks.
med-col-week = Week of
med-col-burden = Side effects (burden)
med-col-taken = Medicine taken
med-col-reasons = Why doses were missed
med-burden-of-six = { $burden } of 6
med-adherence-week = { $rate }% ({ $taken } of { $answered } days)

## The sleep diary (`/sleep`)
sleep-title = Sleep diary
sleep-title-own = My sleep diary
sleep-saved = Saved. Thank you.
sleep-last-night = Last night
sleep-last-night-hint = A minute each morning. Your best guess is fine; no need to watch the clock.
sleep-bedtime = When did you go to bed?
sleep-minutes-to-fall-asleep = How many minutes did it take to fall asleep?
sleep-awake-minutes = Minutes awake in the night, in all
sleep-wake-time = When did you wake for the last time?
sleep-rise-time = When did you get up?
sleep-save = Save
sleep-last-four-weeks = The last four weeks
sleep-efficiency-hint = Sleep efficiency is the time asleep out of the time in bed. Around 85% or more is usual; lower often means a lot of time lying awake.
sleep-none = No nights written down yet.
sleep-hours-minutes = { $h } h { $m } min
sleep-night-times = in bed { $bed }, asleep after { $fall } min, awake { $awake } min, woke { $wake }, up { $up }
sleep-asleep-of-in-bed = { $asleep } of { $in_bed } in bed

## The use-cases' sentences (i18n/errors.rs)
err-med-questions-many = List at most { $a } questions.
err-med-question-long = Keep each question to { $a } characters or fewer.
err-med-questions-kind = Questions are listed before a medication review only.
err-med-review-over = This review is over or cancelled; list your questions for the next one.
err-sleep-time = Enter a time like 23:30.
err-sleep-fall-minutes = Enter the minutes it took to fall asleep, from 0 to 720.
err-sleep-awake-minutes = Enter the minutes awake in the night, from 0 to 720.
err-sleep-rise-equal = The time you got up must differ from your bedtime.
err-sleep-wake-between = The time you woke must be between your bedtime and the time you got up.
