//! Charts of a client's measures and check-ins: the client's "my progress", and the top of
//! the clinician's chart. SVG drawn on the server, each with a table for screen readers.

use askama::Template;
use axum::extract::State;
use rapport_app::Result;
use rapport_app::alerts::AlertView;
use rapport_app::homework::{self, AssignmentView};
use rapport_app::measures::{CheckinPoint, MeasurePoint};
use rapport_app::time::Zone;
use rapport_core::alerts::Level;
use rapport_core::measures::{Instrument, Medication};
use rapport_core::outcomes::{
    BandSource, Change, OutcomeSummary, PracticeCurves, ScorePoint as CorePoint, Series, Timestamp,
    expected_band,
};

use crate::charts::{
    self, AltTable, CheckinChart, CheckinDay, ExpectedPoint, FlagLevel, FlagMark, ScoreChart,
    ScorePoint,
};
use crate::extract::Signed;
use crate::i18n::{self, Lang};
use crate::pages::templates::Layout;
use crate::pages::time::zone;
use crate::pages::{Page, render};
use crate::state::AppState;

/// One chart and its table.
pub struct ChartView {
    pub heading: String,
    pub svg: Option<String>,
    pub table: AltTable,
}

/// The charts of one client, and the outcome in words.
pub struct ProgressView {
    pub charts: Vec<ChartView>,
    pub status: Vec<String>,
    /// Homework beside the PHQ-9, week by week; none before any homework.
    pub homework: Option<HomeworkWeeks>,
}

/// Homework by week: what came due and was sent, the week's PHQ-9, behavioural activation.
pub struct HomeworkWeeks {
    pub rows: Vec<HomeworkWeekRow>,
    /// Pleasure predicted against pleasure found, in words, when there is something to compare.
    pub surprise: Option<String>,
}

pub struct HomeworkWeekRow {
    pub week: String,
    pub phq9: String,
    pub sent: String,
    pub pleasure: String,
    pub mastery: String,
    pub predicted: String,
}

const NONE: &str = "–";

fn one_decimal(lang: Lang, v: Option<f32>) -> String {
    v.map_or_else(
        || NONE.to_string(),
        |v| i18n::decimal(lang, f64::from(v), 1),
    )
}

fn homework_weeks(insight: &homework::Insight, lang: Lang) -> HomeworkWeeks {
    let es = lang != Lang::En;
    let rows = insight
        .weeks
        .iter()
        .rev()
        .map(|w| HomeworkWeekRow {
            week: i18n::local_date(lang, &w.monday.format("%-d %b %Y").to_string()),
            phq9: w.phq9.map_or_else(|| NONE.to_string(), |t| t.to_string()),
            sent: match (w.due, w.entries) {
                (0, 0) => NONE.to_string(),
                (0, n) if es => i18n::t_args(lang, "pg-hw-sent", &[("n", n.into())]),
                (0, n) => format!("{n} sent"),
                (due, n) if es => i18n::t_args(
                    lang,
                    "pg-hw-due-sent",
                    &[
                        ("done", w.done.into()),
                        ("due", due.into()),
                        ("n", n.into()),
                    ],
                ),
                (due, n) => format!("{} of {due} due; {n} sent", w.done),
            },
            pleasure: one_decimal(lang, w.activation.mean_pleasure),
            mastery: one_decimal(lang, w.activation.mean_mastery),
            predicted: match (w.activation.mean_predicted, w.activation.mean_actual) {
                (Some(p), Some(a)) => format!(
                    "{} → {}",
                    i18n::decimal(lang, f64::from(p), 1),
                    i18n::decimal(lang, f64::from(a), 1)
                ),
                _ => NONE.to_string(),
            },
        })
        .collect();
    let a = &insight.activation;
    let surprise = a.surprise().map(|d| {
        let (p, f) = (a.mean_predicted.unwrap_or(0.0), a.mean_actual.unwrap_or(0.0));
        let n = a.compared;
        if es {
            let key = if d > 0.05 {
                "pg-surprise-more"
            } else if d < -0.05 {
                "pg-surprise-less"
            } else {
                "pg-surprise-same"
            };
            return i18n::t_args(
                lang,
                key,
                &[
                    ("found", i18n::decimal(lang, f64::from(f), 1).into()),
                    ("predicted", i18n::decimal(lang, f64::from(p), 1).into()),
                    ("n", n.into()),
                ],
            );
        }
        let plural = if n == 1 { "y" } else { "ies" };
        let verdict = if d > 0.05 {
            "enjoyed more than predicted"
        } else if d < -0.05 {
            "enjoyed less than predicted"
        } else {
            "enjoyed about as much as predicted"
        };
        format!("Planned activities were {verdict}: {f:.1} found against {p:.1} predicted, out of 10 ({n} activit{plural} done).")
    });
    HomeworkWeeks { rows, surprise }
}

fn flag_level(level: Level) -> FlagLevel {
    match level {
        Level::Critical => FlagLevel::Critical,
        Level::High => FlagLevel::High,
        Level::Medium => FlagLevel::Medium,
        Level::Low => FlagLevel::Low,
    }
}

/// How the points read to the person looking: the flags marked on them (clinicians) and the
/// clock their dates are on.
#[derive(Clone, Copy)]
struct Reader<'a> {
    flags: &'a [AlertView],
    zone: Zone,
    /// The practice's own expected-recovery curves, drawn beside the default where they apply.
    practice: Option<&'a PracticeCurves>,
    /// The language of the charts' words.
    lang: Lang,
}

fn score_chart(
    id: &str,
    title: &str,
    max: u8,
    bands: &[charts::Band],
    points: &[&MeasurePoint],
    reader: Reader<'_>,
    with_expected: bool,
) -> ChartView {
    let Reader {
        flags,
        zone,
        practice,
        lang,
    } = reader;
    let first = points.first().map(|p| p.taken_at);
    let x_of = |at: chrono::DateTime<chrono::Utc>| {
        first
            .map(|f| (at - f).num_hours() as f64 / 24.0)
            .unwrap_or(0.0)
    };
    let chart_points: Vec<ScorePoint> = points
        .iter()
        .map(|p| ScorePoint {
            label: i18n::local_date(lang, &zone.short_date(p.taken_at)),
            x: x_of(p.taken_at),
            score: p.total,
            flag: flags
                .iter()
                .find(|f| f.evidence.iter().any(|e| e.measure_id == Some(p.id)))
                .map(|f| FlagMark {
                    kind: i18n::t(
                        lang,
                        &format!("cl-flag-{}", f.kind.as_str().replace('_', "-")),
                    ),
                    level: flag_level(f.level),
                }),
        })
        .collect();
    let expected: Vec<ExpectedPoint> = match (with_expected, points.first()) {
        (true, Some(base)) => points
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let b = expected_band(base.total, n as u32, None);
                let own = expected_band(base.total, n as u32, practice);
                ExpectedPoint {
                    x: x_of(p.taken_at),
                    expected: b.expected,
                    edge: b.edge,
                    practice_edge: (own.source == BandSource::Practice).then_some(own.edge),
                }
            })
            .collect(),
        _ => vec![],
    };
    let spec = ScoreChart {
        id_prefix: id,
        title,
        max,
        bands,
        points: &chart_points,
        expected: &expected,
        events: &[],
        events_legend: "",
    };
    charts::words::in_lang(lang, || ChartView {
        heading: title.to_string(),
        svg: charts::score_chart(&spec),
        table: charts::score_table(&spec),
    })
}

/// The outcome in words: each questionnaire's start, now and verdict; remission or response;
/// relapses.
fn summary_words(phq9: &[&MeasurePoint], gad7: &[&MeasurePoint], lang: Lang) -> Vec<String> {
    let series = |ps: &[&MeasurePoint]| {
        Series::new(
            ps.iter()
                .map(|p| CorePoint {
                    at: Timestamp(p.taken_at.timestamp()),
                    total: p.total,
                })
                .collect(),
        )
    };
    let s = OutcomeSummary::of(&series(phq9), &series(gad7), 0);
    let mut out = Vec::new();
    for (name, summary) in [("PHQ-9", &s.phq9), ("GAD-7", &s.gad7)] {
        if let Some(x) = summary {
            let verdict = match x.change {
                Change::ReliableImprovement => "pg-change-improvement",
                Change::ReliableDeterioration => "pg-change-deterioration",
                Change::NoReliableChange => "pg-change-none",
            };
            out.push(i18n::t_args(
                lang,
                "pg-status",
                &[
                    ("name", name.into()),
                    ("start", x.baseline.total.into()),
                    ("now", x.last.total.into()),
                    ("change", format!("{:+}", x.change_since_baseline).into()),
                    ("verdict", i18n::t(lang, verdict).into()),
                ],
            ));
        }
    }
    if s.remission {
        out.push(i18n::t(lang, "pg-remission"));
    } else if s.response {
        out.push(i18n::t(lang, "pg-responding"));
    }
    if !s.relapses.is_empty() {
        out.push(i18n::t_args(
            lang,
            "pg-relapses",
            &[("n", s.relapses.len().into())],
        ));
    }
    out
}

fn checkin_chart(id: &str, days: &[CheckinPoint], lang: Lang) -> ChartView {
    let first = days.first().map(|d| d.day);
    let chart_days: Vec<CheckinDay> = days
        .iter()
        .map(|d| CheckinDay {
            label: i18n::local_date(lang, &d.day.format("%-d %b").to_string()),
            x: first.map(|f| (d.day - f).num_days() as f64).unwrap_or(0.0),
            mood: Some(d.mood),
            sleep_hours: Some(d.sleep_hours),
            medication: match d.medication {
                Medication::Taken => charts::Medication::Taken,
                Medication::Missed => charts::Medication::Missed,
                Medication::NotPrescribed => charts::Medication::NotPrescribed,
            },
        })
        .collect();
    let title = i18n::t(lang, "pg-checkins");
    let spec = CheckinChart {
        id_prefix: id,
        title: &title,
        days: &chart_days,
    };
    charts::words::in_lang(lang, || ChartView {
        heading: i18n::t(lang, "pg-checkins-heading"),
        svg: charts::checkin_chart(&spec),
        table: charts::checkin_table(&spec),
    })
}

/// A client's progress view from what was read: every measure (oldest first), the check-ins
/// of the last `rapport_app::chart::CHECKIN_DAYS` days and the homework.
pub async fn progress_from(
    state: &AppState,
    all: &[MeasurePoint],
    checkins: &[CheckinPoint],
    assignments: &[AssignmentView],
    flags: &[AlertView],
    zone: Zone,
    lang: Lang,
) -> Result<ProgressView> {
    let current_episode = all.last().map(|m| m.episode_id);
    let of = |i: Instrument| -> Vec<&MeasurePoint> {
        all.iter()
            .filter(|m| m.instrument == i && Some(m.episode_id) == current_episode)
            .collect()
    };
    let (phq9, gad7) = (of(Instrument::Phq9), of(Instrument::Gad7));
    let homework = (!assignments.is_empty()).then(|| {
        let today = zone.day(state.app.now());
        let phq9_all: Vec<MeasurePoint> = all
            .iter()
            .filter(|m| m.instrument == Instrument::Phq9)
            .cloned()
            .collect();
        homework_weeks(
            &homework::weekly(assignments, &phq9_all, &zone, today),
            lang,
        )
    });
    // The default curve alone if the practice's cannot be read.
    let curves = rapport_app::reports::practice_curves(&state.app).await.ok();
    let reader = Reader {
        flags,
        zone,
        practice: curves.as_deref(),
        lang,
    };
    Ok(ProgressView {
        homework,
        status: summary_words(&phq9, &gad7, lang),
        charts: vec![
            score_chart(
                "phq9",
                &i18n::t(lang, "pg-phq9"),
                27,
                &charts::PHQ9_BANDS,
                &phq9,
                reader,
                true,
            ),
            score_chart(
                "gad7",
                &i18n::t(lang, "pg-gad7"),
                21,
                &charts::GAD7_BANDS,
                &gad7,
                reader,
                false,
            ),
            checkin_chart("checkins", checkins, lang),
        ],
    })
}

#[derive(Template)]
#[template(path = "progress.html")]
pub struct ProgressPage {
    pub l: Layout,
    pub p: ProgressView,
    /// Medicine taken, side effects and PHQ-9 week by week (newest first); empty when the
    /// client has no medication list and never answered about medicine.
    pub medication_weeks: Vec<crate::pages::medication::WeekRow>,
}

/// The client's own "my progress".
pub async fn show(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let read = rapport_app::chart::own_progress(&state.app, &actor).await?;
    let p = progress_from(
        &state,
        &read.series,
        &read.checkins,
        &read.homework,
        &[],
        zone(&ctx),
        ctx.lang,
    )
    .await?;
    let weeks = read.adherence;
    let medication_weeks = if weeks
        .iter()
        .any(|w| w.taken + w.missed > 0 || w.burden.is_some())
    {
        crate::pages::medication::week_rows(&weeks)
    } else {
        vec![]
    };
    render(ProgressPage {
        l: Layout::new(&ctx),
        medication_weeks,
        p,
    })
}
