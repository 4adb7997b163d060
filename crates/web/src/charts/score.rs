//! A questionnaire's total score over time (PHQ-9, GAD-7…): severity bands, the
//! expected-recovery band, the scores, flags and sessions.

use super::AltTable;
use super::place::{self, Obstacles, Rect};
use super::svg::{FONT, N, W, esc, id_prefix, open, text_width, x_labels};
use super::words;

/// What a score chart shows. Borrowed, so a handler builds it from its own data cheaply.
#[derive(Debug, Clone, Copy)]
pub struct ScoreChart<'a> {
    /// Makes the chart's element ids unique on the page ("phq9", "gad7"…).
    pub id_prefix: &'a str,
    /// The instrument's name as people know it: "PHQ-9".
    pub title: &'a str,
    /// Highest possible score: 27 for the PHQ-9, 21 for the GAD-7.
    pub max: u8,
    /// Severity bands from lowest to highest ([`PHQ9_BANDS`], [`GAD7_BANDS`]).
    pub bands: &'a [Band<'a>],
    /// The scores in time order (they are sorted by `x` for drawing anyway).
    pub points: &'a [ScorePoint],
    /// The expected-recovery band, or empty. Same `x` scale as the points.
    pub expected: &'a [ExpectedPoint],
    /// Vertical marks such as sessions, or empty.
    pub events: &'a [EventMark],
    /// The legend's word for the events ("Session").
    pub events_legend: &'a str,
}

/// One severity band, scores `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band<'a> {
    pub from: u8,
    pub to: u8,
    pub label: &'a str,
    /// Picks the band's shade (CSS class `band-…`).
    pub severity: Severity,
}

/// Severity, lowest first; decides a band's shade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl Severity {
    fn class(self) -> &'static str {
        match self {
            Severity::Minimal => "band-minimal",
            Severity::Mild => "band-mild",
            Severity::Moderate => "band-moderate",
            Severity::ModeratelySevere => "band-moderately-severe",
            Severity::Severe => "band-severe",
        }
    }

    /// Light fill, used when the stylesheet is missing.
    fn fallback(self) -> &'static str {
        match self {
            Severity::Minimal => "#eef3f3",
            Severity::Mild => "#f5f0e1",
            Severity::Moderate => "#f8e6cc",
            Severity::ModeratelySevere => "#f7dac8",
            Severity::Severe => "#f4cfd0",
        }
    }
}

/// PHQ-9 bands (CLINICAL.md): 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately
/// severe, 20–27 severe.
pub const PHQ9_BANDS: [Band<'static>; 5] = [
    Band {
        from: 0,
        to: 4,
        label: words::MINIMAL,
        severity: Severity::Minimal,
    },
    Band {
        from: 5,
        to: 9,
        label: words::MILD,
        severity: Severity::Mild,
    },
    Band {
        from: 10,
        to: 14,
        label: words::MODERATE,
        severity: Severity::Moderate,
    },
    Band {
        from: 15,
        to: 19,
        label: words::MODERATELY_SEVERE,
        severity: Severity::ModeratelySevere,
    },
    Band {
        from: 20,
        to: 27,
        label: words::SEVERE,
        severity: Severity::Severe,
    },
];

/// GAD-7 bands (CLINICAL.md): 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
pub const GAD7_BANDS: [Band<'static>; 4] = [
    Band {
        from: 0,
        to: 4,
        label: words::MINIMAL,
        severity: Severity::Minimal,
    },
    Band {
        from: 5,
        to: 9,
        label: words::MILD,
        severity: Severity::Mild,
    },
    Band {
        from: 10,
        to: 14,
        label: words::MODERATE,
        severity: Severity::Moderate,
    },
    Band {
        from: 15,
        to: 21,
        label: words::SEVERE,
        severity: Severity::Severe,
    },
];

/// One score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorePoint {
    /// The date as people read it ("12 Jan"); shown on the x axis and in the table.
    pub label: String,
    /// Days since the first point (any finite number; a non-finite one is left out of the
    /// drawing but kept in the table).
    pub x: f64,
    pub score: u8,
    /// The flag this score raised, if any (the most urgent one).
    pub flag: Option<FlagMark>,
}

/// A flag raised by a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagMark {
    /// What kind, in words: "deterioration", "safety"…
    pub kind: String,
    pub level: FlagLevel,
}

/// Urgency of a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagLevel {
    Critical,
    High,
    Medium,
    Low,
}

impl FlagLevel {
    fn word(self) -> &'static str {
        match self {
            FlagLevel::Critical => words::tr(words::CRITICAL),
            FlagLevel::High => words::tr(words::HIGH),
            FlagLevel::Medium => words::tr(words::MEDIUM),
            FlagLevel::Low => words::tr(words::LOW),
        }
    }

    fn class(self) -> &'static str {
        match self {
            FlagLevel::Critical => "flag flag-critical",
            FlagLevel::High => "flag flag-high",
            FlagLevel::Medium => "flag flag-medium",
            FlagLevel::Low => "flag flag-low",
        }
    }

    fn fallback(self) -> &'static str {
        match self {
            FlagLevel::Critical => "#8e1b38",
            FlagLevel::High => "#b0451a",
            FlagLevel::Medium => "#9a6a12",
            FlagLevel::Low => "#6b757b",
        }
    }
}

/// One point of the expected-recovery band: the expected score and the band's edge
/// (CLINICAL.md: edge = expected + 5 by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpectedPoint {
    pub x: f64,
    pub expected: f64,
    pub edge: f64,
    /// The edge of the practice's own band at this point, where it has one (drawn beside the
    /// default band, solid, and named in the legend and the table).
    pub practice_edge: Option<f64>,
}

/// A vertical mark, such as a session.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMark {
    pub x: f64,
    /// Tooltip: "Session 3, 2 Feb".
    pub label: String,
}

// Geometry, in viewBox units.
const LEFT: f64 = 30.0;
const RIGHT: f64 = W - 8.0;
const TOP: f64 = 20.0;
const PLOT_H: f64 = 170.0;
const PAD_X: f64 = 12.0;
const R: f64 = 4.5;

/// Where things go: maps days and scores to viewBox coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScoreLayout {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    x0: f64,
    x1: f64,
    max: f64,
}

impl ScoreLayout {
    /// Horizontal position of day `v` (the middle when every day is the same).
    pub fn x(&self, v: f64) -> f64 {
        let span = self.x1 - self.x0;
        if span.is_nan() || span <= 1e-9 || !v.is_finite() {
            return (self.left + self.right) / 2.0;
        }
        let inner = self.right - self.left - 2.0 * PAD_X;
        self.left + PAD_X + (v - self.x0) / span * inner
    }

    /// Vertical position of score `s`: `max` at the top of the plot, 0 at the bottom.
    pub fn y(&self, s: f64) -> f64 {
        let s = if s.is_finite() {
            s.clamp(0.0, self.max)
        } else {
            0.0
        };
        self.bottom - s / self.max * (self.bottom - self.top)
    }
}

pub(crate) fn score_layout(spec: &ScoreChart<'_>) -> ScoreLayout {
    let xs = spec
        .points
        .iter()
        .map(|p| p.x)
        .chain(spec.expected.iter().map(|e| e.x))
        .chain(spec.events.iter().map(|e| e.x))
        .filter(|x| x.is_finite());
    let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
    for x in xs {
        x0 = x0.min(x);
        x1 = x1.max(x);
    }
    if x0 > x1 {
        (x0, x1) = (0.0, 0.0);
    }
    ScoreLayout {
        left: LEFT,
        right: RIGHT,
        top: TOP,
        bottom: TOP + PLOT_H,
        x0,
        x1,
        max: f64::from(spec.max.max(1)),
    }
}

fn band_of<'a>(bands: &[Band<'a>], score: u8) -> Option<&'a str> {
    bands
        .iter()
        .find(|b| b.from <= score && score <= b.to)
        .map(|b| words::tr(b.label))
}

/// The score chart as SVG, or `None` when there are no scores (the page then says so in
/// words instead of drawing an empty chart).
pub fn score_chart(spec: &ScoreChart<'_>) -> Option<String> {
    if spec.points.is_empty() {
        return None;
    }
    let lay = score_layout(spec);
    let prefix = id_prefix(spec.id_prefix);
    let max = spec.max.max(1);

    let mut pts: Vec<&ScorePoint> = spec.points.iter().filter(|p| p.x.is_finite()).collect();
    pts.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut expected: Vec<ExpectedPoint> = spec
        .expected
        .iter()
        .filter(|e| e.x.is_finite() && e.expected.is_finite() && e.edge.is_finite())
        .copied()
        .collect();
    expected.sort_by(|a, b| a.x.total_cmp(&b.x));
    let events: Vec<&EventMark> = spec.events.iter().filter(|e| e.x.is_finite()).collect();

    let desc = describe(spec, &pts, !expected.is_empty());

    // Legend first: its height decides the chart's.
    let mut legend: Vec<(Swatch, &str)> = vec![(Swatch::Score, words::tr(words::SCORE))];
    if !expected.is_empty() {
        legend.push((Swatch::Expected, words::tr(words::EXPECTED_RANGE)));
    }
    let practice: Vec<(f64, f64)> = expected
        .iter()
        .filter_map(|e| Some((e.x, e.practice_edge.filter(|v| v.is_finite())?)))
        .collect();
    if !practice.is_empty() {
        legend.push((Swatch::Practice, words::tr(words::PRACTICE_EDGE)));
    }
    let most_urgent = pts
        .iter()
        .filter_map(|p| p.flag.as_ref().map(|f| f.level))
        .min_by_key(|l| *l as u8);
    if let Some(level) = most_urgent {
        legend.push((Swatch::Flag(level), words::tr(words::FLAG)));
    }
    if !events.is_empty() {
        let word = if spec.events_legend.is_empty() {
            words::tr(words::SESSION)
        } else {
            spec.events_legend
        };
        legend.push((Swatch::Event, word));
    }
    let axis_y = lay.bottom + FONT + 6.0;
    let (legend_svg, legend_h) = draw_legend(&legend, axis_y + 10.0);
    let height = axis_y + 10.0 + legend_h + 4.0;

    let mut out = String::with_capacity(4096);
    open(
        &mut out,
        "chart chart-score",
        height,
        &prefix,
        &words::score_title(spec.title),
        &desc,
    );

    // Where the data is, so that band labels keep clear of it.
    let series: Vec<(f64, f64)> = pts
        .iter()
        .map(|p| (lay.x(p.x), lay.y(f64::from(p.score))))
        .collect();
    let edge: Vec<(f64, f64)> = expected
        .iter()
        .map(|e| (lay.x(e.x), lay.y(e.edge)))
        .collect();
    let mut obstacles = Obstacles {
        lines: vec![series.clone(), edge.clone()],
        boxes: vec![],
    };
    for (p, &(x, y)) in pts.iter().zip(&series) {
        let top = if p.flag.is_some() {
            y - R - 2.5 - 10.0
        } else {
            y - R
        };
        obstacles.boxes.push(Rect {
            x0: x - R - 6.5,
            y0: top,
            x1: x + R + 6.5,
            y1: y + R,
        });
    }

    // Severity bands: shade and boundary line; labels later, over the lines.
    let mut band_labels = Vec::new();
    for b in spec.bands {
        let lo = f64::from(b.from.min(max)) - 0.5;
        let hi = f64::from(b.to.min(max)) + 0.5;
        let (y_lo, y_hi) = (lay.y(lo), lay.y(hi));
        let h = y_lo - y_hi;
        if h.is_nan() || h <= 0.0 {
            continue;
        }
        w!(
            out,
            r#"<g class="band {class}"><rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"/></g>"#,
            class = b.severity.class(),
            x = N(lay.left),
            y = N(y_hi),
            w = N(lay.right - lay.left),
            h = N(h),
            fill = b.severity.fallback(),
        );
        if h >= FONT {
            let label = words::tr(b.label);
            let spot = place::band_label(label, (lay.left, lay.right), (y_hi, y_lo), &obstacles);
            band_labels.push((b.severity, spot, label));
        }
        if b.from > 0 && b.from <= max {
            w!(
                out,
                r##"<line class="band-boundary" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#d9d3ca"/>"##,
                N(lay.left),
                N(lay.right),
                y = N(y_lo)
            );
        }
    }

    // Y axis: ticks at the band boundaries and the maximum.
    let mut ticks: Vec<u8> = spec
        .bands
        .iter()
        .map(|b| b.from)
        .filter(|&v| v <= max)
        .chain([0, max])
        .collect();
    ticks.sort_unstable();
    ticks.dedup();
    let mut last_y = f64::NEG_INFINITY;
    for &t in ticks.iter().rev() {
        // From the top down: the maximum always, then each tick with room for its number.
        let y = lay.y(f64::from(t));
        if y - last_y < FONT {
            continue;
        }
        last_y = y;
        w!(
            out,
            r##"<line class="chart-axis" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#6b757b"/><text class="chart-text" x="{}" y="{}" text-anchor="end" fill="#4f5a61">{t}</text>"##,
            N(lay.left - 4.0),
            N(lay.left),
            N(lay.left - 6.0),
            N(y + FONT * 0.35),
            y = N(y),
        );
    }
    w!(
        out,
        r##"<path class="chart-axis" d="M{l} {t}V{b}H{r}" fill="none" stroke="#6b757b"/>"##,
        l = N(lay.left),
        t = N(lay.top),
        b = N(lay.bottom),
        r = N(lay.right),
    );

    // Events: thin vertical lines across the plot.
    for e in &events {
        let x = lay.x(e.x);
        w!(
            out,
            r##"<line class="event-mark" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#6b757b" stroke-dasharray="2 3"><title>{}</title></line>"##,
            N(lay.top),
            N(lay.bottom),
            esc(&e.label),
            x = N(x),
        );
    }

    // Expected recovery: shaded between expected and edge, edge dashed.
    if !expected.is_empty() {
        let mut area = String::new();
        for e in &expected {
            w!(area, "{},{} ", N(lay.x(e.x)), N(lay.y(e.expected)));
        }
        for e in expected.iter().rev() {
            w!(area, "{},{} ", N(lay.x(e.x)), N(lay.y(e.edge)));
        }
        let mut edge_points = String::new();
        for (x, y) in &edge {
            w!(edge_points, "{},{} ", N(*x), N(*y));
        }
        w!(
            out,
            r##"<polygon class="expected-area" points="{}" fill="#6a4c93" fill-opacity="0.15"/><polyline class="expected-edge" points="{}" fill="none" stroke="#6a4c93" stroke-width="2" stroke-dasharray="6 4"/>"##,
            area.trim_end(),
            edge_points.trim_end()
        );
    }
    if !practice.is_empty() {
        let mut line = String::new();
        for (x, y) in &practice {
            w!(line, "{},{} ", N(lay.x(*x)), N(lay.y(*y)));
        }
        w!(
            out,
            r##"<polyline class="expected-practice" points="{}" fill="none" stroke="#0d5a61" stroke-width="2"/>"##,
            line.trim_end()
        );
    }

    // X axis labels.
    let cands: Vec<(f64, &str)> = pts.iter().map(|p| (lay.x(p.x), p.label.as_str())).collect();
    x_labels(&mut out, &cands, axis_y);

    // The scores: line, points, flags.
    if pts.len() > 1 {
        out.push_str(r##"<polyline class="series-line" fill="none" stroke="#0d5a61" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round" points=""##);
        for (i, (x, y)) in series.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            w!(out, "{},{}", N(*x), N(*y));
        }
        out.push_str(r#""/>"#);
    }
    // Band labels, on a halo of their band's shade, over the lines but under the points.
    for (severity, spot, label) in band_labels {
        w!(
            out,
            r##"<g class="band {}"><text class="band-label" x="{}" y="{}"{} fill="#4f5a61">{}</text></g>"##,
            severity.class(),
            N(spot.x),
            N(spot.baseline),
            if spot.anchor_end {
                r#" text-anchor="end""#
            } else {
                ""
            },
            esc(label)
        );
    }
    for p in &pts {
        let (x, y) = (lay.x(p.x), lay.y(f64::from(p.score)));
        let band = band_of(spec.bands, p.score);
        w!(
            out,
            r##"<circle class="series-point" cx="{}" cy="{}" r="{}" fill="#0d5a61" stroke="#ffffff" stroke-width="1.5"><title>{}</title></circle>"##,
            N(x),
            N(y),
            N(R),
            esc(&words::point_title(
                &p.label,
                &words::score_with_band(p.score, band)
            ))
        );
    }
    for p in &pts {
        let Some(flag) = &p.flag else { continue };
        let (x, y) = (lay.x(p.x), lay.y(f64::from(p.score)));
        let tip = y - R - 2.5;
        w!(
            out,
            r##"<path class="{}" d="{}" fill="{}" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round"><title>{}</title></path>"##,
            flag.level.class(),
            triangle(x, tip),
            flag.level.fallback(),
            esc(&words::flag_title(&words::flag_text(
                &flag.kind,
                flag.level.word()
            )))
        );
    }

    out.push_str(&legend_svg);
    out.push_str("</svg>");
    Some(out)
}

/// A downward triangle whose tip is at (`x`, `tip`): the flag above a point.
fn triangle(x: f64, tip: f64) -> String {
    format!(
        "M{} {}L{} {}H{}Z",
        N(x),
        N(tip),
        N(x - 6.5),
        N(tip - 10.0),
        N(x + 6.5)
    )
}

#[derive(Clone, Copy)]
enum Swatch {
    Score,
    Expected,
    Practice,
    Flag(FlagLevel),
    Event,
}

/// The legend, wrapped into rows; returns the markup and its height.
fn draw_legend(items: &[(Swatch, &str)], top: f64) -> (String, f64) {
    const ROW: f64 = FONT + 8.0;
    const SW: f64 = 20.0;
    let mut out = String::from(r#"<g class="chart-legend">"#);
    let (mut x, mut row) = (8.0, 0.0_f64);
    for (swatch, label) in items {
        let width = SW + 5.0 + text_width(label, FONT);
        if x > 8.0 && x + width > W - 4.0 {
            x = 8.0;
            row += 1.0;
        }
        let mid = top + row * ROW + ROW / 2.0;
        match swatch {
            Swatch::Score => w!(
                out,
                r##"<line class="series-line" x1="{}" y1="{m}" x2="{}" y2="{m}" stroke="#0d5a61" stroke-width="2.5"/><circle class="series-point" cx="{}" cy="{m}" r="{}" fill="#0d5a61" stroke="#ffffff" stroke-width="1.5"/>"##,
                N(x),
                N(x + SW),
                N(x + SW / 2.0),
                N(R),
                m = N(mid),
            ),
            Swatch::Expected => w!(
                out,
                r##"<rect class="expected-area" x="{}" y="{}" width="{}" height="10" fill="#6a4c93" fill-opacity="0.15"/><line class="expected-edge" x1="{}" y1="{t}" x2="{}" y2="{t}" stroke="#6a4c93" stroke-width="2" stroke-dasharray="6 4"/>"##,
                N(x),
                N(mid - 5.0),
                N(SW),
                N(x),
                N(x + SW),
                t = N(mid - 5.0),
            ),
            Swatch::Practice => w!(
                out,
                r##"<line class="expected-practice" x1="{}" y1="{m}" x2="{}" y2="{m}" stroke="#0d5a61" stroke-width="2"/>"##,
                N(x),
                N(x + SW),
                m = N(mid),
            ),
            Swatch::Flag(level) => w!(
                out,
                r##"<path class="{}" d="{}" fill="{}" stroke="#ffffff" stroke-width="1.5"/>"##,
                level.class(),
                triangle(x + SW / 2.0, mid + 5.0),
                level.fallback()
            ),
            Swatch::Event => w!(
                out,
                r##"<line class="event-mark" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#6b757b" stroke-dasharray="2 3"/>"##,
                N(mid - 7.0),
                N(mid + 7.0),
                x = N(x + SW / 2.0),
            ),
        }
        w!(
            out,
            r##"<text class="chart-text" x="{}" y="{}" fill="#4f5a61">{}</text>"##,
            N(x + SW + 5.0),
            N(mid + FONT * 0.35),
            esc(label)
        );
        x += width + 14.0;
    }
    out.push_str("</g>");
    (out, (row + 1.0) * ROW)
}

fn describe(spec: &ScoreChart<'_>, sorted: &[&ScorePoint], expected: bool) -> String {
    let all: Vec<&ScorePoint> = if sorted.is_empty() {
        spec.points.iter().collect()
    } else {
        sorted.to_vec()
    };
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return String::new();
    };
    let with_band = |p: &ScorePoint| words::score_with_band(p.score, band_of(spec.bands, p.score));
    words::score_desc(&words::ScoreSummary {
        instrument: spec.title,
        first_date: &first.label,
        first: with_band(first),
        last_date: &last.label,
        last: with_band(last),
        count: spec.points.len(),
        lowest: spec.points.iter().map(|p| p.score).min().unwrap_or(0),
        highest: spec.points.iter().map(|p| p.score).max().unwrap_or(0),
        flagged: spec.points.iter().filter(|p| p.flag.is_some()).count(),
        expected,
    })
}

/// Expected and edge at day `x`, by straight lines between the given points; `None` outside
/// them.
fn expected_at(sorted: &[ExpectedPoint], x: f64) -> Option<(f64, f64)> {
    if !x.is_finite() {
        return None;
    }
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.x <= x && x <= b.x {
            let span = b.x - a.x;
            let t = if span > 1e-9 { (x - a.x) / span } else { 0.0 };
            return Some((
                a.expected + (b.expected - a.expected) * t,
                a.edge + (b.edge - a.edge) * t,
            ));
        }
    }
    sorted
        .iter()
        .find(|e| (e.x - x).abs() < 1e-9)
        .map(|e| (e.expected, e.edge))
}

/// The score chart's text alternative: one row per score, in the order given, with columns
/// Date, Score, Band, (Expected range, when the chart has one), Flag.
pub fn score_table(spec: &ScoreChart<'_>) -> AltTable {
    let mut expected: Vec<ExpectedPoint> = spec
        .expected
        .iter()
        .filter(|e| e.x.is_finite() && e.expected.is_finite() && e.edge.is_finite())
        .copied()
        .collect();
    expected.sort_by(|a, b| a.x.total_cmp(&b.x));
    let with_expected = !expected.is_empty();

    let with_practice = expected.iter().any(|e| e.practice_edge.is_some());
    let mut headers = vec![
        words::tr(words::DATE),
        words::tr(words::SCORE),
        words::tr(words::BAND),
    ];
    if with_expected {
        headers.push(words::tr(words::EXPECTED_RANGE));
    }
    if with_practice {
        headers.push(words::tr(words::PRACTICE_EDGE));
    }
    headers.push(words::tr(words::FLAG));

    let rows = spec
        .points
        .iter()
        .map(|p| {
            let mut row = vec![
                p.label.clone(),
                p.score.to_string(),
                band_of(spec.bands, p.score).unwrap_or_default().to_owned(),
            ];
            if with_expected {
                row.push(
                    expected_at(&expected, p.x)
                        .map(|(e, edge)| words::expected_range(e, edge))
                        .unwrap_or_default(),
                );
            }
            if with_practice {
                row.push(
                    expected
                        .iter()
                        .find(|e| (e.x - p.x).abs() < 1e-9)
                        .and_then(|e| e.practice_edge)
                        .map(|v| format!("{}", v.round()))
                        .unwrap_or_default(),
                );
            }
            row.push(
                p.flag
                    .as_ref()
                    .map(|f| words::flag_text(&f.kind, f.level.word()))
                    .unwrap_or_default(),
            );
            row
        })
        .collect();

    AltTable {
        caption: words::score_caption(spec.title),
        headers: headers.into_iter().map(str::to_owned).collect(),
        rows,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::charts::testing::{assert_safe_svg, circles, with_class};
    use proptest::prelude::*;

    fn point(label: &str, x: f64, score: u8) -> ScorePoint {
        ScorePoint {
            label: label.to_owned(),
            x,
            score,
            flag: None,
        }
    }

    fn spec<'a>(points: &'a [ScorePoint]) -> ScoreChart<'a> {
        ScoreChart {
            id_prefix: "phq9",
            title: "PHQ-9",
            max: 27,
            bands: &PHQ9_BANDS,
            points,
            expected: &[],
            events: &[],
            events_legend: "",
        }
    }

    pub(crate) fn realistic() -> (Vec<ScorePoint>, Vec<ExpectedPoint>, Vec<EventMark>) {
        let scores = [19, 18, 17, 18, 15, 16, 13, 14, 11, 9, 8];
        let points = scores
            .iter()
            .enumerate()
            .map(|(i, &s)| ScorePoint {
                label: format!("{} Mar", i * 2 + 1),
                x: (i * 14) as f64,
                score: s,
                flag: (i == 3).then(|| FlagMark {
                    kind: "not on track".into(),
                    level: FlagLevel::Medium,
                }),
            })
            .collect();
        let expected = (0..11)
            .map(|n| {
                let e = 19.0 - (19.0 - 5.0) * (1.0 - (-(n as f64) / 8.0).exp());
                ExpectedPoint {
                    x: (n * 14) as f64,
                    expected: e,
                    edge: e + 5.0,
                    practice_edge: None,
                }
            })
            .collect();
        let events = (0..11)
            .map(|n| EventMark {
                x: (n * 14 + 3) as f64,
                label: format!("Session {}", n + 1),
            })
            .collect();
        (points, expected, events)
    }

    #[test]
    fn no_points_draws_nothing() {
        assert_eq!(score_chart(&spec(&[])), None);
        assert!(score_table(&spec(&[])).rows.is_empty());
    }

    #[test]
    fn a_realistic_chart_is_safe_and_labelled() {
        let (points, expected, events) = realistic();
        let s = ScoreChart {
            expected: &expected,
            events: &events,
            ..spec(&points)
        };
        let svg = score_chart(&s).expect("points");
        assert_safe_svg(&svg);
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="phq9-title phq9-desc""#));
        assert!(svg.contains(r#"<title id="phq9-title">PHQ-9 scores over time</title>"#));
        assert!(svg.contains(
            "PHQ-9 from 1 Mar to 21 Mar: 19 (moderately severe) to 8 (mild). 11 scores, lowest 8, highest 19. 1 flagged."
        ));
        assert!(svg.contains(r#"width="100%""#));
        assert!(!svg.contains(r#"width="320""#));
        for band in ["minimal", "mild", "moderate", "moderately severe", "severe"] {
            assert!(svg.contains(&format!(">{band}</text>")), "{band}");
        }
        assert!(svg.contains("Flag: not on track (medium)"));
        assert!(svg.contains(r#"class="expected-area""#));
        assert!(svg.contains(r#"stroke-dasharray="6 4""#));
        assert_eq!(svg.matches(r#"class="event-mark""#).count(), 12); // 11 + legend
        // Every point drawn as a circle of radius ≥ 4.
        let cs = circles(&svg, "series-point");
        assert_eq!(cs.len(), 11 + 1);
        assert!(cs.iter().all(|c| c.2 >= 4.0));
        // Band labels hide no point (the label's box, without its halo, misses every centre).
        let labels = with_class(&svg, "band-label");
        assert_eq!(labels.len(), 5);
        for (tag, band) in labels.iter().zip(PHQ9_BANDS) {
            let num = |n: &str| tag.attr(n).and_then(|v| v.parse::<f64>().ok()).expect(n);
            let spot = place::Spot {
                x: num("x"),
                baseline: num("y"),
                anchor_end: tag.attr("text-anchor") == Some("end"),
            };
            let r = spot.rect(crate::charts::svg::text_width(band.label, FONT));
            for c in &cs[..11] {
                let inside =
                    r.x0 + 2.0 < c.0 && c.0 < r.x1 - 2.0 && r.y0 + 2.0 < c.1 && c.1 < r.y1 - 2.0;
                assert!(!inside, "{} over {c:?}", band.label);
            }
        }
        // At most six x labels.
        let x_labels = svg.matches(r#"text-anchor="middle""#).count();
        assert!((2..=6).contains(&x_labels), "{x_labels}");
    }

    #[test]
    fn max_at_top_zero_at_bottom() {
        let points = [point("1 Jan", 0.0, 27), point("8 Jan", 7.0, 0)];
        let s = spec(&points);
        let lay = score_layout(&s);
        assert_eq!(lay.y(27.0), lay.top);
        assert_eq!(lay.y(0.0), lay.bottom);
        assert!(lay.y(10.0) < lay.y(9.0));
        let svg = score_chart(&s).expect("points");
        assert_safe_svg(&svg);
        let cs = circles(&svg, "series-point");
        let top = cs.iter().find(|c| c.0 == lay.x(0.0)).expect("first");
        let bottom = cs.iter().find(|c| c.0 == lay.x(7.0)).expect("second");
        assert_eq!(top.1, lay.top);
        assert_eq!(bottom.1, lay.bottom);
        assert!(top.0 > lay.left && bottom.0 < lay.right);
        // A flag above the top point stays inside the picture.
        let flagged = [ScorePoint {
            flag: Some(FlagMark {
                kind: "safety".into(),
                level: FlagLevel::Critical,
            }),
            ..point("1 Jan", 0.0, 27)
        }];
        let svg = score_chart(&spec(&flagged)).expect("points");
        assert!(svg.contains("Flag: safety (critical)"));
        assert!(lay.top - R - 2.5 - 10.0 >= 0.0);
    }

    #[test]
    fn one_point_and_equal_points() {
        let one = [point("12 Jan", 0.0, 18)];
        let svg = score_chart(&spec(&one)).expect("points");
        assert_safe_svg(&svg);
        assert!(svg.contains("PHQ-9 on 12 Jan: 18 (moderately severe). 1 score."));
        assert!(
            !svg.contains(r#"<polyline class="series-line""#),
            "no line for one point"
        );
        let lay = score_layout(&spec(&one));
        let cs = circles(&svg, "series-point");
        assert_eq!(cs[0].0, (lay.left + lay.right) / 2.0);

        let same: Vec<ScorePoint> = (0..5).map(|i| point("1 Feb", 0.0, 9 + i)).collect();
        let svg = score_chart(&spec(&same)).expect("points");
        assert_safe_svg(&svg);
        assert_eq!(
            svg.matches(r#"text-anchor="middle""#).count(),
            1,
            "one date label"
        );

        let flat: Vec<ScorePoint> = (0..5)
            .map(|i| point(&format!("{} Feb", i + 1), f64::from(i), 12))
            .collect();
        let svg = score_chart(&spec(&flat)).expect("points");
        assert_safe_svg(&svg);
        assert!(svg.contains("lowest 12, highest 12"));
    }

    #[test]
    fn text_is_escaped() {
        let points = [ScorePoint {
            flag: Some(FlagMark {
                kind: "a<b&c".into(),
                level: FlagLevel::High,
            }),
            ..point("<script>&", 0.0, 5)
        }];
        let events = [EventMark {
            x: 0.0,
            label: "x</title><script>".into(),
        }];
        let s = ScoreChart {
            title: "PHQ<9>&",
            id_prefix: "\"><script>",
            events: &events,
            ..spec(&points)
        };
        let svg = score_chart(&s).expect("points");
        assert_safe_svg(&svg);
        assert!(svg.contains("PHQ&lt;9&gt;&amp;"));
        assert!(svg.contains("&lt;script&gt;&amp;"));
        assert!(svg.contains("a&lt;b&amp;c"));
        assert!(svg.contains(r#"id="script-title""#));
    }

    #[test]
    fn scores_out_of_range_and_odd_input_are_drawn_inside() {
        let points = [
            point("a", f64::NAN, 3),
            point("b", 1.0, 255),
            point("c", f64::INFINITY, 0),
            point("d", 2.0, 0),
        ];
        let expected = [
            ExpectedPoint {
                x: 0.0,
                expected: -40.0,
                edge: 90.0,
                practice_edge: None,
            },
            ExpectedPoint {
                x: f64::NAN,
                expected: 1.0,
                edge: 2.0,
                practice_edge: None,
            },
            ExpectedPoint {
                x: 2.0,
                expected: 3.0,
                edge: f64::INFINITY,
                practice_edge: None,
            },
        ];
        let s = ScoreChart {
            expected: &expected,
            ..spec(&points)
        };
        let svg = score_chart(&s).expect("points");
        assert_safe_svg(&svg);
        let lay = score_layout(&s);
        let cs = circles(&svg, "series-point");
        for c in &cs[..cs.len() - 1] {
            // (the last circle is the legend's)
            assert!(c.1 >= lay.top && c.1 <= lay.bottom, "{c:?}");
        }
        assert_eq!(score_table(&s).rows.len(), 4);

        let zero_max = ScoreChart {
            max: 0,
            bands: &[],
            ..spec(&points)
        };
        assert_safe_svg(&score_chart(&zero_max).expect("points"));
    }

    #[test]
    fn table_rows() {
        let (points, expected, _) = realistic();
        let s = ScoreChart {
            expected: &expected,
            ..spec(&points)
        };
        let t = score_table(&s);
        assert_eq!(t.caption, "PHQ-9 scores");
        assert_eq!(
            t.headers,
            ["Date", "Score", "Band", "Expected range", "Flag"]
        );
        assert_eq!(t.rows.len(), 11);
        assert_eq!(
            t.rows[0],
            ["1 Mar", "19", "moderately severe", "19 to 24", ""]
        );
        assert_eq!(t.rows[3][4], "not on track (medium)");
        let plain = score_table(&spec(&points));
        assert_eq!(plain.headers, ["Date", "Score", "Band", "Flag"]);
        let gad = ScoreChart {
            bands: &GAD7_BANDS,
            max: 21,
            ..spec(&points)
        };
        assert_eq!(score_table(&gad).rows[0][2], "severe");
    }

    fn arb_point() -> impl Strategy<Value = ScorePoint> {
        (
            ".{0,12}",
            prop_oneof![-1e6..1e6_f64, any::<f64>()],
            any::<u8>(),
            proptest::option::of((".{0,8}", 0..4_u8)),
        )
            .prop_map(|(label, x, score, flag)| ScorePoint {
                label,
                x,
                score,
                flag: flag.map(|(kind, l)| FlagMark {
                    kind,
                    level: [
                        FlagLevel::Critical,
                        FlagLevel::High,
                        FlagLevel::Medium,
                        FlagLevel::Low,
                    ][usize::from(l)],
                }),
            })
    }

    proptest! {
        #[test]
        fn any_series_draws_safely(
            points in proptest::collection::vec(arb_point(), 0..200),
            expected in proptest::collection::vec(
                (any::<f64>(), -50.0..80.0_f64, any::<f64>())
                    .prop_map(|(x, expected, edge)| ExpectedPoint { x, expected, edge, practice_edge: None }),
                0..30,
            ),
            events in proptest::collection::vec(
                (-1e3..1e3_f64, ".{0,8}").prop_map(|(x, label)| EventMark { x, label }),
                0..20,
            ),
            max in any::<u8>(),
            gad in any::<bool>(),
        ) {
            let s = ScoreChart {
                id_prefix: "p",
                title: "PHQ-9",
                max,
                bands: if gad { &GAD7_BANDS } else { &PHQ9_BANDS },
                points: &points,
                expected: &expected,
                events: &events,
                events_legend: "",
            };
            let t = score_table(&s);
            prop_assert_eq!(t.rows.len(), points.len());
            match score_chart(&s) {
                None => prop_assert!(points.is_empty()),
                Some(svg) => {
                    assert_safe_svg(&svg);
                }
            }
        }
    }
}
