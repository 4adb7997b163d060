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
use crate::state::AppState;

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
    pub pages: Vec<(&'static str, &'static str, &'static str, u8)>,
    pub recommended: Vec<(&'static str, &'static str, String)>,
}

/// The library; a signed-in client sees what their clinician recommended first.
async fn index(State(state): State<AppState>, ctx: Ctx) -> Page {
    let recommended = match ctx.full() {
        Ok(c) if c.actor.role == rapport_core::accounts::Role::Client => {
            learning::recommended_for(&state.app, &c.actor, c.actor.user_id)
                .await?
                .into_iter()
                .map(|r| (r.slug, r.title, r.by))
                .collect()
        }
        _ => vec![],
    };
    render(IndexPage {
        l: Layout::new(&ctx),
        pages: PAGES
            .iter()
            .map(|p| (p.slug, p.title, p.summary, p.minutes))
            .collect(),
        recommended,
    })
}

macro_rules! learn_pages {
    ($($slug:literal, $path:literal => $name:ident;)+) => {
        $(
            #[derive(Template)]
            #[template(path = $path)]
            struct $name {
                l: Layout,
            }
        )+

        /// One page of the library (public: the crisis page and the home link to them).
        async fn page(ctx: Ctx, Path(slug): Path<String>) -> Page {
            let l = Layout::new(&ctx);
            match slug.as_str() {
                $($slug => render($name { l }),)+
                _ => Err(Error::NotFound.into()),
            }
        }

        #[cfg(test)]
        const TEMPLATES: &[&str] = &[$($slug),+];
    };
}

learn_pages! {
    "what-is-depression", "learn/what-is-depression.html" => WhatIsDepression;
    "approaches", "learn/approaches.html" => Approaches;
    "formats", "learn/formats.html" => Formats;
    "homework", "learn/homework.html" => Homework;
    "give-it-time", "learn/give-it-time.html" => GiveItTime;
    "if-therapy-did-not-help", "learn/if-therapy-did-not-help.html" => IfTherapyDidNotHelp;
    "medication-and-sleep", "learn/medication-and-sleep.html" => MedicationAndSleep;
    "finding-a-therapist", "learn/finding-a-therapist.html" => FindingATherapist;
    "talking-about-depression", "learn/talking-about-depression.html" => TalkingAboutDepression;
    "medicines-side-effects", "learn/medicines-side-effects.html" => MedicinesSideEffects;
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
