//! Renders one realistic example of each chart to /tmp/charts-example.html, for looking at
//! in a browser: `cargo test -p rapport-web charts::example -- --ignored`.

use super::checkin::tests::month;
use super::score::tests::realistic;
use super::*;

fn table(t: &AltTable) -> String {
    use super::svg::esc;
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data"><caption>{}</caption><thead><tr>"#,
        esc(&t.caption)
    );
    for h in &t.headers {
        out.push_str(&format!(r#"<th scope="col">{}</th>"#, esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!(r#"<th scope="row">{}</th>"#, esc(c)));
            } else {
                out.push_str(&format!("<td>{}</td>", esc(c)));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

#[test]
#[ignore = "writes /tmp/charts-example.html for a visual check"]
fn write_example_page() {
    let (points, expected, events) = realistic();
    let phq9 = ScoreChart {
        id_prefix: "phq9",
        title: "PHQ-9",
        max: 27,
        bands: &PHQ9_BANDS,
        points: &points,
        expected: &expected,
        events: &events,
        events_legend: words::SESSION,
    };
    let gad_points: Vec<ScorePoint> = [(0, 0, "2 Jan"), (30, 21, "1 Feb"), (60, 12, "3 Mar")]
        .iter()
        .map(|&(x, s, l)| ScorePoint {
            label: l.into(),
            x: f64::from(x),
            score: s,
            flag: (s == 21).then(|| FlagMark {
                kind: "safety".into(),
                level: FlagLevel::Critical,
            }),
        })
        .collect();
    let gad7 = ScoreChart {
        id_prefix: "gad7",
        title: "GAD-7",
        max: 21,
        bands: &GAD7_BANDS,
        points: &gad_points,
        expected: &[],
        events: &[],
        events_legend: "",
    };
    let one = [ScorePoint {
        label: "12 Jan".into(),
        x: 0.0,
        score: 18,
        flag: None,
    }];
    let single = ScoreChart {
        id_prefix: "one",
        points: &one,
        ..gad7
    };
    let single = ScoreChart {
        title: "PHQ-9",
        max: 27,
        bands: &PHQ9_BANDS,
        ..single
    };
    let days = month();
    let checkins = CheckinChart {
        id_prefix: "checkins",
        title: "Daily check-ins",
        days: &days,
    };

    let mut body = String::new();
    for (heading, svg, t) in [
        ("PHQ-9", score_chart(&phq9), score_table(&phq9)),
        (
            "GAD-7 (0, 21 and a safety flag)",
            score_chart(&gad7),
            score_table(&gad7),
        ),
        ("One score", score_chart(&single), score_table(&single)),
        (
            "Check-ins",
            checkin_chart(&checkins),
            checkin_table(&checkins),
        ),
    ] {
        body.push_str(&format!(
            r#"<section class="card stack"><h2>{heading}</h2><figure class="chart-figure">{}</figure><details><summary>Show as a table</summary>{}</details></section>"#,
            svg.unwrap_or_default(),
            table(&t)
        ));
    }
    body.push_str(r#"<section class="card stack"><h2>Caseload</h2><table class="data"><tbody>"#);
    for (name, scores) in [
        ("A. Client", &[21_u8, 19, 16, 14, 11, 9][..]),
        ("B. Client", &[8, 9, 12, 15][..]),
        ("C. Client", &[12][..]),
        ("D. Client", &[][..]),
    ] {
        body.push_str(&format!(
            "<tr><th scope=\"row\">{name}</th><td>{}</td><td>{}</td></tr>",
            scores.last().map(u8::to_string).unwrap_or_default(),
            sparkline(scores, 27)
        ));
    }
    body.push_str("</tbody></table></section>");
    let css = concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css");
    let page = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Charts</title><link rel="stylesheet" href="file://{css}"></head><body><main>{body}</main></body></html>"#
    );
    std::fs::write("/tmp/charts-example.html", page).expect("write");
}
