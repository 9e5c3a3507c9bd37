//! The command line: JSON output, the catalog, settings.

use super::{code, lakeaudit, testdata};

#[test]
fn json_summary_parses_and_names_findings() {
    let report = tempfile::tempdir().unwrap();
    let out = lakeaudit(&[
        "scan",
        testdata().join("lake/payments").to_str().unwrap(),
        "--report",
        report.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let exposures = v[0]["exposures"].as_array().unwrap();
    assert!(exposures.iter().any(|e| e["column"] == "iban" && e["entity_type"] == "IBAN_CODE"));
    assert_eq!(v[0]["scan"]["objects_scanned"], 1);
}

#[test]
fn recognizers_list_and_test() {
    let list = String::from_utf8(lakeaudit(&["recognizers", "list"]).stdout).unwrap();
    for e in ["EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "UK_NHS", "CRYPTO"] {
        assert!(list.contains(e), "{e}");
    }
    assert!(list.starts_with("ENTITY") && list.lines().next().unwrap().contains("METHOD"));
    let person = list.lines().find(|l| l.starts_with("PERSON")).unwrap();
    assert!(person.contains("dictionary"), "{person}");
    let out = lakeaudit(&["recognizers", "test", "card 4111 1111 1111 1111", "--column", "payment_card"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("CREDIT_CARD") && text.contains("**** **** **** 1111"), "{text}");
    assert!(!text.contains("4111 1111 1111 1111"));
}

#[test]
fn show_settings_prints_resolved_settings() {
    let out = lakeaudit(&["scan", "x", "--report", "r", "--sample-rows", "5", "--show-settings"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sample"]["rows"], 5);
    assert_eq!(v["classify"]["min_score"], 0.5);
}
