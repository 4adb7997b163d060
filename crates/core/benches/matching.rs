//! Matching over generated directories (item 8): per-request time of `Directory::top` at
//! 100,000 and 1,000,000 profiles, with a baseline measured in the same run (one pass over the
//! profiles doing nothing but the "accepting new clients" check). Prints the median and p99 of
//! 2,000 varied requests per size, then runs Criterion. See BENCHMARKS.md.
//!
//! `cargo bench -p rapport-core --bench matching`
//! (`MATCHING_SIZES=100000` to run one size only.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::disallowed_methods
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use rapport_core::matching::Directory;
use rapport_core::matching::generate::{self, Rng};

const REQUESTS: usize = 2_000;
const K: usize = 10;

fn sizes() -> Vec<usize> {
    std::env::var("MATCHING_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn quantiles(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99), *v.last().unwrap())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn percentiles(n: usize, dir: &Directory) {
    let mut rng = Rng::new(7);
    let requests: Vec<_> = (0..REQUESTS).map(|_| generate::request(&mut rng)).collect();
    // Warm up.
    for r in requests.iter().take(50) {
        black_box(dir.top(r, K));
    }
    let mut base = Vec::with_capacity(200);
    for _ in 0..200 {
        let t = Instant::now();
        black_box(dir.count_accepting());
        base.push(t.elapsed());
    }
    let mut times = Vec::with_capacity(REQUESTS);
    let mut empty = 0;
    for r in &requests {
        let t = Instant::now();
        let out = black_box(dir.top(r, K));
        times.push(t.elapsed());
        empty += usize::from(out.is_empty());
    }
    let (b50, b99, _) = quantiles(base);
    let (m50, m99, max) = quantiles(times);
    println!(
        "matching n={n}: median {:.3} ms, p99 {:.3} ms, max {:.3} ms over {REQUESTS} requests \
         ({empty} with no result); baseline pass median {:.3} ms, p99 {:.3} ms; \
         median/baseline {:.1}x, p99/baseline-median {:.1}x",
        ms(m50),
        ms(m99),
        ms(max),
        ms(b50),
        ms(b99),
        ms(m50) / ms(b50),
        ms(m99) / ms(b50),
    );
}

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let t = Instant::now();
        let dir = Directory::from_profiles(generate::profiles(42, n));
        println!("built n={n} in {:.0} ms", ms(t.elapsed()));
        percentiles(n, &dir);
        let mut rng = Rng::new(11);
        let requests: Vec<_> = (0..64).map(|_| generate::request(&mut rng)).collect();
        let mut g = c.benchmark_group("matching");
        g.bench_with_input(
            BenchmarkId::new("baseline_accepting_pass", n),
            &dir,
            |b, d| b.iter(|| black_box(d.count_accepting())),
        );
        g.bench_with_input(BenchmarkId::new("top10", n), &dir, |b, d| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % requests.len();
                black_box(d.top(&requests[i], K))
            })
        });
        g.finish();
    }
    c.final_summary();
}
