//! `rapport seed`: flags in, a seeded database and the staff's sign-in secrets out. The
//! generator itself is `rapport_demo::seed`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rapport_demo::seed::{self, Phase, SeedOptions, SeedReport};
use rapport_store::bulk;

use crate::options::{HttpArgs, SeedArgs};
use crate::server;

/// The file, in the data directory, of the staff's e-mail addresses and TOTP secrets.
const STAFF_FILE: &str = "seed-staff.txt";

pub async fn run(args: SeedArgs, http: HttpArgs) -> Result<()> {
    let mut options = SeedOptions::new(args.clients);
    if let Some(m) = args.clinicians {
        options.clinicians = m;
    }
    options.days = args.days;
    options.therapists = args.therapists;
    let db = server::open_db(&args.db, true).await?;
    let app = server::app(db.clone(), &http, false);
    let target = match &args.db.database_url {
        Some(_) => "PostgreSQL".to_string(),
        None => args.db.data_dir.join("rapport.db").display().to_string(),
    };
    if bulk::has_rows(&db, "users").await? {
        bail!("{target} already has accounts; seeding needs an empty database");
    }
    println!(
        "Seeding {}, {}, {} and {} of history into {target} (for benchmarks only).",
        count(options.clients, "client"),
        count(options.clinicians, "clinician"),
        count(options.therapists, "directory therapist"),
        count(options.days, "day"),
    );
    // Timing a run for its report, not a rule: the one place here that reads the clock.
    #[allow(clippy::disallowed_methods)]
    let started = std::time::Instant::now();
    let report = seed::seed(&app, options, |p| {
        let secs = started.elapsed().as_secs_f64();
        let rate = p.rows as f64 / secs.max(0.001);
        match p.phase {
            Phase::Accounts => println!(
                "  accounts, care teams, episodes and schedules: {} rows ({:.1} s)",
                thousands(p.rows),
                secs
            ),
            Phase::History(pct) => println!(
                "  history {pct:>3} %: {} rows ({:.1} s, {} rows/s)",
                thousands(p.rows),
                secs,
                thousands(rate as u64)
            ),
            Phase::Indexes => println!("  adding indexes and keys ({secs:.1} s)"),
        }
    })
    .await
    .context("seeding failed (delete a half-seeded database before trying again)")?;
    let secs = started.elapsed().as_secs_f64();
    let staff_file = args.db.data_dir.join(STAFF_FILE);
    write_staff_file(&staff_file, &report)?;
    let size = bulk::database_size(&db).await?;
    print_report(&report);
    println!(
        "Seeded {}, {}, {}, {}: {} rows in {secs:.1} s ({} rows/s); database {}.",
        count(report.clients, "client"),
        count(report.clinicians, "clinician"),
        count(report.therapists, "directory therapist"),
        count(report.days, "day"),
        thousands(report.rows),
        thousands((report.rows as f64 / secs.max(0.001)) as u64),
        human_bytes(size)
    );
    println!("Password of every seeded account: {}", seed::SEED_PASSWORD);
    println!(
        "Staff e-mail addresses and TOTP secrets: {}",
        staff_file.display()
    );
    Ok(())
}

fn print_report(report: &SeedReport) {
    for (table, rows) in &report.tables {
        println!("  {table:<22} {:>14}", thousands(*rows));
    }
}

/// `email<TAB>base32 secret` per line, administrator first; readable by the owner only.
fn write_staff_file(path: &Path, report: &SeedReport) -> Result<()> {
    let mut text = String::new();
    for s in &report.staff {
        text.push_str(&s.email);
        text.push('\t');
        text.push_str(&s.totp_secret);
        text.push('\n');
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        // An older file keeps its mode when truncated.
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// "1 clinician", "1,000 clients".
fn count(n: u32, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {what}{s}", thousands(u64::from(n)))
}

/// 1234567 → "1,234,567".
fn thousands(n: u64) -> String {
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

fn human_bytes(n: u64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_names_the_seed_password() {
        use clap::CommandFactory;
        let mut cli = crate::options::Cli::command();
        let help = cli
            .find_subcommand_mut("seed")
            .expect("the seed command")
            .render_long_help()
            .to_string();
        assert!(help.contains(seed::SEED_PASSWORD), "{help}");
        assert!(help.contains("benchmarks only"));
        assert!(help.contains(STAFF_FILE));
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(84_123_456), "84,123,456");
        assert_eq!(count(1, "clinician"), "1 clinician");
        assert_eq!(count(100_000, "client"), "100,000 clients");
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
