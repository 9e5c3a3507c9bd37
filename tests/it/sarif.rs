//! `scan --format sarif`: a SARIF 2.1.0 log that Microsoft's SARIF
//! validator (installed by the test command) accepts against the schema,
//! with one result per finding, located at the objects below the source,
//! fingerprinted by the finding's id, and no raw value anywhere.

use super::{code, lakeaudit, query, testdata};
use std::collections::BTreeSet;

#[test]
fn scan_findings_as_sarif_pass_the_sarif_validator() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let lake = testdata().join("lake");
    let out = lakeaudit(&["scan", lake.to_str().unwrap(), "--report", report.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(code(&out), 3, "the broken objects fail: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "lakeaudit");
    assert!(run["originalUriBaseIds"]["SOURCE"]["uri"].as_str().unwrap().ends_with("/testdata/lake/"), "{run}");

    // One result per finding of the report, fingerprinted by its id.
    let ids: BTreeSet<String> = query(&report, "select distinct finding_id from findings")
        .iter()
        .map(|r| r["finding_id"].as_str().unwrap().to_owned())
        .collect();
    let results = run["results"].as_array().unwrap();
    let fingerprints: BTreeSet<String> = results
        .iter()
        .map(|r| r["partialFingerprints"]["lakeauditFindingId/v1"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!((results.len(), &fingerprints), (ids.len(), &ids));
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for r in results {
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize], r["ruleId"].as_str().unwrap());
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.contains("://") && lake.join(uri).is_file(), "an object below the source: {uri}");
    }
    let card = results.iter().find(|r| r["properties"]["column"] == "card_number").unwrap();
    assert_eq!((card["ruleId"].as_str(), card["level"].as_str()), (Some("CREDIT_CARD"), Some("error")));
    assert_eq!(card["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "payments/part-0.parquet");
    // Masked examples only.
    let leaked: Vec<String> =
        super::report::planted_values().into_iter().filter(|v| super::report::contains_token(&text, v)).collect();
    assert!(leaked.is_empty(), "{} raw values, e.g. {:?}", leaked.len(), &leaked[..leaked.len().min(3)]);

    // Microsoft's validator: no error (the schema and its rules); of its
    // advice, only what a data file cannot give (a region: lines and
    // columns of text) and an information URI, which lakeaudit has none of.
    let Ok(validator) = std::env::var("LAKEAUDIT_SARIF_VALIDATOR") else {
        assert!(std::env::var("LAKEAUDIT_REQUIRE_INTEROP").is_err(), "the test command installs the validator");
        return eprintln!("skipped: no SARIF validator");
    };
    let file = dir.path().join("lake.sarif");
    std::fs::write(&file, &text).unwrap();
    let checked = std::process::Command::new(validator).arg("validate").arg(&file).output().unwrap();
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(said.contains("1 files scanned"), "{said}");
    let problems: Vec<&str> = said
        .lines()
        .filter(|l| {
            l.contains(": error ") || (l.contains(": warning ") && !l.contains("SARIF2017") && !l.contains("SARIF2005"))
        })
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn sarif_is_for_scan_only() {
    let out = lakeaudit(&["diff", "--report", "/nonexistent", "--format", "sarif"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format sarif applies to `scan` only"));
}
