//! CSV copies: the object is streamed through a blocking thread that undoes
//! its compression, reads records, rewrites the planned columns a chunk of
//! records at a time, and writes them with the same delimiter, header, line
//! ends and compression into a channel the upload drains.

use super::plan::ObjectPlan;
use super::rewrite::{Counts, Rewrite, Rewriter, lossless, raw_bytes};
use super::upload::Upload;
use crate::classify::leaves;
use crate::concurrency::streamed;
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::sample::csv::{Bom, Opened, csv_error, name_columns, open};
use crate::source::format::Compression;
use bytes::Bytes;
use object_store::ObjectStore;
use std::io::Write;
use std::sync::Arc;

/// Records rewritten at a time.
const CHUNK_ROWS: usize = 8192;
/// Bytes sent to the upload at a time.
const OUT_CHUNK: usize = 1 << 20;

/// A blocking `Write` that hands its bytes to the async upload.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Bytes>,
    buf: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= OUT_CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = Bytes::from(std::mem::take(&mut self.buf));
            self.tx.blocking_send(chunk).map_err(|_| std::io::Error::other("the upload stopped"))?;
        }
        Ok(())
    }
}

/// Copies one CSV object, rewritten, into `upload`.
pub(super) async fn copy(
    store: Arc<dyn ObjectStore>,
    plan: Arc<ObjectPlan>,
    compression: Compression,
    upload: &mut Upload,
    rewrite: Rewrite,
    limits: &Limits,
) -> Result<Counts> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Bytes>(4);
    let meta = plan.meta.clone();
    let limits = limits.clone();
    let work = streamed(store, &meta, move |input| {
        let out = ChannelWriter { tx, buf: Vec::new() };
        rewrite_records(open(input, compression, &limits, false)?, compression, out, rewrite.rewriter(&plan))
    });
    let drain = async {
        while let Some(chunk) = rx.recv().await {
            upload.write(chunk).await?;
        }
        Ok::<_, Error>(())
    };
    let (counts, drained) = tokio::join!(work, drain);
    drained?;
    counts
}

fn write_error(e: std::io::Error) -> Error {
    Error::Unreadable(format!("unable to write the copy: {e}"))
}

fn rewrite_records(
    opened: Opened,
    compression: Compression,
    out: ChannelWriter,
    mut rewriter: Rewriter<'_>,
) -> Result<Counts> {
    let mut opened = opened;
    let (delimiter, terminator, bom, header) = (opened.delimiter, opened.terminator, opened.bom, opened.header.take());
    let mut names = std::mem::take(&mut opened.names);
    let mut out = match compression {
        Compression::None => Encoder::Plain(out),
        Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(out, flate2::Compression::default())),
        Compression::Zstd => Encoder::Zstd(zstd::Encoder::new(out, 3).map_err(write_error)?),
    };
    if let Some(bom) = bom {
        out.write_all(bom.bytes()).map_err(write_error)?;
    }
    let out = Text { inner: out, utf16: bom.filter(|b| *b != Bom::Utf8), pending: Vec::new() };
    let mut writer =
        ::csv::WriterBuilder::new().delimiter(delimiter).terminator(terminator).flexible(true).from_writer(out);
    let kept = |rewriter: &Rewriter<'_>, names: &[String], i: usize| names.get(i).is_none_or(|n| rewriter.keeps(n));
    if let Some(h) = &header {
        let fields: Vec<&[u8]> =
            h.iter().enumerate().filter(|(i, _)| kept(&rewriter, &names, *i)).map(|(_, f)| f).collect();
        writer.write_record(fields).map_err(csv_error)?;
    }
    let mut chunk: Vec<::csv::ByteRecord> = Vec::with_capacity(CHUNK_ROWS);
    loop {
        chunk.clear();
        while chunk.len() < CHUNK_ROWS {
            match opened.next_record()? {
                Some(r) => chunk.push(r),
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        name_columns(&mut names, chunk.iter().map(::csv::ByteRecord::len).max().unwrap_or(0));
        // The planned columns of the chunk, rewritten.
        let mut replaced: Vec<(usize, Vec<Option<String>>)> = Vec::new();
        let paths: Vec<String> = names.iter().map(|n| leaves::segment(n).into_owned()).collect();
        let planned: Vec<usize> = (0..names.len()).filter(|&i| rewriter.planned(&paths[i]).is_some()).collect();
        for i in planned {
            // Bytes that are not UTF-8 (a Latin-1 export) come back exactly.
            let texts: Vec<Option<std::borrow::Cow<'_, str>>> = chunk.iter().map(|r| r.get(i).map(lossless)).collect();
            replaced.push((i, rewriter.column(&paths[i], texts.iter().map(|t| t.as_deref()))));
        }
        for (row, record) in chunk.iter().enumerate() {
            let mut fields: Vec<std::borrow::Cow<'_, [u8]>> = Vec::with_capacity(record.len());
            for (i, field) in record.iter().enumerate() {
                if !kept(&rewriter, &names, i) {
                    continue;
                }
                // A planned column's value: rewritten, or null (redacted),
                // which CSV writes as an empty field.
                let new = replaced.iter().find(|(c, _)| *c == i).map(|(_, v)| v[row].as_deref().unwrap_or(""));
                fields.push(new.map_or(field.into(), raw_bytes));
            }
            writer.write_record(fields.iter().map(|f| f.as_ref())).map_err(csv_error)?;
        }
    }
    let out = writer.into_inner().map_err(|e| write_error(std::io::Error::other(e.to_string())))?;
    out.inner.finish().map_err(write_error)?;
    Ok(rewriter.counts)
}

/// The text of the copy, encoded back to UTF-16 when the source was.
struct Text {
    inner: Encoder,
    utf16: Option<Bom>,
    /// The start of a UTF-8 sequence cut by the end of a write.
    pending: Vec<u8>,
}

impl Write for Text {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let Some(bom) = self.utf16 else { return self.inner.write(data) };
        self.pending.extend_from_slice(data);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(std::io::Error::other("the copy's text is not UTF-8")),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).expect("checked");
        let mut out = Vec::with_capacity(text.len() * 2);
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if bom == Bom::Utf16Le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        self.inner.write_all(&out)?;
        self.pending.drain(..valid);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The compression of the copy, finished explicitly: an error writing the
/// last bytes must fail the copy, not be lost in a drop.
enum Encoder {
    Plain(ChannelWriter),
    Gzip(flate2::write::GzEncoder<ChannelWriter>),
    Zstd(zstd::Encoder<'static, ChannelWriter>),
}

impl Encoder {
    fn finish(self) -> std::io::Result<()> {
        let mut inner = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(e) => e.finish()?,
            Encoder::Zstd(e) => e.finish()?,
        };
        inner.flush()
    }
}

impl Write for Encoder {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(data),
            Encoder::Gzip(e) => e.write(data),
            Encoder::Zstd(e) => e.write(data),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(e) => e.flush(),
            Encoder::Zstd(e) => e.flush(),
        }
    }
}
