//! Homework between sessions for five clients over the last five weeks, through the real
//! use-cases at their moments: assigned by the therapist after a session, written by the
//! client in the evening (drafts, sent entries, a draft left unsent, a day missed), reviewed
//! with a short comment at the next session — and one sent last night that no one has read yet.
//!
//! Made up, and each client's in the voice of their story (`plans.rs`): Fatima's guilt as her
//! mother's carer (CBT), Isabel's new life far from Lisbon (behavioural activation), Grace's
//! self-criticism at work (CBT), Morgan's lost job and the people around him, Hiro's
//! retirement (both IPT, role transitions).

use chrono::{DateTime, NaiveDate, Utc};
use rapport_app::homework::{NewAssignment, RepeatInput, assign, review, save_entry};
use rapport_app::{Actor, App, Error, Result};
use serde_json::{Value, json};
use uuid::Uuid;

use super::history::Calendar;

/// One exercise: given on `assigned` (days from today) after the session, due on `due`
/// (none: undated), daily until `daily_until` when it recurs.
struct Exercise {
    client: &'static str,
    kind: &'static str,
    instructions: &'static str,
    assigned: i64,
    due: Option<i64>,
    daily_until: Option<i64>,
    entries: Vec<Written>,
    /// The therapist reads every sent entry on this day, with this comment.
    review: Option<(i64, &'static str)>,
}

/// One save by the client, in the evening of `day`; `occurrence` names a daily exercise's day.
struct Written {
    day: i64,
    minutes: u64,
    occurrence: Option<i64>,
    draft: bool,
    content: Value,
}

fn sent(day: i64, minutes: u64, content: Value) -> Written {
    Written {
        day,
        minutes,
        occurrence: None,
        draft: false,
        content,
    }
}

fn draft(day: i64, minutes: u64, content: Value) -> Written {
    Written {
        draft: true,
        ..sent(day, minutes, content)
    }
}

/// A moment of the homework, as the replay runs it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step {
    Assign(usize),
    Write(usize, usize),
    Review(usize),
}

/// The demo's homework and, as the replay goes, the ids of what was assigned.
pub(super) struct Homework {
    exercises: Vec<Exercise>,
    ids: Vec<Option<Uuid>>,
}

impl Homework {
    pub(super) fn new(cal: &Calendar) -> Homework {
        let exercises = exercises(cal);
        let ids = vec![None; exercises.len()];
        Homework { exercises, ids }
    }

    /// Every moment, with the client's name: (when, client, step).
    pub(super) fn moments(
        &self,
        cal: &Calendar,
        after_session: impl Fn(&str) -> u64,
    ) -> Vec<(DateTime<Utc>, &'static str, Step)> {
        let mut out = Vec::new();
        for (n, e) in self.exercises.iter().enumerate() {
            let after = after_session(e.client);
            if let Some(at) = cal.at(e.assigned, after) {
                out.push((at, e.client, Step::Assign(n)));
            }
            for (k, w) in e.entries.iter().enumerate() {
                if let Some(at) = cal.at(w.day, w.minutes) {
                    out.push((at, e.client, Step::Write(n, k)));
                }
            }
            if let Some((day, _)) = e.review
                && let Some(at) = cal.at(day, after + 10)
            {
                out.push((at, e.client, Step::Review(n)));
            }
        }
        out
    }

    pub(super) async fn run(
        &mut self,
        app: &App,
        cal: &Calendar,
        client: &Actor,
        client_id: Uuid,
        therapist: &Actor,
        step: Step,
    ) -> Result<()> {
        match step {
            Step::Assign(n) => {
                let Some(e) = self.exercises.get(n) else {
                    return Ok(());
                };
                let new = NewAssignment {
                    kind: e.kind.into(),
                    instructions: e.instructions.into(),
                    due_on: e.due.and_then(|d| date(cal, d)),
                    repeat: e.daily_until.map(|until| RepeatInput {
                        every: "day".into(),
                        until: date(cal, until),
                    }),
                };
                self.ids[n] = Some(assign(app, therapist, client_id, new).await?);
            }
            Step::Write(n, k) => {
                let (Some(Some(id)), Some(w)) = (
                    self.ids.get(n),
                    self.exercises.get(n).and_then(|e| e.entries.get(k)),
                ) else {
                    return Err(Error::Internal("demo homework written before given".into()));
                };
                let occurrence = w.occurrence.and_then(|d| date(cal, d));
                save_entry(app, client, *id, occurrence, w.draft, &w.content).await?;
            }
            Step::Review(n) => {
                if let (Some(Some(id)), Some((_, comment))) = (
                    self.ids.get(n),
                    self.exercises.get(n).and_then(|e| e.review),
                ) {
                    review(app, therapist, *id, comment).await?;
                }
            }
        }
        Ok(())
    }
}

fn date(cal: &Calendar, day: i64) -> Option<NaiveDate> {
    cal.local(day, 0).map(|t| t.date())
}

fn day_text(cal: &Calendar, day: i64) -> String {
    date(cal, day).map(|d| d.to_string()).unwrap_or_default()
}

fn exercises(cal: &Calendar) -> Vec<Exercise> {
    let mut all = fatima();
    all.extend(isabel(cal));
    all.extend(grace());
    all.extend(grace_sleep(cal));
    all.extend(morgan());
    all.push(hiro());
    all
}

fn fatima() -> Vec<Exercise> {
    vec![
        Exercise {
            client: "Fatima Hassan",
            kind: "thought_record",
            instructions: "One thought record this week, on a moment when the guilt was strongest. Rate the mood before and after.",
            assigned: -27,
            due: Some(-21),
            daily_until: None,
            entries: vec![
                draft(
                    -24,
                    22 * 60 + 10,
                    json!({
                        "situation": "Mum asked for my dad again at dinner and I snapped at her that he's been gone nine years.",
                        "moods": [{"name": "Guilty", "before": 90}, {"name": "Sad", "before": 70}],
                    }),
                ),
                sent(
                    -23,
                    21 * 60 + 40,
                    json!({
                        "situation": "Mum asked for my dad again at dinner and I snapped at her that he's been gone nine years.",
                        "moods": [{"name": "Guilty", "before": 90}, {"name": "Sad", "before": 70}],
                        "automatic_thoughts": [
                            {"text": "A good daughter would never speak to her mother like that.", "hot": true},
                            {"text": "I'm failing her, and everyone can see it.", "hot": false}
                        ],
                        "evidence_for": "I raised my voice. She looked frightened for a moment.",
                        "evidence_against": "I apologised straight away and she held my hand. I have cooked for her, washed her and sat with her every day for two years. One sharp sentence after a fourteen-hour day is not the whole of it.",
                        "balanced_thought": "I lost my patience once because I am exhausted, not because I don't love her. Tiredness is a reason to get more help, not proof that I'm failing.",
                        "belief": 55,
                        "moods_after": [{"name": "Guilty", "after": 60}, {"name": "Sad", "after": 55}],
                        "distortions": ["labelling", "should_statements"]
                    }),
                ),
            ],
            review: Some((
                -20,
                "Thank you, Fatima. \"Tiredness is a reason to get more help\" is worth keeping. Let's talk about the respite hours on Thursday.",
            )),
        },
        Exercise {
            client: "Fatima Hassan",
            kind: "thought_record",
            instructions: "Another thought record, if a hard moment comes. Try the evidence against first this time.",
            assigned: -13,
            due: Some(-6),
            daily_until: None,
            entries: vec![sent(
                -9,
                20 * 60 + 55,
                json!({
                    "situation": "My brother phoned from Leeds and asked why Mum hadn't had her flu jab yet.",
                    "moods": [{"name": "Angry", "before": 75}, {"name": "Ashamed", "before": 60}],
                    "automatic_thoughts": [
                        {"text": "He thinks I can't even manage the basics.", "hot": true}
                    ],
                    "evidence_for": "He asked twice.",
                    "evidence_against": "He also said he didn't know how I do it. The appointment is booked for Friday; the surgery moved it, not me.",
                    "balanced_thought": "He was worried and clumsy about it. The jab is booked. I can tell him that without apologising.",
                    "belief": 70,
                    "moods_after": [{"name": "Angry", "after": 35}, {"name": "Ashamed", "after": 20}],
                    "distortions": ["jumping_to_conclusions", "personalisation"]
                }),
            )],
            review: Some((
                -6,
                "You caught the mind-reading and answered it with facts. Well done.",
            )),
        },
        Exercise {
            client: "Fatima Hassan",
            kind: "problem_solving",
            instructions: "Take the problem of time for yourself through the steps we practised. Any idea counts at first.",
            assigned: -6,
            due: None,
            daily_until: None,
            entries: vec![
                draft(
                    -4,
                    21 * 60 + 30,
                    json!({
                        "problem": "I have had no time to myself since September. Even when Mum sleeps I'm listening for her.",
                    }),
                ),
                // Sent last night: the caseload shows it as new.
                sent(
                    -1,
                    21 * 60 + 5,
                    json!({
                        "problem": "I have had no time to myself since September. Even when Mum sleeps I'm listening for her.",
                        "goal": "Two hours a week that are mine, out of the house, without worrying.",
                        "options": [
                            {"idea": "Ask my brother to come one Saturday a month", "pros": "He has offered before", "cons": "He lives three hours away"},
                            {"idea": "The day centre's Wednesday afternoon club", "pros": "Mum liked the music there", "cons": "She gets confused in new places"},
                            {"idea": "Ask Mrs Begum next door to sit with her", "pros": "Mum knows her", "cons": "I hate asking"},
                            {"idea": "Go for a walk while the carer is here in the morning", "pros": "Already paid for", "cons": "Only half an hour"}
                        ],
                        "chosen_plan": "Try the Wednesday club for three weeks, and go to the swimming pool while she is there. Morning walks on the days the carer comes.",
                        "how_it_went": "First Wednesday: I sat in the car park for twenty minutes in case they rang. Then I swam ten lengths. It felt strange and good."
                    }),
                ),
            ],
            review: None,
        },
    ]
}

/// An activity diary's row: activity, time, mastery, pleasure, mood.
type DiaryRow = (&'static str, &'static str, u8, u8, u8);

fn isabel(cal: &Calendar) -> Vec<Exercise> {
    // (activity, time, mastery, pleasure, mood): two weeks of days, one a row; the fifth day
    // left empty and the tenth a draft never sent.
    let days: [&[DiaryRow]; 14] = [
        &[
            ("Breakfast with Rui before he left", "07:30", 2, 5, 4),
            ("Slept after lunch", "14:00", 0, 2, 3),
        ],
        &[
            ("Walked to the market for bread", "10:15", 4, 5, 5),
            ("Video call with Mãe", "18:00", 2, 7, 6),
        ],
        &[
            ("Stayed in bed until eleven", "11:00", 0, 1, 3),
            ("Cooked caldo verde", "19:00", 6, 6, 5),
        ],
        &[("Drawing in the park, twenty minutes", "15:30", 5, 7, 6)],
        &[],
        &[
            ("Laundry and tidied the flat", "10:00", 6, 3, 5),
            ("Read on the balcony", "16:00", 2, 6, 6),
        ],
        &[(
            "Went to the Portuguese-speaking group at the library",
            "18:30",
            7,
            8,
            7,
        )],
        &[
            (
                "Emailed the school about the teaching assistant job",
                "09:45",
                8,
                3,
                5,
            ),
            ("Walk with Rui after dinner", "20:00", 2, 7, 7),
        ],
        &[
            ("Slept badly, stayed home", "13:00", 1, 2, 3),
            ("Phoned Catarina from the group", "17:30", 5, 6, 5),
        ],
        &[("Drawing class, first time", "19:00", 6, 7, 6)],
        &[("Market again, talked to the fruit seller", "10:30", 4, 6, 6)],
        &[
            ("Sketched the view from the bridge", "11:00", 5, 8, 7),
            ("Cooked for Rui's colleagues", "19:30", 7, 5, 6),
        ],
        &[("Lazy Sunday, a film with Rui", "15:00", 1, 6, 6)],
        &[
            (
                "Interview for the assistant job, by video",
                "10:00",
                8,
                4,
                6,
            ),
            ("Bought new pencils to celebrate", "12:00", 2, 7, 7),
        ],
    ];
    let first = -31;
    let mut entries = Vec::new();
    for (offset, rows) in (0i64..).zip(days) {
        if rows.is_empty() {
            continue;
        }
        let day = first + offset;
        let content = json!({"entries": rows.iter().map(|(activity, time, mastery, pleasure, mood)| json!({
            "day": day_text(cal, day), "time": time, "activity": activity,
            "mastery": mastery, "pleasure": pleasure, "mood": mood,
        })).collect::<Vec<_>>()});
        entries.push(Written {
            day,
            minutes: 21 * 60 + (offset as u64 * 7) % 50,
            occurrence: Some(day),
            draft: offset == 9,
            content,
        });
    }
    let plan = |day: i64, activity: &str, predicted: u8, actual: Option<u8>| {
        json!({"day": day_text(cal, day), "activity": activity, "predicted_pleasure": predicted,
               "done": actual.is_some().then_some(true), "actual_pleasure": actual})
    };
    vec![
        Exercise {
            client: "Isabel Costa",
            kind: "activity_diary",
            instructions: "Each evening, write down what you did and rate it for achievement and pleasure, 0 to 10. Small things count.",
            assigned: first,
            due: Some(first),
            daily_until: Some(first + 13),
            entries,
            review: Some((
                -17,
                "Two weeks of diary, Isabel. Look at the days with the group, the drawing and the market: pleasure 6 to 8. Let's plan more of those.",
            )),
        },
        Exercise {
            client: "Isabel Costa",
            kind: "activity_plan",
            instructions: "Plan four activities for this week from the diary's good days. Guess the pleasure first, then rate it after.",
            assigned: -17,
            due: Some(-10),
            daily_until: None,
            entries: vec![
                draft(
                    -17,
                    20 * 60 + 40,
                    json!({"activities": [
                        plan(-15, "Portuguese-speaking group", 5, None),
                        plan(-14, "Drawing class", 4, None),
                        plan(-12, "Walk to the lake with my sketchbook", 3, None),
                        plan(-11, "Coffee with Catarina", 3, None),
                    ]}),
                ),
                sent(
                    -10,
                    21 * 60 + 15,
                    json!({"activities": [
                        plan(-15, "Portuguese-speaking group", 5, Some(8)),
                        plan(-14, "Drawing class", 4, Some(7)),
                        plan(-12, "Walk to the lake with my sketchbook", 3, Some(6)),
                        {"day": day_text(cal, -11), "activity": "Coffee with Catarina", "predicted_pleasure": 3, "done": false},
                    ]}),
                ),
            ],
            review: Some((
                -3,
                "Three out of four, and each one better than you guessed. That gap between the guess and the day is the depression talking; worth remembering on Sunday evenings.",
            )),
        },
        Exercise {
            client: "Isabel Costa",
            kind: "activity_plan",
            instructions: "Plan the coming week the same way, and add one thing towards work.",
            assigned: -3,
            due: Some(4),
            daily_until: None,
            entries: vec![draft(
                -2,
                20 * 60 + 50,
                json!({"activities": [
                    plan(-1, "Coffee with Catarina (again!)", 4, Some(7)),
                    plan(1, "Drawing class", 5, None),
                    plan(2, "Ask the school about a trial day", 2, None),
                ]}),
            )],
            review: None,
        },
    ]
}

fn grace() -> Vec<Exercise> {
    vec![
        Exercise {
            client: "Grace Mensah",
            kind: "thought_record",
            instructions: "Back to the thought records you know. One on a moment of self-criticism at work.",
            assigned: -21,
            due: Some(-14),
            daily_until: None,
            entries: vec![sent(
                -16,
                19 * 60 + 45,
                json!({
                    "situation": "My manager corrected two figures in my quarterly report in front of the team.",
                    "moods": [{"name": "Humiliated", "before": 85}, {"name": "Anxious", "before": 65}],
                    "automatic_thoughts": [
                        {"text": "I'm careless and everyone knows it now.", "hot": true},
                        {"text": "They'll stop giving me the important reports.", "hot": false}
                    ],
                    "evidence_for": "There were two mistakes.",
                    "evidence_against": "It was forty pages. She said the analysis was the best she'd seen this year. Priya had corrections too and nobody thought less of her.",
                    "balanced_thought": "Two typos in a long report are ordinary. The work was good, and she said so.",
                    "belief": 65,
                    "moods_after": [{"name": "Humiliated", "after": 40}, {"name": "Anxious", "after": 35}],
                    "distortions": ["mental_filter", "discounting_the_positive", "labelling"]
                }),
            )],
            review: Some((
                -14,
                "You found the compliment your mind had filtered out. That is the skill we want to keep after therapy ends.",
            )),
        },
        Exercise {
            client: "Grace Mensah",
            kind: "journal",
            instructions: "A few lines on one thing you did well this week, and your mood.",
            assigned: -14,
            due: None,
            daily_until: None,
            entries: vec![sent(
                -11,
                21 * 60 + 20,
                json!({
                    "text": "Led the Monday meeting without notes. My voice shook at the start and then it didn't. Afterwards I went to find the mistake I must have made, and there wasn't one. I'm writing that down so I remember it.",
                    "mood": 7
                }),
            )],
            review: Some((-7, "\"There wasn't one.\" Lovely to read.")),
        },
        Exercise {
            client: "Grace Mensah",
            kind: "thought_record",
            instructions: "One more before Thursday, on any moment the inner critic gets loud.",
            assigned: -7,
            due: Some(3),
            daily_until: None,
            entries: vec![],
            review: None,
        },
    ]
}

/// Grace sleeps badly before work days: a sleep diary, then a sleep window from it (issue 22).
fn grace_sleep(cal: &Calendar) -> Vec<Exercise> {
    let night = |day: i64, bed: &str, latency: u16, awake: u16, wake: &str, rise: &str| {
        json!({"day": day_text(cal, day), "bedtime": bed, "minutes_to_fall_asleep": latency,
               "awake_minutes": awake, "wake_time": wake, "rise_time": rise})
    };
    vec![
        Exercise {
            client: "Grace Mensah",
            kind: "sleep_diary",
            instructions: "Write down three nights this week: when you went to bed, how long it took to fall asleep, time awake, when you woke and got up.",
            assigned: -12,
            due: Some(-8),
            daily_until: None,
            entries: vec![sent(
                -9,
                7 * 60 + 40,
                json!({"nights": [
                    night(-11, "22:30", 50, 40, "05:30", "07:00"),
                    night(-10, "23:00", 35, 30, "06:00", "07:00"),
                    night(-9, "22:45", 60, 20, "05:45", "07:15"),
                ]}),
            )],
            review: Some((
                -7,
                "Long hours in bed and a lot of them awake, mostly on Sunday and Monday nights. Let's try a shorter window.",
            )),
        },
        Exercise {
            client: "Grace Mensah",
            kind: "sleep_window",
            instructions: "Bed no earlier than 23:30, up at 06:30 every day, weekends too. Note how it goes.",
            assigned: -7,
            due: Some(7),
            daily_until: None,
            entries: vec![draft(
                -2,
                21 * 60 + 5,
                json!({"bedtime": "23:30", "rise_time": "06:30", "how_it_went": "Hard to stay up the first two nights; falling asleep faster since."}),
            )],
            review: None,
        },
    ]
}

fn morgan() -> Vec<Exercise> {
    vec![
        Exercise {
            client: "Morgan Ellis",
            kind: "interpersonal_inventory",
            instructions: "The people in your life now: how close, what helps, what hurts. We'll use it to choose who to get back in touch with.",
            assigned: -35,
            due: Some(-28),
            daily_until: None,
            entries: vec![sent(
                -31,
                20 * 60 + 30,
                json!({
                    "people": [
                        {"name": "Sam (brother)", "closeness": 8, "helps": "Turns up without asking. Doesn't make a fuss.", "hurts": "Asks about job applications every time."},
                        {"name": "Ruth next door", "closeness": 6, "helps": "Tea in her kitchen, no questions.", "hurts": ""},
                        {"name": "Climbing group", "closeness": 3, "helps": "I used to feel strong there.", "hurts": "Haven't been since the redundancy. Embarrassed to explain."},
                        {"name": "Old team at work", "closeness": 2, "helps": "Jess still messages sometimes.", "hurts": "Seeing their posts about the new project."}
                    ],
                    "focus": "role_transitions"
                }),
            )],
            review: Some((
                -28,
                "A clear map, Morgan. The climbing group stands out: close once, and the embarrassment is what keeps you away. Let's start there.",
            )),
        },
        Exercise {
            client: "Morgan Ellis",
            kind: "journal",
            instructions: "If you go back to climbing this week, write a few lines about it.",
            assigned: -14,
            due: None,
            daily_until: None,
            // Started, never sent.
            entries: vec![draft(
                -10,
                22 * 60 + 40,
                json!({
                    "text": "Drove to the wall on Thursday and sat outside. Didn't go in. Going to try again with Sam"
                }),
            )],
            review: None,
        },
    ]
}

fn hiro() -> Exercise {
    Exercise {
        client: "Hiro Tanaka",
        kind: "interpersonal_inventory",
        instructions: "Who is in your week now that work has stopped? Include the people you miss from the office.",
        assigned: -22,
        due: Some(-15),
        daily_until: None,
        entries: vec![sent(
            -18,
            19 * 60 + 10,
            json!({
                "people": [
                    {"name": "Keiko", "closeness": 9, "helps": "Forty years of knowing me.", "hurts": "We are both home all day now, and I get under her feet."},
                    {"name": "Kenji (son, Seattle)", "closeness": 6, "helps": "Video calls on Sundays with the grandchildren.", "hurts": "Far away."},
                    {"name": "Former colleagues", "closeness": 3, "helps": "Lunch with Tom once a month.", "hurts": "Without the work we have little to talk about."},
                    {"name": "Neighbours at the allotment", "closeness": 2, "helps": "Friendly.", "hurts": "I don't know their names yet."}
                ],
                "focus": "role_transitions"
            }),
        )],
        review: Some((
            -15,
            "Thank you, Hiro. Learning the allotment neighbours' names could be this week's small step.",
        )),
    }
}
