//! The report: Parquet tables under REPORT, one Hive-partitioned dataset per
//! table (`TABLE/scan_date=YYYY-MM-DD/<scan_id>.parquet`), appended by each
//! scan and never rewritten. Each file is published atomically (a completed
//! upload, or a rename on local disk), and the `scans` row is written last:
//! a scan listed in `scans` has all its rows in the other tables.

mod tables;
mod writer;

pub use tables::{AlertRow, ColumnRow, DecisionRow, FindingRow, Found, ObjectRow, ScanRow, TABLES, Table, finding_id};
pub(crate) use tables::{Cell, Row, cells, table};
pub use writer::ReportWriter;
pub(crate) use writer::append;
pub(crate) use writer::file_of;
