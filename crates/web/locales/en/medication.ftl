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
med-error = Error:
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
med-summary-adherence-rate = Taken on { $rate } % of the days answered ({ $taken } of { $answered } days), from the daily check-in.
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
