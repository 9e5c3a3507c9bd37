//! `lakeaudit query`: SQL over the report tables with DataFusion.

use crate::cli::{GlobalArgs, QueryArgs};
use crate::printer::{OutputFormat, Printer};
use crate::source::Location;
use std::process::ExitCode;

/// Runs the SQL and prints the result as a table or JSON.
pub(crate) fn query(args: &QueryArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let rt = super::runtime(crate::settings::threads(global)?)?;
    let report = Location::parse(&args.report, true, &crate::source::StorageOptions::parse(&global.storage_options)?)?;
    let run = crate::audit::Run {
        command: "query".into(),
        args: super::audit::args(),
        actor: crate::settings::actor(global.actor.as_deref()),
        sources: vec![args.report.clone()],
        destinations: Vec::new(),
        settings_digest: String::new(),
    };
    let log = crate::audit::AuditLog::new(&report);
    let (batches, _) = super::audit::audited(&rt, &log, run, printer, |_| {
        let batches = rt.block_on(crate::query::sql(&report, &args.sql))?;
        Ok((batches, 0, Vec::new()))
    })?;
    match printer.format() {
        OutputFormat::Text => printer.stdout(&arrow::util::pretty::pretty_format_batches(&batches)?.to_string())?,
        OutputFormat::Json => {
            let mut w = arrow_json::ArrayWriter::new(Vec::new());
            w.write_batches(&batches.iter().collect::<Vec<_>>())?;
            w.finish()?;
            printer.stdout(&String::from_utf8(w.into_inner())?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
