//! `rapport`: the command line of Rapport.

mod commands;
mod options;
mod seed;
mod server;

use clap::Parser;

use options::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let log = match &cli.command {
        Command::Serve(s) => s.http.log.clone(),
        Command::Demo(d) => d.http.log.clone(),
        _ => "warn".to_string(),
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&log).unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
