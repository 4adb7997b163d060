//! The public directory: a GET form of filters, results as cards, pages of twenty, an empty
//! state that widens the search; and one clinician's profile page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rapport_app::Error;
use rapport_app::therapists::{self, Filters, Listed};
use rapport_core::therapists::{Format, Mode, Specialty, TherapyApproach};
use uuid::Uuid;

use super::{Choice, choices};
use crate::api::therapists::{DirectoryQuery, filters_of};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, render, render_status};
use crate::state::AppState;

/// A listed clinician as a card or page shows them: words already as people read them.
pub struct Card {
    pub id: String,
    pub name: String,
    pub pronouns: Option<String>,
    pub credentials: String,
    pub years: Option<u16>,
    pub approaches: Vec<&'static str>,
    pub formats: Vec<&'static str>,
    pub modes: Vec<&'static str>,
    pub location: Option<String>,
    pub jurisdictions: String,
    pub languages: String,
    pub specialties: Vec<&'static str>,
    pub fee: Option<String>,
    pub insurance: Vec<String>,
    pub availability: Option<String>,
    pub statement: Option<String>,
    pub checked_on: String,
}

impl Card {
    pub fn of(l: &Listed) -> Card {
        let p = &l.profile;
        let fee = match (p.fee, p.sliding_scale) {
            (Some(f), Some(true)) => Some(format!("{f} a session, sliding scale")),
            (Some(f), _) => Some(format!("{f} a session")),
            (None, Some(true)) => Some("Sliding scale".to_string()),
            (None, _) => None,
        };
        Card {
            id: l.clinician_id.to_string(),
            name: l.name.clone(),
            pronouns: p.pronouns.clone(),
            credentials: p
                .credentials
                .iter()
                .map(|c| c.short())
                .collect::<Vec<_>>()
                .join(", "),
            years: p.years_in_practice,
            approaches: p.approaches.iter().map(|a| a.label()).collect(),
            formats: p.formats.iter().map(|f| f.label()).collect(),
            modes: p.modes.iter().map(|m| m.label()).collect(),
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
                .map(|l| l.label())
                .collect::<Vec<_>>()
                .join(", "),
            specialties: p.specialties.iter().map(|s| s.label()).collect(),
            fee,
            insurance: p.insurance.0.clone(),
            availability: p.availability.clone(),
            statement: p.statement.clone(),
            checked_on: l.verified_on.format("%-d %b %Y").to_string(),
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

fn label_of(key: &str, v: &str) -> String {
    let word = match key {
        "approach" => TherapyApproach::parse(v).map(|a| a.label().to_string()),
        "format" => Format::parse(v).map(|a| a.label().to_string()),
        "mode" => Mode::parse(v).map(|a| a.label().to_string()),
        "specialty" => Specialty::parse(v).map(|a| a.label().to_string()),
        "max_fee" => Some(format!("fee up to {v}")),
        "language" => rapport_core::therapists::Language::parse(v).map(|l| l.label()),
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
    let mut view = DirectoryPageView {
        l: Layout::new(&ctx),
        errors: vec![],
        q: typed,
        approaches: choices(
            TherapyApproach::ALL,
            TherapyApproach::as_str,
            TherapyApproach::label,
            &[approach.as_str()],
        ),
        formats: choices(
            Format::ALL,
            Format::as_str,
            Format::label,
            &[format.as_str()],
        ),
        modes: choices(Mode::ALL, Mode::as_str, Mode::label, &[mode.as_str()]),
        specialties: choices(
            Specialty::ALL,
            Specialty::as_str,
            Specialty::label,
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
    view.cards = found.items.iter().map(Card::of).collect();
    view.total = found.total;
    view.page = found.page;
    view.next = found.next.map(|n| href(&q, None, Some(n)));
    view.prev = (page > 1).then(|| href(&q, None, Some(page - 1)));
    if found.total == 0 {
        view.widen = KEYS
            .iter()
            .filter_map(|k| {
                value(&q, k).map(|v| Widen {
                    label: label_of(k, v),
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
        c: Card::of(&l),
    })
}
