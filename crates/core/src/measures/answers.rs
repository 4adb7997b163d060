//! Reading answers as the API receives them (`[int|null…]`) against a definition.

use super::definition::{Definition, Item};
use super::messages;
use crate::{Error, Result};

/// The API field of the answer at zero-based `index`: `answers[8]` is item 9.
pub(super) fn field(index: usize) -> String {
    format!("answers[{index}]")
}

/// Checks the number of answers and that each given answer is one of its item's.
/// An unanswered item stays `None`; whether that is allowed is the instrument's rule.
pub(super) fn read(def: &Definition, answers: &[Option<i64>]) -> Result<Vec<Option<u8>>> {
    if answers.len() != def.items.len() {
        return Err(Error::invalid(
            "answers",
            messages::wrong_count(def.instrument.label(), def.items.len(), answers.len()),
        ));
    }
    def.items
        .iter()
        .zip(answers)
        .enumerate()
        .map(|(i, (item, answer))| read_one(item, *answer, &field(i)))
        .collect()
}

/// One answer to `item`, reported under `field` when it is not one of the item's answers.
pub(super) fn read_one(item: &Item, answer: Option<i64>, field: &str) -> Result<Option<u8>> {
    match answer {
        None => Ok(None),
        Some(v) => match u8::try_from(v) {
            Ok(v) if item.accepts(v) => Ok(Some(v)),
            _ => Err(Error::invalid(
                field,
                messages::out_of_range(item.number, item.min_value(), item.max_value()),
            )),
        },
    }
}

/// Every item answered, or an error naming the first that is not.
pub(super) fn require_all(def: &Definition, answers: &[Option<u8>]) -> Result<Vec<u8>> {
    def.items
        .iter()
        .zip(answers)
        .enumerate()
        .map(|(i, (item, a))| {
            a.ok_or_else(|| Error::invalid(field(i), messages::choose(item.number)))
        })
        .collect()
}

/// Only the PHQ-9 has a difficulty item; sending one with another instrument is a mistake.
pub(super) fn refuse_difficulty(def: &Definition, difficulty: Option<i64>) -> Result<()> {
    match difficulty {
        None => Ok(()),
        Some(_) => Err(Error::invalid(
            "difficulty",
            messages::difficulty_not_asked(def.instrument.label()),
        )),
    }
}

/// The sum of answers, which are small (at most 27 in all).
pub(super) fn sum(values: impl IntoIterator<Item = u8>) -> u32 {
    values.into_iter().map(u32::from).sum()
}

/// A total known to be at most the instrument's maximum.
pub(super) fn total(sum: u32) -> u8 {
    u8::try_from(sum).unwrap_or(u8::MAX)
}
