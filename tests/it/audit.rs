//! The audit log: every command leaves start and end records in a hash
//! chain under REPORT/audit; `audit verify` finds every kind of tampering;
//! concurrent runs never fork the chain; no secret reaches it.

use super::{code, copy_dir, lakeaudit, query, scan, testdata, walk};
use std::path::{Path, PathBuf};
use std::process::Command;

fn records(report: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(report.join("audit/records")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn verify(report: &Path) -> (i32, String) {
    let out = lakeaudit(&["audit", "verify", "--report", report.to_str().unwrap()]);
    (code(&out), String::from_utf8(out.stdout).unwrap())
}

/// A report with three runs (scan, query, scan): six records.
fn audited_report(dir: &Path) -> PathBuf {
    let report = dir.join("report");
    let lake = testdata().join("lake/customers");
    assert_eq!(code(&scan(&lake, &report, &["--actor", "alice"])), 0);
    query(&report, "select count(*) from findings");
    assert_eq!(code(&scan(&lake, &report, &["--actor", "bob"])), 0);
    report
}

#[test]
fn every_run_is_recorded_and_the_log_is_queryable() {
    let dir = tempfile::tempdir().unwrap();
    let report = audited_report(dir.path());
    assert_eq!(records(&report).len(), 6);
    assert_eq!(verify(&report), (0, "audit log intact: 6 records, hash chain unbroken\n".into()));
    let rows = query(&report, "select seq, kind, command, actor, outcome, exit_code, objects from audit order by seq");
    // The query itself is recorded before it runs.
    assert_eq!(rows.len(), 7);
    let line = |i: usize| {
        let get = |k: &str| rows[i].get(k).cloned().unwrap_or_default();
        format!("{} {} {} {} {}", get("kind"), get("command"), get("actor"), get("outcome"), get("exit_code"))
    };
    assert_eq!(line(0), r#""start" "scan" "alice" null null"#);
    assert_eq!(line(1), r#""end" "scan" "alice" "complete" 0"#);
    assert_eq!((rows[3]["command"].as_str(), rows[3]["outcome"].as_str()), (Some("query"), Some("complete")));
    assert_eq!(line(5), r#""end" "scan" "bob" "complete" 0"#);
    assert_eq!(rows[1]["objects"], 2, "the scan's objects and their versions are listed");
    let objects = std::fs::read_dir(report.join("audit/objects")).unwrap().count();
    assert_eq!(objects, 4, "scan, query, scan, and the query above");
    let log = lakeaudit(&["audit", "log", "--report", report.to_str().unwrap(), "--by", "bob", "--command", "scan"]);
    let log = String::from_utf8(log.stdout).unwrap();
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(log.contains("scan by bob") && log.contains("complete (exit 0), 2 objects"), "{log}");
    // A failed run still leaves its end record.
    let out = scan(&testdata().join("lake/broken"), &report, &[]);
    assert_eq!(code(&out), 3);
    let last = query(&report, "select outcome, exit_code from audit where kind = 'end' order by seq desc limit 1");
    assert_eq!((last[0]["outcome"].as_str(), last[0]["exit_code"].as_u64()), (Some("partial"), Some(3)));
}

#[test]
fn every_kind_of_tampering_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = audited_report(dir.path());
    let case = |name: &str, tamper: &dyn Fn(&[PathBuf]), says: &str| {
        let report = dir.path().join(name);
        copy_dir(&pristine, &report);
        tamper(&records(&report));
        let (code, said) = verify(&report);
        assert_eq!(code, 1, "{name}: {said}");
        assert!(said.contains("TAMPERED") && said.contains(says), "{name}: {said}");
    };
    let edit = |path: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{text}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    case("edited", &|r| edit(&r[4], "\"bob\"", "\"eve\""), "record 4: its content does not match its hash (edited)");
    case(
        "edited and hashed again",
        &|r| {
            // An editor who recomputes the hash still breaks the chain.
            let mut rec: serde_json::Value = serde_json::from_slice(&std::fs::read(&r[4]).unwrap()).unwrap();
            rec["actor"] = "eve".into();
            rec["hash"] = "".into();
            rec["mac"] = serde_json::Value::Null;
            let bare: lakeaudit::audit::Record = serde_json::from_value(rec.clone()).unwrap();
            let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(serde_json::to_vec(&bare).unwrap()));
            rec["hash"] = digest.into();
            std::fs::write(&r[4], serde_json::to_vec(&rec).unwrap()).unwrap();
        },
        "record 5: does not follow the record before it",
    );
    case("deleted", &|r| std::fs::remove_file(&r[3]).unwrap(), "records 3 to 3 are missing (deleted)");
    case(
        "reordered",
        &|r| {
            let (a, b) = (std::fs::read(&r[1]).unwrap(), std::fs::read(&r[2]).unwrap());
            std::fs::write(&r[1], b).unwrap();
            std::fs::write(&r[2], a).unwrap();
        },
        "record 1: says it is record 2 (moved or reordered)",
    );
    case(
        "inserted",
        &|r| {
            // Records 3.. moved one up, a copy of record 0 put in at 3.
            for i in (3..r.len()).rev() {
                std::fs::rename(&r[i], r[i].with_file_name(format!("{:020}.json", i + 1))).unwrap();
            }
            std::fs::copy(&r[0], r[0].with_file_name(format!("{:020}.json", 3))).unwrap();
        },
        "record 3: says it is record 0",
    );
    case(
        "truncated record",
        &|r| {
            let bytes = std::fs::read(&r[5]).unwrap();
            std::fs::write(&r[5], &bytes[..bytes.len() / 2]).unwrap();
        },
        "record 5: not a valid record",
    );
    case(
        "cut off the end",
        &|r| {
            std::fs::remove_file(&r[5]).unwrap();
            std::fs::remove_file(&r[4]).unwrap();
        },
        "the log ends at record 3 but HEAD says 5",
    );
    let head = |r: &[PathBuf]| r[0].parent().unwrap().parent().unwrap().join("HEAD");
    case(
        "HEAD's hash edited",
        &|r| {
            let mut h: serde_json::Value = serde_json::from_slice(&std::fs::read(head(r)).unwrap()).unwrap();
            h["hash"] = "0".repeat(64).into();
            std::fs::write(head(r), serde_json::to_vec(&h).unwrap()).unwrap();
        },
        "HEAD's hash is not that of record 5 (HEAD edited)",
    );
    case(
        "HEAD set back",
        &|r| {
            let mut h: serde_json::Value = serde_json::from_slice(&std::fs::read(head(r)).unwrap()).unwrap();
            h["seq"] = 3.into();
            std::fs::write(head(r), serde_json::to_vec(&h).unwrap()).unwrap();
        },
        "HEAD says the log ends at record 3 but it goes on to record 5",
    );
    case("HEAD deleted", &|r| std::fs::remove_file(head(r)).unwrap(), "HEAD is missing");
    case("HEAD truncated", &|r| std::fs::write(head(r), "{\"seq\":").unwrap(), "HEAD is not valid");
    case(
        "objects list edited",
        &|r| {
            let objects = r[0].parent().unwrap().parent().unwrap().join("objects");
            let first = std::fs::read_dir(&objects).unwrap().next().unwrap().unwrap().path();
            std::fs::write(&first, "{}\n").unwrap();
        },
        "the list of objects of run",
    );
}

#[test]
fn with_a_key_a_forged_record_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
            .args(args)
            .env("LAKEAUDIT_AUDIT_KEY", "audit-key-for-tests")
            .output()
            .unwrap()
    };
    let lake = testdata().join("lake/customers");
    let r = report.to_str().unwrap();
    assert_eq!(code(&run(&["scan", lake.to_str().unwrap(), "--report", r])), 0);
    assert_eq!(code(&run(&["audit", "verify", "--report", r])), 0);
    // A record appended by someone without the key: a valid hash chain,
    // but no valid HMAC.
    let files = records(&report);
    let mut forged: serde_json::Value = serde_json::from_slice(&std::fs::read(files.last().unwrap()).unwrap()).unwrap();
    forged["prev_hash"] = forged["hash"].clone();
    forged["seq"] = 2.into();
    forged["hash"] = "".into();
    forged["mac"] = serde_json::Value::Null;
    let bare: lakeaudit::audit::Record = serde_json::from_value(forged.clone()).unwrap();
    forged["hash"] = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(serde_json::to_vec(&bare).unwrap())).into();
    std::fs::write(files[0].with_file_name(format!("{:020}.json", 2)), serde_json::to_vec(&forged).unwrap()).unwrap();
    // ... and HEAD moved to it, as the forger would.
    let head = report.join("audit/HEAD");
    let forged_head = serde_json::json!({"seq": 2, "hash": forged["hash"], "mac": null});
    std::fs::write(&head, serde_json::to_vec(&forged_head).unwrap()).unwrap();
    assert_eq!(verify(&report).0, 0, "without the key the forgery passes: that is what the key is for");
    let out = run(&["audit", "verify", "--report", r]);
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stdout).contains("record 2: its HMAC does not match"));
}

#[test]
fn concurrent_runs_never_fork_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let lake = testdata().join("lake/payments");
    let runs: Vec<_> = (0..6)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
                .args([
                    "scan",
                    lake.to_str().unwrap(),
                    "--report",
                    report.to_str().unwrap(),
                    "--actor",
                    &format!("w{i}"),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    assert_eq!(verify(&report), (0, "audit log intact: 12 records, hash chain unbroken\n".into()));
    let per_actor =
        query(&report, "select actor, count(*) as n from audit where command = 'scan' group by actor order by actor");
    assert_eq!(per_actor.len(), 6);
    assert!(per_actor.iter().all(|r| r["n"] == 2), "{per_actor:?}");
}

#[test]
fn no_secret_reaches_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let lake = testdata().join("lake/payments");
    let secrets = [
        "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY",
        "AKIAIOSFODNN7EXAMPLE",
        "hunter2hunter2",
        "7f3c1a9e5b2d4f6081a3c5e7092b4d6f8e0a2c4b6d8f0a1c3e5b7d9f1a3c5e70",
    ];
    let out = Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args([
            "scan",
            lake.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
            "--storage-option",
            &format!("aws_secret_access_key={}", secrets[0]),
        ])
        .env("AWS_ACCESS_KEY_ID", secrets[1])
        .env("AWS_SECRET_ACCESS_KEY", secrets[0])
        .env("LAKEAUDIT_KEY", secrets[3])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let url = format!("s3://{}:{}@bucket/lake?X-Amz-Signature={}", secrets[1], secrets[2], secrets[2]);
    let failed = lakeaudit(&["scan", &url, "--report", report.to_str().unwrap()]);
    assert_ne!(code(&failed), 0);
    let sql = format!("select * from findings where evidence = '{}'", secrets[2]);
    query(&report, &sql);
    let copy = dir.path().join("copy");
    let out = Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args([
            "anonymize",
            lake.to_str().unwrap(),
            "--out",
            copy.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .env("LAKEAUDIT_KEY", secrets[3])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let mut everything = String::new();
    for path in walk(&report.join("audit")) {
        everything.push_str(&std::fs::read_to_string(path).unwrap());
    }
    assert!(everything.contains("\"command\":\"anonymize\""), "the anonymize run is in REPORT's log");
    for secret in secrets {
        assert!(!everything.contains(secret), "{secret} in the audit log");
    }
    assert!(everything.contains("aws_secret_access_key=***"));
}
