## The clinician's chart (issue 21): the timeline's lines (rapport_app::timeline::Event),
## homework's origin, family observations, the intake's questions, the emergency record.
## A name or a goal's title is the words of people: kept apart with translate="no".

## The timeline: $name is a person's name, $title a goal's as the client wrote it
chart-tl-measure = { $instrument } { $total }
chart-tl-measure-band = { $instrument } { $total } ({ $band })
chart-tl-alert = Alert ({ $level }): { $kind }. { $explanation }
chart-tl-alert-acknowledged = Alert acknowledged ({ $kind }) by <span translate="no">{ $name }</span>
chart-tl-alert-resolved = Alert resolved ({ $kind }) by <span translate="no">{ $name }</span>
chart-tl-session = Session ({ $kind }, { $minutes } min): { $outcome }
chart-tl-kind-individual = individual
chart-tl-kind-family = family
chart-tl-kind-group = group
chart-tl-kind-medication-review = medication review
chart-tl-outcome-scheduled = scheduled
chart-tl-outcome-cancelled = cancelled
chart-tl-outcome-attended = attended
chart-tl-outcome-late-cancelled = cancelled late
chart-tl-outcome-no-show = did not attend
chart-tl-outcome-unrecorded = attendance not recorded
chart-tl-session-moved = Session moved by <span translate="no">{ $name }</span>
chart-tl-session-cancelled = Session cancelled by <span translate="no">{ $name }</span>
chart-tl-move-requested = The client asked to move a session
chart-tl-feedback = Session feedback: overall { $overall } of 10 (lowest answer { $lowest })
chart-tl-note-signed = Progress note signed by <span translate="no">{ $name }</span>
chart-tl-note-amended = Note amended by <span translate="no">{ $name }</span>
chart-tl-plan = Treatment plan version { $version } by <span translate="no">{ $name }</span>
chart-tl-plan-agreed = The client agreed to treatment plan version { $version }
chart-tl-staying-well = Plan for staying well, version { $version }
chart-tl-goal-set = Goal set: <span translate="no">{ $title }</span>
chart-tl-goal-progress = Goal progress { $rating } of 10: <span translate="no">{ $title }</span>
chart-tl-episode = Episode: { $state } (<span translate="no">{ $name }</span>)
chart-tl-intake-sent = Intake sent

## Homework on the chart: when it was given, or started by the client; an entry's day
chart-hw-assigned = Assigned { $date }
chart-hw-started = Started by the client on { $date }
chart-hw-for = for { $date }

## Family observations
chart-retired-sign = A sign no longer on the list
chart-obs-hidden = Hidden from the client on { $date } by <span translate="no">{ $name }</span>: <span translate="no">{ $reason }</span>

## The intake as the care team reads it: its questions, about the client
chart-in-reason = What brings them now
chart-in-life-events = Recent life events
chart-in-life-events-note = About those events
chart-in-had-therapy = Therapy before
chart-in-earlier-kinds = Kinds of therapy
chart-in-earlier-length = How long
chart-in-earlier-helped = What helped
chart-in-earlier-not-helped = Why it did not help
chart-in-earlier-missing = What they needed and did not get
chart-in-wants = What they want from therapy now
chart-in-medication = Medication
chart-in-adherence = Takes it as prescribed
chart-in-sleep = Sleep
chart-in-supports = Who supports them
chart-in-baseline-phq9 = Baseline PHQ-9
chart-in-baseline-gad7 = Baseline GAD-7

## A record opened in an emergency
chart-rec-safety-version = Version { $version }, { $date }, written by <span translate="no">{ $name }</span>.
chart-rec-plan-line = { $approach }, { $frequency }, { $n } sessions (version { $version })
