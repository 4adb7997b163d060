//! A report over many episodes: the headline figures, the funnel, the rates and the
//! breakdowns.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::episode::{Classified, EpisodeFacts, classify};
use crate::outcomes::{BaselineBand, Cell, Rate, cell};

/// The eligibility funnel of the finished episodes (CLINICAL.md: episodes → ≥ 2 sessions →
/// paired scores → a case at the start), and the PHQ-9 stage of response and remission.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub finished: u32,
    pub two_sessions: u32,
    pub paired: u32,
    pub case_at_start: u32,
    /// ≥ 2 sessions, two or more PHQ-9 and a PHQ-9 baseline ≥ 10.
    pub phq9_case_at_start: u32,
}

/// Each rate of the finished episodes; `None` where its denominator is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rates {
    pub recovery: Option<Rate>,
    pub reliable_recovery: Option<Rate>,
    pub reliable_improvement: Option<Rate>,
    pub reliable_deterioration: Option<Rate>,
    pub response: Option<Rate>,
    pub remission: Option<Rate>,
    pub dropout: Option<Rate>,
}

/// The counts behind [`Rates`], one pass over the classified episodes.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    funnel: Funnel,
    recovered: u32,
    reliably_recovered: u32,
    improved: u32,
    deteriorated: u32,
    responded: u32,
    remitted: u32,
    dropout_of: u32,
    dropped_out: u32,
}

impl Tally {
    fn add(&mut self, c: &Classified) {
        let b = u32::from;
        self.funnel.finished += 1;
        self.funnel.two_sessions += b(c.two_sessions);
        self.funnel.paired += b(c.paired);
        self.funnel.case_at_start += b(c.case_at_start);
        self.funnel.phq9_case_at_start += b(c.phq9_eligible);
        self.recovered += b(c.recovery.is_recovered());
        self.reliably_recovered += b(c.recovery.is_reliably_recovered());
        self.improved += b(c.reliable_improvement);
        self.deteriorated += b(c.reliable_deterioration);
        self.responded += b(c.response);
        self.remitted += b(c.remission);
        self.dropout_of += b(c.dropout_eligible);
        self.dropped_out += b(c.dropout);
    }

    fn rates(&self) -> Rates {
        let case = self.funnel.case_at_start;
        let phq9 = self.funnel.phq9_case_at_start;
        Rates {
            recovery: Rate::of(self.recovered, case),
            reliable_recovery: Rate::of(self.reliably_recovered, case),
            reliable_improvement: Rate::of(self.improved, case),
            reliable_deterioration: Rate::of(self.deteriorated, case),
            response: Rate::of(self.responded, phq9),
            remission: Rate::of(self.remitted, phq9),
            dropout: Rate::of(self.dropped_out, self.dropout_of),
        }
    }

    fn row_rates(&self, names: bool) -> RowRates {
        let case = self.funnel.case_at_start;
        let phq9 = self.funnel.phq9_case_at_start;
        RowRates {
            recovery: cell(self.recovered, case, names),
            reliable_recovery: cell(self.reliably_recovered, case, names),
            reliable_improvement: cell(self.improved, case, names),
            reliable_deterioration: cell(self.deteriorated, case, names),
            response: cell(self.responded, phq9, names),
            remission: cell(self.remitted, phq9, names),
            dropout: cell(self.dropped_out, self.dropout_of, names),
        }
    }
}

/// Attended sessions per finished episode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SessionsPerEpisode {
    pub total: u32,
    pub mean: Option<f64>,
    /// The middle value; of an even count, the mean of the two middle ones.
    pub median: Option<f64>,
}

/// One row of a breakdown. A row that names a clinician with fewer than
/// [`crate::outcomes::MIN_CELL`] finished episodes shows no count (`finished` is `None`) and
/// every cell is too few; each cell of such a row is also hidden on its own when its
/// denominator is below the minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The stable key (a band, approach or format word, a clinician id, a period).
    pub key: String,
    pub finished: Option<u32>,
    pub rates: RowRates,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RowRates {
    pub recovery: Cell,
    pub reliable_recovery: Cell,
    pub reliable_improvement: Cell,
    pub reliable_deterioration: Cell,
    pub response: Cell,
    pub remission: Cell,
    pub dropout: Cell,
}

/// One breakdown: rows in key order.
pub type Breakdown = Vec<Row>;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Breakdowns {
    /// By the PHQ-9 band of the baseline (`none`: no PHQ-9 in the episode).
    pub severity: Breakdown,
    /// By the treatment plan's approach (`none`: no plan).
    pub approach: Breakdown,
    /// By the treatment plan's format (`none`: no plan).
    pub format: Breakdown,
    /// By clinician on the care team during the episode (an episode counts for each); the
    /// small-cell rule applies.
    pub clinician: Breakdown,
    /// By the month or quarter the episode finished in.
    pub period: Breakdown,
}

/// How the period breakdown groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Month,
    Quarter,
}

impl Granularity {
    /// Months for a span up to a year and a bit (13 months), quarters beyond.
    pub fn for_span(from: NaiveDate, to: NaiveDate) -> Granularity {
        let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
        if months <= 12 {
            Granularity::Month
        } else {
            Granularity::Quarter
        }
    }

    /// `2026-03` or `2026-Q1`.
    pub fn key(self, day: NaiveDate) -> String {
        match self {
            Granularity::Month => format!("{:04}-{:02}", day.year(), day.month()),
            Granularity::Quarter => format!("{:04}-Q{}", day.year(), day.month0() / 3 + 1),
        }
    }
}

/// The whole report over `[from, to]` (both days included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Episodes open at some time in the period (started by its end, not finished before
    /// its start).
    pub episodes: u32,
    pub started: u32,
    pub finished: u32,
    pub funnel: Funnel,
    pub rates: Rates,
    pub sessions_per_episode: SessionsPerEpisode,
    /// Attended sessions in the period with a PHQ-9 on the day, of all attended sessions in
    /// the period.
    pub phq9_session_share: Option<Rate>,
    pub granularity: Granularity,
    pub breakdowns: Breakdowns,
}

fn within(day: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    from <= day && day <= to
}

fn median(sorted: &[u32]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    Some(if n % 2 == 1 {
        f64::from(sorted[mid])
    } else {
        (f64::from(sorted[mid - 1]) + f64::from(sorted[mid])) / 2.0
    })
}

fn rows(tallies: BTreeMap<String, Tally>, names: bool) -> Breakdown {
    tallies
        .into_iter()
        .map(|(key, t)| {
            let hidden = names && t.funnel.finished < crate::outcomes::MIN_CELL;
            Row {
                key,
                finished: (!hidden).then_some(t.funnel.finished),
                rates: if hidden {
                    RowRates {
                        recovery: Cell::TooFew,
                        reliable_recovery: Cell::TooFew,
                        reliable_improvement: Cell::TooFew,
                        reliable_deterioration: Cell::TooFew,
                        response: Cell::TooFew,
                        remission: Cell::TooFew,
                        dropout: Cell::TooFew,
                    }
                } else {
                    t.row_rates(names)
                },
            }
        })
        .collect()
}

/// The report over `episodes` for the days `from` to `to`, the period breakdown by
/// `granularity`. Episodes outside the period are ignored.
pub fn report(
    episodes: &[EpisodeFacts],
    from: NaiveDate,
    to: NaiveDate,
    granularity: Granularity,
) -> OutcomeReport {
    let mut all = Tally::default();
    let (mut in_scope, mut started) = (0u32, 0u32);
    let (mut sessions_in_period, mut sessions_with_phq9) = (0u32, 0u32);
    let mut per_episode: Vec<u32> = Vec::new();
    let mut severity: BTreeMap<String, Tally> = BTreeMap::new();
    let mut approach: BTreeMap<String, Tally> = BTreeMap::new();
    let mut format: BTreeMap<String, Tally> = BTreeMap::new();
    let mut clinician: BTreeMap<String, Tally> = BTreeMap::new();
    let mut period: BTreeMap<String, Tally> = BTreeMap::new();
    for e in episodes {
        if e.started_on > to || e.finished_on.is_some_and(|f| f < from) {
            continue;
        }
        in_scope += 1;
        started += u32::from(within(e.started_on, from, to));
        for s in e.sessions.iter().filter(|s| within(s.on, from, to)) {
            sessions_in_period += 1;
            sessions_with_phq9 += u32::from(s.with_phq9);
        }
        let Some(finished_on) = e.finished_on.filter(|&f| within(f, from, to)) else {
            continue;
        };
        let c = classify(e);
        all.add(&c);
        per_episode.push(c.sessions);
        let band = e
            .phq9
            .first()
            .map_or("none", |&b| band_word(BaselineBand::of(b)));
        severity.entry(band.to_string()).or_default().add(&c);
        let none = || "none".to_string();
        approach
            .entry(e.approach.clone().unwrap_or_else(none))
            .or_default()
            .add(&c);
        format
            .entry(e.format.clone().unwrap_or_else(none))
            .or_default()
            .add(&c);
        let mut seen: Vec<&String> = Vec::new();
        for id in &e.clinicians {
            if !seen.contains(&id) {
                seen.push(id);
                clinician.entry(id.clone()).or_default().add(&c);
            }
        }
        period
            .entry(granularity.key(finished_on))
            .or_default()
            .add(&c);
    }
    per_episode.sort_unstable();
    let total: u32 = per_episode.iter().sum();
    let finished = all.funnel.finished;
    OutcomeReport {
        from,
        to,
        episodes: in_scope,
        started,
        finished,
        funnel: all.funnel,
        rates: all.rates(),
        sessions_per_episode: SessionsPerEpisode {
            total,
            mean: (finished > 0).then(|| f64::from(total) / f64::from(finished)),
            median: median(&per_episode),
        },
        phq9_session_share: Rate::of(sessions_with_phq9, sessions_in_period),
        granularity,
        breakdowns: Breakdowns {
            severity: sort_bands(rows(severity, false)),
            approach: rows(approach, false),
            format: rows(format, false),
            clinician: rows(clinician, true),
            period: rows(period, false),
        },
    }
}

/// The API word of a baseline band.
pub(crate) fn band_word(b: BaselineBand) -> &'static str {
    match b {
        BaselineBand::Minimal => "minimal",
        BaselineBand::Mild => "mild",
        BaselineBand::Moderate => "moderate",
        BaselineBand::ModeratelySevere => "moderately_severe",
        BaselineBand::Severe => "severe",
    }
}

/// Bands from the mildest up, `none` last.
fn sort_bands(mut rows: Breakdown) -> Breakdown {
    const ORDER: [&str; 6] = [
        "minimal",
        "mild",
        "moderate",
        "moderately_severe",
        "severe",
        "none",
    ];
    rows.sort_by_key(|r| {
        ORDER
            .iter()
            .position(|w| *w == r.key)
            .unwrap_or(ORDER.len())
    });
    rows
}
