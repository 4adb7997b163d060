//! Every word the charts show or say, in one place, in the language being drawn: the words
//! are English as written here; a page that draws in another language wraps the drawing in
//! [`in_lang`], and the words and sentences come from the Fluent messages `chart-*`.

use std::cell::Cell;
use std::sync::LazyLock;

use crate::i18n::{self, Arg, Lang};

thread_local! {
    /// The language the charts on this thread are being drawn in (drawing is synchronous).
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Draws with the charts' words in `lang`.
pub fn in_lang<T>(lang: Lang, draw: impl FnOnce() -> T) -> T {
    let before = LANG.with(|l| l.replace(lang));
    let out = draw();
    LANG.with(|l| l.set(before));
    out
}

fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// The single words below and their messages.
const WORD_KEYS: &[(&str, &str)] = &[
    (MINIMAL, "chart-minimal"),
    (MILD, "chart-mild"),
    (MODERATE, "chart-moderate"),
    (MODERATELY_SEVERE, "chart-moderately-severe"),
    (SEVERE, "chart-severe"),
    (DATE, "chart-date"),
    (SCORE, "chart-score"),
    (BAND, "chart-band"),
    (EXPECTED_RANGE, "chart-expected-range"),
    (PRACTICE_EDGE, "chart-practice-edge"),
    (FLAG, "chart-flag"),
    (SESSION, "chart-session"),
    (CRITICAL, "chart-critical"),
    (HIGH, "chart-high"),
    (MEDIUM, "chart-medium"),
    (LOW, "chart-low"),
    (MOOD_AXIS, "chart-mood"),
    (SLEEP_AXIS, "chart-sleep"),
    (MEDICATION_COLUMN, "chart-medication"),
    (MEDICATION_MISSED_ROW, "chart-medication-missed"),
    (MEDICATION_NONE_MISSED, "chart-medication-none-missed"),
    (TAKEN, "chart-taken"),
    (MISSED, "chart-missed"),
    (NOT_PRESCRIBED, "chart-not-prescribed"),
];

/// The Spanish words, formatted once (a few dozen short strings kept for the program's life,
/// so that the drawing code keeps its `&str`s).
static ES_WORDS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    WORD_KEYS
        .iter()
        .map(|(en, key)| (*en, &*Box::leak(i18n::t(Lang::Es, key).into_boxed_str())))
        .collect()
});

/// One of the words above in the language being drawn (a word not listed stays as it is).
pub fn tr(english: &str) -> &str {
    match lang() {
        Lang::En => english,
        Lang::Es => ES_WORDS
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, es)| es),
    }
}

/// A sentence of the charts in the language being drawn (not English).
fn say(key: &str, args: &[(&str, Arg<'_>)]) -> String {
    i18n::t_args(lang(), key, args)
}

/// A number with decimals as the language writes it ("5.2", "5,2").
fn dec(s: &str) -> String {
    match lang() {
        Lang::En => s.to_string(),
        Lang::Es => s.replace('.', ","),
    }
}

pub const MINIMAL: &str = "minimal";
pub const MILD: &str = "mild";
pub const MODERATE: &str = "moderate";
pub const MODERATELY_SEVERE: &str = "moderately severe";
pub const SEVERE: &str = "severe";

pub const DATE: &str = "Date";
pub const SCORE: &str = "Score";
pub const BAND: &str = "Band";
pub const EXPECTED_RANGE: &str = "Expected range";
/// The practice's own edge of expected recovery (from its finished episodes).
pub const PRACTICE_EDGE: &str = "Practice's own edge";
pub const FLAG: &str = "Flag";
pub const SESSION: &str = "Session";

pub const CRITICAL: &str = "critical";
pub const HIGH: &str = "high";
pub const MEDIUM: &str = "medium";
pub const LOW: &str = "low";

pub const MOOD_AXIS: &str = "Mood (0–10)";
pub const SLEEP_AXIS: &str = "Sleep (hours)";
pub const MOOD_COLUMN: &str = "Mood (0–10)";
pub const SLEEP_COLUMN: &str = "Sleep (hours)";
pub const MEDICATION_COLUMN: &str = "Medication";
pub const MEDICATION_MISSED_ROW: &str = "Medication missed";
pub const MEDICATION_NONE_MISSED: &str = "Medication: no missed days";
pub const TAKEN: &str = "taken";
pub const MISSED: &str = "missed";
pub const NOT_PRESCRIBED: &str = "not prescribed";

/// `<title>` of a score chart: "PHQ-9 scores over time".
pub fn score_title(instrument: &str) -> String {
    if lang() != Lang::En {
        return say("chart-score-title", &[("instrument", instrument.into())]);
    }
    format!("{instrument} scores over time")
}

/// Caption of a score chart's table: "PHQ-9 scores".
pub fn score_caption(instrument: &str) -> String {
    if lang() != Lang::En {
        return say("chart-score-caption", &[("instrument", instrument.into())]);
    }
    format!("{instrument} scores")
}

/// "18 (moderately severe)" or "18" when no band is known.
pub fn score_with_band(score: u8, band: Option<&str>) -> String {
    match band {
        Some(b) => format!("{score} ({})", tr(b)),
        None => score.to_string(),
    }
}

/// A point's tooltip: "12 Jan: 18 (moderately severe)".
pub fn point_title(date: &str, score_with_band: &str) -> String {
    format!("{date}: {score_with_band}")
}

/// A flag's tooltip and table cell: "deterioration (high)".
pub fn flag_text(kind: &str, level: &str) -> String {
    format!("{kind} ({})", tr(level))
}

/// "Flag: deterioration (high)".
pub fn flag_title(flag_text: &str) -> String {
    format!("{}: {flag_text}", tr(FLAG))
}

/// "9 to 14" (expected score to the edge of the band).
pub fn expected_range(expected: f64, edge: f64) -> String {
    if lang() != Lang::En {
        return say(
            "chart-expected-to",
            &[
                ("a", format!("{}", expected.round()).into()),
                ("b", format!("{}", edge.round()).into()),
            ],
        );
    }
    format!("{} to {}", expected.round(), edge.round())
}

/// The `<desc>` of a score chart.
pub struct ScoreSummary<'a> {
    pub instrument: &'a str,
    pub first_date: &'a str,
    pub first: String,
    pub last_date: &'a str,
    pub last: String,
    pub count: usize,
    pub lowest: u8,
    pub highest: u8,
    pub flagged: usize,
    pub expected: bool,
}

/// "PHQ-9 from 12 Jan to 3 Jun: 18 (moderately severe) to 7 (mild). 9 scores, lowest 5,
/// highest 20. 1 flagged. The shaded area is the expected-recovery range."
pub fn score_desc(s: &ScoreSummary<'_>) -> String {
    if lang() != Lang::En {
        let mut out = if s.count == 1 {
            say(
                "chart-score-desc-one",
                &[
                    ("instrument", s.instrument.into()),
                    ("date", s.first_date.into()),
                    ("score", s.first.as_str().into()),
                ],
            )
        } else {
            say(
                "chart-score-desc",
                &[
                    ("instrument", s.instrument.into()),
                    ("from", s.first_date.into()),
                    ("to", s.last_date.into()),
                    ("first", s.first.as_str().into()),
                    ("last", s.last.as_str().into()),
                    ("n", s.count.into()),
                    ("lowest", s.lowest.into()),
                    ("highest", s.highest.into()),
                ],
            )
        };
        if s.flagged > 0 {
            out.push(' ');
            out.push_str(&say("chart-flagged", &[("n", s.flagged.into())]));
        }
        if s.expected {
            out.push(' ');
            out.push_str(&say("chart-shaded", &[]));
        }
        return out;
    }
    let mut out = if s.count == 1 {
        format!(
            "{} on {}: {}. 1 score.",
            s.instrument, s.first_date, s.first
        )
    } else {
        format!(
            "{} from {} to {}: {} to {}. {} scores, lowest {}, highest {}.",
            s.instrument, s.first_date, s.last_date, s.first, s.last, s.count, s.lowest, s.highest
        )
    };
    if s.flagged > 0 {
        out.push_str(&format!(" {} flagged.", s.flagged));
    }
    if s.expected {
        out.push_str(" The shaded area is the expected-recovery range.");
    }
    out
}

/// `<title>` of a check-in chart.
pub fn checkin_title(title: &str) -> String {
    title.to_owned()
}

/// Caption of a check-in chart's table.
pub fn checkin_caption(title: &str) -> String {
    title.to_owned()
}

/// "6 of 10".
pub fn mood_value(mood: u8) -> String {
    if lang() != Lang::En {
        return say("chart-mood-value", &[("n", mood.into())]);
    }
    format!("{mood} of 10")
}

/// "7.5 hours".
pub fn sleep_value(hours: &str) -> String {
    if lang() != Lang::En {
        return say("chart-sleep-value", &[("hours", dec(hours).into())]);
    }
    format!("{hours} hours")
}

/// The `<desc>` of a check-in chart.
pub struct CheckinSummary<'a> {
    pub first_date: &'a str,
    pub last_date: &'a str,
    pub days: usize,
    /// (lowest, highest, mean) of the moods given.
    pub mood: Option<(u8, u8, String)>,
    /// (lowest, highest, mean) hours slept, already formatted.
    pub sleep: Option<(String, String, String)>,
    pub missed: usize,
    pub prescribed: bool,
}

/// "Daily check-ins from 1 May to 28 May, 26 days. Mood 3 to 7, average 5.2. Sleep 5 to 9
/// hours, average 7.1. Medication missed on 4 days."
pub fn checkin_desc(s: &CheckinSummary<'_>) -> String {
    if lang() != Lang::En {
        let mut out = if s.days == 1 {
            say("chart-checkin-desc-one", &[("date", s.first_date.into())])
        } else {
            say(
                "chart-checkin-desc",
                &[
                    ("from", s.first_date.into()),
                    ("to", s.last_date.into()),
                    ("n", s.days.into()),
                ],
            )
        };
        if let Some((lo, hi, mean)) = &s.mood {
            out.push(' ');
            out.push_str(&if lo == hi {
                say("chart-mood-one", &[("n", (*lo).into())])
            } else {
                say(
                    "chart-mood-range",
                    &[
                        ("lo", (*lo).into()),
                        ("hi", (*hi).into()),
                        ("mean", dec(mean).into()),
                    ],
                )
            });
        }
        if let Some((lo, hi, mean)) = &s.sleep {
            out.push(' ');
            out.push_str(&if lo == hi {
                say("chart-sleep-one", &[("hours", dec(lo).into())])
            } else {
                say(
                    "chart-sleep-range",
                    &[
                        ("lo", dec(lo).into()),
                        ("hi", dec(hi).into()),
                        ("mean", dec(mean).into()),
                    ],
                )
            });
        }
        if s.prescribed {
            out.push(' ');
            out.push_str(&say("chart-missed-days", &[("n", s.missed.into())]));
        }
        return out;
    }
    let mut out = if s.days == 1 {
        format!("Daily check-in on {}.", s.first_date)
    } else {
        format!(
            "Daily check-ins from {} to {}, {} days.",
            s.first_date, s.last_date, s.days
        )
    };
    if let Some((lo, hi, mean)) = &s.mood {
        if lo == hi {
            out.push_str(&format!(" Mood {lo} of 10."));
        } else {
            out.push_str(&format!(" Mood {lo} to {hi} of 10, average {mean}."));
        }
    }
    if let Some((lo, hi, mean)) = &s.sleep {
        if lo == hi {
            out.push_str(&format!(" Sleep {lo} hours."));
        } else {
            out.push_str(&format!(" Sleep {lo} to {hi} hours, average {mean}."));
        }
    }
    if s.prescribed {
        match s.missed {
            0 => out.push_str(" No medication missed."),
            1 => out.push_str(" Medication missed on 1 day."),
            n => out.push_str(&format!(" Medication missed on {n} days.")),
        }
    }
    out
}
