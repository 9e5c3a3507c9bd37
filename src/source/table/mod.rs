//! Tables: a folder holding `_delta_log/` is a Delta Lake table, one holding
//! `metadata/*.metadata.json` (or `metadata/version-hint.text`) an Apache
//! Iceberg table. Listing a lake of tables as loose files gets them wrong
//! both ways: it reads data files that the table no longer references (kept
//! for time travel until VACUUM or snapshot expiry) as if they were current,
//! and rows a deletion vector or a position delete file deleted. So the
//! listing is resolved here: each table's log says which of its files are
//! live (and which of their rows are deleted); the rest of its files are
//! retained (read only with `--history`) or its log (never read as data).
//!
//! A table whose log cannot be read is reported as a failed object (its log)
//! and its files are read as loose files: over-reporting personal data is
//! the safe side.

mod delta;
mod iceberg;

pub use delta::{Rewritten, commit_rewrites, log_name};

use super::{Filters, Listed, Location, below, hive_folder, hive_partitions};
use crate::error::{Error, Result};
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;
use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStoreExt};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// Most rows a table may delete from its files by deletion vectors or
/// position deletes: they are held in memory as row ranges, and a hostile
/// log could claim billions in a few bytes. A table over it fails (and its
/// files are read whole, as loose files).
const MAX_DELETED_ROWS: u64 = 10_000_000;

/// Largest metadata, manifest list, manifest or log file read: a hostile one
/// is refused before it is fetched.
const MAX_METADATA_BYTES: u64 = 256 * 1024 * 1024;

/// Which table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableFormat {
    /// Delta Lake.
    Delta,
    /// Apache Iceberg.
    Iceberg,
}

impl TableFormat {
    /// The format's name, as reports and messages say it.
    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Delta => "Delta",
            TableFormat::Iceberg => "Iceberg",
        }
    }

    /// The folder below the table's root that holds its log.
    fn log_folder(self) -> &'static str {
        match self {
            TableFormat::Delta => "_delta_log",
            TableFormat::Iceberg => "metadata",
        }
    }

    /// The column its log's partition values are reported as, a partition
    /// column's name after it: `_delta_log.partitionValues.contact`.
    pub fn partition_column(self) -> &'static str {
        match self {
            TableFormat::Delta => "_delta_log.partitionValues",
            TableFormat::Iceberg => "metadata.partition",
        }
    }

    /// The `format` of the report row for the values the log holds.
    pub fn log_format(self) -> &'static str {
        match self {
            TableFormat::Delta => "delta_log",
            TableFormat::Iceberg => "iceberg_metadata",
        }
    }

    /// What a version is called.
    fn version_word(self) -> &'static str {
        match self {
            TableFormat::Delta => "version",
            TableFormat::Iceberg => "snapshot",
        }
    }
}

/// Rows of a data file that the table deleted without rewriting the file
/// (a Delta deletion vector, Iceberg position deletes): sorted, disjoint,
/// non-empty ranges of row numbers within the file.
pub type Deleted = Vec<Range<u64>>;

/// One table, as its current version describes it.
#[derive(Debug)]
pub struct Table {
    /// The format.
    pub format: TableFormat,
    /// The table's folder in the store.
    pub root: Path,
    /// The table's display URL: the `dataset` of its files.
    pub url: String,
    /// The current version: Delta's version number, Iceberg's snapshot id
    /// (`None` for an Iceberg table without a snapshot yet).
    pub version: Option<u64>,
    /// The data files of the current version, with the rows deleted from
    /// them, by path in the store.
    pub live: HashMap<Path, Option<Arc<Deleted>>>,
    /// Data files of earlier versions only, with the time their retention
    /// counts from (UTC microseconds), where the log says: when Delta
    /// removed the file; the newest snapshot holding it, for Iceberg.
    pub retained_since: HashMap<Path, i64>,
    /// How long such a file stays reachable by time travel after that, in
    /// microseconds.
    pub retention: Option<i64>,
    /// What the table's log holds that its reader does not apply, for the
    /// user (Iceberg equality deletes).
    pub caveat: Option<String>,
    /// Values of the data that the log holds, by the column they are
    /// reported as: the current files' column statistics (Delta's
    /// `minValues`/`maxValues` as `_delta_log.stats.<column>`, Iceberg's
    /// lower and upper bounds as `metadata.bounds.<column>`) and partition
    /// values (`_delta_log.partitionValues.<column>`,
    /// `metadata.partition.<field>`).
    pub values: BTreeMap<String, Vec<String>>,
    /// What a copy of a Delta table takes from its log.
    pub delta: Option<DeltaLog>,
    /// Column names by physical name, where the table maps them (Delta's
    /// column mapping: the data files name a column `col-<uuid>`).
    pub names: HashMap<String, String>,
}

/// The actions of a Delta table's current version that a copy of it keeps.
#[derive(Debug)]
pub struct DeltaLog {
    /// The `protocol` action, as JSON.
    pub protocol: serde_json::Value,
    /// The `metaData` action, as JSON.
    pub metadata: serde_json::Value,
    /// Each current file's name as the log writes it (relative, escaped).
    pub paths: HashMap<Path, String>,
    /// Each current file's partition values, as JSON.
    pub partitions: HashMap<Path, serde_json::Value>,
}

/// A dotted column path of a data file, each part by its name in `names`
/// (a table's column mapping: file names to table names) where it is there.
pub fn logical(names: &HashMap<String, String>, path: &str) -> String {
    if names.is_empty() {
        return path.to_owned();
    }
    path.split('.').map(|part| names.get(part).map_or(part, String::as_str)).collect::<Vec<_>>().join(".")
}

impl Table {
    /// The partition values its log holds, by partition column.
    pub fn partition_values(&self) -> impl Iterator<Item = (&str, &Vec<String>)> {
        let prefix = format!("{}.", self.format.partition_column());
        self.values.iter().filter_map(move |(column, values)| Some((column.strip_prefix(prefix.as_str())?, values)))
    }

    /// A dotted column path of a data file, each part by its name in the
    /// table where the table maps it.
    pub fn logical(&self, path: &str) -> String {
        logical(&self.names, path)
    }

    /// `version 4` or `snapshot 5129…`, for messages.
    pub fn version_text(&self) -> String {
        match self.version {
            Some(v) => format!("{} {v}", self.format.version_word()),
            None => format!("no {} yet", self.format.version_word()),
        }
    }
}

/// What a listed object is to the tables of the source.
#[derive(Debug, Clone)]
pub enum Role {
    /// Not inside a table.
    Loose,
    /// A data file of its table's current version, with the rows deleted
    /// from it.
    Live(Arc<Table>, Option<Arc<Deleted>>),
    /// A file inside a table that its current version does not reference:
    /// an old version's data, kept for time travel until VACUUM or expiry
    /// (or never committed). When it stops being reachable, where known.
    Retained(Arc<Table>, Option<i64>),
    /// The table's log or metadata.
    Log(Arc<Table>),
    /// What stands for the values in the table's log: classified as
    /// columns, reported as one object (the log's folder).
    Values(Arc<Table>),
    /// What stands for the rows a table deleted from a live file without
    /// rewriting it (a deletion vector, position deletes): still in the
    /// file until it is rewritten, read with `--history` and reported as
    /// retained, named `<file>#deleted-rows`.
    DeletedRows(Arc<Table>, Arc<Deleted>),
    /// What stands for the partition values in the Hive-style folders of
    /// loose objects of one dataset (`contact=jane%40example.org/`), which
    /// are outside the files: classified as columns, by partition column,
    /// and reported as one object, `<dataset>#partitions`.
    Partitions(Arc<BTreeMap<String, Vec<String>>>),
    /// What stands for the values a Delta log's JSON commits hold of files
    /// the current version no longer has (their statistics), with the
    /// commits: kept until the log's retention ends, VACUUM or not. Only
    /// with `--history`; named `<table>/_delta_log#history`.
    LogHistory(Arc<Table>, Vec<Path>),
}

impl Role {
    /// The table the object belongs to.
    pub fn table(&self) -> Option<&Arc<Table>> {
        match self {
            Role::Loose | Role::Partitions(_) => None,
            Role::Live(t, _)
            | Role::Retained(t, _)
            | Role::Log(t)
            | Role::Values(t)
            | Role::DeletedRows(t, _)
            | Role::LogHistory(t, _) => Some(t),
        }
    }
}

/// One entry of a resolved listing.
#[derive(Debug)]
pub struct Entry {
    /// What the listing found.
    pub listed: Listed,
    /// Its role in a table.
    pub role: Role,
}

/// The folder of the first `i` parts is a table root of this format, judged from
/// one object's path: an object in its log (`<root>/_delta_log/...`, or
/// `<root>/metadata/<n>.metadata.json` and `version-hint.text`).
fn root_of(object: &Path) -> Option<(usize, TableFormat)> {
    let parts: Vec<_> = object.parts().collect();
    let n = parts.len();
    if let Some(i) = parts.iter().position(|p| p.as_ref() == "_delta_log")
        && i + 1 < n
    {
        return Some((i, TableFormat::Delta));
    }
    let name = parts.last()?.as_ref();
    let metadata = n >= 2 && parts[n - 2].as_ref() == "metadata";
    (metadata && (name.ends_with(".metadata.json") || name == "version-hint.text"))
        .then_some((n - 2, TableFormat::Iceberg))
}

/// Resolves a listing into entries: every listed item, with its role in
/// the tables found among them. The listing is gathered first (a table's
/// data files may come before its log), so memory grows with the objects
/// listed, about 200 bytes each. With `history`, each Delta log's commits
/// are one more entry. `warn` hears of rows a reader cannot exclude; a table
/// whose log cannot be read is a failed entry.
pub async fn resolve(
    location: &Location,
    listing: BoxStream<'static, Result<Listed>>,
    filters: &Filters,
    history: bool,
    warn: &mut dyn FnMut(&str),
) -> Result<(Vec<Entry>, u64)> {
    let listed: Vec<Listed> = listing.collect::<Vec<_>>().await.into_iter().collect::<Result<_>>()?;
    let mut roots: BTreeMap<Path, TableFormat> = BTreeMap::new();
    for item in &listed {
        if let Listed::Object(meta) = item
            && let Some((depth, format)) = root_of(&meta.location)
        {
            let root = Path::from_iter(meta.location.parts().take(depth));
            // A folder with both logs is read as Delta.
            let known = roots.entry(root).or_insert(format);
            *known = (*known).min(format);
        }
    }
    // SOURCE inside a table (one partition's folder): its files are the
    // table's still.
    let mut log_objects = Vec::new();
    if !roots.contains_key(&location.prefix)
        && let Some((root, format, objects)) = enclosing(location).await
    {
        roots.insert(root, format);
        log_objects = objects;
    }
    if roots.is_empty() {
        let loose = vec![Role::Loose; listed.len()];
        let mut entries = partition_folders(location, &listed, &loose);
        entries.extend(listed.into_iter().map(|listed| Entry { listed, role: Role::Loose }));
        return Ok((entries, 0));
    }
    let mut tables: BTreeMap<Path, Arc<Table>> = BTreeMap::new();
    let mut entries = Vec::new();
    for (root, format) in roots {
        let objects: Vec<&ObjectMeta> = listed
            .iter()
            .filter_map(|l| match l {
                Listed::Object(m) => Some(m),
                _ => None,
            })
            .chain(&log_objects)
            .filter(|m| m.location.prefix_matches(&root))
            .collect();
        // A hostile log must fail its table, not the scan.
        let loaded = crate::isolate::object(async {
            match format {
                TableFormat::Delta => delta::load(location, &root).await,
                TableFormat::Iceberg => iceberg::load(location, &root, &objects).await,
            }
        })
        .await
        .unwrap_or_else(|panic| Err(unreadable(format!("the reader failed on it: {panic}"))));
        match loaded {
            Ok(table) => {
                if let Some(caveat) = &table.caveat {
                    warn(&format!("{}: {caveat}", table.url));
                }
                tables.insert(root, Arc::new(table));
            }
            Err(e) => {
                let log = Path::from_iter(root.parts().chain([format.log_folder().into()]));
                let why = format!(
                    "unable to read this {} table's log ({e}); its files are read as loose files",
                    format.name()
                );
                // Said on stderr where the failed entry is reported.
                entries
                    .push(Entry { listed: Listed::Unreadable(below(&location.prefix, &log), why), role: Role::Loose });
            }
        }
    }
    let mut seen: HashMap<&Path, ()> = HashMap::new();
    let roles: Vec<Role> = listed
        .iter()
        .map(|item| match item {
            Listed::Object(meta) => {
                let role = role_of(&tables, &meta.location);
                if matches!(role, Role::Live(..)) {
                    seen.insert(&meta.location, ());
                }
                role
            }
            _ => Role::Loose,
        })
        .collect();
    // A live file that is not on storage: the table is broken (or the
    // file sits outside the source), and says so.
    for table in tables.values() {
        let mut missing: Vec<&Path> = table.live.keys().filter(|p| !seen.contains_key(p)).collect();
        missing.sort();
        for path in missing {
            let name = below(&location.prefix, path);
            if !path.prefix_matches(&location.prefix) || !filters.admits(&name) {
                continue;
            }
            let why = format!(
                "the {} table's {} lists this data file, but it is not on storage",
                table.format.name(),
                table.version_text()
            );
            entries.push(Entry { listed: Listed::Unreadable(name, why), role: Role::Live(table.clone(), None) });
        }
    }
    // The values each log holds, as one more object of its table.
    for table in tables.values().filter(|t| !t.values.is_empty()) {
        let log = Path::from_iter(table.root.parts().chain([table.format.log_folder().into()]));
        let meta = ObjectMeta { location: log, last_modified: Default::default(), size: 0, e_tag: None, version: None };
        entries.push(Entry { listed: Listed::Object(meta), role: Role::Values(table.clone()) });
    }
    // The values the log's commits hold of files no longer current.
    for table in tables.values().filter(|t| history && t.format == TableFormat::Delta) {
        let log = Path::from_iter(table.root.parts().chain([table.format.log_folder().into()]));
        let commits: Vec<Path> = listed
            .iter()
            .filter_map(|l| match l {
                Listed::Object(m) if m.location.prefix_matches(&log) && delta::is_log_file(&m.location) => {
                    Some(m.location.clone())
                }
                _ => None,
            })
            .collect();
        let meta = ObjectMeta { location: log, last_modified: Default::default(), size: 0, e_tag: None, version: None };
        entries.push(Entry { listed: Listed::Object(meta), role: Role::LogHistory(table.clone(), commits) });
    }
    // The rows deleted from a live file, as one more object.
    for (item, role) in listed.iter().zip(&roles) {
        if let (Listed::Object(meta), Role::Live(table, Some(deleted))) = (item, role) {
            let role = Role::DeletedRows(table.clone(), deleted.clone());
            entries.push(Entry { listed: Listed::Object(meta.clone()), role });
        }
    }
    entries.extend(partition_folders(location, &listed, &roles));
    let count = tables.len() as u64;
    entries.extend(listed.into_iter().zip(roles).map(|(listed, role)| Entry { listed, role }));
    Ok((entries, count))
}

/// The partition values of the Hive-style folders below SOURCE of the
/// loose objects (`roles` in the order of `listed`), gathered by dataset
/// folder: one [`Role::Partitions`] entry each, standing at the folder,
/// with a digest of its values as its ETag.
fn partition_folders(location: &Location, listed: &[Listed], roles: &[Role]) -> Vec<Entry> {
    let mut datasets: BTreeMap<Path, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (item, role) in listed.iter().zip(roles) {
        let (Listed::Object(meta), Role::Loose) = (item, role) else { continue };
        let values = hive_partitions(&location.prefix, &meta.location);
        if values.is_empty() {
            continue;
        }
        let parts: Vec<_> = meta.location.parts().collect();
        let folders = &parts[..parts.len().saturating_sub(1)];
        let dataset = folders.iter().filter(|p| hive_folder(p.as_ref()).is_none()).cloned().collect();
        let columns = datasets.entry(dataset).or_default();
        for (key, value) in values {
            columns.entry(key).or_default().extend(value);
        }
    }
    datasets
        .into_iter()
        .map(|(location, columns)| {
            let values: BTreeMap<String, Vec<String>> =
                columns.into_iter().map(|(key, v)| (key, v.into_iter().collect())).collect();
            // Versioned by its values, for --incremental.
            let digest = xxhash_rust::xxh3::xxh3_128(&serde_json::to_vec(&values).expect("serializable"));
            let e_tag = Some(format!("{digest:032x}"));
            let meta = ObjectMeta { location, last_modified: Default::default(), size: 0, e_tag, version: None };
            Entry { listed: Listed::Object(meta), role: Role::Partitions(Arc::new(values)) }
        })
        .collect()
}

/// The table whose folder holds SOURCE, if any: the nearest folder above
/// its prefix that holds a table's log (one listing request per level,
/// nearest first), with the objects of that log. A store that cannot list
/// a level is taken to have no table there.
async fn enclosing(location: &Location) -> Option<(Path, TableFormat, Vec<ObjectMeta>)> {
    use futures::TryStreamExt;
    let parts: Vec<_> = location.prefix.parts().collect();
    for depth in (0..parts.len()).rev() {
        let folder = Path::from_iter(parts[..depth].iter().cloned());
        let Ok(levels) = location.store.list_with_delimiter(Some(&folder)).await else { continue };
        for format in [TableFormat::Delta, TableFormat::Iceberg] {
            let log = Path::from_iter(folder.parts().chain([format.log_folder().into()]));
            if !levels.common_prefixes.contains(&log) {
                continue;
            }
            let Ok(objects) = location.store.list(Some(&log)).try_collect::<Vec<_>>().await else { continue };
            if objects.iter().any(|m| root_of(&m.location).is_some_and(|(d, f)| d == depth && f == format)) {
                return Some((folder, format, objects));
            }
        }
    }
    None
}

/// The role of the object at `path` among `tables` (keyed by root): the
/// deepest table whose folder holds it decides.
fn role_of(tables: &BTreeMap<Path, Arc<Table>>, path: &Path) -> Role {
    let Some(table) = tables.iter().rev().find(|(root, _)| path.prefix_matches(root)).map(|(_, t)| t) else {
        return Role::Loose;
    };
    let first = path.parts().nth(table.root.parts().count());
    if first.is_some_and(|p| p.as_ref() == table.format.log_folder()) {
        return Role::Log(table.clone());
    }
    match table.live.get(path) {
        Some(deleted) => Role::Live(table.clone(), deleted.clone()),
        None => {
            let until = table.retained_since.get(path).and_then(|at| Some(at.saturating_add(table.retention?)));
            Role::Retained(table.clone(), until)
        }
    }
}

/// The path of a file a table's log names: relative to the table's root,
/// or an absolute URL, which is taken as inside the root when it starts with
/// the URL the table was written at (`written_at`, so that a table copied
/// elsewhere still resolves); `None` for a file elsewhere.
fn file_path(root: &Path, written_at: Option<&str>, name: &str) -> Option<Path> {
    let relative = match name.split_once("://") {
        None => name.trim_start_matches('/'),
        Some(_) => {
            let base = written_at?.trim_end_matches('/');
            name.strip_prefix(base)?.trim_start_matches('/')
        }
    };
    let relative = Path::parse(relative).unwrap_or_else(|_| Path::from(relative));
    Some(Path::from_iter(root.parts().chain(relative.parts())))
}

/// Adds the scalar values of a statistics object (Delta's `minValues`,
/// nested objects for structs) under `prefix.<column>`: strings and
/// integers, which can hold personal data; other numbers, booleans and
/// dates cannot.
fn add_values(values: &mut BTreeMap<String, Vec<String>>, prefix: &str, stats: &serde_json::Value) {
    let serde_json::Value::Object(fields) = stats else { return };
    for (name, value) in fields {
        let column = format!("{prefix}.{name}");
        match value {
            serde_json::Value::Object(_) => add_values(values, &column, value),
            serde_json::Value::String(v) => values.entry(column).or_default().push(v.clone()),
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => {
                values.entry(column).or_default().push(n.to_string())
            }
            _ => {}
        }
    }
}

/// The rows not in `deleted` (ascending, disjoint ranges), up to any
/// number of rows: what a read of the deleted rows alone leaves out.
pub fn complement(deleted: &[Range<u64>]) -> Deleted {
    let mut out = Vec::new();
    let mut next = 0;
    for r in deleted {
        if r.start > next {
            out.push(next..r.start);
        }
        next = r.end;
    }
    out.push(next..u64::MAX);
    out
}

/// Whether `row` is one of `deleted` (ascending, disjoint ranges).
pub fn is_deleted(deleted: &[Range<u64>], row: u64) -> bool {
    let at = deleted.partition_point(|r| r.end <= row);
    deleted.get(at).is_some_and(|r| r.start <= row)
}

/// Ascending row numbers as disjoint ranges.
pub fn ranges_of(rows: impl Iterator<Item = u64>) -> Deleted {
    let mut out: Deleted = Vec::new();
    for row in rows {
        match out.last_mut() {
            Some(last) if last.end == row => last.end += 1,
            _ => out.push(row..row + 1),
        }
    }
    out
}

/// The bytes of a metadata object, refused above [`MAX_METADATA_BYTES`].
async fn read(location: &Location, path: &Path) -> Result<Bytes> {
    let url = location.url_of(path);
    let store_error = |e: object_store::Error| unreadable(format!("{url}: {}", crate::error::describe_store_error(&e)));
    // The size is checked before the body is read, in the same request.
    let got = location.store.get(path).await.map_err(store_error)?;
    if got.meta.size > MAX_METADATA_BYTES {
        return Err(unreadable(format!(
            "{url}: {} bytes is more than a table's metadata file may hold",
            got.meta.size
        )));
    }
    got.bytes().await.map_err(store_error)
}

/// The values a Delta log's files (`commits`: JSON commits, checkpoints and
/// their sidecars) hold of data files that `table`'s current version no
/// longer has: the statistics and partition values of their `add` actions,
/// by column, as [`Table::values`] holds the current files'. A checkpoint
/// outlives the commits before it (log cleanup keeps the newest checkpoint
/// it needs), so the files it lists, since removed, are still there.
pub async fn history_values(
    location: &Location,
    table: &Table,
    commits: &[Path],
) -> Result<BTreeMap<String, Vec<String>>> {
    let mut values = BTreeMap::new();
    for commit in commits {
        let bytes = read(location, commit).await?;
        let adds = match commit.as_ref().ends_with(".parquet") {
            true => crate::concurrency::cpu(move || delta::checkpoint_adds(bytes)).await??,
            false => delta::commit_adds(&bytes),
        };
        for add in adds {
            let decoded = percent_encoding::percent_decode_str(&add.path).decode_utf8_lossy();
            if file_path(&table.root, None, &decoded).is_some_and(|p| table.live.contains_key(&p)) {
                continue;
            }
            if let Some(stats) = add.stats.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()) {
                for bound in ["minValues", "maxValues"] {
                    add_values(&mut values, "_delta_log.stats", &stats[bound]);
                }
            }
            add_values(&mut values, table.format.partition_column(), &add.partitions);
        }
    }
    Ok(values)
}

/// The error of a table that cannot be read. The readers of logs and
/// metadata quote the value they failed on (`failed to parse "…" as
/// Int64`), and a log's values may be personal data: what a message quotes
/// in double quotes is left out of it, as it goes to stderr and the report.
fn unreadable(what: impl std::fmt::Display) -> Error {
    let text = what.to_string();
    let parts: Vec<&str> = text.split('"').collect();
    // An unpaired quote: everything after it.
    let closed = parts.len() % 2 == 1;
    let shown = parts
        .iter()
        .enumerate()
        .map(|(i, part)| match (i % 2, closed || i + 1 < parts.len()) {
            (0, _) => (*part).to_owned(),
            (_, true) => "\"…\"".to_owned(),
            (_, false) => "\"…".to_owned(),
        })
        .collect();
    Error::Unreadable(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_found_from_log_paths() {
        let table = [
            ("lake/crm/people/_delta_log/00000000000000000000.json", Some((3, TableFormat::Delta))),
            ("lake/t/_delta_log/_last_checkpoint", Some((2, TableFormat::Delta))),
            ("lake/t/_delta_log", None),
            ("w/crm/people/metadata/00001-ab.metadata.json", Some((3, TableFormat::Iceberg))),
            ("w/p/metadata/version-hint.text", Some((2, TableFormat::Iceberg))),
            ("w/p/metadata/snap-1-a.avro", None),
            ("w/p/data/metadata/x.parquet", None),
            ("lake/sales/part-0.parquet", None),
        ];
        for (path, want) in table {
            assert_eq!(root_of(&Path::from(path)), want, "{path}");
        }
    }

    #[test]
    fn statistics_values_are_columns_of_their_own() {
        let stats = serde_json::json!({
            "email": "a@example.com", "age": 41, "score": 0.5, "ok": true,
            "address": {"city": "Springfield", "zip": 12345}, "none": null
        });
        let mut values = BTreeMap::new();
        add_values(&mut values, "_delta_log.stats", &stats);
        add_values(&mut values, "_delta_log.stats", &serde_json::json!({"email": "z@example.com"}));
        let got: Vec<(&str, Vec<&str>)> =
            values.iter().map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            got,
            [
                ("_delta_log.stats.address.city", vec!["Springfield"]),
                ("_delta_log.stats.address.zip", vec!["12345"]),
                ("_delta_log.stats.age", vec!["41"]),
                ("_delta_log.stats.email", vec!["a@example.com", "z@example.com"]),
            ]
        );
    }

    #[test]
    fn partition_folders_below_source_are_gathered_by_dataset() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("lake/events/region=eu");
        std::fs::create_dir_all(&source).unwrap();
        let location = Location::parse(source.to_str().unwrap(), true, &Default::default()).unwrap();
        let object = |rel: &str| {
            // As a listing names it: the folder names as they are on storage.
            let location = Path::parse(format!("{}/{rel}", location.prefix)).unwrap();
            Listed::Object(ObjectMeta {
                location,
                last_modified: Default::default(),
                size: 1,
                e_tag: None,
                version: None,
            })
        };
        let listed = [
            object("who=a%40example.org/d=__HIVE_DEFAULT_PARTITION__/0.parquet"),
            object("who=b%40example.org/d=2026-01-01/0.parquet"),
            object("who=b%40example.org/1.parquet"),
            object("plain/2.parquet"),
            object("3.parquet"),
        ];
        let roles = vec![Role::Loose; listed.len()];
        let entries = partition_folders(&location, &listed, &roles);
        // One dataset (the folders without partitions); the folder above
        // SOURCE (region=eu) is SOURCE's, not a value; nulls are no value.
        assert_eq!(entries.len(), 1, "{entries:?}");
        let Entry { listed: Listed::Object(meta), role: Role::Partitions(values) } = &entries[0] else {
            panic!("{entries:?}")
        };
        assert_eq!(meta.location, location.prefix.parts().filter(|p| p.as_ref() != "region=eu").collect());
        let want: BTreeMap<String, Vec<String>> = [
            ("d".to_owned(), vec!["2026-01-01".to_owned()]),
            ("who".to_owned(), vec!["a@example.org".to_owned(), "b@example.org".to_owned()]),
        ]
        .into();
        assert_eq!(**values, want);
    }

    #[test]
    fn the_complement_of_deleted_rows_is_every_other_row() {
        assert_eq!(complement(&[2..4, 7..8]), vec![0..2, 4..7, 8..u64::MAX]);
        let head: Deleted = std::iter::once(0..3).collect();
        assert_eq!(complement(&head), vec![3..u64::MAX]);
        assert_eq!(complement(&[]), vec![0..u64::MAX]);
    }

    #[test]
    fn deleted_rows_are_found_in_their_ranges() {
        let deleted = [2..4, 7..8];
        let rows: Vec<u64> = (0..10).filter(|r| is_deleted(&deleted, *r)).collect();
        assert_eq!(rows, [2, 3, 7]);
        assert!(!is_deleted(&[], 0));
    }

    #[test]
    fn quoted_values_are_left_out_of_errors() {
        for (message, want) in [
            (r#"failed to parse "jane.doe@example.com" as Int64"#, r#"failed to parse "…" as Int64"#),
            (
                r#"invalid type: string "4111 1111", expected u64 at line 1"#,
                r#"invalid type: string "…", expected u64 at line 1"#,
            ),
            (r#"unterminated "555-0100"#, r#"unterminated "…"#),
            ("no quotes at all", "no quotes at all"),
        ] {
            assert_eq!(unreadable(message).to_string(), want);
        }
    }

    #[test]
    fn row_numbers_become_ranges() {
        assert_eq!(ranges_of([1, 2, 3, 7, 9, 10].into_iter()), vec![1..4, 7..8, 9..11]);
        assert!(ranges_of(std::iter::empty()).is_empty());
    }

    #[test]
    fn log_file_paths_resolve_inside_the_root() {
        let root = Path::from("bucket/t");
        let at = Some("file:///tmp/w/t");
        for (name, want) in [
            ("region=eu/part-0.parquet", Some("bucket/t/region=eu/part-0.parquet")),
            ("file:///tmp/w/t/data/a.parquet", Some("bucket/t/data/a.parquet")),
            ("s3://elsewhere/x.parquet", None),
            ("region=a%20b/p.parquet", Some("bucket/t/region=a%20b/p.parquet")),
        ] {
            assert_eq!(file_path(&root, at, name).map(|p| p.to_string()), want.map(str::to_owned), "{name}");
        }
    }
}
