//! Bad input: each broken object is one `failed` row and one stderr line,
//! the scan finishes with exit 3; bad arguments are clear errors.

use super::{code, lakeaudit, query, scan, testdata};

#[test]
fn every_broken_object_fails_alone_and_the_scan_goes_on() {
    let report = tempfile::tempdir().unwrap();
    let out = scan(&testdata().join("lake"), report.path(), &[]);
    assert_eq!(code(&out), 3, "exit 3 says the scan was partial");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed = query(report.path(), "select object, error from objects where status = 'failed' order by object");
    let expect = [
        ("binary.csv", "mislabelled: named as CSV but holds binary data"),
        ("corrupt-footer.parquet", "invalid Parquet footer"),
        ("corrupt-pages.parquet", "corrupt data page"),
        ("empty.csv", "empty object"),
        ("mislabelled.parquet", "mislabelled: named as Parquet but starts with text"),
        ("truncated.csv.gz", "incomplete deflate stream"),
        ("truncated.parquet", "invalid Parquet footer"),
    ];
    assert_eq!(failed.len(), expect.len(), "{failed:?}");
    for (row, (name, msg)) in failed.iter().zip(expect) {
        let object = row["object"].as_str().unwrap();
        assert!(object.ends_with(&format!("broken/{name}")), "{object}");
        assert!(row["error"].as_str().unwrap().contains(msg), "{name}: {}", row["error"]);
        assert_eq!(stderr.matches(&format!("broken/{name}:")).count(), 1, "one stderr line for {name}:\n{stderr}");
    }
    let scans = query(report.path(), "select objects_scanned, objects_failed, objects_skipped, status from scans");
    assert_eq!(scans[0]["objects_scanned"], 10);
    assert_eq!(scans[0]["objects_failed"], 7);
    assert_eq!(scans[0]["objects_skipped"], 2);
    assert_eq!(scans[0]["status"], "partial");
}

#[test]
fn missing_source_is_exit_2_with_a_clear_message() {
    let report = tempfile::tempdir().unwrap();
    let out = lakeaudit(&["scan", "/no/such/lake", "--report", report.path().to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "error: source not found: /no/such/lake");
}

#[test]
fn unwritable_report_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report-is-a-file");
    std::fs::write(&file, b"x").unwrap();
    let out = scan(&testdata().join("lake/payments"), &file, &[]);
    assert_eq!(code(&out), 4);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: unable to write report") && !err.contains("panicked"), "{err}");
}

#[test]
fn bad_flags_and_config_are_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().to_str().unwrap();
    let lake = testdata().join("lake/payments");
    let lake = lake.to_str().unwrap();
    assert_eq!(code(&lakeaudit(&["scan", lake, "--report", r, "--sample-rows", "0"])), 2);
    assert_eq!(code(&lakeaudit(&["scan", lake, "--report", r, "--include", "a["])), 2);
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "[classify]\ndisabled = [\"NOT_AN_ENTITY\"]\n").unwrap();
    let out = lakeaudit(&["scan", lake, "--report", r, "--config", cfg.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOT_AN_ENTITY"));
    assert_eq!(code(&lakeaudit(&["scan", lake])), 2, "--report is required");
}

#[test]
fn an_empty_source_is_a_complete_scan_of_nothing() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = scan(lake.path(), report.path(), &[]);
    assert_eq!(code(&out), 0);
    assert_eq!(query(report.path(), "select objects_listed from scans")[0]["objects_listed"], 0);
}

#[test]
fn csv_dialects_multiline_fields_and_bad_utf8_are_read() {
    let report = tempfile::tempdir().unwrap();
    scan(&testdata().join("lake"), report.path(), &[]);
    let rows = query(
        report.path(),
        "select object, format, rows_total from objects where status = 'scanned' and format like 'csv%' order by object",
    );
    let got: Vec<(String, String, u64)> = rows
        .iter()
        .map(|r| {
            let o = r["object"].as_str().unwrap();
            (
                o[o.rfind("/lake/").unwrap() + 6..].to_owned(),
                r["format"].as_str().unwrap().to_owned(),
                r["rows_total"].as_u64().unwrap(),
            )
        })
        .collect();
    // hr: `;`, a header, quoted fields spanning lines, one latin-1 row; logs: gzip, tabs; events: zstd, `|`, no header.
    assert_eq!(
        got,
        [
            ("events/events.csv.zst".into(), "csv.zst".into(), 250),
            ("hr/employees.csv".into(), "csv".into(), 201),
            ("logs/app.csv.gz".into(), "csv.gz".into(), 300),
        ]
    );
    let cols = query(report.path(), "select \"column\" from columns where object like '%events.csv.zst' order by 1");
    assert_eq!(
        cols.iter().map(|c| c["column"].as_str().unwrap()).collect::<Vec<_>>(),
        ["column_1", "column_2", "column_3", "column_4", "column_5"]
    );
}
