//! Sources: a URL (or a local path) becomes an `Arc<dyn ObjectStore>` and a
//! prefix, so local disk and cloud stores look the same to the pipeline.
//! URLs are kept in a display-safe form: no credentials, no query string.

pub mod format;
mod listing;

pub use listing::{Filters, list};

use crate::error::{Error, Result};
use object_store::ObjectStore;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use std::sync::Arc;
use url::Url;

/// A place in a store: what SOURCE, REPORT and DEST name.
#[derive(Debug, Clone)]
pub struct Location {
    /// The store.
    pub store: Arc<dyn ObjectStore>,
    /// Prefix inside the store.
    pub prefix: Path,
    /// `scheme://authority` without credentials (`file://`, `s3://bucket`).
    root: String,
}

impl Location {
    /// Parses a local path, `file://` URL or object-store URL. Credentials
    /// for cloud stores come from the environment.
    pub fn parse(s: &str, must_exist: bool) -> Result<Self> {
        if !s.contains("://") {
            return Self::local(std::path::Path::new(s), s, must_exist);
        }
        let url = Url::parse(s).map_err(|e| Error::Usage(format!("invalid URL {}: {e}", redact(s))))?;
        if url.scheme() == "file" {
            let path = url.to_file_path().map_err(|()| Error::Usage(format!("invalid file URL {}", redact(s))))?;
            return Self::local(&path, s, must_exist);
        }
        let (store, prefix) = object_store::parse_url_opts(&url, std::env::vars())
            .map_err(|e| Error::Usage(format!("unsupported location {}: {e}", redact(s))))?;
        let root = redact(&format!("{}://{}{}", url.scheme(), container_of(&url), url.host_str().unwrap_or_default()));
        let root = root.trim_end_matches('/').to_owned();
        Ok(Self { store: Arc::from(store), prefix, root })
    }

    fn local(path: &std::path::Path, shown: &str, must_exist: bool) -> Result<Self> {
        if !must_exist {
            std::fs::create_dir_all(path)
                .map_err(|e| Error::ReportWrite { url: redact(shown), message: e.to_string() })?;
        }
        let abs = std::fs::canonicalize(path).map_err(|_| Error::SourceNotFound(redact(shown)))?;
        let prefix = Path::from_absolute_path(&abs).map_err(|e| Error::Usage(format!("invalid path {shown}: {e}")))?;
        Ok(Self { store: Arc::new(LocalFileSystem::new()), prefix, root: "file://".into() })
    }

    /// The display-safe URL of a path in this store.
    pub fn url_of(&self, path: &Path) -> String {
        format!("{}/{}", self.root, path)
    }

    /// The display-safe URL of this location.
    pub fn url(&self) -> String {
        self.url_of(&self.prefix)
    }
}

/// `container@` of an `abfs(s)://container@account.dfs.core.windows.net`
/// URL, where the user-info part names the container; empty otherwise.
fn container_of(url: &Url) -> String {
    match url.scheme() {
        "abfs" | "abfss" if !url.username().is_empty() => format!("{}@", url.username()),
        _ => String::new(),
    }
}

/// A URL without credentials or query string (signatures), for display.
/// The user-info part is dropped, except an ADLS URL's container.
pub fn redact(s: &str) -> String {
    match Url::parse(s) {
        Ok(mut u) if u.scheme() != "file" => {
            let container = container_of(&u);
            let _ = u.set_password(None);
            let _ = u.set_username(container.trim_end_matches('@'));
            u.set_query(None);
            u.to_string()
        }
        _ => s.to_owned(),
    }
}

/// The logical table an object belongs to: its folder, with Hive partition
/// segments (`dt=2026-11-01`) removed.
pub fn dataset_of(location: &Location, object: &Path) -> String {
    let parts: Vec<_> = object.parts().collect();
    let folder = parts[..parts.len().saturating_sub(1)]
        .iter()
        .filter(|p| !p.as_ref().contains('='))
        .map(|p| p.as_ref())
        .collect::<Vec<_>>()
        .join("/");
    format!("{}/{folder}", location.root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_table() {
        for (url, want) in [
            ("s3://AKIAX:secret@bucket/p?X-Amz-Signature=abc", "s3://bucket/p"),
            ("https://u:p@host.example.com/a?sig=1", "https://host.example.com/a"),
            ("/local/path", "/local/path"),
            ("abfss://data@acct.dfs.core.windows.net/p?sv=1&sig=x", "abfss://data@acct.dfs.core.windows.net/p"),
            ("abfss://data:key@acct.dfs.core.windows.net/p", "abfss://data@acct.dfs.core.windows.net/p"),
        ] {
            assert_eq!(redact(url), want);
        }
    }

    #[test]
    fn datasets_drop_partitions() {
        let dir = tempfile::tempdir().unwrap();
        let loc = Location::parse(dir.path().to_str().unwrap(), true).unwrap();
        let obj = Path::from(format!("{}/sales/dt=2026-11-01/region=eu/part-0.parquet", loc.prefix));
        assert_eq!(dataset_of(&loc, &obj), format!("file:///{}/sales", loc.prefix));
        assert!(loc.url().starts_with("file:///"));
    }

    #[test]
    fn missing_source_is_a_clear_error() {
        let err = Location::parse("/definitely/not/here", true).unwrap_err();
        assert_eq!(err.to_string(), "source not found: /definitely/not/here");
    }
}
