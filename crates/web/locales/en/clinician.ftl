# The clinician's daily pages: the caseload, the chart, alerts, sessions and their notes.
# Messages are HTML: write & as &amp; where a page shows it; variables are escaped.

## The caseload (/home)
cl-home-title = Your clients
cl-home-emergency = A client who is not yours needs help now?
cl-home-emergency-link = Emergency access
cl-home-consultations = Requests for a consultation
cl-home-consultations-waiting =
    { $n ->
        [one] { $n } person asks to meet you.
       *[other] { $n } people ask to meet you.
    }
cl-home-consultations-answer = Answer: accept with a time, or decline
cl-home-talk = Worth talking about how therapy is going
cl-home-talk-why = Eight or more sessions without a reliable improvement on the PHQ-9 (a fall of 6 points). The client's home offers to talk about it with you, and the option of someone else.
cl-home-talk-sessions = { $n } sessions
cl-home-none = No clients are on your care teams yet. An administrator adds you to a client's care team.
cl-home-filter = Filter your clients
cl-home-show = Show
cl-home-name = Name
cl-home-table = Your clients, most urgent first
cl-home-caption =
    { $n ->
        [one] { $shown } of { $n } client, most urgent first: critical alerts, then high, then not on track
       *[other] { $shown } of { $n } clients, most urgent first: critical alerts, then high, then not on track
    }
cl-home-col-client = Client
cl-home-col-alerts = Alerts
cl-home-col-latest = Latest PHQ-9
cl-home-col-since = Since the start
cl-home-col-progress = Progress
cl-home-col-checkin = Last check-in
cl-home-col-next = Next session
cl-home-homework-new = { $n } new
cl-home-homework-review = {" "}homework to review
cl-home-acknowledged = (acknowledged)
cl-home-none-yet = none yet
cl-home-never = never
cl-home-none-booked = none booked
cl-home-no-match = No client matches.
cl-home-everyone = Show everyone
cl-today = today
cl-yesterday = yesterday
cl-days-ago = { $n } days ago
cl-reason-alert =
    { $more ->
        [0] { $level } alert: { $kind }
       *[other] { $level } alert: { $kind } (+{ $more } more)
    }
cl-reason-alert-acknowledged =
    { $more ->
        [0] { $level } alert: { $kind }, acknowledged
       *[other] { $level } alert: { $kind }, acknowledged (+{ $more } more)
    }
cl-reason-not-on-track = Not on track
cl-reason-not-on-track-latest = Not on track: PHQ-9 { $total }
cl-reason-not-on-track-since = Not on track: PHQ-9 { $total }, { $points } since the start
cl-reason-not-started = Not started yet
cl-reason-no-checkin-days = No check-in for { $n } days
cl-reason-no-checkin = No check-in yet
cl-reason-no-phq9 = No PHQ-9 yet
cl-change-improvement = { $points }, reliable improvement
cl-change-deterioration = { $points }, reliable deterioration
cl-change-points = { $points }

## Words the use-cases give (listed in i18n/errors.rs)
cl-level-critical = critical
cl-level-high = high
cl-level-medium = medium
cl-level-low = low
cl-level-critical-capital = Critical
cl-level-high-capital = High
cl-level-medium-capital = Medium
cl-level-low-capital = Low
cl-flag-safety = safety
cl-flag-deterioration = deterioration
cl-flag-relapse = relapse
cl-flag-not-on-track = not on track
cl-flag-warning-signs = warning signs
cl-flag-disengagement = disengagement
cl-flag-alliance = alliance
cl-flag-side-effects = side effects
cl-progress-not-started = not started
cl-progress-see-alert = see alert
cl-progress-too-early = too early to tell
cl-progress-on-track = on track
cl-filter-everyone = Everyone
cl-filter-alerts = With open alerts
cl-filter-not-on-track = Not on track
cl-filter-no-checkin = No check-in for 7 days
cl-status-open = open
cl-status-acknowledged = acknowledged
cl-status-resolved = resolved

## The chart (/clients/{id})
cl-chart-record-risk = Record a risk assessment
cl-chart-safety-plan = Safety plan
cl-chart-treatment-plan = Treatment plan
cl-chart-goals = Goals
cl-chart-staying-well = Staying well
cl-chart-messages = Messages
cl-chart-summary = Summary
cl-chart-latest-measures = Latest measures
cl-chart-no-questionnaire = No questionnaire yet.
cl-chart-open-alerts = Open alerts
cl-chart-none = None.
cl-chart-next-session = Next session
cl-chart-none-booked = None booked.
cl-chart-schedule-one = Schedule one
cl-chart-notes-to-write = Notes to write
cl-chart-n-sessions =
    { $n ->
        [one] { $n } session
       *[other] { $n } sessions
    }
cl-chart-plans = Plans
cl-chart-not-written = not written
cl-chart-goals-open = { $n } being worked on
cl-chart-goals-closed = , { $n } closed
cl-chart-on-this-page = On this page
cl-chart-alerts = Alerts
cl-chart-medication = Medication
cl-chart-observations = Family observations
cl-chart-sessions = Sessions
cl-chart-homework = Homework
cl-chart-charts = Charts
cl-chart-timeline = Timeline
cl-chart-feedback = Session feedback
cl-chart-intake = Intake
cl-chart-episode = Episode of care
cl-chart-recommend-page = Recommend a page
cl-chart-schedule = Measurement schedule
cl-chart-about = About
cl-chart-team = Care team
cl-chart-no-open-alerts = No open alerts.
cl-chart-observations-about = What family members the client invited noticed. Their ticked signs count toward the warning-signs flag like the client’s own. The client sees every observation unless you hide it for a safety reason.
cl-chart-none-yet = None yet.
cl-chart-noticed = Noticed:
cl-chart-hidden = hidden
cl-chart-hide-summary = Hide from the client
cl-chart-hide-reason = The safety reason (kept on record)
cl-chart-hide-button = Hide it from the client
cl-chart-schedule-session = Schedule a session
cl-chart-no-sessions = No sessions yet.
cl-chart-earlier-sessions = { $n } earlier sessions
cl-chart-notes-none = None: every session of yours that { $name } attended has a signed progress note.
cl-chart-notes-due = Your sessions with { $name } that have begun, oldest first, without a signed progress note.
cl-chart-attendance-not-recorded = attendance not recorded
cl-chart-completion = Completion: <strong>{ $pct }%</strong> of the homework that came due was done.
cl-chart-completion-none = Completion: <span class="muted">nothing has come due yet</span>.
cl-chart-no-homework = No homework yet.
cl-chart-entry-draft = being written (a draft, not sent yet).
cl-chart-entry-sent = sent
cl-chart-reviewed = Reviewed
cl-chart-comment-for = Comment for { $name } (optional)
cl-chart-mark-reviewed = Mark reviewed
cl-chart-assign-homework = Assign homework
cl-chart-exercise = Exercise
cl-chart-instructions = Instructions (optional; needed for "{ $custom }")
cl-chart-due-on = Due on (optional)
cl-chart-repeat = Repeat
cl-chart-repeat-until = Repeat until (for a repeat)
cl-chart-assign = Assign
cl-chart-nothing-yet = Nothing yet.
cl-chart-show-all-lines = Show all { $n } lines
cl-chart-no-feedback = No feedback yet. The client is asked after each attended session.
cl-chart-feedback-caption = Answers from 0 to 10, newest first; 5 or lower raises an alliance alert
cl-chart-fb-date = Date
cl-chart-fb-heard = Heard and respected
cl-chart-fb-worked = Worked on what they wanted
cl-chart-fb-approach = Approach fits
cl-chart-fb-overall = Overall
cl-chart-fb-comment = Comment
cl-chart-no-plan = No treatment plan yet.
cl-chart-open-plan = Open or change the plan
cl-chart-write-plan = Write the plan
cl-chart-intake-none = Nothing written yet. The client finds the intake on their home page.
cl-chart-no-episode = No episode yet: one starts with the first questionnaire or check-in, or here.
cl-chart-since = since { $date }
cl-chart-change-to = Change to
cl-chart-episode-start = Start an episode (in treatment)
cl-chart-episode-start-treatment = Start treatment (after getting to know each other)
cl-chart-episode-reopen = Re-open (back in treatment)
cl-chart-episode-maintenance = Discharge to staying well (monthly PHQ-9)
cl-chart-episode-close = Close the episode
cl-chart-why = Why
cl-chart-episode-change = Change the episode
cl-chart-recommend = Recommend something to read
cl-chart-library-page = A page of the library
cl-chart-for-whom = For whom
cl-chart-for-client = For the client
cl-chart-for-family = For the family (family members the client lets read pages)
cl-chart-recommend-button = Recommend
cl-chart-every = { $what }: every how many days (0 = not asked)
cl-chart-save-schedule = Save the schedule
cl-chart-email = E-mail address
cl-chart-timezone = Timezone
cl-chart-with-since = With Rapport since
cl-chart-emergency-contact = Emergency contact
cl-chart-not-given = not given
cl-chart-opening-recorded = Opening this record is recorded, and { $name } can see that you did.
cl-chart-version = version { $version }, { $date }
cl-chart-plan-agreed = agreed { $date }
cl-chart-plan-not-agreed = not yet agreed
cl-chart-plan-line = { $approach }, { $frequency }, { $n } sessions (version { $version }, { $agreed })
cl-chart-episode-started = started: { $state }
cl-topic-measure = measure
cl-topic-flag = flag
cl-topic-session = session
cl-topic-note = note
cl-topic-plan = plan
cl-topic-goal = goal
cl-topic-episode = episode
cl-topic-intake = intake
cl-session-what = { $kind }, { $where }, { $minutes } min

## The chart's words from the use-cases (listed in i18n/errors.rs)
cl-notice-schedule = Schedule saved.
cl-notice-risk = Risk assessment saved.
cl-notice-episode = The episode is updated.
cl-notice-recommended = Recommended. The client sees it on their library page.
cl-notice-recommended-family = Recommended for the family. Family members the client lets read pages see it.
cl-notice-homework = Homework assigned. The client sees it on their home page.
cl-notice-reviewed = Marked reviewed. The client sees your comment.
cl-notice-hidden = Hidden from the client. It stays here and still counts toward the warning-signs flag.
cl-notice-hide-reason = Not hidden: record the safety reason (up to 500 characters) to hide it.
cl-note-state-draft = draft saved, not signed
cl-intake-draft = being written (a draft)
cl-episode-label-consultation = Getting to know each other
cl-episode-label-active = In treatment
cl-episode-label-maintenance = Staying well (after discharge)
cl-episode-label-closed = Closed
cl-episode-label-unknown = Unknown
cl-attendance-attended = attended
cl-attendance-late-cancelled = cancelled late
cl-attendance-no-show = did not attend
cl-session-cancelled = cancelled
cl-session-upcoming = upcoming
cl-approach-cbt = Cognitive behavioural therapy (CBT)
cl-approach-behavioural-activation = Behavioural activation
cl-approach-cognitive-therapy = Cognitive therapy
cl-approach-interpersonal = Interpersonal therapy (IPT)
cl-approach-psychodynamic = Psychodynamic therapy
cl-approach-family = Family therapy
cl-approach-group = Group therapy
cl-frequency-weekly = Every week
cl-frequency-twice-weekly = Twice a week
cl-frequency-fortnightly = Every two weeks
cl-frequency-monthly = Every month

## Alerts (/alerts and the chart's cards)
cl-alerts-title = Alerts
cl-alerts-none = No new alerts. Well done keeping up.
cl-alerts-acknowledged = Acknowledged, not yet resolved
cl-alert-triage = <strong>No care team yet.</strong> You see this on triage duty.
cl-alert-take-on = Take on { $name } as their therapist
cl-alert-on-call = <strong>Escalated to you on call.</strong> You are not on { $name }'s care team: you can read their record and acknowledge or resolve this flag until it is resolved.
cl-alert-suggested = Suggested:
cl-alert-opened = Opened
cl-alert-escalated = <strong>Escalated</strong> because nobody acknowledged it in time: { $words }.
cl-alert-acknowledged = Acknowledged:
cl-open-safety-plan = Open the safety plan
cl-alert-what-did-you-do = What did you do, or what will you do?
cl-alert-acknowledge = Acknowledge
cl-alert-how-resolved = How was it resolved?
cl-alert-resolve = Resolve
cl-escalated-on-call = { $when } to { $names } (on call)
cl-escalated-triage = { $when } to { $names } (on triage duty; nobody was on call)
cl-escalated-nobody = { $when }, but nobody was on call or on triage duty to be told
# The rules' explanations (rapport_core::alerts::Rule::explanation, by its id) and the kinds'
# suggestions (FlagKind::suggestion): English is the core's own text.
cl-rule-safety_item9 = PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself) was answered 'several days' or more. This flags whatever the total. It is a flag, not a risk assessment: assess risk and review the safety plan.
cl-rule-safety_item9_unanswered = The question about thoughts of self-harm (PHQ-9 item 9) was left unanswered. The questionnaire was refused and the client asked to answer it; leaving it blank is itself worth asking about.
cl-rule-safety_self_harm_check_in = In the daily check-in, the client answered yes to 'Have you had thoughts that you would be better off dead, or of hurting yourself, today?' (the same as PHQ-9 item 9 answered 1 or more). It is a flag, not a risk assessment: assess risk and review the safety plan.
cl-rule-safety_risk_assessment = The latest structured risk assessment judged the risk high.
cl-rule-deterioration_from_baseline = PHQ-9 is 6 or more points above the episode's baseline (reliable deterioration).
cl-rule-deterioration_from_lowest = PHQ-9 is 6 or more points above its lowest point in this episode (reliable deterioration).
cl-rule-gad7_deterioration_from_baseline = GAD-7 (a target measure of the treatment plan) is 4 or more points above the episode's baseline (reliable deterioration).
cl-rule-gad7_deterioration_from_lowest = GAD-7 (a target measure of the treatment plan) is 4 or more points above its lowest point in this episode (reliable deterioration).
cl-rule-relapse = After a sustained remission (PHQ-9 below 5 on measures at least 14 days apart), PHQ-9 is back at 10 or more: an early warning of relapse, raised on the first such measure. It counts as a relapse once confirmed by a second measure of 10 or more at least 14 days later, or by the clinician.
cl-rule-recurrence = 6 months or more after a sustained remission began (PHQ-9 below 5 on measures at least 14 days apart), PHQ-9 is back at 10 or more: an early warning of recurrence, raised on the first such measure. It counts once confirmed by a second measure of 10 or more at least 14 days later, or by the clinician.
cl-rule-not_on_track_default = From the 3rd measure on, PHQ-9 is above the edge of the expected-recovery band (the default curve: the expected score for this baseline and measure, plus 5 points).
cl-rule-not_on_track_practice = From the 3rd measure on, PHQ-9 is above the edge of the expected-recovery band (this practice's finished episodes with a baseline in the same band: worse than three in four of them at this measure).
cl-rule-warning_sign_days = The client's own early warning signs were reported on 2 or more of the last 7 days (by the client or a consented family member; each day counts once).
cl-rule-low_mood_run = Mood was 3 or lower (of 10) on 3 check-ins in a row within 5 days (days without a check-in do not break the run).
cl-rule-medication_missed = Medication was missed on 3 or more of the last 7 days.
cl-rule-sleep_change = Sleep was 2 hours or more away from the client's usual (the median of the 14 days before) on 3 nights running.
cl-rule-missed_in_a_row = Two scheduled items in a row (measures, sessions or homework) were missed.
cl-rule-no_check_in = No check-in for 14 days or more in an active episode (not in maintenance, which its monthly PHQ-9 watches).
cl-rule-feedback_low_answer = Session feedback had an answer of 5 or lower (of 10).
cl-rule-feedback_below_own_average = The session's overall rating was 3 or more points below the client's own average of earlier sessions.
cl-rule-side_effects_burden = FIBSER: the side effects of the medicine got in the way of daily activities with a burden of 3 or 4 (of 6): they need addressing (dose, timing, a remedy).
cl-rule-side_effects_burden_high = FIBSER: the side effects of the medicine got in the way of daily activities with a burden of 5 or 6 (of 6): consider a lower dose or another medicine.
cl-suggest-safety = Contact the client today, record a structured risk assessment, and go through the safety plan together.
cl-suggest-deterioration = Talk with the client about what has changed; review the treatment plan, its intensity, and whether a medication review is needed.
cl-suggest-relapse = Offer a booster session soon and go through the plan for staying well together.
cl-suggest-not_on_track = Talk about progress at the next session; consider changing the approach or the frequency of sessions.
cl-suggest-warning_signs = Check in with the client about the signs they ticked, and what their plan for staying well says to do.
cl-suggest-disengagement = Reach out to the client and ask what gets in the way; offer another time or another way to meet.
cl-suggest-alliance = Talk about fit at the next session: what helps and what does not. Consider another approach, or another therapist if the client wishes.
cl-suggest-side_effects = The prescriber reviews the medicine with the client: dose, timing or a remedy for the side effects (burden 3–4), or a lower dose or another medicine (burden 5–6). Ask whether doses are being missed because of them.

## A session (/sessions/{id})
cl-session-title = Session of { $when }
cl-session-all = All sessions
cl-session-request-note = A client asked for another time: <a href="#requests">answer below</a>.
cl-session-details = Details
cl-session-when = When
cl-session-cancelled-badge = cancelled
cl-session-length = Length
cl-session-minutes = { $n } minutes
cl-session-kind = Kind
cl-session-series = part of a weekly series
cl-session-where = Where
cl-session-with = With
cl-session-taking-part = Taking part
cl-session-you-and =
    { $n ->
        [one] You and { $n } other
       *[other] You and { $n } others
    }
cl-session-also = Also taking part
cl-session-others =
    { $n ->
        [one] { $n } client not on your caseload
       *[other] { $n } clients not on your caseload
    }
cl-session-own-part = you see your own clients' part only
cl-session-family = Family attending
cl-session-you = You
cl-session-you-member = You
cl-session-cancelled-capital = Cancelled
cl-session-not-recorded = Not recorded yet
cl-session-coming-up = Coming up. <a href="/sessions">Ask for another time</a> from your sessions.
cl-session-your-requests = Your requests for another time
cl-session-progress-note = Progress note
cl-session-for-name = {" "}for { $name }
cl-session-joined = Came into the online room at { $when }
cl-session-confirm-attended = attendance is offered as “Attended” below; confirm it
cl-session-chat = Saved from the session's chat
cl-session-did-attend = Did { $name } attend?
cl-session-change-attendance = Change attendance
cl-session-record-attendance = Record attendance
cl-session-attendance-later = Attendance can be recorded once the session has started.
cl-session-only-team = Only a clinician on the care team of every client in it can move or cancel this session.
cl-session-move = Move to another time
cl-session-new-date-time = New date and time
cl-session-tz-hint = In your timezone: { $tz }; the time on the 24-hour clock, like 14:30.
cl-session-only-this = Only this session moves, not the rest of the series.
cl-session-new-date = New date
cl-session-new-time = New time
cl-session-move-why-hint = Everyone in the session sees the new time and this reason.
cl-session-move-button = Move the session
cl-session-cancel = Cancel the session
cl-session-cancel-confirm = Cancel this session? The client sees it as cancelled.
cl-session-history = History
cl-session-no-changes = No changes since it was scheduled.
cl-session-moved-it = moved it from { $from } to { $to }
cl-session-cancelled-it = cancelled it
cl-session-asked-another = asked for another time
cl-session-you-asked-another = asked for another time
cl-notice-attendance = Attendance recorded.
cl-notice-moved = The session is moved. It shows at the new time in everyone's calendar.
cl-notice-session-cancelled = The session is cancelled.
cl-notice-scheduled = The session is scheduled.
cl-notice-scheduled-weekly = { $a } weekly sessions are scheduled; this is the first.

## A progress note (/sessions/{id}/notes/{client})
cl-note-title = Progress note: { $name }, { $when }
cl-note-heading = Progress note: { $name }
cl-note-back = Back to the session
cl-note-private-label = Your psychotherapy note
cl-note-last-saved = Last saved { $when }.
cl-note-not-written = Not written yet.
cl-note-save = Save
cl-note-the-note = The note
cl-note-signed = signed
cl-note-draft = draft
cl-note-signed-on = Signed on { $when }. A signed note cannot be changed; corrections are added below as dated amendments.
cl-note-data = Data
cl-note-assessment = Assessment
cl-note-plan = Plan
cl-note-data-hint = What happened and what the client said. The latest measures are filled in for reference.
cl-note-assessment-hint = Your reading of it: progress, risk, how the work is going.
cl-note-plan-hint = What comes next: homework, the next session, changes to the plan.
cl-note-amendments = Amendments
cl-note-none = None.
cl-note-add-amendment = Add an amendment
cl-note-amendment-hint = What is corrected or added, and why. It is dated and signed with your name.
cl-note-add-amendment-button = Add the amendment
cl-note-private-heading = Psychotherapy notes — only you can ever read these
cl-note-private-about = Kept apart from the record: they are not shown to the client, the rest of the care team or administrators.
cl-note-draft-saved = Draft last saved { $when }.
cl-note-not-saved = Not saved yet.
cl-note-team-reads = The care team can read the note once it is saved.
cl-note-save-draft = Save draft
cl-note-sign = Sign the note
cl-note-sign-confirm = A signed note cannot be changed; corrections are added as dated amendments. Sign it?
cl-note-saves-private = Saving or signing saves your psychotherapy note below as well.
cl-notice-note-saved = Draft saved. Sign it when it is complete.
cl-notice-note-saved-private = Draft saved. Your psychotherapy note is saved with it. Sign the note when it is complete.
cl-notice-note-signed = Signed. The note is part of the record now and cannot be changed.
cl-notice-note-signed-private = Signed. The note is part of the record now and cannot be changed. Your psychotherapy note is saved with it.
cl-notice-amended = Amendment added.
cl-notice-private = Your psychotherapy note is saved.
cl-notice-private-draft = Your psychotherapy note is saved, and the draft of the progress note with it.

## A risk assessment (/clients/{id}/risk-assessment)
cl-risk-title = Risk assessment
cl-risk-heading = Risk assessment: { $name }
cl-risk-about = A structured record of your assessment. A PHQ-9 item 9 is a flag, not an assessment; your judgement is. Judging risk high raises a critical safety flag for the care team.
cl-risk-protective = Protective factors
cl-risk-actions = Actions taken
cl-risk-save = Save the assessment
cl-risk-ideation = Thoughts of suicide
cl-risk-ideation-none = None
cl-risk-ideation-passive = Passive (wishing to be dead)
cl-risk-ideation-active = Active (thoughts of killing themself)
cl-risk-plan = A plan
cl-risk-plan-none = None
cl-risk-plan-vague = Vague
cl-risk-plan-specific = Specific (method, time or place)
cl-risk-intent = Intent to act
cl-risk-intent-none = None
cl-risk-intent-some = Some
cl-risk-intent-clear = Clear
cl-risk-recent_behaviour = Recent behaviour
cl-risk-recent_behaviour-none = None
cl-risk-recent_behaviour-preparatory = Preparatory acts
cl-risk-recent_behaviour-attempt = An attempt
cl-risk-judgement = Your judgement of risk
cl-risk-judgement-low = Low
cl-risk-judgement-moderate = Moderate
cl-risk-judgement-high = High

## A questionnaire as the care team reads it (/results/{id})
cl-measure-title = { $label } of { $name }
cl-measure-back = Back to { $name }'s chart
cl-measure-answered = { $title }, answered { $when }.
cl-measure-item9 = Item 9, read first
cl-measure-not-answered = Not answered
cl-measure-of-3 = { $v } of 3
cl-measure-score = Score
cl-measure-out-of = out of { $max }
cl-measure-prorated = One or two answers were left out; the total counts them as the mean of the others.
cl-measure-open-before = Open the one before
cl-measure-raised = It raised or added to:
cl-measure-see-alerts = See the alerts
cl-measure-every-answer = Every answer
cl-measure-caption = { $name }'s answers, in the order of the form
cl-measure-col-item = Item
cl-measure-col-question = Question
cl-measure-col-answer = Answer
cl-measure-col-points = Points
cl-measure-opening = Opening this questionnaire is recorded, and { $name } can see that you did.
cl-measure-first = This is the first { $label } { $name } has answered.
cl-measure-since = Since the one before, on { $date } ({ $before }): { $direction }.
cl-measure-same = the same
cl-measure-higher =
    { $n ->
        [one] { $n } point higher
       *[other] { $n } points higher
    }
cl-measure-lower =
    { $n ->
        [one] { $n } point lower
       *[other] { $n } points lower
    }
cl-measure-improvement = , a reliable improvement
cl-measure-deterioration = , a reliable deterioration
cl-measure-no-change = , no reliable change

## Sessions (/sessions) and scheduling one (/clients/{id}/sessions/new)
cl-sessions-title = Sessions
cl-sessions-lead = Your sessions from { $from } to { $to }. Times are in your timezone, { $tz }.
cl-sessions-from-today = From today on
cl-sessions-jump-today = Jump to today
cl-sessions-earlier = Earlier sessions (the last two weeks)
cl-sessions-how-to-schedule = To schedule a session, open the client from <a href="/home">your clients</a> and choose “Schedule a session”.
cl-sessions-today = Today,{" "}
cl-sessions-nothing-today = Nothing booked today.
cl-sessions-min = { $n } min
cl-sessions-open = Open the session
cl-sessions-open-at = {" "}at { $time }, { $day }
cl-new-title = Schedule a session with { $name }
cl-new-back = Back to { $name }
cl-new-overlaps =
    { $n ->
        [one] Not booked yet: this overlaps another session
       *[other] Not booked yet: this overlaps { $n } other sessions
    }
cl-new-overlap-help = Change the date or time below and choose “Schedule”, or choose “Book anyway” at the end of the form.
cl-new-kind = Kind of session
cl-new-group-summary = For a group: the other clients
cl-new-group-legend = Other clients in the group
cl-new-group-hint = Only for a group session: tick everyone else who takes part. { $name } is always included.
cl-new-no-others = No other clients on your caseload.
cl-new-family-legend = Family members attending
cl-new-family-hint = Only for a family session: the people { $name } lets join family sessions. They see the time and place, and get it in their own calendar.
cl-new-modality = How it happens
cl-new-place = Place or meeting link
cl-new-place-hint = In person: the address or room. Online: leave it empty for the session's own room on Rapport (video in the browser, nobody else involved), or give an outside meeting link starting with https://. By phone: leave it empty.
cl-new-when = When (the first session)
cl-new-when-hint = In your timezone: { $tz }. The time on the 24-hour clock, like 14:30.
cl-new-time = Time
cl-new-minutes = Length in minutes
cl-new-minutes-hint = 15 to 180; 50 is the usual session.
cl-new-weeks = Repeat weekly for how many weeks
cl-new-weeks-hint = 1 means once. 12 books the same time every week for 12 weeks.
cl-new-schedule = Schedule
cl-new-book-anyway = Book anyway

## Messages (/messages for a clinician)
cl-inbox-lead = Your clients’ message threads. Those with unread messages come first.
cl-inbox-office-hours = Set your office hours and away message
cl-inbox-none = No clients on your care teams yet.
cl-inbox-unread = { $n } unread
cl-inbox-latest = Latest message { $when }
cl-inbox-no-messages = No messages yet

## Requests to move a session (the caseload and a session)
cl-req-heading = Requests to move a session
cl-req-about = A client asked for another time. The session stays where it is until you answer; the client reads your answer.
cl-req-asked-on = asked on { $when } to move the session of
cl-req-your-answer = Your answer to { $name }
cl-req-move-proposed = Move it to { $when }, a time { $name } proposed
cl-req-move-other = Move it to another time (below)
cl-req-keep = Keep the time, and say why below
cl-req-date = Another time: date
cl-req-time = Another time: time
cl-req-time-hint = 24-hour clock, like 14:30, in your timezone.
cl-req-message = Message to { $name }
cl-req-message-hint = Needed when you keep the time. Only { $name } and their clinicians read it.
cl-req-send = Send the answer
cl-req-send-to = {" "}to { $name }

## Office hours for messages (/settings/office-hours)
cl-oh-title = Office hours
cl-oh-heading = Office hours for messages
cl-oh-lead = Clients see when you read messages. Outside these hours they see your away message, and every thread reminds them that messages are not read at once.
cl-oh-saved = <strong>Saved.</strong> Your clients see these hours on their messages.
cl-oh-timezone = Timezone of these hours
cl-oh-timezone-hint = A name like America/Chicago or Europe/London. Daylight saving is taken care of.
cl-oh-when = When you read messages
cl-oh-rows-hint = One row per period: a day, and when it starts and ends (like 09:00 and 17:00). Leave a row empty to skip it.
cl-oh-day = Day (period { $n })
cl-oh-from = From
cl-oh-until = Until
cl-oh-away = Away message (optional)
cl-oh-away-hint = Shown to your clients outside your office hours, e.g. “I read messages on weekdays. In a crisis, call 988.” Up to { $max } characters.
cl-oh-save = Save office hours
cl-oh-back = Back to messages
cl-day-monday = Monday
cl-day-tuesday = Tuesday
cl-day-wednesday = Wednesday
cl-day-thursday = Thursday
cl-day-friday = Friday
cl-day-saturday = Saturday
cl-day-sunday = Sunday

## An alert's evidence (pages/alerts/evidence.rs)
cl-ev-phq9 = PHQ-9 ({ $role }) total { $total }
cl-ev-not-scored = not scored
cl-ev-item9 = , item 9 = { $n }
cl-ev-gad7 = GAD-7 ({ $role }) total { $total }
cl-ev-self-harm = check-in of { $day }: answered yes to thoughts of being better off dead or of hurting themself
cl-ev-carried-remission = remission carried over from the episode that ended { $date }
cl-ev-expected-band = expected about { $expected }, edge { $edge }
cl-ev-mood = mood { $n }
cl-ev-medication-missed = medication missed
cl-ev-warning-sign-family = own warning sign reported by a family member on { $day }
cl-ev-warning-sign = own warning sign ticked on { $day }
cl-ev-feedback = session feedback: heard { $heard }, worked on what they wanted { $worked }, approach fits { $approach }, overall { $overall } (of 10)
cl-ev-own-average = their own average overall answer was { $n }
cl-ev-sleep = slept { $hours } h (usual { $median } h)
cl-ev-remission = remission low { $n }
cl-ev-risk-assessment = risk assessment judged high
cl-ev-no-check-in = { $n } days without a check-in
cl-ev-role-flagged = flagged
cl-ev-role-baseline = baseline
cl-ev-role-lowest = lowest
cl-ev-role-previous = previous
cl-ev-role-sustained = sustained
cl-ev-role-measure = measure

## Homework words on the chart (rapport_core::homework)
cl-hw-thought-record = Thought record
cl-hw-activity-diary = Activity diary
cl-hw-activity-plan = Activity plan
cl-hw-problem-solving = Problem solving
cl-hw-journal = Journal
cl-hw-interpersonal-inventory = People in your life
cl-hw-custom = Exercise from your therapist
cl-hw-once = Once
cl-hw-every-day = Every day
cl-hw-due = To do
cl-hw-draft = Started
cl-hw-done = Done
cl-hw-reviewed = Reviewed
cl-hw-missed = Missed
