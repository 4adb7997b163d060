//! Observations: what a consented family member noticed about a client — ticks of the
//! client's own warning signs and a short note — and a clinician's reason for hiding one from
//! the client (CLINICAL.md "warning signs": a family member's reports count the same as the
//! client's, each day once).

use crate::{Error, Result};

/// The longest note a family member may add.
pub const MAX_NOTE_CHARS: usize = 500;
/// The most signs one observation may tick (a client has few signs; this only bounds input).
pub const MAX_SIGNS: usize = 50;
/// The longest reason a clinician may give for hiding an observation.
pub const MAX_REASON_CHARS: usize = 500;

/// An observation as checked: the ticked signs (duplicates dropped, order kept) and the note
/// trimmed (`None` when blank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedObservation<T> {
    pub signs: Vec<T>,
    pub note: Option<String>,
}

/// Checks an observation: at least one sign or a note; the note at most
/// [`MAX_NOTE_CHARS`]; at most [`MAX_SIGNS`] signs. Errors name the field.
pub fn check<T: PartialEq + Clone>(
    signs: &[T],
    note: Option<&str>,
) -> Result<CheckedObservation<T>> {
    if signs.len() > MAX_SIGNS {
        return Err(Error::invalid(
            "warning_signs",
            "Tick fewer signs: one observation holds at most 50.",
        ));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = note
        && n.chars().count() > MAX_NOTE_CHARS
    {
        return Err(Error::invalid(
            "note",
            "Keep the note to 500 characters or fewer.",
        ));
    }
    if signs.is_empty() && note.is_none() {
        return Err(Error::invalid(
            "warning_signs",
            "Tick at least one sign, or write a short note.",
        ));
    }
    let mut unique: Vec<T> = Vec::with_capacity(signs.len());
    for s in signs {
        if !unique.contains(s) {
            unique.push(s.clone());
        }
    }
    Ok(CheckedObservation {
        signs: unique,
        note: note.map(str::to_string),
    })
}

/// Checks a clinician's reason for hiding an observation from the client: required, at most
/// [`MAX_REASON_CHARS`].
pub fn check_hide_reason(reason: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Record the safety reason for hiding this from the client.",
        ));
    }
    if r.chars().count() > MAX_REASON_CHARS {
        return Err(Error::invalid(
            "reason",
            "Keep the reason to 500 characters or fewer.",
        ));
    }
    Ok(r.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_or_a_note_is_needed() {
        assert_eq!(check::<u8>(&[], None).unwrap_err().field, "warning_signs");
        assert_eq!(
            check::<u8>(&[], Some("  ")).unwrap_err().field,
            "warning_signs"
        );
        let only_note = check::<u8>(&[], Some(" Slept all day ")).unwrap();
        assert_eq!(only_note.note.as_deref(), Some("Slept all day"));
        let only_sign = check(&[1, 1, 2], None).unwrap();
        assert_eq!(only_sign.signs, [1, 2]);
        assert_eq!(only_sign.note, None);
    }

    #[test]
    fn limits_name_their_field() {
        let long = "a".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(check(&[1], Some(&long)).unwrap_err().field, "note");
        assert!(check(&[1], Some(&"é".repeat(MAX_NOTE_CHARS))).is_ok());
        let many: Vec<usize> = (0..=MAX_SIGNS).collect();
        assert_eq!(check(&many, None).unwrap_err().field, "warning_signs");
        assert_eq!(check_hide_reason(" ").unwrap_err().field, "reason");
        assert_eq!(
            check_hide_reason(&"a".repeat(MAX_REASON_CHARS + 1))
                .unwrap_err()
                .field,
            "reason"
        );
        assert_eq!(
            check_hide_reason(" Risk to the sister ").unwrap(),
            "Risk to the sister"
        );
    }
}
