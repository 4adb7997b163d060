//! Small helpers shared by the charts: escaping, number formatting, ids, the root element,
//! and the choice of x-axis labels.

use std::fmt;

/// Width of every chart's viewBox. Drawn at 100% of a phone's content width (about 290–330
/// CSS px at a 360 px screen), one unit is about 0.9–1 px, so `FONT` stays at or above 12 px.
pub(super) const W: f64 = 320.0;
/// Font size of all chart text, in viewBox units.
pub(super) const FONT: f64 = 14.0;
/// Most x-axis labels a chart shows.
pub(super) const MAX_X_LABELS: usize = 6;

/// Escapes text for an XML text node or a double-quoted attribute.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids (controls other than tab, newline, return).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or value written with at most one decimal, never `NaN` or `inf`.
#[derive(Clone, Copy)]
pub(super) struct N(pub f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // In whole tenths, written as integers: a caseload's sparklines write thousands of
        // these, and float formatting was a tenth of the clinician's page.
        let tenths = if self.0.is_finite() {
            (self.0 * 10.0).round() as i64
        } else {
            0
        };
        let (sign, abs) = (if tenths < 0 { "-" } else { "" }, tenths.unsigned_abs());
        match abs % 10 {
            0 if abs == 0 => f.write_str("0"), // no "-0"
            0 => write!(f, "{sign}{}", abs / 10),
            d => write!(f, "{sign}{}.{d}", abs / 10),
        }
    }
}

/// Hours or other amounts for people: up to two decimals, trailing zeros dropped
/// (7.25 → "7.25", 7.5 → "7.5", 8.0 → "8").
pub(super) fn amount(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// An id prefix safe to use in `id` attributes: ASCII letters, digits, `-` and `_`, starting
/// with a letter.
pub(super) fn id_prefix(raw: &str) -> String {
    let mut out: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "chart-");
    }
    out
}

/// Rough width of `s` in viewBox units at `font` (system sans-serif averages ~0.55 em).
pub(super) fn text_width(s: &str, font: f64) -> f64 {
    s.chars().count() as f64 * font * 0.58
}

/// Writes the opening `<svg>` with its accessible name: `<title>` and `<desc>`.
pub(super) fn open(
    out: &mut String,
    class: &str,
    height: f64,
    prefix: &str,
    title: &str,
    desc: &str,
) {
    w!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{p}-title {p}-desc" font-size="{font}"><title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>"#,
        w = N(W),
        h = N(height),
        p = prefix,
        font = N(FONT),
        title = esc(title),
        desc = esc(desc),
    );
}

/// Chooses which x-axis labels to show so that none overlap, at most `MAX_X_LABELS`: the
/// last, then from the left each one that keeps clear of those chosen; or, when as many fit,
/// the points nearest to evenly spaced steps from the first to the last.
/// `cands` are (x centre, label); returns (x centre clamped inside the chart, label index),
/// sorted by x.
pub(super) fn pick_x_labels(cands: &[(f64, &str)]) -> Vec<(f64, usize)> {
    let Some(last) = cands.len().checked_sub(1) else {
        return Vec::new();
    };
    let placed = |i: usize| {
        let (x, label) = cands[i];
        let half = text_width(label, FONT) / 2.0;
        let x = if half * 2.0 + 2.0 >= W {
            W / 2.0
        } else {
            x.clamp(half + 1.0, W - half - 1.0)
        };
        (x, half)
    };
    let clear = |a: usize, b: usize| {
        let ((xa, ha), (xb, hb)) = (placed(a), placed(b));
        !cands[a].1.is_empty()
            && cands[a].1 != cands[b].1
            && (xa - xb).abs() >= ha + hb + FONT * 0.6
    };
    let finish = |chosen: Vec<usize>| {
        let mut out: Vec<(f64, usize)> = chosen.into_iter().map(|i| (placed(i).0, i)).collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    };
    // Greedy.
    let mut greedy = vec![last];
    for i in 0..last {
        if greedy.len() >= MAX_X_LABELS {
            break;
        }
        if greedy.iter().all(|&j| clear(i, j)) {
            greedy.push(i);
        }
    }
    // Evenly spread in x (the point nearest each of k even steps), when that shows as many.
    let (x_first, x_last) = (cands[0].0, cands[last].0);
    for k in (greedy.len().max(2)..=MAX_X_LABELS.min(last + 1)).rev() {
        let mut chosen: Vec<usize> = (0..k)
            .map(|j| {
                let target = x_first + (x_last - x_first) * j as f64 / (k - 1) as f64;
                (0..=last)
                    .min_by(|&a, &b| {
                        (cands[a].0 - target)
                            .abs()
                            .total_cmp(&(cands[b].0 - target).abs())
                    })
                    .unwrap_or(last)
            })
            .collect();
        chosen.dedup();
        if chosen.len() == k
            && chosen
                .windows(2)
                .all(|p| clear(p[0], p[1]) && clear(p[1], p[0]))
        {
            return finish(chosen);
        }
    }
    let chosen = greedy;
    finish(chosen)
}

/// Writes the chosen x-axis labels at baseline `y`.
pub(super) fn x_labels(out: &mut String, cands: &[(f64, &str)], y: f64) {
    for (x, i) in pick_x_labels(cands) {
        w!(
            out,
            r##"<text class="chart-text" x="{}" y="{}" text-anchor="middle" fill="#4f5a61">{}</text>"##,
            N(x),
            N(y),
            esc(cands[i].1)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc(r#"<a & "b" 'c'>"#),
            "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"
        );
        assert_eq!(esc("a\u{1}b"), "a b");
    }

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(N(3.0).to_string(), "3");
        assert_eq!(N(3.04).to_string(), "3");
        assert_eq!(N(3.25).to_string(), "3.3");
        assert_eq!(N(-0.01).to_string(), "0");
        assert_eq!(N(f64::NAN).to_string(), "0");
        assert_eq!(N(f64::INFINITY).to_string(), "0");
        assert_eq!(N(-1.25).to_string(), "-1.3");
        assert_eq!(N(-7.0).to_string(), "-7");
        assert_eq!(amount(7.25), "7.25");
        assert_eq!(amount(7.5), "7.5");
        assert_eq!(amount(8.0), "8");
        assert_eq!(amount(0.0), "0");
    }

    proptest::proptest! {
        /// The integer writing says what rounding to tenths and `{:.1}` would.
        #[test]
        fn numbers_are_written_as_float_formatting_would(x in -1.0e6f64..1.0e6) {
            let v = (x * 10.0).round() / 10.0;
            let v = if v == 0.0 { 0.0 } else { v };
            let float = if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v:.1}") };
            proptest::prop_assert_eq!(N(x).to_string(), float);
        }
    }

    #[test]
    fn id_prefixes_are_safe() {
        assert_eq!(id_prefix("phq9"), "phq9");
        assert_eq!(id_prefix("9x\"><"), "chart-9x");
        assert_eq!(id_prefix(""), "chart-");
    }

    #[test]
    fn x_labels_do_not_overlap_and_are_few() {
        let labels: Vec<String> = (0..200).map(|i| format!("{} Jan", i % 28 + 1)).collect();
        let cands: Vec<(f64, &str)> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (30.0 + i as f64 * 1.4, l.as_str()))
            .collect();
        let picked = pick_x_labels(&cands);
        assert!(
            picked.len() <= MAX_X_LABELS && picked.len() >= 3,
            "{picked:?}"
        );
        assert_eq!(picked.last().map(|p| p.1), Some(199));
        for pair in picked.windows(2) {
            let wa = text_width(cands[pair[0].1].1, FONT) / 2.0;
            let wb = text_width(cands[pair[1].1].1, FONT) / 2.0;
            assert!(pair[1].0 - pair[0].0 >= wa + wb, "{picked:?}");
        }
        for (x, i) in &picked {
            let half = text_width(cands[*i].1, FONT) / 2.0;
            assert!(*x - half >= 0.0 && *x + half <= W);
        }
    }
}
