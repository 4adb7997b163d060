//! `rapport-bench --matching N`: matching end to end. A temporary folder is seeded with N
//! checked, accepting clinicians (`rapport seed --clients 0 --therapists N`), a real
//! `rapport serve` starts on it, and varied `POST /api/v1/match` requests (core's seeded
//! generator) go one after another over one keep-alive connection, each followed by a
//! `GET /healthz` on the same connection: the baseline measured in the same run.

use std::path::Path;

use anyhow::{Result, bail};
use rapport_core::matching::generate;

use crate::clock;
use crate::http::Conn;
use crate::server::{Server, seed_therapists};
use crate::stats::{Samples, Summary, ratio};

/// What the run measured.
pub struct Outcome {
    pub seed_secs: f64,
    /// From the start of `rapport serve` to the first match answered (the directory's load).
    pub first_secs: f64,
    pub matching: Summary,
    pub healthz: Summary,
    /// Requests whose shortlist was empty (the generator asks for rare combinations too).
    pub empty: u32,
}

pub async fn run(rapport: &Path, data: &Path, therapists: u32, requests: u32) -> Result<Outcome> {
    let seeding = clock::now();
    seed_therapists(rapport, data, therapists)?;
    let seed_secs = seeding.elapsed().as_secs_f64();
    let server = Server::start(rapport, data, data, &[]).await?;
    let mut conn = Conn::new(server.addr)?;
    let mut rng = generate::Rng::new(7);
    let started = clock::now();
    let first = serde_json::to_vec(&generate::request(&mut rng))?;
    let r = conn.post_json("/api/v1/match", None, &first).await?;
    if r.status != 200 {
        bail!("POST /api/v1/match answered {}: {}", r.status, r.text());
    }
    let first_secs = started.elapsed().as_secs_f64() + server.startup.as_secs_f64();
    let (mut matching, mut healthz, mut empty) = (Samples::default(), Samples::default(), 0);
    let run = clock::now();
    for _ in 0..requests {
        let body = serde_json::to_vec(&generate::request(&mut rng))?;
        let t = clock::now();
        let r = conn.post_json("/api/v1/match", None, &body).await?;
        if r.status == 200 {
            matching.ok(t.elapsed());
            let v: serde_json::Value = serde_json::from_slice(&r.body)?;
            if v["results"].as_array().is_none_or(|a| a.is_empty()) {
                empty += 1;
            }
        } else {
            matching.err();
        }
        let t = clock::now();
        match conn.get("/healthz", None).await {
            Ok(r) if r.status == 200 => healthz.ok(t.elapsed()),
            _ => healthz.err(),
        }
    }
    let elapsed = run.elapsed();
    server.stop().await?;
    Ok(Outcome {
        seed_secs,
        first_secs,
        matching: matching.summary(elapsed),
        healthz: healthz.summary(elapsed),
        empty,
    })
}

/// The lines the run prints.
pub fn report(therapists: u32, o: &Outcome) -> Vec<String> {
    let m = &o.matching;
    let h = &o.healthz;
    vec![
        format!(
            "MATCHING {therapists} listed therapists: seeded in {:.1} s; first answer {:.1} s after start (the directory's load)",
            o.seed_secs, o.first_secs
        ),
        format!(
            "MATCHING {} requests ({} errors, {} with nothing matching): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            m.count, m.errors, o.empty, m.p50_ms, m.p99_ms, m.max_ms
        ),
        format!(
            "BASELINE GET /healthz on the same connection: median {:.2} ms, p99 {:.2} ms; matching ÷ baseline: median {:.1}×, p99 {:.1}×",
            h.p50_ms,
            h.p99_ms,
            ratio(m.p50_ms, h.p50_ms),
            ratio(m.p99_ms, h.p99_ms)
        ),
    ]
}

/// Whether the run met issue 14's targets (p99 ≤ 15 ms at 100,000, ≤ 150 ms at 1,000,000;
/// in between, the line between them) without errors.
pub fn passed(therapists: u32, o: &Outcome) -> bool {
    let target_ms = 15.0 + 135.0 * (f64::from(therapists) - 100_000.0).max(0.0) / 900_000.0;
    o.matching.errors == 0 && o.matching.p99_ms <= target_ms
}
