//! CSV sampling. CSV has no index to seek by, so the object is streamed once:
//! bytes arrive on the async runtime and are parsed on a blocking thread,
//! through a bounded channel, so memory stays bounded whatever the size.
//! Compression (gzip, zstd) is undone on the way; the delimiter and the
//! header are sniffed from the first records; bad UTF-8 is decoded lossily.

use super::{ColumnSample, ObjectSample, SampleSettings, plan};
use crate::classify::{Classifier, ColumnState};
use crate::error::{Error, Result};
use crate::source::format::Compression;
use arrow::array::{ArrayRef, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use bytes::Bytes;
use futures::StreamExt;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
    bytes_read: &AtomicU64,
) -> Result<ObjectSample> {
    let rng = plan::Rng::new(settings.seed, name);
    let budget = settings.rows;
    let (rows_total, rows_sampled, columns) =
        streamed(store, meta, bytes_read, move |input| parse(open(input, compression)?, budget, rng, &classifier))
            .await?;
    Ok(ObjectSample { rows_total, rows_sampled, columns })
}

/// Streams an object's bytes to `f`, which reads them on a blocking thread
/// through a bounded channel (memory stays bounded whatever the size).
pub(crate) async fn streamed<T: Send + 'static>(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    bytes_read: &AtomicU64,
    f: impl FnOnce(ChannelReader) -> Result<T> + Send + 'static,
) -> Result<T> {
    if meta.size == 0 {
        return Err(Error::Unreadable("empty object: no header and no rows".into()));
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    let worker = tokio::task::spawn_blocking(move || f(ChannelReader { rx, cur: Bytes::new() }));
    let fetched = async {
        let mut stream = store.get(&meta.location).await?.into_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            bytes_read.fetch_add(chunk.len() as u64, Ordering::Relaxed);
            if tx.send(Ok(chunk)).await.is_err() {
                break; // the reader stopped early; its error says why
            }
        }
        Ok::<_, object_store::Error>(())
    }
    .await;
    if let Err(e) = fetched {
        let _ = tx.send(Err(std::io::Error::other(crate::error::describe_store_error(&e)))).await;
    }
    drop(tx);
    worker.await.map_err(|e| Error::Internal(format!("CSV thread failed: {e}")))?
}

/// A blocking `Read` over the chunks the async side sends.
pub(crate) struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>,
    cur: Bytes,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.blocking_recv() {
                Some(chunk) => self.cur = chunk?,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur.split_to(n));
        Ok(n)
    }
}

type Parsed = (u64, u64, Vec<ColumnSample>);

/// The decompressed text of an object, as CSV records.
pub(crate) type Records = ::csv::Reader<BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, Box<dyn Read + Send>>>>;

/// A CSV object opened: its dialect and header sniffed, its records to read.
pub(crate) struct Opened {
    /// The field delimiter.
    pub delimiter: u8,
    /// Whether lines end in CR LF.
    pub crlf: bool,
    /// The header record, when the first record is one.
    pub header: Option<::csv::ByteRecord>,
    /// The column names: the header's, else positional (`column_1`).
    pub names: Vec<String>,
    /// The first data record, when it was read to sniff the header.
    pub first: Option<::csv::ByteRecord>,
    /// The records after it.
    pub records: Records,
}

/// Opens a CSV stream: checks the compression the name promised against
/// the bytes, undoes it, sniffs the delimiter and the header.
pub(crate) fn open(input: impl Read + Send + 'static, compression: Compression) -> Result<Opened> {
    let mut raw = BufReader::with_capacity(256 * 1024, input);
    let head = raw.fill_buf().map_err(read_error)?.to_vec();
    check_magic(&head, compression)?;
    let mut decoded: Box<dyn Read + Send> = match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
        Compression::Zstd => Box::new(zstd::Decoder::with_buffer(raw).map_err(read_error)?),
    };
    let mut sniff = Vec::with_capacity(SNIFF_BYTES);
    decoded.by_ref().take(SNIFF_BYTES as u64).read_to_end(&mut sniff).map_err(read_error)?;
    if sniff.is_empty() {
        return Err(Error::Unreadable("empty object: no header and no rows".into()));
    }
    if sniff.contains(&0) {
        return Err(Error::Unreadable("mislabelled: named as CSV but holds binary data (NUL bytes)".into()));
    }
    let delimiter = sniff_delimiter(&sniff);
    let crlf = sniff.iter().position(|&b| b == b'\n').is_some_and(|i| i > 0 && sniff[i - 1] == b'\r');
    let lookahead: Vec<::csv::ByteRecord> = sniff_records(&sniff, delimiter);
    let text = BufReader::with_capacity(256 * 1024, std::io::Cursor::new(sniff).chain(decoded));
    let mut records =
        ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text);
    let mut first = ::csv::ByteRecord::new();
    if !records.read_byte_record(&mut first).map_err(csv_error)? {
        return Err(Error::Unreadable("empty object: no header and no rows".into()));
    }
    Ok(if has_header(&first, &lookahead) {
        let names = first.iter().map(|f| String::from_utf8_lossy(f).trim().to_owned()).collect();
        Opened { delimiter, crlf, header: Some(first), names, first: None, records }
    } else {
        Opened { delimiter, crlf, header: None, names: Vec::new(), first: Some(first), records }
    })
}

/// Extends `names` with positional names up to `width` columns (ragged
/// rows, headerless objects).
pub(crate) fn name_columns(names: &mut Vec<String>, width: usize) {
    while names.len() < width {
        names.push(format!("column_{}", names.len() + 1));
    }
}

fn parse(opened: Opened, budget: Option<u64>, rng: plan::Rng, classifier: &Classifier) -> Result<Parsed> {
    let Opened { mut names, first, mut records, .. } = opened;
    let mut states: BTreeMap<String, ColumnState> = BTreeMap::new();
    let mut rows_total = 0u64;
    let mut rows_sampled = 0u64;
    let mut reservoir = budget.map(|b| plan::Reservoir::new(b as usize, rng));
    let mut chunk: Vec<::csv::ByteRecord> = Vec::new();
    for record in first.into_iter().map(Ok).chain(records.byte_records()) {
        let record = record.map_err(csv_error)?;
        rows_total += 1;
        match reservoir.as_mut() {
            Some(r) => r.offer(|| record),
            None => {
                chunk.push(record);
                if chunk.len() == CHUNK_ROWS {
                    rows_sampled += chunk.len() as u64;
                    classify(&std::mem::take(&mut chunk), &mut names, classifier, &mut states)?;
                }
            }
        }
    }
    let rest = reservoir.map_or(chunk, plan::Reservoir::into_items);
    rows_sampled += rest.len() as u64;
    classify(&rest, &mut names, classifier, &mut states)?;
    let columns = names
        .into_iter()
        .map(|path| ColumnSample { state: states.remove(&path), data_type: DataType::Utf8.to_string(), path })
        .collect();
    Ok((rows_total, rows_sampled, columns))
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

/// Builds string columns from records and classifies them. Columns beyond
/// the header (ragged rows) get positional names.
fn classify(
    records: &[::csv::ByteRecord],
    names: &mut Vec<String>,
    classifier: &Classifier,
    states: &mut BTreeMap<String, ColumnState>,
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
    classifier.observe_batch(&batch, states);
    Ok(())
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
    fn magic_must_match_name() {
        assert!(check_magic(b"a,b\n", Compression::None).is_ok());
        assert!(check_magic(&[0x1f, 0x8b, 8], Compression::Gzip).is_ok());
        let e = check_magic(b"PAR1xxxx", Compression::None).unwrap_err().to_string();
        assert!(e.contains("mislabelled") && e.contains("Parquet"), "{e}");
        assert!(check_magic(b"a,b\n", Compression::Gzip).unwrap_err().to_string().contains("gzip"));
    }
}
