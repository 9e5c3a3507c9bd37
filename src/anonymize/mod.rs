//! Anonymized copies: every data object under SOURCE written again under
//! DEST at the same relative path, in the same format and compression, with
//! the same schema and rows, its personal data replaced per entity type by
//! the policy's operators. The source is only ever read.
//!
//! A run classifies SOURCE (or takes the last scan's findings from REPORT),
//! plans every column ([`plan`]), then copies each object through
//! [`rewrite`]: Parquet a row group at a time, CSV as a stream. Each copy is
//! an upload that becomes the object only when complete (a rename on local
//! disk), and is followed by a manifest under `DEST/_lakeaudit/`, so a
//! re-run skips objects already written from the same source version with
//! the same plan and key.

mod csv;
pub mod keys;
pub mod operators;
pub mod parquet;
pub mod plan;
pub mod policy;
pub mod rewrite;
pub mod verify;

pub use keys::Keys;

use crate::classify::{Classifier, verdict};
use crate::error::{Error, Result};
use crate::pipeline::{self, Status};
use crate::printer::Printer;
use crate::sample::SampleSettings;
use crate::source::format::Format;
use crate::source::{self, Location, OWN_FOLDER};
use futures::StreamExt;
use object_store::buffered::BufWriter;
use object_store::path::{Path, PathPart};
use object_store::{ObjectMeta, ObjectStoreExt};
use plan::{Classified, Found, ObjectPlan};
use policy::{Operator, Policy};
use rewrite::{Counts, Rewrite};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// Everything a run needs.
#[derive(Debug, Serialize)]
pub struct AnonymizeSettings {
    /// What is copied.
    pub source: String,
    /// Where the copy goes.
    pub dest: String,
    /// A report to take findings from instead of classifying SOURCE.
    pub report: Option<String>,
    /// The policy.
    pub policy: Policy,
    /// Re-scan the copy in full and fail if personal data is left.
    pub verify: bool,
    /// Print the plan, write nothing.
    pub dry_run: bool,
    /// How SOURCE is sampled to classify it.
    pub sample: SampleSettings,
    /// Objects handled at once.
    pub objects_in_flight: usize,
    /// `--storage-option`s.
    pub storage: source::StorageOptions,
}

/// An object being written: a buffered upload that becomes the object only
/// when [`Upload::finish`] completes it. On object stores that is the
/// multipart upload completing. On local disk the bytes go to a staging file
/// under `DEST/_lakeaudit/staging/` (where no reader of the copy looks, and
/// which the next run empties), renamed into place when complete.
pub(crate) struct Upload {
    inner: BufWriter,
    url: String,
    written: u64,
    /// The store, the staging path and the final path, on local disk.
    staged: Option<(Arc<dyn object_store::ObjectStore>, Path, Path)>,
}

/// Where local copies are staged, below DEST.
const STAGING: &str = "staging";

impl Upload {
    fn new(dest: &Location, path: Path) -> Self {
        let url = dest.url_of(&path);
        let staged = dest.is_local().then(|| {
            // The copy's path below DEST/_lakeaudit/staging/PID, its file
            // name suffixed (a name ending in `#<digits>` could not be staged).
            let below: Vec<_> = path.parts().skip(dest.prefix.parts().count()).collect();
            let (name, folders) = below.split_last().expect("a path below DEST");
            let pid = std::process::id().to_string();
            let staging: Path = dest
                .prefix
                .parts()
                .chain([OWN_FOLDER, STAGING, pid.as_str()].map(PathPart::from))
                .chain(folders.iter().cloned())
                .chain([PathPart::from(format!("{}.staged", name.as_ref()))])
                .collect();
            (dest.store.clone(), staging, path.clone())
        });
        let target = staged.as_ref().map_or(path, |(_, staging, _)| staging.clone());
        Self { url, inner: BufWriter::new(dest.store.clone(), target), written: 0, staged }
    }

    /// Appends bytes.
    pub(crate) async fn write(&mut self, bytes: impl Into<bytes::Bytes>) -> Result<()> {
        let bytes = bytes.into();
        self.written += bytes.len() as u64;
        let url = self.url.clone();
        self.inner.put(bytes).await.map_err(|error| Error::Store { op: "write", url, error })
    }

    async fn finish(mut self) -> Result<u64> {
        use tokio::io::AsyncWriteExt;
        let url = self.url.clone();
        self.inner.shutdown().await.map_err(|e| {
            // The store's error inside says what went wrong in one line, without
            // the response body or a signed URL that its full text may hold.
            let why = match e.get_ref().and_then(|inner| inner.downcast_ref::<object_store::Error>()) {
                Some(store) => crate::error::describe_store_error(store),
                None => e.to_string(),
            };
            Error::Unreadable(format!("unable to write {url}: {why}"))
        })?;
        if let Some((store, staging, path)) = &self.staged {
            store.rename(staging, path).await.map_err(|error| Error::Store { op: "write", url, error })?;
        }
        Ok(self.written)
    }

    async fn abort(mut self) {
        let _ = self.inner.abort().await;
        if let Some((store, staging, _)) = &self.staged {
            let _ = store.delete(staging).await;
        }
    }
}

/// Empties DEST's staging folder: what a killed run left there.
fn clear_staging(dest: &Location) {
    if dest.is_local() {
        let _ = std::fs::remove_dir_all(format!("/{}/{OWN_FOLDER}/{STAGING}", dest.prefix));
    }
}

/// How one object went.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Rewritten.
    Written,
    /// Copied byte for byte: nothing in it to change.
    Copied,
    /// Already written by an earlier run from the same source version.
    Already,
    /// Not a data file: not copied.
    Skipped(String),
    /// Unreadable or unwritable.
    Failed(String),
}

/// What a run did.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// The source, redacted.
    pub source: String,
    /// The copy, redacted.
    pub dest: String,
    /// Per object (its path below SOURCE), what happened.
    pub objects: BTreeMap<String, Outcome>,
    /// Per dataset and column: entity types and their operators.
    pub columns: BTreeMap<String, BTreeMap<String, Vec<(String, String)>>>,
    /// Per dataset and column: structured or free text, and why.
    pub treatment: BTreeMap<String, BTreeMap<String, String>>,
    /// Columns left out, per dataset.
    pub dropped: BTreeMap<String, Vec<String>>,
    /// Values changed per operator.
    pub values: Counts,
    /// Bytes read from SOURCE.
    pub bytes_read: u64,
    /// Bytes written to DEST.
    pub bytes_written: u64,
    /// With `--verify`: findings left in the copy (masked examples only),
    /// and values that came through from the source.
    pub left: Vec<String>,
    /// With `--verify`: weak findings in the copy where it keeps the source's
    /// values (masked examples only), for review; they do not fail it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubtful: Vec<String>,
    /// With `--verify`: per dataset and column, the copy compared with the
    /// source value by value.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub checked: BTreeMap<String, BTreeMap<String, verify::Checked>>,
    /// The plans the copy was made by (for `--verify`).
    #[serde(skip)]
    pub plans: Vec<ObjectPlan>,
    /// The objects read and written, at their versions (for the audit log).
    #[serde(skip)]
    pub touched: Vec<crate::audit::Touched>,
}

impl Summary {
    /// Adds what the copies gave; a failure is one line on stderr
    /// naming the object.
    fn record(&mut self, copied: Vec<Copied>, printer: &Printer) {
        for (rel, object, outcome, counts, written) in copied {
            if let Outcome::Failed(why) = &outcome {
                printer.warn(&format!("{object}: {why}"));
            }
            if matches!(outcome, Outcome::Written | Outcome::Copied) {
                self.touched.push(crate::audit::Touched {
                    role: "written",
                    object,
                    size: written,
                    last_modified: 0,
                    etag: None,
                });
            }
            self.objects.insert(rel, outcome);
            self.bytes_written += written;
            for (op, n) in counts {
                *self.values.entry(op).or_default() += n;
            }
        }
    }

    /// Objects that could not be copied.
    pub fn failed(&self) -> usize {
        self.objects.values().filter(|o| matches!(o, Outcome::Failed(_))).count()
    }
}

/// Checks what can be checked before anything is read or written: SOURCE
/// exists, DEST does not overlap it, the key is there if the policy needs
/// one. Returns SOURCE.
pub fn check(settings: &AnonymizeSettings, keys: Option<&Keys>) -> Result<Location> {
    let source = Location::parse(&settings.source, true, &settings.storage)?;
    refuse_overlap(&source, &settings.dest, &settings.storage)?;
    let mut needs_key: Vec<&str> = std::iter::once(&settings.policy.default)
        .chain(settings.policy.entities.values())
        .chain(settings.policy.columns.values())
        .filter(|op| op.needs_key())
        .map(Operator::name)
        .collect();
    if keys.is_none() && !needs_key.is_empty() {
        needs_key.sort_unstable();
        needs_key.dedup();
        return Err(Keys::missing(&needs_key.join("/")));
    }
    Ok(source)
}

/// Classifies or takes findings, plans, and (unless a dry run) copies.
pub async fn anonymize(
    settings: &AnonymizeSettings,
    classifier: Arc<Classifier>,
    keys: Option<Arc<Keys>>,
    printer: &mut Printer,
) -> Result<Summary> {
    let source = check(settings, keys.as_deref())?;
    let (metas, others) = every_object(&source).await?;
    let bytes_read = AtomicU64::new(0);
    let mut summary = Summary { source: source.url(), dest: source::redact(&settings.dest), ..Summary::default() };
    for (name, outcome) in others {
        if let Outcome::Failed(why) = &outcome {
            printer.warn(&format!("{}/{name}: {why}", source.url()));
        }
        summary.objects.insert(name, outcome);
    }
    let known = match &settings.report {
        Some(report) => from_report(report, &source, &settings.storage, printer).await?,
        None => BTreeMap::new(),
    };
    printer.progress_start("objects");
    // Every row read, or a copy to be verified: any match counts.
    let evidence = match settings.sample.rows.is_none() || settings.verify {
        true => verdict::Evidence::EveryMatch,
        false => verdict::Evidence::Column,
    };
    let classified = classify_all(
        &source,
        &metas,
        &settings.sample,
        evidence,
        &classifier,
        settings.objects_in_flight,
        &known,
        &bytes_read,
        printer,
    )
    .await;
    printer.progress_finish();
    let mut readable = Vec::new();
    for (meta, result) in classified {
        match result {
            Ok(c) => readable.push(c),
            Err(outcome) => {
                if let Outcome::Failed(why) = &outcome {
                    printer.warn(&format!("{}: {why}", source.url_of(&meta.location)));
                }
                summary.objects.insert(relative(&source, &meta.location), outcome);
            }
        }
    }
    let plans = plan::plan(readable, &settings.policy, &classifier)?;
    summary.plans = plans.clone();
    summary.touched = plans.iter().map(|p| touched("read", source.url_of(&p.meta.location), &p.meta)).collect();
    for p in &plans {
        for (column, c) in &p.columns {
            let ops = c.rules.iter().map(|r| (r.entity.clone(), r.operator.name().to_owned())).collect();
            summary.columns.entry(p.dataset.clone()).or_default().insert(column.clone(), ops);
            summary.treatment.entry(p.dataset.clone()).or_default().insert(column.clone(), c.why.clone());
        }
        if !p.dropped.is_empty() {
            summary.dropped.insert(p.dataset.clone(), p.dropped.clone());
        }
    }
    if settings.dry_run {
        summary.bytes_read = bytes_read.into_inner();
        return Ok(summary);
    }
    let dest = Location::parse(&settings.dest, false, &settings.storage)?;
    clear_staging(&dest);
    let run = Run {
        source: &source,
        dest: &dest,
        policy: &settings.policy,
        rewrite: Rewrite { classifier: classifier.clone(), keys: keys.clone(), restore: false },
        limits: &settings.sample.limits,
    };
    printer.progress_start("objects");
    let outcomes = run.copy_all(plans, settings.objects_in_flight, &bytes_read, printer).await;
    printer.progress_finish();
    summary.record(outcomes, printer);
    summary.bytes_read = bytes_read.into_inner();
    Ok(summary)
}

/// Checks the copy, trusting the classifier for neither half: every copied
/// object is compared with its source value by value (`src/anonymize/verify.rs`),
/// and every object of DEST is classified in full with the whole catalog,
/// down to [`verify::RESIDUE_SCORE`], each finding judged by
/// [`verify::judge`]. `classifier` is built from
/// [`verify::residue_settings`]; `planned_with` is what made the plan.
pub async fn verify(
    settings: &AnonymizeSettings,
    classifier: Arc<Classifier>,
    planned_with: &Classifier,
    summary: &mut Summary,
    printer: &mut Printer,
) -> Result<()> {
    let source = Location::parse(&settings.source, true, &settings.storage)?;
    let dest = Location::parse(&settings.dest, true, &settings.storage)?;
    compare_all(settings, &source, &dest, planned_with, summary).await?;
    let (metas, others) = every_object(&dest).await?;
    for (name, outcome) in others {
        if let Outcome::Failed(why) = outcome {
            summary.left.push(format!("{}/{name}: not verified: {why}", dest.url()));
        }
    }
    let full = SampleSettings { rows: None, seed: 0, limits: settings.sample.limits.clone() };
    let bytes = AtomicU64::new(0);
    printer.progress_start("verified");
    let every = verdict::Evidence::EveryMatch;
    let in_flight = settings.objects_in_flight;
    let classified =
        classify_all(&dest, &metas, &full, every, &classifier, in_flight, &BTreeMap::new(), &bytes, printer).await;
    printer.progress_finish();
    let plans: HashMap<Path, &ObjectPlan> =
        summary.plans.iter().map(|p| (rebased(&source, &p.meta.location, &dest), p)).collect();
    let (mut left, mut doubtful) = (Vec::new(), Vec::new());
    for (meta, result) in classified {
        let url = dest.url_of(&meta.location);
        let c = match result {
            Ok(c) => c,
            Err(Outcome::Failed(why)) => {
                left.push(format!("{url}: not verified: {why}"));
                continue;
            }
            Err(_) => continue,
        };
        let plan = plans.get(&meta.location);
        for f in c.findings {
            let tokenized = matches!(settings.policy.operator(&f.column, &f.entity), Operator::Tokenize)
                || matches!(settings.policy.columns.get(&f.column), Some(Operator::Tokenize));
            let column = plan.and_then(|p| p.columns.get(&f.column));
            let threshold = planned_with.settings().threshold(&f.entity);
            let line =
                format!("{url}: column {} holds {} (score {:.2}, {} values)", f.column, f.entity, f.score, f.matched);
            match verify::judge(&f.entity, f.score, column, tokenized, threshold) {
                verify::Verdict::Left => left.push(line),
                verify::Verdict::Doubtful => doubtful.push(line),
                verify::Verdict::Fine => {}
            }
        }
    }
    summary.left.extend(left);
    summary.left.sort();
    doubtful.sort();
    summary.doubtful = doubtful;
    let record = serde_json::json!({ "checked": summary.checked, "left": summary.left, "doubtful": summary.doubtful });
    let record = serde_json::to_vec_pretty(&record).expect("serializable");
    let path = Path::from_iter(dest.prefix.parts().chain([OWN_FOLDER, "verification.json"].map(PathPart::from)));
    dest.store.put(&path, record.into()).await.map_err(|error| Error::Store {
        op: "write",
        url: dest.url_of(&path),
        error,
    })?;
    Ok(())
}

/// Reads every copied object beside its source ([`verify::compare`]): a
/// structured value that came through, or a recognized span left in free
/// text, is named in `left`; the counts go to `checked`.
async fn compare_all(
    settings: &AnonymizeSettings,
    source: &Location,
    dest: &Location,
    planned_with: &Classifier,
    summary: &mut Summary,
) -> Result<()> {
    let limits = &settings.sample.limits;
    let plans = std::mem::take(&mut summary.plans);
    let compared = futures::stream::iter(plans.iter().filter(|p| !p.columns.is_empty()))
        .filter(|p| {
            let outcome = summary.objects.get(&relative(source, &p.meta.location));
            std::future::ready(matches!(outcome, Some(Outcome::Written | Outcome::Already)))
        })
        .map(|p| {
            let copy = rebased(source, &p.meta.location, dest);
            async move {
                let result = verify::compare(source, dest, &copy, p, planned_with, limits).await;
                (p, dest.url_of(&copy), result)
            }
        })
        .buffer_unordered(settings.objects_in_flight.max(1))
        .collect::<Vec<_>>()
        .await;
    for (plan, url, result) in compared {
        match result {
            Ok(columns) => {
                for (column, c) in columns {
                    if c.unchanged > 0 {
                        summary
                            .left
                            .push(format!("{url}: column {column}: {} values unchanged from the source", c.unchanged));
                    }
                    if c.residual > 0 {
                        summary.left.push(format!("{url}: column {column}: {} spans of the source left", c.residual));
                    }
                    let total = summary.checked.entry(plan.dataset.clone()).or_default().entry(column).or_default();
                    total.values += c.values;
                    total.unchanged += c.unchanged;
                    total.residual += c.residual;
                }
            }
            Err(e) => summary.left.push(format!("{url}: not verified against the source: {e}")),
        }
    }
    summary.plans = plans;
    Ok(())
}

/// Restores what `encrypt` sealed: every text column of every object of
/// SOURCE (an anonymized copy) written to DEST with its `{enc:...}` values
/// decrypted.
pub async fn deanonymize(
    source_arg: &str,
    dest_arg: &str,
    storage: &source::StorageOptions,
    objects_in_flight: usize,
    classifier: Arc<Classifier>,
    keys: Arc<Keys>,
    printer: &mut Printer,
) -> Result<Summary> {
    let source = Location::parse(source_arg, true, storage)?;
    refuse_overlap(&source, dest_arg, storage)?;
    let (metas, others) = every_object(&source).await?;
    let dest = Location::parse(dest_arg, false, storage)?;
    clear_staging(&dest);
    let mut summary = Summary { source: source.url(), dest: dest.url(), ..Summary::default() };
    summary.objects.extend(others);
    let mut plans = Vec::new();
    for meta in metas {
        match pipeline::format_of(&source, &meta, &AtomicU64::new(0)).await {
            Ok(format) => plans.push(ObjectPlan {
                dataset: source::dataset_of(&source, &meta.location),
                meta,
                format,
                dropped: Vec::new(),
                columns: BTreeMap::new(),
            }),
            Err(status) => {
                summary.objects.insert(relative(&source, &meta.location), outcome(status));
            }
        }
    }
    let policy = Policy::default();
    let run = Run {
        source: &source,
        dest: &dest,
        policy: &policy,
        rewrite: Rewrite { classifier, keys: Some(keys), restore: true },
        limits: &crate::limits::Limits::default(),
    };
    let bytes_read = AtomicU64::new(0);
    summary.touched = plans.iter().map(|p| touched("read", source.url_of(&p.meta.location), &p.meta)).collect();
    let outcomes = run.copy_all(plans, objects_in_flight, &bytes_read, printer).await;
    summary.record(outcomes, printer);
    summary.bytes_read = bytes_read.into_inner();
    Ok(summary)
}

/// An object as the audit log records it.
fn touched(role: &'static str, object: String, meta: &ObjectMeta) -> crate::audit::Touched {
    crate::audit::Touched {
        role,
        object,
        size: meta.size,
        last_modified: meta.last_modified.timestamp_micros(),
        etag: meta.e_tag.clone(),
    }
}

/// DEST inside SOURCE (or SOURCE inside DEST) would have the copy read as
/// source, or overwrite it: refused before anything is written.
pub(crate) fn refuse_overlap(source: &Location, dest_arg: &str, storage: &source::StorageOptions) -> Result<()> {
    let dest_url = if dest_arg.contains("://") && !dest_arg.starts_with("file://") {
        Location::parse(dest_arg, true, storage)?.url()
    } else {
        let path = dest_arg.strip_prefix("file://").unwrap_or(dest_arg);
        format!("file://{}", planned_path(std::path::Path::new(path)).display())
    };
    let src = source.url();
    let under = |a: &str, b: &str| a == b || a.starts_with(&format!("{}/", b.trim_end_matches('/')));
    if under(&dest_url, &src) || under(&src, &dest_url) {
        return Err(Error::Usage(format!(
            "--out {} overlaps SOURCE {src}: the copy must go elsewhere (the source is never written)",
            source::redact(dest_arg)
        )));
    }
    Ok(())
}

/// Where a local path that may not exist yet will be: its deepest existing
/// ancestor resolved (symbolic links included), the rest appended.
fn planned_path(path: &std::path::Path) -> std::path::PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut missing = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            return missing.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                at = parent;
            }
            _ => return abs,
        }
    }
}

/// An object's path below a location; its file name when the location is
/// the object itself.
fn relative(location: &Location, object: &Path) -> String {
    let rel = source::below(&location.prefix, object);
    if rel.is_empty() { object.filename().unwrap_or_default().to_owned() } else { rel }
}

/// The same object's path below `dest`: its parts below `location` kept as
/// they are (a name is not encoded twice), its file name when the location
/// is the object itself.
fn rebased(location: &Location, object: &Path, dest: &Location) -> Path {
    let below: Vec<_> = object.parts().skip(location.prefix.parts().count()).collect();
    let parts = if below.is_empty() { object.parts().next_back().into_iter().collect() } else { below };
    dest.prefix.parts().chain(parts).collect()
}

/// Findings per object URL, from the last scan of SOURCE in REPORT.
type Known = crate::history::ObjectFindings;

async fn from_report(
    report: &str,
    source: &Location,
    storage: &source::StorageOptions,
    printer: &Printer,
) -> Result<Known> {
    let report = Location::parse(report, true, storage)?;
    let ctx = crate::query::session(&report, printer).await?;
    let Some(last) = crate::history::LastScan::load(&ctx, &report, &source.url()).await? else {
        return Err(Error::Usage(format!(
            "no scan of {} in the report: run lakeaudit scan first, or leave out --report",
            source.url()
        )));
    };
    last.findings_by_object().await
}

#[allow(clippy::too_many_arguments)]
async fn classify_all(
    source: &Location,
    metas: &[ObjectMeta],
    sample: &SampleSettings,
    evidence: verdict::Evidence,
    classifier: &Arc<Classifier>,
    in_flight: usize,
    known: &Known,
    bytes_read: &AtomicU64,
    printer: &Printer,
) -> Vec<(ObjectMeta, std::result::Result<Classified, Outcome>)> {
    futures::stream::iter(metas)
        .map(|meta| async move {
            let dataset = source::dataset_of(source, &meta.location);
            let url = source.url_of(&meta.location);
            let format = match pipeline::format_of(source, meta, bytes_read).await {
                Ok(f) => f,
                Err(status) => return (meta.clone(), Err(outcome(status))),
            };
            if let Some((version, columns, findings)) = known.get(&url)
                && *version == crate::history::Version::of(meta)
            {
                let c = Classified {
                    meta: meta.clone(),
                    dataset,
                    format,
                    columns: columns.clone(),
                    findings: findings.clone(),
                    shapes: BTreeMap::new(),
                };
                return (meta.clone(), Ok(c));
            }
            let before = bytes_read.load(std::sync::atomic::Ordering::Relaxed);
            let status = pipeline::visit(source, meta, format, sample, classifier, bytes_read).await;
            printer.progress_inc(bytes_read.load(std::sync::atomic::Ordering::Relaxed) - before);
            let result = match status {
                Status::Scanned(s, format) => {
                    let columns = s.columns.iter().map(|c| (c.path.clone(), c.data_type.clone())).collect();
                    let findings = s
                        .columns
                        .iter()
                        .filter_map(|c| c.state.as_ref().map(|st| (c, st)))
                        .flat_map(|(c, st)| {
                            verdict::findings(classifier, st, &c.path, evidence).into_iter().map(|f| Found {
                                column: c.path.clone(),
                                entity: f.entity.to_owned(),
                                score: f.score,
                                matched: f.matched,
                                whole: f.whole,
                            })
                        })
                        .collect();
                    let shapes = s
                        .columns
                        .iter()
                        .filter_map(|c| c.state.as_ref().map(|st| (c.path.clone(), st.shape)))
                        .collect();
                    Ok(Classified { meta: meta.clone(), dataset, format, columns, findings, shapes })
                }
                other => Err(outcome(other)),
            };
            (meta.clone(), result)
        })
        .buffer_unordered(in_flight.max(1))
        .collect()
        .await
}

/// The outcome of an object that was not read.
fn outcome(status: Status) -> Outcome {
    match status {
        Status::Failed(why, _) => Outcome::Failed(why),
        Status::Skipped(why) => Outcome::Skipped(why),
        Status::Scanned(..) | Status::Unchanged(_) => unreachable!("only objects not read have no plan"),
    }
}

/// Every object under `location`, listed before anything is read, and the
/// entries that are not readable objects, by name, with how they went.
async fn every_object(location: &Location) -> Result<(Vec<ObjectMeta>, Vec<(String, Outcome)>)> {
    let mut objects = Vec::new();
    let mut others = Vec::new();
    let mut listing = source::list(location, source::Filters::default(), None).await?;
    while let Some(item) = listing.next().await {
        match item? {
            source::Listed::Object(meta) => objects.push(meta),
            source::Listed::Unreadable(name, why) => others.push((name, Outcome::Failed(why))),
            source::Listed::Skipped(name, why) => others.push((name, Outcome::Skipped(why))),
        }
    }
    Ok((objects, others))
}

/// One copying run.
struct Run<'a> {
    source: &'a Location,
    dest: &'a Location,
    policy: &'a Policy,
    rewrite: Rewrite,
    limits: &'a crate::limits::Limits,
}

/// What one object's copy gave: its path below SOURCE, the copy's URL,
/// outcome, values changed and bytes written.
type Copied = (String, String, Outcome, Counts, u64);

impl Run<'_> {
    async fn copy_all(
        &self,
        plans: Vec<ObjectPlan>,
        in_flight: usize,
        bytes_read: &AtomicU64,
        printer: &Printer,
    ) -> Vec<Copied> {
        futures::stream::iter(plans)
            .map(|plan| async move {
                let before = bytes_read.load(std::sync::atomic::Ordering::Relaxed);
                let out = self.copy(Arc::new(plan), bytes_read).await;
                printer.progress_inc(bytes_read.load(std::sync::atomic::Ordering::Relaxed) - before);
                out
            })
            .buffer_unordered(in_flight.max(1))
            .collect()
            .await
    }

    /// The manifest of an object's copy: what it was made from and how.
    fn manifest(&self, plan: &ObjectPlan) -> Vec<u8> {
        #[derive(Serialize)]
        struct Manifest<'a> {
            source: String,
            size: u64,
            last_modified: i64,
            etag: Option<&'a str>,
            plan: String,
            key: Option<&'a str>,
            tool_version: &'static str,
        }
        let columns: Vec<_> = plan.columns.iter().map(|(c, p)| (c, format!("{:?}", p))).collect();
        let digest = Sha256::digest(
            serde_json::to_vec(&(columns, &plan.dropped, self.rewrite.restore, self.policy)).expect("serializable"),
        );
        let m = Manifest {
            source: self.source.url_of(&plan.meta.location),
            size: plan.meta.size,
            last_modified: plan.meta.last_modified.timestamp_micros(),
            etag: plan.meta.e_tag.as_deref(),
            plan: hex::encode(&digest[..16]),
            key: self.rewrite.keys.as_ref().map(|k| k.fingerprint.as_str()),
            tool_version: env!("CARGO_PKG_VERSION"),
        };
        serde_json::to_vec_pretty(&m).expect("serializable")
    }

    async fn copy(&self, plan: Arc<ObjectPlan>, bytes_read: &AtomicU64) -> Copied {
        let rel = relative(self.source, &plan.meta.location);
        let path = rebased(self.source, &plan.meta.location, self.dest);
        let url = self.dest.url_of(&path);
        let manifest_path = Path::from(format!("{}/{OWN_FOLDER}/manifests/{rel}.json", self.dest.prefix));
        let manifest = self.manifest(&plan);
        let done = async {
            let previous = self.dest.store.get(&manifest_path).await.ok()?.bytes().await.ok()?;
            (previous.as_ref() == manifest.as_slice() && self.dest.store.head(&path).await.is_ok()).then_some(())
        };
        if done.await.is_some() {
            return (rel, url, Outcome::Already, Counts::new(), 0);
        }
        let mut upload = Upload::new(self.dest, path);
        let verbatim = !self.rewrite.restore && plan.columns.is_empty() && plan.dropped.is_empty();
        let (rewrite, store) = (self.rewrite.clone(), self.source.store.clone());
        let result = match plan.format {
            _ if verbatim => verbatim_copy(self.source, &plan.meta, &mut upload, bytes_read).await,
            Format::Parquet => {
                isolated(parquet::copy(store, plan.clone(), &mut upload, rewrite, self.limits, bytes_read)).await
            }
            Format::Csv(c) => {
                isolated(csv::copy(store, plan.clone(), c, &mut upload, rewrite, self.limits, bytes_read)).await
            }
        };
        let finished = match result {
            Ok(counts) => upload.finish().await.map(|written| (counts, written)),
            Err(e) => {
                upload.abort().await;
                Err(e)
            }
        };
        let (counts, written) = match finished {
            Ok(done) => done,
            Err(e) => return (rel, url, Outcome::Failed(e.to_string()), Counts::new(), 0),
        };
        if let Err(error) = self.dest.store.put(&manifest_path, manifest.into()).await {
            let e = Error::Store { op: "write", url: self.dest.url_of(&manifest_path), error };
            return (rel, url, Outcome::Failed(e.to_string()), counts, written);
        }
        (rel, url, if verbatim { Outcome::Copied } else { Outcome::Written }, counts, written)
    }
}

/// Runs one object's copy isolated: a panic fails that object.
async fn isolated(copy: impl std::future::Future<Output = Result<Counts>>) -> Result<Counts> {
    crate::isolate::object(copy)
        .await
        .unwrap_or_else(|panic| Err(Error::Unreadable(format!("the decoder failed on this object: {panic}"))))
}

async fn verbatim_copy(
    source: &Location,
    meta: &ObjectMeta,
    upload: &mut Upload,
    bytes_read: &AtomicU64,
) -> Result<Counts> {
    let url = source.url_of(&meta.location);
    let get = |error| Error::Store { op: "read", url: url.clone(), error };
    let mut stream = source.store.get(&meta.location).await.map_err(get)?.into_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(get)?;
        bytes_read.fetch_add(chunk.len() as u64, std::sync::atomic::Ordering::Relaxed);
        upload.write(chunk).await?;
    }
    Ok(Counts::new())
}
