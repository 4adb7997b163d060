//! The medication list: what a valid list is, which medicines are current, and whether the
//! weekly FIBSER is due (CLINICAL.md FIBSER: "weekly while a medicine for depression is
//! listed").

use chrono::NaiveDate;

use crate::text::{at_most, required};
use crate::{Error, Result};

/// More than this many medicines is a mistake, not a list.
pub const MAX_MEDICINES: usize = 30;
pub const MAX_NAME_CHARS: usize = 120;
/// Dose and schedule.
pub const MAX_SHORT_CHARS: usize = 120;
pub const MAX_REASON_CHARS: usize = 1_000;

/// One medicine on the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Medicine {
    pub name: String,
    pub dose: String,
    pub schedule: String,
    pub started_on: Option<NaiveDate>,
    pub stopped_on: Option<NaiveDate>,
    pub stop_reason: Option<String>,
    /// A medicine for depression: while one is current, the FIBSER is due weekly. Rapport is
    /// for depression, so a medicine is taken to be for it unless the prescriber says not.
    pub for_depression: bool,
}

fn field(i: usize, name: &str) -> String {
    format!("medications[{i}].{name}")
}

/// Refuses a list that is not one a prescriber means, naming the first field to fix.
pub fn check_list(list: &[Medicine]) -> Result<()> {
    if list.len() > MAX_MEDICINES {
        return Err(Error::invalid(
            "medications",
            format!("List at most {MAX_MEDICINES} medicines."),
        ));
    }
    for (i, m) in list.iter().enumerate() {
        required(&field(i, "name"), &m.name, "Enter the medicine's name.")?;
        at_most(&field(i, "name"), &m.name, MAX_NAME_CHARS)?;
        required(
            &field(i, "dose"),
            &m.dose,
            "Enter the dose, for example 50 mg.",
        )?;
        at_most(&field(i, "dose"), &m.dose, MAX_SHORT_CHARS)?;
        required(
            &field(i, "schedule"),
            &m.schedule,
            "Enter when it is taken, for example once a day in the morning.",
        )?;
        at_most(&field(i, "schedule"), &m.schedule, MAX_SHORT_CHARS)?;
        if m.started_on.is_none() {
            return Err(Error::invalid(
                field(i, "started_on"),
                "Enter the day the medicine was started (or the best guess).",
            ));
        }
        if let (Some(start), Some(stop)) = (m.started_on, m.stopped_on)
            && stop < start
        {
            return Err(Error::invalid(
                field(i, "stopped_on"),
                "The day it was stopped cannot be before the day it was started.",
            ));
        }
        let reason = m.stop_reason.as_deref().unwrap_or("");
        if m.stopped_on.is_none() && !reason.trim().is_empty() {
            return Err(Error::invalid(
                field(i, "stopped_on"),
                "Enter the day it was stopped, or leave the reason empty.",
            ));
        }
        at_most(&field(i, "stop_reason"), reason, MAX_REASON_CHARS)?;
    }
    Ok(())
}

/// Whether the medicine is taken on `today`: started (or no start given) and not stopped by
/// then. A medicine stopped today is no longer current.
pub fn is_current(m: &Medicine, today: NaiveDate) -> bool {
    m.started_on.is_none_or(|s| s <= today) && m.stopped_on.is_none_or(|s| s > today)
}

/// Whether the weekly FIBSER is due: a current medicine for depression is listed.
pub fn fibser_due(list: &[Medicine], today: NaiveDate) -> bool {
    list.iter()
        .any(|m| m.for_depression && is_current(m, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn sertraline() -> Medicine {
        Medicine {
            name: "Sertraline".into(),
            dose: "50 mg".into(),
            schedule: "Once a day, morning".into(),
            started_on: Some(day(1)),
            for_depression: true,
            ..Medicine::default()
        }
    }

    #[test]
    fn a_valid_list_passes_and_errors_name_the_field() {
        assert!(check_list(&[sertraline()]).is_ok());
        assert!(check_list(&[]).is_ok());
        let mut m = sertraline();
        m.dose = " ".into();
        let e = check_list(&[sertraline(), m]).unwrap_err();
        assert_eq!(e.field, "medications[1].dose");
        let mut m = sertraline();
        m.stopped_on = Some(day(1).pred_opt().unwrap());
        assert_eq!(
            check_list(&[m]).unwrap_err().field,
            "medications[0].stopped_on"
        );
        let mut m = sertraline();
        m.stop_reason = Some("side effects".into());
        assert_eq!(
            check_list(&[m]).unwrap_err().field,
            "medications[0].stopped_on"
        );
        let mut m = sertraline();
        m.started_on = None;
        assert_eq!(
            check_list(&[m]).unwrap_err().field,
            "medications[0].started_on"
        );
        let too_many = vec![sertraline(); MAX_MEDICINES + 1];
        assert_eq!(check_list(&too_many).unwrap_err().field, "medications");
    }

    // CLINICAL.md FIBSER: "Weekly while a medicine for depression is listed".
    #[test]
    fn fibser_is_due_while_a_medicine_for_depression_is_current() {
        let mut m = sertraline();
        assert!(fibser_due(&[m.clone()], day(2)));
        assert!(!fibser_due(&[m.clone()], day(1).pred_opt().unwrap()));
        m.stopped_on = Some(day(10));
        assert!(fibser_due(&[m.clone()], day(9)));
        assert!(!fibser_due(&[m.clone()], day(10)));
        let mut other = sertraline();
        other.for_depression = false;
        assert!(!fibser_due(&[other], day(2)));
        assert!(!fibser_due(&[], day(2)));
    }

    proptest! {
        #[test]
        fn current_means_between_start_and_stop(s in 1u32..28, len in 0u32..10, t in 1u32..28) {
            let mut m = sertraline();
            m.started_on = Some(day(s));
            m.stopped_on = (s + len <= 28).then(|| day(s + len));
            let today = day(t);
            let expected = t >= s && m.stopped_on.is_none_or(|stop| today < stop);
            prop_assert_eq!(is_current(&m, today), expected);
        }
    }
}
