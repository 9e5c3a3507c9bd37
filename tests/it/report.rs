//! The report tables: layout, appends, masking, the readable summary.

use super::{code, lakeaudit, query, scan, testdata, walk};
use arrow::array::AsArray;
use std::collections::BTreeSet;
use std::path::Path;

fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walk(dir) {
        out.push(e.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
    }
    out.sort();
    out
}

#[test]
fn each_scan_appends_one_file_per_table_in_hive_partitions() {
    let report = tempfile::tempdir().unwrap();
    let lake = testdata().join("lake/customers");
    assert_eq!(code(&scan(&lake, report.path(), &[])), 0);
    assert_eq!(code(&scan(&lake, report.path(), &[])), 0);
    // Report tables; the audit log (tested on its own) holds JSON records.
    let names: Vec<String> = files(report.path()).into_iter().filter(|n| !n.starts_with("audit/")).collect();
    assert_eq!(names.len(), 10, "{names:?}");
    for table in ["scans", "objects", "columns", "findings", "alerts"] {
        let mine: Vec<_> = names.iter().filter(|n| n.starts_with(&format!("{table}/scan_date="))).collect();
        assert_eq!(mine.len(), 2, "{table}: {names:?}");
        assert!(mine.iter().all(|n| n.ends_with(".parquet")));
    }
    let scans = query(report.path(), "select scan_id, scan_date, actor, tool_version from scans order by scan_id");
    assert_eq!(scans.len(), 2);
    assert_ne!(scans[0]["scan_id"], scans[1]["scan_id"]);
    let per_scan = query(report.path(), "select scan_id, count(*) as n from findings group by scan_id");
    assert_eq!(per_scan.len(), 2);
    assert_eq!(per_scan[0]["n"], per_scan[1]["n"]);
}

#[test]
fn nested_and_integer_columns_get_dotted_paths_and_findings() {
    let report = tempfile::tempdir().unwrap();
    scan(&testdata().join("lake"), report.path(), &[]);
    let rows = query(
        report.path(),
        "select distinct \"column\", data_type, entity_types from columns where dataset like '%customers' or dataset like '%payments' order by 1",
    );
    let get = |c: &str| rows.iter().find(|r| r["column"] == c).unwrap_or_else(|| panic!("no column {c}"));
    assert_eq!(get("device.mac")["entity_types"], serde_json::json!(["MAC_ADDRESS"]));
    assert_eq!(get("contacts")["entity_types"], serde_json::json!(["EMAIL_ADDRESS"]));
    assert_eq!(get("card_number")["data_type"], "Int64");
    assert_eq!(get("card_number")["entity_types"], serde_json::json!(["CREDIT_CARD"]));
    assert_eq!(get("lifetime_value")["data_type"], "Float64");
    for decoy in ["order_ref", "isbn", "sku", "receipt_sha1", "payment_id", "app_version", "session_id", "customer_id"]
    {
        assert_eq!(get(decoy)["entity_types"], serde_json::json!([]), "{decoy}");
    }
}

/// Whether `needle` occurs in `haystack` not glued to letters or digits: a
/// planted postcode `45345` is not leaked by a timestamp `1795435934531543`.
pub(super) fn contains_token(haystack: &str, needle: &str) -> bool {
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack
        .match_indices(needle)
        .any(|(i, _)| !glued(haystack[..i].chars().next_back()) && !glued(haystack[i + needle.len()..].chars().next()))
}

/// Every value of the lake's personal-data columns, as text.
pub(super) fn planted_values() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // Every labelled column of the national-identifier and secrets tables too.
    let labelled = |dataset: &str| -> Vec<&'static str> {
        lakegen::truth().into_iter().filter(|(d, _, _)| *d == dataset).map(|(_, c, _)| c).collect()
    };
    let basic = vec!["email", "phone", "last_ip", "card_number", "card_display", "iban", "wallet"];
    for (file, names) in [
        ("customers/dt=2026-11-01/part-0.parquet", basic.clone()),
        ("payments/part-0.parquet", basic),
        ("ids/part-0.parquet", labelled("ids")),
        ("secrets/part-0.parquet", labelled("secrets")),
        // Full names and addresses; lone first names and nationalities are
        // ordinary words that may occur in any text.
        ("crm/contacts.parquet", vec!["customer_name", "street_address"]),
    ] {
        let f = std::fs::File::open(testdata().join("lake").join(file)).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(f, 1024).unwrap();
        for batch in reader {
            let batch = batch.unwrap();
            for &name in &names {
                let Some(col) = batch.column_by_name(name) else {
                    continue;
                };
                let text = arrow::compute::cast(col, &arrow::datatypes::DataType::Utf8).unwrap();
                out.extend(text.as_string::<i32>().iter().flatten().map(str::to_owned));
            }
        }
    }
    assert!(out.len() > 10_000);
    out
}

#[test]
fn no_raw_value_reaches_the_report_or_the_output() {
    let report = tempfile::tempdir().unwrap();
    let out = scan(&testdata().join("lake"), report.path(), &["--format", "json"]);
    let mut everything = String::from_utf8_lossy(&out.stdout).into_owned();
    everything.push_str(&String::from_utf8_lossy(&out.stderr));
    for table in ["scans", "objects", "columns", "findings"] {
        let o = lakeaudit(&[
            "query",
            "--format",
            "json",
            "--report",
            report.path().to_str().unwrap(),
            &format!("select * from {table}"),
        ]);
        everything.push_str(&String::from_utf8_lossy(&o.stdout));
    }
    let text = scan(&testdata().join("lake"), report.path(), &[]);
    everything.push_str(&String::from_utf8_lossy(&text.stdout));
    let examples = query(report.path(), "select examples from findings");
    assert!(
        examples
            .iter()
            .all(|r| { r["examples"].as_array().unwrap().iter().all(|e| e.as_str().unwrap().contains('*')) })
    );
    let leaked: Vec<String> = planted_values().into_iter().filter(|v| contains_token(&everything, v)).collect();
    // The lake is synthetic: naming the leaked values is safe and says where to look.
    assert!(
        leaked.is_empty(),
        "raw values in output: {} of them, e.g. {:?}",
        leaked.len(),
        &leaked[..leaked.len().min(3)]
    );
}

#[test]
fn the_summary_names_datasets_columns_entities_and_scores() {
    let report = tempfile::tempdir().unwrap();
    let out = scan(&testdata().join("lake"), report.path(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"scan \S+ of \S+", "scan [ID] of [LAKE]");
    settings.add_filter(r"in \d+\.\ds", "in [TIME]");
    settings.add_filter(r"file://\S+/lake/", "[LAKE]/");
    // Finding ids hash the source's URL, which is where the lake is here.
    settings.add_filter(r"(?m)  [0-9a-f]{12}$", "  [FINDING ID]");
    settings.bind(|| insta::assert_snapshot!(text));
}

/// A finding keeps its id from scan to scan (and from copy to copy of the
/// report): one per source, dataset, column and entity type, in `findings`,
/// in `alerts` and in the JSON summary.
#[test]
fn findings_keep_their_ids_from_scan_to_scan() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    super::copy_dir(&testdata().join("lake/customers"), &lake);
    assert_eq!(code(&scan(&lake, &report, &[])), 0);
    super::copy_dir(&testdata().join("lake/payments"), &lake.join("payments"));
    let out = scan(&lake, &report, &["--format", "json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let ids = query(
        &report,
        "select dataset, \"column\", entity_type, count(distinct finding_id) as ids, min(finding_id) as id, \
         count(distinct scan_id) as scans from findings group by 1, 2, 3",
    );
    let mut seen = BTreeSet::new();
    for row in &ids {
        assert_eq!(row["ids"], 1, "one id per finding: {row:?}");
        let id = row["id"].as_str().unwrap();
        assert!(id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert!(seen.insert(id.to_owned()), "ids differ between findings: {id}");
        if row["dataset"].as_str().unwrap().ends_with("/customers") {
            assert_eq!(row["scans"], 2, "{row:?}");
        }
    }
    // An alert about a finding names it.
    let alerts = query(
        &report,
        "select a.finding_id, f.finding_id as found from alerts a left join \
        (select distinct dataset, \"column\", entity_type, finding_id from findings) f \
        on f.dataset = a.dataset and f.\"column\" = a.\"column\" and f.entity_type = a.entity_type \
        where a.kind = 'new_pii'",
    );
    assert!(!alerts.is_empty());
    assert!(alerts.iter().all(|a| a["finding_id"].is_string() && a["finding_id"] == a["found"]), "{alerts:?}");
    // The JSON summary gives each finding's id.
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let exposures = json[0]["exposures"].as_array().unwrap();
    assert!(exposures.iter().all(|e| e["finding_id"].as_str().is_some_and(|id| seen.contains(id))), "{exposures:?}");
}

#[test]
fn report_files_are_valid_parquet_with_the_documented_schema() {
    let report = tempfile::tempdir().unwrap();
    scan(&testdata().join("lake/payments"), report.path(), &[]);
    for path in walk(report.path()).into_iter().filter(|p| !p.strip_prefix(report.path()).unwrap().starts_with("audit"))
    {
        let f = std::fs::File::open(&path).unwrap();
        let b = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
        let cols: Vec<String> = b.schema().fields().iter().map(|f| f.name().clone()).collect();
        let table = path.strip_prefix(report.path()).unwrap().iter().next().unwrap().to_string_lossy().into_owned();
        let want: &[&str] = match table.as_str() {
            "scans" => &[
                "scan_id",
                "started_at",
                "finished_at",
                "source",
                "actor",
                "host",
                "tool_version",
                "config_digest",
                "objects_listed",
                "objects_scanned",
                "objects_failed",
                "objects_unchanged",
                "bytes_listed",
                "bytes_read",
                "columns_scanned",
                "pii_columns",
                "status",
            ],
            "objects" => &[
                "scan_id",
                "object",
                "dataset",
                "format",
                "size_bytes",
                "last_modified",
                "etag",
                "rows_total",
                "rows_sampled",
                "bytes_read",
                "status",
                "error",
                "duration_ms",
            ],
            "columns" => &[
                "scan_id",
                "object",
                "dataset",
                "column",
                "data_type",
                "sampled_values",
                "null_values",
                "distinct_values",
                "is_pii",
                "entity_types",
            ],
            "findings" => &[
                "scan_id",
                "scanned_at",
                "source",
                "object",
                "dataset",
                "column",
                "entity_type",
                "score",
                "matched_values",
                "whole_values",
                "sampled_values",
                "match_ratio",
                "recognizer",
                "evidence",
                "examples",
            ],
            "alerts" => {
                &["scan_id", "raised_at", "dataset", "column", "entity_type", "kind", "detail", "baseline", "observed"]
            }
            t => panic!("unexpected table {t}"),
        };
        for w in want {
            assert!(cols.iter().any(|c| c == w), "{table} lacks {w}");
        }
        let rows: usize = b.build().unwrap().map(|r| r.unwrap().num_rows()).sum();
        assert!(table != "scans" || rows == 1, "one scans row per scan file");
    }
}
