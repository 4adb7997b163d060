//! An exercise as a form: the fields of each kind (the same list renders the client's form and
//! the clinician's reading of an entry), and the form's fields read back into the JSON that
//! `rapport_core::homework::check` expects.
//!
//! Field names are the content's paths (`situation`, `moods[0].before`), so that a refusal's
//! field (`moods[0].before`) is the id of the box it is about. Rows (moods, thoughts, diary
//! entries, options, people) come with blank ones to fill; a row left wholly empty is dropped.

use std::collections::BTreeMap;

use rapport_core::homework::{
    ActivityDiary, ActivityPlan, Content, Custom, Distortion, Journal, Kind, MAX_ROWS,
    ProblemSolving, Relationships, ThoughtRecord,
};
use rapport_core::plans::approach::IptFocus;
use serde_json::{Map, Value};

use crate::i18n::{self, Lang};
use crate::pages::templates::FormError;

/// Rows shown on a form at least, blank ones included.
const ROWS_SHOWN: usize = 3;

/// One choice of a scale, a set of tick boxes or radio buttons.
pub struct Opt {
    pub value: String,
    pub label: String,
    /// A line under the label (a distortion's meaning).
    pub meaning: String,
    pub checked: bool,
}

/// One field of an exercise. `kind` says how it is shown: `text`, `area`, `date`, `time`
/// (a box), `scale` (one row of numbers), `radio` (one of a few), `checks` (tick boxes),
/// `check` (one tick box) or `rows` (a list of rows, each with its own fields).
pub struct Field {
    pub kind: &'static str,
    pub name: String,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub options: Vec<Opt>,
    /// The words at the ends of a scale ("0 not at all", "100 completely").
    pub ends: (String, String),
    pub rows: Vec<Row>,
    /// What one row is called ("Mood"): the title of a row added on the page.
    pub row_title: String,
    pub error: Option<String>,
    /// How a ticked box reads ("Yes").
    pub yes: String,
}

pub struct Row {
    pub title: String,
    pub fields: Vec<Field>,
}

impl Field {
    fn new(kind: &'static str, name: impl Into<String>, label: impl Into<String>) -> Field {
        Field {
            kind,
            name: name.into(),
            label: label.into(),
            hint: String::new(),
            value: String::new(),
            options: vec![],
            ends: (String::new(), String::new()),
            rows: vec![],
            row_title: String::new(),
            error: None,
            yes: "Yes".to_string(),
        }
    }

    fn hint(mut self, hint: &'static str) -> Field {
        self.hint = hint.to_string();
        self
    }

    /// Whether anything was written in it (the clinician's reading leaves out empty ones).
    pub fn is_filled(&self) -> bool {
        match self.kind {
            "scale" | "radio" | "checks" | "check" => self.options.iter().any(|o| o.checked),
            "rows" => !self.rows.is_empty(),
            _ => !self.value.trim().is_empty(),
        }
    }

    /// What it says, for reading: the text, or the choices made.
    pub fn shown(&self) -> String {
        match self.kind {
            "check" => self.yes.clone(),
            "scale" | "radio" | "checks" => self
                .options
                .iter()
                .filter(|o| o.checked)
                .map(|o| o.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            _ => self.value.clone(),
        }
    }

    /// What one row is called, in lower case ("Add another mood").
    pub fn row_title_lower(&self) -> String {
        self.row_title.to_lowercase()
    }

    /// The ids its description points to: the hint and the error.
    pub fn describedby(&self) -> String {
        let mut ids = vec![];
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

fn text(name: impl Into<String>, label: impl Into<String>, value: &str) -> Field {
    let mut f = Field::new("text", name, label);
    f.value = value.to_string();
    f
}

fn area(name: impl Into<String>, label: impl Into<String>, value: &str) -> Field {
    let mut f = Field::new("area", name, label);
    f.value = value.to_string();
    f
}

/// A rating: one row from 0 to `max` (by tens up to 100), a value in between kept as a choice.
fn scale(
    name: impl Into<String>,
    label: impl Into<String>,
    max: u8,
    value: Option<u8>,
    ends: (&'static str, &'static str),
) -> Field {
    let step = if max > 10 { 10 } else { 1 };
    let mut values: Vec<u8> = (0..=max).step_by(step).collect();
    if let Some(v) = value.filter(|v| !values.contains(v)) {
        values.push(v);
        values.sort_unstable();
    }
    let mut f = Field::new("scale", name, label);
    f.options = values
        .into_iter()
        .map(|v| Opt {
            value: v.to_string(),
            label: v.to_string(),
            meaning: String::new(),
            checked: value == Some(v),
        })
        .collect();
    f.ends = (ends.0.to_string(), ends.1.to_string());
    f
}

fn radio(
    name: impl Into<String>,
    label: impl Into<String>,
    choices: &[(&str, &str)],
    value: &str,
) -> Field {
    let mut f = Field::new("radio", name, label);
    f.options = choices
        .iter()
        .map(|(v, l)| Opt {
            value: v.to_string(),
            label: l.to_string(),
            meaning: String::new(),
            checked: *v == value,
        })
        .collect();
    f
}

fn check(name: impl Into<String>, label: impl Into<String>, checked: bool) -> Field {
    let mut f = Field::new("check", name, label);
    f.options = vec![Opt {
        value: "1".into(),
        label: String::new(),
        meaning: String::new(),
        checked,
    }];
    f
}

/// A list of rows: those written, then blank ones (`blanks`) up to [`ROWS_SHOWN`] and at least
/// one while there is room.
fn rows<T: Default>(
    name: &str,
    label: &str,
    row_title: &'static str,
    items: &[T],
    blanks: bool,
    fields: impl Fn(String, &T) -> Vec<Field>,
) -> Field {
    let mut all: Vec<Row> = items
        .iter()
        .enumerate()
        .map(|(i, item)| Row {
            title: format!("{row_title} {}", i + 1),
            fields: fields(format!("{name}[{i}]"), item),
        })
        .collect();
    if blanks {
        let wanted = ROWS_SHOWN
            .max(items.len() + 1)
            .min(MAX_ROWS.max(items.len()));
        let blank = T::default();
        for i in items.len()..wanted {
            all.push(Row {
                title: format!("{row_title} {}", i + 1),
                fields: fields(format!("{name}[{i}]"), &blank),
            });
        }
    }
    let mut f = Field::new("rows", name, label);
    f.rows = all;
    f.row_title = row_title.to_string();
    f
}

const HUNDRED: (&str, &str) = ("0 not at all", "100 completely");
const TEN: (&str, &str) = ("0 none", "10 the most");

/// The fields of an entry's content; `blanks` adds blank rows to fill (the form), without
/// them it is the reading. `errors` are put on the fields they name.
pub fn fields(content: &Content, blanks: bool, errors: &[FormError]) -> Vec<Field> {
    let mut out = match content {
        Content::ThoughtRecord(t) => thought_record(t, blanks),
        Content::ActivityDiary(d) => diary(d, blanks),
        Content::ActivityPlan(p) => plan(p, blanks),
        Content::ProblemSolving(p) => problem(p, blanks),
        Content::Journal(j) => journal(j),
        Content::InterpersonalInventory(r) => people(r, blanks),
        Content::Custom(c) => custom(c),
        Content::SleepDiary(d) => sleep_diary(d, blanks),
        Content::SleepWindow(w) => sleep_window(w),
    };
    for e in errors {
        place(&mut out, e);
    }
    out
}

/// The form's own words (English, as the fields are built) and their messages.
const WORDS: &[(&str, &str)] = &[
    ("The situation", "hw-f-situation"),
    (
        "Where were you, who with, what happened?",
        "hw-f-situation-hint",
    ),
    ("Moods", "hw-f-moods"),
    ("Mood", "hw-f-mood"),
    ("What you felt", "hw-f-what-felt"),
    ("How strong (0–100)", "hw-f-how-strong"),
    ("Automatic thoughts", "hw-f-thoughts"),
    ("Thought", "hw-f-thought"),
    ("What went through your mind", "hw-f-thought-text"),
    (
        "This is the hot thought (the one with the most feeling)",
        "hw-f-hot",
    ),
    (
        "Evidence that supports the hot thought",
        "hw-f-evidence-for",
    ),
    ("Evidence that does not support it", "hw-f-evidence-against"),
    ("Thinking traps you notice (optional)", "hw-f-traps"),
    ("A more balanced thought", "hw-f-balanced"),
    (
        "Taking the evidence on both sides into account.",
        "hw-f-balanced-hint",
    ),
    (
        "How much you believe the balanced thought (0–100)",
        "hw-f-belief",
    ),
    ("Your moods now", "hw-f-moods-now"),
    ("Mood now", "hw-f-mood-now"),
    ("The mood", "hw-f-the-mood"),
    ("How strong now (0–100)", "hw-f-how-strong-now"),
    ("What you did", "hw-f-what-you-did"),
    ("Activity", "hw-f-activity"),
    ("Day", "hw-f-day"),
    ("Time (optional)", "hw-f-time"),
    ("Sense of achievement (0–10)", "hw-f-mastery"),
    ("Pleasure (0–10)", "hw-f-pleasure"),
    ("Mood (0–10, optional)", "hw-f-mood-optional"),
    ("Activities you plan", "hw-f-activities-plan"),
    ("What you plan to do", "hw-f-plan-to-do"),
    (
        "How much you think you will enjoy it (0–10)",
        "hw-f-predicted",
    ),
    ("Did you do it? (afterwards)", "hw-f-did-it"),
    ("How much you enjoyed it (0–10, afterwards)", "hw-f-actual"),
    ("The problem", "hw-f-problem"),
    ("In a sentence or two.", "hw-f-problem-hint"),
    ("A realistic goal", "hw-f-goal"),
    ("What would be better, even a little?", "hw-f-goal-hint"),
    ("Ideas", "hw-f-ideas"),
    ("Idea", "hw-f-idea"),
    ("The idea", "hw-f-the-idea"),
    ("For it", "hw-f-for-it"),
    ("Against it", "hw-f-against-it"),
    ("The plan you choose", "hw-f-plan"),
    (
        "Which idea, and the steps: what, when, who with.",
        "hw-f-plan-hint",
    ),
    ("How it went (afterwards)", "hw-f-how-went"),
    ("Your day", "hw-f-your-day"),
    ("Your mood (0–10)", "hw-f-your-mood"),
    ("People in your life", "hw-f-people"),
    ("Person", "hw-f-person"),
    ("Name, or a word for them", "hw-f-person-name"),
    ("How close you are (0–10)", "hw-f-closeness"),
    ("What helps", "hw-f-helps"),
    ("What hurts", "hw-f-hurts"),
    (
        "The area to work on, if you and your therapist have named one",
        "hw-f-focus",
    ),
    ("Your answer", "hw-f-answer"),
    ("0 not at all", "hw-end-not-at-all"),
    ("100 completely", "hw-end-completely"),
    ("0 none", "hw-end-none"),
    ("10 the most", "hw-end-most"),
    ("0 worst", "hw-end-worst"),
    ("10 best", "hw-end-best"),
    ("0 distant", "hw-end-distant"),
    ("10 very close", "hw-end-very-close"),
    ("Nights", "more-hw-f-nights"),
    ("Night", "more-hw-f-night"),
    ("The morning it ended", "more-hw-f-morning"),
    ("Went to bed at", "more-hw-f-bedtime"),
    ("Minutes to fall asleep", "more-hw-f-fall-asleep"),
    ("Minutes awake in the night", "more-hw-f-awake"),
    ("Woke for the last time at", "more-hw-f-woke"),
    ("Got up at", "more-hw-f-rose"),
    ("Bedtime to keep", "more-hw-f-window-bedtime"),
    ("Time to get up, every day", "more-hw-f-window-rise"),
    ("How keeping to it went (optional)", "more-hw-f-window-how"),
];

/// One of the form's words in `lang` (a word not listed stays as it is).
fn word(lang: Lang, english: &str) -> String {
    WORDS
        .iter()
        .find(|(en, _)| *en == english)
        .map_or_else(|| english.to_string(), |(_, key)| i18n::t(lang, key))
}

/// A label or a row's title ("Night 2") of an entry read on a page whose fields were built in
/// English (the clinician's chart), in `lang`; a word not listed, or already translated, stays.
pub fn read_word(lang: &Lang, text: &str) -> String {
    let lang = *lang;
    if lang == Lang::En {
        return text.to_string();
    }
    match text.rsplit_once(' ') {
        Some((title, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
            format!("{} {n}", word(lang, title))
        }
        _ => word(lang, text),
    }
}

/// The fields in the reader's language: labels, hints, the ends of scales, rows' titles and
/// the choices (thinking traps, the IPT areas, yes and no). English is left as built.
pub fn localise(fields: &mut [Field], lang: Lang) {
    if lang == Lang::En {
        return;
    }
    for f in fields.iter_mut() {
        f.label = word(lang, &f.label);
        f.hint = word(lang, &f.hint);
        f.ends = (word(lang, &f.ends.0), word(lang, &f.ends.1));
        f.row_title = word(lang, &f.row_title);
        f.yes = i18n::t(lang, "hw-yes");
        f.error = f.error.take().map(|e| i18n::error_message(lang, &e));
        if f.kind == "checks" || f.kind == "radio" {
            for o in &mut f.options {
                let key = match (f.kind, o.value.as_str()) {
                    ("checks", v) => format!("hw-trap-{v}"),
                    (_, "") => "hw-f-not-named".to_string(),
                    (_, "yes") => "hw-yes".to_string(),
                    (_, "no") => "no".to_string(),
                    (_, v) => format!("hw-focus-{v}"),
                };
                o.label = i18n::t(lang, &key);
                if f.kind == "checks" {
                    o.meaning = i18n::t(lang, &format!("{key}-meaning"));
                }
            }
        }
        for row in &mut f.rows {
            if let Some((title, n)) = row.title.rsplit_once(' ') {
                row.title = format!("{} {n}", word(lang, title));
            }
            localise(&mut row.fields, lang);
        }
    }
}

/// What the field named `name` is called on the form ("Mood 1, how strong (0–100)"), for the
/// error summary.
pub fn label_of(fields: &[Field], name: &str) -> Option<String> {
    for f in fields {
        if f.name == name {
            return Some(f.label.clone());
        }
        for row in &f.rows {
            if let Some(l) = label_of(&row.fields, name) {
                return Some(format!("{}, {}", row.title, lower_first(&l)));
            }
        }
    }
    None
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Puts an error on the field it names, or on the list it is about.
fn place(fields: &mut [Field], e: &FormError) {
    for f in fields.iter_mut() {
        if f.name == e.field {
            f.error = Some(e.message.clone());
            return;
        }
        if e.field.starts_with(&format!("{}[", f.name)) {
            for row in &mut f.rows {
                place(&mut row.fields, e);
            }
            return;
        }
    }
}

fn thought_record(t: &ThoughtRecord, blanks: bool) -> Vec<Field> {
    vec![
        area("situation", "The situation", &t.situation)
            .hint("Where were you, who with, what happened?"),
        rows("moods", "Moods", "Mood", &t.moods, blanks, |p, m| {
            vec![
                text(format!("{p}.name"), "What you felt", &m.name),
                scale(
                    format!("{p}.before"),
                    "How strong (0–100)",
                    100,
                    m.before,
                    HUNDRED,
                ),
            ]
        }),
        rows(
            "automatic_thoughts",
            "Automatic thoughts",
            "Thought",
            &t.automatic_thoughts,
            blanks,
            |p, a| {
                vec![
                    area(format!("{p}.text"), "What went through your mind", &a.text),
                    check(
                        format!("{p}.hot"),
                        "This is the hot thought (the one with the most feeling)",
                        a.hot,
                    ),
                ]
            },
        ),
        area(
            "evidence_for",
            "Evidence that supports the hot thought",
            &t.evidence_for,
        ),
        area(
            "evidence_against",
            "Evidence that does not support it",
            &t.evidence_against,
        ),
        {
            let mut f = Field::new(
                "checks",
                "distortions",
                "Thinking traps you notice (optional)",
            );
            f.options = Distortion::ALL
                .iter()
                .map(|d| Opt {
                    value: d.as_str().into(),
                    label: d.label().into(),
                    meaning: d.meaning().to_string(),
                    checked: t.distortions.contains(d),
                })
                .collect();
            f
        },
        area(
            "balanced_thought",
            "A more balanced thought",
            &t.balanced_thought,
        )
        .hint("Taking the evidence on both sides into account."),
        scale(
            "belief",
            "How much you believe the balanced thought (0–100)",
            100,
            t.belief,
            HUNDRED,
        ),
        rows(
            "moods_after",
            "Your moods now",
            "Mood now",
            &t.moods_after,
            blanks,
            |p, m| {
                vec![
                    text(format!("{p}.name"), "The mood", &m.name),
                    scale(
                        format!("{p}.after"),
                        "How strong now (0–100)",
                        100,
                        m.after,
                        HUNDRED,
                    ),
                ]
            },
        ),
    ]
}

fn diary(d: &ActivityDiary, blanks: bool) -> Vec<Field> {
    vec![rows(
        "entries",
        "What you did",
        "Activity",
        &d.entries,
        blanks,
        |p, e| {
            let mut day = Field::new("date", format!("{p}.day"), "Day");
            day.value = e.day.clone();
            let mut time = Field::new("time", format!("{p}.time"), "Time (optional)");
            time.value = e.time.clone().unwrap_or_default();
            vec![
                day,
                time,
                text(format!("{p}.activity"), "What you did", &e.activity),
                scale(
                    format!("{p}.mastery"),
                    "Sense of achievement (0–10)",
                    10,
                    e.mastery,
                    TEN,
                ),
                scale(
                    format!("{p}.pleasure"),
                    "Pleasure (0–10)",
                    10,
                    e.pleasure,
                    TEN,
                ),
                scale(
                    format!("{p}.mood"),
                    "Mood (0–10, optional)",
                    10,
                    e.mood,
                    ("0 worst", "10 best"),
                ),
            ]
        },
    )]
}

const YES_NO: [(&str, &str); 2] = [("yes", "Yes"), ("no", "No")];

fn plan(p: &ActivityPlan, blanks: bool) -> Vec<Field> {
    vec![rows(
        "activities",
        "Activities you plan",
        "Activity",
        &p.activities,
        blanks,
        |n, a| {
            let mut day = Field::new("date", format!("{n}.day"), "Day");
            day.value = a.day.clone();
            let done = match a.done {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            vec![
                day,
                text(format!("{n}.activity"), "What you plan to do", &a.activity),
                scale(
                    format!("{n}.predicted_pleasure"),
                    "How much you think you will enjoy it (0–10)",
                    10,
                    a.predicted_pleasure,
                    TEN,
                ),
                radio(
                    format!("{n}.done"),
                    "Did you do it? (afterwards)",
                    &YES_NO,
                    done,
                ),
                scale(
                    format!("{n}.actual_pleasure"),
                    "How much you enjoyed it (0–10, afterwards)",
                    10,
                    a.actual_pleasure,
                    TEN,
                ),
            ]
        },
    )]
}

fn problem(p: &ProblemSolving, blanks: bool) -> Vec<Field> {
    vec![
        area("problem", "The problem", &p.problem).hint("In a sentence or two."),
        area("goal", "A realistic goal", &p.goal).hint("What would be better, even a little?"),
        rows("options", "Ideas", "Idea", &p.options, blanks, |n, o| {
            vec![
                text(format!("{n}.idea"), "The idea", &o.idea),
                area(format!("{n}.pros"), "For it", &o.pros),
                area(format!("{n}.cons"), "Against it", &o.cons),
            ]
        }),
        area("chosen_plan", "The plan you choose", &p.chosen_plan)
            .hint("Which idea, and the steps: what, when, who with."),
        area("how_it_went", "How it went (afterwards)", &p.how_it_went),
    ]
}

fn journal(j: &Journal) -> Vec<Field> {
    vec![
        area("text", "Your day", &j.text),
        scale(
            "mood",
            "Your mood (0–10)",
            10,
            j.mood,
            ("0 worst", "10 best"),
        ),
    ]
}

fn people(r: &Relationships, blanks: bool) -> Vec<Field> {
    let focus: Vec<(&str, &str)> = std::iter::once(("", "Not named yet"))
        .chain(IptFocus::ALL.iter().map(|f| (f.as_str(), f.label())))
        .collect();
    vec![
        rows(
            "people",
            "People in your life",
            "Person",
            &r.people,
            blanks,
            |n, p| {
                vec![
                    text(format!("{n}.name"), "Name, or a word for them", &p.name),
                    scale(
                        format!("{n}.closeness"),
                        "How close you are (0–10)",
                        10,
                        p.closeness,
                        ("0 distant", "10 very close"),
                    ),
                    area(format!("{n}.helps"), "What helps", &p.helps),
                    area(format!("{n}.hurts"), "What hurts", &p.hurts),
                ]
            },
        ),
        radio(
            "focus",
            "The area to work on, if you and your therapist have named one",
            &focus,
            r.focus.map_or("", |f| f.as_str()),
        ),
    ]
}

fn custom(c: &Custom) -> Vec<Field> {
    vec![area("answer", "Your answer", &c.answer)]
}

fn valued(kind: &'static str, name: String, label: &str, value: String) -> Field {
    let mut f = Field::new(kind, name, label);
    f.value = value;
    f
}

fn sleep_diary(d: &rapport_core::homework::SleepDiaryHomework, blanks: bool) -> Vec<Field> {
    let num = |m: Option<u16>| m.map(|m| m.to_string()).unwrap_or_default();
    vec![rows(
        "nights",
        "Nights",
        "Night",
        &d.nights,
        blanks,
        |n, e| {
            vec![
                valued(
                    "date",
                    format!("{n}.day"),
                    "The morning it ended",
                    e.day.clone(),
                ),
                valued(
                    "time",
                    format!("{n}.bedtime"),
                    "Went to bed at",
                    e.bedtime.clone(),
                ),
                valued(
                    "number",
                    format!("{n}.minutes_to_fall_asleep"),
                    "Minutes to fall asleep",
                    num(e.minutes_to_fall_asleep),
                ),
                valued(
                    "number",
                    format!("{n}.awake_minutes"),
                    "Minutes awake in the night",
                    num(e.awake_minutes),
                ),
                valued(
                    "time",
                    format!("{n}.wake_time"),
                    "Woke for the last time at",
                    e.wake_time.clone(),
                ),
                valued(
                    "time",
                    format!("{n}.rise_time"),
                    "Got up at",
                    e.rise_time.clone(),
                ),
            ]
        },
    )]
}

fn sleep_window(w: &rapport_core::homework::SleepWindow) -> Vec<Field> {
    vec![
        valued(
            "time",
            "bedtime".into(),
            "Bedtime to keep",
            w.bedtime.clone(),
        ),
        valued(
            "time",
            "rise_time".into(),
            "Time to get up, every day",
            w.rise_time.clone(),
        ),
        area(
            "how_it_went",
            "How keeping to it went (optional)",
            &w.how_it_went,
        ),
    ]
}

/// The empty content of a kind: a form not started yet.
pub fn empty(kind: Kind) -> Content {
    match kind {
        Kind::ThoughtRecord => Content::ThoughtRecord(Default::default()),
        Kind::ActivityDiary => Content::ActivityDiary(Default::default()),
        Kind::ActivityPlan => Content::ActivityPlan(Default::default()),
        Kind::ProblemSolving => Content::ProblemSolving(Default::default()),
        Kind::Journal => Content::Journal(Default::default()),
        Kind::InterpersonalInventory => Content::InterpersonalInventory(Default::default()),
        Kind::Custom => Content::Custom(Default::default()),
        Kind::SleepDiary => Content::SleepDiary(Default::default()),
        Kind::SleepWindow => Content::SleepWindow(Default::default()),
    }
}

/// Content as typed, to show again whatever the checks said of it: the kind's fields read
/// without the checks (what [`read`] makes always reads).
pub fn typed(kind: Kind, json: &Value) -> Content {
    fn de<T: serde::de::DeserializeOwned + Default>(v: &Value) -> T {
        serde_json::from_value(v.clone()).unwrap_or_default()
    }
    match kind {
        Kind::ThoughtRecord => Content::ThoughtRecord(de(json)),
        Kind::ActivityDiary => Content::ActivityDiary(de(json)),
        Kind::ActivityPlan => Content::ActivityPlan(de(json)),
        Kind::ProblemSolving => Content::ProblemSolving(de(json)),
        Kind::Journal => Content::Journal(de(json)),
        Kind::InterpersonalInventory => Content::InterpersonalInventory(de(json)),
        Kind::Custom => Content::Custom(de(json)),
        Kind::SleepDiary => Content::SleepDiary(de(json)),
        Kind::SleepWindow => Content::SleepWindow(de(json)),
    }
}

/// Fields of the form that are not the exercise's.
const NOT_CONTENT: [&str; 3] = ["csrf", "action", "due_on"];
/// Ratings: whole numbers.
const RATINGS: [&str; 9] = [
    "before",
    "after",
    "belief",
    "mastery",
    "pleasure",
    "mood",
    "closeness",
    "predicted_pleasure",
    "actual_pleasure",
];

/// Reads the form's fields into the content of an entry: ratings as numbers, tick boxes as
/// `true`, "Did you do it?" as `true`/`false`, the thinking traps as a list; rows in order,
/// wholly empty ones dropped. A rating that is not one of the numbers is left out and named
/// in the error (only a hand-made request sends one).
pub fn read(fields: &[(String, String)]) -> (Value, Option<FormError>) {
    let mut top = Map::new();
    let mut error = None;
    let mut lists: BTreeMap<String, BTreeMap<usize, Map<String, Value>>> = BTreeMap::new();
    for (name, raw) in fields {
        if NOT_CONTENT.contains(&name.as_str()) {
            continue;
        }
        if name == "distortions" {
            let list = top
                .entry("distortions")
                .or_insert_with(|| Value::Array(vec![]));
            if let (Value::Array(list), Some(d)) = (list, Distortion::parse(raw)) {
                list.push(Value::String(d.as_str().into()));
            }
            continue;
        }
        let (list, key) = match name.split_once("].") {
            Some((head, key)) => match head.split_once('[') {
                Some((list, i)) => match i.parse::<usize>() {
                    Ok(i) if i < MAX_ROWS * 4 => (Some((list, i)), key),
                    _ => continue,
                },
                None => continue,
            },
            None => (None, name.as_str()),
        };
        let value = match value_of(key, raw) {
            Ok(Some(v)) => v,
            Ok(None) => continue,
            Err(message) => {
                error.get_or_insert_with(|| FormError::new(name.as_str(), message));
                continue;
            }
        };
        match list {
            Some((list, i)) => {
                lists
                    .entry(list.to_string())
                    .or_default()
                    .entry(i)
                    .or_default()
                    .insert(key.to_string(), value);
            }
            None => {
                top.insert(key.to_string(), value);
            }
        }
    }
    for (name, rows) in lists {
        let kept: Vec<Value> = rows
            .into_values()
            .filter(|row| {
                !row.values()
                    .all(|v| v.as_str().is_some_and(|s| s.trim().is_empty()))
            })
            .map(Value::Object)
            .collect();
        top.insert(name, Value::Array(kept));
    }
    (Value::Object(top), error)
}

/// One field's value, typed by its name; `None` for an empty choice.
fn value_of(key: &str, raw: &str) -> Result<Option<Value>, &'static str> {
    let raw_trimmed = raw.trim();
    if key == "minutes_to_fall_asleep" || key == "awake_minutes" {
        if raw_trimmed.is_empty() {
            return Ok(None);
        }
        return raw_trimmed
            .parse::<u16>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| "Enter the minutes, from 0 to 720.");
    }
    if RATINGS.contains(&key) {
        if raw_trimmed.is_empty() {
            return Ok(None);
        }
        return raw_trimmed
            .parse::<u8>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| "Choose one of the numbers.");
    }
    Ok(match key {
        "hot" => (!raw_trimmed.is_empty()).then_some(Value::Bool(true)),
        "done" => match raw_trimmed {
            "yes" => Some(Value::Bool(true)),
            "no" => Some(Value::Bool(false)),
            _ => None,
        },
        "focus" => IptFocus::parse(raw_trimmed).map(|f| Value::String(f.as_str().into())),
        "time" => (!raw_trimmed.is_empty()).then(|| Value::String(raw_trimmed.to_string())),
        _ => Some(Value::String(raw.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use rapport_core::homework::check;
    use serde_json::json;

    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Every kind's name, purpose and form words are messages of every language (the sleep
    /// kinds came later and showed their keys).
    #[test]
    fn every_kind_speaks_every_language() {
        for lang in Lang::ALL {
            for kind in Kind::ALL.iter() {
                for key in [
                    format!("hw-kind-{}", kind.as_str()),
                    format!("hw-purpose-{}", kind.as_str()),
                ] {
                    assert_ne!(i18n::t(*lang, &key), key, "{key} in {}", lang.as_str());
                }
                for f in fields(&empty(*kind), true, &[]) {
                    for label in std::iter::once(&f.label).chain(
                        f.rows
                            .iter()
                            .flat_map(|r| r.fields.iter().map(|g| &g.label)),
                    ) {
                        let found = WORDS.iter().any(|(en, _)| en == label)
                            || matches!(f.kind, "checks" | "radio");
                        assert!(found, "{label:?} of {} is not in WORDS", kind.as_str());
                    }
                }
            }
        }
        assert_eq!(i18n::t(Lang::En, "hw-kind-sleep_diary"), "Sleep diary");
        assert_eq!(read_word(&Lang::Es, "Night 2"), "Noche 2");
        assert_eq!(read_word(&Lang::Es, "Went to bed at"), "Me acosté a las");
        assert_eq!(read_word(&Lang::En, "Night 2"), "Night 2");
    }

    #[test]
    fn a_thought_record_form_reads_into_the_content_core_checks() {
        let v = read(&pairs(&[
            ("csrf", "x"),
            ("situation", "Friend didn't answer"),
            ("moods[0].name", "sad"),
            ("moods[0].before", "80"),
            ("moods[1].name", ""),
            ("automatic_thoughts[0].text", "Nobody wants me around"),
            ("automatic_thoughts[0].hot", "1"),
            ("automatic_thoughts[1].text", ""),
            ("evidence_for", ""),
            ("evidence_against", "She asked me out last week"),
            ("distortions", "mental_filter"),
            ("distortions", "jumping_to_conclusions"),
            ("balanced_thought", "She may be busy"),
            ("belief", "60"),
            ("moods_after[0].name", "sad"),
            ("moods_after[0].after", "40"),
            ("action", "done"),
        ]))
        .0;
        assert_eq!(
            v,
            json!({
                "situation": "Friend didn't answer",
                "moods": [{"name": "sad", "before": 80}],
                "automatic_thoughts": [{"text": "Nobody wants me around", "hot": true}],
                "evidence_for": "",
                "evidence_against": "She asked me out last week",
                "distortions": ["mental_filter", "jumping_to_conclusions"],
                "balanced_thought": "She may be busy",
                "belief": 60,
                "moods_after": [{"name": "sad", "after": 40}],
            })
        );
        assert!(check(Kind::ThoughtRecord, &v, false).is_ok());
    }

    #[test]
    fn rows_in_between_left_empty_do_not_shift_the_error_of_those_after() {
        let v = read(&pairs(&[
            ("entries[0].day", ""),
            ("entries[0].activity", ""),
            ("entries[1].day", "2026-12-01"),
            ("entries[1].time", ""),
            ("entries[1].activity", "Walk"),
            ("entries[1].mastery", "6"),
        ]))
        .0;
        assert_eq!(
            v,
            json!({"entries": [{"day": "2026-12-01", "activity": "Walk", "mastery": 6}]})
        );
        let e = check(Kind::ActivityDiary, &v, false).unwrap_err();
        assert_eq!(e.field, "entries[0].pleasure");
        let shown = fields(
            &typed(Kind::ActivityDiary, &v),
            true,
            &[FormError::new(e.field, e.message)],
        );
        let row = &shown[0].rows[0];
        assert_eq!(row.fields[1].value, "", "time");
        assert!(
            row.fields[4].error.is_some(),
            "the error is on the pleasure of the first row"
        );
        assert_eq!(shown[0].rows.len(), ROWS_SHOWN);
    }

    #[test]
    fn a_rating_that_is_not_a_number_is_refused_on_its_field() {
        let (v, e) = read(&pairs(&[
            ("moods[0].name", "sad"),
            ("moods[0].before", "lots"),
        ]));
        assert_eq!(e.map(|e| e.field).as_deref(), Some("moods[0].before"));
        assert_eq!(v, json!({"moods": [{"name": "sad"}]}), "the rest is kept");
    }

    #[test]
    fn every_kind_reads_back_what_its_form_shows() {
        let plan = json!({"activities": [{"day": "2026-12-02", "activity": "Swim", "predicted_pleasure": 3, "done": true, "actual_pleasure": 7}]});
        let people = json!({"people": [{"name": "Sam", "closeness": 8, "helps": "Listens", "hurts": ""}], "focus": "role_disputes"});
        for (kind, v) in [
            (Kind::ActivityPlan, plan),
            (Kind::InterpersonalInventory, people),
            (Kind::Journal, json!({"text": "A long day", "mood": 4})),
            (Kind::Custom, json!({"answer": "Done it"})),
        ] {
            let content = check(kind, &v, false).unwrap();
            let mut pairs = vec![];
            flatten(&fields(&content, true, &[]), &mut pairs);
            let (back, error) = read(&pairs);
            assert!(error.is_none());
            assert_eq!(check(kind, &back, false).unwrap(), content, "{kind:?}");
        }
    }

    /// What a browser sends for the fields as shown.
    fn flatten(fields: &[Field], out: &mut Vec<(String, String)>) {
        for f in fields {
            match f.kind {
                "rows" => f.rows.iter().for_each(|r| flatten(&r.fields, out)),
                "scale" | "radio" | "checks" | "check" => out.extend(
                    f.options
                        .iter()
                        .filter(|o| o.checked)
                        .map(|o| (f.name.clone(), o.value.clone())),
                ),
                _ => out.push((f.name.clone(), f.value.clone())),
            }
        }
    }
}
