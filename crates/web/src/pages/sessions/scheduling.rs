//! Scheduling with a client (`/clients/{id}/sessions/new`): one session or a weekly series,
//! individual, family or group. The place of the client's last session is offered; a time is
//! typed on the 24-hour clock; a session that would overlap another of the clinician's, or
//! another in the same room, is shown before anything is booked, with "Book anyway".

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rapport_app::sessions::{self, Booking, Clash, NewSessions};
use rapport_app::{Actor, Error, care_teams};
use rapport_core::sessions::{Modality, SessionKind};
use uuid::Uuid;

use super::{choices, error_of};
use crate::error::PageError;
use crate::extract::{ClientId, Ctx, Signed};
use crate::pages::intake::Choice;
use crate::pages::templates::{FormError, Layout};
use crate::pages::time::{own_timezone, when};
use crate::pages::{Page, field, invalid, render, render_status, to};
use crate::state::AppState;

/// Another client of the clinician, for a group.
pub struct OtherClient {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "session_new.html")]
pub struct NewSessionPage {
    pub l: Layout,
    pub client_id: String,
    pub client_name: String,
    pub timezone: String,
    pub errors: Vec<FormError>,
    pub kinds: Vec<Choice>,
    pub modalities: Vec<Choice>,
    pub others: Vec<OtherClient>,
    /// The client's family members who may be named on a family session.
    pub family: Vec<OtherClient>,
    pub f: NewForm,
    /// The sessions it would overlap, when it was not booked because of them.
    pub clashes: Vec<ClashView>,
}

/// A session the one asked for would overlap.
pub struct ClashView {
    pub when: String,
    pub minutes: i16,
    /// "Your session", or whose session in the same room.
    pub what: String,
}

fn clash_views(list: &[Clash], tz: &str) -> Vec<ClashView> {
    list.iter()
        .map(|c| ClashView {
            when: when(c.starts_at, tz),
            minutes: c.minutes,
            what: match (c.own, c.same_place) {
                (true, true) => "your session, in the same room".into(),
                (true, false) => "your session".into(),
                _ => format!("{}'s session in the same room", c.clinician_name),
            },
        })
        .collect()
}

impl NewSessionPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_of(&self.errors, field)
    }

    /// An error about the family members named (`family` or one of them, `family[0]`).
    fn family_error(&self) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == "family" || e.field.starts_with("family["))
            .map(|e| e.message.as_str())
    }
}

/// The form as typed.
#[derive(Debug, Clone)]
pub struct NewForm {
    pub kind: String,
    pub modality: String,
    pub place: String,
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub weeks: String,
    pub others: Vec<String>,
    pub family: Vec<String>,
}

impl Default for NewForm {
    fn default() -> Self {
        NewForm {
            kind: SessionKind::Individual.as_str().into(),
            modality: Modality::InPerson.as_str().into(),
            place: String::new(),
            date: String::new(),
            time: String::new(),
            minutes: "50".into(),
            weeks: "1".into(),
            others: vec![],
            family: vec![],
        }
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    client_id: Uuid,
    f: NewForm,
    errors: Vec<FormError>,
    clashes: &[Clash],
) -> Result<NewSessionPage, PageError> {
    let record = care_teams::client_record(&state.app, actor, client_id).await?;
    let caseload = care_teams::caseload(&state.app, actor).await?;
    let tz = own_timezone(ctx);
    let family = sessions::family_to_choose(&state.app, actor, client_id).await?;
    Ok(NewSessionPage {
        l: Layout::new(ctx),
        client_id: client_id.to_string(),
        client_name: record.name,
        clashes: clash_views(clashes, &tz),
        timezone: tz,
        errors,
        kinds: choices(
            SessionKind::ALL,
            SessionKind::as_str,
            SessionKind::label,
            &f.kind,
        ),
        modalities: choices(
            Modality::ALL,
            Modality::as_str,
            Modality::label,
            &f.modality,
        ),
        others: caseload
            .into_iter()
            .filter(|c| c.client_id != client_id)
            .map(|c| {
                let id = c.client_id.to_string();
                OtherClient {
                    checked: f.others.contains(&id),
                    id,
                    name: c.name,
                }
            })
            .collect(),
        family: family
            .into_iter()
            .map(|m| {
                let id = m.id.to_string();
                OtherClient {
                    checked: f.family.contains(&id),
                    id,
                    name: m.name,
                }
            })
            .collect(),
        f,
    })
}

pub async fn form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    ClientId(client_id): ClientId,
) -> Page {
    // The place of the client's last session, offered for the next.
    let mut f = NewForm::default();
    if let Some((modality, place)) = sessions::last_place(&state.app, &actor, client_id).await? {
        f.modality = modality.as_str().into();
        f.place = place.unwrap_or_default();
    }
    render(page(&state, &ctx, &actor, client_id, f, vec![], &[]).await?)
}

/// A wall-clock date (`2026-11-03`) and a 24-hour time (`17:05`, `9:05`, seconds allowed),
/// if both were given.
pub(super) fn first_at(date: &str, time: &str) -> Option<NaiveDateTime> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
        .ok()?;
    Some(date.and_time(time))
}

pub async fn create(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    ClientId(client_id): ClientId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let f = NewForm {
        kind: field(&fields, "kind"),
        modality: field(&fields, "modality"),
        place: field(&fields, "place"),
        date: field(&fields, "date"),
        time: field(&fields, "time"),
        minutes: field(&fields, "minutes"),
        weeks: field(&fields, "weeks"),
        others: fields
            .iter()
            .filter(|(n, _)| n == "clients")
            .map(|(_, v)| v.clone())
            .collect(),
        family: fields
            .iter()
            .filter(|(n, _)| n == "family")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let mut clients = vec![client_id];
    clients.extend(
        f.others
            .iter()
            .filter_map(|s| Uuid::parse_str(s).ok())
            .filter(|c| *c != client_id),
    );
    let new = NewSessions {
        clients,
        kind: f.kind.clone(),
        modality: f.modality.clone(),
        place: f.place.clone(),
        first: first_at(&f.date, &f.time),
        minutes: f.minutes.trim().parse().ok(),
        weeks: f.weeks.trim().parse().ok(),
        family: f
            .family
            .iter()
            .filter_map(|s| Uuid::parse_str(s).ok())
            .collect(),
        group: None,
    };
    let allow_overlap = !field(&fields, "allow_overlap").is_empty();
    let error = match sessions::book(&state.app, &actor, new, allow_overlap).await {
        Ok(Booking::Clashes(clashes)) => {
            let p = page(&state, &ctx, &actor, client_id, f, vec![], &clashes).await?;
            return render_status(StatusCode::CONFLICT, p);
        }
        Ok(Booking::Scheduled(ids)) => {
            let first = ids
                .first()
                .ok_or_else(|| Error::Internal("no session scheduled".into()))?;
            let n = ids.len();
            return to(&format!(
                "/sessions/{first}?client={client_id}&done=scheduled-{n}"
            ));
        }
        Err(e) => invalid(e)?,
    };
    let p = page(&state, &ctx, &actor, client_id, f, vec![error], &[]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates_and_times() {
        assert_eq!(
            first_at("2026-11-03", "17:05").map(|t| t.to_string()),
            Some("2026-11-03 17:05:00".into())
        );
        assert_eq!(first_at("", "17:05"), None);
        assert_eq!(first_at("2026-11-03", "5pm"), None);
        assert_eq!(
            first_at("2026-11-03", "9:05").map(|t| t.to_string()),
            Some("2026-11-03 09:05:00".into())
        );
    }
}
