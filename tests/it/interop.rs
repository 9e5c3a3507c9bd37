//! A second engine reads the report: DuckDB (from Python) must see the very
//! rows lakeaudit's own SQL (DataFusion) sees, in every table. The test
//! command installs DuckDB and sets LAKEAUDIT_REQUIRE_INTEROP=1, so there
//! the test cannot be skipped.

use super::{query, scan, testdata};
use std::process::Command;

/// How a column is compared across engines.
#[derive(Clone, Copy)]
enum Kind {
    /// As text.
    Text,
    /// A timestamp, as microseconds since the epoch.
    Time,
    /// A float, to three decimals.
    Float,
    /// A list of text, joined.
    List,
}

const TABLES: &[(&str, &[(&str, Kind)])] = {
    use Kind::*;
    &[
        (
            "scans",
            &[
                ("scan_id", Text),
                ("started_at", Time),
                ("source", Text),
                ("objects_listed", Text),
                ("objects_failed", Text),
                ("bytes_read", Text),
                ("pii_columns", Text),
                ("status", Text),
            ],
        ),
        (
            "objects",
            &[
                ("scan_id", Text),
                ("object", Text),
                ("dataset", Text),
                ("format", Text),
                ("size_bytes", Text),
                ("last_modified", Time),
                ("etag", Text),
                ("rows_total", Text),
                ("status", Text),
                ("error", Text),
            ],
        ),
        (
            "columns",
            &[
                ("scan_id", Text),
                ("object", Text),
                ("column", Text),
                ("data_type", Text),
                ("sampled_values", Text),
                ("null_values", Text),
                ("distinct_values", Text),
                ("is_pii", Text),
                ("entity_types", List),
            ],
        ),
        (
            "findings",
            &[
                ("scan_id", Text),
                ("scanned_at", Time),
                ("object", Text),
                ("column", Text),
                ("entity_type", Text),
                ("score", Float),
                ("matched_values", Text),
                ("whole_values", Text),
                ("match_ratio", Float),
                ("evidence", Text),
                ("examples", List),
            ],
        ),
        (
            "alerts",
            &[
                ("scan_id", Text),
                ("raised_at", Time),
                ("dataset", Text),
                ("column", Text),
                ("entity_type", Text),
                ("kind", Text),
                ("detail", Text),
                ("baseline", Float),
                ("observed", Float),
            ],
        ),
    ]
};

/// The SELECT of a table's compared columns in one engine's dialect,
/// ordered by all of them; `{table}` stands for the table.
fn select(columns: &[(&str, Kind)], duckdb: bool) -> String {
    let exprs: Vec<String> = columns
        .iter()
        .map(|(c, kind)| {
            let c = format!("\"{c}\"");
            match kind {
                Kind::Text => format!("CAST({c} AS VARCHAR)"),
                Kind::Time if duckdb => format!("CAST(epoch_us({c}) AS VARCHAR)"),
                Kind::Time => format!("CAST(CAST({c} AS BIGINT) AS VARCHAR)"),
                Kind::Float => format!("CAST(CAST(round({c} * 1000) AS BIGINT) AS VARCHAR)"),
                Kind::List => format!("array_to_string({c}, '|')"),
            }
        })
        .collect();
    let named: Vec<String> = exprs.iter().enumerate().map(|(i, e)| format!("{e} AS c{i}")).collect();
    let order: Vec<String> = (0..exprs.len()).map(|i| format!("c{i}")).collect();
    format!("SELECT {} FROM {{table}} ORDER BY {}", named.join(", "), order.join(", "))
}

#[test]
fn duckdb_reads_the_same_rows_in_every_table() {
    // Two scans of a lake that loses a dataset in between: every table has rows.
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    for rel in [
        "customers/dt=2026-11-01/part-0.parquet",
        "hr/employees.csv",
        "payments/part-0.parquet",
        "broken/truncated.parquet",
    ] {
        std::fs::create_dir_all(lake.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(testdata().join("lake").join(rel), lake.join(rel)).unwrap();
    }
    scan(&lake, &report, &[]);
    std::fs::remove_dir_all(lake.join("hr")).unwrap();
    scan(&lake, &report, &[]);

    let queries: serde_json::Map<String, serde_json::Value> =
        TABLES.iter().map(|(t, cols)| ((*t).to_owned(), select(cols, true).into())).collect();
    let queries_file = dir.path().join("queries.json");
    std::fs::write(&queries_file, serde_json::to_vec(&queries).unwrap()).unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/read_report.py");
    let python = std::env::var("LAKEAUDIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python).arg(&script).arg(&report).arg(&queries_file).output();
    let required = std::env::var("LAKEAUDIT_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) if !required => return eprintln!("skipped: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if !required => return eprintln!("skipped: {e}"),
        other => panic!("DuckDB interop check failed: {other:?}"),
    };
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (table, columns) in TABLES {
        let sql = select(columns, false).replace("{table}", table);
        let ours: Vec<Vec<serde_json::Value>> = query(&report, &sql)
            .into_iter()
            .map(|row| (0..columns.len()).map(|i| row.get(&format!("c{i}")).cloned().unwrap_or_default()).collect())
            .collect();
        let theirs: Vec<Vec<serde_json::Value>> = serde_json::from_value(theirs[*table].clone()).unwrap();
        assert!(!ours.is_empty(), "{table} has rows");
        assert_eq!(ours.len(), theirs.len(), "{table}: row count");
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a, b, "{table}");
        }
    }
}

/// A Parquet object written by DuckDB or pyarrow (tests/interop/write_lake.py):
/// a `--full` scan counts exactly the planted values and nulls, through the
/// writer's dictionary pages as through its plain ones, and a default scan
/// finds the same entities.
fn an_object_written_by(writer: &str) {
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join("lake");
    std::fs::create_dir_all(lake.join("events")).unwrap();
    let rows: u64 = 250_000;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/write_lake.py");
    let python = std::env::var("LAKEAUDIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let object = lake.join("events/part-0.parquet");
    let out = Command::new(python).arg(&script).arg(writer).arg(&object).arg(rows.to_string()).output();
    let required = std::env::var("LAKEAUDIT_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    match out {
        Ok(o) if o.status.success() => {}
        Ok(o) if !required => return eprintln!("skipped: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if !required => return eprintln!("skipped: {e}"),
        other => panic!("writing with {writer} failed: {other:?}"),
    }
    let nulls = (0..rows).filter(|i| i % 7 == 3).count() as u64;
    let planted = (0..rows).filter(|i| i % 3 == 2 && i % 7 != 3).count() as u64;
    let (full, sampled) = (dir.path().join("full"), dir.path().join("sampled"));
    assert!(scan(&lake, &full, &["--full"]).status.success());
    assert!(scan(&lake, &sampled, &[]).status.success());
    let counts = query(
        &full,
        "select c.\"column\", c.sampled_values, c.null_values, c.distinct_values, f.matched_values \
         from columns c left join findings f on f.\"column\" = c.\"column\" and f.entity_type = 'EMAIL_ADDRESS' \
         order by c.\"column\"",
    );
    let row = |name: &str| counts.iter().find(|r| r["column"] == name).unwrap_or_else(|| panic!("{name}: {counts:?}"));
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or_else(|| panic!("{v}"));
    assert_eq!(n(&row("email")["sampled_values"]), rows);
    assert_eq!(n(&row("email")["matched_values"]), rows);
    assert_eq!(n(&row("status")["sampled_values"]), rows);
    assert_eq!(n(&row("status")["null_values"]), nulls);
    assert_eq!(n(&row("status")["distinct_values"]), 7);
    assert_eq!(n(&row("status")["matched_values"]), planted);
    assert!(row("country").get("matched_values").is_none(), "{counts:?}");
    // DuckDB's BIGINT (INT64 annotated INT_64) is read like any integer.
    assert_eq!(n(&row("id")["sampled_values"]), rows);
    let entities = |report: &std::path::Path| {
        query(report, "select \"column\", entity_type from findings order by 1, 2")
            .into_iter()
            .map(|r| format!("{} {}", r["column"], r["entity_type"]))
            .collect::<Vec<_>>()
    };
    let found = entities(&full);
    assert_eq!(entities(&sampled), found);
    for want in ["\"email\" \"EMAIL_ADDRESS\"", "\"status\" \"EMAIL_ADDRESS\""] {
        assert!(found.iter().any(|f| f == want), "{want} in {found:?}");
    }
}

#[test]
fn an_object_written_by_duckdb_is_counted_exactly() {
    an_object_written_by("duckdb");
}

#[test]
fn an_object_written_by_pyarrow_is_counted_exactly() {
    an_object_written_by("pyarrow");
}
