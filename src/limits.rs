//! What one object may cost, whatever it claims: a footer, a page, a CSV
//! record, a schema's depth and width, and how much of a compressed CSV a
//! sample reads. An object over a limit fails alone with a message naming
//! the limit (`[limits]` in the config file sets them); lakeaudit's own
//! inputs (config, policy and key files) are held to fixed sizes.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

const MIB: u64 = 1024 * 1024;

/// Bytes a config, policy or recognizer file may have.
pub const CONFIG_FILE_BYTES: u64 = 4 * MIB;
/// Bytes a key file may have.
pub const KEY_FILE_BYTES: u64 = 64 * 1024;
/// `--threads` at most.
pub const MAX_THREADS: usize = 1024;

/// Per-object limits (`[limits]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Bytes of a Parquet footer (its metadata).
    pub footer_bytes: u64,
    /// Bytes of one Parquet page once decompressed.
    pub page_bytes: u64,
    /// Levels of nesting in a Parquet schema.
    pub schema_depth: usize,
    /// Leaf columns of a Parquet object; fields of a CSV record.
    pub columns: usize,
    /// Bytes of one CSV record (a line, or more with quoted line breaks).
    pub record_bytes: u64,
    /// Decompressed bytes of a gzip or zstd CSV that a sample reads (the
    /// sample is drawn from them; `--full` reads everything).
    pub sample_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            footer_bytes: 64 * MIB,
            page_bytes: 256 * MIB,
            schema_depth: 64,
            columns: 10_000,
            record_bytes: 16 * MIB,
            sample_bytes: 64 * MIB,
        }
    }
}

impl Limits {
    /// Fails on a limit of zero (nothing could be read).
    pub fn check(&self) -> Result<()> {
        let zero = [
            ("footer_bytes", self.footer_bytes == 0),
            ("page_bytes", self.page_bytes == 0),
            ("schema_depth", self.schema_depth == 0),
            ("columns", self.columns == 0),
            ("record_bytes", self.record_bytes == 0),
            ("sample_bytes", self.sample_bytes == 0),
        ];
        match zero.iter().find(|(_, z)| *z) {
            Some((name, _)) => Err(Error::Config(format!("limits.{name} must be at least 1"))),
            None => Ok(()),
        }
    }
}

/// The message of an object over a limit.
pub fn exceeded(what: &str, value: impl std::fmt::Display, name: &str, limit: impl std::fmt::Display) -> String {
    format!("{what} ({value}) is over the limit of {limit} (limits.{name})")
}

/// Reads one of lakeaudit's own text inputs (`what`: "config file",
/// "key file"), refusing more than `limit` bytes: `/dev/zero` or a
/// mistaken path fails at once instead of filling memory.
pub fn read_input(path: &Path, what: &str, limit: u64) -> Result<String> {
    let file = std::fs::File::open(path)
        .map_err(|e| Error::Config(format!("unable to read {what} {}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Config(format!("unable to read {what} {}: {e}", path.display())))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Config(format!(
            "{what} {} is larger than {limit} bytes, the most it may have",
            path.display()
        )));
    }
    String::from_utf8(bytes).map_err(|_| Error::Config(format!("{what} {} is not UTF-8 text", path.display())))
}

/// A TOML parse error without the snippet of the file the `toml` crate
/// quotes: the file may be a key passed by mistake. Position and reason only.
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {}", e.message())
        }
        None => e.message().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_inputs_are_bounded_and_never_quoted() {
        let err = read_input(Path::new("/dev/zero"), "config file", 1024).unwrap_err().to_string();
        assert!(err.contains("larger than 1024 bytes"), "{err}");
        let key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let e = toml::from_str::<toml::Table>(key).unwrap_err();
        let shown = toml_error(key, &e);
        assert!(!shown.contains("0011") && shown.starts_with("line 1, column"), "{shown}");
        assert!(Limits { columns: 0, ..Limits::default() }.check().unwrap_err().to_string().contains("limits.columns"));
    }
}
