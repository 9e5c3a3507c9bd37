//! The scan pipeline: list (async stream) -> per object, a bounded number
//! at a time (`concurrency`): detect format, sample (async range
//! reads; decoding and classification on rayon) -> column verdicts ->
//! report rows, written as results arrive and tallied for the `scans` row.
//! Memory is bounded by the objects in flight, not by their size.

use crate::classify::Classifier;
use crate::concurrency;
use crate::error::{Error, Result};
use crate::history::alerts::{self, Observed};
use crate::history::{Known, LastScan, Version};
use crate::printer::Printer;
use crate::report::{AlertRow, ColumnRow, FindingRow, ObjectRow, ReportWriter, ScanRow};
use crate::sample::{self, ObjectSample};
use crate::settings::ScanSettings;
use crate::source::format::Format;
use crate::source::table::{self, Role};
use crate::source::{self, Listed, Location};
use crate::status::{ObjectStatus, Outcome};
use futures::StreamExt;
use object_store::ObjectMeta;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use std::time::Instant;

mod object;
use object::unlisted;
pub use object::{Cost, Done, Facts, Meta, ObjectRows, Read, Reader, Stamp, read_object};
pub(crate) use object::{format_of, visit};

/// How one object went.
#[derive(Debug)]
pub enum Status {
    /// Read: the sample, in the format found (by name: `parquet`, `csv`,
    /// `delta_log`).
    Scanned(ObjectSample, &'static str),
    /// Same version as in the last scan (`--incremental`): not read again.
    Unchanged(Known),
    /// Not a data object, with the reason.
    Skipped(String),
    /// Unreadable, with the reason (and the format, when known).
    Failed(String, Option<Format>),
}

/// Objects an [`Exposure`] names, at most: a finding may be in millions.
pub const HELD: usize = 10;

/// Findings aggregated per dataset, column and entity, for the summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Exposure {
    /// The finding's id ([`crate::report::finding_id`]).
    pub finding_id: Option<String>,
    /// Objects where the column holds the entity.
    pub objects: u64,
    /// Highest score over those objects.
    pub max_score: f64,
    /// Matched values over those objects.
    pub matched_values: u64,
    /// Sampled values over those objects.
    pub sampled_values: u64,
    /// The first [`HELD`] of those objects by name (where alerts and SARIF
    /// point; `objects` counts them all).
    #[serde(skip)]
    pub holders: BTreeSet<String>,
    /// Masked examples, from the strongest object's finding.
    #[serde(skip)]
    pub examples: Vec<String>,
}

impl Exposure {
    /// Adds one object's finding.
    fn add(&mut self, f: &FindingRow) {
        self.objects += 1;
        if f.score > self.max_score || self.examples.is_empty() {
            self.examples.clone_from(&f.examples);
        }
        self.max_score = self.max_score.max(f.score);
        self.matched_values += f.matched_values;
        self.sampled_values += f.sampled_values;
        self.holders.insert(f.object.clone());
        if self.holders.len() > HELD {
            self.holders.pop_last();
        }
        self.finding_id.clone_from(&f.finding_id);
    }
}

/// Findings by (dataset, column, entity).
pub type Exposures = BTreeMap<(String, String, String), Exposure>;

/// What a scan did, for the summary and the exit code.
#[derive(Debug, serde::Serialize)]
pub struct ScanSummary {
    /// The `scans` row that was written.
    pub scan: ScanRow,
    /// Findings by (dataset, column, entity), in what the source holds now
    /// (loose objects and the current versions of tables).
    #[serde(serialize_with = "exposures_as_list")]
    pub exposures: Exposures,
    /// Findings in the files of old table versions still on storage
    /// (`--history`), by (table, column, entity).
    #[serde(serialize_with = "exposures_as_list")]
    pub retained: Exposures,
    /// Objects that could not be read, with the reason.
    pub failures: Vec<(String, String)>,
    /// The objects read, at the version read (for the audit log).
    #[serde(skip)]
    pub touched: Vec<crate::audit::Touched>,
    /// Drift and anomalies against the earlier scans of the source.
    pub alerts: Vec<AlertRow>,
    /// Findings with a live decision (`--decisions`): in the report, but
    /// counted nowhere else, by (dataset, column, entity), with the decision.
    #[serde(serialize_with = "decided_as_list")]
    pub decided: BTreeMap<(String, String, String), (Exposure, crate::triage::Decision)>,
}

fn decided_as_list<S: serde::Serializer>(
    m: &BTreeMap<(String, String, String), (Exposure, crate::triage::Decision)>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(m.iter().map(|((dataset, column, entity_type), (exposure, decision))| {
        serde_json::json!({
            "dataset": dataset, "column": column, "entity_type": entity_type,
            "finding_id": exposure.finding_id, "decision": decision,
        })
    }))
}

fn exposures_as_list<S: serde::Serializer>(m: &Exposures, s: S) -> std::result::Result<S::Ok, S::Error> {
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
    let (id, started_at) = (scan_id(started), started.timestamp_micros());
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
    let listing = match &settings.cluster {
        Some(url) => crate::cluster::list(url, &source, settings, inside, printer).await?,
        None => source::list(&source, settings.filters()?, inside).await?,
    };
    let warn = &mut |w: &str| printer.warn(w);
    let (entries, tables) = table::resolve(&source, listing, &settings.filters()?, settings.history, warn).await?;
    let names = partition_names(&entries, &classifier).await?;
    // As objects are counted: partition folders are none.
    let total = entries.iter().filter(|e| !matches!(e.role, Role::Partitions(_))).count();
    let listing = futures::stream::iter(entries.into_iter().map(Ok)).boxed();
    let mut writer = ReportWriter::begin(report, started_at, &id)?;
    let reader = Reader {
        stamp: Stamp { scan_id: id.clone(), scanned_at: started_at, source: source.url() },
        source: source.clone(),
        sample: settings.sample.clone(),
        classifier,
        names,
    };
    let run = Run { settings, source: &source, last: last.as_ref(), reader };
    printer.progress_start("objects", total);
    let result = tokio::select! {
        r = run.objects(listing, &mut writer, printer) => r,
        () = interrupt.wait() => Err(Error::Interrupted),
    };
    printer.progress_finish();
    let tally = match result {
        Ok(tally) => tally,
        Err(e) => {
            writer.abort().await;
            return Err(e);
        }
    };
    let mut scan = run.scan_row(&tally.counts);
    scan.tables = Some(tables);
    let mut alerts: Vec<AlertRow> = alerts::evaluate(&history, &tally.observed(), alerts::K)
        .into_iter()
        .map(|a| AlertRow {
            finding_id: match (&a.column, &a.entity_type) {
                (Some(column), Some(entity)) => {
                    Some(crate::report::finding_id(&scan.source, &a.dataset, column, entity))
                }
                _ => None,
            },
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
    let (mut exposures, mut retained) = (tally.exposures, tally.retained);
    let decided =
        decide(&settings.decisions, &mut exposures, &mut retained, &mut alerts, &scan, &history.expired_raised);
    writer.commit(scan.clone(), alerts.clone()).await?;
    let (failures, touched) = (tally.failures, tally.touched);
    Ok(ScanSummary { scan, exposures, retained, failures, touched, alerts, decided })
}

/// Applies the decisions on the scan's first day: findings with a live
/// decision leave `exposures` and `retained` (returned, with the
/// decision), their alerts are dropped, and a finding whose decision ended
/// raises `decision_expired`, once per decision (an earlier scan that
/// raised the same alert, in `raised`, settles it).
fn decide(
    decisions: &crate::triage::Decisions,
    exposures: &mut Exposures,
    retained: &mut Exposures,
    alerts: &mut Vec<AlertRow>,
    scan: &ScanRow,
    raised: &BTreeSet<(String, String)>,
) -> BTreeMap<(String, String, String), (Exposure, crate::triage::Decision)> {
    let mut decided = BTreeMap::new();
    if decisions.list.is_empty() {
        return decided;
    }
    let today = chrono::DateTime::from_timestamp_micros(scan.started_at).unwrap_or_default().date_naive();
    let live = |e: &Exposure| e.finding_id.as_deref().and_then(|id| decisions.live(id, today)).cloned();
    for found in [&mut *exposures, &mut *retained] {
        for (key, e) in std::mem::take(found) {
            match live(&e) {
                Some(d) => {
                    decided.entry(key).or_insert((e, d));
                }
                None => {
                    found.insert(key, e);
                }
            }
        }
    }
    let ids: HashSet<&str> = decided.values().filter_map(|(e, _)| e.finding_id.as_deref()).collect();
    alerts.retain(|a| a.finding_id.as_deref().is_none_or(|id| !ids.contains(id)));
    for ((dataset, column, entity), e) in exposures.iter() {
        let Some(id) = &e.finding_id else { continue };
        let Some(d) = decisions.expired(id, today) else { continue };
        let detail = format!(
            "{column} holds {entity}: {} by {} until {} ({}), open again",
            d.kind.word(),
            d.by,
            d.until.as_deref().unwrap_or_default(),
            d.reason
        );
        if raised.contains(&(id.clone(), detail.clone())) {
            continue;
        }
        alerts.push(AlertRow {
            scan_id: scan.scan_id.clone(),
            raised_at: scan.finished_at,
            dataset: dataset.clone(),
            column: Some(column.clone()),
            entity_type: Some(entity.clone()),
            kind: "decision_expired".into(),
            detail,
            baseline: None,
            observed: None,
            finding_id: e.finding_id.clone(),
        });
    }
    decided
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

/// One scan's run over the objects of its source.
struct Run<'a> {
    settings: &'a ScanSettings,
    source: &'a Location,
    /// The scan `--incremental` builds on.
    last: Option<&'a LastScan>,
    /// What every object is read with, folder names that name personal
    /// data among it (masked wherever an object is named).
    reader: Reader,
}

/// What becomes of one listed entry: decided without reading it, or an
/// object to read.
enum Step {
    Done(Done),
    Read(Read),
}

/// What becomes of a listed object in its role: how it went, or how to read
/// it.
enum Next {
    Status(Status),
    Read { skip: Option<table::Deleted>, every: bool },
}

impl Run<'_> {
    /// An object's name in the report: its URL, folder names that name
    /// personal data masked, and what stands for it where it is not an
    /// object itself.
    fn object_name(&self, meta: &ObjectMeta, role: &Role) -> String {
        let url = self.reader.names.mask(&self.source.url_of(&meta.location)).into_owned();
        match role {
            Role::DeletedRows(..) => format!("{url}#deleted-rows"),
            Role::LogHistory(..) => format!("{url}#history"),
            Role::Partitions(_) => format!("{url}#partitions"),
            _ => url,
        }
    }

    /// The `scans` row of the run, finished now, with `counts`.
    fn scan_row(&self, c: &Counts) -> ScanRow {
        ScanRow {
            scan_id: self.reader.stamp.scan_id.clone(),
            started_at: self.reader.stamp.scanned_at,
            finished_at: chrono::Utc::now().timestamp_micros(),
            source: self.source.url(),
            actor: self.settings.actor.clone(),
            host: self.settings.host.clone(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            config_digest: self.settings.config_digest.clone(),
            objects_listed: c.listed,
            objects_scanned: c.scanned,
            objects_failed: c.failed,
            objects_unchanged: c.unchanged,
            objects_skipped: c.skipped,
            bytes_listed: c.bytes_listed,
            bytes_read: c.bytes_read,
            columns_scanned: c.columns,
            pii_columns: c.pii_columns,
            status: if c.failed > 0 { Outcome::Partial } else { Outcome::Complete },
            read_requests: Some(c.read_requests),
            tables: None,
        }
    }

    /// Reads the listed objects, a bounded number at a time, here or on
    /// the cluster, and writes each one's rows as they come; then carries
    /// the rows of unchanged objects over from the last scan.
    async fn objects(
        &self,
        listing: futures::stream::BoxStream<'static, Result<table::Entry>>,
        writer: &mut ReportWriter,
        printer: &Printer,
    ) -> Result<Tally> {
        let mut tally = Tally::default();
        let in_flight = self.settings.objects_in_flight;
        let mut done = match &self.settings.cluster {
            None => concurrency::bounded(listing, in_flight, |item| self.handle(item)).boxed(),
            Some(cluster) => self.on_cluster(cluster, listing, printer).await?,
        };
        while let Some(done) = done.next().await {
            let Done { rows: ObjectRows { object, columns, findings }, how, by } = done?;
            if let Some(how) = how {
                printer.detail(&format!("{}: {how}", object.object));
            }
            let why = object.error.as_deref().unwrap_or_default();
            match object.status {
                ObjectStatus::Skipped => printer.detail(&format!("skipped {}: {why}", object.object)),
                ObjectStatus::Failed => printer.warn(&format!("{}: {why}", object.object)),
                ObjectStatus::Scanned | ObjectStatus::Unchanged => {}
            }
            tally.object(&object, by.as_deref());
            columns.iter().for_each(|c| tally.column(c));
            findings.iter().for_each(|f| tally.finding(f));
            if object.format.as_deref() != Some(PARTITIONS) {
                printer.progress_inc(object.bytes_read);
            }
            writer.object(object, columns, findings).await?;
        }
        if let Some(last) = self.last.filter(|_| !tally.unchanged.is_empty()) {
            self.carry(last, &mut tally, writer).await?;
        }
        tally.failures.sort();
        Ok(tally)
    }

    /// The objects' rows, read by the cluster at `url`: what needs no
    /// reading is decided here (as [`Run::handle`] does), the objects to
    /// read go out in jobs, and their rows come back as each finished.
    async fn on_cluster(
        &self,
        url: &str,
        listing: futures::stream::BoxStream<'static, Result<table::Entry>>,
        printer: &Printer,
    ) -> Result<futures::stream::BoxStream<'_, Result<Done>>> {
        let (mut done, mut reads) = (Vec::new(), Vec::new());
        let mut steps =
            std::pin::pin!(concurrency::bounded(listing, self.settings.objects_in_flight, |item| { self.step(item) }));
        while let Some(step) = steps.next().await {
            match step? {
                Step::Done(d) => done.push(Ok(d)),
                Step::Read(r) => reads.push(r),
            }
        }
        let job = crate::cluster::ScanJob {
            stamp: self.reader.stamp.clone(),
            source: self.source.url(),
            sample: self.reader.sample.clone(),
            classify: self.settings.classify.clone(),
            names: self.reader.names.clone(),
            in_flight: self.settings.objects_in_flight,
        };
        let read = crate::cluster::read(url, job, reads, printer).await?;
        Ok(futures::stream::iter(done).chain(read).boxed())
    }

    /// One listed entry, read here.
    async fn handle(&self, item: Result<table::Entry>) -> Result<Done> {
        Ok(match self.step(item).await? {
            Step::Done(done) => done,
            Step::Read(read) => self.reader.read(read).await,
        })
    }

    /// What becomes of one listed entry: its rows, where it needs no
    /// reading (or only its table's log), else how to read it.
    async fn step(&self, item: Result<table::Entry>) -> Result<Step> {
        let started = Instant::now();
        let (source, read) = self.source.metered();
        let table::Entry { listed, role } = item?;
        let (meta, status) = match listed {
            Listed::Object(meta) => match self.status(&source, &meta, &role).await {
                Next::Status(status) => (meta, status),
                Next::Read { skip, every } => {
                    let facts = self.facts(&meta, &role);
                    return Ok(Step::Read(Read { meta: (&meta).into(), facts, skip, every }));
                }
            },
            Listed::Unreadable(name, why) => (unlisted(&source, &name), Status::Failed(why, None)),
            Listed::Skipped(name, why) => (unlisted(&source, &name), Status::Skipped(why)),
        };
        let cost = Cost { bytes_read: read.get(), requests: read.requests(), elapsed: started.elapsed() };
        Ok(Step::Done(self.reader.done(&self.facts(&meta, &role), cost, status)))
    }

    /// What an object's rows say of it besides what became of it.
    fn facts(&self, meta: &ObjectMeta, role: &Role) -> Facts {
        let dataset = match (role, role.table()) {
            (_, Some(t)) => t.url.clone(),
            (Role::Partitions(_), None) => self.source.url_of(&meta.location),
            (_, None) => source::dataset_of(self.source, &meta.location),
        };
        Facts::of(meta, self.object_name(meta, role), dataset, role)
    }

    /// What becomes of a listed object in its role: a table's log is not
    /// data, a file its table no longer references is read with
    /// `--history` only, an object unchanged since the last scan is not
    /// read again (unless rows were deleted from it: which ones may have
    /// changed without the object), and the rest is read.
    async fn status(&self, source: &Location, meta: &ObjectMeta, role: &Role) -> Next {
        let classifier = &self.reader.classifier;
        let deleted = match role {
            Role::Log(t) => {
                return Next::Status(Status::Skipped(format!("part of the {} table's log", t.format.name())));
            }
            Role::Values(t) => {
                return Next::Status(values_as_columns(t.values.clone(), t.format.log_format(), classifier).await);
            }
            Role::Partitions(values) => {
                let last = self.last.and_then(|l| l.unchanged(&self.object_name(meta, role), &Version::of(meta)));
                return Next::Status(match last {
                    Some(known) => Status::Unchanged(known.clone()),
                    None => values_as_columns((**values).clone(), PARTITIONS, classifier).await,
                });
            }
            Role::LogHistory(t, commits) => {
                return Next::Status(match table::history_values(source, t, commits).await {
                    Ok(values) => values_as_columns(values, t.format.log_format(), classifier).await,
                    Err(e) => Status::Failed(e.to_string(), None),
                });
            }
            Role::Retained(t, _) if !self.settings.history => {
                return Next::Status(Status::Skipped(format!(
                    "not in the {} table's {} (an old version's file, kept for time travel until {}): --history reads it",
                    t.format.name(),
                    t.version_text(),
                    match t.format {
                        table::TableFormat::Delta => "VACUUM",
                        table::TableFormat::Iceberg => "its snapshots expire",
                    }
                )));
            }
            Role::DeletedRows(t, deleted) => return self.deleted_rows(t, deleted),
            Role::Live(_, deleted) => deleted.as_deref(),
            Role::Loose | Role::Retained(..) => None,
        };
        let url = self.object_name(meta, role);
        match self.last.filter(|_| deleted.is_none()).and_then(|l| l.unchanged(&url, &Version::of(meta))) {
            Some(known) => Next::Status(Status::Unchanged(known.clone())),
            None => Next::Read { skip: deleted.cloned(), every: false },
        }
    }

    /// Carries the `columns` and `findings` rows of the unchanged objects
    /// over from the last scan, tallied as this scan's.
    async fn carry(&self, last: &LastScan, tally: &mut Tally, writer: &mut ReportWriter) -> Result<()> {
        let objects = Arc::new(std::mem::take(&mut tally.unchanged));
        let (id, at) = (self.reader.stamp.scan_id.as_str(), self.reader.stamp.scanned_at);
        let mut columns = std::pin::pin!(last.carry::<ColumnRow>(objects.clone(), id, at).await?);
        while let Some(rows) = columns.next().await {
            let rows = rows?;
            rows.iter().for_each(|c| tally.column(c));
            writer.carried(rows, Vec::new()).await?;
        }
        let mut findings = std::pin::pin!(last.carry::<FindingRow>(objects, id, at).await?);
        while let Some(rows) = findings.next().await {
            let rows = rows?;
            rows.iter().for_each(|f| tally.finding(f));
            writer.carried(Vec::new(), rows).await?;
        }
        Ok(())
    }
}

impl Run<'_> {
    /// The rows a table deleted from a live file but that the file still
    /// holds: with `--history`, every one of them read (and no other row).
    fn deleted_rows(&self, table: &table::Table, deleted: &table::Deleted) -> Next {
        if !self.settings.history {
            let rows: u64 = deleted.iter().map(|r| r.end - r.start).sum();
            return Next::Status(Status::Skipped(format!(
                "{rows} rows the {} table deleted are still in this file until it is rewritten: --history reads them",
                table.format.name()
            )));
        }
        Next::Read { skip: Some(table::complement(deleted)), every: true }
    }
}

/// The format of the object that stands for a dataset's partition folders.
const PARTITIONS: &str = "hive_partitions";

/// The partition columns whose values (Hive-style folders of loose
/// objects, a table's partition values) the classifier takes for personal
/// data, any match counting: their folder names are masked wherever an
/// object is named ([`source::Names`]).
pub(crate) async fn partition_names(entries: &[table::Entry], classifier: &Arc<Classifier>) -> Result<source::Names> {
    let mut columns: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut tables = HashSet::new();
    for entry in entries {
        if let Role::Partitions(values) = &entry.role {
            for (key, values) in values.iter() {
                columns.entry(key.clone()).or_default().extend(values.iter().cloned());
            }
        }
        let Some(t) = entry.role.table().filter(|t| tables.insert(t.root.clone())) else { continue };
        for (key, values) in t.partition_values() {
            columns.entry(key.to_owned()).or_default().extend(values.iter().cloned());
        }
    }
    if columns.is_empty() {
        return Ok(source::Names::default());
    }
    let classifier = classifier.clone();
    concurrency::cpu(move || {
        let mut names = source::Names::default();
        for (key, values) in columns {
            if let Some(f) = crate::classify::any_match(&classifier, &key, values.iter().map(String::as_str)).first() {
                names.mask_column(&key, f.entity);
            }
        }
        names
    })
    .await
}

/// Values that stand outside the data files (a table log's statistics and
/// bounds, partition values), classified as one column each and reported
/// as an object of `format`.
async fn values_as_columns(
    values: std::collections::BTreeMap<String, Vec<String>>,
    format: &'static str,
    classifier: &Arc<Classifier>,
) -> Status {
    let classifier = classifier.clone();
    let classified = crate::concurrency::cpu(move || {
        let columns = values
            .iter()
            .map(|(column, values)| {
                let mut state = classifier.new_state();
                classifier.observe_all(values.iter().map(|v| Some(v.as_str())), &mut state);
                sample::ColumnSample { path: column.clone(), data_type: "Utf8".into(), state: Some(state) }
            })
            .collect();
        let values = values.values().map(|v| v.len() as u64).max().unwrap_or(0);
        let sample =
            ObjectSample { rows_total: Some(values), rows_sampled: values, coverage: 1.0, columns, reads: None };
        Status::Scanned(sample, format)
    });
    classified.await.unwrap_or_else(|e| Status::Failed(e.to_string(), None))
}

/// What a scan counts as its rows are written: the `scans` row's counts,
/// the summary's exposures and failures, the audit log's objects, and what
/// alerts compare. Rows read and rows carried over count alike.
#[derive(Default)]
struct Tally {
    counts: Counts,
    exposures: Exposures,
    /// Findings in files of old table versions.
    retained: Exposures,
    /// Those files, read with `--history`.
    retained_objects: HashSet<String>,
    /// Objects that could not be read, with the reason.
    failures: Vec<(String, String)>,
    /// The objects read, at the version read.
    touched: Vec<crate::audit::Touched>,
    /// Objects with any finding, per dataset.
    exposed: BTreeMap<String, HashSet<String>>,
    /// Every column's type, per (dataset, column).
    types: BTreeMap<(String, String), BTreeSet<String>>,
    /// Every dataset with an object listed.
    datasets: BTreeSet<String>,
    /// Objects unchanged since the last scan: their rows are carried over.
    unchanged: HashSet<String>,
}

/// The counts of a `scans` row.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    listed: u64,
    scanned: u64,
    failed: u64,
    unchanged: u64,
    skipped: u64,
    bytes_listed: u64,
    bytes_read: u64,
    read_requests: u64,
    columns: u64,
    pii_columns: u64,
}

impl Tally {
    fn object(&mut self, o: &ObjectRow, by: Option<&str>) {
        self.datasets.insert(o.dataset.clone());
        if o.retained == Some(true) {
            self.retained_objects.insert(o.object.clone());
        }
        // What stands for partition folders is no object listed.
        let folders = o.format.as_deref() == Some(PARTITIONS);
        let one = u64::from(!folders);
        self.counts.listed += one;
        self.counts.bytes_listed += o.size_bytes;
        self.counts.bytes_read += o.bytes_read;
        self.counts.read_requests += o.read_requests.unwrap_or(0);
        match o.status {
            ObjectStatus::Scanned => self.counts.scanned += one,
            ObjectStatus::Unchanged => {
                self.counts.unchanged += one;
                self.unchanged.insert(o.object.clone());
            }
            ObjectStatus::Skipped => self.counts.skipped += 1,
            ObjectStatus::Failed => {
                self.counts.failed += 1;
                self.failures.push((o.object.clone(), o.error.clone().unwrap_or_default()));
            }
        }
        // The audit log lists what was read: partition folders are not.
        if matches!(o.status, ObjectStatus::Scanned | ObjectStatus::Failed) && !folders {
            self.touched.push(crate::audit::Touched {
                role: "read",
                object: o.object.clone(),
                size: o.size_bytes,
                last_modified: o.last_modified,
                etag: o.etag.clone(),
                by: by.map(str::to_owned),
            });
        }
    }

    fn column(&mut self, c: &ColumnRow) {
        self.counts.columns += u64::from(c.classified());
        self.counts.pii_columns += u64::from(c.is_pii);
        if self.retained_objects.contains(&c.object) {
            return;
        }
        self.types.entry((c.dataset.clone(), c.column.clone())).or_default().insert(c.data_type.clone());
        if c.is_pii {
            self.exposed.entry(c.dataset.clone()).or_default().insert(c.object.clone());
        }
    }

    fn finding(&mut self, f: &FindingRow) {
        let key = (f.dataset.clone(), f.column.clone(), f.entity_type.clone());
        let exposures = match self.retained_objects.contains(&f.object) {
            true => &mut self.retained,
            false => &mut self.exposures,
        };
        exposures.entry(key).or_default().add(f);
    }

    /// What alerts compare against the earlier scans.
    fn observed(&self) -> Observed {
        let ratio = |e: &Exposure| e.matched_values as f64 / e.sampled_values.max(1) as f64;
        Observed {
            ratios: self.exposures.iter().map(|(k, e)| (k.clone(), ratio(e))).collect(),
            exposed: self.exposed.iter().map(|(d, objects)| (d.clone(), objects.len() as u64)).collect(),
            types: self.types.clone(),
            datasets: self.datasets.clone(),
            holders: self
                .exposures
                .iter()
                .map(|(k, e)| (k.clone(), (e.holders.iter().cloned().collect(), e.objects)))
                .collect(),
            exposed_objects: self.exposed.iter().map(|(d, o)| (d.clone(), first_named(o))).collect(),
        }
    }
}

/// The first [`crate::history::NAMED_OBJECTS`] of a set by name.
fn first_named(items: &HashSet<String>) -> Vec<String> {
    let mut first: BTreeSet<&String> = BTreeSet::new();
    for item in items {
        first.insert(item);
        if first.len() > crate::history::NAMED_OBJECTS {
            first.pop_last();
        }
    }
    first.into_iter().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::object::object_rows;
    use super::*;
    use crate::classify::ClassifySettings;
    use crate::sample::ColumnSample;

    #[test]
    fn an_objects_rows_follow_from_what_became_of_it() {
        let classifier = Classifier::new(ClassifySettings::default()).unwrap();
        let meta = unlisted(&Location::parse("testdata/lake", true, &Default::default()).unwrap(), "t/a.csv");
        let stamp = Stamp { scan_id: "s1".into(), scanned_at: 7, source: "file:///lake".into() };
        let visit = Facts::of(&meta, "file:///lake/t/a.csv".into(), "file:///lake/t".into(), &Role::Loose);
        let cost = Cost { bytes_read: 42, requests: 3, elapsed: std::time::Duration::from_millis(3) };
        let rows = |status| object_rows(&stamp, &visit, cost, status, &classifier);
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
            reads: None,
        };
        let read = rows(Status::Scanned(sample, "csv"));
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
        assert_eq!((skipped.object.status, skipped.object.format.as_deref()), (ObjectStatus::Skipped, None));
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

        // The tally of those four objects, and of the unchanged one's
        // carried rows (the read object's, as a stand-in).
        let mut tally = Tally::default();
        for o in [&read, &failed, &skipped, &unchanged] {
            tally.object(&o.object, None);
            o.columns.iter().for_each(|c| tally.column(c));
            o.findings.iter().for_each(|f| tally.finding(f));
        }
        read.columns.iter().for_each(|c| tally.column(c));
        read.findings.iter().for_each(|f| tally.finding(f));
        let counts = Counts {
            listed: 4,
            scanned: 1,
            failed: 1,
            unchanged: 1,
            skipped: 1,
            bytes_listed: 0,
            bytes_read: 4 * 42,
            read_requests: 4 * 3,
            columns: 4,
            pii_columns: 2,
        };
        assert_eq!(tally.counts, counts);
        assert_eq!(tally.failures, [(visit.object.clone(), "truncated".to_owned())]);
        assert_eq!(tally.touched.len(), 2, "the objects read or tried: scanned and failed");
        assert_eq!(tally.unchanged.len(), 1);
        let exposure = &tally.exposures[&(visit.dataset.clone(), "email".into(), "EMAIL_ADDRESS".into())];
        assert_eq!((exposure.objects, exposure.matched_values, exposure.sampled_values), (2, 100, 100));
        assert_eq!(tally.exposed[&visit.dataset].len(), 1);
    }
}
