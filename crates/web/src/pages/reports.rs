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
use crate::i18n::{self, Lang};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reports/outcomes", get(outcomes_page))
        .route("/reports/outcomes.csv", get(outcomes_csv))
}

/// How each rate reads, and what it counts: its two messages.
fn rate_name(lang: Lang, key: &str) -> (String, String) {
    let known = [
        "recovery",
        "reliable_recovery",
        "reliable_improvement",
        "reliable_deterioration",
        "response",
        "remission",
        "dropout",
    ];
    if !known.contains(&key) {
        return (String::new(), String::new());
    }
    let key = key.replace('_', "-");
    (
        i18n::t(lang, &format!("report-rate-{key}")),
        i18n::t(lang, &format!("report-rate-{key}-means")),
    )
}

/// A share as a percentage: "50 %" (the same in English and Spanish).
fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// "2 of 4 (50 %); 95 % interval 15 % to 85 %", or that there was nothing to count.
fn rate_words(lang: Lang, r: &RateItem) -> String {
    match (r.rate, r.ci_low, r.ci_high) {
        (Some(rate), Some(lo), Some(hi)) => i18n::t_args(
            lang,
            "report-rate-words",
            &[
                ("n", r.numerator.into()),
                ("of", r.denominator.into()),
                ("rate", pct(rate).into()),
                ("low", pct(lo).into()),
                ("high", pct(hi).into()),
            ],
        ),
        _ => i18n::t(lang, "report-nothing-yet"),
    }
}

fn cell_words(lang: Lang, c: &ReportCell) -> String {
    match (c.shown.as_str(), c.numerator, c.denominator, c.rate) {
        ("rate", Some(n), Some(d), Some(rate)) => i18n::t_args(
            lang,
            "report-cell",
            &[
                ("rate", pct(rate).into()),
                ("n", n.into()),
                ("of", d.into()),
            ],
        ),
        ("too_few", ..) => i18n::t(lang, "report-too-few"),
        _ => "–".into(),
    }
}

/// How a breakdown's row reads in the page's language.
fn row_label(lang: Lang, section: &str, key: &str, label: &str) -> String {
    match (section, key) {
        ("severity", "none") => i18n::t(lang, "report-no-phq9"),
        (_, "none") => i18n::t(lang, "report-no-plan"),
        ("severity", k) if rapport_core::measures::Band::parse(k).is_some() => {
            i18n::t(lang, &format!("band-{k}"))
        }
        ("clinician", _) => label.to_string(),
        ("period", k) => period_label(lang, k),
        _ => i18n::error_message(lang, label),
    }
}

/// A period's key (`2026-03`, `2026-Q1`) as the language writes it: "March 2026",
/// "marzo de 2026", "Q1 2026", "1.º trimestre de 2026". A key that does not read stays.
fn period_label(lang: Lang, key: &str) -> String {
    let Some((year, rest)) = key.split_once('-') else {
        return key.to_string();
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return key.to_string();
    }
    let (message, n) = match rest.strip_prefix('Q') {
        Some(q) => ("more-report-quarter", q.parse::<i64>()),
        None => ("more-report-month", rest.parse::<i64>()),
    };
    match n {
        Ok(n) if (1..=12).contains(&n) => {
            i18n::t_args(lang, message, &[("year", year.into()), ("n", n.into())])
        }
        _ => key.to_string(),
    }
}

pub struct Headline {
    pub label: String,
    pub figure: String,
    pub words: String,
}

pub struct RateRow {
    pub label: String,
    pub means: String,
    pub words: String,
}

pub struct Section {
    pub id: &'static str,
    pub heading: String,
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
    /// The period's ends written out in the page's language, for the lead.
    pub from_words: String,
    pub to_words: String,
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
    pub rate_headers: Vec<String>,
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
        from_words: String::new(),
        to_words: String::new(),
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
    let lang = ctx.lang;
    let t = |key: &str| i18n::t(lang, key);
    page.from = body.from.clone();
    page.to = body.to.clone();
    page.from_words = i18n::long_date(lang, o.report.from);
    page.to_words = i18n::long_date(lang, o.report.to);
    page.lead = o.lead;
    page.whose = match o.clinician_id {
        None => t("report-whose-practice"),
        Some(id) if id == actor.user_id => t("report-whose-yours"),
        Some(id) => o
            .clinicians
            .iter()
            .find(|(c, _)| *c == id)
            .map_or(t("report-whose-one"), |(_, n)| {
                i18n::t_args(lang, "report-whose-named", &[("name", n.as_str().into())])
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
            label: t("report-finished"),
            figure: body.finished.to_string(),
            words: i18n::t_args(
                lang,
                "report-open-started",
                &[
                    ("open", body.episodes.into()),
                    ("started", body.started.into()),
                ],
            ),
        },
        headline(lang, "recovery", &r.recovery),
        headline(lang, "reliable_improvement", &r.reliable_improvement),
        headline(lang, "reliable_deterioration", &r.reliable_deterioration),
    ];
    page.rates = rate_list(r)
        .iter()
        .map(|(key, item)| {
            let (label, means) = rate_name(lang, key);
            RateRow {
                label,
                means,
                words: rate_words(lang, item),
            }
        })
        .collect();
    let bars: Vec<RateBar> = rate_list(r)
        .iter()
        .map(|(key, item)| RateBar {
            label: format!(
                "{}: {}",
                rate_name(lang, key).0,
                item.rate.map_or("–".into(), pct)
            ),
            share: item.rate,
            interval: item.ci_low.zip(item.ci_high),
        })
        .collect();
    page.rates_svg = rate_bars(
        "outcome-rates",
        &t("report-rates-chart"),
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
        (t("report-finished"), f.finished),
        (t("report-funnel-two-sessions"), f.two_sessions),
        (t("report-funnel-paired"), f.paired),
        (t("report-funnel-case"), f.case_at_start),
        (t("report-funnel-phq9-case"), f.phq9_case_at_start),
    ];
    let of = f64::from(f.finished.max(1));
    page.funnel_svg = rate_bars(
        "outcome-funnel",
        &t("report-funnel-chart"),
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
                label: format!("{n} {}", lower_first(l)),
                share: (f.finished > 0).then(|| f64::from(*n) / of),
                interval: None,
            })
            .collect::<Vec<_>>(),
    );
    let spe = &body.sessions_per_episode;
    let one = |x: Option<f64>| x.map_or("–".into(), |v| i18n::decimal(lang, v, 1));
    page.activity = vec![
        (t("report-act-open"), body.episodes.to_string()),
        (t("report-act-started"), body.started.to_string()),
        (t("report-act-finished"), body.finished.to_string()),
        (t("report-act-sessions"), spe.total.to_string()),
        (t("report-act-mean"), one(spe.mean)),
        (t("report-act-median"), one(spe.median)),
        (
            t("report-act-phq9"),
            rate_words(lang, &body.phq9_session_share),
        ),
    ];
    page.rate_headers = rate_list(r)
        .iter()
        .map(|(k, _)| rate_name(lang, k).0)
        .collect();
    let b = &body.breakdowns;
    page.sections = [
        ("by-severity", "severity", &b.severity),
        ("by-approach", "approach", &b.approach),
        ("by-format", "format", &b.format),
        ("by-clinician", "clinician", &b.clinician),
        ("by-period", "period", &b.period),
    ]
    .into_iter()
    .map(|(id, section, rows)| Section {
        id,
        heading: t(&format!("report-{id}")),
        rows: rows
            .iter()
            .map(|row| {
                (
                    row_label(lang, section, &row.key, &row.label),
                    row.finished
                        .map_or_else(|| t("report-too-few"), |n| n.to_string()),
                    cell_list(&row.rates)
                        .iter()
                        .map(|(_, c)| cell_words(lang, c))
                        .collect(),
                )
            })
            .collect(),
    })
    .collect();
    render(page)
}

fn headline(lang: Lang, key: &str, r: &RateItem) -> Headline {
    Headline {
        label: rate_name(lang, key).0,
        figure: r.rate.map_or("–".into(), pct),
        words: rate_words(lang, r),
    }
}

/// A label as the middle of a sentence: its first letter in lower case.
fn lower_first(s: &str) -> String {
    s.to_lowercase()
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
