//! `--metrics FILE`: the scan's figures in Prometheus text exposition
//! format, for node_exporter's textfile collector. The file is written to a
//! temporary name beside it and renamed, so the collector never reads half
//! of it.

use crate::error::{Error, Result};
use crate::pipeline::ScanSummary;
use crate::status::ObjectStatus;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// A label value escaped as the format wants (`\`, `"`, newlines).
fn label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The exposition text of `summaries` (one per source).
pub fn render(summaries: &[ScanSummary]) -> String {
    let mut families: BTreeMap<&str, (&str, Vec<String>)> = BTreeMap::new();
    let mut add = |name: &'static str, help: &'static str, labels: String, value: f64| {
        families.entry(name).or_insert((help, Vec::new())).1.push(format!("{name}{{{labels}}} {value}"));
    };
    for s in summaries {
        let scan = &s.scan;
        let src = format!("source=\"{}\"", label(&scan.source));
        for status in ObjectStatus::ALL {
            let n = match status {
                ObjectStatus::Scanned => scan.objects_scanned,
                ObjectStatus::Unchanged => scan.objects_unchanged,
                ObjectStatus::Skipped => scan.objects_skipped,
                ObjectStatus::Failed => scan.objects_failed,
            };
            add(
                "lakeaudit_objects",
                "Objects of the last scan, by status.",
                format!("{src},status=\"{}\"", status.as_str()),
                n as f64,
            );
        }
        add(
            "lakeaudit_bytes_listed",
            "Bytes of the objects listed by the last scan.",
            src.clone(),
            scan.bytes_listed as f64,
        );
        add("lakeaudit_bytes_read", "Bytes the last scan read.", src.clone(), scan.bytes_read as f64);
        add("lakeaudit_columns_scanned", "Columns the last scan classified.", src.clone(), scan.columns_scanned as f64);
        add(
            "lakeaudit_pii_columns",
            "Columns holding personal data in the last scan.",
            src.clone(),
            scan.pii_columns as f64,
        );
        add("lakeaudit_failures", "Objects the last scan could not read.", src.clone(), scan.objects_failed as f64);
        let seconds = (scan.finished_at - scan.started_at) as f64 / 1e6;
        add("lakeaudit_scan_duration_seconds", "How long the last scan took.", src.clone(), seconds);
        add(
            "lakeaudit_last_scan_timestamp_seconds",
            "When the last scan finished (Unix time).",
            src.clone(),
            scan.finished_at as f64 / 1e6,
        );
        let mut by_entity: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, _, entity), e) in &s.exposures {
            *by_entity.entry(entity).or_default() += e.objects;
        }
        for (entity, n) in by_entity {
            let labels = format!("{src},entity_type=\"{}\"", label(entity));
            add("lakeaudit_findings", "Findings (object x column) of the last scan, by entity type.", labels, n as f64);
        }
        let mut by_kind: BTreeMap<&str, u64> = BTreeMap::new();
        for a in &s.alerts {
            *by_kind.entry(&a.kind).or_default() += 1;
        }
        for kind in ["new_pii", "match_ratio_jump", "exposed_objects_jump", "type_changed", "dataset_disappeared"] {
            let n = by_kind.get(kind).copied().unwrap_or(0);
            add(
                "lakeaudit_alerts",
                "Alerts the last scan raised, by kind.",
                format!("{src},kind=\"{kind}\""),
                n as f64,
            );
        }
    }
    let mut out = String::new();
    for (name, (help, samples)) in families {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for sample in samples {
            let _ = writeln!(out, "{sample}");
        }
    }
    out
}

/// Writes the metrics to `path` atomically.
pub fn write(path: &Path, summaries: &[ScanSummary]) -> Result<()> {
    let fail = |e: std::io::Error| Error::ReportWrite { url: path.display().to_string(), message: e.to_string() };
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    std::fs::write(&tmp, render(summaries)).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
