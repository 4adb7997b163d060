//! An alert's evidence in words, from the numbers its rule stored, in the reader's language
//! (`cl-ev-*` messages; English is byte for byte what it was).

use rapport_app::time::Zone;

use crate::i18n::{self, Arg, Lang};

/// Evidence in words, from the rule's stored numbers, dated on the reader's clock.
pub fn evidence_words(e: &rapport_app::alerts::EvidenceView, zone: Zone, lang: Lang) -> String {
    let when = i18n::local_date(lang, &zone.date_time(e.at));
    let items: Vec<serde_json::Value> = serde_json::from_str(&e.detail).unwrap_or_default();
    let parts: Vec<String> = items
        .iter()
        .filter_map(|v| {
            let kind = v.get("type")?.as_str()?;
            let num = |k: &str| v.get(k).and_then(serde_json::Value::as_i64);
            let float = |k: &str| v.get(k).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
            let n = |k: &str| Arg::Num(num(k).unwrap_or(0));
            let dec = |k: &str, places: usize| Arg::Owned(i18n::decimal(lang, float(k), places));
            // Days are counted from 1 January 1970 in the client's calendar.
            let day = |k: &str| {
                let d = num(k)
                    .and_then(|d| {
                        chrono::NaiveDate::default().checked_add_signed(chrono::Duration::days(d))
                    })
                    .map(|d| d.format("%a %-d %b").to_string())
                    .unwrap_or_default();
                Arg::Owned(i18n::local_date(lang, &d))
            };
            let role = || {
                let r = v.get("role").and_then(|r| r.as_str()).unwrap_or("measure");
                Arg::Owned(match lang {
                    Lang::En => r.to_string(),
                    _ => i18n::t(lang, &format!("cl-ev-role-{r}")),
                })
            };
            let say = |key: &str, args: &[(&str, Arg<'_>)]| i18n::t_args(lang, key, args);
            Some(match kind {
                "phq9" => {
                    let total = match num("total") {
                        Some(t) => Arg::Num(t),
                        None => Arg::Owned(i18n::t(lang, "cl-ev-not-scored")),
                    };
                    let item9 = num("item9")
                        .map(|i| say("cl-ev-item9", &[("n", Arg::Num(i))]))
                        .unwrap_or_default();
                    format!(
                        "{}{item9}",
                        say("cl-ev-phq9", &[("role", role()), ("total", total)])
                    )
                }
                "gad7" => say("cl-ev-gad7", &[("role", role()), ("total", n("total"))]),
                "self_harm_thoughts" => say("cl-ev-self-harm", &[("day", day("day"))]),
                "carried_remission" => {
                    let ended = num("ended_at")
                        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                        .map(|d| i18n::local_date(lang, &zone.date(d)))
                        .unwrap_or_default();
                    say("cl-ev-carried-remission", &[("date", Arg::Owned(ended))])
                }
                "expected_band" => say(
                    "cl-ev-expected-band",
                    &[("expected", dec("expected", 0)), ("edge", dec("edge", 0))],
                ),
                "mood" => say("cl-ev-mood", &[("n", n("mood"))]),
                "medication_missed" => say("cl-ev-medication-missed", &[]),
                "warning_sign"
                    if v.get("reporter").and_then(|r| r.as_str()) == Some("family_member") =>
                {
                    say("cl-ev-warning-sign-family", &[("day", day("day"))])
                }
                "warning_sign" => say("cl-ev-warning-sign", &[("day", day("day"))]),
                "feedback" => say(
                    "cl-ev-feedback",
                    &[
                        ("heard", n("heard")),
                        ("worked", n("worked_on")),
                        ("approach", n("approach")),
                        ("overall", n("overall")),
                    ],
                ),
                "own_average" => say("cl-ev-own-average", &[("n", dec("overall", 1))]),
                "sleep" => say(
                    "cl-ev-sleep",
                    &[("hours", dec("hours", 2)), ("median", dec("median", 2))],
                ),
                "remission" => say("cl-ev-remission", &[("n", n("low"))]),
                "risk_assessment" => say("cl-ev-risk-assessment", &[]),
                "no_check_in" => say("cl-ev-no-check-in", &[("n", n("days_without"))]),
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
            Lang::En,
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
