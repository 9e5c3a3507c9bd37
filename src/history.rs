//! Earlier scans, read back from REPORT with DataFusion.
//!
//! `--incremental` needs the last scan of a source: the version (ETag, size,
//! last-modified time) of every object it read, so an object unchanged since
//! is not read again, and that object's `columns` and `findings` rows, which
//! are carried into the new scan so each scan's tables stay complete on
//! their own. Only the last scan's own files are read, not the whole report.

pub mod alerts;
pub mod diff;
pub mod html;

use crate::error::Result;
use crate::report::{self, ColumnRow, FindingRow, Found, ObjectRow, Row, cells};
use crate::source::Location;
use crate::status::ObjectStatus;
use datafusion::prelude::{DataFrame, ParquetReadOptions, SessionContext, col, lit};
use futures::{Stream, StreamExt, TryStreamExt};
use object_store::ObjectMeta;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Objects a diff or an alert names, at most.
pub const NAMED_OBJECTS: usize = 5;

/// `objects` (the first few of `total`, sorted) named for a reader: each
/// below `dataset` (a file at the lake's root by its name), the first
/// [`NAMED_OBJECTS`], then how many more.
pub fn named_objects(dataset: &str, objects: &[String], total: u64) -> String {
    let prefix = format!("{}/", dataset.trim_end_matches('/'));
    let named: Vec<&str> = objects.iter().take(NAMED_OBJECTS).map(|o| o.strip_prefix(&prefix).unwrap_or(o)).collect();
    match total.saturating_sub(named.len() as u64) {
        0 => named.join(", "),
        more => format!("{} and {more} more", named.join(", ")),
    }
}

/// Per object URL: the version read, every column with its Arrow type, and
/// what was found.
pub(crate) type ObjectFindings = std::collections::BTreeMap<String, (Version, Vec<(String, String)>, Vec<Found>)>;

/// What says an object has not changed: all three must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Size in bytes.
    pub size: u64,
    /// Last-modified time, UTC microseconds.
    pub last_modified: i64,
    /// The store's entity tag, where it gives one.
    pub etag: Option<String>,
}

impl Version {
    /// The version a listing reports.
    pub fn of(meta: &ObjectMeta) -> Self {
        Self { size: meta.size, last_modified: meta.last_modified.timestamp_micros(), etag: meta.e_tag.clone() }
    }
}

/// What the last scan learnt about one object, reused while it is unchanged.
#[derive(Debug, Clone)]
pub struct Known {
    /// The version it read.
    pub version: Version,
    /// Its format.
    pub format: Option<String>,
    /// Rows in it.
    pub rows_total: Option<u64>,
    /// Rows classified.
    pub rows_sampled: Option<u64>,
    /// The share of the object the sample was drawn from.
    pub coverage: Option<f64>,
}

/// The last scan of a source in a report.
pub struct LastScan {
    /// Its id.
    pub scan_id: String,
    /// The digest of the settings it ran with.
    pub config_digest: String,
    scan_date: String,
    objects: HashMap<String, Known>,
    ctx: SessionContext,
    report: Location,
}

impl LastScan {
    /// The last scan of `source` (its display URL) in `report`, whose
    /// tables `ctx` holds ([`crate::query::session`]), if any.
    pub async fn load(ctx: &SessionContext, report: &Location, source: &str) -> Result<Option<Self>> {
        let ctx = ctx.clone();
        if !ctx.table_exist("scans")? {
            return Ok(None);
        }
        let last = ctx
            .table("scans")
            .await?
            .filter(col("source").eq(lit(source)))?
            .sort(vec![col("started_at").sort(false, false)])?
            .limit(0, Some(1))?
            .select(vec![col("scan_id"), col("config_digest"), col("scan_date")])?
            .collect()
            .await?;
        let Some(row) = last.iter().find(|b| b.num_rows() > 0) else {
            return Ok(None);
        };
        let text = |name| -> Result<String> { Ok(cells::<String>(row, name)?.swap_remove(0)) };
        let (scan_id, config_digest, scan_date) = (text("scan_id")?, text("config_digest")?, text("scan_date")?);
        let mut last = Self { scan_id, config_digest, scan_date, objects: HashMap::new(), ctx, report: report.clone() };
        let read = [ObjectStatus::Scanned, ObjectStatus::Unchanged].map(|s| lit(s.as_str())).to_vec();
        let mut batches =
            last.table(ObjectRow::TABLE).await?.filter(col("status").in_list(read, false))?.execute_stream().await?;
        while let Some(batch) = batches.next().await {
            for o in ObjectRow::from_batch(&batch?)? {
                let version = Version { size: o.size_bytes, last_modified: o.last_modified, etag: o.etag };
                let known = Known {
                    version,
                    format: o.format,
                    rows_total: o.rows_total,
                    rows_sampled: o.rows_sampled,
                    coverage: o.coverage,
                };
                last.objects.insert(o.object, known);
            }
        }
        Ok(Some(last))
    }

    /// What the last scan learnt about `object`, if it still has `version`.
    pub fn unchanged(&self, object: &str, version: &Version) -> Option<&Known> {
        self.objects.get(object).filter(|k| k.version == *version)
    }

    /// The last scan's rows of table `R` for `objects`, a batch at a time,
    /// stamped with the new scan's id and (for findings) time.
    pub(crate) async fn carry<R: Carried>(
        &self,
        objects: Arc<HashSet<String>>,
        scan_id: &str,
        scanned_at: i64,
    ) -> Result<impl Stream<Item = Result<Vec<R>>> + use<R>> {
        let stream = self.table(R::TABLE).await?.execute_stream().await?;
        let scan_id = scan_id.to_owned();
        Ok(stream.map_err(Into::into).and_then(move |batch| {
            let rows = R::from_batch(&batch).map(|rows| {
                let kept = rows.into_iter().filter(|r| objects.contains(r.object()));
                kept.map(|r| r.restamped(&scan_id, scanned_at)).collect()
            });
            std::future::ready(rows)
        }))
    }

    /// What the last scan found in each object it read, by object URL: the
    /// version read, every column with its type, and the findings.
    pub(crate) async fn findings_by_object(&self) -> Result<ObjectFindings> {
        let mut out: ObjectFindings =
            self.objects.iter().map(|(o, k)| (o.clone(), (k.version.clone(), Vec::new(), Vec::new()))).collect();
        for batch in self.table(ColumnRow::TABLE).await?.collect().await? {
            for c in ColumnRow::from_batch(&batch)? {
                if let Some(o) = out.get_mut(&c.object) {
                    o.1.push((c.column, c.data_type));
                }
            }
        }
        for batch in self.table(FindingRow::TABLE).await?.collect().await? {
            for f in FindingRow::from_batch(&batch)? {
                if let Some(o) = out.get_mut(&f.object) {
                    o.2.push(Found::from(&f));
                }
            }
        }
        Ok(out)
    }

    /// One of the last scan's files, as published by the report writer.
    async fn table(&self, table: &str) -> Result<DataFrame> {
        let url = self.report.url_of(&report::file_of(&self.report, table, &self.scan_date, &self.scan_id));
        Ok(self.ctx.read_parquet(url, ParquetReadOptions::default()).await?)
    }
}

/// A table whose rows an incremental scan carries over for unchanged
/// objects.
pub(crate) trait Carried: Row {
    /// The object the row is of.
    fn object(&self) -> &str;
    /// The row as the scan `scan_id`, run at `scanned_at`, reports it.
    fn restamped(self, scan_id: &str, scanned_at: i64) -> Self;
}

impl Carried for ColumnRow {
    fn object(&self) -> &str {
        &self.object
    }
    fn restamped(self, scan_id: &str, _: i64) -> Self {
        Self { scan_id: scan_id.to_owned(), ..self }
    }
}

impl Carried for FindingRow {
    fn object(&self) -> &str {
        &self.object
    }
    fn restamped(self, scan_id: &str, scanned_at: i64) -> Self {
        // A row carried from a scan written before ids gets its id.
        let id = self
            .finding_id
            .clone()
            .unwrap_or_else(|| crate::report::finding_id(&self.source, &self.dataset, &self.column, &self.entity_type));
        Self { scan_id: scan_id.to_owned(), scanned_at, finding_id: Some(id), ..self }
    }
}
