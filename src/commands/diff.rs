//! `lakeaudit diff`: two scans compared, as text or JSON.

use crate::cli::{DiffArgs, GlobalArgs};
use crate::history::diff::Diff;
use crate::printer::{OutputFormat, Printer};
use crate::source::{Location, StorageOptions};
use crate::status::ExitStatus;
use std::fmt::Write;
use std::process::ExitCode;

/// Prints what changed between the two scans.
pub(crate) fn diff(args: &DiffArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let rt = crate::concurrency::runtime(crate::settings::threads(global)?)?;
    let report = Location::parse(&args.report.url, true, &StorageOptions::parse(&global.storage_options)?)?;
    let run = super::audit::reading("diff", &args.report.url, Vec::new(), global);
    let log = crate::audit::AuditLog::new(&report);
    let (diff, _) = super::audit::audited(&rt, &log, run, printer, |printer| {
        let diff =
            rt.block_on(crate::history::diff::diff(&report, args.from.as_deref(), args.to.as_deref(), printer))?;
        Ok((diff, ExitStatus::Success, Vec::new()))
    })?;
    match printer.format() {
        OutputFormat::Json => printer.stdout(&serde_json::to_string_pretty(&diff)?)?,
        OutputFormat::Text | OutputFormat::Csv | OutputFormat::Sarif => printer.stdout(&text(&diff))?,
    }
    Ok(ExitStatus::Success.into())
}

fn text(d: &Diff) -> String {
    let mut out = format!("scan {} -> {}\n", d.from, d.to);
    if d.changes.is_empty() {
        out.push_str("  no change\n");
    }
    for c in &d.changes {
        let sign = match c.change {
            "appeared" => '+',
            "disappeared" => '-',
            "grew" => '>',
            _ => '<',
        };
        let _ = writeln!(
            out,
            "  {sign} {:<11} {} {} {}: {} -> {} objects, {:.1}% -> {:.1}% of values",
            c.change,
            c.dataset,
            c.column,
            c.entity_type,
            c.objects.0,
            c.objects.1,
            c.match_ratio.0 * 100.0,
            c.match_ratio.1 * 100.0
        );
        if c.where_count > 0 {
            let named = crate::history::named_objects(&c.dataset, &c.where_objects, c.where_count);
            let verb = if matches!(c.change, "appeared" | "grew") { "in" } else { "gone from" };
            let _ = writeln!(out, "      {verb} {named}  [{}]", c.finding_id);
        } else {
            let _ = writeln!(out, "      [{}]", c.finding_id);
        }
    }
    out
}
