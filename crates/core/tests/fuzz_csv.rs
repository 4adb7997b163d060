//! The CSV cells of the data export and the outcome report under arbitrary text: a row reads
//! back (RFC 4180) as the texts written, and no cell starts as a spreadsheet formula (`=`, `+`,
//! `-`, `@`, tab, carriage return): those are written after a `'`.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use rapport_core::export::csv_cell;

/// One record of RFC 4180 text (no line break outside quotes), cell by cell.
fn read_row(line: &str) -> Option<Vec<String>> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') if at_start => quoted = true,
            (false, '"') => return None,
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut()?.push('"');
            }
            (true, '"') => {
                quoted = false;
                if !matches!(chars.peek(), None | Some(',')) {
                    return None;
                }
            }
            (false, ',') => {
                cells.push(String::new());
                at_start = true;
                continue;
            }
            (false, '\r' | '\n') => return None,
            (_, c) => cells.last_mut()?.push(c),
        }
        at_start = false;
    }
    (!quoted).then_some(cells)
}

const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

proptest! {
    #[test]
    fn a_row_reads_back_and_runs_nothing(texts in prop::collection::vec("(.|[=+@\t\r\n\",-])*", 1..6)) {
        let line = texts.iter().map(|t| csv_cell(t)).collect::<Vec<_>>().join(",");
        let cells = read_row(&line);
        prop_assert!(cells.is_some(), "not RFC 4180: {line:?}");
        let cells = cells.unwrap_or_default();
        prop_assert_eq!(cells.len(), texts.len());
        for (cell, text) in cells.iter().zip(&texts) {
            prop_assert!(!cell.starts_with(FORMULA), "{cell:?}");
            if text.starts_with(FORMULA) {
                prop_assert_eq!(cell, &format!("'{text}"));
            } else {
                prop_assert_eq!(cell, text);
            }
        }
    }
}
