//! One object through the scan: read it (detect its format, sample,
//! classify) and make its report rows. This is the unit of work a scan
//! hands out, to its own tasks or to a cluster's executors
//! ([`crate::cluster`]), so that both give the same rows: a [`Read`] says
//! everything about an object the reader needs and is plain data that
//! travels in a plan; a [`Reader`] holds what every object of a scan
//! shares.

use super::Status;
use crate::classify::{Classifier, verdict};
use crate::report::{ColumnRow, FindingRow, ObjectRow};
use crate::sample::{self, ObjectSample};
use crate::source::format::{Detected, Format, detect};
use crate::source::table::{self, Role};
use crate::source::{self, Location};
use crate::status::ObjectStatus;
use object_store::{ObjectMeta, ObjectStoreExt};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What every row of a scan carries of the scan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stamp {
    /// The scan's id.
    pub scan_id: String,
    /// When it started, UTC microseconds.
    pub scanned_at: i64,
    /// The source's URL.
    pub source: String,
}

/// What the listing and an object's role in its table say of it, for its
/// rows.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Facts {
    /// Its name in the report: its URL, folder names that name personal data
    /// masked.
    pub object: String,
    /// Its dataset.
    pub dataset: String,
    /// Its size, counted in its row (0 for what stands for another object's
    /// rows).
    pub size_bytes: u64,
    /// UTC microseconds.
    pub last_modified: i64,
    /// Its ETag, where the store gives one.
    pub etag: Option<String>,
    /// Its table's current version.
    pub table_version: Option<u64>,
    /// Whether only old versions of its table hold it (`None`: no table).
    pub retained: Option<bool>,
    /// Until when time travel reaches it, where known.
    pub reachable_until: Option<i64>,
    /// Its table's names of its columns (column mapping), by file name.
    pub columns: HashMap<String, String>,
}

impl Facts {
    /// The facts of `meta`, named `object` in `dataset`, in `role`.
    pub fn of(meta: &ObjectMeta, object: String, dataset: String, role: &Role) -> Self {
        Self {
            object,
            dataset,
            // The deleted rows of a file are counted in the file's own row.
            size_bytes: if matches!(role, Role::DeletedRows(..)) { 0 } else { meta.size },
            last_modified: meta.last_modified.timestamp_micros(),
            etag: meta.e_tag.clone(),
            table_version: role.table().and_then(|t| t.version),
            retained: role
                .table()
                .map(|_| matches!(role, Role::Retained(..) | Role::DeletedRows(..) | Role::LogHistory(..))),
            reachable_until: match role {
                Role::Retained(_, until) => *until,
                _ => None,
            },
            columns: role.table().map(|t| t.names.clone()).unwrap_or_default(),
        }
    }
}

/// What handling one object cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    /// Bytes read.
    pub bytes_read: u64,
    /// Read requests.
    pub requests: u64,
    /// Time taken.
    pub elapsed: Duration,
}

/// An object as listed: what reading it needs of its [`ObjectMeta`], as
/// plain data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    location: String,
    last_modified: i64,
    size: u64,
    e_tag: Option<String>,
    version: Option<String>,
}

impl Meta {
    /// The object's size.
    pub fn size(&self) -> u64 {
        self.size
    }
}

impl From<&ObjectMeta> for Meta {
    fn from(m: &ObjectMeta) -> Self {
        Self {
            location: m.location.to_string(),
            last_modified: m.last_modified.timestamp_micros(),
            size: m.size,
            e_tag: m.e_tag.clone(),
            version: m.version.clone(),
        }
    }
}

impl From<&Meta> for ObjectMeta {
    fn from(m: &Meta) -> Self {
        Self {
            // As the store spelt it: `Path::from` would encode its `%`s again.
            location: object_store::path::Path::parse(&m.location)
                .unwrap_or_else(|_| object_store::path::Path::from(m.location.as_str())),
            last_modified: chrono::DateTime::from_timestamp_micros(m.last_modified).unwrap_or_default(),
            size: m.size,
            e_tag: m.e_tag.clone(),
            version: m.version.clone(),
        }
    }
}

/// How to read one object: everything the reader needs that the scan's
/// [`Reader`] does not hold.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Read {
    /// The object.
    pub meta: Meta,
    /// What its rows say of it.
    pub facts: Facts,
    /// Rows not to read (those its table deleted).
    pub skip: Option<table::Deleted>,
    /// Every row, not a sample (the deleted rows `--history` reads).
    pub every: bool,
}

/// One object handled: its rows, how its data was found (`--verbose`) and
/// which cluster executor read it.
#[derive(Debug)]
pub struct Done {
    /// The rows.
    pub rows: ObjectRows,
    /// How its data was found, for Parquet samples.
    pub how: Option<String>,
    /// The executor that read it (`--cluster`).
    pub by: Option<String>,
}

/// What every object of a scan is read with.
pub struct Reader {
    /// The scan.
    pub stamp: Stamp,
    /// The source.
    pub source: Location,
    /// How much of each object to read.
    pub sample: sample::SampleSettings,
    /// The classifier.
    pub classifier: Arc<Classifier>,
    /// Folder names that name personal data.
    pub names: source::Names,
}

impl Reader {
    /// Reads one object and makes its rows: whatever the object holds,
    /// this returns how it went.
    pub async fn read(&self, read: Read) -> Done {
        let started = Instant::now();
        let (source, meter) = self.source.metered();
        let meta = ObjectMeta::from(&read.meta);
        let every;
        let sample = match read.every {
            true => {
                every = sample::SampleSettings { rows: None, ..self.sample.clone() };
                &every
            }
            false => &self.sample,
        };
        let status = read_object(&source, &meta, read.skip.as_deref(), sample, &self.classifier).await;
        let cost = Cost { bytes_read: meter.get(), requests: meter.requests(), elapsed: started.elapsed() };
        self.done(&read.facts, cost, status)
    }

    /// The rows of an object, from what became of it, its error masked
    /// (an error may quote the object's path).
    pub fn done(&self, facts: &Facts, cost: Cost, status: Status) -> Done {
        let status = match status {
            Status::Failed(why, at) => Status::Failed(self.names.mask(&why).into_owned(), at),
            Status::Skipped(why) => Status::Skipped(self.names.mask(&why).into_owned()),
            other => other,
        };
        let how = match &status {
            Status::Scanned(ObjectSample { reads: Some(how), .. }, _) => Some(how.clone()),
            _ => None,
        };
        Done { rows: object_rows(&self.stamp, facts, cost, status, &self.classifier), how, by: None }
    }
}

/// One object's rows in the report.
#[derive(Debug, Clone)]
pub struct ObjectRows {
    /// Its `objects` row.
    pub object: ObjectRow,
    /// Its `columns` rows.
    pub columns: Vec<ColumnRow>,
    /// Its `findings` rows.
    pub findings: Vec<FindingRow>,
}

/// The report's rows for one object, from what became of it: the `objects`
/// row, and for an object read its `columns` and `findings` rows. Pure: the
/// scan tallies them (and carries rows over for unchanged objects) apart.
pub(super) fn object_rows(s: &Stamp, v: &Facts, cost: Cost, status: Status, classifier: &Classifier) -> ObjectRows {
    let mut row = ObjectRow {
        scan_id: s.scan_id.clone(),
        object: v.object.clone(),
        dataset: v.dataset.clone(),
        format: None,
        size_bytes: v.size_bytes,
        last_modified: v.last_modified,
        etag: v.etag.clone(),
        rows_total: None,
        rows_sampled: None,
        coverage: None,
        bytes_read: cost.bytes_read,
        read_requests: Some(cost.requests),
        status: ObjectStatus::Scanned,
        error: None,
        duration_ms: cost.elapsed.as_millis() as u64,
        table_version: v.table_version,
        retained: v.retained,
        reachable_until: v.reachable_until,
    };
    let (mut columns, mut findings) = (Vec::new(), Vec::new());
    match status {
        Status::Scanned(sample, format) => {
            row.format = Some(format.into());
            row.rows_total = sample.rows_total;
            row.rows_sampled = Some(sample.rows_sampled);
            row.coverage = Some(sample.coverage);
            for mut col in sample.columns {
                // A table's column by its name, not its physical one.
                col.path = table::logical(&v.columns, &col.path);
                let state = col.state.as_ref();
                let found = state
                    .map(|st| verdict::findings(classifier, st, &col.path, verdict::Evidence::Column))
                    .unwrap_or_default();
                columns.push(ColumnRow {
                    scan_id: s.scan_id.clone(),
                    object: v.object.clone(),
                    dataset: v.dataset.clone(),
                    column: col.path.clone(),
                    data_type: col.data_type,
                    sampled_values: state.map_or(0, |st| st.sampled),
                    null_values: state.map_or(0, |st| st.nulls),
                    distinct_values: state.map_or(0, |st| st.distinct.estimate()),
                    is_pii: !found.is_empty(),
                    entity_types: found.iter().map(|f| f.entity.to_owned()).collect(),
                });
                findings.extend(found.into_iter().map(|f| FindingRow {
                    scan_id: s.scan_id.clone(),
                    scanned_at: s.scanned_at,
                    source: s.source.clone(),
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
                    finding_id: Some(crate::report::finding_id(&s.source, &v.dataset, &col.path, f.entity)),
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
pub(super) fn unlisted(source: &Location, name: &str) -> ObjectMeta {
    ObjectMeta {
        location: object_store::path::Path::from(format!("{}/{name}", source.prefix)),
        last_modified: chrono::DateTime::default(),
        size: 0,
        e_tag: None,
        version: None,
    }
}

/// Reads one object as a scan does: detects its format, then samples and
/// classifies it, isolated (a panic in a decoder fails the object): whatever the object holds,
/// this returns how it went.
pub async fn read_object(
    source: &Location,
    meta: &ObjectMeta,
    deleted: Option<&[Range<u64>]>,
    sample: &sample::SampleSettings,
    classifier: &Arc<Classifier>,
) -> Status {
    match format_of(source, meta).await {
        Ok(format) => visit(source, meta, format, deleted, sample, classifier).await,
        Err(status) => status,
    }
}

/// An object's format, by name and, for extension-less names, by its first
/// bytes; otherwise how it went instead (skipped, or failed when its first
/// bytes could not be read).
pub(crate) async fn format_of(source: &Location, meta: &ObjectMeta) -> std::result::Result<Format, Status> {
    match detect(meta.location.filename().unwrap_or_default()) {
        Detected::Known(f) => Ok(f),
        Detected::Skip(reason) => Err(Status::Skipped(reason)),
        Detected::Sniff => match sniff(source, meta).await {
            Ok(Some(format)) => Ok(format),
            Ok(None) => Err(Status::Skipped("no extension, and not Parquet".into())),
            Err(why) => Err(Status::Failed(why, None)),
        },
    }
}

/// Samples and classifies one object of a known format, without the rows
/// a table deleted from it.
pub(crate) async fn visit(
    source: &Location,
    meta: &ObjectMeta,
    format: Format,
    deleted: Option<&[Range<u64>]>,
    sample: &sample::SampleSettings,
    classifier: &Arc<Classifier>,
) -> Status {
    let name = source::below(&source.prefix, &meta.location);
    let read = sample::sample(source.store.clone(), meta, &name, format, sample, classifier.clone(), deleted);
    match crate::isolate::object(read).await {
        Ok(Ok(s)) => Status::Scanned(s, format.name()),
        Ok(Err(e)) => Status::Failed(e.to_string(), Some(format)),
        Err(panic) => Status::Failed(format!("the decoder failed on this object: {panic}"), Some(format)),
    }
}

/// Extension-less objects (Hive/Spark `part-00000`) are read as Parquet when
/// they start with its magic number.
async fn sniff(source: &Location, meta: &ObjectMeta) -> std::result::Result<Option<Format>, String> {
    if meta.size < 12 {
        return Ok(None);
    }
    let head = source
        .store
        .get_range(&meta.location, 0..4)
        .await
        .map_err(|e| format!("unable to read: {}", crate::error::describe_store_error(&e)))?;
    Ok((head.as_ref() == b"PAR1").then_some(Format::Parquet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_travels_under_its_own_name() {
        let names = [
            "lake/contact=partner0%40example.org/part-0.parquet",
            "lake/a b/ü ñ/x.csv",
            "lake/100%25/%2F%23/y.parquet",
            "lake/<script>&'\"/z.csv",
        ];
        for name in names {
            let location =
                object_store::path::Path::parse(name).unwrap_or_else(|_| object_store::path::Path::from(name));
            let meta = ObjectMeta {
                location,
                last_modified: chrono::DateTime::from_timestamp_micros(1_796_642_093_695_793).unwrap(),
                size: 7,
                e_tag: Some("e".into()),
                version: Some("v".into()),
            };
            let sent = serde_json::to_string(&Meta::from(&meta)).unwrap();
            let back = ObjectMeta::from(&serde_json::from_str::<Meta>(&sent).unwrap());
            assert_eq!(back, meta, "{name}");
        }
    }
}
