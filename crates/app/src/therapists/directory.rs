//! The public directory: filters over everyone listed, twenty to a page, in a stable order
//! (by clinician id, the order accounts were made). The listed clinicians are kept in memory;
//! when the database's change stamp moves, the few clinicians saved or checked since are read
//! again (or, after an account was disabled or many changed, the whole list), so a search
//! reads one small row, not every profile.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rapport_core::therapists::{
    Format, Jurisdiction, Language, Mode, Profile, Specialty, TherapyApproach,
};
use rapport_store::therapists::{self, DirectoryVersion, Listed};
use uuid::Uuid;

use crate::{App, Error, Result};

pub const PAGE_SIZE: usize = 20;

/// What a visitor narrows the directory by; every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub approach: Option<TherapyApproach>,
    pub format: Option<Format>,
    pub mode: Option<Mode>,
    /// Compared without region: `es` finds `es-MX`.
    pub language: Option<Language>,
    pub specialty: Option<Specialty>,
    /// Licensed there (a national licence covers the country's places).
    pub jurisdiction: Option<Jurisdiction>,
    /// A stated fee of at most this (a clinician who states no fee is left out).
    pub max_fee: Option<u32>,
    /// A plan name on the clinician's list (case ignored).
    pub insurance: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether a profile passes every filter set.
    pub fn admits(&self, p: &Profile) -> bool {
        self.approach.is_none_or(|a| p.approaches.contains(&a))
            && self.format.is_none_or(|f| p.formats.contains(&f))
            && self.mode.is_none_or(|m| p.modes.contains(&m))
            && self.language.as_ref().is_none_or(|l| p.speaks(l))
            && self.specialty.is_none_or(|s| p.specialties.contains(&s))
            && self.jurisdiction.as_ref().is_none_or(|j| p.practises_in(j))
            && self
                .max_fee
                .is_none_or(|max| p.fee.is_some_and(|fee| fee <= max))
            && self
                .insurance
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .is_none_or(|plan| p.insurance.accepts(plan))
    }
}

/// One page of the directory.
#[derive(Debug, Clone)]
pub struct DirectoryPage {
    pub items: Vec<Listed>,
    /// 1-based.
    pub page: usize,
    /// The next page's number, when there is one.
    pub next: Option<usize>,
    /// How many match, all pages together.
    pub total: usize,
}

/// The listed clinicians in memory, with the stamp they were loaded at.
#[derive(Default)]
pub struct DirectoryCache {
    /// Bumped when this process disables or enables an account: the whole list is loaded
    /// again (saves and checks move the database's stamp themselves).
    generation: AtomicU64,
    loaded: Mutex<Option<Loaded>>,
}

struct Loaded {
    version: DirectoryVersion,
    generation: u64,
    listed: Arc<Vec<Listed>>,
}

impl DirectoryCache {
    /// Accounts changed: load the whole list again.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Moves when this process saved a profile or a check (matching reuses its compact form
    /// for a second only while this stays put).
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn get(&self, version: &DirectoryVersion, generation: u64) -> Option<Arc<Vec<Listed>>> {
        let loaded = self.loaded.lock().ok()?;
        loaded
            .as_ref()
            .filter(|l| l.version == *version && l.generation == generation)
            .map(|l| l.listed.clone())
    }

    /// What was loaded last, if at this generation.
    fn previous(&self, generation: u64) -> Option<(DirectoryVersion, Arc<Vec<Listed>>)> {
        let loaded = self.loaded.lock().ok()?;
        loaded
            .as_ref()
            .filter(|l| l.generation == generation)
            .map(|l| (l.version, l.listed.clone()))
    }

    fn put(&self, version: DirectoryVersion, generation: u64, listed: Arc<Vec<Listed>>) {
        if let Ok(mut loaded) = self.loaded.lock() {
            *loaded = Some(Loaded {
                version,
                generation,
                listed,
            });
        }
    }
}

/// At most this many changed clinicians are read again one by one; more, and the whole list
/// is loaded again.
const MAX_CHANGED: usize = 64;

/// Everyone listed, from memory when nothing changed since the last load. A few saved
/// profiles or new checks since then are read again on their own; anything else (an account
/// disabled, many changes) loads the whole list again.
pub async fn listed(app: &App) -> Result<Arc<Vec<Listed>>> {
    let generation = app.directory.generation.load(Ordering::SeqCst);
    let r = app.db.read().await?;
    let version = therapists::directory_version(r.conn()).await?;
    if let Some(hit) = app.directory.get(&version, generation) {
        r.close().await?;
        return Ok(hit);
    }
    let previous = app.directory.previous(generation);
    let updated = match previous {
        Some((before, list))
            if before.disabled == version.disabled
                && before.profiles <= version.profiles
                && before.verifications <= version.verifications =>
        {
            // From the last marks themselves: two saves may share a revision, two checks a
            // moment (a save or check committed after a later one was read is missed until
            // the next full load). Bulk-loaded profiles have revision 0 and are never changes.
            let ids = therapists::changed_since(
                r.conn(),
                before.revision.unwrap_or(0).max(1),
                before.last_verified,
            )
            .await?;
            if ids.len() <= MAX_CHANGED {
                let mut fresh = Vec::with_capacity(ids.len());
                for id in &ids {
                    fresh.extend(therapists::listed_one(r.conn(), r.keys(), *id).await?);
                }
                let mut all: Vec<Listed> = list
                    .iter()
                    .filter(|l| ids.binary_search(&l.clinician_id).is_err())
                    .cloned()
                    .collect();
                all.extend(fresh);
                all.sort_by_key(|l| l.clinician_id);
                Some(all)
            } else {
                None
            }
        }
        _ => None,
    };
    let all = match updated {
        Some(all) => Arc::new(all),
        None => Arc::new(therapists::listed(r.conn(), r.keys()).await?),
    };
    r.close().await?;
    app.directory.put(version, generation, all.clone());
    Ok(all)
}

/// One page (1-based) of the listed clinicians that pass `filters`. Public: no actor.
pub async fn directory(app: &App, filters: &Filters, page: usize) -> Result<DirectoryPage> {
    if page == 0 {
        return Err(Error::invalid("page", "Pages are numbered from 1."));
    }
    let all = listed(app).await?;
    let skip = (page - 1).saturating_mul(PAGE_SIZE);
    let mut total = 0;
    let mut items = Vec::with_capacity(PAGE_SIZE);
    for l in all.iter().filter(|l| filters.admits(&l.profile)) {
        if total >= skip && items.len() < PAGE_SIZE {
            items.push(l.clone());
        }
        total += 1;
    }
    let next = (total > skip + PAGE_SIZE).then_some(page + 1);
    Ok(DirectoryPage {
        items,
        page,
        next,
        total,
    })
}

/// One listed clinician's profile (NotFound unless listed). Public: no actor.
pub async fn public_profile(app: &App, clinician_id: Uuid) -> Result<Listed> {
    let r = app.db.read().await?;
    let one = therapists::listed_one(r.conn(), r.keys(), clinician_id).await?;
    r.close().await?;
    one.ok_or(Error::NotFound)
}
