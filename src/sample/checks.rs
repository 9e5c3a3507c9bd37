//! Checks on a Parquet object's own claims before the parquet crate acts on
//! them. The parquet crate (59.3) trusts its footer: a negative offset
//! panics (<https://github.com/apache/arrow-rs/issues/6228>), a huge
//! row-group count or page size becomes a huge allocation, a deep schema
//! overflows the stack (Arrow C++ added a depth limit for the same crash,
//! <https://github.com/apache/arrow/issues/51238>; the arrow-rs reports not
//! yet filed are drafted in `docs/upstream.md`, and the crate's own fuzzing
//! is <https://github.com/apache/arrow-rs/issues/9742>). So the footer and
//! every page header fetched are walked here first, with nothing allocated,
//! and held to the object's size and the [`Limits`].

use super::thrift::{Compact, WalkError, ty};
use crate::limits::{Limits, exceeded};

/// The byte range of one column chunk and its compression codec, for the
/// page checks.
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    start: u64,
    end: u64,
    codec: i64,
}

/// Parquet's GZIP codec: the one the crate inflates without a bound.
const GZIP: i64 = 2;

/// Walks a footer's `FileMetaData` (`meta`: the bytes before the length and
/// magic), checking sizes and offsets against `data_end` (where the footer
/// starts) and the limits. Returns the column chunks.
pub(crate) fn footer(meta: &[u8], data_end: u64, limits: &Limits) -> Result<Vec<Chunk>, String> {
    let mut c = Compact::new(meta);
    let mut chunks = Vec::new();
    let mut schema_seen = false;
    c.fields(0, |c, id, t, d| match (id, t) {
        (2, ty::LIST) => {
            schema_seen = true;
            schema(c, d, limits)
        }
        (3, ty::I64) => rows(c.int(t)?, "the object"),
        (4, ty::LIST) => {
            let (_, groups) = c.list()?;
            for _ in 0..groups {
                c.fields(d + 1, |c, id, t, d| match (id, t) {
                    (1, ty::LIST) => {
                        let (_, n) = c.list()?;
                        if n > limits.columns {
                            return Err(exceeded("a row group's column count", n, "columns", limits.columns));
                        }
                        for _ in 0..n {
                            chunks.push(column_chunk(c, d + 1, data_end)?);
                        }
                        Ok(())
                    }
                    (3, ty::I64) => rows(c.int(t)?, "a row group"),
                    (6, ty::I64) => size(c.int(t)?, "a row group's compressed size", data_end).map(drop),
                    _ => c.skip(t, d),
                })?;
            }
            Ok(())
        }
        _ => c.skip(t, d),
    })
    .map_err(|e| format!("invalid Parquet footer: {e}"))?;
    if !schema_seen {
        return Err("invalid Parquet footer: no schema".into());
    }
    Ok(chunks)
}

fn rows(n: i64, what: &str) -> Result<(), WalkError> {
    if n < 0 { Err(format!("{what} claims {n} rows")) } else { Ok(()) }
}

/// A size or offset: not negative, and not past `end`.
fn size(n: i64, what: &str, end: u64) -> Result<u64, WalkError> {
    u64::try_from(n).ok().filter(|&n| n <= end).ok_or_else(|| format!("{what} is {n}, outside 0..={end}"))
}

/// The schema: a flat list of elements, each group followed by its
/// `num_children` children. Depth and leaves are counted without
/// recursion.
fn schema(c: &mut Compact<'_>, depth: usize, limits: &Limits) -> Result<(), WalkError> {
    let (_, n) = c.list()?;
    // Children still expected by each open group, outermost first.
    let mut open: Vec<i64> = Vec::new();
    let mut leaves = 0usize;
    for i in 0..n {
        let mut children = None;
        c.fields(depth + 1, |c, id, t, d| match (id, t) {
            (5, ty::I32) => {
                children = Some(c.int(t)?);
                Ok(())
            }
            _ => c.skip(t, d),
        })?;
        if i > 0 {
            let parent = open.last_mut().ok_or("schema elements after the root's children")?;
            *parent -= 1;
        }
        match children {
            Some(k) if k < 0 => return Err(format!("a schema element with {k} children")),
            Some(k) if k > 0 || i == 0 => {
                if k as usize > n {
                    return Err(format!("a schema element with {k} children of {n} elements"));
                }
                open.push(k);
                if open.len() > limits.schema_depth {
                    return Err(exceeded("the schema's depth", open.len(), "schema_depth", limits.schema_depth));
                }
            }
            _ => {
                leaves += 1;
                if leaves > limits.columns {
                    return Err(exceeded("the schema's leaf columns", leaves, "columns", limits.columns));
                }
            }
        }
        while open.last() == Some(&0) {
            open.pop();
        }
    }
    if !open.is_empty() {
        return Err("the schema ends before its groups' children".into());
    }
    Ok(())
}

/// A `ColumnChunk`: its data in this file, inside the data area.
fn column_chunk(c: &mut Compact<'_>, depth: usize, data_end: u64) -> Result<Chunk, WalkError> {
    let (mut data, mut dict, mut len, mut codec) = (None, None, None, 0);
    c.fields(depth, |c, id, t, d| match (id, t) {
        (1, ty::BINARY) => Err("column data in another file (file_path) is not supported".into()),
        (3, ty::STRUCT) => c.fields(d + 1, |c, id, t, d| match (id, t) {
            (4, ty::I32) => {
                codec = c.int(t)?;
                Ok(())
            }
            (5, ty::I64) => rows(c.int(t)?, "a column chunk's values"),
            (6, ty::I64) => size(c.int(t)?, "a column chunk's uncompressed size", i64::MAX as u64).map(drop),
            (7, ty::I64) => {
                len = Some(size(c.int(t)?, "a column chunk's compressed size", data_end)?);
                Ok(())
            }
            (9, ty::I64) => {
                data = Some(size(c.int(t)?, "a data page offset", data_end)?);
                Ok(())
            }
            (10, ty::I64) => size(c.int(t)?, "an index page offset", data_end).map(drop),
            (11, ty::I64) => {
                dict = Some(size(c.int(t)?, "a dictionary page offset", data_end)?);
                Ok(())
            }
            _ => c.skip(t, d),
        }),
        (4 | 6, ty::I64) => size(c.int(t)?, "a page index offset", data_end).map(drop),
        (5 | 7, ty::I32) => size(c.int(t)?, "a page index length", data_end).map(drop),
        _ => c.skip(t, d),
    })?;
    let start = dict.or(data).ok_or("a column chunk without a data page offset")?;
    let end = start.checked_add(len.ok_or("a column chunk without a size")?).filter(|&e| e <= data_end);
    let end = end.ok_or_else(|| format!("a column chunk at {start} runs past the data, which ends at {data_end}"))?;
    Ok(Chunk { start, end, codec })
}

/// Walks the page headers of fetched column data (`bytes`, from offset
/// `at`), holding each page's sizes to what was fetched and the limits.
/// A gzip page is inflated into nothing to measure it: the crate inflates
/// gzip without regard to the size its header states.
pub(crate) fn pages(chunks: &[Chunk], at: u64, bytes: &[u8], limits: &Limits) -> Result<(), String> {
    let Some(chunk) = chunks.iter().find(|c| c.start <= at && at < c.end.max(c.start + 1)) else {
        return Err(format!("a read at offset {at} outside every column chunk"));
    };
    let mut pos = 0usize;
    while pos < bytes.len() {
        let mut c = Compact::new(&bytes[pos..]);
        let (mut uncompressed, mut compressed, mut levels) = (None, None, 0i64);
        c.fields(0, |c, id, t, d| match (id, t) {
            (2, ty::I32) => {
                uncompressed = Some(c.int(t)?);
                Ok(())
            }
            (3, ty::I32) => {
                compressed = Some(c.int(t)?);
                Ok(())
            }
            // DataPageHeaderV2: levels stored uncompressed before the data.
            (8, ty::STRUCT) => c.fields(d + 1, |c, id, t, d| match (id, t) {
                (5 | 6, ty::I32) => {
                    levels = levels.saturating_add(c.int(t)?.max(0));
                    Ok(())
                }
                _ => c.skip(t, d),
            }),
            _ => c.skip(t, d),
        })
        .map_err(|e| format!("corrupt data page: invalid page header at offset {}: {e}", at + pos as u64))?;
        let header = c.position();
        let (Some(uncompressed), Some(compressed)) = (uncompressed, compressed) else {
            return Err(format!("corrupt data page: no page sizes in the header at offset {}", at + pos as u64));
        };
        if uncompressed < 0 || compressed < 0 {
            return Err(format!("corrupt data page: a negative page size at offset {}", at + pos as u64));
        }
        if uncompressed as u64 > limits.page_bytes {
            return Err(exceeded("a page's decompressed size", uncompressed, "page_bytes", limits.page_bytes));
        }
        let body = bytes.get(pos + header..pos + header + compressed as usize);
        let body = body.ok_or_else(|| {
            format!("corrupt data page: a page at offset {} runs past what was read", at + pos as u64)
        })?;
        if chunk.codec == GZIP {
            let data = body.get(levels.min(body.len() as i64) as usize..).unwrap_or_default();
            inflated_within(data, limits)?;
        }
        pos += header + compressed as usize;
    }
    Ok(())
}

/// Fails when gzip `data` inflates to more than the page limit.
fn inflated_within(data: &[u8], limits: &Limits) -> Result<(), String> {
    let mut decoder = std::io::Read::take(flate2::read::MultiGzDecoder::new(data), limits.page_bytes + 1);
    match std::io::copy(&mut decoder, &mut std::io::sink()) {
        Ok(n) if n > limits.page_bytes => {
            Err(exceeded("a gzip page's inflated size", format!("over {n}"), "page_bytes", limits.page_bytes))
        }
        // A stream that does not inflate is for the decoder to report.
        _ => Ok(()),
    }
}

/// The offset index, when there is one: every page inside its column chunk,
/// first rows rising from 0 within the row group. The decoder turns these
/// into reads and row counts unchecked.
pub(crate) fn page_index(metadata: &parquet::file::metadata::ParquetMetaData, chunks: &[Chunk]) -> Result<(), String> {
    let Some(index) = metadata.offset_index() else { return Ok(()) };
    let mut chunk = chunks.iter();
    for (group, columns) in metadata.row_groups().iter().zip(index) {
        for column in columns {
            let Some(c) = chunk.next() else { return Err("invalid page index: more columns than the footer".into()) };
            let mut first = -1i64;
            for page in column.page_locations() {
                let (start, len) = (page.offset, i64::from(page.compressed_page_size));
                let inside = start >= c.start as i64 && len > 0 && start.saturating_add(len) <= c.end as i64;
                let rising = page.first_row_index > first && page.first_row_index < group.num_rows().max(1);
                if !inside || !rising {
                    return Err(format!(
                        "invalid page index: a page at offset {start} of {len} bytes, first row {}",
                        page.first_row_index
                    ));
                }
                first = page.first_row_index;
            }
        }
    }
    Ok(())
}
