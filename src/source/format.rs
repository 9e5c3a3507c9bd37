//! Format detection by name: what reader an object needs, or why it is
//! skipped. The readers then check the bytes (magic numbers) against the
//! name, so a mislabelled object fails with a message naming both.

/// Compression of a CSV object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Compression {
    /// Plain text.
    None,
    /// gzip (RFC 1952), possibly multi-member.
    Gzip,
    /// Zstandard (RFC 8878).
    Zstd,
}

/// A format lakeaudit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Apache Parquet.
    Parquet,
    /// Delimited text.
    Csv(Compression),
}

impl Format {
    /// Short name for the report's `format` column.
    pub fn name(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv(Compression::None) => "csv",
            Format::Csv(Compression::Gzip) => "csv.gz",
            Format::Csv(Compression::Zstd) => "csv.zst",
        }
    }
}

/// What the name of an object says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// A format lakeaudit reads.
    Known(Format),
    /// No extension (Hive and Spark write `part-00000`): the magic bytes decide.
    Sniff,
    /// Not read, with the reason.
    Skip(String),
}

const TEXT: &[&str] = &["csv", "tsv", "psv", "tab"];
const DATA_UNSUPPORTED: &[&str] = &["json", "jsonl", "ndjson", "avro", "orc", "xlsx", "xls", "arrow", "feather"];

/// Detects the format of an object from its file name.
pub fn detect(name: &str) -> Detected {
    let lower = name.to_ascii_lowercase();
    let mut parts = lower.rsplit('.');
    let last = parts.next().unwrap_or_default();
    let before = parts.next();
    let compressed = |c| match before {
        Some(ext) if TEXT.contains(&ext) => Detected::Known(Format::Csv(c)),
        _ => Detected::Skip(format!("not a data file: compressed .{last} of unknown content")),
    };
    match (last, before) {
        (_, None) if lower.starts_with('_') || lower.starts_with('.') => Detected::Skip("marker or hidden file".into()),
        (_, None) => Detected::Sniff,
        ("parquet" | "parq" | "pq", _) => Detected::Known(Format::Parquet),
        (ext, _) if TEXT.contains(&ext) => Detected::Known(Format::Csv(Compression::None)),
        ("gz" | "gzip", _) => compressed(Compression::Gzip),
        ("zst" | "zstd", _) => compressed(Compression::Zstd),
        (ext, _) if DATA_UNSUPPORTED.contains(&ext) => Detected::Skip(format!("unsupported format: .{ext}")),
        (ext, _) => Detected::Skip(format!("not a data file: .{ext}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (name, want) in [
            ("part-0.parquet", Detected::Known(Format::Parquet)),
            ("a.snappy.parquet", Detected::Known(Format::Parquet)),
            ("x.CSV", Detected::Known(Format::Csv(Compression::None))),
            ("x.tsv", Detected::Known(Format::Csv(Compression::None))),
            ("x.csv.gz", Detected::Known(Format::Csv(Compression::Gzip))),
            ("x.csv.zst", Detected::Known(Format::Csv(Compression::Zstd))),
            ("part-00000", Detected::Sniff),
            ("_SUCCESS", Detected::Skip("marker or hidden file".into())),
            ("x.json", Detected::Skip("unsupported format: .json".into())),
            ("notes.md", Detected::Skip("not a data file: .md".into())),
            ("x.tar.gz", Detected::Skip("not a data file: compressed .gz of unknown content".into())),
        ] {
            assert_eq!(detect(name), want, "{name}");
        }
    }
}
