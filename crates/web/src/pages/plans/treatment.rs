//! The treatment plan: the client reads it in plain words and agrees to it; the care team
//! writes its versions.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use rapport_app::plans::{self, TreatmentPlanView};
use rapport_app::{Actor, Error};
use rapport_core::measures::Instrument;
use rapport_core::plans::TreatmentPlanInput;
use rapport_core::plans::approach::{Approach, Delivery, Format, Frequency, IptFocus};
use serde::Deserialize;

use crate::error::PageError;
use crate::extract::{Ctx, Record, Signed};
use crate::i18n::{self, Lang};
use crate::pages::intake::Choice;
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::zone;
use crate::pages::{Page, client_name, field, invalid_or_conflict, render, render_status, to};
use crate::state::AppState;
use rapport_app::time::Zone;

/// One version, as shown.
pub struct VersionView {
    pub version: i32,
    pub written: String,
    pub written_by: String,
    pub agreed: Option<String>,
    pub review: Option<String>,
    pub lines: Vec<String>,
    pub facts: Vec<(&'static str, String)>,
    pub notes: String,
}

/// The plan in plain words in the reader's language (English: the core's own sentences).
fn plain_words_in(lang: Lang, p: &rapport_core::plans::TreatmentPlan) -> Vec<String> {
    if lang == Lang::En {
        return p.plain_words();
    }
    let t = |key: String| i18n::t(lang, &key);
    let mut lines = vec![i18n::t_args(
        lang,
        "tp-line-approach",
        &[
            (
                "approach",
                t(format!("tp-approach-{}", p.approach.as_str())).into(),
            ),
            (
                "plain",
                t(format!("tp-plain-{}", p.approach.as_str())).into(),
            ),
        ],
    )];
    if let Some(f) = p.ipt_focus {
        let focus = t(format!("hw-focus-{}", f.as_str())).to_lowercase();
        lines.push(i18n::t_args(
            lang,
            "tp-line-focus",
            &[("focus", focus.into())],
        ));
    }
    lines.push(i18n::t_args(
        lang,
        "tp-line-sessions",
        &[
            ("who", t(format!("tp-who-{}", p.format.as_str())).into()),
            ("how", t(format!("tp-how-{}", p.delivery.as_str())).into()),
            (
                "often",
                t(format!("tp-often-{}", p.frequency.as_str())).into(),
            ),
            ("n", p.expected_sessions.into()),
        ],
    ));
    if p.with_medication {
        lines.push(i18n::t(lang, "tp-line-medication"));
    }
    let measures: Vec<&str> = p.target_measures.iter().map(|i| i.label()).collect();
    let measures = match measures.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), i18n::t(lang, "tp-and")),
    };
    lines.push(i18n::t_args(
        lang,
        "tp-line-measures",
        &[("measures", measures.into())],
    ));
    lines
}

fn version_view(v: &TreatmentPlanView, zone: Zone, lang: Lang) -> VersionView {
    let p = &v.plan;
    let mut facts = vec![("Approach", p.approach.label().to_string())];
    if let Some(f) = p.ipt_focus {
        facts.push(("IPT focus", f.label().to_string()));
    }
    facts.extend([
        (
            "With medication",
            if p.with_medication { "Yes" } else { "No" }.to_string(),
        ),
        ("Format", p.format.label().to_string()),
        ("Where", p.delivery.label().to_string()),
        ("How often", p.frequency.label().to_string()),
        (
            "Expected length",
            format!("{} sessions", p.expected_sessions),
        ),
        (
            "Target measures",
            p.target_measures
                .iter()
                .map(|i| i.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]);
    VersionView {
        version: v.version,
        written: i18n::local_date(lang, &zone.date_time(v.written_at)),
        written_by: v.written_by.clone(),
        agreed: v.agreed_at.map(|at| i18n::local_date(lang, &zone.date(at))),
        review: v
            .review_on
            .map(|d| i18n::local_date(lang, &d.format("%-d %b %Y").to_string())),
        lines: plain_words_in(lang, p),
        facts,
        notes: p.notes.clone(),
    }
}

/// The form as typed (or filled from the plan in force).
#[derive(Debug, Default, Deserialize, Clone)]
pub struct PlanForm {
    #[serde(default)]
    approach: String,
    #[serde(default)]
    ipt_focus: String,
    #[serde(default)]
    with_medication: Option<String>,
    #[serde(default)]
    format: String,
    #[serde(default)]
    delivery: String,
    #[serde(default)]
    frequency: String,
    #[serde(default)]
    expected_sessions: String,
    #[serde(default)]
    review_on: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    version: i32,
}

fn select<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: word(*v),
            label: label(*v),
            checked: word(*v) == chosen,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "treatment_plan.html")]
pub struct TreatmentPlanPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub action: String,
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub current: Option<VersionView>,
    pub earlier: Vec<VersionView>,
    pub f: PlanForm,
    pub medication: bool,
    pub approaches: Vec<Choice>,
    pub foci: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub deliveries: Vec<Choice>,
    pub frequencies: Vec<Choice>,
    pub measures: Vec<Choice>,
}

impl TreatmentPlanPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// The form filled from the plan in force (or the usual start: CBT, individual, weekly).
fn from_plan(v: Option<&TreatmentPlanView>) -> (PlanForm, Vec<String>) {
    match v {
        Some(v) => (
            PlanForm {
                approach: v.plan.approach.as_str().into(),
                ipt_focus: v
                    .plan
                    .ipt_focus
                    .map(|f| f.as_str().into())
                    .unwrap_or_default(),
                with_medication: v.plan.with_medication.then(|| "on".into()),
                format: v.plan.format.as_str().into(),
                delivery: v.plan.delivery.as_str().into(),
                frequency: v.plan.frequency.as_str().into(),
                expected_sessions: v.plan.expected_sessions.to_string(),
                review_on: v.review_on.map(|d| d.to_string()).unwrap_or_default(),
                notes: v.plan.notes.clone(),
                version: v.version,
            },
            v.plan
                .target_measures
                .iter()
                .map(|i| i.as_str().to_string())
                .collect(),
        ),
        None => (
            PlanForm {
                format: Format::Individual.as_str().into(),
                frequency: Frequency::Weekly.as_str().into(),
                expected_sessions: "16".into(),
                ..PlanForm::default()
            },
            vec![],
        ),
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    record: &Record,
    typed: Option<(PlanForm, Vec<String>)>,
    errors: Vec<FormError>,
    notice: Option<String>,
) -> Result<TreatmentPlanPage, PageError> {
    let versions = plans::treatment_plans(&state.app, actor, record.client_id).await?;
    let client_name = client_name(state, actor, record).await?;
    let (mut f, measures) = typed.unwrap_or_else(|| from_plan(versions.first()));
    f.version = versions.first().map(|v| v.version).unwrap_or(0);
    let mut views = versions
        .iter()
        .map(|v| version_view(v, zone(ctx), ctx.lang));
    Ok(TreatmentPlanPage {
        l: Layout::new(ctx),
        own: record.own,
        client_name,
        action: record.page("treatment-plan"),
        notice,
        current: views.next(),
        earlier: views.collect(),
        medication: f.with_medication.is_some(),
        approaches: select(
            Approach::ALL,
            Approach::as_str,
            Approach::label,
            &f.approach,
        ),
        foci: select(
            IptFocus::ALL,
            IptFocus::as_str,
            IptFocus::label,
            &f.ipt_focus,
        ),
        formats: select(Format::ALL, Format::as_str, Format::label, &f.format),
        deliveries: select(
            Delivery::ALL,
            Delivery::as_str,
            Delivery::label,
            &f.delivery,
        ),
        frequencies: select(
            Frequency::ALL,
            Frequency::as_str,
            Frequency::label,
            &f.frequency,
        ),
        measures: [Instrument::Gad7, Instrument::Who5]
            .into_iter()
            .map(|i| Choice {
                value: i.as_str(),
                label: i.label(),
                checked: measures.iter().any(|m| m == i.as_str()),
            })
            .collect(),
        f,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
    agreed: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Query(q): Query<Done>,
) -> Page {
    let notice = if q.agreed.is_some() {
        Some(i18n::t(ctx.lang, "tp-notice-agreed"))
    } else if q.saved.is_some() {
        Some("Saved as a new version. The client is asked to agree to it.".to_string())
    } else {
        None
    };
    render(page(&state, &ctx, &actor, &record, None, vec![], notice).await?)
}

/// The client agrees to the version they read.
pub async fn agree(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(f): Form<PlanForm>,
) -> Page {
    let agreed = plans::agree_treatment_plan(&state.app, &actor, record.client_id, f.version).await;
    let error = match agreed {
        Ok(()) => return to("/treatment-plan?agreed=1"),
        Err(Error::Conflict(message)) => FormError::new("agree", message),
        Err(e) => return Err(e.into()),
    };
    let p = page(&state, &ctx, &actor, &record, None, vec![error], None).await?;
    render_status(StatusCode::CONFLICT, p)
}

/// A clinician on the care team saves a new version.
pub async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let one = |k: &str| field(&fields, k);
    let measures: Vec<String> = fields
        .iter()
        .filter(|(n, _)| n == "target_measures")
        .map(|(_, v)| v.clone())
        .collect();
    let f = PlanForm {
        approach: one("approach"),
        ipt_focus: one("ipt_focus"),
        with_medication: fields
            .iter()
            .any(|(n, _)| n == "with_medication")
            .then(|| "on".into()),
        format: one("format"),
        delivery: one("delivery"),
        frequency: one("frequency"),
        expected_sessions: one("expected_sessions"),
        review_on: one("review_on"),
        notes: one("notes"),
        version: one("version").parse().unwrap_or(0),
    };
    let review_on = NaiveDate::parse_from_str(f.review_on.trim(), "%Y-%m-%d").ok();
    let input = TreatmentPlanInput {
        approach: &f.approach,
        ipt_focus: &f.ipt_focus,
        with_medication: f.with_medication.is_some(),
        format: &f.format,
        delivery: &f.delivery,
        frequency: &f.frequency,
        expected_sessions: f.expected_sessions.trim().parse().ok(),
        target_measures: &measures,
        notes: &f.notes,
    };
    let saved = plans::save_treatment_plan(
        &state.app,
        &actor,
        record.client_id,
        f.version,
        &input,
        review_on,
    )
    .await;
    let error = match saved {
        Ok(_) => return to(&format!("{}?saved=1", record.page("treatment-plan"))),
        Err(e) => invalid_or_conflict(e, "approach")?,
    };
    let typed = Some((f, measures));
    let p = page(&state, &ctx, &actor, &record, typed, vec![error], None).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
