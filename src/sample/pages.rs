//! Pages of a column chunk, pure: what a page header says, how many of a
//! page's first rows a prefix of its text holds, and those rows as pages
//! the parquet crate decodes. A sampled run needs a few hundred rows; a
//! page holds up to 20,000 rows or 1 MiB, so reading only the part of the
//! page before the run's end, not the page, is what keeps a sample within a
//! few percent of an object. The parquet crate still does all decoding of
//! values: it is handed a page that ends where the prefix's last complete
//! row ends ([`cut`]), decompressed ([`super::codec`]), with its count of
//! values lowered to match.

use super::thrift::{Compact, ty};
use bytes::Bytes;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, RowGroups, RowSelection, RowSelector};
use parquet::basic::{Encoding, Type as PhysicalType};
use parquet::column::page::{Page, PageIterator, PageMetadata, PageReader};
use parquet::file::metadata::{ParquetMetaData, RowGroupMetaData};
use parquet::schema::types::ColumnDescriptor;
use std::collections::VecDeque;

/// A page's kind, as its header says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Dictionary,
    V1,
    V2,
    /// An index page, or a kind this reader does not know: skipped.
    Other,
}

/// What a page header says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    pub kind: Kind,
    /// Bytes of the header itself; the page's body follows.
    pub len: u64,
    /// The body as stored.
    pub compressed: u64,
    /// The body's text.
    pub uncompressed: u64,
    /// Values, nulls included (levels, in nested columns).
    pub values: u64,
    /// The encoding of the values (a raw Thrift value).
    pub encoding: i32,
    /// Data page v1: the encodings of the definition and repetition levels.
    pub def_encoding: i32,
    pub rep_encoding: i32,
    /// Data page v2: nulls, rows, the levels' bytes (stored uncompressed
    /// before the values) and whether the values are compressed.
    pub nulls: u64,
    pub rows: u64,
    pub def_len: u64,
    pub rep_len: u64,
    pub values_compressed: bool,
    /// Dictionary page: whether its values are sorted.
    pub sorted: bool,
}

/// Reads a page header from the start of `bytes`. Fails when the bytes end
/// inside it (the caller reads more) or when it is not a header.
pub(crate) fn header(bytes: &[u8], page_bytes: u64) -> Result<Header, String> {
    let mut c = Compact::new(bytes);
    let mut h = Header {
        kind: Kind::Other,
        len: 0,
        compressed: 0,
        uncompressed: 0,
        values: 0,
        encoding: 0,
        def_encoding: 3,
        rep_encoding: 3,
        nulls: 0,
        rows: 0,
        def_len: 0,
        rep_len: 0,
        values_compressed: true,
        sorted: false,
    };
    let (mut compressed, mut uncompressed, mut kind) = (None, None, None);
    fn count(v: i64, what: &str) -> Result<u64, String> {
        u64::try_from(v).map_err(|_| format!("{what} is {v}"))
    }
    fn set<T>(field: &mut T, value: T) -> Result<(), String> {
        *field = value;
        Ok(())
    }
    c.fields(0, |c, id, t, d| match (id, t) {
        (1, ty::I32) => set(&mut kind, Some(c.int(t)?)),
        (2, ty::I32) => set(&mut uncompressed, Some(count(c.int(t)?, "the uncompressed size")?)),
        (3, ty::I32) => set(&mut compressed, Some(count(c.int(t)?, "the compressed size")?)),
        (5, ty::STRUCT) => c.fields(d + 1, |c, id, t, d| match (id, t) {
            (1, ty::I32) => set(&mut h.values, count(c.int(t)?, "the value count")?),
            (2, ty::I32) => set(&mut h.encoding, c.int(t)? as i32),
            (3, ty::I32) => set(&mut h.def_encoding, c.int(t)? as i32),
            (4, ty::I32) => set(&mut h.rep_encoding, c.int(t)? as i32),
            _ => c.skip(t, d),
        }),
        (7, ty::STRUCT) => c.fields(d + 1, |c, id, t, d| match (id, t) {
            (1, ty::I32) => set(&mut h.values, count(c.int(t)?, "the value count")?),
            (2, ty::I32) => set(&mut h.encoding, c.int(t)? as i32),
            (3, ty::TRUE | ty::FALSE) => set(&mut h.sorted, t == ty::TRUE),
            _ => c.skip(t, d),
        }),
        (8, ty::STRUCT) => c.fields(d + 1, |c, id, t, d| match (id, t) {
            (1, ty::I32) => set(&mut h.values, count(c.int(t)?, "the value count")?),
            (2, ty::I32) => set(&mut h.nulls, count(c.int(t)?, "the null count")?),
            (3, ty::I32) => set(&mut h.rows, count(c.int(t)?, "the row count")?),
            (4, ty::I32) => set(&mut h.encoding, c.int(t)? as i32),
            (5, ty::I32) => set(&mut h.def_len, count(c.int(t)?, "the definition levels' size")?),
            (6, ty::I32) => set(&mut h.rep_len, count(c.int(t)?, "the repetition levels' size")?),
            (7, ty::TRUE | ty::FALSE) => set(&mut h.values_compressed, t == ty::TRUE),
            _ => c.skip(t, d),
        }),
        _ => c.skip(t, d),
    })?;
    let (Some(compressed), Some(uncompressed)) = (compressed, uncompressed) else {
        return Err("a page header without its sizes".into());
    };
    if uncompressed > page_bytes {
        return Err(crate::limits::exceeded("a page's decompressed size", uncompressed, "page_bytes", page_bytes));
    }
    h.kind = match kind {
        Some(0) => Kind::V1,
        Some(2) => Kind::Dictionary,
        Some(3) => Kind::V2,
        _ => Kind::Other,
    };
    if h.kind == Kind::V2 && (h.def_len + h.rep_len > compressed.min(uncompressed) || h.nulls > h.values) {
        return Err("a v2 page whose levels do not fit in it".into());
    }
    h.len = c.position() as u64;
    h.compressed = compressed;
    h.uncompressed = uncompressed;
    Ok(h)
}

/// What a column's pages need to be cut: its levels and value type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    max_def: i16,
    max_rep: i16,
    physical: PhysicalType,
    type_len: usize,
}

impl Column {
    pub(crate) fn of(d: &ColumnDescriptor) -> Self {
        let type_len = usize::try_from(d.type_length()).unwrap_or(0);
        Self { max_def: d.max_def_level(), max_rep: d.max_rep_level(), physical: d.physical_type(), type_len }
    }

    /// Whether rows can be counted from the header alone (a v1 page counts
    /// levels, which are rows only in a column without repetition).
    pub(crate) fn flat(&self) -> bool {
        self.max_rep == 0
    }
}

/// Rows in a v1 data page of a nested column, from its text's start: the
/// levels whose repetition level is 0. `None` when `text` ends first.
pub(crate) fn rows_in_levels(h: &Header, text: &[u8], col: Column) -> Result<Option<u64>, String> {
    if h.rep_encoding != RLE {
        return Err("repetition levels in an encoding other than RLE".into());
    }
    let Some(len) = text.get(..4) else { return Ok(None) };
    let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
    let Some(block) = text.get(4..4 + len) else { return Ok(None) };
    let mut rows = 0;
    levels(block, col.max_rep, h.values as usize, |level, times| rows += if level == 0 { times as u64 } else { 0 })?;
    Ok(Some(rows))
}

/// How much of a page's rows a prefix of its text holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cut {
    /// The first `rows` rows: `levels` levels, `nulls` of them null.
    Rows { rows: u64, levels: u64, nulls: u64 },
    /// The prefix ends before the rows wanted do: read more.
    Short,
    /// Values in an encoding that cannot be cut: read the whole page.
    Whole,
}

const RLE: i32 = 3;
const PLAIN: i32 = 0;
const PLAIN_DICTIONARY: i32 = 2;
const RLE_DICTIONARY: i32 = 8;

/// Whether a data page's values index a dictionary.
pub(crate) fn uses_dictionary(h: &Header) -> bool {
    matches!(h.encoding, PLAIN_DICTIONARY | RLE_DICTIONARY)
}

/// How many of the first `want` rows of a data page `text` holds: the
/// page's decompressed text from its start (levels included), all of it
/// when `complete`. Rows are whole: a nested row is cut only where the
/// next row begins.
pub(crate) fn cut(h: &Header, text: &[u8], col: Column, want: u64, complete: bool) -> Result<Cut, String> {
    let short = |at: usize| {
        if complete { Err(format!("the page's text ends at {at}, inside its values")) } else { Ok(Cut::Short) }
    };
    // The levels, and where the values start.
    let (rep, def, at) = match h.kind {
        Kind::V1 => {
            let mut at = 0;
            let mut block = |max: i16, encoding: i32| -> Result<Option<&[u8]>, String> {
                if max == 0 {
                    return Ok(Some(&[]));
                }
                if encoding != RLE {
                    return Ok(None);
                }
                let Some(len) = text.get(at..at + 4) else { return Ok(None) };
                let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
                let data = text.get(at + 4..at + 4 + len);
                at += 4 + len;
                Ok(data)
            };
            let rep = block(col.max_rep, h.rep_encoding)?;
            let def = block(col.max_def, h.def_encoding)?;
            match (rep, def) {
                (Some(rep), Some(def)) => (rep, def, at),
                _ if h.rep_encoding != RLE && col.max_rep > 0 || h.def_encoding != RLE && col.max_def > 0 => {
                    return Ok(Cut::Whole);
                }
                _ => return short(text.len()),
            }
        }
        Kind::V2 => {
            let (r, d) = (h.rep_len as usize, h.def_len as usize);
            match text.get(..r + d) {
                Some(levels) => (&levels[..r], &levels[r..], r + d),
                None => return short(text.len()),
            }
        }
        Kind::Dictionary | Kind::Other => return Err("not a data page".into()),
    };
    let values = h.values as usize;
    // Levels up to the start of row `want` (or the page's end), and the
    // rows they hold.
    let (levels_wanted, rows) = match col.max_rep {
        0 => (values.min(want as usize), values.min(want as usize) as u64),
        _ => {
            let (mut at, mut rows, mut end) = (0, 0u64, None);
            levels(rep, col.max_rep, values, |level, times| {
                if level == 0 && end.is_none() {
                    match rows + times as u64 > want {
                        true => (end, rows) = (Some(at + (want - rows) as usize), want),
                        false => rows += times as u64,
                    }
                }
                at += times;
            })?;
            (end.unwrap_or(values), rows)
        }
    };
    let mut present = match col.max_def {
        0 => levels_wanted,
        _ => 0,
    };
    levels(def, col.max_def, levels_wanted, |level, times| {
        if level == col.max_def {
            present += times;
        }
    })?;
    let nulls = (levels_wanted - present) as u64;
    let fits = match h.encoding {
        PLAIN => plain_values(&text[at.min(text.len())..], col, present).0 == present,
        // Dictionary indices are read whole: the parquet crate decodes them
        // ahead of the rows asked for, and their pages are small (a few
        // bits a value) beside the dictionary they need anyway.
        _ => return Ok(Cut::Whole),
    };
    match fits || complete {
        true => Ok(Cut::Rows { rows, levels: levels_wanted as u64, nulls }),
        false => short(text.len()),
    }
}

/// How many of the first `n` PLAIN values `text` holds whole, and where
/// they end.
fn plain_values(text: &[u8], col: Column, n: usize) -> (usize, usize) {
    let width = match col.physical {
        PhysicalType::BYTE_ARRAY => {
            let (mut count, mut at) = (0, 0);
            while count < n {
                let Some(len) = text.get(at..at + 4) else { break };
                let end = at + 4 + u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
                if end > text.len() {
                    break;
                }
                (count, at) = (count + 1, end);
            }
            return (count, at);
        }
        PhysicalType::BOOLEAN => {
            let count = n.min(text.len() * 8);
            return (count, count.div_ceil(8));
        }
        PhysicalType::INT32 | PhysicalType::FLOAT => 4,
        PhysicalType::INT64 | PhysicalType::DOUBLE => 8,
        PhysicalType::INT96 => 12,
        _ => col.type_len.max(1),
    };
    let count = n.min(text.len() / width);
    (count, count * width)
}

/// The first `n` values of a dictionary page, from `text` (the start of its
/// decompressed text, all of it when `complete`), as a data page of a flat
/// column: a large dictionary is sampled by its first entries, the chunk's
/// distinct values in the order they first appear, instead of being read
/// whole for a few rows. `None` when `text` holds fewer than wanted.
pub(crate) fn dictionary_values(h: &Header, text: &[u8], col: Column, n: u64, complete: bool) -> Option<Sampled> {
    let n = n.min(h.values) as usize;
    let (count, end) = plain_values(text, col, n);
    if count < n && !complete {
        return None;
    }
    let mut buf = Vec::with_capacity(end + 16);
    if col.max_def > 0 {
        // Every value present: one RLE run of the maximum level.
        let mut run = Vec::new();
        let mut header = (count as u64) << 1;
        loop {
            let byte = (header & 0x7f) as u8;
            header >>= 7;
            run.push(if header > 0 { byte | 0x80 } else { byte });
            if header == 0 {
                break;
            }
        }
        let value = (col.max_def as u16).to_le_bytes();
        run.extend_from_slice(&value[..usize::from(bit_width(col.max_def)).div_ceil(8)]);
        buf.extend_from_slice(&(run.len() as u32).to_le_bytes());
        buf.extend_from_slice(&run);
    }
    buf.extend_from_slice(&text[..end]);
    let page = Page::DataPage {
        buf: Bytes::from(buf),
        num_values: count as u32,
        encoding: Encoding::PLAIN,
        def_level_encoding: Encoding::RLE,
        rep_level_encoding: Encoding::RLE,
        statistics: None,
    };
    Some(Sampled { page, rows: count as u64 })
}

/// Bits of a level up to `max`.
fn bit_width(max: i16) -> u8 {
    (16 - (max as u16).leading_zeros()) as u8
}

/// Walks the first `n` levels of an RLE/bit-packed block of levels up to
/// `max` (none when `max` is 0), handing `visit` each level with how many
/// times it repeats there. Nothing is kept: a header may claim billions of
/// levels, and a run of them costs one call, not memory.
fn levels(data: &[u8], max: i16, n: usize, mut visit: impl FnMut(i16, usize)) -> Result<(), String> {
    if max == 0 {
        return Ok(());
    }
    let width = usize::from(bit_width(max));
    let mut level = |v: u32, times: usize| match i16::try_from(v) {
        Ok(v) if v <= max => {
            visit(v, times);
            Ok(())
        }
        _ => Err(format!("a level over the column's maximum {max}")),
    };
    let (mut seen, mut pos) = (0, 0);
    while seen < n {
        let (header, used) = varint(&data[pos..]).ok_or("levels end before the page's values")?;
        pos += used;
        let count = usize::try_from(header >> 1).map_err(|_| "a run of levels too long")?;
        if count == 0 {
            return Err("an empty run of levels".into());
        }
        if header & 1 == 0 {
            let bytes = width.div_ceil(8);
            let v = le(data.get(pos..pos + bytes).ok_or("levels end inside a run")?);
            pos += bytes;
            let times = count.min(n - seen);
            level(v, times)?;
            seen += times;
        } else {
            let bytes = count.checked_mul(width).ok_or("a run of levels too long")?;
            let packed = data.get(pos..pos.saturating_add(bytes)).ok_or("levels end inside a run")?;
            pos += bytes;
            for i in 0..(count * 8).min(n - seen) {
                let bit = i * width;
                let mut v = 0u32;
                for b in 0..width {
                    v |= u32::from(packed[(bit + b) / 8] >> ((bit + b) % 8) & 1) << b;
                }
                level(v, 1)?;
            }
            seen += (count * 8).min(n - seen);
        }
    }
    Ok(())
}

fn varint(data: &[u8]) -> Option<(u64, usize)> {
    let mut out = 0u64;
    for (i, &b) in data.iter().enumerate().take(10) {
        out |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((out, i + 1));
        }
    }
    None
}

fn le(bytes: &[u8]) -> u32 {
    bytes.iter().rev().fold(0, |acc, &b| acc << 8 | u32::from(b))
}

fn encoding(raw: i32) -> Result<Encoding, String> {
    #[allow(deprecated)]
    Ok(match raw {
        0 => Encoding::PLAIN,
        2 => Encoding::PLAIN_DICTIONARY,
        3 => Encoding::RLE,
        4 => Encoding::BIT_PACKED,
        5 => Encoding::DELTA_BINARY_PACKED,
        6 => Encoding::DELTA_LENGTH_BYTE_ARRAY,
        7 => Encoding::DELTA_BYTE_ARRAY,
        8 => Encoding::RLE_DICTIONARY,
        9 => Encoding::BYTE_STREAM_SPLIT,
        e => return Err(format!("an unknown encoding {e}")),
    })
}

/// A page to decode: the dictionary, or the first rows of a data page.
#[derive(Debug, Clone)]
pub(crate) struct Sampled {
    page: Page,
    rows: u64,
}

impl Sampled {
    /// A dictionary page of decompressed `text`.
    pub(crate) fn dictionary(h: &Header, text: Vec<u8>) -> Result<Self, String> {
        let page = Page::DictionaryPage {
            buf: Bytes::from(text),
            num_values: u32::try_from(h.values).map_err(|_| "too many dictionary values")?,
            encoding: encoding(h.encoding)?,
            is_sorted: h.sorted,
        };
        Ok(Self { page, rows: 0 })
    }

    /// The rows of a data page that `cut` found in `text` (the
    /// decompressed text from the page's start).
    pub(crate) fn data(h: &Header, text: Vec<u8>, cut: Cut) -> Result<Self, String> {
        let Cut::Rows { rows, levels, nulls } = cut else { return Err("no rows to decode".into()) };
        let n = |v: u64| u32::try_from(v).map_err(|_| "a page of too many values".to_string());
        let page = match h.kind {
            Kind::V1 => Page::DataPage {
                buf: Bytes::from(text),
                num_values: n(levels)?,
                encoding: encoding(h.encoding)?,
                def_level_encoding: encoding(h.def_encoding)?,
                rep_level_encoding: encoding(h.rep_encoding)?,
                statistics: None,
            },
            Kind::V2 => Page::DataPageV2 {
                buf: Bytes::from(text),
                num_values: n(levels)?,
                encoding: encoding(h.encoding)?,
                num_nulls: n(nulls)?,
                num_rows: n(rows)?,
                def_levels_byte_len: n(h.def_len)?,
                rep_levels_byte_len: n(h.rep_len)?,
                is_compressed: false,
                statistics: None,
            },
            _ => return Err("not a data page".into()),
        };
        Ok(Self { page, rows })
    }

    /// Rows the page holds.
    pub(crate) fn rows(&self) -> u64 {
        self.rows
    }
}

/// The pages sampled from one column chunk, in order.
struct Pages(VecDeque<Sampled>);

impl Iterator for Pages {
    type Item = parquet::errors::Result<Page>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.pop_front().map(|p| Ok(p.page))
    }
}

impl PageReader for Pages {
    fn get_next_page(&mut self) -> parquet::errors::Result<Option<Page>> {
        self.next().transpose()
    }

    fn peek_next_page(&mut self) -> parquet::errors::Result<Option<PageMetadata>> {
        Ok(self.0.front().map(|p| PageMetadata {
            num_rows: Some(p.rows as usize),
            num_levels: Some(p.page.num_values() as usize),
            is_dict: p.page.page_type() == parquet::basic::PageType::DICTIONARY_PAGE,
        }))
    }

    fn skip_next_page(&mut self) -> parquet::errors::Result<()> {
        self.0.pop_front();
        Ok(())
    }
}

struct Chunks(std::vec::IntoIter<Vec<Sampled>>);

impl Iterator for Chunks {
    type Item = parquet::errors::Result<Box<dyn PageReader>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|pages| Ok(Box::new(Pages(pages.into())) as Box<dyn PageReader>))
    }
}

impl PageIterator for Chunks {}

/// The sampled pages of one column, by row group, as the parquet crate's
/// readers take them.
struct Groups<'a> {
    metadata: &'a ParquetMetaData,
    column: usize,
    groups: Vec<(usize, Vec<Sampled>)>,
}

impl RowGroups for Groups<'_> {
    fn num_rows(&self) -> usize {
        self.groups.iter().flat_map(|(_, p)| p).map(|p| p.rows as usize).sum()
    }

    fn column_chunks(&self, i: usize) -> parquet::errors::Result<Box<dyn PageIterator>> {
        if i != self.column {
            return Err(parquet::errors::ParquetError::General(format!("column {i} was not sampled")));
        }
        let pages: Vec<Vec<Sampled>> = self.groups.iter().map(|(_, p)| p.clone()).collect();
        Ok(Box::new(Chunks(pages.into_iter())))
    }

    fn row_groups(&self) -> Box<dyn Iterator<Item = &RowGroupMetaData> + '_> {
        Box::new(self.groups.iter().map(|(g, _)| self.metadata.row_group(*g)))
    }

    fn metadata(&self) -> &ParquetMetaData {
        self.metadata
    }
}

/// A reader of the rows of `column` in `groups` (row group, its sampled
/// pages), keeping `keep` of the rows each run of pages delivers (pages
/// that could not be cut deliver more rows than wanted). `hint`: the
/// object's Arrow schema, so that types read as a whole-file read would.
pub(crate) fn reader(
    metadata: &ParquetMetaData,
    hint: &arrow::datatypes::Fields,
    column: usize,
    groups: Vec<(usize, Vec<Sampled>)>,
    keep: &[(u64, u64)],
) -> parquet::errors::Result<ParquetRecordBatchReader> {
    let schema = metadata.file_metadata().schema_descr();
    let levels =
        parquet::arrow::parquet_to_arrow_field_levels(schema, ProjectionMask::leaves(schema, [column]), Some(hint))?;
    let selection: Vec<RowSelector> = keep
        .iter()
        .flat_map(|&(delivered, wanted)| {
            let kept = wanted.min(delivered);
            [RowSelector::select(kept as usize), RowSelector::skip((delivered - kept) as usize)]
        })
        .filter(|s| s.row_count > 0)
        .collect();
    let groups = Groups { metadata, column, groups };
    ParquetRecordBatchReader::try_new_with_row_groups(&levels, &groups, 8192, Some(RowSelection::from(selection)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_decode_runs_and_packed_groups() {
        // RLE run of 3 ones, then a bit-packed group of 8 (width 1): 1,0,1,0,1,0,1,0.
        let all = |data: &[u8], max, n| {
            let mut out = Vec::new();
            levels(data, max, n, |level, times| out.extend(std::iter::repeat_n(level, times))).map(|()| out)
        };
        let data = [0x06, 0x01, 0x03, 0b0101_0101];
        assert_eq!(all(&data, 1, 11).unwrap(), [1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0]);
        assert_eq!(all(&data, 1, 2).unwrap(), [1, 1]);
        assert!(all(&data, 1, 12).is_err());
        assert!(all(&[0x06, 0x02], 1, 3).unwrap_err().contains("maximum"));
        // A nested page whose rows start in one RLE run of ten zeros is
        // cut inside the run.
        let col = Column { max_def: 0, max_rep: 1, physical: PhysicalType::BYTE_ARRAY, type_len: 0 };
        let h = Header {
            kind: Kind::V2,
            len: 0,
            compressed: 0,
            uncompressed: 0,
            values: 10,
            encoding: PLAIN,
            def_encoding: RLE,
            rep_encoding: RLE,
            nulls: 0,
            rows: 10,
            def_len: 0,
            rep_len: 2,
            values_compressed: false,
            sorted: false,
        };
        let text: Vec<u8> = [0x14, 0x00].into_iter().chain((0..10).flat_map(|_| [1, 0, 0, 0, b'a'])).collect();
        assert_eq!(cut(&h, &text, col, 4, true).unwrap(), Cut::Rows { rows: 4, levels: 4, nulls: 0 });
        assert_eq!(cut(&h, &text, col, 40, true).unwrap(), Cut::Rows { rows: 10, levels: 10, nulls: 0 });
        // A run claiming billions of levels costs nothing to walk.
        let mut zeros = 0;
        levels(&[0xfe, 0xff, 0xff, 0xff, 0x0f, 0x00], 1, usize::MAX, |_, times| zeros += times).unwrap_err();
        assert!(zeros > 1 << 30);
    }
}
