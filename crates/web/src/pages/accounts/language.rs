//! Choosing a language (issue 21): someone signed in saves it on their account; someone signed
//! out picks one with the footer's switcher, kept in a cookie. Either wins over the browser's
//! `Accept-Language`.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;
use rapport_app::accounts;
use rapport_core::language::Language;
use serde::Deserialize;

use super::safe_next;
use crate::extract::{LANGUAGE_COOKIE, Signed, private_cookie, removal_cookie};
use crate::pages::{Page, invalid, to};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct Back {
    #[serde(default)]
    back: String,
}

/// The switcher: `/language/es?back=/login`.
pub async fn switch(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(code): Path<String>,
    Query(q): Query<Back>,
) -> Page {
    let back = safe_next(&q.back).unwrap_or("/").to_string();
    let Some(lang) = Language::parse(&code) else {
        return to(&back);
    };
    let jar = jar.add(private_cookie(
        &state,
        LANGUAGE_COOKIE,
        lang.as_str().to_string(),
    ));
    Ok((jar, Redirect::to(&back)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// The account page's choice: `en`, `es`, or empty (follow the browser).
pub async fn save(
    State(state): State<AppState>,
    jar: CookieJar,
    Signed { actor, .. }: Signed,
    Form(form): Form<LanguageForm>,
) -> Page {
    match accounts::set_language(&state.app, &actor, Some(&form.language)).await {
        // The browser keeps it too: pages rendered without the session (the error page)
        // and after signing out follow it.
        Ok(Some(lang)) => {
            let jar = jar.add(private_cookie(
                &state,
                LANGUAGE_COOKIE,
                lang.as_str().to_string(),
            ));
            Ok((jar, Redirect::to("/account?done=language")).into_response())
        }
        Ok(None) => {
            let jar = jar.add(removal_cookie(&state, LANGUAGE_COOKIE));
            Ok((jar, Redirect::to("/account?done=language")).into_response())
        }
        // Only a tampered form sends another word: the page again, as it was.
        Err(e) => {
            invalid(e)?;
            to("/account")
        }
    }
}
