//! Local files: object_store's local store, except for the names it
//! refuses. It keeps names ending in `#<digits>` for its own staging files
//! and will neither list nor read them, yet other writers use such names
//! (`part-00003#1`). The listing is lakeaudit's own ([`super::listing`]);
//! reads of those names go through here. Everything else is the local
//! store's.

use async_trait::async_trait;
use bytes::Bytes;
use futures::stream::BoxStream;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, GetResultPayload, ListResult, MultipartUpload, ObjectMeta, ObjectStore,
    PutMultipartOptions, PutOptions, PutPayload, PutResult, RenameOptions, Result,
};
use std::ops::Range;

/// The local file system.
#[derive(Debug, Default)]
pub(crate) struct LocalFiles {
    inner: LocalFileSystem,
}

impl std::fmt::Display for LocalFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LocalFiles({})", self.inner)
    }
}

/// Whether the local store refuses `location`: its file name ends in `#`
/// and digits.
fn refused(location: &Path) -> bool {
    location
        .filename()
        .and_then(|name| name.rsplit_once('#'))
        .is_some_and(|(_, digits)| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The file of `location`, mapped as the local store maps paths.
fn file_path(location: &Path) -> Result<std::path::PathBuf> {
    let mut url = url::Url::parse("file:///").expect("a valid URL");
    url.path_segments_mut().expect("a base URL").pop_if_empty().extend(location.parts());
    url.to_file_path().map_err(|()| object_store::Error::InvalidPath {
        source: object_store::path::Error::InvalidPath { path: location.as_ref().into() },
    })
}

fn io_error(location: &Path, e: std::io::Error) -> object_store::Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => object_store::Error::NotFound { path: location.to_string(), source: e.into() },
        _ => object_store::Error::Generic { store: "LocalFiles", source: e.into() },
    }
}

/// The version tag object_store's local store gives a file (inode, mtime
/// in microseconds, size), so listings and reads agree.
pub(crate) fn etag(m: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    let mtime =
        m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default().as_micros();
    format!("{:x}-{mtime:x}-{:x}", m.ino(), m.len())
}

/// The object at `location` for a refused name: its file, its metadata.
async fn open(location: &Path) -> Result<(std::fs::File, std::path::PathBuf, ObjectMeta)> {
    let path = file_path(location)?;
    let location = location.clone();
    tokio::task::spawn_blocking(move || {
        let file = std::fs::File::open(&path).map_err(|e| io_error(&location, e))?;
        let m = file.metadata().map_err(|e| io_error(&location, e))?;
        let meta = ObjectMeta {
            last_modified: m.modified().map(chrono::DateTime::from).unwrap_or_default(),
            size: m.len(),
            e_tag: Some(etag(&m)),
            version: None,
            location,
        };
        Ok((file, path, meta))
    })
    .await
    .map_err(|e| object_store::Error::Generic { store: "LocalFiles", source: e.into() })?
}

#[async_trait]
impl ObjectStore for LocalFiles {
    async fn put_opts(&self, location: &Path, payload: PutPayload, opts: PutOptions) -> Result<PutResult> {
        self.inner.put_opts(location, payload, opts).await
    }

    async fn put_multipart_opts(&self, location: &Path, opts: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        if !refused(location) {
            return self.inner.get_opts(location, options).await;
        }
        let (file, path, meta) = open(location).await?;
        let range = match &options.range {
            Some(r) => r
                .as_range(meta.size)
                .map_err(|e| object_store::Error::Generic { store: "LocalFiles", source: e.into() })?,
            None => 0..meta.size,
        };
        Ok(GetResult { payload: GetResultPayload::File(file, path), meta, range, attributes: Default::default() })
    }

    async fn get_ranges(&self, location: &Path, ranges: &[Range<u64>]) -> Result<Vec<Bytes>> {
        if !refused(location) {
            return self.inner.get_ranges(location, ranges).await;
        }
        let (file, _, meta) = open(location).await?;
        let (ranges, at) = (ranges.to_vec(), location.clone());
        tokio::task::spawn_blocking(move || {
            use std::os::unix::fs::FileExt;
            ranges
                .iter()
                .map(|r| {
                    let end = r.end.min(meta.size);
                    let mut buf = vec![0; end.saturating_sub(r.start) as usize];
                    file.read_exact_at(&mut buf, r.start).map_err(|e| io_error(&at, e))?;
                    Ok(Bytes::from(buf))
                })
                .collect()
        })
        .await
        .map_err(|e| object_store::Error::Generic { store: "LocalFiles", source: e.into() })?
    }

    fn delete_stream(&self, locations: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        self.inner.delete_stream(locations)
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.inner.list(prefix)
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        self.inner.list_with_delimiter(prefix).await
    }

    async fn copy_opts(&self, from: &Path, to: &Path, options: CopyOptions) -> Result<()> {
        self.inner.copy_opts(from, to, options).await
    }

    /// Renames as the local store does (an atomic rename, folders made as
    /// needed), also to a name it refuses: how `anonymize` puts a copy of
    /// `part-00003#1` in place.
    async fn rename_opts(&self, from: &Path, to: &Path, options: RenameOptions) -> Result<()> {
        if !refused(to) {
            return self.inner.rename_opts(from, to, options).await;
        }
        let (source, target, at) = (file_path(from)?, file_path(to)?, to.clone());
        tokio::task::spawn_blocking(move || {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io_error(&at, e))?;
            }
            std::fs::rename(&source, &target).map_err(|e| io_error(&at, e))
        })
        .await
        .map_err(|e| object_store::Error::Generic { store: "LocalFiles", source: e.into() })?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use object_store::ObjectStoreExt;

    #[test]
    fn refused_names_table() {
        for (name, want) in
            [("part-00003#1", true), ("a.csv#22", true), ("a#b", false), ("a#", false), ("a.csv", false)]
        {
            assert_eq!(refused(&Path::parse(format!("x/{name}")).unwrap()), want, "{name}");
        }
    }

    #[tokio::test]
    async fn names_the_local_store_refuses_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("part-00003#1");
        std::fs::write(&file, b"PAR1 and more").unwrap();
        let location = Path::from_absolute_path(&file).unwrap();
        let store = LocalFiles::default();
        assert!(store.inner.get(&location).await.is_err(), "the local store refuses it");
        assert_eq!(store.head(&location).await.unwrap().size, 13);
        assert_eq!(store.get_range(&location, 0..4).await.unwrap().as_ref(), b"PAR1");
        assert_eq!(store.get_ranges(&location, &[5..8, 9..13]).await.unwrap(), [&b"and"[..], b"more"]);
        assert_eq!(store.get(&location).await.unwrap().bytes().await.unwrap().len(), 13);
    }
}
