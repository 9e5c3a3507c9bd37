//! Nothing half-written: a scan killed mid-way publishes no report file, and
//! the bundled lake is exactly what its generator writes.

use super::{code, query, scan, testdata};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Writes `files` Parquet objects of customers rows under `dir/t/`.
pub(super) fn write_lake(dir: &Path, files: usize, rows: usize) {
    let mut r = lakegen::values::Rng::new(5);
    let batch = lakegen::customers(rows, &mut r);
    std::fs::create_dir_all(dir.join("t")).unwrap();
    for i in 0..files {
        let file = std::fs::File::create(dir.join(format!("t/part-{i}.parquet"))).unwrap();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }
}

/// Starts a slow (`--full`, one thread) scan and lets it run until it has
/// written its start record to the audit log, and a little more (a fixed
/// pause was not enough on a loaded machine: the record came later).
fn start_slow_scan(lake: &Path, report: &Path) -> Child {
    let records = |r: &Path| std::fs::read_dir(r.join("audit/records")).map_or(0, |d| d.count());
    let before = records(report);
    let child = Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args(["scan", lake.to_str().unwrap(), "--report", report.to_str().unwrap(), "--full", "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while records(report) == before && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    child
}

fn parquet_files(report: &Path) -> Vec<PathBuf> {
    super::walk(report).into_iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).collect()
}

#[test]
fn a_killed_scan_leaves_no_readable_partial_report() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_lake(lake.path(), 6, 60_000);
    // A finished scan first, so the report has something to protect.
    assert_eq!(code(&scan(&lake.path().join("t/part-0.parquet"), report.path(), &[])), 0);
    let mut child = start_slow_scan(lake.path(), report.path());
    assert!(child.try_wait().unwrap().is_none(), "the scan should still be running when killed");
    child.kill().unwrap();
    child.wait().unwrap();
    // Every published file is whole, and only the first scan is published.
    let published = parquet_files(report.path());
    for path in &published {
        let f = std::fs::File::open(path).unwrap();
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f).expect("whole Parquet file");
    }
    assert_eq!(published.len(), 5, "one file per table");
    assert_eq!(query(report.path(), "select count(*) as n from scans")[0]["n"], 1);
    // The killed run left its start record, and the log is intact.
    let runs = query(report.path(), "select kind from audit where command = 'scan' order by seq");
    assert_eq!(runs.iter().map(|r| r["kind"].as_str().unwrap()).collect::<Vec<_>>(), ["start", "end", "start"]);
    assert_eq!(code(&super::lakeaudit(&["audit", "verify", "--report", report.path().to_str().unwrap()])), 0);
}

#[test]
fn an_interrupted_scan_exits_4_and_publishes_nothing() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_lake(lake.path(), 4, 100_000);
    let child = start_slow_scan(lake.path(), report.path());
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    assert_eq!(parquet_files(report.path()), Vec::<PathBuf>::new());
    // The audit log says so.
    let end = query(report.path(), "select outcome, exit_code from audit where kind = 'end' and command = 'scan'");
    assert_eq!((end[0]["outcome"].as_str(), end[0]["exit_code"].as_u64()), (Some("interrupted"), Some(4)));
}

#[test]
fn testdata_is_what_lakegen_writes() {
    let fresh = tempfile::tempdir().unwrap();
    lakegen::small_lake(fresh.path()).unwrap();
    let committed = testdata();
    for entry in super::walk(fresh.path()) {
        let rel = entry.strip_prefix(fresh.path()).unwrap();
        let have =
            std::fs::read(committed.join(rel)).unwrap_or_else(|_| panic!("{} is missing from testdata", rel.display()));
        let want = std::fs::read(&entry).unwrap();
        // Compressed bytes depend on the compression library's build; the content must not.
        let (want, have) = match rel.extension().and_then(|e| e.to_str()) {
            Some("gz") if rel.starts_with("lake/broken") => continue,
            Some("gz") => (gunzip(&want), gunzip(&have)),
            Some("zst") => (zstd::decode_all(&want[..]).unwrap(), zstd::decode_all(&have[..]).unwrap()),
            _ => (want, have),
        };
        assert!(
            want == have,
            "{} differs from what lakegen writes: run `cargo run -p lakegen -- small testdata`",
            rel.display()
        );
    }
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(b), &mut out).unwrap();
    out
}
