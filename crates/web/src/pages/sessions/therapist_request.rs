//! The client asks the practice for a different therapist.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::{Error, sessions};
use serde::Deserialize;

use super::feedback::client_only;
use crate::extract::Signed;
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, render, render_status, to};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "therapist_request.html")]
pub struct TherapistRequestPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub reason: String,
}

impl TherapistRequestPage {
    fn error(&self) -> Option<&str> {
        self.errors.first().map(|e| e.message.as_str())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TherapistForm {
    #[serde(default)]
    reason: String,
}

pub async fn form(Signed { actor, ctx }: Signed) -> Page {
    client_only(&actor)?;
    render(TherapistRequestPage {
        l: Layout::new(&ctx),
        errors: vec![],
        reason: String::new(),
    })
}

pub async fn send(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<TherapistForm>,
) -> Page {
    let message = match sessions::request_other_therapist(&state.app, &actor, &form.reason).await {
        // On to matching again, with this history taken into account (helper M's `/find`).
        Ok(()) => return to("/find?after=therapist_request"),
        Err(Error::Invalid { message, .. }) => message,
        Err(e) => return Err(e.into()),
    };
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        TherapistRequestPage {
            l: Layout::new(&ctx),
            errors: vec![FormError::new("reason", message)],
            reason: form.reason,
        },
    )
}
