//! Data at scale, for benchmarks (`rapport seed`): a practice of any size with a history of
//! weekly PHQ-9s and daily check-ins, written straight into the tables in large batches
//! ([`rapport_store::bulk`]) instead of through the use-cases, which would take days for
//! 100,000 clients (through [`rapport_app::bulk`], which reaches the loader for an empty
//! database). Seeded data is for benchmarks only: every account has the same published
//! password, and the staff's TOTP secrets follow from their e-mail addresses.
//!
//! What is written, for `clients` clients, `clinicians` clinicians and `days` days:
//!
//! - an administrator and the clinicians (profile with a credential and two approaches,
//!   two-step sign-in enrolled with [`totp_secret_for`] their address);
//! - each client: account, profile, consent to data processing, one clinician's care team
//!   (round robin: each clinician has about `clients / clinicians`), an active episode
//!   started `days` days ago (with its event), schedules (PHQ-9 weekly, check-in daily);
//! - their history up to yesterday: a PHQ-9 a week (about 8 % skipped), its nine answers and
//!   the difficulty, on a course from a baseline of 10–22 that falls (most clients), falls a
//!   little, stays, or rises, with a point or two of noise, scored by `rapport_core`; and a
//!   check-in on most days (72–98 % per client, about 85 % on average): mood following the
//!   course, sleep in quarter hours, medication taken, missed now and then, or not
//!   prescribed.
//!
//! No flags are written: the early-warning rules raise them when they next look. Passwords
//! are hashed once (Argon2id, as the app hashes them) and the hash is shared. Ids are
//! UUIDv7 stamped with their rows' times, as the use-cases make them; the variation comes
//! from a fixed mix of numbers, so two runs with the same options write the same history.

mod directory;
mod history;
mod people;

pub use directory::{profile_of as therapist_profile, therapist_email};

pub use people::{ADMIN_EMAIL, DOMAIN, StaffLogin, client_email, clinician_email, totp_secret_for};

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use rapport_app::audit_log::Entry;
use rapport_app::bulk::{self, Load};
use rapport_app::{App, Error, Result};
use rapport_store::bulk::{LoaderOptions, Row};
use uuid::Uuid;

/// The password of every seeded account (printed by `rapport seed`).
pub const SEED_PASSWORD: &str = "seed-password-2026";

/// Clients generated and written together (accounts, and each day's history).
const BLOCK: usize = 10_000;

/// A transaction is committed once it holds about this many rows.
const COMMIT_EVERY_ROWS: u64 = 2_000_000;

/// The tables whose secondary indexes and foreign keys are added after the load.
const DEFERRED_TABLES: [&str; 3] = ["checkins", "measures", "measure_answers"];

/// How much to seed.
#[derive(Debug, Clone, Copy)]
pub struct SeedOptions {
    pub clients: u32,
    pub clinicians: u32,
    pub days: u32,
    /// Directory clinicians besides (`--therapists`): verified, accepting, varied profiles,
    /// no caseload.
    pub therapists: u32,
    /// Add the history tables' secondary indexes (and, on PostgreSQL, foreign keys) after
    /// the load rather than keep them up to date during it (faster at scale).
    pub defer_indexes_and_keys: bool,
    /// How rows are written.
    pub loader: LoaderOptions,
}

impl SeedOptions {
    /// `clients` clients, one clinician per hundred (at least one), a year.
    pub fn new(clients: u32) -> SeedOptions {
        SeedOptions {
            clients,
            clinicians: (clients / 100).max(1),
            days: 365,
            therapists: 0,
            defer_indexes_and_keys: true,
            loader: LoaderOptions::default(),
        }
    }
}

/// Where a seeding run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Accounts, profiles, consents, care teams, episodes and schedules are written.
    Accounts,
    /// This percentage of the history is written.
    History(u8),
    /// The history is written; deferred indexes and keys are being added.
    Indexes,
}

/// A report of progress: the phase and the rows written so far.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub phase: Phase,
    pub rows: u64,
}

/// What a seeding run wrote.
#[derive(Debug, Clone)]
pub struct SeedReport {
    pub clients: u32,
    pub clinicians: u32,
    pub days: u32,
    pub therapists: u32,
    /// Rows per table, in the order first written.
    pub tables: Vec<(&'static str, u64)>,
    pub rows: u64,
    /// The administrator first, then the clinicians in number order.
    pub staff: Vec<StaffLogin>,
}

impl SeedReport {
    /// The rows written to `table`.
    pub fn rows_of(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Fills an empty database (no accounts) with a practice and its history, ending yesterday
/// by the app's clock. `progress` hears after the accounts, at every tenth of the history,
/// and before the indexes are built. Refuses a database that has accounts. If it fails
/// half-way, what was committed stays: the database is a half-seeded one to delete.
pub async fn seed(
    app: &App,
    options: SeedOptions,
    mut progress: impl FnMut(&Progress),
) -> Result<SeedReport> {
    if (options.clients == 0 && options.therapists == 0) || options.clinicians == 0 {
        return Err(Error::invalid(
            "clients",
            "Seed at least one client (or directory therapist) and one clinician.",
        ));
    }
    if !(1..=3_650).contains(&options.days) {
        return Err(Error::invalid("days", "Seed from 1 to 3,650 days."));
    }
    let hash = rapport_app::accounts::passwords::hash(SEED_PASSWORD.to_string()).await?;
    let mut loader = bulk::open(app, &options.loader).await?;
    let mut run = Run {
        loader: &mut loader,
        tables: Vec::new(),
    };
    let result = run.all(app, options, &hash, &mut progress).await;
    let tables = std::mem::take(&mut run.tables);
    match result {
        Ok(staff) => {
            progress(&Progress {
                phase: Phase::Indexes,
                rows: loader.rows_written(),
            });
            let mut e = Entry::ok("seed.completed");
            e.detail = Some(format!(
                "{} clients, {} clinicians, {} therapists, {} days, {} rows",
                options.clients,
                options.clinicians,
                options.therapists,
                options.days,
                loader.rows_written()
            ));
            let rows = loader.finish(e).await?;
            Ok(SeedReport {
                clients: options.clients,
                clinicians: options.clinicians,
                days: options.days,
                therapists: options.therapists,
                tables,
                rows,
                staff,
            })
        }
        Err(e) => {
            // Rolls the open transaction back and adds deferred indexes and keys, if it can.
            let _ = loader.abort().await;
            Err(e)
        }
    }
}

struct Run<'a> {
    loader: &'a mut Load,
    tables: Vec<(&'static str, u64)>,
}

impl Run<'_> {
    async fn put<R: Row>(&mut self, rows: Vec<R>) -> Result<()> {
        let n = rows.len() as u64;
        match self.tables.iter_mut().find(|(t, _)| *t == R::TABLE) {
            Some((_, count)) => *count += n,
            None => self.tables.push((R::TABLE, n)),
        }
        self.loader.write(rows).await?;
        Ok(())
    }

    async fn all(
        &mut self,
        app: &App,
        options: SeedOptions,
        hash: &str,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<Vec<StaffLogin>> {
        let now = app.now();
        let start_date = now.date_naive() - Duration::days(i64::from(options.days));
        let midnight = start_date.and_time(NaiveTime::MIN).and_utc();
        if options.defer_indexes_and_keys {
            self.loader.defer_indexes_and_keys(&DEFERRED_TABLES).await?;
        }

        let staff = people::staff(options.clinicians, midnight - Duration::days(30), hash)?;
        self.put(staff.users).await?;
        self.put(staff.profiles).await?;
        self.put(staff.approaches).await?;

        // The directory's clinicians, a block at a time.
        let mut n = 1;
        while n <= options.therapists {
            let count = (options.therapists - n + 1).min(BLOCK as u32);
            let d =
                directory::therapists(n, count, midnight - Duration::days(30), staff.admin, hash)?;
            self.put(d.users).await?;
            self.put(d.clinicians).await?;
            self.put(d.profiles).await?;
            self.put(d.checks).await?;
            if self.loader.rows_written() >= COMMIT_EVERY_ROWS {
                self.loader.commit().await?;
            }
            n += count;
        }

        let start = people::Start {
            midnight,
            offsets: history::offsets_on(start_date),
            clients: options.clients,
        };
        let clinicians = staff.clinicians.len().max(1);
        let mut plans: Vec<people::Plan> = (0..options.clients)
            .map(|n| {
                let clinician = staff
                    .clinicians
                    .get(n as usize % clinicians)
                    .copied()
                    .unwrap_or_default();
                people::Plan::new(n, clinician)
            })
            .collect();
        for block in plans.chunks_mut(BLOCK) {
            let a = people::clients(block, &start, staff.admin, hash)?;
            self.put(a.users).await?;
            self.put(a.profiles).await?;
            self.put(a.consents).await?;
            self.put(a.care_teams).await?;
            self.put(a.episodes).await?;
            self.put(a.events).await?;
            self.put(a.schedules).await?;
        }
        self.loader.commit().await?;
        progress(&Progress {
            phase: Phase::Accounts,
            rows: self.loader.rows_written(),
        });

        self.history(options, plans, start_date, now, progress)
            .await?;
        Ok(staff.logins)
    }

    /// Day after day, block after block: each block's day is generated on a blocking
    /// thread while the one before it is written.
    async fn history(
        &mut self,
        options: SeedOptions,
        plans: Vec<people::Plan>,
        start: chrono::NaiveDate,
        now: DateTime<Utc>,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<()> {
        let clients = plans.len();
        let ctx = Arc::new(history::Context { plans, start, now });
        let units: Vec<(u32, std::ops::Range<usize>)> = (0..options.days)
            .flat_map(|d| {
                (0..clients)
                    .step_by(BLOCK)
                    .map(move |s| (d, s..(s + BLOCK).min(clients)))
            })
            .collect();
        let spawn = |(d, range): (u32, std::ops::Range<usize>)| {
            let ctx = ctx.clone();
            tokio::task::spawn_blocking(move || history::day(&ctx, d, range))
        };
        let mut next = units.first().cloned().map(spawn);
        let mut committed_at = self.loader.rows_written();
        let mut tenths = 0;
        for i in 0..units.len() {
            let Some(handle) = next.take() else {
                break;
            };
            let rows = handle
                .await
                .map_err(|e| Error::Internal(format!("seed generator: {e}")))??;
            next = units.get(i + 1).cloned().map(spawn);
            self.put(rows.checkins).await?;
            self.put(rows.measures).await?;
            self.put(rows.answers).await?;
            if self.loader.rows_written() - committed_at >= COMMIT_EVERY_ROWS {
                self.loader.commit().await?;
                committed_at = self.loader.rows_written();
            }
            let done = (i + 1) * 10 / units.len();
            if done > tenths {
                tenths = done;
                progress(&Progress {
                    phase: Phase::History((done * 10) as u8),
                    rows: self.loader.rows_written(),
                });
            }
        }
        self.loader.commit().await?;
        Ok(())
    }
}

/// A fixed, random-looking number from three (SplitMix64 steps).
pub(crate) fn mix(a: u64, b: u64, c: u64) -> u64 {
    fn step(mut x: u64) -> u64 {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }
    step(step(step(a) ^ b) ^ c)
}

/// A UUIDv7 stamped with `at` (as [`App::new_id`] makes them), its other bits fixed by
/// `kind`, `n` and `d` so that a run can be repeated exactly.
pub(crate) fn id_at(at: DateTime<Utc>, kind: u64, n: u64, d: u64) -> Uuid {
    let a = mix(kind, n, d);
    let b = mix(kind ^ 0x5EED, d, n);
    let mut bytes = [0u8; 10];
    bytes[..8].copy_from_slice(&a.to_le_bytes());
    bytes[8..].copy_from_slice(&b.to_le_bytes()[..2]);
    uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis().max(0) as u64, &bytes)
        .into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_version_7_and_carry_their_time() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 18, 30, 0).unwrap();
        let id = id_at(at, 9, 12, 40);
        assert_eq!(id.get_version_num(), 7);
        let (secs, _) = id.get_timestamp().unwrap().to_unix();
        assert_eq!(secs as i64, at.timestamp());
        assert_eq!(id, id_at(at, 9, 12, 40));
        assert_ne!(id, id_at(at, 9, 13, 40));
        assert_ne!(id, id_at(at, 8, 12, 40));
    }
}
