//! Fuzzing on stable Rust: seed Parquet and CSV objects are mutated (bit
//! flips, byte runs, truncations, Thrift field overwrites in the footer,
//! deep schemas, compression bombs) and each mutant is read the way a scan
//! reads an object ([`lakeaudit::pipeline::read_object`]). Every case must
//! come back as scanned, skipped or failed, within a memory budget (counted
//! by this binary's allocator) and a time budget: never a panic, never an
//! abort. `LAKEAUDIT_FUZZ_CASES` sets the number of cases (default 1,500);
//! `LAKEAUDIT_FUZZ_SEED` the seed.

#[path = "hostile/mod.rs"]
mod hostile;

use lakeaudit::classify::{Classifier, ClassifySettings};
use lakeaudit::pipeline::{Status, read_object};
use lakeaudit::sample::SampleSettings;
use lakeaudit::source::{Location, StorageOptions};
use object_store::ObjectStoreExt;
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts the bytes allocated now and at most since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new) };
        if !q.is_null() {
            NOW.fetch_sub(layout.size(), Ordering::Relaxed);
            let now = NOW.fetch_add(new, Ordering::Relaxed) + new;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Memory one object may take above what was in use before it.
const MEMORY_BUDGET: usize = 512 << 20;
/// Time one object may take.
const TIME_BUDGET: Duration = Duration::from_secs(20);

/// xorshift64*: reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The seed objects: name and bytes.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    use parquet::basic::{Compression as C, GzipLevel, ZstdLevel};
    let gz = |text: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text).unwrap();
        e.finish().unwrap()
    };
    let csv: Vec<u8> = (0..200).fold(b"id,email,note\n".to_vec(), |mut v, i| {
        writeln!(v, "{i},user{i}@example.com,\"call 212-555-{:04}, ok\"", i % 10_000).unwrap();
        v
    });
    vec![
        ("plain.parquet", hostile::written(C::UNCOMPRESSED, 200)),
        ("snappy.parquet", hostile::written(C::SNAPPY, 200)),
        ("gzip.parquet", hostile::written(C::GZIP(GzipLevel::default()), 200)),
        ("zstd.parquet", hostile::written(C::ZSTD(ZstdLevel::default()), 200)),
        ("lz4.parquet", hostile::written(C::LZ4_RAW, 200)),
        ("page.parquet", hostile::one_page(0, 10, b"\x06\x00\x00\x00abcdef")),
        ("data.csv", csv.clone()),
        ("data.csv.gz", gz(&csv)),
        ("data.csv.zst", zstd::encode_all(&csv[..], 3).unwrap()),
    ]
}

/// One mutation of `seed`.
fn mutate(rng: &mut Rng, name: &str, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    let footer = hostile::footer_range(seed).filter(|_| name.ends_with(".parquet"));
    // Where to aim: the footer half of the time, when there is one.
    let at = |rng: &mut Rng, len: usize| match &footer {
        Some(f) if rng.below(2) == 0 && f.end > f.start && f.end <= len => f.start + rng.below(f.end - f.start),
        _ => rng.below(len),
    };
    match rng.below(8) {
        0 | 1 => {
            for _ in 0..1 + rng.below(4) {
                let i = at(rng, b.len());
                b[i] ^= 1 << rng.below(8);
            }
        }
        2 => {
            let i = at(rng, b.len());
            for j in i..(i + 1 + rng.below(8)).min(b.len()) {
                b[j] = rng.next() as u8;
            }
        }
        3 => b.truncate(rng.below(b.len())),
        4 => {
            // A Thrift varint overwritten with an extreme value.
            let i = at(rng, b.len());
            let extreme: &[u8] = match rng.below(4) {
                0 => &[0xff, 0xff, 0xff, 0xff, 0x0f],
                1 => &[0x01],
                2 => &[0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
                _ => &[0x80, 0x80, 0x80, 0x80, 0x08],
            };
            for (j, x) in extreme.iter().enumerate() {
                if let Some(y) = b.get_mut(i + j) {
                    *y = *x;
                }
            }
        }
        5 => {
            // The footer length field.
            let n = b.len();
            if n >= 8 {
                let v = [0u32, 1, 7, u32::MAX, (n as u32).wrapping_sub(7), 1 << 31][rng.below(6)];
                b[n - 8..n - 4].copy_from_slice(&v.to_le_bytes());
            }
        }
        6 => {
            if let Some(m) = hostile::arrow_schema_mutated(&b, rng.below(1000), rng.next() as u8) {
                b = m;
            }
        }
        _ => {
            return match rng.below(3) {
                0 => hostile::parquet(&[], &hostile::deep_schema(rng.below(20_000) as u64)),
                1 => hostile::one_page(2, rng.below(64) as i32, &hostile::gzip_zeros(rng.below(300 << 20))),
                _ => hostile::one_page(6, i32::MAX - rng.below(1000) as i32, &[0x28, 0xb5, 0x2f, 0xfd, 0, 0]),
            };
        }
    }
    b
}

#[test]
fn mutated_objects_fail_alone_within_budgets() {
    let cases: usize = std::env::var("LAKEAUDIT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_500);
    let seed: u64 = std::env::var("LAKEAUDIT_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed);
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let classifier = Arc::new(Classifier::new(ClassifySettings::default()).unwrap());
    let sample = SampleSettings { rows: Some(100), seed: 0, limits: Default::default() };
    let seeds = seeds();
    let mut rng = Rng(seed | 1);
    let (mut scanned, mut failed, mut skipped) = (0, 0, 0);
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    for case in 0..cases {
        let (name, bytes) = &seeds[rng.below(seeds.len())];
        let mutant = mutate(&mut rng, name, bytes);
        let path = dir.path().join(name);
        std::fs::write(&path, &mutant).unwrap();
        let location = Location::parse(path.to_str().unwrap(), true, &StorageOptions::default()).unwrap();
        let base = NOW.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let started = Instant::now();
        let status = rt.block_on(async {
            let meta = location.store.head(&location.prefix).await.unwrap();
            read_object(&location, &meta, None, &sample, &classifier).await
        });
        let (elapsed, peak) = (started.elapsed(), PEAK.load(Ordering::Relaxed).saturating_sub(base));
        let keep = || std::fs::write(dir.path().join("..").join(format!("fuzz-case-{case}-{name}")), &mutant);
        if elapsed > TIME_BUDGET || peak > MEMORY_BUDGET {
            let _ = keep();
            panic!("case {case} ({name}, seed {seed}): {elapsed:?}, {} MiB: {status:?}", peak >> 20);
        }
        match status {
            Status::Scanned(..) => scanned += 1,
            Status::Skipped(_) => skipped += 1,
            Status::Failed(why, _) => {
                failed += 1;
                // The reason without numbers; a caught panic with its message.
                let cut = if why.starts_with("the decoder failed") { 160 } else { 48 };
                let kind = why.chars().filter(|c| !c.is_ascii_digit()).take(cut).collect();
                *reasons.entry(kind).or_default() += 1;
            }
            Status::Unchanged(_) => unreachable!(),
        }
    }
    println!("{cases} cases: {scanned} scanned, {failed} failed, {skipped} skipped");
    for (why, n) in &reasons {
        println!("{n:6}  {why}");
    }
    assert_eq!(scanned + failed + skipped, cases);
    assert!(failed > cases / 10, "the mutations reach the checks");
}
