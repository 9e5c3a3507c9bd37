//! The `lakeaudit` binary: parse the command line and hand over.

use clap::Parser;

fn main() -> std::process::ExitCode {
    lakeaudit::run(lakeaudit::cli::Cli::parse())
}
