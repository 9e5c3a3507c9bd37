//! Anonymize throughput beside a plain read-and-rewrite of the same files in
//! the same run: the generated bench lake (kept under target/bench-lake, as
//! the scan bench makes it) copied by `lakeaudit anonymize` with the default
//! policy, and decoded and re-encoded with the same writer settings and no
//! transform (one object per core at a time). `cargo bench --bench
//! anonymize` (LAKEAUDIT_BENCH_BYTES to resize).

use lakeaudit::anonymize::{AnonymizeSettings, Keys, policy::Policy};
use lakeaudit::classify::{Classifier, ClassifySettings};
use lakeaudit::printer::{OutputFormat, Printer};
use lakeaudit::sample::SampleSettings;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let bytes: u64 = std::env::var("LAKEAUDIT_BENCH_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(1 << 30);
    let lake = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-lake-{bytes}"));
    if !lake.join("done").exists() {
        let _ = std::fs::remove_dir_all(&lake);
        lakegen::bench_lake(&lake, bytes, lakegen::Writer::ArrowRs).unwrap();
        std::fs::write(lake.join("done"), b"").unwrap();
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(threads.min(2)).enable_all().build().unwrap();
    let files: Vec<PathBuf> = std::fs::read_dir(lake.join("customers")).unwrap().map(|e| e.unwrap().path()).collect();
    let mb = files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum::<u64>() as f64 / 1e6;
    println!("lake: {mb:.0} MB of Parquet in {} objects, {threads} cores", files.len());
    println!("| run | time | MB/s |");
    println!("|---|---|---|");
    let tokens: Policy = toml::from_str("default = \"tokenize\"").unwrap();
    for round in 1..=2 {
        let plain = rewrite(&files);
        let anonymized = anonymize(&rt, &lake.join("customers"), Policy::default());
        let tokenized = anonymize(&rt, &lake.join("customers"), tokens.clone());
        println!("| round {round}: read and rewrite, no transform | {plain:.2}s | {:.0} |", mb / plain);
        println!("| round {round}: lakeaudit anonymize (default policy) | {anonymized:.2}s | {:.0} |", mb / anonymized);
        println!(
            "| round {round}: lakeaudit anonymize (tokenize everything) | {tokenized:.2}s | {:.0} |",
            mb / tokenized
        );
        println!(
            "round {round}: anonymize / rewrite = {:.2}x (tokenize: {:.2}x)",
            anonymized / plain,
            tokenized / plain
        );
    }
}

/// Decodes and re-encodes every file, one per core at a time.
fn rewrite(files: &[PathBuf]) -> f64 {
    let out = tempfile::tempdir().unwrap();
    let t = Instant::now();
    files.par_iter().for_each(|file| {
        let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(file).unwrap()).unwrap();
        let props = lakeaudit::anonymize::parquet::properties(builder.metadata());
        let groups = builder.metadata().num_row_groups();
        let schema = builder.schema().clone();
        let dest = out.path().join(file.file_name().unwrap());
        let mut w = ArrowWriter::try_new(std::fs::File::create(dest).unwrap(), schema, Some(props)).unwrap();
        for g in 0..groups {
            let f = std::fs::File::open(file).unwrap();
            let reader =
                ParquetRecordBatchReaderBuilder::try_new(f).unwrap().with_row_groups(vec![g]).with_batch_size(8192);
            for batch in reader.build().unwrap() {
                w.write(&batch.unwrap()).unwrap();
            }
            w.flush().unwrap();
        }
        w.close().unwrap();
    });
    t.elapsed().as_secs_f64()
}

fn anonymize(rt: &tokio::runtime::Runtime, lake: &Path, policy: Policy) -> f64 {
    let out = tempfile::tempdir().unwrap();
    let threads = rayon::current_num_threads();
    let settings = AnonymizeSettings {
        source: lake.to_str().unwrap().into(),
        dest: out.path().join("copy").to_str().unwrap().into(),
        in_place: false,
        report: None,
        policy,
        verify: false,
        dry_run: false,
        sample: SampleSettings { rows: Some(1000), seed: 0, limits: Default::default() },
        objects_in_flight: 2 * threads,
        storage: Default::default(),
        cluster: None,
    };
    let classifier = Arc::new(Classifier::new(ClassifySettings::default()).unwrap());
    let mut printer = Printer::new(OutputFormat::Text, true, false);
    let t = Instant::now();
    let keys = Some(Arc::new(Keys::parse(&"5a".repeat(32)).unwrap()));
    let summary = rt.block_on(lakeaudit::anonymize::anonymize(&settings, classifier, keys, &mut printer)).unwrap();
    assert_eq!(summary.failed(), 0);
    t.elapsed().as_secs_f64()
}
