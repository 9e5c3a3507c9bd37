//! `lakeaudit scan`: scan each SOURCE, append to REPORT, print a summary.

use crate::audit::{AuditLog, Run};
use crate::classify::Classifier;
use crate::cli::{Gate, GlobalArgs, ScanArgs};
use crate::pipeline::{self, Interrupt, ScanSummary};
use crate::printer::{OutputFormat, Printer};
use crate::settings::{ConfigFile, ScanSettings};
use crate::status::ExitStatus;
use std::fmt::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs the scans; exit 3 when some objects could not be read.
pub(crate) fn scan(args: &ScanArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let mut settings = ScanSettings::resolve(args, global, ConfigFile::load(global)?)?;
    if global.show_settings {
        printer.stdout(&serde_json::to_string_pretty(&settings)?)?;
        return Ok(ExitStatus::Success.into());
    }
    let rt = crate::concurrency::runtime(crate::settings::threads(global)?)?;
    let mut interrupt = Interrupt::listen(&rt)?;
    let classifier = Arc::new(Classifier::new(settings.classify.clone())?);
    // Bad sources are usage errors before anything is written (the report
    // folder, the audit log).
    for source in &settings.sources {
        crate::source::Location::parse(source, true, &settings.storage)?;
    }
    let report = settings.report_location()?;
    // Decisions kept in REPORT, the file's winning where both decide.
    let kept = rt.block_on(async {
        let ctx = crate::query::session(&report, printer).await?;
        crate::triage::Decisions::from_report(&ctx).await
    })?;
    let from_file = settings.decisions.clone();
    settings.decisions = kept.merged(std::mem::take(&mut settings.decisions));
    let run = Run {
        command: "scan".into(),
        args: super::audit::args(),
        actor: settings.actor.clone(),
        sources: settings.sources.clone(),
        destinations: vec![settings.report.clone()],
        settings_digest: settings.config_digest.clone(),
    };
    let (summaries, code) = super::audit::audited(&rt, &AuditLog::new(&report), run, printer, |printer| {
        let mut summaries = Vec::new();
        for source in &settings.sources {
            let summary =
                rt.block_on(pipeline::scan(&settings, source, &report, classifier.clone(), printer, &mut interrupt))?;
            summaries.push(summary);
        }
        // Inside the audited run: a metrics file that cannot be written
        // fails the run the audit log records, as it fails the exit code.
        if let Some(path) = &args.metrics {
            crate::metrics::write(path, &summaries)?;
        }
        let partial = summaries.iter().any(|s| s.scan.objects_failed > 0);
        let touched = summaries.iter().flat_map(|s| s.touched.iter().cloned()).collect();
        Ok((summaries, if partial { ExitStatus::Partial } else { ExitStatus::Success }, touched))
    })?;
    match printer.format() {
        OutputFormat::Json => printer.stdout(&serde_json::to_string_pretty(&summaries)?)?,
        OutputFormat::Sarif => printer.stdout(&serde_json::to_string_pretty(&super::sarif::log(&summaries))?)?,
        OutputFormat::Text | OutputFormat::Csv => {
            printer.stdout(&summaries.iter().map(text).collect::<Vec<_>>().join("\n"))?
        }
    }
    // A decision of the file whose finding no scan of this run found is
    // stale (REPORT may keep decisions about other sources' findings).
    let found: std::collections::HashSet<&str> = summaries
        .iter()
        .flat_map(|s| s.exposures.values().chain(s.retained.values()).chain(s.decided.values().map(|(e, _)| e)))
        .filter_map(|e| e.finding_id.as_deref())
        .collect();
    for d in from_file.list.iter().filter(|d| !found.contains(d.finding.as_str())) {
        printer.warn(&format!(
            "the decision about {} ({} by {}) is stale: no scan of this run found its finding",
            d.finding,
            d.kind.word(),
            d.by
        ));
    }
    // Published: the alerts go out. A webhook that cannot be reached is
    // said on stderr; the scan stands.
    if let Some(url) = &args.webhook {
        for s in summaries.iter().filter(|s| !s.alerts.is_empty()) {
            if let Err(e) = rt.block_on(crate::notify::post(url, &crate::notify::payload(s))) {
                printer.warn(&e.to_string());
            }
        }
    }
    if let Some(gate) = args.fail_on {
        let tripped: usize = summaries.iter().map(|s| tripped(gate, s)).sum();
        if tripped > 0 {
            printer.warn(&format!("--fail-on {}: tripped by {tripped} finding(s) or alert(s)", gate_name(gate)));
            return Ok(ExitStatus::Gate.into());
        }
    }
    Ok(code.into())
}

/// How many findings or alerts of a scan trip `gate`.
fn tripped(gate: Gate, s: &ScanSummary) -> usize {
    match gate {
        Gate::NewPii => s.alerts.iter().filter(|a| a.kind == "new_pii").count(),
        Gate::AnyPii => s.exposures.len() + s.retained.len(),
        Gate::Anomaly => s.alerts.len(),
    }
}

fn gate_name(gate: Gate) -> &'static str {
    match gate {
        Gate::NewPii => "new-pii",
        Gate::AnyPii => "any-pii",
        Gate::Anomaly => "anomaly",
    }
}

/// Each (dataset, column, entity) of `m`, datasets named below the
/// source's URL, one line per column and entity.
fn exposures(out: &mut String, m: &pipeline::Exposures, source: &str, indent: &str) {
    let column_width = m.keys().map(|(_, c, _)| c.len()).max().unwrap_or(0).max(20);
    let entity_width = m.keys().map(|(_, _, e)| e.len()).max().unwrap_or(0);
    let mut last = "";
    for ((dataset, column, entity), e) in m {
        if dataset != last {
            let name = crate::source::dataset_name(source, dataset);
            let _ = writeln!(out, "{indent}{name}");
            last = dataset;
        }
        let ratio = e.matched_values as f64 / e.sampled_values.max(1) as f64;
        let _ = writeln!(
            out,
            "{indent}  {column:<column_width$} {entity:<entity_width$} score {:.2}  {:>5.1}% of values  {:>3} object{}  {}",
            e.max_score,
            ratio * 100.0,
            e.objects,
            if e.objects == 1 { " " } else { "s" },
            e.finding_id.as_deref().unwrap_or_default()
        );
    }
}

/// The readable summary: totals, then each PII column per dataset.
fn text(s: &ScanSummary) -> String {
    let scan = &s.scan;
    let secs = (scan.finished_at - scan.started_at) as f64 / 1e6;
    let unchanged = match scan.objects_unchanged {
        0 => String::new(),
        n => format!("{n} unchanged, "),
    };
    let tables = match scan.tables {
        Some(1) => " (1 table)".to_owned(),
        Some(n) if n > 1 => format!(" ({n} tables)"),
        _ => String::new(),
    };
    let mut out = format!(
        "scan {} of {}\n  {} objects listed{tables}: {} scanned, {unchanged}{} skipped, {} failed; {} columns; {} of {} bytes read in {secs:.1}s\n",
        scan.scan_id,
        scan.source,
        scan.objects_listed,
        scan.objects_scanned,
        scan.objects_skipped,
        scan.objects_failed,
        scan.columns_scanned,
        scan.bytes_read,
        scan.bytes_listed
    );
    if s.exposures.is_empty() {
        out.push_str("  no personal data found\n");
    }
    exposures(&mut out, &s.exposures, &scan.source, "  ");
    if !s.retained.is_empty() {
        out.push_str("  still on storage in old table versions (VACUUM or snapshot expiry removes them):\n");
        exposures(&mut out, &s.retained, &scan.source, "    ");
    }
    if !s.decided.is_empty() {
        out.push_str("  decided (counted nowhere else):\n");
        for ((dataset, column, entity), (e, d)) in &s.decided {
            let name = crate::source::dataset_name(&scan.source, dataset);
            let until = d.until.as_deref().map(|u| format!(" until {u}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "    {name} {column} {entity}: {} by {}{until}: {}  {}",
                d.kind.word(),
                d.by,
                d.reason,
                e.finding_id.as_deref().unwrap_or_default()
            );
        }
    }
    for (object, error) in &s.failures {
        let _ = writeln!(out, "  failed: {object}: {error}");
    }
    for a in &s.alerts {
        let name = crate::source::dataset_name(&scan.source, &a.dataset);
        let _ = writeln!(out, "  alert {}: {name}: {}", a.kind, a.detail);
    }
    out
}
