//! `--incremental`: objects unchanged since the last scan of the same source
//! are not read again, yet every scan's tables stay complete.

use super::{code, copy_dir, query, scan, testdata};
use std::path::Path;

/// The scans of a report, oldest first.
fn scans(report: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    query(report, "select * from scans order by started_at")
}

/// A scan's findings as comparable lines, `object|column|entity|score|matched|sampled|examples`.
fn findings(report: &Path, scan_id: &str) -> Vec<String> {
    let rows = query(
        report,
        &format!(
            "select object, \"column\", entity_type, score, matched_values, sampled_values, examples, scanned_at \
             from findings where scan_id = '{scan_id}' order by 1, 2, 3"
        ),
    );
    rows.iter()
        .map(|r| {
            let f = |k: &str| r[k].to_string();
            [
                f("object"),
                f("column"),
                f("entity_type"),
                f("score"),
                f("matched_values"),
                f("sampled_values"),
                f("examples"),
            ]
            .join("|")
        })
        .collect()
}

/// A scan's columns as comparable lines.
fn columns(report: &Path, scan_id: &str) -> Vec<String> {
    query(
        report,
        &format!(
            "select * exclude (scan_id, scan_date) from columns where scan_id = '{scan_id}' order by object, \"column\""
        ),
    )
    .iter()
    .map(|r| serde_json::Value::Object(r.clone()).to_string())
    .collect()
}

/// Object statuses of a scan, by path below the lake.
fn statuses(report: &Path, scan_id: &str, lake: &Path) -> Vec<(String, String, u64)> {
    let prefix = format!("file://{}/", std::fs::canonicalize(lake).unwrap().display());
    query(
        report,
        &format!("select object, status, bytes_read from objects where scan_id = '{scan_id}' order by object"),
    )
    .iter()
    .map(|r| {
        let object = r["object"].as_str().unwrap().strip_prefix(&prefix).unwrap().to_owned();
        (object, r["status"].as_str().unwrap().to_owned(), r["bytes_read"].as_u64().unwrap())
    })
    .collect()
}

#[test]
fn unchanged_objects_are_carried_forward_and_changed_ones_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    copy_dir(&testdata().join("lake"), &lake);

    // Nothing to build on yet: everything is read.
    assert_eq!(code(&scan(&lake, &report, &["--incremental"])), 3);
    // Nothing changed: nothing is read, and the tables are the same.
    let out = scan(&lake, &report, &["--incremental"]);
    assert_eq!(code(&out), 3, "broken objects are tried again: {}", String::from_utf8_lossy(&out.stderr));
    let all = scans(&report);
    let (first, second) = (all[0]["scan_id"].as_str().unwrap(), all[1]["scan_id"].as_str().unwrap());
    assert_eq!(all[1]["objects_listed"], all[0]["objects_listed"]);
    assert_eq!(all[1]["objects_unchanged"], all[0]["objects_scanned"]);
    assert_eq!(all[1]["objects_scanned"], 0);
    assert_eq!(all[1]["objects_failed"], all[0]["objects_failed"], "a failed object is read again, and fails again");
    for key in ["columns_scanned", "pii_columns", "objects_skipped"] {
        assert_eq!(all[1][key], all[0][key], "{key}");
    }
    assert!(all[1]["bytes_read"].as_u64().unwrap() < 200_000, "only the broken objects are read: {:?}", all[1]);
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(summary.contains(&format!(" 0 scanned, {} unchanged, ", all[0]["objects_scanned"])), "{summary}");
    assert!(summary.contains("customers"), "the summary covers carried findings: {summary}");
    let before = findings(&report, first);
    assert!(before.len() > 50);
    assert_eq!(findings(&report, second), before);
    assert_eq!(columns(&report, second), columns(&report, first));
    let second_statuses = statuses(&report, second, &lake);
    let status_of = |rows: &[(String, String, u64)], object: &str| {
        rows.iter().find(|r| r.0 == object).unwrap_or_else(|| panic!("{object}: {rows:?}")).clone()
    };
    assert_eq!(
        status_of(&second_statuses, "crm/contacts.parquet"),
        ("crm/contacts.parquet".into(), "unchanged".into(), 0)
    );
    assert_eq!(status_of(&second_statuses, "broken/corrupt-footer.parquet").1, "failed");
    let carried_time = query(&report, &format!("select distinct scanned_at from findings where scan_id = '{second}'"));
    assert_eq!(carried_time.len(), 1, "carried findings take the new scan's time");

    // One object rewritten, one added, one removed: only the first two are read.
    std::fs::copy(testdata().join("lake/payments/part-0.parquet"), lake.join("crm/contacts.parquet")).unwrap();
    std::fs::copy(testdata().join("lake/hr/employees.csv"), lake.join("hr/employees-2.csv")).unwrap();
    std::fs::remove_file(lake.join("logs/app.csv.gz")).unwrap();
    assert_eq!(code(&scan(&lake, &report, &["--incremental"])), 3);
    let third = scans(&report)[2]["scan_id"].as_str().unwrap().to_owned();
    let third_statuses = statuses(&report, &third, &lake);
    assert_eq!(status_of(&third_statuses, "crm/contacts.parquet").1, "scanned");
    assert_eq!(status_of(&third_statuses, "hr/employees-2.csv").1, "scanned");
    assert_eq!(status_of(&third_statuses, "hr/employees.csv").1, "unchanged");
    assert!(third_statuses.iter().all(|r| r.0 != "logs/app.csv.gz"));
    // Carried rows (from a scan that carried them itself) are the first scan's.
    let kept = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .filter(|r| !r.contains("crm/contacts") && !r.contains("logs/app") && !r.contains("employees-2"))
            .collect()
    };
    assert_eq!(kept(findings(&report, &third)), kept(before.clone()));
    let contacts: Vec<_> = findings(&report, &third).into_iter().filter(|r| r.contains("crm/contacts")).collect();
    assert!(contacts.iter().any(|r| r.contains("CREDIT_CARD")), "the rewritten object's new findings: {contacts:?}");
    assert_eq!(
        findings(&report, &third).iter().filter(|r| r.contains("employees-2")).count(),
        before.iter().filter(|r| r.contains("hr/employees.csv")).count()
    );
}

#[test]
fn changed_settings_read_everything_again() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    copy_dir(&testdata().join("lake/customers"), &lake);
    assert_eq!(code(&scan(&lake, &report, &[])), 0);
    let out = scan(&lake, &report, &["--incremental", "--min-score", "0.9"]);
    assert_eq!(code(&out), 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the settings changed since scan"), "{stderr}");
    let last = scans(&report).pop().unwrap();
    assert_eq!(last["objects_unchanged"], 0);
    assert_eq!(last["objects_scanned"], 2);
    // Another source in the same report is not "the last scan" of this one.
    let other = dir.path().join("other");
    copy_dir(&testdata().join("lake/customers"), &other);
    assert_eq!(code(&scan(&other, &report, &["--incremental"])), 0);
    assert_eq!(scans(&report).pop().unwrap()["objects_unchanged"], 0);
}
