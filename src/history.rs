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
use crate::report::Found;
use crate::report::{self, Row};
use crate::source::Location;
use crate::status::ObjectStatus;
use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, RecordBatch, StringArray, TimestampMicrosecondArray};
use arrow::datatypes::{DataType, Int64Type, UInt64Type};
use arrow::error::ArrowError;
use datafusion::prelude::{DataFrame, ParquetReadOptions, SessionContext, col, lit};
use futures::{Stream, StreamExt, TryStreamExt};
use object_store::ObjectMeta;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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
        let scan_id = strings(row, "scan_id")?.value(0).to_owned();
        let config_digest = strings(row, "config_digest")?.value(0).to_owned();
        let scan_date = strings(row, "scan_date")?.value(0).to_owned();
        let mut last = Self { scan_id, config_digest, scan_date, objects: HashMap::new(), ctx, report: report.clone() };
        let mut batches = last
            .table(report::ObjectRow::TABLE)
            .await?
            .filter(
                col("status")
                    .in_list(vec![lit(ObjectStatus::Scanned.as_str()), lit(ObjectStatus::Unchanged.as_str())], false),
            )?
            .execute_stream()
            .await?;
        while let Some(batch) = batches.next().await {
            let batch = batch?;
            let (object, format, etag) =
                (strings(&batch, "object")?, strings(&batch, "format")?, strings(&batch, "etag")?);
            let (size, rows_total, rows_sampled) =
                (u64s(&batch, "size_bytes")?, u64s(&batch, "rows_total")?, u64s(&batch, "rows_sampled")?);
            let modified = cast(&batch, "last_modified", &DataType::Int64)?;
            let modified = modified.as_primitive::<Int64Type>();
            // Reports written before `coverage` existed read it as null.
            let coverage = cast(&batch, "coverage", &DataType::Float64).ok();
            let coverage = coverage.as_ref().map(|c| c.as_primitive::<arrow::datatypes::Float64Type>());
            let text = |a: &StringArray, i| a.is_valid(i).then(|| a.value(i).to_owned());
            let number = |a: &arrow::array::UInt64Array, i| a.is_valid(i).then(|| a.value(i));
            for i in 0..batch.num_rows() {
                let version = Version { size: size.value(i), last_modified: modified.value(i), etag: text(&etag, i) };
                let known = Known {
                    version,
                    format: text(&format, i),
                    rows_total: number(&rows_total, i),
                    rows_sampled: number(&rows_sampled, i),
                    coverage: coverage.filter(|c| c.is_valid(i)).map(|c| c.value(i)),
                };
                last.objects.insert(object.value(i).to_owned(), known);
            }
        }
        Ok(Some(last))
    }

    /// What the last scan learnt about `object`, if it still has `version`.
    pub fn unchanged(&self, object: &str, version: &Version) -> Option<&Known> {
        self.objects.get(object).filter(|k| k.version == *version)
    }

    /// The last scan's rows of table `R` for `objects`, in `R`'s schema,
    /// stamped with the new scan's id and (for findings) time.
    pub(crate) async fn carry<R: Row>(
        &self,
        objects: Arc<HashSet<String>>,
        scan_id: &str,
        scanned_at: i64,
    ) -> Result<impl Stream<Item = Result<RecordBatch>> + use<R>> {
        let stream = self.table(R::TABLE).await?.execute_stream().await?;
        let scan_id = scan_id.to_owned();
        Ok(stream.map_err(Into::into).and_then(move |batch| {
            let restamped = keep(&batch, &objects).and_then(|b| restamp::<R>(&b, &scan_id, scanned_at));
            std::future::ready(restamped.map_err(Into::into))
        }))
    }

    /// What the last scan found in each object it read, by object URL: the
    /// version read, every column with its type, and the findings.
    pub(crate) async fn findings_by_object(&self) -> Result<ObjectFindings> {
        let mut out: ObjectFindings =
            self.objects.iter().map(|(o, k)| (o.clone(), (k.version.clone(), Vec::new(), Vec::new()))).collect();
        for batch in self.table(report::ColumnRow::TABLE).await?.collect().await? {
            let (object, column, data_type) =
                (strings(&batch, "object")?, strings(&batch, "column")?, strings(&batch, "data_type")?);
            for i in 0..batch.num_rows() {
                if let Some(o) = out.get_mut(object.value(i)) {
                    o.1.push((column.value(i).to_owned(), data_type.value(i).to_owned()));
                }
            }
        }
        for batch in self.table(report::FindingRow::TABLE).await?.collect().await? {
            let (object, column, entity) =
                (strings(&batch, "object")?, strings(&batch, "column")?, strings(&batch, "entity_type")?);
            let (matched, whole) = (u64s(&batch, "matched_values")?, u64s(&batch, "whole_values")?);
            let score = cast(&batch, "score", &DataType::Float64)?;
            let score = score.as_primitive::<arrow::datatypes::Float64Type>();
            for i in 0..batch.num_rows() {
                if let Some(o) = out.get_mut(object.value(i)) {
                    o.2.push(Found {
                        column: column.value(i).to_owned(),
                        entity: entity.value(i).to_owned(),
                        score: score.value(i),
                        matched: matched.value(i),
                        whole: whole.value(i),
                    });
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

/// The rows of `batch` whose `object` is in `objects`.
fn keep(batch: &RecordBatch, objects: &HashSet<String>) -> Result<RecordBatch, ArrowError> {
    let object = strings(batch, "object")?;
    let mask: BooleanArray = object.iter().map(|o| Some(o.is_some_and(|o| objects.contains(o)))).collect();
    arrow::compute::filter_record_batch(batch, &mask)
}

/// `batch` in `R`'s schema, with `scan_id` and `scanned_at` replaced.
fn restamp<R: Row>(batch: &RecordBatch, scan_id: &str, scanned_at: i64) -> Result<RecordBatch, ArrowError> {
    let schema = R::schema();
    let n = batch.num_rows();
    let columns = schema
        .fields()
        .iter()
        .map(|field| -> Result<ArrayRef, ArrowError> {
            Ok(match field.name().as_str() {
                "scan_id" => Arc::new(StringArray::from(vec![scan_id; n])),
                "scanned_at" => Arc::new(TimestampMicrosecondArray::from(vec![scanned_at; n]).with_timezone("UTC")),
                name => cast(batch, name, field.data_type())?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(schema, columns)
}

/// Column `name` of `batch` as type `to` (DataFusion may read strings back
/// as views, timestamps are compared as integers).
fn cast(batch: &RecordBatch, name: &str, to: &DataType) -> Result<ArrayRef, ArrowError> {
    let column = batch
        .column_by_name(name)
        .ok_or_else(|| ArrowError::SchemaError(format!("the report's earlier scan has no column {name}")))?;
    arrow::compute::cast(column, to)
}

fn strings(batch: &RecordBatch, name: &str) -> Result<StringArray, ArrowError> {
    Ok(cast(batch, name, &DataType::Utf8)?.as_string::<i32>().clone())
}

fn u64s(batch: &RecordBatch, name: &str) -> Result<arrow::array::UInt64Array, ArrowError> {
    Ok(cast(batch, name, &DataType::UInt64)?.as_primitive::<UInt64Type>().clone())
}
