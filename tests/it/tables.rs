//! Delta Lake and Iceberg tables written by their own clients (the
//! `deltalake` and `pyiceberg` packages, tests/interop/write_tables.py),
//! beside a loose object: each table is audited as a table. Only its current
//! version's files are read, without the rows a deletion vector deleted;
//! the files of old versions are reported as retained and read only with
//! `--history`; its log is never read as data.

use super::{code, query, scan};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes the tables under `dir/lake` (and the Iceberg catalog beside it):
/// the lake and the writers' summary, or `None` when Python's table
/// clients are missing and the test command does not require them.
pub fn write_tables(dir: &Path) -> Option<(PathBuf, serde_json::Value)> {
    let lake = dir.join("lake");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/write_tables.py");
    let python = std::env::var("LAKEAUDIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python).arg(&script).arg(&lake).arg(dir.join("catalog")).output();
    let required = std::env::var("LAKEAUDIT_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    match out {
        Ok(o) if o.status.success() => Some((lake, serde_json::from_slice(&o.stdout).expect("summary"))),
        Ok(o) if !required => {
            eprintln!("skipped: {}", String::from_utf8_lossy(&o.stderr));
            None
        }
        Err(e) if !required => {
            eprintln!("skipped: {e}");
            None
        }
        other => panic!("writing tables failed: {other:?}"),
    }
}

/// A loose object beside the tables: its rows stay per file.
fn add_loose_object(lake: &Path) {
    let from = super::testdata().join("lake/hr/employees.csv");
    std::fs::create_dir_all(lake.join("exports")).unwrap();
    std::fs::copy(from, lake.join("exports/employees.csv")).unwrap();
}

/// `file:///...` of a local path.
fn url(path: &Path) -> String {
    format!("file://{}", std::fs::canonicalize(path).unwrap().display())
}

/// The rows of `sql` over `report`, a column that is null in a row
/// reading as null.
fn rows(report: &Path, sql: &str) -> Vec<serde_json::Value> {
    query(report, sql).into_iter().map(serde_json::Value::Object).collect()
}

fn text(row: &serde_json::Value, key: &str) -> String {
    row[key].as_str().unwrap_or_default().to_owned()
}

#[test]
fn tables_are_audited_as_tables_and_old_versions_only_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, summary)) = write_tables(dir.path()) else { return };
    add_loose_object(&lake);
    let report = dir.path().join("report");
    let out = scan(&lake, &report, &["--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 0, "{stderr}");
    let delta = url(&lake.join("crm/people_delta"));
    let dv = url(&lake.join("crm/dv_delta"));
    let iceberg = url(&lake.join("warehouse/crm/people"));

    // The live files of each table, as its own client lists them, are read,
    // with the table's version; no other data file of the table is.
    let objects = rows(
        &report,
        "select object, dataset, format, status, error, table_version, retained, reachable_until, rows_total \
         from objects order by object",
    );
    let live: BTreeSet<String> = summary["delta"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("file://{}", f.as_str().unwrap()))
        .chain(summary["iceberg"]["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()))
        .chain(summary["dv"]["files"].as_array().unwrap().iter().map(|f| format!("{dv}/{}", f.as_str().unwrap())))
        .collect();
    let read: BTreeSet<String> = objects
        .iter()
        .filter(|r| r["status"] == "scanned" && r["retained"] == false && r["format"] == "parquet")
        .map(|r| text(r, "object"))
        .collect();
    assert_eq!(read, live, "{objects:#?}");
    for r in &objects {
        let (object, dataset) = (text(r, "object"), text(r, "dataset"));
        let table = [&delta, &dv, &iceberg].into_iter().find(|t| object.starts_with(&format!("{t}/")));
        match table {
            None => {
                assert!(object.ends_with("exports/employees.csv"), "{r:?}");
                assert!(r["retained"].is_null() && r["table_version"].is_null(), "{r:?}");
            }
            Some(table) => {
                assert_eq!(&dataset, table, "a table's files have the table as dataset: {r:?}");
                let version = match table {
                    t if *t == delta => summary["delta"]["version"].clone(),
                    t if *t == dv => summary["dv"]["version"].clone(),
                    _ => summary["iceberg"]["snapshot"].clone(),
                };
                assert_eq!(r["table_version"], version, "{r:?}");
                let log = object.contains("/_delta_log/") || object.contains("/metadata/");
                let values = object.ends_with("/_delta_log") || object.ends_with("/metadata");
                if values {
                    // The values the log holds, classified as columns.
                    let format = if object.ends_with("/_delta_log") { "delta_log" } else { "iceberg_metadata" };
                    assert_eq!((text(r, "status").as_str(), text(r, "format").as_str()), ("scanned", format), "{r:?}");
                } else if log {
                    assert_eq!(
                        (text(r, "status").as_str(), r["retained"].as_bool()),
                        ("skipped", Some(false)),
                        "{r:?}"
                    );
                } else if !live.contains(&object) {
                    assert_eq!(r["status"], "skipped", "{r:?}");
                    assert_eq!(r["retained"], true, "{r:?}");
                    assert!(text(r, "error").contains("--history"), "{r:?}");
                }
            }
        }
    }
    // Rows deleted by the deletion vector are not counted, nor read.
    let rows_of = |table: &str| -> u64 {
        objects
            .iter()
            .filter(|r| r["dataset"] == table && r["format"] == "parquet" && r["status"] == "scanned")
            .map(|r| r["rows_total"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(rows_of(&delta), summary["delta"]["rows"].as_u64().unwrap());
    assert_eq!(rows_of(&dv), summary["dv"]["rows"].as_u64().unwrap());
    assert_eq!(rows_of(&iceberg), summary["iceberg"]["rows"].as_u64().unwrap());
    let scans = rows(&report, "select tables from scans");
    assert_eq!(scans[0]["tables"], 3);

    // The only card numbers are in deleted rows and removed files: none is
    // reported as current; each table's emails are.
    let found = |report: &Path| -> BTreeSet<(String, String, String)> {
        rows(report, "select dataset, \"column\", entity_type from findings")
            .iter()
            .map(|r| (text(r, "dataset"), text(r, "column"), text(r, "entity_type")))
            .collect()
    };
    let current = found(&report);
    let in_tables = |d: &String| [&delta, &dv, &iceberg].contains(&d);
    assert!(!current.iter().any(|(d, _, e)| in_tables(d) && e == "CREDIT_CARD"), "{current:?}");
    for table in [&delta, &iceberg] {
        assert!(current.contains(&(table.clone(), "email".into(), "EMAIL_ADDRESS".into())), "{table}: {current:?}");
    }
    // The logs hold values of the data too: Delta's column statistics
    // (whole values), Iceberg's bounds (strings cut at 16 characters by
    // default: the emails no longer look like emails, the phones still do).
    for (table, column, entity) in [
        (&delta, "_delta_log.stats.email", "EMAIL_ADDRESS"),
        (&delta, "_delta_log.stats.phone", "PHONE_NUMBER"),
        (&iceberg, "metadata.bounds.phone", "PHONE_NUMBER"),
    ] {
        assert!(current.contains(&(table.clone(), column.into(), entity.into())), "{column}: {current:?}");
    }

    // With --history, the removed files are read and their card numbers
    // reported as retained, with how long time travel reaches them (Delta:
    // the removal plus the retention; Iceberg: the newest snapshot holding
    // the file plus the snapshot age limit).
    let history = dir.path().join("history");
    let out = scan(&lake, &history, &["--history"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let retained = rows(
        &history,
        "select o.dataset, o.object, o.reachable_until, f.\"column\" from findings f \
         join objects o on o.object = f.object and o.scan_id = f.scan_id \
         where f.entity_type = 'CREDIT_CARD' and o.retained is not null order by o.dataset",
    );
    let tables: BTreeSet<(String, String)> = retained.iter().map(|r| (text(r, "dataset"), text(r, "column"))).collect();
    // The log's own commits still hold the removed files' statistics:
    // their smallest notes are card numbers.
    let want = [
        (delta.clone(), "_delta_log.stats.note".to_owned()),
        (delta.clone(), "note".to_owned()),
        (dv.clone(), "note".to_owned()),
        (iceberg.clone(), "note".to_owned()),
    ];
    assert_eq!(tables, want.into_iter().collect(), "{retained:?}");
    assert!(retained.iter().all(|r| !live.contains(&text(r, "object"))));
    // Removed files stay until VACUUM or expiry; rows a deletion vector
    // deleted stay in their live file (named `#deleted-rows`) until it is
    // rewritten, which no retention period bounds.
    // The log's commits stay until the log's own retention ends.
    for r in &retained {
        let object = text(r, "object");
        match object.strip_suffix("#deleted-rows") {
            Some(file) => {
                assert!(live.contains(file) && r["reachable_until"].is_null(), "{r:?}");
            }
            None if object == format!("{delta}/_delta_log#history") => assert!(r["reachable_until"].is_null()),
            None => assert!(r["reachable_until"].is_string(), "{r:?}"),
        }
    }
    let out = super::lakeaudit(&[
        "query",
        "--format",
        "json",
        "--report",
        history.to_str().unwrap(),
        "--name",
        "retained_pii",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let named: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities: BTreeSet<(String, String)> = named
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["table_path"].as_str().unwrap().to_owned(), r["entity_type"].as_str().unwrap().to_owned()))
        .collect();
    assert!(entities.contains(&(delta.clone(), "CREDIT_CARD".into())), "{entities:?}");
    assert!(entities.contains(&(iceberg.clone(), "CREDIT_CARD".into())), "{entities:?}");
}

/// Scans `lake`, one of whose tables cannot be read: a partial scan (a
/// failed object), `why` on stderr, and one failed row, the table's log
/// folder (`log`, below the lake). The report.
fn scan_with_a_broken_table(dir: &Path, lake: &Path, why: &str, log: &str) -> PathBuf {
    let report = dir.join("report");
    let out = scan(lake, &report, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 3, "a failed object makes a partial scan: {stderr}");
    assert!(stderr.contains(why), "{stderr}");
    let failed = rows(&report, "select object from objects where status = 'failed'");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(text(&failed[0], "object").ends_with(&format!("/{log}")), "{failed:?}");
    report
}

#[test]
fn an_iceberg_table_whose_metadata_is_hostile_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = write_tables(dir.path()) else { return };
    let metadata = lake.join("warehouse/crm/people/metadata");
    // The newest metadata file names a manifest list that is not Avro.
    let mut newest: Vec<PathBuf> =
        super::walk(&metadata).into_iter().filter(|p| p.to_string_lossy().ends_with(".metadata.json")).collect();
    newest.sort();
    let newest = std::fs::read_to_string(newest.last().unwrap()).unwrap();
    let list = serde_json::from_str::<serde_json::Value>(&newest).unwrap()["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["manifest-list"].as_str().unwrap().trim_start_matches("file://").to_owned())
        .collect::<Vec<_>>();
    for path in list {
        let bytes = std::fs::read(&path).unwrap();
        // Avro's magic, then a header whose lengths are garbage.
        let mut hostile = bytes[..4].to_vec();
        hostile.extend(std::iter::repeat_n(0xff_u8, 64));
        std::fs::write(&path, hostile).unwrap();
    }
    let report = scan_with_a_broken_table(
        dir.path(),
        &lake,
        "unable to read this Iceberg table's log",
        "warehouse/crm/people/metadata",
    );
    // The Delta tables beside it are read as tables still.
    let tables = rows(&report, "select tables from scans");
    assert_eq!(tables[0]["tables"], 2);
}

#[test]
fn a_deletion_vector_claiming_millions_of_rows_fails_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = write_tables(dir.path()) else { return };
    python(&[Path::new("--hostile-dv"), &lake]);
    let report = scan_with_a_broken_table(dir.path(), &lake, "claims 13107200 deleted rows", "crm/dv_delta/_delta_log");
    // Read as loose files instead: every row, the deleted cards too.
    let cards = rows(&report, "select object from findings where entity_type = 'CREDIT_CARD'");
    assert!(cards.iter().any(|r| text(r, "object").contains("dv_delta/part-")), "{cards:?}");
}

#[test]
fn a_table_whose_log_is_broken_is_reported_and_its_files_read_as_loose_files() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = write_tables(dir.path()) else { return };
    let log = lake.join("crm/people_delta/_delta_log");
    std::fs::write(log.join("00000000000000000002.json"), b"{not json\n").unwrap();
    std::fs::remove_file(log.join("00000000000000000003.checkpoint.parquet")).unwrap();
    std::fs::remove_file(log.join("_last_checkpoint")).unwrap();
    let report = scan_with_a_broken_table(
        dir.path(),
        &lake,
        "unable to read this Delta table's log",
        "crm/people_delta/_delta_log",
    );
    // Every data file of the broken table is read, the removed one too:
    // its card number is reported rather than missed.
    let cards = rows(&report, "select object from findings where entity_type = 'CREDIT_CARD'");
    assert!(cards.iter().any(|r| text(r, "object").contains("people_delta/")), "{cards:?}");
}

#[test]
fn incremental_scans_read_only_what_a_new_table_version_added() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = write_tables(dir.path()) else { return };
    let report = dir.path().join("report");
    let scanned = |out: std::process::Output| {
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let scan = &v[0]["scan"];
        (scan["objects_scanned"].as_u64().unwrap(), scan["objects_unchanged"].as_u64().unwrap())
    };
    let (first, _) = scanned(scan(&lake, &report, &["--incremental", "--format", "json"]));
    // Nothing changed: only what cannot be known unchanged is read again:
    // the file with a deletion vector, and each log's values (no I/O).
    let (again, unchanged) = scanned(scan(&lake, &report, &["--incremental", "--format", "json"]));
    assert_eq!((again, unchanged), (1 + 2, first - 3));
    // A new Delta version: its added files (one per partition) are read.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/write_tables.py");
    let python = std::env::var("LAKEAUDIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python).arg(&script).arg("--append").arg(&lake).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (third, unchanged) = scanned(scan(&lake, &report, &["--incremental", "--format", "json"]));
    assert_eq!((third, unchanged), (2 + 3, first - 3));
    let version = rows(&report, "select max(table_version) as v from objects where dataset like '%people_delta'");
    assert_eq!(version[0]["v"], 5);
}

/// The tables and loose folders partitioned by an email column that
/// `write_tables.py --by-email` writes under `dir/by_email`, or `None` as
/// for [`write_tables`].
pub fn by_email(dir: &Path) -> Option<PathBuf> {
    write_tables(dir)?;
    let tables = dir.join("by_email");
    python(&[Path::new("--by-email"), &tables]);
    Some(tables)
}

/// Runs tests/interop/write_tables.py with `args`; its JSON output.
pub fn python(args: &[&Path]) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/write_tables.py");
    let python = std::env::var("LAKEAUDIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python).arg(&script).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_anonymized_delta_table_is_a_delta_table_of_its_current_rows_and_nothing_planted() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, summary)) = write_tables(dir.path()) else { return };
    let copy = dir.path().join("copy");
    let out = super::lakeaudit(&["anonymize", lake.to_str().unwrap(), "--out", copy.to_str().unwrap(), "--verify"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(stderr.contains("an Iceberg table is copied as the plain Parquet files of its snapshot"), "{stderr}");

    // Each Delta table's copy is a Delta table of one version that the
    // deltalake package reads: the same columns, partitions and current
    // rows (those its deletion vector deleted are gone from the file).
    for (table, key) in [("crm/people_delta", "delta"), ("crm/dv_delta", "dv")] {
        let theirs = python(&[Path::new("--read"), &lake.join(table)]);
        let ours = python(&[Path::new("--read"), &copy.join(table)]);
        assert_eq!(ours["version"], 0, "{table}");
        assert_eq!((&ours["columns"], &ours["partitions"]), (&theirs["columns"], &theirs["partitions"]), "{table}");
        assert_eq!(ours["rows"], summary[key]["rows"], "{table}");
        let log: Vec<PathBuf> = super::walk(&copy.join(table).join("_delta_log"));
        assert_eq!(log.len(), 1, "one version, no checkpoint: {log:?}");
    }
    // Only the current files are copied: no old version's file, no
    // Iceberg metadata.
    let copied: BTreeSet<String> = super::walk(&copy)
        .iter()
        .map(|p| p.strip_prefix(&copy).unwrap().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".parquet"))
        .collect();
    let live = summary["delta"]["files"].as_array().unwrap().len()
        + summary["dv"]["files"].as_array().unwrap().len()
        + summary["iceberg"]["files"].as_array().unwrap().len();
    assert_eq!(copied.len(), live, "{copied:?}");
    assert!(!copied.iter().any(|p| p.contains("metadata/")), "{copied:?}");

    // Nothing planted in any byte of the copy, its logs included.
    let planted: Vec<String> =
        (0..260).map(|i| format!("customer{i}@example.com")).chain(["4111 1111 1111 1111".to_owned()]).collect();
    for path in super::walk(&copy) {
        let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let left: Vec<&String> = planted.iter().filter(|p| raw.contains(p.as_str())).collect();
        assert!(left.is_empty(), "{}: {left:?}", path.display());
    }
}

#[test]
fn a_delta_table_anonymized_in_place_gets_a_version_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, summary)) = write_tables(dir.path()) else { return };
    let table = lake.join("crm/people_delta");
    let before = python(&[Path::new("--read"), &table]);
    let report = dir.path().join("report");
    let (table_arg, report_arg) = (table.to_str().unwrap(), report.to_str().unwrap());
    // Only with confirmation, and with a report for the audit log.
    let unconfirmed = super::lakeaudit(&["anonymize", table_arg, "--in-place", "--report", report_arg]);
    assert_eq!(code(&unconfirmed), 2, "{}", String::from_utf8_lossy(&unconfirmed.stderr));
    assert!(String::from_utf8_lossy(&unconfirmed.stderr).contains("--yes"));
    let unaudited = super::lakeaudit(&["anonymize", table_arg, "--in-place", "--yes"]);
    assert_eq!(code(&unaudited), 2);
    // The table is scanned first: its findings are what the rewrite
    // replaces. A folder that is not one Delta table is refused.
    assert_eq!(code(&scan(&table, &report, &[])), 0);
    assert_eq!(code(&scan(&lake, &report, &[])), 0);
    let lake_arg = lake.to_str().unwrap();
    let not_a_table = super::lakeaudit(&["anonymize", lake_arg, "--in-place", "--yes", "--report", report_arg]);
    let why = String::from_utf8_lossy(&not_a_table.stderr);
    assert_eq!(code(&not_a_table), 2, "{why}");
    assert!(why.contains("SOURCE must be its folder"), "{why}");
    assert_eq!(python(&[Path::new("--read"), &table])["version"], before["version"], "nothing committed");
    let out = super::lakeaudit(&["anonymize", table_arg, "--in-place", "--yes", "--report", report_arg]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(stderr.contains("VACUUM") && stderr.contains("vacuum(retention_hours=0"), "{stderr}");
    // One new version, read by the deltalake package: the same columns and
    // rows.
    let after = python(&[Path::new("--read"), &table]);
    assert_eq!(after["version"].as_u64(), before["version"].as_u64().map(|v| v + 1));
    assert_eq!((&after["columns"], &after["rows"]), (&before["columns"], &summary["delta"]["rows"]));
    // The current version holds no emails any more, but the old files
    // still do until VACUUM: --history says so.
    let scanned = dir.path().join("scanned");
    let out = scan(&table, &scanned, &["--history"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let found = rows(
        &scanned,
        "select f.\"column\", f.entity_type, o.retained from findings f \
         join objects o on o.object = f.object and o.scan_id = f.scan_id where f.\"column\" = 'email'",
    );
    assert!(!found.is_empty(), "{found:?}");
    assert!(found.iter().all(|r| r["retained"] == true), "{found:?}");
    // The audit log recorded the run.
    let audit = super::lakeaudit(&["audit", "verify", "--report", report_arg]);
    assert_eq!(code(&audit), 0, "{}", String::from_utf8_lossy(&audit.stderr));
}

#[test]
fn a_checkpoint_keeps_the_statistics_of_files_removed_after_it() {
    let dir = tempfile::tempdir().unwrap();
    if write_tables(dir.path()).is_none() {
        return;
    }
    let table = dir.path().join("checkpointed");
    let written = python(&[Path::new("--old-checkpoint"), &table]);
    assert_eq!((written["version"].as_u64(), written["rows"].as_u64()), (Some(2), Some(10)));
    // The removed file's card numbers are in no JSON commit left: only in
    // the checkpoint, which --history reads.
    let report = dir.path().join("report");
    let out = scan(&table, &report, &["--history"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let found = rows(
        &report,
        "select f.object, f.\"column\", f.entity_type from findings f join objects o \
         on o.object = f.object and o.scan_id = f.scan_id where o.retained",
    );
    let history = format!("{}/_delta_log#history", url(&table));
    assert!(
        found.iter().any(|r| text(r, "object") == history
            && text(r, "column") == "_delta_log.stats.note"
            && text(r, "entity_type") == "CREDIT_CARD"),
        "{found:?}"
    );
}

#[test]
fn partition_values_in_a_tables_log_are_classified() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tables) = by_email(dir.path()) else { return };
    let report = dir.path().join("report");
    assert_eq!(code(&scan(&tables, &report, &[])), 0);
    let found = rows(&report, "select \"column\", entity_type, matched_values, examples from findings");
    for column in ["_delta_log.partitionValues.contact", "metadata.partition.contact"] {
        let partition = found.iter().find(|r| r["column"] == column).unwrap_or_else(|| panic!("{column}: {found:?}"));
        let entity = (text(partition, "entity_type"), partition["matched_values"].as_u64());
        assert_eq!(entity, ("EMAIL_ADDRESS".to_owned(), Some(5)), "{column}");
        assert!(!partition["examples"].to_string().contains("partner0@"), "examples are masked: {partition:?}");
    }
    // The same values as loose Hive-style folders (pyarrow's, DuckDB's) are
    // found too, as the datasets' `contact` column, on one object each.
    let folders = rows(
        &report,
        "select o.object, o.format, f.dataset, f.entity_type, f.matched_values, f.examples from findings f \
         join objects o on o.object = f.object and o.scan_id = f.scan_id where f.\"column\" = 'contact' \
         and o.format = 'hive_partitions' order by o.object",
    );
    assert_eq!(folders.len(), 2, "{folders:?}");
    for (row, writer) in folders.iter().zip(["duckdb", "pyarrow"]) {
        let dataset = format!("{}/loose/{writer}", url(&tables));
        assert_eq!(text(row, "object"), format!("{dataset}#partitions"));
        assert_eq!(text(row, "dataset"), dataset);
        assert_eq!((text(row, "entity_type"), row["matched_values"].as_u64()), ("EMAIL_ADDRESS".to_owned(), Some(5)));
        assert!(!row["examples"].to_string().contains("partner0@"), "examples are masked: {row:?}");
    }
    // The folders that name partners are masked wherever an object is
    // named: no table of the report holds one, escaped or not.
    let named = |report: &Path| {
        let all = super::walk(report);
        all.iter().any(|p| {
            let raw = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            (0..5).any(|i| raw.contains(&format!("partner{i}%40")) || raw.contains(&format!("partner{i}@")))
        })
    };
    assert!(!named(&report), "a partner is named in the report");
    let objects = rows(&report, "select object from objects where object like '%contact=%' order by object");
    assert!(objects.len() >= 15, "{objects:?}");
    assert!(objects.iter().all(|o| text(o, "object").contains("/contact=<EMAIL_ADDRESS:")), "{objects:?}");
    // Masked alike from scan to scan: --incremental finds them unchanged.
    let out = scan(&tables, &report, &["--incremental"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let last = rows(
        &report,
        "select count(*) as n from objects where status = 'unchanged' and object like '%contact=%' \
         and scan_id = (select max(scan_id) from scans)",
    );
    assert_eq!(last[0]["n"].as_u64(), Some(objects.len() as u64), "{last:?}");
    assert!(!named(&report), "a partner is named in the report");
}

/// Partition values are data outside the files: an anonymized copy names
/// its folders, and logs its Delta partitions, by the copy's values, and
/// `--verify` checks them as DEST holds them.
#[test]
fn partition_values_are_anonymized_in_folders_and_logs() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tables) = by_email(dir.path()) else { return };
    let copy = dir.path().join("copy");
    let (source, dest) = (tables.to_str().unwrap(), copy.to_str().unwrap());
    let out = super::lakeaudit(&["anonymize", source, "--out", dest, "--verify"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 0, "{stderr}");

    // No partner's address in any byte or any name of the copy, escaped or
    // not: every partition became one `<EMAIL_ADDRESS>` folder, whose
    // files (DuckDB names each partition's file data_0.parquet, pyarrow
    // gives them one name) keep apart.
    let planted: Vec<String> =
        (0..5).flat_map(|i| [format!("partner{i}@example.org"), format!("partner{i}%40example.org")]).collect();
    // Nor in what the run printed.
    let printed = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
    assert!(!planted.iter().any(|p| printed.contains(p.as_str())), "{printed}");
    let copied = super::walk(&copy);
    for path in &copied {
        let name = path.strip_prefix(&copy).unwrap().to_string_lossy().into_owned();
        let raw = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let left: Vec<&String> =
            planted.iter().filter(|p| raw.contains(p.as_str()) || name.contains(p.as_str())).collect();
        assert!(left.is_empty(), "{name}: {left:?}");
    }
    for writer in ["pyarrow", "duckdb"] {
        let data: Vec<&PathBuf> = copied.iter().filter(|p| p.starts_with(copy.join("loose").join(writer))).collect();
        assert_eq!(data.len(), 5, "{writer}: {data:?}");
        assert!(data.iter().all(|p| p.to_string_lossy().contains("/contact=%3CEMAIL_ADDRESS%3E/")), "{data:?}");
        let read = python(&[Path::new("--read-hive"), &copy.join("loose").join(writer)]);
        assert_eq!((read["rows"].as_u64(), &read["contacts"]), (Some(20), &serde_json::json!(["<EMAIL_ADDRESS>"])));
    }
    // The Delta copy: the deltalake package reads the same columns,
    // partitions and rows, partitioned by the copy's value.
    let (theirs, ours) =
        (python(&[Path::new("--read"), &tables.join("delta")]), python(&[Path::new("--read"), &copy.join("delta")]));
    assert_eq!(
        (&ours["columns"], &ours["partitions"], &ours["rows"]),
        (&theirs["columns"], &theirs["partitions"], &theirs["rows"])
    );

    // --verify reads the partition values from DEST, not from the plan: a
    // policy that keeps them fails it, naming the partition column.
    let policy = dir.path().join("keep.toml");
    std::fs::write(&policy, "[columns.contact]\noperator = \"keep\"\n").unwrap();
    let kept = dir.path().join("kept");
    let out = super::lakeaudit(&[
        "anonymize",
        tables.join("loose").to_str().unwrap(),
        "--out",
        kept.to_str().unwrap(),
        "--policy",
        policy.to_str().unwrap(),
        "--verify",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(code(&out), 1, "{stdout}");
    assert!(stdout.contains("partition column contact holds EMAIL_ADDRESS"), "{stdout}");
    assert!(!stdout.contains("partner0@example.org"), "{stdout}");

    // A table rewritten in place keeps its partitions: refused when they
    // hold personal data.
    let report = dir.path().join("report");
    assert_eq!(code(&scan(&tables.join("delta"), &report, &[])), 0);
    let delta = tables.join("delta");
    let out = super::lakeaudit(&[
        "anonymize",
        delta.to_str().unwrap(),
        "--in-place",
        "--yes",
        "--report",
        report.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("partition column contact holds personal data"), "{stderr}");
    assert_eq!(python(&[Path::new("--read"), &delta])["version"], theirs["version"], "nothing committed");
}

#[test]
fn a_source_inside_a_table_is_read_as_part_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, summary)) = write_tables(dir.path()) else { return };
    for (folder, version) in [
        ("crm/people_delta/region=us", &summary["delta"]["version"]),
        ("warehouse/crm/people/data/region=us", &summary["iceberg"]["snapshot"]),
    ] {
        let report = dir.path().join(folder.replace('/', "_"));
        let out = scan(&lake.join(folder), &report, &[]);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let objects = rows(&report, "select object, status, retained, table_version, format from objects");
        let data: Vec<&serde_json::Value> =
            objects.iter().filter(|r| text(r, "object").contains(&format!("{folder}/"))).collect();
        assert!(!data.is_empty(), "{objects:?}");
        // The partition's file of an old version is not read as current.
        assert!(data.iter().any(|r| r["retained"] == true && r["status"] == "skipped"), "{folder}: {data:?}");
        assert!(data.iter().all(|r| &r["table_version"] == version), "{folder}: {data:?}");
        assert_eq!(rows(&report, "select tables from scans")[0]["tables"], 1);
        let cards = rows(&report, "select object from findings where entity_type = 'CREDIT_CARD'");
        assert!(cards.is_empty(), "{folder}: {cards:?}");
    }
}

#[test]
fn columns_of_a_table_with_column_mapping_are_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    if write_tables(dir.path()).is_none() {
        return;
    }
    let table = dir.path().join("mapped");
    python(&[Path::new("--column-mapping"), &table]);
    let report = dir.path().join("report");
    assert_eq!(code(&scan(&table, &report, &[])), 0);
    let columns: BTreeSet<String> =
        rows(&report, "select \"column\" from columns").iter().map(|r| text(r, "column")).collect();
    assert!(columns.contains("email") && !columns.iter().any(|c| c.contains("col-")), "{columns:?}");
    let found: BTreeSet<(String, String)> = rows(&report, "select \"column\", entity_type from findings")
        .iter()
        .map(|r| (text(r, "column"), text(r, "entity_type")))
        .collect();
    for column in ["email", "_delta_log.stats.email"] {
        assert!(found.contains(&(column.to_owned(), "EMAIL_ADDRESS".to_owned())), "{column}: {found:?}");
    }

    // Anonymized by the table's names, whether the findings come from the
    // report (which names columns as the table does) or from classifying
    // the files (which name them col-<uuid>): the policy's column names
    // apply, and no address is left in the copy.
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[columns.email]\noperator = \"mask\"\n").unwrap();
    for (name, extra) in [("from_report", vec!["--report", report.to_str().unwrap()]), ("classified", vec![])] {
        let copy = dir.path().join(name);
        let mut args = vec!["anonymize", table.to_str().unwrap(), "--out", copy.to_str().unwrap()];
        args.extend(["--policy", policy.to_str().unwrap(), "--verify"]);
        args.extend(extra);
        let out = super::lakeaudit(&args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(code(&out), 0, "{name}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("email") && stdout.contains("-> mask") && !stdout.contains("col-"), "{name}: {stdout}");
        for path in super::walk(&copy) {
            let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            assert!(!raw.contains("@example.com"), "{name}: {}", path.display());
        }
        let (theirs, ours) = (python(&[Path::new("--read"), &table]), python(&[Path::new("--read"), &copy]));
        assert_eq!((&ours["columns"], &ours["rows"]), (&theirs["columns"], &theirs["rows"]), "{name}");
    }
}

#[test]
fn an_encrypted_delta_table_copy_is_restored_as_a_delta_table() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = write_tables(dir.path()) else { return };
    let table = lake.join("crm/people_delta");
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[entities.EMAIL_ADDRESS]\noperator = \"encrypt\"\n").unwrap();
    let (copy, restored) = (dir.path().join("copy"), dir.path().join("restored"));
    let key = "42".repeat(32);
    let keyed = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lakeaudit")).args(args).env("LAKEAUDIT_KEY", &key).output().unwrap()
    };
    let (table_arg, copy_arg) = (table.to_str().unwrap(), copy.to_str().unwrap());
    let out = keyed(&["anonymize", table_arg, "--out", copy_arg, "--policy", policy.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let out = keyed(&["deanonymize", copy_arg, "--out", restored.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    // Read by the deltalake package: the same rows as the source, and the
    // emails back.
    let (theirs, ours) = (python(&[Path::new("--read"), &table]), python(&[Path::new("--read"), &restored]));
    assert_eq!((&ours["columns"], &ours["rows"]), (&theirs["columns"], &theirs["rows"]));
    let report = dir.path().join("report");
    assert_eq!(code(&scan(&restored, &report, &[])), 0);
    let found = rows(&report, "select entity_type from findings where \"column\" = 'email'");
    assert!(found.iter().any(|r| r["entity_type"] == "EMAIL_ADDRESS"), "{found:?}");
}
