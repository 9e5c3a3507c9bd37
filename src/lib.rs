//! lakeaudit finds personal data in data lakes, reports it, and removes it
//! from copies.
//!
//! The pipeline, module by module: [`source`] turns a URL into an object
//! store and lists its objects; [`sample`] reads a bounded, spread sample of
//! every column with as little I/O as it can; [`classify`] hands the values
//! to the pure core, the `lakeaudit-classify` crate, which matches them
//! against the recognizer catalog and scores each column; [`report`]
//! appends the results as Parquet tables; [`query`] runs SQL over them and
//! [`history`] reads earlier scans back; [`anonymize`] writes sanitized
//! copies. [`pipeline`] runs a scan, `concurrency` wires tokio (I/O) to
//! rayon (CPU), and `commands` holds one file per command.
#![warn(missing_docs, unreachable_pub)]

pub mod anonymize;
pub mod audit;
pub mod classify;
pub mod cli;
pub mod cluster;
mod commands;
mod concurrency;
pub mod error;
pub mod history;
mod isolate;
pub mod limits;
pub mod metrics;
pub mod notify;
pub mod pipeline;
pub mod printer;
pub mod query;
pub mod report;
pub mod sample;
pub mod settings;
pub mod source;
pub mod status;
pub mod triage;

use cli::{Cli, Command};
use printer::Printer;
use std::process::ExitCode;

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    isolate::install_hook();
    let mut printer = Printer::new(cli.global.format, cli.global.quiet, cli.global.verbose);
    if cli.global.format == printer::OutputFormat::Csv && !matches!(cli.command, Command::Query(_)) {
        printer.error("--format csv applies to `query` only; use text or json");
        return status::ExitStatus::Usage.into();
    }
    if cli.global.format == printer::OutputFormat::Sarif && !matches!(cli.command, Command::Scan(_)) {
        printer.error("--format sarif applies to `scan` only; use text or json");
        return status::ExitStatus::Usage.into();
    }
    let result = match &cli.command {
        Command::Scan(args) => commands::scan(args, &cli.global, &mut printer),
        Command::Anonymize(args) => commands::anonymize(args, &cli.global, &mut printer),
        Command::Deanonymize(args) => commands::deanonymize(args, &cli.global, &mut printer),
        Command::Query(args) => commands::query(args, &cli.global, &mut printer),
        Command::Diff(args) => commands::diff(args, &cli.global, &mut printer),
        Command::Report(args) => commands::report(args, &cli.global, &mut printer),
        Command::Recognizers(cmd) => commands::recognizers(cmd, &cli.global, &mut printer),
        Command::Audit(cmd) => commands::audit(cmd, &cli.global, &mut printer),
        Command::Triage(args) => commands::triage(args, &cli.global, &mut printer),
        Command::Cluster(cmd) => commands::cluster(cmd, &cli.global),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            printer.error(&format!("{e:#}"));
            error::exit_status(&e).into()
        }
    }
}
