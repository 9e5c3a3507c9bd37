//! Queries: the report tables registered in a DataFusion session under their
//! names, with the Hive partition column `scan_date`, the audit log as the
//! table `audit`, and the classifier's SQL functions (`pii_entities`,
//! `pii_redact`).

pub mod functions;
pub mod named;
mod view;

use crate::error::Result;
use crate::printer::Printer;
use crate::report::{Row, TABLES};
use crate::source::Location;
use arrow::datatypes::DataType;
use arrow::record_batch::RecordBatch;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl};
use datafusion::prelude::SessionContext;
use futures::{StreamExt, TryStreamExt};
use object_store::{ObjectMeta, ObjectStore};
use std::sync::Arc;

/// A session with every table that REPORT holds: what lakeaudit's own
/// reads of the report (history, alerts, diff, the HTML page) need. Every
/// table file is checked first; one that does not read is left out of the
/// session, with a warning naming it and its table.
pub async fn session(report: &Location, printer: &Printer) -> Result<SessionContext> {
    let ctx = SessionContext::new();
    let root = url::Url::parse(&report.url()).map_err(|e| crate::error::Error::Internal(e.to_string()))?;
    let mut hidden = std::collections::HashSet::new();
    let mut present = Vec::new();
    for (table, schema) in TABLES {
        let prefix = object_store::path::Path::from(format!("{}/{table}", report.prefix));
        let files: Vec<ObjectMeta> = report
            .store
            .list(Some(&prefix))
            .try_collect()
            .await
            .map_err(|error| crate::error::Error::Store { op: "list", url: report.url_of(&prefix), error })?;
        let check = |meta| async move { (meta, unreadable(report, meta).await) };
        let checked: Vec<_> = crate::concurrency::bounded(futures::stream::iter(&files), 16, check).collect().await;
        let mut readable = 0;
        for (meta, why) in checked {
            match why {
                Some(why) => {
                    printer.warn(&format!(
                        "report table {table}: {} does not read ({why}); it is left out, so what reads {table} \
                         (queries, history, alerts) sees the rest only",
                        report.url_of(&meta.location)
                    ));
                    hidden.insert(meta.location.clone());
                }
                None => readable += 1,
            }
        }
        if readable > 0 {
            present.push((table, schema, prefix));
        }
    }
    let store: Arc<dyn ObjectStore> = match hidden.is_empty() {
        true => report.store.clone(),
        false => Arc::new(view::Without { inner: report.store.clone(), hidden: Arc::new(hidden) }),
    };
    ctx.register_object_store(&root, store);
    for (table, schema, prefix) in present {
        let url = ListingTableUrl::parse(format!("{}/", report.url_of(&prefix)))?;
        let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
            .with_file_extension(".parquet")
            .with_table_partition_cols(vec![("scan_date".to_owned(), DataType::Utf8)]);
        let config = ListingTableConfig::new(url).with_listing_options(options).with_schema(schema());
        ctx.register_table(table, Arc::new(ListingTable::try_new(config)?))?;
    }
    // `triage` writes `decisions`, scans do not: a report without any
    // decision has an empty table, so that queries about them still run.
    if !ctx.table_exist(crate::report::DecisionRow::TABLE)? {
        let schema = crate::report::DecisionRow::schema();
        let empty = datafusion::datasource::MemTable::try_new(schema, vec![vec![]])?;
        ctx.register_table(crate::report::DecisionRow::TABLE, Arc::new(empty))?;
    }
    if ctx.table_exist("scans")? {
        ctx.sql(LATEST_SCANS).await?;
    }
    ctx.sql(CURRENT_DECISIONS).await?;
    Ok(ctx)
}

/// The view of the latest scan of each source, by id: what "now" is for
/// the named queries, the HTML page and `triage list`.
const LATEST_SCANS: &str = "CREATE VIEW latest_scans AS \
    SELECT scan_id, source FROM ( \
        SELECT scan_id, source, row_number() OVER (PARTITION BY source ORDER BY started_at DESC) AS n FROM scans \
    ) WHERE n = 1";

/// The view of the decisions that stand: the latest row about each
/// finding, unless it is a `revoke` (whether its last day has passed is
/// for the reader to say).
const CURRENT_DECISIONS: &str = "CREATE VIEW current_decisions AS \
    SELECT decided_at, run_id, finding_id, kind, reason, actor, until FROM ( \
        SELECT decided_at, run_id, finding_id, kind, reason, actor, until, \
               row_number() OVER (PARTITION BY finding_id ORDER BY decided_at DESC, run_id DESC) AS n \
        FROM decisions \
    ) WHERE n = 1 AND kind <> 'revoke'";

/// Why a report file does not read (its footer, or its Arrow schema), if it
/// does not.
async fn unreadable(report: &Location, meta: &ObjectMeta) -> Option<String> {
    if !meta.location.as_ref().ends_with(".parquet") {
        return None;
    }
    let limits = crate::limits::Limits::default();
    let read = async {
        let fetcher = crate::sample::parquet::Fetcher::new(report.store.clone(), meta, &limits);
        let metadata = fetcher.metadata().await?;
        let file = metadata.file_metadata();
        parquet::arrow::parquet_to_arrow_schema(file.schema_descr(), file.key_value_metadata())?;
        Ok::<_, crate::error::Error>(())
    };
    match crate::isolate::object(read).await {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(panic) => Some(panic),
    }
}

/// The session users query: the report tables, the audit log as `audit`
/// (one read per record, so only here), and the classifier's functions.
async fn user_session(report: &Location, printer: &Printer) -> Result<SessionContext> {
    let ctx = session(report, printer).await?;
    let classifier = Arc::new(crate::classify::Classifier::new(Default::default())?);
    ctx.register_udf(functions::pii_entities(classifier.clone()));
    ctx.register_udf(functions::pii_redact(classifier));
    let records = crate::audit::AuditLog::new(report).records().await?;
    if !records.is_empty() {
        let batch = <crate::audit::Record as crate::report::Row>::to_batch(&records)?;
        let table = datafusion::datasource::MemTable::try_new(batch.schema(), vec![vec![batch]])?;
        ctx.register_table("audit", Arc::new(table))?;
    }
    Ok(ctx)
}

/// Runs SQL over REPORT, read-only: statements that would create, change
/// or write anything (DDL, `INSERT`, `COPY ... TO`, `SET`) are refused.
pub async fn sql(report: &Location, sql: &str, printer: &Printer) -> Result<Vec<RecordBatch>> {
    let ctx = user_session(report, printer).await?;
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
