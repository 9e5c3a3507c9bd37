//! Decisions about findings (`scan --decisions FILE`, a TOML file kept in
//! the repository): a lake walked through scans with decisions made and
//! unmade between them, checking the gate, the alerts, the summary and
//! the SARIF log at each step.

use super::{code, query, scan, testdata};
use std::path::Path;

fn ids(report: &Path) -> std::collections::BTreeMap<String, String> {
    query(report, "select distinct \"column\", finding_id from findings")
        .iter()
        .map(|r| (r["column"].as_str().unwrap().to_owned(), r["finding_id"].as_str().unwrap().to_owned()))
        .collect()
}

fn decision(id: &str, kind: &str, until: Option<chrono::NaiveDate>) -> String {
    let until = until.map(|d| format!("until = \"{d}\"\n")).unwrap_or_default();
    format!("[[decision]]\nfinding = \"{id}\"\nkind = \"{kind}\"\nreason = \"reviewed\"\nby = \"alice\"\n{until}")
}

/// The columns of a SARIF log's results.
fn sarif_columns(out: &std::process::Output) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut columns: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["properties"]["column"].as_str().unwrap().to_owned())
        .collect();
    columns.sort();
    columns
}

#[test]
fn decisions_silence_findings_until_they_end_or_are_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report, file) = (dir.path().join("lake"), dir.path().join("report"), dir.path().join("decisions.toml"));
    super::copy_dir(&testdata().join("lake/payments"), &lake);
    let run = |extra: &[&str]| {
        let mut args = vec!["--fail-on", "any-pii", "--format", "sarif"];
        args.extend_from_slice(extra);
        scan(&lake, &report, &args)
    };
    // Scan 1: four open findings; the gate trips.
    let first = run(&[]);
    assert_eq!(code(&first), 1);
    assert_eq!(sarif_columns(&first), ["card_display", "card_number", "iban", "wallet"]);
    let id = ids(&report);
    let today = chrono::Utc::now().date_naive();
    let (tomorrow, yesterday) = (today + chrono::Days::new(1), today - chrono::Days::new(1));
    let file_arg = file.to_str().unwrap();

    // Scan 2: card_number accepted, wallet a false positive, iban snoozed
    // until tomorrow: only card_display is open; the gate still trips on it.
    let decided = [
        decision(&id["card_number"], "accept", None),
        decision(&id["wallet"], "false-positive", None),
        decision(&id["iban"], "snooze", Some(tomorrow)),
    ];
    std::fs::write(&file, decided.join("\n")).unwrap();
    let second = run(&["--decisions", file_arg]);
    assert_eq!(code(&second), 1);
    assert_eq!(sarif_columns(&second), ["card_display"]);
    // The report keeps every finding: decisions change what counts, not what is there.
    assert_eq!(ids(&report).len(), 4);

    // Scan 3: card_display accepted too: nothing open, the gate passes.
    std::fs::write(&file, [decided.join("\n"), decision(&id["card_display"], "accept", None)].join("\n")).unwrap();
    let third = run(&["--decisions", file_arg]);
    assert_eq!(code(&third), 0, "{}", String::from_utf8_lossy(&third.stderr));
    assert!(sarif_columns(&third).is_empty());
    let text = scan(&lake, &report, &["--decisions", file_arg]);
    let summary = String::from_utf8_lossy(&text.stdout);
    assert!(summary.contains("decided (counted nowhere else):"), "{summary}");
    assert!(
        summary.contains(&format!("iban IBAN_CODE: snoozed by alice until {tomorrow}: reviewed  {}", id["iban"])),
        "{summary}"
    );

    // Scan 4: the snooze ended yesterday: iban is open again, with a
    // decision_expired alert. A decision about a finding no scan found is
    // stale.
    let snoozed_out = [
        decision(&id["card_number"], "accept", None),
        decision(&id["wallet"], "false-positive", None),
        decision(&id["card_display"], "accept", None),
        decision(&id["iban"], "snooze", Some(yesterday)),
        decision("0123456789ab", "accept", None),
    ];
    std::fs::write(&file, snoozed_out.join("\n")).unwrap();
    let fourth = run(&["--decisions", file_arg]);
    assert_eq!(code(&fourth), 1);
    assert_eq!(sarif_columns(&fourth), ["iban"]);
    let stderr = String::from_utf8_lossy(&fourth.stderr);
    assert!(stderr.contains("the decision about 0123456789ab (accepted by alice) is stale"), "{stderr}");
    let expired = query(&report, "select kind, detail, finding_id from alerts where kind = 'decision_expired'");
    assert_eq!(expired.len(), 1, "{expired:?}");
    assert_eq!(expired[0]["finding_id"].as_str(), Some(id["iban"].as_str()));
    assert!(
        expired[0]["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("snoozed by alice until {yesterday} (reviewed), open again"))
    );

    // Scan 5: card_number's acceptance revoked (taken out of the file):
    // open again beside iban; the others stay decided.
    std::fs::write(&file, [&snoozed_out[1], &snoozed_out[2]].map(String::as_str).join("\n")).unwrap();
    let fifth = run(&["--decisions", file_arg]);
    assert_eq!(code(&fifth), 1);
    assert_eq!(sarif_columns(&fifth), ["card_number", "iban"]);
}

#[test]
fn a_bad_decisions_file_is_a_clear_error_before_anything_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("decisions.toml");
    std::fs::write(
        &file,
        "[[decision]]\nfinding = \"3fa2c9d18e4b\"\nkind = \"snooze\"\nreason = \"later\"\nby = \"bob\"\n",
    )
    .unwrap();
    let out =
        scan(&testdata().join("lake/payments"), &dir.path().join("report"), &["--decisions", file.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("the snooze of 3fa2c9d18e4b needs `until`"));
    assert!(!dir.path().join("report").exists(), "nothing written");
}
