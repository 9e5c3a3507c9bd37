//! Apache Iceberg tables, read from their metadata without a catalog: the
//! newest `metadata/*.metadata.json` (or the one `version-hint.text` names)
//! gives the current snapshot, whose manifest list (Avro) names the
//! manifests (Avro), whose entries are the live data files and delete files.
//! Position deletes are applied; equality deletes cannot be without
//! evaluating them against every row, and are said so. The `iceberg` crate
//! does not fit DataFusion 55 yet, so the Avro files are read with
//! `apache-avro`.

use super::{MAX_METADATA_BYTES, Table, TableFormat, file_path, ranges_of, read, unreadable};
use crate::error::Result;
use crate::source::Location;
use apache_avro::types::Value;
use arrow::array::{Array, AsArray};
use object_store::ObjectMeta;
use object_store::path::Path;
use std::collections::HashMap;
use std::sync::Arc;

/// How long snapshots are kept when the table does not say
/// (`history.expire.max-snapshot-age-ms`): five days.
const DEFAULT_MAX_SNAPSHOT_AGE_MS: i64 = 5 * 24 * 3600 * 1000;

/// Loads the current snapshot of the Iceberg table at `root`, whose listed
/// objects are `objects`.
pub(super) async fn load(location: &Location, root: &Path, objects: &[&ObjectMeta]) -> Result<Table> {
    let url = location.url_of(root);
    let metadata_path = current_metadata(location, root, objects).await?;
    let mut text = read(location, &metadata_path).await?.to_vec();
    if metadata_path.filename().is_some_and(|n| n.ends_with(".gz.metadata.json")) {
        text = gunzip(&text).map_err(|e| unreadable(format!("{}: {e}", location.url_of(&metadata_path))))?;
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| unreadable(format!("{}: {e}", location.url_of(&metadata_path))))?;
    let written_at = metadata["location"].as_str();
    let max_age = metadata["properties"]["history.expire.max-snapshot-age-ms"]
        .as_str()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(DEFAULT_MAX_SNAPSHOT_AGE_MS);
    let snapshots: HashMap<i64, &serde_json::Value> = metadata["snapshots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| Some((s["snapshot-id"].as_i64()?, s)))
        .collect();
    let current = metadata["current-snapshot-id"].as_i64().filter(|id| *id >= 0);
    let mut table = Table {
        format: TableFormat::Iceberg,
        root: root.clone(),
        url,
        version: current.and_then(|id| u64::try_from(id).ok()),
        live: HashMap::new(),
        retained_since: HashMap::new(),
        retention: Some(max_age.saturating_mul(1000)),
        caveat: None,
        values: Default::default(),
        delta: None,
        names: HashMap::new(),
    };
    let Some(current) = current else { return Ok(table) };
    let snapshot = snapshots.get(&current).ok_or_else(|| unreadable(format!("snapshot {current} is not described")))?;
    let mut manifests = Manifests { location, root, written_at, read: HashMap::new() };
    let mut position_deletes = Vec::new();
    let mut equality_deletes = 0;
    let columns = columns(&metadata);
    for entry in manifests.entries(snapshot).await?.iter().flat_map(|held| held.iter()) {
        match entry.content {
            0 => {
                table.live.insert(entry.path.clone(), None);
                for (id, bytes) in &entry.bounds {
                    if let Some((name, value)) = columns.get(id).and_then(|(n, ty)| Some((n, decode(ty, bytes)?))) {
                        table.values.entry(format!("metadata.bounds.{name}")).or_default().push(value);
                    }
                }
                for (name, value) in &entry.partition {
                    let column = format!("{}.{name}", TableFormat::Iceberg.partition_column());
                    table.values.entry(column).or_default().push(value.clone());
                }
            }
            1 => position_deletes.push(entry.path.clone()),
            _ => equality_deletes += 1,
        }
    }
    // A data file of the listing that the current snapshot does not hold
    // stays reachable while an older snapshot holding it does: until the
    // newest such snapshot expires.
    let data = Path::from_iter(root.parts().chain(["metadata".into()]));
    let retained = objects.iter().any(|m| !m.location.prefix_matches(&data) && !table.live.contains_key(&m.location));
    if retained {
        let mut older: Vec<(i64, &serde_json::Value)> = snapshots
            .values()
            .filter(|s| s["snapshot-id"].as_i64() != Some(current))
            .filter_map(|s| Some((s["timestamp-ms"].as_i64()?, *s)))
            .collect();
        older.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        for (at, snapshot) in older {
            for entry in manifests.entries(snapshot).await?.iter().flat_map(|held| held.iter()) {
                if entry.content == 0 && !table.live.contains_key(&entry.path) {
                    table.retained_since.entry(entry.path.clone()).or_insert(at.saturating_mul(1000));
                }
            }
        }
    }
    let mut deleted: HashMap<Path, Vec<u64>> = HashMap::new();
    let mut count = 0u64;
    for file in position_deletes {
        for (target, rows) in positions(location, &file).await? {
            count += rows.len() as u64;
            if count > super::MAX_DELETED_ROWS {
                return Err(unreadable(format!(
                    "its position deletes name more than {} rows, more than lakeaudit holds in memory",
                    super::MAX_DELETED_ROWS
                )));
            }
            if let Some(target) = file_path(root, written_at, &target) {
                deleted.entry(target).or_default().extend(rows);
            }
        }
    }
    for (path, mut rows) in deleted {
        if let Some(slot) = table.live.get_mut(&path) {
            rows.sort_unstable();
            rows.dedup();
            *slot = Some(Arc::new(ranges_of(rows.into_iter())));
        }
    }
    if equality_deletes > 0 {
        table.caveat = Some(format!(
            "{equality_deletes} equality delete file(s) are not applied: rows they delete are still read as current"
        ));
    }
    Ok(table)
}

/// One file a snapshot holds: data (`content` 0), position deletes (1) or
/// equality deletes (2).
struct Held {
    content: i32,
    path: Path,
    /// Its lower and upper bounds, by field id: raw values of the data.
    bounds: Vec<(i32, Vec<u8>)>,
    /// Its partition values (strings and integers), by partition field.
    partition: Vec<(String, String)>,
}

/// Reads the manifests of a table's snapshots, each manifest once.
struct Manifests<'a> {
    location: &'a Location,
    root: &'a Path,
    written_at: Option<&'a str>,
    /// What each manifest read holds, by its path as named.
    read: HashMap<String, Arc<Vec<Held>>>,
}

impl Manifests<'_> {
    /// The files `snapshot` holds (its manifests' entries not deleted).
    async fn entries(&mut self, snapshot: &serde_json::Value) -> Result<Vec<Arc<Vec<Held>>>> {
        let named: Vec<String> = match snapshot["manifest-list"].as_str() {
            Some(list) => {
                let path = resolve(self.root, self.written_at, list)?;
                avro(&read(self.location, &path).await?)?
                    .iter()
                    .map(|m| string(m, "manifest_path").map(str::to_owned))
                    .collect::<Result<_>>()?
            }
            // Format version 1 may list the manifests in the snapshot itself.
            None => snapshot["manifests"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect(),
        };
        let mut out = Vec::with_capacity(named.len());
        for name in named {
            if let Some(held) = self.read.get(&name) {
                out.push(held.clone());
                continue;
            }
            let path = resolve(self.root, self.written_at, &name)?;
            let mut held = Vec::new();
            for entry in avro(&read(self.location, &path).await?)? {
                // Status 2: deleted by the snapshot that wrote the entry.
                if int(&entry, "status")? == 2 {
                    continue;
                }
                let file = field(&entry, "data_file")?;
                let content = field(file, "content").ok().map(|_| int(file, "content")).transpose()?.unwrap_or(0);
                let path = resolve(self.root, self.written_at, string(file, "file_path")?)?;
                let mut bounds = Vec::new();
                for name in ["lower_bounds", "upper_bounds"] {
                    if let Ok(Value::Array(items)) = field(file, name) {
                        for item in items {
                            if let (Ok(id), Ok(Value::Bytes(v))) = (int(item, "key"), field(item, "value")) {
                                bounds.push((id, v.clone()));
                            }
                        }
                    }
                }
                let mut partition = Vec::new();
                if let Ok(Value::Record(fields)) = field(file, "partition") {
                    for (name, value) in fields {
                        let value = match value {
                            Value::Union(_, inner) => inner.as_ref(),
                            v => v,
                        };
                        let text = match value {
                            Value::String(v) => v.clone(),
                            Value::Int(v) => v.to_string(),
                            Value::Long(v) => v.to_string(),
                            _ => continue,
                        };
                        partition.push((name.clone(), text));
                    }
                }
                held.push(Held { content, path, bounds, partition });
            }
            let held = Arc::new(held);
            self.read.insert(name, held.clone());
            out.push(held);
        }
        Ok(out)
    }
}

/// The current schema's primitive columns by field id: their dotted names
/// (struct fields nested) and types.
fn columns(metadata: &serde_json::Value) -> HashMap<i32, (String, String)> {
    let current = metadata["current-schema-id"].as_i64();
    let schema = metadata["schemas"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["schema-id"].as_i64() == current))
        .unwrap_or(&metadata["schema"]);
    fn walk(fields: &serde_json::Value, prefix: &str, out: &mut HashMap<i32, (String, String)>) {
        for f in fields.as_array().into_iter().flatten() {
            let (Some(id), Some(name)) = (f["id"].as_i64(), f["name"].as_str()) else { continue };
            let name = if prefix.is_empty() { name.to_owned() } else { format!("{prefix}.{name}") };
            match &f["type"] {
                serde_json::Value::String(ty) => {
                    if let Ok(id) = i32::try_from(id) {
                        out.insert(id, (name, ty.clone()));
                    }
                }
                ty if ty["type"] == "struct" => walk(&ty["fields"], &name, out),
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    walk(&schema["fields"], "", &mut out);
    out
}

/// A bound's value as text, by the column's type (Iceberg's single-value
/// serialization): strings and integers, which can hold personal data.
fn decode(ty: &str, bytes: &[u8]) -> Option<String> {
    match ty {
        "string" => std::str::from_utf8(bytes).ok().map(str::to_owned),
        "int" => Some(i32::from_le_bytes(bytes.try_into().ok()?).to_string()),
        "long" => Some(i64::from_le_bytes(bytes.try_into().ok()?).to_string()),
        _ => None,
    }
}

/// The current metadata file: the one `version-hint.text` names, or the
/// newest by its version number (`00003-<uuid>.metadata.json`,
/// `v3.metadata.json`).
async fn current_metadata(location: &Location, root: &Path, objects: &[&ObjectMeta]) -> Result<Path> {
    let folder = Path::from_iter(root.parts().chain(["metadata".into()]));
    let in_folder = |name: &str| Path::from_iter(folder.parts().chain([name.into()]));
    let hint = in_folder("version-hint.text");
    if objects.iter().any(|m| m.location == hint) {
        let text = read(location, &hint).await?;
        let version = String::from_utf8_lossy(&text).trim().to_owned();
        if version.parse::<u64>().is_ok() {
            let named = in_folder(&format!("v{version}.metadata.json"));
            if objects.iter().any(|m| m.location == named) {
                return Ok(named);
            }
        }
    }
    objects
        .iter()
        .filter(|m| m.location.prefix_matches(&folder) && m.location.parts().count() == folder.parts().count() + 1)
        .filter_map(|m| Some((metadata_version(m.location.filename()?)?, m.last_modified, &m.location)))
        .max()
        .map(|(_, _, p)| p.clone())
        .ok_or_else(|| unreadable("no metadata file"))
}

/// The version number of a metadata file's name.
fn metadata_version(name: &str) -> Option<u64> {
    let stem = name.strip_suffix(".metadata.json")?;
    let number = stem.strip_prefix('v').unwrap_or(stem);
    number.split(['-', '.']).next()?.parse().ok()
}

/// A path the metadata names (an absolute URL, usually), inside the root.
fn resolve(root: &Path, written_at: Option<&str>, name: &str) -> Result<Path> {
    file_path(root, written_at, name).ok_or_else(|| unreadable(format!("{name} lies outside the table")))
}

/// A gzip-compressed metadata file, refused above [`MAX_METADATA_BYTES`]
/// once decompressed.
fn gunzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data).take(MAX_METADATA_BYTES + 1).read_to_end(&mut out)?;
    match out.len() as u64 > MAX_METADATA_BYTES {
        true => Err(std::io::Error::other("decompresses to more than a metadata file may hold")),
        false => Ok(out),
    }
}

/// The records of an Avro object container file. One value of a record
/// may claim at most [`MAX_METADATA_BYTES`] (apache-avro's own limit, 512
/// MiB by default, is set once per process, before its first read).
fn avro(data: &[u8]) -> Result<Vec<Value>> {
    static LIMIT: std::sync::Once = std::sync::Once::new();
    LIMIT.call_once(|| {
        apache_avro::util::max_allocation_bytes(MAX_METADATA_BYTES as usize);
    });
    let reader = apache_avro::Reader::new(data).map_err(|e| unreadable(format!("invalid Avro: {e}")))?;
    reader.map(|r| r.map_err(|e| unreadable(format!("invalid Avro: {e}")))).collect()
}

/// A record's field, looking through a nullable union.
fn field<'a>(record: &'a Value, name: &str) -> Result<&'a Value> {
    let Value::Record(fields) = record else { return Err(unreadable(format!("{name}: not in a record"))) };
    let value = fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    match value {
        Some(Value::Union(_, inner)) => Ok(inner),
        Some(v) => Ok(v),
        None => Err(unreadable(format!("the field {name} is missing"))),
    }
}

fn int(record: &Value, name: &str) -> Result<i32> {
    match field(record, name)? {
        Value::Int(v) => Ok(*v),
        _ => Err(unreadable(format!("the field {name} is not an int"))),
    }
}

fn string<'a>(record: &'a Value, name: &str) -> Result<&'a str> {
    match field(record, name)? {
        Value::String(v) => Ok(v),
        _ => Err(unreadable(format!("the field {name} is not a string"))),
    }
}

/// The rows a position delete file (Parquet) deletes, by data file.
async fn positions(location: &Location, path: &Path) -> Result<HashMap<String, Vec<u64>>> {
    let data = read(location, path).await?;
    let url = location.url_of(path);
    let bad = |e: &dyn std::fmt::Display| unreadable(format!("position delete file {url}: {e}"));
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(data)
        .map_err(|e| bad(&e))?
        .build()
        .map_err(|e| bad(&e))?;
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    let mut count = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| bad(&e))?;
        let (Some(files), Some(rows)) = (batch.column_by_name("file_path"), batch.column_by_name("pos")) else {
            return Err(bad(&"no file_path and pos columns"));
        };
        let files = arrow::compute::cast(files, &arrow::datatypes::DataType::Utf8).map_err(|e| bad(&e))?;
        let rows = arrow::compute::cast(rows, &arrow::datatypes::DataType::Int64).map_err(|e| bad(&e))?;
        let (files, rows) = (files.as_string::<i32>(), rows.as_primitive::<arrow::datatypes::Int64Type>());
        count += batch.num_rows() as u64;
        if count > super::MAX_DELETED_ROWS {
            return Err(bad(&format!("more than {} rows", super::MAX_DELETED_ROWS)));
        }
        for i in 0..batch.num_rows() {
            if files.is_valid(i) && rows.is_valid(i) && rows.value(i) >= 0 {
                let file = files.value(i);
                match out.get_mut(file) {
                    Some(rows_of) => rows_of.push(rows.value(i) as u64),
                    None => {
                        out.insert(file.to_owned(), vec![rows.value(i) as u64]);
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_decode_by_type() {
        assert_eq!(decode("string", b"jane@example.com").as_deref(), Some("jane@example.com"));
        assert_eq!(decode("long", &4111111111111111i64.to_le_bytes()).as_deref(), Some("4111111111111111"));
        assert_eq!(decode("int", &7i32.to_le_bytes()).as_deref(), Some("7"));
        assert_eq!(decode("int", &[1, 2]), None);
        assert_eq!(decode("double", &[0; 8]), None);
        assert_eq!(decode("string", &[0xff]), None);
        let metadata = serde_json::json!({"current-schema-id": 1, "schemas": [
            {"schema-id": 0, "fields": []},
            {"schema-id": 1, "fields": [
                {"id": 1, "name": "email", "type": "string"},
                {"id": 2, "name": "who", "type": {"type": "struct", "fields": [{"id": 3, "name": "ssn", "type": "string"}]}},
                {"id": 4, "name": "tags", "type": {"type": "list", "element-id": 5, "element": "string"}}
            ]}
        ]});
        let mut got: Vec<(i32, String)> = columns(&metadata).into_iter().map(|(id, (n, _))| (id, n)).collect();
        got.sort();
        assert_eq!(got, [(1, "email".to_owned()), (3, "who.ssn".to_owned())]);
    }

    #[test]
    fn metadata_versions() {
        for (name, want) in [
            ("00006-6e9e8e16-de0c-46fc-a6ee-b75e0f3faa4f.metadata.json", Some(6)),
            ("v12.metadata.json", Some(12)),
            ("v3.gz.metadata.json", Some(3)),
            ("snap-1-a.avro", None),
            ("notes.metadata.json", None),
        ] {
            assert_eq!(metadata_version(name), want, "{name}");
        }
    }
}
