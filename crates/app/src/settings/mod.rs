//! The instance's settings (action `ManageSettings`): its country and crisis lines per
//! country, the default measure schedules of clients whose clinician changed none, and the
//! client idle time-out. Unset, each falls back to what the instance was started with (the
//! United States' crisis lines or `--crisis-file`, the built-in schedule, the
//! `--client-idle-minutes` flag). Nothing here is about a person, so the values in force are
//! read without an actor: the crisis page is public.

use std::collections::BTreeMap;

use rapport_store::settings as store;
use serde::{Deserialize, Serialize};

use crate::audit_log::{Entry, record_and_commit};
use crate::measures::DEFAULT_SCHEDULE;
use crate::policy::Action;
use crate::{Actor, App, Error, Result, access};

/// One crisis line of one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisLine {
    /// ISO 3166-1 alpha-2, upper case, e.g. `GB`.
    pub country: String,
    /// What it is, e.g. "Samaritans (call, any time)".
    pub label: String,
    /// `tel:…`, `sms:…` or `https://…`.
    pub href: String,
    /// What the button says, e.g. "Call 116 123".
    pub action: String,
}

/// The settings as set; `None` or empty: the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The instance's country: its crisis lines are the ones shown.
    pub country: Option<String>,
    pub crisis_lines: Vec<CrisisLine>,
    /// Days between asks, by measure (`checkin`, `phq9`, `gad7`, `who5`); 0 = not asked.
    pub default_schedule: BTreeMap<String, i32>,
    pub client_idle_minutes: Option<u32>,
}

impl Settings {
    /// The crisis lines of the instance's country (empty: show the built-in ones).
    pub fn crisis_lines_here(&self) -> Vec<&CrisisLine> {
        match &self.country {
            Some(c) => self
                .crisis_lines
                .iter()
                .filter(|l| &l.country == c)
                .collect(),
            None => vec![],
        }
    }

    /// Days between asks for `what` for a client whose clinician changed nothing.
    pub fn schedule_days(&self, what: &str) -> i32 {
        self.default_schedule.get(what).copied().unwrap_or_else(|| {
            DEFAULT_SCHEDULE
                .iter()
                .find(|(w, _)| *w == what)
                .map_or(0, |(_, d)| *d)
        })
    }
}

const COUNTRY: &str = "country";
const CRISIS_LINES: &str = "crisis_lines";
const DEFAULT_SCHEDULE_KEY: &str = "default_schedule";
const CLIENT_IDLE: &str = "client_idle_minutes";

pub const MAX_LINES: usize = 30;
/// The bounds of `--client-idle-minutes`.
pub const IDLE_BOUNDS: (u32, u32) = (5, 720);

/// The settings in force (anyone: they are not about a person).
pub async fn current(app: &App) -> Result<Settings> {
    current_in(app.db.conn()).await
}

/// [`current`], read through `c` (a use-case's snapshot).
pub(crate) async fn current_in(c: &impl rapport_store::ConnectionTrait) -> Result<Settings> {
    let mut s = Settings::default();
    for (key, value) in store::all(c).await? {
        // A value that does not read (written by a later version) is left at its default.
        match key.as_str() {
            COUNTRY => s.country = serde_json::from_str(&value).ok(),
            CRISIS_LINES => s.crisis_lines = serde_json::from_str(&value).unwrap_or_default(),
            DEFAULT_SCHEDULE_KEY => {
                s.default_schedule = serde_json::from_str(&value).unwrap_or_default();
            }
            CLIENT_IDLE => s.client_idle_minutes = serde_json::from_str(&value).ok(),
            _ => {}
        }
    }
    Ok(s)
}

/// The setting key of the default schedule, for a read that fetches it with others.
pub(crate) const SCHEDULE_KEY: &str = DEFAULT_SCHEDULE_KEY;

/// The settings as far as the default schedule goes, from its stored value (what
/// [`current`] makes of it).
pub(crate) fn with_default_schedule(value: Option<&str>) -> Settings {
    Settings {
        default_schedule: value
            .map(|v| serde_json::from_str(v).unwrap_or_default())
            .unwrap_or_default(),
        ..Settings::default()
    }
}

/// The client idle time-out in force: the setting, else the flag.
pub async fn client_idle_minutes(app: &App) -> Result<u32> {
    client_idle_minutes_in(app, app.db.conn()).await
}

/// [`client_idle_minutes`], read through `c` (the transaction of a sign-in: a read on the
/// pool beside it would hold one connection while waiting for another).
pub(crate) async fn client_idle_minutes_in(
    app: &App,
    c: &impl rapport_store::ConnectionTrait,
) -> Result<u32> {
    Ok(current_in(c)
        .await?
        .client_idle_minutes
        .unwrap_or(app.config.client_idle_minutes))
}

/// The settings, for the administrator's page.
pub async fn get(app: &App, actor: &Actor) -> Result<Settings> {
    access::allow(actor, Action::ManageSettings)?;
    current(app).await
}

fn country_code(field: &str, c: &str) -> Result<String> {
    let c = c.trim().to_ascii_uppercase();
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(Error::invalid(
            field,
            "Use the country's two-letter code, like US, GB or DE.",
        ))
    }
}

fn text(field: &str, v: &str, max: usize, what: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, format!("Write {what}.")));
    }
    if v.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("Use at most {max} characters."),
        ));
    }
    Ok(v.to_string())
}

/// Checks every value; the first problem is a 422 naming its field.
pub fn validate(s: Settings) -> Result<Settings> {
    let country = s
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| country_code("country", c))
        .transpose()?;
    if s.crisis_lines.len() > MAX_LINES {
        return Err(Error::invalid(
            "crisis_lines",
            format!("Give at most {MAX_LINES} crisis lines."),
        ));
    }
    let mut crisis_lines = Vec::new();
    for (i, l) in s.crisis_lines.into_iter().enumerate() {
        let f = |name: &str| format!("crisis_lines[{i}].{name}");
        let href = text(&f("href"), &l.href, 300, "a tel:, sms: or https:// link")?;
        if !["tel:", "sms:", "https://"]
            .iter()
            .any(|p| href.starts_with(p))
            || href.contains(char::is_whitespace)
        {
            return Err(Error::invalid(
                f("href"),
                "Start the link with tel:, sms: or https://, without spaces.",
            ));
        }
        crisis_lines.push(CrisisLine {
            country: country_code(&f("country"), &l.country)?,
            label: text(&f("label"), &l.label, 120, "what the line is")?,
            action: text(&f("action"), &l.action, 60, "what the button says")?,
            href,
        });
    }
    for (what, days) in &s.default_schedule {
        if !DEFAULT_SCHEDULE.iter().any(|(w, _)| w == what) {
            return Err(Error::invalid(
                format!("default_schedule.{what}"),
                "Use checkin, phq9, gad7 or who5.",
            ));
        }
        if !(0..=365).contains(days) {
            return Err(Error::invalid(
                format!("default_schedule.{what}"),
                "Use a number of days from 0 (never) to 365.",
            ));
        }
    }
    if let Some(m) = s.client_idle_minutes
        && !(IDLE_BOUNDS.0..=IDLE_BOUNDS.1).contains(&m)
    {
        return Err(Error::invalid(
            "client_idle_minutes",
            "Use 5 to 720 minutes.",
        ));
    }
    Ok(Settings {
        country,
        crisis_lines,
        default_schedule: s.default_schedule,
        client_idle_minutes: s.client_idle_minutes,
    })
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(e.to_string()))
}

/// Replaces the settings (administrators); audited with the names of those that changed.
pub async fn set(app: &App, actor: &Actor, s: Settings) -> Result<Settings> {
    access::allow(actor, Action::ManageSettings)?;
    let s = validate(s)?;
    let before = current(app).await?;
    let tx = app.db.write().await?;
    let c = tx.conn();
    let (by, now) = (actor.user_id, app.now());
    let mut changed = Vec::new();
    if s.country != before.country {
        let v = s.country.as_ref().map(json).transpose()?;
        store::put(c, COUNTRY, v.as_deref(), by, now).await?;
        changed.push(COUNTRY);
    }
    if s.crisis_lines != before.crisis_lines {
        let v = (!s.crisis_lines.is_empty())
            .then(|| json(&s.crisis_lines))
            .transpose()?;
        store::put(c, CRISIS_LINES, v.as_deref(), by, now).await?;
        changed.push(CRISIS_LINES);
    }
    if s.default_schedule != before.default_schedule {
        let v = (!s.default_schedule.is_empty())
            .then(|| json(&s.default_schedule))
            .transpose()?;
        store::put(c, DEFAULT_SCHEDULE_KEY, v.as_deref(), by, now).await?;
        changed.push(DEFAULT_SCHEDULE_KEY);
    }
    if s.client_idle_minutes != before.client_idle_minutes {
        let v = s.client_idle_minutes.as_ref().map(json).transpose()?;
        store::put(c, CLIENT_IDLE, v.as_deref(), by, now).await?;
        changed.push(CLIENT_IDLE);
    }
    if changed.is_empty() {
        return Ok(s);
    }
    let mut e = Entry::ok("admin.settings_changed").resource("settings");
    e.detail = Some(changed.join(", "));
    record_and_commit(app, tx, actor, e).await?;
    Ok(s)
}
