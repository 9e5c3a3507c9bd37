//! CSV sampling. CSV has no index to seek by, so the object is streamed once
//! (`concurrency::streamed`: parsed on a blocking thread as its
//! bytes arrive, memory bounded whatever the size).
//! Compression (gzip, zstd) is undone on the way (a sample reads a
//! compressed object's text up to `limits.sample_bytes` and says how much of
//! the object that covered); UTF-16 is decoded; the delimiter, line end and
//! header are sniffed from the first records; bad UTF-8 is decoded lossily.

use super::{ColumnSample, ObjectSample, SampleSettings, plan};
use crate::classify::{Classifier, ColumnState, Tally};
use crate::error::{Error, Result};
use crate::limits::{Limits, exceeded};
use crate::source::format::Compression;
use arrow::array::{ArrayRef, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use object_store::{ObjectMeta, ObjectStore};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Uncompressed objects this large are sampled by byte ranges; smaller
/// ones are streamed whole.
const RANGES_FROM: u64 = 8 * 1024 * 1024;
/// Byte ranges a sample reads, one in each equal stratum of the object.
const RANGES: u64 = 8;
/// Records classified at a time in `--full` mode.
const CHUNK_ROWS: usize = 8192;
/// Bytes examined to sniff the delimiter and header.
const SNIFF_BYTES: usize = 64 * 1024;

/// Samples and classifies one CSV object.
pub(super) async fn sample(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    name: &str,
    compression: Compression,
    settings: &SampleSettings,
    classifier: Arc<Classifier>,
) -> Result<ObjectSample> {
    let rng = plan::Rng::new(settings.seed, name);
    let budget = settings.rows;
    if let (Compression::None, Some(rows)) = (compression, budget)
        && meta.size >= RANGES_FROM
        && let Some(sample) = ranged(store.clone(), meta, rows, rng.clone(), settings, classifier.clone()).await?
    {
        return Ok(sample);
    }
    let limits = settings.limits.clone();
    let size = meta.size;
    crate::concurrency::streamed(store, meta, move |input| {
        let opened = open(input, compression, &limits, budget.is_some())?;
        parse(opened, budget, rng, &classifier, size)
    })
    .await
}

/// Samples an uncompressed CSV by byte ranges: the head for the dialect and
/// header, then [`RANGES`] ranges at seeded offsets, one in each stratum,
/// each resynchronised at its first line end and cut at its last whole
/// record. A range whose records do not have the header's field count
/// (it began inside a quoted field) is rejected. `None` when the object is
/// too irregular for ranges (quoted line breaks in the head, UTF-16, most
/// ranges rejected): it is streamed instead.
async fn ranged(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    budget: u64,
    mut rng: plan::Rng,
    settings: &SampleSettings,
    classifier: Arc<Classifier>,
) -> Result<Option<ObjectSample>> {
    let read = |ranges: Vec<std::ops::Range<u64>>| {
        let store = store.clone();
        async move {
            store
                .get_ranges(&meta.location, &ranges)
                .await
                .map_err(|e| Error::Unreadable(crate::error::describe_store_error(&e)))
        }
    };
    let head: std::ops::Range<u64> = 0..SNIFF_BYTES as u64;
    let head = read(vec![head]).await?.remove(0);
    let opened = open(std::io::Cursor::new(head.to_vec()), Compression::None, &settings.limits, true)?;
    if matches!(opened.bom, Some(Bom::Utf16Le | Bom::Utf16Be)) {
        return Ok(None);
    }
    let dialect = Dialect { delimiter: opened.delimiter, terminator: opened.terminator };
    let width = opened.header.as_ref().map_or(0, ::csv::ByteRecord::len);
    let (records, body) = dialect.records(&head, opened.bom.map_or(0, |b| b.bytes().len()));
    let first_width = records.first().map_or(0, ::csv::ByteRecord::len);
    let width = if width > 0 { width } else { first_width };
    // Quoted line breaks make a line end a poor place to resynchronise.
    if records.len() < 2 || body.multiline {
        return Ok(None);
    }
    let per_record = (body.end as f64 / records.len() as f64).max(1.0);
    let per_range = budget.div_ceil(RANGES);
    let len = (per_range as f64 * per_record * 2.0) as u64 + 4096;
    let from = SNIFF_BYTES as u64;
    let stratum = meta.size.saturating_sub(from) / RANGES;
    if stratum < 2 * len {
        return Ok(None);
    }
    let ranges: Vec<_> = (0..RANGES)
        .map(|i| {
            let start = from + i * stratum + rng.below(stratum - len);
            start..start + len
        })
        .collect();
    let data = read(ranges).await?;
    let mut sampled = Vec::new();
    let mut rejected = 0;
    for bytes in &data {
        match dialect.resynchronised(bytes, width) {
            Some(mut records) => {
                records.truncate(per_range as usize);
                sampled.extend(records);
            }
            None => rejected += 1,
        }
    }
    if rejected * 2 > RANGES {
        return Ok(None);
    }
    let mut names = opened.names;
    let rows = sampled.len() as u64;
    let (names, mut states) = crate::concurrency::cpu(move || -> Result<_> {
        let mut tally = Tally::default();
        classify(&sampled, &mut names, &classifier, &mut tally)?;
        Ok((names, tally.finish(&classifier).into_iter().collect::<BTreeMap<_, _>>()))
    })
    .await??;
    let columns = names
        .into_iter()
        .map(|path| ColumnSample { state: states.remove(&path), data_type: DataType::Utf8.to_string(), path })
        .collect();
    Ok(Some(ObjectSample {
        rows_total: None,
        rows_sampled: rows,
        coverage: 1.0,
        columns,
        reads: Some(format!("sampled by {RANGES} byte ranges, {rejected} rejected (a quoted field across lines)")),
    }))
}

/// What a CSV object's records are split by.
#[derive(Debug, Clone, Copy)]
struct Dialect {
    delimiter: u8,
    terminator: ::csv::Terminator,
}

/// Where the whole records of a stretch of text end, and whether one of
/// them spans lines.
struct Body {
    end: usize,
    multiline: bool,
}

impl Dialect {
    fn reader<'a>(&self, text: &'a [u8]) -> ::csv::Reader<&'a [u8]> {
        ::csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .terminator(self.terminator)
            .has_headers(false)
            .flexible(true)
            .from_reader(text)
    }

    /// The whole records of `text` from `skip`: those a later record or a
    /// line end after them shows complete (the last may be cut).
    fn records(&self, text: &[u8], skip: usize) -> (Vec<::csv::ByteRecord>, Body) {
        let text = &text[skip.min(text.len())..];
        let mut reader = self.reader(text);
        let mut out = Vec::new();
        let mut end = 0;
        let mut multiline = false;
        let mut last_line = None;
        let mut record = ::csv::ByteRecord::new();
        while let Ok(true) = reader.read_byte_record(&mut record) {
            let line = record.position().map_or(0, ::csv::Position::line);
            multiline |= last_line.is_some_and(|l: u64| line > l + 1);
            last_line = Some(line);
            let at = reader.position().byte() as usize;
            // A record ending at the text's end may be cut.
            if at >= text.len() && !text.ends_with(b"\n") && !text.ends_with(b"\r") {
                break;
            }
            end = at;
            out.push(record.clone());
        }
        (out, Body { end, multiline })
    }

    /// The whole records of a range read from inside the object, from its
    /// first line end; `None` when one lacks the header's `width` (the
    /// range began inside a quoted field).
    fn resynchronised(&self, bytes: &[u8], width: usize) -> Option<Vec<::csv::ByteRecord>> {
        let end_byte = match self.terminator {
            ::csv::Terminator::Any(b) => b,
            _ => b'\n',
        };
        let start = bytes.iter().position(|&b| b == end_byte)? + 1;
        let records = self.records(&bytes[start..], 0).0;
        (!records.is_empty() && records.iter().all(|r| r.len() == width)).then_some(records)
    }
}

/// The decompressed text of an object, as CSV records.
type Records = ::csv::Reader<BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, Text<Box<dyn Read + Send>>>>>;

/// A CSV object opened: its dialect and header sniffed, its records to read.
pub(crate) struct Opened {
    /// The field delimiter.
    pub delimiter: u8,
    /// The line end, as found on the first line (LF, CR LF or CR alone).
    pub terminator: ::csv::Terminator,
    /// The text encoding's byte-order mark, if the object starts with one.
    pub bom: Option<Bom>,
    /// The header record, when the first record is one.
    pub header: Option<::csv::ByteRecord>,
    /// The column names: the header's, else positional (`column_1`).
    pub names: Vec<String>,
    /// The record read ahead: the one [`Opened::next_record`] gives next.
    ahead: Option<::csv::ByteRecord>,
    records: Records,
    meter: Arc<Meter>,
    limits: Limits,
}

/// A byte-order mark: UTF-8's is kept and written back; UTF-16 text is
/// decoded to UTF-8 to be read, and encoded back when written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    /// The mark's bytes.
    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Bom::Utf8 => b"\xef\xbb\xbf",
            Bom::Utf16Le => b"\xff\xfe",
            Bom::Utf16Be => b"\xfe\xff",
        }
    }

    fn of(head: &[u8]) -> Option<Self> {
        [Bom::Utf8, Bom::Utf16Le, Bom::Utf16Be].into_iter().find(|b| head.starts_with(b.bytes()))
    }
}

/// What reading the text cost: bytes of the stream consumed (compressed,
/// as stored), bytes of text in all and since the last record.
#[derive(Debug, Default)]
pub(crate) struct Meter {
    raw: AtomicU64,
    text: AtomicU64,
    since_record: AtomicU64,
    over_record: std::sync::atomic::AtomicBool,
}

/// The object's bytes as stored (compressed), counted into a [`Meter`]:
/// how much of the object a sample covered.
struct Stored<R> {
    inner: R,
    meter: Arc<Meter>,
}

impl<R: Read> Read for Stored<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.raw.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The object's text, counted into a [`Meter`], refusing a record over
/// `limit` bytes (a 3 GB line must not become a 3 GB buffer).
struct Text<R> {
    inner: R,
    meter: Arc<Meter>,
    limit: u64,
}

impl<R: Read> Read for Text<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.text.fetch_add(n as u64, Ordering::Relaxed);
        if self.meter.since_record.fetch_add(n as u64, Ordering::Relaxed) + n as u64 > self.limit {
            self.meter.over_record.store(true, Ordering::Relaxed);
            return Err(std::io::Error::other("record over the limit"));
        }
        Ok(n)
    }
}

impl Opened {
    /// The next record, with at most `limits.columns` fields; `None` at the
    /// end. When the text was cut at `limits.sample_bytes`, the record the
    /// cut ends is dropped (it may be incomplete).
    pub(crate) fn next_record(&mut self) -> Result<Option<::csv::ByteRecord>> {
        let Some(current) = self.ahead.take() else { return Ok(None) };
        let mut next = ::csv::ByteRecord::new();
        if self.read(&mut next)? {
            self.ahead = Some(next);
        } else if self.truncated() {
            return Ok(None);
        }
        Ok(Some(current))
    }

    /// Whether the text was cut at `limits.sample_bytes`.
    pub(crate) fn truncated(&self) -> bool {
        self.meter.text.load(Ordering::Relaxed) >= self.limits.sample_bytes
    }

    /// Bytes of the object consumed so far.
    fn consumed(&self) -> u64 {
        self.meter.raw.load(Ordering::Relaxed)
    }

    fn read(&mut self, record: &mut ::csv::ByteRecord) -> Result<bool> {
        let more = self.records.read_byte_record(record).map_err(|e| {
            match self.meter.over_record.load(Ordering::Relaxed) {
                true => Error::Unreadable(exceeded(
                    "a CSV record",
                    format!("over {} bytes", self.limits.record_bytes),
                    "record_bytes",
                    self.limits.record_bytes,
                )),
                false => csv_error(e),
            }
        })?;
        self.meter.since_record.store(0, Ordering::Relaxed);
        if record.len() > self.limits.columns {
            return Err(Error::Unreadable(exceeded(
                "a CSV record's field count",
                record.len(),
                "columns",
                self.limits.columns,
            )));
        }
        Ok(more)
    }
}

/// Opens a CSV stream: checks the compression the name promised against
/// the bytes, undoes it, decodes UTF-16, sniffs the delimiter, the line end
/// and the header. `sampling` a compressed object reads at most
/// `limits.sample_bytes` of its text.
pub(crate) fn open(
    input: impl Read + Send + 'static,
    compression: Compression,
    limits: &Limits,
    sampling: bool,
) -> Result<Opened> {
    let meter = Arc::new(Meter::default());
    let counted = Stored { inner: input, meter: meter.clone() };
    let mut raw = BufReader::with_capacity(256 * 1024, counted);
    let head = raw.fill_buf().map_err(read_error)?.to_vec();
    check_magic(&head, compression)?;
    let decoded: Box<dyn Read + Send> = match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
        Compression::Zstd => Box::new(zstd::Decoder::with_buffer(raw).map_err(read_error)?),
    };
    let mut decoded: Box<dyn Read + Send> = match sampling && compression != Compression::None {
        true => Box::new(decoded.take(limits.sample_bytes)),
        false => decoded,
    };
    let mut start = [0u8; 3];
    let got = read_up_to(&mut decoded, &mut start)?;
    let bom = Bom::of(&start[..got]);
    let rest = start[bom.map_or(0, |b| b.bytes().len())..got].to_vec();
    let decoded: Box<dyn Read + Send> = match bom {
        Some(b @ (Bom::Utf16Le | Bom::Utf16Be)) => {
            Box::new(Utf16::new(std::io::Cursor::new(rest).chain(decoded), b == Bom::Utf16Le))
        }
        _ => Box::new(std::io::Cursor::new(rest).chain(decoded)),
    };
    let mut text = Text { inner: decoded, meter: meter.clone(), limit: limits.record_bytes };
    let mut sniff = Vec::with_capacity(SNIFF_BYTES);
    text.by_ref().take(SNIFF_BYTES as u64).read_to_end(&mut sniff).map_err(read_error)?;
    meter.since_record.store(0, Ordering::Relaxed);
    if sniff.is_empty() {
        return Err(Error::Unreadable("empty object: no header and no rows".into()));
    }
    if sniff.contains(&0) {
        return Err(Error::Unreadable("mislabelled: named as CSV but holds binary data (NUL bytes)".into()));
    }
    let delimiter = sniff_delimiter(&sniff);
    let terminator = match sniff.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) if sniff[i] == b'\r' && sniff.get(i + 1) == Some(&b'\n') => ::csv::Terminator::CRLF,
        Some(i) if sniff[i] == b'\r' && (i + 1 < sniff.len() || sniff.len() < SNIFF_BYTES) => {
            ::csv::Terminator::Any(b'\r')
        }
        _ => ::csv::Terminator::Any(b'\n'),
    };
    let lookahead: Vec<::csv::ByteRecord> = sniff_records(&sniff, delimiter);
    let text = BufReader::with_capacity(256 * 1024, std::io::Cursor::new(sniff).chain(text));
    let records = ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text);
    let mut opened = Opened {
        delimiter,
        terminator,
        bom,
        header: None,
        names: Vec::new(),
        ahead: None,
        records,
        meter,
        limits: limits.clone(),
    };
    let mut first = ::csv::ByteRecord::new();
    if !opened.read(&mut first)? {
        return Err(Error::Unreadable("empty object: no header and no rows".into()));
    }
    if has_header(&first, &lookahead) {
        opened.names = first.iter().map(|f| String::from_utf8_lossy(f).trim().to_owned()).collect();
        opened.header = Some(first);
        let mut next = ::csv::ByteRecord::new();
        if opened.read(&mut next)? {
            opened.ahead = Some(next);
        }
    } else {
        opened.ahead = Some(first);
    }
    Ok(opened)
}

/// Fills `buf` as far as the reader goes; the bytes read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]).map_err(read_error)? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// UTF-16 text read as UTF-8 (unpaired surrogates become U+FFFD).
struct Utf16<R> {
    inner: R,
    little: bool,
    out: Vec<u8>,
    at: usize,
}

impl<R: Read> Utf16<R> {
    fn new(inner: R, little: bool) -> Self {
        Self { inner, little, out: Vec::new(), at: 0 }
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.out.len() {
            let mut raw = [0u8; 16 * 1024];
            let mut n = 0;
            while n < 2 || n % 2 == 1 {
                match self.inner.read(&mut raw[n..])? {
                    0 => break,
                    k => n += k,
                }
            }
            let units = raw[..n - n % 2].chunks_exact(2).map(|u| match self.little {
                true => u16::from_le_bytes([u[0], u[1]]),
                false => u16::from_be_bytes([u[0], u[1]]),
            });
            self.out.clear();
            self.at = 0;
            for c in char::decode_utf16(units) {
                let mut b = [0u8; 4];
                self.out.extend_from_slice(c.unwrap_or('\u{fffd}').encode_utf8(&mut b).as_bytes());
            }
            if self.out.is_empty() {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Extends `names` with positional names up to `width` columns (ragged
/// rows, headerless objects).
pub(crate) fn name_columns(names: &mut Vec<String>, width: usize) {
    while names.len() < width {
        names.push(format!("column_{}", names.len() + 1));
    }
}

fn parse(
    mut opened: Opened,
    budget: Option<u64>,
    rng: plan::Rng,
    classifier: &Classifier,
    size: u64,
) -> Result<ObjectSample> {
    let mut names = std::mem::take(&mut opened.names);
    // One tally for the object: what its columns' first chunks found of
    // their values (repeats, storms) carries over to the next.
    let mut tally = Tally::default();
    let mut rows_total = 0u64;
    let mut rows_sampled = 0u64;
    let mut reservoir = budget.map(|b| plan::Reservoir::new(b as usize, rng));
    let mut chunk: Vec<::csv::ByteRecord> = Vec::new();
    while let Some(record) = opened.next_record()? {
        rows_total += 1;
        match reservoir.as_mut() {
            Some(r) => r.offer(|| record),
            None => {
                chunk.push(record);
                if chunk.len() == CHUNK_ROWS {
                    rows_sampled += chunk.len() as u64;
                    classify(&std::mem::take(&mut chunk), &mut names, classifier, &mut tally)?;
                }
            }
        }
    }
    let rest = reservoir.map_or(chunk, plan::Reservoir::into_items);
    rows_sampled += rest.len() as u64;
    classify(&rest, &mut names, classifier, &mut tally)?;
    let mut states: BTreeMap<String, ColumnState> = tally.finish(classifier).into_iter().collect();
    let columns = names
        .into_iter()
        .map(|path| ColumnSample { state: states.remove(&path), data_type: DataType::Utf8.to_string(), path })
        .collect();
    let truncated = opened.truncated();
    Ok(ObjectSample {
        rows_total: (!truncated).then_some(rows_total),
        rows_sampled,
        coverage: if truncated { (opened.consumed() as f64 / size.max(1) as f64).min(1.0) } else { 1.0 },
        columns,
        reads: None,
    })
}

fn read_error(e: std::io::Error) -> Error {
    Error::Unreadable(format!("unable to read: {e}"))
}

pub(crate) fn csv_error(e: ::csv::Error) -> Error {
    match e.kind() {
        ::csv::ErrorKind::Io(io) => Error::Unreadable(format!("corrupt or truncated stream: {io}")),
        _ => Error::Unreadable(format!("malformed CSV: {e}")),
    }
}

/// The compression the name promises must be the one the bytes have.
fn check_magic(head: &[u8], compression: Compression) -> Result<()> {
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let zstd = head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    let parquet = head.starts_with(b"PAR1");
    let found = if gzip {
        "gzip data"
    } else if zstd {
        "zstd data"
    } else if parquet {
        "a Parquet file"
    } else {
        ""
    };
    let ok = match compression {
        Compression::None => found.is_empty(),
        Compression::Gzip => gzip,
        Compression::Zstd => zstd,
    };
    if ok {
        return Ok(());
    }
    let named = match compression {
        Compression::None => "plain CSV",
        Compression::Gzip => "gzip-compressed CSV",
        Compression::Zstd => "zstd-compressed CSV",
    };
    let found = if found.is_empty() { "uncompressed bytes" } else { found };
    Err(Error::Unreadable(format!("mislabelled: named as {named} but holds {found}")))
}

/// Records of the sniffed head, parsed with `delimiter` (the last one may be cut).
fn sniff_records(head: &[u8], delimiter: u8) -> Vec<::csv::ByteRecord> {
    let mut r = ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(head);
    let mut out: Vec<_> = r.byte_records().take(51).filter_map(std::result::Result::ok).collect();
    if head.len() >= SNIFF_BYTES {
        out.pop();
    }
    out
}

/// The delimiter among `,` `;` tab `|` that splits the head's records into
/// the most consistent number of fields (more than one).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut best = (b',', 0.0f64);
    for d in [b',', b';', b'\t', b'|'] {
        let recs = sniff_records(head, d);
        if recs.is_empty() {
            continue;
        }
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for r in &recs {
            *counts.entry(r.len()).or_default() += 1;
        }
        let (&fields, &n) = counts.iter().max_by_key(|(f, n)| (**n, **f)).expect("non-empty");
        if fields < 2 {
            continue;
        }
        let score = n as f64 / recs.len() as f64 + (fields as f64).ln() / 100.0;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// A first record is a header when its cells look like names (non-empty,
/// not numbers, unique) and none of them repeats as a value below it.
fn has_header(first: &::csv::ByteRecord, rest: &[::csv::ByteRecord]) -> bool {
    let cells: Vec<String> = first.iter().map(|c| String::from_utf8_lossy(c).trim().to_owned()).collect();
    let name_like = |c: &String| {
        !c.is_empty()
            && c.len() <= 128
            && c.chars().next().is_some_and(|ch| ch.is_alphabetic() || ch == '_')
            && !c.contains('@')
            && c.chars().filter(char::is_ascii_digit).count() * 2 < c.len()
    };
    let unique = cells.iter().collect::<std::collections::HashSet<_>>().len() == cells.len();
    let repeated =
        rest.iter().skip(1).any(|r| r.iter().zip(&cells).any(|(v, c)| String::from_utf8_lossy(v).trim() == c));
    cells.iter().all(name_like) && unique && !repeated
}

/// Builds string columns from records and classifies them into `tally`.
/// Columns beyond the header (ragged rows) get positional names.
fn classify(
    records: &[::csv::ByteRecord],
    names: &mut Vec<String>,
    classifier: &Classifier,
    tally: &mut Tally,
) -> Result<()> {
    name_columns(names, records.iter().map(::csv::ByteRecord::len).max().unwrap_or(0));
    if records.is_empty() {
        return Ok(());
    }
    let arrays: Vec<ArrayRef> = (0..names.len())
        .map(|i| {
            let mut b = StringBuilder::new();
            for r in records {
                b.append_option(r.get(i).map(String::from_utf8_lossy));
            }
            Arc::new(b.finish()) as ArrayRef
        })
        .collect();
    let fields: Vec<Field> = names.iter().map(|n| Field::new(n, DataType::Utf8, true)).collect();
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)?;
    tally.batch(classifier, &batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_table() {
        for (text, want) in [
            ("a,b,c\n1,2,3\n", b','),
            ("a;b;c\n1;2;3\n", b';'),
            ("a\tb\n1\t2\n", b'\t'),
            ("a|b|c\nx|y,z|w\n", b'|'),
            ("name;note\n\"x\";\"a, b, c\"\n", b';'),
        ] {
            assert_eq!(sniff_delimiter(text.as_bytes()) as char, want as char, "{text:?}");
        }
    }

    #[test]
    fn header_table() {
        let rec = |s: &str| ::csv::ByteRecord::from(s.split(',').collect::<Vec<_>>());
        assert!(has_header(&rec("email,phone"), &[rec("email,phone"), rec("a@example.com,212-555-0143")]));
        assert!(!has_header(
            &rec("a@example.com,212-555-0143"),
            &[rec("a@example.com,212-555-0143"), rec("b@example.com,212-555-0100")]
        ));
        assert!(!has_header(&rec("x,y"), &[rec("x,y"), rec("x,z")]));
        assert!(!has_header(&rec("2021,2022"), &[rec("2021,2022"), rec("5,6")]));
    }

    #[test]
    fn ranges_resynchronise_at_a_line_end_and_reject_a_quoted_break() {
        let d = Dialect { delimiter: b',', terminator: ::csv::Terminator::CRLF };
        let got = |text: &str, width| {
            d.resynchronised(text.as_bytes(), width)
                .map(|rs| rs.iter().map(|r| String::from_utf8_lossy(r.as_slice()).into_owned()).collect::<Vec<_>>())
        };
        // Starts inside a record, ends inside one: both are dropped.
        assert_eq!(got("l@example.com,1\r\nb@example.com,2\r\nc@exa", 2), Some(vec!["b@example.com2".to_owned()]));
        assert_eq!(got("x\na,1\nb,2\n", 2).map(|r| r.len()), Some(2));
        // Inside a quoted field across lines: the field counts do not fit.
        assert_eq!(got("end of note\",3\nnext,\"a\nb\",4\n", 2), None);
        assert_eq!(got("no line end at all", 2), None);
        // The head: whole records only, and quoted line breaks noticed.
        let (records, body) = d.records(b"a,b\n1,2\n3,", 0);
        assert_eq!((records.len(), body.end, body.multiline), (2, 8, false));
        assert!(d.records(b"a,b\n\"x\ny\",2\n3,4\n", 0).1.multiline);
    }

    #[test]
    fn magic_must_match_name() {
        assert!(check_magic(b"a,b\n", Compression::None).is_ok());
        assert!(check_magic(&[0x1f, 0x8b, 8], Compression::Gzip).is_ok());
        let e = check_magic(b"PAR1xxxx", Compression::None).unwrap_err().to_string();
        assert!(e.contains("mislabelled") && e.contains("Parquet"), "{e}");
        assert!(check_magic(b"a,b\n", Compression::Gzip).unwrap_err().to_string().contains("gzip"));
    }
}
