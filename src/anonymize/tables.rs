//! Anonymized copies of tables. A copy of a Delta or Iceberg table holds
//! only its current version: its live data files, rewritten without the
//! rows the table deleted (deletion vectors, position deletes); neither its
//! log (which holds raw values in its statistics) nor the files of old
//! versions are copied. A Delta table's copy is then given a log of its
//! own: one version whose `add` actions name the copied files, with
//! statistics computed from the new values. An Iceberg table's copy is its
//! live files as plain Parquet: lakeaudit does not write Iceberg metadata.

use super::partitions::copy_path;
use super::plan::ObjectPlan;
use super::rewrite::Rewrite;
use super::{Outcome, Summary, relative};
use crate::error::{Error, Result};
use crate::printer::Printer;
use crate::sample::parquet::Fetcher;
use crate::source::Location;
use crate::source::table::{Deleted, Rewritten, Table, TableFormat, commit_rewrites, log_name};
use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStoreExt};
use parquet::basic::{LogicalType, Type as PhysicalType};
use parquet::file::metadata::ParquetMetaData;
use parquet::file::statistics::Statistics;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The tables of a SOURCE being copied, with their current files.
#[derive(Default)]
pub(super) struct Tables {
    /// Each table by its root, with the paths of its current files.
    tables: BTreeMap<Path, (Arc<Table>, Vec<Path>)>,
    /// Rows to leave out of a copied file, by its path in SOURCE.
    pub(super) deleted: HashMap<Path, Arc<Deleted>>,
}

impl Tables {
    /// Notes a current file of `table` (listed or not).
    pub(super) fn live(&mut self, table: &Arc<Table>, path: &Path, deleted: Option<Arc<Deleted>>) {
        let entry = self.tables.entry(table.root.clone()).or_insert_with(|| (table.clone(), Vec::new()));
        entry.1.push(path.clone());
        if let Some(deleted) = deleted {
            self.deleted.insert(path.clone(), deleted);
        }
    }

    /// The partition values the log of the Delta table holding `path` gives
    /// it, if any.
    pub(super) fn partitions(&self, path: &Path) -> Option<&serde_json::Value> {
        self.table_of(path)?.delta.as_ref()?.partitions.get(path)
    }

    /// The table whose current file `path` is, if any.
    pub(super) fn table_of(&self, path: &Path) -> Option<&Arc<Table>> {
        let (table, _) = self.tables.iter().rev().find(|(root, _)| path.prefix_matches(root))?.1;
        Some(table)
    }

    /// Once the files are copied: gives each Delta table's copy its log, if
    /// every current file of the table was copied (otherwise the copy is no
    /// table, which is said and counted as a failure); says that an
    /// Iceberg table was copied as plain Parquet.
    pub(super) async fn finish(
        &self,
        source: &Location,
        dest: &Location,
        limits: &crate::limits::Limits,
        summary: &mut Summary,
        printer: &Printer,
    ) {
        let plans: HashMap<&Path, &ObjectPlan> = summary.plans.iter().map(|p| (&p.meta.location, p)).collect();
        for (root, (table, files)) in &self.tables {
            let rel_root = crate::source::below(&source.prefix, root);
            if table.format == TableFormat::Iceberg {
                printer.warn(&format!(
                    "{}: an Iceberg table is copied as the plain Parquet files of its {} (lakeaudit does not write Iceberg metadata)",
                    table.url,
                    table.version_text()
                ));
                continue;
            }
            let log = match rel_root.is_empty() {
                true => "_delta_log".to_owned(),
                false => format!("{rel_root}/_delta_log"),
            };
            let copied = |f: &Path| {
                matches!(
                    summary.objects.get(&relative(source, f)),
                    Some(Outcome::Written | Outcome::Copied | Outcome::Already)
                )
            };
            let missing = files.iter().filter(|f| !copied(f)).count();
            let outcome = match missing {
                0 => match write_log(table, files, &plans, source, dest, limits).await {
                    Ok(()) => Outcome::Written,
                    Err(e) => Outcome::Failed(format!("the copy's Delta log could not be written: {e}")),
                },
                n => Outcome::Failed(format!(
                    "{n} of the table's {} current files could not be copied: the copy gets no Delta log",
                    files.len()
                )),
            };
            if let Outcome::Failed(why) = &outcome {
                printer.warn(&format!("{}: {why}", dest.url_of(&folder_in(source, root, dest))));
            }
            summary.objects.insert(log, outcome);
        }
    }
}

impl Tables {
    /// Rewrites the Delta table SOURCE in place (`--in-place`): each
    /// current file the plan changes (or that has deleted rows) is written
    /// anew beside it, anonymized and without those rows, then one new
    /// version of the table replaces the old files by the new ones. Nothing
    /// is committed unless every new file was written; those written are
    /// then deleted again. The old files stay, with the personal data, for
    /// time travel until VACUUM: stderr says so, and how to run it.
    pub(super) async fn in_place(
        &self,
        source: &Location,
        plans: Vec<ObjectPlan>,
        rewrite: Rewrite,
        limits: &crate::limits::Limits,
        summary: &mut Summary,
        printer: &Printer,
    ) -> Result<()> {
        let table = match self.tables.values().next() {
            Some((table, _)) if self.tables.len() == 1 && table.root == source.prefix => table,
            _ => return Err(Error::Usage("--in-place rewrites one Delta table: SOURCE must be its folder".into())),
        };
        if table.format != TableFormat::Delta {
            return Err(Error::Usage("--in-place rewrites Delta tables only; lakeaudit does not write Iceberg".into()));
        }
        let nonce = format!(
            "{:08x}",
            xxhash_rust::xxh3::xxh3_64(format!("{:?}{}", std::time::SystemTime::now(), std::process::id()).as_bytes())
                as u32
        );
        if let Some(p) = plans.iter().flat_map(|p| &p.partitions).find(|p| p.plan.is_some()) {
            return Err(Error::Usage(format!(
                "--in-place keeps the table's partitions, and its partition column {} holds personal data: \
                 anonymize the table into a copy instead (its folders and log then hold the copy's values)",
                p.key
            )));
        }
        let mut rewritten = Vec::new();
        let mut failure = None;
        for plan in plans {
            let deleted = self.deleted.get(&plan.meta.location).cloned();
            let rel = relative(source, &plan.meta.location);
            if plan.columns.is_empty() && plan.dropped.is_empty() && deleted.is_none() {
                summary.objects.insert(rel, Outcome::Skipped("nothing to change: kept in the new version".into()));
                continue;
            }
            let name = format!("lakeaudit-{nonce}-{}", plan.meta.location.filename().unwrap_or("part.parquet"));
            let new = Path::from_iter(
                plan.meta.location.parts().take(plan.meta.location.parts().count() - 1).chain([name.as_str().into()]),
            );
            let mut upload = super::upload::Upload::new(source, new.clone());
            let old = plan.meta.location.clone();
            let copied = super::parquet::copy(
                source.store.clone(),
                Arc::new(plan),
                &mut upload,
                rewrite.clone(),
                limits,
                deleted,
            )
            .await;
            let written = match copied {
                Ok(counts) => upload.finish().await.map(|size| (counts, size)),
                Err(e) => {
                    upload.abort().await;
                    Err(e)
                }
            };
            match written {
                Ok((counts, size)) => {
                    for (op, n) in counts {
                        *summary.values.entry(op).or_default() += n;
                    }
                    summary.bytes_written += size;
                    summary.objects.insert(rel, Outcome::Written);
                    rewritten.push((old, new));
                }
                Err(e) => {
                    summary.objects.insert(rel, Outcome::Failed(e.to_string()));
                    failure.get_or_insert(e);
                    break;
                }
            }
        }
        super::upload::clear_staging(source);
        let commit = async {
            if let Some(e) = failure {
                return Err(e);
            }
            let mut files = Vec::new();
            for (old, new) in &rewritten {
                let (meta, stats) = written(source, new, limits).await?;
                files.push(Rewritten { old: old.clone(), new: new.clone(), size: meta.size, stats });
            }
            match files.is_empty() {
                true => Ok(None),
                false => commit_rewrites(source, &table.root, &files).await.map(Some),
            }
        };
        match commit.await {
            Ok(Some(version)) => {
                printer.warn(&format!(
                    "{}: version {version} replaces {} file(s) by anonymized ones. The earlier versions still hold the \
                     personal data, for time travel, until VACUUM deletes their files: after the table's retention \
                     (delta.deletedFileRetentionDuration, 7 days by default), or at once with Spark's \
                     VACUUM delta.`{}` RETAIN 0 HOURS (retentionDurationCheck disabled) or the deltalake package's \
                     DeltaTable(\"{}\").vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False)",
                    table.url,
                    rewritten.len(),
                    table.url,
                    table.url
                ));
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(e) => {
                for (_, new) in &rewritten {
                    let _ = source.store.delete(new).await;
                }
                Err(e)
            }
        }
    }
}

/// A table's folder (SOURCE itself, or one below it) in DEST: DEST itself,
/// or the same folder below it.
fn folder_in(source: &Location, folder: &Path, dest: &Location) -> Path {
    dest.prefix.parts().chain(folder.parts().skip(source.prefix.parts().count())).collect()
}

/// Writes the first (and only) version of the copy's Delta log: the source
/// table's protocol (without deletion vectors: the copy has none) and
/// metadata, and an `add` per copied file, sized and counted from the copy.
async fn write_log(
    table: &Table,
    files: &[Path],
    plans: &HashMap<&Path, &ObjectPlan>,
    source: &Location,
    dest: &Location,
    limits: &crate::limits::Limits,
) -> Result<()> {
    let delta = table.delta.as_ref().ok_or_else(|| Error::Internal("a Delta table without its log".into()))?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut protocol = delta.protocol.clone();
    for key in ["readerFeatures", "writerFeatures"] {
        if let Some(features) = protocol[key].as_array_mut() {
            features.retain(|f| f != "deletionVectors");
        }
    }
    let mut metadata = delta.metadata.clone();
    if let Some(configuration) = metadata["configuration"].as_object_mut() {
        configuration.remove("delta.enableDeletionVectors");
    }
    metadata["createdTime"] = now.into();
    // Absent, not null, where the source has nothing (as writers do).
    for action in [&mut protocol, &mut metadata] {
        if let Some(fields) = action.as_object_mut() {
            fields.retain(|_, v| !v.is_null());
        }
    }
    let mut lines = vec![
        serde_json::json!({"commitInfo": {
            "timestamp": now,
            "operation": "WRITE",
            "operationParameters": {"mode": "Overwrite"},
            "engineInfo": format!("lakeaudit {} (anonymized copy of {})", env!("CARGO_PKG_VERSION"), table.url),
        }}),
        serde_json::json!({ "protocol": protocol }),
        serde_json::json!({ "metaData": metadata }),
    ];
    let mut sorted: Vec<&Path> = files.iter().collect();
    sorted.sort();
    let root = folder_in(source, &table.root, dest);
    for file in sorted {
        let plan = plans.get(file);
        let copy = plan.map_or_else(|| super::rebased(source, file, dest), |p| copy_path(source, p, dest));
        let (meta, stats) = written(dest, &copy, limits).await?;
        let name = match (plan.and_then(|p| p.target.as_ref()), delta.paths.get(file)) {
            (None, Some(name)) => name.clone(),
            _ => log_name(&crate::source::below(&root, &copy)),
        };
        // The copy's values (as the source's where nothing changed them).
        let partitions = match plan {
            Some(p) => p.partitions.iter().map(|p| (p.key.clone(), serde_json::Value::from(p.copy.clone()))).collect(),
            None => delta.partitions.get(file).cloned().unwrap_or_else(|| serde_json::json!({})),
        };
        lines.push(serde_json::json!({"add": {
            "path": name,
            "partitionValues": partitions,
            "size": meta.size,
            "modificationTime": meta.last_modified.timestamp_millis(),
            "dataChange": true,
            "stats": stats,
        }}));
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = Path::from_iter(root.parts().chain(["_delta_log".into(), "00000000000000000000.json".into()]));
    let mut upload = super::upload::Upload::new(dest, path);
    upload.write(bytes::Bytes::from(text)).await?;
    upload.finish().await?;
    Ok(())
}

/// A file just written to `location`: what the store says of it, and its
/// Delta statistics from its footer.
async fn written(location: &Location, path: &Path, limits: &crate::limits::Limits) -> Result<(ObjectMeta, String)> {
    let url = location.url_of(path);
    let meta = location.store.head(path).await.map_err(|error| Error::Store { op: "read", url, error })?;
    let footer = Fetcher::new(location.store.clone(), &meta, limits).metadata().await?;
    Ok((meta, stats(&footer).to_string()))
}

/// Delta statistics of a copied file, from its footer: the rows, and for
/// each top-level column its nulls and, for strings and integers, its
/// smallest and largest values (what the copy holds, not the source).
fn stats(footer: &ParquetMetaData) -> serde_json::Value {
    let schema = footer.file_metadata().schema_descr();
    let (mut min, mut max, mut nulls) = (serde_json::Map::new(), serde_json::Map::new(), serde_json::Map::new());
    for (i, column) in schema.columns().iter().enumerate() {
        let path = column.path().parts();
        if path.len() != 1 {
            continue;
        }
        let name = path[0].clone();
        let chunks: Vec<Option<&Statistics>> = footer.row_groups().iter().map(|g| g.column(i).statistics()).collect();
        if let Some(n) = chunks.iter().map(|s| s.and_then(|s| s.null_count_opt())).sum::<Option<u64>>() {
            nulls.insert(name.clone(), n.into());
        }
        let text = matches!(column.logical_type_ref(), Some(LogicalType::String))
            || column.converted_type() == parquet::basic::ConvertedType::UTF8;
        let values = |pick: fn(&Statistics) -> Option<serde_json::Value>| -> Vec<serde_json::Value> {
            chunks.iter().filter_map(|s| s.and_then(pick)).collect()
        };
        let (lo, hi) = match (column.physical_type(), text) {
            (PhysicalType::BYTE_ARRAY, true) => (
                values(|s| match s {
                    Statistics::ByteArray(v) if v.min_is_exact() => v.min_opt()?.as_utf8().ok().map(|t| t.into()),
                    _ => None,
                }),
                values(|s| match s {
                    Statistics::ByteArray(v) if v.max_is_exact() => v.max_opt()?.as_utf8().ok().map(|t| t.into()),
                    _ => None,
                }),
            ),
            (PhysicalType::INT32 | PhysicalType::INT64, _) if column.logical_type_ref().is_none() => (
                values(|s| match s {
                    Statistics::Int32(v) => v.min_opt().map(|n| (*n).into()),
                    Statistics::Int64(v) => v.min_opt().map(|n| (*n).into()),
                    _ => None,
                }),
                values(|s| match s {
                    Statistics::Int32(v) => v.max_opt().map(|n| (*n).into()),
                    Statistics::Int64(v) => v.max_opt().map(|n| (*n).into()),
                    _ => None,
                }),
            ),
            _ => continue,
        };
        // A bound only when every row group gave one.
        if lo.len() == chunks.len() && hi.len() == chunks.len() && !lo.is_empty() {
            min.insert(name.clone(), extreme(lo, std::cmp::Ordering::Less));
            max.insert(name, extreme(hi, std::cmp::Ordering::Greater));
        }
    }
    serde_json::json!({
        "numRecords": footer.file_metadata().num_rows(),
        "minValues": min,
        "maxValues": max,
        "nullCount": nulls,
    })
}

/// The smallest (`Less`) or largest value of strings or of integers.
fn extreme(values: Vec<serde_json::Value>, want: std::cmp::Ordering) -> serde_json::Value {
    let order = |a: &serde_json::Value, b: &serde_json::Value| match (a, b) {
        (serde_json::Value::String(a), serde_json::Value::String(b)) => a.cmp(b),
        _ => a.as_i64().cmp(&b.as_i64()),
    };
    values.into_iter().reduce(|a, b| if order(&b, &a) == want { b } else { a }).unwrap_or_default()
}
