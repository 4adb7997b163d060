//! An alert's evidence in words, from the numbers its rule stored.

use rapport_app::time::Zone;

/// Evidence in words, from the rule's stored numbers, dated on the reader's clock.
pub fn evidence_words(e: &rapport_app::alerts::EvidenceView, zone: Zone) -> String {
    let when = zone.date_time(e.at);
    let items: Vec<serde_json::Value> = serde_json::from_str(&e.detail).unwrap_or_default();
    let parts: Vec<String> = items
        .iter()
        .filter_map(|v| {
            let kind = v.get("type")?.as_str()?;
            let num = |k: &str| v.get(k).and_then(serde_json::Value::as_i64);
            // Days are counted from 1 January 1970 in the client's calendar.
            let day = |k: &str| {
                num(k)
                    .and_then(|d| {
                        chrono::NaiveDate::default().checked_add_signed(chrono::Duration::days(d))
                    })
                    .map(|d| d.format("%a %-d %b").to_string())
                    .unwrap_or_default()
            };
            Some(match kind {
                "phq9" => format!(
                    "PHQ-9 ({}) total {}{}",
                    v.get("role").and_then(|r| r.as_str()).unwrap_or("measure"),
                    num("total")
                        .map(|t| t.to_string())
                        .unwrap_or_else(|| "not scored".into()),
                    num("item9")
                        .map(|i| format!(", item 9 = {i}"))
                        .unwrap_or_default()
                ),
                "gad7" => format!(
                    "GAD-7 ({}) total {}",
                    v.get("role").and_then(|r| r.as_str()).unwrap_or("measure"),
                    num("total").unwrap_or(0)
                ),
                "self_harm_thoughts" => format!(
                    "check-in of {}: answered yes to thoughts of being better off dead or of hurting themself",
                    day("day")
                ),
                "carried_remission" => format!(
                    "remission carried over from the episode that ended {}",
                    num("ended_at")
                        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                        .map(|d| zone.date(d))
                        .unwrap_or_default()
                ),
                "expected_band" => format!(
                    "expected about {:.0}, edge {:.0}",
                    v.get("expected")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0),
                    v.get("edge")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0)
                ),
                "mood" => format!("mood {}", num("mood").unwrap_or(0)),
                "medication_missed" => "medication missed".into(),
                "warning_sign" if v.get("reporter").and_then(|r| r.as_str()) == Some("family_member") => {
                    format!("own warning sign reported by a family member on {}", day("day"))
                }
                "warning_sign" => format!("own warning sign ticked on {}", day("day")),
                "feedback" => format!(
                    "session feedback: heard {}, worked on what they wanted {}, approach fits {}, overall {} (of 10)",
                    num("heard").unwrap_or(0),
                    num("worked_on").unwrap_or(0),
                    num("approach").unwrap_or(0),
                    num("overall").unwrap_or(0)
                ),
                "own_average" => format!(
                    "their own average overall answer was {:.1}",
                    v.get("overall")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0)
                ),
                "sleep" => format!(
                    "slept {:.2} h (usual {:.2} h)",
                    v.get("hours")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0),
                    v.get("median")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0)
                ),
                "remission" => format!("remission low {}", num("low").unwrap_or(0)),
                "risk_assessment" => "risk assessment judged high".into(),
                "no_check_in" => format!(
                    "{} days without a check-in",
                    num("days_without").unwrap_or(0)
                ),
                other => other.replace('_', " "),
            })
        })
        .collect();
    if parts.is_empty() {
        format!("{when}: {}", e.rule.replace('_', " "))
    } else {
        format!("{when}: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(detail: serde_json::Value) -> String {
        evidence_words(
            &rapport_app::alerts::EvidenceView {
                at: chrono::DateTime::from_timestamp(0, 0).unwrap_or_default(),
                rule: "rule".into(),
                detail: detail.to_string(),
                measure_id: None,
            },
            Zone::default(),
        )
    }

    #[test]
    fn the_new_evidence_reads_in_words() {
        let w = words(serde_json::json!([
            {"type": "gad7", "role": "flagged", "at": 0, "total": 12},
            {"type": "gad7", "role": "baseline", "at": 0, "total": 8}
        ]));
        assert!(
            w.contains("GAD-7 (flagged) total 12; GAD-7 (baseline) total 8"),
            "{w}"
        );
        let w = words(serde_json::json!([{"type": "self_harm_thoughts", "day": 20_000}]));
        assert!(
            w.contains("answered yes to thoughts of being better off dead"),
            "{w}"
        );
        let w = words(serde_json::json!([{"type": "carried_remission", "ended_at": 86_400}]));
        assert!(w.contains("ended 2 Jan 1970"), "{w}");
    }
}
