//! Parquet sampling with the least I/O: the footer and page index first,
//! then only the pages that hold the planned rows of classifiable columns,
//! fetched with range requests. Fetching is async; decoding and
//! classification of each row group run on the rayon pool.

use super::{ObjectSample, SampleSettings, checks, paged, pages, plan};
use crate::classify::{Classifier, ColumnState, Tally, leaves};
use crate::error::{Error, Result};
use crate::limits::{Limits, exceeded};
use arrow::datatypes::{DataType, Field, FieldRef, Schema};
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
use parquet::basic::{ConvertedType, Encoding, LogicalType, Type as PhysicalType};
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
        // Plain integers, or annotated only by a legacy converted type of at
        // least 32 bits (DuckDB's BIGINT is INT64 with INT_64).
        (PhysicalType::INT32 | PhysicalType::INT64, None) => matches!(
            col.converted_type(),
            ConvertedType::NONE
                | ConvertedType::INT_32
                | ConvertedType::INT_64
                | ConvertedType::UINT_32
                | ConvertedType::UINT_64
        ),
        (PhysicalType::INT32 | PhysicalType::INT64, Some(LogicalType::Integer(int))) => int.bit_width >= 32,
        (_, Some(LogicalType::Decimal(d))) => d.scale == 0,
        _ => false,
    }
}

/// The Arrow types to read `schema`'s leaves as (in the parquet crate's
/// depth-first leaf order): strings and bytes as views, which decode
/// without copying each value, or, for a column that every row group wrote
/// with a dictionary alone, as dictionary arrays, whose entries are then
/// classified once each ([`crate::classify::Tally`]). Map entries keep
/// their types.
fn read_types(metadata: &ParquetMetaData, schema: &Schema) -> Schema {
    // From the data pages' encodings when the writer counted them (arrow-rs,
    // parquet-mr); otherwise, as parquet-mr decides, from the chunk's
    // encodings: PLAIN_DICTIONARY beside nothing but level encodings
    // (DuckDB) means no data page was written plain.
    let dictionary_only = |leaf: usize| {
        metadata.row_groups().iter().all(|g| {
            let c = g.column(leaf);
            let dictionary = [Encoding::RLE_DICTIONARY, Encoding::PLAIN_DICTIONARY];
            c.dictionary_page_offset().is_some()
                && match c.page_encoding_stats_mask() {
                    Some(m) => dictionary.iter().any(|&e| m.is_only(e)),
                    None => {
                        c.encodings().any(|e| e == Encoding::PLAIN_DICTIONARY)
                            && c.encodings().all(|e| e == Encoding::PLAIN_DICTIONARY || levels(e))
                    }
                }
        })
    };
    fn retyped(f: &Field, leaf: &mut usize, in_map: bool, dictionary_only: &dyn Fn(usize) -> bool) -> Field {
        let mut child = |f: &FieldRef| Arc::new(retyped(f, leaf, in_map, dictionary_only));
        let dt = match f.data_type() {
            DataType::Struct(fields) => DataType::Struct(fields.iter().map(&mut child).collect()),
            DataType::List(item) => DataType::List(child(item)),
            DataType::LargeList(item) => DataType::LargeList(child(item)),
            DataType::FixedSizeList(item, n) => DataType::FixedSizeList(child(item), *n),
            DataType::Map(entries, sorted) => {
                DataType::Map(Arc::new(retyped(entries, leaf, true, dictionary_only)), *sorted)
            }
            dt => {
                let i = std::mem::replace(leaf, *leaf + 1);
                match dt {
                    DataType::Utf8 | DataType::Binary if !in_map && dictionary_only(i) => {
                        DataType::Dictionary(Box::new(DataType::Int32), Box::new(dt.clone()))
                    }
                    DataType::Utf8 => DataType::Utf8View,
                    DataType::Binary => DataType::BinaryView,
                    dt => dt.clone(),
                }
            }
        };
        f.clone().with_data_type(dt)
    }
    let mut leaf = 0;
    let fields: Vec<Field> = schema.fields().iter().map(|f| retyped(f, &mut leaf, false, &dictionary_only)).collect();
    match leaf == metadata.file_metadata().schema_descr().num_columns() {
        true => Schema::new_with_metadata(fields, schema.metadata().clone()),
        false => schema.clone(),
    }
}

/// Whether `encoding` is one of levels (repetition and definition), which
/// says nothing of how values were written. BIT_PACKED is deprecated for
/// writing, but old writers list it.
#[allow(deprecated)]
fn levels(encoding: Encoding) -> bool {
    matches!(encoding, Encoding::RLE | Encoding::BIT_PACKED)
}

/// Samples and classifies one Parquet object, leaving out the rows of
/// `deleted` (ascending, disjoint row ranges a table deleted from it).
pub(super) async fn sample(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    name: &str,
    settings: &SampleSettings,
    classifier: Arc<Classifier>,
    deleted: Option<&[Range<u64>]>,
) -> Result<ObjectSample> {
    let fetcher = Fetcher::new(store, meta, &settings.limits);
    let metadata = fetcher.metadata().await?;
    let schema_descr = metadata.file_metadata().schema_descr_ptr();
    let mut rows_total = metadata.file_metadata().num_rows().max(0) as u64;
    let wanted: Vec<usize> = (0..schema_descr.num_columns()).filter(|&i| readable(&schema_descr.column(i))).collect();

    let full_schema =
        parquet::arrow::parquet_to_arrow_schema(&schema_descr, metadata.file_metadata().key_value_metadata())?;
    let all_leaves = leaves::schema_leaves(full_schema.fields());
    let read_schema = Arc::new(read_types(&metadata, &full_schema));
    let options = ArrowReaderOptions::new().with_schema(read_schema.clone());

    let group_rows: Vec<u64> = metadata.row_groups().iter().map(|g| g.num_rows().max(0) as u64).collect();
    let mut rng = plan::Rng::new(settings.seed, name);
    let mut plan = plan::parquet(&group_rows, settings.rows, &mut rng);
    if let Some(deleted) = deleted {
        plan = plan::excluding(plan, &group_rows, deleted);
        rows_total -= deleted.iter().map(|r| r.end.min(rows_total).saturating_sub(r.start)).sum::<u64>();
    }
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
                    (&fetcher, metadata.clone(), &plan, read_schema.fields().clone());
                let classifier = classifier.clone();
                async move {
                    let Some(pages) = paged::column(fetcher, &metadata, c, &plan.runs, &settings.limits).await? else {
                        return Ok::<_, Error>((c, None));
                    };
                    let (rows, found) = (pages.rows(), pages.found.clone());
                    let part = crate::concurrency::cpu(move || {
                        let reader = pages::reader(&metadata, &fields, c, pages.groups, &pages.keep)
                            .map_err(|e| Error::Unreadable(format!("corrupt data page: {e}")))?;
                        classify(&classifier, reader)
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
            let part = crate::concurrency::cpu(move || classify(&classifier, reader)).await??;
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

/// Classifies what `reader` decodes, leaf by leaf (a dictionary column's
/// entries once each, across its batches).
fn classify(classifier: &Classifier, reader: ParquetRecordBatchReader) -> Result<Vec<(String, ColumnState)>> {
    let mut tally = Tally::default();
    for batch in reader {
        tally.batch(classifier, &batch.map_err(corrupt_page)?)?;
    }
    Ok(tally.finish(classifier))
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

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{ArrayRef, Int64Array, ListBuilder, StringArray, StringBuilder, StructArray};
    use arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::file::properties::WriterProperties;
    use parquet::schema::types::ColumnPath;

    /// A file whose `status`, `tags` and `who.country` columns repeat a few
    /// values and are written with a dictionary alone; `email` is unique and
    /// written plain; `who.name` falls back from its dictionary mid-chunk.
    fn file() -> (Vec<u8>, RecordBatch) {
        let rows = 3000;
        let statuses = ["open", "closed", "jane.doe@example.com"];
        let status: StringArray = (0..rows).map(|i| (i % 7 != 3).then(|| statuses[i % 3])).collect();
        let email: StringArray = (0..rows).map(|i| Some(format!("user{i}@example.org"))).collect();
        let mut tags = ListBuilder::new(StringBuilder::new());
        for i in 0..rows {
            for t in 0..i % 3 {
                tags.values().append_value(["red", "203.0.113.9"][t % 2]);
            }
            tags.append(true);
        }
        let country: StringArray = (0..rows).map(|i| Some(["DE", "FR"][i % 2])).collect();
        let name: StringArray = (0..rows).map(|i| Some(format!("name {}", i * 7919))).collect();
        let who = StructArray::from(vec![
            (Arc::new(Field::new("country", DataType::Utf8, true)), Arc::new(country) as ArrayRef),
            (Arc::new(Field::new("name", DataType::Utf8, true)), Arc::new(name) as ArrayRef),
        ]);
        let batch = RecordBatch::try_from_iter(vec![
            ("id", Arc::new(Int64Array::from_iter_values(0..rows as i64)) as ArrayRef),
            ("status", Arc::new(status) as ArrayRef),
            ("email", Arc::new(email) as ArrayRef),
            ("tags", Arc::new(tags.finish()) as ArrayRef),
            ("who", Arc::new(who) as ArrayRef),
        ])
        .unwrap();
        let props = WriterProperties::builder()
            .set_column_dictionary_enabled(ColumnPath::from("email"), false)
            .set_dictionary_page_size_limit(1024)
            .set_data_page_size_limit(1024)
            .set_max_row_group_row_count(Some(1000))
            .build();
        let mut out = Vec::new();
        let mut w = ArrowWriter::try_new(&mut out, batch.schema(), Some(props)).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        (out, batch)
    }

    #[test]
    fn dictionary_only_columns_are_read_as_dictionaries_and_classified_as_their_rows() {
        let (bytes, batch) = file();
        let bytes = Bytes::from(bytes);
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes.clone()).unwrap();
        let metadata = reader.metadata().clone();
        let schema = read_types(&metadata, reader.schema());
        let types: Vec<String> =
            leaves::schema_leaves(schema.fields()).iter().map(|l| format!("{} {}", l.path, l.data_type)).collect();
        assert_eq!(
            types,
            [
                "id Int64",
                "status Dictionary(Int32, Utf8)",
                "email Utf8View",
                "tags Dictionary(Int32, Utf8)",
                "who.country Dictionary(Int32, Utf8)",
                "who.name Utf8View",
            ]
        );
        let options = ArrowReaderOptions::new().with_schema(Arc::new(schema));
        let read = ParquetRecordBatchReaderBuilder::try_new_with_options(bytes, options).unwrap().build().unwrap();
        let classifier = Classifier::new(Default::default()).unwrap();
        let mut tally = Tally::default();
        for b in read {
            tally.batch(&classifier, &b.unwrap()).unwrap();
        }
        let read: BTreeMap<String, ColumnState> = tally.finish(&classifier).into_iter().collect();
        // The same rows, classified value by value as written.
        for leaf in leaves::batch_leaves(&batch) {
            let mut want = classifier.new_state();
            let mut observer = classifier.observer(&mut want);
            leaves::for_each_value(leaf.array.unwrap().as_ref(), |v| observer.push(v));
            drop(observer);
            let got = &read[&leaf.path];
            let counts = |s: &ColumnState| {
                let entities: Vec<_> =
                    s.entities.iter().map(|e| (e.candidates, e.matched, e.whole, e.score_sum)).collect();
                (s.sampled, s.nulls, s.empty, s.distinct.estimate(), entities, s.overlaps.clone())
            };
            assert_eq!(counts(got), counts(&want), "{}", leaf.path);
        }
        let email = classifier.slot_of("EMAIL_ADDRESS").unwrap();
        let planted = (0..3000).filter(|i| i % 3 == 2 && i % 7 != 3).count() as u64;
        assert_eq!(read["status"].entities[email].matched, planted);
        assert_eq!(read["status"].nulls, (0..3000).filter(|i| i % 7 == 3).count() as u64);
    }
}
