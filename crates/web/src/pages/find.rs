//! `/find`: the short questionnaire and the shortlist on one page (public). The answers are
//! sent by POST (never in the address), used for the one match and not stored for visitors;
//! a signed-in client's form starts from their intake. Nothing matches: the page says so and
//! offers to drop one constraint at a time, keeping every other answer.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use rapport_app::Actor;
use rapport_app::matching::{self, Matches};
use rapport_core::matching::{HelpWith, Missing, Request, StepKind};
use rapport_core::therapists::{Format, Gender, Mode, TherapyApproach};
use serde_json::{Map, Value};

use super::intake::Choice;
use super::templates::{FormError, Layout};
use super::{Page, invalid, render, render_status};
use crate::extract::Ctx;
use crate::i18n::{self, Lang};
use crate::state::AppState;

mod words;

pub fn routes() -> Router<AppState> {
    Router::new().route("/find", get(form).post(find))
}

/// One option of a drop-down (the first is "no preference").
pub struct Opt {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

fn options<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Opt> {
    all.iter()
        .map(|v| Opt {
            value: word(*v),
            label: label(*v),
            selected: word(*v) == chosen,
        })
        .collect()
}

/// A shortlist card.
pub struct Card {
    pub clinician_id: String,
    pub name: String,
    pub credentials: String,
    /// How well they fit, as a message key.
    pub fit_key: &'static str,
    pub reasons: Vec<String>,
    pub concerns: Vec<String>,
}

/// A widening step as a button.
pub struct WidenButton {
    pub step: &'static str,
    pub message: String,
}

/// Resources when nothing matches.
pub struct ResourceLink {
    pub label: String,
    pub href: &'static str,
    pub phone: Option<&'static str>,
}

/// What the person typed, kept as typed.
#[derive(Default, Clone)]
pub struct Typed {
    pub help_with: String,
    pub phq9_total: String,
    pub earlier_courses: String,
    pub what_helped: String,
    pub missing: Vec<String>,
    pub therapist_was_the_problem: String,
    pub approach: String,
    pub format: String,
    pub mode: String,
    pub language: String,
    pub therapist_gender: String,
    pub max_fee: String,
    pub insurance: String,
    pub jurisdiction: String,
    pub open_to_family_or_group: bool,
}

#[derive(Template)]
#[template(path = "find.html")]
pub struct FindPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub t: Typed,
    pub help_with: Vec<Opt>,
    pub approaches: Vec<Opt>,
    pub formats: Vec<Opt>,
    pub modes: Vec<Opt>,
    pub genders: Vec<Opt>,
    pub missing: Vec<Choice>,
    pub from_intake: bool,
    /// Set after a search.
    pub searched: bool,
    pub cards: Vec<Card>,
    pub earlier: Vec<Card>,
    pub left_out_current: bool,
    pub widen: Vec<WidenButton>,
    pub resources: Vec<ResourceLink>,
    pub dropped: Option<&'static str>,
}

impl FindPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// An option's words in the page's language (its message is `prefix` and its value).
    fn opt(&self, prefix: &str, value: &str, label: &str) -> String {
        match (self.l.lang, prefix, value) {
            (Lang::En, _, _) => label.to_string(),
            (_, "fd-format-", "individual") => i18n::t(self.l.lang, "label-individual"),
            _ => i18n::t(self.l.lang, &format!("{prefix}{value}")),
        }
    }

    /// A widening step's name in the page's language.
    fn step_words(&self, label: &str) -> String {
        StepKind::ALL
            .iter()
            .find(|k| k.label() == label)
            .map_or_else(
                || label.to_string(),
                |k| i18n::t(self.l.lang, &format!("fd-step-{}", k.as_str())),
            )
    }
}

fn page(ctx: &Ctx, t: Typed, errors: Vec<FormError>) -> FindPage {
    let missing = Missing::ALL
        .iter()
        .map(|m| Choice {
            value: m.as_str(),
            label: m.label(),
            checked: t.missing.iter().any(|x| x == m.as_str()),
        })
        .collect();
    FindPage {
        l: Layout::new(ctx),
        errors,
        help_with: options(
            HelpWith::ALL,
            HelpWith::as_str,
            HelpWith::label,
            &t.help_with,
        ),
        approaches: options(
            TherapyApproach::ALL,
            TherapyApproach::as_str,
            TherapyApproach::label,
            &t.approach,
        ),
        formats: options(Format::ALL, Format::as_str, Format::label, &t.format),
        modes: options(Mode::ALL, Mode::as_str, Mode::label, &t.mode),
        genders: options(
            Gender::ALL,
            Gender::as_str,
            Gender::label,
            &t.therapist_gender,
        ),
        missing,
        from_intake: false,
        searched: false,
        cards: vec![],
        earlier: vec![],
        left_out_current: false,
        widen: vec![],
        resources: vec![],
        dropped: None,
        t,
    }
}

fn client(ctx: &Ctx) -> Option<&Actor> {
    ctx.full().ok().map(|c| &c.actor)
}

async fn form(State(state): State<AppState>, ctx: Ctx) -> Page {
    let pre = matching::prefill(&state.app, client(&ctx)).await?;
    let mut t = Typed::default();
    let from_intake = pre.earlier_courses > 0;
    if from_intake {
        t.earlier_courses = pre.earlier_courses.to_string();
    }
    let mut p = page(&ctx, t, vec![]);
    p.from_intake = from_intake;
    render(p)
}

fn read(fields: &[(String, String)]) -> (Typed, Option<String>) {
    let mut t = Typed::default();
    let mut drop = None;
    for (k, v) in fields {
        let v = v.trim().to_string();
        match k.as_str() {
            "help_with" => t.help_with = v,
            "phq9_total" => t.phq9_total = v,
            "earlier_courses" => t.earlier_courses = v,
            "what_helped" => t.what_helped = v,
            "missing" => t.missing.push(v),
            "therapist_was_the_problem" => t.therapist_was_the_problem = v,
            "approach" => t.approach = v,
            "format" => t.format = v,
            "mode" => t.mode = v,
            "language" => t.language = v,
            "therapist_gender" => t.therapist_gender = v,
            "max_fee" => t.max_fee = v,
            "insurance" => t.insurance = v,
            "jurisdiction" => t.jurisdiction = v,
            "open_to_family_or_group" => t.open_to_family_or_group = true,
            "drop" => drop = Some(v),
            _ => {}
        }
    }
    (t, drop)
}

/// Drops one constraint (a widening step), keeping every other answer.
fn drop_step(t: &mut Typed, step: &str) -> Option<&'static str> {
    let kind = StepKind::parse(step)?;
    match kind {
        StepKind::Mode => t.mode.clear(),
        StepKind::Budget => t.max_fee.clear(),
        StepKind::Language => t.language.clear(),
        StepKind::Jurisdiction => t.jurisdiction.clear(),
    }
    Some(kind.label())
}

fn number(field: &str, value: &str, message: &str) -> Result<Option<Value>, FormError> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<u32>()
        .map(|n| Some(Value::from(n)))
        .map_err(|_| FormError::new(field, message))
}

/// The typed answers as the API's request (so that the checks and messages are the same).
fn request(t: &Typed) -> Result<Request, FormError> {
    let mut o = Map::new();
    let mut text = |k: &str, v: &str| {
        if !v.is_empty() {
            o.insert(k.to_string(), Value::from(v));
        }
    };
    text("help_with", &t.help_with);
    text("approach", &t.approach);
    text("format", &t.format);
    text("mode", &t.mode);
    text("language", &t.language);
    text("therapist_gender", &t.therapist_gender);
    text("insurance", &t.insurance);
    text("jurisdiction", &t.jurisdiction);
    for (field, value, message) in [
        (
            "phq9_total",
            &t.phq9_total,
            "Write the PHQ-9 total as a number from 0 to 27, or leave it empty.",
        ),
        (
            "earlier_courses",
            &t.earlier_courses,
            "Write how many times as a number, such as 0, 1 or 2.",
        ),
        (
            "max_fee",
            &t.max_fee,
            "Write the most you can pay as a whole number, such as 120, or leave it empty.",
        ),
    ] {
        if let Some(n) = number(field, value, message)? {
            o.insert(field.to_string(), n);
        }
    }
    o.insert("missing".into(), Value::from(t.missing.clone()));
    match t.therapist_was_the_problem.as_str() {
        "yes" => {
            o.insert("therapist_was_the_problem".into(), Value::Bool(true));
        }
        "no" => {
            o.insert("therapist_was_the_problem".into(), Value::Bool(false));
        }
        _ => {}
    }
    if t.open_to_family_or_group {
        o.insert("open_to_family_or_group".into(), Value::Bool(true));
    }
    Request::from_json(&Value::Object(o)).map_err(|e| FormError::new(e.field, e.message))
}

fn fit_key(score: u8) -> &'static str {
    match score {
        80.. => "fd-fit-close",
        50..=79 => "fd-fit-much",
        _ => "fd-fit-some",
    }
}

fn show(p: &mut FindPage, m: Matches) {
    let lang = p.l.lang;
    p.searched = true;
    p.left_out_current = m.left_out_current;
    p.cards = m
        .results
        .into_iter()
        .map(|r| Card {
            clinician_id: r.clinician_id.to_string(),
            credentials: super::therapists::words::credentials_beside(
                lang,
                &r.name,
                &r.credentials,
            ),
            name: r.name,
            fit_key: fit_key(r.score),
            reasons: r.reasons.iter().map(|x| words::reason(lang, x)).collect(),
            concerns: r.concerns.iter().map(|x| words::concern(lang, x)).collect(),
        })
        .collect();
    p.earlier = m
        .earlier_therapists
        .into_iter()
        .map(|e| Card {
            clinician_id: e.clinician_id.to_string(),
            name: e.name,
            credentials: String::new(),
            fit_key: "fd-fit-before",
            reasons: e.reasons.iter().map(|x| words::earlier(lang, x)).collect(),
            concerns: vec![],
        })
        .collect();
    p.widen = m
        .widen
        .iter()
        .map(|s| WidenButton {
            step: s.step.as_str(),
            message: words::widening(lang, &s.dropped),
        })
        .collect();
    p.resources = m
        .resources
        .iter()
        .map(|r| ResourceLink {
            label: words::resource(lang, r),
            href: r.href,
            phone: r.phone,
        })
        .collect();
}

async fn find(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let (mut t, drop) = read(&fields);
    let dropped = drop.as_deref().and_then(|d| drop_step(&mut t, d));
    let req = match request(&t) {
        Ok(r) => r,
        Err(e) => {
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page(&ctx, t, vec![e]));
        }
    };
    let m = match matching::find_matches(&state.app, client(&ctx), req).await {
        Ok(m) => m,
        Err(e) => {
            let e = invalid(e)?;
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, page(&ctx, t, vec![e]));
        }
    };
    let mut p = page(&ctx, t, vec![]);
    p.dropped = dropped;
    show(&mut p, m);
    render(p)
}
