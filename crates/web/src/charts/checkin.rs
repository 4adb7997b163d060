//! Daily check-ins over days: mood (0–10) as a line, hours slept as bars, days with
//! medication missed as crosses.

use super::AltTable;
use super::svg::{FONT, N, W, amount, esc, id_prefix, open, x_labels};
use super::words;

/// What a check-in chart shows.
#[derive(Debug, Clone, Copy)]
pub struct CheckinChart<'a> {
    /// Makes the chart's element ids unique on the page.
    pub id_prefix: &'a str,
    /// "Daily check-ins" or "Check-ins, last 28 days".
    pub title: &'a str,
    /// One entry per day with a check-in, in time order (sorted by `x` for drawing anyway).
    pub days: &'a [CheckinDay],
}

/// One day's check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinDay {
    /// The date as people read it ("12 Jan").
    pub label: String,
    /// Days since the first day (a non-finite one is left out of the drawing).
    pub x: f64,
    /// 0–10, if given.
    pub mood: Option<u8>,
    /// 0–24, if given.
    pub sleep_hours: Option<f64>,
    pub medication: Medication,
}

/// The check-in's medication answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medication {
    Taken,
    Missed,
    NotPrescribed,
}

impl Medication {
    fn word(self) -> &'static str {
        match self {
            Medication::Taken => words::tr(words::TAKEN),
            Medication::Missed => words::tr(words::MISSED),
            Medication::NotPrescribed => words::tr(words::NOT_PRESCRIBED),
        }
    }
}

const LEFT: f64 = 30.0;
const RIGHT: f64 = W - 8.0;
const MOOD_TOP: f64 = 30.0;
const MOOD_BOTTOM: f64 = 110.0;
const SLEEP_TOP: f64 = 148.0;
const SLEEP_BOTTOM: f64 = 218.0;

/// Maps days and values to viewBox coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CheckinLayout {
    x0: f64,
    /// Width of one day.
    pub unit: f64,
    /// Hours at the top of the sleep panel.
    pub sleep_max: f64,
}

impl CheckinLayout {
    pub fn x(&self, v: f64) -> f64 {
        LEFT + self.unit * (v - self.x0 + 0.5)
    }

    pub fn mood_y(&self, mood: u8) -> f64 {
        MOOD_BOTTOM - f64::from(mood.min(10)) / 10.0 * (MOOD_BOTTOM - MOOD_TOP)
    }

    pub fn sleep_y(&self, hours: f64) -> f64 {
        let h = if hours.is_finite() {
            hours.clamp(0.0, self.sleep_max)
        } else {
            0.0
        };
        SLEEP_BOTTOM - h / self.sleep_max * (SLEEP_BOTTOM - SLEEP_TOP)
    }
}

fn sleep_of(d: &CheckinDay) -> Option<f64> {
    d.sleep_hours.filter(|h| h.is_finite())
}

pub(crate) fn checkin_layout(days: &[&CheckinDay]) -> CheckinLayout {
    let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
    for d in days {
        x0 = x0.min(d.x);
        x1 = x1.max(d.x);
    }
    if x0 > x1 {
        (x0, x1) = (0.0, 0.0);
    }
    let most = days
        .iter()
        .filter_map(|d| sleep_of(d))
        .fold(0.0_f64, f64::max)
        .min(24.0);
    CheckinLayout {
        x0,
        unit: (RIGHT - LEFT) / (x1 - x0 + 1.0),
        // 12 hours, or more in steps of 3 when someone slept longer.
        sleep_max: ((most / 3.0).ceil() * 3.0).max(12.0),
    }
}

/// The check-in chart as SVG, or `None` when there are no check-ins (the page says so in
/// words instead).
pub fn checkin_chart(spec: &CheckinChart<'_>) -> Option<String> {
    if spec.days.is_empty() {
        return None;
    }
    let prefix = id_prefix(spec.id_prefix);
    let mut days: Vec<&CheckinDay> = spec.days.iter().filter(|d| d.x.is_finite()).collect();
    days.sort_by(|a, b| a.x.total_cmp(&b.x));
    let lay = checkin_layout(&days);

    let prescribed = spec
        .days
        .iter()
        .any(|d| matches!(d.medication, Medication::Taken | Medication::Missed));
    let med_label_y = SLEEP_BOTTOM + FONT + 14.0;
    let marks_y = med_label_y + 16.0;
    let axis_y = if prescribed {
        marks_y + FONT + 10.0
    } else {
        SLEEP_BOTTOM + FONT + 6.0
    };
    let height = axis_y + 6.0;

    let mut out = String::with_capacity(4096);
    open(
        &mut out,
        "chart chart-checkin",
        height,
        &prefix,
        &words::checkin_title(spec.title),
        &describe(spec),
    );

    // Panels: title, frame, grid and ticks.
    panel(
        &mut out,
        words::tr(words::MOOD_AXIS),
        MOOD_TOP,
        MOOD_BOTTOM,
        &[
            (0.0, lay.mood_y(0)),
            (5.0, lay.mood_y(5)),
            (10.0, lay.mood_y(10)),
        ],
    );
    panel(
        &mut out,
        words::tr(words::SLEEP_AXIS),
        SLEEP_TOP,
        SLEEP_BOTTOM,
        &[
            (0.0, lay.sleep_y(0.0)),
            (lay.sleep_max / 2.0, lay.sleep_y(lay.sleep_max / 2.0)),
            (lay.sleep_max, lay.sleep_y(lay.sleep_max)),
        ],
    );

    // Sleep bars.
    let bar = (lay.unit * 0.6).clamp(1.5, 16.0);
    for d in &days {
        let Some(h) = sleep_of(d) else { continue };
        let (x, y) = (lay.x(d.x), lay.sleep_y(h));
        w!(
            out,
            r##"<rect class="sleep-bar" x="{}" y="{}" width="{}" height="{}" fill="#7a68b0"><title>{}</title></rect>"##,
            N(x - bar / 2.0),
            N(y),
            N(bar),
            N(SLEEP_BOTTOM - y),
            esc(&format!(
                "{}: {}",
                d.label,
                words::sleep_value(&amount(h.clamp(0.0, 24.0)))
            ))
        );
    }

    // Mood line, broken where a day has no mood or days are missing.
    let mut segment: Vec<(f64, f64)> = Vec::new();
    let mut prev_x = f64::NEG_INFINITY;
    let flush = |out: &mut String, seg: &mut Vec<(f64, f64)>| {
        if seg.len() > 1 {
            out.push_str(r##"<polyline class="series-line" fill="none" stroke="#0d5a61" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round" points=""##);
            for (i, (x, y)) in seg.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                w!(out, "{},{}", N(*x), N(*y));
            }
            out.push_str(r#""/>"#);
        }
        seg.clear();
    };
    for d in &days {
        match d.mood {
            Some(m) => {
                if d.x - prev_x > 1.5 {
                    flush(&mut out, &mut segment);
                }
                segment.push((lay.x(d.x), lay.mood_y(m)));
                prev_x = d.x;
            }
            None => flush(&mut out, &mut segment),
        }
    }
    flush(&mut out, &mut segment);
    let r = (lay.unit * 0.35).clamp(2.0, 4.0);
    for d in &days {
        let Some(m) = d.mood else { continue };
        w!(
            out,
            r##"<circle class="series-point" cx="{}" cy="{}" r="{}" fill="#0d5a61" stroke="#ffffff" stroke-width="1"><title>{}</title></circle>"##,
            N(lay.x(d.x)),
            N(lay.mood_y(m)),
            N(r),
            esc(&format!("{}: {}", d.label, words::mood_value(m.min(10))))
        );
    }

    // Medication: a row of crosses on the days missed.
    if prescribed {
        let missed: Vec<&&CheckinDay> = days
            .iter()
            .filter(|d| d.medication == Medication::Missed)
            .collect();
        if spec.days.iter().any(|d| d.medication == Medication::Missed) {
            w!(
                out,
                r##"<path class="med-missed" d="{}" fill="none" stroke="#9a6a12" stroke-width="2.5" stroke-linecap="round"/><text class="chart-text" x="{}" y="{}" fill="#4f5a61">{}</text>"##,
                cross(LEFT + 5.0, med_label_y - FONT * 0.35, 4.5),
                N(LEFT + 16.0),
                N(med_label_y),
                esc(words::tr(words::MEDICATION_MISSED_ROW))
            );
        } else {
            w!(
                out,
                r##"<text class="chart-text" x="{}" y="{}" fill="#4f5a61">{}</text>"##,
                N(LEFT),
                N(med_label_y),
                esc(words::tr(words::MEDICATION_NONE_MISSED))
            );
        }
        w!(
            out,
            r##"<line class="chart-grid" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#d9d3ca"/>"##,
            N(LEFT),
            N(RIGHT),
            y = N(marks_y)
        );
        let size = (lay.unit * 0.4).clamp(2.5, 5.0);
        for d in missed {
            w!(
                out,
                r##"<path class="med-missed" d="{}" fill="none" stroke="#9a6a12" stroke-width="2.5" stroke-linecap="round"><title>{}</title></path>"##,
                cross(lay.x(d.x), marks_y, size),
                esc(&format!(
                    "{}: {}",
                    d.label,
                    words::tr(words::MEDICATION_MISSED_ROW)
                ))
            );
        }
    }

    let cands: Vec<(f64, &str)> = days
        .iter()
        .map(|d| (lay.x(d.x), d.label.as_str()))
        .collect();
    x_labels(&mut out, &cands, axis_y);

    out.push_str("</svg>");
    Some(out)
}

/// A panel's title above it, its left axis and bottom line, light grid lines and tick
/// numbers at `ticks` (value, y).
fn panel(out: &mut String, title: &str, top: f64, bottom: f64, ticks: &[(f64, f64)]) {
    w!(
        out,
        r##"<text class="chart-text chart-panel-title" x="4" y="{}" fill="#4f5a61">{}</text>"##,
        N(top - 13.0),
        esc(title)
    );
    for &(v, y) in ticks {
        if y > top && y < bottom {
            w!(
                out,
                r##"<line class="chart-grid" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#d9d3ca"/>"##,
                N(LEFT),
                N(RIGHT),
                y = N(y)
            );
        }
        w!(
            out,
            r##"<line class="chart-axis" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#6b757b"/><text class="chart-text" x="{}" y="{}" text-anchor="end" fill="#4f5a61">{}</text>"##,
            N(LEFT - 4.0),
            N(LEFT),
            N(LEFT - 6.0),
            N(y + FONT * 0.35),
            amount(v),
            y = N(y)
        );
    }
    w!(
        out,
        r##"<path class="chart-axis" d="M{l} {t}V{b}H{r}" fill="none" stroke="#6b757b"/>"##,
        l = N(LEFT),
        t = N(top),
        b = N(bottom),
        r = N(RIGHT),
    );
}

/// An × centred on (`x`, `y`).
fn cross(x: f64, y: f64, half: f64) -> String {
    format!(
        "M{} {}L{} {}M{} {}L{} {}",
        N(x - half),
        N(y - half),
        N(x + half),
        N(y + half),
        N(x - half),
        N(y + half),
        N(x + half),
        N(y - half)
    )
}

fn describe(spec: &CheckinChart<'_>) -> String {
    let mut sorted: Vec<&CheckinDay> = spec.days.iter().collect();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x));
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return String::new();
    };
    let moods: Vec<u8> = spec
        .days
        .iter()
        .filter_map(|d| d.mood.map(|m| m.min(10)))
        .collect();
    let sleeps: Vec<f64> = spec
        .days
        .iter()
        .filter_map(sleep_of)
        .map(|h| h.clamp(0.0, 24.0))
        .collect();
    let mood = match (moods.iter().min(), moods.iter().max()) {
        (Some(&lo), Some(&hi)) => {
            let mean = moods.iter().map(|&m| f64::from(m)).sum::<f64>() / moods.len() as f64;
            Some((lo, hi, format!("{mean:.1}")))
        }
        _ => None,
    };
    let sleep = if sleeps.is_empty() {
        None
    } else {
        let lo = sleeps.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = sleeps.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mean = sleeps.iter().sum::<f64>() / sleeps.len() as f64;
        Some((amount(lo), amount(hi), format!("{mean:.1}")))
    };
    words::checkin_desc(&words::CheckinSummary {
        first_date: &first.label,
        last_date: &last.label,
        days: spec.days.len(),
        mood,
        sleep,
        missed: spec
            .days
            .iter()
            .filter(|d| d.medication == Medication::Missed)
            .count(),
        prescribed: spec
            .days
            .iter()
            .any(|d| matches!(d.medication, Medication::Taken | Medication::Missed)),
    })
}

/// The check-in chart's text alternative: one row per day, in the order given, with
/// columns Date, Mood (0–10), Sleep (hours), Medication. Missing answers are empty cells.
pub fn checkin_table(spec: &CheckinChart<'_>) -> AltTable {
    AltTable {
        caption: words::checkin_caption(spec.title),
        headers: [
            words::tr(words::DATE),
            words::tr(words::MOOD_COLUMN),
            words::tr(words::SLEEP_COLUMN),
            words::tr(words::MEDICATION_COLUMN),
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: spec
            .days
            .iter()
            .map(|d| {
                vec![
                    d.label.clone(),
                    d.mood.map(|m| m.min(10).to_string()).unwrap_or_default(),
                    sleep_of(d)
                        .map(|h| amount(h.clamp(0.0, 24.0)))
                        .unwrap_or_default(),
                    d.medication.word().to_owned(),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::charts::testing::{assert_safe_svg, circles, with_class};
    use proptest::prelude::*;

    pub(crate) fn month() -> Vec<CheckinDay> {
        let moods = [
            4, 3, 3, 4, 5, 4, 5, 6, 5, 5, 6, 6, 7, 6, 5, 6, 7, 7, 6, 7, 8, 7, 7, 6, 7, 8, 8, 7,
        ];
        let sleep = [
            5.5, 6.0, 5.0, 6.5, 7.0, 6.0, 7.5, 7.0, 8.0, 6.5, 7.0, 7.25, 8.0, 7.5, 6.0, 7.0, 8.0,
            7.5, 7.0, 8.5, 7.75, 8.0, 7.0, 7.5, 8.0, 8.0, 7.5, 8.25,
        ];
        (0..28)
            .filter(|&i| i != 9 && i != 10) // two days without a check-in
            .map(|i| CheckinDay {
                label: format!("{} May", i + 1),
                x: i as f64,
                mood: (i != 17).then_some(moods[i]),
                sleep_hours: (i != 4).then_some(sleep[i]),
                medication: match i {
                    2 | 3 | 15 => Medication::Missed,
                    20 => Medication::NotPrescribed,
                    _ => Medication::Taken,
                },
            })
            .collect()
    }

    fn spec(days: &[CheckinDay]) -> CheckinChart<'_> {
        CheckinChart {
            id_prefix: "checkins",
            title: "Daily check-ins",
            days,
        }
    }

    #[test]
    fn no_days_draws_nothing() {
        assert_eq!(checkin_chart(&spec(&[])), None);
        assert!(checkin_table(&spec(&[])).rows.is_empty());
    }

    #[test]
    fn a_month_is_safe_and_labelled() {
        let days = month();
        let svg = checkin_chart(&spec(&days)).expect("days");
        assert_safe_svg(&svg);
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="checkins-title checkins-desc""#));
        assert!(
            svg.contains(
                "Daily check-ins from 1 May to 28 May, 26 days. Mood 3 to 8 of 10, average"
            )
        );
        assert!(svg.contains("Medication missed on 3 days."));
        assert_eq!(with_class(&svg, "sleep-bar").len(), 25);
        assert_eq!(circles(&svg, "series-point").len(), 25);
        // Broken at the missing days (9, 10) and the day without a mood (17).
        assert_eq!(with_class(&svg, "series-line").len(), 3);
        // 3 crosses + the one in the row's label.
        assert_eq!(with_class(&svg, "med-missed").len(), 4);
        let labels = svg.matches(r#"text-anchor="middle""#).count();
        assert!((2..=6).contains(&labels), "{labels}");
    }

    #[test]
    fn mood_and_sleep_extremes_sit_on_the_panel_edges() {
        let days = [
            CheckinDay {
                label: "1 Jun".into(),
                x: 0.0,
                mood: Some(10),
                sleep_hours: Some(0.0),
                medication: Medication::NotPrescribed,
            },
            CheckinDay {
                label: "2 Jun".into(),
                x: 1.0,
                mood: Some(0),
                sleep_hours: Some(24.0),
                medication: Medication::NotPrescribed,
            },
        ];
        let svg = checkin_chart(&spec(&days)).expect("days");
        assert_safe_svg(&svg);
        let refs: Vec<&CheckinDay> = days.iter().collect();
        let lay = checkin_layout(&refs);
        assert_eq!(lay.sleep_max, 24.0);
        assert_eq!(lay.mood_y(10), MOOD_TOP);
        assert_eq!(lay.mood_y(0), MOOD_BOTTOM);
        assert_eq!(lay.sleep_y(24.0), SLEEP_TOP);
        let cs = circles(&svg, "series-point");
        assert_eq!((cs[0].1, cs[1].1), (MOOD_TOP, MOOD_BOTTOM));
        assert!(
            !svg.contains("med-missed"),
            "no medication row when none prescribed"
        );
        assert!(!svg.contains("Medication"));
    }

    #[test]
    fn one_day_and_odd_values() {
        let one = [CheckinDay {
            label: "<b>&".into(),
            x: 0.0,
            mood: Some(200),
            sleep_hours: Some(f64::NAN),
            medication: Medication::Missed,
        }];
        let svg = checkin_chart(&spec(&one)).expect("days");
        assert_safe_svg(&svg);
        assert!(svg.contains("&lt;b&gt;&amp;"));
        assert!(svg.contains("Daily check-in on &lt;b&gt;&amp;. Mood 10 of 10."));
        let t = checkin_table(&spec(&one));
        assert_eq!(t.rows, [["<b>&", "10", "", "missed"]]);
    }

    #[test]
    fn table_rows() {
        let days = month();
        let t = checkin_table(&spec(&days));
        assert_eq!(t.caption, "Daily check-ins");
        assert_eq!(
            t.headers,
            ["Date", "Mood (0–10)", "Sleep (hours)", "Medication"]
        );
        assert_eq!(t.rows.len(), 26);
        assert_eq!(t.rows[0], ["1 May", "4", "5.5", "taken"]);
        assert_eq!(t.rows[2], ["3 May", "3", "5", "missed"]);
        assert_eq!(t.rows[4][2], "");
    }

    proptest! {
        #[test]
        fn any_days_draw_safely(
            days in proptest::collection::vec(
                (
                    ".{0,10}",
                    prop_oneof![0.0..400.0_f64, any::<f64>()],
                    proptest::option::of(any::<u8>()),
                    proptest::option::of(prop_oneof![0.0..24.0_f64, any::<f64>()]),
                    0..3_u8,
                )
                    .prop_map(|(label, x, mood, sleep_hours, m)| CheckinDay {
                        label,
                        x,
                        mood,
                        sleep_hours,
                        medication: [
                            Medication::Taken,
                            Medication::Missed,
                            Medication::NotPrescribed,
                        ][usize::from(m)],
                    }),
                0..200,
            )
        ) {
            let s = spec(&days);
            prop_assert_eq!(checkin_table(&s).rows.len(), days.len());
            match checkin_chart(&s) {
                None => prop_assert!(days.is_empty()),
                Some(svg) => assert_safe_svg(&svg),
            }
        }
    }
}
