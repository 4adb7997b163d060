//! The store keeps enums as words; a view reads them back as core's enums here, once, so that
//! nothing above parses them again. A word core does not know is a broken row, not a mistake
//! of the reader's.

use crate::{Error, Result};

/// `word` as core's enum (`parse` is the enum's own, e.g. `FlagKind::parse`).
pub(crate) fn stored<T>(word: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(word).ok_or_else(|| Error::Internal(format!("unknown stored word {word:?}")))
}

/// [`stored`] for a column that may be empty.
pub(crate) fn stored_opt<T>(
    word: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>> {
    word.map(|w| stored(w, parse)).transpose()
}

#[cfg(test)]
mod tests {
    use rapport_core::alerts::Level;

    use super::*;

    #[test]
    fn known_words_read_back_and_unknown_ones_are_an_internal_error() {
        assert_eq!(stored("high", Level::parse).ok(), Some(Level::High));
        assert!(matches!(
            stored("urgent", Level::parse),
            Err(Error::Internal(_))
        ));
        assert_eq!(stored_opt(None, Level::parse).ok(), Some(None));
        assert_eq!(
            stored_opt(Some("low"), Level::parse).ok(),
            Some(Some(Level::Low))
        );
    }
}
