//! A tiny trend line for a caseload row. Decorative: the row shows the numbers in text.

use super::svg::N;

const SW: f64 = 80.0;
const SH: f64 = 24.0;
const PAD: f64 = 2.5;

/// Scores from oldest to newest as an 80×24 SVG, `aria-hidden="true"`; the latest score is
/// a dot. Higher scores sit higher. No scores: an empty picture of the same size, so rows
/// line up.
pub fn sparkline(scores: &[u8], max: u8) -> String {
    let max = f64::from(max.max(1));
    let n = scores.len();
    let point = |i: usize, s: u8| {
        let x = if n > 1 {
            PAD + i as f64 * (SW - 2.0 * PAD) / (n - 1) as f64
        } else {
            SW - PAD
        };
        let y = SH - PAD - f64::from(s).min(max) / max * (SH - 2.0 * PAD);
        (x, y)
    };
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" viewBox="0 0 {} {}" width="80" height="24" aria-hidden="true" focusable="false">"#,
        N(SW),
        N(SH)
    );
    if n > 1 {
        out.push_str(r##"<polyline class="sparkline-line" fill="none" stroke="#0d5a61" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" points=""##);
        for (i, &s) in scores.iter().enumerate() {
            let (x, y) = point(i, s);
            if i > 0 {
                out.push(' ');
            }
            w!(out, "{},{}", N(x), N(y));
        }
        out.push_str(r#""/>"#);
    }
    if let Some(&last) = scores.last() {
        let (x, y) = point(n - 1, last);
        w!(
            out,
            r##"<circle class="sparkline-point" cx="{}" cy="{}" r="2.2" fill="#0d5a61"/>"##,
            N(x),
            N(y)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testing::{assert_safe_svg, circles, with_class};
    use proptest::prelude::*;

    #[test]
    fn draws_a_trend() {
        let svg = sparkline(&[18, 15, 12, 9], 27);
        assert_safe_svg(&svg);
        assert!(svg.contains(r#"aria-hidden="true""#));
        assert!(!svg.contains("role="));
        let line = with_class(&svg, "sparkline-line");
        assert_eq!(line.len(), 1);
        let dot = circles(&svg, "sparkline-point");
        // y = 24 - 2.5 - 9/27 * 19 = 15.17, written with one decimal.
        assert_eq!(dot, [(77.5, 15.2, 2.2)]);
    }

    #[test]
    fn edge_cases() {
        for (scores, max) in [
            (&[][..], 27),
            (&[5][..], 27),
            (&[0, 27][..], 27),
            (&[9, 9, 9][..], 27),
            (&[40][..], 27),
            (&[3, 4][..], 0),
        ] {
            let svg = sparkline(scores, max);
            assert_safe_svg(&svg);
        }
        let top = circles(&sparkline(&[0, 27], 27), "sparkline-point");
        assert_eq!(top[0].1, PAD);
        let bottom = circles(&sparkline(&[27, 0], 27), "sparkline-point");
        assert_eq!(bottom[0].1, SH - PAD);
    }

    proptest! {
        #[test]
        fn never_panics(scores in proptest::collection::vec(any::<u8>(), 0..200), max in any::<u8>()) {
            assert_safe_svg(&sparkline(&scores, max));
        }
    }
}
