//! The summary row's two lists as compact text (no JSON columns or arrays in the schema):
//! the sparkline `"1733400000:14,1734004800:12"` and the flags
//! `"<uuid>:safety:critical:open,<uuid>:relapse:high:acknowledged"`. Neither holds free text.

use uuid::Uuid;

use super::FlagRef;
use crate::{Error, Result};

fn bad(what: &str) -> Error {
    Error::Db(sea_orm::DbErr::Custom(format!(
        "client_summaries: unreadable {what}"
    )))
}

pub(super) fn recent_to(recent: &[(i64, i16)]) -> String {
    recent
        .iter()
        .map(|(at, total)| format!("{at}:{total}"))
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn recent_from(text: &str) -> Result<Vec<(i64, i16)>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|point| {
            let (at, total) = point.split_once(':').ok_or_else(|| bad("sparkline"))?;
            Ok((
                at.parse().map_err(|_| bad("sparkline"))?,
                total.parse().map_err(|_| bad("sparkline"))?,
            ))
        })
        .collect()
}

pub(super) fn flags_to(flags: &[FlagRef]) -> String {
    flags
        .iter()
        .map(|f| format!("{}:{}:{}:{}", f.id, f.kind, f.level, f.status))
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn flags_from(text: &str) -> Result<Vec<FlagRef>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|flag| {
            let mut parts = flag.split(':');
            let mut next = || parts.next().ok_or_else(|| bad("flags"));
            Ok(FlagRef {
                id: Uuid::parse_str(next()?).map_err(|_| bad("flags"))?,
                kind: next()?.to_string(),
                level: next()?.to_string(),
                status: next()?.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lists_read_back_as_written() {
        let recent = vec![(1_733_400_000, 14), (1_734_004_800, 0), (-5, 27)];
        assert_eq!(recent_from(&recent_to(&recent)).ok(), Some(recent));
        assert_eq!(recent_from("").ok(), Some(vec![]));
        let flags = vec![
            FlagRef {
                id: Uuid::from_u128(7),
                kind: "safety".into(),
                level: "critical".into(),
                status: "open".into(),
            },
            FlagRef {
                id: Uuid::from_u128(9),
                kind: "not_on_track".into(),
                level: "medium".into(),
                status: "acknowledged".into(),
            },
        ];
        assert_eq!(flags_from(&flags_to(&flags)).ok(), Some(flags));
        assert!(flags_from("nonsense").is_err());
    }
}
