//! A line of the client's timeline (`rapport_app::timeline::Event`) in the reader's language,
//! as HTML: names and goals are people's words, marked `translate="no"` by the messages
//! (`chart-tl-*` in `chart.ftl`).

use askama::filters::Safe;
use rapport_app::timeline::{Event, SessionOutcome};
use rapport_core::alerts::FlagKind;

use super::alerts::explanation_in;
use crate::i18n::{self, Arg, Lang};

/// A stored word (`not_on_track`) as a message key's tail (`not-on-track`).
fn key_word(word: &str) -> String {
    word.replace('_', "-")
}

/// An alert's kind as a word in a sentence ("not on track").
fn flag_kind(lang: Lang, kind: &str) -> String {
    match FlagKind::parse(kind) {
        Some(k) => i18n::t(lang, &format!("cl-flag-{}", key_word(k.as_str()))),
        None => kind.replace('_', " "),
    }
}

fn flag_level(lang: Lang, level: &str) -> String {
    match level {
        "critical" | "high" | "medium" | "low" => i18n::t(lang, &format!("cl-level-{level}")),
        _ => level.to_string(),
    }
}

fn session_outcome(lang: Lang, outcome: SessionOutcome) -> String {
    i18n::t(
        lang,
        &format!("chart-tl-outcome-{}", key_word(outcome.as_str())),
    )
}

/// The line in `lang`.
pub fn line(lang: Lang, event: &Event) -> Safe<String> {
    let html = |key: &str, args: &[(&str, Arg<'_>)]| i18n::t_html(lang, key, args);
    match event {
        Event::Measure {
            instrument,
            total,
            band,
        } => {
            let instrument = match instrument {
                Ok(i) => i.label(),
                Err(word) => word.as_str(),
            };
            match band {
                Some(b) => html(
                    "chart-tl-measure-band",
                    &[
                        ("instrument", instrument.into()),
                        ("total", total.into()),
                        (
                            "band",
                            i18n::error_message(lang, b.label()).to_lowercase().into(),
                        ),
                    ],
                ),
                None => html(
                    "chart-tl-measure",
                    &[("instrument", instrument.into()), ("total", total.into())],
                ),
            }
        }
        Event::AlertOpened {
            kind,
            level,
            explanation,
        } => html(
            "chart-tl-alert",
            &[
                ("level", flag_level(lang, level).into()),
                ("kind", flag_kind(lang, kind).into()),
                (
                    "explanation",
                    explanation_in(lang, explanation.clone()).into(),
                ),
            ],
        ),
        Event::AlertAcknowledged { kind, by } => html(
            "chart-tl-alert-acknowledged",
            &[("kind", flag_kind(lang, kind).into()), ("name", by.into())],
        ),
        Event::AlertResolved { kind, by } => html(
            "chart-tl-alert-resolved",
            &[("kind", flag_kind(lang, kind).into()), ("name", by.into())],
        ),
        Event::Session {
            kind,
            minutes,
            outcome,
        } => {
            let kind = match kind {
                Ok(k) => i18n::t(lang, &format!("chart-tl-kind-{}", key_word(k.as_str()))),
                Err(word) => word.clone(),
            };
            html(
                "chart-tl-session",
                &[
                    ("kind", kind.into()),
                    ("minutes", minutes.into()),
                    ("outcome", session_outcome(lang, *outcome).into()),
                ],
            )
        }
        Event::SessionMoved { by } => html("chart-tl-session-moved", &[("name", by.into())]),
        Event::SessionCancelled { by } => {
            html("chart-tl-session-cancelled", &[("name", by.into())])
        }
        Event::MoveRequested => html("chart-tl-move-requested", &[]),
        Event::Feedback { overall, lowest } => html(
            "chart-tl-feedback",
            &[("overall", overall.into()), ("lowest", lowest.into())],
        ),
        Event::NoteSigned { by } => html("chart-tl-note-signed", &[("name", by.into())]),
        Event::NoteAmended { by } => html("chart-tl-note-amended", &[("name", by.into())]),
        Event::TreatmentPlan { version, by } => html(
            "chart-tl-plan",
            &[("version", version.into()), ("name", by.into())],
        ),
        Event::TreatmentPlanAgreed { version } => {
            html("chart-tl-plan-agreed", &[("version", version.into())])
        }
        Event::StayingWell { version } => {
            html("chart-tl-staying-well", &[("version", version.into())])
        }
        Event::GoalSet { title } => html("chart-tl-goal-set", &[("title", title.into())]),
        Event::GoalProgress { rating, title } => html(
            "chart-tl-goal-progress",
            &[("rating", rating.into()), ("title", title.into())],
        ),
        Event::Episode { to, by } => {
            let state = match to {
                Ok(s) => i18n::t(lang, &format!("cl-episode-label-{}", s.as_str())).to_lowercase(),
                Err(word) => word.clone(),
            };
            html(
                "chart-tl-episode",
                &[("state", state.into()), ("name", by.into())],
            )
        }
        Event::IntakeSent => html("chart-tl-intake-sent", &[]),
    }
}

#[cfg(test)]
mod tests {
    use rapport_app::timeline::{Event, SessionOutcome};
    use rapport_core::episodes::EpisodeState;
    use rapport_core::measures::{Band, Instrument};
    use rapport_core::sessions::{Attendance, SessionKind};

    use super::line;
    use crate::i18n::Lang;

    fn every_kind() -> Vec<Event> {
        let by = || "Dr. Dee & Co".to_string();
        let mut out = vec![
            Event::Measure {
                instrument: Ok(Instrument::Phq9),
                total: 12,
                band: Some(Band::ModeratelySevere),
            },
            Event::Measure {
                instrument: Err("old_scale".into()),
                total: 3,
                band: None,
            },
            Event::AlertOpened {
                kind: "not_on_track".into(),
                level: "medium".into(),
                explanation: "Something the rules no longer say.".into(),
            },
            Event::AlertAcknowledged {
                kind: "safety".into(),
                by: by(),
            },
            Event::AlertResolved {
                kind: "warning_signs".into(),
                by: by(),
            },
            Event::SessionMoved { by: by() },
            Event::SessionCancelled { by: by() },
            Event::MoveRequested,
            Event::Feedback {
                overall: 8,
                lowest: 4,
            },
            Event::NoteSigned { by: by() },
            Event::NoteAmended { by: by() },
            Event::TreatmentPlan {
                version: 2,
                by: by(),
            },
            Event::TreatmentPlanAgreed { version: 2 },
            Event::StayingWell { version: 1 },
            Event::GoalSet {
                title: "Walk <twice> a week".into(),
            },
            Event::GoalProgress {
                rating: 6,
                title: "Walk".into(),
            },
            Event::IntakeSent,
        ];
        for kind in SessionKind::ALL {
            for outcome in [
                SessionOutcome::Scheduled,
                SessionOutcome::Cancelled,
                SessionOutcome::Unrecorded,
                SessionOutcome::Attendance(Attendance::Attended),
                SessionOutcome::Attendance(Attendance::LateCancelled),
                SessionOutcome::Attendance(Attendance::NoShow),
            ] {
                out.push(Event::Session {
                    kind: Ok(*kind),
                    minutes: 50,
                    outcome,
                });
            }
        }
        for s in EpisodeState::ALL {
            out.push(Event::Episode {
                to: Ok(s),
                by: by(),
            });
        }
        out
    }

    /// The page's words without their tags and entities, as a reader sees them.
    fn visible(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&#38;", "&")
            .replace("&#60;", "<")
            .replace("&#62;", ">")
    }

    #[test]
    fn english_lines_read_as_the_app_writes_them() {
        for e in every_kind() {
            let html = line(Lang::En, &e).0;
            assert_eq!(visible(&html), e.english(), "{e:?}");
        }
    }

    #[test]
    fn spanish_lines_differ_and_keep_names_apart() {
        // A score alone is the same in both languages.
        let words = every_kind()
            .into_iter()
            .filter(|e| !matches!(e, Event::Measure { band: None, .. }));
        for e in words {
            let es = line(Lang::Es, &e).0;
            assert_ne!(visible(&es), e.english(), "{e:?} left in English");
            assert!(
                !es.contains("chart-tl-"),
                "{e:?}: a key was not found: {es}"
            );
        }
        let one = |total| Event::Measure {
            instrument: Ok(Instrument::Phq9),
            total,
            band: None,
        };
        assert_eq!(line(Lang::Es, &one(1)).0, "PHQ-9: 1 punto");
        assert_eq!(line(Lang::Es, &one(0)).0, "PHQ-9: 0 puntos");
        let moved = line(
            Lang::Es,
            &Event::SessionMoved {
                by: "Dr. <b>".into(),
            },
        )
        .0;
        assert!(
            moved.contains(r#"<span translate="no">Dr. &#60;b&#62;</span>"#),
            "{moved}"
        );
    }
}
