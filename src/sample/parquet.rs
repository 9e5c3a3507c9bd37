//! Parquet sampling with the least I/O: the footer and page index first,
//! then only the pages that hold the planned rows of classifiable columns,
//! fetched with range requests. Fetching is async; decoding and
//! classification of each row group run on the rayon pool.

use super::{ObjectSample, SampleSettings, checks, paged, pages, plan};
use crate::classify::{Classifier, ColumnState, leaves};
use crate::error::{Error, Result};
use crate::limits::{Limits, exceeded};
use bytes::Bytes;
use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};
use object_store::{ObjectMeta, ObjectStore};
use parquet::DecodeResult;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ArrowReaderOptions;
use parquet::arrow::arrow_reader::ParquetRecordBatchReader;
use parquet::arrow::async_reader::MetadataFetch;
use parquet::arrow::push_decoder::{ParquetPushDecoder, ParquetPushDecoderBuilder};
use parquet::basic::{ConvertedType, LogicalType, Type as PhysicalType};
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaData, ParquetMetaDataReader};
use parquet::schema::types::ColumnDescriptor;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// Range reads from one object. What the
/// footer reads fetch is kept: the page index, and for small objects their
/// data too, then cost no second request, and a footer longer than the first
/// suffix read only fetches what is missing. No byte is fetched twice.
#[derive(Debug)]
pub(crate) struct Fetcher<'a> {
    store: Arc<dyn ObjectStore>,
    meta: &'a ObjectMeta,
    /// Contiguous bytes kept from metadata reads: start offset and data.
    kept: Mutex<Option<(u64, Bytes)>>,
    limits: &'a Limits,
    /// The column chunks the footer declares, once it passed its checks.
    chunks: Mutex<Vec<checks::Chunk>>,
}

/// Columns of one object read at once.
const COLUMNS_IN_FLIGHT: usize = 8;
/// Objects up to this size are read whole by the first request.
const READ_WHOLE: u64 = 256 * 1024;
/// The first suffix read of larger objects: footer and usually page index.
const FOOTER_PREFETCH: u64 = 64 * 1024;

impl<'a> Fetcher<'a> {
    /// Reads from `meta`'s object in `store`.
    pub(crate) fn new(store: Arc<dyn ObjectStore>, meta: &'a ObjectMeta, limits: &'a Limits) -> Self {
        Self { store, meta, kept: Mutex::new(None), limits, chunks: Mutex::new(Vec::new()) }
    }

    /// Reads the footer (and the page index when there is one), saying what
    /// the object is when it is not Parquet. The footer is checked
    /// ([`checks::footer`]) before the parquet crate decodes it.
    pub(crate) async fn metadata(&self) -> Result<Arc<ParquetMetaData>> {
        let size = self.meta.size;
        if size < 12 {
            return Err(Error::Unreadable(format!("not a Parquet file: {size} bytes is smaller than a footer")));
        }
        let tail_len = if size <= READ_WHOLE { size } else { FOOTER_PREFETCH };
        let tail = self.metadata_range(size - tail_len..size).await?;
        let trailer = &tail[tail.len() - 8..];
        if &trailer[4..] != b"PAR1" {
            let head = self.ranges(std::slice::from_ref(&(0..4))).await?;
            return Err(Error::Unreadable(match (head[0].as_ref(), &trailer[4..]) {
                (_, b"PARE") => "encrypted Parquet is not supported".into(),
                (b"PAR1", _) => "invalid Parquet footer: no PAR1 magic at the end (a truncated object?)".into(),
                (head, _) => mislabelled(head),
            }));
        }
        let footer_len = u64::from(u32::from_le_bytes(trailer[..4].try_into().expect("4 bytes")));
        if footer_len + 12 > size {
            return Err(Error::Unreadable(format!(
                "invalid Parquet footer: it claims {footer_len} bytes in an object of {size}"
            )));
        }
        if footer_len > self.limits.footer_bytes {
            return Err(Error::Unreadable(exceeded(
                "the footer",
                footer_len,
                "footer_bytes",
                self.limits.footer_bytes,
            )));
        }
        let data_end = size - 8 - footer_len;
        let footer = match tail_len >= footer_len + 8 {
            true => tail.slice((tail_len - 8 - footer_len) as usize..(tail_len - 8) as usize),
            false => self.metadata_range(data_end..size).await?.slice(..footer_len as usize),
        };
        let chunks = checks::footer(&footer, data_end, self.limits).map_err(Error::Unreadable)?;
        let metadata = ParquetMetaDataReader::new()
            .with_page_index_policy(PageIndexPolicy::Optional)
            .load_and_finish(self, size)
            .await
            .map_err(|e| Error::Unreadable(format!("invalid Parquet footer: {e}")))?;
        checks::page_index(&metadata, &chunks).map_err(Error::Unreadable)?;
        *self.chunks.lock().expect("not poisoned") = chunks;
        Ok(Arc::new(metadata))
    }

    /// Whether the bytes of `range` are held already (read with the footer).
    pub(crate) fn holds(&self, range: Range<u64>) -> bool {
        let kept = self.kept.lock().expect("not poisoned");
        kept.as_ref().is_some_and(|(start, data)| *start <= range.start && range.end <= start + data.len() as u64)
    }

    /// The reader of the decoder's next row group, once the ranges it needs
    /// are fetched (the reader decodes without I/O); `None` after the last.
    pub(crate) async fn next_row_group(
        &self,
        decoder: &mut ParquetPushDecoder,
    ) -> Result<Option<ParquetRecordBatchReader>> {
        loop {
            match decoder.try_next_reader().map_err(|e| Error::Unreadable(e.to_string()))? {
                DecodeResult::NeedsData(ranges) => {
                    let data = self.ranges(&ranges).await?;
                    let chunks = self.chunks.lock().expect("not poisoned");
                    for (range, bytes) in ranges.iter().zip(&data) {
                        checks::pages(&chunks, range.start, bytes, self.limits).map_err(Error::Unreadable)?;
                    }
                    drop(chunks);
                    decoder.push_ranges(ranges, data)?;
                }
                DecodeResult::Data(reader) => return Ok(Some(reader)),
                DecodeResult::Finished => return Ok(None),
            }
        }
    }

    /// Splits `range` into the part to fetch (if any) and the kept bytes that
    /// end it (if any).
    fn split(&self, range: &Range<u64>) -> (Option<Range<u64>>, Option<Bytes>) {
        let kept = self.kept.lock().expect("not poisoned");
        let Some((start, data)) = kept.as_ref() else {
            return (Some(range.clone()), None);
        };
        let end = start + data.len() as u64;
        if range.end <= *start || range.end > end {
            return (Some(range.clone()), None);
        }
        let from = range.start.max(*start);
        let cached = data.slice((from - start) as usize..(range.end - start) as usize);
        ((range.start < from).then_some(range.start..from), Some(cached))
    }

    /// The bytes of `ranges`, fetching in one request only what is not kept.
    pub(crate) async fn ranges(&self, ranges: &[Range<u64>]) -> Result<Vec<Bytes>> {
        let parts: Vec<_> = ranges.iter().map(|r| self.split(r)).collect();
        let wanted: Vec<Range<u64>> = parts.iter().filter_map(|(f, _)| f.clone()).collect();
        let mut fetched = if wanted.is_empty() {
            Vec::new()
        } else {
            self.store
                .get_ranges(&self.meta.location, &wanted)
                .await
                .map_err(|e| Error::Unreadable(crate::error::describe_store_error(&e)))?
        }
        .into_iter();
        Ok(parts
            .into_iter()
            .map(|(fetch, cached)| match (fetch.map(|_| fetched.next().expect("one per range")), cached) {
                (Some(head), Some(tail)) => Bytes::from([head.as_ref(), tail.as_ref()].concat()),
                (Some(head), None) => head,
                (None, Some(tail)) => tail,
                (None, None) => Bytes::new(),
            })
            .collect())
    }

    /// A metadata read; suffix reads are kept for the reads that follow.
    async fn metadata_range(&self, range: Range<u64>) -> Result<Bytes> {
        let data = self.ranges(std::slice::from_ref(&range)).await?.remove(0);
        let mut kept = self.kept.lock().expect("not poisoned");
        let extends = kept.as_ref().is_none_or(|(start, _)| range.start < *start);
        if range.end == self.meta.size && extends {
            *kept = Some((range.start, data.clone()));
        }
        Ok(data)
    }
}

impl MetadataFetch for &Fetcher<'_> {
    fn fetch(&mut self, range: Range<u64>) -> BoxFuture<'_, parquet::errors::Result<Bytes>> {
        let this = *self;
        async move {
            this.metadata_range(range).await.map_err(|e| parquet::errors::ParquetError::External(Box::new(e)))
        }
        .boxed()
    }
}

/// Whether a Parquet leaf can hold text-like personal data. Dates, times,
/// floats and booleans cannot; they are listed in the report but not read.
fn readable(col: &ColumnDescriptor) -> bool {
    match (col.physical_type(), col.logical_type_ref()) {
        (PhysicalType::BYTE_ARRAY, _) => true,
        // Fixed-size text (card numbers, codes stored as FIXED_LEN_BYTE_ARRAY);
        // not UUIDs, float16 or intervals, which have a logical type.
        (PhysicalType::FIXED_LEN_BYTE_ARRAY, None) => col.converted_type() == ConvertedType::NONE,
        (PhysicalType::INT32 | PhysicalType::INT64, None) => col.converted_type() == ConvertedType::NONE,
        (PhysicalType::INT32 | PhysicalType::INT64, Some(LogicalType::Integer(int))) => int.bit_width >= 32,
        (_, Some(LogicalType::Decimal(d))) => d.scale == 0,
        _ => false,
    }
}

/// Samples and classifies one Parquet object.
pub(super) async fn sample(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    name: &str,
    settings: &SampleSettings,
    classifier: Arc<Classifier>,
) -> Result<ObjectSample> {
    let fetcher = Fetcher::new(store, meta, &settings.limits);
    let metadata = fetcher.metadata().await?;
    let schema_descr = metadata.file_metadata().schema_descr_ptr();
    let rows_total = metadata.file_metadata().num_rows() as u64;
    let wanted: Vec<usize> = (0..schema_descr.num_columns()).filter(|&i| readable(&schema_descr.column(i))).collect();

    let options = ArrowReaderOptions::new();
    let full_schema =
        parquet::arrow::parquet_to_arrow_schema(&schema_descr, metadata.file_metadata().key_value_metadata())?;
    let all_leaves = leaves::schema_leaves(full_schema.fields());

    let group_rows: Vec<u64> = metadata.row_groups().iter().map(|g| g.num_rows().max(0) as u64).collect();
    let mut rng = plan::Rng::new(settings.seed, name);
    let plan = plan::parquet(&group_rows, settings.rows, &mut rng);
    let mut states: BTreeMap<String, ColumnState> = BTreeMap::new();
    let mut rows_sampled = 0;
    let mut found = Vec::new();
    // A sample is read by pages, column by column; what cannot be (and a
    // full read) goes through the parquet crate's decoder, chunk by chunk.
    let mut chunked = wanted;
    if !plan.runs.is_empty() {
        let by_pages = std::mem::take(&mut chunked);
        let reads = futures::stream::iter(by_pages)
            .map(|c| {
                let (fetcher, metadata, plan, fields) =
                    (&fetcher, metadata.clone(), &plan, full_schema.fields().clone());
                let classifier = classifier.clone();
                async move {
                    let Some(pages) = paged::column(fetcher, &metadata, c, &plan.runs, &settings.limits).await? else {
                        return Ok::<_, Error>((c, None));
                    };
                    let (rows, found) = (pages.rows(), pages.found.clone());
                    let part = crate::concurrency::cpu(move || -> Result<BTreeMap<String, ColumnState>> {
                        let reader = pages::reader(&metadata, &fields, c, pages.groups, &pages.keep)
                            .map_err(|e| Error::Unreadable(format!("corrupt data page: {e}")))?;
                        let mut part = BTreeMap::new();
                        for batch in reader {
                            crate::classify::observe_batch(&classifier, &batch.map_err(corrupt_page)?, &mut part);
                        }
                        Ok(part)
                    })
                    .await??;
                    Ok((c, Some((part, rows, found))))
                }
            })
            .buffer_unordered(COLUMNS_IN_FLIGHT);
        let mut reads = std::pin::pin!(reads);
        while let Some(read) = reads.next().await {
            match read? {
                (c, None) => chunked.push(c),
                (_, Some((part, rows, how))) => {
                    crate::classify::merge_columns(&mut states, part);
                    rows_sampled = rows_sampled.max(rows);
                    found.extend(how);
                }
            }
        }
        chunked.sort_unstable();
    }
    if !chunked.is_empty() && plan.rows > 0 {
        rows_sampled = rows_sampled.max(plan.rows);
        let mut builder = ParquetPushDecoderBuilder::try_new_decoder_with_options(metadata.clone(), options)?
            .with_projection(ProjectionMask::leaves(&schema_descr, chunked))
            .with_row_groups(plan.row_groups.clone())
            .with_batch_size(8192);
        if let Some(sel) = plan.selection.clone() {
            builder = builder.with_row_selection(sel);
        }
        let mut decoder = builder.build()?;
        while let Some(reader) = fetcher.next_row_group(&mut decoder).await? {
            let classifier = classifier.clone();
            let part = crate::concurrency::cpu(move || -> Result<BTreeMap<String, ColumnState>> {
                let mut part = BTreeMap::new();
                for batch in reader {
                    crate::classify::observe_batch(&classifier, &batch.map_err(corrupt_page)?, &mut part);
                }
                Ok(part)
            })
            .await??;
            crate::classify::merge_columns(&mut states, part);
        }
    }
    Ok(ObjectSample {
        rows_total: Some(rows_total),
        rows_sampled: rows_sampled.min(rows_total),
        coverage: 1.0,
        columns: super::columns(all_leaves, states),
        reads: paged::describe(&found),
    })
}

/// A data page that does not decode.
pub(crate) fn corrupt_page(e: arrow::error::ArrowError) -> Error {
    Error::Unreadable(format!("corrupt data page: {e}"))
}

fn mislabelled(head: &[u8]) -> String {
    let what = match head {
        [0x1f, 0x8b, ..] => "gzip data",
        [0x28, 0xb5, 0x2f, 0xfd] => "zstd data",
        h if h.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()) => "text",
        _ => "unrecognised bytes",
    };
    format!("mislabelled: named as Parquet but starts with {what}, not the PAR1 magic")
}
