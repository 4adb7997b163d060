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
use crate::state::AppState;

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
        ("bedtime", "When did you go to bed?", "time", typed.bedtime),
        (
            "minutes_to_fall_asleep",
            "How many minutes did it take to fall asleep?",
            "number",
            typed.minutes_to_fall_asleep,
        ),
        (
            "awake_minutes",
            "Minutes awake in the night, in all",
            "number",
            typed.awake_minutes,
        ),
        (
            "wake_time",
            "When did you wake for the last time?",
            "time",
            typed.wake_time,
        ),
        ("rise_time", "When did you get up?", "time", typed.rise_time),
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

fn row(n: &NightView) -> NightRow {
    let hm = |m: u32| format!("{} h {:02} min", m / 60, m % 60);
    NightRow {
        day: n.day.format("%a %-d %b").to_string(),
        times: format!(
            "in bed {}, asleep after {} min, awake {} min, woke {}, up {}",
            n.diary.bedtime.format("%H:%M"),
            n.diary.minutes_to_fall_asleep,
            n.diary.awake_minutes,
            n.diary.wake_time.format("%H:%M"),
            n.diary.rise_time.format("%H:%M"),
        ),
        asleep: format!(
            "{} of {} in bed",
            hm(n.night.asleep_minutes),
            hm(n.night.in_bed_minutes)
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
        nights: nights.iter().map(row).collect(),
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
