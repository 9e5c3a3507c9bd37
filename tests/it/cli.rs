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

#[test]
fn every_command_takes_the_report_the_same_way_and_csv_only_where_it_means_something() {
    let report = tempfile::tempdir().unwrap();
    let r = report.path().to_str().unwrap();
    let lake = testdata().join("lake/payments");
    // csv is a table format: `query` prints one, other commands refuse it
    // (before: they printed text) and nothing is done.
    let out = lakeaudit(&["scan", lake.to_str().unwrap(), "--report", r, "--format", "csv"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format csv applies to `query` only"));
    assert!(std::fs::read_dir(report.path()).unwrap().next().is_none(), "nothing written");
    assert_eq!(code(&lakeaudit(&["scan", lake.to_str().unwrap(), "--report", r])), 0);
    let out = lakeaudit(&["query", "--report", r, "--format", "csv", "SELECT count(*) AS n FROM scans"]);
    assert_eq!((code(&out), String::from_utf8_lossy(&out.stdout).trim()), (0, "n\n1"));
    // One help text for --report, whatever the command.
    let helps: Vec<String> =
        [&["scan", "--help"][..], &["query", "--help"], &["diff", "--help"], &["audit", "log", "--help"]]
            .iter()
            .map(|args| {
                let help = String::from_utf8(lakeaudit(args).stdout).unwrap();
                let lines: Vec<&str> = help.lines().collect();
                let at = lines.iter().position(|l| l.trim() == "--report <REPORT>").unwrap_or_else(|| panic!("{help}"));
                lines[at..].iter().take(3).map(|l| l.trim()).collect::<Vec<_>>().join(" ")
            })
            .collect();
    assert!(helps.iter().all(|h| h == &helps[0] && h.contains("holding the report tables")), "{helps:?}");
}

/// On a terminal, `scan` shows objects done of objects listed, bytes read
/// and an ETA (the terminal is a pseudo-terminal from util-linux's
/// `script`); piped, it shows nothing.
#[test]
fn a_scan_on_a_terminal_shows_objects_done_of_listed_and_an_eta() {
    let report = tempfile::tempdir().unwrap();
    let command = format!(
        "{} scan {} --report {}",
        env!("CARGO_BIN_EXE_lakeaudit"),
        testdata().join("lake").display(),
        report.path().display()
    );
    let Ok(out) = std::process::Command::new("script").args(["-qfec", &command, "/dev/null"]).output() else {
        return eprintln!("skipped: no `script`");
    };
    let shown = String::from_utf8_lossy(&out.stdout).replace('\r', "\n");
    // Frames are drawn at most every so often: the last one may come
    // before the end. Each says how many of the 19 objects are done.
    let frames: Vec<&str> = shown.lines().filter(|l| l.contains(" objects, ")).collect();
    assert!(!frames.is_empty(), "{shown}");
    for frame in frames {
        assert!(frame.contains("/19 objects, ") && frame.contains(" read [") && frame.contains(", ETA "), "{frame}");
    }
    let piped =
        lakeaudit(&["scan", testdata().join("lake").to_str().unwrap(), "--report", report.path().to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&piped.stderr).contains(" objects, "));
}
