//! Nothing half-written: a scan killed mid-way publishes no report file, and
//! the bundled lake is exactly what its generator writes.

use super::{code, query, scan, testdata};
use std::time::Duration;

#[test]
fn a_killed_scan_leaves_no_readable_partial_report() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut r = lakegen::values::Rng::new(5);
    for i in 0..6 {
        let batch = lakegen::customers(60_000, &mut r);
        let path = lake.path().join(format!("t/part-{i}.parquet"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut w =
            parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }
    // A finished scan first, so the report has something to protect.
    assert_eq!(code(&scan(&lake.path().join("t/part-0.parquet"), report.path(), &[])), 0);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args([
            "scan",
            lake.path().to_str().unwrap(),
            "--report",
            report.path().to_str().unwrap(),
            "--full",
            "--threads",
            "1",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert!(child.try_wait().unwrap().is_none(), "the scan should still be running when killed");
    child.kill().unwrap();
    child.wait().unwrap();
    // Every published file is whole, and only the first scan is published.
    let mut published = 0;
    for entry in walkdir(report.path()) {
        if entry.extension().is_some_and(|e| e == "parquet") {
            let f = std::fs::File::open(&entry).unwrap();
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f).expect("whole Parquet file");
            published += 1;
        }
    }
    assert_eq!(published, 4);
    assert_eq!(query(report.path(), "select count(*) as n from scans")[0]["n"], 1);
}

#[test]
fn an_interrupted_scan_exits_4_and_publishes_nothing() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut r = lakegen::values::Rng::new(6);
    let batch = lakegen::customers(100_000, &mut r);
    for i in 0..4 {
        let path = lake.path().join(format!("part-{i}.parquet"));
        let mut w =
            parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args([
            "scan",
            lake.path().to_str().unwrap(),
            "--report",
            report.path().to_str().unwrap(),
            "--full",
            "--threads",
            "1",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let sent = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    let published: Vec<_> =
        walkdir(report.path()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).collect();
    assert!(published.is_empty(), "{published:?}");
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() { walkdir(&p) } else { vec![p] }
        })
        .collect()
}

#[test]
fn testdata_is_what_lakegen_writes() {
    let fresh = tempfile::tempdir().unwrap();
    lakegen::small_lake(fresh.path()).unwrap();
    let committed = testdata();
    for entry in walkdir(fresh.path()) {
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
