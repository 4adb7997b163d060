//! The daily check-in (`rapport_app::measures::submit_checkin`): mood, sleep, medication, the
//! client's own warning signs, a note, and while they are at risk the question about self-harm.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use rapport_app::measures::{self, NewCheckin};
use rapport_app::triage::Watch;
use rapport_app::{Actor, Error};
use rapport_core::measures::{Medication, SelfHarmAnswer};

use crate::crisis::CrisisLine;
use crate::error::PageError;
use crate::extract::{Ctx, Signed};
use crate::i18n;
use crate::pages::templates::{FieldView, FormError, Layout};
use crate::pages::{Page, render, render_status, to};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "checkin.html")]
pub struct CheckinPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    /// (value, chosen)
    pub moods: Vec<(u8, bool)>,
    pub mood_error: Option<String>,
    pub sleep: FieldView,
    pub medications: Vec<(&'static str, String)>,
    pub medication: String,
    pub medication_error: Option<String>,
    pub signs: Vec<(String, String, bool)>,
    pub note: String,
    /// The question about self-harm is asked (CLINICAL.md: while the client is at risk).
    pub ask_self_harm: bool,
    pub self_harm_question: String,
    /// (value, label)
    pub self_harm_answers: Vec<(&'static str, String)>,
    pub self_harm: String,
    pub self_harm_error: Option<String>,
    /// Why a dose was missed: (word, label).
    pub missed_reasons: Vec<(&'static str, String)>,
    pub missed_reason: String,
    pub missed_reason_error: Option<String>,
}

#[derive(Default)]
struct CheckinValues {
    mood: Option<u8>,
    sleep: String,
    medication: String,
    signs: Vec<String>,
    note: String,
    self_harm: String,
    missed_reason: String,
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
            .map(|e| i18n::error_message(ctx.lang, &e.message))
    };
    let t = |key: &str| i18n::t(ctx.lang, key);
    Ok(CheckinPage {
        l: Layout::new(ctx),
        moods: (0..=10).map(|m| (m, v.mood == Some(m))).collect(),
        mood_error: find("mood"),
        sleep: FieldView::new("sleep_hours", t("checkin-sleep"), "text")
            .value(v.sleep)
            .inputmode("decimal")
            .hint(t("checkin-sleep-hint"))
            .error_from(&errors),
        medications: Medication::ALL
            .iter()
            .map(|m| (m.as_str(), t(&format!("medication-{}", m.as_str()))))
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
        self_harm_question: t("checkin-self-harm-question"),
        self_harm_answers: SelfHarmAnswer::ALL
            .iter()
            .map(|a| (a.as_str(), t(&format!("self-harm-{}", a.as_str()))))
            .collect(),
        self_harm: v.self_harm,
        self_harm_error: find("self_harm"),
        missed_reasons: rapport_core::medication::MissedReason::ALL
            .iter()
            .map(|r| (r.as_str(), t(&format!("missed-reason-{}", r.as_str()))))
            .collect(),
        missed_reason: v.missed_reason,
        missed_reason_error: find("missed_reason"),
        errors,
    })
}

pub async fn form(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    render(checkin_page(&state, &ctx, &actor, CheckinValues::default(), vec![]).await?)
}

/// A check-in kept on the device while offline is sent by `static/offline.js` with an
/// `Idempotency-Key` made once for it: a retry returns the first answer and stores nothing
/// twice, as on the API.
pub async fn submit(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string);
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
        missed_reason: get("missed_reason"),
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
        // A reason ticked and then "taken" chosen: the reason is dropped, not refused.
        missed_reason: (values.medication == "missed" && !values.missed_reason.is_empty())
            .then(|| values.missed_reason.clone()),
    };
    let said_yes = measures::checkin_asks_for_crisis_help(Some(&values.self_harm));
    match measures::submit_checkin(&state.app, &actor, new, key.as_deref()).await {
        Ok(_) if said_yes => {
            // The flag is raised; show what to do now, at once.
            let told = rapport_app::triage::who_watches_me(&state.app, &actor).await?;
            let has_plan = rapport_app::plans::has_safety_plan(&state.app, &actor).await?;
            render(CheckinSavedPage {
                l: Layout::new(&ctx),
                told,
                has_plan,
                crisis: state.crisis_lines().await,
            })
        }
        Ok(_) => to("/home?done=checkin"),
        Err(Error::Invalid { field, message }) => {
            let field = if field.starts_with("warning_signs") {
                "sign".to_string()
            } else {
                field
            };
            let errors = vec![FormError::new(field, message)];
            let p = checkin_page(&state, &ctx, &actor, values, errors).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
        }
        Err(e) => Err(e.into()),
    }
}
