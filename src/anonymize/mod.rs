//! Anonymized copies: every data object under SOURCE written again under
//! DEST at the same relative path (but for partition folders named by
//! personal data: `partitions`), in the same format and compression, with
//! the same schema and rows, its personal data replaced per entity type by
//! the policy's operators. The source is only ever read.
//!
//! A run classifies SOURCE (or takes the last scan's findings from REPORT),
//! plans every column ([`plan`]), then copies each object (`copy`) through
//! [`rewrite`]: Parquet a row group at a time, CSV as a stream. Each copy is
//! an upload that becomes the object only when complete (`upload`; a
//! rename on local disk), and is followed by a manifest under
//! `DEST/_lakeaudit/`, so a re-run skips objects already written from the
//! same source version with the same plan and key. [`verify`] checks the
//! copy without trusting the classifier.

mod copy;
mod csv;
pub mod keys;
pub mod operators;
pub mod parquet;
mod partitions;
pub mod plan;
pub mod policy;
pub mod rewrite;
mod tables;
mod upload;
pub mod verify;

pub use copy::{CopyDone, CopyItem, CopyJob};
pub use keys::Keys;

use crate::classify::{Classifier, verdict};
use crate::error::{Error, Result};
use crate::pipeline::{self, Status};
use crate::printer::Printer;
use crate::report::Found;
use crate::sample::SampleSettings;
use crate::source::{self, Location};
use copy::{Copied, Run};
use futures::StreamExt;
use object_store::ObjectMeta;
use object_store::path::Path;
use plan::{Classified, ObjectPlan};
use policy::{Operator, Policy};
use rewrite::{Counts, Rewrite};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use upload::clear_staging;

/// Everything a run needs.
#[derive(Debug, Serialize)]
pub struct AnonymizeSettings {
    /// What is copied.
    pub source: String,
    /// Where the copy goes (SOURCE itself with `in_place`).
    pub dest: String,
    /// Rewrite the Delta table SOURCE in a new version of its own.
    pub in_place: bool,
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
    /// `--cluster`: the Ballista scheduler whose executors copy the objects.
    pub cluster: Option<String>,
}

/// How one object went.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// Rows left out of copied files (for `--verify`), by path in SOURCE.
    #[serde(skip)]
    pub deleted: std::collections::HashMap<Path, Arc<source::table::Deleted>>,
    /// The objects read and written, at their versions (for the audit log).
    #[serde(skip)]
    pub touched: Vec<crate::audit::Touched>,
    /// The folder names of SOURCE that name personal data.
    #[serde(skip)]
    pub names: source::Names,
}

impl Summary {
    /// Adds what the copies gave, with the bytes each read; a failure is
    /// one line on stderr naming the object.
    fn record(&mut self, copied: Vec<(Copied, u64)>, printer: &Printer) {
        for ((rel, object, outcome, counts, written), read) in copied {
            self.bytes_read += read;
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
                    by: None,
                });
            }
            self.objects.insert(rel, outcome);
            self.bytes_written += written;
            for (op, n) in counts {
                *self.values.entry(op).or_default() += n;
            }
        }
    }

    /// Masks SOURCE's folder names that name personal data, in the
    /// objects and the audit log's objects, once nothing looks them up any
    /// more (after `--verify`).
    pub fn mask_names(&mut self) {
        if self.names.is_empty() {
            return;
        }
        let objects = std::mem::take(&mut self.objects);
        self.objects = objects.into_iter().map(|(name, o)| (self.names.mask(&name).into_owned(), o)).collect();
        for t in &mut self.touched {
            t.object = self.names.mask(&t.object).into_owned();
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
    if !settings.in_place {
        refuse_overlap(&source, &settings.dest, &settings.storage)?;
    }
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
    let (metas, others, tables, listed_names) = source_objects(&source, &classifier, printer).await?;
    let mut summary = Summary { source: source.url(), dest: source::redact(&settings.dest), ..Summary::default() };
    for (name, outcome) in others {
        if let Outcome::Failed(why) = &outcome {
            printer.warn(&listed_names.mask(&format!("{}/{name}: {why}", source.url())));
        }
        summary.objects.insert(name, outcome);
    }
    let known = match &settings.report {
        // The report names objects as a scan does: folders that name
        // personal data masked.
        Some(report) => {
            let known = from_report(report, &source, &settings.storage, printer).await?;
            let urls = metas.iter().map(|m| source.url_of(&m.location));
            urls.filter_map(|url| Some((known.get(listed_names.mask(&url).as_ref())?.clone(), url)))
                .map(|(k, url)| (url, k))
                .collect()
        }
        None => BTreeMap::new(),
    };
    printer.progress_start("objects", metas.len());
    // Every row read, or a copy to be verified: any match counts.
    let evidence = match settings.sample.rows.is_none() || settings.verify {
        true => verdict::Evidence::EveryMatch,
        false => verdict::Evidence::Column,
    };
    let (classified, read) = classify_all(
        &source,
        &metas,
        &settings.sample,
        evidence,
        &classifier,
        settings.objects_in_flight,
        &known,
        printer,
    )
    .await;
    summary.bytes_read = read;
    printer.progress_finish();
    let mut readable = Vec::new();
    for (meta, result) in classified {
        match result {
            Ok(c) => readable.push(c),
            Err(outcome) => {
                if let Outcome::Failed(why) = &outcome {
                    printer.warn(&listed_names.mask(&format!("{}: {why}", source.url_of(&meta.location))));
                }
                summary.objects.insert(relative(&source, &meta.location), outcome);
            }
        }
    }
    for c in &mut readable {
        c.partitions = partitions::of(&source, &c.meta.location, tables.partitions(&c.meta.location));
        if let Some(table) = tables.table_of(&c.meta.location) {
            by_table(c, table);
        }
    }
    let mut plans = plan::plan(readable, &settings.policy, &classifier)?;
    let rewrite = Rewrite { classifier: classifier.clone(), keys: keys.clone(), restore: false };
    partitions::retarget(&mut plans, &rewrite, &source);
    summary.names = partitions::names(&plans, listed_names);
    summary.plans = plans.clone();
    summary.touched = plans.iter().map(|p| touched("read", source.url_of(&p.meta.location), &p.meta)).collect();
    for p in &plans {
        for (column, c) in &p.columns {
            let ops = c.rules.iter().map(|r| (r.entity.clone(), r.operator.name().to_owned())).collect();
            summary.columns.entry(p.dataset.clone()).or_default().insert(column.clone(), ops);
            summary.treatment.entry(p.dataset.clone()).or_default().insert(column.clone(), c.why.clone());
        }
        for part in &p.partitions {
            if let Some(c) = &part.plan {
                let ops = c.rules.iter().map(|r| (r.entity.clone(), r.operator.name().to_owned())).collect();
                summary.columns.entry(p.dataset.clone()).or_default().insert(part.key.clone(), ops);
                summary.treatment.entry(p.dataset.clone()).or_default().insert(part.key.clone(), c.why.clone());
            }
        }
        if !p.dropped.is_empty() {
            summary.dropped.insert(p.dataset.clone(), p.dropped.clone());
        }
    }
    if settings.dry_run {
        return Ok(summary);
    }
    if settings.in_place {
        tables.in_place(&source, plans, rewrite, &settings.sample.limits, &mut summary, printer).await?;
        return Ok(summary);
    }
    let dest = Location::parse(&settings.dest, false, &settings.storage)?;
    clear_staging(&dest);
    let run = Run {
        source: &source,
        dest: &dest,
        policy: &settings.policy,
        rewrite,
        limits: &settings.sample.limits,
        deleted: &tables.deleted,
        names: &summary.names,
    };
    summary.deleted = tables.deleted.clone();
    printer.progress_start("objects", plans.len());
    let copied = match &settings.cluster {
        None => run.copy_all(plans, settings.objects_in_flight, printer).await,
        Some(url) => {
            let job = CopyJob {
                source: source.url(),
                dest: dest.url(),
                policy: settings.policy.clone(),
                classify: classifier.settings().clone(),
                key: run.rewrite.keys.as_ref().map(|k| k.fingerprint.clone()),
                limits: settings.sample.limits.clone(),
                names: summary.names.clone(),
                in_flight: settings.objects_in_flight,
            };
            let items = plans
                .into_iter()
                .map(|plan| CopyItem { deleted: tables.deleted.get(&plan.meta.location).map(|d| (**d).clone()), plan })
                .collect();
            crate::cluster::copy(url, job, items, printer).await?.into_iter().map(CopyDone::copied).collect()
        }
    };
    printer.progress_finish();
    summary.record(copied, printer);
    tables.finish(&source, &dest, &settings.sample.limits, &mut summary, printer).await;
    Ok(summary)
}

/// A table's file as its table names it: its dataset the table, its
/// columns by the table's names (the report's findings already are).
fn by_table(c: &mut Classified, table: &Arc<source::table::Table>) {
    c.dataset = table.url.clone();
    c.table = Some(table.clone());
    if table.names.is_empty() {
        return;
    }
    for (column, _) in &mut c.columns {
        *column = table.logical(column);
    }
    for f in &mut c.findings {
        f.column = table.logical(&f.column);
    }
    c.shapes = std::mem::take(&mut c.shapes).into_iter().map(|(column, s)| (table.logical(&column), s)).collect();
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
    // A Delta table's copy is restored as a Delta table too.
    let (metas, others, tables, _) = source_objects(&source, &classifier, printer).await?;
    let dest = Location::parse(dest_arg, false, storage)?;
    clear_staging(&dest);
    let mut summary = Summary { source: source.url(), dest: dest.url(), ..Summary::default() };
    summary.objects.extend(others);
    let mut plans = Vec::new();
    for meta in metas {
        match pipeline::format_of(&source, &meta).await {
            Ok(format) => {
                // Every partition value restored, as every text column.
                let partitions = partitions::of(&source, &meta.location, tables.partitions(&meta.location))
                    .into_iter()
                    .map(|(key, value)| plan::Partition {
                        key,
                        value: value.clone(),
                        plan: Some(plan::ColumnPlan::restored()),
                        copy: value,
                    })
                    .collect();
                plans.push(ObjectPlan {
                    dataset: source::dataset_of(&source, &meta.location),
                    meta,
                    format,
                    dropped: Vec::new(),
                    columns: BTreeMap::new(),
                    partitions,
                    target: None,
                    names: Default::default(),
                })
            }
            Err(status) => {
                summary.objects.insert(relative(&source, &meta.location), outcome(status));
            }
        }
    }
    let policy = Policy::default();
    let rewrite = Rewrite { classifier, keys: Some(keys), restore: true };
    partitions::retarget(&mut plans, &rewrite, &source);
    summary.plans = plans.clone();
    let run = Run {
        source: &source,
        dest: &dest,
        policy: &policy,
        rewrite,
        limits: &crate::limits::Limits::default(),
        deleted: &Default::default(),
        names: &source::Names::default(),
    };
    summary.touched = plans.iter().map(|p| touched("read", source.url_of(&p.meta.location), &p.meta)).collect();
    let copied = run.copy_all(plans, objects_in_flight, printer).await;
    summary.record(copied, printer);
    tables.finish(&source, &dest, &crate::limits::Limits::default(), &mut summary, printer).await;
    Ok(summary)
}

/// An object as the audit log records it.
pub(super) fn touched(role: &'static str, object: String, meta: &ObjectMeta) -> crate::audit::Touched {
    crate::audit::Touched {
        role,
        object,
        size: meta.size,
        last_modified: meta.last_modified.timestamp_micros(),
        etag: meta.e_tag.clone(),
        by: None,
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
pub(super) fn relative(location: &Location, object: &Path) -> String {
    let rel = source::below(&location.prefix, object);
    if rel.is_empty() { object.filename().unwrap_or_default().to_owned() } else { rel }
}

/// The same object's path below `dest`: its parts below `location` kept as
/// they are (a name is not encoded twice), its file name when the location
/// is the object itself.
pub(super) fn rebased(location: &Location, object: &Path, dest: &Location) -> Path {
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
pub(super) async fn classify_all(
    source: &Location,
    metas: &[ObjectMeta],
    sample: &SampleSettings,
    evidence: verdict::Evidence,
    classifier: &Arc<Classifier>,
    in_flight: usize,
    known: &Known,
    printer: &Printer,
) -> (Vec<(ObjectMeta, std::result::Result<Classified, Outcome>)>, u64) {
    let classified = crate::concurrency::bounded(futures::stream::iter(metas), in_flight, |meta| async move {
        let (metered, read) = source.metered();
        let result = classify_one(&metered, meta, sample, evidence, classifier, known).await;
        printer.progress_inc(read.get());
        ((meta.clone(), result), read.get())
    });
    let all: Vec<_> = classified.collect().await;
    let bytes = all.iter().map(|(_, b)| b).sum();
    (all.into_iter().map(|(c, _)| c).collect(), bytes)
}

/// Classifies one object of `source`, or takes what `known` holds of it.
async fn classify_one(
    source: &Location,
    meta: &ObjectMeta,
    sample: &SampleSettings,
    evidence: verdict::Evidence,
    classifier: &Arc<Classifier>,
    known: &Known,
) -> std::result::Result<Classified, Outcome> {
    let dataset = source::dataset_of(source, &meta.location);
    let url = source.url_of(&meta.location);
    let format = pipeline::format_of(source, meta).await.map_err(outcome)?;
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
            partitions: Vec::new(),
            table: None,
        };
        return Ok(c);
    }
    match pipeline::visit(source, meta, format, None, sample, classifier).await {
        Status::Scanned(s, _) => {
            let columns = s.columns.iter().map(|c| (c.path.clone(), c.data_type.clone())).collect();
            let findings = s
                .columns
                .iter()
                .filter_map(|c| c.state.as_ref().map(|st| (c, st)))
                .flat_map(|(c, st)| {
                    verdict::findings(classifier, st, &c.path, evidence).into_iter().map(|f| Found::of(&c.path, &f))
                })
                .collect();
            let shapes =
                s.columns.iter().filter_map(|c| c.state.as_ref().map(|st| (c.path.clone(), st.shape))).collect();
            let (partitions, table) = (Vec::new(), None);
            Ok(Classified { meta: meta.clone(), dataset, format, columns, findings, shapes, partitions, table })
        }
        other => Err(outcome(other)),
    }
}

/// The outcome of an object that was not read.
fn outcome(status: Status) -> Outcome {
    match status {
        Status::Failed(why, _) => Outcome::Failed(why),
        Status::Skipped(why) => Outcome::Skipped(why),
        Status::Scanned(..) | Status::Unchanged(_) => unreachable!("only objects not read have no plan"),
    }
}

/// What SOURCE holds to copy: the objects, each table's current files only;
/// the entries not copied (a table's log and old versions' files, objects
/// that are not readable), by name, with how they went; the tables; and
/// the folder names that name personal data, as a scan finds them.
async fn source_objects(
    source: &Location,
    classifier: &Arc<Classifier>,
    printer: &Printer,
) -> Result<(Vec<ObjectMeta>, Vec<(String, Outcome)>, tables::Tables, source::Names)> {
    use source::table::Role;
    let listing = source::list(source, source::Filters::default(), None).await?;
    let warn = &mut |w: &str| printer.warn(w);
    let (entries, _) = source::table::resolve(source, listing, &source::Filters::default(), false, warn).await?;
    let names = pipeline::partition_names(&entries, classifier).await?;
    let (mut objects, mut others, mut tables) = (Vec::new(), Vec::new(), tables::Tables::default());
    for source::table::Entry { listed, role } in entries {
        match (listed, role) {
            (source::Listed::Object(meta), Role::Loose) => objects.push(meta),
            (source::Listed::Object(meta), Role::Live(table, deleted)) => {
                tables.live(&table, &meta.location, deleted);
                objects.push(meta);
            }
            (source::Listed::Object(meta), Role::Retained(table, _)) => {
                let why = format!("not in the {} table's {}: not copied", table.format.name(), table.version_text());
                others.push((relative(source, &meta.location), Outcome::Skipped(why)));
            }
            (source::Listed::Object(meta), Role::Log(table)) => {
                let why = format!("part of the {} table's log: not copied", table.format.name());
                others.push((relative(source, &meta.location), Outcome::Skipped(why)));
            }
            (
                source::Listed::Object(_),
                Role::Values(_) | Role::Partitions(_) | Role::DeletedRows(..) | Role::LogHistory(..),
            ) => {}
            (source::Listed::Unreadable(name, why), role) => {
                if let Role::Live(table, _) = role {
                    let path = Path::from(format!("{}/{name}", source.prefix));
                    tables.live(&table, &path, None);
                }
                others.push((name, Outcome::Failed(why)));
            }
            (source::Listed::Skipped(name, why), _) => others.push((name, Outcome::Skipped(why))),
        }
    }
    Ok((objects, others, tables, names))
}

/// Every object under `location`, listed before anything is read, and the
/// entries that are not readable objects, by name, with how they went.
pub(super) async fn every_object(location: &Location) -> Result<(Vec<ObjectMeta>, Vec<(String, Outcome)>)> {
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
