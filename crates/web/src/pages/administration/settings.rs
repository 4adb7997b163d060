//! The instance's settings (`rapport_app::settings`): country and crisis lines, default
//! measure schedules, the client idle time-out. A form sent back keeps what was typed.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use rapport_app::measures::DEFAULT_SCHEDULE;
use rapport_app::settings::{self, CrisisLine, Settings};
use serde::Deserialize;

use crate::extract::{Ctx, Signed};
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, invalid, render_status, to};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/settings", get(page).post(save))
}

/// The form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub country: String,
    /// One line a crisis line: `country | label | link | button text`.
    #[serde(default)]
    pub crisis_lines: String,
    #[serde(default)]
    pub checkin: String,
    #[serde(default)]
    pub phq9: String,
    #[serde(default)]
    pub gad7: String,
    #[serde(default)]
    pub who5: String,
    #[serde(default)]
    pub client_idle_minutes: String,
}

impl SettingsForm {
    fn of(s: &Settings) -> SettingsForm {
        let days = |w: &str| {
            s.default_schedule
                .get(w)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        SettingsForm {
            country: s.country.clone().unwrap_or_default(),
            crisis_lines: s
                .crisis_lines
                .iter()
                .map(|l| format!("{} | {} | {} | {}", l.country, l.label, l.href, l.action))
                .collect::<Vec<_>>()
                .join("\n"),
            checkin: days("checkin"),
            phq9: days("phq9"),
            gad7: days("gad7"),
            who5: days("who5"),
            client_idle_minutes: s
                .client_idle_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
        }
    }

    fn schedule_field(&self, what: &str) -> &str {
        match what {
            "checkin" => &self.checkin,
            "phq9" => &self.phq9,
            "gad7" => &self.gad7,
            _ => &self.who5,
        }
    }

    /// The settings typed; a line or number that does not read names its field.
    fn settings(&self) -> Result<Settings, FormError> {
        let mut crisis_lines = Vec::new();
        for (n, raw) in self.crisis_lines.lines().enumerate() {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let parts: Vec<&str> = raw.split('|').map(str::trim).collect();
            let [country, label, href, action] = parts.as_slice() else {
                return Err(FormError::new(
                    "crisis_lines",
                    format!(
                        "Line {}: write country | what it is | link | button text.",
                        n + 1
                    ),
                ));
            };
            crisis_lines.push(CrisisLine {
                country: country.to_string(),
                label: label.to_string(),
                href: href.to_string(),
                action: action.to_string(),
            });
        }
        let mut default_schedule = BTreeMap::new();
        for (what, _) in DEFAULT_SCHEDULE {
            let v = self.schedule_field(what).trim();
            if v.is_empty() {
                continue;
            }
            let days = v
                .parse::<i32>()
                .map_err(|_| FormError::new(what, "Use a number of days from 0 (never) to 365."))?;
            default_schedule.insert(what.to_string(), days);
        }
        let idle = self.client_idle_minutes.trim();
        let client_idle_minutes = match idle {
            "" => None,
            v => Some(
                v.parse::<u32>()
                    .map_err(|_| FormError::new("client_idle_minutes", "Use 5 to 720 minutes."))?,
            ),
        };
        Ok(Settings {
            country: Some(self.country.clone()),
            crisis_lines,
            default_schedule,
            client_idle_minutes,
        })
    }
}

/// A measure's schedule field: (name, label, typed, built-in default).
pub struct ScheduleField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub default_days: i32,
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
pub struct SettingsPage {
    pub l: Layout,
    pub saved: bool,
    pub errors: Vec<FormError>,
    pub form: SettingsForm,
    pub schedule: Vec<ScheduleField>,
    pub idle_default: u32,
}

impl SettingsPage {
    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| {
            e.field == field
                || e.field.starts_with(&format!("{field}["))
                || e.field == format!("default_schedule.{field}")
        })
    }
}

fn build(
    state: &AppState,
    ctx: &Ctx,
    form: SettingsForm,
    errors: Vec<FormError>,
    saved: bool,
) -> Page {
    let schedule = DEFAULT_SCHEDULE
        .iter()
        .map(|(what, days)| ScheduleField {
            name: what,
            label: crate::i18n::t(
                ctx.lang,
                match *what {
                    "checkin" => "settings-schedule-checkin",
                    "phq9" => "settings-schedule-phq9",
                    "gad7" => "settings-schedule-gad7",
                    _ => "settings-schedule-who5",
                },
            ),
            value: form.schedule_field(what).to_string(),
            default_days: *days,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_status(
        status,
        SettingsPage {
            l: Layout::new(ctx),
            saved,
            errors,
            form,
            schedule,
            idle_default: state.app.config.client_idle_minutes,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(d): Query<Done>,
) -> Page {
    let s = settings::get(&state.app, &actor).await?;
    build(&state, &ctx, SettingsForm::of(&s), vec![], d.done.is_some())
}

/// Field names of the API (`crisis_lines[2].href`, `default_schedule.phq9`) as the form's.
fn form_field(field: &str) -> String {
    if field.starts_with("crisis_lines") {
        "crisis_lines".into()
    } else if let Some(w) = field.strip_prefix("default_schedule.") {
        w.to_string()
    } else {
        field.to_string()
    }
}

async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<SettingsForm>,
) -> Page {
    let error = match form.settings() {
        Err(e) => e,
        Ok(s) => match settings::set(&state.app, &actor, s).await {
            Ok(_) => return to("/admin/settings?done=saved"),
            Err(e) => {
                let e = invalid(e)?;
                let message = match e
                    .field
                    .split_once('[')
                    .and_then(|(_, rest)| rest.split_once(']'))
                {
                    Some((i, _)) => format!(
                        "Line {}: {}",
                        i.parse::<usize>().map_or(0, |i| i + 1),
                        e.message
                    ),
                    None => e.message,
                };
                FormError::new(form_field(&e.field), message)
            }
        },
    };
    build(&state, &ctx, form, vec![error], false)
}
