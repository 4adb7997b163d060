# Staff pages: administration, reports, groups, consultations, emergency access (helper D).

## The administration hub
admin-title = Administration
admin-card-accounts = Accounts
admin-card-verification = Clinician verification
admin-card-care-teams = Care teams
admin-card-triage = Triage duty
admin-card-on-call = On-call rota
admin-card-settings = Instance settings
admin-card-audit = Audit log
admin-card-jobs = Jobs and e-mail
admin-card-erasure = Erasure requests
admin-card-emergency = Emergency access
admin-health-accounts = { $clients } { $clients ->
        [one] client
       *[other] clients
    }, { $clinicians } { $clinicians ->
        [one] clinician
       *[other] clinicians
    }, { $family } { $family ->
        [one] family member
       *[other] family members
    }, { $admins } { $admins ->
        [one] administrator
       *[other] administrators
    }. Find an account, disable it, make a clinician practice lead, create staff.
admin-health-verification = Licence checks: the directory lists a clinician only once checked.
admin-health-care-teams = Add a clinician to a client's care team, or take them off; clients asking for another therapist.
admin-health-triage-nobody = Nobody is on triage duty: alerts of clients without a care team reach no one.
admin-health-triage = { $n } { $n ->
        [one] clinician
       *[other] clinicians
    } on triage duty.
admin-health-on-call = Who is told when nobody acknowledges a safety alert in time.
admin-health-settings = Crisis lines: { $lines }. Client idle time-out: { $minutes } minutes.
admin-health-lines-for = { $n } { $n ->
        [one] line
       *[other] lines
    } for { $country }
admin-health-lines-built-in = the built-in ones
admin-health-audit = { $n } { $n ->
        [one] event
       *[other] events
    }. Filter them and check the chain.
admin-health-jobs-email-on = { $queued } queued, { $failed } failed, { $dead } dead. E-mail is on.
admin-health-jobs-email-off = { $queued } queued, { $failed } failed, { $dead } dead. E-mail is off.
admin-health-erasure = Clients' requests to delete their account, and the retention rules.
admin-health-emergency = Records opened in an emergency by clinicians outside the care team.
admin-backups = Backups
admin-backups-hint = SQLite: <code translate="no">rapport backup --to FILE</code> writes a consistent copy while the server runs. PostgreSQL: <code translate="no">pg_dump</code> nightly and continuous archiving (point-in-time recovery). Keep the key file apart from the backups. See <code translate="no">docs/administration.md</code>.
admin-back = Back to administration

## Accounts
admin-accounts = Accounts
admin-accounts-page = , page { $n }
admin-find-account = Find an account
admin-name-or-email = Name or e-mail address
admin-find-hint = The beginnings of words of a name (“av joh” finds Avery Johnson), or the beginning of an e-mail address.
admin-role = Role
admin-any-role = Any role
admin-role-client = Client
admin-role-clinician = Clinician
admin-role-family = Family member
admin-role-admin = Administrator
admin-search = Search
admin-accounts-found = { $n ->
        [0] No accounts match
        [one] 1 account
       *[other] { $n } accounts
    }
admin-page-of = Page { $page } of { $pages }
admin-n-of = { $page } of { $pages }
admin-disabled = disabled
admin-practice-lead = practice lead
admin-id = Id:
admin-two-step = Two-step sign-in:
admin-two-step-on = on
admin-two-step-not-needed = not needed
admin-two-step-not-yet = not set up yet
admin-manage = Manage
admin-reason = Reason
admin-reason-hint = Needed to disable, for example “left the practice”. Write no clinical details. A disabled account is signed out everywhere at once; its records are kept.
admin-of = of
admin-enable = Enable account
admin-disable = Disable account
admin-disable-confirm = Disable this account? It is signed out everywhere at once.
admin-lead-stop = Stop being practice lead
admin-lead-make = Make practice lead
admin-lead-hint = A practice lead sees the whole practice's outcome reports and is told when a record is opened in an emergency.
admin-pages = Pages
admin-prev-page = Previous page
admin-next-page = Next page
admin-create-staff = Create a clinician or administrator
admin-credential = Credential (clinicians)
admin-create-account = Create account
admin-field-name = Name
admin-field-email = E-mail address
admin-field-password = First password
admin-field-password-hint = At least 10 characters. Give it to them in person or by phone, never by e-mail.
credential-md = MD (doctor of medicine)
credential-do = DO (doctor of osteopathic medicine)
credential-phd = PhD (clinical psychologist)
credential-psyd = PsyD (doctor of psychology)
credential-lcsw = LCSW (licensed clinical social worker)
credential-lpc = LPC (licensed professional counselor)
credential-lmft = LMFT (licensed marriage and family therapist)
credential-np = NP (psychiatric nurse practitioner)
credential-psychiatric_nurse = Psychiatric nurse
credential-counsellor = Counsellor

## Care teams
team-find = 1. Find the client and the clinician
team-client-q = Client's name or e-mail address
team-clinician-q = Clinician's name or e-mail address
team-clinician-q-hint = Leave empty to see the first clinicians.
team-find-button = Find
team-choose = 2. Choose, then add or end
team-find-first = Find the client above first.
team-no-client = No active client matches “{ $q }”.
team-clients-more = { $total } match; the first { $shown } are shown. Type more of the name to narrow it.
team-no-clinician = No active clinician matches.
team-clinicians-more = { $total } match; the first { $shown } are shown.
team-role = Role on the team
team-add = Add to care team
team-end-confirm = End this care-team membership? The clinician can no longer open the client's record.
team-end = End care-team membership
team-end-hint = Ending a membership: the clinician can no longer open the client's record, from their next request on. The client sees the change in their access log.
team-requests = Requests for another therapist
team-none-waiting = None waiting.
team-requests-hint = These clients asked for a different therapist after a session. Change their care team above; their reasons are kept for matching and are not shown here.
team-asked = asked { $when }

## Instance settings
settings-saved = The settings are saved.
settings-crisis = Crisis lines
settings-crisis-hint = The crisis page and every crisis notice show the lines of the instance's country. With none set for it, they show the built-in ones (the United States' 988 and 911, or the instance's crisis file).
settings-country = The instance's country
settings-country-hint = Its two-letter code, like US, GB or DE.
settings-lines = Crisis lines, one a line
settings-lines-hint = country | what it is | link (tel:, sms: or https://) | button text. For example: GB | Samaritans (call, any time) | tel:116123 | Call 116 123
settings-schedules = Default measure schedules
settings-schedules-hint = How often clients are asked, in days (0: not asked), unless their clinician changed it. Empty: the built-in default.
settings-every-days = { $what }: every … days
settings-built-in = Built-in: { $n }.
settings-timeouts = Time-outs
settings-idle = Sign clients and family members out after this many idle minutes
settings-idle-hint = 5 to 720. Empty: { $n } (the server's setting). Staff are always signed out after 30. Applies from the next sign-in.
settings-save = Save settings
settings-schedule-checkin = Daily check-in
settings-schedule-phq9 = PHQ-9 (depression)
settings-schedule-gad7 = GAD-7 (anxiety)
settings-schedule-who5 = WHO-5 (well-being)

## Triage duty
triage-who = Who is on triage duty
triage-hint = Clinicians on triage duty see the alerts of clients who have no care team yet (new sign-ups, clients between clinicians), and can take such a client on.
triage-nobody = <strong>Nobody is on triage duty.</strong> Alerts of clients without a care team — a safety alert too — reach no one. Choose at least one clinician below.
triage-on-duty = On triage duty
triage-create-first = Create a clinician first.
triage-save = Save triage duty
triage-on-call-link = The on-call rota and the escalation time

## Audit log
audit-chain = The chain check
audit-chain-hint = Each event holds the hash of the one before it, so a changed, removed or inserted event breaks the chain where it happened.
audit-intact = The chain is intact: { $n } events checked.
audit-broken = The chain is broken.
audit-checked-before = { $n } events checked before it.
audit-check = Check the chain
audit-filter = Filter
audit-action = Action
audit-action-hint = A code such as account.disabled or auth.sign_in.
audit-actor = Who did it (account id)
audit-client = Whose record (client's account id)
audit-outcome = Outcome
audit-any = Any
audit-from = From (day, UTC)
audit-to = Until the end of (day, UTC)
audit-show = Show events
audit-events = Events, newest first
audit-none = No events match.
audit-client-record = Client record:
audit-resource = Resource:
audit-detail = Detail:
audit-newest = Newest events
audit-older = Older events

## Background jobs and e-mail
jobs-title = Background jobs and e-mail
jobs-email-on = E-mail is on: notices are also sent by e-mail to the people who chose it. An e-mail says only that there is a notice, with a link.
jobs-email-off = <strong>E-mail is off.</strong> No SMTP server is configured, so notices reach people only inside Rapport. Start the server with <code translate="no">--smtp-url</code> and <code translate="no">--mail-from</code> (or <code translate="no">RAPPORT_SMTP_URL</code> and <code translate="no">RAPPORT_MAIL_FROM</code>) to send them by e-mail too.
jobs-queue = The job queue
jobs-queue-hint = Every server takes its share of the queue. A failed job is tried again later, waiting longer each time; after its last try it is dead and stays here for you to see.
jobs-by-state = Jobs by state
jobs-state = State
jobs-jobs = Jobs
jobs-state-queued = Waiting
jobs-state-running = Running
jobs-state-done = Done
jobs-state-failed = Failed, will retry
jobs-state-dead = Gave up
jobs-state-unknown = Unknown
jobs-troubled = Failed and dead jobs
jobs-none-troubled = None. Every job so far ran.
jobs-newest-first = The newest first
jobs-kind = Kind
jobs-tries = Tries
jobs-next-try = Next try
jobs-last-error = Last error
jobs-attempts-of = { $n } of { $max }
jobs-deliveries = E-mail deliveries
jobs-deliveries-hint = An e-mail counts as delivered only when the mail server accepted it; its reply is shown as it gave it.
jobs-no-email = No e-mail yet.
jobs-to = To
jobs-reply = Server's reply
jobs-updated = Updated

## On call
oncall-title = On call
oncall-saved = The on-call settings are saved.
oncall-who-now = Who is told now
oncall-hint = When nobody acknowledges a safety alert within the escalation time, Rapport tells the clinician on call at that moment.
oncall-now = On call now:
oncall-fallback = <strong>Nobody is on call now.</strong> An escalation goes to the clinicians on triage duty instead:
oncall-nobody = <strong>Nobody is on call now, and nobody is on triage duty.</strong> An unacknowledged safety alert reaches no one until someone is on call. Add a shift below.
oncall-rota = Rota
oncall-rota-caption = The rota ({ $n } { $n ->
        [one] shift
       *[other] shifts
    } not over yet, times in { $zone })
oncall-from = From
oncall-until = Until
oncall-edit = Escalation time and rota
oncall-minutes = Escalate a safety alert nobody acknowledged after (minutes)
oncall-minutes-hint = Between 5 and 240. 30 unless you change it.
oncall-times-hint = Times are on your clock ({ $zone }). A shift runs from its start until its end; shifts that are over are kept as a record and not shown. Leave the last row empty to add nothing.
oncall-new-shift = New shift
oncall-shift = Shift { $n }
oncall-clinician = Clinician on call
oncall-choose = Choose a clinician
oncall-remove = Remove this shift
oncall-save = Save on-call settings

## Emergency access
emerg-admin-saved = The setting is saved.
emerg-admin-allow = Allow emergency access
emerg-admin-hint = A clinician who is not on a client's care team can open the record for one hour, read only, by giving a reason. Each opening is recorded, told at once to the care team and the practice leads, and shown to the client. Turning it off also ends the openings running now.
emerg-admin-may = Clinicians may open a record in an emergency
emerg-save = Save
emerg-admin-is-on = Emergency access is <strong>on</strong>.
emerg-admin-is-off = Emergency access is <strong>off</strong>.
emerg-admin-recent = Recent openings
emerg-admin-recent-hint = The last 90 days. The reasons are read by the care team, the practice leads and the client, not here: they can describe the client's health.
emerg-admin-none = No record was opened in an emergency.
emerg-admin-recent-label = Recent emergency openings
emerg-openings-caption = Emergency openings, newest first
emerg-when = When
emerg-open-now = (open now)
emerg-lead = When a client who is not yours needs help now and their care team cannot be reached, you can open their record for one hour, to read only.
emerg-active = Records you have open now
emerg-until = until { $time }
emerg-find = Find the client
emerg-query = The client's e-mail address or full name
emerg-query-hint = Exactly as they gave it: a part of a name finds nobody. Your search is recorded.
emerg-nobody = Nobody found
emerg-open-record = Open the record
emerg-nobody-hint = No client has exactly that e-mail address or full name. Check the spelling, or try the other one.
emerg-warning = <strong>This is recorded and shared.</strong> Opening a record in an emergency is written to the audit log, told at once to the client's care team and the practice lead, and shown to the client with your reason. You can read for one hour; you cannot change anything, and psychotherapy notes stay closed.
emerg-why = Why must you open { $name }'s record now?
emerg-why-hint = 10 to 500 characters. The care team, the practice lead and the client will read it.
emerg-open-hour = Open the record for one hour
emerg-review = Emergency openings to review
emerg-review-hint = Openings of your clients' records by others, and, for a practice lead, every opening in the practice (the last 90 days).

## Erasure requests
erasure-retention = The retention rule
erasure-retention-text = Carrying out a request removes or anonymises at once everything that is not the clinical record: the sign-in, e-mail address and name, devices and apps, notices and reminders, family access, requests to meet therapists, drafts. The clinical record is kept for <strong>{ $years } years</strong> after the client's last contact, out of everyone's lists, and then deleted by Rapport. The audit log keeps its lines (ids and codes only).
erasure-years = Keep clinical records after the last contact (years)
erasure-years-hint = From 0 to 30. 7 unless you change it. Check the law where you practise (some ask for 10 years, or longer for minors).
erasure-save-years = Save the retention period
erasure-requests = Requests
erasure-show = Show
erasure-none = No requests here.
erasure-email = E-mail
erasure-asked = Asked
erasure-handled = Handled
erasure-last-contact = Last contact
erasure-rule = Rule
erasure-rule-kept = Clinical record kept { $years } years after the last contact: until { $until }
erasure-rule-deleted = ; deleted { $date }
erasure-rule-rest = . Everything else removed at once.
erasure-handle = Handle this request
erasure-total = { $n } { $n ->
        [one] request
       *[other] requests
    }; times in { $zone }
erasure-handle-title = Handle an erasure request
erasure-back = Back to erasure requests
erasure-carry = Carry it out
erasure-removed = Removed or anonymised at once:
erasure-kept = Kept until { $until }, then deleted by Rapport: the clinical record (nobody's caseload shows it; to answer a legal request, add a clinician to the care team again — that is audited).
erasure-confirm = I have checked there is no legal hold on this record.
erasure-carry-confirm = Carry out this request? It cannot be undone.
erasure-carry-button = Carry out the request
erasure-decline = Or decline it
erasure-why = Why (the client is shown this)
erasure-why-hint = A legal hold, say. No clinical details.
erasure-decline-button = Decline the request

## Groups
grp-title = Groups
grp-you-lead = Groups you lead
grp-yours = Your groups
grp-none-led = You lead no group yet.
grp-none-member = You have no place in a group. If a group might help, ask your therapist.
grp-weeks = { $n } weeks
grp-start = Start a group
grp-name-hint = What members will see, e.g. CBT for depression.
grp-approach = Approach
grp-places = Places
grp-places-hint = 2 to 16 members.
grp-weeks-label = Weeks
grp-weeks-hint = How long the programme runs: 1 to 52 weeks.
grp-schedule = When it meets
grp-schedule-hint = In words, e.g. Wednesdays 18:00–19:30.
grp-criteria = Who it is for (optional)
grp-criteria-hint = Members read this before they decide to join.
grp-create = Create the group
grp-status-led = { $joined } joined, { $offered } waiting for an answer, { $places } places
grp-status-offered = A place is offered to you
grp-status-joined = You joined
grp-all = All your groups
grp-facts = { $weeks } weeks · { $places } places
grp-members = Members
grp-no-places = No places offered yet.
grp-members-caption = Each client decides whether to join; only members who joined take part in sessions.
grp-member = Member
grp-place = Place
grp-first-name-shown = First name shown to others
grp-yes = Yes
grp-member-not-shared = A member whose record is not shared with you
grp-offer-label = Offer a place to a client on your caseload
grp-everyone-placed = Everyone on your caseload already has a place.
grp-offer = Offer a place
grp-schedule-sessions = Schedule sessions
grp-first-session = First session (your time)
grp-minutes = Minutes
grp-weekly = Weekly sessions
grp-how = How it happens
grp-in-person = In person
grp-online = Online
grp-by-phone = By phone
grp-place-link = Place or meeting link
grp-book-anyway = Book anyway if it overlaps another session
grp-schedule-button = Schedule with the members who joined
grp-sessions = Sessions
grp-no-sessions = No sessions yet.
grp-cancelled = Cancelled
grp-att-attended = Attended
grp-att-late = Cancelled late
grp-att-no-show = Did not attend
grp-note = Note about the group
grp-note-hint = About the group as a whole: themes, exercises, how it went. Never one member's private detail — that belongs in the member's own progress note.
grp-save-note = Save the group note
grp-booked = { $n } booked.
grp-reliable-def = Reliably improved: PHQ-9 down 6 points or more, from the last score at or before the first session to the latest one since.
grp-not-shared = { $n } { $n ->
        [one] member
       *[other] members
    } not shared with you (not on your care team) are not counted.
grp-outcomes-label = Members' PHQ-9 and attendance
grp-outcomes-caption = PHQ-9 side by side (the line is a picture of the scores listed beside it), and attendance
grp-trend = PHQ-9 trend
grp-scores = Scores, oldest first
grp-start-score = Start
grp-latest = Latest
grp-improved = Reliably improved
grp-attended = { $n } of { $of } (missed { $missed })
grp-share-empty = No member has a PHQ-9 before and after the group's start yet.
grp-share-too-few = Not shown: { $n } members with scores before and after. A share is shown from { $min } members, so that it cannot point at anyone.
grp-share-rate = { $count } of { $of } reliably improved ({ $share }%; 95% confidence interval { $low }% to { $high }%).

## The outcome report
report-title = Outcomes
report-lead = Episodes of { $whose } from { $from } to { $to }. Rates count finished episodes, by the definitions in the practice's clinical reference.
report-main-figures = The main figures
report-choose-period = Choose the period to report on.
report-change = Change the period
report-change-lead = Change the period or clinician
report-filters = Report filters
report-from = From (first day)
report-to = To (last day)
report-clinician-hint = As a practice lead you see everyone; pick one clinician to see only their clients.
report-whole-practice = The whole practice
report-csv = Download as CSV
report-rates = Rates
report-rates-caption = Bars are the rates; the lines across them their 95 % intervals.
report-show-table = Show as a table
report-rates-table = Rates with their counts and 95 % Wilson intervals
report-rate = Rate
report-count-interval = Count and interval
report-which-count = Which episodes count
report-which-hint = Every rate counts only the episodes that reach its step.
report-funnel = The eligibility funnel
report-step = Step
report-episodes = Episodes
report-activity = Episodes and sessions
report-no-finished = No finished episode.
report-small-cells = : fewer than 5 episodes are not shown (“too few”)
report-group = Group
report-finished-col = Finished
report-whose-practice = the whole practice
report-whose-yours = your clients
report-whose-one = one clinician's clients
report-whose-named = { $name }'s clients
report-finished = Finished episodes
report-open-started = { $open } open in the period, { $started } started
report-rate-recovery = Recovery
report-rate-recovery-means = a case at the start, below caseness on both PHQ-9 and GAD-7 at the end
report-rate-reliable-recovery = Reliable recovery
report-rate-reliable-recovery-means = recovered and reliably improved
report-rate-reliable-improvement = Reliable improvement
report-rate-reliable-improvement-means = PHQ-9 down 6 or more or GAD-7 down 4 or more, and neither up as much
report-rate-reliable-deterioration = Reliable deterioration
report-rate-reliable-deterioration-means = PHQ-9 up 6 or more or GAD-7 up 4 or more, and neither down as much
report-rate-response = Response
report-rate-response-means = PHQ-9 down by half or more from 10 or more
report-rate-remission = Remission
report-rate-remission-means = PHQ-9 below 5 from 10 or more
report-rate-dropout = Dropout
report-rate-dropout-means = closed without a planned discharge after one or more sessions
report-rate-words = { $n } of { $of } ({ $rate }); 95 % interval { $low } to { $high }
report-nothing-yet = nothing to count yet
report-cell = { $rate } ({ $n } of { $of })
report-too-few = too few
report-no-phq9 = No PHQ-9
report-no-plan = No treatment plan
report-rates-chart = Outcome rates with their 95 % intervals
report-funnel-chart = Which finished episodes count
report-funnel-two-sessions = With 2 or more sessions attended
report-funnel-paired = With a first and last PHQ-9 and GAD-7
report-funnel-case = A case at the start (recovery and reliable change count these)
report-funnel-phq9-case = With 2 or more sessions and PHQ-9 from 10 or more (response and remission count these)
report-act-open = Episodes open in the period
report-act-started = Episodes started
report-act-finished = Episodes finished
report-act-sessions = Sessions attended in finished episodes
report-act-mean = Sessions per finished episode (mean)
report-act-median = Sessions per finished episode (median)
report-act-phq9 = Sessions with a PHQ-9 within a day
report-by-severity = By severity at the start (PHQ-9)
report-by-approach = By approach
report-by-format = By format
report-by-clinician = By clinician
report-by-period = By the month or quarter they finished

## Consultations
cons-title = Consultations
cons-requests = Requests for a consultation
cons-yours = Your consultations
cons-lead = Meet a few, then choose the one you feel you can work with.
cons-compare = How the meetings felt
cons-compare-hint = Your own answers, side by side, to help you choose. Only you see them.
cons-compare-caption = Your answers, 0 not at all to 10 completely
cons-question = Question
cons-your-note = Your note
cons-no-requests = No requests yet.
cons-not-asked = You have not asked anyone yet. <a href="/find">Find a therapist who fits you</a>.
cons-going-back = going back
cons-times-them = Times that suit them:
cons-date-time = Date and time of the consultation (your time)
cons-accept = Accept
cons-decline-why = Or decline, saying why
cons-decline-hint = They read it, so be kind and brief: it helps them look elsewhere.
cons-decline = Decline
cons-not-chosen = { $name } chose to work with someone else. Thank you for meeting them.
cons-withdrawn = { $name } chose to work with someone else. Thank you for making time for them.
cons-chosen = { $name } chose to work with you. They are on your caseload.
cons-waiting = Waiting for their answer. You offered:
cons-how-felt = How did it feel? Four quick questions, for you alone: your answers sit beside the others to help you choose.
cons-scale = 0 not at all, 10 completely
cons-remember = Anything you want to remember?
cons-optional = (optional)
cons-save-felt = Save how it felt
cons-when-ready = When you are ready, choose the one you want to work with.
cons-meet-then = They will meet you then. After the consultation, choose here the one you want to work with.
cons-agree = I agree that { $name } may see my earlier record here.
cons-agree-hint = You already have a record here. In Rapport your therapist sees your whole record, so choosing a new one needs your yes: they can only care for you well knowing what came before. If you would rather not, talk to the practice first.
cons-choose = Choose { $name }
cons-look-else = Look for someone else
cons-your-therapist = Your therapist.
cons-closed = Closed.
cons-earlier = Go back to an earlier therapist
cons-earlier-hint = If therapy helped before, or the therapist was not the problem, going back to someone who knows you can be a good choice.
cons-ask-back = Ask { $name } to take you back
cons-new-title = Ask for a consultation
cons-new-returning = Ask to go back to your therapist
cons-new-short = Ask for a short consultation
cons-new-lead = Meeting a few therapists before you choose is normal, and wise: how well you get on with your therapist matters. Each one answers with a time, or lets you know if they cannot.
cons-new-who = Who you are asking
cons-new-none = No clinician is chosen yet. <a href="/find">Find a therapist who fits you</a> and ask from there, or look through <a href="/therapists">the directory</a>.
cons-new-times = Times that suit you
cons-new-times-hint = At least one, in your own words: "weekday evenings after 6", "Saturday morning".
cons-new-time = Time { $n }
cons-new-message = A message
cons-new-message-hint = What you would like help with, or anything you want them to know. Up to 1,000 characters.
cons-new-share = If I choose this therapist, they may see my earlier record here (questionnaires, plans, notes).
cons-new-send = Send the request

## Sentences of the use-cases on staff pages (listed in i18n/errors.rs)
staff-notice-user-created = Account created. They sign in with the password you set and then set up two-step sign-in.
staff-notice-assigned = Added to the care team.
staff-notice-triage-saved = Triage duty saved.
staff-notice-disabled = Account disabled. It was signed out everywhere at once, its API tokens no longer work, and its calendar feeds are stopped.
staff-notice-enabled = Account enabled. The person signs in again with their password (and code, for staff).
staff-notice-ended = Taken off the care team. The clinician can no longer open this client's record.
staff-notice-lead-on = The clinician is now a practice lead.
staff-notice-lead-off = The clinician is no longer a practice lead.
staff-err-choose-account = Choose an account.
staff-err-find-client = Find the client and choose them.
staff-err-choose-clinician = Choose a clinician.
staff-err-clinician-list = Choose a clinician from the list.
staff-err-crisis-line = Line { $a }: write country | what it is | link | button text.
staff-err-schedule-days = Use a number of days from 0 (never) to 365.
staff-err-idle-minutes = Use 5 to 720 minutes.
staff-err-shift-who = Choose who is on call for this shift.
staff-err-shift-time = Give a date and a time, like 2026-12-07 08:00.
staff-err-escalation = Give a number of minutes between 5 and 240.
staff-notice-retention = The retention period is saved.
staff-notice-carried-out = The request is carried out: the account is anonymised and can no longer sign in.
staff-notice-erasure-declined = The request is declined; the client is shown your reason.
staff-err-legal-hold = Tick the box to confirm there is no legal hold on this record.
staff-erasure-requested = Asked, waiting for the practice
staff-withdrawn = Withdrawn
staff-declined = Declined
staff-erasure-carried-out = Carried out; clinical record kept
staff-erasure-records-deleted = Carried out; clinical record deleted
staff-unknown = Unknown
staff-erasure-filter-waiting = Waiting
staff-erasure-filter-kept = Carried out, record kept
staff-erasure-filter-deleted = Record deleted
staff-all = All
staff-erasure-removed-sign-in = Your sign-in: your e-mail address and name are replaced, your password and every signed-in device and app stop working.
staff-erasure-removed-birth = Your date of birth and your emergency contact.
staff-erasure-removed-notices = Your notices, reminders and notification settings, and the e-mail records about them.
staff-erasure-removed-family = Your family members' access, your invitations to them, and the first name you showed in a group.
staff-erasure-removed-requests = Your requests to meet therapists and to change therapist, and homework drafts you never sent.
staff-erasure-removed-calendar = Your private calendar address and your measurement schedule.
staff-notice-group-created = The group is created. Offer places to clients on your caseload.
staff-notice-place-offered = The place is offered. The client decides whether to join.
staff-notice-group-scheduled = The sessions are scheduled with the members who joined.
staff-notice-attendance = Attendance saved.
staff-notice-group-note = The group note is saved.
staff-err-choose-client = Choose a client from your caseload.
staff-err-group-overlap = This overlaps another of your sessions or the room is taken; nothing was booked. Choose another time, or tick "book anyway".
staff-err-choose-session = Choose a session.
staff-err-choose-member = Choose a member.
staff-approach-cbt = Cognitive behavioural therapy
staff-approach-cbt-abbr = Cognitive behavioural therapy (CBT)
staff-approach-ba = Behavioural activation
staff-approach-cognitive = Cognitive therapy
staff-approach-ipt = Interpersonal therapy
staff-approach-ipt-abbr = Interpersonal therapy (IPT)
staff-approach-psychodynamic = Psychodynamic therapy
staff-approach-family = Family therapy
staff-approach-group = Group therapy
staff-member-offered = Offered, waiting for an answer
staff-member-joined = Joined
staff-member-left = Left
staff-cons-requested = Waiting for an answer
staff-cons-accepted = Accepted
staff-cons-chosen = Chosen
staff-cons-not-chosen = Not chosen
staff-notice-cons-asked = Your request is sent. Each clinician will answer here.
staff-notice-cons-accepted = Accepted. The client sees the time you set.
staff-notice-cons-declined = Declined. The client sees your reason.
staff-notice-cons-feedback = Thank you. Your answers are beside the others below, to help you choose.
staff-err-clinicians-list = Choose the clinicians from the list.
staff-err-date-time = Choose a date and a time.
staff-feedback-heard = I felt heard and respected
staff-feedback-wanted = We worked on what I wanted
staff-feedback-approach = The approach fits me
staff-feedback-overall = Overall, this session was right for me
staff-err-emergency-long = Keep the reason under 500 characters.
staff-err-emergency-off = Emergency access is turned off at this practice. Call the client's care team or the practice lead instead.
staff-err-emergency-search = Type the client's exact e-mail address or their exact full name.
staff-err-emergency-short = Say why you need this record now, in at least 10 characters: the care team, the practice lead and the client will read it.
staff-err-report-order = Choose an end date on or after the start date.
staff-err-report-long = Choose a period of ten years or less.

## A record opened in an emergency
rec-title = { $name } (emergency access)
rec-banner = <strong>Emergency access until { $until }.</strong> You are reading this record in an emergency: read only, recorded, and told to the care team, the practice lead and the client.
rec-who-to-call = Who to call
rec-emergency-contact = Emergency contact
rec-none-given = None given.
rec-timezone = Timezone
rec-care-team = Care team
rec-no-team = Nobody on the care team.
rec-since = since { $date }
rec-safety-plan = Safety plan
rec-not-filled = Not filled in.
rec-no-safety-plan = No safety plan.
rec-summary = Summary
rec-latest = Latest measures
rec-no-questionnaire = No questionnaire yet.
rec-next-session = Next session
rec-none-booked = None booked.
rec-plan = Treatment plan
rec-not-written = Not written.
rec-notes = Progress notes
rec-no-notes = No signed progress note.
rec-signed = Signed { $date }
rec-data = Data:
rec-assessment = Assessment:
rec-plan-label = Plan:
rec-intake = Intake
rec-timeline = Timeline
rec-nothing-yet = Nothing yet.
staff-err-two-letters = Type at least two letters of a name or an e-mail address.
