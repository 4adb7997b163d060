//! The public directory: a GET form of filters, results as cards, pages of twenty, an empty
//! state that widens the search; and one clinician's profile page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rapport_app::Error;
use rapport_app::therapists::{self, Filters, Listed};
use rapport_core::therapists::{Format, Mode, Specialty, TherapyApproach};
use uuid::Uuid;

use super::{Choice, choices, words};
use crate::api::therapists::{DirectoryQuery, filters_of};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::i18n::{self, Lang};
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, render, render_status};
use crate::state::AppState;

/// A listed clinician as a card or page shows them: words already as people read them, in
/// the page's language.
pub struct Card {
    pub id: String,
    pub name: String,
    pub pronouns: Option<String>,
    pub credentials: String,
    pub years: Option<u16>,
    pub approaches: Vec<String>,
    pub formats: Vec<String>,
    pub modes: Vec<String>,
    pub location: Option<String>,
    pub jurisdictions: String,
    pub languages: String,
    pub specialties: Vec<String>,
    pub fee: Option<String>,
    pub insurance: Vec<String>,
    pub availability: Option<String>,
    pub statement: Option<String>,
    pub checked_on: String,
}

impl Card {
    pub fn of(l: &Listed, lang: Lang) -> Card {
        let p = &l.profile;
        let fee = match (p.fee, p.sliding_scale) {
            (Some(f), Some(true)) => Some(i18n::t_args(
                lang,
                "th-fee-sliding",
                &[("fee", f.to_string().into())],
            )),
            (Some(f), _) => Some(i18n::t_args(
                lang,
                "th-fee-only",
                &[("fee", f.to_string().into())],
            )),
            (None, Some(true)) => Some(i18n::t(lang, "th-sliding-only")),
            (None, _) => None,
        };
        Card {
            id: l.clinician_id.to_string(),
            name: l.name.clone(),
            pronouns: p.pronouns.clone(),
            credentials: words::credentials_beside(lang, &l.name, &p.credentials),
            years: p.years_in_practice,
            approaches: p
                .approaches
                .iter()
                .map(|a| words::approach(lang, *a))
                .collect(),
            formats: p.formats.iter().map(|f| words::format(lang, *f)).collect(),
            modes: p.modes.iter().map(|m| words::mode(lang, *m)).collect(),
            location: p.location.clone(),
            jurisdictions: p
                .jurisdictions
                .iter()
                .map(|j| j.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            languages: p
                .languages
                .iter()
                .map(|l| words::language(lang, l))
                .collect::<Vec<_>>()
                .join(", "),
            specialties: p
                .specialties
                .iter()
                .map(|s| words::specialty(lang, *s))
                .collect(),
            fee,
            insurance: p.insurance.0.clone(),
            availability: p.availability.clone(),
            statement: p.statement.clone(),
            checked_on: i18n::local_date(lang, &l.verified_on.format("%-d %b %Y").to_string()),
        }
    }
}

/// One filter the visitor set, and the search without it.
pub struct Widen {
    pub label: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "therapists/directory.html")]
pub struct DirectoryPageView {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub q: Typed,
    pub approaches: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub specialties: Vec<Choice>,
    pub cards: Vec<Card>,
    pub total: usize,
    pub page: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub widen: Vec<Widen>,
    pub searched: bool,
}

impl DirectoryPageView {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// The text filters as typed.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub language: String,
    pub jurisdiction: String,
    pub max_fee: String,
    pub insurance: String,
}

const KEYS: [&str; 8] = [
    "approach",
    "format",
    "mode",
    "language",
    "specialty",
    "jurisdiction",
    "max_fee",
    "insurance",
];

fn value<'a>(q: &'a DirectoryQuery, key: &str) -> Option<&'a str> {
    match key {
        "approach" => q.approach.as_deref(),
        "format" => q.format.as_deref(),
        "mode" => q.mode.as_deref(),
        "language" => q.language.as_deref(),
        "specialty" => q.specialty.as_deref(),
        "jurisdiction" => q.jurisdiction.as_deref(),
        "max_fee" => q.max_fee.as_deref(),
        "insurance" => q.insurance.as_deref(),
        _ => None,
    }
    .map(str::trim)
    .filter(|v| !v.is_empty())
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `/therapists?…` with the filters set, but `without`, at `page`.
fn href(q: &DirectoryQuery, without: Option<&str>, page: Option<usize>) -> String {
    let mut parts: Vec<String> = KEYS
        .iter()
        .filter(|k| Some(**k) != without)
        .filter_map(|k| value(q, k).map(|v| format!("{k}={}", enc(v))))
        .collect();
    if let Some(p) = page.filter(|p| *p > 1) {
        parts.push(format!("page={p}"));
    }
    if parts.is_empty() {
        "/therapists".into()
    } else {
        format!("/therapists?{}", parts.join("&"))
    }
}

fn label_of(lang: Lang, key: &str, v: &str) -> String {
    let word = match key {
        "approach" => TherapyApproach::parse(v).map(|a| words::approach(lang, a)),
        "format" => Format::parse(v).map(|f| words::format(lang, f)),
        "mode" => Mode::parse(v).map(|m| words::mode(lang, m)),
        "specialty" => Specialty::parse(v).map(|s| words::specialty(lang, s)),
        "max_fee" => Some(i18n::t_args(lang, "th-fee-up-to", &[("fee", v.into())])),
        "language" => {
            rapport_core::therapists::Language::parse(v).map(|l| words::language(lang, &l))
        }
        _ => None,
    };
    word.unwrap_or_else(|| v.to_string())
}

pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DirectoryQuery>,
) -> Page {
    let typed = Typed {
        language: q.language.clone().unwrap_or_default(),
        jurisdiction: q.jurisdiction.clone().unwrap_or_default(),
        max_fee: q.max_fee.clone().unwrap_or_default(),
        insurance: q.insurance.clone().unwrap_or_default(),
    };
    let chosen = |k: &str| value(&q, k).map(|v| v.to_string()).unwrap_or_default();
    let (approach, format, mode, specialty) = (
        chosen("approach"),
        chosen("format"),
        chosen("mode"),
        chosen("specialty"),
    );
    let lang = ctx.lang;
    let mut view = DirectoryPageView {
        l: Layout::new(&ctx),
        errors: vec![],
        q: typed,
        approaches: choices(
            TherapyApproach::ALL,
            TherapyApproach::as_str,
            |a| words::approach(lang, a),
            &[approach.as_str()],
        ),
        formats: choices(
            Format::ALL,
            Format::as_str,
            |f| words::format(lang, f),
            &[format.as_str()],
        ),
        modes: choices(
            Mode::ALL,
            Mode::as_str,
            |m| words::mode(lang, m),
            &[mode.as_str()],
        ),
        specialties: choices(
            Specialty::ALL,
            Specialty::as_str,
            |s| words::specialty(lang, s),
            &[specialty.as_str()],
        ),
        cards: vec![],
        total: 0,
        page: 1,
        prev: None,
        next: None,
        widen: vec![],
        searched: KEYS.iter().any(|k| value(&q, k).is_some()),
    };
    let (filters, page): (Filters, usize) = match filters_of(&q, false) {
        Ok(f) => f,
        Err(e) => match e.0 {
            Error::Invalid { field, message } => {
                view.errors.push(FormError::new(field, message));
                return render_status(StatusCode::UNPROCESSABLE_ENTITY, view);
            }
            other => return Err(PageError(other)),
        },
    };
    let found = therapists::directory(&state.app, &filters, page).await?;
    view.cards = found.items.iter().map(|c| Card::of(c, lang)).collect();
    view.total = found.total;
    view.page = found.page;
    view.next = found.next.map(|n| href(&q, None, Some(n)));
    view.prev = (page > 1).then(|| href(&q, None, Some(page - 1)));
    if found.total == 0 {
        view.widen = KEYS
            .iter()
            .filter_map(|k| {
                value(&q, k).map(|v| Widen {
                    label: label_of(lang, k, v),
                    href: href(&q, Some(k), None),
                })
            })
            .collect();
    }
    render(view)
}

#[derive(Template)]
#[template(path = "therapists/profile.html")]
pub struct ProfilePageView {
    pub l: Layout,
    pub c: Card,
}

pub async fn one(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Page {
    let id = Uuid::parse_str(&id).map_err(|_| PageError(Error::NotFound))?;
    let l = therapists::public_profile(&state.app, id).await?;
    render(ProfilePageView {
        l: Layout::new(&ctx),
        c: Card::of(&l, ctx.lang),
    })
}
