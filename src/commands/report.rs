//! `lakeaudit report`: the HTML page of a report, written atomically.

use crate::cli::{GlobalArgs, ReportArgs};
use crate::error::Error;
use crate::printer::Printer;
use crate::source::{Location, StorageOptions};
use std::process::ExitCode;

/// Renders the page and writes it (to a temporary name, then renamed).
pub(crate) fn report(args: &ReportArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let rt = super::runtime(crate::settings::threads(global)?)?;
    let report = Location::parse(&args.report, true, &StorageOptions::parse(&global.storage_options)?)?;
    let run = crate::audit::Run {
        command: "report".into(),
        args: super::audit::args(),
        actor: crate::settings::actor(global.actor.as_deref()),
        sources: vec![args.report.clone()],
        destinations: vec![args.out.display().to_string()],
        settings_digest: String::new(),
    };
    let log = crate::audit::AuditLog::new(&report);
    super::audit::audited(&rt, &log, run, printer, |_| {
        let page = rt.block_on(crate::history::html::render(&report))?;
        let fail =
            |e: std::io::Error| Error::ReportWrite { url: args.out.display().to_string(), message: e.to_string() };
        let tmp = args.out.with_extension(format!("tmp.{}", std::process::id()));
        std::fs::write(&tmp, page).map_err(fail)?;
        std::fs::rename(&tmp, &args.out).map_err(fail)?;
        Ok(((), 0, Vec::new()))
    })?;
    printer.detail(&format!("wrote {}", args.out.display()));
    Ok(ExitCode::SUCCESS)
}
