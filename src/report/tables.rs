//! The report tables, each defined once: a [`table!`] declaration gives its
//! row type, its Arrow schema, the batch the writer encodes and the typed
//! reader of what a query or an earlier scan returns. A renamed or retyped
//! field changes all of them together, and README's table of columns is
//! held to the schemas by a test. Rows never hold a raw sensitive value:
//! examples are masked upstream.

use crate::classify::verdict;
use crate::error::{Error, Result};
use crate::status::{ObjectStatus, Outcome};
use arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float64Array, ListBuilder, StringArray, StringBuilder,
    TimestampMicrosecondArray, UInt8Array, UInt64Array, new_null_array,
};
use arrow::datatypes::UInt64Type;
use arrow::datatypes::{DataType, Field, Float64Type, SchemaRef, TimeUnit, TimestampMicrosecondType, UInt8Type};
use arrow::record_batch::RecordBatch;
use std::sync::Arc;

/// A row type of a report table, as [`table!`] declares it.
pub(crate) trait Row: Sized + Send + 'static {
    /// The table's name.
    const TABLE: &'static str;
    /// The table's schema.
    fn schema() -> SchemaRef;
    /// `rows` as a batch in the table's schema.
    fn to_batch(rows: &[Self]) -> Result<RecordBatch>;
    /// The rows of a batch read back (from a file or a query), its columns
    /// cast to the schema's types; a nullable column missing from it (a
    /// report older than the column) reads as nulls.
    fn from_batch(batch: &RecordBatch) -> Result<Vec<Self>>;
}

/// A type a report column holds: its Arrow type, and how a column of such
/// values is built and read back.
pub(crate) trait Cell: Sized {
    /// Whether the column may hold nulls (the `Option`s).
    const NULLABLE: bool = false;
    /// The column's Arrow type.
    fn data_type() -> DataType;
    /// A column of `values`.
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef
    where
        Self: 'a;
    /// The values of a column of [`Cell::data_type`]; why not, if it holds
    /// something else (a null where none may be, an unknown status word).
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String>;
}

/// The values of a column that holds no nulls.
fn non_null<T>(array: &dyn Array, values: impl Iterator<Item = Option<T>>) -> std::result::Result<Vec<T>, String> {
    match array.null_count() {
        0 => Ok(values.map(|v| v.expect("no nulls")).collect()),
        _ => Err("holds nulls".into()),
    }
}

impl Cell for String {
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(StringArray::from_iter_values(values))
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        non_null(array, array.as_string::<i32>().iter().map(|v| v.map(str::to_owned)))
    }
}

impl Cell for Option<String> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(values.map(Option::as_deref).collect::<StringArray>())
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        Ok(array.as_string::<i32>().iter().map(|v| v.map(str::to_owned)).collect())
    }
}

/// Cells of a primitive Arrow type: the value, and the value or null.
macro_rules! primitive_cell {
    ($ty:ty, $data_type:expr, $array:ty, $arrow:ty) => {
        impl Cell for $ty {
            fn data_type() -> DataType {
                $data_type
            }
            fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
                Arc::new(values.copied().collect::<$array>())
            }
            fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
                non_null(array, array.as_primitive::<$arrow>().iter())
            }
        }

        impl Cell for Option<$ty> {
            const NULLABLE: bool = true;
            fn data_type() -> DataType {
                $data_type
            }
            fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
                Arc::new(values.copied().collect::<$array>())
            }
            fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
                Ok(array.as_primitive::<$arrow>().iter().collect())
            }
        }
    };
}

primitive_cell!(u64, DataType::UInt64, UInt64Array, UInt64Type);
primitive_cell!(u8, DataType::UInt8, UInt8Array, UInt8Type);
primitive_cell!(f64, DataType::Float64, Float64Array, Float64Type);

/// A point in time, as UTC microseconds since the epoch.
fn timestamp() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

/// Times are UTC microseconds since the epoch.
impl Cell for i64 {
    fn data_type() -> DataType {
        timestamp()
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(TimestampMicrosecondArray::from_iter_values(values.copied()).with_timezone("UTC"))
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        non_null(array, array.as_primitive::<TimestampMicrosecondType>().iter())
    }
}

impl Cell for Option<i64> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        timestamp()
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(TimestampMicrosecondArray::from(values.copied().collect::<Vec<_>>()).with_timezone("UTC"))
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        Ok(array.as_primitive::<TimestampMicrosecondType>().iter().collect())
    }
}

impl Cell for bool {
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(values.map(|v| Some(*v)).collect::<BooleanArray>())
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        non_null(array, array.as_boolean().iter())
    }
}

impl Cell for Option<bool> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        Arc::new(values.copied().collect::<BooleanArray>())
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        Ok(array.as_boolean().iter().collect())
    }
}

impl Cell for Vec<String> {
    fn data_type() -> DataType {
        DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
        let mut list = ListBuilder::new(StringBuilder::new());
        for v in values {
            for item in v {
                list.values().append_value(item);
            }
            list.append(true);
        }
        Arc::new(list.finish())
    }
    fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
        let lists = array.as_list::<i32>().iter().map(|l| {
            l.map(|items| items.as_string::<i32>().iter().map(|s| s.unwrap_or_default().to_owned()).collect())
        });
        non_null(array, lists)
    }
}

/// Status words: stored as text, read back into their enum.
macro_rules! word_cell {
    ($ty:ty) => {
        impl Cell for $ty {
            fn data_type() -> DataType {
                DataType::Utf8
            }
            fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> ArrayRef {
                Arc::new(StringArray::from_iter_values(values.map(|v| v.as_str())))
            }
            fn from_array(array: &dyn Array) -> std::result::Result<Vec<Self>, String> {
                String::from_array(array)?
                    .iter()
                    .map(|w| <$ty>::parse(w).ok_or_else(|| format!("holds the unknown word '{w}'")))
                    .collect()
            }
        }
    };
}

word_cell!(ObjectStatus);
word_cell!(Outcome);

/// Column `name` of a batch read back, cast to `T`'s type: the typed read
/// of a report file's or a query's column. A nullable column the batch
/// lacks reads as nulls.
pub(crate) fn cells<T: Cell>(batch: &RecordBatch, name: &str) -> Result<Vec<T>> {
    let bad = |why: String| Error::Unreadable(format!("report column {name}: {why}"));
    let array = match batch.column_by_name(name) {
        Some(column) => arrow::compute::cast(column, &T::data_type())?,
        None if T::NULLABLE => new_null_array(&T::data_type(), batch.num_rows()),
        None => return Err(bad("missing".into())),
    };
    T::from_array(array.as_ref()).map_err(bad)
}

/// Declares a report table: its row struct (a field per column, in order)
/// and its [`Row`] implementation.
macro_rules! table {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident in $table:literal {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        $vis struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl $crate::report::Row for $name {
            const TABLE: &'static str = $table;

            fn schema() -> ::arrow::datatypes::SchemaRef {
                use $crate::report::Cell;
                static SCHEMA: ::std::sync::LazyLock<::arrow::datatypes::SchemaRef> =
                    ::std::sync::LazyLock::new(|| {
                        ::std::sync::Arc::new(::arrow::datatypes::Schema::new(vec![$(
                            ::arrow::datatypes::Field::new(
                                stringify!($field),
                                <$ty as Cell>::data_type(),
                                <$ty as Cell>::NULLABLE,
                            ),
                        )*]))
                    });
                SCHEMA.clone()
            }

            fn to_batch(rows: &[Self]) -> $crate::error::Result<::arrow::record_batch::RecordBatch> {
                use $crate::report::Cell;
                let columns = vec![$( <$ty as Cell>::to_array(rows.iter().map(|r| &r.$field)), )*];
                Ok(::arrow::record_batch::RecordBatch::try_new(Self::schema(), columns)?)
            }

            fn from_batch(batch: &::arrow::record_batch::RecordBatch) -> $crate::error::Result<Vec<Self>> {
                $( let mut $field = $crate::report::cells::<$ty>(batch, stringify!($field))?.into_iter(); )*
                Ok((0..batch.num_rows())
                    .map(|_| Self { $( $field: $field.next().expect("a value per row"), )* })
                    .collect())
            }
        }
    };
}
pub(crate) use table;

table! {
    /// One row per scan.
    #[derive(serde::Serialize)]
    #[allow(missing_docs)]
    pub struct ScanRow in "scans" {
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
        pub read_requests: Option<u64>,
        pub tables: Option<u64>,
    }
}

table! {
    /// One row per object visited.
    #[allow(missing_docs)]
    pub struct ObjectRow in "objects" {
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
        pub read_requests: Option<u64>,
        pub table_version: Option<u64>,
        pub retained: Option<bool>,
        pub reachable_until: Option<i64>,
    }
}

table! {
    /// One row per object and column.
    #[allow(missing_docs)]
    pub struct ColumnRow in "columns" {
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
}

impl ColumnRow {
    /// Whether the column was classified: it saw a value (types that cannot
    /// hold text are listed but never classified).
    pub fn classified(&self) -> bool {
        self.sampled_values + self.null_values > 0
    }
}

table! {
    /// One row per object, column and entity found.
    #[allow(missing_docs)]
    pub struct FindingRow in "findings" {
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
        pub finding_id: Option<String>,
    }
}

/// A finding's id: the same for one source, dataset, column and entity
/// type in every scan and on every machine, so that what is decided about
/// a finding can be kept for the next scans. The first 48 bits of the
/// SHA-256 of the four, in hex. (Null in rows written before ids.)
pub fn finding_id(source: &str, dataset: &str, column: &str, entity: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in [source, dataset, column, entity] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hex::encode(&hash.finalize()[..6])
}

table! {
    /// One row per alert raised at the end of a scan.
    #[derive(serde::Serialize)]
    #[allow(missing_docs)]
    pub struct AlertRow in "alerts" {
        pub scan_id: String,
        pub raised_at: i64,
        pub dataset: String,
        pub column: Option<String>,
        pub entity_type: Option<String>,
        pub kind: String,
        pub detail: String,
        pub baseline: Option<f64>,
        pub observed: Option<f64>,
        pub finding_id: Option<String>,
    }
}

table! {
    /// One row per decision made with `lakeaudit triage`: append-only, the
    /// latest row about a finding being what holds (`revoke` undoes).
    #[derive(serde::Serialize)]
    #[allow(missing_docs)]
    pub struct DecisionRow in "decisions" {
        pub decided_at: i64,
        pub run_id: String,
        pub finding_id: String,
        pub kind: String,
        pub reason: String,
        pub actor: String,
        pub until: Option<String>,
    }
}

/// A table's name and its schema.
pub type Table = (&'static str, fn() -> SchemaRef);

/// Every table of a report, with its schema: those a scan writes, in the
/// order it publishes them (`scans` last), then `decisions`, which
/// `triage` writes.
pub const TABLES: [Table; 6] = [
    (ObjectRow::TABLE, ObjectRow::schema),
    (ColumnRow::TABLE, ColumnRow::schema),
    (FindingRow::TABLE, FindingRow::schema),
    (AlertRow::TABLE, AlertRow::schema),
    (ScanRow::TABLE, ScanRow::schema),
    (DecisionRow::TABLE, DecisionRow::schema),
];

/// One entity found in one column of one object, as anonymization plans
/// from it and a scan's summary totals it: classified afresh, or read back
/// from a report's `findings` ([`FindingRow`] holds the rest).
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

impl Found {
    /// A verdict's finding in `column`.
    pub fn of(column: &str, f: &verdict::Finding) -> Self {
        Self {
            column: column.to_owned(),
            entity: f.entity.to_owned(),
            score: f.score,
            matched: f.matched,
            whole: f.whole,
        }
    }
}

impl From<&FindingRow> for Found {
    fn from(f: &FindingRow) -> Self {
        Self {
            column: f.column.clone(),
            entity: f.entity_type.clone(),
            score: f.score,
            matched: f.matched_values,
            whole: f.whole_values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_readme_lists_every_table_with_its_columns_and_status_words() {
        let documented = documented();
        let audit: Table = (crate::audit::Record::TABLE, crate::audit::Record::schema);
        for (table, schema) in TABLES.into_iter().chain([audit]) {
            let (columns, _) = documented.get(table).unwrap_or_else(|| panic!("README lists no {table} table"));
            let names: Vec<String> = schema().fields().iter().map(|f| f.name().clone()).collect();
            assert_eq!(columns, &names, "README's columns of {table}");
        }
        let words = |table: &str| documented[table].1.clone();
        let statuses: Vec<String> = ObjectStatus::ALL.iter().map(|s| format!("`{}`", s.as_str())).collect();
        assert!(words("objects").contains(&statuses.join("/")), "{}", words("objects"));
        let scans = format!("`{}`/`{}`", Outcome::Complete.as_str(), Outcome::Partial.as_str());
        assert!(words("scans").contains(&scans), "{}", words("scans"));
    }

    #[test]
    fn rows_read_back_as_written() {
        let object = ObjectRow {
            scan_id: "s".into(),
            object: "file:///lake/a.parquet".into(),
            dataset: "a".into(),
            format: Some("parquet".into()),
            size_bytes: 10,
            last_modified: 1_700_000_000_000_000,
            etag: None,
            rows_total: Some(5),
            rows_sampled: None,
            bytes_read: 7,
            status: ObjectStatus::Unchanged,
            error: None,
            duration_ms: 3,
            coverage: Some(0.5),
            read_requests: None,
            table_version: Some(4),
            retained: Some(true),
            reachable_until: None,
        };
        let batch = ObjectRow::to_batch(std::slice::from_ref(&object)).unwrap();
        let back = ObjectRow::from_batch(&batch).unwrap();
        assert_eq!(format!("{back:?}"), format!("{:?}", [object]));
        let finding = FindingRow {
            scan_id: "s".into(),
            scanned_at: 1,
            source: "file:///lake".into(),
            object: "file:///lake/a.parquet".into(),
            dataset: "a".into(),
            column: "email".into(),
            entity_type: "EMAIL_ADDRESS".into(),
            score: 0.9,
            matched_values: 4,
            whole_values: 3,
            sampled_values: 5,
            match_ratio: 0.8,
            recognizer: "email".into(),
            evidence: "values".into(),
            examples: vec!["j***@e******.com".into(), String::new()],
            finding_id: Some(finding_id("file:///lake", "a", "email", "EMAIL_ADDRESS")),
        };
        let back = FindingRow::from_batch(&FindingRow::to_batch(std::slice::from_ref(&finding)).unwrap()).unwrap();
        assert_eq!(format!("{back:?}"), format!("{:?}", [finding]));
    }

    #[test]
    fn a_read_back_column_is_cast_or_refused_with_its_name() {
        // DataFusion may return strings as views; a report older than a
        // nullable column reads it as nulls.
        let view: ArrayRef = Arc::new(arrow::array::StringViewArray::from(vec!["scanned", "failed"]));
        let batch = RecordBatch::try_from_iter([("status", view)]).unwrap();
        assert_eq!(cells::<ObjectStatus>(&batch, "status").unwrap(), [ObjectStatus::Scanned, ObjectStatus::Failed]);
        assert_eq!(cells::<Option<f64>>(&batch, "coverage").unwrap(), [None, None]);
        let err = cells::<u64>(&batch, "size_bytes").unwrap_err().to_string();
        assert!(err.contains("size_bytes") && err.contains("missing"), "{err}");
        let odd: ArrayRef = Arc::new(StringArray::from(vec![Some("scanned"), Some("lost")]));
        let batch = RecordBatch::try_from_iter([("status", odd)]).unwrap();
        let err = cells::<ObjectStatus>(&batch, "status").unwrap_err().to_string();
        assert!(err.contains("'lost'"), "{err}");
        let nulls: ArrayRef = Arc::new(UInt64Array::from(vec![Some(1), None]));
        let batch = RecordBatch::try_from_iter([("size_bytes", nulls)]).unwrap();
        assert!(cells::<u64>(&batch, "size_bytes").unwrap_err().to_string().contains("nulls"));
        assert_eq!(cells::<Option<u64>>(&batch, "size_bytes").unwrap(), [Some(1), None]);
    }
}
