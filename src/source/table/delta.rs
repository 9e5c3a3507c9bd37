//! Delta Lake tables, read by delta-rs (`deltalake-core`, without its
//! DataFusion integration: lakeaudit reads the data files itself): the log
//! is replayed from the last checkpoint, and each live file's deletion
//! vector is read by the Delta kernel, through the source's own store.

use super::{DeltaLog, Table, TableFormat, file_path, ranges_of, unreadable};
use crate::error::Result;
use crate::source::Location;
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

/// Loads the latest version of the Delta table at `root`.
pub(super) async fn load(location: &Location, root: &Path) -> Result<Table> {
    let url = location.url_of(root);
    let table_url = url::Url::parse(&format!("{url}/")).map_err(unreadable)?;
    let prefixed = Arc::new(PrefixStore::new(location.store.clone(), root.clone()));
    let log_store = default_logstore(prefixed, location.store.clone(), &table_url, &StorageConfig::default());
    let mut table = DeltaTable::new(log_store.clone());
    table.load().await.map_err(unreadable)?;
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
        partitions.insert(path.clone(), serde_json::json!(file.partition_values_map()));
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
        delta: Some(DeltaLog {
            protocol: serde_json::to_value(state.protocol()).map_err(unreadable)?,
            metadata: serde_json::to_value(state.metadata()).map_err(unreadable)?,
            paths,
            partitions,
        }),
    })
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

/// A file's name as a Delta log writes it: its path below the table,
/// escaped as a URI.
fn log_name(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, ESCAPED).to_string()
}

#[cfg(test)]
mod tests {
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
