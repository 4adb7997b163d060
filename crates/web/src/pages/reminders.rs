//! Notification settings (`/settings/notifications`, every role, linked from the account
//! page) and the one-click unsubscribe page (`/unsubscribe/{token}`, no sign-in: the signed
//! link is the proof; the POST is exempt from the CSRF token for RFC 8058's one-click
//! `List-Unsubscribe=One-Click`, and changes nothing but turning one kind of e-mail off).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use rapport_app::Error;
use rapport_app::reminders::{self, PreferencesInput, PreferencesView};
use serde::Deserialize;

use super::templates::{FieldView, FormError, Layout};
use super::{Page, field, invalid, render, render_status, to};
use crate::extract::{Ctx, Signed};
use crate::i18n;
use crate::messages;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/settings/notifications",
            get(settings_form).post(save_settings),
        )
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe_page).post(unsubscribe),
        )
}

/// One kind of notice with its e-mail checkbox.
pub struct KindRow {
    /// The form field, `email.<kind>`.
    pub name: String,
    /// The message of its kind ("notice-kind-message").
    pub key: String,
    pub checked: bool,
    pub critical: bool,
}

#[derive(Template)]
#[template(path = "notification_settings.html")]
pub struct SettingsPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub kinds: Vec<KindRow>,
    pub checkin_at: FieldView,
    pub quiet_start: FieldView,
    pub quiet_end: FieldView,
    pub daily_limit: FieldView,
    pub timezone: String,
    pub is_client: bool,
    /// "Tue 3 Nov 2026, 09:00": the next check-in reminder, when one is set.
    pub next_reminder: Option<String>,
}

/// The form's values: what is saved, or what was typed when it is sent back.
struct Values {
    kinds: Vec<KindRow>,
    checkin_at: String,
    quiet_start: String,
    quiet_end: String,
    daily_limit: String,
}

fn saved_values(v: &PreferencesView) -> Values {
    Values {
        kinds: v
            .email
            .iter()
            .map(|c| KindRow {
                name: format!("email.{}", c.kind.as_str()),
                key: format!("notice-kind-{}", c.kind.as_str()),
                checked: c.email,
                critical: c.critical,
            })
            .collect(),
        checkin_at: v.checkin_at.clone().unwrap_or_default(),
        quiet_start: v.quiet_start.clone().unwrap_or_default(),
        quiet_end: v.quiet_end.clone().unwrap_or_default(),
        daily_limit: v.daily_limit.to_string(),
    }
}

fn optional(f: FieldView) -> FieldView {
    FieldView {
        required: false,
        ..f
    }
}

fn page(
    ctx: &Ctx,
    v: &PreferencesView,
    values: Values,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> SettingsPage {
    let zone = rapport_app::time::Zone::new(&v.timezone);
    let t = |key: &str| i18n::t(ctx.lang, key);
    SettingsPage {
        l: Layout::new(ctx),
        notice,
        kinds: values.kinds,
        checkin_at: optional(FieldView::new("checkin_at", t("ns-checkin-at"), "time"))
            .value(values.checkin_at)
            .hint(t("ns-checkin-at-hint"))
            .error_from(&errors),
        quiet_start: optional(FieldView::new("quiet_start", t("ns-quiet-start"), "time"))
            .value(values.quiet_start)
            .hint(t("ns-quiet-start-hint"))
            .error_from(&errors),
        quiet_end: optional(FieldView::new("quiet_end", t("ns-quiet-end"), "time"))
            .value(values.quiet_end)
            .hint(t("ns-quiet-end-hint"))
            .error_from(&errors),
        daily_limit: FieldView::new("daily_limit", t("ns-limit"), "number")
            .value(values.daily_limit)
            .inputmode("numeric")
            .hint(t("ns-limit-hint"))
            .error_from(&errors),
        errors,
        timezone: v.timezone.clone(),
        is_client: ctx
            .user
            .as_ref()
            .is_some_and(|c| c.actor.role == rapport_core::accounts::Role::Client),
        next_reminder: v.next_checkin_reminder.map(|at| zone.day_time(at)),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

async fn settings_form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(d): Query<Done>,
) -> Page {
    let v = reminders::my_preferences(&state.app, &actor).await?;
    let notice = d
        .done
        .is_some()
        .then_some(messages::NOTIFICATION_SETTINGS_SAVED);
    render(page(&ctx, &v, saved_values(&v), vec![], notice))
}

async fn save_settings(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<Vec<(String, String)>>,
) -> Page {
    let current = reminders::my_preferences(&state.app, &actor).await?;
    let kinds: Vec<KindRow> = current
        .email
        .iter()
        .map(|c| {
            let name = format!("email.{}", c.kind.as_str());
            KindRow {
                key: format!("notice-kind-{}", c.kind.as_str()),
                checked: !field(&form, &name).is_empty(),
                name,
                critical: c.critical,
            }
        })
        .collect();
    let limit_text = field(&form, "daily_limit");
    let values = Values {
        checkin_at: field(&form, "checkin_at"),
        quiet_start: field(&form, "quiet_start"),
        quiet_end: field(&form, "quiet_end"),
        daily_limit: limit_text.clone(),
        kinds,
    };
    let daily_limit = match limit_text.trim().parse::<i64>() {
        Ok(n) => n,
        Err(_) => {
            let e = FormError::new("daily_limit", messages::DAILY_LIMIT_NUMBER);
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&ctx, &current, values, vec![e], None),
            );
        }
    };
    let input = PreferencesInput {
        email: values
            .kinds
            .iter()
            .map(|k| (k.name.trim_start_matches("email.").to_string(), k.checked))
            .collect(),
        quiet_start: Some(values.quiet_start.clone()),
        quiet_end: Some(values.quiet_end.clone()),
        daily_limit: Some(daily_limit),
        checkin_at: Some(values.checkin_at.clone()),
    };
    let error = match reminders::save_preferences(&state.app, &actor, input).await {
        Ok(_) => return to("/settings/notifications?done=saved"),
        Err(e) => invalid(e)?,
    };
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&ctx, &current, values, vec![error], None),
    )
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
pub struct UnsubscribePage {
    pub l: Layout,
    pub token: String,
    /// What the link turns off ("Time for your check-in" e-mails), when the link is good.
    pub label: Option<&'static str>,
    /// Whether it is done.
    pub done: bool,
    /// Why the link does not work.
    pub problem: Option<&'static str>,
}

impl UnsubscribePage {
    /// What the link turns off, in the page's language.
    fn what(&self) -> String {
        let label = self.label.unwrap_or_default();
        rapport_core::notifications::NoticeKind::ALL
            .iter()
            .find(|k| k.label() == label)
            .map_or_else(
                || label.to_string(),
                |k| i18n::t(self.l.lang, &format!("notice-kind-{}", k.as_str())),
            )
    }
}

fn broken(ctx: &Ctx, e: Error) -> Page {
    match e {
        Error::Invalid { .. } => render_status(
            StatusCode::BAD_REQUEST,
            UnsubscribePage {
                l: Layout::new(ctx),
                token: String::new(),
                label: None,
                done: false,
                problem: Some(rapport_app::messages::UNSUBSCRIBE_LINK_BROKEN),
            },
        ),
        e => Err(e.into()),
    }
}

async fn unsubscribe_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Page {
    match reminders::unsubscribe_info(&state.app, &token).await {
        Ok(u) => render(UnsubscribePage {
            l: Layout::new(&ctx),
            token,
            label: Some(u.label),
            done: false,
            problem: None,
        }),
        Err(e) => broken(&ctx, e),
    }
}

/// The button's POST and RFC 8058's one-click POST alike (any body).
async fn unsubscribe(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Page {
    match reminders::unsubscribe(&state.app, &token, Some(&ctx.address)).await {
        Ok(u) => render(UnsubscribePage {
            l: Layout::new(&ctx),
            token,
            label: Some(u.label),
            done: true,
            problem: None,
        }),
        Err(e) => broken(&ctx, e),
    }
}
