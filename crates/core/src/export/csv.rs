//! CSV as RFC 4180 says (comma, CRLF, quotes doubled), made safe to open in a spreadsheet.

/// One cell. Text that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is prefixed with an apostrophe, so that it shows as
/// written and runs nothing (OWASP "CSV injection"). A cell with a comma, quote or line break
/// is quoted.
pub fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A table: the header row, then one row per item.
pub(super) struct Table(String);

impl Table {
    pub(super) fn new(header: &[&str]) -> Self {
        let mut t = Table(String::new());
        t.row(header.iter().map(|h| h.to_string()));
        t
    }

    pub(super) fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        let line: Vec<String> = cells.into_iter().map(|c| cell(&c)).collect();
        self.0.push_str(&line.join(","));
        self.0.push_str("\r\n");
    }

    pub(super) fn finish(self) -> String {
        self.0
    }
}
