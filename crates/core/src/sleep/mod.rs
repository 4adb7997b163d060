//! The sleep diary (issue 22): bedtime, time to fall asleep, minutes awake in the night, wake
//! time and rise time; sleep efficiency = time asleep ÷ time in bed.
//!
//! Times are the client's clock times; a night runs from bedtime to rise time, over midnight
//! when the rise time is earlier in the day than the bedtime. Time asleep is from bedtime to
//! the final waking, less the time to fall asleep and the minutes awake.

use chrono::NaiveTime;

use crate::{Error, Result};

/// At most this many minutes to fall asleep, or awake in the night.
pub const MAX_MINUTES: u16 = 720;

/// One night, as the client wrote it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SleepDiary {
    pub bedtime: NaiveTime,
    pub minutes_to_fall_asleep: u16,
    pub awake_minutes: u16,
    pub wake_time: NaiveTime,
    pub rise_time: NaiveTime,
}

/// What a night comes to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SleepNight {
    pub in_bed_minutes: u32,
    pub asleep_minutes: u32,
    /// Asleep ÷ in bed, 0–1.
    pub efficiency: f64,
}

impl SleepNight {
    /// The efficiency as a whole percentage.
    pub fn efficiency_percent(&self) -> u8 {
        (self.efficiency * 100.0).round().clamp(0.0, 100.0) as u8
    }
}

/// Minutes from `from` to `to`, going forward over midnight when needed (0 when equal).
fn forward(from: NaiveTime, to: NaiveTime) -> u32 {
    let m = (to - from).num_minutes().rem_euclid(24 * 60);
    u32::try_from(m).unwrap_or(0)
}

/// Computes the night, or says what to fix.
pub fn sleep_night(d: &SleepDiary) -> Result<SleepNight> {
    if d.minutes_to_fall_asleep > MAX_MINUTES {
        return Err(Error::invalid(
            "minutes_to_fall_asleep",
            "Enter the minutes it took to fall asleep, from 0 to 720.",
        ));
    }
    if d.awake_minutes > MAX_MINUTES {
        return Err(Error::invalid(
            "awake_minutes",
            "Enter the minutes awake in the night, from 0 to 720.",
        ));
    }
    let in_bed = forward(d.bedtime, d.rise_time);
    if in_bed == 0 {
        return Err(Error::invalid(
            "rise_time",
            "The time you got up must differ from your bedtime.",
        ));
    }
    let to_wake = forward(d.bedtime, d.wake_time);
    if to_wake > in_bed {
        return Err(Error::invalid(
            "wake_time",
            "The time you woke must be between your bedtime and the time you got up.",
        ));
    }
    let lying_awake = u32::from(d.minutes_to_fall_asleep) + u32::from(d.awake_minutes);
    let asleep = to_wake.saturating_sub(lying_awake);
    Ok(SleepNight {
        in_bed_minutes: in_bed,
        asleep_minutes: asleep,
        efficiency: f64::from(asleep) / f64::from(in_bed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    // Issue 22: "sleep efficiency computed in core (time asleep ÷ time in bed)".
    #[test]
    fn a_night_over_midnight() {
        let n = sleep_night(&SleepDiary {
            bedtime: t(23, 0),
            minutes_to_fall_asleep: 30,
            awake_minutes: 30,
            wake_time: t(6, 30),
            rise_time: t(7, 0),
        })
        .unwrap();
        assert_eq!((n.in_bed_minutes, n.asleep_minutes), (480, 390));
        assert_eq!(n.efficiency_percent(), 81);
    }

    #[test]
    fn bad_nights_name_the_field() {
        let mut d = SleepDiary {
            bedtime: t(23, 0),
            minutes_to_fall_asleep: 0,
            awake_minutes: 0,
            wake_time: t(8, 0),
            rise_time: t(7, 0),
        };
        assert_eq!(sleep_night(&d).unwrap_err().field, "wake_time");
        d.wake_time = t(6, 0);
        d.rise_time = t(23, 0);
        assert_eq!(sleep_night(&d).unwrap_err().field, "rise_time");
        d.rise_time = t(7, 0);
        d.awake_minutes = 721;
        assert_eq!(sleep_night(&d).unwrap_err().field, "awake_minutes");
        // Lying awake longer than the night: asleep 0, never negative.
        d.awake_minutes = 700;
        assert_eq!(sleep_night(&d).unwrap().asleep_minutes, 0);
    }

    proptest! {
        #[test]
        fn efficiency_is_a_share(
            bed in 0u32..1440, wake in 0u32..1440, rise in 0u32..1440,
            fall in 0u16..=720, awake in 0u16..=720,
        ) {
            let at = |m: u32| t(m / 60, m % 60);
            let d = SleepDiary {
                bedtime: at(bed),
                minutes_to_fall_asleep: fall,
                awake_minutes: awake,
                wake_time: at(wake),
                rise_time: at(rise),
            };
            if let Ok(n) = sleep_night(&d) {
                prop_assert!(n.asleep_minutes <= n.in_bed_minutes);
                prop_assert!((0.0..=1.0).contains(&n.efficiency));
                prop_assert!(n.in_bed_minutes > 0 && n.in_bed_minutes < 1440);
            }
        }
    }
}
