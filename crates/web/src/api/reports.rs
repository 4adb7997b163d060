//! Outcome reports: the figures of the practice (a practice lead) or of one's own clients (a
//! clinician), as JSON and as CSV.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::Error;
use rapport_app::reports::{self, Filter, Outcomes};
use rapport_core::outcomes::{Cell, Rate};
use rapport_core::reports::{Breakdown, Row, RowRates};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{ApiActor, ApiQuery};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/reports/outcomes", get(outcomes))
        .route("/api/v1/reports/outcomes.csv", get(outcomes_csv))
}

/// The period and whose clients. Without dates: the twelve months up to today.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutcomesQuery {
    /// The first day (YYYY-MM-DD), included.
    pub from: Option<String>,
    /// The last day (YYYY-MM-DD), included.
    pub to: Option<String>,
    /// One clinician's clients (a practice lead for anyone; a clinician only themself).
    pub clinician_id: Option<String>,
}

fn date(field: &str, v: Option<&str>) -> Result<Option<NaiveDate>, Error> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::invalid(field, "Give a date as YYYY-MM-DD.")),
    }
}

/// The filter of a query: `to` defaults to today, `from` to a year before `to` (the day after).
pub fn filter_of(q: &OutcomesQuery, today: NaiveDate) -> Result<Filter, Error> {
    let to = date("to", q.to.as_deref())?.unwrap_or(today);
    let from = match date("from", q.from.as_deref())? {
        Some(f) => f,
        None => to
            .checked_sub_months(chrono::Months::new(12))
            .map_or(to, |d| d + chrono::Duration::days(1)),
    };
    let clinician_id = match q.clinician_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(
            Uuid::parse_str(v)
                .map_err(|_| Error::invalid("clinician_id", "Choose a clinician from the list."))?,
        ),
    };
    Ok(Filter {
        from,
        to,
        clinician_id,
    })
}

/// A rate with the count behind it and its 95 % Wilson score interval; `rate`, `ci_low` and
/// `ci_high` are null when the denominator is 0.
#[derive(Debug, Serialize, ToSchema)]
pub struct RateItem {
    pub numerator: u32,
    pub denominator: u32,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

impl From<Option<Rate>> for RateItem {
    fn from(r: Option<Rate>) -> Self {
        RateItem {
            numerator: r.map_or(0, |r| r.count),
            denominator: r.map_or(0, |r| r.of),
            rate: r.map(|r| r.share),
            ci_low: r.map(|r| r.low),
            ci_high: r.map(|r| r.high),
        }
    }
}

/// One cell of a breakdown: `shown` is `rate`, `too_few` (it names a clinician and has fewer
/// than 5 episodes: not shown) or `empty` (nothing to count).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportCell {
    pub shown: String,
    pub numerator: Option<u32>,
    pub denominator: Option<u32>,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

impl From<Cell> for ReportCell {
    fn from(c: Cell) -> Self {
        let (shown, r) = match c {
            Cell::Empty => ("empty", None),
            Cell::TooFew => ("too_few", None),
            Cell::Rate(r) => ("rate", Some(r)),
        };
        ReportCell {
            shown: shown.into(),
            numerator: r.map(|r| r.count),
            denominator: r.map(|r| r.of),
            rate: r.map(|r| r.share),
            ci_low: r.map(|r| r.low),
            ci_high: r.map(|r| r.high),
        }
    }
}

/// The eligibility funnel: finished episodes → ≥ 2 attended sessions → paired PHQ-9 and
/// GAD-7 → a case at the start; and the PHQ-9 stage of response and remission.
#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelItem {
    pub finished: u32,
    pub two_sessions: u32,
    pub paired: u32,
    pub case_at_start: u32,
    pub phq9_case_at_start: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RatesItem {
    pub recovery: RateItem,
    pub reliable_recovery: RateItem,
    pub reliable_improvement: RateItem,
    pub reliable_deterioration: RateItem,
    pub response: RateItem,
    pub remission: RateItem,
    pub dropout: RateItem,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowRatesItem {
    pub recovery: ReportCell,
    pub reliable_recovery: ReportCell,
    pub reliable_improvement: ReportCell,
    pub reliable_deterioration: ReportCell,
    pub response: ReportCell,
    pub remission: ReportCell,
    pub dropout: ReportCell,
}

impl From<RowRates> for RowRatesItem {
    fn from(r: RowRates) -> Self {
        RowRatesItem {
            recovery: r.recovery.into(),
            reliable_recovery: r.reliable_recovery.into(),
            reliable_improvement: r.reliable_improvement.into(),
            reliable_deterioration: r.reliable_deterioration.into(),
            response: r.response.into(),
            remission: r.remission.into(),
            dropout: r.dropout.into(),
        }
    }
}

/// One row of a breakdown. `finished` is null where the row names a clinician with fewer than
/// 5 finished episodes.
#[derive(Debug, Serialize, ToSchema)]
pub struct BreakdownRow {
    /// The stable key: a band, approach or format word, a clinician's id, a month (`2026-03`)
    /// or quarter (`2026-Q1`); `none` where the episode had none.
    pub key: String,
    pub label: String,
    pub finished: Option<u32>,
    pub rates: RowRatesItem,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BreakdownsItem {
    /// By the PHQ-9 band of the baseline.
    pub severity: Vec<BreakdownRow>,
    /// By the treatment plan's approach.
    pub approach: Vec<BreakdownRow>,
    /// By the treatment plan's format.
    pub format: Vec<BreakdownRow>,
    /// By clinician on the care team during the episode (small-cell rule).
    pub clinician: Vec<BreakdownRow>,
    /// By the month or quarter episodes finished in.
    pub period: Vec<BreakdownRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionsPerEpisodeItem {
    pub total: u32,
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

/// The outcome report. Rates count finished episodes (see `docs/reports.md`).
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomesBody {
    pub from: String,
    pub to: String,
    /// Whose clients; null: the whole practice.
    pub clinician_id: Option<String>,
    /// Whether the reader is a practice lead.
    pub practice_lead: bool,
    /// Episodes open at some time in the period.
    pub episodes: u32,
    pub started: u32,
    pub finished: u32,
    pub funnel: FunnelItem,
    pub rates: RatesItem,
    pub sessions_per_episode: SessionsPerEpisodeItem,
    /// Attended sessions in the period with a PHQ-9 within a day of them.
    pub phq9_session_share: RateItem,
    pub granularity: String,
    pub breakdowns: BreakdownsItem,
}

/// How a breakdown's key reads.
pub fn label(section: &str, key: &str, names: &[(Uuid, String)]) -> String {
    use rapport_core::plans::approach::{Approach, Format};
    if key == "none" {
        return match section {
            "severity" => "No PHQ-9".into(),
            _ => "No treatment plan".into(),
        };
    }
    match section {
        "severity" => rapport_core::measures::Band::parse(key)
            .map_or(key.to_string(), |b| b.label().to_string()),
        "approach" => Approach::parse(key).map_or(key.to_string(), |a| a.label().to_string()),
        "format" => Format::parse(key).map_or(key.to_string(), |f| f.label().to_string()),
        "clinician" => names
            .iter()
            .find(|(id, _)| id.to_string() == key)
            .map_or("A former clinician".to_string(), |(_, n)| n.clone()),
        _ => key.to_string(),
    }
}

fn rows(section: &str, b: &Breakdown, names: &[(Uuid, String)]) -> Vec<BreakdownRow> {
    b.iter()
        .map(|r: &Row| BreakdownRow {
            key: r.key.clone(),
            label: label(section, &r.key, names),
            finished: r.finished,
            rates: r.rates.into(),
        })
        .collect()
}

impl From<&Outcomes> for OutcomesBody {
    fn from(o: &Outcomes) -> Self {
        let r = &o.report;
        let b = &r.breakdowns;
        OutcomesBody {
            from: r.from.to_string(),
            to: r.to.to_string(),
            clinician_id: o.clinician_id.map(|c| c.to_string()),
            practice_lead: o.lead,
            episodes: r.episodes,
            started: r.started,
            finished: r.finished,
            funnel: FunnelItem {
                finished: r.funnel.finished,
                two_sessions: r.funnel.two_sessions,
                paired: r.funnel.paired,
                case_at_start: r.funnel.case_at_start,
                phq9_case_at_start: r.funnel.phq9_case_at_start,
            },
            rates: RatesItem {
                recovery: r.rates.recovery.into(),
                reliable_recovery: r.rates.reliable_recovery.into(),
                reliable_improvement: r.rates.reliable_improvement.into(),
                reliable_deterioration: r.rates.reliable_deterioration.into(),
                response: r.rates.response.into(),
                remission: r.rates.remission.into(),
                dropout: r.rates.dropout.into(),
            },
            sessions_per_episode: SessionsPerEpisodeItem {
                total: r.sessions_per_episode.total,
                mean: r.sessions_per_episode.mean,
                median: r.sessions_per_episode.median,
            },
            phq9_session_share: r.phq9_session_share.into(),
            granularity: match r.granularity {
                rapport_core::reports::Granularity::Month => "month".into(),
                rapport_core::reports::Granularity::Quarter => "quarter".into(),
            },
            breakdowns: BreakdownsItem {
                severity: rows("severity", &b.severity, &o.names),
                approach: rows("approach", &b.approach, &o.names),
                format: rows("format", &b.format, &o.names),
                clinician: rows("clinician", &b.clinician, &o.names),
                period: rows("period", &b.period, &o.names),
            },
        }
    }
}

/// The outcome report: episodes, the eligibility funnel, each rate with its count and 95 %
/// Wilson interval, and breakdowns by baseline severity, approach, format, clinician (fewer
/// than 5 episodes: not shown) and period. Clinicians: their own clients; practice leads:
/// everyone, or one clinician's.
#[utoipa::path(get, path = "/api/v1/reports/outcomes", tag = "reports", security(("bearer" = [])),
    params(OutcomesQuery),
    responses((status = 200, body = OutcomesBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn outcomes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<OutcomesQuery>,
) -> Result<Json<OutcomesBody>, ApiError> {
    let filter = filter_of(&q, state.app.now().date_naive())?;
    let o = reports::outcomes(&state.app, &actor, filter).await?;
    Ok(Json(OutcomesBody::from(&o)))
}

/// The same report as CSV (`text/csv`): one line per figure.
#[utoipa::path(get, path = "/api/v1/reports/outcomes.csv", tag = "reports", security(("bearer" = [])),
    params(OutcomesQuery),
    responses((status = 200, description = "The report as CSV (text/csv): section, group, measure, numerator, denominator, rate, ci_low, ci_high", content_type = "text/csv", body = String), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn outcomes_csv(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<OutcomesQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let filter = filter_of(&q, state.app.now().date_naive())?;
    let o = reports::outcomes(&state.app, &actor, filter).await?;
    Ok(csv_response(&o))
}

/// The CSV with its headers (a download named for the period).
pub fn csv_response(o: &Outcomes) -> impl IntoResponse + use<> {
    let name = format!(
        "attachment; filename=\"outcomes-{}-to-{}.csv\"",
        o.report.from, o.report.to
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        csv(o),
    )
}

/// A CSV field: quoted when it holds a comma, quote or line break, and a leading `=`, `+`, `-`,
/// `@`, tab or carriage return written after a `'` so that a spreadsheet does not run it as a
/// formula (the export's own rule).
fn field(s: &str) -> String {
    rapport_core::export::csv_cell(s)
}

fn num(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.4}"))
}

/// The report as CSV: `section,group,measure,numerator,denominator,rate,ci_low,ci_high`.
pub fn csv(o: &Outcomes) -> String {
    let body = OutcomesBody::from(o);
    let mut out = String::from("section,group,measure,numerator,denominator,rate,ci_low,ci_high\n");
    let mut line = |section: &str, group: &str, measure: &str, cols: [String; 5]| {
        out.push_str(&format!(
            "{},{},{},{}\n",
            field(section),
            field(group),
            field(measure),
            cols.join(",")
        ));
    };
    let count = |n: u32| {
        [
            n.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    line("summary", "all", "episodes", count(body.episodes));
    line("summary", "all", "started", count(body.started));
    line("summary", "all", "finished", count(body.finished));
    line(
        "summary",
        "all",
        "sessions",
        count(body.sessions_per_episode.total),
    );
    line(
        "summary",
        "all",
        "sessions_per_episode_mean",
        [
            String::new(),
            String::new(),
            num(body.sessions_per_episode.mean),
            String::new(),
            String::new(),
        ],
    );
    line(
        "summary",
        "all",
        "sessions_per_episode_median",
        [
            String::new(),
            String::new(),
            num(body.sessions_per_episode.median),
            String::new(),
            String::new(),
        ],
    );
    let f = &body.funnel;
    for (name, n) in [
        ("finished", f.finished),
        ("two_sessions", f.two_sessions),
        ("paired", f.paired),
        ("case_at_start", f.case_at_start),
        ("phq9_case_at_start", f.phq9_case_at_start),
    ] {
        line("funnel", "all", name, count(n));
    }
    let rate = |r: &RateItem| {
        [
            r.numerator.to_string(),
            r.denominator.to_string(),
            num(r.rate),
            num(r.ci_low),
            num(r.ci_high),
        ]
    };
    let rs = &body.rates;
    for (name, r) in rate_list(rs) {
        line("rate", "all", name, rate(r));
    }
    line(
        "rate",
        "all",
        "phq9_session_share",
        rate(&body.phq9_session_share),
    );
    let cell = |c: &ReportCell| match c.shown.as_str() {
        "rate" => [
            c.numerator.map_or(String::new(), |n| n.to_string()),
            c.denominator.map_or(String::new(), |n| n.to_string()),
            num(c.rate),
            num(c.ci_low),
            num(c.ci_high),
        ],
        other => [
            String::new(),
            String::new(),
            other.to_string(),
            String::new(),
            String::new(),
        ],
    };
    let b = &body.breakdowns;
    for (section, list) in [
        ("severity", &b.severity),
        ("approach", &b.approach),
        ("format", &b.format),
        ("clinician", &b.clinician),
        ("period", &b.period),
    ] {
        for row in list {
            line(
                section,
                &row.label,
                "finished",
                match row.finished {
                    Some(n) => count(n),
                    None => [
                        String::new(),
                        String::new(),
                        "too_few".into(),
                        String::new(),
                        String::new(),
                    ],
                },
            );
            for (name, c) in cell_list(&row.rates) {
                line(section, &row.label, name, cell(c));
            }
        }
    }
    out
}

/// The rates in reading order, with their JSON names.
pub fn rate_list(r: &RatesItem) -> [(&'static str, &RateItem); 7] {
    [
        ("recovery", &r.recovery),
        ("reliable_recovery", &r.reliable_recovery),
        ("reliable_improvement", &r.reliable_improvement),
        ("reliable_deterioration", &r.reliable_deterioration),
        ("response", &r.response),
        ("remission", &r.remission),
        ("dropout", &r.dropout),
    ]
}

pub fn cell_list(r: &RowRatesItem) -> [(&'static str, &ReportCell); 7] {
    [
        ("recovery", &r.recovery),
        ("reliable_recovery", &r.reliable_recovery),
        ("reliable_improvement", &r.reliable_improvement),
        ("reliable_deterioration", &r.reliable_deterioration),
        ("response", &r.response),
        ("remission", &r.remission),
        ("dropout", &r.dropout),
    ]
}
