//! Page decompression for sampling, which reads the first part of a page
//! rather than all of it: a compressed stream's prefix determines a prefix
//! of its text, and that is all a sample of a page's first rows needs.
//! Snappy and LZ4 blocks are decoded by the small prefix decoders here
//! (the crates decode only whole blocks); gzip and zstd stream. A whole
//! page is decompressed by the codec crates themselves, which are also the
//! reference the prefix decoders are tested against. Output never exceeds
//! the cap the caller gives (the page's declared size, within the limits).

use parquet::basic::Compression;
use std::io::Read;

/// The codecs a page may be sampled from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Codec {
    Uncompressed,
    Snappy,
    Gzip,
    Zstd,
    Lz4Raw,
}

impl Codec {
    /// The codec of a column chunk; `None` for the rare ones sampling
    /// leaves to the parquet crate (LZ4 with Hadoop framing, Brotli, LZO).
    pub(crate) fn of(compression: Compression) -> Option<Self> {
        match compression {
            Compression::UNCOMPRESSED => Some(Self::Uncompressed),
            Compression::SNAPPY => Some(Self::Snappy),
            Compression::GZIP(_) => Some(Self::Gzip),
            Compression::ZSTD(_) => Some(Self::Zstd),
            Compression::LZ4_RAW => Some(Self::Lz4Raw),
            _ => None,
        }
    }

    /// Decompresses a whole page body to exactly `size` bytes (its header's
    /// uncompressed size, already held to the limits).
    pub(crate) fn whole(self, input: &[u8], size: usize) -> Result<Vec<u8>, String> {
        let out = match self {
            Self::Uncompressed => input.to_vec(),
            Self::Snappy => {
                let claimed = snap::raw::decompress_len(input).map_err(|e| e.to_string())?;
                if claimed != size {
                    return Err(format!("snappy block of {claimed} bytes in a page of {size}"));
                }
                snap::raw::Decoder::new().decompress_vec(input).map_err(|e| e.to_string())?
            }
            Self::Lz4Raw => lz4_flex::block::decompress(input, size).map_err(|e| e.to_string())?,
            Self::Gzip | Self::Zstd => {
                let mut out = Vec::with_capacity(size);
                self.stream(input).take(size as u64 + 1).read_to_end(&mut out).map_err(|e| e.to_string())?;
                out
            }
        };
        match out.len() == size {
            true => Ok(out),
            false => Err(format!("decompressed to {} bytes, the header says {size}", out.len())),
        }
    }

    /// The text that `prefix`, the first bytes of a page body, determines:
    /// at most `cap` bytes. Fails only on bytes no stream could hold.
    pub(crate) fn prefix(self, prefix: &[u8], cap: usize) -> Result<Vec<u8>, String> {
        match self {
            Self::Uncompressed => Ok(prefix[..prefix.len().min(cap)].to_vec()),
            Self::Snappy => snappy_prefix(prefix, cap),
            Self::Lz4Raw => lz4_prefix(prefix, cap),
            Self::Zstd => zstd_prefix(prefix, cap),
            Self::Gzip => {
                let mut out = Vec::new();
                let mut reader = self.stream(prefix).take(cap as u64);
                let mut buf = [0u8; 16 * 1024];
                // A stream cut short ends in an error after the text it holds.
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    out.extend_from_slice(&buf[..n]);
                }
                Ok(out)
            }
        }
    }

    fn stream(self, input: &[u8]) -> Box<dyn Read + '_> {
        match self {
            Self::Gzip => Box::new(flate2::read::MultiGzDecoder::new(input)),
            Self::Zstd => match zstd::stream::read::Decoder::with_buffer(input) {
                Ok(d) => Box::new(d),
                Err(e) => Box::new(Failing(Some(e))),
            },
            _ => unreachable!("only streams are read as streams"),
        }
    }
}

/// A zstd stream decoded block by block as far as `input` goes (the
/// reading decoder stops at the first block it cannot finish).
fn zstd_prefix(input: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    use zstd::stream::raw::{Decoder, InBuffer, Operation, OutBuffer};
    let mut decoder = Decoder::new().map_err(|e| e.to_string())?;
    let mut input = InBuffer::around(input);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 128 * 1024];
    while out.len() < cap {
        let before = input.pos();
        let mut output = OutBuffer::around(&mut buf[..]);
        if decoder.run(&mut input, &mut output).is_err() {
            break;
        }
        let n = output.pos();
        out.extend_from_slice(&buf[..n.min(cap - out.len())]);
        if n == 0 && input.pos() == before {
            break;
        }
    }
    Ok(out)
}

/// A reader that fails once.
struct Failing(Option<std::io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Copies `len` bytes from `offset` back in `out` (the ranges may overlap).
fn back_copy(out: &mut Vec<u8>, offset: usize, len: usize, cap: usize) -> Result<(), String> {
    if offset == 0 || offset > out.len() {
        return Err(format!("a copy {offset} bytes back with {} bytes decoded", out.len()));
    }
    let from = out.len() - offset;
    for i in 0..len.min(cap - out.len()) {
        let b = out[from + i];
        out.push(b);
    }
    Ok(())
}

/// A little-endian integer of `n` bytes at `at`, if all there.
fn le(input: &[u8], at: usize, n: usize) -> Option<usize> {
    let bytes = input.get(at..at + n)?;
    Some(bytes.iter().rev().fold(0usize, |acc, &b| acc << 8 | usize::from(b)))
}

/// Snappy's raw format (a length, then literals and back-references),
/// decoded as far as `input` goes.
fn snappy_prefix(input: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    let mut pos = 0;
    let mut total = 0usize;
    for shift in (0..35).step_by(7) {
        let Some(&b) = input.get(pos) else { return Ok(Vec::new()) };
        pos += 1;
        total |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
    }
    let cap = cap.min(total);
    let mut out = Vec::with_capacity(cap.min(1 << 20));
    while out.len() < cap {
        let Some(&tag) = input.get(pos) else { break };
        let (len, offset, used) = match tag & 3 {
            0 => {
                let (len, used) = match tag >> 2 {
                    n @ 0..60 => (usize::from(n) + 1, 1),
                    n => {
                        let extra = usize::from(n - 59);
                        let Some(len) = le(input, pos + 1, extra) else { break };
                        (len + 1, 1 + extra)
                    }
                };
                let start = pos + used;
                let end = start.saturating_add(len).min(input.len()).min(start.saturating_add(cap - out.len()));
                out.extend_from_slice(&input[start.min(end)..end]);
                pos = start.saturating_add(len);
                continue;
            }
            1 => {
                let Some(&low) = input.get(pos + 1) else { break };
                (usize::from((tag >> 2) & 7) + 4, usize::from(tag >> 5) << 8 | usize::from(low), 2)
            }
            2 => {
                let Some(offset) = le(input, pos + 1, 2) else { break };
                (usize::from(tag >> 2) + 1, offset, 3)
            }
            _ => {
                let Some(offset) = le(input, pos + 1, 4) else { break };
                (usize::from(tag >> 2) + 1, offset, 5)
            }
        };
        back_copy(&mut out, offset, len, cap)?;
        pos += used;
    }
    Ok(out)
}

/// An LZ4 block (sequences of literals and a back-reference), decoded as
/// far as `input` goes.
fn lz4_prefix(input: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    // A length continued by 255 bytes; `None` when the input ends first.
    fn length(input: &[u8], pos: &mut usize, mut len: usize) -> Option<usize> {
        if len == 15 {
            loop {
                let b = *input.get(*pos)?;
                *pos += 1;
                len += usize::from(b);
                if b != 255 {
                    break;
                }
            }
        }
        Some(len)
    }
    let mut out = Vec::with_capacity(cap.min(1 << 20));
    let mut pos = 0;
    while out.len() < cap {
        let Some(&token) = input.get(pos) else { break };
        pos += 1;
        let Some(literals) = length(input, &mut pos, usize::from(token >> 4)) else { break };
        let end = pos.saturating_add(literals).min(input.len()).min(pos.saturating_add(cap - out.len()));
        out.extend_from_slice(&input[pos.min(end)..end]);
        pos = pos.saturating_add(literals);
        if out.len() >= cap {
            break;
        }
        let (Some(offset), Some(_)) = (le(input, pos, 2), input.get(pos + 1)) else { break };
        pos += 2;
        let Some(len) = length(input, &mut pos, usize::from(token & 15)) else { break };
        back_copy(&mut out, offset, len + 4, cap)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;

    fn compress(codec: Codec, text: &[u8]) -> Vec<u8> {
        match codec {
            Codec::Uncompressed => text.to_vec(),
            Codec::Snappy => snap::raw::Encoder::new().compress_vec(text).unwrap(),
            Codec::Lz4Raw => lz4_flex::block::compress(text),
            Codec::Gzip => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(text).unwrap();
                e.finish().unwrap()
            }
            Codec::Zstd => zstd::encode_all(text, 1).unwrap(),
        }
    }

    const CODECS: [Codec; 5] = [Codec::Uncompressed, Codec::Snappy, Codec::Gzip, Codec::Zstd, Codec::Lz4Raw];

    /// Text with repeats, so that the compressors emit back-references of
    /// every length and distance.
    fn text() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec((prop::collection::vec(any::<u8>(), 0..40), 0usize..300, 0usize..4), 0..60).prop_map(
            |parts| {
                let mut out: Vec<u8> = Vec::new();
                for (fresh, back, times) in parts {
                    out.extend(&fresh);
                    for _ in 0..times {
                        let from = out.len().saturating_sub(back.max(1));
                        let piece: Vec<u8> = out[from..].iter().take(70).copied().collect();
                        out.extend(piece);
                    }
                }
                out
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every prefix of a compressed stream decodes to a prefix of the
        /// text the reference decoder gives for the whole stream, and the
        /// whole stream to all of it.
        #[test]
        fn prefixes_decode_to_prefixes_of_the_reference(text in text(), cut in 0.0f64..1.0, cap in 0usize..5000) {
            for codec in CODECS {
                let compressed = compress(codec, &text);
                let whole = codec.whole(&compressed, text.len()).unwrap();
                prop_assert_eq!(&whole, &text);
                prop_assert_eq!(&codec.prefix(&compressed, usize::MAX).unwrap(), &text);
                let at = (compressed.len() as f64 * cut) as usize;
                let part = codec.prefix(&compressed[..at], cap).unwrap();
                prop_assert!(part.len() <= cap);
                prop_assert_eq!(&part[..], &text[..part.len()], "{:?} cut at {}", codec, at);
                let capped = codec.prefix(&compressed, cap).unwrap();
                prop_assert_eq!(&capped[..], &text[..cap.min(text.len())]);
            }
        }

        /// Bytes that are no stream at all fail or give some text, never
        /// more than the cap, and never panic.
        #[test]
        fn garbage_is_bounded(bytes in prop::collection::vec(any::<u8>(), 0..400), cap in 0usize..3000) {
            for codec in CODECS {
                if let Ok(out) = codec.prefix(&bytes, cap) {
                    prop_assert!(out.len() <= cap);
                }
                let _ = codec.whole(&bytes, cap);
            }
        }
    }

    #[test]
    fn a_long_prefix_decodes_the_head_of_a_page() {
        let mut rng = crate::sample::plan::Rng::new(1, "codec");
        let text: Vec<u8> =
            (0..200_000).flat_map(|_| format!("user{:x}@example.com,", rng.below(1 << 24)).into_bytes()).collect();
        for codec in CODECS {
            let compressed = compress(codec, &text);
            let part = codec.prefix(&compressed[..compressed.len() / 3], usize::MAX).unwrap();
            assert!(
                part.len() > text.len() / 10,
                "{codec:?}: {} bytes of {} from {}",
                part.len(),
                text.len(),
                compressed.len()
            );
            assert_eq!(&part[..], &text[..part.len()]);
        }
    }
}
