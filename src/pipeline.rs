//! The scan pipeline, and the only place that wires concurrency:
//! list (async stream) -> per object, in parallel up to a bound: detect
//! format, sample (async range reads; decoding and classification on rayon)
//! -> column verdicts -> report rows, written as results arrive. Memory is
//! bounded by the objects in flight, not by their size.

use crate::classify::{Classifier, verdict};
use crate::error::{Error, Result};
use crate::history::alerts::{self, Observed};
use crate::history::{Known, LastScan, Version};
use crate::printer::Printer;
use crate::report::{AlertRow, ColumnRow, FindingRow, ObjectRow, ReportWriter, ScanRow};
use crate::sample::{self, ObjectSample};
use crate::settings::ScanSettings;
use crate::source::format::{Detected, Format, detect};
use crate::source::{self, Listed, Location};
use crate::status::{ObjectStatus, Outcome};
use futures::StreamExt;
use object_store::{ObjectMeta, ObjectStoreExt};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

/// How one object went.
#[derive(Debug)]
pub enum Status {
    /// Read: the sample, in the format found.
    Scanned(ObjectSample, Format),
    /// Same version as in the last scan (`--incremental`): not read again.
    Unchanged(Known),
    /// Not a data object, with the reason.
    Skipped(String),
    /// Unreadable, with the reason (and the format, when known).
    Failed(String, Option<Format>),
}

/// Findings aggregated per dataset, column and entity, for the summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Exposure {
    /// Objects where the column holds the entity.
    pub objects: u64,
    /// Highest score over those objects.
    pub max_score: f64,
    /// Matched values over those objects.
    pub matched_values: u64,
    /// Sampled values over those objects.
    pub sampled_values: u64,
}

impl Exposure {
    /// Adds one object's finding.
    fn add(&mut self, score: f64, matched: u64, sampled: u64) {
        self.objects += 1;
        self.max_score = self.max_score.max(score);
        self.matched_values += matched;
        self.sampled_values += sampled;
    }
}

/// Findings by (dataset, column, entity).
type Exposures = BTreeMap<(String, String, String), Exposure>;

/// What a scan did, for the summary and the exit code.
#[derive(Debug, serde::Serialize)]
pub struct ScanSummary {
    /// The `scans` row that was written.
    pub scan: ScanRow,
    /// Findings by (dataset, column, entity).
    #[serde(serialize_with = "exposures_as_list")]
    pub exposures: BTreeMap<(String, String, String), Exposure>,
    /// Objects that could not be read, with the reason.
    pub failures: Vec<(String, String)>,
    /// The objects read, at the version read (for the audit log).
    #[serde(skip)]
    pub touched: Vec<crate::audit::Touched>,
    /// Drift and anomalies against the earlier scans of the source.
    pub alerts: Vec<AlertRow>,
}

fn exposures_as_list<S: serde::Serializer>(
    m: &BTreeMap<(String, String, String), Exposure>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    #[derive(serde::Serialize)]
    struct Item<'a> {
        dataset: &'a str,
        column: &'a str,
        entity_type: &'a str,
        #[serde(flatten)]
        exposure: &'a Exposure,
    }
    s.collect_seq(m.iter().map(|((dataset, column, entity_type), exposure)| Item {
        dataset,
        column,
        entity_type,
        exposure,
    }))
}

/// A new scan id: UTC time, sortable, plus random bits.
fn scan_id(now: chrono::DateTime<chrono::Utc>) -> String {
    let salt = format!("{:?}{}{:?}", now, std::process::id(), std::thread::current().id());
    format!("{}-{:08x}", now.format("%Y%m%dT%H%M%S%.6fZ"), xxhash_rust::xxh3::xxh3_64(salt.as_bytes()) as u32)
}

/// Ctrl-C (SIGINT), listened for from the start of a command: one that
/// arrives while the catalog compiles or the listing runs still ends the
/// scan cleanly (exit 4, nothing published) instead of killing the process.
pub struct Interrupt(tokio::sync::watch::Receiver<bool>);

impl Interrupt {
    /// Starts listening on `rt`.
    pub fn listen(rt: &tokio::runtime::Runtime) -> Result<Self> {
        let _entered = rt.enter();
        #[cfg(unix)]
        let mut sigint = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
            .map_err(|e| Error::Internal(format!("unable to listen for Ctrl-C: {e}")))?;
        let (tx, rx) = tokio::sync::watch::channel(false);
        rt.spawn(async move {
            #[cfg(unix)]
            sigint.recv().await;
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
            let _ = tx.send(true);
        });
        Ok(Self(rx))
    }

    /// Runs `work` unless Ctrl-C comes first (then: interrupted). Objects
    /// being written are uploads that never complete: nothing partial is
    /// left behind.
    pub async fn guard<T>(&mut self, work: impl std::future::Future<Output = Result<T>>) -> Result<T> {
        tokio::select! {
            r = work => r,
            () = self.wait() => Err(Error::Interrupted),
        }
    }

    /// Resolves once Ctrl-C was pressed.
    async fn wait(&mut self) {
        if self.0.wait_for(|pressed| *pressed).await.is_err() {
            // The listener is gone without a signal: never resolve.
            std::future::pending::<()>().await;
        }
    }
}

/// Scans one source and appends the scan to the report.
pub async fn scan(
    settings: &ScanSettings,
    source_arg: &str,
    report: &Location,
    classifier: Arc<Classifier>,
    printer: &mut Printer,
    interrupt: &mut Interrupt,
) -> Result<ScanSummary> {
    let started = chrono::Utc::now();
    let id = scan_id(started);
    let source = Location::parse(source_arg, true, &settings.storage)?;
    // One session over the report's earlier scans serves both.
    let earlier = crate::query::session(report, printer).await?;
    let last = match settings.incremental {
        true => last_scan(&earlier, settings, report, &source, printer).await?,
        false => None,
    };
    let history = alerts::History::load(&earlier, &source.url()).await?;
    let inside =
        report.url().strip_prefix(&format!("{}/", source.url())).map(|_| source::below(&source.prefix, &report.prefix));
    if inside.is_some() {
        printer.warn(&format!("REPORT {} is inside SOURCE: its files are left out of the scan", report.url()));
    }
    let listing = source::list(&source, settings.filters()?, inside).await?;
    let mut writer = ReportWriter::begin(report, &started.format("%Y-%m-%d").to_string(), &id)?;
    printer.progress_start("objects");
    let result = tokio::select! {
        r = run(settings, &source, last.as_ref(), &id, started.timestamp_micros(), listing, &classifier, &mut writer, printer) => r,
        () = interrupt.wait() => Err(Error::Interrupted),
    };
    printer.progress_finish();
    let Ran { mut scan, exposures, failures, touched, seen } = match result {
        Ok(r) => r,
        Err(e) => {
            writer.abort().await;
            return Err(e);
        }
    };
    scan.scan_id = id;
    scan.started_at = started.timestamp_micros();
    scan.finished_at = chrono::Utc::now().timestamp_micros();
    scan.source = source.url();
    scan.actor = settings.actor.clone();
    scan.host = settings.host.clone();
    scan.tool_version = env!("CARGO_PKG_VERSION").into();
    scan.config_digest = settings.config_digest.clone();
    scan.status = if scan.objects_failed > 0 { Outcome::Partial } else { Outcome::Complete };
    let observed = Observed {
        ratios: exposures
            .iter()
            .map(|(k, e)| (k.clone(), e.matched_values as f64 / e.sampled_values.max(1) as f64))
            .collect(),
        exposed: seen.exposed.into_iter().map(|(d, objects)| (d, objects.len() as u64)).collect(),
        types: seen.types,
        datasets: seen.datasets,
    };
    let alerts: Vec<AlertRow> = alerts::evaluate(&history, &observed, alerts::K)
        .into_iter()
        .map(|a| AlertRow {
            scan_id: scan.scan_id.clone(),
            raised_at: scan.finished_at,
            dataset: a.dataset,
            column: a.column,
            entity_type: a.entity_type,
            kind: a.kind.into(),
            detail: a.detail,
            baseline: a.baseline,
            observed: a.observed,
        })
        .collect();
    writer.commit(scan.clone(), alerts.clone()).await?;
    Ok(ScanSummary { scan, exposures, failures, touched, alerts })
}

/// The last scan of `source` that `--incremental` can build on: one with the
/// same settings (otherwise its findings are not what this scan would find).
async fn last_scan(
    earlier: &datafusion::prelude::SessionContext,
    settings: &ScanSettings,
    report: &Location,
    source: &Location,
    printer: &Printer,
) -> Result<Option<LastScan>> {
    let last = LastScan::load(earlier, report, &source.url()).await?;
    match last {
        Some(last) if last.config_digest == settings.config_digest => {
            printer.detail(&format!("incremental: building on scan {}", last.scan_id));
            Ok(Some(last))
        }
        Some(last) => {
            printer.warn(&format!(
                "incremental: the settings changed since scan {} of {}; every object is read again",
                last.scan_id,
                source.url()
            ));
            Ok(None)
        }
        None => {
            printer.detail(&format!("incremental: no earlier scan of {}; every object is read", source.url()));
            Ok(None)
        }
    }
}

/// What a run tallied as its results arrived.
struct Ran {
    scan: ScanRow,
    exposures: Exposures,
    failures: Vec<(String, String)>,
    touched: Vec<crate::audit::Touched>,
    seen: Seen,
}

/// What alerts compare besides the exposures.
#[derive(Default)]
struct Seen {
    /// Objects with any finding, per dataset.
    exposed: BTreeMap<String, HashSet<String>>,
    /// Every column's type, per (dataset, column).
    types: BTreeMap<(String, String), std::collections::BTreeSet<String>>,
    /// Every dataset with an object listed.
    datasets: std::collections::BTreeSet<String>,
}

#[allow(clippy::too_many_arguments)]
async fn run(
    settings: &ScanSettings,
    source: &Location,
    last: Option<&LastScan>,
    scan_id: &str,
    scanned_at: i64,
    listing: futures::stream::BoxStream<'static, Result<Listed>>,
    classifier: &Arc<Classifier>,
    writer: &mut ReportWriter,
    printer: &Printer,
) -> Result<Ran> {
    let mut scan = ScanRow {
        scan_id: String::new(),
        started_at: 0,
        finished_at: 0,
        source: String::new(),
        actor: String::new(),
        host: String::new(),
        tool_version: String::new(),
        config_digest: String::new(),
        objects_listed: 0,
        objects_scanned: 0,
        objects_failed: 0,
        objects_unchanged: 0,
        objects_skipped: 0,
        bytes_listed: 0,
        bytes_read: 0,
        columns_scanned: 0,
        pii_columns: 0,
        status: Outcome::Complete,
    };
    let mut exposures: BTreeMap<(String, String, String), Exposure> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut touched = Vec::new();
    let mut seen = Seen::default();
    let mut unchanged = HashSet::new();
    let mut results = listing
        .map(|item| async move {
            let started = Instant::now();
            let bytes_read = AtomicU64::new(0);
            let (meta, status) = match item? {
                Listed::Object(meta) => {
                    let known = last.and_then(|l| l.unchanged(&source.url_of(&meta.location), &Version::of(&meta)));
                    let status = match known {
                        Some(known) => Status::Unchanged(known.clone()),
                        None => read_object(source, &meta, &settings.sample, classifier, &bytes_read).await,
                    };
                    (meta, status)
                }
                Listed::Unreadable(name, why) => (unlisted(source, &name), Status::Failed(why, None)),
                Listed::Skipped(name, why) => (unlisted(source, &name), Status::Skipped(why)),
            };
            Ok::<_, Error>((meta, status, bytes_read.into_inner(), started.elapsed()))
        })
        .buffer_unordered(settings.objects_in_flight);
    while let Some(item) = results.next().await {
        let (meta, status, bytes_read, elapsed) = item?;
        let object = source.url_of(&meta.location);
        let dataset = source::dataset_of(source, &meta.location);
        seen.datasets.insert(dataset.clone());
        scan.objects_listed += 1;
        scan.bytes_listed += meta.size;
        let visit = Visit {
            scan_id,
            scanned_at,
            source: source.url(),
            object: object.clone(),
            dataset: dataset.clone(),
            meta: &meta,
            bytes_read,
            elapsed,
        };
        let ObjectRows { object: row, columns, findings } = object_rows(&visit, status, classifier);
        match row.status {
            ObjectStatus::Scanned => scan.objects_scanned += 1,
            ObjectStatus::Unchanged => {
                scan.objects_unchanged += 1;
                unchanged.insert(object.clone());
            }
            ObjectStatus::Skipped => {
                scan.objects_skipped += 1;
                printer.detail(&format!("skipped {object}: {}", row.error.as_deref().unwrap_or_default()));
            }
            ObjectStatus::Failed => {
                scan.objects_failed += 1;
                let error = row.error.clone().unwrap_or_default();
                printer.warn(&format!("{object}: {error}"));
                failures.push((object.clone(), error));
            }
        }
        for c in &columns {
            scan.count_column(c);
            seen.types.entry((dataset.clone(), c.column.clone())).or_default().insert(c.data_type.clone());
            if c.is_pii {
                seen.exposed.entry(dataset.clone()).or_default().insert(object.clone());
            }
        }
        for f in &findings {
            let e = exposures.entry((dataset.clone(), f.column.clone(), f.entity_type.clone())).or_default();
            e.add(f.score, f.matched_values, f.sampled_values);
        }
        if matches!(row.status, ObjectStatus::Scanned | ObjectStatus::Failed) {
            touched.push(crate::audit::Touched {
                role: "read",
                object: row.object.clone(),
                size: row.size_bytes,
                last_modified: row.last_modified,
                etag: row.etag.clone(),
            });
        }
        scan.bytes_read += row.bytes_read;
        printer.progress_inc(row.bytes_read);
        writer.object(row, columns, findings).await?;
    }
    if let Some(last) = last.filter(|_| !unchanged.is_empty()) {
        let mut tally = (&mut scan, &mut exposures, &mut seen);
        carry(last, Arc::new(unchanged), scan_id, scanned_at, writer, &mut tally).await?;
    }
    failures.sort();
    Ok(Ran { scan, exposures, failures, touched, seen })
}

/// Where one object's rows come from, besides what became of it.
struct Visit<'a> {
    scan_id: &'a str,
    scanned_at: i64,
    source: String,
    object: String,
    dataset: String,
    meta: &'a ObjectMeta,
    bytes_read: u64,
    elapsed: std::time::Duration,
}

/// One object's rows in the report.
struct ObjectRows {
    object: ObjectRow,
    columns: Vec<ColumnRow>,
    findings: Vec<FindingRow>,
}

/// The report's rows for one object, from what became of it: the `objects`
/// row, and for an object read its `columns` and `findings` rows. Pure: the
/// scan tallies them (and carries rows over for unchanged objects) apart.
fn object_rows(v: &Visit, status: Status, classifier: &Classifier) -> ObjectRows {
    let mut row = ObjectRow {
        scan_id: v.scan_id.into(),
        object: v.object.clone(),
        dataset: v.dataset.clone(),
        format: None,
        size_bytes: v.meta.size,
        last_modified: v.meta.last_modified.timestamp_micros(),
        etag: v.meta.e_tag.clone(),
        rows_total: None,
        rows_sampled: None,
        coverage: None,
        bytes_read: v.bytes_read,
        status: ObjectStatus::Scanned,
        error: None,
        duration_ms: v.elapsed.as_millis() as u64,
    };
    let (mut columns, mut findings) = (Vec::new(), Vec::new());
    match status {
        Status::Scanned(sample, format) => {
            row.format = Some(format.name().into());
            row.rows_total = sample.rows_total;
            row.rows_sampled = Some(sample.rows_sampled);
            row.coverage = Some(sample.coverage);
            for col in sample.columns {
                let state = col.state.as_ref();
                let found = state
                    .map(|s| verdict::findings(classifier, s, &col.path, verdict::Evidence::Column))
                    .unwrap_or_default();
                columns.push(ColumnRow {
                    scan_id: v.scan_id.into(),
                    object: v.object.clone(),
                    dataset: v.dataset.clone(),
                    column: col.path.clone(),
                    data_type: col.data_type,
                    sampled_values: state.map_or(0, |s| s.sampled),
                    null_values: state.map_or(0, |s| s.nulls),
                    distinct_values: state.map_or(0, |s| s.distinct.estimate()),
                    is_pii: !found.is_empty(),
                    entity_types: found.iter().map(|f| f.entity.to_owned()).collect(),
                });
                findings.extend(found.into_iter().map(|f| FindingRow {
                    scan_id: v.scan_id.into(),
                    scanned_at: v.scanned_at,
                    source: v.source.clone(),
                    object: v.object.clone(),
                    dataset: v.dataset.clone(),
                    column: col.path.clone(),
                    entity_type: f.entity.into(),
                    score: f.score,
                    matched_values: f.matched,
                    whole_values: f.whole,
                    sampled_values: f.sampled,
                    match_ratio: f.ratio,
                    recognizer: f.recognizer.into(),
                    evidence: f.evidence,
                    examples: f.examples,
                }));
            }
        }
        Status::Unchanged(known) => {
            row.status = ObjectStatus::Unchanged;
            row.format = known.format;
            row.rows_total = known.rows_total;
            row.rows_sampled = known.rows_sampled;
            row.coverage = known.coverage;
        }
        Status::Skipped(reason) => {
            row.status = ObjectStatus::Skipped;
            row.error = Some(reason);
        }
        Status::Failed(error, format) => {
            row.status = ObjectStatus::Failed;
            row.format = format.map(|f| f.name().into());
            row.error = Some(error);
        }
    }
    ObjectRows { object: row, columns, findings }
}

/// What stands for an entry that is no object: its name, nothing else known.
fn unlisted(source: &Location, name: &str) -> ObjectMeta {
    ObjectMeta {
        location: object_store::path::Path::from(format!("{}/{name}", source.prefix)),
        last_modified: chrono::DateTime::default(),
        size: 0,
        e_tag: None,
        version: None,
    }
}

/// Carries the `columns` and `findings` rows of unchanged objects over from
/// the last scan, counting them as this scan's.
async fn carry(
    last: &LastScan,
    objects: Arc<HashSet<String>>,
    scan_id: &str,
    scanned_at: i64,
    writer: &mut ReportWriter,
    (scan, exposures, seen): &mut (&mut ScanRow, &mut Exposures, &mut Seen),
) -> Result<()> {
    let mut columns = std::pin::pin!(last.carry::<ColumnRow>(objects.clone(), scan_id, scanned_at).await?);
    while let Some(batch) = columns.next().await {
        let batch = batch?;
        scan.count_columns(&batch);
        for (dataset, column, data_type) in ColumnRow::types(&batch) {
            seen.types.entry((dataset.into(), column.into())).or_default().insert(data_type.into());
        }
        writer.columns_batch(&batch).await?;
    }
    let mut findings = std::pin::pin!(last.carry::<FindingRow>(objects, scan_id, scanned_at).await?);
    while let Some(batch) = findings.next().await {
        let batch = batch?;
        for f in FindingRow::totals(&batch) {
            seen.exposed.entry(f.dataset.into()).or_default().insert(f.object.into());
            exposures.entry((f.dataset.into(), f.column.into(), f.entity_type.into())).or_default().add(
                f.score,
                f.matched_values,
                f.sampled_values,
            );
        }
        writer.findings_batch(&batch).await?;
    }
    Ok(())
}

/// Reads one object as a scan does: detects its format, then samples and
/// classifies it, isolated (a panic in a decoder fails the object): whatever the object holds,
/// this returns how it went.
pub async fn read_object(
    source: &Location,
    meta: &ObjectMeta,
    sample: &sample::SampleSettings,
    classifier: &Arc<Classifier>,
    bytes_read: &AtomicU64,
) -> Status {
    match format_of(source, meta, bytes_read).await {
        Ok(format) => visit(source, meta, format, sample, classifier, bytes_read).await,
        Err(status) => status,
    }
}

/// An object's format, by name and, for extension-less names, by its first
/// bytes; otherwise how it went instead (skipped, or failed when its first
/// bytes could not be read).
pub(crate) async fn format_of(
    source: &Location,
    meta: &ObjectMeta,
    bytes_read: &AtomicU64,
) -> std::result::Result<Format, Status> {
    match detect(meta.location.filename().unwrap_or_default()) {
        Detected::Known(f) => Ok(f),
        Detected::Skip(reason) => Err(Status::Skipped(reason)),
        Detected::Sniff => match sniff(source, meta, bytes_read).await {
            Ok(Some(format)) => Ok(format),
            Ok(None) => Err(Status::Skipped("no extension, and not Parquet".into())),
            Err(why) => Err(Status::Failed(why, None)),
        },
    }
}

/// Samples and classifies one object of a known format.
pub(crate) async fn visit(
    source: &Location,
    meta: &ObjectMeta,
    format: Format,
    sample: &sample::SampleSettings,
    classifier: &Arc<Classifier>,
    bytes_read: &AtomicU64,
) -> Status {
    let name = source::below(&source.prefix, &meta.location);
    let read = sample::sample(source.store.clone(), meta, &name, format, sample, classifier.clone(), bytes_read);
    match crate::isolate::object(read).await {
        Ok(Ok(s)) => Status::Scanned(s, format),
        Ok(Err(e)) => Status::Failed(e.to_string(), Some(format)),
        Err(panic) => Status::Failed(format!("the decoder failed on this object: {panic}"), Some(format)),
    }
}

/// Extension-less objects (Hive/Spark `part-00000`) are read as Parquet when
/// they start with its magic number.
async fn sniff(
    source: &Location,
    meta: &ObjectMeta,
    bytes_read: &AtomicU64,
) -> std::result::Result<Option<Format>, String> {
    if meta.size < 12 {
        return Ok(None);
    }
    let head = source
        .store
        .get_range(&meta.location, 0..4)
        .await
        .map_err(|e| format!("unable to read: {}", crate::error::describe_store_error(&e)))?;
    bytes_read.fetch_add(head.len() as u64, std::sync::atomic::Ordering::Relaxed);
    Ok((head.as_ref() == b"PAR1").then_some(Format::Parquet))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::ClassifySettings;
    use crate::sample::ColumnSample;

    #[test]
    fn an_objects_rows_follow_from_what_became_of_it() {
        let classifier = Classifier::new(ClassifySettings::default()).unwrap();
        let meta = unlisted(&Location::parse("testdata/lake", true, &Default::default()).unwrap(), "t/a.csv");
        let visit = Visit {
            scan_id: "s1",
            scanned_at: 7,
            source: "file:///lake".into(),
            object: "file:///lake/t/a.csv".into(),
            dataset: "file:///lake/t".into(),
            meta: &meta,
            bytes_read: 42,
            elapsed: std::time::Duration::from_millis(3),
        };
        let rows = |status| object_rows(&visit, status, &classifier);
        // Read: a column of emails and one of words; rows for both, a
        // finding for the emails.
        let column = |path: &str, values: Vec<String>| {
            let mut state = classifier.new_state();
            classifier.observe_all(values.iter().map(|v| Some(v.as_str())), &mut state);
            ColumnSample { path: path.into(), data_type: "Utf8".into(), state: Some(state) }
        };
        let emails = (0..50).map(|i| format!("user{i}@example.com")).collect();
        let words = (0..50).map(|i| format!("plain word {i}")).collect();
        let sample = ObjectSample {
            rows_total: Some(50),
            rows_sampled: 50,
            coverage: 1.0,
            columns: vec![column("email", emails), column("note", words)],
        };
        let read = rows(Status::Scanned(sample, Format::Csv(crate::source::format::Compression::None)));
        assert_eq!(
            (read.object.status, read.object.bytes_read, read.object.rows_sampled),
            (ObjectStatus::Scanned, 42, Some(50))
        );
        assert_eq!(
            read.columns.iter().map(|c| (c.column.as_str(), c.is_pii)).collect::<Vec<_>>(),
            [("email", true), ("note", false)]
        );
        assert_eq!(read.findings.len(), 1);
        let f = &read.findings[0];
        assert_eq!((f.column.as_str(), f.entity_type.as_str(), f.scanned_at), ("email", "EMAIL_ADDRESS", 7));
        assert!(f.examples.iter().all(|e| !e.contains("user1@")), "examples are masked");
        // Not read: one row, with what is known.
        let failed = rows(Status::Failed("truncated".into(), Some(Format::Parquet)));
        assert_eq!(
            (failed.object.status, failed.object.error.as_deref(), failed.object.format.as_deref()),
            (ObjectStatus::Failed, Some("truncated"), Some("parquet"))
        );
        assert!(failed.columns.is_empty() && failed.findings.is_empty());
        let skipped = rows(Status::Skipped("not data".into()));
        assert_eq!((skipped.object.status, skipped.object.format), (ObjectStatus::Skipped, None));
        let known = Known {
            version: Version::of(&meta),
            format: Some("csv".into()),
            rows_total: Some(9),
            rows_sampled: Some(9),
            coverage: Some(1.0),
        };
        let unchanged = rows(Status::Unchanged(known));
        assert_eq!((unchanged.object.status, unchanged.object.rows_total), (ObjectStatus::Unchanged, Some(9)));
        assert!(unchanged.columns.is_empty(), "its rows are carried over apart");
    }
}
