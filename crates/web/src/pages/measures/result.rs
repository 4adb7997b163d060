//! A questionnaire's result: for the client who answered it, the score in plain words, the
//! change since they started, and what to do now after a positive item 9; for their care team,
//! item 9 first, every answer with its question, the score, band and the change since the one
//! before.

use askama::Template;
use axum::extract::State;
use rapport_app::measures::{self, AnswerView, MeasureDetail};
use rapport_app::time::Zone;
use rapport_app::triage::Watch;
use rapport_core::accounts::Role;
use rapport_core::measures::{Band, Instrument};
use rapport_core::outcomes::{Change, Scale};

use crate::crisis::CrisisLine;
use crate::extract::{ResultId, Signed};
use crate::i18n::{self, Arg, Lang};
use crate::pages::templates::{Layout, first_name};
use crate::pages::time::zone;
use crate::pages::{Page, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "measure_result.html")]
pub struct ResultPage {
    pub l: Layout,
    pub title: &'static str,
    pub safety: bool,
    pub told: Watch,
    pub has_plan: bool,
    pub crisis: Vec<CrisisLine>,
    pub total: u8,
    pub max: u8,
    pub band_label: Option<String>,
    pub prorated: bool,
    pub meaning: String,
    pub change: Option<String>,
    pub follow_up: Option<&'static str>,
}

/// What a score means, in plain and calm words (a message key).
fn meaning(instrument: Instrument, band: Option<Band>, poor: bool) -> &'static str {
    match (instrument, band) {
        (_, Some(Band::Minimal)) => "result-meaning-minimal",
        (_, Some(Band::Mild)) => "result-meaning-mild",
        (_, Some(Band::Moderate)) => "result-meaning-moderate",
        (_, Some(Band::ModeratelySevere)) => "result-meaning-moderately-severe",
        (_, Some(Band::Severe)) => "result-meaning-severe",
        (Instrument::Who5, _) if poor => "result-meaning-who5-poor",
        (Instrument::Who5, _) => "result-meaning-who5",
        (Instrument::Phq2, _) => "result-meaning-phq2",
        _ => "result-meaning-other",
    }
}

/// What a FIBSER burden means for the client (CLINICAL.md FIBSER: "Burden decides"), in calm
/// words; the prescriber is told when it needs a look (a message key).
fn fibser_meaning(burden: u8) -> &'static str {
    use rapport_core::measures::BurdenAction;
    match BurdenAction::of(burden) {
        BurdenAction::NoChange => "result-fibser-no-change",
        BurdenAction::Address => "result-fibser-address",
        BurdenAction::ReduceOrSwitch => "result-fibser-reduce-or-switch",
    }
}

fn change_text(
    lang: Lang,
    instrument: Instrument,
    baseline: u8,
    total: u8,
    count: usize,
) -> Option<String> {
    if count < 2 {
        return Some(i18n::t(lang, "result-first"));
    }
    let scale = match instrument {
        Instrument::Phq9 => Scale::Phq9,
        Instrument::Gad7 => Scale::Gad7,
        _ => return None,
    };
    let diff = i32::from(total) - i32::from(baseline);
    let points = diff.unsigned_abs();
    let key = match scale.change(baseline, total) {
        Change::ReliableImprovement => "result-change-better",
        Change::ReliableDeterioration => "result-change-worse",
        Change::NoReliableChange if diff < 0 => "result-change-little-lower",
        Change::NoReliableChange if diff > 0 => "result-change-little-higher",
        Change::NoReliableChange => "result-change-same",
    };
    Some(i18n::t_args(
        lang,
        key,
        &[("baseline", baseline.into()), ("points", points.into())],
    ))
}

/// A stored questionnaire as the care team reads it.
#[derive(Template)]
#[template(path = "measure_care_team.html")]
pub struct CareTeamResultPage {
    pub l: Layout,
    /// "PHQ-9".
    pub label: &'static str,
    /// "Patient Health Questionnaire (PHQ-9)".
    pub title: &'static str,
    pub client_id: String,
    pub client_name: String,
    pub first_name: String,
    pub taken: String,
    pub item9: Option<AnswerView>,
    pub answers: Vec<AnswerView>,
    pub total: u8,
    pub max: u8,
    pub band_label: Option<String>,
    pub prorated: bool,
    /// "Since the one before …" or "This is the first …".
    pub since: String,
    /// The result page of the one before.
    pub previous: Option<String>,
    /// (level, kind) of the alerts this questionnaire raised or added to.
    pub flags: Vec<(&'static str, &'static str)>,
}

/// What changed since the previous questionnaire of the same kind, in a sentence.
fn since_text(d: &MeasureDetail, first_name: &str, zone: Zone, lang: Lang) -> String {
    let label = d.instrument.label();
    let Some(p) = &d.previous else {
        return i18n::t_args(
            lang,
            "cl-measure-first",
            &[("label", Arg::Str(label)), ("name", Arg::Str(first_name))],
        );
    };
    if lang != Lang::En {
        return since_words(d, p, zone, lang);
    }
    let (before, now) = match (p.percentage, d.percentage) {
        (Some(before), Some(now)) => (before, now),
        _ => (p.total, d.total),
    };
    let band = p
        .band
        .map(|b| format!(", {}", b.label().to_lowercase()))
        .unwrap_or_default();
    let points = now.abs_diff(before);
    let plural = if points == 1 { "" } else { "s" };
    let direction = match now.cmp(&before) {
        std::cmp::Ordering::Equal => "the same".to_string(),
        std::cmp::Ordering::Greater => format!("{points} point{plural} higher"),
        std::cmp::Ordering::Less => format!("{points} point{plural} lower"),
    };
    let verdict = match d.change {
        Some(Change::ReliableImprovement) => ", a reliable improvement",
        Some(Change::ReliableDeterioration) => ", a reliable deterioration",
        Some(Change::NoReliableChange) => ", no reliable change",
        None => "",
    };
    format!(
        "Since the one before, on {} ({label} {before}{band}): {direction}{verdict}.",
        zone.date(p.taken_at)
    )
}

/// `since_text` in a language other than English.
fn since_words(
    d: &MeasureDetail,
    p: &rapport_app::measures::PreviousView,
    zone: Zone,
    lang: Lang,
) -> String {
    let (before, now) = match (p.percentage, d.percentage) {
        (Some(before), Some(now)) => (before, now),
        _ => (p.total, d.total),
    };
    let band = p
        .band
        .map(|b| {
            format!(
                ", {}",
                i18n::t(lang, &format!("band-{}", b.as_str())).to_lowercase()
            )
        })
        .unwrap_or_default();
    let points = i64::from(now.abs_diff(before));
    let direction = match now.cmp(&before) {
        std::cmp::Ordering::Equal => i18n::t(lang, "cl-measure-same"),
        std::cmp::Ordering::Greater => {
            i18n::t_args(lang, "cl-measure-higher", &[("n", Arg::Num(points))])
        }
        std::cmp::Ordering::Less => {
            i18n::t_args(lang, "cl-measure-lower", &[("n", Arg::Num(points))])
        }
    };
    let verdict = match d.change {
        Some(Change::ReliableImprovement) => i18n::t(lang, "cl-measure-improvement"),
        Some(Change::ReliableDeterioration) => i18n::t(lang, "cl-measure-deterioration"),
        Some(Change::NoReliableChange) => i18n::t(lang, "cl-measure-no-change"),
        None => String::new(),
    };
    i18n::t_args(
        lang,
        "cl-measure-since",
        &[
            (
                "date",
                Arg::Owned(i18n::local_date(lang, &zone.date(p.taken_at))),
            ),
            (
                "before",
                Arg::Owned(format!("{} {before}{band}", d.instrument.label())),
            ),
            ("direction", Arg::Owned(format!("{direction}{verdict}"))),
        ],
    )
}

/// The questions and answers of a stored questionnaire in `lang`, where the instrument has a
/// translation (the answers are stored as numbers).
fn answers_in(
    instrument: rapport_core::measures::Instrument,
    answers: Vec<rapport_app::measures::AnswerView>,
    lang: Lang,
) -> Vec<rapport_app::measures::AnswerView> {
    let def = instrument.definition_in(lang);
    answers
        .into_iter()
        .map(|mut a| {
            let item = def
                .items
                .iter()
                .chain(def.unscored_items.iter())
                .find(|i| i.number == a.number);
            if let Some(item) = item {
                a.question = item.text;
                let option = a
                    .value
                    .and_then(|v| item.options.iter().find(|o| o.value == v));
                if let Some(o) = option {
                    a.answer = Some(o.label);
                }
            }
            a
        })
        .collect()
}

/// The care team's page of a stored questionnaire (someone else's is not found).
async fn for_care_team(state: &AppState, signed: &Signed, id: uuid::Uuid) -> Page {
    let d = measures::measure_detail(&state.app, &signed.actor, id).await?;
    let zone = zone(&signed.ctx);
    let lang = signed.ctx.lang;
    let def = d.instrument.definition_in(lang);
    let first_name = first_name(&d.client_name).to_string();
    render(CareTeamResultPage {
        l: Layout::new(&signed.ctx),
        label: d.instrument.label(),
        title: def.title,
        client_id: d.client_id.to_string(),
        taken: i18n::local_date(lang, &zone.date_time(d.taken_at)),
        since: since_text(&d, &first_name, zone, lang),
        previous: d.previous.as_ref().map(|p| format!("/results/{}", p.id)),
        total: d.percentage.unwrap_or(d.total),
        max: if d.percentage.is_some() {
            100
        } else {
            def.max_total
        },
        band_label: d
            .band
            .map(|b| i18n::t(lang, &format!("band-{}", b.as_str()))),
        prorated: d.prorated,
        flags: d
            .flags
            .iter()
            .map(|f| (f.level.as_str(), f.kind.label()))
            .collect(),
        item9: d
            .item9
            .map(|a| answers_in(d.instrument, vec![a], lang))
            .and_then(|mut v| v.pop()),
        answers: answers_in(d.instrument, d.answers, lang),
        client_name: d.client_name,
        first_name,
    })
}

pub async fn show(State(state): State<AppState>, signed: Signed, ResultId(id): ResultId) -> Page {
    if !matches!(signed.actor.role, Role::Client | Role::Family) {
        return for_care_team(&state, &signed, id).await;
    }
    let Signed { actor, ctx } = signed;
    let stored = measures::result_of(&state.app, &actor, id).await?;
    let r = &stored.result;
    let (instrument, band) = (r.instrument, r.band);
    let told = rapport_app::triage::who_watches_me(&state.app, &actor).await?;
    let has_plan = rapport_app::plans::has_safety_plan(&state.app, &actor).await?;
    let def = instrument.definition_in(ctx.lang);
    let lang = ctx.lang;
    render(ResultPage {
        l: Layout::new(&ctx),
        title: def.title,
        safety: stored.crisis,
        told,
        has_plan,
        crisis: state.crisis_lines().await,
        total: if instrument == Instrument::Who5 {
            r.percentage.unwrap_or(r.total)
        } else {
            r.total
        },
        max: if instrument == Instrument::Who5 {
            100
        } else {
            def.max_total
        },
        band_label: band.map(|b| i18n::t(lang, &format!("band-{}", b.as_str()))),
        prorated: r.prorated,
        meaning: i18n::t(
            lang,
            if instrument == Instrument::Fibser {
                fibser_meaning(r.total)
            } else {
                meaning(instrument, band, r.follow_up.is_some())
            },
        ),
        change: change_text(
            lang,
            instrument,
            r.baseline,
            r.total,
            stored.count_in_episode,
        ),
        follow_up: r.follow_up.map(Instrument::as_str),
    })
}
