//! The client's measurement pages: a questionnaire, its result (with crisis guidance on a
//! positive item 9), the daily check-in and "my progress".

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::measures::{self, NewCheckin};
use rapport_app::triage::Watch;
use rapport_app::{Actor, Error};
use rapport_core::measures::{Band, Instrument, Medication, SELF_HARM_QUESTION, SelfHarmAnswer};
use rapport_core::outcomes::{Change, Scale};
use uuid::Uuid;

use super::legacy::{render, render_status};
use super::templates::{FieldView, FormError, Layout};
use crate::crisis::CrisisLine;
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

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
    let def = instrument.definition();
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
                    .map(|e| e.message.clone()),
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
        instrument: instrument.as_str(),
        title: def.title,
        stem: def.stem,
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

fn instrument_of(s: &str) -> Result<Instrument, PageError> {
    Instrument::parse(s).ok_or(PageError(Error::NotFound))
}

pub async fn form(ctx: Ctx, Path(instrument): Path<String>) -> Response {
    if let Err(r) = ctx.actor() {
        return r.into_response();
    }
    match instrument_of(&instrument) {
        Ok(i) => render(form_page(&ctx, i, &[], vec![])),
        Err(e) => e.into_response(),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(instrument): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let instrument = match instrument_of(&instrument) {
        Ok(i) => i,
        Err(e) => return e.into_response(),
    };
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
    match measures::submit_measure(
        &state.app,
        &actor,
        instrument.as_str(),
        &answers,
        difficulty,
        None,
    )
    .await
    {
        Ok(r) => Redirect::to(&format!("/results/{}", r.id)).into_response(),
        Err(Error::Invalid { field, message }) => {
            let errors = vec![FormError::new(field, message)];
            let mut page = form_page(&ctx, instrument, &chosen(), errors);
            page.ask_unanswered = true;
            if measures::asks_for_crisis_help(instrument.as_str(), &answers) {
                page.safety = true;
                page.crisis = state.web.crisis.lines.clone();
                page.has_plan = rapport_app::plans::has_safety_plan(&state.app, actor.user_id)
                    .await
                    .unwrap_or(false);
                page.told = rapport_app::triage::who_watches_me(&state.app, &actor)
                    .await
                    .unwrap_or(Watch::Nobody);
            }
            render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "measure_result.html")]
pub struct ResultPage {
    pub l: Layout,
    pub title: &'static str,
    pub safety: bool,
    pub told: Watch,
    pub has_plan: bool,
    pub crisis: Vec<CrisisLine>,
    pub total: u8,
    pub max: u8,
    pub band_label: Option<&'static str>,
    pub prorated: bool,
    pub meaning: &'static str,
    pub change: Option<String>,
    pub follow_up: Option<&'static str>,
}

/// What a score means, in plain and calm words.
fn meaning(instrument: Instrument, band: Option<Band>, poor: bool) -> &'static str {
    match (instrument, band) {
        (_, Some(Band::Minimal)) => {
            "Few or no signs of depression or anxiety in the last two weeks."
        }
        (_, Some(Band::Mild)) => {
            "Some symptoms, mild. Keep going with what helps, and tell your clinician what you notice."
        }
        (_, Some(Band::Moderate)) => {
            "Symptoms that make everyday life harder. This is exactly what your sessions are for."
        }
        (_, Some(Band::ModeratelySevere)) => {
            "Symptoms that weigh heavily on you. Please talk about this result at your next session, or sooner with your clinician."
        }
        (_, Some(Band::Severe)) => {
            "Symptoms that weigh very heavily on you. Please contact your clinician soon, and use the crisis help if things feel unbearable."
        }
        (Instrument::Who5, _) if poor => {
            "Your well-being has been low lately. Answering the PHQ-9 as well helps your clinician see more."
        }
        (Instrument::Who5, _) => "Your well-being over the last two weeks.",
        (Instrument::Phq2, _) => "A short check of mood and interest.",
        _ => "Your answers over the last two weeks.",
    }
}

fn change_text(instrument: Instrument, baseline: u8, total: u8, count: usize) -> Option<String> {
    if count < 2 {
        return Some(
            "This is your first result this time round; the next ones will show how things change."
                .into(),
        );
    }
    let scale = match instrument {
        Instrument::Phq9 => Scale::Phq9,
        Instrument::Gad7 => Scale::Gad7,
        _ => return None,
    };
    let diff = i32::from(total) - i32::from(baseline);
    let points = diff.unsigned_abs();
    let plural = if points == 1 { "" } else { "s" };
    Some(match scale.change(baseline, total) {
        Change::ReliableImprovement => format!(
            "When you started it was {baseline}. That is {points} point{plural} lower: a real improvement."
        ),
        Change::ReliableDeterioration => format!(
            "When you started it was {baseline}. That is {points} point{plural} higher. Your clinician will look at this with you."
        ),
        Change::NoReliableChange if diff < 0 => format!(
            "When you started it was {baseline}: a little lower now. Changes often take a few weeks to show."
        ),
        Change::NoReliableChange if diff > 0 => format!(
            "When you started it was {baseline}: a little higher now. Ups and downs are normal."
        ),
        Change::NoReliableChange => format!("The same as when you started ({baseline})."),
    })
}

pub async fn result(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    let stored = match measures::result_of(&state.app, &actor, id).await {
        Ok(s) => s,
        Err(e) => return PageError(e).into_response(),
    };
    let r = &stored.result;
    let (instrument, band) = (r.instrument, r.band);
    let told = match rapport_app::triage::who_watches_me(&state.app, &actor).await {
        Ok(w) => w,
        Err(e) => return PageError(e).into_response(),
    };
    let def = instrument.definition();
    render(ResultPage {
        l: Layout::new(&ctx),
        title: def.title,
        safety: stored.crisis,
        told,
        has_plan: match rapport_app::plans::has_safety_plan(&state.app, actor.user_id).await {
            Ok(b) => b,
            Err(e) => return PageError(e).into_response(),
        },
        crisis: state.web.crisis.lines.clone(),
        total: if instrument == Instrument::Who5 {
            r.percentage.unwrap_or(r.total)
        } else {
            r.total
        },
        max: if instrument == Instrument::Who5 {
            100
        } else {
            def.max_total
        },
        band_label: band.map(Band::label),
        prorated: r.prorated,
        meaning: meaning(instrument, band, r.follow_up.is_some()),
        change: change_text(instrument, r.baseline, r.total, stored.count_in_episode),
        follow_up: r.follow_up.map(Instrument::as_str),
    })
}

#[derive(Template)]
#[template(path = "checkin.html")]
pub struct CheckinPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    /// (value, chosen)
    pub moods: Vec<(u8, bool)>,
    pub mood_error: Option<String>,
    pub sleep: FieldView,
    pub medications: Vec<(&'static str, &'static str)>,
    pub medication: String,
    pub medication_error: Option<String>,
    pub signs: Vec<(String, String, bool)>,
    pub note: String,
    /// The question about self-harm is asked (CLINICAL.md: while the client is at risk).
    pub ask_self_harm: bool,
    pub self_harm_question: &'static str,
    /// (value, label)
    pub self_harm_answers: Vec<(&'static str, &'static str)>,
    pub self_harm: String,
    pub self_harm_error: Option<String>,
}

#[derive(Default)]
struct CheckinValues {
    mood: Option<u8>,
    sleep: String,
    medication: String,
    signs: Vec<String>,
    note: String,
    self_harm: String,
}

/// After a check-in whose answer to the question about self-harm was "yes": the crisis
/// resources at once, on the page that confirms the check-in.
#[derive(Template)]
#[template(path = "checkin_saved.html")]
pub struct CheckinSavedPage {
    pub l: Layout,
    pub told: Watch,
    pub has_plan: bool,
    pub crisis: Vec<CrisisLine>,
}

async fn checkin_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    v: CheckinValues,
    errors: Vec<FormError>,
) -> Result<CheckinPage, PageError> {
    let own = measures::my_warning_signs(&state.app, actor).await?;
    // Asked while the client is at risk; kept on a form sent back with an answer in it.
    let ask_self_harm =
        !v.self_harm.is_empty() || measures::asks_about_self_harm(&state.app, actor).await?;
    let find = |f: &str| {
        errors
            .iter()
            .find(|e| e.field == f)
            .map(|e| e.message.clone())
    };
    Ok(CheckinPage {
        l: Layout::new(ctx),
        moods: (0..=10).map(|m| (m, v.mood == Some(m))).collect(),
        mood_error: find("mood"),
        sleep: FieldView::new("sleep_hours", "Hours slept last night", "text")
            .value(v.sleep)
            .inputmode("decimal")
            .hint("For example 7 or 6.5.")
            .error_from(&errors),
        medications: Medication::ALL
            .iter()
            .map(|m| (m.as_str(), m.label()))
            .collect(),
        medication: v.medication,
        medication_error: find("medication"),
        signs: own
            .into_iter()
            .map(|(id, label)| {
                let ticked = v.signs.contains(&id);
                (id, label, ticked)
            })
            .collect(),
        note: v.note,
        ask_self_harm,
        self_harm_question: SELF_HARM_QUESTION,
        self_harm_answers: SelfHarmAnswer::ALL
            .iter()
            .map(|a| (a.as_str(), a.label()))
            .collect(),
        self_harm: v.self_harm,
        self_harm_error: find("self_harm"),
        errors,
    })
}

pub async fn checkin_form(State(state): State<AppState>, ctx: Ctx) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match checkin_page(&state, &ctx, &actor, CheckinValues::default(), vec![]).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

pub async fn checkin(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let values = CheckinValues {
        mood: get("mood").parse().ok(),
        sleep: get("sleep_hours"),
        medication: get("medication"),
        signs: fields
            .iter()
            .filter(|(k, _)| k == "sign")
            .map(|(_, v)| v.clone())
            .collect(),
        note: fields
            .iter()
            .find(|(k, _)| k == "note")
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
        self_harm: get("self_harm"),
    };
    let sleep_hours = if values.sleep.is_empty() {
        None
    } else {
        values
            .sleep
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .or(Some(f64::NAN))
    };
    let new = NewCheckin {
        mood: values.mood.map(i64::from),
        sleep_hours,
        medication: (!values.medication.is_empty()).then(|| values.medication.clone()),
        note: (!values.note.trim().is_empty()).then(|| values.note.clone()),
        warning_signs: values.signs.clone(),
        self_harm: (!values.self_harm.is_empty()).then(|| values.self_harm.clone()),
    };
    let said_yes = measures::checkin_asks_for_crisis_help(Some(&values.self_harm));
    match measures::submit_checkin(&state.app, &actor, new, None).await {
        Ok(_) if said_yes => {
            // The flag is raised; show what to do now, at once.
            let told = match rapport_app::triage::who_watches_me(&state.app, &actor).await {
                Ok(w) => w,
                Err(e) => return PageError(e).into_response(),
            };
            let has_plan =
                match rapport_app::plans::has_safety_plan(&state.app, actor.user_id).await {
                    Ok(b) => b,
                    Err(e) => return PageError(e).into_response(),
                };
            render(CheckinSavedPage {
                l: Layout::new(&ctx),
                told,
                has_plan,
                crisis: state.web.crisis.lines.clone(),
            })
        }
        Ok(_) => Redirect::to("/home?done=checkin").into_response(),
        Err(Error::Invalid { field, message }) => {
            let field = if field.starts_with("warning_signs") {
                "sign".to_string()
            } else {
                field
            };
            match checkin_page(
                &state,
                &ctx,
                &actor,
                values,
                vec![FormError::new(field, message)],
            )
            .await
            {
                Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => PageError(e).into_response(),
    }
}
