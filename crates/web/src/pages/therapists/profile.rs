//! The clinician's own profile form: tick boxes for the lists, what was typed kept on an
//! error, and whether the practice has checked their licence (and so whether they are listed).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use rapport_app::therapists::{self, MyProfile};
use rapport_core::therapists::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};
use serde::Deserialize;

use super::{Choice, choices, words};
use crate::extract::{Ctx, Signed};
use crate::i18n::{self, Lang};
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, invalid, render, render_status, to};
use crate::state::AppState;

/// The form as typed (or as saved): text as text, tick boxes as their words.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub pronouns: String,
    pub gender: String,
    pub credentials: Vec<String>,
    pub years_in_practice: String,
    pub approaches: Vec<String>,
    pub formats: Vec<String>,
    pub modes: Vec<String>,
    pub location: String,
    pub jurisdictions: String,
    pub languages: String,
    pub specialties: Vec<String>,
    pub fee: String,
    pub sliding_scale: bool,
    pub insurance: String,
    pub accepting_new_clients: bool,
    pub availability: String,
    pub statement: String,
}

impl Typed {
    fn of(p: &Profile) -> Typed {
        fn words<T: Copy>(v: &[T], w: fn(T) -> &'static str) -> Vec<String> {
            v.iter().map(|x| w(*x).to_string()).collect()
        }
        Typed {
            pronouns: p.pronouns.clone().unwrap_or_default(),
            gender: p.gender.map(|g| g.as_str().to_string()).unwrap_or_default(),
            credentials: words(&p.credentials, Credential::as_str),
            years_in_practice: p
                .years_in_practice
                .map(|y| y.to_string())
                .unwrap_or_default(),
            approaches: words(&p.approaches, TherapyApproach::as_str),
            formats: words(&p.formats, Format::as_str),
            modes: words(&p.modes, Mode::as_str),
            location: p.location.clone().unwrap_or_default(),
            jurisdictions: p
                .jurisdictions
                .iter()
                .map(|j| j.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            languages: p
                .languages
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            specialties: words(&p.specialties, Specialty::as_str),
            fee: p.fee.map(|f| f.to_string()).unwrap_or_default(),
            sliding_scale: p.sliding_scale.unwrap_or(false),
            insurance: p.insurance.0.join("\n"),
            accepting_new_clients: p.accepting_new_clients,
            availability: p.availability.clone().unwrap_or_default(),
            statement: p.statement.clone().unwrap_or_default(),
        }
    }

    fn read(fields: &[(String, String)]) -> Typed {
        let one = |k: &str| {
            fields
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let many = |k: &str| {
            fields
                .iter()
                .filter(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        Typed {
            pronouns: one("pronouns"),
            gender: one("gender"),
            credentials: many("credentials"),
            years_in_practice: one("years_in_practice"),
            approaches: many("approaches"),
            formats: many("formats"),
            modes: many("modes"),
            location: one("location"),
            jurisdictions: one("jurisdictions"),
            languages: one("languages"),
            specialties: many("specialties"),
            fee: one("fee"),
            sliding_scale: !one("sliding_scale").is_empty(),
            insurance: one("insurance"),
            accepting_new_clients: !one("accepting_new_clients").is_empty(),
            availability: one("availability"),
            statement: one("statement"),
        }
    }

    /// The profile it says, or the first field to fix (its message in `lang`).
    fn profile(&self, lang: Lang) -> Result<Profile, FormError> {
        fn wrong(lang: Lang, field: &str, key: &str, word: &str) -> FormError {
            FormError::new(field, i18n::t_args(lang, key, &[("word", word.into())]))
        }
        fn chosen<T>(
            lang: Lang,
            field: &str,
            v: &[String],
            parse: fn(&str) -> Option<T>,
        ) -> Result<Vec<T>, FormError> {
            v.iter()
                .map(|w| parse(w).ok_or_else(|| wrong(lang, field, "th-err-not-a-choice", w)))
                .collect()
        }
        fn list(s: &str) -> impl Iterator<Item = &str> {
            s.split([',', ';', '\n'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
        }
        fn opt(s: &str) -> Option<String> {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        fn number<T: std::str::FromStr>(
            field: &str,
            s: &str,
            msg: String,
        ) -> Result<Option<T>, FormError> {
            match s.trim() {
                "" => Ok(None),
                t => t.parse().map(Some).map_err(|_| FormError::new(field, msg)),
            }
        }
        let gender = match self.gender.trim() {
            "" => None,
            g => Some(
                Gender::parse(g)
                    .ok_or_else(|| FormError::new("gender", i18n::t(lang, "th-err-gender")))?,
            ),
        };
        let jurisdictions = list(&self.jurisdictions)
            .map(|j| {
                Jurisdiction::parse(j)
                    .ok_or_else(|| wrong(lang, "jurisdictions", "th-err-place", j))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let languages = list(&self.languages)
            .map(|l| {
                Language::parse(l).ok_or_else(|| wrong(lang, "languages", "th-err-language", l))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Profile {
            pronouns: opt(&self.pronouns),
            gender,
            credentials: chosen(lang, "credentials", &self.credentials, Credential::parse)?,
            years_in_practice: number(
                "years_in_practice",
                &self.years_in_practice,
                i18n::t(lang, "th-err-years-number"),
            )?,
            approaches: chosen(lang, "approaches", &self.approaches, TherapyApproach::parse)?,
            formats: chosen(lang, "formats", &self.formats, Format::parse)?,
            modes: chosen(lang, "modes", &self.modes, Mode::parse)?,
            location: opt(&self.location),
            jurisdictions,
            languages,
            specialties: chosen(lang, "specialties", &self.specialties, Specialty::parse)?,
            fee: number("fee", &self.fee, i18n::t(lang, "th-err-fee-number"))?,
            sliding_scale: Some(self.sliding_scale),
            insurance: InsuranceList(
                self.insurance
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            accepting_new_clients: self.accepting_new_clients,
            availability: opt(&self.availability),
            statement: opt(&self.statement),
        })
    }
}

#[derive(Template)]
#[template(path = "therapists/my_profile.html")]
pub struct MyProfilePage {
    pub l: Layout,
    /// The notice's message key.
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub f: Typed,
    pub genders: Vec<Choice>,
    pub credentials: Vec<Choice>,
    pub approaches: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub specialties: Vec<Choice>,
    /// The day checked (in the page's language) and the issuer, when checked.
    pub checked: Option<(String, String)>,
    pub listed: bool,
    pub has_profile: bool,
    pub clinician_id: String,
}

impl MyProfilePage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field || e.field.starts_with(&format!("{field}[")))
            .map(|e| e.message.as_str())
    }
}

fn sel(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn page(
    ctx: &Ctx,
    clinician_id: String,
    view: &MyProfile,
    typed: Option<Typed>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> MyProfilePage {
    let lang = ctx.lang;
    let f = typed.unwrap_or_else(|| {
        view.profile.as_ref().map(Typed::of).unwrap_or(Typed {
            accepting_new_clients: true,
            languages: "en".into(),
            ..Typed::default()
        })
    });
    MyProfilePage {
        l: Layout::new(ctx),
        notice,
        genders: choices(
            Gender::ALL,
            Gender::as_str,
            |g| words::gender(lang, g),
            &[f.gender.as_str()],
        ),
        credentials: choices(
            Credential::ALL,
            Credential::as_str,
            |c| words::credential(lang, c),
            &sel(&f.credentials),
        ),
        approaches: choices(
            TherapyApproach::ALL,
            TherapyApproach::as_str,
            |a| words::approach(lang, a),
            &sel(&f.approaches),
        ),
        formats: choices(
            Format::ALL,
            Format::as_str,
            |x| words::format(lang, x),
            &sel(&f.formats),
        ),
        modes: choices(
            Mode::ALL,
            Mode::as_str,
            |m| words::mode(lang, m),
            &sel(&f.modes),
        ),
        specialties: choices(
            Specialty::ALL,
            Specialty::as_str,
            |s| words::specialty(lang, s),
            &sel(&f.specialties),
        ),
        checked: view.check.as_ref().map(|c| {
            (
                i18n::local_date(lang, &c.checked_on.format("%-d %b %Y").to_string()),
                c.issuer.clone(),
            )
        }),
        listed: view.listed,
        has_profile: view.profile.is_some(),
        clinician_id,
        errors,
        f,
    }
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<Done>,
) -> Page {
    let view = therapists::my_profile(&state.app, &actor).await?;
    let notice = q.done.map(|_| "th-my-saved");
    render(page(
        &ctx,
        actor.user_id.to_string(),
        &view,
        None,
        vec![],
        notice,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let typed = Typed::read(&fields);
    let error = match typed.profile(ctx.lang) {
        Ok(profile) => match therapists::save_my_profile(&state.app, &actor, profile).await {
            Ok(_) => return to("/me/profile?done=saved"),
            Err(e) => invalid(e)?,
        },
        Err(e) => e,
    };
    let view = therapists::my_profile(&state.app, &actor).await?;
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        page(
            &ctx,
            actor.user_id.to_string(),
            &view,
            Some(typed),
            vec![error],
            None,
        ),
    )
}
