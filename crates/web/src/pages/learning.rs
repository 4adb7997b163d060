//! The learning library (`rapport_app::learning`): plain pages for clients, and recommending one
//! to a client.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use rapport_app::{Error, learning};
use rapport_core::family::Audience;
use rapport_core::learning::{PAGES, find};
use serde::Deserialize;

use super::templates::Layout;
use super::{Page, render, to};
use crate::extract::{ClientId, Ctx, Signed};
use crate::i18n;
use crate::state::AppState;
use rapport_core::language::Language;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/learn", get(index))
        .route("/learn/{slug}", get(page))
        .route("/clients/{id}/recommend", post(recommend))
}

#[derive(Template)]
#[template(path = "learn/index.html")]
pub struct IndexPage {
    pub l: Layout,
    pub pages: Vec<(&'static str, String, String, u8)>,
    pub recommended: Vec<(&'static str, String, String)>,
}

/// The library; a signed-in client sees what their clinician recommended first.
async fn index(State(state): State<AppState>, ctx: Ctx) -> Page {
    let recommended = match ctx.full() {
        Ok(c) if c.actor.role == rapport_core::accounts::Role::Client => {
            learning::recommended_for(&state.app, &c.actor, c.actor.user_id)
                .await?
                .into_iter()
                .map(|r| {
                    (
                        r.slug,
                        i18n::t(ctx.lang, &format!("learn-{}", r.slug)),
                        r.by,
                    )
                })
                .collect()
        }
        _ => vec![],
    };
    render(IndexPage {
        l: Layout::new(&ctx),
        pages: PAGES
            .iter()
            .map(|p| {
                (
                    p.slug,
                    i18n::t(ctx.lang, &format!("learn-{}", p.slug)),
                    i18n::t(ctx.lang, &format!("learn-{}-summary", p.slug)),
                    p.minutes,
                )
            })
            .collect(),
        recommended,
    })
}

macro_rules! learn_pages {
    ($($slug:literal, $path:literal, $es:literal => $name:ident, $name_es:ident;)+) => {
        $(
            #[derive(Template)]
            #[template(path = $path)]
            struct $name {
                l: Layout,
            }

            #[derive(Template)]
            #[template(path = $es)]
            struct $name_es {
                l: Layout,
            }
        )+

        /// One page of the library (public: the crisis page and the home link to them), in
        /// the reader's language.
        async fn page(ctx: Ctx, Path(slug): Path<String>) -> Page {
            let l = Layout::new(&ctx);
            match (slug.as_str(), l.lang) {
                $(
                    ($slug, Language::Es) => render($name_es { l }),
                    ($slug, Language::En) => render($name { l }),
                )+
                _ => Err(Error::NotFound.into()),
            }
        }

        #[cfg(test)]
        const TEMPLATES: &[&str] = &[$($slug),+];
    };
}

learn_pages! {
    "what-is-depression", "learn/what-is-depression.html", "learn/es/what-is-depression.html" => WhatIsDepression, WhatIsDepressionEs;
    "approaches", "learn/approaches.html", "learn/es/approaches.html" => Approaches, ApproachesEs;
    "formats", "learn/formats.html", "learn/es/formats.html" => Formats, FormatsEs;
    "homework", "learn/homework.html", "learn/es/homework.html" => Homework, HomeworkEs;
    "give-it-time", "learn/give-it-time.html", "learn/es/give-it-time.html" => GiveItTime, GiveItTimeEs;
    "if-therapy-did-not-help", "learn/if-therapy-did-not-help.html", "learn/es/if-therapy-did-not-help.html" => IfTherapyDidNotHelp, IfTherapyDidNotHelpEs;
    "medication-and-sleep", "learn/medication-and-sleep.html", "learn/es/medication-and-sleep.html" => MedicationAndSleep, MedicationAndSleepEs;
    "finding-a-therapist", "learn/finding-a-therapist.html", "learn/es/finding-a-therapist.html" => FindingATherapist, FindingATherapistEs;
    "talking-about-depression", "learn/talking-about-depression.html", "learn/es/talking-about-depression.html" => TalkingAboutDepression, TalkingAboutDepressionEs;
    "medicines-side-effects", "learn/medicines-side-effects.html", "learn/es/medicines-side-effects.html" => MedicinesSideEffects, MedicinesSideEffectsEs;
}

#[derive(Debug, Deserialize)]
pub struct RecommendForm {
    page: String,
    /// `client` (the default) or `family`.
    #[serde(default)]
    audience: String,
}

/// A clinician recommends a page to a client, from the chart.
async fn recommend(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    ClientId(id): ClientId,
    Form(form): Form<RecommendForm>,
) -> Page {
    if find(&form.page).is_none() {
        return Err(Error::NotFound.into());
    }
    let audience = match form.audience.as_str() {
        "" => Audience::Client,
        word => Audience::parse(word).ok_or(Error::NotFound)?,
    };
    learning::recommend_to(&state.app, &actor, id, &form.page, audience).await?;
    let done = match audience {
        Audience::Client => "recommended",
        Audience::Family => "recommended_family",
    };
    to(&format!("/clients/{id}?done={done}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_page_has_a_template_and_no_template_is_orphaned() {
        let slugs: Vec<&str> = PAGES.iter().map(|p| p.slug).collect();
        assert_eq!(slugs, TEMPLATES);
    }
}
