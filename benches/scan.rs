//! End to end on generated lakes of at least 1 GiB of Parquet each, one
//! per writer profile ([`lakegen::Writer`]: arrow-rs with its page index,
//! pyarrow's defaults without one, in one row group per file or in 1 M-row
//! row groups; kept under target/ between runs): a `--full` scan's MB/s
//! beside the time DataFusion takes to merely read the same string columns
//! (`SELECT sum(length(c)) ...`), the two alternating three times and
//! compared by their medians, and the bytes and requests a default
//! sampled scan reads; and the bytes a default scan of an uncompressed CSV
//! lake of the same size reads. `cargo bench --bench scan`
//! (LAKEAUDIT_BENCH_BYTES to resize).

use clap::Parser;
use lakeaudit::classify::Classifier;
use lakeaudit::cli::{Cli, Command};
use lakeaudit::printer::{OutputFormat, Printer};
use lakeaudit::settings::{ConfigFile, ScanSettings};
use lakeaudit::source::Location;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let bytes: u64 = std::env::var("LAKEAUDIT_BENCH_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(1 << 30);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(threads.min(2)).enable_all().build().unwrap();
    println!("{threads} cores; lakes of customers rows as each writer writes them");
    println!();
    println!("| writer | lake | run | time | MB/s | bytes read | read requests |");
    println!("|---|---|---|---|---|---|---|");
    for writer in lakegen::Writer::ALL {
        let lake = lake(bytes, writer);
        // The floor and the full scan alternate, ROUNDS times each, and the
        // medians are compared: on a shared machine one floor run alone
        // moved the ratio by half.
        let (mut floors, mut fulls) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            floors.push(rt.block_on(datafusion_floor(&lake)));
            fulls.push(scan(&rt, &lake, &["--full"]));
        }
        let floor = median(&floors);
        let full_seconds: Vec<f64> = fulls.iter().map(|r| r.seconds).collect();
        let full = fulls.swap_remove(median_index(&full_seconds));
        let sampled = scan(&rt, &lake, &[]);
        let mb = full.bytes_listed as f64 / 1e6;
        let size = format!("{mb:.0} MB, {} objects", full.objects_listed);
        let name = writer.name();
        println!(
            "| {name} | {size} | DataFusion sum(length(c)) over the string columns (floor; median of {ROUNDS}: {}) | {floor:.2}s | {:.0} | | |",
            seconds(&floors),
            mb / floor
        );
        let full_run = format!("scan --full (median of {ROUNDS}: {})", seconds(&full_seconds));
        for (run, s) in [(full_run.as_str(), &full), ("scan (default sample)", &sampled)] {
            println!(
                "| {name} | {size} | {run} | {:.2}s | {:.0} | {} ({:.2}%) | {} |",
                s.seconds,
                mb / s.seconds,
                s.bytes_read,
                100.0 * s.bytes_read as f64 / s.bytes_listed as f64,
                s.requests,
            );
        }
        println!("| {name} | | full scan / floor (medians) | {:.1}x | | | |", full.seconds / floor);
    }
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-lake-{bytes}-csv"));
    if !csv.join("done").exists() {
        let _ = std::fs::remove_dir_all(&csv);
        lakegen::bench_csv_lake(&csv, bytes).unwrap();
        std::fs::write(csv.join("done"), b"").unwrap();
    }
    let sampled = scan_matching(&rt, &csv, "**/*.csv", &[]);
    println!(
        "| uncompressed CSV | {:.0} MB, {} objects | scan (default sample) | {:.2}s | {:.0} | {} ({:.2}%) | {} |",
        sampled.bytes_listed as f64 / 1e6,
        sampled.objects_listed,
        sampled.seconds,
        sampled.bytes_listed as f64 / 1e6 / sampled.seconds,
        sampled.bytes_read,
        100.0 * sampled.bytes_read as f64 / sampled.bytes_listed as f64,
        sampled.requests,
    );
}

/// Runs of the floor and of the full scan per lake.
const ROUNDS: usize = 3;

/// The position of the median of `xs` (the lower of the middle two).
fn median_index(xs: &[f64]) -> usize {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    order[(xs.len() - 1) / 2]
}

fn median(xs: &[f64]) -> f64 {
    xs[median_index(xs)]
}

/// Times as the table prints them, in the order they ran.
fn seconds(xs: &[f64]) -> String {
    xs.iter().map(|x| format!("{x:.2}")).collect::<Vec<_>>().join(", ")
}

/// The bench lake of `bytes` as `writer` writes it, generated once under
/// target/.
fn lake(bytes: u64, writer: lakegen::Writer) -> std::path::PathBuf {
    let name = match writer {
        lakegen::Writer::ArrowRs => format!("target/bench-lake-{bytes}"),
        w => format!("target/bench-lake-{bytes}-{}", w.name()),
    };
    let lake = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    if !lake.join("done").exists() {
        let t = Instant::now();
        let _ = std::fs::remove_dir_all(&lake);
        lakegen::bench_lake(&lake, bytes, writer).unwrap();
        std::fs::write(lake.join("done"), b"").unwrap();
        eprintln!("generated {} in {:.0}s", lake.display(), t.elapsed().as_secs_f64());
    }
    lake
}

struct Run {
    seconds: f64,
    bytes_listed: u64,
    bytes_read: u64,
    requests: u64,
    objects_listed: u64,
}

fn scan(rt: &tokio::runtime::Runtime, lake: &Path, extra: &[&str]) -> Run {
    scan_matching(rt, lake, "**/*.parquet", extra)
}

fn scan_matching(rt: &tokio::runtime::Runtime, lake: &Path, include: &str, extra: &[&str]) -> Run {
    let report = tempfile::tempdir().unwrap();
    let mut argv = vec![
        "lakeaudit",
        "scan",
        lake.to_str().unwrap(),
        "--report",
        report.path().to_str().unwrap(),
        "--include",
        include,
    ];
    argv.extend_from_slice(extra);
    let cli = Cli::parse_from(argv);
    let Command::Scan(args) = &cli.command else { unreachable!() };
    let settings = ScanSettings::resolve(args, &cli.global, ConfigFile::default()).unwrap();
    let classifier = Arc::new(Classifier::new(settings.classify.clone()).unwrap());
    let location = Location::parse(report.path().to_str().unwrap(), false, &Default::default()).unwrap();
    let mut printer = Printer::new(OutputFormat::Text, true, false);
    let mut interrupt = lakeaudit::pipeline::Interrupt::listen(rt).unwrap();
    let t = Instant::now();
    let s = rt
        .block_on(lakeaudit::pipeline::scan(
            &settings,
            &settings.sources[0],
            &location,
            classifier,
            &mut printer,
            &mut interrupt,
        ))
        .unwrap();
    Run {
        seconds: t.elapsed().as_secs_f64(),
        bytes_listed: s.scan.bytes_listed,
        bytes_read: s.scan.bytes_read,
        requests: s.scan.read_requests.unwrap_or(0),
        objects_listed: s.scan.objects_listed,
    }
}

/// Reads every string column of the lake and does the least possible with it.
async fn datafusion_floor(lake: &Path) -> f64 {
    use datafusion::prelude::*;
    let ctx = SessionContext::new();
    let path = format!("{}/customers/", lake.display());
    ctx.register_parquet("t", &path, ParquetReadOptions::default()).await.unwrap();
    let schema = ctx.table("t").await.unwrap().schema().clone();
    let cols: Vec<String> = schema
        .fields()
        .iter()
        .filter(|f| matches!(f.data_type(), arrow::datatypes::DataType::Utf8 | arrow::datatypes::DataType::Utf8View))
        .map(|f| format!("sum(length(\"{}\"))", f.name()))
        .collect();
    let sql = format!("SELECT {} FROM t", cols.join(", "));
    let t = Instant::now();
    ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    t.elapsed().as_secs_f64()
}
