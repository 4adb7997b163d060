//! The outcome report page (`/reports/outcomes`) for clinicians: the headline figures first,
//! then the filters, the rates and the funnel as charts with their tables, the breakdowns,
//! and the CSV download (`/reports/outcomes.csv`, the same query).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use rapport_app::Error;
use rapport_app::reports;

use super::templates::Layout;
use super::{Page, render, render_status};
use crate::api::reports::{
    OutcomesBody, OutcomesQuery, RateItem, ReportCell, cell_list, csv_response, filter_of,
    rate_list,
};
use crate::charts::{RateBar, rate_bars};
use crate::error::PageError;
use crate::extract::Signed;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reports/outcomes", get(outcomes_page))
        .route("/reports/outcomes.csv", get(outcomes_csv))
}

/// How each rate reads, and what it counts.
fn rate_name(key: &str) -> (&'static str, &'static str) {
    match key {
        "recovery" => (
            "Recovery",
            "a case at the start, below caseness on both PHQ-9 and GAD-7 at the end",
        ),
        "reliable_recovery" => ("Reliable recovery", "recovered and reliably improved"),
        "reliable_improvement" => (
            "Reliable improvement",
            "PHQ-9 down 6 or more or GAD-7 down 4 or more, and neither up as much",
        ),
        "reliable_deterioration" => (
            "Reliable deterioration",
            "PHQ-9 up 6 or more or GAD-7 up 4 or more, and neither down as much",
        ),
        "response" => ("Response", "PHQ-9 down by half or more from 10 or more"),
        "remission" => ("Remission", "PHQ-9 below 5 from 10 or more"),
        "dropout" => (
            "Dropout",
            "closed without a planned discharge after one or more sessions",
        ),
        _ => ("", ""),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// "2 of 4 (50 %); 95 % interval 15 % to 85 %", or that there was nothing to count.
fn rate_words(r: &RateItem) -> String {
    match (r.rate, r.ci_low, r.ci_high) {
        (Some(rate), Some(lo), Some(hi)) => format!(
            "{} of {} ({}); 95 % interval {} to {}",
            r.numerator,
            r.denominator,
            pct(rate),
            pct(lo),
            pct(hi)
        ),
        _ => "nothing to count yet".into(),
    }
}

fn cell_words(c: &ReportCell) -> String {
    match (c.shown.as_str(), c.numerator, c.denominator, c.rate) {
        ("rate", Some(n), Some(d), Some(rate)) => format!("{} ({n} of {d})", pct(rate)),
        ("too_few", ..) => "too few".into(),
        _ => "–".into(),
    }
}

pub struct Headline {
    pub label: &'static str,
    pub figure: String,
    pub words: String,
}

pub struct RateRow {
    pub label: &'static str,
    pub means: &'static str,
    pub words: String,
}

pub struct Section {
    pub id: &'static str,
    pub heading: &'static str,
    pub rows: Vec<(String, String, Vec<String>)>,
}

pub struct ClinicianOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "reports_outcomes.html")]
pub struct OutcomesPage {
    pub l: Layout,
    pub from: String,
    pub to: String,
    pub error: Option<(String, String)>,
    pub lead: bool,
    pub whose: String,
    pub clinicians: Vec<ClinicianOption>,
    pub csv_href: String,
    pub shown: bool,
    pub headline: Vec<Headline>,
    pub rates: Vec<RateRow>,
    pub rates_svg: Option<String>,
    pub funnel: Vec<(String, u32)>,
    pub funnel_svg: Option<String>,
    pub activity: Vec<(String, String)>,
    pub rate_headers: Vec<&'static str>,
    pub sections: Vec<Section>,
}

impl OutcomesPage {
    /// The error to show at `name`, if the report was refused for it.
    pub fn error_for(&self, name: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(field, _)| field == name)
            .map(|(_, message)| message.as_str())
    }
}

fn query_string(q: &OutcomesQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("from", &q.from),
        ("to", &q.to),
        ("clinician_id", &q.clinician_id),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            let v: String = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            parts.push(format!("{k}={v}"));
        }
    }
    parts.join("&")
}

async fn outcomes_page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<OutcomesQuery>,
) -> Page {
    let today = state.app.now().date_naive();
    let filter = filter_of(&q, today);
    let result = match filter {
        Ok(f) => reports::outcomes(&state.app, &actor, f).await,
        Err(e) => Err(e),
    };
    let mut page = OutcomesPage {
        l: Layout::new(&ctx),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        error: None,
        lead: false,
        whose: String::new(),
        clinicians: vec![],
        csv_href: format!("/reports/outcomes.csv?{}", query_string(&q)),
        shown: false,
        headline: vec![],
        rates: vec![],
        rates_svg: None,
        funnel: vec![],
        funnel_svg: None,
        activity: vec![],
        rate_headers: vec![],
        sections: vec![],
    };
    let o = match result {
        Ok(o) => o,
        Err(Error::Invalid { field, message }) => {
            page.error = Some((field, message));
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
        Err(e) => return Err(PageError(e)),
    };
    let body = OutcomesBody::from(&o);
    page.from = body.from.clone();
    page.to = body.to.clone();
    page.lead = o.lead;
    page.whose = match o.clinician_id {
        None => "the whole practice".into(),
        Some(id) if id == actor.user_id => "your clients".into(),
        Some(id) => o
            .clinicians
            .iter()
            .find(|(c, _)| *c == id)
            .map_or("one clinician's clients".into(), |(_, n)| {
                format!("{n}'s clients")
            }),
    };
    page.clinicians = o
        .clinicians
        .iter()
        .map(|(id, name)| ClinicianOption {
            id: id.to_string(),
            name: name.clone(),
            selected: o.clinician_id == Some(*id),
        })
        .collect();
    page.shown = true;
    let r = &body.rates;
    page.headline = vec![
        Headline {
            label: "Finished episodes",
            figure: body.finished.to_string(),
            words: format!(
                "{} open in the period, {} started",
                body.episodes, body.started
            ),
        },
        headline("Recovery", &r.recovery),
        headline("Reliable improvement", &r.reliable_improvement),
        headline("Reliable deterioration", &r.reliable_deterioration),
    ];
    page.rates = rate_list(r)
        .iter()
        .map(|(key, item)| {
            let (label, means) = rate_name(key);
            RateRow {
                label,
                means,
                words: rate_words(item),
            }
        })
        .collect();
    let bars: Vec<RateBar> = rate_list(r)
        .iter()
        .map(|(key, item)| RateBar {
            label: format!(
                "{}: {}",
                rate_name(key).0,
                item.rate.map_or("–".into(), pct)
            ),
            share: item.rate,
            interval: item.ci_low.zip(item.ci_high),
        })
        .collect();
    page.rates_svg = rate_bars(
        "outcome-rates",
        "Outcome rates with their 95 % intervals",
        &page
            .rates
            .iter()
            .map(|x| format!("{}: {}.", x.label, x.words))
            .collect::<Vec<_>>()
            .join(" "),
        &bars,
    );
    let f = &body.funnel;
    page.funnel = vec![
        ("Finished episodes".into(), f.finished),
        ("With 2 or more sessions attended".into(), f.two_sessions),
        ("With a first and last PHQ-9 and GAD-7".into(), f.paired),
        ("A case at the start (recovery and reliable change count these)".into(), f.case_at_start),
        ("With 2 or more sessions and PHQ-9 from 10 or more (response and remission count these)".into(), f.phq9_case_at_start),
    ];
    let of = f64::from(f.finished.max(1));
    page.funnel_svg = rate_bars(
        "outcome-funnel",
        "Which finished episodes count",
        &page
            .funnel
            .iter()
            .map(|(l, n)| format!("{l}: {n}."))
            .collect::<Vec<_>>()
            .join(" "),
        &page
            .funnel
            .iter()
            .map(|(l, n)| RateBar {
                label: format!("{n} {}", l.to_lowercase()),
                share: (f.finished > 0).then(|| f64::from(*n) / of),
                interval: None,
            })
            .collect::<Vec<_>>(),
    );
    let spe = &body.sessions_per_episode;
    let one = |x: Option<f64>| x.map_or("–".into(), |v| format!("{v:.1}"));
    page.activity = vec![
        (
            "Episodes open in the period".into(),
            body.episodes.to_string(),
        ),
        ("Episodes started".into(), body.started.to_string()),
        ("Episodes finished".into(), body.finished.to_string()),
        (
            "Sessions attended in finished episodes".into(),
            spe.total.to_string(),
        ),
        ("Sessions per finished episode (mean)".into(), one(spe.mean)),
        (
            "Sessions per finished episode (median)".into(),
            one(spe.median),
        ),
        (
            "Sessions with a PHQ-9 within a day".into(),
            rate_words(&body.phq9_session_share),
        ),
    ];
    page.rate_headers = rate_list(r).iter().map(|(k, _)| rate_name(k).0).collect();
    let b = &body.breakdowns;
    page.sections = [
        (
            "by-severity",
            "By severity at the start (PHQ-9)",
            &b.severity,
        ),
        ("by-approach", "By approach", &b.approach),
        ("by-format", "By format", &b.format),
        ("by-clinician", "By clinician", &b.clinician),
        (
            "by-period",
            "By the month or quarter they finished",
            &b.period,
        ),
    ]
    .into_iter()
    .map(|(id, heading, rows)| Section {
        id,
        heading,
        rows: rows
            .iter()
            .map(|row| {
                (
                    row.label.clone(),
                    row.finished.map_or("too few".into(), |n| n.to_string()),
                    cell_list(&row.rates)
                        .iter()
                        .map(|(_, c)| cell_words(c))
                        .collect(),
                )
            })
            .collect(),
    })
    .collect();
    render(page)
}

fn headline(label: &'static str, r: &RateItem) -> Headline {
    Headline {
        label,
        figure: r.rate.map_or("–".into(), pct),
        words: rate_words(r),
    }
}

async fn outcomes_csv(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Query(q): Query<OutcomesQuery>,
) -> Page {
    let filter = filter_of(&q, state.app.now().date_naive()).map_err(PageError)?;
    let o = reports::outcomes(&state.app, &actor, filter)
        .await
        .map_err(PageError)?;
    Ok(csv_response(&o).into_response())
}
