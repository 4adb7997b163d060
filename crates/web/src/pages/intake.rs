//! The intake: the client's own form, saved as they go (a button without script, and quietly
//! while they type with it), sent to the clinician when ready; and its summary for the chart.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use rapport_app::Error;
use rapport_app::intake::{self, IntakeView};
use rapport_app::time::Zone;
use rapport_core::intake::{Adherence, Intake, LifeEvent, MAX_MEDICATIONS, Medicine};
use rapport_core::plans::approach::EarlierTherapy;
use serde::Deserialize;

use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, invalid, render, render_status, to};
use crate::extract::{Ctx, Signed};
use crate::i18n;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/intake", get(form).post(save))
        .route("/intake/autosave", post(autosave))
}

/// A tick box or radio button.
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

fn choices<T: Copy + PartialEq>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &[T],
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: word(*v),
            label: label(*v),
            checked: chosen.contains(v),
        })
        .collect()
}

/// A baseline questionnaire: done (with its result) or still to do.
pub struct BaselineStep {
    /// The message key of its name.
    pub label: &'static str,
    pub href: &'static str,
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "intake.html")]
pub struct IntakePage {
    pub l: Layout,
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub i: Intake,
    pub life_events: Vec<Choice>,
    pub had_therapy: Vec<Choice>,
    pub earlier_kinds: Vec<Choice>,
    pub adherence: Vec<Choice>,
    pub medicines: Vec<Medicine>,
    pub saved: Option<String>,
    pub sent: Option<String>,
    pub baselines: Vec<BaselineStep>,
}

impl IntakePage {
    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field || e.field.starts_with(&format!("{field}[")))
            .map(|e| self.l.error(&e.message))
    }

    /// A choice's words in the page's language (its message is `prefix` and its value).
    fn choice(&self, prefix: &str, c: &Choice) -> String {
        if self.l.lang == crate::i18n::Lang::En {
            return c.label.to_string();
        }
        match (prefix, c.value) {
            ("in-", "no") => i18n::t(self.l.lang, "no"),
            (_, v) => i18n::t(self.l.lang, &format!("{prefix}{v}")),
        }
    }
}

fn page(
    ctx: &Ctx,
    view: IntakeView,
    typed: Option<Intake>,
    errors: Vec<FormError>,
    notice: Option<String>,
) -> IntakePage {
    let i = typed.unwrap_or(view.intake);
    // What was typed comes back with its empty rows; they are dropped before the two blank
    // rows are added, so a refused send does not grow the list.
    let mut medicines: Vec<Medicine> = i
        .medicines
        .iter()
        .filter(|m| !m.is_empty())
        .cloned()
        .collect();
    let blanks = 2.min(MAX_MEDICATIONS.saturating_sub(medicines.len()));
    medicines.extend(std::iter::repeat_n(Medicine::default(), blanks));
    let yes_no: Vec<bool> = i.had_therapy.into_iter().collect();
    let baselines = [
        ("in-baseline-phq9", "/measures/phq9", "phq9"),
        ("in-baseline-gad7", "/measures/gad7", "gad7"),
    ]
    .into_iter()
    .map(|(label, href, word)| BaselineStep {
        label,
        href,
        done: view
            .baselines
            .iter()
            .find(|b| b.instrument.as_str() == word)
            .map(|b| i18n::local_date(ctx.lang, &zone(ctx).date(b.taken_at))),
    })
    .collect();
    IntakePage {
        l: Layout::new(ctx),
        notice,
        life_events: choices(
            LifeEvent::ALL,
            LifeEvent::as_str,
            LifeEvent::label,
            &i.life_events,
        ),
        had_therapy: vec![
            Choice {
                value: "yes",
                label: "Yes",
                checked: yes_no == [true],
            },
            Choice {
                value: "no",
                label: "No",
                checked: yes_no == [false],
            },
        ],
        earlier_kinds: choices(
            EarlierTherapy::ALL,
            EarlierTherapy::as_str,
            EarlierTherapy::label,
            &i.earlier_kinds,
        ),
        adherence: choices(
            Adherence::ALL,
            Adherence::as_str,
            Adherence::label,
            &i.adherence.into_iter().collect::<Vec<_>>(),
        ),
        medicines,
        saved: view
            .updated_at
            .map(|at| i18n::local_date(ctx.lang, &zone(ctx).date_time(at))),
        sent: view
            .submitted_at
            .map(|at| i18n::local_date(ctx.lang, &zone(ctx).date_time(at))),
        baselines,
        errors,
        i,
    }
}

/// Reads the form: repeated names for the tick boxes and the medicine rows, in order.
fn read(fields: &[(String, String)]) -> (Intake, bool) {
    let one = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |k: &str| -> Vec<&str> {
        fields
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let (names, doses, prescribers) = (
        all("medicine_name"),
        all("medicine_dose"),
        all("medicine_prescriber"),
    );
    let medicines = names
        .iter()
        .enumerate()
        .map(|(n, name)| Medicine {
            name: name.to_string(),
            dose: doses.get(n).map(|s| s.to_string()).unwrap_or_default(),
            prescriber: prescribers
                .get(n)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        })
        .collect();
    let intake = Intake {
        reason: one("reason"),
        life_events: all("life_events")
            .into_iter()
            .filter_map(LifeEvent::parse)
            .collect(),
        life_events_note: one("life_events_note"),
        had_therapy: match one("had_therapy").as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        earlier_kinds: all("earlier_kinds")
            .into_iter()
            .filter_map(EarlierTherapy::parse)
            .collect(),
        earlier_length: one("earlier_length"),
        earlier_helped: one("earlier_helped"),
        earlier_not_helped: one("earlier_not_helped"),
        earlier_missing: one("earlier_missing"),
        wants: one("wants"),
        medicines,
        adherence: Adherence::parse(&one("adherence")),
        sleep: one("sleep"),
        supports: one("supports"),
    };
    (intake, one("action") == "send")
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
    sent: Option<String>,
}

async fn form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<Done>,
) -> Page {
    let notice = if q.sent.is_some() {
        Some(i18n::t(ctx.lang, "in-notice-sent"))
    } else if q.saved.is_some() {
        Some(i18n::t(ctx.lang, "in-notice-saved"))
    } else {
        None
    };
    let view = intake::intake(&state.app, &actor, actor.user_id).await?;
    render(page(&ctx, view, None, vec![], notice))
}

async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let (typed, send) = read(&fields);
    let error =
        match intake::save_intake(&state.app, &actor, actor.user_id, typed.clone(), send).await {
            Ok(_) if send => return to("/intake?sent=1"),
            Ok(_) => return to("/intake?saved=1"),
            Err(e) => invalid(e)?,
        };
    // What was typed is kept: saved as a draft where it can be, and shown again either way.
    // A draft that cannot be saved says so (it would pass the checks the send passed, so
    // only a failure of the database is left): the page must not let them think it is kept.
    if send {
        intake::save_intake(&state.app, &actor, actor.user_id, typed.clone(), false).await?;
    }
    let view = intake::intake(&state.app, &actor, actor.user_id).await?;
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&ctx, view, Some(typed), vec![error], None),
    )
}

/// The quiet save while the client types: 204 when saved, 422 with the message when a part
/// is too long (the page says so next to its status line).
async fn autosave(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let (typed, _) = read(&fields);
    match intake::save_intake(&state.app, &actor, actor.user_id, typed, false).await {
        Ok(_) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(Error::Invalid { message, .. }) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, message).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The intake as the clinician reads it on the chart (and on a record opened in an
/// emergency): each answer given, in the order asked, with its question in the reader's
/// language (`chart-in-*`); the choices ticked are in it too, the words typed stay the
/// client's (baselines dated on the reader's clock).
pub fn summary(view: &IntakeView, zone: Zone, lang: i18n::Lang) -> Vec<(String, String)> {
    let i = &view.intake;
    let mut out = vec![];
    let mut text = |question: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push((
                i18n::t(lang, &format!("chart-in-{question}")),
                value.to_string(),
            ));
        }
    };
    // A choice as the client's form names it.
    let choice = |prefix: &str, word: &str, english: &str| -> String {
        match lang {
            i18n::Lang::En => english.to_string(),
            _ => i18n::t(lang, &format!("{prefix}{word}")),
        }
    };
    text("reason", &i.reason);
    let events: Vec<_> = i
        .life_events
        .iter()
        .map(|e| choice("in-event-", e.as_str(), e.label()))
        .collect();
    text("life-events", &events.join(", "));
    text("life-events-note", &i.life_events_note);
    let had = match i.had_therapy {
        Some(true) => i18n::t(lang, "in-yes"),
        Some(false) => i18n::t(lang, "no"),
        None => String::new(),
    };
    text("had-therapy", &had);
    let kinds: Vec<_> = i
        .earlier_kinds
        .iter()
        .map(|k| choice("in-kind-", k.as_str(), k.label()))
        .collect();
    text("earlier-kinds", &kinds.join(", "));
    text("earlier-length", &i.earlier_length);
    text("earlier-helped", &i.earlier_helped);
    text("earlier-not-helped", &i.earlier_not_helped);
    text("earlier-missing", &i.earlier_missing);
    text("wants", &i.wants);
    let medicines: Vec<_> = i
        .medicines
        .iter()
        .map(|m| {
            [m.name.as_str(), m.dose.as_str(), m.prescriber.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    text("medication", &medicines.join("; "));
    let adherence = i
        .adherence
        .map(|a| choice("in-adherence-", a.as_str(), a.label()))
        .unwrap_or_default();
    text("adherence", &adherence);
    text("sleep", &i.sleep);
    text("supports", &i.supports);
    for b in &view.baselines {
        let band = b
            .band
            .map(|b| format!(", {}", i18n::error_message(lang, b.label()).to_lowercase()));
        text(
            match b.instrument.as_str() {
                "gad7" => "baseline-gad7",
                _ => "baseline-phq9",
            },
            &format!(
                "{}{} ({})",
                b.total,
                band.unwrap_or_default(),
                i18n::local_date(lang, &zone.date(b.taken_at))
            ),
        );
    }
    out
}
