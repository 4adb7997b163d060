//! The on-call rota and the escalation time (`rapport_app::alerts::on_call`), for
//! administrators: who is told when a safety flag stays unacknowledged, and after how long.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use chrono::NaiveDateTime;
use rapport_app::Actor;
use rapport_app::alerts::on_call::{self, OnCall, ShiftInput};
use rapport_app::time::{Zone, local_to_utc};
use serde::Deserialize;
use uuid::Uuid;

use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, invalid, render, render_status, to};
use crate::extract::{Ctx, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/on-call", get(page).post(save))
}

/// A row of the rota form, as typed (on the administrator's clock).
pub struct Row {
    pub clinician_id: String,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Template)]
#[template(path = "admin_on_call.html")]
pub struct OnCallPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub saved: bool,
    pub zone_name: &'static str,
    pub escalation_minutes: String,
    pub rows: Vec<Row>,
    /// (id, name) of every active clinician.
    pub clinicians: Vec<(String, String)>,
    pub on_call_now: Vec<String>,
    pub fallback_now: Vec<String>,
    /// The rota in words, for the summary table.
    pub shifts: Vec<(String, String, String)>,
}

impl OnCallPage {
    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }
}

const INPUT: &str = "%Y-%m-%dT%H:%M";

fn build(
    ctx: &Ctx,
    o: OnCall,
    typed: Option<(String, Vec<Row>)>,
    errors: Vec<FormError>,
    saved: bool,
) -> OnCallPage {
    let z: Zone = zone(ctx);
    let names = |v: &[on_call::Clinician]| v.iter().map(|c| c.name.clone()).collect();
    let (escalation_minutes, rows) = typed.unwrap_or_else(|| {
        let mut rows: Vec<Row> = o
            .rota
            .iter()
            .map(|s| Row {
                clinician_id: s.clinician_id.to_string(),
                starts_at: z.local(s.starts_at).format(INPUT).to_string(),
                ends_at: z.local(s.ends_at).format(INPUT).to_string(),
            })
            .collect();
        rows.push(Row {
            clinician_id: String::new(),
            starts_at: String::new(),
            ends_at: String::new(),
        });
        (o.escalation_minutes.to_string(), rows)
    });
    OnCallPage {
        l: Layout::new(ctx),
        errors,
        saved,
        zone_name: z.name(),
        escalation_minutes,
        rows,
        clinicians: o
            .clinicians
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect(),
        on_call_now: names(&o.on_call_now),
        fallback_now: names(&o.fallback_now),
        shifts: o
            .rota
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    crate::i18n::local_date(ctx.lang, &z.date_time(s.starts_at)),
                    crate::i18n::local_date(ctx.lang, &z.date_time(s.ends_at)),
                )
            })
            .collect(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<Done>,
) -> Page {
    let o = on_call::on_call(&state.app, &actor).await?;
    render(build(&ctx, o, None, vec![], q.done.is_some()))
}

/// The rows of the form: `clinician_id`, `starts_at` and `ends_at` repeat once per row, in
/// order; `remove` names the rows to drop.
fn rows_of(fields: &[(String, String)]) -> (Vec<Row>, Vec<usize>) {
    let of = |k: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    };
    let (ids, starts, ends) = (of("clinician_id"), of("starts_at"), of("ends_at"));
    let n = ids.len().max(starts.len()).max(ends.len());
    let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    let rows = (0..n)
        .map(|i| Row {
            clinician_id: at(&ids, i),
            starts_at: at(&starts, i),
            ends_at: at(&ends, i),
        })
        .collect();
    let remove = of("remove")
        .iter()
        .filter_map(|v| v.parse::<usize>().ok())
        .collect();
    (rows, remove)
}

/// The shifts the rows give (blank and removed rows left out), or what to fix, by the
/// field's id on the page.
fn shifts_of(rows: &[Row], remove: &[usize], tz: &str) -> Result<Vec<ShiftInput>, FormError> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let blank = r.clinician_id.is_empty() && r.starts_at.is_empty() && r.ends_at.is_empty();
        if blank || remove.contains(&i) {
            continue;
        }
        let clinician_id = Uuid::parse_str(&r.clinician_id).map_err(|_| {
            FormError::new(
                format!("rota[{i}].clinician_id"),
                "Choose who is on call for this shift.",
            )
        })?;
        let time = |field: &str, v: &str| {
            NaiveDateTime::parse_from_str(v, INPUT)
                .map(|t| local_to_utc(t, tz))
                .map_err(|_| {
                    FormError::new(
                        format!("rota[{i}].{field}"),
                        "Give a date and a time, like 2026-12-07 08:00.",
                    )
                })
        };
        out.push(ShiftInput {
            clinician_id,
            starts_at: time("starts_at", &r.starts_at)?,
            ends_at: time("ends_at", &r.ends_at)?,
        });
    }
    Ok(out)
}

async fn again(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    typed: (String, Vec<Row>),
    error: FormError,
) -> Page {
    let o = on_call::on_call(&state.app, actor).await?;
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        build(ctx, o, Some(typed), vec![error], false),
    )
}

async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let minutes_typed = super::field(&fields, "escalation_minutes")
        .trim()
        .to_string();
    let (rows, remove) = rows_of(&fields);
    let z = zone(&ctx);
    let result = match minutes_typed.parse::<i64>() {
        Err(_) => Err(FormError::new(
            "escalation_minutes",
            "Give a number of minutes between 5 and 240.",
        )),
        Ok(minutes) => match shifts_of(&rows, &remove, z.name()) {
            Err(e) => Err(e),
            Ok(shifts) => {
                // Errors name the shift by its place in the list sent; map back to the rows.
                let kept: Vec<usize> = (0..rows.len())
                    .filter(|i| {
                        let r = &rows[*i];
                        !(remove.contains(i)
                            || r.clinician_id.is_empty()
                                && r.starts_at.is_empty()
                                && r.ends_at.is_empty())
                    })
                    .collect();
                match on_call::set_on_call(&state.app, &actor, minutes, &shifts).await {
                    Ok(_) => return to("/admin/on-call?done=saved"),
                    Err(e) => Err(renumber(invalid(e)?, &kept)),
                }
            }
        },
    };
    match result {
        Ok(()) => to("/admin/on-call?done=saved"),
        Err(error) => again(&state, &ctx, &actor, (minutes_typed, rows), error).await,
    }
}

/// `rota[k].field` of the k-th shift sent becomes `rota[i].field` of the row it came from.
fn renumber(e: FormError, kept: &[usize]) -> FormError {
    let Some(rest) = e.field.strip_prefix("rota[") else {
        return e;
    };
    let Some((k, tail)) = rest.split_once(']') else {
        return e;
    };
    match k.parse::<usize>().ok().and_then(|k| kept.get(k)) {
        Some(i) => FormError::new(format!("rota[{i}]{tail}"), e.message),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_the_row_they_came_from() {
        let e = renumber(FormError::new("rota[1].ends_at", "x"), &[0, 2]);
        assert_eq!(e.field, "rota[2].ends_at");
        let e = renumber(FormError::new("escalation_minutes", "x"), &[0, 2]);
        assert_eq!(e.field, "escalation_minutes");
    }

    #[test]
    fn blank_and_removed_rows_are_left_out() {
        let fields: Vec<(String, String)> = [
            ("clinician_id", "0190a0b0-0000-7000-8000-000000000001"),
            ("starts_at", "2026-12-07T08:00"),
            ("ends_at", "2026-12-07T20:00"),
            ("clinician_id", "0190a0b0-0000-7000-8000-000000000002"),
            ("starts_at", "2026-12-08T08:00"),
            ("ends_at", "2026-12-08T20:00"),
            ("remove", "1"),
            ("clinician_id", ""),
            ("starts_at", ""),
            ("ends_at", ""),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let (rows, remove) = rows_of(&fields);
        assert_eq!(rows.len(), 3);
        let shifts = shifts_of(&rows, &remove, "UTC").unwrap();
        assert_eq!(shifts.len(), 1);
        assert_eq!(
            shifts[0].starts_at.to_rfc3339(),
            "2026-12-07T08:00:00+00:00"
        );
    }
}
