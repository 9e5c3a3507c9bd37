//! Hostile objects, made by the tests (none is committed): Parquet footers
//! written by hand in Thrift's compact protocol, mutations of files the
//! parquet crate writes, compression bombs. Shared by the regression tests
//! (`tests/it/hostile.rs`) and the fuzz harness (`tests/fuzz.rs`).
#![allow(dead_code)]

use arrow::array::{ArrayRef, Int64Array, StringArray, StructArray};
use arrow::datatypes::{DataType, Field};
use arrow::record_batch::RecordBatch;
use base64::Engine as _;
use std::io::Write;
use std::sync::Arc;

/// Compact-protocol writer. Field headers use the long form (type byte,
/// then the id), which every reader accepts.
#[derive(Default)]
pub struct Thrift(pub Vec<u8>);

const I32: u8 = 5;
const I64: u8 = 6;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const STRUCT: u8 = 12;

impl Thrift {
    fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn header(&mut self, id: i16, t: u8) -> &mut Self {
        self.0.push(t);
        self.zigzag(i64::from(id));
        self
    }
    pub fn i32(&mut self, id: i16, v: i32) -> &mut Self {
        self.header(id, I32).zigzag(i64::from(v));
        self
    }
    pub fn i64(&mut self, id: i16, v: i64) -> &mut Self {
        self.header(id, I64).zigzag(v);
        self
    }
    pub fn bin(&mut self, id: i16, b: &[u8]) -> &mut Self {
        self.header(id, BINARY).varint(b.len() as u64);
        self.0.extend_from_slice(b);
        self
    }
    /// A list header; the elements follow (structs end with [`Thrift::stop`]).
    pub fn list(&mut self, id: i16, elem: u8, n: u64) -> &mut Self {
        self.header(id, LIST);
        if n < 15 {
            self.0.push(((n as u8) << 4) | elem);
        } else {
            self.0.push(0xf0 | elem);
            self.varint(n);
        }
        self
    }
    pub fn structs(&mut self, id: i16, n: u64) -> &mut Self {
        self.list(id, STRUCT, n)
    }
    pub fn begin(&mut self, id: i16) -> &mut Self {
        self.header(id, STRUCT)
    }
    pub fn stop(&mut self) -> &mut Self {
        self.0.push(0);
        self
    }
}

/// A Parquet object: magic, `data`, the footer, its length, magic.
pub fn parquet(data: &[u8], footer: &[u8]) -> Vec<u8> {
    let mut out = b"PAR1".to_vec();
    out.extend_from_slice(data);
    out.extend_from_slice(footer);
    out.extend_from_slice(&(footer.len() as u32).to_le_bytes());
    out.extend_from_slice(b"PAR1");
    out
}

/// One string column chunk's numbers.
#[derive(Clone, Copy)]
pub struct Chunk {
    pub codec: i32,
    pub values: i64,
    pub uncompressed: i64,
    pub compressed: i64,
    pub data_page_offset: i64,
}

/// A footer of one optional string column `s`, `rows` rows, and one row
/// group holding `chunk` (or no row group).
pub fn footer(rows: i64, chunk: Option<Chunk>) -> Vec<u8> {
    let mut t = Thrift::default();
    t.i32(1, 1).structs(2, 2);
    t.bin(4, b"schema").i32(5, 1).stop();
    t.i32(1, 6).i32(3, 1).bin(4, b"s").i32(6, 0).stop();
    t.i64(3, rows);
    match chunk {
        None => t.structs(4, 0),
        Some(c) => {
            t.structs(4, 1).structs(1, 1);
            t.i64(2, c.data_page_offset).begin(3);
            t.i32(1, 6).list(2, I32, 1).zigzag(0);
            t.list(3, BINARY, 1).varint(1);
            t.0.push(b's');
            t.i32(4, c.codec).i64(5, c.values).i64(6, c.uncompressed).i64(7, c.compressed);
            t.i64(9, c.data_page_offset).stop();
            t.stop();
            t.i64(2, c.uncompressed).i64(3, rows).stop()
        }
    };
    t.stop();
    t.0
}

/// A schema nested `depth` groups deep around one leaf.
pub fn deep_schema(depth: u64) -> Vec<u8> {
    let mut t = Thrift::default();
    t.i32(1, 1).structs(2, depth + 1);
    for i in 0..depth {
        t.bin(4, format!("g{i}").as_bytes()).i32(3, 1).i32(5, 1).stop();
    }
    t.i32(1, 6).i32(3, 1).bin(4, b"leaf").stop();
    t.i64(3, 0).structs(4, 0).stop();
    t.0
}

/// A data page: its header (type DATA_PAGE, PLAIN) and body.
pub fn page(uncompressed: i32, body: &[u8], values: i32) -> Vec<u8> {
    let mut t = Thrift::default();
    t.i32(1, 0).i32(2, uncompressed).i32(3, body.len() as i32);
    t.begin(5).i32(1, values).i32(2, 0).i32(3, 3).i32(4, 3).stop();
    t.stop();
    t.0.extend_from_slice(body);
    t.0
}

/// A Parquet object with one page of `body` (codec `codec`) claiming
/// `uncompressed` bytes.
pub fn one_page(codec: i32, uncompressed: i32, body: &[u8]) -> Vec<u8> {
    let data = page(uncompressed, body, 1);
    let chunk = Chunk {
        codec,
        values: 1,
        uncompressed: i64::from(uncompressed),
        compressed: data.len() as i64,
        data_page_offset: 4,
    };
    parquet(&data, &footer(1, Some(chunk)))
}

/// Gzip of `n` zero bytes (a bomb: about 1,000 to 1).
pub fn gzip_zeros(n: usize) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let block = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len());
        e.write_all(&block[..k]).unwrap();
        left -= k;
    }
    e.finish().unwrap()
}

/// A real Parquet file as the parquet crate writes it: nested and flat
/// columns, two row groups, page index, ARROW:schema, `compression`.
pub fn written(compression: parquet::basic::Compression, rows: usize) -> Vec<u8> {
    let emails: Vec<String> = (0..rows).map(|i| format!("user{i}@example.com")).collect();
    let email: ArrayRef = Arc::new(StringArray::from(emails.iter().map(String::as_str).collect::<Vec<_>>()));
    let id: ArrayRef = Arc::new(Int64Array::from((0..rows as i64).collect::<Vec<_>>()));
    let contact = StructArray::from(vec![(Arc::new(Field::new("email", DataType::Utf8, false)), email.clone())]);
    let batch =
        RecordBatch::try_from_iter([("id", id), ("note", email), ("contact", Arc::new(contact) as ArrayRef)]).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(compression)
        .set_max_row_group_row_count(Some(rows.div_ceil(2).max(1)))
        .set_data_page_row_count_limit(16)
        .set_write_batch_size(16)
        .build();
    let mut w = parquet::arrow::ArrowWriter::try_new(Vec::new(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.into_inner().unwrap()
}

/// The footer's byte range in a Parquet object.
pub fn footer_range(file: &[u8]) -> Option<std::ops::Range<usize>> {
    let n = file.len();
    let len = u32::from_le_bytes(file.get(n.checked_sub(8)?..n - 4)?.try_into().ok()?) as usize;
    Some(n.checked_sub(8 + len)?..n - 8)
}

/// `file` with byte `at` of its decoded ARROW:schema set to `value` (the
/// base64 text keeps its length, so the footer stays well-formed).
pub fn arrow_schema_mutated(file: &[u8], at: usize, value: u8) -> Option<Vec<u8>> {
    let footer = footer_range(file)?;
    let key = b"ARROW:schema";
    let k = file[footer.clone()].windows(key.len()).position(|w| w == key)? + footer.start + key.len();
    // The value follows as a binary field: a header byte, a varint length.
    let mut p = k + 1;
    let mut len = 0usize;
    let mut shift = 0;
    loop {
        let b = *file.get(p)?;
        len |= usize::from(b & 0x7f) << shift;
        shift += 7;
        p += 1;
        if b & 0x80 == 0 {
            break;
        }
    }
    let text = file.get(p..p + len)?;
    let engine = base64::engine::general_purpose::STANDARD;
    let mut decoded = engine.decode(text).ok()?;
    let i = at % decoded.len().max(1);
    decoded.get(i)?;
    decoded[i] = value;
    let encoded = engine.encode(&decoded);
    (encoded.len() == len).then(|| {
        let mut out = file.to_vec();
        out[p..p + len].copy_from_slice(encoded.as_bytes());
        out
    })
}
