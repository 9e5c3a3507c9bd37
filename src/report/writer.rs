//! Writing one scan's rows: a Parquet file per table, streamed through a
//! buffered upload that becomes visible only when complete, so a failed or
//! interrupted scan publishes nothing.

use super::tables::{AlertRow, ColumnRow, FindingRow, ObjectRow, Row, ScanRow};
use crate::error::{Error, Result, describe_parquet_error};
use crate::source::Location;
use object_store::buffered::BufWriter;
use object_store::path::Path;
use parquet::arrow::AsyncArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

/// Rows buffered before they are encoded.
const FLUSH_ROWS: usize = 4096;

/// One table's file for one scan.
struct TableWriter<R: Row> {
    rows: Vec<R>,
    writer: AsyncArrowWriter<BufWriter>,
    url: String,
}

impl<R: Row> TableWriter<R> {
    fn new(report: &Location, scan_date: &str, scan_id: &str) -> Result<Self> {
        let path = file_of(report, R::TABLE, scan_date, scan_id);
        let url = report.url_of(&path);
        let props = WriterProperties::builder().set_compression(Compression::ZSTD(ZstdLevel::default())).build();
        let sink = BufWriter::new(report.store.clone(), path);
        let writer = AsyncArrowWriter::try_new(sink, R::schema(), Some(props))?;
        Ok(Self { rows: Vec::new(), writer, url })
    }

    async fn push(&mut self, row: R) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= FLUSH_ROWS { self.flush().await } else { Ok(()) }
    }

    async fn flush(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch = R::to_batch(&self.rows)?;
        self.rows.clear();
        self.writer.write(&batch).await.map_err(|e| self.error(e))
    }

    async fn finish(mut self) -> Result<()> {
        self.flush().await?;
        let url = self.url.clone();
        self.writer.close().await.map_err(|e| Error::ReportWrite { url, message: describe_parquet_error(&e) })?;
        Ok(())
    }

    async fn abort(self) {
        let _ = self.writer.into_inner().abort().await;
    }

    fn error(&self, e: parquet::errors::ParquetError) -> Error {
        Error::ReportWrite { url: self.url.clone(), message: describe_parquet_error(&e) }
    }
}

/// The `scan_date` partition of a scan that started at `started_at` (UTC
/// microseconds).
pub(crate) fn scan_date(started_at: i64) -> String {
    chrono::DateTime::from_timestamp_micros(started_at).unwrap_or_default().format("%Y-%m-%d").to_string()
}

/// Where one scan's file of `table` is: `TABLE/scan_date=DATE/SCAN_ID.parquet`.
pub(crate) fn file_of(report: &Location, table: &str, scan_date: &str, scan_id: &str) -> Path {
    Path::from(format!("{}/{table}/scan_date={scan_date}/{scan_id}.parquet", report.prefix))
}

/// Writes `rows` as one more file of their table, `TABLE/scan_date=DATE/ID.parquet`
/// for a run `id` on `date`, visible only once complete.
pub(crate) async fn append<R: Row>(report: &Location, date: &str, id: &str, rows: Vec<R>) -> Result<()> {
    let mut writer = TableWriter::<R>::new(report, date, id)?;
    for row in rows {
        if let Err(e) = writer.push(row).await {
            writer.abort().await;
            return Err(e);
        }
    }
    writer.finish().await
}

/// The files of one scan, written as the scan goes.
pub struct ReportWriter {
    objects: TableWriter<ObjectRow>,
    columns: TableWriter<ColumnRow>,
    findings: TableWriter<FindingRow>,
    alerts: TableWriter<AlertRow>,
    scans: TableWriter<ScanRow>,
}

impl ReportWriter {
    /// Opens the files under `report` of the scan `scan_id`, started at
    /// `started_at` (UTC microseconds).
    pub fn begin(report: &Location, started_at: i64, scan_id: &str) -> Result<Self> {
        let scan_date = &scan_date(started_at);
        Ok(Self {
            objects: TableWriter::new(report, scan_date, scan_id)?,
            columns: TableWriter::new(report, scan_date, scan_id)?,
            findings: TableWriter::new(report, scan_date, scan_id)?,
            alerts: TableWriter::new(report, scan_date, scan_id)?,
            scans: TableWriter::new(report, scan_date, scan_id)?,
        })
    }

    /// Appends one object's rows.
    pub async fn object(
        &mut self,
        object: ObjectRow,
        columns: Vec<ColumnRow>,
        findings: Vec<FindingRow>,
    ) -> Result<()> {
        self.objects.push(object).await?;
        self.rows(columns, findings).await
    }

    /// Appends rows carried over from an earlier scan for objects it read
    /// that have not changed since, already restamped with this scan's id
    /// and time.
    pub async fn carried(&mut self, columns: Vec<ColumnRow>, findings: Vec<FindingRow>) -> Result<()> {
        self.rows(columns, findings).await
    }

    async fn rows(&mut self, columns: Vec<ColumnRow>, findings: Vec<FindingRow>) -> Result<()> {
        for c in columns {
            self.columns.push(c).await?;
        }
        for f in findings {
            self.findings.push(f).await?;
        }
        Ok(())
    }

    /// Publishes the tables with the scan's alerts, the `scans` row last.
    pub async fn commit(mut self, scan: ScanRow, alerts: Vec<AlertRow>) -> Result<()> {
        self.objects.finish().await?;
        self.columns.finish().await?;
        self.findings.finish().await?;
        for a in alerts {
            self.alerts.push(a).await?;
        }
        self.alerts.finish().await?;
        self.scans.push(scan).await?;
        self.scans.finish().await
    }

    /// Discards everything not yet published.
    pub async fn abort(self) {
        self.objects.abort().await;
        self.columns.abort().await;
        self.findings.abort().await;
        self.alerts.abort().await;
        self.scans.abort().await;
    }
}
