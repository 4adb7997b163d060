//! The traffic: closed-loop workers, each with one kept-alive connection, sending a weighted
//! mix of request kinds as the signed-in clients and clinicians until the time is up.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};

use crate::clock;
use crate::http::{Conn, Response};
use crate::signin::{ClientUser, ClinicianUser};
use crate::stats::Samples;

/// What a request does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `POST /api/v1/checkins` (a client's daily check-in).
    Checkin,
    /// `POST /api/v1/measures` (a client's PHQ-9).
    Phq9,
    /// `GET /home` as a client.
    ClientHome,
    /// `GET /progress` as a client.
    ClientProgress,
    /// `GET /sessions` as a client.
    ClientSessions,
    /// `GET /home` as a clinician: the caseload.
    Caseload,
    /// `GET /clients/{id}` as a clinician: a chart.
    Chart,
    /// `GET /sessions` as a clinician: the schedule.
    Schedule,
    /// `GET /static/favicon.svg`: the HTTP floor.
    Floor,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Checkin => "checkin",
            Kind::Phq9 => "phq9",
            Kind::ClientHome => "client_home",
            Kind::ClientProgress => "client_progress",
            Kind::ClientSessions => "client_sessions",
            Kind::Caseload => "caseload",
            Kind::Chart => "chart",
            Kind::Schedule => "schedule",
            Kind::Floor => "floor",
        }
    }

    pub fn request(self) -> &'static str {
        match self {
            Kind::Checkin => "POST /api/v1/checkins",
            Kind::Phq9 => "POST /api/v1/measures",
            Kind::ClientHome => "GET /home (client)",
            Kind::ClientProgress => "GET /progress",
            Kind::ClientSessions => "GET /sessions (client)",
            Kind::Caseload => "GET /home (clinician)",
            Kind::Chart => "GET /clients/{id}",
            Kind::Schedule => "GET /sessions (clinician)",
            Kind::Floor => FLOOR_PATH,
        }
    }

    pub fn is_submission(self) -> bool {
        matches!(self, Kind::Checkin | Kind::Phq9)
    }
}

/// The static response the pages are compared with: the same router and middleware, no
/// database, 213 bytes.
pub const FLOOR_PATH: &str = "/static/favicon.svg";

/// The load run's mix, in percent.
pub const MIXED: [(Kind, u32); 8] = [
    (Kind::Checkin, 30),
    (Kind::Phq9, 5),
    (Kind::ClientHome, 20),
    (Kind::ClientProgress, 10),
    (Kind::ClientSessions, 5),
    (Kind::Caseload, 15),
    (Kind::Chart, 10),
    (Kind::Schedule, 5),
];

/// Submissions only, in the same proportion as in the mix.
pub const SUBMISSIONS: [(Kind, u32); 2] = [(Kind::Checkin, 30), (Kind::Phq9, 5)];

/// Every kind, each timed alone on one connection.
pub const ALONE: [Kind; 9] = [
    Kind::Checkin,
    Kind::Phq9,
    Kind::ClientHome,
    Kind::ClientProgress,
    Kind::ClientSessions,
    Kind::Caseload,
    Kind::Chart,
    Kind::Schedule,
    Kind::Floor,
];

/// The signed-in people the workers act as.
pub struct People {
    pub clients: Vec<ClientUser>,
    pub clinicians: Vec<ClinicianUser>,
}

/// A small, fast, seeded generator (core's SplitMix64): the mix needs no more.
#[derive(Debug, Clone)]
pub struct Rng(rapport_core::matching::generate::Rng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(rapport_core::matching::generate::Rng::new(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }
}

/// What one phase measured.
pub struct PhaseResult {
    pub elapsed: Duration,
    pub kinds: BTreeMap<Kind, Samples>,
    /// The first few errors, for the report.
    pub errors: Vec<String>,
    pub reconnects: u64,
}

impl PhaseResult {
    /// Adds another run of the same phase.
    pub fn merge(&mut self, other: PhaseResult) {
        self.elapsed += other.elapsed;
        for (k, s) in other.kinds {
            self.kinds.entry(k).or_default().merge(s);
        }
        for e in other.errors {
            if self.errors.len() < 10 {
                self.errors.push(e);
            }
        }
        self.reconnects += other.reconnects;
    }

    pub fn total_errors(&self) -> u64 {
        self.kinds.values().map(|s| s.errors).sum()
    }

    /// Every kind's samples together.
    pub fn all(&self, filter: impl Fn(Kind) -> bool) -> Samples {
        let mut s = Samples::default();
        for (k, v) in &self.kinds {
            if filter(*k) {
                s.merge(v.clone());
            }
        }
        s
    }
}

fn pick(rng: &mut Rng, mix: &[(Kind, u32)]) -> Kind {
    let total: u32 = mix.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total.max(1) as usize) as u32;
    for (k, w) in mix {
        if x < *w {
            return *k;
        }
        x -= w;
    }
    mix.first().map_or(Kind::Floor, |(k, _)| *k)
}

pub fn check(r: &Response, status: u16, kind: Kind) -> Result<()> {
    if r.status != status {
        let text = r.text();
        let snippet: String = text.chars().take(200).collect();
        bail!(
            "{}: expected {status}, got {} ({})",
            kind.request(),
            r.status,
            snippet.replace('\n', " ")
        );
    }
    if r.body.is_empty() {
        bail!("{}: an empty body", kind.request());
    }
    Ok(())
}

fn client<'a>(people: &'a People, rng: &mut Rng) -> Result<&'a ClientUser> {
    people
        .clients
        .get(rng.below(people.clients.len().max(1)))
        .ok_or_else(|| anyhow!("no client signed in"))
}

/// A check-in's JSON body with a random mood and sleep.
pub fn checkin_body(rng: &mut Rng) -> String {
    let mood = 2 + rng.below(8);
    let sleep = 5.0 + rng.below(17) as f64 * 0.25;
    format!(r#"{{"mood":{mood},"sleep_hours":{sleep},"medication":"taken"}}"#)
}

/// A PHQ-9's JSON body with random answers. Item 9 stays 0: a positive answer raises a
/// safety flag on every submission.
pub fn phq9_body(rng: &mut Rng) -> String {
    let answers: Vec<String> = (0..8)
        .map(|_| rng.below(4).to_string())
        .chain(std::iter::once("0".to_string()))
        .collect();
    format!(
        r#"{{"instrument":"phq9","answers":[{}],"difficulty":1}}"#,
        answers.join(",")
    )
}

/// One request of `kind`, as someone picked at random.
async fn one(conn: &mut Conn, kind: Kind, people: &People, rng: &mut Rng) -> Result<()> {
    match kind {
        Kind::Checkin => {
            let c = client(people, rng)?;
            let body = checkin_body(rng);
            let r = conn
                .post_json("/api/v1/checkins", Some(&c.bearer), body.as_bytes())
                .await?;
            check(&r, 201, kind)
        }
        Kind::Phq9 => {
            let c = client(people, rng)?;
            let body = phq9_body(rng);
            let r = conn
                .post_json("/api/v1/measures", Some(&c.bearer), body.as_bytes())
                .await?;
            check(&r, 201, kind)
        }
        Kind::ClientHome | Kind::ClientProgress | Kind::ClientSessions => {
            let c = client(people, rng)?;
            let path = match kind {
                Kind::ClientHome => "/home",
                Kind::ClientProgress => "/progress",
                _ => "/sessions",
            };
            let r = conn.get(path, Some(&c.cookie)).await?;
            check(&r, 200, kind)
        }
        Kind::Caseload | Kind::Schedule => {
            let j = rng.below(people.clinicians.len());
            let c = people
                .clinicians
                .get(j)
                .ok_or_else(|| anyhow!("no clinician signed in"))?;
            let path = if kind == Kind::Caseload {
                "/home"
            } else {
                "/sessions"
            };
            let r = conn.get(path, Some(&c.cookie)).await?;
            check(&r, 200, kind)
        }
        Kind::Chart => {
            let with_clients: Vec<&ClinicianUser> = people
                .clinicians
                .iter()
                .filter(|c| !c.clients.is_empty())
                .collect();
            let c = with_clients
                .get(rng.below(with_clients.len()))
                .ok_or_else(|| anyhow!("no signed-in clinician has clients"))?;
            let id = &c.clients[rng.below(c.clients.len())];
            let r = conn.get(&format!("/clients/{id}"), Some(&c.cookie)).await?;
            check(&r, 200, kind)
        }
        Kind::Floor => {
            let r = conn.get(FLOOR_PATH, None).await?;
            check(&r, 200, kind)
        }
    }
}

/// `concurrency` workers send `mix` for `duration`.
pub async fn run(
    addr: SocketAddr,
    people: Arc<People>,
    mix: &[(Kind, u32)],
    concurrency: usize,
    duration: Duration,
    seed: u64,
) -> Result<PhaseResult> {
    let started = clock::now();
    let deadline = started + duration;
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..concurrency.max(1) {
        let people = Arc::clone(&people);
        let mix = mix.to_vec();
        tasks.spawn(async move {
            let mut conn = Conn::new(addr)?;
            let mut rng = Rng::new(seed ^ (w as u64 + 1).wrapping_mul(0x5851_F42D_4C95_7F2D));
            let mut kinds: BTreeMap<Kind, Samples> = BTreeMap::new();
            let mut errors = Vec::new();
            while clock::now() < deadline {
                let kind = pick(&mut rng, &mix);
                let t0 = clock::now();
                let outcome = one(&mut conn, kind, &people, &mut rng).await;
                let took = t0.elapsed();
                let s = kinds.entry(kind).or_default();
                match outcome {
                    Ok(()) => s.ok(took),
                    Err(e) => {
                        s.err();
                        if errors.len() < 5 {
                            errors.push(format!("{e:#}"));
                        }
                        conn.reset();
                    }
                }
            }
            anyhow::Ok((kinds, errors, conn.reconnects))
        });
    }
    let mut result = PhaseResult {
        elapsed: Duration::ZERO,
        kinds: BTreeMap::new(),
        errors: Vec::new(),
        reconnects: 0,
    };
    while let Some(r) = tasks.join_next().await {
        let (kinds, errors, reconnects) = r??;
        for (k, s) in kinds {
            result.kinds.entry(k).or_default().merge(s);
        }
        for e in errors {
            if result.errors.len() < 10 {
                result.errors.push(e);
            }
        }
        result.reconnects += reconnects;
    }
    result.elapsed = started.elapsed();
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_follows_its_weights() {
        let mut rng = Rng::new(7);
        let mut counts: BTreeMap<Kind, u32> = BTreeMap::new();
        for _ in 0..100_000 {
            *counts.entry(pick(&mut rng, &MIXED)).or_default() += 1;
        }
        for (k, w) in MIXED {
            let share = f64::from(counts[&k]) / 1000.0;
            assert!(
                (share - f64::from(w)).abs() < 1.0,
                "{k:?}: {share}% for a weight of {w}"
            );
        }
        assert_eq!(MIXED.iter().map(|(_, w)| w).sum::<u32>(), 100);
    }

    #[test]
    fn below_stays_below() {
        let mut rng = Rng::new(1);
        for n in 1..50 {
            for _ in 0..100 {
                assert!(rng.below(n) < n);
            }
        }
    }
}
