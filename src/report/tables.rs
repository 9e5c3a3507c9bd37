//! The report tables' rows and Arrow schemas, as documented in the README.
//! Rows never hold a raw sensitive value: examples are masked upstream.

use crate::status::{ObjectStatus, Outcome};
use arrow::array::{AsArray, RecordBatch, UInt64Array};
use arrow::datatypes::{DataType, Field, Float64Type, Schema, SchemaRef, TimeUnit, UInt64Type};
use serde::Serialize;
use std::sync::{Arc, LazyLock};

/// Every table, in the order a scan publishes them (`scans` last).
pub const TABLES: [&str; 5] = ["objects", "columns", "findings", "alerts", "scans"];

fn ts() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

fn list() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

fn schema(fields: &[(&str, DataType, bool)]) -> SchemaRef {
    Arc::new(Schema::new(fields.iter().map(|(n, t, null)| Field::new(*n, t.clone(), *null)).collect::<Vec<_>>()))
}

/// A row type of a report table.
pub(crate) trait Row: Serialize + Send + 'static {
    /// The table's name.
    const TABLE: &'static str;
    /// The table's schema.
    fn schema() -> SchemaRef;
}

/// One row per scan.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct ScanRow {
    pub scan_id: String,
    pub started_at: i64,
    pub finished_at: i64,
    pub source: String,
    pub actor: String,
    pub host: String,
    pub tool_version: String,
    pub config_digest: String,
    pub objects_listed: u64,
    pub objects_scanned: u64,
    pub objects_failed: u64,
    pub objects_unchanged: u64,
    pub objects_skipped: u64,
    pub bytes_listed: u64,
    pub bytes_read: u64,
    pub columns_scanned: u64,
    pub pii_columns: u64,
    pub status: Outcome,
}

impl Row for ScanRow {
    const TABLE: &'static str = "scans";
    fn schema() -> SchemaRef {
        static S: LazyLock<SchemaRef> = LazyLock::new(|| {
            use DataType::*;
            schema(&[
                ("scan_id", Utf8, false),
                ("started_at", ts(), false),
                ("finished_at", ts(), false),
                ("source", Utf8, false),
                ("actor", Utf8, false),
                ("host", Utf8, false),
                ("tool_version", Utf8, false),
                ("config_digest", Utf8, false),
                ("objects_listed", UInt64, false),
                ("objects_scanned", UInt64, false),
                ("objects_failed", UInt64, false),
                ("objects_unchanged", UInt64, false),
                ("objects_skipped", UInt64, false),
                ("bytes_listed", UInt64, false),
                ("bytes_read", UInt64, false),
                ("columns_scanned", UInt64, false),
                ("pii_columns", UInt64, false),
                ("status", Utf8, false),
            ])
        });
        S.clone()
    }
}

impl ScanRow {
    /// Counts one `columns` row: classified when it saw any value (types
    /// that cannot hold text are listed but never classified).
    pub fn count_column(&mut self, c: &ColumnRow) {
        self.columns_scanned += u64::from(c.sampled_values + c.null_values > 0);
        self.pii_columns += u64::from(c.is_pii);
    }

    /// Counts a batch of `columns` rows in the table's schema, as
    /// [`ScanRow::count_column`] does.
    pub fn count_columns(&mut self, batch: &RecordBatch) {
        let sampled = u64s(batch, "sampled_values");
        let nulls = u64s(batch, "null_values");
        let pii = batch.column_by_name("is_pii").expect("schema").as_boolean();
        for i in 0..batch.num_rows() {
            self.columns_scanned += u64::from(sampled.value(i) + nulls.value(i) > 0);
            self.pii_columns += u64::from(pii.value(i));
        }
    }
}

fn u64s<'a>(batch: &'a RecordBatch, name: &str) -> &'a UInt64Array {
    batch.column_by_name(name).expect("schema").as_primitive::<UInt64Type>()
}

/// One row per object visited.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct ObjectRow {
    pub scan_id: String,
    pub object: String,
    pub dataset: String,
    pub format: Option<String>,
    pub size_bytes: u64,
    pub last_modified: i64,
    pub etag: Option<String>,
    pub rows_total: Option<u64>,
    pub rows_sampled: Option<u64>,
    pub bytes_read: u64,
    pub status: ObjectStatus,
    pub error: Option<String>,
    pub duration_ms: u64,
    pub coverage: Option<f64>,
}

impl Row for ObjectRow {
    const TABLE: &'static str = "objects";
    fn schema() -> SchemaRef {
        static S: LazyLock<SchemaRef> = LazyLock::new(|| {
            use DataType::*;
            schema(&[
                ("scan_id", Utf8, false),
                ("object", Utf8, false),
                ("dataset", Utf8, false),
                ("format", Utf8, true),
                ("size_bytes", UInt64, false),
                ("last_modified", ts(), false),
                ("etag", Utf8, true),
                ("rows_total", UInt64, true),
                ("rows_sampled", UInt64, true),
                ("bytes_read", UInt64, false),
                ("status", Utf8, false),
                ("error", Utf8, true),
                ("duration_ms", UInt64, false),
                ("coverage", Float64, true),
            ])
        });
        S.clone()
    }
}

/// One row per object and column.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct ColumnRow {
    pub scan_id: String,
    pub object: String,
    pub dataset: String,
    pub column: String,
    pub data_type: String,
    pub sampled_values: u64,
    pub null_values: u64,
    pub distinct_values: u64,
    pub is_pii: bool,
    pub entity_types: Vec<String>,
}

impl ColumnRow {
    /// (dataset, column, data type) of each row of a batch in the table's schema.
    pub fn types(batch: &RecordBatch) -> impl Iterator<Item = (&str, &str, &str)> {
        let text = |name| batch.column_by_name(name).expect("schema").as_string::<i32>();
        let (dataset, column, data_type) = (text("dataset"), text("column"), text("data_type"));
        (0..batch.num_rows()).map(move |i| (dataset.value(i), column.value(i), data_type.value(i)))
    }
}

impl Row for ColumnRow {
    const TABLE: &'static str = "columns";
    fn schema() -> SchemaRef {
        static S: LazyLock<SchemaRef> = LazyLock::new(|| {
            use DataType::*;
            schema(&[
                ("scan_id", Utf8, false),
                ("object", Utf8, false),
                ("dataset", Utf8, false),
                ("column", Utf8, false),
                ("data_type", Utf8, false),
                ("sampled_values", UInt64, false),
                ("null_values", UInt64, false),
                ("distinct_values", UInt64, false),
                ("is_pii", Boolean, false),
                ("entity_types", list(), false),
            ])
        });
        S.clone()
    }
}

/// One entity found in one column of one object, as anonymization plans
/// from it: classified afresh, or read back from a report's `findings`
/// ([`FindingRow`] holds the rest).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Dotted column path.
    pub column: String,
    /// Entity type.
    pub entity: String,
    /// The finding's score.
    pub score: f64,
    /// Values matched.
    pub matched: u64,
    /// Of those, matched whole.
    pub whole: u64,
}

/// One row per object, column and entity found.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct FindingRow {
    pub scan_id: String,
    pub scanned_at: i64,
    pub source: String,
    pub object: String,
    pub dataset: String,
    pub column: String,
    pub entity_type: String,
    pub score: f64,
    pub matched_values: u64,
    pub whole_values: u64,
    pub sampled_values: u64,
    pub match_ratio: f64,
    pub recognizer: String,
    pub evidence: String,
    pub examples: Vec<String>,
}

/// What the scan summary needs of a `findings` row.
#[derive(Debug)]
#[allow(missing_docs)]
pub struct FindingTotals<'a> {
    pub object: &'a str,
    pub dataset: &'a str,
    pub column: &'a str,
    pub entity_type: &'a str,
    pub score: f64,
    pub matched_values: u64,
    pub sampled_values: u64,
}

impl FindingRow {
    /// The summary's fields of each row of a batch in the table's schema.
    pub fn totals(batch: &RecordBatch) -> impl Iterator<Item = FindingTotals<'_>> {
        let text = |name| batch.column_by_name(name).expect("schema").as_string::<i32>();
        let (object, dataset, column, entity_type) =
            (text("object"), text("dataset"), text("column"), text("entity_type"));
        let score = batch.column_by_name("score").expect("schema").as_primitive::<Float64Type>();
        let (matched, sampled) = (u64s(batch, "matched_values"), u64s(batch, "sampled_values"));
        (0..batch.num_rows()).map(move |i| FindingTotals {
            object: object.value(i),
            dataset: dataset.value(i),
            column: column.value(i),
            entity_type: entity_type.value(i),
            score: score.value(i),
            matched_values: matched.value(i),
            sampled_values: sampled.value(i),
        })
    }
}

impl Row for FindingRow {
    const TABLE: &'static str = "findings";
    fn schema() -> SchemaRef {
        static S: LazyLock<SchemaRef> = LazyLock::new(|| {
            use DataType::*;
            schema(&[
                ("scan_id", Utf8, false),
                ("scanned_at", ts(), false),
                ("source", Utf8, false),
                ("object", Utf8, false),
                ("dataset", Utf8, false),
                ("column", Utf8, false),
                ("entity_type", Utf8, false),
                ("score", Float64, false),
                ("matched_values", UInt64, false),
                ("whole_values", UInt64, false),
                ("sampled_values", UInt64, false),
                ("match_ratio", Float64, false),
                ("recognizer", Utf8, false),
                ("evidence", Utf8, false),
                ("examples", list(), false),
            ])
        });
        S.clone()
    }
}

/// One row per alert raised at the end of a scan.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct AlertRow {
    pub scan_id: String,
    pub raised_at: i64,
    pub dataset: String,
    pub column: Option<String>,
    pub entity_type: Option<String>,
    pub kind: String,
    pub detail: String,
    pub baseline: Option<f64>,
    pub observed: Option<f64>,
}

impl Row for AlertRow {
    const TABLE: &'static str = "alerts";
    fn schema() -> SchemaRef {
        static S: LazyLock<SchemaRef> = LazyLock::new(|| {
            use DataType::*;
            schema(&[
                ("scan_id", Utf8, false),
                ("raised_at", ts(), false),
                ("dataset", Utf8, false),
                ("column", Utf8, true),
                ("entity_type", Utf8, true),
                ("kind", Utf8, false),
                ("detail", Utf8, false),
                ("baseline", Float64, true),
                ("observed", Float64, true),
            ])
        });
        S.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::{ObjectStatus, Outcome};

    /// README's table of the report tables, by name: the columns as listed
    /// (comments in brackets left out) and the whole cell.
    fn documented() -> std::collections::BTreeMap<String, (Vec<String>, String)> {
        let readme = include_str!("../../README.md");
        let table = readme.split("| table | one row per | columns |").nth(1).expect("README lists the tables");
        let mut out = std::collections::BTreeMap::new();
        for line in table.lines().skip(2).take_while(|l| l.starts_with("| `")) {
            let cells: Vec<&str> = line.split(" | ").collect();
            let name = cells[0].trim_start_matches("| ").trim_matches('`').to_owned();
            let cell = cells[2].trim_end_matches(" |").to_owned();
            // Drop the bracketed comments (which hold commas of their own).
            let (mut plain, mut depth) = (String::new(), 0);
            for c in cell.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ if depth == 0 => plain.push(c),
                    _ => {}
                }
            }
            let columns = plain.split(',').map(|c| c.trim().to_owned()).collect();
            out.insert(name, (columns, cell));
        }
        out
    }

    fn names(schema: &SchemaRef) -> Vec<String> {
        schema.fields().iter().map(|f| f.name().clone()).collect()
    }

    #[test]
    fn the_readme_lists_every_table_with_its_columns_and_status_words() {
        let documented = documented();
        let schemas = [
            (ScanRow::TABLE, ScanRow::schema()),
            (ObjectRow::TABLE, ObjectRow::schema()),
            (ColumnRow::TABLE, ColumnRow::schema()),
            (FindingRow::TABLE, FindingRow::schema()),
            (AlertRow::TABLE, AlertRow::schema()),
            ("audit", crate::audit::to_batch(&[]).unwrap().schema()),
        ];
        assert_eq!(schemas.iter().filter(|(t, _)| TABLES.contains(t)).count(), TABLES.len());
        for (table, schema) in &schemas {
            let (columns, _) = documented.get(*table).unwrap_or_else(|| panic!("README lists no {table} table"));
            assert_eq!(columns, &names(schema), "README's columns of {table}");
        }
        let words = |table: &str| documented[table].1.clone();
        let statuses: Vec<String> = ObjectStatus::ALL.iter().map(|s| format!("`{}`", s.as_str())).collect();
        assert!(words("objects").contains(&statuses.join("/")), "{}", words("objects"));
        let scans = format!("`{}`/`{}`", Outcome::Complete.as_str(), Outcome::Partial.as_str());
        assert!(words("scans").contains(&scans), "{}", words("scans"));
    }
}
