//! The demo's medication (issue 22): the psychiatrist writes each of their clients' lists from
//! the intake a few days in; over the last weeks those clients rate their side effects weekly
//! (FIBSER). Two stories stand out: Alex Morgan takes sertraline with little bother, while Liam
//! O'Connor's burden from bupropion rises week by week as he misses more doses "because of side
//! effects" — the side-effects flag reaches the psychiatrist.

use chrono::{DateTime, Duration, Utc};
use rapport_app::medication::{NewMedicine, set_medications};
use rapport_app::{Actor, App, Result};

use super::clients::{Profile, Story};
use super::history::vary;
use super::practice::Seat;

/// Weeks of FIBSER before now.
pub(super) const FIBSER_WEEKS: i64 = 8;

/// Medicines for depression among those the intakes name.
const ANTIDEPRESSANTS: [&str; 6] = [
    "Sertraline",
    "Escitalopram",
    "Mirtazapine",
    "Bupropion",
    "Fluoxetine",
    "Venlafaxine",
];

/// "50 mg every morning" → ("50 mg", "Every morning").
fn dose_and_schedule(text: &str) -> (String, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 2 {
        return (text.to_string(), "As prescribed".into());
    }
    let rest = words[2..].join(" ");
    let mut chars = rest.chars();
    let schedule = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "As prescribed".into(),
    };
    (words[..2].join(" "), schedule)
}

/// The psychiatrist writes the client's list from their intake's medicines.
pub(super) async fn write_list(
    app: &App,
    psychiatrist: &Actor,
    seat: &Seat,
    at: DateTime<Utc>,
) -> Result<()> {
    let Some(intake) = super::plans::intake_of(seat.name) else {
        return Ok(());
    };
    let started = (at - Duration::days(40)).date_naive();
    let list: Vec<NewMedicine> = intake
        .medicines
        .iter()
        .map(|(name, dose, by)| {
            let (dose, schedule) = dose_and_schedule(dose);
            NewMedicine {
                name: (*name).to_string(),
                dose,
                schedule,
                prescriber: (*by != psychiatrist.name.as_str()).then(|| (*by).to_string()),
                started_on: Some(started),
                stopped_on: None,
                stop_reason: None,
                for_depression: Some(ANTIDEPRESSANTS.contains(name)),
            }
        })
        .collect();
    if list.is_empty() {
        return Ok(());
    }
    set_medications(app, psychiatrist, seat.id, list).await?;
    Ok(())
}

/// The FIBSER answers (frequency, intensity, burden) `weeks_back` weeks before now.
pub(super) fn fibser_of(index: usize, p: &Profile, weeks_back: i64) -> Vec<Option<i64>> {
    let burden = match p.story {
        // Rising: 1 eight weeks ago, 5 last week.
        Story::MissedMedication => [5, 4, 4, 3, 2, 2, 1, 1]
            .get(usize::try_from(weeks_back).unwrap_or(0))
            .copied()
            .unwrap_or(1),
        _ => (vary(index, weeks_back, 31) % 3) as i64,
    };
    let frequency = (burden + 1).min(6);
    let intensity = burden.clamp(1, 6);
    vec![Some(frequency), Some(intensity), Some(burden)]
}

/// Why a dose was missed on `day` (days before today), as the client says on the check-in.
pub(super) fn missed_reason(p: &Profile, day: i64) -> Option<String> {
    match p.story {
        Story::MissedMedication if day >= -7 => Some("side_effects".into()),
        _ if day.rem_euclid(2) == 0 => Some("forgot".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doses_and_schedules_read_apart() {
        assert_eq!(
            dose_and_schedule("50 mg every morning"),
            ("50 mg".into(), "Every morning".into())
        );
        assert_eq!(
            dose_and_schedule("10 mg"),
            ("10 mg".into(), "As prescribed".into())
        );
    }
}
