//! Hostile objects and careless arguments (issue 16): each object below
//! once crashed or exhausted a scan; now each is one `failed` row naming
//! what is wrong (a limit by its name) and the scan goes on.

use super::{code, lakeaudit, query, scan};
#[path = "../hostile/mod.rs"]
pub(crate) mod files;
use files as hostile;
use files::{Chunk, footer, one_page, parquet};
use std::io::Write;
use std::path::Path;

/// Scans `lake` with `config` (TOML) and returns the failed objects' file
/// names and errors, and the scanned ones'.
fn failures(lake: &Path, config: &str) -> (Vec<(String, String)>, Vec<String>) {
    let report = tempfile::tempdir().unwrap();
    let cfg = report.path().join("config.toml");
    std::fs::write(&cfg, config).unwrap();
    let out = scan(lake, &report.path().join("r"), &["--config", cfg.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(matches!(code(&out), 0 | 3), "{stderr}");
    let name = |o: &serde_json::Value| o.as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let rows = query(&report.path().join("r"), "select object, status, error from objects order by object");
    let failed = rows
        .iter()
        .filter(|r| r["status"] == "failed")
        .map(|r| (name(&r["object"]), r["error"].as_str().unwrap().to_owned()))
        .collect();
    let scanned = rows.iter().filter(|r| r["status"] == "scanned").map(|r| name(&r["object"])).collect();
    (failed, scanned)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn hostile_parquet_footers_and_pages_fail_alone() {
    let lake = tempfile::tempdir().unwrap();
    let d = lake.path();
    let good = Chunk { codec: 0, values: 1, uncompressed: 10, compressed: 10, data_page_offset: 4 };
    write(d, "good.parquet", &hostile::written(parquet::basic::Compression::SNAPPY, 64));
    write(d, "negative-offset.parquet", &parquet(&[0; 16], &footer(1, Some(Chunk { data_page_offset: -4, ..good }))));
    write(d, "negative-size.parquet", &parquet(&[0; 16], &footer(1, Some(Chunk { compressed: -10, ..good }))));
    write(d, "huge-size.parquet", &parquet(&[0; 16], &footer(1, Some(Chunk { compressed: 1 << 62, ..good }))));
    write(d, "negative-rows.parquet", &parquet(&[], &footer(-5, None)));
    write(d, "deep-schema.parquet", &parquet(&[], &hostile::deep_schema(10_000)));
    // A footer length of 2 GB in a small object.
    let mut long = hostile::written(parquet::basic::Compression::UNCOMPRESSED, 8);
    let n = long.len();
    long[n - 8..n - 4].copy_from_slice(&(2u32 << 30).to_le_bytes());
    write(d, "footer-2gb.parquet", &long);
    // A row-group list claiming two billion entries.
    let mut t = hostile::Thrift::default();
    t.i32(1, 1).structs(2, 1).bin(4, b"schema").stop().i64(3, 0).structs(4, 2_000_000_000);
    write(d, "row-group-count.parquet", &parquet(&[], &t.0));
    // A zstd page claiming 2 GB once decompressed (a 47 KB bomb's header).
    write(d, "zstd-page.parquet", &one_page(6, 2_000_000_000, &zstd::encode_all(&[0u8; 64][..], 3).unwrap()));
    // A gzip page whose header says 16 bytes and that inflates to 8 MB.
    write(d, "gzip-page.parquet", &one_page(2, 16, &hostile::gzip_zeros(8 << 20)));
    let (failed, scanned) = failures(d, "[limits]\npage_bytes = 4194304\n");
    assert_eq!(scanned, ["good.parquet"], "{failed:?}");
    let expect = [
        ("deep-schema.parquet", "the schema's depth (65) is over the limit of 64 (limits.schema_depth)"),
        ("footer-2gb.parquet", "invalid Parquet footer: it claims 2147483648 bytes"),
        ("gzip-page.parquet", "(limits.page_bytes)"),
        ("huge-size.parquet", "a column chunk's compressed size is 4611686018427387904"),
        ("negative-offset.parquet", "a data page offset is -4"),
        ("negative-rows.parquet", "the object claims -5 rows"),
        ("negative-size.parquet", "a column chunk's compressed size is -10"),
        ("row-group-count.parquet", "a list of 2000000000 elements"),
        (
            "zstd-page.parquet",
            "a page's decompressed size (2000000000) is over the limit of 4194304 (limits.page_bytes)",
        ),
    ];
    assert_eq!(failed.len(), expect.len(), "{failed:?}");
    for ((name, error), (want_name, want)) in failed.iter().zip(expect) {
        assert_eq!(name, want_name);
        assert!(error.contains(want), "{name}: {error}");
    }
}

#[test]
fn mutated_arrow_schemas_never_take_the_scan_down() {
    let lake = tempfile::tempdir().unwrap();
    let file = hostile::written(parquet::basic::Compression::UNCOMPRESSED, 16);
    let mut made = 0;
    // Every byte of the IPC schema set to values that reach the panics
    // reported (`Type NONE`, `Timestamp unit UNKNOWN`), and others.
    for at in 0..400 {
        for value in [0u8, 0xff, 0x7f, 0x10] {
            if let Some(m) = hostile::arrow_schema_mutated(&file, at, value) {
                write(lake.path(), &format!("m{at:03}-{value:02x}.parquet"), &m);
                made += 1;
            }
        }
    }
    assert!(made > 100, "{made}");
    let (failed, scanned) = failures(lake.path(), "");
    assert_eq!(failed.len() + scanned.len(), made);
    assert!(failed.iter().all(|(_, e)| !e.is_empty()));
}

#[test]
fn csv_records_and_headers_are_bounded() {
    let lake = tempfile::tempdir().unwrap();
    let d = lake.path();
    // One 8 MB line, gzip-compressed to a few KB.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"note\n").unwrap();
    gz.write_all(&vec![b'a'; 8 << 20]).unwrap();
    write(d, "one-line.csv.gz", &gz.finish().unwrap());
    write(d, "fine.csv", b"email\nann@example.com\n");
    let (failed, scanned) = failures(d, "[limits]\nrecord_bytes = 1048576\n");
    assert_eq!(scanned, ["fine.csv"]);
    assert_eq!(failed[0].0, "one-line.csv.gz");
    assert!(failed[0].1.contains("is over the limit of 1048576 (limits.record_bytes)"), "{failed:?}");
    // A header of one million columns (8 MB, within the default record limit).
    let wide = tempfile::tempdir().unwrap();
    let header: Vec<String> = (0..1_000_000).map(|i| format!("c{i}")).collect();
    write(wide.path(), "wide.csv", format!("{}\n", header.join(",")).as_bytes());
    let (failed, _) = failures(wide.path(), "");
    assert_eq!(failed[0].0, "wide.csv");
    assert!(failed[0].1.contains("field count (1000000) is over the limit of 10000 (limits.columns)"), "{failed:?}");
}

#[test]
fn compressed_csv_is_sampled_within_a_byte_budget_and_says_so() {
    let lake = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"id,email\n").unwrap();
    for i in 0..400_000 {
        writeln!(gz, "{i},user{i}@example.com").unwrap();
    }
    write(lake.path(), "big.csv.gz", &gz.finish().unwrap());
    write(lake.path(), "small.csv", b"id,email\n1,ann@example.com\n");
    let report = tempfile::tempdir().unwrap();
    let cfg = report.path().join("c.toml");
    std::fs::write(&cfg, "[limits]\nsample_bytes = 1048576\n").unwrap();
    let out = scan(lake.path(), report.path(), &["--config", cfg.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let rows = query(report.path(), "select object, rows_total, rows_sampled, coverage from objects order by object");
    assert!(rows[0]["object"].as_str().unwrap().ends_with("big.csv.gz"));
    assert!(rows[0].get("rows_total").is_none_or(|v| v.is_null()), "a partial read does not know the rows: {rows:?}");
    assert_eq!(rows[0]["rows_sampled"], 1000);
    let coverage = rows[0]["coverage"].as_f64().unwrap();
    assert!(coverage > 0.0 && coverage < 0.5, "{coverage}");
    assert_eq!(rows[1]["coverage"], 1.0);
    assert_eq!(rows[1]["rows_total"], 1);
    let found = query(report.path(), "select column from findings where object like '%big.csv.gz'");
    assert_eq!(found[0]["column"], "email");
}

#[test]
fn utf16_csv_with_a_bom_is_read() {
    let lake = tempfile::tempdir().unwrap();
    let text = "email;name\r\nann@example.com;Ann\r\nbob@example.org;Bob\r\n";
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(lake.path(), "le.csv", &le);
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    write(lake.path(), "be.csv", &be);
    let report = tempfile::tempdir().unwrap();
    let out = scan(lake.path(), report.path(), &[]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let found = query(report.path(), "select column from findings where entity_type = 'EMAIL_ADDRESS'");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f["column"] == "email"));
}

#[test]
fn own_inputs_are_bounded_and_threads_capped() {
    let report = tempfile::tempdir().unwrap();
    let r = report.path().to_str().unwrap();
    let lake = super::testdata().join("lake/payments");
    let lake = lake.to_str().unwrap();
    let out = lakeaudit(&["scan", lake, "--report", r, "--config", "/dev/zero"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is larger than 4194304 bytes"));
    let out =
        lakeaudit(&["anonymize", lake, "--out", report.path().join("o").to_str().unwrap(), "--key-file", "/dev/zero"]);
    assert_eq!(code(&out), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("key file /dev/zero is larger than 65536 bytes"), "{stderr}");
    assert!(stderr.contains("can be read by other users"), "a key file others can read is warned of: {stderr}");
    let out = lakeaudit(&["scan", lake, "--report", r, "--threads", "100000"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threads must be at most 1024"));
    // A key passed as a config or policy file is never echoed.
    let key = report.path().join("key.hex");
    std::fs::write(&key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n").unwrap();
    for flag in ["--config", "--policy"] {
        let out = if flag == "--config" {
            lakeaudit(&["scan", lake, "--report", r, flag, key.to_str().unwrap()])
        } else {
            lakeaudit(&[
                "anonymize",
                lake,
                "--out",
                report.path().join("o").to_str().unwrap(),
                flag,
                key.to_str().unwrap(),
            ])
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 2, "{stderr}");
        assert!(!stderr.contains("00112233") && stderr.contains("line 1, column"), "{stderr}");
    }
}

#[test]
fn listing_sees_every_file_and_fails_bad_entries_alone() {
    use std::os::unix::ffi::OsStrExt;
    let lake = tempfile::tempdir().unwrap();
    let d = lake.path();
    let row = b"email\nann@example.com\n";
    for name in ["export.csv#2", "new\nline.csv", "tab\there.csv", "cr\rname.csv", "ok.csv"] {
        write(d, name, row);
    }
    write(d, "part-00003#1", &hostile::written(parquet::basic::Compression::SNAPPY, 8));
    std::fs::write(d.join(std::ffi::OsStr::from_bytes(b"bad-\xff-name.csv")), row).unwrap();
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d.join("self"), d.join("self")).unwrap();
    std::os::unix::fs::symlink(d.join("missing.csv"), d.join("dangling.csv")).unwrap();
    // The report inside the source: left out, with a note.
    let report = d.join("_report");
    let out = scan(d, &report, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 3, "{stderr}");
    assert!(stderr.contains("is inside SOURCE: its files are left out"), "{stderr}");
    let rows = query(&report, "select object, status, error from objects order by object");
    let status = |suffix: &str| {
        let r = rows
            .iter()
            .find(|r| r["object"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}: {rows:?}"));
        (r["status"].as_str().unwrap().to_owned(), r.get("error").and_then(|e| e.as_str()).unwrap_or("").to_owned())
    };
    assert_eq!(status("ok.csv").0, "scanned");
    assert_eq!(status("export.csv#2").0, "skipped", "listed, then skipped as not a data file");
    // Named like object_store's staging files, which its local store hides.
    assert_eq!(status("part-00003#1").0, "scanned");
    // Control characters are shown as `?`; the store cannot address them.
    for name in ["new%3Fline.csv", "tab%3Fhere.csv", "cr%3Fname.csv"] {
        let (s, e) = status(name);
        assert!(s == "failed" && e.contains("control characters"), "{name}: {s} {e}");
    }
    let (s, e) = status("bad-%EF%BF%BD-name.csv");
    assert_eq!((s.as_str(), e.as_str()), ("failed", "the name is not valid UTF-8"));
    let (s, e) = status("self");
    assert!(s == "failed" && e.contains("symbolic link that leads nowhere or loops"), "{e}");
    assert_eq!(status("dangling.csv").0, "failed");
    assert_eq!(status("loop").0, "skipped");
    assert!(rows.iter().all(|r| !r["object"].as_str().unwrap().contains("_report")), "{rows:?}");
}

#[test]
fn query_is_read_only() {
    let report = tempfile::tempdir().unwrap();
    scan(&super::testdata().join("lake/payments"), report.path(), &[]);
    let r = report.path().to_str().unwrap();
    let target = report.path().join("copied.parquet");
    for sql in [
        "insert into scans select * from scans".to_owned(),
        format!("copy (select * from findings) to '{}'", target.display()),
        "create table t as select 1".to_owned(),
        "create external table x stored as parquet location '/tmp'".to_owned(),
        "set datafusion.execution.batch_size = 1".to_owned(),
        "explain analyze insert into scans select * from scans".to_owned(),
    ] {
        let out = lakeaudit(&["query", "--report", r, &sql]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 2, "{sql}: {stderr}");
        assert!(stderr.contains("lakeaudit query is read-only"), "{sql}: {stderr}");
    }
    assert!(!target.exists());
    assert_eq!(query(report.path(), "select count(*) as n from scans")[0]["n"], 1);
    // An error that quotes the query's literals is recorded masked, and a
    // password in an endpoint URL is never shown nor recorded.
    let out = lakeaudit(&["query", "--report", r, "select * from findings where nope = 'ann@example.com'"]);
    assert_eq!(code(&out), 4);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args(["scan", "s3://bucket/lake", "--report", r, "--storage-option"])
        .args(["aws_endpoint=http://admin:hunter2@127.0.0.1:9", "--storage-option", "aws_allow_http=true"])
        .envs([("AWS_ACCESS_KEY_ID", "x"), ("AWS_SECRET_ACCESS_KEY", "y"), ("AWS_REGION", "us-east-1")])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("hunter2"), "{}", String::from_utf8_lossy(&out.stderr));
    let log: String =
        super::walk(&report.path().join("audit")).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    assert!(!log.contains("ann@example.com") && !log.contains("hunter2"), "{log}");
    assert!(log.contains("\"--report\""), "flags are recorded as given: {log}");
}

#[test]
fn a_corrupt_report_file_is_named_and_locks_nothing_out() {
    let report = tempfile::tempdir().unwrap();
    let r = report.path();
    let lake = super::testdata().join("lake/payments");
    assert_eq!(code(&scan(&lake, r, &[])), 0);
    assert_eq!(code(&scan(&lake, r, &[])), 0);
    let findings: Vec<_> = super::walk(&r.join("findings"));
    let bad = &findings[0];
    let bytes = std::fs::read(bad).unwrap();
    std::fs::write(bad, &bytes[..bytes.len() / 2]).unwrap();
    let shown = bad.file_name().unwrap().to_str().unwrap();
    let warned = |out: &std::process::Output| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("report table findings:") && stderr.contains(shown), "{stderr}");
    };
    let rs = r.to_str().unwrap();
    let out = lakeaudit(&["query", "--report", rs, "select count(*) as n from scans"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    warned(&out);
    let out =
        lakeaudit(&["query", "--format", "json", "--report", rs, "select count(distinct scan_id) as n from findings"]);
    assert_eq!(code(&out), 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"n\":1"), "the other scan's findings still read");
    assert_eq!(code(&lakeaudit(&["audit", "verify", "--report", rs])), 0);
    let out = scan(&lake, r, &[]);
    assert_eq!(code(&out), 0, "a new scan runs, its alerts read the rest");
    warned(&out);
    assert_eq!(std::fs::read(bad).unwrap().len(), bytes.len() / 2, "the corrupt file is left as it was");
}

#[test]
fn a_dataset_of_csv_and_parquet_raises_no_type_alert_when_unchanged() {
    let lake = tempfile::tempdir().unwrap();
    let d = lake.path().join("mixed");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("a.csv"), "id,email\nA-1,ann@example.com\nA-2,bob@example.org\n").unwrap();
    std::fs::write(d.join("b.parquet"), files::written(parquet::basic::Compression::SNAPPY, 32)).unwrap();
    let report = tempfile::tempdir().unwrap();
    for run in 0..12 {
        let out = scan(lake.path(), report.path(), &["--fail-on", "anomaly"]);
        assert_eq!(code(&out), 0, "run {run}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn metrics_that_cannot_be_written_fail_the_run_the_audit_log_records() {
    let report = tempfile::tempdir().unwrap();
    let lake = super::testdata().join("lake/payments");
    let out = scan(&lake, report.path(), &["--metrics", "/no/such/folder/m.prom"]);
    assert_eq!(code(&out), 4, "{}", String::from_utf8_lossy(&out.stderr));
    let ends = query(report.path(), "select outcome, exit_code from audit where kind = 'end'");
    assert_eq!(ends.len(), 1);
    assert_eq!((ends[0]["outcome"].as_str(), ends[0]["exit_code"].as_u64()), (Some("failed"), Some(4)));
}

#[test]
fn an_unreadable_folder_fails_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Permissions do not stop root (the CI runs as root): then there is
    // nothing to test here.
    if std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0) == 0 {
        return eprintln!("skipped: running as root");
    }
    let lake = tempfile::tempdir().unwrap();
    std::fs::create_dir(lake.path().join("locked")).unwrap();
    write(&lake.path().join("locked"), "a.csv", b"email\nann@example.com\n");
    write(lake.path(), "ok.csv", b"email\nann@example.com\n");
    std::fs::set_permissions(lake.path().join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let report = tempfile::tempdir().unwrap();
    let out = scan(lake.path(), report.path(), &[]);
    std::fs::set_permissions(lake.path().join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code(&out), 3, "{}", String::from_utf8_lossy(&out.stderr));
    let rows = query(report.path(), "select object, status, error from objects order by object");
    assert!(rows.iter().any(|r| r["status"] == "failed" && r["error"].as_str().unwrap().contains("unable to list")));
    assert!(rows.iter().any(|r| r["status"] == "scanned"));
}
