//! `lakeaudit report`: the HTML page of a report, written atomically.

use crate::cli::{GlobalArgs, ReportArgs};
use crate::error::Error;
use crate::printer::Printer;
use crate::source::{Location, StorageOptions};
use crate::status::ExitStatus;
use std::process::ExitCode;

/// Renders the page and writes it (to a temporary name, then renamed).
pub(crate) fn report(args: &ReportArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let rt = crate::concurrency::runtime(crate::settings::threads(global)?)?;
    let report = Location::parse(&args.report.url, true, &StorageOptions::parse(&global.storage_options)?)?;
    let run = super::audit::reading("report", &args.report.url, vec![args.out.display().to_string()], global);
    let log = crate::audit::AuditLog::new(&report);
    super::audit::audited(&rt, &log, run, printer, |printer| {
        let page = rt.block_on(crate::history::html::render(&report, printer))?;
        let fail =
            |e: std::io::Error| Error::ReportWrite { url: args.out.display().to_string(), message: e.to_string() };
        let tmp = args.out.with_extension(format!("tmp.{}", std::process::id()));
        std::fs::write(&tmp, page).map_err(fail)?;
        std::fs::rename(&tmp, &args.out).map_err(fail)?;
        Ok(((), ExitStatus::Success, Vec::new()))
    })?;
    printer.detail(&format!("wrote {}", args.out.display()));
    Ok(ExitStatus::Success.into())
}
