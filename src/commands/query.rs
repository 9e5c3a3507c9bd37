//! `lakeaudit query`: SQL over the report tables with DataFusion.

use crate::cli::{GlobalArgs, QueryArgs};
use crate::printer::{OutputFormat, Printer};
use crate::source::Location;
use crate::status::ExitStatus;
use std::process::ExitCode;

/// Runs the SQL (or a named query) and prints the result as a table, JSON or CSV.
pub(crate) fn query(args: &QueryArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let rt = crate::concurrency::runtime(crate::settings::threads(global)?)?;
    let report =
        Location::parse(&args.report.url, true, &crate::source::StorageOptions::parse(&global.storage_options)?)?;
    let run = super::audit::reading("query", &args.report.url, Vec::new(), global);
    let log = crate::audit::AuditLog::new(&report);
    let sql = match (&args.name, &args.sql) {
        (Some(name), _) => crate::query::named::sql(name)?,
        (None, Some(sql)) => sql.as_str(),
        (None, None) => unreachable!("clap requires SQL or --name"),
    };
    let (batches, _) = super::audit::audited(&rt, &log, run, printer, |printer| {
        let batches = rt.block_on(crate::query::sql(&report, sql, printer))?;
        Ok((batches, ExitStatus::Success, Vec::new()))
    })?;
    match printer.format() {
        OutputFormat::Text | OutputFormat::Sarif => {
            printer.stdout(&arrow::util::pretty::pretty_format_batches(&batches)?.to_string())?
        }
        OutputFormat::Json => {
            let mut w = arrow_json::ArrayWriter::new(Vec::new());
            w.write_batches(&batches.iter().collect::<Vec<_>>())?;
            w.finish()?;
            printer.stdout(&String::from_utf8(w.into_inner())?)?;
        }
        OutputFormat::Csv => printer.stdout(&csv(&batches)?)?,
    }
    Ok(ExitStatus::Success.into())
}

/// The rows as CSV with a header, values as Arrow displays them (lists as
/// `[a, b]`), nulls empty.
fn csv(batches: &[arrow::record_batch::RecordBatch]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    if let Some(first) = batches.first() {
        w.write_record(first.schema().fields().iter().map(|f| f.name().as_str()))?;
    }
    let options = arrow::util::display::FormatOptions::default();
    for batch in batches {
        let formatters = batch
            .columns()
            .iter()
            .map(|c| arrow::util::display::ArrayFormatter::try_new(c.as_ref(), &options))
            .collect::<Result<Vec<_>, _>>()?;
        for row in 0..batch.num_rows() {
            w.write_record(formatters.iter().map(|f| f.value(row).to_string()))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?.trim_end().to_owned())
}
