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

#[test]
fn decisions_kept_in_the_report_are_honoured_listed_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    super::copy_dir(&testdata().join("lake/payments"), &lake);
    assert_eq!(code(&scan(&lake, &report, &[])), 0);
    let id = ids(&report);
    let report_arg = report.to_str().unwrap();
    let triage = |args: &[&str]| {
        let mut argv = vec!["triage"];
        argv.extend_from_slice(args);
        argv.extend(["--report", report_arg]);
        super::lakeaudit(&argv)
    };
    // Refused: no reason, a snooze without an end, a finding the report does not have.
    assert_eq!(code(&triage(&["accept", &id["card_number"]])), 2);
    assert_eq!(code(&triage(&["snooze", &id["iban"], "--reason", "later"])), 2);
    let unknown = triage(&["accept", "0123456789ab", "--reason", "x"]);
    assert_eq!(code(&unknown), 2);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no finding 0123456789ab"));
    // Recorded: the decided findings are no longer open.
    let accepted =
        triage(&["accept", &id["card_number"], &id["card_display"], "--reason", "contract", "--by", "alice"]);
    assert_eq!(code(&accepted), 0, "{}", String::from_utf8_lossy(&accepted.stderr));
    let later = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    assert_eq!(code(&triage(&["snooze", &id["iban"], "--reason", "migration", "--until", &later])), 0);
    let open = scan(&lake, &report, &["--format", "sarif", "--fail-on", "any-pii"]);
    assert_eq!(code(&open), 1, "wallet is still open");
    assert_eq!(sarif_columns(&open), ["wallet"]);
    // Listed, with who, why and until when.
    let list = triage(&["list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
    assert!(listed.as_array().unwrap().iter().all(|d| d["state"] == "live"), "{listed}");
    // The named queries about decisions.
    let named = |name: &str| -> Vec<serde_json::Value> {
        let out = super::lakeaudit(&["query", "--report", report_arg, "--name", name, "--format", "json"]);
        assert_eq!(code(&out), 0, "{name}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let open: Vec<String> = named("open_findings").iter().map(|r| r["column"].as_str().unwrap().to_owned()).collect();
    assert_eq!(open, ["wallet"]);
    let by_actor = named("decisions_by_actor");
    assert!(
        by_actor.iter().any(|r| r["actor"] == "alice" && r["kind"] == "accept" && r["findings"] == 2),
        "{by_actor:?}"
    );
    let expiring = named("expiring_decisions");
    assert_eq!(expiring.len(), 1, "{expiring:?}");
    assert_eq!(
        (expiring[0]["finding_id"].as_str(), expiring[0]["state"].as_str()),
        (Some(id["iban"].as_str()), Some("ending"))
    );
    let rows =
        query(&report, "select finding_id, kind, actor, reason, until from decisions order by decided_at, finding_id");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().any(|r| r["kind"] == "snooze" && r["until"] == later.as_str()), "{rows:?}");
    // The file's decision about a finding wins over the report's.
    let file = dir.path().join("decisions.toml");
    std::fs::write(&file, decision(&id["wallet"], "false-positive", None)).unwrap();
    let none_open =
        scan(&lake, &report, &["--format", "sarif", "--fail-on", "any-pii", "--decisions", file.to_str().unwrap()]);
    assert_eq!(code(&none_open), 0);
    // Revoked: open again.
    assert_eq!(code(&triage(&["revoke", &id["card_number"], "--reason", "contract ended"])), 0);
    let reopened = scan(&lake, &report, &["--format", "sarif"]);
    assert_eq!(sarif_columns(&reopened), ["card_number", "wallet"]);
    // Every triage run is in the audit log, which still verifies.
    let audited = query(&report, "select count(*) as n from audit where command = 'triage'");
    assert_eq!(audited[0]["n"].as_u64(), Some(2 * 7), "start and end of each of the 7 runs, refused ones too");
    assert_eq!(code(&super::lakeaudit(&["audit", "verify", "--report", report_arg])), 0);
    // The findings gone (the export deleted): the decisions about them are stale.
    std::fs::remove_file(lake.join("part-0.parquet")).unwrap();
    scan(&lake, &report, &[]);
    let list = triage(&["list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(!listed.as_array().unwrap().is_empty());
    assert!(listed.as_array().unwrap().iter().all(|d| d["state"] == "stale"), "{listed}");
}

/// The walk: five scans of a lake, decisions made in REPORT between
/// them (accept, false positive, a snooze that ends, a revoke), checking at
/// each step the gate, the alerts, the SARIF log, the webhook's payload and
/// the HTML page in headless Chromium.
#[test]
fn a_lake_walked_through_five_scans_with_decisions_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report, page) = (dir.path().join("lake"), dir.path().join("report"), dir.path().join("report.html"));
    super::copy_dir(&testdata().join("lake/customers"), &lake.join("customers"));
    let report_arg = report.to_str().unwrap();
    let (url, posted) = super::webhook::server(Vec::new());
    let run = || scan(&lake, &report, &["--format", "sarif", "--fail-on", "anomaly", "--webhook", &url]);
    let triage = |args: &[&str]| {
        let mut argv = vec!["triage"];
        argv.extend_from_slice(args);
        argv.extend(["--report", report_arg, "--by", "alice"]);
        assert_eq!(code(&super::lakeaudit(&argv)), 0, "{argv:?}");
    };
    let last_post = |n: usize| -> Vec<String> {
        let bodies = posted.lock().unwrap();
        assert_eq!(bodies.len(), n, "posts so far");
        let body: serde_json::Value = serde_json::from_str(bodies.last().unwrap()).unwrap();
        body["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| format!("{} {}", a["kind"].as_str().unwrap(), a["column"].as_str().unwrap_or("-")))
            .collect()
    };
    // The status shown for a column of payments, in headless Chromium.
    let shown = || -> Option<String> {
        let out = super::lakeaudit(&["report", "--report", report_arg, "--out", page.to_str().unwrap()]);
        assert_eq!(code(&out), 0);
        super::html::rendered(&page, "")
    };
    let status = |dom: &str, column: &str| -> String {
        let at = dom.find(&format!("<td>{column}</td>")).unwrap_or_else(|| panic!("{column}"));
        let row_start = dom[..at].rfind("<tr>").unwrap();
        let cells: Vec<&str> = dom[row_start..]
            .split("<td")
            .skip(1)
            .map(|c| c.split_once('>').unwrap().1.split("</td>").next().unwrap())
            .collect();
        cells[1].to_owned()
    };

    // Scan 1: the baseline: no alert, nothing posted.
    assert_eq!(code(&run()), 0);
    assert_eq!(posted.lock().unwrap().len(), 0);
    // Scan 2: payments arrive: four new_pii alerts trip the gate and are posted; all open.
    super::copy_dir(&testdata().join("lake/payments"), &lake.join("payments"));
    let second = run();
    assert_eq!(code(&second), 1);
    assert_eq!(last_post(1).len(), 4);
    assert!(sarif_columns(&second).contains(&"wallet".to_owned()));
    let dom = shown();
    if let Some(dom) = &dom {
        assert_eq!(status(dom, "card_number"), "open");
    }
    let id = ids(&report);

    // Decisions: card_number accepted, wallet a false positive, iban snoozed until tomorrow.
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
    triage(&["accept", &id["card_number"], "--reason", "contract"]);
    triage(&["false-positive", &id["wallet"], "--reason", "test wallets"]);
    triage(&["snooze", &id["iban"], "--reason", "migration", "--until", &tomorrow]);
    // Scan 3: no alert (nothing new), nothing posted; the decided are no SARIF result; the page says so.
    let third = run();
    assert_eq!(code(&third), 0);
    assert_eq!(posted.lock().unwrap().len(), 1);
    let open = sarif_columns(&third);
    assert!(
        open.contains(&"card_display".to_owned())
            && !open.iter().any(|c| ["card_number", "wallet", "iban"].contains(&c.as_str())),
        "{open:?}"
    );
    if let Some(dom) = shown() {
        assert_eq!(
            [status(&dom, "card_number"), status(&dom, "wallet"), status(&dom, "iban"), status(&dom, "card_display")],
            ["accepted", "false positive", "snoozed", "open"].map(str::to_owned)
        );
        assert!(dom.contains(&format!("alice until {tomorrow}: migration")), "the decision is shown");
    }

    // The snooze is cut short (its last day, yesterday): scan 4 re-raises
    // iban as decision_expired, which trips the gate and is posted.
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    triage(&["snooze", &id["iban"], "--reason", "migration", "--until", &yesterday]);
    let fourth = run();
    assert_eq!(code(&fourth), 1);
    assert_eq!(last_post(2), ["decision_expired iban"]);
    assert!(sarif_columns(&fourth).contains(&"iban".to_owned()));
    if let Some(dom) = shown() {
        assert_eq!(status(&dom, "iban"), format!("open (snoozed until {yesterday})"));
    }

    // Scan 5: card_number's acceptance revoked: open again; no new alert.
    triage(&["revoke", &id["card_number"], "--reason", "contract ended"]);
    let fifth = run();
    assert_eq!(code(&fifth), 0);
    assert_eq!(posted.lock().unwrap().len(), 2);
    assert!(sarif_columns(&fifth).contains(&"card_number".to_owned()));
    if let Some(dom) = shown() {
        assert_eq!(
            [status(&dom, "card_number"), status(&dom, "wallet")],
            ["open", "false positive"].map(str::to_owned)
        );
    }
    if dom.is_none() {
        assert!(std::env::var("LAKEAUDIT_REQUIRE_BROWSER").is_err(), "the test command installs Chromium");
    }
}
