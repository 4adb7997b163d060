//! The client's measurement pages (`rapport_app::measures`): a questionnaire, its result (with
//! crisis guidance on a positive item 9), the daily check-in and "my progress".

mod checkins;
pub mod progress;
mod result;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use rapport_app::Error;
use rapport_app::measures;
use rapport_app::triage::Watch;
use rapport_core::language::Language;
use rapport_core::measures::Instrument;

use super::templates::{FormError, Layout};
use super::{Page, render, render_status, to};
use crate::crisis::CrisisLine;
use crate::error::PageError;
use crate::extract::{Ctx, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/measures/{instrument}", get(form).post(submit))
        .route("/results/{id}", get(result::show))
        .route("/checkin", get(checkins::form).post(checkins::submit))
        .route("/progress", get(progress::show))
}

pub struct QuestionView {
    pub name: String,
    pub number: u8,
    pub text: &'static str,
    pub options: Vec<OptionView>,
    pub error: Option<String>,
    /// A response without this answer is refused (PHQ-9 item 9; every item of the others).
    pub required: bool,
    /// An answer above 0 here calls for crisis help at once (PHQ-9 item 9).
    pub urgent: bool,
}

impl QuestionView {
    fn answered(&self) -> bool {
        self.options.iter().any(|o| o.checked)
    }
}

pub struct OptionView {
    pub value: u8,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "measure_form.html")]
pub struct MeasureForm {
    pub l: Layout,
    pub instrument: &'static str,
    pub title: &'static str,
    pub stem: &'static str,
    pub minutes: u8,
    pub questions: Vec<QuestionView>,
    pub errors: Vec<FormError>,
    /// Item 9 was answered above 0 on a form sent back: show what to do now (the flag is
    /// raised already).
    pub safety: bool,
    pub told: Watch,
    pub has_plan: bool,
    pub crisis: Vec<CrisisLine>,
    /// A form sent back: name the questions left unanswered.
    pub ask_unanswered: bool,
    /// ... and offer to send it as it is (it would be taken).
    pub can_send: bool,
    /// A notice that goes with the items (the FIBSER's, CLINICAL.md).
    pub notice: Option<&'static str>,
    /// The language the items are shown in, sent back with the answers and stored with them.
    pub language: &'static str,
}

impl MeasureForm {
    fn unanswered(&self) -> Vec<&QuestionView> {
        if !self.ask_unanswered {
            return vec![];
        }
        self.questions.iter().filter(|q| !q.answered()).collect()
    }
}

/// Whether the instrument takes a response with question `i` alone left out (the PHQ-9
/// prorates one or two, never item 9; the others take none; the unscored question is
/// optional). Asked of the scoring itself, so the form and the rules cannot disagree.
fn may_leave_out(instrument: Instrument, i: usize) -> bool {
    let items = instrument.definition().items;
    if i >= items.len() {
        return true;
    }
    let answers: Vec<Option<i64>> = items
        .iter()
        .enumerate()
        .map(|(j, item)| (j != i).then(|| i64::from(item.min_value())))
        .collect();
    instrument.score(&answers, None).is_ok()
}

/// Whether an answer above 0 to question `i` calls for crisis help at once.
fn urgent(instrument: Instrument, i: usize) -> bool {
    let mut answers = vec![None; instrument.definition().items.len()];
    match answers.get_mut(i) {
        Some(a) => *a = Some(1),
        None => return false,
    }
    measures::asks_for_crisis_help(instrument.as_str(), &answers)
}

fn form_page(
    ctx: &Ctx,
    instrument: Instrument,
    chosen: &[Option<u8>],
    errors: Vec<FormError>,
) -> MeasureForm {
    let def = instrument.definition_in(ctx.lang);
    let items = def.items.iter().chain(def.unscored_items.iter());
    let questions = items
        .enumerate()
        .map(|(i, item)| {
            // The API names the scored items answers[i] and the PHQ-9's extra one difficulty.
            let name = if i < def.items.len() {
                format!("answers[{i}]")
            } else {
                "difficulty".to_string()
            };
            QuestionView {
                error: errors
                    .iter()
                    .find(|e| e.field == name)
                    .map(|e| crate::i18n::error_message(ctx.lang, &e.message)),
                required: !may_leave_out(instrument, i),
                urgent: urgent(instrument, i),
                name,
                number: item.number,
                text: item.text,
                options: item
                    .options
                    .iter()
                    .map(|o| OptionView {
                        value: o.value,
                        label: o.label,
                        checked: chosen.get(i).copied().flatten() == Some(o.value),
                    })
                    .collect(),
            }
        })
        .collect();
    MeasureForm {
        l: Layout::new(ctx),
        language: shown_in(instrument, ctx.lang).as_str(),
        instrument: instrument.as_str(),
        title: def.title,
        stem: def.stem,
        notice: (instrument == Instrument::Fibser).then_some(rapport_core::measures::FIBSER_NOTICE),
        minutes: def.minutes_to_complete,
        questions,
        errors,
        safety: false,
        told: Watch::Nobody,
        has_plan: false,
        crisis: vec![],
        ask_unanswered: false,
        can_send: false,
    }
}

/// The language a form of `instrument` is shown in on a page in `lang`: English where the
/// instrument has no translation.
fn shown_in(instrument: Instrument, lang: Language) -> Language {
    if instrument.translated(lang) {
        lang
    } else {
        Language::En
    }
}

fn instrument_of(s: &str) -> Result<Instrument, PageError> {
    Instrument::parse(s).ok_or(PageError(Error::NotFound))
}

async fn form(Signed { ctx, .. }: Signed, Path(instrument): Path<String>) -> Page {
    render(form_page(&ctx, instrument_of(&instrument)?, &[], vec![]))
}

async fn submit(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(instrument): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let instrument = instrument_of(&instrument)?;
    let def = instrument.definition();
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse::<i64>().ok())
    };
    let answers: Vec<Option<i64>> = (0..def.items.len())
        .map(|i| value(&format!("answers[{i}]")))
        .collect();
    let difficulty = if def.unscored_items.is_empty() {
        None
    } else {
        value("difficulty")
    };
    let chosen = || {
        let mut chosen: Vec<Option<u8>> = answers
            .iter()
            .map(|a| a.and_then(|v| u8::try_from(v).ok()))
            .collect();
        chosen.push(difficulty.and_then(|v| u8::try_from(v).ok()));
        chosen
    };
    // A question left out, on a response that would be taken: nothing is sent until the person
    // answers it or says to send as it is. Not when item 9 calls for crisis help (that goes at
    // once), nor when the response would be refused (the use-case refuses it and records why:
    // an unanswered item 9 raises its flag, CLINICAL.md).
    let confirmed = fields
        .iter()
        .any(|(k, v)| k == "confirm_unanswered" && v == "1");
    let left_out = answers.iter().any(Option::is_none)
        || (!def.unscored_items.is_empty() && difficulty.is_none());
    if left_out
        && !confirmed
        && !measures::asks_for_crisis_help(instrument.as_str(), &answers)
        && instrument.score(&answers, difficulty).is_ok()
    {
        let mut page = form_page(&ctx, instrument, &chosen(), vec![]);
        page.ask_unanswered = true;
        page.can_send = true;
        return render(page);
    }
    // The language the form was shown in, as the form says (else the page's).
    let shown = fields
        .iter()
        .find(|(k, _)| k == "language")
        .and_then(|(_, v)| Language::parse(v))
        .unwrap_or(ctx.lang);
    let language = shown_in(instrument, shown);
    let submitted = measures::submit_measure_in(
        &state.app,
        &actor,
        instrument.as_str(),
        &answers,
        difficulty,
        Some(language.as_str()),
        None,
    )
    .await;
    match submitted {
        Ok(r) => to(&format!("/results/{}", r.id)),
        Err(Error::Invalid { field, message }) => {
            let errors = vec![FormError::new(field, message)];
            let mut page = form_page(&ctx, instrument, &chosen(), errors);
            page.ask_unanswered = true;
            if measures::asks_for_crisis_help(instrument.as_str(), &answers) {
                page.safety = true;
                page.crisis = state.crisis_lines().await;
                page.has_plan = rapport_app::plans::has_safety_plan(&state.app, &actor)
                    .await
                    .unwrap_or(false);
                page.told = rapport_app::triage::who_watches_me(&state.app, &actor)
                    .await
                    .unwrap_or(Watch::Nobody);
            }
            render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}
