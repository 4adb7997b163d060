//! The form of each exercise and its checks. Every field may be missing from a draft; a
//! finished entry needs what makes the exercise what it is, and nothing more — a tired person
//! should not be stopped by a box they could leave empty. Ratings: moods and belief 0–100,
//! mastery, pleasure, mood and closeness 0–10.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Distortion, Kind, MAX_ROWS, MAX_TEXT_CHARS};
use crate::plans::approach::IptFocus;
use crate::{Error, Result};

/// A mood and how strong it was, 0–100.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mood {
    pub name: String,
    pub before: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thought {
    pub text: String,
    /// The "hot thought": the one with the most feeling attached.
    pub hot: bool,
}

/// A mood re-rated after the balanced thought, 0–100.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MoodAfter {
    pub name: String,
    pub after: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThoughtRecord {
    pub situation: String,
    pub moods: Vec<Mood>,
    pub automatic_thoughts: Vec<Thought>,
    pub evidence_for: String,
    pub evidence_against: String,
    pub balanced_thought: String,
    /// How much the balanced thought is believed, 0–100.
    pub belief: Option<u8>,
    pub moods_after: Vec<MoodAfter>,
    pub distortions: Vec<Distortion>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiaryEntry {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// `HH:MM`, when given.
    pub time: Option<String>,
    pub activity: String,
    pub mastery: Option<u8>,
    pub pleasure: Option<u8>,
    pub mood: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ActivityDiary {
    pub entries: Vec<DiaryEntry>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlannedActivity {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub activity: String,
    pub predicted_pleasure: Option<u8>,
    /// Unknown until the day has come.
    pub done: Option<bool>,
    /// Only for an activity done.
    pub actual_pleasure: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ActivityPlan {
    pub activities: Vec<PlannedActivity>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProblemOption {
    pub idea: String,
    pub pros: String,
    pub cons: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProblemSolving {
    pub problem: String,
    pub goal: String,
    pub options: Vec<ProblemOption>,
    pub chosen_plan: String,
    /// Filled in after trying the plan.
    pub how_it_went: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Journal {
    pub text: String,
    pub mood: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// 0 (distant) to 10 (very close).
    pub closeness: Option<u8>,
    pub helps: String,
    pub hurts: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Relationships {
    pub people: Vec<Person>,
    /// The IPT focus area it points to, when the clinician and client have named one.
    pub focus: Option<IptFocus>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Custom {
    pub answer: String,
}

/// One night of a sleep diary kept as homework: clock times `HH:MM`, minutes 0–720.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SleepDiaryNight {
    /// The morning the night ended, `YYYY-MM-DD`.
    pub day: String,
    pub bedtime: String,
    pub minutes_to_fall_asleep: Option<u16>,
    pub awake_minutes: Option<u16>,
    pub wake_time: String,
    pub rise_time: String,
}

/// A sleep diary as homework (issue 22): a few nights written down, each giving its sleep
/// efficiency (`crate::sleep`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SleepDiaryHomework {
    pub nights: Vec<SleepDiaryNight>,
}

/// A sleep-window plan (issue 22): the bedtime and the rise time to keep every day, and how
/// keeping it went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SleepWindow {
    /// `HH:MM`.
    pub bedtime: String,
    /// `HH:MM`.
    pub rise_time: String,
    /// How keeping to it went (optional).
    pub how_it_went: String,
}

/// An entry's content, checked, of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    ThoughtRecord(ThoughtRecord),
    ActivityDiary(ActivityDiary),
    ActivityPlan(ActivityPlan),
    ProblemSolving(ProblemSolving),
    Journal(Journal),
    InterpersonalInventory(Relationships),
    Custom(Custom),
    SleepDiary(SleepDiaryHomework),
    SleepWindow(SleepWindow),
}

impl Content {
    pub fn kind(&self) -> Kind {
        match self {
            Content::ThoughtRecord(_) => Kind::ThoughtRecord,
            Content::ActivityDiary(_) => Kind::ActivityDiary,
            Content::ActivityPlan(_) => Kind::ActivityPlan,
            Content::ProblemSolving(_) => Kind::ProblemSolving,
            Content::Journal(_) => Kind::Journal,
            Content::InterpersonalInventory(_) => Kind::InterpersonalInventory,
            Content::Custom(_) => Kind::Custom,
            Content::SleepDiary(_) => Kind::SleepDiary,
            Content::SleepWindow(_) => Kind::SleepWindow,
        }
    }

    /// The content as the API and the sealed column hold it: the kind's fields.
    pub fn to_json(&self) -> Value {
        let v = match self {
            Content::ThoughtRecord(c) => serde_json::to_value(c),
            Content::ActivityDiary(c) => serde_json::to_value(c),
            Content::ActivityPlan(c) => serde_json::to_value(c),
            Content::ProblemSolving(c) => serde_json::to_value(c),
            Content::Journal(c) => serde_json::to_value(c),
            Content::InterpersonalInventory(c) => serde_json::to_value(c),
            Content::Custom(c) => serde_json::to_value(c),
            Content::SleepDiary(c) => serde_json::to_value(c),
            Content::SleepWindow(c) => serde_json::to_value(c),
        };
        v.unwrap_or(Value::Null)
    }
}

/// Reads `content` as an entry of `kind` and checks it: within limits always, and complete
/// unless it is a `draft`. The error names the field to fix (`moods[0].before`).
pub fn check(kind: Kind, content: &Value, draft: bool) -> Result<Content> {
    let c = Checker { draft };
    Ok(match kind {
        Kind::ThoughtRecord => Content::ThoughtRecord(c.thought_record(read(content)?)?),
        Kind::ActivityDiary => Content::ActivityDiary(c.diary(read(content)?)?),
        Kind::ActivityPlan => Content::ActivityPlan(c.plan(read(content)?)?),
        Kind::ProblemSolving => Content::ProblemSolving(c.problem(read(content)?)?),
        Kind::Journal => Content::Journal(c.journal(read(content)?)?),
        Kind::InterpersonalInventory => {
            Content::InterpersonalInventory(c.relationships(read(content)?)?)
        }
        Kind::Custom => Content::Custom(c.custom(read(content)?)?),
        Kind::SleepDiary => Content::SleepDiary(c.sleep_diary(read(content)?)?),
        Kind::SleepWindow => Content::SleepWindow(c.sleep_window(read(content)?)?),
    })
}

fn read<T: serde::de::DeserializeOwned>(content: &Value) -> Result<T> {
    let content = match content {
        Value::Null => &Value::Object(Default::default()),
        other => other,
    };
    serde_json::from_value(content.clone()).map_err(|e| {
        Error::invalid(
            "content",
            format!("The exercise's fields could not be read ({e}). Send the fields of its kind."),
        )
    })
}

struct Checker {
    draft: bool,
}

impl Checker {
    fn text(&self, field: &str, value: &str, missing: &str) -> Result<()> {
        if value.trim().chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid(
                field,
                format!("Use {MAX_TEXT_CHARS} characters or fewer."),
            ));
        }
        if !self.draft && !missing.is_empty() && value.trim().is_empty() {
            return Err(Error::invalid(field, missing));
        }
        Ok(())
    }

    fn rating(&self, field: &str, value: Option<u8>, max: u8, missing: &str) -> Result<()> {
        match value {
            Some(v) if v > max => Err(Error::invalid(
                field,
                format!("Choose a number from 0 to {max}."),
            )),
            None if !self.draft && !missing.is_empty() => Err(Error::invalid(field, missing)),
            _ => Ok(()),
        }
    }

    fn rows<T>(&self, field: &str, rows: &[T], missing: &str) -> Result<()> {
        if rows.len() > MAX_ROWS {
            return Err(Error::invalid(
                field,
                format!("Keep to {MAX_ROWS} rows or fewer."),
            ));
        }
        if !self.draft && !missing.is_empty() && rows.is_empty() {
            return Err(Error::invalid(field, missing));
        }
        Ok(())
    }

    fn day(&self, field: &str, value: &str) -> Result<()> {
        if value.is_empty() && self.draft {
            return Ok(());
        }
        if !is_day(value) {
            return Err(Error::invalid(field, "Give the day, like 2026-11-30."));
        }
        Ok(())
    }

    fn thought_record(&self, t: ThoughtRecord) -> Result<ThoughtRecord> {
        self.text(
            "situation",
            &t.situation,
            "Say where you were and what happened.",
        )?;
        self.rows(
            "moods",
            &t.moods,
            "Name at least one mood you felt, and how strong.",
        )?;
        for (i, m) in t.moods.iter().enumerate() {
            self.text(&format!("moods[{i}].name"), &m.name, "Name the mood.")?;
            self.rating(
                &format!("moods[{i}].before"),
                m.before,
                100,
                "Rate the mood from 0 to 100.",
            )?;
        }
        self.rows(
            "automatic_thoughts",
            &t.automatic_thoughts,
            "Write the thought that went through your mind.",
        )?;
        for (i, a) in t.automatic_thoughts.iter().enumerate() {
            self.text(
                &format!("automatic_thoughts[{i}].text"),
                &a.text,
                "Write the thought, or remove the row.",
            )?;
        }
        if t.automatic_thoughts.iter().filter(|a| a.hot).count() > 1 {
            return Err(Error::invalid(
                "automatic_thoughts",
                "Mark one thought as the hot thought: the one with the most feeling.",
            ));
        }
        self.text("evidence_for", &t.evidence_for, "")?;
        self.text("evidence_against", &t.evidence_against, "")?;
        self.text(
            "balanced_thought",
            &t.balanced_thought,
            "Write a more balanced thought, even a small one.",
        )?;
        self.rating(
            "belief",
            t.belief,
            100,
            "Rate how much you believe it, from 0 to 100.",
        )?;
        self.rows("moods_after", &t.moods_after, "")?;
        for (i, m) in t.moods_after.iter().enumerate() {
            self.text(&format!("moods_after[{i}].name"), &m.name, "Name the mood.")?;
            self.rating(
                &format!("moods_after[{i}].after"),
                m.after,
                100,
                "Rate the mood again, from 0 to 100.",
            )?;
        }
        self.rows("distortions", &t.distortions, "")?;
        Ok(t)
    }

    fn diary(&self, d: ActivityDiary) -> Result<ActivityDiary> {
        self.rows("entries", &d.entries, "Add at least one thing you did.")?;
        for (i, e) in d.entries.iter().enumerate() {
            self.day(&format!("entries[{i}].day"), &e.day)?;
            if let Some(t) = e.time.as_deref().filter(|t| !t.is_empty())
                && !is_time(t)
            {
                return Err(Error::invalid(
                    format!("entries[{i}].time"),
                    "Give the time on the 24-hour clock, like 14:30, or leave it empty.",
                ));
            }
            self.text(
                &format!("entries[{i}].activity"),
                &e.activity,
                "Say what you did.",
            )?;
            self.rating(
                &format!("entries[{i}].mastery"),
                e.mastery,
                10,
                "Rate the sense of achievement from 0 to 10.",
            )?;
            self.rating(
                &format!("entries[{i}].pleasure"),
                e.pleasure,
                10,
                "Rate the pleasure from 0 to 10.",
            )?;
            self.rating(&format!("entries[{i}].mood"), e.mood, 10, "")?;
        }
        Ok(d)
    }

    fn plan(&self, p: ActivityPlan) -> Result<ActivityPlan> {
        self.rows("activities", &p.activities, "Plan at least one activity.")?;
        for (i, a) in p.activities.iter().enumerate() {
            self.day(&format!("activities[{i}].day"), &a.day)?;
            self.text(
                &format!("activities[{i}].activity"),
                &a.activity,
                "Say what you plan to do.",
            )?;
            self.rating(
                &format!("activities[{i}].predicted_pleasure"),
                a.predicted_pleasure,
                10,
                "Guess how much you will enjoy it, from 0 to 10.",
            )?;
            self.rating(
                &format!("activities[{i}].actual_pleasure"),
                a.actual_pleasure,
                10,
                "",
            )?;
            if a.actual_pleasure.is_some() && a.done != Some(true) {
                return Err(Error::invalid(
                    format!("activities[{i}].done"),
                    "Tick that you did it to rate how much you enjoyed it.",
                ));
            }
        }
        Ok(p)
    }

    fn problem(&self, p: ProblemSolving) -> Result<ProblemSolving> {
        self.text(
            "problem",
            &p.problem,
            "Describe the problem in a sentence or two.",
        )?;
        self.text(
            "goal",
            &p.goal,
            "Give a realistic goal: what would be better.",
        )?;
        self.rows(
            "options",
            &p.options,
            "Write down at least one idea. Any idea counts at this step.",
        )?;
        for (i, o) in p.options.iter().enumerate() {
            self.text(
                &format!("options[{i}].idea"),
                &o.idea,
                "Write the idea, or remove the row.",
            )?;
            self.text(&format!("options[{i}].pros"), &o.pros, "")?;
            self.text(&format!("options[{i}].cons"), &o.cons, "")?;
        }
        self.text(
            "chosen_plan",
            &p.chosen_plan,
            "Say which idea you will try, and how.",
        )?;
        self.text("how_it_went", &p.how_it_went, "")?;
        Ok(p)
    }

    fn journal(&self, j: Journal) -> Result<Journal> {
        self.text("text", &j.text, "Write a few words about your day.")?;
        self.rating("mood", j.mood, 10, "Rate your mood from 0 to 10.")?;
        Ok(j)
    }

    fn relationships(&self, r: Relationships) -> Result<Relationships> {
        self.rows(
            "people",
            &r.people,
            "Name at least one person in your life.",
        )?;
        for (i, p) in r.people.iter().enumerate() {
            self.text(
                &format!("people[{i}].name"),
                &p.name,
                "Give a name or a word for them.",
            )?;
            self.rating(&format!("people[{i}].closeness"), p.closeness, 10, "")?;
            self.text(&format!("people[{i}].helps"), &p.helps, "")?;
            self.text(&format!("people[{i}].hurts"), &p.hurts, "")?;
        }
        Ok(r)
    }

    fn custom(&self, c: Custom) -> Result<Custom> {
        self.text("answer", &c.answer, "Write your answer.")?;
        Ok(c)
    }

    /// A clock time `HH:MM`: required unless a draft.
    fn clock(&self, field: &str, value: &str, missing: &str) -> Result<Option<NaiveTime>> {
        if value.trim().is_empty() {
            if self.draft {
                return Ok(None);
            }
            return Err(Error::invalid(field, missing));
        }
        NaiveTime::parse_from_str(value.trim(), "%H:%M")
            .map(Some)
            .map_err(|_| Error::invalid(field, "Enter a time like 23:30."))
    }

    fn minutes(&self, field: &str, value: Option<u16>, missing: &str) -> Result<()> {
        match value {
            Some(m) if m > crate::sleep::MAX_MINUTES => {
                Err(Error::invalid(field, "Enter the minutes, from 0 to 720."))
            }
            None if !self.draft => Err(Error::invalid(field, missing)),
            _ => Ok(()),
        }
    }

    fn sleep_diary(&self, d: SleepDiaryHomework) -> Result<SleepDiaryHomework> {
        self.rows("nights", &d.nights, "Write down at least one night.")?;
        for (i, n) in d.nights.iter().enumerate() {
            let f = |name: &str| format!("nights[{i}].{name}");
            self.day(&f("day"), &n.day)?;
            let bed = self.clock(&f("bedtime"), &n.bedtime, "Enter the time you went to bed.")?;
            self.minutes(
                &f("minutes_to_fall_asleep"),
                n.minutes_to_fall_asleep,
                "Enter the minutes it took to fall asleep.",
            )?;
            self.minutes(
                &f("awake_minutes"),
                n.awake_minutes,
                "Enter the minutes awake in the night (0 if none).",
            )?;
            let wake = self.clock(&f("wake_time"), &n.wake_time, "Enter the time you woke.")?;
            let rise = self.clock(&f("rise_time"), &n.rise_time, "Enter the time you got up.")?;
            if let (Some(bedtime), Some(wake_time), Some(rise_time)) = (bed, wake, rise) {
                crate::sleep::sleep_night(&crate::sleep::SleepDiary {
                    bedtime,
                    minutes_to_fall_asleep: n.minutes_to_fall_asleep.unwrap_or(0),
                    awake_minutes: n.awake_minutes.unwrap_or(0),
                    wake_time,
                    rise_time,
                })
                .map_err(|e| Error::invalid(f(&e.field), e.message))?;
            }
        }
        Ok(d)
    }

    fn sleep_window(&self, w: SleepWindow) -> Result<SleepWindow> {
        let bed = self.clock("bedtime", &w.bedtime, "Enter the bedtime to keep.")?;
        let rise = self.clock("rise_time", &w.rise_time, "Enter the time to get up.")?;
        if bed.is_some() && bed == rise {
            return Err(Error::invalid(
                "rise_time",
                "The time to get up must differ from the bedtime.",
            ));
        }
        self.text("how_it_went", &w.how_it_went, "")?;
        Ok(w)
    }
}

/// `YYYY-MM-DD` with a month and a day that can exist (the calendar itself is the caller's).
fn is_day(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => matches!(
            (number(y, 4), number(m, 2), number(d, 2)),
            (Some(_), Some(1..=12), Some(1..=31))
        ),
        _ => false,
    }
}

/// `HH:MM` on the 24-hour clock (`9:05` too).
fn is_time(s: &str) -> bool {
    match s.split_once(':') {
        Some((h, m)) => {
            let ok = |p: &str, max: u32, lens: &[usize]| {
                lens.contains(&p.len())
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u32>().is_ok_and(|v| v <= max)
            };
            ok(h, 23, &[1, 2]) && ok(m, 59, &[2])
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    fn field(kind: Kind, v: Value) -> String {
        check(kind, &v, false).unwrap_err().field
    }

    fn a_thought_record() -> Value {
        json!({
            "situation": "Friend didn't answer my message",
            "moods": [{"name": "sad", "before": 80}],
            "automatic_thoughts": [{"text": "Nobody wants me around", "hot": true}],
            "evidence_for": "No answer for two days",
            "evidence_against": "She asked me to the cinema last week",
            "balanced_thought": "She may be busy; she has been a good friend",
            "belief": 60,
            "moods_after": [{"name": "sad", "after": 45}],
            "distortions": ["jumping_to_conclusions", "mental_filter"]
        })
    }

    #[test]
    fn a_complete_thought_record_is_kept_as_sent() {
        let c = check(Kind::ThoughtRecord, &a_thought_record(), false).unwrap();
        assert_eq!(c.kind(), Kind::ThoughtRecord);
        assert_eq!(c.to_json(), a_thought_record());
        let Content::ThoughtRecord(t) = c else {
            panic!()
        };
        assert_eq!(
            t.distortions,
            [Distortion::JumpingToConclusions, Distortion::MentalFilter]
        );
    }

    #[test]
    fn a_thought_record_names_what_is_missing_or_out_of_range() {
        let mut v = a_thought_record();
        v["situation"] = json!(" ");
        assert_eq!(field(Kind::ThoughtRecord, v), "situation");
        let mut v = a_thought_record();
        v["moods"][0]["before"] = json!(101);
        assert_eq!(field(Kind::ThoughtRecord, v), "moods[0].before");
        let mut v = a_thought_record();
        v["moods"] = json!([]);
        assert_eq!(field(Kind::ThoughtRecord, v), "moods");
        let mut v = a_thought_record();
        v["automatic_thoughts"] = json!([{"text": "a", "hot": true}, {"text": "b", "hot": true}]);
        assert_eq!(field(Kind::ThoughtRecord, v), "automatic_thoughts");
        let mut v = a_thought_record();
        v["balanced_thought"] = json!("");
        assert_eq!(field(Kind::ThoughtRecord, v), "balanced_thought");
        let mut v = a_thought_record();
        v["belief"] = Value::Null;
        assert_eq!(field(Kind::ThoughtRecord, v), "belief");
        let mut v = a_thought_record();
        v["distortions"] = json!(["catastrophising"]);
        assert_eq!(
            field(Kind::ThoughtRecord, v),
            "content",
            "not one of Burns's ten"
        );
        let mut v = a_thought_record();
        v["colour"] = json!("blue");
        assert_eq!(
            field(Kind::ThoughtRecord, v),
            "content",
            "a field of no kind"
        );
    }

    #[test]
    fn a_draft_may_be_anything_within_limits() {
        for kind in Kind::ALL {
            assert!(check(*kind, &json!({}), true).is_ok(), "{kind:?}");
            assert!(check(*kind, &Value::Null, true).is_ok(), "{kind:?}");
            assert!(
                check(*kind, &json!({}), false).is_err(),
                "{kind:?} finished empty"
            );
        }
        let v = json!({"situation": "x".repeat(MAX_TEXT_CHARS + 1)});
        assert_eq!(
            check(Kind::ThoughtRecord, &v, true).unwrap_err().field,
            "situation"
        );
        let v = json!({"moods": [{"name": "sad", "before": 150}]});
        assert_eq!(
            check(Kind::ThoughtRecord, &v, true).unwrap_err().field,
            "moods[0].before"
        );
        let rows: Vec<Value> = (0..=MAX_ROWS).map(|_| json!({"text": "x"})).collect();
        let v = json!({"automatic_thoughts": rows});
        assert_eq!(
            check(Kind::ThoughtRecord, &v, true).unwrap_err().field,
            "automatic_thoughts"
        );
    }

    #[test]
    fn activity_diary_and_plan() {
        let diary = json!({"entries": [
            {"day": "2026-11-30", "time": "08:15", "activity": "Walked to the bakery", "mastery": 4, "pleasure": 6, "mood": 5},
            {"day": "2026-11-30", "activity": "Called my sister", "mastery": 3, "pleasure": 7}
        ]});
        assert!(check(Kind::ActivityDiary, &diary, false).is_ok());
        let mut v = diary.clone();
        v["entries"][1]["pleasure"] = json!(11);
        assert_eq!(field(Kind::ActivityDiary, v), "entries[1].pleasure");
        let mut v = diary.clone();
        v["entries"][0]["time"] = json!("8.15pm");
        assert_eq!(field(Kind::ActivityDiary, v), "entries[0].time");
        let mut v = diary;
        v["entries"][0]["day"] = json!("30/11/2026");
        assert_eq!(field(Kind::ActivityDiary, v), "entries[0].day");

        let plan = json!({"activities": [
            {"day": "2026-12-01", "activity": "Swim", "predicted_pleasure": 3, "done": true, "actual_pleasure": 6},
            {"day": "2026-12-02", "activity": "Cook a meal", "predicted_pleasure": 2}
        ]});
        assert!(check(Kind::ActivityPlan, &plan, false).is_ok());
        let mut v = plan;
        v["activities"][1]["actual_pleasure"] = json!(5);
        assert_eq!(field(Kind::ActivityPlan, v), "activities[1].done");
    }

    #[test]
    fn problem_solving_journal_people_and_custom() {
        let p = json!({"problem": "Bills pile up", "goal": "Open them weekly", "options": [
            {"idea": "Sunday with tea", "pros": "calm", "cons": ""}, {"idea": "Ask my brother"}
        ], "chosen_plan": "Sunday at 10"});
        assert!(check(Kind::ProblemSolving, &p, false).is_ok());
        let mut v = p;
        v["options"] = json!([]);
        assert_eq!(field(Kind::ProblemSolving, v), "options");

        assert!(
            check(
                Kind::Journal,
                &json!({"text": "A grey day", "mood": 4}),
                false
            )
            .is_ok()
        );
        assert_eq!(field(Kind::Journal, json!({"text": "A grey day"})), "mood");

        let r = json!({"people": [{"name": "Mum", "closeness": 8, "helps": "listens", "hurts": "worries"}], "focus": "role_transitions"});
        assert!(check(Kind::InterpersonalInventory, &r, false).is_ok());
        assert_eq!(
            field(
                Kind::InterpersonalInventory,
                json!({"people": [{"name": "Mum", "closeness": 12}]})
            ),
            "people[0].closeness"
        );
        assert_eq!(
            field(
                Kind::InterpersonalInventory,
                json!({"people": [{"name": "Mum"}], "focus": "work"})
            ),
            "content"
        );

        assert!(check(Kind::Custom, &json!({"answer": "Done"}), false).is_ok());
        assert_eq!(field(Kind::Custom, json!({"answer": ""})), "answer");
    }

    #[test]
    fn days_and_times() {
        assert!(is_day("2026-02-28"));
        assert!(
            !is_day("2026-13-01") && !is_day("2026-1-01") && !is_day("") && !is_day("2026-01-32")
        );
        assert!(is_time("9:05") && is_time("23:59"));
        assert!(!is_time("24:00") && !is_time("12:5") && !is_time("noon"));
    }

    proptest! {
        /// A journal entry is kept exactly when its mood is 0–10 and its text within limits,
        /// draft or not, and a finished one also needs both.
        #[test]
        fn journal_checks_agree_with_the_rules(mood in proptest::option::of(0u8..=20), len in 0usize..20, draft: bool) {
            let v = json!({"text": "a".repeat(len), "mood": mood});
            let ok = check(Kind::Journal, &v, draft).is_ok();
            let in_range = mood.is_none_or(|m| m <= 10);
            let complete = len > 0 && mood.is_some();
            prop_assert_eq!(ok, in_range && (draft || complete));
        }

        /// Whatever JSON arrives, the check answers (never panics), and what it keeps reads
        /// back as the same content.
        #[test]
        fn any_ratings_round_trip(before in 0u8..=255, belief in 0u8..=255, draft: bool) {
            let mut v = a_thought_record();
            v["moods"][0]["before"] = json!(before);
            v["belief"] = json!(belief);
            match check(Kind::ThoughtRecord, &v, draft) {
                Ok(c) => {
                    prop_assert!(before <= 100 && belief <= 100);
                    prop_assert_eq!(check(Kind::ThoughtRecord, &c.to_json(), draft).unwrap(), c);
                }
                Err(e) => prop_assert!(before > 100 || belief > 100, "{e}"),
            }
        }
    }
}
