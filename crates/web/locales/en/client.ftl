# The client's pages: check-in, crisis help, home, safety plan, account.

back-home = Back to your home
see-progress = See your progress
open-safety-plan = Open my safety plan

## Daily check-in
checkin-title = Daily check-in
checkin-intro = Under 30 seconds. Skip the note if you like.
checkin-mood = How is your mood today?
checkin-mood-scale = 0 is the worst, 10 the best.
checkin-mood-worst = 0 worst
checkin-mood-best = 10 best
checkin-sleep = Hours slept last night
checkin-sleep-hint = For example 7 or 6.5.
checkin-medication = Did you take your medication as prescribed?
checkin-missed-reason = If you missed it, why?
checkin-signs = Did you notice any of your warning signs today?
checkin-add-signs = <a href="/staying-well#signs">Add your own early warning signs</a> to tick them here.
checkin-self-harm-question = Have you had thoughts that you would be better off dead, or of hurting yourself, today?
checkin-note = Anything you want to note?
checkin-note-private = (optional, private to you and your care team)
checkin-save = Save check-in
checkin-saved-title = Check-in saved
checkin-saved = Your check-in is saved
checkin-saved-thanks = Thank you for answering honestly. Telling someone is a strong step.
medication-taken = Taken as prescribed
medication-missed = Missed
medication-not_prescribed = Not prescribed
missed-reason-side_effects = Side effects
missed-reason-forgot = Forgot
missed-reason-ran_out = Ran out
missed-reason-chose_not_to = Chose not to
self-harm-yes = Yes
self-harm-no = No
self-harm-skip = I would rather not answer

## Crisis help
crisis-heading = If you are in crisis
crisis-lead = You are not alone, and you do not have to wait. Trained people are there to listen, at any hour, free and confidential.
crisis-with-someone = If you are with someone who is in danger, stay with them and call for help.
crisis-now-heading = You said you have had thoughts of being better off dead or of hurting yourself
crisis-now-lead = Thank you for telling us. You do not have to carry this alone, and help is there right now.
crisis-now-told-clinician = <strong>Your clinician has been told</strong> and will be in touch.
crisis-now-told-practice = <strong>A clinician at your practice has been told</strong> and will be in touch.
crisis-now-nobody = No clinician has been assigned to you yet, so please reach out to one of the lines above now: they answer day and night.
crisis-now-act = If you feel you might act on these thoughts, call one of the numbers above now, or go to the nearest emergency department.
# The crisis-line-* messages are plain text (a page escapes them), not HTML.
crisis-line-988-call = 988 Suicide & Crisis Lifeline (call, any time)
crisis-line-988-call-action = Call 988
crisis-line-988-text = 988 Suicide & Crisis Lifeline (text)
crisis-line-988-text-action = Text 988
crisis-line-988-chat = 988 Lifeline chat
crisis-line-988-chat-action = Chat at 988lifeline.org
crisis-line-911 = If you are in danger now: emergency services
crisis-line-911-action = Call 911

## Account
account-title = Your account
account-name = Name
account-role = Role
role-client = client
role-clinician = clinician
role-family = family
role-admin = admin
account-totp = Two-step sign-in
account-on = on
account-off = off
account-change-password = Change your password
account-notifications = Notifications and reminders
account-access-log = See who opened your record
account-office-hours = Office hours and away message for messages
account-language = Language
account-language-legend = The language of your pages and e-mails
account-language-browser = The language of my browser
account-language-save = Save language
account-therapist = Your therapist
account-therapist-text = Finding the right person matters. You can meet a few before you choose, go back to a therapist you saw here before, or ask for someone else.
account-consultations = Your consultations
account-different-therapist = Ask for a different therapist
account-export = Download my data
account-export-what = One file (a ZIP) with your own copy of your record: your questionnaires and check-ins, goals, treatment plan, safety plan and plan for staying well, sessions, care team, the homework you sent and your messages.
account-export-inside = Inside: a page in plain words that you can read and print (<code>summary.html</code>), tables for a spreadsheet (<code>.csv</code>), and the same in FHIR, the standard format another practice or health app can read.
account-export-notes = Your therapist's private psychotherapy notes are not in it. The file is about your health: keep it somewhere safe.
account-calendar = Your sessions in your own calendar
account-calendar-ready = <strong>Your private calendar address is ready.</strong> It is shown only this once: copy it now.
account-calendar-address = Calendar address
account-calendar-how = In your calendar app, choose to add or subscribe to a calendar “from the internet” (or “by URL”) and paste this address; your sessions then appear and stay up to date.
account-calendar-private = Keep this address private: anyone who has it can see when and where your sessions are (never names or notes). If it gets out, stop it and make a new one.
account-calendar-have = You have a private calendar address. Your calendar app shows your sessions: when and where, never names or notes.
account-calendar-lost = The address was shown once, when you made it. Lost it? Make a new one: the old one stops working.
account-calendar-get = Get your sessions in the calendar app on your phone or computer. It shows when and where, never names or notes.
account-calendar-confirm-new = Make a new address? The old one stops working.
account-calendar-new = Make a new address
account-calendar-create = Create a private calendar address
account-calendar-confirm-stop = Stop this address? Calendar apps subscribed to it get nothing more.
account-calendar-stop = Stop this address
account-delete = Delete my account
account-delete-text = You can ask for your account to be deleted. See first what is removed at once, what is kept and for how long.

## Home
home-title = Your home
home-welcome = Welcome, { $name }
home-lead = This is your space. Take it one step at a time.
home-first-step = Your first step
home-intake-text = Tell your care team about yourself and what brings you to therapy. You can save it and carry on later.
home-intake-carry-on = Carry on: About you
home-intake-start = Start: About you
home-intake-after = After you send it, a few short questionnaires, one at a time.
home-today = For today
home-step = Step { $at } of { $of }
home-about-minutes = about { $n } min
home-then = Then:
home-all-done = All done for today. Thank you.
home-nothing-today = Nothing to fill in today.
home-done-on = done { $when }
home-homework = Homework
home-nothing-now = Nothing to do now.
home-all-homework = All your homework, and exercises to start on your own
home-going = How is therapy going for you?
home-going-text = You have been to { $sessions } sessions. Your questionnaire scores have not yet shown the change we would hope for by now ({ $start } at the start, { $latest } lately). That happens, and it is worth talking about.
home-going-talk = Your therapist knows too. At your next session you could talk together about what is helping and what could change. If you feel another therapist might suit you better, that is fine to ask for as well.
home-group-offer = You are offered a place in a group
home-group-choice = Joining is your choice.
home-group-decide = See the group and decide
home-your-group = Your group:
home-meeting-therapists = Meeting therapists
home-things-to-read = Things to read
home-family-noticed = What your family noticed
home-next-session = Your next session
home-minutes = { $n } min
home-none-booked = None booked yet. Your therapist books sessions with you.
home-all-sessions = All your sessions
home-plans = Your plans
home-intake-link = About you (intake)
home-treatment-plan = My treatment plan
home-plan-new = new: please read and agree
home-goals = My goals
home-medicines = My medicines
home-sleep = My sleep diary
home-staying-well = My plan for staying well
home-care-team = Your care team
home-no-team = No clinician is on your care team yet. When your practice connects you with a therapist, they will appear here. You can also <a href="/find">find a therapist who fits you</a> and meet a few before you choose.
home-since = since { $since }
home-emergency = Who to call in an emergency
home-emergency-text = Someone your care team may contact if they are very worried about your safety. Only your care team can see it.
home-emergency-label = Name and phone number
home-privacy = Your privacy
home-family = Family and friends: who can see what

## Signing in and up, the public home
field-email = E-mail address
field-password = Password
login-failed = Sign-in did not work
login-new-here = New here?
signup-name = Your name
signup-name-hint = The name you would like us to use.
signup-password-hint = At least 10 characters. A few words together are easy to remember and hard to guess.
signup-lead = It takes a minute. Only you and the clinicians you choose will see what you write.
signup-password-again = We kept what you typed, except the password: for your safety, type your password again.
signup-consent = I agree that Rapport keeps my health information, encrypted, to support my care, and shares it only with my care team and people I choose.
signup-submit = Create account
signup-have-account = Already have an account?
public-title = Welcome
public-heading = Therapy for depression, with you at every step
public-lead = Rapport is where you and your therapist plan your care together, keep track of how you are feeling week by week, and notice early when things get harder, so help comes sooner.
public-find = Find a therapist who fits you
public-find-text = Every therapist in <a href="/therapists">the directory</a> has had their licence checked and is taking new clients. Filter by approach, language, where you live, fee or insurance, then ask a few for a short consultation before you choose.
public-browse = Browse therapists
public-questions = Answer a few questions to find who fits you
public-what = What you can do here
public-what-find = <a href="/find"><strong>Find a therapist who fits you</strong></a> and meet a few before you choose.
public-what-checkin = <strong>Check in</strong> in under 30 seconds a day, and see your progress.
public-what-plans = <strong>Keep your plans</strong>: goals, a safety plan, and how to stay well.
public-learn = Learn about depression and therapy
public-learn-text = Short, plain pages: <a href="/learn/what-is-depression">what depression is</a>, <a href="/learn/approaches">kinds of therapy</a>, <a href="/learn/finding-a-therapist">finding a therapist</a> and <a href="/learn">more</a>.
public-help = Need help right now?
public-help-text = If you are thinking about ending your life or are in danger, you do not need an account. <a href="/crisis">Crisis help</a> lists who to call or text, at any hour.

## Progress and the safety plan
progress-title = Your progress
progress-lead = Lower scores mean fewer symptoms. The shaded path is how people often improve; everyone's path is their own.
progress-medicine = Your medicine, week by week
progress-medicine-text = From your daily check-ins and the weekly question about side effects. <a href="/medications">Your list of medicines</a>
charts-as-table = Show as a table
nothing-yet = Nothing yet.
plan-title = Safety plan
plan-of = Safety plan: { $name }
plan-danger-now = If you are in danger now
plan-crisis-lines = Crisis lines
plan-version = Version { $version }, { $updated }, written by { $by }.
plan-not-filled = Not filled in yet.
plan-if-i-am-in-danger = If I am in danger now
plan-print = Print this plan
plan-none-own = You have no safety plan yet. It is a short list, in your own words, of what to do when things get very hard. You can write it alone or with your clinician, and change it any time.
plan-none = No safety plan yet.
plan-change = Change the plan
plan-write = Write the plan
plan-save = Save the plan

## The learning library
learn-index = Things to read
learn-index-lead = Short, plain pages about depression and therapy. Each takes a few minutes. Read one when you feel up to it.
learn-recommended = Recommended for you
learn-recommended-by = Recommended by { $name }
learn-all = All pages
learn-struggling = If you are struggling right now, you do not need to read anything first. The <a href="/crisis">Crisis help</a> page lists who to call.
learn-what-is-depression = What depression is
learn-what-is-depression-summary = What depression is and is not, the common signs, and why it can be treated.
learn-approaches = Kinds of talking therapy
learn-approaches-summary = What CBT, behavioural activation, cognitive, interpersonal and psychodynamic therapy are, and what a session is like.
learn-formats = Ways to have therapy
learn-formats-summary = On your own, with family or in a group; in person, by video or by phone, and who each suits.
learn-homework = Homework between sessions
learn-homework-summary = Why therapists suggest small tasks between sessions, and what thought records, activity diaries, problem solving and journaling are.
learn-give-it-time = How change usually comes
learn-give-it-time-summary = What to expect as the weeks go by, why ups and downs are normal, and how weekly questionnaires help.
learn-if-therapy-did-not-help = If therapy did not help before
learn-if-therapy-did-not-help-summary = Why therapy sometimes does not help the first time, and how to make the next try fit you better.
learn-medication-and-sleep = Medication and sleep
learn-medication-and-sleep-summary = How medication can sit alongside therapy, how to take it safely, and sleep habits that help.
learn-finding-a-therapist = Finding a therapist
learn-finding-a-therapist-summary = How to find a qualified therapist, what the letters after their names mean, and what to ask when you first meet.
learn-talking-about-depression = Talking to people about your depression
learn-talking-about-depression-summary = Whether, whom and how much to tell, a few ways to start, and what to do when it does not go well.
learn-medicines-side-effects = Medicines: side effects and what to do
learn-medicines-side-effects-summary = Which side effects are common, which usually fade, which need a call to your prescriber today, and how to keep taking your medicine safely.

## Homework and sessions
homework-title = Your homework
homework-lead = Small exercises between sessions. Everything you type is saved as you go.
homework-to-do = To do
homework-sent = Sent
homework-nothing-sent = Nothing sent yet.
homework-sent-on = sent { $when }
homework-your-therapist = Your therapist:
homework-read = Read by your therapist.
homework-start-own = Start an exercise on your own
homework-which = Which exercise?
homework-start = Start
sessions-title = My sessions
sessions-timezone = Times are in your timezone, { $zone }.
sessions-coming-up = Coming up
sessions-none-booked = No sessions booked yet. Your therapist books them with you.
sessions-cancelled-badge = cancelled
sessions-length = Length
sessions-minutes =
    { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
sessions-where = Where
sessions-with = With
sessions-session = Session
sessions-ask-other-time = Ask for another time
sessions-why = Why another time?
sessions-why-hint = A sentence is enough. Your therapist sees it and gets back to you; until then the session stays as it is.
sessions-times = Times that would suit you (if you like)
sessions-times-hint = Up to three, in your timezone; the time on the 24-hour clock, like 14:30.
sessions-date-n = Date { $n }
sessions-time-n = Time { $n }
sessions-send-request = Send the request
sessions-past = Past sessions
sessions-none-yet = None yet.
sessions-cancelled = Cancelled
sessions-not-recorded = Not recorded yet

## Messages
messages-heading-own = Messages with your care team
messages-not-watched = Messages are not watched around the clock. Your care team reads them in their office hours, so a message is not read at once, and a reply can take a day or more. If you are in crisis or might act on thoughts of harming yourself, do not wait for a reply: call one of these lines now.
messages-self-harm = Your care team will read this, but not at once. Sending a message does not raise an alert, and nobody is told straight away. If you are in danger now, call one of these lines:
messages-no-team = You have no clinician on your care team yet, so nobody would read a message here. If you need help now, call one of the crisis lines.
messages-danger = If you are in danger now, do not wait for a reply
messages-sent = Message sent.
messages-sent-own = Your care team will read it in their office hours, not at once.
messages-not-at-once = Messages are not read at once
messages-office-hours = Office hours
messages-no-hours = No office hours set.
messages-times-in = Times in { $zone }.
messages-away-message = Away message:
messages-none = No messages yet.
messages-not-read = Not read yet
messages-write-team = Write to your care team
messages-write-to = Write to { $name }
messages-up-to = Up to { $max } characters.
messages-reads-in-hours = Your care team reads messages in their office hours.
messages-send = Send message

## Staying well
staying-title = Staying well
staying-of = Plan for staying well: { $name }
staying-lead-own = Depression can come back. A plan made while you are well makes it easier to notice early and act early.
staying-lead = Depression can come back. A plan made while the client is well makes it easier to notice early and act early.
staying-signs-own = My early warning signs
staying-signs = Early warning signs
staying-signs-hint-own = Small changes that come before things get worse. Each one becomes a box to tick on the daily check-in; ticking the same signs on two days in a week tells your care team early.
staying-signs-hint = Small changes that come before things get worse. Each one becomes a box to tick on the daily check-in; ticking the same signs on two days in a week tells the care team early.
staying-no-signs = No signs yet.
staying-take-off = Take off the list
staying-add-sign = Add the sign
staying-sign-label = A warning sign, in a few words
staying-the-plan = The plan

## Goals
goals-title = Goals
goals-of = Goals: { $name }
goals-lead = Goals set together: what success looks like, how you will both know, and how far along it is.
goal-status-active = in progress
goal-status-achieved = achieved
goal-status-dropped = set aside
goals-success = What success looks like
goals-measured-by = How we will know
goals-by = By
goals-how-far = How far along
goals-rating-of-ten = { $n } of 10
goals-why-closed = Why it closed
goals-how-far-now = How far along is it now?
goals-scale = 0 not started, 10 reached
goals-note = A note (optional)
goals-record = Record progress
goals-close-this = Close this goal
goals-outcome = Outcome
goals-achieved = Achieved
goals-set-aside = Set aside
goals-why = Why
goals-close = Close the goal
goals-set = Set a goal
goals-set-the = Set the goal
goals-field-title = The goal, in a few words
goals-field-measured-by = How we will know (optional)
goals-field-target = Target date (optional)
