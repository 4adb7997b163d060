//! The learning library: plain pages for clients, and recommending one to a client.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::{Error, learning};
use rapport_core::learning::{PAGES, find};
use serde::Deserialize;
use uuid::Uuid;

use super::legacy::render;
use super::templates::Layout;
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "learn/index.html")]
pub struct IndexPage {
    pub l: Layout,
    pub pages: Vec<(&'static str, &'static str, &'static str, u8)>,
    pub recommended: Vec<(&'static str, &'static str, String)>,
}

/// The library; a signed-in client sees what their clinician recommended first.
pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Response {
    let recommended = match ctx.full() {
        Ok(c) if c.actor.role == rapport_core::accounts::Role::Client => {
            match learning::recommended_for(&state.app, &c.actor, c.actor.user_id).await {
                Ok(r) => r.into_iter().map(|r| (r.slug, r.title, r.by)).collect(),
                Err(e) => return PageError(e).into_response(),
            }
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
        pub async fn page(ctx: Ctx, Path(slug): Path<String>) -> Response {
            let l = Layout::new(&ctx);
            match slug.as_str() {
                $($slug => render($name { l }),)+
                _ => PageError(Error::NotFound).into_response(),
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
}

#[derive(Debug, Deserialize)]
pub struct RecommendForm {
    page: String,
}

/// A clinician recommends a page to a client, from the chart.
pub async fn recommend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RecommendForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    if find(&form.page).is_none() {
        return PageError(Error::NotFound).into_response();
    }
    match learning::recommend(&state.app, &actor, id, &form.page).await {
        Ok(()) => Redirect::to(&format!("/clients/{id}?done=recommended")).into_response(),
        Err(e) => PageError(e).into_response(),
    }
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
