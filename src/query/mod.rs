//! Queries: the report tables registered in a DataFusion session under their
//! names, with the Hive partition column `scan_date`, the audit log as the
//! table `audit`, and the classifier's SQL functions (`pii_entities`,
//! `pii_redact`).

pub mod functions;
pub mod named;

use crate::error::Result;
use crate::report::TABLES;
use crate::source::Location;
use arrow::datatypes::DataType;
use arrow::record_batch::RecordBatch;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl};
use datafusion::prelude::SessionContext;
use std::sync::Arc;

/// A session with every table that REPORT holds: what lakeaudit's own
/// reads of the report (history, alerts, diff, the HTML page) need.
pub async fn session(report: &Location) -> Result<SessionContext> {
    let ctx = SessionContext::new();
    let root = url::Url::parse(&report.url()).map_err(|e| crate::error::Error::Internal(e.to_string()))?;
    ctx.register_object_store(&root, report.store.clone());
    for table in TABLES {
        let prefix = object_store::path::Path::from(format!("{}/{table}", report.prefix));
        let mut listing = report.store.list(Some(&prefix));
        if futures::StreamExt::next(&mut listing).await.is_none() {
            continue;
        }
        let url = ListingTableUrl::parse(format!("{}/", report.url_of(&prefix)))?;
        let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
            .with_file_extension(".parquet")
            .with_table_partition_cols(vec![("scan_date".to_owned(), DataType::Utf8)]);
        let config = ListingTableConfig::new(url).with_listing_options(options).infer_schema(&ctx.state()).await?;
        ctx.register_table(table, Arc::new(ListingTable::try_new(config)?))?;
    }
    Ok(ctx)
}

/// The session users query: the report tables, the audit log as `audit`
/// (one read per record, so only here), and the classifier's functions.
async fn user_session(report: &Location) -> Result<SessionContext> {
    let ctx = session(report).await?;
    let classifier = Arc::new(crate::classify::Classifier::new(Default::default())?);
    ctx.register_udf(functions::pii_entities(classifier.clone()));
    ctx.register_udf(functions::pii_redact(classifier));
    let records = crate::audit::AuditLog::new(report).records().await?;
    if !records.is_empty() {
        let batch = crate::audit::to_batch(&records)?;
        let table = datafusion::datasource::MemTable::try_new(batch.schema(), vec![vec![batch]])?;
        ctx.register_table("audit", Arc::new(table))?;
    }
    Ok(ctx)
}

/// Runs SQL over REPORT, read-only: statements that would create, change
/// or write anything (DDL, `INSERT`, `COPY ... TO`, `SET`) are refused.
pub async fn sql(report: &Location, sql: &str) -> Result<Vec<RecordBatch>> {
    let ctx = user_session(report).await?;
    let plan = ctx.state().create_logical_plan(sql).await?;
    let read_only = datafusion::execution::context::SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false);
    read_only.verify_plan(&plan).map_err(|e| {
        let why = e.strip_backtrace();
        crate::error::Error::Usage(format!(
            "lakeaudit query is read-only; only queries run ({})",
            why.trim_start_matches("Error during planning: ")
        ))
    })?;
    Ok(ctx.execute_logical_plan(plan).await?.collect().await?)
}
