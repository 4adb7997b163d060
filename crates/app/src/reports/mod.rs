//! Outcome reports (issue 17): a clinician sees the episodes of their own clients, a practice
//! lead the whole practice (or one clinician's); and the practice's own expected-recovery
//! curves, which the not-on-track flag and the progress chart use.

mod curves;
mod facts;

pub use curves::practice_curves;
pub(crate) use curves::{CurvesCache, curves_in};

use chrono::{NaiveDate, NaiveTime};
use rapport_core::reports::{Granularity, OutcomeReport, report};
use rapport_store::accounts::users;
use rapport_store::practice_leads;
use rapport_store::reports::{self as rows, Window};
use uuid::Uuid;

use crate::access;
use crate::audit_log::{Entry, journal, record_read};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// The days a report covers (both included) and, optionally, one clinician's clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub clinician_id: Option<Uuid>,
}

/// A report and who it is about.
#[derive(Debug, Clone)]
pub struct Outcomes {
    pub report: OutcomeReport,
    /// Whether the reader is a practice lead (sees everyone, may pick a clinician).
    pub lead: bool,
    /// Whose clients the report covers; `None`: the whole practice.
    pub clinician_id: Option<Uuid>,
    /// The names of the clinicians the clinician breakdown names (by id).
    pub names: Vec<(Uuid, String)>,
    /// The practice's clinicians a lead may filter by (empty for others).
    pub clinicians: Vec<(Uuid, String)>,
}

/// The longest span one report covers.
const MAX_DAYS: i64 = 366 * 10;

/// The outcome report over `filter` (clinicians; a practice lead for anyone). Audited as
/// `reports.outcomes_read`; a clinician who is not a lead asking for another clinician's
/// clients is refused (and that is audited as denied).
pub async fn outcomes(app: &App, actor: &Actor, filter: Filter) -> Result<Outcomes> {
    access::allow(actor, Action::ReadOutcomeReports)?;
    if filter.to < filter.from {
        return Err(Error::invalid("to", crate::messages::REPORT_TO_BEFORE_FROM));
    }
    if (filter.to - filter.from).num_days() > MAX_DAYS {
        return Err(Error::invalid("from", crate::messages::REPORT_TOO_LONG));
    }
    let lead = practice_leads::is_lead(app.db.conn(), actor.user_id).await?;
    let scope = match (lead, filter.clinician_id) {
        (true, chosen) => chosen,
        (false, Some(other)) if other != actor.user_id => {
            let e = Entry::ok("reports.outcomes_read")
                .resource(format!("clinician:{other}"))
                .outcome("denied");
            journal(app, actor, e).await?;
            return Err(Error::Forbidden);
        }
        (false, _) => Some(actor.user_id),
    };
    let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
    let window = Window {
        from: midnight(filter.from),
        to: midnight(filter.to + chrono::Duration::days(1)),
        clinician: scope,
    };
    let tx = app.db.read().await?;
    let found = rows::rows(tx.conn(), tx.keys(), &window).await?;
    let facts = facts::of(&found, scope, app.now());
    let report = report(
        &facts,
        filter.from,
        filter.to,
        Granularity::for_span(filter.from, filter.to),
    );
    let named: Vec<Uuid> = report
        .breakdowns
        .clinician
        .iter()
        .filter_map(|r| Uuid::parse_str(&r.key).ok())
        .collect();
    let names = users::names_of(tx.conn(), tx.keys(), &named).await?;
    let clinicians = if lead {
        let ids = rows::clinicians(tx.conn()).await?;
        let mut all = users::names_of(tx.conn(), tx.keys(), &ids).await?;
        all.sort_by(|a, b| a.1.cmp(&b.1));
        all
    } else {
        vec![]
    };
    let resource = scope.map_or("practice".to_string(), |c| format!("clinician:{c}"));
    record_read(
        app,
        tx,
        actor,
        Entry::ok("reports.outcomes_read").resource(resource),
    )
    .await?;
    Ok(Outcomes {
        report,
        lead,
        clinician_id: scope,
        names,
        clinicians,
    })
}
