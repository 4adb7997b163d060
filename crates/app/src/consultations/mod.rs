//! Meeting a few before choosing (issue 14, items 4–6).
//!
//! A client asks up to three clinicians for a short consultation ([`ask`]); each answers
//! ([`accept`] with a time in their own time zone, or [`decline`] with a reason); after
//! meeting, the client chooses one ([`choose`]), which opens an episode of care in the
//! `consultation` state (when none is open) with that clinician as primary therapist, ends a
//! primary therapist's membership when this is a switch, and closes the client's other open
//! consultations (`not_chosen` or `withdrawn`). Going back to an earlier therapist is an ask
//! with `returning` ([`earlier_therapists`]). The 8th-session offer is [`switch_offer`].
//!
//! Who may: the client (relation `Itself`) asks, chooses and reads their own; a clinician
//! answers only what is addressed to them — the door computes the relation `Consulted` for a
//! clinician with an open consultation from the client, and the use-case checks the row names
//! them besides.

use chrono::{DateTime, NaiveDateTime, Utc};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::consultations::{self as rules, State, Step};
use rapport_core::episodes::EpisodeState;
use rapport_core::measures::{FeedbackInput, SessionFeedback};
use rapport_core::outcomes::{ScorePoint, Series, Timestamp};
use rapport_core::sessions::Attendance;
use rapport_store::accounts::users;
use rapport_store::care_teams::{self, Membership};
use rapport_store::consultations::{self as store, Consultation};
use rapport_store::episodes;
use rapport_store::therapists;
use uuid::Uuid;

use crate::access::{self, WriteScope};
use crate::audit_log::{Entry, journal, record};
use crate::care_teams::CaseloadEntry;
use crate::policy::Action;
use crate::time::local_to_utc;
use crate::{Actor, App, Error, Result};

/// What a client sends to ask.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub clinician_ids: Vec<Uuid>,
    pub times: Vec<String>,
    pub message: Option<String>,
    /// Asking an earlier therapist to take them back.
    pub returning: bool,
    /// Consent, given now, for the clinician to see the earlier record once chosen.
    pub share_earlier_record: bool,
}

/// One consultation as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationView {
    pub id: Uuid,
    pub request_id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub clinician_id: Uuid,
    pub clinician_name: String,
    pub state: State,
    pub times: Vec<String>,
    pub message: Option<String>,
    /// When it was set for, in the clinician's time zone (`YYYY-MM-DDTHH:MM`) and in UTC.
    pub starts_at_local: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub decline_reason: Option<String>,
    pub returning: bool,
    pub share_earlier_record: bool,
    pub created_at: DateTime<Utc>,
    /// An accepted meeting whose time has passed: the client can choose after it, and say
    /// how it felt.
    pub met: bool,
    /// The client's answers to the session-feedback questions after meeting (the client's
    /// view only; a clinician's list leaves them out).
    pub feedback: Option<SessionFeedback>,
}

/// A clinician the client worked with before, still practising here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierTherapist {
    pub clinician_id: Uuid,
    pub name: String,
    pub ended_at: DateTime<Utc>,
}

/// Whether the client's home offers to talk about a change of therapist (the 8th-session
/// rule) and who the primary therapist is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchOffer {
    pub attended_sessions: u32,
    pub first_phq9: u8,
    pub latest_phq9: u8,
}

async fn is_active_clinician(
    c: &impl rapport_store::ConnectionTrait,
    app: &App,
    id: Uuid,
) -> Result<bool> {
    Ok(users::find(c, app.db.keys(), id)
        .await?
        .is_some_and(|u| u.role == Role::Clinician.as_str() && u.disabled_at.is_none()))
}

/// The client of consultation `id` when that is the actor (someone else's is NotFound).
async fn own_client(app: &App, actor: &Actor, id: Uuid) -> Result<Uuid> {
    store::parties(app.db.conn(), id)
        .await?
        .map(|(client, _)| client)
        .filter(|client| *client == actor.user_id)
        .ok_or(Error::NotFound)
}

/// A client asks one to three clinicians for a consultation. Each must be listed in the
/// directory (for `returning`, an active clinician who was on this client's care team before), not on the
/// client's active care team, without an open request from this client; at most three open
/// at once. Returns the new consultations, one per clinician, in the order asked.
pub async fn ask(app: &App, actor: &Actor, client_id: Uuid, a: Ask) -> Result<Vec<(Uuid, Uuid)>> {
    let times: Vec<String> = a
        .times
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let message = a
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    rules::check_request(a.clinician_ids.len(), &a.times, message.as_deref())?;
    let mut ids = a.clinician_ids.clone();
    ids.sort();
    ids.dedup();
    if ids.len() != a.clinician_ids.len() {
        return Err(Error::invalid(
            "clinician_ids",
            "The same clinician is named twice.",
        ));
    }
    let scope = access::write(
        app,
        actor,
        Action::ConsultClinicians,
        client_id,
        "consultation.asked",
    )
    .await?;
    users::lock(scope.tx(), client_id).await?;
    let existing = store::of_client(&scope.client()).await?;
    let open: Vec<&Consultation> = existing
        .iter()
        .filter(|c| State::parse(&c.state).is_some_and(State::is_open))
        .collect();
    let earlier = store::earlier_memberships(&scope.client()).await?;
    for id in &a.clinician_ids {
        // A first ask goes to someone in the directory (licence checked, taking new clients);
        // going back, to an earlier therapist whose account is still active.
        let reachable = if a.returning {
            is_active_clinician(scope.conn(), app, *id).await?
        } else {
            therapists::listed_one(scope.conn(), scope.keys(), *id)
                .await?
                .is_some()
        };
        if !reachable {
            return Err(Error::invalid(
                "clinician_ids",
                "One of these clinicians is not taking consultations here.",
            ));
        }
        if a.returning && !earlier.iter().any(|m| m.clinician_id == *id) {
            return Err(Error::invalid(
                "clinician_ids",
                "Going back is for a therapist you worked with here before.",
            ));
        }
        if care_teams::is_member(scope.conn(), client_id, *id).await? {
            return Err(Error::invalid(
                "clinician_ids",
                "This clinician is already on your care team.",
            ));
        }
        if open.iter().any(|c| c.clinician_id == *id) {
            return Err(Error::invalid(
                "clinician_ids",
                "You have already asked this clinician; wait for their answer.",
            ));
        }
    }
    if open.len() + a.clinician_ids.len() > rules::MAX_OPEN {
        return Err(Error::invalid(
            "clinician_ids",
            "You can have up to three consultations open at once.",
        ));
    }
    let now = app.now();
    let request_id = app.new_id();
    let mut made = Vec::with_capacity(a.clinician_ids.len());
    for clinician_id in &a.clinician_ids {
        let c = Consultation {
            id: app.new_id(),
            request_id,
            client_id,
            clinician_id: *clinician_id,
            state: State::Requested.as_str().into(),
            times: times.clone(),
            message: message.clone(),
            starts_at_local: None,
            starts_at: None,
            decline_reason: None,
            returning: a.returning,
            share_earlier_record: a.share_earlier_record,
            created_at: now,
            answered_at: None,
            chosen_at: None,
            closed_at: None,
            feedback: None,
        };
        store::insert(&scope.client(), &c).await?;
        made.push((c.id, c.clinician_id));
    }
    let mut e =
        Entry::ok("consultation.asked").resource(format!("consultation_request:{request_id}"));
    e.detail = Some(format!(
        "{} clinician(s){}",
        made.len(),
        if a.returning { ", returning" } else { "" }
    ));
    scope.commit(e).await?;
    Ok(made)
}

/// Opens the door for a clinician answering one consultation addressed to them; someone
/// else's is not found.
async fn answering<'a>(
    app: &'a App,
    actor: &'a Actor,
    id: Uuid,
    audit: &str,
) -> Result<(WriteScope<'a>, Consultation)> {
    let (client_id, clinician_id) = store::parties(app.db.conn(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if actor.role == Role::Clinician && clinician_id != actor.user_id {
        return Err(Error::NotFound);
    }
    let scope = access::write(app, actor, Action::AnswerConsultations, client_id, audit).await?;
    let c = store::get(&scope.client(), id)
        .await?
        .filter(|c| c.clinician_id == actor.user_id)
        .ok_or(Error::NotFound)?;
    Ok((scope, c))
}

fn state_of(c: &Consultation) -> Result<State> {
    State::parse(&c.state).ok_or_else(|| Error::Internal(format!("consultation state {}", c.state)))
}

/// The clinician accepts, setting the meeting at `starts_at_local` in their own time zone
/// (it must be in the future).
pub async fn accept(
    app: &App,
    actor: &Actor,
    id: Uuid,
    starts_at_local: NaiveDateTime,
) -> Result<()> {
    let (scope, mut c) = answering(app, actor, id, "consultation.accepted").await?;
    let to = state_of(&c)?.after(Step::Accept)?;
    let tz = users::timezone_of(scope.conn(), actor.user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let at = local_to_utc(starts_at_local, &tz);
    if at <= app.now() {
        return Err(Error::invalid(
            "starts_at_local",
            "Choose a time in the future.",
        ));
    }
    c.state = to.as_str().into();
    c.starts_at = Some(at);
    c.starts_at_local = Some(
        crate::time::Zone::new(&tz)
            .local(at)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    );
    c.answered_at = Some(app.now());
    store::update(&scope.client(), &c).await?;
    scope
        .commit(Entry::ok("consultation.accepted").resource(format!("consultation:{id}")))
        .await
}

/// The clinician declines, saying why (the client reads it).
pub async fn decline(app: &App, actor: &Actor, id: Uuid, reason: &str) -> Result<()> {
    rules::check_reason(reason)?;
    let (scope, mut c) = answering(app, actor, id, "consultation.declined").await?;
    let to = state_of(&c)?.after(Step::Decline)?;
    c.state = to.as_str().into();
    c.decline_reason = Some(reason.trim().to_string());
    c.answered_at = Some(app.now());
    c.closed_at = Some(app.now());
    store::update(&scope.client(), &c).await?;
    scope
        .commit(Entry::ok("consultation.declined").resource(format!("consultation:{id}")))
        .await
}

/// Whether the client has an earlier record a new clinician would see: any episode of care.
async fn has_record(c: &impl rapport_store::ConnectionTrait, client_id: Uuid) -> Result<bool> {
    Ok(!episodes::latest_of(c, &[client_id]).await?.is_empty())
}

/// Whether choosing needs the client's consent to share their record (they have one).
pub async fn needs_consent(app: &App, actor: &Actor) -> Result<bool> {
    access::own(actor, Action::ConsultClinicians)?;
    has_record(app.db.conn(), actor.user_id).await
}

/// The client chooses an accepted consultation. In one transaction: opens an episode in the
/// `consultation` state when none is open; when the client already has a primary therapist,
/// ends that membership (audited as `care_team.ended` with the reason); puts the chosen
/// clinician on the care team as primary therapist; the client's other open consultations go
/// `not_chosen` (accepted) or `withdrawn` (unanswered). When the client has an earlier record,
/// choosing needs `share_record` (consent for the new clinician to see it): Rapport's door
/// gives a care-team member the whole record, so there is no "from now on only" view to offer.
pub async fn choose(app: &App, actor: &Actor, id: Uuid, share_record: Option<bool>) -> Result<()> {
    let client_id = own_client(app, actor, id).await?;
    let scope = access::write(
        app,
        actor,
        Action::ConsultClinicians,
        client_id,
        "consultation.chosen",
    )
    .await?;
    users::lock(scope.tx(), client_id).await?;
    let mut chosen = store::get(&scope.client(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let to = state_of(&chosen)?.after(Step::Choose)?;
    let share = share_record.unwrap_or(chosen.share_earlier_record);
    if has_record(scope.conn(), client_id).await? && !share {
        return Err(Error::invalid(
            "share_record",
            "Your new therapist needs to see your record to care for you; say yes to share it.",
        ));
    }
    let now = app.now();
    // Switching: the primary therapist's membership ends.
    let team = care_teams::team_of(scope.conn(), client_id).await?;
    for m in team
        .iter()
        .filter(|m| m.role == CareTeamRole::PrimaryTherapist.as_str())
    {
        care_teams::end(scope.conn(), client_id, m.clinician_id, now).await?;
        let mut e = Entry::ok("care_team.ended")
            .client(client_id)
            .resource(format!("user:{}", m.clinician_id));
        e.detail = Some(format!(
            "switched by the client to user:{}",
            chosen.clinician_id
        ));
        record(app, scope.tx(), Some(actor), None, e).await?;
    }
    if episodes::current(scope.conn(), client_id).await?.is_none() {
        crate::episodes::start_in(
            app,
            scope.tx(),
            EpisodeState::Consultation,
            client_id,
            actor.user_id,
            Some("Chose a therapist after a consultation.".into()),
            now,
        )
        .await?;
    }
    let membership_id = app.new_id();
    care_teams::add(
        scope.conn(),
        Membership {
            id: membership_id,
            client_id,
            clinician_id: chosen.clinician_id,
            role: CareTeamRole::PrimaryTherapist.as_str().to_string(),
            started_at: now,
            ended_at: None,
            added_by: Some(actor.user_id),
        },
    )
    .await?;
    crate::notifications::care_team_joined(app, scope.tx(), client_id, membership_id).await?;
    chosen.state = to.as_str().into();
    chosen.chosen_at = Some(now);
    chosen.share_earlier_record = share;
    store::update(&scope.client(), &chosen).await?;
    for mut other in store::of_client(&scope.client()).await? {
        if other.id == chosen.id {
            continue;
        }
        let step = match state_of(&other)? {
            State::Accepted => Step::PassOver,
            State::Requested => Step::Withdraw,
            _ => continue,
        };
        other.state = state_of(&other)?.after(step)?.as_str().into();
        other.closed_at = Some(now);
        store::update(&scope.client(), &other).await?;
    }
    let mut e = Entry::ok("consultation.chosen").resource(format!("consultation:{id}"));
    e.detail = Some(format!(
        "user:{} primary therapist; record shared: {share}",
        chosen.clinician_id
    ));
    scope.commit(e).await
}

/// Feedback as stored: the four answers on the first line, the comment after it.
fn feedback_text(f: &SessionFeedback) -> String {
    let mut text = format!(
        "{} {} {} {}",
        f.heard, f.worked_on_what_i_wanted, f.approach_fits, f.overall
    );
    if let Some(c) = &f.comment {
        text.push('\n');
        text.push_str(c);
    }
    text
}

fn feedback_of(text: &str) -> Option<SessionFeedback> {
    let (numbers, comment) = text.split_once('\n').unwrap_or((text, ""));
    let n: Vec<i64> = numbers.split(' ').filter_map(|v| v.parse().ok()).collect();
    SessionFeedback::parse(FeedbackInput {
        heard: n.first().copied(),
        worked_on_what_i_wanted: n.get(1).copied(),
        approach_fits: n.get(2).copied(),
        overall: n.get(3).copied(),
        comment: Some(comment),
    })
    .ok()
}

/// The client says how a consultation felt, with the four session-feedback questions, once
/// its time has passed (an accepted one, before choosing). Given again, it replaces the first.
pub async fn give_feedback(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: FeedbackInput<'_>,
) -> Result<()> {
    let client_id = own_client(app, actor, id).await?;
    let scope = access::write(
        app,
        actor,
        Action::ConsultClinicians,
        client_id,
        "consultation.feedback",
    )
    .await?;
    let mut c = store::get(&scope.client(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let met = state_of(&c)? == State::Accepted && c.starts_at.is_some_and(|s| s <= app.now());
    if !met {
        return Err(Error::invalid(
            "state",
            "You can say how it felt once you have met.",
        ));
    }
    let feedback = SessionFeedback::parse(input)?;
    c.feedback = Some(feedback_text(&feedback));
    store::update(&scope.client(), &c).await?;
    scope
        .commit(Entry::ok("consultation.feedback").resource(format!("consultation:{id}")))
        .await
}

async fn views(
    app: &App,
    c: &impl rapport_store::ConnectionTrait,
    rows: Vec<Consultation>,
) -> Result<Vec<ConsultationView>> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let mut ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|r| [r.client_id, r.clinician_id])
        .collect();
    ids.sort();
    ids.dedup();
    let names = users::names_of(c, app.db.keys(), &ids).await?;
    let name = |id: Uuid| users::name_in(&names, id);
    let now = app.now();
    rows.into_iter()
        .map(|r| {
            let state = state_of(&r)?;
            Ok(ConsultationView {
                id: r.id,
                request_id: r.request_id,
                client_id: r.client_id,
                client_name: name(r.client_id),
                clinician_id: r.clinician_id,
                clinician_name: name(r.clinician_id),
                state,
                met: state == State::Accepted && r.starts_at.is_some_and(|s| s <= now),
                feedback: r.feedback.as_deref().and_then(feedback_of),
                times: r.times,
                message: r.message,
                starts_at_local: r.starts_at_local,
                starts_at: r.starts_at,
                decline_reason: r.decline_reason,
                returning: r.returning,
                share_earlier_record: r.share_earlier_record,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// The client's consultations, newest first.
pub async fn my_consultations(app: &App, actor: &Actor) -> Result<Vec<ConsultationView>> {
    let scope = access::read(
        app,
        actor,
        Action::ConsultClinicians,
        actor.user_id,
        "consultation.read",
    )
    .await?;
    let list = mine_in(app, &scope.client()).await?;
    scope.finish(Entry::ok("consultation.read")).await?;
    Ok(list)
}

/// [`my_consultations`] of the handle's client (the caller asked the policy and records the
/// read).
pub(crate) async fn mine_in<T: rapport_store::Tx>(
    app: &App,
    ct: &rapport_store::access::ClientTx<'_, T>,
) -> Result<Vec<ConsultationView>> {
    let rows = store::of_client(ct).await?;
    views(app, ct.conn(), rows).await
}

/// The consultations addressed to the clinician, newest first (their messages are theirs
/// to read; the read is journaled).
pub async fn consultations_for(app: &App, actor: &Actor) -> Result<Vec<ConsultationView>> {
    access::allow(actor, Action::AnswerConsultations)?;
    let c = app.db.conn();
    let mut rows = store::for_clinician(c, app.db.keys(), actor.user_id).await?;
    for r in &mut rows {
        r.feedback = None;
    }
    let list = views(app, c, rows).await?;
    journal(app, actor, Entry::ok("consultation.read_addressed")).await?;
    Ok(list)
}

/// How many consultations addressed to the clinician wait for an answer (their home's
/// count; no client's details are read).
pub async fn waiting_count(app: &App, actor: &Actor) -> Result<usize> {
    access::allow(actor, Action::AnswerConsultations)?;
    let n =
        store::count_for_clinician(app.db.conn(), actor.user_id, State::Requested.as_str()).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// The caller's consultations: a client's own, or those addressed to a clinician.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<ConsultationView>> {
    match actor.role {
        Role::Client => my_consultations(app, actor).await,
        _ => consultations_for(app, actor).await,
    }
}

/// Going back: the client's earlier therapists (ended memberships) still practising here,
/// latest first, each once, those on the active team left out.
pub async fn earlier_therapists(app: &App, actor: &Actor) -> Result<Vec<EarlierTherapist>> {
    let scope = access::read(
        app,
        actor,
        Action::ConsultClinicians,
        actor.user_id,
        "consultation.earlier_therapists",
    )
    .await?;
    let mut out: Vec<EarlierTherapist> = Vec::new();
    for m in store::earlier_memberships(&scope.client()).await? {
        if out.iter().any(|e| e.clinician_id == m.clinician_id)
            || care_teams::is_member(scope.conn(), m.client_id, m.clinician_id).await?
        {
            continue;
        }
        let Some(u) = users::find(scope.conn(), scope.keys(), m.clinician_id).await? else {
            continue;
        };
        if u.role != Role::Clinician.as_str() || u.disabled_at.is_some() {
            continue;
        }
        out.push(EarlierTherapist {
            clinician_id: u.id,
            name: u.name,
            ended_at: m.ended_at.unwrap_or(m.started_at),
        });
    }
    scope
        .finish(Entry::ok("consultation.earlier_therapists"))
        .await?;
    Ok(out)
}

/// The 8th-session rule for the client (or a clinician on the care team): attended sessions
/// in the current episode and its PHQ-9 series, judged by core's
/// `no_reliable_improvement_by_8th`. No audit event of its own: it decides a card on a page
/// whose record read is already journaled.
pub async fn switch_offer(app: &App, client_id: Uuid) -> Result<Option<SwitchOffer>> {
    let c = app.db.conn();
    let episode = episodes::current(c, client_id).await?;
    let current = episode.map(|e| (e.id, e.started_at));
    switch_offer_in(app, c, client_id, current).await
}

/// [`switch_offer`] of the client whose current episode is `current` (its id and start),
/// read through `c`.
async fn switch_offer_in(
    app: &App,
    c: &impl rapport_store::ConnectionTrait,
    client_id: Uuid,
    current: Option<(Uuid, DateTime<Utc>)>,
) -> Result<Option<SwitchOffer>> {
    let Some((episode_id, started_at)) = current else {
        return Ok(None);
    };
    let points = rapport_store::measures::phq9_points(c, client_id)
        .await?
        .into_iter()
        .filter(|(e, ..)| *e == episode_id)
        .map(|(_, at, total, _)| (at, total));
    offer_from(app, c, client_id, started_at, points).await
}

/// [`switch_offer`] from figures a caller read already: the sessions attended in the current
/// episode, and its first and latest PHQ-9 totals when it holds two or more (all the rule
/// looks at of the series).
pub(crate) fn switch_offer_from(
    attended: i64,
    phq9_ends: Option<(i16, i16)>,
) -> Option<SwitchOffer> {
    let (first, last) = phq9_ends?;
    let at = DateTime::<Utc>::UNIX_EPOCH;
    let series = series_of([(at, first), (at, last)].into_iter());
    offer_of(u32::try_from(attended).unwrap_or(u32::MAX), &series)
}

/// The offer for the client in the episode started at `started_at`, given its PHQ-9s (when,
/// total) in time order.
async fn offer_from(
    app: &App,
    c: &impl rapport_store::ConnectionTrait,
    client_id: Uuid,
    started_at: DateTime<Utc>,
    phq9: impl Iterator<Item = (DateTime<Utc>, i16)>,
) -> Result<Option<SwitchOffer>> {
    let series = series_of(phq9);
    // Whatever the sessions, no offer without this (the rule's own test, asked first so
    // that most clients cost no read of their sessions).
    if !rules::no_reliable_improvement_by_8th(u32::MAX, &series) {
        return Ok(None);
    }
    let attended = rapport_store::sessions::outcomes_of(c, client_id, started_at, app.now())
        .await?
        .into_iter()
        .filter(|(_, cancelled, a)| {
            !cancelled && a.as_deref() == Some(Attendance::Attended.as_str())
        })
        .count();
    Ok(offer_of(
        u32::try_from(attended).unwrap_or(u32::MAX),
        &series,
    ))
}

fn series_of(phq9: impl Iterator<Item = (DateTime<Utc>, i16)>) -> Series {
    Series::new(
        phq9.map(|(at, total)| ScorePoint {
            at: Timestamp(at.timestamp()),
            total: u8::try_from(total.clamp(0, 255)).unwrap_or(u8::MAX),
        })
        .collect(),
    )
}

/// The offer, given the sessions attended in the episode and its PHQ-9 series.
fn offer_of(attended: u32, series: &Series) -> Option<SwitchOffer> {
    if !rules::no_reliable_improvement_by_8th(attended, series) {
        return None;
    }
    match (series.first(), series.last()) {
        (Some(first), Some(last)) => Some(SwitchOffer {
            attended_sessions: attended,
            first_phq9: first.total,
            latest_phq9: last.total,
        }),
        _ => None,
    }
}

/// The names of the active clinicians among `ids`, in the order given (the page that asks
/// shows who); unknown ids and anyone who is not an active clinician are left out.
pub async fn clinicians(app: &App, actor: &Actor, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>> {
    access::own(actor, Action::ConsultClinicians)?;
    let c = app.db.conn();
    let mut out = Vec::new();
    for id in ids {
        if out.iter().any(|(i, _)| i == id) {
            continue;
        }
        if let Some(u) = users::find(c, app.db.keys(), *id).await?
            && u.role == Role::Clinician.as_str()
            && u.disabled_at.is_none()
        {
            out.push((u.id, u.name));
        }
    }
    Ok(out)
}

/// The offers among a clinician's caseload, from its rows as `care_teams::caseload` read them:
/// each row carries the current episode's baseline and latest PHQ-9 (its summary), so no
/// client's history is read, and only the clients whose scores already call for the offer
/// have their episode and attended sessions counted, all in one query each (the rule needs
/// 8 attended sessions *and* no reliable improvement; the second half is judged first).
pub async fn switch_offers_for(
    app: &App,
    actor: &Actor,
    caseload: &[CaseloadEntry],
) -> Result<Vec<(Uuid, SwitchOffer)>> {
    access::allow(actor, Action::ReadCaseload)?;
    let candidates: Vec<(Uuid, u8, u8, DateTime<Utc>)> = caseload
        .iter()
        .filter(|e| e.role == CareTeamRole::PrimaryTherapist)
        .filter_map(|e| match (e.change, e.latest_phq9, e.latest_phq9_at) {
            (Some((points, change)), Some(latest), Some(at))
                if change != rapport_core::outcomes::Change::ReliableImprovement =>
            {
                let first = u8::try_from(i16::from(latest) - points).ok()?;
                Some((e.client_id, first, latest, at))
            }
            _ => None,
        })
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = candidates.iter().map(|(id, ..)| *id).collect();
    let c = app.db.conn();
    let current = episodes::current_of(c, &ids).await?;
    let since: Vec<(Uuid, DateTime<Utc>)> = current
        .iter()
        .map(|e| (e.client_id, e.started_at))
        .collect();
    let attended = rapport_store::sessions::attended_counts(c, &since, app.now()).await?;
    let mut out = Vec::new();
    for (client_id, first, latest, at) in candidates {
        let Some(episode) = current.iter().find(|e| e.client_id == client_id) else {
            continue;
        };
        let series = series_of(
            [
                (episode.started_at.min(at), i16::from(first)),
                (at, i16::from(latest)),
            ]
            .into_iter(),
        );
        let attended = attended.get(&client_id).copied().unwrap_or(0);
        if let Some(offer) = offer_of(attended, &series) {
            out.push((client_id, offer));
        }
    }
    Ok(out)
}
