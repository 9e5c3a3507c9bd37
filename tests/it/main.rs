//! Integration tests: the `lakeaudit` binary on generated lakes, its report
//! read back with DataFusion (through `lakeaudit query`) and with DuckDB.

mod accuracy;
mod anonymize;
mod atomic;
mod audit;
mod bad_input;
mod catalog;
mod cli;
mod cluster;
mod config;
mod history;
mod hostile;
mod html;
mod incremental;
mod interop;
mod report;
mod sampling;
mod sarif;
mod stores;
mod tables;
mod triage;
mod webhook;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled lake.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Runs the binary.
pub fn lakeaudit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args(args)
        .env_remove("LAKEAUDIT_ACTOR")
        .output()
        .expect("binary runs")
}

/// Runs SQL over a report through `lakeaudit query --format json`.
pub fn query(report: &Path, sql: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let out = lakeaudit(&["query", "--format", "json", "--report", report.to_str().unwrap(), sql]);
    assert!(out.status.success(), "query failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str::<Vec<_>>(text.trim()).unwrap_or_default()
}

/// Scans `source` into `report` and returns the output.
pub fn scan(source: &Path, report: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["scan", source.to_str().unwrap(), "--report", report.to_str().unwrap()];
    args.extend_from_slice(extra);
    lakeaudit(&args)
}

/// Every file below `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out.sort();
    out
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() { copy_dir(&path, &dest) } else { std::fs::copy(&path, &dest).map(drop).unwrap() }
    }
}

/// The exit code.
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}
