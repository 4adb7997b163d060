//! The crisis file (`--crisis-file`, `label | href | button text` a line) under arbitrary
//! input: reading never panics; what it accepts has a safe link on every line, fields without
//! the separator and trimmed; and what it accepts, written back, reads the same.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use rapport_web::CrisisResources;

fn write(r: &CrisisResources) -> String {
    r.lines
        .iter()
        .map(|l| format!("{} | {} | {}\n", l.label, l.href, l.action))
        .collect()
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![".{0,30}", "[a-zA-Z0-9 ]{1,20}", Just(String::new())]
}

fn href() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,20}",
        "(tel:|sms:|https://|http://|javascript:|TEL:| tel:)[^|\n]{0,20}",
    ]
}

/// A file of lines that look like the format, with comments, blanks and junk among them.
fn file() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => (field(), href(), field()).prop_map(|(l, h, a)| format!("{l} | {h} | {a}")),
        1 => "#.{0,20}",
        1 => "[ \t]{0,3}",
        1 => ".{0,40}",
        1 => "[|]{1,4}",
    ];
    (prop::collection::vec(line, 0..8), prop_oneof!["\n", "\r\n"])
        .prop_map(|(lines, end)| lines.join(&end))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let Ok(r) = CrisisResources::parse(text) else {
        return Ok(());
    };
    prop_assert!(!r.lines.is_empty());
    for l in &r.lines {
        prop_assert!(
            ["tel:", "sms:", "https://"]
                .iter()
                .any(|p| l.href.starts_with(p)),
            "{:?}",
            l.href
        );
        for f in [&l.label, &l.href, &l.action] {
            prop_assert!(!f.contains(['|', '\n']), "{f:?}");
            prop_assert_eq!(f.trim(), f.as_str());
        }
    }
    let again = CrisisResources::parse(&write(&r));
    prop_assert_eq!(again.as_ref(), Ok(&r));
    Ok(())
}

proptest! {
    #[test]
    fn any_text_is_read_or_refused(text in ".{0,400}") {
        check(&text)?;
    }

    #[test]
    fn files_near_the_format_are_read_or_refused(text in file()) {
        check(&text)?;
    }
}
