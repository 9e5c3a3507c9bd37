//! A second engine reads the report: DuckDB (from Python) must see the same
//! rows as lakeaudit's own SQL. The test command installs DuckDB and sets
//! LAKEAUDIT_REQUIRE_INTEROP=1, so there the test cannot be skipped.

use super::{query, scan, testdata};
use std::process::Command;

#[test]
fn duckdb_reads_the_same_rows() {
    let report = tempfile::tempdir().unwrap();
    scan(&testdata().join("lake"), report.path(), &[]);
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/read_report.py");
    let python = std::env::var("LAKEAUDIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python).arg(&script).arg(report.path()).output();
    let required = std::env::var("LAKEAUDIT_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) if !required => return eprintln!("skipped: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if !required => return eprintln!("skipped: {e}"),
        other => panic!("DuckDB interop check failed: {other:?}"),
    };
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for table in ["scans", "objects", "columns", "findings"] {
        let ours = query(report.path(), &format!("select count(*) as n, count(distinct scan_date) as d from {table}"));
        assert_eq!(theirs[table]["rows"], ours[0]["n"], "{table} row count");
        assert_eq!(theirs[table]["scan_dates"], ours[0]["d"], "{table} partitions");
    }
    let ours = query(
        report.path(),
        "select entity_type, count(*) as n, sum(matched_values) as m from findings group by 1 order by 1",
    );
    let theirs_f = theirs["findings_by_entity"].as_array().unwrap();
    assert_eq!(ours.len(), theirs_f.len());
    for (a, b) in ours.iter().zip(theirs_f) {
        assert_eq!((&a["entity_type"], &a["n"], &a["m"]), (&b["entity_type"], &b["n"], &b["m"]));
    }
}
