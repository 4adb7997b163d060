//! Every word the charts show or say, in one place (for translation later).

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
    format!("{instrument} scores over time")
}

/// Caption of a score chart's table: "PHQ-9 scores".
pub fn score_caption(instrument: &str) -> String {
    format!("{instrument} scores")
}

/// "18 (moderately severe)" or "18" when no band is known.
pub fn score_with_band(score: u8, band: Option<&str>) -> String {
    match band {
        Some(b) => format!("{score} ({b})"),
        None => score.to_string(),
    }
}

/// A point's tooltip: "12 Jan: 18 (moderately severe)".
pub fn point_title(date: &str, score_with_band: &str) -> String {
    format!("{date}: {score_with_band}")
}

/// A flag's tooltip and table cell: "deterioration (high)".
pub fn flag_text(kind: &str, level: &str) -> String {
    format!("{kind} ({level})")
}

/// "Flag: deterioration (high)".
pub fn flag_title(flag_text: &str) -> String {
    format!("{FLAG}: {flag_text}")
}

/// "9 to 14" (expected score to the edge of the band).
pub fn expected_range(expected: f64, edge: f64) -> String {
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
    format!("{mood} of 10")
}

/// "7.5 hours".
pub fn sleep_value(hours: &str) -> String {
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
