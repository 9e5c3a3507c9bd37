//! Sampling: read a bounded, seeded, spread sample of every column of an
//! object (or every row with `--full`) and classify it as it streams in.
//! Parquet is read by range requests (`parquet`); CSV is streamed and
//! parsed off the async runtime (`csv`).

mod checks;
mod codec;
pub(crate) mod csv;
mod paged;
mod pages;
pub(crate) mod parquet;
pub mod plan;
mod thrift;

use crate::classify::leaves::Leaf;
use crate::classify::{Classifier, ColumnState};
use crate::error::Result;
use crate::source::format::Format;
use object_store::{ObjectMeta, ObjectStore};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How much of each object to read.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SampleSettings {
    /// Rows per object (`None`: every row).
    pub rows: Option<u64>,
    /// Seed for where samples are taken.
    pub seed: u64,
    /// What one object may cost.
    pub limits: crate::limits::Limits,
}

/// One column of a sampled object.
#[derive(Debug, Clone)]
pub struct ColumnSample {
    /// Dotted path.
    pub path: String,
    /// Arrow type, as text (`Utf8`, `Int64`).
    pub data_type: String,
    /// Classification state; `None` for types that cannot hold text.
    pub state: Option<ColumnState>,
}

/// What reading one object produced.
#[derive(Debug, Clone)]
pub struct ObjectSample {
    /// Rows in the object, when the sample saw all of it.
    pub rows_total: Option<u64>,
    /// Rows classified.
    pub rows_sampled: u64,
    /// The share of the object the sample was drawn from: 1 unless a
    /// compressed CSV was read only up to `limits.sample_bytes`.
    pub coverage: f64,
    /// Every leaf column, in schema order.
    pub columns: Vec<ColumnSample>,
    /// How the object's data was found, for `--verbose` (Parquet samples).
    pub reads: Option<String>,
}

/// Samples and classifies one object (what it reads is counted by the
/// store: [`crate::source::Metered`]). `name`, the object's path below
/// the source, seeds where the samples are taken: a lake copied elsewhere
/// (from disk to a bucket) is sampled the same way. Rows a table deleted
/// from the object (`deleted`: ascending, disjoint row ranges) are never
/// read; tables keep their data in Parquet.
pub async fn sample(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    name: &str,
    format: Format,
    settings: &SampleSettings,
    classifier: Arc<Classifier>,
    deleted: Option<&[std::ops::Range<u64>]>,
) -> Result<ObjectSample> {
    match format {
        Format::Parquet => parquet::sample(store, meta, name, settings, classifier, deleted).await,
        Format::Csv(_) if deleted.is_some() => Err(crate::error::Error::Unreadable(
            "a table deleted rows from this CSV object by position, which lakeaudit cannot apply to CSV".into(),
        )),
        Format::Csv(compression) => csv::sample(store, meta, name, compression, settings, classifier).await,
    }
}

fn columns(leaves: Vec<Leaf>, mut states: BTreeMap<String, ColumnState>) -> Vec<ColumnSample> {
    leaves
        .into_iter()
        .map(|l| ColumnSample { state: states.remove(&l.path), data_type: l.data_type.to_string(), path: l.path })
        .collect()
}
