//! Placing a band's label where the data is not: a few candidate spots inside the band,
//! the first one clear of every line, point and flag wins.

use super::svg::{FONT, text_width};

/// An axis-aligned box: x0 ≤ x1, y0 ≤ y1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    fn contains(&self, x: f64, y: f64) -> bool {
        self.x0 <= x && x <= self.x1 && self.y0 <= y && y <= self.y1
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 <= o.x1 && o.x0 <= self.x1 && self.y0 <= o.y1 && o.y0 <= self.y1
    }

    /// Does the segment (ax, ay)–(bx, by) cross or touch this box? (Liang–Barsky.)
    fn hit_by_segment(&self, (ax, ay): (f64, f64), (bx, by): (f64, f64)) -> bool {
        if self.contains(ax, ay) || self.contains(bx, by) {
            return true;
        }
        let (dx, dy) = (bx - ax, by - ay);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, ax - self.x0),
            (dx, self.x1 - ax),
            (-dy, ay - self.y0),
            (dy, self.y1 - ay),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// What a label must keep clear of.
#[derive(Debug, Default)]
pub(super) struct Obstacles {
    /// Polylines, each as its points.
    pub lines: Vec<Vec<(f64, f64)>>,
    /// Boxes around points and flags.
    pub boxes: Vec<Rect>,
}

impl Obstacles {
    /// How badly `r` runs into things: 4 for each point or flag, 1 for each line segment
    /// (a label over a line stays readable on its halo; over a point it hides data).
    pub fn hits(&self, r: &Rect) -> usize {
        let on_lines: usize = self
            .lines
            .iter()
            .map(|l| {
                l.windows(2)
                    .filter(|s| r.hit_by_segment(s[0], s[1]))
                    .count()
            })
            .sum();
        on_lines + 4 * self.boxes.iter().filter(|b| b.overlaps(r)).count()
    }
}

/// Where a label goes: `x` with its anchor, and the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Spot {
    pub x: f64,
    pub baseline: f64,
    pub anchor_end: bool,
}

impl Spot {
    /// The box the label's glyphs (and their halo) cover.
    pub fn rect(&self, width: f64) -> Rect {
        let (x0, x1) = if self.anchor_end {
            (self.x - width, self.x)
        } else {
            (self.x, self.x + width)
        };
        Rect {
            x0: x0 - 2.0,
            x1: x1 + 2.0,
            y0: self.baseline - FONT * 0.78 - 2.0,
            y1: self.baseline + FONT * 0.22 + 2.0,
        }
    }
}

/// The best spot for `label` in the band between `top` and `bottom` of a plot spanning
/// `left`–`right`: the right edge first, then the left edge, then three places between; in
/// each the middle of the band, then its top, then its bottom. The first clear spot wins,
/// else the one that hides least.
pub(super) fn band_label(
    label: &str,
    (left, right): (f64, f64),
    (top, bottom): (f64, f64),
    obstacles: &Obstacles,
) -> Spot {
    let width = text_width(label, FONT);
    let middle = (top + bottom) / 2.0 + FONT * 0.28;
    let high = top + FONT * 0.78 + 3.0;
    let low = bottom - FONT * 0.22 - 3.0;
    let free = (right - left - 10.0 - width).max(0.0);
    let mut xs = vec![(right - 5.0, true), (left + 5.0, false)];
    xs.extend([0.25, 0.5, 0.75].map(|f| (left + 5.0 + free * f, false)));
    let first = Spot {
        x: right - 5.0,
        baseline: middle,
        anchor_end: true,
    };
    let mut best: Option<(usize, Spot)> = None;
    for (x, anchor_end) in xs {
        for baseline in [middle, high, low] {
            if baseline < high - 0.01 || baseline > low + 0.01 {
                continue; // the band is too thin for this spot
            }
            let spot = Spot {
                x,
                baseline,
                anchor_end,
            };
            let hits = obstacles.hits(&spot.rect(width));
            if hits == 0 {
                return spot;
            }
            if best.is_none_or(|(h, _)| hits < h) {
                best = Some((hits, spot));
            }
        }
    }
    best.map_or(first, |(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_boxes() {
        let r = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        assert!(r.hit_by_segment((-5.0, 5.0), (15.0, 5.0)));
        assert!(r.hit_by_segment((5.0, 5.0), (50.0, 50.0)));
        assert!(!r.hit_by_segment((-5.0, -5.0), (-1.0, 20.0)));
        assert!(!r.hit_by_segment((11.0, 0.0), (20.0, 10.0)));
        assert!(r.hit_by_segment((-5.0, 15.0), (15.0, -5.0)));
        assert!(r.overlaps(&Rect {
            x0: 9.0,
            y0: 9.0,
            x1: 20.0,
            y1: 20.0
        }));
        assert!(!r.overlaps(&Rect {
            x0: 11.0,
            y0: 0.0,
            x1: 20.0,
            y1: 5.0
        }));
    }

    #[test]
    fn moves_away_from_the_data() {
        let band = (100.0, 140.0);
        let plot = (30.0, 312.0);
        let clear = band_label("mild", plot, band, &Obstacles::default());
        assert!(clear.anchor_end);
        // A line through the middle of the band's right end: the label goes up or down.
        let obstacles = Obstacles {
            lines: vec![vec![(200.0, 120.0), (312.0, 120.0)]],
            boxes: vec![],
        };
        let s = band_label("mild", plot, band, &obstacles);
        assert!(s.anchor_end && s.baseline != clear.baseline);
        assert_eq!(obstacles.hits(&s.rect(text_width("mild", FONT))), 0);
        // The whole band's right half taken: the left edge.
        let obstacles = Obstacles {
            lines: vec![],
            boxes: vec![Rect {
                x0: 150.0,
                y0: 90.0,
                x1: 320.0,
                y1: 150.0,
            }],
        };
        let s = band_label("mild", plot, band, &obstacles);
        assert!(!s.anchor_end);
    }
}
