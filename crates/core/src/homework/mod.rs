//! Homework between sessions (CLINICAL.md, Homework formats): the kinds of exercise, the form
//! of each, and what is checked before an entry is kept — a draft only within limits, a
//! finished entry complete as well. Dates arrive as `YYYY-MM-DD` text (this crate has no
//! calendar); the use-cases turn them into days.

mod content;
mod insight;

pub use content::{
    ActivityDiary, ActivityPlan, Content, Custom, DiaryEntry, Journal, Mood, MoodAfter, Person,
    PlannedActivity, ProblemOption, ProblemSolving, Relationships, SleepDiaryHomework,
    SleepDiaryNight, SleepWindow, Thought, ThoughtRecord, check,
};
pub use insight::{Activation, activation};

/// Most characters in one text box of an exercise.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Most rows in one list of an exercise (moods, thoughts, diary entries, options, people).
pub const MAX_ROWS: usize = 60;
/// Most characters of the clinician's instructions.
pub const MAX_INSTRUCTIONS_CHARS: usize = 2_000;

string_enum!(
    /// The exercises a clinician assigns or a client starts on their own.
    Kind {
        ThoughtRecord => "thought_record", "Thought record";
        ActivityDiary => "activity_diary", "Activity diary";
        ActivityPlan => "activity_plan", "Activity plan";
        ProblemSolving => "problem_solving", "Problem solving";
        Journal => "journal", "Journal";
        InterpersonalInventory => "interpersonal_inventory", "People in your life";
        Custom => "custom", "Exercise from your therapist";
        SleepDiary => "sleep_diary", "Sleep diary";
        SleepWindow => "sleep_window", "Sleep window";
    }
);

impl Kind {
    /// What the exercise is for, in one line for the person doing it.
    pub fn purpose(self) -> &'static str {
        match self {
            Kind::ThoughtRecord => {
                "Catch a thought that came with a bad moment, weigh it, and find a more balanced one."
            }
            Kind::ActivityDiary => {
                "Write down what you did and how much it gave you a sense of achievement and pleasure."
            }
            Kind::ActivityPlan => {
                "Plan a few activities, guess how much you will enjoy them, then see how it went."
            }
            Kind::ProblemSolving => {
                "Take one problem step by step: a goal, many ideas, the best plan, and how it went."
            }
            Kind::Journal => "Write freely about your day, and rate your mood.",
            Kind::InterpersonalInventory => {
                "The people in your life: how close you are, what helps and what hurts."
            }
            Kind::Custom => "What your therapist asked you to do, and your answer.",
            Kind::SleepDiary => {
                "Write down each night when you went to bed, slept, woke and got up."
            }
            Kind::SleepWindow => {
                "Keep the same bedtime and rise time every day, and note how it went."
            }
        }
    }

    /// Whether only a clinician's instructions make sense of it (a custom exercise).
    pub fn needs_instructions(self) -> bool {
        self == Kind::Custom
    }
}

string_enum!(
    /// Burns's ten cognitive distortions, as the thought record tags them.
    Distortion {
        AllOrNothing => "all_or_nothing", "All-or-nothing thinking";
        Overgeneralisation => "overgeneralisation", "Overgeneralisation";
        MentalFilter => "mental_filter", "Mental filter";
        DiscountingThePositive => "discounting_the_positive", "Discounting the positive";
        JumpingToConclusions => "jumping_to_conclusions", "Jumping to conclusions";
        Magnification => "magnification", "Magnification or minimisation";
        EmotionalReasoning => "emotional_reasoning", "Emotional reasoning";
        ShouldStatements => "should_statements", "Should statements";
        Labelling => "labelling", "Labelling";
        Personalisation => "personalisation", "Personalisation and blame";
    }
);

impl Distortion {
    /// Its meaning in one line, shown beside it on the form.
    pub fn meaning(self) -> &'static str {
        match self {
            Distortion::AllOrNothing => {
                "Seeing things in black and white: a success or a total failure."
            }
            Distortion::Overgeneralisation => "One bad event seen as a pattern that never ends.",
            Distortion::MentalFilter => {
                "Dwelling on one negative detail until it colours everything."
            }
            Distortion::DiscountingThePositive => {
                "Good things \"don't count\", for one reason or another."
            }
            Distortion::JumpingToConclusions => {
                "Mind-reading or fortune-telling without the facts."
            }
            Distortion::Magnification => "Blowing up problems, or shrinking your good points.",
            Distortion::EmotionalReasoning => "\"I feel it, so it must be true.\"",
            Distortion::ShouldStatements => "Musts and shoulds that bring guilt or frustration.",
            Distortion::Labelling => "\"I'm a loser\" instead of \"I made a mistake\".",
            Distortion::Personalisation => {
                "Blaming yourself for what was not all yours, or only others for all of it."
            }
        }
    }
}

string_enum!(
    /// How often a recurring assignment comes round.
    Every {
        Day => "day", "Every day";
        Week => "week", "Every week";
    }
);

string_enum!(
    /// Where an assignment stands for the client.
    Status {
        Due => "due", "To do";
        Draft => "draft", "Started";
        Done => "done", "Done";
        Reviewed => "reviewed", "Reviewed";
        Missed => "missed", "Missed";
    }
);

/// The share of assignments done, as whole per cent, of those that have come due.
pub fn completion_rate(done: usize, due: usize) -> Option<u8> {
    if due == 0 {
        return None;
    }
    let pct = (done.min(due) * 100 + due / 2) / due;
    u8::try_from(pct).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
            assert!(!k.purpose().is_empty());
        }
        assert_eq!(Distortion::ALL.len(), 10, "Burns's ten");
        for d in Distortion::ALL {
            assert_eq!(Distortion::parse(d.as_str()), Some(*d));
            assert!(d.meaning().len() < 90, "one line: {d:?}");
        }
        assert_eq!(Every::parse("week"), Some(Every::Week));
        assert_eq!(Kind::parse("diary"), None);
    }

    #[test]
    fn the_kinds_are_the_issues_words() {
        let words: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            words,
            [
                "thought_record",
                "activity_diary",
                "activity_plan",
                "problem_solving",
                "journal",
                "interpersonal_inventory",
                "custom",
                "sleep_diary",
                "sleep_window"
            ]
        );
    }

    #[test]
    fn sleep_homework_is_checked_like_the_diary() {
        use serde_json::json;
        let night = json!({"nights": [{"day": "2026-11-30", "bedtime": "23:00",
            "minutes_to_fall_asleep": 20, "awake_minutes": 10, "wake_time": "06:30", "rise_time": "07:00"}]});
        let Content::SleepDiary(d) = check(Kind::SleepDiary, &night, false).unwrap() else {
            panic!("a sleep diary");
        };
        assert_eq!(d.nights.len(), 1);
        let late = json!({"nights": [{"day": "2026-11-30", "bedtime": "23:00",
            "minutes_to_fall_asleep": 20, "awake_minutes": 10, "wake_time": "08:00", "rise_time": "07:00"}]});
        assert_eq!(
            check(Kind::SleepDiary, &late, false).unwrap_err().field,
            "nights[0].wake_time"
        );
        let half = json!({"nights": [{"day": "2026-11-30", "bedtime": "23:00"}]});
        assert!(
            check(Kind::SleepDiary, &half, true).is_ok(),
            "a draft may be half done"
        );
        assert_eq!(
            check(Kind::SleepDiary, &half, false).unwrap_err().field,
            "nights[0].minutes_to_fall_asleep"
        );
        assert_eq!(
            check(Kind::SleepDiary, &json!({}), false)
                .unwrap_err()
                .field,
            "nights"
        );

        let window = json!({"bedtime": "23:30", "rise_time": "06:30"});
        assert!(check(Kind::SleepWindow, &window, false).is_ok());
        let same = json!({"bedtime": "23:30", "rise_time": "23:30"});
        assert_eq!(
            check(Kind::SleepWindow, &same, false).unwrap_err().field,
            "rise_time"
        );
        let bad = json!({"bedtime": "half past eleven", "rise_time": "06:30"});
        assert_eq!(
            check(Kind::SleepWindow, &bad, true).unwrap_err().field,
            "bedtime"
        );
        assert_eq!(
            check(Kind::SleepWindow, &json!({}), false)
                .unwrap_err()
                .field,
            "bedtime"
        );
    }

    #[test]
    fn completion_is_rounded_and_needs_something_due() {
        assert_eq!(completion_rate(0, 0), None);
        assert_eq!(completion_rate(1, 3), Some(33));
        assert_eq!(completion_rate(2, 3), Some(67));
        assert_eq!(completion_rate(5, 4), Some(100));
    }
}
