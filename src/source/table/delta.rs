//! Delta Lake tables, read by delta-rs (`deltalake-core`, without its
//! DataFusion integration: lakeaudit reads the data files itself): the log
//! is replayed from the last checkpoint, and each live file's deletion
//! vector is read by the Delta kernel, through the source's own store.

use super::{DeltaLog, Table, TableFormat, file_path, ranges_of, unreadable};
use crate::error::Result;
use crate::source::Location;
use bytes::Bytes;
use deltalake_core::DeltaTable;
use deltalake_core::logstore::{StorageConfig, default_logstore};
use futures::TryStreamExt;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use std::collections::HashMap;
use std::sync::Arc;

/// How long a removed file stays on storage for time travel when the table
/// does not say (`delta.deletedFileRetentionDuration`): one week.
const DEFAULT_RETENTION_MICROS: i64 = 7 * 24 * 3600 * 1_000_000;

/// The Delta table at `root`, its latest version loaded, through the
/// source's own store; and the table's URL.
async fn open(location: &Location, root: &Path) -> Result<(DeltaTable, url::Url)> {
    let url = location.url_of(root);
    let table_url = url::Url::parse(&format!("{url}/")).map_err(unreadable)?;
    let prefixed = Arc::new(PrefixStore::new(location.store.clone(), root.clone()));
    let log_store = default_logstore(prefixed, location.store.clone(), &table_url, &StorageConfig::default());
    let mut table = DeltaTable::new(log_store);
    table.load().await.map_err(unreadable)?;
    Ok((table, table_url))
}

/// A file of a table rewritten in place: its current path, and the new
/// file's path, size and statistics.
pub struct Rewritten {
    /// The file the table's current version holds.
    pub old: Path,
    /// The file that replaces it.
    pub new: Path,
    /// The new file's size in bytes.
    pub size: u64,
    /// The new file's statistics (Delta's JSON).
    pub stats: String,
}

/// Commits a new version of the Delta table at `root` that replaces each
/// `old` file by its `new` one (a `remove` and an `add` each, as an UPDATE
/// does), through delta-rs, which checks that no other writer committed a
/// conflicting version meanwhile. Returns the version committed.
pub async fn commit_rewrites(location: &Location, root: &Path, rewrites: &[Rewritten]) -> Result<u64> {
    use deltalake_core::kernel::Action;
    use deltalake_core::kernel::transaction::CommitBuilder;
    use deltalake_core::protocol::DeltaOperation;
    let (table, _) = open(location, root).await?;
    let state = table.snapshot().map_err(unreadable)?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut actions = Vec::new();
    for file in state.log_data().iter() {
        let Some(path) = file_path(root, None, &file.path()) else { continue };
        let Some(r) = rewrites.iter().find(|r| r.old == path) else { continue };
        let mut remove = file.remove_action(true);
        remove.deletion_timestamp = Some(now);
        let name = crate::source::below(root, &r.new);
        actions.push(Action::Remove(remove));
        actions.push(Action::Add(deltalake_core::kernel::Add {
            path: log_name(&name),
            partition_values: file.partition_values_map(),
            size: i64::try_from(r.size).map_err(unreadable)?,
            modification_time: now,
            data_change: true,
            stats: Some(r.stats.clone()),
            tags: None,
            deletion_vector: None,
            base_row_id: None,
            default_row_commit_version: None,
            clustering_provider: None,
        }));
    }
    if actions.len() != 2 * rewrites.len() {
        return Err(unreadable("the table changed since it was read: a file to replace is no longer in it"));
    }
    let committed = CommitBuilder::default()
        .with_actions(actions)
        .build(Some(state), table.log_store(), DeltaOperation::Update { predicate: None })
        .await
        .map_err(unreadable)?;
    Ok(committed.version() as u64)
}

/// Loads the latest version of the Delta table at `root`.
pub(super) async fn load(location: &Location, root: &Path) -> Result<Table> {
    let (table, table_url) = open(location, root).await?;
    let url = location.url_of(root);
    let log_store = table.log_store();
    let state = table.snapshot().map_err(unreadable)?;
    let version = Some(state.version());
    let engine = log_store.engine(None);
    let mut live = HashMap::new();
    let mut values = std::collections::BTreeMap::new();
    let (mut paths, mut partitions) = (HashMap::new(), HashMap::new());
    for file in state.log_data().iter() {
        if let Some(stats) = file.stats().and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()) {
            for bound in ["minValues", "maxValues"] {
                super::add_values(&mut values, "_delta_log.stats", &stats[bound]);
            }
        }
        let Some(path) = file_path(root, None, &file.path()) else { continue };
        paths.insert(path.clone(), log_name(&file.path()));
        let partition = serde_json::json!(file.partition_values_map());
        super::add_values(&mut values, TableFormat::Delta.partition_column(), &partition);
        partitions.insert(path.clone(), partition);
        let deleted = match file.deletion_vector_descriptor() {
            None => None,
            Some(dv) => {
                let dv = delta_kernel::actions::deletion_vector::DeletionVectorDescriptor::try_from(dv)
                    .map_err(unreadable)?;
                let (storage, parent) = (engine.storage_handler(), table_url.clone());
                // The kernel reads through its own blocking calls.
                let rows = tokio::task::spawn_blocking(move || dv.read(storage, &parent))
                    .await
                    .map_err(unreadable)?
                    .map_err(|e| unreadable(format!("deletion vector of {path}: {e}")))?;
                if rows.len() > super::MAX_DELETED_ROWS {
                    let claims = rows.len();
                    return Err(unreadable(format!("the deletion vector of {path} claims {claims} deleted rows")));
                }
                Some(Arc::new(ranges_of(rows.iter())))
            }
        };
        live.insert(path, deleted.filter(|d| !d.is_empty()));
    }
    let mut retained_since = HashMap::new();
    let mut tombstones = state.all_tombstones(log_store.as_ref());
    while let Some(t) = tombstones.try_next().await.map_err(unreadable)? {
        if let (Some(path), Some(at)) = (file_path(root, None, &t.path()), t.deletion_timestamp()) {
            retained_since.insert(path, at.saturating_mul(1000));
        }
    }
    let retention = state
        .table_config()
        .deleted_file_retention_duration
        .map_or(DEFAULT_RETENTION_MICROS, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
    let metadata = serde_json::to_value(state.metadata()).map_err(unreadable)?;
    let names = physical_names(&metadata);
    // The statistics name columns as the data files do.
    if !names.is_empty() {
        values = values
            .into_iter()
            .map(|(column, v)| {
                let logical = column.split('.').map(|p| names.get(p).map_or(p, String::as_str)).collect::<Vec<_>>();
                (logical.join("."), v)
            })
            .collect();
    }
    Ok(Table {
        format: TableFormat::Delta,
        root: root.clone(),
        url,
        version,
        live,
        retained_since,
        retention: Some(retention),
        caveat: None,
        values,
        names,
        delta: Some(DeltaLog {
            protocol: serde_json::to_value(state.protocol()).map_err(unreadable)?,
            metadata,
            paths,
            partitions,
        }),
    })
}

/// Column names by physical name, from the schema of a `metaData` action
/// (`delta.columnMapping.physicalName` in each field's metadata, structs
/// nested); empty without column mapping.
fn physical_names(metadata: &serde_json::Value) -> HashMap<String, String> {
    fn walk(fields: &serde_json::Value, out: &mut HashMap<String, String>) {
        for f in fields.as_array().into_iter().flatten() {
            if let (Some(name), Some(physical)) =
                (f["name"].as_str(), f["metadata"]["delta.columnMapping.physicalName"].as_str())
            {
                out.insert(physical.to_owned(), name.to_owned());
            }
            walk(&f["type"]["fields"], out);
        }
    }
    let mut out = HashMap::new();
    if let Some(schema) =
        metadata["schemaString"].as_str().and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
    {
        walk(&schema["fields"], &mut out);
    }
    out
}

/// What the log must not hold unescaped in a path (a URI): controls,
/// spaces, `%` and the characters RFC 3986 reserves beside `/` and `=`.
const ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'%')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'^')
    .add(b'|')
    .add(b'\\')
    .add(b'[')
    .add(b']');

/// A file of a Delta log that holds actions: a JSON commit, a checkpoint
/// (classic, multi-part or V2) or a V2 checkpoint's sidecar.
pub(super) fn is_log_file(path: &Path) -> bool {
    let name = path.filename().unwrap_or_default();
    let sidecar = path.parts().any(|p| p.as_ref() == "_sidecars");
    name.ends_with(".json") && !name.starts_with('_')
        || name.ends_with(".parquet") && (name.contains(".checkpoint") || sidecar)
}

/// What history takes of an `add` action: the file, its statistics (JSON)
/// and its partition values (a JSON object).
pub(super) struct Add {
    pub path: String,
    pub stats: Option<String>,
    pub partitions: serde_json::Value,
}

/// The `add` actions of a JSON commit (lines that are not JSON are passed
/// over).
pub(super) fn commit_adds(text: &[u8]) -> Vec<Add> {
    let mut adds = Vec::new();
    for line in text.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let Ok(mut action) = serde_json::from_slice::<serde_json::Value>(line) else { continue };
        let add = action["add"].take();
        let Some(path) = add["path"].as_str() else { continue };
        let stats = add["stats"].as_str().map(str::to_owned);
        adds.push(Add { path: path.to_owned(), stats, partitions: add["partitionValues"].clone() });
    }
    adds
}

/// The `add` actions of a checkpoint (or sidecar) Parquet file: its `add`
/// column alone is read.
pub(super) fn checkpoint_adds(bytes: Bytes) -> Result<Vec<Add>> {
    use arrow::array::{Array, AsArray};
    use parquet::arrow::ProjectionMask;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let bad = |e: &dyn std::fmt::Display| unreadable(format!("a checkpoint of the log: {e}"));
    let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).map_err(|e| bad(&e))?;
    let fields = builder.parquet_schema().root_schema().get_fields();
    let Some(at) = fields.iter().position(|f| f.name() == "add") else { return Ok(Vec::new()) };
    let mask = ProjectionMask::roots(builder.parquet_schema(), [at]);
    let reader = builder.with_projection(mask).build().map_err(|e| bad(&e))?;
    let mut adds = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| bad(&e))?;
        let Some(add) = batch.column(0).as_struct_opt() else { continue };
        let text = |name: &str| add.column_by_name(name).and_then(|c| c.as_string_opt::<i32>().cloned());
        let (Some(paths), stats) = (text("path"), text("stats")) else { continue };
        let partitions = add.column_by_name("partitionValues").and_then(|c| c.as_map_opt().cloned());
        for row in (0..add.len()).filter(|&r| add.is_valid(r) && paths.is_valid(r)) {
            let stats = stats.as_ref().filter(|s| s.is_valid(row)).map(|s| s.value(row).to_owned());
            let mut values = serde_json::Map::new();
            if let Some(map) = partitions.as_ref().filter(|m| m.is_valid(row)) {
                let entries = map.value(row);
                let (keys, vals) = (entries.column(0).as_string_opt::<i32>(), entries.column(1).as_string_opt::<i32>());
                if let (Some(keys), Some(vals)) = (keys, vals) {
                    for i in 0..keys.len() {
                        let value = vals.is_valid(i).then(|| vals.value(i).to_owned());
                        values.insert(keys.value(i).to_owned(), value.into());
                    }
                }
            }
            adds.push(Add { path: paths.value(row).to_owned(), stats, partitions: values.into() });
        }
    }
    Ok(adds)
}

/// A file's name as a Delta log writes it: its path below the table,
/// escaped as a URI.
pub fn log_name(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, ESCAPED).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_mapping_names_physical_columns() {
        let schema = serde_json::json!({"type": "struct", "fields": [
            {"name": "email", "type": "string", "metadata": {"delta.columnMapping.physicalName": "col-1"}},
            {"name": "who", "type": {"type": "struct", "fields": [
                {"name": "ssn", "type": "string", "metadata": {"delta.columnMapping.physicalName": "col-3"}}
            ]}, "metadata": {"delta.columnMapping.physicalName": "col-2"}},
            {"name": "plain", "type": "long", "metadata": {}}
        ]});
        let metadata = serde_json::json!({"schemaString": schema.to_string()});
        let mut names: Vec<(String, String)> = super::physical_names(&metadata).into_iter().collect();
        names.sort();
        let want = [("col-1", "email"), ("col-2", "who"), ("col-3", "ssn")].map(|(a, b)| (a.to_owned(), b.to_owned()));
        assert_eq!(names, want);
        assert!(super::physical_names(&serde_json::json!({})).is_empty());
    }

    #[test]
    fn log_files_with_actions_table() {
        for (path, want) in [
            ("t/_delta_log/00000000000000000003.json", true),
            ("t/_delta_log/00000000000000000010.checkpoint.parquet", true),
            ("t/_delta_log/00000000000000000010.checkpoint.0000000001.0000000002.parquet", true),
            ("t/_delta_log/00000000000000000010.checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json", true),
            ("t/_delta_log/_sidecars/3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet", true),
            ("t/_delta_log/_last_checkpoint", false),
            ("t/_delta_log/00000000000000000003.crc", false),
            ("t/_delta_log/_staged_commits/x.parquet", false),
        ] {
            assert_eq!(super::is_log_file(&object_store::path::Path::from(path)), want, "{path}");
        }
    }

    #[test]
    fn log_names_are_escaped_as_uris() {
        for (path, want) in [
            ("region=eu/part-0.parquet", "region=eu/part-0.parquet"),
            ("city=New York/p.parquet", "city=New%20York/p.parquet"),
            ("ts=2026-01-01 10%3A00/p.parquet", "ts=2026-01-01%2010%253A00/p.parquet"),
        ] {
            assert_eq!(super::log_name(path), want);
        }
    }
}
