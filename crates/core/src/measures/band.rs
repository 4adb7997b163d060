use super::instrument::Instrument;

string_enum! {
    /// A severity band of a total score. The words are the API's.
    #[derive(PartialOrd, Ord)]
    Band {
        Minimal => "minimal", "Minimal";
        Mild => "mild", "Mild";
        Moderate => "moderate", "Moderate";
        ModeratelySevere => "moderately_severe", "Moderately severe";
        Severe => "severe", "Severe";
    }
}

/// The totals `min..=max` fall in `band`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandRange {
    pub band: Band,
    pub min: u8,
    pub max: u8,
}

impl Band {
    /// The band of `total` on `instrument`; `None` where the instrument has no bands or the
    /// total is out of its range.
    pub fn of(instrument: Instrument, total: u8) -> Option<Band> {
        instrument
            .definition()
            .bands
            .iter()
            .find(|r| (r.min..=r.max).contains(&total))
            .map(|r| r.band)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_round_trip() {
        for b in Band::ALL {
            assert_eq!(Band::parse(b.as_str()), Some(*b));
        }
        assert_eq!(Band::ModeratelySevere.as_str(), "moderately_severe");
        assert_eq!(Band::parse("moderately severe"), None);
    }

    // CLINICAL.md, PHQ-9 "Bands" and GAD-7 "bands": the ranges cover 0..=max without gaps.
    #[test]
    fn bands_cover_every_total_once() {
        for i in Instrument::ALL {
            let d = i.definition();
            if d.bands.is_empty() {
                continue;
            }
            assert_eq!(d.bands[0].min, 0);
            assert_eq!(d.bands[d.bands.len() - 1].max, d.max_total);
            for w in d.bands.windows(2) {
                assert_eq!(w[0].max + 1, w[1].min, "{i:?}");
                assert!(w[0].band < w[1].band);
            }
            assert_eq!(Band::of(*i, d.max_total + 1), None);
        }
        assert_eq!(Band::of(Instrument::Phq2, 3), None);
        assert_eq!(Band::of(Instrument::Who5, 3), None);
    }

    proptest! {
        // CLINICAL.md bands: a higher total never has a lower band.
        #[test]
        fn band_is_monotone_in_total(a in 0u8..=27, b in 0u8..=27) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(Band::of(Instrument::Phq9, lo) <= Band::of(Instrument::Phq9, hi));
            let (lo, hi) = (lo.min(21), hi.min(21));
            prop_assert!(Band::of(Instrument::Gad7, lo) <= Band::of(Instrument::Gad7, hi));
        }
    }
}
