//! PostgreSQL's `COPY` text format: one line per row, columns separated by tabs, `\N` for
//! NULL, and backslash escapes for the characters that would break a line.

use std::fmt::Write;

use sea_orm::Value;

use crate::{Error, Result};

/// Appends one row, as a line, to `out`.
pub(super) fn encode_line(values: &[Value], out: &mut String) -> Result<()> {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        encode(v, out)?;
    }
    out.push('\n');
    Ok(())
}

fn encode(v: &Value, out: &mut String) -> Result<()> {
    const NULL: &str = "\\N";
    let written = match v {
        Value::Bool(b) => b.map(|b| out.push(if b { 't' } else { 'f' })),
        Value::SmallInt(n) => n.map(|n| push_display(out, n)),
        Value::Int(n) => n.map(|n| push_display(out, n)),
        Value::BigInt(n) => n.map(|n| push_display(out, n)),
        Value::String(s) => s.as_deref().map(|s| escape(s, out)),
        Value::Uuid(u) => u.map(|u| push_display(out, u.hyphenated())),
        Value::ChronoDate(d) => d.map(|d| push_display(out, d.format("%Y-%m-%d"))),
        Value::ChronoDateTimeUtc(t) => {
            t.map(|t| push_display(out, t.format("%Y-%m-%d %H:%M:%S%.6f+00")))
        }
        other => {
            return Err(Error::Config(format!(
                "bulk COPY cannot write a value of this type: {other:?}"
            )));
        }
    };
    if written.is_none() {
        out.push_str(NULL);
    }
    Ok(())
}

fn push_display(out: &mut String, v: impl std::fmt::Display) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{v}");
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn encodes_each_type_and_null() {
        let mut out = String::new();
        encode_line(
            &[
                Value::from(uuid::Uuid::nil()),
                Value::from("a\tb\\c\nd"),
                Value::from(7i16),
                Value::from(true),
                Value::from(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
                Value::from(Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 5).unwrap()),
                Value::from(None::<String>),
            ],
            &mut out,
        )
        .unwrap();
        assert_eq!(
            out,
            "00000000-0000-0000-0000-000000000000\ta\\tb\\\\c\\nd\t7\tt\t2026-11-23\t\
             2026-11-23 09:30:05.000000+00\t\\N\n"
        );
    }
}
