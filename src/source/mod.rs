//! Sources: a URL (or a local path) becomes an `Arc<dyn ObjectStore>` and a
//! prefix, so local disk and cloud stores look the same to the pipeline.
//! URLs are kept in a display-safe form: no credentials, no query string.

pub mod format;
mod listing;
mod local;
mod metered;
mod names;
pub mod table;

pub use names::Names;

pub use listing::{Filters, Listed, list, list_below, shards};
pub(crate) use metered::REQUEST_BYTES;
pub use metered::{BytesRead, Metered};

use crate::error::{Error, Result};
use object_store::ObjectStore;
use object_store::limit::LimitStore;
use object_store::path::Path;
use std::sync::Arc;
use url::Url;

/// Requests a cloud store has in flight at most, per location: enough to
/// keep the sampled range reads of many objects going, few enough not to be
/// throttled.
const REQUESTS_IN_FLIGHT: usize = 64;

/// lakeaudit's own folder inside a location it writes data to (anonymize's
/// manifests in a copy): never listed as data.
pub const OWN_FOLDER: &str = "_lakeaudit";

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
    /// The same location, its reads counted: for one object's
    /// `bytes_read`.
    pub fn metered(&self) -> (Self, BytesRead) {
        let (store, read) = Metered::wrap(self.store.clone());
        (Self { store, ..self.clone() }, read)
    }

    /// Parses a local path, `file://` URL or object-store URL. Credentials
    /// for cloud stores come from the environment, then from `options`.
    pub fn parse(s: &str, must_exist: bool, options: &StorageOptions) -> Result<Self> {
        if !s.contains("://") {
            return Self::local(std::path::Path::new(s), s, must_exist);
        }
        let url = Url::parse(s).map_err(|e| Error::Usage(format!("invalid URL {}: {e}", redact(s))))?;
        if url.scheme() == "file" {
            let path = url.to_file_path().map_err(|()| Error::Usage(format!("invalid file URL {}", redact(s))))?;
            return Self::local(&path, s, must_exist);
        }
        options.check(&url)?;
        let settings = std::env::vars().map(|(k, v)| (k.to_ascii_lowercase(), v)).chain(options.0.iter().cloned());
        let (store, prefix) = object_store::parse_url_opts(&url, settings)
            .map_err(|e| Error::Usage(format!("unsupported location {}: {e}", redact(s))))?;
        let root = redact(&format!("{}://{}{}", url.scheme(), container_of(&url), url.host_str().unwrap_or_default()));
        let root = root.trim_end_matches('/').to_owned();
        // Requests are retried with exponential backoff on 5xx answers,
        // timeouts and broken connections (object_store's default: up to 10
        // times within 3 minutes); at most this many are in flight at once.
        let store = LimitStore::new(store, REQUESTS_IN_FLIGHT);
        Ok(Self { store: Arc::new(store), prefix, root })
    }

    fn local(path: &std::path::Path, shown: &str, must_exist: bool) -> Result<Self> {
        if !must_exist {
            std::fs::create_dir_all(path)
                .map_err(|e| Error::ReportWrite { url: redact(shown), message: e.to_string() })?;
        }
        let abs = std::fs::canonicalize(path).map_err(|_| Error::SourceNotFound(redact(shown)))?;
        let prefix = Path::from_absolute_path(&abs).map_err(|e| Error::Usage(format!("invalid path {shown}: {e}")))?;
        Ok(Self { store: Arc::new(local::LocalFiles::default()), prefix, root: "file://".into() })
    }

    /// The display-safe URL of a path in this store.
    pub fn url_of(&self, path: &Path) -> String {
        format!("{}/{}", self.root, path)
    }

    /// Whether the location is on local disk.
    pub fn is_local(&self) -> bool {
        self.root == "file://"
    }

    /// The display-safe URL of this location.
    pub fn url(&self) -> String {
        self.url_of(&self.prefix)
    }
}

/// Store settings from `--storage-option KEY=VALUE`, applied over the
/// environment's (`aws_endpoint=http://127.0.0.1:9000`,
/// `azure_storage_account_name=...`): object_store's configuration keys,
/// any case. Values may be secrets: they are never shown, not even by
/// `--show-settings`.
#[derive(Clone, Default)]
pub struct StorageOptions(Vec<(String, String)>);

impl StorageOptions {
    /// Parses `KEY=VALUE` pairs.
    pub fn parse(pairs: &[String]) -> Result<Self> {
        let parse = |pair: &String| match pair.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_ascii_lowercase(), v.to_owned())),
            _ => Err(Error::Usage(format!(
                "--storage-option wants KEY=VALUE, not '{}'",
                pair.split('=').next().unwrap_or("")
            ))),
        };
        pairs.iter().map(parse).collect::<Result<_>>().map(Self)
    }

    /// Fails on a key the store of `url` does not know (a typo would
    /// otherwise be ignored).
    fn check(&self, url: &Url) -> Result<()> {
        use object_store::ObjectStoreScheme as S;
        let Ok((scheme, _)) = S::parse(url) else { return Ok(()) };
        for (key, _) in &self.0 {
            let known = match scheme {
                S::AmazonS3 => key.parse::<object_store::aws::AmazonS3ConfigKey>().is_ok(),
                S::MicrosoftAzure => key.parse::<object_store::azure::AzureConfigKey>().is_ok(),
                S::GoogleCloudStorage => key.parse::<object_store::gcp::GoogleConfigKey>().is_ok(),
                _ => false,
            };
            if !known {
                return Err(Error::Usage(format!("unknown storage option '{key}' for {}:// locations", url.scheme())));
            }
        }
        Ok(())
    }
}

impl std::fmt::Debug for StorageOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(k, _)| format!("{k}=***"))).finish()
    }
}

impl serde::Serialize for StorageOptions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|(k, _)| format!("{k}=***")))
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

/// The path of `object` below `prefix` (`sales/dt=1/a.parquet`): what
/// globs match and what seeds an object's sample.
pub fn below(prefix: &Path, object: &Path) -> String {
    object.parts().skip(prefix.parts().count()).map(|p| p.as_ref().to_owned()).collect::<Vec<_>>().join("/")
}

/// Hive's folder name for a null partition value.
pub const HIVE_NULL: &str = "__HIVE_DEFAULT_PARTITION__";

/// A folder name's partition column and value, unescaped (`None`: null),
/// if it is one (`key=value`).
pub fn hive_folder(name: &str) -> Option<(String, Option<String>)> {
    let (key, value) = name.split_once('=')?;
    if key.is_empty() {
        return None;
    }
    let unescape = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    Some((unescape(key), (value != HIVE_NULL).then(|| unescape(value))))
}

/// The Hive partitions an object's folders below `prefix` name
/// (`contact=jane%40example.org/`), by column, unescaped.
pub fn hive_partitions(prefix: &Path, object: &Path) -> Vec<(String, Option<String>)> {
    let parts: Vec<_> = object.parts().skip(prefix.parts().count()).collect();
    let folders = &parts[..parts.len().saturating_sub(1)];
    folders.iter().filter_map(|p| hive_folder(p.as_ref())).collect()
}

/// A dataset named for a reader of its source's results: its path below
/// the source's URL, `.` for the source itself.
pub fn dataset_name<'a>(source: &str, dataset: &'a str) -> &'a str {
    let root = source.trim_end_matches('/');
    match dataset.strip_prefix(root) {
        Some("" | "/") => ".",
        Some(rel) if rel.starts_with('/') => &rel[1..],
        _ => dataset,
    }
}

/// The logical table an object belongs to: its folder, with Hive partition
/// segments (`dt=2026-11-01`) removed.
pub fn dataset_of(location: &Location, object: &Path) -> String {
    let parts: Vec<_> = object.parts().collect();
    let folder = parts[..parts.len().saturating_sub(1)]
        .iter()
        .filter(|p| hive_folder(p.as_ref()).is_none())
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
    fn hive_folders_table() {
        for (name, want) in [
            ("contact=jane%40example.org", Some(("contact", Some("jane@example.org")))),
            ("city=New York", Some(("city", Some("New York")))),
            ("d=__HIVE_DEFAULT_PARTITION__", Some(("d", None))),
            ("empty=", Some(("empty", Some("")))),
            ("=x", None),
            ("plain", None),
        ] {
            let got = hive_folder(name);
            let want = want.map(|(k, v)| (k.to_owned(), v.map(str::to_owned)));
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn datasets_are_named_below_their_source() {
        for (dataset, want) in [
            ("s3://b/lake", "."),
            ("s3://b/lake/crm/customers", "crm/customers"),
            ("s3://b/lakehouse/crm", "s3://b/lakehouse/crm"),
            ("s3://b/other", "s3://b/other"),
        ] {
            assert_eq!(dataset_name("s3://b/lake/", dataset), want, "{dataset}");
        }
    }

    #[test]
    fn datasets_drop_partitions() {
        let dir = tempfile::tempdir().unwrap();
        let loc = Location::parse(dir.path().to_str().unwrap(), true, &StorageOptions::default()).unwrap();
        let obj = Path::from(format!("{}/sales/dt=2026-11-01/region=eu/part-0.parquet", loc.prefix));
        assert_eq!(dataset_of(&loc, &obj), format!("file:///{}/sales", loc.prefix));
        assert!(loc.url().starts_with("file:///"));
    }

    #[test]
    fn missing_source_is_a_clear_error() {
        let err = Location::parse("/definitely/not/here", true, &StorageOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "source not found: /definitely/not/here");
    }

    #[test]
    fn storage_options_are_checked_per_store_and_never_shown() {
        let opts =
            StorageOptions::parse(&["AWS_Endpoint=http://127.0.0.1:9".into(), "aws_secret_access_key=s3cr3t".into()])
                .unwrap();
        assert!(opts.check(&Url::parse("s3://b/p").unwrap()).is_ok());
        let err = opts.check(&Url::parse("gs://b/p").unwrap()).unwrap_err();
        assert_eq!(err.to_string(), "unknown storage option 'aws_endpoint' for gs:// locations");
        let shown = format!("{opts:?} {}", serde_json::to_string(&opts).unwrap());
        assert!(!shown.contains("s3cr3t") && shown.contains("aws_secret_access_key=***"), "{shown}");
        assert!(StorageOptions::parse(&["novalue".into()]).is_err());
    }
}
