//! Horizontal bars of shares (0–100 %), each with its 95 % interval drawn as a whisker when it
//! has one: the outcome report's rates and its eligibility funnel. The label of each bar says
//! the figure in words, so the picture adds nothing the text lacks.

use super::svg::{FONT, N, W, esc, id_prefix, open};

/// One bar: its label (the words above it) and the share with its interval, all in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct RateBar {
    pub label: String,
    /// `None`: nothing to count (an empty track is drawn).
    pub share: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

const ROW: f64 = 46.0;
const BAR: f64 = 14.0;
const LEFT: f64 = 2.0;

/// The bars as SVG with `title` and `desc` as its accessible name; `None` without bars.
pub fn rate_bars(id: &str, title: &str, desc: &str, bars: &[RateBar]) -> Option<String> {
    if bars.is_empty() {
        return None;
    }
    let prefix = id_prefix(id);
    let span = W - 2.0 * LEFT;
    let x = |v: f64| LEFT + v.clamp(0.0, 1.0) * span;
    let mut out = String::new();
    open(
        &mut out,
        "chart rate-bars",
        ROW * bars.len() as f64 + 4.0,
        &prefix,
        title,
        desc,
    );
    for (i, b) in bars.iter().enumerate() {
        let top = i as f64 * ROW;
        w!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            N(LEFT),
            N(top + FONT),
            esc(&b.label)
        );
        let y = top + FONT + 8.0;
        w!(
            out,
            r##"<rect class="rate-track" x="{}" y="{}" width="{}" height="{}" fill="#eef3f3"/>"##,
            N(LEFT),
            N(y),
            N(span),
            N(BAR)
        );
        if let Some(share) = b.share {
            w!(
                out,
                r##"<rect class="rate-bar" x="{}" y="{}" width="{}" height="{}" fill="#0d5a61"/>"##,
                N(LEFT),
                N(y),
                N(x(share) - LEFT),
                N(BAR)
            );
        }
        if let Some((low, high)) = b.interval {
            let mid = y + BAR / 2.0;
            w!(
                out,
                r##"<path class="rate-interval" fill="none" stroke="#6a4c93" stroke-width="2" d="M{lo} {m}H{hi}M{lo} {t}V{b}M{hi} {t}V{b}"/>"##,
                lo = N(x(low)),
                hi = N(x(high)),
                m = N(mid),
                t = N(y - 2.0),
                b = N(y + BAR + 2.0)
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testing::{assert_safe_svg, with_class};

    #[test]
    fn bars_and_whiskers() {
        let svg = rate_bars(
            "rates",
            "Rates <of> episodes",
            "Recovery 50 %",
            &[
                RateBar {
                    label: "Recovery: 2 of 4".into(),
                    share: Some(0.5),
                    interval: Some((0.15, 0.85)),
                },
                RateBar {
                    label: "Dropout: nothing to count".into(),
                    share: None,
                    interval: None,
                },
            ],
        )
        .unwrap();
        assert_safe_svg(&svg);
        assert!(svg.contains("Rates &lt;of&gt; episodes"));
        let bars = with_class(&svg, "rate-bar");
        assert_eq!(bars.len(), 1);
        assert_eq!(bars[0].attr("width"), Some("158"));
        assert_eq!(with_class(&svg, "rate-track").len(), 2);
        assert_eq!(with_class(&svg, "rate-interval").len(), 1);
        assert!(rate_bars("x", "t", "d", &[]).is_none());
    }
}
