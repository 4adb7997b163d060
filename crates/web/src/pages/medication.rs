//! Medication pages (issue 22): the list of medicines, kept by the prescriber on the care team
//! (`/clients/{id}/medications`, editable by them, read by the rest of the team) and read by
//! the client (`/medications`, where they confirm their intake's list); and the chart's
//! section showing the side-effect burden beside adherence (with the reasons for missed doses)
//! and the PHQ-9, week by week.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use chrono::NaiveDate;
use rapport_app::medication::{self, AdherenceWeek, MedicationList, NewMedicine};
use rapport_app::time::Zone;
use rapport_app::{Actor, Error};
use uuid::Uuid;

use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, client_name, invalid, invalid_or_conflict, render, render_status, to};
use crate::extract::{Ctx, Record, Signed};
use crate::i18n;
use crate::state::AppState;
use rapport_core::language::Language;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/medications", get(show))
        .route("/medications/confirm", post(confirm))
        .route("/medications/questions", post(save_questions))
        .route("/medications/gp-consent", post(gp_consent))
        .route("/medications/summary", get(summary))
        .route("/clients/{id}/medications", get(show).post(save))
        .route("/clients/{id}/medications/summary", get(summary))
}

/// Weeks shown on the chart and the progress page.
pub const WEEKS: u32 = rapport_app::chart::ADHERENCE_WEEKS;

/// One medicine as a row of the list (and of the form).
#[derive(Debug, Clone, Default)]
pub struct MedicineRow {
    pub name: String,
    pub dose: String,
    pub schedule: String,
    pub prescriber: String,
    pub started_on: String,
    pub stopped_on: String,
    pub stop_reason: String,
    pub for_depression: bool,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "medications.html")]
pub struct MedicationsPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub base: String,
    /// "version 3 · 5 Dec 2026 · Dr Kofi Mensah", when there is a list.
    pub version_line: Option<String>,
    pub rows: Vec<MedicineRow>,
    pub may_edit: bool,
    /// The form's rows: the list as typed, and one empty row to add a medicine.
    pub form_rows: Vec<MedicineRow>,
    pub from_intake: Vec<(String, String, String)>,
    pub history: Vec<String>,
    pub fibser_due: bool,
    pub errors: Vec<FormError>,
    pub notice: Option<&'static str>,
    pub weeks: Vec<WeekRow>,
    /// A medication review is due.
    pub review_due: bool,
    /// The day the next review falls (or fell) due, written out.
    pub review_due_on: Option<String>,
    /// Upcoming reviews with the client's questions (the client's own view).
    pub reviews: Vec<ReviewItem>,
    /// The client lets the care team print the summary for their doctor.
    pub gp_consent: bool,
}

/// An upcoming medication review and the questions listed for it.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub id: String,
    pub when: String,
    pub with: String,
    /// One question a line, as typed or stored.
    pub questions: String,
    pub error: Option<String>,
}

/// One week of the overview: PHQ-9, burden, adherence and why doses were missed.
#[derive(Debug, Clone)]
pub struct WeekRow {
    pub week: String,
    pub phq9: String,
    pub burden: String,
    /// `high`, `medium` or `""`: the flag level the burden calls for.
    pub burden_level: &'static str,
    pub adherence: String,
    pub reasons: String,
}

/// The chart's medication section.
pub struct ChartSection {
    pub client_id: String,
    pub medicines: Vec<MedicineRow>,
    pub listed: bool,
    pub may_edit: bool,
    pub weeks: Vec<WeekRow>,
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn rows(list: &MedicationList) -> Vec<MedicineRow> {
    list.medications
        .iter()
        .map(|m| MedicineRow {
            name: m.name.clone(),
            dose: m.dose.clone(),
            schedule: m.schedule.clone(),
            prescriber: m.prescriber.clone().unwrap_or_default(),
            started_on: date(m.started_on),
            stopped_on: date(m.stopped_on),
            stop_reason: m.stop_reason.clone().unwrap_or_default(),
            for_depression: m.for_depression,
            current: m.current,
        })
        .collect()
}

/// The weeks with anything to show, as rows, newest first (in English).
pub fn week_rows(weeks: &[AdherenceWeek]) -> Vec<WeekRow> {
    week_rows_in(Language::En, weeks)
}

/// The weeks with anything to show, as rows, newest first, in the page's language.
pub fn week_rows_in(lang: Language, weeks: &[AdherenceWeek]) -> Vec<WeekRow> {
    weeks
        .iter()
        .rev()
        .filter(|w| w.taken + w.missed > 0 || w.burden.is_some() || w.phq9.is_some())
        .map(|w| WeekRow {
            week: i18n::local_date(lang, &w.week_start.format("%-d %b").to_string()),
            phq9: w.phq9.map(|t| t.to_string()).unwrap_or_else(|| "–".into()),
            burden: w
                .burden
                .map(|b| i18n::t_args(lang, "med-burden-of-six", &[("burden", b.into())]))
                .unwrap_or_else(|| "–".into()),
            burden_level: match w
                .burden
                .and_then(rapport_core::alerts::side_effects_rule)
                .map(|r| r.level())
            {
                Some(rapport_core::alerts::Level::High) => "high",
                Some(_) => "medium",
                None => "",
            },
            adherence: match w.rate_percent {
                Some(r) => i18n::t_args(
                    lang,
                    "med-adherence-week",
                    &[
                        ("rate", r.into()),
                        ("taken", w.taken.into()),
                        ("answered", (w.taken + w.missed).into()),
                    ],
                ),
                None => "–".into(),
            },
            reasons: w
                .reasons
                .iter()
                .map(|(r, n)| {
                    format!(
                        "{}: {n}",
                        i18n::t(lang, &format!("missed-reason-{}", r.as_str())).to_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

/// The chart's section (the care team).
pub fn chart_section(
    lang: Language,
    list: &MedicationList,
    weeks: &[AdherenceWeek],
) -> ChartSection {
    ChartSection {
        client_id: list.client_id.to_string(),
        medicines: rows(list).into_iter().filter(|m| m.current).collect(),
        listed: list.version.is_some(),
        may_edit: list.may_edit,
        weeks: week_rows_in(lang, weeks),
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    record: &Record,
    typed: Option<Vec<MedicineRow>>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<MedicationsPage, Error> {
    let zone: Zone = zone(ctx);
    let (list, weeks) = tokio::try_join!(
        medication::medications_of(&state.app, actor, record.client_id),
        medication::adherence_of(&state.app, actor, record.client_id, WEEKS),
    )?;
    let client_name = client_name(state, actor, record).await?;
    let reviews = if record.own {
        upcoming_reviews(state, actor, &zone).await?
    } else {
        vec![]
    };
    let gp_consent = medication::gp_summary_consent(&state.app, actor, record.client_id).await?;
    let rows = rows(&list);
    let mut form_rows = typed.unwrap_or_else(|| rows.clone());
    if list.may_edit {
        form_rows.push(MedicineRow {
            for_depression: true,
            ..MedicineRow::default()
        });
    }
    Ok(MedicationsPage {
        l: Layout::new(ctx),
        own: record.own,
        client_name,
        base: record.page("medications"),
        version_line: list.version.map(|v| {
            i18n::t_args(
                ctx.lang,
                "med-version-line",
                &[
                    ("version", v.into()),
                    (
                        "date",
                        i18n::local_date(
                            ctx.lang,
                            &list.written_at.map(|t| zone.date(t)).unwrap_or_default(),
                        )
                        .into(),
                    ),
                    ("who", list.written_by.clone().unwrap_or_default().into()),
                ],
            )
        }),
        rows,
        may_edit: list.may_edit,
        form_rows,
        from_intake: list
            .from_intake
            .iter()
            .map(|m| (m.name.clone(), m.dose.clone(), m.prescriber.clone()))
            .collect(),
        history: list
            .history
            .iter()
            .map(|h| {
                let source = if h.source == "intake" {
                    "med-source-intake"
                } else {
                    "med-source-prescriber"
                };
                i18n::t_args(
                    ctx.lang,
                    "med-history-line",
                    &[
                        ("version", h.version.into()),
                        (
                            "date",
                            i18n::local_date(ctx.lang, &zone.date(h.written_at)).into(),
                        ),
                        ("who", h.written_by.clone().into()),
                        ("source", i18n::t(ctx.lang, source).into()),
                        ("n", h.medicines.into()),
                    ],
                )
            })
            .collect(),
        fibser_due: list.fibser_due,
        errors,
        notice,
        weeks: week_rows_in(ctx.lang, &weeks),
        review_due: list.review_due,
        review_due_on: list
            .review_due_on
            .map(|d| crate::i18n::long_date(ctx.lang, d)),
        reviews,
        gp_consent,
    })
}

/// The client's medication reviews not over yet, with the questions they listed.
async fn upcoming_reviews(
    state: &AppState,
    actor: &Actor,
    zone: &Zone,
) -> Result<Vec<ReviewItem>, Error> {
    let now = state.app.now();
    let mut out = Vec::new();
    for v in rapport_app::sessions::sessions_of(&state.app, actor, actor.user_id).await? {
        let s = &v.session;
        let ends = s.starts_at + chrono::Duration::minutes(i64::from(s.minutes));
        if s.kind != rapport_core::sessions::SessionKind::MedicationReview.as_str()
            || s.cancelled_at.is_some()
            || ends <= now
        {
            continue;
        }
        let questions = medication::review_questions(&state.app, actor, s.id)
            .await?
            .into_iter()
            .flat_map(|q| q.questions)
            .collect::<Vec<_>>()
            .join("\n");
        out.push(ReviewItem {
            id: s.id.to_string(),
            when: zone.date_time(s.starts_at),
            with: s.clinician_name.clone(),
            questions,
            error: None,
        });
    }
    Ok(out)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    axum::extract::Query(q): axum::extract::Query<Done>,
) -> Page {
    let notice = match q.done.as_deref() {
        Some("saved") => Some("med-notice-saved"),
        Some("confirmed") => Some("med-notice-confirmed"),
        Some("questions") => Some("med-notice-questions"),
        Some("consent-given") => Some("med-notice-consent-given"),
        Some("consent-withdrawn") => Some("med-notice-consent-withdrawn"),
        Some("no-consent") => Some("med-summary-no-consent"),
        _ => None,
    };
    render(page(&state, &ctx, &actor, &record, None, vec![], notice).await?)
}

/// The form's rows, by their index suffix (`name-0`, `dose-0`…); empty rows are dropped.
fn typed_rows(fields: &[(String, String)]) -> Vec<(usize, MedicineRow)> {
    let get = |k: &str, i: usize| super::field(fields, &format!("{k}-{i}"));
    let count = fields
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("name-")?.parse::<usize>().ok())
        .max()
        .map_or(0, |m| m + 1);
    (0..count)
        .map(|i| {
            (
                i,
                MedicineRow {
                    name: get("name", i),
                    dose: get("dose", i),
                    schedule: get("schedule", i),
                    prescriber: get("prescriber", i),
                    started_on: get("started_on", i),
                    stopped_on: get("stopped_on", i),
                    stop_reason: get("stop_reason", i),
                    for_depression: !get("for_depression", i).is_empty(),
                    current: true,
                },
            )
        })
        .filter(|(_, r)| {
            [
                &r.name,
                &r.dose,
                &r.schedule,
                &r.prescriber,
                &r.started_on,
                &r.stopped_on,
                &r.stop_reason,
            ]
            .iter()
            .any(|v| !v.trim().is_empty())
        })
        .collect()
}

fn parse_date(field: String, v: &str) -> Result<Option<NaiveDate>, Error> {
    match v.trim() {
        "" => Ok(None),
        d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::invalid(field, "Use a date like 2026-11-30.")),
    }
}

/// The use-case's field (`medications[2].dose`) as the form's (`dose-5`).
fn form_field(field: &str, indexes: &[usize]) -> String {
    let parsed = field
        .strip_prefix("medications[")
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(n, name)| Some((n.parse::<usize>().ok()?, name)));
    match parsed {
        Some((n, name)) => format!("{name}-{}", indexes.get(n).copied().unwrap_or(n)),
        None => field.to_string(),
    }
}

async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let typed = typed_rows(&fields);
    let indexes: Vec<usize> = typed.iter().map(|(i, _)| *i).collect();
    let list: Result<Vec<NewMedicine>, Error> = typed
        .iter()
        .enumerate()
        .map(|(n, (_, r))| {
            Ok(NewMedicine {
                name: r.name.clone(),
                dose: r.dose.clone(),
                schedule: r.schedule.clone(),
                prescriber: Some(r.prescriber.clone()),
                started_on: parse_date(format!("medications[{n}].started_on"), &r.started_on)?,
                stopped_on: parse_date(format!("medications[{n}].stopped_on"), &r.stopped_on)?,
                stop_reason: Some(r.stop_reason.clone()),
                for_depression: Some(r.for_depression),
            })
        })
        .collect();
    let done = match list {
        Ok(list) => medication::set_medications(&state.app, &actor, record.client_id, list).await,
        Err(e) => Err(e),
    };
    let error = match done {
        Ok(_) => return to(&format!("{}?done=saved", record.page("medications"))),
        Err(e) => invalid(e)?,
    };
    let error = FormError::new(form_field(&error.field, &indexes), error.message);
    let rows = typed.into_iter().map(|(_, r)| r).collect();
    let p = page(&state, &ctx, &actor, &record, Some(rows), vec![error], None).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

async fn confirm(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
) -> Page {
    let error = match medication::confirm_intake_list(&state.app, &actor).await {
        Ok(_) => return to("/medications?done=confirmed"),
        Err(e) => invalid_or_conflict(e, "confirm")?,
    };
    let p = page(&state, &ctx, &actor, &record, None, vec![error], None).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct QuestionsForm {
    pub session_id: String,
    #[serde(default)]
    pub questions: String,
}

/// The client saves their questions before a review (one a line).
async fn save_questions(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(form): Form<QuestionsForm>,
) -> Page {
    let lines: Vec<String> = form.questions.lines().map(str::to_string).collect();
    let done = match Uuid::parse_str(form.session_id.trim()) {
        Ok(id) => medication::set_review_questions(&state.app, &actor, id, lines).await,
        Err(_) => Err(Error::NotFound),
    };
    let error = match done {
        Ok(_) => return to("/medications?done=questions#review"),
        Err(e) => invalid_or_conflict(e, "questions")?,
    };
    let mut p = page(&state, &ctx, &actor, &record, None, vec![], None).await?;
    for r in p
        .reviews
        .iter_mut()
        .filter(|r| r.id == form.session_id.trim())
    {
        r.questions = form.questions.clone();
        r.error = Some(error.message.clone());
    }
    p.errors = vec![FormError::new(
        format!("questions-{}", form.session_id.trim()),
        error.message,
    )];
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    pub consent: String,
}

/// The client gives or withdraws their consent to the summary for their doctor.
async fn gp_consent(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Form(form): Form<ConsentForm>,
) -> Page {
    let give = form.consent == "yes";
    medication::set_gp_summary_consent(&state.app, &actor, give).await?;
    to(if give {
        "/medications?done=consent-given#summary"
    } else {
        "/medications?done=consent-withdrawn#summary"
    })
}

/// The one-page summary for the client's own doctor, to print.
#[derive(Template)]
#[template(path = "medication_summary.html")]
pub struct SummaryPage {
    pub l: Layout,
    pub back: String,
    pub client_name: String,
    pub produced: String,
    pub medicines: Vec<MedicineRow>,
    pub adherence: Option<u8>,
    pub taken: u32,
    pub answered: u32,
    pub weeks: Vec<WeekRow>,
    pub burden: Option<u8>,
    pub burden_on: String,
    /// (first, lowest, latest, how many)
    pub phq9: Option<(u8, u8, u8, usize)>,
}

async fn summary(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
) -> Page {
    let s = match medication::gp_summary(&state.app, &actor, record.client_id).await {
        Ok(s) => s,
        Err(Error::Conflict(_)) => {
            return to(&format!("{}?done=no-consent", record.page("medications")));
        }
        Err(e) => return Err(e.into()),
    };
    let zone: Zone = zone(&ctx);
    render(SummaryPage {
        l: Layout::new(&ctx),
        back: record.page("medications"),
        client_name: s.client_name,
        produced: crate::i18n::long_date(ctx.lang, zone.day(s.produced_at)),
        medicines: s
            .medicines
            .iter()
            .map(|m| MedicineRow {
                name: m.name.clone(),
                dose: m.dose.clone(),
                schedule: m.schedule.clone(),
                prescriber: m.prescriber.clone().unwrap_or_default(),
                started_on: m
                    .started_on
                    .map(|d| crate::i18n::long_date(ctx.lang, d))
                    .unwrap_or_default(),
                stopped_on: String::new(),
                stop_reason: String::new(),
                for_depression: m.for_depression,
                current: true,
            })
            .collect(),
        adherence: s.adherence_percent,
        taken: s.taken,
        answered: s.taken + s.missed,
        weeks: week_rows_in(ctx.lang, &s.weeks),
        burden: s.last_burden.map(|(b, _)| b),
        burden_on: s
            .last_burden
            .map(|(_, d)| crate::i18n::long_date(ctx.lang, d))
            .unwrap_or_default(),
        phq9: s
            .phq9_trend
            .map(|(first, lowest, latest)| (first, lowest, latest, s.phq9_count)),
    })
}
