//! The figures of a run, their ratios, the targets, and how they are printed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::{self, Kind, PhaseResult};
use crate::stats::{Summary, ratio};

const MB: f64 = 1_000_000.0;

#[derive(Debug, Default, Serialize)]
pub struct SeedInfo {
    pub clients: u32,
    pub clinicians: u32,
    pub days: u32,
    pub seconds: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct DatabaseInfo {
    pub clients: u32,
    pub clinicians: u32,
    pub bytes: u64,
    /// When this run seeded its own database.
    pub seeded: Option<SeedInfo>,
}

#[derive(Debug, Default, Serialize)]
pub struct RunInfo {
    /// "SQLite" or "PostgreSQL".
    pub backend: &'static str,
    pub concurrency: usize,
    pub duration_s: f64,
    pub quick: bool,
    /// The first signed-in clinician's caseload, as its page links to it.
    pub caseload_clients: usize,
    pub cores: usize,
    /// /proc/loadavg's one-minute figure as the run began: others' work on the machine.
    pub load_average_at_start: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct SignIn {
    pub clients: usize,
    pub clinicians: usize,
    pub seconds: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct Limits {
    /// `BEGIN; INSERT one row; COMMIT` on the same file (WAL, synchronous=FULL).
    pub raw_commits: Summary,
    /// The caseload's store queries for one clinician, one at a time.
    pub raw_caseload: Summary,
    pub raw_caseload_clients: usize,
    /// Each of the caseload's store calls.
    pub raw_caseload_steps: Vec<(String, Summary)>,
    /// `GET /static/favicon.svg` at the load run's concurrency.
    pub floor: Summary,
}

#[derive(Debug, Default, Serialize)]
pub struct Memory {
    pub after_start_bytes: u64,
    /// VmHWM after signing everyone in (Argon2 takes 19 MiB per check).
    pub peak_through_sign_in_bytes: u64,
    /// Whether the peak was started afresh after the sign-ins (/proc/PID/clear_refs).
    pub peak_reset: bool,
    /// VmHWM at the end: the peak of the measured phases when `peak_reset`, else of the run.
    pub peak_under_load_bytes: u64,
    pub rss_at_end_bytes: u64,
    /// What the RSS at the end is made of: heap and stacks, mapped files, shared memory.
    pub rss_anon_at_end_bytes: u64,
    pub rss_file_at_end_bytes: u64,
    pub rss_shmem_at_end_bytes: u64,
    pub threads_at_end: u64,
}

#[derive(Debug, Default, Serialize)]
pub struct Ratios {
    /// Submissions-only rate ÷ raw commit rate.
    pub submissions_to_raw_commits: f64,
    /// The mixed run's submission rate ÷ raw commit rate (the mix caps it).
    pub mixed_submissions_to_raw_commits: f64,
    /// Caseload page p50 ÷ the raw caseload queries' p50, taken in turns on one connection.
    pub caseload_alone_to_raw_queries: f64,
    /// Caseload page p50 under the mixed load ÷ the raw caseload queries' p50.
    pub caseload_loaded_to_raw_queries: f64,
    /// Each kind's p50 alone ÷ the floor's p50 alone.
    pub solo_page_to_floor: BTreeMap<String, f64>,
    /// Each kind's p50 in the mixed load ÷ the floor's p50 at the same concurrency.
    pub loaded_to_floor: BTreeMap<String, f64>,
}

/// The server's CPU time over a phase.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CpuUse {
    /// Cores busy on average (user + system time ÷ wall time).
    pub cores_busy: f64,
    /// CPU time per request, milliseconds.
    pub ms_per_request: f64,
}

impl CpuUse {
    pub fn of(cpu: std::time::Duration, r: &PhaseResult) -> CpuUse {
        let requests: u64 = r.all(|_| true).summary(r.elapsed).count;
        CpuUse {
            cores_busy: ratio(cpu.as_secs_f64(), r.elapsed.as_secs_f64()),
            ms_per_request: ratio(cpu.as_secs_f64() * 1000.0, requests as f64),
        }
    }
}

/// The server's CPU over the phases at the load run's concurrency.
#[derive(Debug, Default, Serialize)]
pub struct Cpu {
    /// Each kind alone on one connection: what one request of it costs the server.
    pub solo: BTreeMap<String, CpuUse>,
    pub floor: CpuUse,
    pub submissions_only: CpuUse,
    pub mixed: CpuUse,
}

#[derive(Debug, Serialize)]
pub struct Target {
    pub name: String,
    pub pass: bool,
    pub measured: String,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Idle {
    pub watched_s: f64,
    pub cpu_s: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct Figures {
    pub database: DatabaseInfo,
    pub run: RunInfo,
    pub startup_ms: f64,
    /// Seconds until the server went idle after start (its first housekeeping).
    pub settle_s: f64,
    /// The server's CPU seconds in that time (the hourly sweep's first round, mostly).
    pub settle_cpu_s: f64,
    /// With `--idle`: the server's own background work while nobody uses it (the periodic
    /// jobs), as seconds of CPU over seconds watched.
    pub idle: Option<Idle>,
    pub signin: SignIn,
    pub limits: Limits,
    /// Each kind alone on one connection (and the floor, as `floor`).
    pub solo: BTreeMap<String, Summary>,
    /// The caseload page for the first clinician, in turns with the raw queries.
    pub caseload_paired: Summary,
    /// Audit records written per request of each kind, alone (each is a commit under the
    /// write lock, or part of one).
    pub audit_records_per_request: BTreeMap<String, f64>,
    /// Check-ins and PHQ-9s only, at the load run's concurrency.
    pub submissions_only: Summary,
    /// The mixed load, per kind.
    pub mixed: BTreeMap<String, Summary>,
    pub mixed_total: Summary,
    pub mixed_submissions: Summary,
    pub mixed_pages: Summary,
    pub ratios: Ratios,
    pub memory: Memory,
    pub cpu: Cpu,
    pub targets: Vec<Target>,
    pub errors: u64,
    pub first_errors: Vec<String>,
    pub reconnects: u64,
    pub server_log: Vec<String>,
    #[serde(skip)]
    pub quick_checks: bool,
}

fn p50(m: &BTreeMap<String, Summary>, k: Kind) -> f64 {
    m.get(k.label()).map_or(0.0, |s| s.p50_ms)
}

impl Figures {
    pub fn absorb_errors_of(&mut self, errors: u64, first: &Option<String>) {
        self.errors += errors;
        if let Some(e) = first
            && self.first_errors.len() < 10
        {
            self.first_errors.push(e.clone());
        }
    }

    pub fn absorb_errors(&mut self, r: &PhaseResult) {
        self.errors += r.total_errors();
        self.reconnects += r.reconnects;
        for e in &r.errors {
            if self.first_errors.len() < 10 {
                self.first_errors.push(e.clone());
            }
        }
    }

    /// Ratios and targets from the figures.
    pub fn finish(&mut self) {
        self.run.cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let raw = self.limits.raw_commits.per_sec;
        let r = &mut self.ratios;
        r.submissions_to_raw_commits = ratio(self.submissions_only.per_sec, raw);
        r.mixed_submissions_to_raw_commits = ratio(self.mixed_submissions.per_sec, raw);
        let raw_case = self.limits.raw_caseload.p50_ms;
        r.caseload_alone_to_raw_queries = ratio(self.caseload_paired.p50_ms, raw_case);
        r.caseload_loaded_to_raw_queries = ratio(p50(&self.mixed, Kind::Caseload), raw_case);
        let solo_floor = p50(&self.solo, Kind::Floor);
        for (k, _) in load::MIXED {
            r.solo_page_to_floor
                .insert(k.label().to_string(), ratio(p50(&self.solo, k), solo_floor));
        }
        for (k, _) in load::MIXED {
            r.loaded_to_floor.insert(
                k.label().to_string(),
                ratio(p50(&self.mixed, k), self.limits.floor.p50_ms),
            );
        }

        let caseload = self
            .mixed
            .get(Kind::Caseload.label())
            .copied()
            .unwrap_or_default();
        let home = self
            .mixed
            .get(Kind::ClientHome.label())
            .copied()
            .unwrap_or_default();
        let peak = self.memory.peak_under_load_bytes as f64 / MB;
        let c = self.run.concurrency;
        self.targets = vec![
            Target {
                name: "submissions ≥ 50 % of the raw durable-commit rate".into(),
                pass: self.ratios.submissions_to_raw_commits >= 0.5,
                measured: format!(
                    "{:.0} %: {:.0}/s of {:.0}/s (submissions only, {c} connections)",
                    self.ratios.submissions_to_raw_commits * 100.0,
                    self.submissions_only.per_sec,
                    raw
                ),
            },
            Target {
                name: "submissions p99 ≤ 20 ms".into(),
                pass: self.mixed_submissions.p99_ms <= 20.0,
                measured: format!(
                    "{:.1} ms in the mixed load ({:.1} ms submitting only)",
                    self.mixed_submissions.p99_ms, self.submissions_only.p99_ms
                ),
            },
            Target {
                name: "caseload of ~150 clients p99 ≤ 50 ms".into(),
                pass: caseload.p99_ms <= 50.0,
                measured: format!(
                    "{:.1} ms ({} clients on the caseload)",
                    caseload.p99_ms, self.run.caseload_clients
                ),
            },
            Target {
                name: "client home p99 ≤ 20 ms".into(),
                pass: home.p99_ms <= 20.0,
                measured: format!("{:.1} ms", home.p99_ms),
            },
            Target {
                name: "memory under load ≤ 200 MB (peak RSS)".into(),
                pass: self.memory.peak_under_load_bytes > 0 && peak <= 200.0,
                measured: format!(
                    "{peak:.0} MB{}",
                    if self.memory.peak_reset {
                        ""
                    } else {
                        " (peak of the whole run: it could not be reset after sign-in)"
                    }
                ),
            },
            Target {
                name: "start-up to serving ≤ 1 s (on 100,000 clients)".into(),
                pass: self.startup_ms <= 1000.0,
                measured: format!(
                    "{:.0} ms on {} clients",
                    self.startup_ms,
                    thousands(u64::from(self.database.clients))
                ),
            },
        ];
    }

    /// Why this run must not count as a success: errors, a kind never sent, nothing measured.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.errors > 0 {
            out.push(format!("{} requests failed", self.errors));
        }
        for (k, _) in load::MIXED {
            if self.mixed.get(k.label()).is_none_or(|s| s.count == 0) {
                out.push(format!(
                    "no {} request succeeded in the mixed load",
                    k.label()
                ));
            }
        }
        for k in load::ALONE {
            if self.solo.get(k.label()).is_none_or(|s| s.count == 0) {
                out.push(format!("no {} request succeeded alone", k.label()));
            }
        }
        if self.limits.floor.count == 0 {
            out.push("no floor request succeeded".into());
        }
        if self.submissions_only.count == 0 {
            out.push("no submission succeeded in the submissions-only phase".into());
        }
        if self.limits.raw_commits.count == 0 || self.limits.raw_caseload.count == 0 {
            out.push("the raw limits measured nothing".into());
        }
        if self.run.caseload_clients == 0 || self.limits.raw_caseload_clients == 0 {
            out.push("the measured caseload is empty".into());
        }
        let errors_logged = self
            .server_log
            .iter()
            .filter(|l| l.contains("ERROR"))
            .count();
        if errors_logged > 0 {
            out.push(format!("the server logged {errors_logged} errors"));
        }
        if self.quick_checks && (self.startup_ms <= 0.0 || self.mixed_total.per_sec <= 0.0) {
            out.push("no start-up time or throughput measured".into());
        }
        out
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

fn row(label: &str, s: &Summary) -> String {
    format!(
        "  {label:<34} {:>8} {:>9.1} {:>8.2} {:>8.2} {:>8.2} {:>7}",
        s.count, s.per_sec, s.p50_ms, s.p95_ms, s.p99_ms, s.errors
    )
}

fn header() -> String {
    format!(
        "  {:<34} {:>8} {:>9} {:>8} {:>8} {:>8} {:>7}",
        "kind", "count", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"
    )
}

pub fn print(f: &Figures) {
    println!();
    println!(
        "== Rapport load run: {} clients ({} clinicians) in a {} {} database; {} connections, {:.0} s; {} cores (load average {:.1} at the start)",
        thousands(u64::from(f.database.clients)),
        thousands(u64::from(f.database.clinicians)),
        bytes(f.database.bytes),
        f.run.backend,
        f.run.concurrency,
        f.run.duration_s,
        f.run.cores,
        f.run.load_average_at_start
    );
    println!(
        "   signed in {} clients and {} clinicians in {:.1} s; the measured caseload has {} clients",
        f.signin.clients, f.signin.clinicians, f.signin.seconds, f.run.caseload_clients
    );
    println!();
    println!(
        "Mixed load ({} connections, {:.0} s):",
        f.run.concurrency, f.run.duration_s
    );
    println!("{}", header());
    for (k, w) in load::MIXED {
        if let Some(s) = f.mixed.get(k.label()) {
            println!("{}", row(&format!("{} ({w} %)", k.request()), s));
        }
    }
    println!("{}", row("all", &f.mixed_total));
    println!("{}", row("  submissions", &f.mixed_submissions));
    println!("{}", row("  pages", &f.mixed_pages));
    println!();
    println!("Each alone (1 connection; the server's CPU and audit records per request):");
    println!("{} {:>9} {:>7}", header(), "cpu ms", "audits");
    for k in load::ALONE {
        if let Some(s) = f.solo.get(k.label()) {
            let cpu = f.cpu.solo.get(k.label()).copied().unwrap_or_default();
            let audit = f
                .audit_records_per_request
                .get(k.label())
                .copied()
                .unwrap_or(0.0);
            println!(
                "{} {:>9.2} {:>7.1}",
                row(k.request(), s),
                cpu.ms_per_request,
                audit
            );
        }
    }
    println!();
    println!("Submissions only ({} connections):", f.run.concurrency);
    println!("{}", header());
    println!("{}", row("check-ins and PHQ-9s (6:1)", &f.submissions_only));
    println!();
    println!("Limits (same run, same database, server otherwise idle):");
    println!("{}", header());
    println!(
        "{}",
        row(
            &format!("raw commit ({} writers)", f.run.concurrency),
            &f.limits.raw_commits
        )
    );
    println!(
        "{}",
        row(
            &format!(
                "raw caseload queries ({} clients)",
                f.limits.raw_caseload_clients
            ),
            &f.limits.raw_caseload
        )
    );
    for (name, s) in &f.limits.raw_caseload_steps {
        println!("{}", row(&format!("  {name}"), s));
    }
    println!(
        "{}",
        row("  the caseload page, in turns", &f.caseload_paired)
    );
    println!(
        "{}",
        row(
            &format!("floor {} ×{}", load::FLOOR_PATH, f.run.concurrency),
            &f.limits.floor
        )
    );
    println!();
    let r = &f.ratios;
    println!("Ratios:");
    println!(
        "  submission rate ÷ raw commit rate      {:>6.2}  (mixed load: {:.2}, capped by the mix)",
        r.submissions_to_raw_commits, r.mixed_submissions_to_raw_commits
    );
    println!(
        "  caseload page p50 ÷ raw queries p50    {:>6.2}  in turns, {:.2} under the mixed load",
        r.caseload_alone_to_raw_queries, r.caseload_loaded_to_raw_queries
    );
    println!("  p50 ÷ floor p50                         alone  under load");
    for (k, _) in load::MIXED {
        let solo = r
            .solo_page_to_floor
            .get(k.label())
            .map_or("     -".to_string(), |v| format!("{v:>6.1}"));
        let loaded = r.loaded_to_floor.get(k.label()).copied().unwrap_or(0.0);
        println!("    {:<36} {solo}  {loaded:>6.1}", k.request());
    }
    println!();
    let m = &f.memory;
    println!(
        "Start-up to serving: {:.0} ms; idle after {:.1} s ({:.1} s of server CPU)",
        f.startup_ms, f.settle_s, f.settle_cpu_s
    );
    if let Some(i) = f.idle {
        println!(
            "Idle (nobody using it, {:.0} s watched): {:.2} s of server CPU, {:.1} % of a core",
            i.watched_s,
            i.cpu_s,
            100.0 * i.cpu_s / i.watched_s.max(1e-9)
        );
    }
    println!(
        "Memory (server): {:.0} MB after start, peak {:.0} MB through the sign-ins, peak {:.0} MB under load{}, {:.0} MB at the end",
        m.after_start_bytes as f64 / MB,
        m.peak_through_sign_in_bytes as f64 / MB,
        m.peak_under_load_bytes as f64 / MB,
        if m.peak_reset { "" } else { " (not reset)" },
        m.rss_at_end_bytes as f64 / MB
    );
    println!(
        "  at the end: {:.0} MB anonymous, {:.0} MB files, {:.0} MB shared; {} threads",
        m.rss_anon_at_end_bytes as f64 / MB,
        m.rss_file_at_end_bytes as f64 / MB,
        m.rss_shmem_at_end_bytes as f64 / MB,
        m.threads_at_end
    );
    let c = &f.cpu;
    println!(
        "Server CPU: floor {:.2} cores busy, {:.3} ms/request; submissions only {:.2} cores, {:.2} ms/request; mixed {:.2} cores, {:.2} ms/request",
        c.floor.cores_busy,
        c.floor.ms_per_request,
        c.submissions_only.cores_busy,
        c.submissions_only.ms_per_request,
        c.mixed.cores_busy,
        c.mixed.ms_per_request
    );
    if f.reconnects > 0 {
        println!("Reconnects: {}", f.reconnects);
    }
    println!();
    if f.run.quick {
        println!(
            "Targets (not judged with --quick: it fails only on errors or a kind never sent):"
        );
    } else {
        println!("Targets:");
    }
    for t in &f.targets {
        println!(
            "  {}  {:<50} {}",
            if t.pass { "PASS" } else { "MISS" },
            t.name,
            t.measured
        );
    }
    println!();
    if f.errors > 0 {
        println!("Errors: {}", f.errors);
        for e in &f.first_errors {
            println!("  {e}");
        }
    } else {
        println!("Errors: 0");
    }
    if !f.server_log.is_empty() {
        println!(
            "Server log ({} lines, RAPPORT_LOG=warn):",
            f.server_log.len()
        );
        for l in f.server_log.iter().take(10) {
            println!("  {l}");
        }
    }
    let caseload = f
        .mixed
        .get(Kind::Caseload.label())
        .copied()
        .unwrap_or_default();
    let solo = f.caseload_paired;
    println!();
    println!(
        "GROWTH caseload db_clients={} caseload_clients={} raw_queries_p50_ms={:.2} alone_p50_ms={:.2} alone_p99_ms={:.2} loaded_p50_ms={:.2} loaded_p99_ms={:.2} startup_ms={:.0}",
        f.database.clients,
        f.run.caseload_clients,
        f.limits.raw_caseload.p50_ms,
        solo.p50_ms,
        solo.p99_ms,
        caseload.p50_ms,
        caseload.p99_ms,
        f.startup_ms
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
    }

    #[test]
    fn an_empty_run_has_problems() {
        let mut f = Figures::default();
        f.finish();
        let p = f.problems();
        assert!(p.iter().any(|p| p.contains("checkin")));
        assert!(p.iter().any(|p| p.contains("caseload")));
    }

    #[test]
    fn errors_are_a_problem() {
        let f = Figures {
            errors: 1,
            ..Figures::default()
        };
        assert!(f.problems().iter().any(|p| p.contains("1 requests failed")));
    }
}
