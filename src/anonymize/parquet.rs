//! Parquet copies: each row group is fetched (range reads), then decoded,
//! rewritten and encoded on the rayon pool into one row group of the copy,
//! with each column's compression as in the source; the encoded bytes go to
//! an upload that only becomes the object when it completes. Memory is
//! bounded by a row group.

use super::plan::ObjectPlan;
use super::rewrite::{Counts, Rewrite};
use super::upload::Upload;
use crate::error::Result;
use crate::sample::parquet::{Fetcher, corrupt_page};
use crate::source::table::{Deleted, is_deleted};
use arrow::array::{BooleanArray, RecordBatch};
use object_store::ObjectStore;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ArrowReaderOptions};
use parquet::arrow::push_decoder::ParquetPushDecoderBuilder;
use parquet::file::metadata::ParquetMetaData;
use parquet::file::properties::WriterProperties;
use std::sync::Arc;

/// The writer settings that keep the copy like the source: each column's
/// compression, and row groups only where the source has them (the copy
/// flushes one at the end of each of the source's).
pub fn properties(metadata: &ParquetMetaData) -> WriterProperties {
    let mut props = WriterProperties::builder().set_max_row_group_row_count(None);
    if let Some(group) = metadata.row_groups().first() {
        for column in group.columns() {
            props = props.set_column_compression(column.column_path().clone(), column.compression());
        }
    }
    props.build()
}

/// Copies one Parquet object, rewritten, into `upload`, without the rows
/// of `deleted` (ascending, disjoint row ranges a table deleted).
pub(super) async fn copy(
    store: Arc<dyn ObjectStore>,
    plan: Arc<ObjectPlan>,
    upload: &mut Upload,
    rewrite: Rewrite,
    limits: &crate::limits::Limits,
    deleted: Option<Arc<Deleted>>,
) -> Result<Counts> {
    let fetcher = Fetcher::new(store, &plan.meta, limits);
    let metadata = fetcher.metadata().await?;
    let options = ArrowReaderOptions::new();
    let reader_meta = ArrowReaderMetadata::try_new(metadata.clone(), options.clone())?;
    let schema = rewrite.rewriter(&plan).schema(reader_meta.schema());
    let writer = ArrowWriter::try_new(Vec::new(), schema, Some(properties(&metadata)))?;
    let mut decoder =
        ParquetPushDecoderBuilder::try_new_decoder_with_options(metadata, options)?.with_batch_size(8192).build()?;
    let mut state = Some((writer, Counts::new()));
    // The row number in the object of the next batch's first row.
    let mut first_row = 0u64;
    while let Some(reader) = fetcher.next_row_group(&mut decoder).await? {
        let (mut writer, mut counts) = state.take().expect("put back after each row group");
        let (rewrite, plan, deleted) = (rewrite.clone(), plan.clone(), deleted.clone());
        let (writer, counts, bytes, next_row) = crate::concurrency::cpu(move || -> Result<_> {
            let mut rewriter = rewrite.rewriter(&plan);
            let mut row = first_row;
            for batch in reader {
                let batch = batch.map_err(corrupt_page)?;
                let rows = batch.num_rows() as u64;
                let kept = match &deleted {
                    Some(deleted) => without(&batch, row, deleted)?,
                    None => batch,
                };
                row += rows;
                writer.write(&rewriter.batch(&kept)?)?;
            }
            writer.flush()?;
            for (op, n) in rewriter.counts {
                *counts.entry(op).or_default() += n;
            }
            let bytes = std::mem::take(writer.inner_mut());
            Ok((writer, counts, bytes, row))
        })
        .await??;
        first_row = next_row;
        upload.write(bytes).await?;
        state = Some((writer, counts));
    }
    let (writer, counts) = state.take().expect("put back after each row group");
    let footer = crate::concurrency::cpu(move || writer.into_inner()).await??;
    upload.write(footer).await?;
    Ok(counts)
}

/// `batch` (whose first row is row `first` of its object) without the rows
/// of `deleted`.
fn without(batch: &RecordBatch, first: u64, deleted: &Deleted) -> Result<RecordBatch> {
    let keep: Vec<bool> = (first..first + batch.num_rows() as u64).map(|row| !is_deleted(deleted, row)).collect();
    if keep.iter().all(|k| *k) {
        return Ok(batch.clone());
    }
    Ok(arrow::compute::filter_record_batch(batch, &BooleanArray::from(keep))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Int64Array;

    #[test]
    fn deleted_rows_are_left_out_by_their_number_in_the_object() {
        let batch =
            RecordBatch::try_from_iter([("id", Arc::new(Int64Array::from_iter_values(100..110)) as _)]).unwrap();
        let ids = |b: RecordBatch| b.column(0).as_any().downcast_ref::<Int64Array>().unwrap().values().to_vec();
        // The batch holds rows 100..110 of its object.
        assert_eq!(
            ids(without(&batch, 100, &vec![0..3, 102..104, 109..200]).unwrap()),
            [100, 101, 104, 105, 106, 107, 108]
        );
        assert_eq!(ids(without(&batch, 100, &vec![0..100, 110..120]).unwrap()).len(), 10);
        let all: Deleted = std::iter::once(50..150).collect();
        assert!(ids(without(&batch, 100, &all).unwrap()).is_empty());
    }
}
