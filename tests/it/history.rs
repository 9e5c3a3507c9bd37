//! A lake that changes between scans: personal data appears, grows and is
//! removed. The diff, the alerts, the CI gates, the metrics and the named
//! queries (golden files) must say so.

use super::{code, lakeaudit, query, scan, testdata};
use std::path::Path;

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap();
}

/// The alerts of the latest scan, as `kind dataset-name column`.
fn alerts(report: &Path) -> Vec<String> {
    let sql = "select kind, dataset, \"column\" from alerts where scan_id = \
               (select scan_id from scans order by started_at desc limit 1) order by kind, dataset, \"column\"";
    query(report, sql)
        .iter()
        .map(|r| {
            let dataset = r["dataset"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            format!(
                "{} {dataset} {}",
                r["kind"].as_str().unwrap(),
                r.get("column").and_then(|c| c.as_str()).unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn a_changing_lake_gives_the_expected_diff_alerts_gates_and_queries() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    let src = testdata().join("lake");
    copy(&src.join("customers/dt=2026-11-01/part-0.parquet"), &lake.join("customers/dt=2026-11-01/part-0.parquet"));
    copy(&src.join("hr/employees.csv"), &lake.join("hr/employees.csv"));
    let metrics = dir.path().join("lakeaudit.prom");
    let run = |extra: &[&str]| {
        let out = scan(&lake, &report, extra);
        (code(&out), String::from_utf8(out.stdout).unwrap())
    };

    // Scans 1 and 2: the baseline. Personal data is there, nothing new.
    assert_eq!(run(&[]).0, 0);
    assert!(alerts(&report).is_empty(), "the first scan sets the baseline");
    assert_eq!(run(&["--fail-on", "new-pii"]).0, 0);
    assert_eq!(run(&["--fail-on", "any-pii"]).0, 1, "any-pii trips on any personal data");
    assert!(alerts(&report).is_empty());

    // Scan 4: a new dataset with card numbers and IBANs, and customers grows.
    copy(&src.join("payments/part-0.parquet"), &lake.join("payments/part-0.parquet"));
    copy(&src.join("customers/dt=2026-11-02/part-0.parquet"), &lake.join("customers/dt=2026-11-02/part-0.parquet"));
    let (exit, summary) = run(&["--fail-on", "new-pii", "--metrics", metrics.to_str().unwrap()]);
    assert_eq!(exit, 1, "new personal data trips the gate: {summary}");
    assert!(summary.contains("alert new_pii: payments: card_number holds CREDIT_CARD"), "{summary}");
    assert!(summary.contains("of values) in 1 object: part-0.parquet; no earlier scan"), "names where: {summary}");
    let raised = alerts(&report);
    for column in ["card_display", "card_number", "iban", "wallet"] {
        assert!(raised.contains(&format!("new_pii payments {column}")), "{raised:?}");
    }
    assert!(raised.iter().all(|a| a.contains("payments")), "{raised:?}");
    let prom = std::fs::read_to_string(&metrics).unwrap();
    assert!(prom.contains("# TYPE lakeaudit_objects gauge"), "{prom}");
    assert!(prom.contains("status=\"scanned\"} 4"), "{prom}");
    assert!(prom.contains("kind=\"new_pii\"} 4"), "{prom}");
    assert!(prom.contains("lakeaudit_findings{") && prom.contains("entity_type=\"CREDIT_CARD\"} 2"), "{prom}");

    let named = |name: &str| {
        let out = lakeaudit(&["query", "--report", report.to_str().unwrap(), "--name", name, "--format", "csv"]);
        assert_eq!(code(&out), 0, "{name}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let new = named("new_pii_columns");
    assert_eq!(new.lines().count(), 5, "header and the four payments columns: {new}");
    assert!(new.lines().skip(1).all(|l| l.contains("/payments,")), "{new}");

    let diff = |args: &[&str]| {
        let mut argv = vec!["diff", "--report", report.to_str().unwrap(), "--format", "json"];
        argv.extend_from_slice(args);
        let out = lakeaudit(&argv);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let dataset = c["dataset"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
                format!(
                    "{} {dataset} {} {}",
                    c["change"].as_str().unwrap(),
                    c["column"].as_str().unwrap(),
                    c["entity_type"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    let changes = diff(&[]);
    assert!(changes.contains(&"appeared payments iban IBAN_CODE".to_owned()), "{changes:?}");
    assert!(changes.contains(&"grew customers email EMAIL_ADDRESS".to_owned()), "{changes:?}");
    assert!(!changes.iter().any(|c| c.contains(" hr ")), "hr did not change: {changes:?}");
    // Each change names where: the objects a finding appeared in, with its id.
    let out = lakeaudit(&["diff", "--report", report.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let change =
        |column: &str| json["changes"].as_array().unwrap().iter().find(|c| c["column"] == column).unwrap().clone();
    let (email, iban) = (change("email"), change("iban"));
    assert_eq!(email["where_count"], 1, "{email}");
    assert!(
        email["where_objects"][0].as_str().unwrap().ends_with("/customers/dt=2026-11-02/part-0.parquet"),
        "{email}"
    );
    assert!(iban["where_objects"][0].as_str().unwrap().ends_with("/payments/part-0.parquet"), "{iban}");
    let ids = query(&report, "select distinct finding_id from findings where \"column\" = 'iban'");
    assert_eq!(iban["finding_id"], ids[0]["finding_id"], "{iban}");
    let text = lakeaudit(&["diff", "--report", report.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(&format!("      in dt=2026-11-02/part-0.parquet  [{}]", email["finding_id"].as_str().unwrap())),
        "{text}"
    );

    // Scan 5: the HR export is deleted.
    std::fs::remove_file(lake.join("hr/employees.csv")).unwrap();
    std::fs::remove_dir(lake.join("hr")).unwrap();
    assert_eq!(run(&["--fail-on", "anomaly"]).0, 1, "a vanished dataset is an anomaly");
    assert_eq!(alerts(&report), ["dataset_disappeared hr -"]);
    let changes = diff(&[]);
    assert!(changes.contains(&"disappeared hr ssn US_SSN".to_owned()), "{changes:?}");
    assert!(changes.iter().all(|c| c.starts_with("disappeared hr")), "{changes:?}");
    let text = lakeaudit(&["diff", "--report", report.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("      gone from employees.csv  ["), "names what it left");
    // --from/--to pick any two scans.
    let ids: Vec<String> = query(&report, "select scan_id from scans order by started_at")
        .iter()
        .map(|r| r["scan_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(diff(&["--from", &ids[0], "--to", &ids[1]]), Vec::<String>::new());
    assert!(diff(&["--to", &ids[3]]).contains(&"appeared payments wallet CRYPTO".to_owned()));
    let unknown = lakeaudit(&["diff", "--report", report.to_str().unwrap(), "--from", "nope"]);
    assert_eq!(code(&unknown), 2);

    // The classifier's SQL functions.
    let sql = "select pii_redact('write to jane.doe@example.com now') as r, \
               array_to_string(pii_entities('from 10.1.2.3, card 4111 1111 1111 1111'), ',') as e";
    let row = &query(&report, sql)[0];
    assert_eq!(row["r"], "write to <EMAIL_ADDRESS> now");
    assert_eq!(row["e"], "IP_ADDRESS,CREDIT_CARD");

    // The named queries over this history, golden.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\d{8}T\d{6}\.\d{6}Z-[0-9a-f]{8}", "[SCAN]");
    settings.add_filter(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?", "[TIME]");
    settings.add_filter(r"\d{4}-\d{2}-\d{2}", "[DAY]");
    settings.add_filter(r"file://[^,]*/lake", "[LAKE]");
    settings.add_filter(r"\[TIME\],-?\d+(\.\d+)?", "[TIME],[HOURS]");
    // Finding ids hash the source's URL, which is where the lake is here.
    settings.add_filter(r"\b[0-9a-f]{12}\b", "[FINDING]");
    for (name, _) in lakeaudit::query::named::NAMED {
        let csv = named(name);
        settings.set_snapshot_suffix(*name);
        settings.bind(|| insta::assert_snapshot!(csv));
    }
}
