//! The questionnaires themselves over the API, in a language (issue 21): an app shows the
//! official wording and sends back only numbers (`POST /api/v1/measures`, with the
//! `language` it showed).

use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use rapport_app::Error;
use rapport_core::language::Language;
use rapport_core::measures::{Instrument, Item};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiQuery;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/instruments/{instrument}", get(instrument))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InstrumentQuery {
    /// A BCP 47 language tag (`es`, `es-MX`). Without it, the request's `Accept-Language`;
    /// a language without a translation gives English.
    pub lang: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerOptionView {
    /// What is sent back and stored, whatever the language.
    pub value: u8,
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InstrumentItemView {
    /// As printed on the form; `answers[i]` of `POST /api/v1/measures` is item `i + 1`.
    pub number: u8,
    pub text: String,
    /// In the order a page shows them.
    pub answers: Vec<AnswerOptionView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InstrumentView {
    pub instrument: String,
    /// The language of the words below (`en` or `es`): send it as `language` with the answers.
    pub language: String,
    pub title: String,
    /// The instructions: the question the items answer.
    pub instructions: String,
    /// The scored items, in order.
    pub items: Vec<InstrumentItemView>,
    /// Asked after the scored items, never scored (the PHQ-9's "how difficult", sent as
    /// `difficulty`).
    pub unscored_items: Vec<InstrumentItemView>,
    pub max_total: u8,
}

fn item_view(item: &Item) -> InstrumentItemView {
    InstrumentItemView {
        number: item.number,
        text: item.text.into(),
        answers: item
            .options
            .iter()
            .map(|o| AnswerOptionView {
                value: o.value,
                label: o.label.into(),
            })
            .collect(),
    }
}

/// A questionnaire's items and answers in a language: its official translation where there is
/// one, else English (`language` says which). Nothing personal: no sign-in needed.
#[utoipa::path(get, path = "/api/v1/instruments/{instrument}", tag = "measures",
    params(("instrument" = String, Path, description = "`phq9`, `phq2`, `gad7`, `who5` or `fibser`"), InstrumentQuery),
    responses((status = 200, body = InstrumentView), (status = 404, body = ErrorBody)))]
pub async fn instrument(
    word: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<InstrumentQuery>,
) -> Result<Json<InstrumentView>, ApiError> {
    // A word that is not one (or not even text) is not found, like an id that is not one.
    let instrument = word
        .ok()
        .and_then(|Path(w)| Instrument::parse(&w))
        .ok_or(ApiError(Error::NotFound))?;
    let asked = match q.lang.as_deref() {
        Some(tag) => Language::from_tag(tag).unwrap_or_default(),
        None => headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|h| h.to_str().ok())
            .map(Language::negotiate)
            .unwrap_or_default(),
    };
    let language = if instrument.translated(asked) {
        asked
    } else {
        Language::En
    };
    let d = instrument.definition_in(language);
    Ok(Json(InstrumentView {
        instrument: instrument.as_str().into(),
        language: language.as_str().into(),
        title: d.title.into(),
        instructions: d.stem.into(),
        items: d.items.iter().map(item_view).collect(),
        unscored_items: d.unscored_items.iter().map(item_view).collect(),
        max_total: d.max_total,
    }))
}
