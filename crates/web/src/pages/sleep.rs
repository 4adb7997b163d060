//! The sleep diary's page (issue 22): the client writes down a night and sees their recent
//! nights with their sleep efficiency (`/sleep`); the care team reads them
//! (`/clients/{id}/sleep`).

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use rapport_app::sleep::{self, NewNight, NightView};
use rapport_app::{Actor, Error};
use serde::Deserialize;

use super::templates::{FormError, Layout};
use super::{Page, client_name, invalid, render, render_status, to};
use crate::extract::{Ctx, Record, Signed};
use crate::i18n;
use crate::state::AppState;
use rapport_core::language::Language;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sleep", get(show).post(save))
        .route("/clients/{id}/sleep", get(show))
}

/// Nights shown.
const DAYS: i64 = 28;

pub struct NightRow {
    pub day: String,
    pub times: String,
    pub asleep: String,
    pub efficiency: u8,
}

#[derive(Template)]
#[template(path = "sleep.html")]
pub struct SleepPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub nights: Vec<NightRow>,
    pub fields: Vec<SleepField>,
    pub errors: Vec<FormError>,
    pub saved: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct SleepForm {
    #[serde(default)]
    pub bedtime: String,
    #[serde(default)]
    pub minutes_to_fall_asleep: String,
    #[serde(default)]
    pub awake_minutes: String,
    #[serde(default)]
    pub wake_time: String,
    #[serde(default)]
    pub rise_time: String,
}

/// One field of the night's form, as typed, with its error.
pub struct SleepField {
    pub name: &'static str,
    /// The message key of its label.
    pub label: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub error: String,
}

fn fields(typed: SleepForm, errors: &[FormError]) -> Vec<SleepField> {
    let error = |name: &str| {
        errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.clone())
            .unwrap_or_default()
    };
    [
        ("bedtime", "sleep-bedtime", "time", typed.bedtime),
        (
            "minutes_to_fall_asleep",
            "sleep-minutes-to-fall-asleep",
            "number",
            typed.minutes_to_fall_asleep,
        ),
        (
            "awake_minutes",
            "sleep-awake-minutes",
            "number",
            typed.awake_minutes,
        ),
        ("wake_time", "sleep-wake-time", "time", typed.wake_time),
        ("rise_time", "sleep-rise-time", "time", typed.rise_time),
    ]
    .into_iter()
    .map(|(name, label, kind, value)| SleepField {
        name,
        label,
        kind,
        value,
        error: error(name),
    })
    .collect()
}

fn row(lang: Language, n: &NightView) -> NightRow {
    let hm = |m: u32| {
        i18n::t_args(
            lang,
            "sleep-hours-minutes",
            &[
                ("h", (m / 60).into()),
                ("m", format!("{:02}", m % 60).into()),
            ],
        )
    };
    NightRow {
        day: i18n::local_date(lang, &n.day.format("%a %-d %b").to_string()),
        times: i18n::t_args(
            lang,
            "sleep-night-times",
            &[
                ("bed", n.diary.bedtime.format("%H:%M").to_string().into()),
                ("fall", n.diary.minutes_to_fall_asleep.into()),
                ("awake", n.diary.awake_minutes.into()),
                ("wake", n.diary.wake_time.format("%H:%M").to_string().into()),
                ("up", n.diary.rise_time.format("%H:%M").to_string().into()),
            ],
        ),
        asleep: i18n::t_args(
            lang,
            "sleep-asleep-of-in-bed",
            &[
                ("asleep", hm(n.night.asleep_minutes).into()),
                ("in_bed", hm(n.night.in_bed_minutes).into()),
            ],
        ),
        efficiency: n.night.efficiency_percent(),
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    record: &Record,
    typed: SleepForm,
    errors: Vec<FormError>,
    saved: bool,
) -> Result<SleepPage, Error> {
    let nights = sleep::nights_of(&state.app, actor, record.client_id, DAYS).await?;
    Ok(SleepPage {
        l: Layout::new(ctx),
        own: record.own,
        client_name: client_name(state, actor, record).await?,
        nights: nights.iter().map(|n| row(ctx.lang, n)).collect(),
        fields: fields(typed, &errors),
        errors,
        saved,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    axum::extract::Query(q): axum::extract::Query<Done>,
) -> Page {
    let saved = q.done.as_deref() == Some("saved");
    render(
        page(
            &state,
            &ctx,
            &actor,
            &record,
            SleepForm::default(),
            vec![],
            saved,
        )
        .await?,
    )
}

async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(form): Form<SleepForm>,
) -> Page {
    let number = |v: &str| v.trim().parse::<i64>().ok();
    let new = NewNight {
        day: None,
        bedtime: form.bedtime.clone(),
        minutes_to_fall_asleep: number(&form.minutes_to_fall_asleep),
        awake_minutes: number(&form.awake_minutes),
        wake_time: form.wake_time.clone(),
        rise_time: form.rise_time.clone(),
    };
    let error = match sleep::record_night(&state.app, &actor, new).await {
        Ok(_) => return to("/sleep?done=saved"),
        Err(e) => invalid(e)?,
    };
    let p = page(&state, &ctx, &actor, &record, form, vec![error], false).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
