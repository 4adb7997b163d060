//! Charts drawn on the server as SVG text, each with a text alternative.
//!
//! Every function here is pure: data in, markup out. The markup obeys the page's
//! Content-Security-Policy (`style-src 'self'`): no `style` attribute and no script; colours
//! come from classes styled in `/static/app.css` (section `charts`, light and dark), with
//! light presentation attributes as a fallback when the stylesheet is missing.
//!
//! A page shows a chart and its table together:
//!
//! ```text
//! <figure class="chart-figure">
//!   {{ svg|safe }}
//!   <figcaption>…</figcaption>
//! </figure>
//! <table class="data">… rows from `score_table` / `checkin_table` …</table>
//! ```
//!
//! The SVG is `role="img"` and labelled by its own `<title>` and `<desc>` (a summary in
//! words); the table gives every value for readers who want them all.
//!
//! All words shown to people are in [`words`].

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($dst:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($dst, $($arg)*);
    }};
}

mod checkin;
mod place;
mod rates;
mod score;
mod sparkline;
mod svg;
pub mod words;

pub use checkin::{CheckinChart, CheckinDay, Medication, checkin_chart, checkin_table};
pub use rates::{RateBar, rate_bars};
pub use score::{
    Band, ExpectedPoint, FlagLevel, FlagMark, GAD7_BANDS, PHQ9_BANDS, ScoreChart, ScorePoint,
    score_chart, score_table,
};
pub use sparkline::sparkline;

/// The text alternative of a chart: a table with a caption, column headers and rows of
/// cells (the first cell of a row is its header, the date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AltTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[cfg(test)]
mod example;
#[cfg(test)]
pub(crate) mod testing;
