//! A sampled column read by pages: for each run of the plan, the page that
//! holds its first row, and of that page only the part its rows need.
//! Pages are found from the page index when the writer wrote one; without
//! one (pyarrow, pandas, DuckDB and Spark by default), by walking the page
//! headers with small range reads, each header giving the next one's
//! offset. Walking costs a request a page, so a chunk of small pages is read
//! whole instead ([`walk_pays`]). A run starts at the start of the page that
//! holds the plan's row: reading the page up to that row would cost the
//! bytes before it. A page whose values index a dictionary needs that
//! dictionary page: one of up to [`DICTIONARY_WHOLE`] is read whole; a
//! larger one is sampled by its first entries instead (the chunk's distinct
//! values in the order they first appear), not read whole for a few rows.

use super::codec::Codec;
use super::pages::{self, Column, Cut, Header, Kind, Sampled};
use super::parquet::Fetcher;
use super::plan::Run;
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::source::REQUEST_BYTES;
use bytes::Bytes;
use parquet::file::metadata::ParquetMetaData;
use std::ops::Range;

/// Chunks this small are read whole.
const SMALL_CHUNK: u64 = 64 * 1024;
/// The first read of a page header; most are under 200 bytes (page
/// statistics included). A longer one is read again, 8 times longer.
const HEADER_PROBE: u64 = 512;
/// Dictionary pages up to this size are read whole when a sampled page
/// needs them; a larger one is sampled by its first entries.
const DICTIONARY_WHOLE: u64 = 64 * 1024;
/// Headers longer than this are refused.
const MAX_HEADER: u64 = 256 * 1024;

/// How the pages of one column chunk were found, for `--verbose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Found {
    /// The chunk was read whole.
    Whole,
    /// From the page index.
    Index,
    /// By reading this many page headers.
    Headers(u64),
    /// A large dictionary, sampled by its first entries.
    Entries,
}

/// The `--verbose` line for the chunks of one object: how their pages
/// were found.
pub(crate) fn describe(found: &[Found]) -> Option<String> {
    let count = |f: fn(&Found) -> bool| found.iter().filter(|x| f(x)).count();
    let headers: u64 = found.iter().map(|f| if let Found::Headers(n) = f { *n } else { 0 }).sum();
    (!found.is_empty()).then(|| {
        format!(
            "sampled by pages: {} column chunks by their page headers ({headers} headers walked), {} by the page index, {} read whole; {} large dictionaries sampled by their first entries",
            count(|f| matches!(f, Found::Headers(_))),
            count(|f| *f == Found::Index),
            count(|f| *f == Found::Whole),
            count(|f| *f == Found::Entries),
        )
    })
}

/// Whether walking a chunk's page headers costs less than reading it
/// whole: with writers' usual limits (1 MiB of text or 20,000 values a
/// page) its pages are estimated from its sizes, and walking pays when they
/// are larger on average than a request costs.
pub(crate) fn walk_pays(compressed: u64, uncompressed: u64, values: u64) -> bool {
    let pages = uncompressed.div_ceil(1 << 20).max(values.div_ceil(20_000)).max(1);
    compressed > SMALL_CHUNK && compressed / pages > REQUEST_BYTES
}

/// The bytes of one column chunk, read by range, or held once read in one
/// request where that is cheaper.
struct ChunkBytes<'a> {
    fetcher: &'a Fetcher<'a>,
    range: Range<u64>,
    held: Option<(u64, Bytes)>,
}

impl ChunkBytes<'_> {
    async fn get(&self, range: Range<u64>) -> Result<Bytes> {
        let range = range.start.max(self.range.start)..range.end.min(self.range.end);
        if range.start >= range.end {
            return Ok(Bytes::new());
        }
        match &self.held {
            Some((from, held)) if range.start >= *from && range.end <= from + held.len() as u64 => {
                Ok(held.slice((range.start - from) as usize..(range.end - from) as usize))
            }
            _ => Ok(self.fetcher.ranges(std::slice::from_ref(&range)).await?.remove(0)),
        }
    }

    /// Whether `at` is inside the bytes held.
    fn holds(&self, at: u64) -> bool {
        self.held.as_ref().is_some_and(|(from, held)| at >= *from && at < from + held.len() as u64)
    }

    /// Reads `range` (within the chunk) in one request, and serves later
    /// reads inside it from it.
    async fn hold(&mut self, range: Range<u64>) -> Result<()> {
        let range = range.start..range.end.min(self.range.end);
        let covered = self
            .held
            .as_ref()
            .is_some_and(|(from, held)| range.start >= *from && range.end <= from + held.len() as u64);
        if !covered {
            self.held = Some((range.start, self.get(range.clone()).await?));
        }
        Ok(())
    }
}

/// A page: where it is, its first row, and its header once read.
#[derive(Debug, Clone)]
struct Loc {
    offset: u64,
    first_row: u64,
    header: Option<Header>,
    /// Header and body, when the page index says.
    size: Option<u64>,
}

/// The pages of a chunk, found as far as the sample needs.
struct Map {
    dictionary: Option<u64>,
    pages: Vec<Loc>,
    /// The offset of the next header to walk to; `None` once all are found.
    next: Option<u64>,
    /// Rows in the pages found.
    rows: u64,
    /// Rows in the row group.
    group_rows: u64,
    headers_read: u64,
}

/// One column's sample: its pages by row group, and per run the rows the
/// pages deliver and the rows wanted.
pub(crate) struct ColumnPages {
    pub groups: Vec<(usize, Vec<Sampled>)>,
    pub keep: Vec<(u64, u64)>,
    /// What each of `keep` holds: a run's rows, or (`None`) the first
    /// entries of the row group's dictionary.
    pub runs: Vec<(usize, Option<Run>)>,
    pub found: Vec<Found>,
}

impl ColumnPages {
    /// Rows classified.
    pub(crate) fn rows(&self) -> u64 {
        self.keep.iter().map(|&(d, w)| d.min(w)).sum()
    }
}

/// Reads the runs of one column by pages; `None` when its chunks cannot be
/// read so (a codec left to the parquet crate).
pub(crate) async fn column(
    fetcher: &Fetcher<'_>,
    metadata: &ParquetMetaData,
    column: usize,
    runs: &[Run],
    limits: &Limits,
) -> Result<Option<ColumnPages>> {
    let col = Column::of(&metadata.file_metadata().schema_descr().column(column));
    let mut out = ColumnPages { groups: Vec::new(), keep: Vec::new(), runs: Vec::new(), found: Vec::new() };
    let mut at = 0;
    while at < runs.len() {
        let group = runs[at].group;
        let here = runs[at..].iter().take_while(|r| r.group == group).count();
        let group_runs = &runs[at..at + here];
        at += here;
        let row_group = metadata.row_group(group);
        let meta = row_group.column(column);
        let Some(codec) = Codec::of(meta.compression()) else { return Ok(None) };
        let (start, len) = meta.byte_range();
        let index = metadata
            .offset_index()
            .and_then(|i| i.get(group))
            .and_then(|cols| cols.get(column))
            .map(|o| o.page_locations())
            .filter(|l| !l.is_empty());
        let group_rows = row_group.num_rows().max(0) as u64;
        let whole = fetcher.holds(start..start + len)
            || (index.is_none()
                && !walk_pays(len, meta.uncompressed_size().max(0) as u64, meta.num_values().max(0) as u64));
        let mut bytes = ChunkBytes { fetcher, range: start..start + len, held: None };
        if whole {
            bytes.hold(start..start + len).await?;
        }
        let mut map = match index {
            Some(locations) => Map {
                dictionary: locations.first().filter(|p| p.offset as u64 > start).map(|_| start),
                pages: locations
                    .iter()
                    .map(|p| Loc {
                        offset: p.offset as u64,
                        first_row: p.first_row_index as u64,
                        header: None,
                        size: Some(u64::try_from(p.compressed_page_size).unwrap_or(0)),
                    })
                    .collect(),
                next: None,
                rows: group_rows,
                group_rows,
                headers_read: 0,
            },
            None => {
                Map { dictionary: None, pages: Vec::new(), next: Some(start), rows: 0, group_rows, headers_read: 0 }
            }
        };
        // A large dictionary is not read whole for a few rows: the runs that
        // need it are sampled by its first entries instead.
        let dictionary_len = map.dictionary_len(&mut bytes, col, codec, limits).await?;
        let by_entries = col.flat() && dictionary_len > DICTIONARY_WHOLE;
        let mut pages = Vec::new();
        let mut dictionary_needed = false;
        let mut entries = 0;
        let mut next_free = 0;
        for run in group_runs {
            map.walk_to(&mut bytes, run.row, col, codec, limits).await?;
            let Some(first) = map.pages.iter().rposition(|p| p.first_row <= run.row) else { continue };
            let mut i = first.max(next_free);
            map.prefetch(i, &mut bytes, run.len).await?;
            if by_entries && i < map.pages.len() && pages::uses_dictionary(&map.header(i, &bytes, limits).await?) {
                entries += run.len;
                continue;
            }
            let mut delivered = 0;
            while delivered < run.len && i < map.pages.len() {
                map.prefetch(i, &mut bytes, run.len - delivered).await?;
                let page_rows = map.page_rows(i, &mut bytes, col, codec, limits).await?;
                let header = map.header(i, &bytes, limits).await?;
                let page =
                    read(&bytes, map.pages[i].offset, &header, codec, col, run.len - delivered, page_rows).await?;
                dictionary_needed |= pages::uses_dictionary(&header);
                delivered += page.rows();
                pages.push(page);
                i += 1;
                if delivered < run.len {
                    map.walk_to(&mut bytes, map.pages[i - 1].first_row + page_rows, col, codec, limits).await?;
                }
            }
            next_free = i;
            out.keep.push((delivered, run.len));
            out.runs.push((group, Some(*run)));
        }
        if dictionary_needed || entries > 0 {
            let dict = map.dictionary.ok_or_else(|| corrupt(start, "dictionary-encoded pages and no dictionary"))?;
            let h = read_header(&bytes, dict, limits).await?;
            if h.kind != Kind::Dictionary {
                return Err(corrupt(dict, "the page before the data pages is not a dictionary"));
            }
            if entries > 0 {
                let page = dictionary_entries(&bytes, dict, &h, codec, col, entries).await?;
                out.keep.push((page.rows(), entries));
                out.runs.push((group, None));
                pages.push(page);
                out.found.push(Found::Entries);
            }
            if dictionary_needed {
                let body = bytes.get(dict + h.len..dict + h.len + h.compressed).await?;
                let text = codec.whole(&body, h.uncompressed as usize).map_err(|e| corrupt(dict, &e))?;
                pages.insert(0, Sampled::dictionary(&h, text).map_err(|e| corrupt(dict, &e))?);
            }
        }
        out.found.push(match (whole, index.is_some()) {
            (true, _) => Found::Whole,
            (false, true) => Found::Index,
            (false, false) => Found::Headers(map.headers_read),
        });
        out.groups.push((group, pages));
    }
    Ok(Some(out))
}

impl Map {
    /// The bytes of the chunk's dictionary page (0 without one), once the
    /// first data page is found.
    async fn dictionary_len(
        &mut self,
        bytes: &mut ChunkBytes<'_>,
        col: Column,
        codec: Codec,
        limits: &Limits,
    ) -> Result<u64> {
        self.walk_to(bytes, 0, col, codec, limits).await?;
        Ok(match (self.dictionary, self.pages.first()) {
            (Some(dict), Some(first)) => first.offset.saturating_sub(dict),
            _ => 0,
        })
    }

    /// Walks the page headers until a page holds `row` (or all are found).
    async fn walk_to(
        &mut self,
        bytes: &mut ChunkBytes<'_>,
        row: u64,
        col: Column,
        codec: Codec,
        limits: &Limits,
    ) -> Result<()> {
        while let Some(at) = self.next.filter(|_| self.rows <= row && self.rows < self.group_rows) {
            // When the pages left to walk to `row` would cost more in
            // requests than their bytes (pages smaller than a request), the
            // bytes up to it are read at once: estimated from the chunk's
            // rest (the dictionary-encoded pages that often come first are
            // far smaller than the rest), with room to spare.
            if self.pages.len() >= 2 && !bytes.holds(at) {
                let rows_left = row + 1 - self.rows;
                let pages_left = rows_left.div_ceil((self.rows / self.pages.len() as u64).max(1));
                let bytes_left = (bytes.range.end - at) * rows_left / self.group_rows.saturating_sub(self.rows).max(1);
                if pages_left >= 2 && pages_left * REQUEST_BYTES > bytes_left {
                    bytes.hold(at..at + bytes_left * 3 / 2 + REQUEST_BYTES).await?;
                }
            }
            if at >= bytes.range.end {
                return Err(corrupt(
                    at,
                    &format!("the pages hold {} of the row group's {} rows", self.rows, self.group_rows),
                ));
            }
            let h = read_header(bytes, at, limits).await?;
            self.headers_read += 1;
            self.next = Some(at + h.len + h.compressed);
            match h.kind {
                Kind::Dictionary if self.pages.is_empty() => self.dictionary = Some(at),
                Kind::V1 | Kind::V2 => {
                    let rows = match h.kind {
                        Kind::V2 => h.rows,
                        _ if col.flat() => h.values,
                        _ => nested_rows(bytes, at, &h, codec, col).await?,
                    };
                    self.pages.push(Loc { offset: at, first_row: self.rows, header: Some(h), size: None });
                    self.rows += rows;
                }
                _ => {}
            }
        }
        if self.rows >= self.group_rows || self.next.is_some_and(|n| n >= bytes.range.end) {
            self.next = None;
        }
        Ok(())
    }

    /// Rows in page `i`.
    async fn page_rows(
        &mut self,
        i: usize,
        bytes: &mut ChunkBytes<'_>,
        col: Column,
        codec: Codec,
        limits: &Limits,
    ) -> Result<u64> {
        let first = self.pages[i].first_row;
        if i + 1 == self.pages.len() {
            let rows = self.header(i, bytes, limits).await?.rows_hint();
            self.walk_to(bytes, first + rows, col, codec, limits).await?;
        }
        let end = self.pages.get(i + 1).map_or(self.group_rows.max(self.rows), |p| p.first_row);
        Ok(end.saturating_sub(first))
    }

    /// For a page the page index located, whose header is not read yet:
    /// reads its header and the share of its body `want` rows need in one
    /// request, rather than the header first.
    async fn prefetch(&self, i: usize, bytes: &mut ChunkBytes<'_>, want: u64) -> Result<()> {
        let Some(page) = self.pages.get(i) else { return Ok(()) };
        let (None, Some(size)) = (&page.header, page.size) else { return Ok(()) };
        let rows = self.pages.get(i + 1).map_or(self.group_rows, |p| p.first_row).saturating_sub(page.first_row);
        // As `read` sizes the body's share, with room for the header.
        bytes.hold(page.offset..page.offset + (HEADER_PROBE + share(size, want, rows)).min(size)).await
    }

    /// The header of page `i`, read once.
    async fn header(&mut self, i: usize, bytes: &ChunkBytes<'_>, limits: &Limits) -> Result<Header> {
        if let Some(h) = &self.pages[i].header {
            return Ok(h.clone());
        }
        let h = read_header(bytes, self.pages[i].offset, limits).await?;
        self.pages[i].header = Some(h.clone());
        Ok(h)
    }
}

impl Header {
    /// Rows the header promises, as far as it says (a v1 page of a nested
    /// column counts levels, at least its rows).
    fn rows_hint(&self) -> u64 {
        match self.kind {
            Kind::V2 => self.rows,
            _ => self.values,
        }
    }
}

/// Rows in a v1 page of a nested column, which counts levels: the rows
/// its repetition levels start, read from the start of its text.
async fn nested_rows(bytes: &ChunkBytes<'_>, at: u64, h: &Header, codec: Codec, col: Column) -> Result<u64> {
    grow(bytes, at, h, codec, 4096, |text, complete| match pages::rows_in_levels(h, &text, col)? {
        None if complete => Err("the page ends inside its repetition levels".into()),
        rows => Ok(rows),
    })
    .await
}

/// The first `n` entries of the dictionary page at `at` (header `h`), as a
/// page of values: as little of the page read as they need.
async fn dictionary_entries(
    bytes: &ChunkBytes<'_>,
    at: u64,
    h: &Header,
    codec: Codec,
    col: Column,
    n: u64,
) -> Result<Sampled> {
    let first = share(h.compressed, n, h.values);
    grow(bytes, at, h, codec, first, |text, complete| Ok(pages::dictionary_values(h, &text, col, n, complete))).await
}

/// The header of the page at `at`.
async fn read_header(bytes: &ChunkBytes<'_>, at: u64, limits: &Limits) -> Result<Header> {
    let mut window = HEADER_PROBE;
    loop {
        let end = at.saturating_add(window).min(bytes.range.end);
        let data = bytes.get(at..end).await?;
        match pages::header(&data, limits.page_bytes) {
            Ok(h) if at + h.len + h.compressed > bytes.range.end => {
                return Err(corrupt(at, "a page that runs past its column chunk"));
            }
            Ok(h) => return Ok(h),
            Err(_) if end < bytes.range.end && window < MAX_HEADER => window *= 8,
            Err(e) => return Err(corrupt(at, &format!("invalid page header: {e}"))),
        }
    }
}

/// The first `want` rows (or all `page_rows`) of the data page at `at`,
/// reading as little of it as they need: a share of the page a little
/// over theirs, then twice as much while that falls short.
async fn read(
    bytes: &ChunkBytes<'_>,
    at: u64,
    h: &Header,
    codec: Codec,
    col: Column,
    want: u64,
    page_rows: u64,
) -> Result<Sampled> {
    grow(bytes, at, h, codec, share(h.compressed, want, page_rows), |text, complete| {
        let cut = match pages::cut(h, &text, col, want, complete)? {
            Cut::Whole if complete => Cut::Rows { rows: page_rows, levels: h.values, nulls: h.nulls },
            Cut::Short | Cut::Whole => return Ok(None),
            cut => cut,
        };
        Sampled::data(h, text, cut).map(Some)
    })
    .await
}

/// The bytes of a page's body to read first for `want` of its `of` rows
/// (or values): a share a little over theirs, all of it past half.
fn share(size: u64, want: u64, of: u64) -> u64 {
    let len = match want >= of {
        true => size,
        false => (size * want / of.max(1)) * 5 / 4 + 2048,
    };
    if len * 2 >= size { size } else { len }
}

/// Reads the page body at `at` (header `h`) from its start, `first` bytes
/// and then twice as many (all of it past half) until `take` is given
/// enough of its text ([`text`]; `true` when it is all of the page).
async fn grow<T>(
    bytes: &ChunkBytes<'_>,
    at: u64,
    h: &Header,
    codec: Codec,
    first: u64,
    mut take: impl FnMut(Vec<u8>, bool) -> std::result::Result<Option<T>, String>,
) -> Result<T> {
    let (body, size) = (at + h.len, h.compressed);
    let mut len = first;
    let mut raw: Vec<u8> = Vec::new();
    loop {
        len = if len * 2 >= size { size } else { len };
        raw.extend_from_slice(&bytes.get(body + raw.len() as u64..body + len).await?);
        let complete = raw.len() as u64 == size;
        let text = text(h, codec, &raw, complete).map_err(|e| corrupt(at, &e))?;
        match take(text, complete).map_err(|e| corrupt(at, &e))? {
            Some(done) => return Ok(done),
            None if complete => return Err(corrupt(at, "the page ends before the values wanted")),
            None => len *= 2,
        }
    }
}

/// The text of a data page's first `raw` bytes: levels of a v2 page as they
/// are (stored uncompressed), the rest decompressed.
fn text(h: &Header, codec: Codec, raw: &[u8], complete: bool) -> std::result::Result<Vec<u8>, String> {
    let levels = match h.kind {
        Kind::V2 => ((h.rep_len + h.def_len) as usize).min(raw.len()),
        _ => 0,
    };
    let size = (h.uncompressed as usize).saturating_sub(levels);
    let values = &raw[levels..];
    let codec = match h.kind == Kind::V2 && !h.values_compressed {
        true => Codec::Uncompressed,
        false => codec,
    };
    let decoded = match complete {
        true => codec.whole(values, size)?,
        false => codec.prefix(values, size)?,
    };
    Ok([&raw[..levels], &decoded].concat())
}

fn corrupt(at: u64, why: &str) -> Error {
    Error::Unreadable(format!("corrupt data page at offset {at}: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::pages;
    use crate::sample::plan;
    use arrow::array::{ArrayRef, Int64Array, ListBuilder, RecordBatch, StringArray, StringBuilder};
    use arrow::util::display::{ArrayFormatter, FormatOptions};
    use object_store::ObjectStore;
    use object_store::memory::InMemory;
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::basic::Compression;
    use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
    use proptest::prelude::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    #[test]
    fn walking_pays_for_large_pages_only() {
        // pyarrow's 250,000 e-mail addresses: 4.4 MB in about 14 pages.
        assert!(walk_pays(4_400_000, 6_000_000, 250_000));
        // A low-cardinality column: 95 KB in 14 pages of 7 KB.
        assert!(!walk_pays(95_000, 100_000, 250_000));
        // One large page.
        assert!(walk_pays(900_000, 1_000_000, 10_000));
        assert!(!walk_pays(60_000, 60_000, 10));
    }

    /// How a test object is written.
    #[derive(Debug, Clone)]
    struct Writer {
        v2: bool,
        dictionary: bool,
        dictionary_limit: usize,
        compression: Compression,
        page_rows: usize,
        page_index: bool,
        group_rows: usize,
    }

    /// Rows whose every value says which row it is: a string (null every
    /// 7th row), an integer, and a list (empty or null now and then).
    fn object(rows: usize, w: &Writer) -> Vec<u8> {
        let text = |i: usize| format!("v{i}-{:016x}", (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let s: StringArray = (0..rows).map(|i| (i % 7 != 3).then(|| text(i))).collect();
        let n = Int64Array::from_iter_values((0..rows).map(|i| i as i64 * 1_000_003));
        let mut l = ListBuilder::new(StringBuilder::new());
        for i in 0..rows {
            match i % 11 {
                0 => l.append_null(),
                1 => l.append(true),
                _ => {
                    l.values().append_value(format!("a{i}"));
                    l.values().append_value(text(i));
                    l.append(true);
                }
            }
        }
        let columns: Vec<(&str, ArrayRef)> = vec![("s", Arc::new(s)), ("n", Arc::new(n)), ("l", Arc::new(l.finish()))];
        let batch = RecordBatch::try_from_iter(columns).unwrap();
        let mut props = WriterProperties::builder()
            .set_writer_version(if w.v2 { WriterVersion::PARQUET_2_0 } else { WriterVersion::PARQUET_1_0 })
            .set_dictionary_enabled(w.dictionary)
            .set_dictionary_page_size_limit(w.dictionary_limit)
            .set_compression(w.compression)
            .set_data_page_row_count_limit(w.page_rows)
            .set_write_batch_size(w.page_rows.min(1024))
            .set_max_row_group_row_count(Some(w.group_rows));
        if !w.page_index {
            props = props.set_statistics_enabled(EnabledStatistics::Chunk).set_offset_index_disabled(true);
        }
        let mut out = Vec::new();
        let mut writer = ArrowWriter::try_new(&mut out, batch.schema(), Some(props.build())).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        out
    }

    fn formatted(batches: &[RecordBatch]) -> Vec<Option<String>> {
        let options = FormatOptions::default();
        let mut out = Vec::new();
        for b in batches {
            let column = b.column(0);
            let f = ArrayFormatter::try_new(column.as_ref(), &options).unwrap();
            out.extend((0..column.len()).map(|i| column.is_valid(i).then(|| f.value(i).to_string())));
        }
        out
    }

    /// Samples every column of the object by pages and holds each run's
    /// rows to the parquet crate's own full read of the same rows:
    /// consecutive rows from the start of the page holding the planned row.
    async fn check(bytes: Vec<u8>, budget: u64, seed: u64) -> Vec<Found> {
        let store: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
        let path = object_store::path::Path::from("t.parquet");
        object_store::ObjectStoreExt::put(&store, &path, bytes.clone().into()).await.unwrap();
        let meta = object_store::ObjectStoreExt::head(&store, &path).await.unwrap();
        let limits = Limits::default();
        let fetcher = Fetcher::new(store, &meta, &limits);
        let metadata = fetcher.metadata().await.unwrap();
        let groups: Vec<u64> = metadata.row_groups().iter().map(|g| g.num_rows() as u64).collect();
        let starts: Vec<u64> = groups.iter().scan(0, |a, n| Some(std::mem::replace(a, *a + n))).collect();
        let plan = plan::parquet(&groups, Some(budget), &mut plan::Rng::new(seed, "t"));
        let fields = parquet::arrow::parquet_to_arrow_schema(metadata.file_metadata().schema_descr(), None)
            .unwrap()
            .fields()
            .clone();
        let mut found = Vec::new();
        for c in 0..metadata.file_metadata().schema_descr().num_columns() {
            let reference = {
                let r = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes.clone())).unwrap();
                let mask = parquet::arrow::ProjectionMask::leaves(r.parquet_schema(), [c]);
                formatted(&r.with_projection(mask).build().unwrap().map(Result::unwrap).collect::<Vec<_>>())
            };
            // Where each value is, for the values found once (not "[]").
            let mut at: HashMap<&str, Option<usize>> = HashMap::new();
            for (i, v) in reference.iter().enumerate() {
                if let Some(v) = v.as_deref() {
                    at.entry(v).and_modify(|seen| *seen = None).or_insert(Some(i));
                }
            }
            let Some(pages) = column(&fetcher, &metadata, c, &plan.runs, &limits).await.unwrap() else {
                assert_eq!(c, 2, "only the nested column may be left to the decoder");
                assert!(metadata.offset_index().is_none());
                continue;
            };
            found.extend(pages.found.clone());
            let keep = pages.keep.clone();
            let got = formatted(
                &pages::reader(&metadata, &fields, c, pages.groups, &keep)
                    .unwrap()
                    .map(Result::unwrap)
                    .collect::<Vec<_>>(),
            );
            let mut from = 0;
            let mut prev_end = 0;
            for (&(group, run), (delivered, wanted)) in pages.runs.iter().zip(keep) {
                let n = delivered.min(wanted) as usize;
                let rows = &got[from..from + n];
                from += n;
                let Some(run) = run else {
                    // A dictionary's first entries: the group's distinct
                    // values in the order they first appear.
                    let range = starts[group] as usize..(starts[group] + groups[group]) as usize;
                    let mut seen = std::collections::HashSet::new();
                    let distinct: Vec<&Option<String>> =
                        reference[range].iter().filter(|v| v.is_some() && seen.insert(*v)).take(n).collect();
                    assert_eq!(rows.iter().collect::<Vec<_>>(), distinct, "column {c}, group {group}");
                    continue;
                };
                let planned = starts[run.group] + run.row;
                let group_end = starts[run.group] + groups[run.group];
                let Some((j, row)) = rows.iter().enumerate().find_map(|(j, v)| Some((j, at[v.as_deref()?]?))) else {
                    continue;
                };
                let p = row - j;
                assert_eq!(rows, &reference[p..p + n], "column {c}, run {run:?}");
                // From the start of the page holding the planned row, or of
                // the page after the last run's when both fell in one page.
                let start = p as u64;
                assert!(
                    start <= planned && planned < start + 20_000 || start >= prev_end,
                    "column {c}: {run:?} from {p}"
                );
                assert_eq!(n as u64, run.len.min(group_end - start), "column {c}: {run:?} from {p}");
                prev_end = start + n as u64;
            }
            assert_eq!(from, got.len());
        }
        found
    }

    fn writer() -> impl Strategy<Value = Writer> {
        let codecs = prop::sample::select(vec![
            Compression::UNCOMPRESSED,
            Compression::SNAPPY,
            Compression::GZIP(Default::default()),
            Compression::ZSTD(Default::default()),
            Compression::LZ4_RAW,
        ]);
        (any::<bool>(), any::<bool>(), 1_000usize..200_000, codecs, 20usize..6_000, any::<bool>(), 3_000usize..40_000)
            .prop_map(|(v2, dictionary, dictionary_limit, compression, page_rows, page_index, group_rows)| Writer {
                v2,
                dictionary,
                dictionary_limit,
                compression,
                page_rows,
                page_index,
                group_rows,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn sampled_pages_hold_what_a_full_read_holds(w in writer(), rows in 1usize..40_000, budget in 1u64..3_000, seed: u64) {
            let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
            rt.block_on(check(object(rows, &w), budget, seed));
        }
    }

    /// Each way of finding pages, on an object large enough to be read by
    /// ranges: the rows come from all over the object, not its head.
    #[tokio::test]
    async fn every_way_of_finding_pages_is_exercised() {
        let w = |page_rows, page_index, group_rows| Writer {
            v2: false,
            dictionary: true,
            dictionary_limit: 1024 * 1024,
            compression: Compression::SNAPPY,
            page_rows,
            page_index,
            group_rows,
        };
        for (writer, expect) in [
            (w(20_000, false, 100_000), "headers"),
            (w(20_000, true, 100_000), "index"),
            (w(200, false, 2_000), "whole"),
            (w(20_000, false, 100_000), "entries"),
        ] {
            let found = check(object(200_000, &writer), 1000, 5).await;
            let how = |f: &Found| match f {
                Found::Headers(_) => "headers",
                Found::Index => "index",
                Found::Whole => "whole",
                Found::Entries => "entries",
            };
            assert!(found.iter().any(|f| how(f) == expect), "{expect}: {found:?}");
        }
    }
}
