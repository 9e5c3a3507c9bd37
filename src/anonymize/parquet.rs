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

/// Copies one Parquet object, rewritten, into `upload`.
pub(super) async fn copy(
    store: Arc<dyn ObjectStore>,
    plan: Arc<ObjectPlan>,
    upload: &mut Upload,
    rewrite: Rewrite,
    limits: &crate::limits::Limits,
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
    while let Some(reader) = fetcher.next_row_group(&mut decoder).await? {
        let (mut writer, mut counts) = state.take().expect("put back after each row group");
        let (rewrite, plan) = (rewrite.clone(), plan.clone());
        let (writer, counts, bytes) = crate::concurrency::cpu(move || -> Result<_> {
            let mut rewriter = rewrite.rewriter(&plan);
            for batch in reader {
                writer.write(&rewriter.batch(&batch.map_err(corrupt_page)?)?)?;
            }
            writer.flush()?;
            for (op, n) in rewriter.counts {
                *counts.entry(op).or_default() += n;
            }
            let bytes = std::mem::take(writer.inner_mut());
            Ok((writer, counts, bytes))
        })
        .await??;
        upload.write(bytes).await?;
        state = Some((writer, counts));
    }
    let (writer, counts) = state.take().expect("put back after each row group");
    let footer = crate::concurrency::cpu(move || writer.into_inner()).await??;
    upload.write(footer).await?;
    Ok(counts)
}
