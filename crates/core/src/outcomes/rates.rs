//! A rate with the count behind it and its 95% Wilson score interval, and the small-cell
//! rule (CLINICAL.md "Change and outcome definitions": "a cell of fewer than 5 episodes is
//! not shown where it names a clinician or a group"). General: group outcomes use it, and
//! the practice's outcome reports will.

use serde::Serialize;

/// The normal quantile for a two-sided 95% interval.
pub const WILSON_Z: f64 = 1.959_963_984_540_054;
/// The fewest cases a cell that names a clinician or a group may show.
pub const MIN_CELL: u32 = 5;

/// `count` of `of`, the share, and its 95% Wilson score interval (all in [0, 1]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    pub count: u32,
    pub of: u32,
    pub share: f64,
    pub low: f64,
    pub high: f64,
}

impl Rate {
    /// The rate of `count` in `of`; None when `of` is 0 or `count` exceeds it.
    pub fn of(count: u32, of: u32) -> Option<Rate> {
        let (low, high) = wilson(count, of, WILSON_Z)?;
        Some(Rate {
            count,
            of,
            share: f64::from(count) / f64::from(of),
            low,
            high,
        })
    }
}

/// The Wilson score interval for `count` successes in `n` trials at normal quantile `z`
/// (Wilson 1927; Newcombe 1998, method 3): None when `n` is 0 or `count` > `n`.
pub fn wilson(count: u32, n: u32, z: f64) -> Option<(f64, f64)> {
    if n == 0 || count > n {
        return None;
    }
    let n = f64::from(n);
    let p = f64::from(count) / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // Rounding must not put the point estimate outside its own interval.
    let low = (centre - half).clamp(0.0, 1.0).min(p);
    let high = (centre + half).clamp(0.0, 1.0).max(p);
    Some((low, high))
}

/// What a cell of a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "shown", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing to count.
    Empty,
    /// Too few to show without identifying someone (fewer than [`MIN_CELL`]).
    TooFew,
    Rate(Rate),
}

/// The cell for `count` of `of`: a cell that names a clinician or a group (`names` true) is
/// shown only from [`MIN_CELL`] cases; one that names nobody is shown whatever its size.
pub fn cell(count: u32, of: u32, names: bool) -> Cell {
    if names && of < MIN_CELL && of > 0 {
        return Cell::TooFew;
    }
    match Rate::of(count, of) {
        Some(r) => Cell::Rate(r),
        None => Cell::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.000_05
    }

    /// Newcombe (1998), Table I, method 3 (Wilson score without continuity correction).
    #[test]
    fn published_values() {
        for (k, n, lo, hi) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let (l, h) = wilson(k, n, WILSON_Z).unwrap();
            assert!(
                (l - lo).abs() < 0.000_051 && (h - hi).abs() < 0.000_051,
                "{k}/{n}: {l} {h}"
            );
        }
        let r = Rate::of(3, 6).unwrap();
        assert!(close(r.share, 0.5));
        assert!(close(r.low + r.high, 1.0), "symmetric around a half");
    }

    #[test]
    fn nothing_to_count() {
        assert_eq!(wilson(0, 0, WILSON_Z), None);
        assert_eq!(wilson(3, 2, WILSON_Z), None);
        assert_eq!(cell(0, 0, true), Cell::Empty);
        assert_eq!(cell(0, 0, false), Cell::Empty);
    }

    #[test]
    fn small_cells_that_name_someone_are_hidden() {
        assert_eq!(cell(2, 4, true), Cell::TooFew);
        assert!(matches!(cell(2, 5, true), Cell::Rate(r) if r.of == 5 && r.count == 2));
        assert!(matches!(cell(2, 4, false), Cell::Rate(_)));
    }

    proptest! {
        #[test]
        fn the_interval_is_in_0_1_and_holds_the_estimate(n in 1u32..5_000, k in 0u32..5_000) {
            let k = k % (n + 1);
            let r = Rate::of(k, n).unwrap();
            prop_assert!(0.0 <= r.low && r.low <= r.share && r.share <= r.high && r.high <= 1.0);
        }

        #[test]
        fn it_narrows_as_n_grows(n in 1u32..2_000, k in 0u32..2_000, times in 2u32..10) {
            let k = k % (n + 1);
            let a = Rate::of(k, n).unwrap();
            let b = Rate::of(k * times, n * times).unwrap();
            prop_assert!(b.high - b.low < a.high - a.low);
        }
    }
}
