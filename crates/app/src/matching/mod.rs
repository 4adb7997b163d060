//! Matching a person with listed clinicians (`rapport_core::matching`) over an in-memory
//! compact directory, rebuilt only when the listed clinicians change. Public: a visitor's
//! answers are used for the one request and never stored. A signed-in client's history feeds
//! it: earlier therapy from their intake, their earlier therapists on this instance (offered
//! first when they say the therapist was not the problem), and their current clinicians left
//! out when they have asked for a different therapist.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rapport_core::accounts::Role;
use rapport_core::intake::Intake;
use rapport_core::matching::{self, Concern, Directory, Reason, Request, Resource, Step};
use rapport_core::plans::approach::EarlierTherapy;
use rapport_core::therapists::{Credential, TherapyApproach};
use rapport_store::accounts::users;
use rapport_store::care_teams::{self, requests};
use rapport_store::intakes;
use rapport_store::therapists::Listed;
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// How many results a request gets.
pub const SHORTLIST: usize = 10;

/// How long a snapshot is used without asking the database whether the directory changed
/// (its change stamp counts the profiles, which costs tens of milliseconds at 100,000). A
/// change made by this process is seen at once (the directory's generation moves).
const RECHECK: Duration = Duration::from_secs(1);

/// The compact directory for one load of the listed clinicians.
struct Snapshot {
    listed: Arc<Vec<Listed>>,
    directory: Directory,
    by_id: HashMap<Uuid, usize>,
}

/// The last snapshot, shared by every request, with when the database was last asked whether
/// it is current and the directory's generation then.
#[derive(Default)]
pub struct MatchCache {
    snapshot: Mutex<Option<(Arc<Snapshot>, Instant, u64)>>,
    /// A background check of the stamp is running.
    refreshing: AtomicBool,
}

impl MatchCache {
    /// The snapshot whatever its age, if made at this generation.
    fn stale(&self, generation: u64) -> Option<Arc<Snapshot>> {
        let guard = self.snapshot.lock().ok()?;
        let (s, _, g) = guard.as_ref()?;
        (*g == generation).then(|| s.clone())
    }

    fn fresh(&self, generation: u64) -> Option<Arc<Snapshot>> {
        let guard = self.snapshot.lock().ok()?;
        let (s, checked_at, g) = guard.as_ref()?;
        (*g == generation && checked_at.elapsed() < RECHECK).then(|| s.clone())
    }

    fn same_list(&self, listed: &Arc<Vec<Listed>>) -> Option<Arc<Snapshot>> {
        let guard = self.snapshot.lock().ok()?;
        let (s, _, _) = guard.as_ref()?;
        Arc::ptr_eq(&s.listed, listed).then(|| s.clone())
    }

    #[allow(clippy::disallowed_methods)] // a monotonic interval for a cache, not the time of anything
    fn put(&self, s: Arc<Snapshot>, generation: u64) {
        if let Ok(mut guard) = self.snapshot.lock() {
            *guard = Some((s, Instant::now(), generation));
        }
    }
}

/// The snapshot for the listed clinicians: reused for up to a second while this process has
/// changed nothing in the directory; then the directory's in-memory copy is asked
/// (`therapists::listed`, which reads the database's change stamp), and the compact form is
/// built again only when that copy was reloaded.
async fn snapshot(app: &App) -> Result<Arc<Snapshot>> {
    let generation = app.directory.generation();
    if let Some(s) = app.matching.fresh(generation) {
        return Ok(s);
    }
    // Older than a second but nothing changed here: answer from it and check the stamp in the
    // background (at a million profiles the stamp takes a few hundred milliseconds).
    if let Some(s) = app.matching.stale(generation) {
        if !app.matching.refreshing.swap(true, Ordering::SeqCst) {
            let app = app.clone();
            tokio::spawn(async move {
                if let Err(e) = refresh(&app, generation).await {
                    tracing::warn!("matching: the directory could not be read again: {e}");
                }
                app.matching.refreshing.store(false, Ordering::SeqCst);
            });
        }
        return Ok(s);
    }
    refresh(app, generation).await
}

/// Reads the directory's copy (and its stamp) and builds the compact form if it changed.
async fn refresh(app: &App, generation: u64) -> Result<Arc<Snapshot>> {
    let listed = crate::therapists::listed(app).await?;
    if let Some(s) = app.matching.same_list(&listed) {
        app.matching.put(s.clone(), generation);
        return Ok(s);
    }
    let directory = Directory::index(listed.iter().map(|l| &l.profile));
    let by_id = listed
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clinician_id, i))
        .collect();
    let s = Arc::new(Snapshot {
        listed,
        directory,
        by_id,
    });
    app.matching.put(s.clone(), generation);
    Ok(s)
}

/// Loads the directory and builds the compact form before anyone asks (at server start: at a
/// million listed clinicians the first load takes tens of seconds).
pub async fn warm(app: &App) -> Result<usize> {
    Ok(refresh(app, app.directory.generation()).await?.listed.len())
}

/// One clinician on the shortlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchView {
    pub clinician_id: Uuid,
    pub name: String,
    pub credentials: Vec<Credential>,
    pub score: u8,
    pub reasons: Vec<Reason>,
    pub concerns: Vec<Concern>,
}

/// A clinician the client saw before on this instance, offered first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierTherapist {
    pub clinician_id: Uuid,
    pub name: String,
    pub reasons: Vec<EarlierReason>,
}

/// Why a clinician seen before is offered first; `Display` writes the English sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EarlierReason {
    /// Their name: the client said the therapist was not the problem.
    WorkedWith(String),
    ListedTakingNew,
    Listed,
    NotTakingNew,
}

impl std::fmt::Display for EarlierReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EarlierReason::WorkedWith(name) => write!(
                f,
                "You worked with {name} before; you said the therapist was not the problem"
            ),
            EarlierReason::ListedTakingNew => {
                f.write_str("Listed in the directory and taking new clients")
            }
            EarlierReason::Listed => f.write_str("Listed in the directory"),
            EarlierReason::NotTakingNew => f.write_str(
                "Not taking new clients through the directory just now: you can still ask \
                 to go back to them",
            ),
        }
    }
}

/// What matching answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    pub results: Vec<MatchView>,
    pub earlier_therapists: Vec<EarlierTherapist>,
    /// Set when nothing matched.
    pub widen: Vec<Step>,
    pub resources: &'static [Resource],
    /// The client asked for a different therapist: their current clinicians are left out.
    pub left_out_current: bool,
    /// The request as used (with what the intake added).
    pub request: Request,
}

/// What a signed-in client's record adds.
#[derive(Debug, Default)]
struct History {
    current: Vec<Uuid>,
    former: Vec<(Uuid, String)>,
    switching: bool,
    intake: Option<Intake>,
}

fn approach_of(kind: EarlierTherapy) -> Option<TherapyApproach> {
    Some(match kind {
        EarlierTherapy::Cbt => TherapyApproach::Cbt,
        EarlierTherapy::BehaviouralActivation => TherapyApproach::BehaviouralActivation,
        EarlierTherapy::Interpersonal => TherapyApproach::Interpersonal,
        EarlierTherapy::Psychodynamic => TherapyApproach::Psychodynamic,
        EarlierTherapy::Family => TherapyApproach::Family,
        EarlierTherapy::Group => TherapyApproach::Group,
        EarlierTherapy::Counselling => TherapyApproach::Counselling,
        EarlierTherapy::NotSure => return None,
    })
}

/// Fills what the request leaves out from the intake: earlier courses (had therapy → at least
/// one; each kind named counts as one) and, when earlier therapy did not help (two or more
/// courses, or no progress), the kinds tried, so that something different is favoured.
pub fn with_intake(mut req: Request, intake: &Intake) -> Request {
    if req.earlier_courses == 0 && intake.had_therapy == Some(true) {
        let kinds = intake
            .earlier_kinds
            .len()
            .min(matching::request::MAX_EARLIER_COURSES as usize);
        req.earlier_courses = (kinds as u8).max(1);
    }
    if req.earlier_approaches.is_empty() && req.favours_treatment_resistant() {
        req.earlier_approaches = intake
            .earlier_kinds
            .iter()
            .filter_map(|k| approach_of(*k))
            .collect();
        req.earlier_approaches.sort();
        req.earlier_approaches.dedup();
    }
    req
}

async fn history(app: &App, actor: &Actor, audit_action: &'static str) -> Result<History> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        actor.user_id,
        audit_action,
    )
    .await?;
    let client_id = actor.user_id;
    let mut h = History::default();
    if let Some(row) = intakes::latest(&scope.client()).await? {
        h.intake =
            Some(serde_json::from_str(&row.body).map_err(|e| Error::Internal(e.to_string()))?);
    }
    h.current = care_teams::team_of(scope.conn(), client_id)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect();
    h.switching = requests::of_client(scope.conn(), scope.keys(), client_id)
        .await?
        .iter()
        .any(|r| r.status == "open");
    for m in care_teams::former_of(scope.conn(), client_id).await? {
        if h.current.contains(&m.clinician_id)
            || h.former.iter().any(|(id, _)| *id == m.clinician_id)
        {
            continue;
        }
        if let Some(u) = users::find(scope.conn(), scope.keys(), m.clinician_id).await?
            && u.disabled_at.is_none()
            && u.role == Role::Clinician.as_str()
        {
            h.former.push((u.id, u.name));
        }
    }
    // The entry says a match was run, never what was answered.
    scope.finish(Entry::ok(audit_action)).await?;
    Ok(h)
}

/// The questionnaire as a signed-in client's intake fills it (earlier courses and the kinds
/// tried); empty for anyone else.
pub async fn prefill(app: &App, actor: Option<&Actor>) -> Result<Request> {
    match actor {
        Some(a) if a.role == Role::Client => {
            let h = history(app, a, "matching.prefilled").await?;
            Ok(match &h.intake {
                Some(i) => with_intake(Request::default(), i),
                None => Request::default(),
            })
        }
        _ => Ok(Request::default()),
    }
}

/// Matches a request against everyone listed. `actor` is optional (the page and the API are
/// public); a signed-in client's record adds their history (and the run is audited).
pub async fn find_matches(app: &App, actor: Option<&Actor>, req: Request) -> Result<Matches> {
    let mut req = req.checked()?;
    let history = match actor {
        Some(a) if a.role == Role::Client => Some(history(app, a, "matching.run").await?),
        _ => None,
    };
    if let Some(intake) = history.as_ref().and_then(|h| h.intake.as_ref()) {
        req = with_intake(req, intake);
    }
    let snap = snapshot(app).await?;
    let switching = history
        .as_ref()
        .is_some_and(|h| h.switching && !h.current.is_empty());
    let leave_out: Vec<usize> = match &history {
        Some(h) if switching => h
            .current
            .iter()
            .filter_map(|id| snap.by_id.get(id).copied())
            .collect(),
        _ => vec![],
    };
    let mut earlier_therapists = vec![];
    if let Some(h) = &history
        && req.therapist_was_the_problem == Some(false)
    {
        for (id, name) in &h.former {
            let mut reasons = vec![EarlierReason::WorkedWith(name.clone())];
            reasons.push(match snap.by_id.get(id) {
                Some(i) if snap.listed[*i].profile.accepting_new_clients => {
                    EarlierReason::ListedTakingNew
                }
                Some(_) => EarlierReason::Listed,
                None => EarlierReason::NotTakingNew,
            });
            earlier_therapists.push(EarlierTherapist {
                clinician_id: *id,
                name: name.clone(),
                reasons,
            });
        }
    }
    let offered_first: Vec<usize> = earlier_therapists
        .iter()
        .filter_map(|e| snap.by_id.get(&e.clinician_id).copied())
        .collect();
    let listed = &snap.listed;
    let outcome = snap.directory.top_in(
        |i| listed.get(i).map(|l| &l.profile),
        &req,
        SHORTLIST,
        |i| !leave_out.contains(&i) && !offered_first.contains(&i),
    );
    let results: Vec<MatchView> = outcome
        .into_iter()
        .filter_map(|m| {
            let l = snap.listed.get(m.index)?;
            Some(MatchView {
                clinician_id: l.clinician_id,
                name: l.name.clone(),
                credentials: l.profile.credentials.clone(),
                score: m.score,
                reasons: m.reasons,
                concerns: m.concerns,
            })
        })
        .collect();
    let nothing = results.is_empty() && earlier_therapists.is_empty();
    Ok(Matches {
        widen: if nothing {
            matching::widen(&req)
        } else {
            vec![]
        },
        resources: if nothing { matching::RESOURCES } else { &[] },
        results,
        earlier_therapists,
        left_out_current: switching,
        request: req,
    })
}
